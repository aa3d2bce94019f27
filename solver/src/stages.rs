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

use std::time::{Duration, Instant};

use highs::{HighsModelStatus, HighsSolutionStatus, Model, Sense};

use crate::model::{ComponentModel, Objective};
use crate::problem::Shift;
use crate::solve::SolveError;

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

/// HiGHS options of every solve of a component's model (`n_x`
/// candidates; `split`: a job of a split component).
fn configure(hm: &mut Model, n_x: usize, split: bool) {
    let verbose = std::env::var_os("ASTREINTE_SOLVER_LOG").is_some();
    hm.set_option("output_flag", verbose);
    hm.set_option("log_to_console", verbose);
    hm.set_option("threads", 1);
    hm.set_option("random_seed", 0);
    hm.set_option("mip_rel_gap", 0.0);
    // Feasibility jump costs up to half a second before the root LP: off
    // for whole components (measured: alma-600 2.6 s → 1.7 s without it),
    // on for the many short solves of a split one (without it most find no
    // rota in their budget: samaritans-20k 93,000 → 290,000 min).
    hm.set_option("mip_heuristic_run_feasibility_jump", split);
    // A small cut pool on large models (HiGHS's default soft limit is
    // 10,000 cuts): the root cut loop of sos-1400's components (1,915–9,796
    // candidates) spent seconds on thousands of cuts that barely moved the
    // bound, and the search found no rota near the optimum. Measured (60 s,
    // one run each, same load): uncovered 37,800 min with the default,
    // 25,200 with 1,000, 21,960 with 500, 19,020 (every component's
    // coverage level proven) with 200. Small components keep the default
    // (alma-600's, at most 1,552 candidates, unchanged).
    if n_x > POOL_LIMIT_MIN_CANDIDATES {
        hm.set_option("mip_pool_soft_limit", CUT_POOL_SOFT_LIMIT);
    }
}

/// Share of a later level's budget for the short try of `quick_try`.
const QUICK_SHARE: f64 = 0.15;

/// What a short try of the full model gave.
enum Quick {
    /// The level is proven optimal: the solved model, as a full solve.
    Proven(highs::SolvedModel),
    /// Not proven: the model and the better of the start and the try.
    Open(Model, Vec<f64>),
}

/// Solves the full model from `sol` for at most `limit` seconds (its first
/// `n_x` columns are the binaries).
fn quick_try(
    mut hm: Model,
    n_x: usize,
    obj: &Objective,
    sol: Vec<f64>,
    limit: f64,
) -> Result<Quick, SolveError> {
    hm.try_set_solution(Some(&sol), None, None, None)
        .map_err(internal)?;
    hm.set_option("time_limit", limit.max(0.001));
    let stop = Instant::now() + Duration::from_secs_f64(limit);
    let (solved, proven) = run_checked(hm, obj, stop)?;
    if proven {
        return Ok(Quick::Proven(solved));
    }
    let mut best = sol;
    if solved.primal_solution_status() == HighsSolutionStatus::Feasible {
        let s = rounded(&solved, n_x);
        if value(obj, &s) < value(obj, &best) - 0.5 {
            best = s;
        }
    }
    Ok(Quick::Open(Model::from(solved), best))
}

/// Share of a later level's budget for `neighbourhoods`.
const NEIGHBOURHOOD_SHARE: f64 = 0.8;
/// Share of that budget for one neighbourhood (at least
/// `NEIGHBOURHOOD_MIN_SECONDS`).
const NEIGHBOURHOOD_STEP: f64 = 0.5;
const NEIGHBOURHOOD_MIN_SECONDS: f64 = 0.25;

