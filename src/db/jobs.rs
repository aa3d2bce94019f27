//! `jobs`: durable background jobs (rota generation). A job is enqueued
//! `queued`, claimed by one worker (`running`, its heartbeat rewritten while
//! it works), then `done` or `failed`. A `running` job whose heartbeat is
//! older than the lease (its worker died) is claimed again.
//!
//! Fencing: each claim increments `attempts`, and every later write of the
//! worker (heartbeat, progress, finish, fail) is conditional on the job being
//! still `running` with that attempt number. A worker that lost its claim
//! (paused past the lease, then woke up) writes nothing, so a job's result is
//! recorded exactly once.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::schema::jobs;
use super::{last_insert_id, DbConnection};

pub const QUEUED: &str = "queued";
pub const RUNNING: &str = "running";
pub const DONE: &str = "done";
pub const FAILED: &str = "failed";
pub const CANCELLED: &str = "cancelled";

/// A job taken again this many times after its worker died is failed
/// instead (it may be what kills the worker).
pub const MAX_ATTEMPTS: i32 = 3;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = jobs)]
pub struct Job {
    pub id: i32,
    pub kind: String,
    /// JSON parameters.
    pub params: String,
    pub status: String,
    /// JSON progress, rewritten while running and kept afterwards.
    pub progress: Option<String>,
    /// JSON result (e.g. the rota written).
    pub result: Option<String>,
    pub error: Option<String>,
    /// Number of claims so far; the current claim's fencing token.
    pub attempts: i32,
    pub created_by: Option<i32>,
    pub created_at: NaiveDateTime,
    pub started_at: Option<NaiveDateTime>,
    pub heartbeat_at: Option<NaiveDateTime>,
    pub finished_at: Option<NaiveDateTime>,
}

impl Job {
    /// Queued or running.
    pub fn is_active(&self) -> bool {
        self.status == QUEUED || self.status == RUNNING
    }
}

/// Adds a queued job; returns its id.
pub fn enqueue(
    conn: &mut DbConnection,
    kind: &str,
    params: &str,
    created_by: Option<i32>,
    now: NaiveDateTime,
) -> QueryResult<i32> {
    diesel::insert_into(jobs::table)
        .values((
            jobs::kind.eq(kind),
            jobs::params.eq(params),
            jobs::status.eq(QUEUED),
            jobs::attempts.eq(0),
            jobs::created_by.eq(created_by),
            jobs::created_at.eq(now),
        ))
        .execute(conn)?;
    last_insert_id(conn)
}

/// Serialises writers that check-then-enqueue on the same `key` (for
/// example "one generation per week and scope"): on PostgreSQL a
/// transaction-scoped advisory lock; SQLite already has a single writer (a
/// transaction whose snapshot went stale fails instead of writing).
/// Call inside a transaction.
pub fn lock_key(conn: &mut DbConnection, key: &str) -> QueryResult<()> {
    if let DbConnection::Postgres(pg) = conn {
        let mut h: i64 = 1_469_598_103_934_665_603_u64 as i64;
        for b in key.bytes() {
            h ^= i64::from(b);
            h = h.wrapping_mul(1_099_511_628_211);
        }
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<diesel::sql_types::BigInt, _>(h)
            .execute(pg)?;
    }
    Ok(())
}

pub fn get(conn: &mut DbConnection, id: i32) -> QueryResult<Option<Job>> {
    jobs::table
        .find(id)
        .select(Job::as_select())
        .first(conn)
        .optional()
}

/// Queued and running jobs of a kind, oldest first.
pub fn active_of_kind(conn: &mut DbConnection, kind: &str) -> QueryResult<Vec<Job>> {
    jobs::table
        .filter(jobs::kind.eq(kind))
        .filter(jobs::status.eq_any([QUEUED, RUNNING]))
        .order(jobs::id.asc())
        .select(Job::as_select())
        .load(conn)
}

