//! Lexicographic solve of one component with HiGHS.
//!
//! Levels, in strict order: uncovered staff-slots `U`, training shortfall
//! minutes `T`, unpreferred slots `P`; then, for a minimal-change re-solve,
//! the number of shifts added or dropped; then the fairness tie-break.
//!
//! Weighted mode (small components). `U`, `T` and `P` are integers with
//! `0 ≤ T ≤ T_max` (Σ training targets) and `0 ≤ P ≤ P_max` (Σ per volunteer
//! of the most unpreferred slots they could work). With `w3 = 1`,
//! `w2 = P_max + 1`, `w1 = w2·T_max + P_max + 1`, lowering `U` by one gains
//! `w1`, more than any change of `w2·T + P` (at most `w2·T_max + P_max`), and
//! lowering `T` by one gains `w2`, more than any change of `P`; so a minimiser
//! of `w1·U + w2·T + w3·P` is lexicographically minimal. The objective is an
//! integer, so an absolute gap of 0.999 proves it. A proven bound `B` on the
//! weighted objective gives `U* ≥ ⌊B / w1⌋`. Used while `w1 ≤ 1e8` and the
//! component is small (measured: faster there; numerically safe), and as a
//! first try, with part of the time, on mid-sized components
//! (`Levels::Weighted`, see `weighted_try`): where it proves the rota
//! optimal, no level is solved in turn; otherwise its rota and bound start
//! the staged solve.
//!
//! Staged mode (otherwise). One HiGHS instance is re-solved with a new
//! objective per level; after level k is solved with value `z_k`, the row
//! `objective_k ≤ z_k + ½` is added, so no later level can worsen it, and
//! the level-k solution is the start of level k+1. Weights large enough for
//! a provable order would exceed what HiGHS's tolerances handle reliably.
//!
//! Before the solve of a later level on a large component, restricted
//! models improve its start (`polish`, then `neighbourhoods`: one centre's
//! volunteers free at a time), since HiGHS's own heuristics hardly improve
//! the incumbent of the full model there; so do the neighbourhoods before
//! the coverage level, when its start is far above its bound
//! (`Run::improve_coverage`). The first solve of a large exact component
//! starts from the rota of a local search on coverage (`cover_search`,
//! `searched_start`).
//!
//! The change count and fairness always come after, under the same kind of
//! row. Fairness (small components only, a node limit, no proof
//! requirement, dropped if the clock stops it, for determinism) only
//! reorders rotas that tie on every level above it. HiGHS's
//! `time_limit` applies to each run (measured: the run clock restarts), so
//! each stage gets its own budget.

mod plan;
mod runs;
mod search;
mod stage;

use std::time::{Duration, Instant};

use highs::{HighsModelStatus, Model, Sense};

use crate::model::ComponentModel;
use crate::solve::SolveError;
use plan::Plan;
use runs::configure;
pub use runs::left;
use stage::{Columns, Improved, Run};

/// What the staged solve of one component produced.
#[derive(Debug, Clone)]
pub struct StagedOutcome {
    /// Positions (local candidate indices) of the chosen candidates; `None`
    /// when HiGHS found no feasible point before the limit.
    pub chosen: Option<Vec<usize>>,
    /// Every score level (and the change count) proven optimal.
    pub proven: bool,
    /// Proven lower bound on uncovered staff-slots, constant part included.
    pub bound_slots: f64,
    /// How many leading stages (score levels in order, one for the weighted
    /// objective) the rota is proven optimal on: a later solve started from
    /// it may keep them (`Start::kept_levels`).
    pub levels_proven: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scored,
    Changes,
    Fairness,
}

