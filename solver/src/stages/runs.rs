//! The HiGHS runs of a stage: the options of every run, the checked run,
//! a start's completion, and the values of a solution's columns.

use std::time::{Duration, Instant};

use highs::{HighsModelStatus, HighsSolutionStatus, Model};

use super::{internal, CUT_POOL_SOFT_LIMIT, POOL_LIMIT_MIN_CANDIDATES};
use crate::model::Objective;
use crate::solve::SolveError;

/// HiGHS options of every solve of a component's model (`n_x`
/// candidates; `split`: a job of a split component).
pub(super) fn configure(hm: &mut Model, n_x: usize, split: bool) {
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
    // Symmetry detection finds nothing to use in a split component's many
    // short solves and costs each a little: samaritans-20k's relaxed pass
    // (1 thread, 120 s limit, the same 181 per-centre solves) took
    // 34.1–35.7 s with it in four runs, 31.6–32.8 s without in four.
    if split {
        hm.set_option("mip_detect_symmetry", false);
    }
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

/// Value of `obj` at the columns `sol`.
pub(super) fn value(obj: &Objective, sol: &[f64]) -> f64 {
    obj.iter().map(|&(i, w)| w * sol[i]).sum()
}

/// The solution's columns, its first `n_x` (the binaries) rounded.
pub(super) fn rounded(solved: &highs::SolvedModel, n_x: usize) -> Vec<f64> {
    let mut sol = solved.get_solution().columns().to_vec();
    for v in sol.iter_mut().take(n_x) {
        *v = v.round();
    }
    sol
}

/// Keeps a solved level: the row `obj ≤ val + ½` (every level is an
/// integer), so that no later level can worsen it.
pub(super) fn keep_level(
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
pub(super) fn consistent(reported: f64, actual: f64) -> bool {
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
pub(super) fn run_checked(
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

/// Completes a start given by its chosen `x` columns: fixes every `x`,
/// solves (only continuous columns are left), restores the bounds. Returns
/// the full column vector when the start is feasible.
pub(super) fn complete_start(
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
