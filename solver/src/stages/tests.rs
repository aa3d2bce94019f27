//! Tests of the staged solve and its searches on small hand-built models.

use std::time::{Duration, Instant};

use highs::{RowProblem, Sense};

use super::runs::{complete_start, consistent, run_checked, value};
use super::search::{confirm, neighbourhoods, quick_try, rins, Quick};
use super::*;
use crate::model::Objective;
use crate::problem::Shift;

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

/// The set cover above: its model, columns and objective.
fn set_cover() -> (RowProblem, Vec<highs::Col>, Objective) {
    let mut p = RowProblem::new();
    let cols: Vec<_> = (0..COVER_COSTS.len())
        .map(|_| p.add_column_with_integrality(0.0, 0.0..=1.0, true))
        .collect();
    for r in COVER_ROWS {
        p.add_row(1.0.., r.map(|i| (cols[i], 1.0)));
    }
    let obj: Objective = COVER_COSTS.iter().copied().enumerate().collect();
    (p, cols, obj)
}

/// A cover of value 9 of the set cover above.
fn cover_of_nine() -> Vec<f64> {
    [0u8, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0]
        .iter()
        .map(|&v| f64::from(v))
        .collect()
}

/// `confirm` on the set cover above (optimum 8): from a cover of
/// value 9 it finds the optimum and proves it; from the optimum it proves
/// that no cover is better (the cut-off model is infeasible).
#[test]
fn confirm_improves_a_rota_better_by_one_and_proves_the_optimum() {
    let (p, cols, obj) = set_cover();
    let nine = cover_of_nine();
    assert_eq!(value(&obj, &nine), 9.0);
    let stop = Instant::now() + Duration::from_secs(10);
    let (best, proven) = confirm(&p, &cols, &obj, nine, stop, cols.len(), 0.999).unwrap();
    assert!(proven);
    assert_eq!(value(&obj, &best), 8.0);
    for r in COVER_ROWS {
        assert!(r.iter().any(|&i| best[i] > 0.5), "row {r:?} not covered");
    }
    let (again, proven) = confirm(&p, &cols, &obj, best.clone(), stop, cols.len(), 0.999).unwrap();
    assert!(proven);
    assert_eq!(again, best);
}

/// `rins` on the set cover above (optimum 8), from a cover of value 9:
/// where the relaxation agrees with the start on every column, nothing is
/// free and the start stays; where it is the optimum, the columns on which
/// the two differ are free, and the optimum is found.
#[test]
fn rins_frees_the_columns_where_the_relaxation_and_the_start_differ() {
    let (p, cols, obj) = set_cover();
    let (costs, rows) = (COVER_COSTS, COVER_ROWS);
    let as_cols = |set: u32| -> Vec<f64> {
        (0..costs.len())
            .map(|i| f64::from((set >> i) & 1))
            .collect()
    };
    let covers = |set: u32| rows.iter().all(|r| r.iter().any(|&i| (set >> i) & 1 == 1));
    let best = (0u32..1 << costs.len())
        .filter(|&set| covers(set))
        .min_by(|a, b| value(&obj, &as_cols(*a)).total_cmp(&value(&obj, &as_cols(*b))))
        .unwrap();
    assert_eq!(value(&obj, &as_cols(best)), 8.0);
    let nine = cover_of_nine();
    assert_eq!(value(&obj, &nine), 9.0);
    let mut hm = p.try_optimise(Sense::Minimise).unwrap();
    hm.set_option("output_flag", false);
    hm.set_option("threads", 1);
    hm.set_option("mip_abs_gap", 0.999);
    for &(i, w) in &obj {
        hm.change_column_cost(cols[i], w);
    }
    let locked = vec![false; cols.len()];
    let (hm, same) = rins(hm, &cols, &locked, &nine, &obj, nine.clone(), 10.0).unwrap();
    assert_eq!(same, nine);
    let relaxed = as_cols(best);
    let (_, better) = rins(hm, &cols, &locked, &relaxed, &obj, nine, 10.0).unwrap();
    assert_eq!(value(&obj, &better), 8.0);
    assert!(rows.iter().all(|r| r.iter().any(|&i| better[i] > 0.5)));
}

/// The model of `m` with the training level as its objective, and the
/// empty rota (completed by an LP) as a start.
fn training_level(m: &mut crate::model::ComponentModel) -> (Model, Vec<f64>) {
    let obj = m.shortfall.clone();
    level(m, &obj)
}

/// The model of `m` with objective `obj`, and the empty rota (completed by
/// an LP) as a start.
fn level(m: &mut crate::model::ComponentModel, obj: &Objective) -> (Model, Vec<f64>) {
    let problem = std::mem::replace(&mut m.problem, RowProblem::new());
    let mut hm = problem.try_optimise(Sense::Minimise).unwrap();
    hm.set_option("output_flag", false);
    hm.set_option("threads", 1);
    hm.set_option("mip_abs_gap", 0.999);
    for &(i, w) in obj {
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
        format!(r#""start": "2026-12-0{d}T09:00:00+01:00", "end": "2026-12-0{d}T13:00:00+01:00""#)
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

/// The coverage level's search (`Run::improve_coverage`): from the empty
/// rota of `two_centres_one_mentor` (both mornings uncovered, 8 slots),
/// the neighbourhood of each centre staffs its morning with `s`.
#[test]
fn neighbourhoods_improve_the_coverage_level() {
    let problem = two_centres_one_mentor();
    let cands = crate::candidates::build(&problem).unwrap();
    let comps = crate::decompose::components(&problem, &cands);
    let mut m = crate::model::build(&problem, &cands, &comps[0], None);
    let obj = m.uncovered.clone();
    let (hm, empty) = level(&mut m, &obj);
    assert_eq!(value(&obj, &empty), 8.0);
    let (_, sol) =
        neighbourhoods(hm, &m.cols, &m.locked, &m.shifts, None, &obj, empty, 10.0).unwrap();
    assert_eq!(value(&obj, &sol), 0.0);
    let staff: Vec<Shift> = (0..m.shifts.len())
        .filter(|&l| sol[l] > 0.5 && !m.trainee[l])
        .map(|l| m.shifts[l])
        .collect();
    assert_eq!(staff.len(), 2);
    assert!(staff.iter().all(|sh| sh.range.end - sh.range.start == 4));
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
            relaxed: None,
            search_unbounded: false,
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
