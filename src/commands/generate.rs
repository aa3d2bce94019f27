//! `astreinte generate --week 2026-W50 [--centre CODE|ALL] [--publish]`:
//! generate a week's rota from the database through the same path as the
//! web page — a `jobs` row is enqueued, then run inline (progress bar on a
//! terminal) — and store it as a new draft (published with `--publish`).

use std::io::IsTerminal;
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::CliError;
use crate::commands::solve::show_bound;
use crate::config::JobsConfig;
use crate::db;
use crate::domain::week::IsoWeek;
use crate::jobs::{self, Ran, WorkerSettings};
use crate::rota::generate::{self, Enqueued, GenerateParams, GenerateResult, ProgressInfo};
use crate::scenario_build::Scope;

const EXIT_CODES: &str = "\
Codes de sortie / exit codes:
  0  planning enregistré (optimal, ou limite de temps atteinte avec un planning valide)
     rota stored (optimal, or time limit reached with a valid rota)
  1  erreur interne / internal error
  2  entrée invalide : semaine, centre, fuseaux mélangés, verrous impossibles, ou une
     génération de la même semaine déjà en cours
     bad input: week, centre, mixed time zones, impossible locks, or a generation of
     the same week already queued or running";

/// Generate a week's rota from the database and store it as a new draft.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub struct GenerateArgs {
    /// ISO week, e.g. 2026-W50 (or its Monday, 2026-12-07).
    #[arg(long)]
    pub week: String,
    /// `ALL` or a centre code.
    #[arg(long, default_value = "ALL")]
    pub centre: String,
    /// Publish the new version at once.
    #[arg(long)]
    pub publish: bool,
    /// Solver wall-clock limit in seconds [default: ASTREINTE_SOLVER_TIME_LIMIT or 60].
    #[arg(long)]
    pub time_limit: Option<f64>,
    /// Solver threads [default: ASTREINTE_SOLVER_THREADS or the number of cores].
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Database URL (`sqlite://PATH` or `postgres://...`).
    #[arg(long, env = "DATABASE_URL", default_value = db::DEFAULT_DATABASE_URL)]
    pub database_url: String,
}

pub fn run(args: GenerateArgs) -> Result<(), CliError> {
    let week: IsoWeek = args
        .week
        .parse()
        .map_err(|e: crate::domain::week::WeekError| CliError::BadInput(e.to_string()))?;
    if let Some(s) = args.time_limit {
        if !(s.is_finite() && s > 0.0) {
            return Err(CliError::BadInput(format!(
                "--time-limit {s} : pas un nombre de secondes > 0 / not a number of seconds > 0"
            )));
        }
    }
    let scope = Scope::parse(&args.centre);
    let config = JobsConfig::from_env().map_err(|e| CliError::BadInput(format!("{e:#}")))?;
    let pool = db::pool(&args.database_url, 4)?;
    if let Scope::Centre(code) = &scope {
        let mut conn = pool.get().context("no database connection")?;
        if db::centres::by_code(&mut conn, code)
            .context("reading centres")?
            .is_none()
        {
            return Err(CliError::BadInput(format!(
                "centre inconnu « {code} » / unknown centre \"{code}\""
            )));
        }
    }
    let mut params = GenerateParams::new(week, &scope);
    params.publish = args.publish;
    params.time_limit_seconds = args.time_limit;
    params.threads = args.threads.map(usize::from);
    let job_id = {
        let mut conn = pool.get().context("no database connection")?;
        match generate::enqueue(&mut conn, &params, None).context("enqueueing the job")? {
            Enqueued::New(id) => id,
            Enqueued::AlreadyActive(id) => {
                return Err(CliError::BadInput(format!(
                    "une génération de la semaine {week} ({}) est déjà en cours : travail {id} / \
                     a generation of week {week} ({}) is already queued or running: job {id}",
                    scope.as_str(),
                    scope.as_str()
                )))
            }
        }
    };
    let settings = WorkerSettings::from_config(&config);
    let bar = progress_bar(std::io::stderr().is_terminal());
    let ran = jobs::run_once_blocking(&pool, &settings, Some(job_id), &|p| on_progress(&bar, p))?;
    let ran = match ran {
        // A server's worker took the job first: follow it to the end.
        Ran::Nothing => follow(&pool, job_id, &bar)?,
        other => other,
    };
    bar.finish_and_clear();
    match ran {
        Ran::Done { result, .. } => {
            println!("{}", summary(job_id, &params, &result));
            Ok(())
        }
        Ran::Failed { error, .. } if error == jobs::INTERNAL_ERROR => {
            Err(CliError::Internal(anyhow::anyhow!("job {job_id}: {error}")))
        }
        Ran::Failed { error, .. } => Err(CliError::BadInput(format!("job {job_id}: {error}"))),
        Ran::Lost { .. } | Ran::Nothing => Err(CliError::Internal(anyhow::anyhow!(
            "job {job_id}: le travail a été repris par un autre processus / taken over by another process"
        ))),
    }
}

/// Waits for a job another process runs, showing its stored progress.
fn follow(pool: &db::DbPool, job_id: i32, bar: &ProgressBar) -> anyhow::Result<Ran> {
    loop {
        let job = {
            let mut conn = pool.get().context("no database connection")?;
            db::jobs::get(&mut conn, job_id)?.context("the job disappeared")?
        };
        if let Some(p) = job
            .progress
            .as_deref()
            .and_then(|p| serde_json::from_str::<ProgressInfo>(p).ok())
        {
            on_progress(bar, &p);
        }
        match job.status.as_str() {
            db::jobs::DONE => {
                let result: GenerateResult =
                    serde_json::from_str(job.result.as_deref().unwrap_or("null"))
                        .context("the job's result")?;
                return Ok(Ran::Done { job_id, result });
            }
            db::jobs::QUEUED | db::jobs::RUNNING => std::thread::sleep(Duration::from_millis(300)),
            _ => {
                return Ok(Ran::Failed {
                    job_id,
                    error: job.error.unwrap_or_default(),
                })
            }
        }
    }
}

/// The one-line summary, e.g. `rota 12 version 3 (C80 2026-W50): uncovered
/// 15120 min, bound 15120, gap 0.00%, optimal, 1.20 s, 812 shifts, changed 0`.
pub fn summary(job_id: i32, params: &GenerateParams, r: &GenerateResult) -> String {
    let mut s = format!(
        "rota {} version {} ({} {}): uncovered {} min, bound {}, gap {:.2}%, {}, {:.2} s, {} shifts, changed {}, job {}",
        r.rota_id,
        r.version,
        params.scope,
        params.week,
        r.uncovered_minutes,
        show_bound(r.bound_minutes),
        r.gap * 100.0,
        r.status,
        r.seconds,
        r.shifts,
        r.changed,
        job_id
    );
    if r.published {
        s.push_str(", published");
    }
    s
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
    bar.set_message("lecture de la base / reading the database");
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn on_progress(bar: &ProgressBar, p: &ProgressInfo) {
    match p.phase.as_str() {
        "building" => bar.set_message("lecture de la base / reading the database"),
        "storing" | "done" => bar.set_message("enregistrement / storing"),
        _ => {
            bar.set_length(p.components_total as u64);
            bar.set_position(p.components_done as u64);
            if let (Some(u), Some(b), Some(g)) = (p.uncovered_minutes, p.bound_minutes, p.gap) {
                bar.set_message(format!(
                    "non couvert/uncovered {u} min · borne/bound {} · écart/gap {:.2}%",
                    show_bound(b),
                    g * 100.0
                ));
            } else {
                bar.set_message("résolution / solving");
            }
        }
    }
}
