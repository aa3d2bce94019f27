//! Public entry point of the optimiser: `solve(problem, options, progress)`
//! builds candidate shifts, splits the problem into independent components,
//! solves each with HiGHS (lexicographic stages) on a pool of OS threads and
//! assembles the rota, its score and its proven bound.

mod coarse;
mod job;
mod passes;
mod pool;

use std::time::{Duration, Instant};

use crate::candidates::{self, Candidate};
use crate::decompose::{self, Component};
use crate::problem::{Problem, Shift};
use crate::{greedy, score, split};

use passes::solve_split;
use pool::{members_of, Done, JobStart, Pool, Steer};

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
    /// Not proven: the time limit stopped the search, or the candidate
    /// shifts were too many for it and were thinned (`solve_capped`); the
    /// rota is the best found.
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
    /// Every component is done; the split ones (`centres` in all) are
    /// solved whole with the time left.
    WholeSolve {
        centres: usize,
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
    solve_capped(problem, opts, progress, candidate_cap(opts.time_limit))
}

/// Candidates a solve of `limit` may build (`candidates::build_capped`):
/// 100,000 per second of the limit, between 1 and 2 million. Building and
/// the greedy rota take about 2 and 3 µs per candidate (alma-600 with
/// one-minute slots: 11.9 million candidates, 25 s and 38 s, a 10 s limit
/// overrun by 58 s), and HiGHS proves nothing on more. samaritans-20k, the
/// largest public instance, has about 500,000 before pruning (444,000
/// after): never thinned.
fn candidate_cap(limit: Duration) -> usize {
    (limit.as_secs_f64() * 100_000.0).clamp(1_000_000.0, 2_000_000.0) as usize
}

/// `solve` with at most about `cap` candidates: above, free-length shifts
/// are drawn on a coarser grid, and the rota found is not proven (status
/// `TimeLimit`, bound 0).
fn solve_capped(
    problem: &Problem,
    opts: &SolveOptions,
    progress: &(dyn Fn(Progress) + Sync),
    cap: usize,
) -> Result<SolveReport, SolveError> {
    let started = Instant::now();
    let (cands, step) = candidates::build_capped(problem, cap)?;
    solve_on(problem, opts, progress, started, &cands, step)
}

/// The solve on candidates `cands`, drawn on a grid of `step` slots (1:
/// every candidate, the solve may prove its rota), begun at `started`.
fn solve_on(
    problem: &Problem,
    opts: &SolveOptions,
    progress: &(dyn Fn(Progress) + Sync),
    started: Instant,
    cands: &[Candidate],
    step: u32,
) -> Result<SolveReport, SolveError> {
    // Keep a margin for assembling and scoring the rota.
    let deadline = started
        + opts
            .time_limit
            .mul_f64(0.97)
            .saturating_sub(Duration::from_millis(100));
    let comps = decompose::components(problem, cands);
    tracing::debug!(
        "{} candidates (free-length grid of {step} slot(s)), {} components in {:.2}s",
        cands.len(),
        comps.len(),
        started.elapsed().as_secs_f64()
    );
    let mut previous = opts.previous.clone();
    previous.sort();
    let prev = (!previous.is_empty()).then_some(previous.as_slice());
    let threads = opts.threads.max(1);

    // Components too large for one MIP: relaxed per-centre solves give a
    // bound and tell where multi-centre volunteers are most useful; joined,
    // they start the restricted jobs (single or merged centres) that give
    // the rota (see `split`).
    let (big, mut jobs): (Vec<Component>, Vec<Component>) =
        comps.into_iter().partition(|c| too_large(problem, c));
    let n_exact = jobs.len();
    let mut starts: Vec<JobStart> = vec![JobStart::default(); n_exact];
    let coarse = if step == 1 {
        coarse::starts(problem, opts, deadline, cands, &jobs, &mut starts)?
    } else {
        None
    };
    // A greedy rota of each split component (0.05 s for samaritans-20k's
    // largest, 374,585 candidates): where the clock cuts its passes short,
    // their rota can be worse, and this one is kept instead.
    let greedy_rotas: Vec<Vec<usize>> = big
        .iter()
        .map(|c| greedy::rota(problem, cands, &c.candidates))
        .collect();
    let split_bound_slots = if big.is_empty() {
        0.0
    } else {
        solve_split(
            problem,
            cands,
            &big,
            threads,
            deadline,
            started,
            n_exact,
            &greedy_rotas,
            &mut jobs,
            &mut starts,
        )?
    };
    let n_jobs = jobs.len();
    progress(Progress::Started { components: n_jobs });
    let pool = Pool {
        problem,
        cands,
        prev,
        only_first: false,
        split: !big.is_empty(),
        threads,
    };
    let mut shifts = Vec::new();
    // Exact components give their own bound; split ones the relaxed bound.
    let mut bound_slots = split_bound_slots;
    let mut done = pool
        .run(&jobs, Some(&starts), deadline, progress)
        .into_iter()
        .collect::<Result<Vec<Done>, SolveError>>()?;
    pool.rounds(
        &jobs[..n_exact],
        &mut done[..n_exact],
        deadline,
        false,
        &|_| Steer::Off,
    );
    if let Some(rota) = &coarse {
        coarse::keep_better(&pool, &jobs[..n_exact], &mut done[..n_exact], rota);
    }
    // A split component is proven only by its whole solve (its jobs'
    // proofs hold for their restrictions).
    let mut proven = if big.is_empty() {
        true
    } else {
        let exact = Pool {
            split: false,
            ..pool
        };
        exact.finish_split(
            progress,
            &big,
            &jobs[n_exact..],
            &starts[n_exact..],
            &mut done[n_exact..],
            deadline,
        )
    };
    if keep_greedy(
        &pool,
        &big,
        &jobs[n_exact..],
        &greedy_rotas,
        &mut done[n_exact..],
    ) {
        proven = false;
    }
    for (i, d) in done.into_iter().enumerate() {
        shifts.extend(d.chosen.iter().map(|&j| cands[j].shift));
        if i < n_exact {
            proven &= d.proven;
            bound_slots += d.bound_slots;
        } else if d.uncovered_slots as f64 > starts[i].lower + 0.5 {
            tracing::debug!(
                "split job {i} ({} centres): {} uncovered slots, bound {}",
                jobs[i].centres.len(),
                d.uncovered_slots,
                starts[i].lower
            );
        }
    }
    if step > 1 {
        // Optimal among coarse shifts only: no proof, no bound.
        proven = false;
        bound_slots = 0.0;
    }
    shifts.sort();
    Ok(report(
        problem,
        shifts,
        &previous,
        proven,
        bound_slots,
        started,
        n_jobs,
    ))
}

