//! The background jobs worker: one loop per app instance polls the `jobs`
//! table, claims one job (see `crate::db::jobs` for claiming and fencing),
//! and runs it on the blocking thread pool while a ticker thread rewrites
//! its heartbeat and progress. A job whose worker died (crash, kill,
//! restart) keeps a stale heartbeat and is claimed again after the lease,
//! so it survives a restart of the app; its result is written exactly once.
//!
//! [`run_once`] is the single step tests drive; [`spawn`] is the loop,
//! stopped by a shutdown signal at a safe point (between jobs: a running
//! job is finished and stored first).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::db::jobs::{self as jobs_db, Job};
use crate::db::DbPool;
use crate::rota::generate::{self, GenError, GenerateResult, ProgressInfo, SolverSettings};
use anyhow::Context;

/// How the worker runs jobs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorkerSettings {
    pub solver: SolverSettings,
    /// A running job whose heartbeat is older than this is taken again.
    pub lease: Duration,
    /// Pause between two polls of an empty queue.
    pub poll_interval: Duration,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        WorkerSettings {
            solver: SolverSettings::default(),
            lease: Duration::from_secs(60),
            poll_interval: Duration::from_secs(2),
        }
    }
}

impl WorkerSettings {
    /// Heartbeats come four times per lease (at most every 5 s).
    pub fn heartbeat_every(&self) -> Duration {
        (self.lease / 4).clamp(Duration::from_millis(100), Duration::from_secs(5))
    }

    fn lease_chrono(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.lease).unwrap_or(chrono::Duration::seconds(60))
    }
}

/// The error a job records when it failed for a reason the user cannot fix.
pub const INTERNAL_ERROR: &str =
    "erreur interne, voir le journal du serveur / internal error, see the server log";

/// Progress is written at most this often.
pub const PROGRESS_EVERY: Duration = Duration::from_millis(500);

/// What one [`run_once`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum Ran {
    /// No job was due.
    Nothing,
    Done {
        job_id: i32,
        result: GenerateResult,
    },
    Failed {
        job_id: i32,
        error: String,
    },
    /// The claim passed to another worker while this one ran: nothing stored.
    Lost {
        job_id: i32,
    },
}

/// Claims the oldest due job (or only `only`) and runs it to the end,
/// blocking the calling thread. `on_progress` sees every progress update
/// (the command line's progress bar).
pub fn run_once_blocking(
    pool: &DbPool,
    settings: &WorkerSettings,
    only: Option<i32>,
    on_progress: &(dyn Fn(&ProgressInfo) + Sync),
) -> anyhow::Result<Ran> {
    let lease = settings.lease_chrono();
    let claimed = {
        let mut conn = pool.get().context("no database connection")?;
        jobs_db::claim(&mut conn, only, crate::db::now_utc(), lease).context("claiming a job")?
    };
    match claimed {
        None => Ok(Ran::Nothing),
        Some(job) => run_claimed(pool, &job, settings, on_progress),
    }
}

/// [`run_once_blocking`] on the blocking thread pool.
pub async fn run_once(pool: &DbPool, settings: &WorkerSettings) -> anyhow::Result<Ran> {
    let pool = pool.clone();
    let settings = *settings;
    tokio::task::spawn_blocking(move || run_once_blocking(&pool, &settings, None, &|_| {}))
        .await
        .context("job task failed")?
}

struct Shared {
    info: ProgressInfo,
    dirty: bool,
}

/// Rewrites the job's heartbeat every `heartbeat_every`, and its progress
/// when it changed (at most every [`PROGRESS_EVERY`]), until `stop`.
fn ticker(
    pool: &DbPool,
    job: &Job,
    settings: &WorkerSettings,
    shared: &Mutex<Shared>,
    stop: &AtomicBool,
) {
    let beat_every = settings.heartbeat_every();
    let mut last_write = Instant::now();
    let mut last_progress = Instant::now() - PROGRESS_EVERY;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(50));
        let progress = {
            let mut s = match shared.lock() {
                Ok(s) => s,
                Err(p) => p.into_inner(),
            };
            if s.dirty && last_progress.elapsed() >= PROGRESS_EVERY {
                s.dirty = false;
                serde_json::to_string(&s.info).ok()
            } else {
                None
            }
        };
        if progress.is_none() && last_write.elapsed() < beat_every {
            continue;
        }
        let written = pool.get().map_err(anyhow::Error::from).and_then(|mut c| {
            jobs_db::heartbeat(
                &mut c,
                job.id,
                job.attempts,
                progress.as_deref(),
                crate::db::now_utc(),
            )
            .map_err(anyhow::Error::from)
        });
        match written {
            Ok(true) => {}
            Ok(false) => {
                // Finished, or the claim was lost: the store will tell.
                return;
            }
            Err(e) => {
                tracing::warn!(job_id = job.id, error = %format!("{e:#}"), "job heartbeat failed")
            }
        }
        last_write = Instant::now();
        if progress.is_some() {
            last_progress = Instant::now();
        }
    }
}

