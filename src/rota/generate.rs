//! Rota generation: builds the week's problem from the database (published
//! shifts and the base draft's locked shifts locked), solves it with a
//! minimal-change term against the base draft, and stores the result as a
//! new draft version, with its solver report, in one transaction that also
//! marks the job done (fenced by the job's claim, so a job's draft is
//! written exactly once). Runs inside a `jobs` row of kind [`KIND`]; the
//! loop and the heartbeat live in `crate::jobs`.

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use solver::problem::{Problem, Role, Shift, SlotRange};
use solver::solve::{Progress, SolveOptions, SolveReport};

use crate::db::jobs::{self as jobs_db, Job};
use crate::db::{audit, centres, rotas, DbConnection};
use crate::domain::week::IsoWeek;
use crate::scenario_build::{build_problem, BuildError, BuiltScenario, Scope};

/// `jobs.kind` of a rota generation.
pub const KIND: &str = "rota.generate";

/// `jobs.params` of a generation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenerateParams {
    /// ISO week, `2026-W50`.
    pub week: String,
    /// `ALL` or a centre code.
    pub scope: String,
    /// "Re-générer" from this draft (else the week's latest draft).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_rota: Option<i32>,
    /// Publish the new version at once (command line `--publish`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub publish: bool,
    /// Overrides of the configured solver limits (command line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_seconds: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threads: Option<usize>,
}

impl GenerateParams {
    pub fn new(week: IsoWeek, scope: &Scope) -> GenerateParams {
        GenerateParams {
            week: week.to_string(),
            scope: scope.as_str().to_string(),
            from_rota: None,
            publish: false,
            time_limit_seconds: None,
            threads: None,
        }
    }

    fn same_target(&self, other: &GenerateParams) -> bool {
        self.week == other.week && self.scope.eq_ignore_ascii_case(&other.scope)
    }
}

/// Solver limits from the configuration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SolverSettings {
    pub time_limit: Duration,
    pub threads: usize,
}

impl Default for SolverSettings {
    fn default() -> Self {
        SolverSettings {
            time_limit: Duration::from_secs(60),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// What [`enqueue`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enqueued {
    New(i32),
    /// A generation of the same week and scope is queued or running: this one.
    AlreadyActive(i32),
}

impl Enqueued {
    pub fn job_id(self) -> i32 {
        match self {
            Enqueued::New(id) | Enqueued::AlreadyActive(id) => id,
        }
    }
}

/// The generation of `params.week` and `params.scope` queued or running, if any.
pub fn active_job(
    conn: &mut DbConnection,
    params: &GenerateParams,
) -> diesel::QueryResult<Option<Job>> {
    Ok(jobs_db::active_of_kind(conn, KIND)?.into_iter().find(|j| {
        serde_json::from_str::<GenerateParams>(&j.params).is_ok_and(|p| p.same_target(params))
    }))
}

/// Enqueues a generation unless one for the same week and scope is queued
/// or running.
pub fn enqueue(
    conn: &mut DbConnection,
    params: &GenerateParams,
    requested_by: Option<i32>,
) -> diesel::QueryResult<Enqueued> {
    let text = serde_json::to_string(params)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    conn.write_transaction(|c| {
        jobs_db::lock_key(
            c,
            &format!("{KIND}:{}:{}", params.week, params.scope.to_uppercase()),
        )?;
        if let Some(j) = active_job(c, params)? {
            return Ok(Enqueued::AlreadyActive(j.id));
        }
        let id = jobs_db::enqueue(c, KIND, &text, requested_by, crate::db::now_utc())?;
        Ok(Enqueued::New(id))
    })
}

/// `jobs.progress` of a generation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgressInfo {
    /// `building`, `solving`, `storing`, `done`.
    pub phase: String,
    pub components_done: usize,
    pub components_total: usize,
    /// Uncovered minutes of the components solved so far.
    pub uncovered_minutes: Option<u64>,
    pub bound_minutes: Option<f64>,
    pub gap: Option<f64>,
    pub elapsed_seconds: f64,
}

impl ProgressInfo {
    pub fn phase(phase: &str, elapsed: f64) -> ProgressInfo {
        ProgressInfo {
            phase: phase.to_string(),
            elapsed_seconds: elapsed,
            ..ProgressInfo::default()
        }
    }

