//! The pool of solver threads: independent jobs (components, or the jobs
//! of a split component) solved in parallel, each with a share of the time
//! left, then again with the time the quick ones left over.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::{Progress, SolveError};
use crate::candidates::Candidate;
use crate::decompose::Component;
use crate::problem::{Problem, Shift};
use crate::{score, stages};

pub(super) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Where a job begins: a feasible rota (global candidate indices; empty:
/// none) and what is known of its coverage (see `stages::Start`).
#[derive(Debug, Clone, Default)]
pub(super) struct JobStart {
    pub(super) chosen: Vec<usize>,
    pub(super) lower: f64,
    pub(super) keep_coverage: bool,
    /// Leading levels the start is proven optimal on (see `stages::Start`).
    pub(super) kept_levels: usize,
    /// What a coverage-only solve of `split` steers away from.
    pub(super) steer: Steer,
}

/// The tie-break of a coverage-only solve of `split` (`model::steer`).
#[derive(Debug, Clone, Default)]
pub(super) enum Steer {
    /// None (a restricted job).
    #[default]
    Off,
    /// A relaxed per-centre job: the shifts of volunteers who serve
    /// several centres.
    MultiCentre,
    /// A relaxation of a merged job: every candidate outside the job's own
    /// (sorted global indices).
    Outside(Vec<usize>),
}

/// Each coverage-only job of a split component may use up to this many
/// times its share (by size) of the time left: most end far sooner
/// (samaritans-20k's relaxed per-centre MIPs, every one proven within a
/// 3 s limit: median 0.08 s, slowest 1.6 s), leaving their time to the
/// others, while a budget of exactly the share cut the slow ones (72 of
/// 400 per-centre coverage solves stopped by the clock). Only while the
/// pass is ahead of schedule (see `Pool::run`). Jobs solving the
/// later levels keep their share: those levels seldom finish early, and a
/// larger share left the last jobs no time at all.
const SPLIT_BUDGET_FACTOR: f64 = 3.0;

/// Solves a list of independent jobs on `threads` OS threads.
pub(super) struct Pool<'a> {
    pub(super) problem: &'a Problem,
    pub(super) cands: &'a [Candidate],
    pub(super) prev: Option<&'a [Shift]>,
    /// Only the first stage (the relaxed pass of `split`).
    pub(super) only_first: bool,
    /// Jobs of a split component (many small budgets).
    pub(super) split: bool,
    pub(super) threads: usize,
}

impl Pool<'_> {
    /// Results in job order. Largest jobs start first; each gets a share of
    /// the time left proportional to its size.
    pub(super) fn run(
        &self,
        jobs: &[Component],
        starts: Option<&[JobStart]>,
        deadline: Instant,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Vec<Result<Done, SolveError>> {
        let mut order: Vec<usize> = (0..jobs.len()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(jobs[i].candidates.len()), i));
        let weight = |i: usize| jobs[i].candidates.len() as f64 + 1.0;
        let total_weight: f64 = order.iter().map(|&i| weight(i)).sum();
        let threads = self.threads.min(jobs.len()).max(1);
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<Result<Done, SolveError>>>> =
            Mutex::new(vec![None; jobs.len()]);
        let tally = Mutex::new((0usize, 0u64, 0.0f64, total_weight));
        let sm = u64::from(self.problem.slot_minutes);
        let run_start = Instant::now();
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| loop {
                    let k = next.fetch_add(1, Ordering::SeqCst);
                    let Some(&ci) = order.get(k) else { break };
                    let budget = {
                        let t = lock(&tally);
                        let left = stages::left(deadline).as_secs_f64();
                        // The larger budget only while the pass is ahead
                        // of schedule (share of the weight done at least
                        // the share of the time used): when jobs do use it,
                        // the next ones fall back to their share, so the
                        // last ones are not starved.
                        let used = run_start.elapsed().as_secs_f64();
                        let ahead =
                            (total_weight - t.3) / total_weight >= used / (used + left).max(1e-9);
                        let factor = if self.split && self.only_first && ahead {
                            SPLIT_BUDGET_FACTOR
                        } else {
                            1.0
                        };
                        let share = (factor * threads as f64 * weight(ci) / t.3.max(1.0)).min(1.0);
                        Duration::from_secs_f64(left * share)
                    };
                    let t0 = Instant::now();
                    let out = self
                        .solve_one(
                            &jobs[ci],
                            starts
                                .and_then(|s| s.get(ci))
                                .filter(|s| !s.chosen.is_empty()),
                            t0 + budget,
                        )
                        .map(|d| Done {
                            seconds: t0.elapsed().as_secs_f64(),
                            ..d
                        });
                    let mut t = lock(&tally);
                    t.3 -= weight(ci);
                    if let Ok(d) = &out {
                        t.0 += 1;
                        t.1 += d.uncovered_slots * sm;
                        t.2 += d.bound_slots * sm as f64;
                        progress(Progress::ComponentDone {
                            done: t.0,
                            total: jobs.len(),
                            uncovered_minutes: t.1,
                            bound_minutes: t.2,
                        });
                    }
                    drop(t);
                    lock(&results)[ci] = Some(out);
                });
            }
        });
        let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
        results
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Err(SolveError::Internal("job not run".into()))))
            .collect()
    }
}

