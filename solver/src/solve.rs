//! Public entry point of the optimiser: `solve(problem, options, progress)`
//! builds candidate shifts, splits the problem into independent components,
//! solves each with HiGHS (lexicographic stages) on a pool of OS threads and
//! assembles the rota, its score and its proven bound.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::candidates::{self, Candidate};
use crate::decompose::{self, Component};
use crate::problem::{Problem, Shift};
use crate::{greedy, model, score, stages};

/// How to solve.
#[derive(Debug, Clone)]
pub struct SolveOptions {
    /// Wall-clock budget for the whole solve (always honoured).
    pub time_limit: Duration,
    /// Number of OS threads solving components in parallel (≥ 1).
    pub threads: usize,
    /// Minimal-change re-solve: penalise differences from these shifts
    /// (after locked ones), strictly below the three score levels.
    pub previous: Vec<Shift>,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: Duration::from_secs(60),
            threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            previous: Vec::new(),
        }
    }
}

/// Outcome of the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Every level proven optimal (within HiGHS's tolerances on integers).
    Optimal,
    /// The time limit stopped the search; the rota is the best found.
    TimeLimit,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::TimeLimit => "time_limit",
        }
    }
}

/// Progress events, sent from solver threads (hence `Sync`).
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    Started {
        components: usize,
    },
    ComponentDone {
        done: usize,
        total: usize,
        /// Uncovered minutes of the components finished so far.
        uncovered_minutes: u64,
        /// Proven lower bound on those components' uncovered minutes.
        bound_minutes: f64,
    },
}

/// The rota found, with its score and proof.
#[derive(Debug, Clone)]
pub struct SolveReport {
    /// Every shift, locked ones included unchanged, sorted.
    pub shifts: Vec<Shift>,
    pub status: Status,
    pub uncovered_minutes: u64,
    pub training_shortfall_minutes: u64,
    pub unpreferred_minutes: u64,
    /// Proven lower bound on uncovered minutes.
    pub bound_minutes: f64,
    /// Relative gap `(uncovered - bound) / uncovered` (0 when uncovered is 0).
    pub gap: f64,
    pub seconds: f64,
    pub components: usize,
    /// How many shifts differ from `previous` (when given): added + dropped.
    pub changed: usize,
}

/// Why no rota could be produced.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SolveError {
    /// E.g. locked shifts break a hard rule.
    #[error("infeasible: {0}")]
    Infeasible(String),
    #[error("internal solver error: {0}")]
    Internal(String),
}

/// Solve `problem` within `opts.time_limit`: candidates, components solved
/// in parallel (one HiGHS instance per OS thread, HiGHS `threads=1`, fixed
/// seed), results assembled in component order, so the same input and the
/// same thread count give the same rota whenever no limit is hit.
pub fn solve(
    problem: &Problem,
    opts: &SolveOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<SolveReport, SolveError> {
    let started = Instant::now();
    let deadline = started + opts.time_limit;
    let cands = candidates::build(problem)?;
    let comps = decompose::components(problem, &cands);
    progress(Progress::Started {
        components: comps.len(),
    });
    let mut previous = opts.previous.clone();
    previous.sort();
    let prev = (!previous.is_empty()).then_some(previous.as_slice());

    // Largest components first, so the pool stays busy; results by index.
    let mut order: Vec<usize> = (0..comps.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(comps[i].candidates.len()), i));
    let weight = |i: usize| comps[i].candidates.len() as f64 + 1.0;
    let total_weight: f64 = order.iter().map(|&i| weight(i)).sum();
    let threads = opts.threads.max(1).min(comps.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Done, SolveError>>>> = Mutex::new(vec![None; comps.len()]);
    let tally = Mutex::new((0usize, 0u64, 0.0f64, total_weight));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::SeqCst);
                let Some(&ci) = order.get(k) else { break };
                let budget = {
                    let t = lock(&tally);
                    let left = stages::left(deadline).as_secs_f64();
                    let share = (threads as f64 * weight(ci) / t.3.max(1.0)).min(1.0);
                    Duration::from_secs_f64(left * share)
                };
                let out = solve_one(problem, &cands, &comps[ci], prev, Instant::now() + budget);
                let mut t = lock(&tally);
                t.3 -= weight(ci);
                if let Ok(d) = &out {
                    t.0 += 1;
                    t.1 += d.uncovered_slots * u64::from(problem.slot_minutes);
                    t.2 += d.bound_slots * f64::from(problem.slot_minutes);
                    progress(Progress::ComponentDone {
                        done: t.0,
                        total: comps.len(),
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
    let mut shifts = Vec::new();
    let mut proven = true;
    let mut bound_slots = 0.0;
    for r in results {
        let d = r.ok_or_else(|| SolveError::Internal("component not solved".into()))??;
        shifts.extend(d.chosen.iter().map(|&j| cands[j].shift));
        proven &= d.proven;
        bound_slots += d.bound_slots;
    }
    shifts.sort();
    let sc = score::score(problem, &shifts);
    let bound_minutes = (bound_slots * f64::from(problem.slot_minutes)).min(sc.uncovered as f64);
    let gap = if sc.uncovered == 0 {
        0.0
    } else {
        (sc.uncovered as f64 - bound_minutes) / sc.uncovered as f64
    };
    Ok(SolveReport {
        changed: score::changed(&shifts, &previous),
        shifts,
        status: if proven {
            Status::Optimal
        } else {
            Status::TimeLimit
        },
        uncovered_minutes: sc.uncovered,
        training_shortfall_minutes: sc.shortfall,
        unpreferred_minutes: sc.unpreferred,
        bound_minutes,
        gap,
        seconds: started.elapsed().as_secs_f64(),
        components: comps.len(),
    })
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// One component's result, in global candidate indices.
#[derive(Debug, Clone)]
struct Done {
    chosen: Vec<usize>,
    proven: bool,
    bound_slots: f64,
    uncovered_slots: u64,
}

fn solve_one(
    problem: &Problem,
    cands: &[Candidate],
    comp: &Component,
    prev: Option<&[Shift]>,
    deadline: Instant,
) -> Result<Done, SolveError> {
    let m = model::build(problem, cands, comp, prev);
    let cand_ix = m.cand.clone();
    let out = stages::solve(m, deadline)?;
    let (chosen, proven) = match out.chosen {
        Some(local) => (local.iter().map(|&l| cand_ix[l]).collect(), out.proven),
        None => (greedy::rota(problem, cands, &comp.candidates), false),
    };
    let shifts: Vec<Shift> = chosen.iter().map(|&j: &usize| cands[j].shift).collect();
    let uncovered_slots = score::uncovered_slots(problem, &comp.centres, &shifts);
    Ok(Done {
        chosen,
        proven,
        bound_slots: out.bound_slots.min(uncovered_slots as f64),
        uncovered_slots,
    })
}