/// Runs a claimed job to the end: the result is stored (job `done`), or the
/// job is marked `failed` with a message for the user.
pub fn run_claimed(
    pool: &DbPool,
    job: &Job,
    settings: &WorkerSettings,
    on_progress: &(dyn Fn(&ProgressInfo) + Sync),
) -> anyhow::Result<Ran> {
    tracing::info!(job_id = job.id, kind = %job.kind, attempt = job.attempts, "job started");
    let started = Instant::now();
    let shared = Mutex::new(Shared {
        info: ProgressInfo::phase("building", 0.0),
        dirty: true,
    });
    let stop = AtomicBool::new(false);
    let update = |f: &dyn Fn(&mut ProgressInfo)| {
        let info = {
            let mut s = match shared.lock() {
                Ok(s) => s,
                Err(p) => p.into_inner(),
            };
            f(&mut s.info);
            s.info.elapsed_seconds = started.elapsed().as_secs_f64();
            s.dirty = true;
            s.info.clone()
        };
        // Outside the lock: a slow callback never holds up the ticker.
        on_progress(&info);
    };
    let outcome = std::thread::scope(|scope| {
        scope.spawn(|| ticker(pool, job, settings, &shared, &stop));
        let r = (|| -> Result<GenerateResult, GenError> {
            if job.kind != generate::KIND {
                return Err(GenError::Invalid(format!(
                    "type de travail inconnu / unknown job kind: {}",
                    job.kind
                )));
            }
            update(&|_| {});
            let prep = {
                let mut conn = pool.get().context("no database connection")?;
                generate::prepare(&mut conn, &job.params)?
            };
            update(&|i| i.phase = "solving".into());
            let report = generate::solve(&prep, settings.solver, &|p| update(&|i| i.apply(&p)))?;
            update(&|i| i.phase = "storing".into());
            let final_info = ProgressInfo {
                phase: "done".into(),
                components_done: report.components,
                components_total: report.components,
                uncovered_minutes: Some(report.uncovered_minutes),
                bound_minutes: Some(report.bound_minutes),
                gap: Some(report.gap),
                elapsed_seconds: started.elapsed().as_secs_f64(),
            };
            let mut conn = pool.get().context("no database connection")?;
            generate::store(&mut conn, job, &prep, &report, &final_info)
        })();
        stop.store(true, Ordering::Relaxed);
        r
    });
    let fail = |message: &str| -> anyhow::Result<bool> {
        let mut conn = pool.get().context("no database connection")?;
        Ok(jobs_db::fail(
            &mut conn,
            job.id,
            job.attempts,
            message,
            crate::db::now_utc(),
        )?)
    };
    match outcome {
        Ok(result) => {
            tracing::info!(
                job_id = job.id,
                rota_id = result.rota_id,
                changed = result.changed,
                seconds = started.elapsed().as_secs_f64(),
                "job done"
            );
            Ok(Ran::Done {
                job_id: job.id,
                result,
            })
        }
        Err(GenError::Lost) => {
            tracing::warn!(job_id = job.id, "job claim lost; nothing stored");
            Ok(Ran::Lost { job_id: job.id })
        }
        Err(GenError::Invalid(message)) => {
            tracing::info!(job_id = job.id, "job failed: refused input");
            if fail(&message)? {
                Ok(Ran::Failed {
                    job_id: job.id,
                    error: message,
                })
            } else {
                Ok(Ran::Lost { job_id: job.id })
            }
        }
        Err(e) => {
            tracing::error!(job_id = job.id, error = %format!("{e:#}"), "job failed");
            let message = INTERNAL_ERROR;
            if fail(message)? {
                Ok(Ran::Failed {
                    job_id: job.id,
                    error: message.to_string(),
                })
            } else {
                Ok(Ran::Lost { job_id: job.id })
            }
        }
    }
}

/// Wakes a waiting worker loop of this process at once (after an enqueue),
/// instead of at its next poll.
static WAKE: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// Tells this process's worker loop that a job was queued.
pub fn wake() {
    WAKE.notify_one();
}

/// Starts the worker loop on the current tokio runtime: runs due jobs one
/// after the other, polls every `poll_interval` when the queue is empty,
/// and ends when `stop` fires — between two jobs, never in the middle of
/// one (a running job is stored first; the shutdown's grace period bounds
/// the wait, after which the job's lease lets another instance redo it).
pub fn spawn(
    pool: DbPool,
    settings: WorkerSettings,
    mut stop: crate::shutdown::Stop,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if stop.is_stopping() {
                break;
            }
            match run_once(&pool, &settings).await {
                Ok(Ran::Nothing) => {}
                Ok(_) => continue,
                Err(e) => tracing::error!(error = %format!("{e:#}"), "job worker poll failed"),
            }
            let stopping = tokio::select! {
                s = stop.sleep(settings.poll_interval) => s,
                _ = WAKE.notified() => stop.is_stopping(),
            };
            if stopping {
                break;
            }
        }
        tracing::info!("job worker stopped");
    })
}

impl WorkerSettings {
    /// The worker's settings from the configuration.
    pub fn from_config(c: &crate::config::JobsConfig) -> WorkerSettings {
        WorkerSettings {
            solver: SolverSettings {
                time_limit: c.solver_time_limit,
                threads: c.solver_threads.max(1),
            },
            lease: c.lease,
            poll_interval: c.poll_interval,
        }
    }
}
