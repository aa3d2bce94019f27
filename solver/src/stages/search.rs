//! Searches that improve a level's start before (or instead of) the full
//! model: a short try of the full model, restricted models (`polish`, one
//! centre at a time in `neighbourhoods`), and `confirm` for a weighted
//! optimum HiGHS may have called too soon.

use std::time::{Duration, Instant};

use highs::{HighsModelStatus, HighsSolutionStatus, Model, Sense};

use super::internal;
use super::runs::{configure, consistent, left, rounded, run_checked, value};
use crate::model::Objective;
use crate::problem::Shift;
use crate::solve::SolveError;

/// Share of a later level's budget for the short try of `quick_try`.
pub(super) const QUICK_SHARE: f64 = 0.15;

/// What a short try of the full model gave.
pub(super) enum Quick {
    /// The level is proven optimal: the solved model, as a full solve.
    Proven(highs::SolvedModel),
    /// Not proven: the model and the better of the start and the try.
    Open(Model, Vec<f64>),
}

/// Solves the full model from `sol` for at most `limit` seconds (its first
/// `n_x` columns are the binaries).
pub(super) fn quick_try(
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
pub(super) const NEIGHBOURHOOD_SHARE: f64 = 0.8;
/// Share of the coverage level's budget for `neighbourhoods`, where its
/// start is more than `COVERAGE_SEARCH_GAP` (relative) above its bound
/// (`Run::improve_coverage`). On sos-1400 (2 threads, one run each), with
/// no search 42,300 uncovered minutes within 10 s and 27,720 within 20 s;
/// with a gap of 0.5 and a share of 0.6, 31,200 and 20,880; on every start
/// (no gap), the shares 0.3 and 0.6 gave 38,400 and 31,200 within 10 s. Since
/// the coverage search's starts (`cover_search`), nearer their bound, the
/// gap is 0.25: on six sos-1400 weeks within 20 s (the weighted try then
/// also started from the search's rota), 151,020 uncovered minutes in all
/// with 0.5, 145,440 with 0.25 (`BENCHMARKS.md`). From those starts the
/// full model hardly improves the rota within such limits, while the
/// neighbourhoods go on improving it (a pass that improves nothing ends
/// them and leaves the rest to the full model): on the six weeks, the
/// share 0.6 gave 173,940, 151,560 and 143,040 uncovered minutes within
/// 5, 10 and 20 s, and 0.95 gave 166,260, 144,840 and 141,840; 0.8 and 0.9
/// fell between. Stopping them at the gate (the full model from there on)
/// gave 170,280 and 153,540 within 5 and 10 s. Within 60 s, the public
/// week and seed 2 gave the same rotas with 0.6 and 0.95. The cost: within
/// 5 s the full model's root often no longer ends, and a component keeps
/// the weighted try's bound, weak where that try was short (seed 2's
/// 6,271-candidate component: 5 slots, against 85 from the full model), so
/// the six weeks' bounds fell from 139,140 to 125,700 minutes in all;
/// within 10 and 20 s they stayed within 0.5 %. Keeping at least 0.5 s for
/// the full model kept the bound within 5 s but lost most of the gain
/// (171,660 minutes within 5 s, 148,200 within 10 s).
pub(super) const COVERAGE_SEARCH_SHARE: f64 = 0.95;
pub(super) const COVERAGE_SEARCH_GAP: f64 = 0.25;
/// Share of that budget for one neighbourhood (at least
/// `NEIGHBOURHOOD_MIN_SECONDS`).
pub(super) const NEIGHBOURHOOD_STEP: f64 = 0.5;
pub(super) const NEIGHBOURHOOD_MIN_SECONDS: f64 = 0.25;

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
pub(super) fn neighbourhoods(
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

/// Most rounds of `confirm`.
pub(super) const CONFIRM_ROUNDS: usize = 3;

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
pub(super) fn confirm(
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

/// Most of the coverage level's budget `rins` may take (it usually ends
/// sooner, its restricted model solved).
pub(super) const RINS_SHARE: f64 = 0.9;
/// A candidate is free in `rins` where its value in the relaxation and in
/// the start differ by more than this.
const RINS_TOLERANCE: f64 = 0.01;

/// Improves the coverage level's start `sol` by a relaxation induced
/// neighbourhood search (RINS): every candidate whose value in the
/// coverage level's linear relaxation (`relaxed`) agrees with the start
/// keeps it, the others are free (`polish`). From the coverage search's
/// starts on sos-1400 within 5 s, 8–15 % of the candidates are free and
/// the restricted model is solved in 0.05–0.4 s: the 9,796-candidate
/// component went from 118 short slots to 68 in 0.37 s (optimum 58), the
/// 1,915-candidate one from 26 to 18 (optimum 16); the neighbourhoods then
/// took the first to 59, where without `rins` they had ended at 61 and 26.
/// A second pass from the new rota (fewer candidates free) improved none.
#[allow(clippy::too_many_arguments)]
pub(super) fn rins(
    hm: Model,
    cols: &[highs::Col],
    locked: &[bool],
    relaxed: &[f64],
    obj: &Objective,
    sol: Vec<f64>,
    budget: f64,
) -> Result<(Model, Vec<f64>), SolveError> {
    let free: Vec<bool> = relaxed
        .iter()
        .zip(&sol)
        .map(|(r, s)| (r - s).abs() > RINS_TOLERANCE)
        .collect();
    polish(hm, cols, locked, &free, obj, sol, budget)
}

/// Share of a later level's budget for `polish`.
pub(super) const POLISH_SHARE: f64 = 0.3;

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
pub(super) fn polish(
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
