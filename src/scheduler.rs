//! Periodic scans: a tokio loop (started by `startup`) runs each task of
//! [`TASKS`] when it is due; [`run_due`] is the single step tests drive.
//!
//! Every task must be idempotent: the mail tasks queue messages under
//! unique outbox keys, so two scans (or two app instances scanning at the
//! same moment) queue each message once. To add a task, add a line to
//! [`TASKS`].

use std::collections::HashMap;
use std::time::Duration as StdDuration;

use anyhow::Context as _;
use chrono::NaiveDateTime;

use crate::db::{self, DbConnection, DbPool};

/// What a task gets besides the connection.
#[derive(Debug, Clone)]
pub struct Context {
    /// The moment the scan is for (UTC).
    pub now: NaiveDateTime,
    /// Base URL of links in mail, without a trailing slash.
    pub public_url: String,
}

/// One periodic task.
pub struct Task {
    /// Short name, for logs.
    pub name: &'static str,
    /// Minimum time between two runs of the background loop.
    pub every: StdDuration,
    /// One run; returns how many things it did (e.g. messages queued).
    pub run: fn(&mut DbConnection, &Context) -> anyhow::Result<usize>,
}

fn reminders(conn: &mut DbConnection, ctx: &Context) -> anyhow::Result<usize> {
    Ok(crate::notify::reminders::scan(
        conn,
        ctx.now,
        &ctx.public_url,
    )?)
}

fn availability_requests(conn: &mut DbConnection, ctx: &Context) -> anyhow::Result<usize> {
    Ok(crate::notify::availability::scan(
        conn,
        ctx.now,
        &ctx.public_url,
    )?)
}

fn qualification_notices(conn: &mut DbConnection, ctx: &Context) -> anyhow::Result<usize> {
    Ok(crate::notify::expiry::scan(conn, ctx.now, &ctx.public_url)?)
}

/// The registry of periodic tasks.
pub const TASKS: &[Task] = &[
    // Mail scans.
    Task {
        name: "shift_reminders",
        every: StdDuration::from_secs(60),
        run: reminders,
    },
    Task {
        name: "availability_requests",
        every: StdDuration::from_secs(15 * 60),
        run: availability_requests,
    },
    Task {
        name: "qualification_notices",
        every: StdDuration::from_secs(60 * 60),
        run: qualification_notices,
    },
    // Daily retention (anonymise former volunteers, purge the audit log).
    Task {
        name: "retention",
        every: StdDuration::from_secs(24 * 60 * 60),
        run: retention,
    },
];

// Daily retention.
fn retention(conn: &mut DbConnection, ctx: &Context) -> anyhow::Result<usize> {
    let report = crate::db::retention::run(conn, ctx.now)?;
    if !report.anonymised.is_empty() || report.audit_purged > 0 {
        tracing::info!(
            anonymised = report.anonymised.len(),
            audit_purged = report.audit_purged,
            "retention run"
        );
    }
    Ok(report.anonymised.len() + report.audit_purged)
}

/// Pause between two passes of the background loop.
pub const TICK: StdDuration = StdDuration::from_secs(60);

/// Runs every task once at `ctx.now`; returns (task name, count) per task.
/// A failing task is logged and does not stop the others.
pub fn run_due(conn: &mut DbConnection, ctx: &Context) -> Vec<(&'static str, usize)> {
    TASKS.iter().filter_map(|t| run_one(conn, ctx, t)).collect()
}

fn run_one(conn: &mut DbConnection, ctx: &Context, task: &Task) -> Option<(&'static str, usize)> {
    match (task.run)(conn, ctx) {
        Ok(n) => Some((task.name, n)),
        Err(e) => {
            tracing::error!(task = task.name, error = %format!("{e:#}"), "scheduled task failed");
            None
        }
    }
}

/// Starts the background loop on the current tokio runtime: every [`TICK`]
/// (the first pass one tick after start, so a server started for a short
/// task or a test sends nothing unasked), the tasks whose `every` has passed
/// since their last run in this process. Ends between two passes once
/// `stop` fires.
pub fn spawn(
    pool: DbPool,
    public_url: String,
    mut stop: crate::shutdown::Stop,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut last: HashMap<&'static str, std::time::Instant> = HashMap::new();
        loop {
            if stop.sleep(TICK).await || stop.is_stopping() {
                tracing::info!("scheduler stopped");
                break;
            }
            let due: Vec<&'static Task> = TASKS
                .iter()
                .filter(|t| last.get(t.name).is_none_or(|at| at.elapsed() >= t.every))
                .collect();
            for t in &due {
                last.insert(t.name, std::time::Instant::now());
            }
            let pool = pool.clone();
            let ctx = Context {
                now: db::now_utc(),
                public_url: public_url.clone(),
            };
            let done = tokio::task::spawn_blocking(move || -> anyhow::Result<usize> {
                let mut conn = pool.get().context("no database connection")?;
                Ok(due
                    .iter()
                    .filter_map(|t| run_one(&mut conn, &ctx, t))
                    .map(|(_, n)| n)
                    .sum())
            })
            .await;
            match done {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::error!(error = %format!("{e:#}"), "scheduler pass failed"),
                Err(e) => tracing::error!(error = %e, "scheduler task panicked"),
            }
        }
    })
}