/// Whether component `c` is split (`split`): more than
/// `split::THRESHOLD` candidates over several centres, one of them with
/// free-length shifts.
fn too_large(problem: &Problem, c: &Component) -> bool {
    c.candidates.len() > split::THRESHOLD && c.centres.len() > 1 && has_free_length(problem, c)
}

/// Whether one of `c`'s centres has free-length shifts (no template).
fn has_free_length(problem: &Problem, c: &Component) -> bool {
    c.centres
        .iter()
        .any(|&x| problem.centres[x].templates.is_empty())
}

/// A split component whose passes the clock cut short (samaritans-20k
/// within 3–15 s) can end worse than its greedy rota: it keeps that one
/// then, on its first job (`split_jobs`, `done`: the split components' jobs
/// and results). Returns whether any did.
fn keep_greedy(
    pool: &Pool<'_>,
    big: &[Component],
    split_jobs: &[Component],
    greedy_rotas: &[Vec<usize>],
    done: &mut [Done],
) -> bool {
    let mut kept = false;
    let members = members_of(big, split_jobs);
    for (greedy_rota, members) in greedy_rotas.iter().zip(&members) {
        let ours: Vec<usize> = members
            .iter()
            .flat_map(|&i| done[i].chosen.iter().copied())
            .collect();
        if !members.is_empty() && pool.rank(greedy_rota) < pool.rank(&ours) {
            tracing::debug!("split: a component keeps its greedy rota");
            kept = true;
            for (k, &i) in members.iter().enumerate() {
                done[i].chosen = if k == 0 {
                    greedy_rota.clone()
                } else {
                    Vec::new()
                };
            }
        }
    }
    kept
}

/// The report of the rota `shifts` (sorted): its score, and its gap to the
/// proven bound (in slots, capped at the rota's own uncovered minutes).
fn report(
    problem: &Problem,
    shifts: Vec<Shift>,
    previous: &[Shift],
    proven: bool,
    bound_slots: f64,
    started: Instant,
    components: usize,
) -> SolveReport {
    let sc = score::score(problem, &shifts);
    let bound_minutes = (bound_slots * f64::from(problem.slot_minutes)).min(sc.uncovered as f64);
    let gap = if sc.uncovered == 0 {
        0.0
    } else {
        (sc.uncovered as f64 - bound_minutes) / sc.uncovered as f64
    };
    SolveReport {
        changed: score::changed(&shifts, previous),
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
        components,
    }
}

#[cfg(test)]
mod tests;
