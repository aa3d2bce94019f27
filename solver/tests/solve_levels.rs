//! The score levels in strict order, determinism, minimal change, and the
//! public tiny instance.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod solve_support;

use solve_support::{violations, B};
use solver::problem::Role;
use solver::solve::{solve, SolveOptions, Status};

#[test]
fn coverage_beats_training() {
    let mut b = B::new();
    // Demand for skill 0 (v0 can cover it) and a mentor for skill 1 (v1).
    b.demand(0, 0, 0, 2, 1).demand(0, 1, 0, 2, 1);
    let v = b.vol(&[0], &[0], &[(0, 2, false)]);
    b.p.volunteers[v].trainee_for = vec![1];
    b.p.volunteers[v].training_minutes_target = 120;
    b.vol(&[0], &[1], &[(0, 2, false)]);
    let p = b.build();
    let r = solve(&p, &SolveOptions::default(), &|_| {}).unwrap();
    assert_eq!(violations(&p, &r.shifts), None);
    assert_eq!(
        (r.uncovered_minutes, r.training_shortfall_minutes),
        (0, 120)
    );
}

#[test]
fn training_beats_preference() {
    let mut b = B::new();
    b.demand(0, 0, 0, 2, 1);
    b.vol(&[0], &[0], &[(0, 2, false)]);
    let t = b.vol(&[0], &[], &[(0, 2, false), (4, 6, true)]);
    b.p.volunteers[t].trainee_for = vec![0];
    b.p.volunteers[t].training_minutes_target = 120;
    let p = b.build();
    let r = solve(&p, &SolveOptions::default(), &|_| {}).unwrap();
    assert_eq!(violations(&p, &r.shifts), None);
    assert_eq!(r.training_shortfall_minutes, 0);
    assert_eq!(r.unpreferred_minutes, 120);
}

#[test]
fn preferred_volunteers_are_chosen() {
    let mut b = B::new();
    b.demand(0, 0, 0, 2, 1);
    b.vol(&[0], &[0], &[(0, 2, false), (10, 12, true)]);
    b.vol(&[0], &[0], &[(0, 2, true)]);
    let p = b.build();
    let r = solve(&p, &SolveOptions::default(), &|_| {}).unwrap();
    assert_eq!(r.unpreferred_minutes, 0);
    assert_eq!(r.shifts.len(), 1);
    assert_eq!(r.shifts[0].volunteer, 1);
}

/// Twenty volunteers over two centres, some shared, some trainees.
fn medium() -> solver::problem::Problem {
    let mut b = B::new();
    b.p.rules.min_shift_minutes = 120;
    b.p.rules.min_rest_minutes = 600;
    for d in 0..3u32 {
        b.demand(0, 0, d * 24 + 8, d * 24 + 20, 2);
        b.demand(1, 0, d * 24 + 10, d * 24 + 18, 1);
        b.demand(0, 1, d * 24 + 14, d * 24 + 18, 1);
    }
    for i in 0..20u32 {
        let centres: &[usize] = if i % 5 == 0 {
            &[0, 1]
        } else if i % 2 == 0 {
            &[0]
        } else {
            &[1]
        };
        let skills: &[usize] = if i % 3 == 0 { &[0, 1] } else { &[0] };
        let d = i % 3;
        let s = d * 24 + 7 + (i % 4) * 2;
        let v = b.vol(
            centres,
            skills,
            &[(s, s + 6, i % 2 == 0), (s + 24, s + 28, false)],
        );
        b.p.volunteers[v].max_minutes = Some(300 + 60 * (i % 3));
        b.p.volunteers[v].max_shifts = Some(1 + i % 3);
        if i % 7 == 0 {
            b.p.volunteers[v].trainee_for = vec![1];
            b.p.volunteers[v].training_minutes_target = 120;
        }
    }
    b.build()
}

#[test]
fn same_input_same_output() {
    let p = medium();
    let opts = SolveOptions {
        threads: 2,
        ..SolveOptions::default()
    };
    let a = solve(&p, &opts, &|_| {}).unwrap();
    let b = solve(&p, &opts, &|_| {}).unwrap();
    assert_eq!(violations(&p, &a.shifts), None);
    assert_eq!(a.status, Status::Optimal);
    assert_eq!(a.shifts, b.shifts);
}

#[test]
fn minimal_change_keeps_the_score_and_the_previous_rota() {
    let p = medium();
    let first = solve(&p, &SolveOptions::default(), &|_| {}).unwrap();
    let opts = SolveOptions {
        previous: first.shifts.clone(),
        ..SolveOptions::default()
    };
    let again = solve(&p, &opts, &|_| {}).unwrap();
    assert_eq!(again.changed, 0);
    assert_eq!(again.uncovered_minutes, first.uncovered_minutes);
    // A previous rota with an extra useless trainee shift: dropped, counted.
    let mut prev = first.shifts.clone();
    prev.push(solve_support::shift(0, 0, 0, Role::Trainee, 100, 102));
    let opts = SolveOptions {
        previous: prev,
        ..SolveOptions::default()
    };
    let r = solve(&p, &opts, &|_| {}).unwrap();
    assert_eq!(r.changed, 1);
    assert_eq!(r.unpreferred_minutes, first.unpreferred_minutes);
}

#[test]
fn the_public_tiny_instance_reaches_its_optimum() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/bench/instances/tiny.json"
    );
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("skipped: {path} not found");
        return;
    };
    let p = solver::parse_scenario(&bytes).expect("tiny parses");
    let r = solve(&p, &SolveOptions::default(), &|_| {}).unwrap();
    assert_eq!(violations(&p, &r.shifts), None);
    assert_eq!(r.status, Status::Optimal);
    assert_eq!(r.uncovered_minutes, 180);
    assert_eq!(r.bound_minutes, 180.0);
}
