//! Mid-sized components (`stages::weighted_try`) are first solved with the
//! weighted model: its proven optimum must be the lexicographic optimum the
//! staged levels prove, and `solve` must return it as optimal.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod solve_support;
mod support;

use std::time::{Duration, Instant};

use solve_support::violations;
use solver::parse::parse_scenario;
use solver::problem::{Problem, Shift};
use solver::solve::{solve, SolveOptions, Status};
use solver::stages::{self, Levels};
use solver::{candidates, decompose, model, score};
use support::generate;

/// Two ALMA centres sharing volunteers: one component of 1,634 candidates,
/// just above the size solved weighted by default.
fn two_centres() -> Problem {
    parse_scenario(&generate(&[
        "--preset",
        "alma-600",
        "--seed",
        "2",
        "--centres",
        "2",
        "--volunteers",
        "90",
    ]))
    .unwrap()
}

/// Solves the single component of `p` with `levels`: (score, proven,
/// levels proven).
fn solve_component(p: &Problem, levels: Levels) -> (score::Score, bool, usize) {
    let cands = candidates::build(p).unwrap();
    let comps = decompose::components(p, &cands);
    assert_eq!(comps.len(), 1, "one component");
    let m = model::build(p, &cands, &comps[0], None);
    assert!(stages::weighted_try(&m), "{} candidates", m.cand.len());
    let local = m.shifts.clone();
    let deadline = Instant::now() + Duration::from_secs(120);
    let out = stages::solve(m, deadline, false, false, None, levels).unwrap();
    let shifts: Vec<Shift> = out.chosen.unwrap().iter().map(|&l| local[l]).collect();
    assert_eq!(violations(p, &shifts), None);
    (score::score(p, &shifts), out.proven, out.levels_proven)
}

#[test]
fn the_weighted_try_proves_the_optimum_the_staged_levels_prove() {
    let p = two_centres();
    let (weighted, w_proven, w_levels) = solve_component(&p, Levels::Weighted);
    let (staged, s_proven, s_levels) = solve_component(&p, Levels::Auto);
    assert!(w_proven && s_proven);
    // One weighted solve against three levels solved in turn.
    assert_eq!((w_levels, s_levels), (1, 3));
    assert_eq!(
        (weighted.uncovered, weighted.shortfall, weighted.unpreferred),
        (staged.uncovered, staged.shortfall, staged.unpreferred)
    );
}

#[test]
fn solve_returns_the_weighted_optimum_as_optimal() {
    let p = two_centres();
    let (best, _, _) = solve_component(&p, Levels::Auto);
    let opts = SolveOptions {
        time_limit: Duration::from_secs(120),
        threads: 2,
        previous: Vec::new(),
    };
    let r = solve(&p, &opts, &|_| {}).unwrap();
    assert_eq!(r.status, Status::Optimal);
    assert_eq!(violations(&p, &r.shifts), None);
    assert_eq!(
        (
            r.uncovered_minutes,
            r.training_shortfall_minutes,
            r.unpreferred_minutes
        ),
        (best.uncovered, best.shortfall, best.unpreferred)
    );
}

/// Three busy SOS centres: one component of 1,623 candidates (a weighted
/// try's size) whose optimum leaves 150 staff-slots uncovered.
fn three_short_centres() -> Problem {
    parse_scenario(&generate(&[
        "--preset",
        "sos-1400",
        "--seed",
        "4",
        "--centres",
        "3",
        "--volunteers",
        "100",
    ]))
    .unwrap()
}

#[test]
fn the_coverage_relaxation_bounds_the_proven_coverage() {
    let p = three_short_centres();
    let cands = candidates::build(&p).unwrap();
    let comps = decompose::components(&p, &cands);
    let m = model::build(&p, &cands, &comps[0], None);
    let far = Instant::now() + Duration::from_secs(120);
    let relaxation = stages::coverage_relaxation(&m, far)
        .unwrap()
        .expect("solved");
    assert_eq!(relaxation.x.len(), m.cand.len());
    assert!(relaxation
        .x
        .iter()
        .all(|&x| (-1e-6..=1.0 + 1e-6).contains(&x)));
    let lp = relaxation.bound;
    // No time, no bound.
    assert!(stages::coverage_relaxation(&m, Instant::now())
        .unwrap()
        .is_none());
    assert!(!stages::weighted_try_has_time(&m, Duration::ZERO));
    assert!(stages::weighted_try_has_time(&m, Duration::from_secs(60)));
    let (best, proven, _) = solve_component(&p, Levels::Auto);
    assert!(proven);
    let optimum = (best.uncovered / u64::from(p.slot_minutes)) as f64;
    assert!(lp <= optimum, "{lp} above the optimum {optimum}");
    // 149 against 150.
    assert!(lp >= 0.95 * optimum, "{lp} far below the optimum {optimum}");
}

#[test]
fn a_limit_too_short_for_the_weighted_try_still_gives_a_valid_rota_and_bound() {
    // 0.5 s leaves the component about 0.39 s, under the 0.65 s its try
    // would need (`WEIGHTED_TRY_SECONDS_PER_CANDIDATE`): the coverage
    // relaxation gives its bound instead.
    let p = three_short_centres();
    let opts = SolveOptions {
        time_limit: Duration::from_millis(500),
        threads: 1,
        previous: Vec::new(),
    };
    let r = solve(&p, &opts, &|_| {}).unwrap();
    assert_eq!(violations(&p, &r.shifts), None);
    assert!(r.bound_minutes <= r.uncovered_minutes as f64);
    assert!(r.seconds < 1.0, "time limit honoured: {} s", r.seconds);
}