/// Largest level weight handed to HiGHS (beyond, levels are solved in turn).
const MAX_WEIGHT: f64 = 1e8;
/// Above this many candidates the levels are solved in turn (measured:
/// the weighted model is faster on small components — alma-600's largest,
/// 1,552 candidates: 0.8 s weighted, far slower staged — and slower on
/// large ones — sos-1400's 1,915-candidate component: no proof of the
/// coverage level in 4.7 s weighted, proven in 3.3 s staged).
const COMBINED_MAX_CANDIDATES: usize = 1600;
/// Above `COMBINED_MAX_CANDIDATES` and up to this many candidates, a
/// component's first solve tries the weighted model with
/// `WEIGHTED_TRY_SHARE` of its time before the staged levels. Measured
/// (release, 60 s): an ALMA week whose six-centre component had 1,630
/// candidates took 26.6 s staged (its preference level 25 s to prove),
/// 0.69 s weighted; generated two- to four-centre components of 2,000–3,100
/// candidates, 1.6–5.3 s staged, 0.23–0.75 s weighted; of 6,563 and 7,430
/// candidates, 11.6 s and 3.1 s staged, 0.98 s and 0.96 s weighted. On
/// sos-1400 the try proves the 2,328- and 5,155-candidate components
/// outright (the latter's training level stayed unproven for 60 s staged);
/// the others (1,915 and 6,442–9,796 candidates) are not proven in their
/// try and go on staged from its rota. Against a cap of 6,000 (60 s, same
/// coverage in every pair): a generated sos-1400 week better on the
/// preference level, another 120 unpreferred minutes worse, a 15-minute
/// alma-600 week better on the training level, the public sos-1400 within
/// its run-to-run spread (training shortfall 16,860–16,980 minutes).
const WEIGHTED_TRY_MAX_CANDIDATES: usize = 12_000;
/// Share of a component's time for its weighted try (or for the coverage
/// relaxation that replaces it, `coverage_relaxation`).
pub const WEIGHTED_TRY_SHARE: f64 = 0.3;
/// The weighted try needs about this much of its component's time per
/// candidate to be of use; with less, the coverage level's linear
/// relaxation replaces it (`coverage_relaxation`). The try's rota rarely
/// beats the coverage search's, so a short try gives only its bound, weak
/// when HiGHS's root did not end: on sos-1400 within 5 s (about 0.3 ms per
/// candidate), seed 2's 6,271-candidate component had 5 slots from its
/// try, 85 from the relaxation (0.23 s). Over six sos-1400 weeks (the
/// public one and `gen.py` seeds 2, 3, 6, 7, 8; two runs each, back to
/// back), within 3 s 176,640 uncovered minutes (summed bound 67,500) with
/// the try, 177,960–178,020 (137,580) with the relaxation; within 5 s
/// 164,640–166,020 (125,460–125,700) against 163,500 (137,400) twice.
/// Within 10 s (0.5–0.6 ms per candidate) the try proves some components
/// outright (seed 2's 5,078-candidate one with 2.6 s), within 20 s more
/// (1.2–1.4 ms per candidate): there it stays. Replacing it there too gave
/// the same coverage within 10 and 20 s (143,700 against 144,900; 141,660
/// against 141,900) without those proofs.
pub const WEIGHTED_TRY_SECONDS_PER_CANDIDATE: f64 = 0.4e-3;

/// How the score levels of a solve are handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Levels {
    /// Weighted on small components (`COMBINED_MAX_CANDIDATES`), in turn
    /// on larger ones, on split jobs and for a coverage-only solve.
    Auto,
    /// Weighted whenever the weights allow it (`MAX_WEIGHT`): the weighted
    /// try of a mid-sized component.
    Weighted,
}

/// Level weights `(w1, w2, w3)` that keep the lexicographic order (module
/// docs).
fn weights(t_max: f64, p_max: f64) -> (f64, f64, f64) {
    let w3 = 1.0;
    let w2 = w3 * p_max + 1.0;
    let w1 = w2 * t_max + w3 * p_max + 1.0;
    (w1, w2, w3)
}

/// Whether the first solve of the exact component `m` should be a weighted
/// try (`Levels::Weighted`) before the staged levels: mid-sized, with
/// weights HiGHS handles.
pub fn weighted_try(m: &ComponentModel) -> bool {
    let n = m.cand.len();
    n > COMBINED_MAX_CANDIDATES
        && n <= WEIGHTED_TRY_MAX_CANDIDATES
        && weights(m.t_max, m.p_max).0 <= MAX_WEIGHT
}