/// Improves the start of a later level by a large-neighbourhood search:
/// one centre at a time, every candidate of the volunteers who could serve
/// there is free and every other column keeps its value (`polish`), in
/// centre order, pass after pass while a pass improves the level. With
/// `trainees` (the training level), only centres with trainee candidates
/// are searched.
///
/// The full model of a large component hardly improves the level's
/// incumbent: on sos-1400's largest components the training level stayed
/// at its start (1,860 and 1,980 minutes) for 13–20 s of HiGHS, which
/// needed 26 s to find the optimum of the first (1,440, proven in 140 s),
/// while the restricted models of its centres (400–2,000 columns, most
/// solved in under a second with `polish`'s cutoff) reach 1,440 on the
/// first within 6 s and 1,320 (the best known) on the second within 5 s.
/// The rest of the level's budget then goes to the full model, which alone
/// can prove the level.
#[allow(clippy::too_many_arguments)]
fn neighbourhoods(
    mut hm: Model,
    cols: &[highs::Col],
    locked: &[bool],
    shifts: &[Shift],
    trainees: Option<&[bool]>,
    obj: &Objective,
    mut sol: Vec<f64>,
    budget: f64,
) -> Result<(Model, Vec<f64>), SolveError> {
    let mut all: Vec<usize> = shifts.iter().map(|sh| sh.centre).collect();
    all.sort_unstable();
    all.dedup();
    if all.len() < 2 {
        return Ok((hm, sol));
    }
    let mut centres: Vec<usize> = match trainees {
        Some(t) => shifts
            .iter()
            .zip(t)
            .filter(|&(_, &is)| is)
            .map(|(sh, _)| sh.centre)
            .collect(),
        None => all,
    };
    centres.sort_unstable();
    centres.dedup();
    let stop = Instant::now() + Duration::from_secs_f64(budget);
    let step = (budget * NEIGHBOURHOOD_STEP).max(NEIGHBOURHOOD_MIN_SECONDS);
    loop {
        let before = value(obj, &sol);
        for &c in &centres {
            let left = left(stop).as_secs_f64();
            if left < 0.01 || value(obj, &sol) < 0.5 {
                return Ok((hm, sol));
            }
            let mut here: Vec<usize> = shifts
                .iter()
                .filter(|sh| sh.centre == c)
                .map(|sh| sh.volunteer)
                .collect();
            here.sort_unstable();
            here.dedup();
            let free: Vec<bool> = shifts
                .iter()
                .map(|sh| here.binary_search(&sh.volunteer).is_ok())
                .collect();
            let (m, better) = polish(hm, cols, locked, &free, obj, sol, step.min(left))?;
            hm = m;
            sol = better;
        }
        if value(obj, &sol) > before - 0.5 {
            return Ok((hm, sol));
        }
    }
}

/// Value of `obj` at the columns `sol`.
fn value(obj: &Objective, sol: &[f64]) -> f64 {
    obj.iter().map(|&(i, w)| w * sol[i]).sum()
}

/// The solution's columns, its first `n_x` (the binaries) rounded.
fn rounded(solved: &highs::SolvedModel, n_x: usize) -> Vec<f64> {
    let mut sol = solved.get_solution().columns().to_vec();
    for v in sol.iter_mut().take(n_x) {
        *v = v.round();
    }
    sol
}

/// Keeps a solved level: the row `obj ≤ val + ½` (every level is an
/// integer), so that no later level can worsen it.
fn keep_level(
    hm: &mut Model,
    cols: &[highs::Col],
    obj: &Objective,
    val: f64,
) -> Result<(), SolveError> {
    hm.try_add_row(..=val.round() + 0.5, obj.iter().map(|&(i, w)| (cols[i], w)))
        .map(|_| ())
        .map_err(internal)
}

/// Whether HiGHS's reported objective is the value of the solution it
/// returned (up to rounding).
fn consistent(reported: f64, actual: f64) -> bool {
    (reported - actual).abs() <= 1e-9 * actual.abs().max(1.0) + 1e-6
}

