//! Tests of the whole solve that need its internals.

use super::*;
use crate::candidates::tests::one_minute_week;

#[test]
fn a_solve_on_thinned_candidates_claims_no_proof() {
    let p = one_minute_week();
    let opts = SolveOptions {
        time_limit: Duration::from_secs(20),
        threads: 1,
        previous: Vec::new(),
    };
    // Every candidate: proven. One hour of the four is left uncovered
    // (v1's longest shift is three hours, v2 is there from 10:00 to 12:00
    // only, and ten hours of rest keep v1 from a second shift).
    let exact = solve(&p, &opts, &|_| {}).unwrap();
    assert_eq!(exact.status, Status::Optimal);
    assert_eq!((exact.uncovered_minutes, exact.bound_minutes), (60, 60.0));
    // Thinned to whole hours: the same rota's worth, but no bound.
    let thin = solve_capped(&p, &opts, &|_| {}, 1_000).unwrap();
    assert!(crate::check::check(&p, &thin.shifts).is_valid());
    assert_eq!(thin.uncovered_minutes, 60);
    assert_eq!(thin.status, Status::TimeLimit);
    assert_eq!((thin.bound_minutes, thin.gap), (0.0, 1.0));
}
