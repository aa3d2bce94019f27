//! `astreinte solve` as a user runs it: the built binary on the public
//! `tiny` instance (validated by the referee check.py) and on broken inputs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench")
}

fn tiny() -> PathBuf {
    bench_dir().join("instances/tiny.json")
}

fn solve(scenario: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_astreinte"))
        .arg("solve")
        .arg(scenario)
        .arg("--out")
        .arg(out)
        .args(["--time-limit", "30"])
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn solving_tiny_writes_a_solution_check_py_accepts_with_180_uncovered_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tiny.solution.json");
    let run = solve(&tiny(), &out);
    assert_eq!(run.status.code(), Some(0), "stderr: {}", text(&run.stderr));
    let stdout = text(&run.stdout);
    assert!(
        stdout.starts_with("uncovered 180 min, bound 180, gap 0.00%, optimal, "),
        "summary: {stdout}"
    );
    assert_eq!(stdout.lines().count(), 1);

    let check = Command::new("python3")
        .arg(bench_dir().join("check.py"))
        .arg(tiny())
        .arg(&out)
        .arg("--json")
        .output()
        .expect("python3 runs check.py");
    assert_eq!(
        check.status.code(),
        Some(0),
        "check.py: {}",
        text(&check.stdout)
    );
    let verdict: Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(verdict["valid"], true);
    assert_eq!(verdict["score"]["uncovered_minutes"], 180);

    let sol: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(sol["solver"]["status"], "optimal");
    assert_eq!(sol["solver"]["bound"], 180);
    let explained = sol["uncovered"].as_array().expect("an uncovered array");
    let minutes: u64 = explained
        .iter()
        .map(|u| u["minutes"].as_u64().unwrap())
        .sum();
    assert_eq!(
        minutes, 180,
        "the explanations add up to the uncovered minutes"
    );
    for u in explained {
        assert_eq!(u["centre"], "C44");
        assert!(u["qualified"].as_u64().is_some() && u["missing"].as_u64().unwrap() > 0);
        assert_eq!(
            u["could_serve"], 0,
            "an optimal rota leaves nobody who could serve: {u}"
        );
    }
}

/// Writes `tiny.json` changed by `edit` and solves it.
fn solve_mutated(edit: impl FnOnce(&mut Value)) -> (Option<i32>, String, bool) {
    let mut scenario: Value = serde_json::from_slice(&std::fs::read(tiny()).unwrap()).unwrap();
    edit(&mut scenario);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("scenario.json");
    std::fs::write(&input, serde_json::to_vec(&scenario).unwrap()).unwrap();
    let out = dir.path().join("solution.json");
    let run = solve(&input, &out);
    (run.status.code(), text(&run.stderr), out.exists())
}

#[test]
fn malformed_scenarios_exit_2_naming_the_json_path() {
    type Edit = Box<dyn FnOnce(&mut Value)>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "volunteers[3].availability[0].end",
            Box::new(|s| {
                let a = &mut s["volunteers"][3]["availability"][0];
                a["end"] = a["start"].clone();
            }),
        ),
        (
            "timezone",
            Box::new(|s| s["timezone"] = json!("Mars/Olympus")),
        ),
        (
            "week_start",
            Box::new(|s| s["week_start"] = json!("2026-12-08")),
        ),
        (
            "rules.min_shift_minutes",
            Box::new(|s| s["rules"]["min_shift_minutes"] = json!(300)),
        ),
        (
            "demand[0].skill",
            Box::new(|s| s["demand"][0]["skill"] = json!("nope")),
        ),
        (
            "demand[2].required",
            Box::new(|s| s["demand"][2]["required"] = json!(-1)),
        ),
    ];
    for (path, edit) in cases {
        let (code, stderr, wrote) = solve_mutated(edit);
        assert_eq!(code, Some(2), "{path}: {stderr}");
        assert!(
            stderr.lines().any(|l| l.starts_with(&format!("{path}: "))),
            "{path} should start a line of: {stderr}"
        );
        assert!(!wrote, "{path}: no solution is written for bad input");
    }
}

#[test]
fn text_that_is_not_json_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("broken.json");
    std::fs::write(&input, b"{\"format\": ").unwrap();
    let run = solve(&input, &dir.path().join("out.json"));
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("JSON"), "{}", text(&run.stderr));
}

#[test]
fn a_missing_file_exits_2_with_its_name_and_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-scenario.json");
    let run = solve(&missing, &dir.path().join("out.json"));
    assert_eq!(run.status.code(), Some(2));
    let stderr = text(&run.stderr);
    assert!(stderr.contains("no-such-scenario.json"), "{stderr}");
    assert!(stderr.contains("cannot read file"), "{stderr}");
}

#[test]
fn help_documents_the_exit_codes() {
    let run = Command::new(env!("CARGO_BIN_EXE_astreinte"))
        .args(["solve", "--help"])
        .output()
        .unwrap();
    let help = text(&run.stdout);
    for needle in ["exit codes", "0  ", "1  ", "2  ", "bad input"] {
        assert!(help.contains(needle), "{needle:?} missing from:\n{help}");
    }
}