/// Solves `hm` (objective `obj`) and says whether its solution is proven
/// optimal.
///
/// HiGHS 1.16 re-evaluates a MIP start in the presolved space, where
/// reductions that hold for *some* optimal solution (a column fixed at a
/// bound by a dominance argument) may not hold for the start: it then takes
/// a value below the start's true objective as its incumbent's, prunes
/// everything above that value, and may stop with status `Optimal` while
/// returning the start, which is worse than the optimum ("MIP start
/// solution is feasible in the reduced space" in its log). Seen on the
/// later levels of sos-1400 and samaritans-20k (training shortfall 1,380
/// reported, 1,500 returned) and reproduced on a 13-column model (test
/// below). So `Optimal` counts only when the returned solution has the
/// reported value; otherwise, with time left, the level is solved again
/// without presolve (nothing to map the start through).
fn run_checked(
    hm: Model,
    obj: &Objective,
    stop: Instant,
) -> Result<(highs::SolvedModel, bool), SolveError> {
    let solved = hm.try_solve().map_err(internal)?;
    let check = |s: &highs::SolvedModel| {
        s.status() == HighsModelStatus::Optimal
            && s.primal_solution_status() == HighsSolutionStatus::Feasible
            && consistent(s.objective_value(), value(obj, s.get_solution().columns()))
    };
    if solved.status() != HighsModelStatus::Optimal || check(&solved) {
        let ok = check(&solved);
        return Ok((solved, ok));
    }
    let left = left(stop).as_secs_f64();
    if left < 0.01 {
        return Ok((solved, false));
    }
    let start = solved.get_solution().columns().to_vec();
    let mut hm = Model::from(solved);
    hm.set_option("presolve", "off");
    hm.set_option("time_limit", left);
    hm.try_set_solution(Some(&start), None, None, None)
        .map_err(internal)?;
    let again = hm.try_solve().map_err(internal)?;
    let ok = check(&again);
    Ok((again, ok))
}

/// Most rounds of `confirm`.
const CONFIRM_ROUNDS: usize = 3;

/// Proves (or improves) a weighted rota `sol` that HiGHS called optimal
/// although its dual bound is a little more than the level's gap below it.
///
/// With an integral objective, HiGHS prunes every node whose bound exceeds
/// the incumbent's value minus one (up to a tolerance). An incumbent whose
/// value is a few 1e-5 above its integer, which large weights on the
/// continuous slack columns cause, then prunes a node holding a rota better
/// by one: seen on a generated alma-600 week (a component of 831
/// candidates): returned 3,433,525.99999 as optimal with a dual bound of
/// 3,433,525.0000002, while a rota of 3,433,525 (one unpreferred slot
/// fewer) exists. So the model is solved again from `spare` (the same
/// model, without the rows of kept levels) with the row `objective ≤
/// value − ½`: no rota proves the first one optimal; a better one replaces
/// it (and is checked in turn); the clock leaves it unproven. Returns the
/// best rota found and whether it is proven optimal.
fn confirm(
    spare: &highs::RowProblem,
    cols: &[highs::Col],
    obj: &Objective,
    mut sol: Vec<f64>,
    stop: Instant,
    n_x: usize,
    gap: f64,
) -> Result<(Vec<f64>, bool), SolveError> {
    for _ in 0..CONFIRM_ROUNDS {
        let left = left(stop).as_secs_f64();
        if left < 0.01 {
            break;
        }
        let val = value(obj, &sol).round();
        let mut p = spare.clone();
        p.add_row(..=val - 0.5, obj.iter().map(|&(i, w)| (cols[i], w)));
        let mut hm = p.try_optimise(Sense::Minimise).map_err(internal)?;
        configure(&mut hm, n_x, false);
        for &(i, w) in obj {
            hm.change_column_cost(cols[i], w);
        }
        hm.set_option("mip_abs_gap", gap);
        hm.set_option("time_limit", left);
        let solved = hm.try_solve().map_err(internal)?;
        let status = solved.status();
        tracing::debug!("confirm: {val} {status:?}");
        if status == HighsModelStatus::Infeasible {
            return Ok((sol, true));
        }
        if solved.primal_solution_status() != HighsSolutionStatus::Feasible {
            break;
        }
        let better = rounded(&solved, n_x);
        if value(obj, &better) > val - 0.5 {
            break;
        }
        sol = better;
        let db = solved
            .double_info_value(c"mip_dual_bound")
            .unwrap_or(f64::NEG_INFINITY);
        if status == HighsModelStatus::Optimal
            && consistent(solved.objective_value(), value(obj, &sol))
            && value(obj, &sol) - db <= gap
        {
            return Ok((sol, true));
        }
        if status != HighsModelStatus::Optimal {
            break;
        }
    }
    Ok((sol, false))
}

