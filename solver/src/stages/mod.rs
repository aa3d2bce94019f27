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
//! the incumbent of the full model there.
//!
//! The change count and fairness always come after, under the same kind of
//! row. Fairness (small components only, a node limit, no proof
//! requirement, dropped if the clock stops it, for determinism) only
//! reorders rotas that tie on every level above it. HiGHS's
//! `time_limit` applies to each run (measured: the run clock restarts), so
//! each stage gets its own budget.

mod runs;
mod search;

use std::time::{Duration, Instant};

use highs::{HighsModelStatus, HighsSolutionStatus, Model, Sense};

use crate::model::{ComponentModel, Objective};
use crate::solve::SolveError;
pub use runs::left;
use runs::{complete_start, configure, keep_level, rounded, run_checked, value};
use search::{
    confirm, neighbourhoods, polish, quick_try, Quick, NEIGHBOURHOOD_SHARE, POLISH_SHARE,
    QUICK_SHARE,
};

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
/// Share of a component's time for its weighted try.
pub const WEIGHTED_TRY_SHARE: f64 = 0.3;

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
    let ComponentModel {
        problem,
        cols,
        cand,
        locked,
        trainee,
        shifts,
        const_uncovered_slots,
        uncovered,
        shortfall,
        unpreferred,
        changes,
        fairness,
        t_max: model_t_max,
        p_max: model_p_max,
        steer,
        steer_max,
    } = model;
    let constant = const_uncovered_slots as f64;
    if cand.is_empty() {
        return Ok(StagedOutcome {
            chosen: Some(Vec::new()),
            proven: true,
            bound_slots: constant,
            levels_proven: usize::MAX,
        });
    }
    // Level weights that provably keep the lexicographic order (module
    // docs); staged levels when they would be too large for HiGHS.
    let (w1, w2, w3) = weights(model_t_max, model_p_max);
    // The relaxed pass of `split` needs only the coverage level.
    // Large models: staged levels (coverage first) find good rotas sooner.
    // Split jobs (short budgets; only coverage counts for the gap): staged.
    let combined = w1 <= MAX_WEIGHT
        && !only_first
        && !split
        && (levels == Levels::Weighted || cand.len() <= COMBINED_MAX_CANDIDATES);
    let mut stages: Vec<(Kind, Objective)> = if combined {
        let mut obj: Objective = uncovered.iter().map(|&(i, w)| (i, w * w1)).collect();
        obj.extend(shortfall.iter().map(|&(i, w)| (i, w * w2)));
        obj.extend(unpreferred.iter().map(|&(i, w)| (i, w * w3)));
        vec![(Kind::Scored, obj)]
    } else {
        vec![
            (Kind::Scored, uncovered.clone()),
            (Kind::Scored, shortfall),
            (Kind::Scored, unpreferred),
        ]
    };
    let w_first = if combined { w1 } else { 1.0 };
    // Coverage-only solve with a tie-break `S` (0 ≤ S ≤ S_max): minimise
    // `U + δ·S` with `δ·S_max = ½`, stopping at an absolute gap of
    // `0.999 − ½`. Every rota has `U ≥ U + δ·S − ½`, so a dual bound `B`
    // gives `U* ≥ ⌈B − ½⌉`; and at the stop, `U_found + δ·S_found − B <
    // ½`, so `U_found < U* + 1`: the coverage found is proven optimal.
    let steer_scale = if only_first && !steer.is_empty() && steer_max > 0.0 {
        STEER_SHARE / steer_max
    } else {
        0.0
    };
    if only_first {
        stages.truncate(1);
        if steer_scale > 0.0 {
            stages[0]
                .1
                .extend(steer.iter().map(|&(i, w)| (i, w * steer_scale)));
        }
    } else {
        if let Some((obj, _)) = changes {
            stages.push((Kind::Changes, obj));
        }
        if cand.len() <= FAIRNESS_MAX_CANDIDATES {
            stages.push((Kind::Fairness, fairness));
        }
    }

    // The weighted model again, for `confirm` (small: weighted models have
    // at most `WEIGHTED_TRY_MAX_CANDIDATES` candidates).
    let spare = combined.then(|| problem.clone());
    let mut hm: Model = problem.try_optimise(Sense::Minimise).map_err(internal)?;
    configure(&mut hm, cand.len(), split);

    let n_x = cand.len();
    let mut incumbent: Option<Vec<f64>> = None;
    let mut proven = true;
    let mut bound = constant;
    let mut first_done = false;
    // Leading stages proven so far (kept, at zero, or solved optimally).
    let mut levels_proven = 0;
    let mut kept_levels = 0;
    if let Some(st) = start {
        kept_levels = if combined { 0 } else { st.kept_levels };
        let (m, sol) = complete_start(hm, &cols, &locked, st.chosen, deadline)?;
        hm = m;
        incumbent = sol;
        if let (Some(sol), false) = (&incumbent, combined) {
            // Coverage level already at a proven lower bound (or to be kept
            // as it is): keep it with the same row a solved stage adds, and
            // go on to the next level.
            let u = value(&uncovered, sol);
            let reached = constant + u.round() <= st.lower + 0.5;
            if reached || st.keep_coverage {
                bound = if reached {
                    constant + u.round()
                } else {
                    st.lower.max(constant)
                };
                proven &= reached;
                first_done = true;
                if reached {
                    levels_proven = 1;
                }
                keep_level(&mut hm, &cols, &uncovered, u)?;
            }
        }
    }
    let mut prev_obj: Objective = Vec::new();
    let n_stages = stages.len();
    let mut stopped_at: Option<usize> = None;
    for (si, stage) in stages.iter().enumerate() {
        let (kind, obj) = (stage.0, stage.1.clone());
        if obj.is_empty() || (si == 0 && first_done) {
            levels_proven += usize::from(levels_proven == si && obj.is_empty());
            continue;
        }
        if let Some(sol) = &incumbent {
            // A level already at its trivial lower bound (0) needs no solve.
            let val = value(&obj, sol);
            if kind == Kind::Scored && val < 0.5 && obj.iter().all(|&(_, w)| w >= 0.0) {
                levels_proven += usize::from(levels_proven == si);
                continue;
            }
            // A level the start is proven optimal on: kept by a row.
            if si < kept_levels && kind != Kind::Fairness {
                keep_level(&mut hm, &cols, &obj, val)?;
                levels_proven += usize::from(levels_proven == si);
                continue;
            }
        }
        let now = Instant::now();
        let remaining = deadline.saturating_duration_since(now).as_secs_f64();
        // A coverage-only solve has no later level to keep time for: its
        // one stage takes the whole budget (at 0.7, samaritans-20k's merged
        // coverage solves stopped at 3.5 of their 5 s, one 0.2 s short of
        // its proof, and the gap at 60 s was 1.7 % instead of 0.6 %).
        let budget = match kind {
            Kind::Scored if only_first => remaining * ONLY_STAGE_SHARE,
            Kind::Scored if si == 0 && n_stages > 1 => remaining * 0.85,
            Kind::Scored | Kind::Changes => remaining * 0.7,
            Kind::Fairness => remaining * 0.5,
        };
        if budget < 0.002 && incumbent.is_some() {
            stopped_at = Some(si);
            break;
        }
        for &(i, _) in &prev_obj {
            hm.change_column_cost(cols[i], 0.0);
        }
        for &(i, w) in &obj {
            hm.change_column_cost(cols[i], w);
        }
        // A recovery in `run_checked` may have switched presolve off.
        hm.set_option("presolve", "choose");
        // A scored level's value is an integer (the coverage level's plus
        // its tie-break, below ½): this absolute gap proves it.
        let level_gap = if si == 0 {
            0.999 - steer_scale * steer_max
        } else {
            0.999
        };
        if kind == Kind::Fairness {
            hm.set_option("mip_abs_gap", 1e-6);
            hm.set_option("mip_rel_gap", 1e-3);
            hm.set_option("mip_max_nodes", FAIRNESS_NODES);
        } else {
            hm.set_option("mip_abs_gap", level_gap);
        }
        if si == 1 && !combined && kind == Kind::Scored && trainee.iter().any(|&t| t) {
            if let Some(sol) = incumbent.take() {
                let (m, better) = polish(
                    hm,
                    &cols,
                    &locked,
                    &trainee,
                    &obj,
                    sol,
                    budget * POLISH_SHARE,
                )?;
                hm = m;
                incumbent = Some(better);
            }
        }
        if si == 2 && !combined && kind == Kind::Scored {
            if let Some(sol) = incumbent.take() {
                // Each chosen shift may move to an overlapping candidate of
                // the same volunteer, centre, skill and role.
                let mut chosen: std::collections::HashMap<_, Vec<_>> =
                    std::collections::HashMap::new();
                for l in (0..n_x).filter(|&l| sol[l] > 0.5) {
                    let sh = shifts[l];
                    chosen
                        .entry((sh.volunteer, sh.centre, sh.skill, sh.role))
                        .or_default()
                        .push(sh.range);
                }
                let free: Vec<bool> = shifts
                    .iter()
                    .map(|sh| {
                        chosen
                            .get(&(sh.volunteer, sh.centre, sh.skill, sh.role))
                            .is_some_and(|rs| {
                                rs.iter()
                                    .any(|r| r.start < sh.range.end && sh.range.start < r.end)
                            })
                    })
                    .collect();
                let (m, better) =
                    polish(hm, &cols, &locked, &free, &obj, sol, budget * POLISH_SHARE)?;
                hm = m;
                incumbent = Some(better);
            }
        }
        if si >= 1 && kind == Kind::Scored && !combined && !split {
            if let Some(sol) = incumbent.take() {
                // A short try of the full model first: where it proves the
                // level at once (samaritans-23k: every level within 2.4 s
                // in all), no neighbourhood is needed.
                match quick_try(hm, n_x, &obj, sol, budget * QUICK_SHARE)? {
                    Quick::Proven(solved) => {
                        // As after the full solve below: keep the level.
                        let sol = rounded(&solved, n_x);
                        hm = Model::from(solved);
                        keep_level(&mut hm, &cols, &obj, value(&obj, &sol))?;
                        incumbent = Some(sol);
                        prev_obj = obj;
                        levels_proven += usize::from(levels_proven == si);
                        if Instant::now() >= deadline {
                            stopped_at = Some(si + 1);
                            break;
                        }
                        continue;
                    }
                    Quick::Open(m, sol) => {
                        let left = (budget - now.elapsed().as_secs_f64()).max(0.0);
                        let (m, better) = neighbourhoods(
                            m,
                            &cols,
                            &locked,
                            &shifts,
                            (si == 1).then_some(&trainee[..]),
                            &obj,
                            sol,
                            left * NEIGHBOURHOOD_SHARE,
                        )?;
                        hm = m;
                        incumbent = Some(better);
                    }
                }
            }
        }
        if let Some(sol) = &incumbent {
            hm.try_set_solution(Some(sol), None, None, None)
                .map_err(internal)?;
        }
        // A polish counts in the level's budget.
        let budget = (budget - now.elapsed().as_secs_f64()).max(0.0);
        hm.set_option("time_limit", budget.max(0.001));
        let t0 = Instant::now();
        let stop = t0 + Duration::from_secs_f64(budget);
        let (solved, mut optimal) = run_checked(hm, &obj, stop)?;
        let status = solved.status();
        // HiGHS's dual bound on this stage's objective (−∞ when none).
        let db = solved
            .double_info_value(c"mip_dual_bound")
            .unwrap_or(f64::NEG_INFINITY);
        tracing::debug!(
            "stage {si} cols {} x {n_x} status {status:?} {:.3}s obj {} (start {}) bound {db}",
            cols.len(),
            t0.elapsed().as_secs_f64(),
            solved.objective_value(),
            incumbent.as_ref().map_or(f64::NAN, |s| value(&obj, s)),
        );
        if status == HighsModelStatus::Infeasible {
            return Err(SolveError::Infeasible(
                "les créneaux verrouillés ne respectent pas les règles (mentor, repos ou limites) / \
                 the locked shifts break a hard rule (mentor, rest or limits)"
                    .into(),
            ));
        }
        // A fairness solve cut by the clock is dropped: its rota would
        // depend on the machine's load (same input → same rota).
        let feasible = solved.primal_solution_status() == HighsSolutionStatus::Feasible
            && !(kind == Kind::Fairness && status == HighsModelStatus::ReachedTimeLimit);
        if si == 0 {
            // With weights, obj < w1·(U*+1) for a U-optimal solution, so
            // U* ≥ ⌊bound / w1⌋; alone, U* ≥ ⌈bound⌉.
            if db.is_finite() && db > 0.0 {
                bound = constant
                    + if combined {
                        (db / w_first + 1e-9).floor()
                    } else {
                        (db - steer_scale * steer_max - 1e-6).ceil()
                    };
            }
        }
        if feasible {
            let mut sol = rounded(&solved, n_x);
            // HiGHS may stop at its limit having reported neither the
            // start's value nor its solution's (the start re-evaluated in
            // the presolved space, see `run_checked`): seen on the training
            // level of a 63,809-candidate component, start and solution
            // 4,740 minutes, objective reported 4,860, dual bound 4,740,
            // status `ReachedTimeLimit`. So the level's value is taken from
            // the better of the start and the solution, and is proven when
            // the dual bound is within the level's gap (`level_gap`) of it.
            if kind != Kind::Fairness && !optimal {
                if let Some(start) = &incumbent {
                    if value(&obj, start) < value(&obj, &sol) - 0.5 {
                        sol = start.clone();
                    }
                }
                if db.is_finite() && value(&obj, &sol) - db <= level_gap {
                    tracing::debug!("stage {si}: proven by its bound {db}");
                    optimal = true;
                }
            }
            if let (true, Some(p)) = (optimal && si == 0, &spare) {
                if value(&obj, &sol) - db > level_gap {
                    let (better, ok) = confirm(p, &cols, &obj, sol, stop, n_x, level_gap)?;
                    sol = better;
                    optimal = ok;
                }
            }
            if si == 0 && optimal {
                bound = constant + value(&uncovered, &sol).round();
            }
            let val = value(&obj, &sol);
            incumbent = Some(sol);
            hm = Model::from(solved);
            if kind != Kind::Fairness {
                keep_level(&mut hm, &cols, &obj, val)?;
            }
        } else {
            hm = Model::from(solved);
        }
        if kind != Kind::Fairness && !optimal {
            proven = false;
        } else if kind != Kind::Fairness && levels_proven == si {
            levels_proven += 1;
        }
        prev_obj = obj;
        if incumbent.is_none() {
            proven = false;
            break;
        }
        if Instant::now() >= deadline {
            stopped_at = Some(si + 1);
            break;
        }
    }
    if let (Some(k), Some(sol)) = (stopped_at, &incumbent) {
        // A scored level left unsolved is proven only if already at 0.
        for (kind, obj) in &stages[k.min(n_stages)..] {
            let val = value(obj, sol);
            let at_zero = val < 0.5 && obj.iter().all(|&(_, w)| w >= 0.0);
            if *kind != Kind::Fairness && !obj.is_empty() && !at_zero {
                proven = false;
            }
        }
    }
    let chosen = incumbent.map(|sol| (0..n_x).filter(|&l| sol[l] > 0.5).collect());
    Ok(StagedOutcome {
        chosen,
        proven,
        bound_slots: bound,
        levels_proven,
    })
}

#[cfg(test)]
mod tests;