/// Whether the weighted try of `weighted_try` has time to be of use with
/// `left` for the component `m` (`WEIGHTED_TRY_SECONDS_PER_CANDIDATE`).
pub fn weighted_try_has_time(m: &ComponentModel, left: Duration) -> bool {
    left.as_secs_f64() >= WEIGHTED_TRY_SECONDS_PER_CANDIDATE * m.cand.len() as f64
}

/// The coverage level's linear relaxation of a component, solved.
pub struct Relaxation {
    /// A proven lower bound on its uncovered staff-slots (constant
    /// included): the relaxation's optimum rounded up (the level is an
    /// integer).
    pub bound: f64,
    /// Each candidate's value there (local positions).
    pub x: Vec<f64>,
}

/// The coverage level's linear relaxation of `m`, or `None` when HiGHS
/// does not solve it by `stop`. Its bound is as strong as the full model's
/// root on sos-1400's components (seed 2's weakest: 84.86 against 85) and
/// takes 0.1–0.5 s on those of 3,000–10,000 candidates; its solution
/// guides the coverage level's first search (`search::rins`).
pub fn coverage_relaxation(
    m: &ComponentModel,
    stop: Instant,
) -> Result<Option<Relaxation>, SolveError> {
    let limit = stop.saturating_duration_since(Instant::now()).as_secs_f64();
    if limit < 0.001 {
        return Ok(None);
    }
    let mut hm: Model = m
        .problem
        .clone()
        .try_optimise(Sense::Minimise)
        .map_err(internal)?;
    configure(&mut hm, m.locked.len(), false);
    for &(i, w) in &m.uncovered {
        hm.change_column_cost(m.cols[i], w);
    }
    hm.set_option("solve_relaxation", true);
    // Presolve costs more than it saves on these models: 0.31–0.39 s
    // without it on seed 2's two largest components, 0.36–0.50 s with it;
    // over the six weeks within 3 s, 177,960–178,020 uncovered minutes
    // without it, 180,600–181,380 with it (the same bounds).
    hm.set_option("presolve", "off");
    hm.set_option("time_limit", limit);
    let solved = hm.try_solve().map_err(internal)?;
    if solved.status() != HighsModelStatus::Optimal {
        return Ok(None);
    }
    let lp = solved.objective_value();
    Ok(Some(Relaxation {
        bound: (lp - 1e-6).ceil().max(0.0) + m.const_uncovered_slots as f64,
        x: solved.get_solution().columns()[..m.locked.len()].to_vec(),
    }))
}

/// Whether the first solve of the exact component `m` should start from
/// the coverage search's rota (`cover_search`): above the small components
/// the weighted model proves at once (alma-600's, up to 1,552 candidates,
/// keep their solve as it was). HiGHS alone found poor rotas on the large
/// ones: on sos-1400 within 5 s, 263 uncovered slots on the 9,796-candidate
/// component (optimum 58) where the search gives 118 in 0.15 s.
pub fn searched_start(m: &ComponentModel) -> bool {
    m.cand.len() > COMBINED_MAX_CANDIDATES
}

/// Fairness is a tie-break without a proof requirement, solved only on
/// components up to `FAIRNESS_MAX_CANDIDATES` (its root node alone took
/// 0.3–4.9 s on alma-600's components of 420–1,552 candidates, erratically;
/// under 300 it ends within 0.06 s), with a node limit (deterministic); a
/// fairness solve that the clock stops anyway is dropped (the rota of the
/// level above is kept), so the rota does not depend on the machine's load.
const FAIRNESS_NODES: i32 = 1;
const FAIRNESS_MAX_CANDIDATES: usize = 300;

/// Share of its time a coverage-only solve gives HiGHS (the rest covers
/// building the rota from its solution).
const ONLY_STAGE_SHARE: f64 = 0.97;

/// Largest value of the tie-break of a coverage-only solve, in uncovered
/// slots (see `solve`).
const STEER_SHARE: f64 = 0.5;

/// Cut pool soft limit for models above `POOL_LIMIT_MIN_CANDIDATES`.
const CUT_POOL_SOFT_LIMIT: i32 = 200;
const POOL_LIMIT_MIN_CANDIDATES: usize = 1600;

fn internal(e: impl std::fmt::Debug) -> SolveError {
    SolveError::Internal(format!("HiGHS: {e:?}"))
}