/// Share of a later level's budget for `polish`.
const POLISH_SHARE: f64 = 0.3;

/// A better start for a later level: the rota of the level above with every
/// column outside `free` fixed, solved for objective `obj` (the rows of the
/// levels above stay, so any solution keeps them). The rota of a level
/// ignores the levels below it, and HiGHS's own heuristics improve it
/// slowly on large components, while these restricted models are small.
///
/// - Training level, `free` = trainee shifts (staff, hence coverage, fixed):
///   0.01–0.1 s on sos-1400's components. HiGHS alone took ~28 s to improve
///   the coverage rota of the largest one (shortfall 6,960 → 1,320 min; the
///   bound stayed at 1,138 from the root on); polished, the start is 1,980.
///   Leaving unchosen staff shifts free as well (extra mentors) gave the
///   same values there. Moving staff as well is `neighbourhoods`' work.
/// - Preference level, `free` = candidates overlapping a chosen shift of
///   the same volunteer, centre, skill and role (shorter, longer or moved
///   shifts): on the same component, 977 → 900 unpreferred slots.
///
/// Returns the model with its bounds restored and the better of the two
/// solutions.
fn polish(
    mut hm: Model,
    cols: &[highs::Col],
    locked: &[bool],
    free: &[bool],
    obj: &Objective,
    sol: Vec<f64>,
    budget: f64,
) -> Result<(Model, Vec<f64>), SolveError> {
    for (l, &t) in free.iter().enumerate() {
        if !t {
            hm.change_column_bounds(cols[l], sol[l]..=sol[l]);
        }
    }
    hm.try_set_solution(Some(&sol), None, None, None)
        .map_err(internal)?;
    hm.set_option("time_limit", budget.max(0.001));
    // Only a strictly better rota counts (the objective is an integer):
    // HiGHS prunes the rest, and a neighbourhood without one ends as soon
    // as that is proven (measured on sos-1400's second largest component:
    // its training level 1,980 → 1,320 minutes in 4.5 s with the cutoff,
    // 1,560 in 16 s without).
    hm.set_option("objective_bound", value(obj, &sol) - 0.5);
    let t0 = Instant::now();
    let solved = hm.try_solve().map_err(internal)?;
    let value = |s: &[f64]| value(obj, s);
    let mut best = sol;
    if solved.primal_solution_status() == HighsSolutionStatus::Feasible {
        let s = rounded(&solved, free.len());
        if value(&s) < value(&best) - 0.5 {
            best = s;
        }
    }
    tracing::debug!(
        "polish status {:?} {:.3}s obj {}",
        solved.status(),
        t0.elapsed().as_secs_f64(),
        value(&best)
    );
    let mut hm = Model::from(solved);
    hm.set_option("objective_bound", f64::INFINITY);
    for (l, &t) in free.iter().enumerate() {
        if !t {
            let lo = if locked[l] { 1.0 } else { 0.0 };
            hm.change_column_bounds(cols[l], lo..=1.0);
        }
    }
    Ok((hm, best))
}

/// Completes a start given by its chosen `x` columns: fixes every `x`,
/// solves (only continuous columns are left), restores the bounds. Returns
/// the full column vector when the start is feasible.
fn complete_start(
    mut hm: Model,
    cols: &[highs::Col],
    locked: &[bool],
    start: &[usize],
    deadline: Instant,
) -> Result<(Model, Option<Vec<f64>>), SolveError> {
    let n_x = locked.len();
    let mut x = vec![0.0; n_x];
    for &l in start.iter().filter(|&&l| l < n_x) {
        x[l] = 1.0;
    }
    if locked.iter().zip(&x).any(|(&lk, &v)| lk && v < 0.5) {
        return Ok((hm, None));
    }
    for (l, &v) in x.iter().enumerate() {
        hm.change_column_bounds(cols[l], v..=v);
    }
    let budget = deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64();
    hm.set_option("time_limit", (budget * 0.2).max(0.001));
    let solved = hm.try_solve().map_err(internal)?;
    let ok = solved.primal_solution_status() == HighsSolutionStatus::Feasible;
    let sol = ok.then(|| {
        let mut s = solved.get_solution().columns().to_vec();
        s[..n_x].copy_from_slice(&x);
        s
    });
    let mut hm = Model::from(solved);
    for (l, &lk) in locked.iter().enumerate() {
        let lo = if lk { 1.0 } else { 0.0 };
        hm.change_column_bounds(cols[l], lo..=1.0);
    }
    Ok((hm, sol))
}