/// Claimable at `now`: queued, or running with a heartbeat older than `lease`.
fn claimable_ids(
    conn: &mut DbConnection,
    only: Option<i32>,
    now: NaiveDateTime,
    lease: Duration,
) -> QueryResult<Vec<i32>> {
    let stale = now - lease;
    let due = jobs::status.eq(QUEUED).or(jobs::status
        .eq(RUNNING)
        .and(jobs::heartbeat_at.le(stale).assume_not_null()));
    let only_id = jobs::id
        .eq(only.unwrap_or(0))
        .or(only.is_none().into_sql::<diesel::sql_types::Bool>());
    if let DbConnection::Postgres(pg) = conn {
        // Several app instances: rows another transaction is claiming are
        // skipped instead of waited for.
        return jobs::table
            .filter(due)
            .filter(only_id)
            .order(jobs::id.asc())
            .select(jobs::id)
            .limit(1)
            .for_update()
            .skip_locked()
            .load(pg);
    }
    jobs::table
        .filter(due)
        .filter(only_id)
        .order(jobs::id.asc())
        .select(jobs::id)
        .limit(1)
        .load(conn)
}

/// Claims the oldest claimable job (or only job `only`), at `now`: sets it
/// `running`, bumps `attempts` (the claim's fencing token) and its
/// heartbeat. A job whose worker died [`MAX_ATTEMPTS`] times is failed
/// instead. The claim is a conditional UPDATE (and, on PostgreSQL, a
/// `SELECT … FOR UPDATE SKIP LOCKED`), so two workers never claim the same
/// job.
pub fn claim(
    conn: &mut DbConnection,
    only: Option<i32>,
    now: NaiveDateTime,
    lease: Duration,
) -> QueryResult<Option<Job>> {
    loop {
        // PostgreSQL: the row lock of `FOR UPDATE SKIP LOCKED` lasts for the
        // transaction. SQLite: no transaction, so a poll never waits for the
        // write lock; the conditional UPDATE alone decides the winner.
        let outcome = if conn.is_postgres() {
            conn.write_transaction(|c| claim_step(c, only, now, lease))?
        } else {
            claim_step(conn, only, now, lease)?
        };
        match outcome {
            Step::Claimed(job) => return Ok(Some(*job)),
            Step::Empty => return Ok(None),
            Step::Again => continue,
        }
    }
}

enum Step {
    Claimed(Box<Job>),
    Empty,
    /// Another worker won that job, or it was failed: look again.
    Again,
}

fn claim_step(
    c: &mut DbConnection,
    only: Option<i32>,
    now: NaiveDateTime,
    lease: Duration,
) -> QueryResult<Step> {
    let Some(id) = claimable_ids(c, only, now, lease)?.into_iter().next() else {
        return Ok(Step::Empty);
    };
    let Some(job) = get(c, id)? else {
        return Ok(Step::Again);
    };
    let stale = now - lease;
    let still_claimable = jobs::table
        .filter(jobs::id.eq(id))
        .filter(jobs::attempts.eq(job.attempts))
        .filter(
            jobs::status.eq(QUEUED).or(jobs::status
                .eq(RUNNING)
                .and(jobs::heartbeat_at.le(stale).assume_not_null())),
        );
    if job.attempts >= MAX_ATTEMPTS {
        diesel::update(still_claimable)
            .set((
                jobs::status.eq(FAILED),
                jobs::error.eq(Some(format!(
                    "abandonné après {MAX_ATTEMPTS} tentatives interrompues / \
                     abandoned after {MAX_ATTEMPTS} interrupted attempts"
                ))),
                jobs::finished_at.eq(Some(now)),
            ))
            .execute(c)?;
        return Ok(Step::Again);
    }
    let n = diesel::update(still_claimable)
        .set((
            jobs::status.eq(RUNNING),
            jobs::attempts.eq(job.attempts + 1),
            jobs::started_at.eq(Some(now)),
            jobs::heartbeat_at.eq(Some(now)),
            jobs::error.eq(None::<String>),
        ))
        .execute(c)?;
    if n == 1 {
        Ok(get(c, id)?.map_or(Step::Again, |j| Step::Claimed(Box::new(j))))
    } else {
        Ok(Step::Again)
    }
}