    /// Updates from a solver event.
    pub fn apply(&mut self, p: &Progress) {
        self.phase = "solving".into();
        match *p {
            Progress::Started { components } => {
                self.components_total = components;
            }
            Progress::ComponentDone {
                done,
                total,
                uncovered_minutes,
                bound_minutes,
            } => {
                self.components_done = done;
                self.components_total = total;
                self.uncovered_minutes = Some(uncovered_minutes);
                self.bound_minutes = Some(bound_minutes);
                self.gap = Some(gap(uncovered_minutes, bound_minutes));
            }
            // The whole solve keeps each component's coverage: the
            // figures above stay true.
            Progress::WholeSolve { .. } => {}
        }
    }
}

fn gap(uncovered: u64, bound: f64) -> f64 {
    if uncovered == 0 {
        0.0
    } else {
        ((uncovered as f64 - bound) / uncovered as f64).max(0.0)
    }
}

/// `jobs.result` of a generation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenerateResult {
    pub rota_id: i32,
    pub version: i32,
    pub shifts: usize,
    /// Shifts that differ from the base draft (added + dropped).
    pub changed: usize,
    pub base_rota: Option<i32>,
    pub status: String,
    pub uncovered_minutes: u64,
    #[serde(default)]
    pub bound_minutes: f64,
    #[serde(default)]
    pub gap: f64,
    pub seconds: f64,
    pub published: bool,
}

/// Why a generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// Shown to the user (unknown centre, mixed time zones, impossible locks).
    #[error("{0}")]
    Invalid(String),
    /// The job's claim passed to another worker: nothing was written.
    #[error("the job's claim was lost to another worker")]
    Lost,
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<BuildError> for GenError {
    fn from(e: BuildError) -> GenError {
        match e {
            BuildError::Invalid(m) => GenError::Invalid(m),
            BuildError::Db(e) => GenError::Db(e),
        }
    }
}

/// A problem ready to solve, and what the stored draft needs.
pub struct Prepared {
    pub params: GenerateParams,
    pub week: IsoWeek,
    pub scope: Scope,
    pub built: BuiltScenario,
    /// The draft the minimal-change term compares with.
    pub base_rota: Option<i32>,
    pub previous: Vec<Shift>,
    /// Shifts locked in the base draft (kept, stored locked again).
    pub draft_locked: BTreeSet<Shift>,
}

pub fn parse_params(text: &str) -> Result<(GenerateParams, IsoWeek, Scope), GenError> {
    let params: GenerateParams = serde_json::from_str(text).map_err(|e| {
        GenError::Invalid(format!("paramètres invalides / invalid parameters: {e}"))
    })?;
    let week: IsoWeek = params
        .week
        .parse()
        .map_err(|e: crate::domain::week::WeekError| GenError::Invalid(e.to_string()))?;
    let scope = Scope::parse(&params.scope);
    Ok((params, week, scope))
}

/// The rota a generation starts from: `from_rota`, else the latest draft of
/// the week and scope.
fn base_rota(
    conn: &mut DbConnection,
    params: &GenerateParams,
    week: IsoWeek,
    scope: &Scope,
) -> Result<Option<rotas::Rota>, GenError> {
    if let Some(id) = params.from_rota {
        let r = rotas::by_id(conn, id)?.ok_or_else(|| {
            GenError::Invalid(format!("planning {id} introuvable / rota {id} not found"))
        })?;
        return Ok(Some(r));
    }
    Ok(rotas::of_week(conn, week.monday())?
        .into_iter()
        .filter(|r| r.scope.eq_ignore_ascii_case(scope.as_str()) && r.status == "draft")
        .max_by_key(|r| (r.version, r.id)))
}