/// Seconds left before `deadline`, as a duration (0 when passed).
pub fn left(deadline: Instant) -> Duration {
    deadline.saturating_duration_since(Instant::now())
}

#[cfg(test)]
mod tests {
    use highs::{RowProblem, Sense};

    use super::*;

    /// A set cover of 12 columns (costs, and the three columns of each
    /// row): optimum 8.
    const COVER_COSTS: [f64; 12] = [5., 2., 5., 2., 2., 2., 1., 2., 3., 2., 2., 5.];
    const COVER_ROWS: [[usize; 3]; 10] = [
        [0, 1, 10],
        [5, 2, 4],
        [4, 9, 3],
        [9, 0, 11],
        [10, 2, 6],
        [10, 6, 8],
        [5, 8, 7],
        [8, 4, 0],
        [0, 5, 7],
        [5, 6, 10],
    ];

    /// The set cover above plus a column `z` (cost 1) that only sits
    /// in a `≤` row: presolve fixes `z` at 0. The start is an optimal cover
    /// with `z = 1` (value 9, optimum 8). HiGHS 1.16 evaluates the start
    /// without `z` (8), stops with `Optimal` and returns the start.
    #[test]
    fn a_start_that_presolve_maps_wrongly_is_not_taken_for_an_optimum() {
        let (costs, rows) = (COVER_COSTS, COVER_ROWS);
        let start_cover = [0u8, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0];
        let mut p = RowProblem::new();
        let z = p.add_column_with_integrality(0.0, 0.0..=1.0, true);
        let y: Vec<_> = (0..costs.len())
            .map(|_| p.add_column_with_integrality(0.0, 0.0..=1.0, true))
            .collect();
        p.add_row(..=1.0, [(z, 1.0), (y[0], 1.0)]);
        for r in rows {
            p.add_row(1.0.., r.map(|i| (y[i], 1.0)));
        }
        let mut obj: Objective = vec![(0, 1.0)];
        obj.extend(costs.iter().enumerate().map(|(i, &c)| (i + 1, c)));
        let mut start = vec![1.0];
        start.extend(start_cover.iter().map(|&v| f64::from(v)));
        assert_eq!(value(&obj, &start), 9.0);
        let mut hm = p.try_optimise(Sense::Minimise).unwrap();
        hm.set_option("output_flag", false);
        hm.set_option("threads", 1);
        hm.set_option("mip_abs_gap", 0.999);
        for &(i, w) in &obj {
            hm.change_column_cost(if i == 0 { z } else { y[i - 1] }, w);
        }
        hm.try_set_solution(Some(&start), None, None, None).unwrap();
        let stop = Instant::now() + Duration::from_secs(10);
        let (solved, optimal) = run_checked(hm, &obj, stop).unwrap();
        let got = value(&obj, solved.get_solution().columns());
        assert!(optimal);
        assert!((got - 8.0).abs() < 1e-6, "returned a rota of value {got}");
    }