impl Pool<'_> {
    /// Coverage-only jobs of `split`, each from its start (steered as it
    /// says): then, with the time left before `deadline`, the ones the
    /// clock stopped again (`rounds`): each job's budget is set when it
    /// starts, before the others show how much time they leave.
    pub(super) fn coverage(
        &self,
        jobs: &[Component],
        starts: &[JobStart],
        deadline: Instant,
    ) -> Result<Vec<Done>, SolveError> {
        let mut done = self
            .run(jobs, Some(starts), deadline, &|_| {})
            .into_iter()
            .collect::<Result<Vec<Done>, SolveError>>()?;
        self.rounds(jobs, &mut done, deadline, false, &|i| {
            starts[i].steer.clone()
        });
        Ok(done)
    }
}

/// The jobs (indices into `jobs`) of each big component: a job's centres
/// lie in one.
pub(super) fn members_of(big: &[Component], jobs: &[Component]) -> Vec<Vec<usize>> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); big.len()];
    for (i, job) in jobs.iter().enumerate() {
        let b = job
            .centres
            .first()
            .and_then(|c| big.iter().position(|b| b.centres.binary_search(c).is_ok()));
        if let Some(b) = b {
            members[b].push(i);
        }
    }
    members
}

/// Solves of the unproven jobs again with the time other jobs left over,
/// at most this many times.
const MAX_ROUNDS: usize = 4;
/// A round starts only with at least this much time left.
const ROUND_MIN_SECONDS: f64 = 0.5;

impl Pool<'_> {
    /// Each job gets a share of the time when it starts, so a job that
    /// needs more than its share stops at the limit while others may end
    /// early and leave time unused. Rounds give the time left to the jobs
    /// not proven, each started from its rota with the levels proven so far
    /// kept; a job's new rota replaces the old one if it is proven or
    /// scores better. Only after a job hit its limit (no effect on the
    /// rota otherwise, so determinism without a binding limit holds).
    /// `keep_coverage`: each retry keeps its rota's coverage as it is (see
    /// `stages::Start`), for the whole solves of split components, whose
    /// coverage level a whole model cannot search in time (a component of
    /// 83,784 candidates: no root LP within 50 s). `steer(i)`: the
    /// tie-break of job `i`'s coverage-only solve (the passes of `split`).
    pub(super) fn rounds(
        &self,
        jobs: &[Component],
        done: &mut [Done],
        deadline: Instant,
        keep_coverage: bool,
        steer: &dyn Fn(usize) -> Steer,
    ) {
        for round in 0..MAX_ROUNDS {
            let open: Vec<usize> = (0..jobs.len()).filter(|&i| !done[i].proven).collect();
            if open.is_empty() || stages::left(deadline).as_secs_f64() < ROUND_MIN_SECONDS {
                return;
            }
            tracing::debug!(
                "round {}: {} jobs not proven, {:.1}s left",
                round + 1,
                open.len(),
                stages::left(deadline).as_secs_f64()
            );
            let again: Vec<Component> = open.iter().map(|&i| jobs[i].clone()).collect();
            let starts: Vec<JobStart> = open
                .iter()
                .map(|&i| JobStart {
                    chosen: done[i].chosen.clone(),
                    lower: done[i].bound_slots,
                    keep_coverage,
                    kept_levels: done[i].levels_proven,
                    steer: steer(i),
                })
                .collect();
            let results = self.run(&again, Some(&starts), deadline, &|_| {});
            for (&i, r) in open.iter().zip(results) {
                // A failed retry keeps the rota it started from.
                let Ok(new) = r else { continue };
                let old = &mut done[i];
                let bound_slots = old.bound_slots.max(new.bound_slots);
                tracing::debug!(
                    "round {}: job {i}: rank {:?} (proven {}) against {:?}",
                    round + 1,
                    self.rank(&new.chosen),
                    new.proven,
                    self.rank(&old.chosen)
                );
                let seconds = old.seconds + new.seconds;
                if new.proven || self.rank(&new.chosen) < self.rank(&old.chosen) {
                    *old = new;
                }
                old.seconds = seconds;
                old.bound_slots = bound_slots.min(old.uncovered_slots as f64);
            }
        }
    }

    /// The score levels of a job's rota, for comparing two rotas of the
    /// same job (the other jobs' part of the score is the same in both).
    pub(super) fn rank(&self, chosen: &[usize]) -> (u64, u64, u64) {
        let shifts: Vec<Shift> = chosen.iter().map(|&j| self.cands[j].shift).collect();
        let sc = score::score(self.problem, &shifts);
        (sc.uncovered, sc.shortfall, sc.unpreferred)
    }
}

/// One component's result, in global candidate indices.
#[derive(Debug, Clone)]
pub(super) struct Done {
    pub(super) chosen: Vec<usize>,
    pub(super) proven: bool,
    pub(super) bound_slots: f64,
    pub(super) uncovered_slots: u64,
    /// See `stages::StagedOutcome::levels_proven` (0 without a solved rota).
    pub(super) levels_proven: usize,
    /// Wall seconds its solves took (retries in `Pool::rounds` included).
    pub(super) seconds: f64,
}