/// Slot range of `[s, e)` on the problem's grid (smallest covering range).
fn slot_range(p: &Problem, s: NaiveDateTime, e: NaiveDateTime) -> SlotRange {
    let slot = i64::from(p.slot_minutes) * 60;
    let n = i64::from(p.n_slots);
    let off = |t: NaiveDateTime| (t.and_utc() - p.start_utc).num_seconds();
    let start = off(s).div_euclid(slot).clamp(0, n);
    let end = (off(e) + slot - 1).div_euclid(slot).clamp(0, n);
    SlotRange {
        start: start as u32,
        end: end as u32,
    }
}

fn instant(p: &Problem, slot: u32) -> NaiveDateTime {
    let t: DateTime<Utc> =
        p.start_utc + chrono::Duration::minutes(i64::from(slot) * i64::from(p.slot_minutes));
    t.naive_utc()
}

/// A stored row as a problem shift (`None` when outside the problem).
fn to_problem(built: &BuiltScenario, row: &rotas::RotaShift) -> Option<Shift> {
    let ix = |ids: &[i32], id: i32| ids.iter().position(|&x| x == id);
    let range = slot_range(&built.problem, row.start_utc, row.end_utc);
    if range.is_empty() {
        return None;
    }
    Some(Shift {
        volunteer: ix(&built.volunteer_ids, row.volunteer_id)?,
        centre: ix(&built.centre_ids, row.centre_id)?,
        skill: ix(&built.skill_ids, row.skill_id)?,
        role: if row.role == "trainee" {
            Role::Trainee
        } else {
            Role::Staff
        },
        range,
    })
}

/// Builds the problem of the job's week and scope, with the base draft's
/// locked shifts locked and its shifts as the minimal-change reference.
pub fn prepare(conn: &mut DbConnection, params_text: &str) -> Result<Prepared, GenError> {
    let (params, week, scope) = parse_params(params_text)?;
    let mut built = build_problem(conn, &scope, week)?;
    let base = base_rota(conn, &params, week, &scope)?;
    let mut previous = Vec::new();
    let mut draft_locked = BTreeSet::new();
    if let Some(b) = &base {
        let mut already: BTreeSet<Shift> = built.problem.locked_shifts.iter().copied().collect();
        for row in rotas::shifts_of(conn, b.id)? {
            let Some(s) = to_problem(&built, &row) else {
                continue;
            };
            previous.push(s);
            if row.locked {
                draft_locked.insert(s);
                if already.insert(s) {
                    built.problem.locked_shifts.push(s);
                }
            }
        }
        built.problem.rebuild_requirements();
    }
    Ok(Prepared {
        params,
        week,
        scope,
        built,
        base_rota: base.map(|b| b.id),
        previous,
        draft_locked,
    })
}