/// A feasible rota to begin from, with what is known about its coverage.
#[derive(Debug, Clone, Copy)]
pub struct Start<'a> {
    /// Local candidates of the rota.
    pub chosen: &'a [usize],
    /// Proven lower bound on uncovered slots (constant included; 0 when
    /// unknown): a start reaching it needs no coverage solve.
    pub lower: f64,
    /// Keep the start's coverage level as it is, without a coverage solve
    /// (the later levels only): for a job whose coverage was already
    /// searched. The level is then proven only if the start reaches `lower`.
    pub keep_coverage: bool,
    /// Leading staged levels on which the start is already proven optimal
    /// (`StagedOutcome::levels_proven` of an earlier solve): each is kept at
    /// the start's value by a row, without a solve.
    pub kept_levels: usize,
    /// Each candidate's value in the coverage level's linear relaxation
    /// (`Relaxation::x`), when known: the coverage level's search then
    /// begins where the relaxation and the start differ (`search::rins`).
    pub relaxed: Option<&'a [f64]>,
    /// Without a bound (`lower` 0), the coverage level still searches
    /// before its full solve (`neighbourhoods`): for a component whose
    /// coverage relaxation was not solved in time (a loaded machine), as
    /// it did from the weak bound of a short weighted try.
    pub search_unbounded: bool,
}

/// Runs the stages until all are done or `deadline` passes. `start`, when
/// given, becomes the incumbent of the first stage (its continuous columns
/// completed by an LP with every `x` fixed).
pub fn solve(
    model: ComponentModel,
    deadline: Instant,
    only_first: bool,
    split: bool,
    start: Option<Start<'_>>,
    levels: Levels,
) -> Result<StagedOutcome, SolveError> {
    let constant = model.const_uncovered_slots as f64;
    if model.cand.is_empty() {
        return Ok(StagedOutcome {
            chosen: Some(Vec::new()),
            proven: true,
            bound_slots: constant,
            levels_proven: usize::MAX,
        });
    }
    let plan = Plan::new(&model, only_first, split, levels);
    // The weighted model again, for `confirm` (small: weighted models have
    // at most `WEIGHTED_TRY_MAX_CANDIDATES` candidates).
    let spare = plan.combined.then(|| model.problem.clone());
    let ComponentModel {
        problem,
        cols,
        locked,
        trainee,
        shifts,
        uncovered,
        ..
    } = model;
    let mut hm: Model = problem.try_optimise(Sense::Minimise).map_err(internal)?;
    configure(&mut hm, locked.len(), split);
    let columns = Columns {
        cols: &cols,
        locked: &locked,
        trainee: &trainee,
        shifts: &shifts,
        uncovered: &uncovered,
        constant,
        deadline,
        split,
    };
    let mut run = Run::new(columns, &plan, spare.as_ref());
    let (mut first_done, mut kept_levels) = (false, 0);
    if let Some(st) = start {
        kept_levels = if plan.combined { 0 } else { st.kept_levels };
        (hm, first_done) = run.begin(hm, st)?;
    }
    let mut stopped_at: Option<usize> = None;
    for (si, (kind, obj)) in plan.stages.iter().enumerate() {
        let stage = (*kind, obj);
        if run.skip(&mut hm, si, stage, first_done, kept_levels)? {
            continue;
        }
        let now = Instant::now();
        let remaining = deadline.saturating_duration_since(now).as_secs_f64();
        let budget = plan.budget(*kind, si, remaining);
        if budget < 0.002 && run.incumbent.is_some() {
            stopped_at = Some(si);
            break;
        }
        run.aim(&mut hm, si, stage);
        let open = match run.improve(hm, si, stage, budget, now)? {
            Improved::Open(m) => m,
            Improved::Proven(m) => {
                hm = m;
                if Instant::now() >= deadline {
                    stopped_at = Some(si + 1);
                    break;
                }
                continue;
            }
        };
        hm = run.full(open, si, stage, budget, now)?;
        if run.incumbent.is_none() {
            break;
        }
        if Instant::now() >= deadline {
            stopped_at = Some(si + 1);
            break;
        }
    }
    Ok(run.finish(stopped_at))
}

#[cfg(test)]
mod tests;
