//! `astreinte solve`: read a scenario, find the rota, explain what stays
//! uncovered, write the solution, print a one-line summary.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use solver::explain::explain_uncovered;
use solver::problem::Problem;
use solver::solution::{SolutionDoc, SolverInfo};
use solver::solve::{solve, Progress, SolveError, SolveOptions, SolveReport};

use crate::cli::CliError;

const EXIT_CODES: &str = "\
Codes de sortie / exit codes:
  0  résolu : optimal, ou limite de temps atteinte avec une solution valide
     solved: optimal, or time limit reached with a valid solution
  1  erreur interne, ou écriture de la solution impossible
     internal error, or the solution could not be written
  2  entrée invalide : fichier illisible ou scénario mal formé (chaque erreur
     nomme son chemin JSON, une par ligne), ou shifts verrouillés impossibles
     bad input: unreadable file or malformed scenario (each error names its
     JSON path, one per line), or locked shifts that break a hard rule";

/// Solve a rota-scenario/1 file and write a rota-solution/1 file.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct SolveArgs {
    /// Scenario file (rota-scenario/1 JSON).
    pub scenario: PathBuf,
    /// Where to write the solution (rota-solution/1 JSON).
    #[arg(long, short)]
    pub out: PathBuf,
    /// Wall-clock limit in seconds for the whole command (reading, solving,
    /// writing); the best rota found by then is written.
    #[arg(long, default_value_t = 60.0, value_parser = parse_seconds)]
    pub time_limit: f64,
    /// Solver threads (default: the number of cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

/// What one solve produced, for the summary line and the benchmark.
pub struct Solved {
    pub problem: Problem,
    pub report: SolveReport,
    /// Wall seconds from reading the file to writing the solution.
    pub wall_seconds: f64,
    /// Number of uncovered (centre, skill, slot run) entries explained.
    pub uncovered_entries: usize,
}

pub fn run(args: SolveArgs) -> Result<(), CliError> {
    // The solver's trace on request (`RUST_LOG=solver=debug`).
    if std::env::var_os("RUST_LOG").is_some() {
        crate::commands::serve::init_tracing();
    }
    let progress = std::io::stderr().is_terminal();
    let threads = args.threads.map_or_else(default_threads, usize::from);
    let solved = solve_file(
        &args.scenario,
        &args.out,
        args.time_limit,
        threads,
        progress,
    )?;
    println!("{}", summary(&solved));
    Ok(())
}

/// The stable one-line summary, e.g. `uncovered 15120 min, bound 15120, gap
/// 0.00%, optimal, 0.84 s, training shortfall 0 min, unpreferred 60 min`.
pub fn summary(s: &Solved) -> String {
    let r = &s.report;
    format!(
        "uncovered {} min, bound {}, gap {:.2}%, {}, {:.2} s, training shortfall {} min, unpreferred {} min",
        r.uncovered_minutes,
        show_bound(r.bound_minutes),
        r.gap * 100.0,
        r.status.as_str(),
        s.wall_seconds,
        r.training_shortfall_minutes,
        r.unpreferred_minutes
    )
}

/// A bound as an integer when it is one (within solver tolerance).
pub fn show_bound(b: f64) -> String {
    if (b - b.round()).abs() < 1e-6 {
        format!("{}", b.round() as i64)
    } else {
        format!("{b:.1}")
    }
}

pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 && x <= 1.0e6 => Ok(x),
        _ => Err(format!(
            "{s:?} : pas un nombre de secondes > 0 / not a number of seconds > 0"
        )),
    }
}

/// Reads and parses a scenario; unreadable or malformed input is `BadInput`
/// listing every error with its JSON path, one per line.
pub fn load(path: &Path) -> Result<Problem, CliError> {
    let bytes = std::fs::read(path).map_err(|e| {
        CliError::BadInput(format!(
            "{}: fichier illisible / cannot read file: {e}",
            path.display()
        ))
    })?;
    solver::parse_scenario(&bytes).map_err(|errs| {
        CliError::BadInput(format!(
            "{}: scénario invalide / invalid scenario ({} erreur(s) / error(s))\n{errs}",
            path.display(),
            errs.total
        ))
    })
}

/// Reads, solves, explains and writes one scenario; `progress` draws a bar
/// on stderr.
pub fn solve_file(
    scenario: &Path,
    out: &Path,
    time_limit: f64,
    threads: usize,
    progress: bool,
) -> Result<Solved, CliError> {
    let started = Instant::now();
    let problem = load(scenario)?;
    let opts = SolveOptions {
        time_limit: solver_budget(time_limit, started.elapsed().as_secs_f64()),
        threads: threads.max(1),
        previous: Vec::new(),
    };
    let bar = progress_bar(progress);
    let report = solve(&problem, &opts, &|p| on_progress(&bar, p)).map_err(|e| match e {
        SolveError::Infeasible(m) => CliError::BadInput(format!(
            "{}: aucune solution possible / no feasible rota: {m}",
            scenario.display()
        )),
        SolveError::Internal(m) => CliError::Internal(anyhow::anyhow!("solver: {m}")),
    })?;
    bar.finish_and_clear();
    let uncovered = explain_uncovered(&problem, &report.shifts);
    let info = SolverInfo {
        name: format!("astreinte {} (HiGHS)", env!("CARGO_PKG_VERSION")),
        seconds: report.seconds,
        status: report.status.as_str().to_string(),
        bound: Some(report.bound_minutes),
        gap: Some(report.gap),
    };
    let mut doc = SolutionDoc::new(&problem, &report.shifts, info);
    doc.uncovered = Some(serde_json::to_value(&uncovered).context("serialising explanations")?);
    std::fs::write(out, doc.to_json())
        .with_context(|| format!("cannot write / écriture impossible: {}", out.display()))?;
    Ok(Solved {
        problem,
        report,
        wall_seconds: started.elapsed().as_secs_f64(),
        uncovered_entries: uncovered.len(),
    })
}

/// The solver's share of the command's time limit: what reading left,
/// minus a reserve (2 % of the limit, at most 1 s) for explaining and
/// writing, and never below a tenth of the limit.
fn solver_budget(limit: f64, spent: f64) -> Duration {
    let reserve = (0.02 * limit).min(1.0);
    Duration::from_secs_f64((limit - spent - reserve).max(0.1 * limit))
}

fn progress_bar(visible: bool) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} {elapsed} {pos}/{len} composantes/components · {wide_msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message("lecture et préparation / reading and preparing");
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn on_progress(bar: &ProgressBar, p: Progress) {
    match p {
        Progress::Started { components } => {
            bar.set_length(components as u64);
            bar.set_message("résolution / solving");
        }
        Progress::ComponentDone {
            done,
            total,
            uncovered_minutes,
            bound_minutes,
        } => {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            let gap = if uncovered_minutes == 0 {
                0.0
            } else {
                (uncovered_minutes as f64 - bound_minutes) / uncovered_minutes as f64 * 100.0
            };
            bar.set_message(format!(
                "non couvert/uncovered {uncovered_minutes} min · borne/bound {} · écart/gap {gap:.2}%",
                show_bound(bound_minutes)
            ));
        }
        Progress::WholeSolve { centres } => {
            bar.set_message(format!(
                "amélioration sur l'ensemble des {centres} centres liés / \
                 improving over all {centres} linked centres"
            ));
        }
    }
}