    /// `confirm` on the set cover above (optimum 8): from a cover of
    /// value 9 it finds the optimum and proves it; from the optimum it proves
    /// that no cover is better (the cut-off model is infeasible).
    #[test]
    fn confirm_improves_a_rota_better_by_one_and_proves_the_optimum() {
        let (costs, rows) = (COVER_COSTS, COVER_ROWS);
        let mut p = RowProblem::new();
        let cols: Vec<_> = (0..costs.len())
            .map(|_| p.add_column_with_integrality(0.0, 0.0..=1.0, true))
            .collect();
        for r in rows {
            p.add_row(1.0.., r.map(|i| (cols[i], 1.0)));
        }
        let obj: Objective = costs.iter().copied().enumerate().collect();
        let nine: Vec<f64> = [0u8, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0]
            .iter()
            .map(|&v| f64::from(v))
            .collect();
        assert_eq!(value(&obj, &nine), 9.0);
        let stop = Instant::now() + Duration::from_secs(10);
        let (best, proven) = confirm(&p, &cols, &obj, nine, stop, cols.len(), 0.999).unwrap();
        assert!(proven);
        assert_eq!(value(&obj, &best), 8.0);
        for r in rows {
            assert!(r.iter().any(|&i| best[i] > 0.5), "row {r:?} not covered");
        }
        let (again, proven) =
            confirm(&p, &cols, &obj, best.clone(), stop, cols.len(), 0.999).unwrap();
        assert!(proven);
        assert_eq!(again, best);
    }