/// Runs the solver (blocking: call from `spawn_blocking` or a thread).
pub fn solve(
    prep: &Prepared,
    settings: SolverSettings,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<SolveReport, GenError> {
    let opts = SolveOptions {
        time_limit: prep
            .params
            .time_limit_seconds
            .filter(|s| s.is_finite() && *s > 0.0)
            .map_or(settings.time_limit, Duration::from_secs_f64),
        threads: prep.params.threads.unwrap_or(settings.threads).max(1),
        previous: prep.previous.clone(),
    };
    solver::solve::solve(&prep.built.problem, &opts, progress).map_err(|e| match e {
        solver::solve::SolveError::Infeasible(m) => GenError::Invalid(format!(
            "aucun planning possible avec les affectations verrouillées et publiées / \
             no feasible rota with the locked and published assignments: {m}"
        )),
        solver::solve::SolveError::Internal(m) => {
            GenError::Internal(anyhow::anyhow!("solver: {m}"))
        }
    })
}

/// Shifts that differ from the base draft (0 without one).
fn changed(prep: &Prepared, r: &SolveReport) -> usize {
    if prep.base_rota.is_some() {
        r.changed
    } else {
        0
    }
}

/// The solver report stored with the draft (`rotas.solver_report`).
pub fn report_json(prep: &Prepared, r: &SolveReport) -> serde_json::Value {
    let uncovered = solver::explain::explain_uncovered(&prep.built.problem, &r.shifts);
    serde_json::json!({
        "status": r.status.as_str(),
        "uncovered_minutes": r.uncovered_minutes,
        "training_shortfall_minutes": r.training_shortfall_minutes,
        "unpreferred_minutes": r.unpreferred_minutes,
        "bound_minutes": r.bound_minutes,
        "gap": r.gap,
        "seconds": r.seconds,
        "components": r.components,
        "changed": changed(prep, r),
        "base_rota": prep.base_rota,
        "shifts": r.shifts.len(),
        "uncovered": uncovered,
    })
}

/// The solver's shifts as rows to store.
pub fn to_rows(prep: &Prepared, shifts: &[Shift]) -> Vec<rotas::NewShift> {
    let b = &prep.built;
    shifts
        .iter()
        .map(|s| rotas::NewShift {
            volunteer_id: b.volunteer_ids[s.volunteer],
            centre_id: b.centre_ids[s.centre],
            skill_id: b.skill_ids[s.skill],
            role: s.role.as_str(),
            start_utc: instant(&b.problem, s.range.start),
            end_utc: instant(&b.problem, s.range.end),
            locked: prep.draft_locked.contains(s),
        })
        .collect()
}

/// Stores the solved rota as a new draft (published at once when asked),
/// records the audit entry and marks the job done, in one transaction. A
/// lost claim rolls everything back ([`GenError::Lost`]).
pub fn store(
    conn: &mut DbConnection,
    job: &Job,
    prep: &Prepared,
    report: &SolveReport,
    final_progress: &ProgressInfo,
) -> Result<GenerateResult, GenError> {
    let rows = to_rows(prep, &report.shifts);
    let solver_report = report_json(prep, report).to_string();
    let progress_text = serde_json::to_string(final_progress).map_err(anyhow::Error::from)?;
    let centre_id = match &prep.scope {
        Scope::All => None,
        Scope::Centre(code) => centres::by_code(conn, code)?.map(|c| c.id),
    };
    conn.write_transaction(|c| {
        let rota = rotas::create(
            c,
            prep.week.monday(),
            prep.scope.as_str(),
            "draft",
            job.created_by,
        )?;
        rotas::replace_shifts(c, rota.id, &rows)?;
        jobs_db::attach_generation(c, rota.id, job.id, &solver_report)?;
        let mut published = false;
        if prep.params.publish {
            // Nested: a savepoint inside this transaction.
            crate::rota::publish::publish(c, rota.id, job.created_by, None).map_err(
                |e| match e {
                    crate::rota::publish::PublishError::Db(e) => GenError::Db(e),
                    other => GenError::Internal(anyhow::anyhow!("publish: {other}")),
                },
            )?;
            published = true;
        }
        let result = GenerateResult {
            rota_id: rota.id,
            version: rota.version,
            shifts: rows.len(),
            changed: changed(prep, report),
            base_rota: prep.base_rota,
            status: report.status.as_str().to_string(),
            uncovered_minutes: report.uncovered_minutes,
            bound_minutes: report.bound_minutes,
            gap: report.gap,
            seconds: report.seconds,
            published,
        };
        audit::record(
            c,
            &audit::Event {
                actor: job.created_by,
                action: "rota.generate",
                target_kind: "rota",
                target_id: Some(rota.id.to_string()),
                centre_id,
                details: Some(
                    serde_json::json!({
                        "job": job.id,
                        "week": prep.params.week,
                        "scope": prep.scope.as_str(),
                        "version": rota.version,
                        "shifts": rows.len(),
                        "changed": changed(prep, report),
                        "base_rota": prep.base_rota,
                        "uncovered_minutes": report.uncovered_minutes,
                    })
                    .to_string(),
                ),
            },
        )?;
        let result_text = serde_json::to_string(&result).map_err(anyhow::Error::from)?;
        if !jobs_db::finish(
            c,
            job.id,
            job.attempts,
            &result_text,
            Some(&progress_text),
            crate::db::now_utc(),
        )? {
            return Err(GenError::Lost);
        }
        Ok(result)
    })
}
