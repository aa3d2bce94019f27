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

#[test]
fn a_coarse_shift_pruned_among_every_range_maps_to_the_one_kept() {
    // One-minute slots on an hourly grid; shifts of 90 to 180 minutes; one
    // hour of demand, 09:00-10:00; one volunteer from 08:00 to 11:00.
    let json = r#"{"format":"rota-scenario/1","name":"pruned","timezone":"Europe/Paris",
      "week_start":"2026-12-07","slot_minutes":1,
      "rules":{"min_shift_minutes":90,"max_shift_minutes":180,"min_rest_minutes":600,
               "trainee_requires_mentor":true},
      "skills":[{"code":"ecoute","name":"Écoute"}],
      "centres":[{"id":"C1","name":"Centre 1"}],
      "demand":[{"centre":"C1","skill":"ecoute","start":"2026-12-07T09:00:00+01:00",
                 "end":"2026-12-07T10:00:00+01:00","required":1}],
      "volunteers":[{"id":"v1","name":"V 1","centres":["C1"],
         "qualifications":[{"skill":"ecoute","valid_until":null}],
         "availability":[{"start":"2026-12-07T08:00:00+01:00","end":"2026-12-07T11:00:00+01:00"}]}],
      "locked_shifts":[]}"#;
    let p = crate::parse_scenario(json.as_bytes()).unwrap();
    let every = crate::candidates::build(&p).unwrap();
    let hourly = crate::candidates::build_on_grid(&p, 60).unwrap();
    let range = |c: &Candidate| (c.shift.range.start, c.shift.range.end);
    // 08:00-10:00 on the hourly grid; among every range, 08:30-10:00 covers
    // the same hour with fewer minutes, and the pruning kept that one.
    let early = hourly
        .iter()
        .find(|c| range(c) == (480, 600))
        .expect("an hourly candidate");
    assert!(every.iter().all(|c| range(c) != (480, 600)));
    let mapped = coarse::map_rota(&p, &[early.shift], &every);
    assert_eq!(mapped.len(), 1);
    assert_eq!(range(&every[mapped[0]]), (510, 600));
    // 09:00-11:00 likewise maps to 09:00-10:30.
    let late = hourly.iter().find(|c| range(c) == (540, 660)).unwrap();
    let mapped = coarse::map_rota(&p, &[late.shift], &every);
    assert_eq!(range(&every[mapped[0]]), (540, 630));
    // Both at once: two candidates, sorted.
    let both = coarse::map_rota(&p, &[early.shift, late.shift], &every);
    assert_eq!(both.len(), 2);
    assert!(both[0] < both[1]);
}
