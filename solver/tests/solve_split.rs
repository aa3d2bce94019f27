//! A component too large for one MIP goes through `split` (relaxed pass,
//! joined rotas, merged jobs, second join round): the rota must obey every
//! hard rule (locked shifts included) within the time limit.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod solve_support;
mod support;

use std::time::Duration;

use solve_support::violations;
use solver::parse::parse_scenario;
use solver::solve::{solve, SolveOptions, Status};
use support::generate;

#[test]
fn a_split_component_gives_a_valid_rota_in_time() {
    // 24 centres chained by second-centre volunteers into one component of
    // about 54,000 candidates (above `split::THRESHOLD`), with trainees and
    // locked shifts.
    let p = parse_scenario(&generate(&[
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
    .unwrap();
    let opts = SolveOptions {
        time_limit: Duration::from_secs(10),
        threads: 2,
        previous: Vec::new(),
    };
    let r = solve(&p, &opts, &|_| {}).unwrap();
    assert!(!p.locked_shifts.is_empty());
    assert_eq!(violations(&p, &r.shifts), None);
    // A split component is never claimed optimal (the passes need not meet).
    assert_eq!(r.status, Status::TimeLimit);
    assert!(r.seconds < 10.5, "time limit honoured: {} s", r.seconds);
}
