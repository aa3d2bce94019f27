//! `astreinte bench`: solve every public instance, validate each solution
//! with the referee `check.py`, print a Markdown table.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{anyhow, Context};
use serde_json::Value;

use super::solve::{default_threads, show_bound, solve_file, Solved};
use crate::cli::CliError;

/// Run the public benchmark instances and print a Markdown table.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Codes de sortie / exit codes: 0 every solution valid / toutes valides; \
1 a solution invalid or an instance failed / une solution invalide ou un échec; 2 bad arguments"
)]
pub struct BenchArgs {
    /// Wall-clock limit per instance, in seconds.
    #[arg(long, default_value_t = 60.0)]
    pub time_limit: f64,
    /// Solver threads (default: the number of cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Folder of instances (default: ../shared/bench/instances); check.py is
    /// looked for in its parent folder.
    #[arg(long)]
    pub instances: Option<PathBuf>,
    /// Only these instances (file names without .json), comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
}

/// One line of the table.
struct Row {
    name: String,
    volunteers: String,
    wall: String,
    uncovered: String,
    bound: String,
    gap: String,
    status: String,
    valid: bool,
    valid_text: String,
    peak: String,
}

pub fn run(args: BenchArgs) -> Result<(), CliError> {
    if !(args.time_limit.is_finite() && args.time_limit > 0.0) {
        return Err(CliError::BadInput(
            "--time-limit: must be > 0 / doit être > 0".into(),
        ));
    }
    let dir = instances_dir(args.instances.as_deref())?;
    let check = dir.join("..").join("check.py");
    let mut files = list_instances(&dir)?;
    if !args.only.is_empty() {
        for name in &args.only {
            if !files.iter().any(|(n, _, _)| n == name) {
                return Err(CliError::BadInput(format!(
                    "--only: instance inconnue / unknown instance {name:?} in {}",
                    dir.display()
                )));
            }
        }
        files.retain(|(n, _, _)| args.only.contains(n));
    }
    let threads = args.threads.map_or_else(default_threads, usize::from);
    let tmp = std::env::temp_dir().join(format!("astreinte-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    let mut rows = Vec::new();
    for (name, path, _) in &files {
        eprintln!("bench: {name} …");
        let out = tmp.join(format!("{name}.solution.json"));
        let row = match solve_file(path, &out, args.time_limit, threads, false) {
            Ok(s) => {
                let verdict = referee(&check, path, &out, &s);
                row_of(name, &s, verdict)
            }
            Err(e) => failed(name, &e.to_string()),
        };
        eprintln!(
            "bench: {name}: {} min, {} s, {}, valid {}",
            row.uncovered, row.wall, row.status, row.valid_text
        );
        rows.push(row);
    }
    println!("{}", table(&rows, args.time_limit, threads));
    let _ = std::fs::remove_dir_all(&tmp);
    let invalid = rows.iter().filter(|r| !r.valid).count();
    if invalid > 0 {
        return Err(CliError::Internal(anyhow!(
            "{invalid} solution(s) invalide(s) ou en échec / invalid or failed"
        )));
    }
    Ok(())
}

fn instances_dir(given: Option<&Path>) -> Result<PathBuf, CliError> {
    if let Some(d) = given {
        return if d.is_dir() {
            Ok(d.to_path_buf())
        } else {
            Err(CliError::BadInput(format!(
                "--instances: pas un dossier / not a folder: {}",
                d.display()
            )))
        };
    }
    let candidates = [
        PathBuf::from("../shared/bench/instances"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/instances"),
    ];
    candidates.into_iter().find(|d| d.is_dir()).ok_or_else(|| {
        CliError::BadInput(
            "dossier d'instances introuvable / instances folder not found: pass --instances DIR"
                .into(),
        )
    })
}

/// `(name, path, size)` of every `*.json` in `dir`, smallest file first.
fn list_instances(dir: &Path) -> Result<Vec<(String, PathBuf, u64)>, CliError> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry.context("reading the instances folder")?.path();
        if path.extension().is_some_and(|e| e == "json") {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            files.push((name, path, size));
        }
    }
    files.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
    Ok(files)
}

/// check.py's verdict: `Ok(uncovered)` when valid, else why not.
fn referee(check: &Path, scenario: &Path, solution: &Path, s: &Solved) -> Result<u64, String> {
    let out = Command::new("python3")
        .arg(check)
        .arg(scenario)
        .arg(solution)
        .arg("--json")
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    let v: Value = serde_json::from_slice(&out.stdout).map_err(|e| {
        format!(
            "check.py exit {:?}, unreadable output: {e}",
            out.status.code()
        )
    })?;
    if v["valid"] != Value::Bool(true) {
        let by_rule = v
            .get("violations_by_rule")
            .map_or_else(String::new, Value::to_string);
        return Err(format!("check.py: invalid {by_rule}"));
    }
    let theirs = v["score"]["uncovered_minutes"]
        .as_u64()
        .ok_or("check.py: no score")?;
    if theirs != s.report.uncovered_minutes {
        return Err(format!(
            "score mismatch: check.py {theirs}, solver {}",
            s.report.uncovered_minutes
        ));
    }
    Ok(theirs)
}

fn row_of(name: &str, s: &Solved, verdict: Result<u64, String>) -> Row {
    let r = &s.report;
    Row {
        name: name.to_string(),
        volunteers: thousands(s.problem.volunteers.len() as u64),
        wall: format!("{:.2}", s.wall_seconds),
        uncovered: thousands(r.uncovered_minutes),
        bound: bound_text(r.bound_minutes),
        gap: format!("{:.2}%", r.gap * 100.0),
        status: r.status.as_str().to_string(),
        valid: verdict.is_ok(),
        valid_text: match verdict {
            Ok(_) => "yes".into(),
            Err(e) => format!("**no**: {e}"),
        },
        peak: peak_memory(),
    }
}

fn failed(name: &str, error: &str) -> Row {
    let first = error.lines().next().unwrap_or("").replace('|', "/");
    Row {
        name: name.to_string(),
        volunteers: "–".into(),
        wall: "–".into(),
        uncovered: "–".into(),
        bound: "–".into(),
        gap: "–".into(),
        status: "error".into(),
        valid: false,
        valid_text: format!("**no**: {first}"),
        peak: peak_memory(),
    }
}

fn table(rows: &[Row], time_limit: f64, threads: usize) -> String {
    let mut t = String::from(
        "| instance | volunteers | wall s | uncovered min | bound | gap | status | valid (check.py) | peak RSS |\n\
         |---|---:|---:|---:|---:|---:|---|---|---:|\n",
    );
    for r in rows {
        t.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            r.name,
            r.volunteers,
            r.wall,
            r.uncovered,
            r.bound,
            r.gap,
            r.status,
            r.valid_text,
            r.peak
        ));
    }
    t.push_str(&format!(
        "\nTime limit {time_limit} s per instance, {threads} solver thread(s). Wall seconds include \
         reading the file, explaining and writing the solution. Peak RSS is the process's \
         high-water mark (VmHWM) after each instance, so it never decreases down the table."
    ));
    t
}

/// `VmHWM` of this process, e.g. `412 MiB` (`?` where /proc is missing).
fn peak_memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or_else(|| "?".into(), |kb| format!("{} MiB", kb.div_ceil(1024)))
}

/// A whole bound with thousands separators, else one decimal.
fn bound_text(b: f64) -> String {
    if b >= 0.0 && (b - b.round()).abs() < 1e-6 {
        thousands(b.round() as u64)
    } else {
        show_bound(b)
    }
}

/// 15120 → "15,120".
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