/// Rewrites the heartbeat (and the progress, when given). False when the
/// claim was lost: the caller must stop writing.
pub fn heartbeat(
    conn: &mut DbConnection,
    id: i32,
    attempt: i32,
    progress: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let target = jobs::table
        .filter(jobs::id.eq(id))
        .filter(jobs::status.eq(RUNNING))
        .filter(jobs::attempts.eq(attempt));
    let n = match progress {
        Some(p) => diesel::update(target)
            .set((jobs::heartbeat_at.eq(Some(now)), jobs::progress.eq(Some(p))))
            .execute(conn)?,
        None => diesel::update(target)
            .set(jobs::heartbeat_at.eq(Some(now)))
            .execute(conn)?,
    };
    Ok(n == 1)
}

/// Marks the claimed job done with its result. False when the claim was
/// lost (nothing written): run it inside the transaction that stores the
/// job's output, and roll back on false.
pub fn finish(
    conn: &mut DbConnection,
    id: i32,
    attempt: i32,
    result: &str,
    progress: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let target = jobs::table
        .filter(jobs::id.eq(id))
        .filter(jobs::status.eq(RUNNING))
        .filter(jobs::attempts.eq(attempt));
    let n = match progress {
        Some(p) => diesel::update(target)
            .set((
                jobs::status.eq(DONE),
                jobs::result.eq(Some(result)),
                jobs::progress.eq(Some(p)),
                jobs::finished_at.eq(Some(now)),
                jobs::heartbeat_at.eq(Some(now)),
            ))
            .execute(conn)?,
        None => diesel::update(target)
            .set((
                jobs::status.eq(DONE),
                jobs::result.eq(Some(result)),
                jobs::finished_at.eq(Some(now)),
                jobs::heartbeat_at.eq(Some(now)),
            ))
            .execute(conn)?,
    };
    Ok(n == 1)
}

/// Marks the claimed job failed with a message for the user (no personal
/// data). False when the claim was lost.
pub fn fail(
    conn: &mut DbConnection,
    id: i32,
    attempt: i32,
    error: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(
        jobs::table
            .filter(jobs::id.eq(id))
            .filter(jobs::status.eq(RUNNING))
            .filter(jobs::attempts.eq(attempt)),
    )
    .set((
        jobs::status.eq(FAILED),
        jobs::error.eq(Some(error)),
        jobs::finished_at.eq(Some(now)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Puts `running` jobs whose heartbeat is older than `lease` back in the
/// queue (their worker died); returns how many. [`claim`] also takes such
/// jobs directly; this makes them visible as queued sooner.
pub fn requeue_stale(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    lease: Duration,
) -> QueryResult<usize> {
    diesel::update(
        jobs::table
            .filter(jobs::status.eq(RUNNING))
            .filter(jobs::heartbeat_at.le(now - lease).assume_not_null()),
    )
    .set(jobs::status.eq(QUEUED))
    .execute(conn)
}

/// The latest `limit` jobs of a kind, newest first (for listings).
pub fn recent_of_kind(conn: &mut DbConnection, kind: &str, limit: i64) -> QueryResult<Vec<Job>> {
    jobs::table
        .filter(jobs::kind.eq(kind))
        .order(jobs::id.desc())
        .limit(limit)
        .select(Job::as_select())
        .load(conn)
}

/// Records on a rota the generation job that wrote it and its solver report.
pub fn attach_generation(
    conn: &mut DbConnection,
    rota_id: i32,
    job_id: i32,
    solver_report: &str,
) -> QueryResult<()> {
    use super::schema::rotas;
    diesel::update(rotas::table.find(rota_id))
        .set((
            rotas::job_id.eq(Some(job_id)),
            rotas::solver_report.eq(Some(solver_report)),
        ))
        .execute(conn)?;
    Ok(())
}