    /// The model of `m` with the training level as its objective, and the
    /// empty rota (completed by an LP) as a start.
    fn training_level(m: &mut crate::model::ComponentModel) -> (Model, Vec<f64>) {
        let problem = std::mem::replace(&mut m.problem, RowProblem::new());
        let mut hm = problem.try_optimise(Sense::Minimise).unwrap();
        hm.set_option("output_flag", false);
        hm.set_option("threads", 1);
        hm.set_option("mip_abs_gap", 0.999);
        for &(i, w) in &m.shortfall {
            hm.change_column_cost(m.cols[i], w);
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        let (hm, empty) = complete_start(hm, &m.cols, &m.locked, &[], deadline).unwrap();
        (hm, empty.unwrap())
    }

    /// Two centres linked by a staff volunteer `s` who can serve both
    /// (Monday 9:00–13:00 at A, Tuesday 9:00–13:00 at B, one staff needed at
    /// each); a trainee at each centre needs `s` as mentor (120 minutes
    /// each).
    fn two_centres_one_mentor() -> crate::problem::Problem {
        let hours = |d: u32| {
            format!(
                r#""start": "2026-12-0{d}T09:00:00+01:00", "end": "2026-12-0{d}T13:00:00+01:00""#
            )
        };
        let window = |d: u32| format!("{{{}}}", hours(d));
        let demand = |c: &str, d: u32| {
            format!(
                r#"{{"centre": "{c}", "skill": "ecoute", "required": 1, {}}}"#,
                hours(d)
            )
        };
        let trainee = |id: &str, c: &str, d: u32| {
            format!(
                r#"{{"id": "{id}", "name": "{id}", "centres": ["{c}"], "qualifications": [],
                    "trainee_for": ["ecoute"], "training_minutes_target": 120,
                    "availability": [{}]}}"#,
                window(d)
            )
        };
        let json = format!(
            r#"{{"format": "rota-scenario/1", "name": "lns", "timezone": "Europe/Paris",
                "week_start": "2026-12-07", "slot_minutes": 60,
                "service_level": {{"target": 0.8, "answer_within_seconds": 60}},
                "rules": {{"min_shift_minutes": 120, "max_shift_minutes": 240,
                          "min_rest_minutes": 600, "trainee_requires_mentor": true}},
                "skills": [{{"code": "ecoute", "name": "Écoute"}}],
                "centres": [{{"id": "A", "name": "A"}}, {{"id": "B", "name": "B"}}],
                "demand": [{}, {}],
                "volunteers": [
                  {{"id": "s", "name": "s", "centres": ["A", "B"],
                    "qualifications": [{{"skill": "ecoute", "valid_until": null}}],
                    "availability": [{}, {}]}},
                  {}, {}],
                "locked_shifts": []}}"#,
            demand("A", 7),
            demand("B", 8),
            window(7),
            window(8),
            trainee("ta", "A", 7),
            trainee("tb", "B", 8),
        );
        crate::parse::parse_scenario(json.as_bytes()).unwrap()
    }

    /// From the empty rota of `two_centres_one_mentor`, the training level
    /// (2 × 120 minutes) reaches 0 only if each centre's neighbourhood
    /// moves staff and trainee together.
    #[test]
    fn neighbourhoods_move_staff_and_trainees_one_centre_at_a_time() {
        let problem = two_centres_one_mentor();
        let cands = crate::candidates::build(&problem).unwrap();
        let comps = crate::decompose::components(&problem, &cands);
        assert_eq!(comps.len(), 1);
        let mut m = crate::model::build(&problem, &cands, &comps[0], None);
        let obj = m.shortfall.clone();
        let (hm, empty) = training_level(&mut m);
        assert_eq!(value(&obj, &empty), 240.0);
        let (_, sol) = neighbourhoods(
            hm,
            &m.cols,
            &m.locked,
            &m.shifts,
            Some(&m.trainee),
            &obj,
            empty,
            10.0,
        )
        .unwrap();
        assert_eq!(value(&obj, &sol), 0.0);
        let chosen: Vec<_> = (0..m.shifts.len()).filter(|&l| sol[l] > 0.5).collect();
        let staff = chosen.iter().filter(|&&l| !m.trainee[l]).count();
        let trainees = chosen.iter().filter(|&&l| m.trainee[l]).count();
        assert_eq!((staff, trainees), (2, 2));

        // The full model proves the same at once (what `quick_try` is for).
        let mut m = crate::model::build(&problem, &cands, &comps[0], None);
        let (hm, empty) = training_level(&mut m);
        match quick_try(hm, m.shifts.len(), &obj, empty, 10.0).unwrap() {
            Quick::Proven(solved) => assert!(solved.objective_value().abs() < 1e-6),
            Quick::Open(..) => panic!("not proven"),
        }
    }

    /// A start proven optimal on its first levels keeps them: the rota of
    /// `two_centres_one_mentor` where `s` covers both mornings without the
    /// trainees (uncovered 0, shortfall 240). With the coverage level kept,
    /// the training level is solved (shortfall 0); with both kept, the
    /// start's shortfall stays, as the caller asserted it optimal.
    #[test]
    fn kept_levels_are_not_solved_again() {
        let problem = two_centres_one_mentor();
        let cands = crate::candidates::build(&problem).unwrap();
        let comps = crate::decompose::components(&problem, &cands);
        let solve_kept = |kept_levels: usize| {
            let m = crate::model::build(&problem, &cands, &comps[0], None);
            let mornings: Vec<usize> = (0..m.shifts.len())
                .filter(|&l| {
                    let sh = m.shifts[l];
                    let r = (sh.range.start, sh.range.end);
                    !m.trainee[l] && (r == (9, 13) || r == (33, 37))
                })
                .collect();
            assert_eq!(mornings.len(), 2);
            let start = Start {
                chosen: &mornings,
                lower: 0.0,
                keep_coverage: false,
                kept_levels,
            };
            // Staged levels (as for a split job), where levels are kept.
            let local = m.shifts.clone();
            let deadline = Instant::now() + Duration::from_secs(10);
            let out = solve(m, deadline, false, true, Some(start), Levels::Auto).unwrap();
            let shifts: Vec<Shift> = out.chosen.unwrap().iter().map(|&l| local[l]).collect();
            assert!(out.proven);
            (crate::score::score(&problem, &shifts), out.levels_proven)
        };
        let (sc, levels) = solve_kept(1);
        assert_eq!((sc.uncovered, sc.shortfall), (0, 0));
        assert_eq!(levels, 3);
        let (sc, levels) = solve_kept(2);
        assert_eq!((sc.uncovered, sc.shortfall), (0, 240));
        assert_eq!(levels, 3);
    }

    #[test]
    fn reported_and_actual_values_agree_up_to_rounding() {
        assert!(consistent(1860.0, 1860.0 + 1e-9));
        assert!(consistent(8.3e8, 8.3e8 + 0.1));
        assert!(!consistent(825_860.0, 833_860.0));
        assert!(!consistent(1380.0, 1500.0));
    }
}
