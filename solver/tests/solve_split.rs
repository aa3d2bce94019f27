//! A component too large for one MIP goes through `split` (relaxed pass,
//! joined rotas, merged jobs, second join round): the rota must obey every
//! hard rule (locked shifts included) within the time limit.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod solve_support;
mod support;

use std::sync::Mutex;
use std::time::Duration;

use solve_support::{greedy_shifts, violations};
use solver::parse::parse_scenario;
use solver::solve::{solve, Progress, SolveOptions, Status};
use support::generate;

/// 24 centres chained by second-centre volunteers into one component of
/// about 54,000 candidates (above `split::THRESHOLD`), with trainees and
/// locked shifts.
fn chained_centres() -> solver::problem::Problem {
    parse_scenario(&generate(&[
        "--preset",
        "samaritans-20k",
        "--seed",
        "3",
        "--centres",
        "24",
        "--volunteers",
        "2400",
        "--calls-per-week",
        "7200",
    ]))
    .unwrap()
}

#[test]
fn a_split_component_gives_a_valid_rota_in_time() {
    let p = chained_centres();
    let opts = SolveOptions {
        time_limit: Duration::from_secs(10),
        threads: 2,
        previous: Vec::new(),
    };
    let r = solve(&p, &opts, &|_| {}).unwrap();
    assert!(!p.locked_shifts.is_empty());
    assert_eq!(violations(&p, &r.shifts), None);
    assert!(r.bound_minutes <= r.uncovered_minutes as f64);
    if r.status == Status::Optimal {
        assert_eq!(r.bound_minutes, r.uncovered_minutes as f64);
    }
    assert!(r.seconds < 10.5, "time limit honoured: {} s", r.seconds);
}

/// Lexicographic score of the greedy rota.
fn greedy_score(p: &solver::problem::Problem) -> (u64, u64, u64) {
    let shifts = greedy_shifts(p);
    assert_eq!(violations(p, &shifts), None, "the greedy rota is valid");
    let sc = solver::score::score(p, &shifts);
    (sc.uncovered, sc.shortfall, sc.unpreferred)
}

#[test]
fn a_split_component_cut_short_is_no_worse_than_greedy() {
    // The chained centres with limits far too short for the split's
    // passes: most jobs get no time at all. The rota must still be valid,
    // and at least as good as the greedy one (before, jobs without time
    // left the relaxed pass empty: samaritans-20k within 3 s ended 30 %
    // above its greedy rota).
    let p = chained_centres();
    let greedy = greedy_score(&p);
    for limit in [0.3, 1.0] {
        let opts = SolveOptions {
            time_limit: Duration::from_secs_f64(limit),
            threads: 2,
            previous: Vec::new(),
        };
        let r = solve(&p, &opts, &|_| {}).unwrap();
        assert_eq!(violations(&p, &r.shifts), None);
        let ours = (
            r.uncovered_minutes,
            r.training_shortfall_minutes,
            r.unpreferred_minutes,
        );
        assert!(ours <= greedy, "{limit} s: {ours:?} against {greedy:?}");
        // Jobs left without time no longer build their model (before: a
        // 3 s limit ran to 4.8 s on samaritans-20k).
        assert!(
            r.seconds < limit + 0.5,
            "time limit honoured: {} s",
            r.seconds
        );
        assert!(r.bound_minutes <= r.uncovered_minutes as f64);
    }
}

#[test]
fn a_split_component_solved_whole_is_proven_optimal() {
    // Two centres, 900 volunteers, 30 % of them serving both: one
    // component of about 21,000 candidates, hence split. Its restricted
    // jobs reach the relaxed bound (every slot covered), then the whole
    // component is solved from their rota and proves the later levels
    // (with the split alone, the status stayed `time_limit`).
    let p = parse_scenario(&generate(&[
        "--preset",
        "alma-600",
        "--seed",
        "5",
        "--centres",
        "2",
        "--volunteers",
        "900",
        "--second-centre-share",
        "0.3",
        "--trainee-share",
        "0.05",
        "--preferred-share",
        "0.1",
    ]))
    .unwrap();
    let opts = SolveOptions {
        time_limit: Duration::from_secs(120),
        threads: 2,
        previous: Vec::new(),
    };
    let whole = Mutex::new(Vec::new());
    let r = solve(&p, &opts, &|e| {
        if let Progress::WholeSolve { centres } = e {
            whole.lock().unwrap().push(centres);
        }
    })
    .unwrap();
    assert_eq!(
        *whole.lock().unwrap(),
        vec![2],
        "one whole solve, of both centres"
    );
    assert_eq!(violations(&p, &r.shifts), None);
    assert_eq!(r.status, Status::Optimal);
    assert_eq!(r.uncovered_minutes, 0);
    assert_eq!(r.bound_minutes, 0.0);
}

#[test]
fn a_centre_left_short_by_the_split_is_merged_with_its_neighbour() {
    // Two busy centres, 40 % of the volunteers serving both: one component
    // of about 29,000 candidates, hence split. Both relaxed per-centre
    // rotas cover every slot, but together they need more of the shared
    // volunteers than there are; the joined job would be too large
    // (`MAX_JOINT_CANDIDATES`), so each shared volunteer serves one centre
    // and the smaller one is left 88 slots short, proven optimal for that
    // restriction. The merge round now takes such a centre too: the two
    // centres' relaxation is solved together and its rota joined. Before,
    // only merged jobs were merged again, and the rota kept 180 uncovered
    // minutes against a bound of 0 (gap 100 %).
    let p = parse_scenario(&generate(&[
        "--preset",
        "samaritans-20k",
        "--seed",
        "1",
        "--centres",
        "2",
        "--volunteers",
        "1100",
        "--second-centre-share",
        "0.4",
        "--calls-per-week",
        "9000",
    ]))
    .unwrap();
    let opts = SolveOptions {
        time_limit: Duration::from_secs(30),
        threads: 2,
        previous: Vec::new(),
    };
    let r = solve(&p, &opts, &|_| {}).unwrap();
    assert_eq!(violations(&p, &r.shifts), None);
    assert_eq!(r.uncovered_minutes, 0);
    assert_eq!(r.bound_minutes, 0.0);
}
