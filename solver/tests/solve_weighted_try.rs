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
