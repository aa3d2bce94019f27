//! Tests of the staged solve and its searches on small hand-built models.

use std::time::{Duration, Instant};

use highs::{RowProblem, Sense};

use super::runs::{complete_start, consistent, run_checked, value};
use super::search::{confirm, neighbourhoods, quick_try, rins, Quick};
use super::*;
use crate::model::Objective;
use crate::problem::Shift;
use crate::score::Score;

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

/// `p` as a quiet, single-threaded HiGHS model minimising `Σ w·col` over
/// `costs`, stopping at an absolute gap below 1 (integral objectives).
fn quiet_model(p: RowProblem, costs: impl IntoIterator<Item = (highs::Col, f64)>) -> Model {
    let mut hm = p.try_optimise(Sense::Minimise).unwrap();
    hm.set_option("output_flag", false);
    hm.set_option("threads", 1);
    hm.set_option("mip_abs_gap", 0.999);
    for (col, w) in costs {
        hm.change_column_cost(col, w);
    }
    hm
}

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
    let mut hm = quiet_model(
        p,
        obj.iter()
            .map(|&(i, w)| (if i == 0 { z } else { y[i - 1] }, w)),
    );
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
    let hm = quiet_model(p, obj.iter().map(|&(i, w)| (cols[i], w)));
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
    let hm = quiet_model(problem, obj.iter().map(|&(i, w)| (m.cols[i], w)));
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

/// The staged solve (levels in turn, as for a split job or a large
/// component) of the one component of `problem`, from the rota `pick`
/// chooses in its model (local positions), with `kept_levels`: the
/// rota's score and the outcome.
fn staged_from(
    problem: &crate::problem::Problem,
    pick: impl Fn(&crate::model::ComponentModel) -> Vec<usize>,
    kept_levels: usize,
) -> (Score, StagedOutcome) {
    let cands = crate::candidates::build(problem).unwrap();
    let comps = crate::decompose::components(problem, &cands);
    assert_eq!(comps.len(), 1);
    let m = crate::model::build(problem, &cands, &comps[0], None);
    let chosen = pick(&m);
    let start = Start {
        chosen: &chosen,
        lower: 0.0,
        keep_coverage: false,
        kept_levels,
        relaxed: None,
        search_unbounded: false,
    };
    let local = m.shifts.clone();
    let deadline = Instant::now() + Duration::from_secs(10);
    let out = solve(m, deadline, false, true, Some(start), Levels::Auto).unwrap();
    let shifts: Vec<Shift> = out.chosen.iter().flatten().map(|&l| local[l]).collect();
    (crate::score::score(problem, &shifts), out)
}

/// A start proven optimal on its first levels keeps them: the rota of
/// `two_centres_one_mentor` where `s` covers both mornings without the
/// trainees (uncovered 0, shortfall 240). With the coverage level kept,
/// the training level is solved (shortfall 0); with both kept, the
/// start's shortfall stays, as the caller asserted it optimal.
#[test]
fn kept_levels_are_not_solved_again() {
    let problem = two_centres_one_mentor();
    let mornings = |m: &crate::model::ComponentModel| {
        let chosen: Vec<usize> = (0..m.shifts.len())
            .filter(|&l| {
                let sh = m.shifts[l];
                let r = (sh.range.start, sh.range.end);
                !m.trainee[l] && (r == (9, 13) || r == (33, 37))
            })
            .collect();
        assert_eq!(chosen.len(), 2);
        chosen
    };
    let solve_kept = |kept_levels: usize| {
        let (sc, out) = staged_from(&problem, mornings, kept_levels);
        assert!(out.proven);
        (sc, out.levels_proven)
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

/// A volunteer `s` who can staff the écoute line and, if `s_trains`,
/// train on the chat line instead (240 minutes to do), Monday 9:00–13:00,
/// beside a chat mentor `m` and a chat trainee `t` (240 minutes to do,
/// Monday outside their preferred hours, which are on Friday); and a
/// Tuesday morning of écoute demand no one can serve (4 slots no candidate
/// covers, the model's constant). `m` mentors one trainee at a time.
fn staff_or_trainee(s_trains: bool) -> crate::problem::Problem {
    let hours = |d: u32| {
        format!(
            r#""start": "2026-12-{d:02}T09:00:00+01:00", "end": "2026-12-{d:02}T13:00:00+01:00""#
        )
    };
    let demand = |skill: &str, d: u32| {
        format!(
            r#"{{"centre": "A", "skill": "{skill}", "required": 1, {}}}"#,
            hours(d)
        )
    };
    let training = if s_trains {
        r#""trainee_for": ["chat"], "training_minutes_target": 240,"#
    } else {
        ""
    };
    let json = format!(
        r#"{{"format": "rota-scenario/1", "name": "levels", "timezone": "Europe/Paris",
            "week_start": "2026-12-07", "slot_minutes": 60,
            "service_level": {{"target": 0.8, "answer_within_seconds": 60}},
            "rules": {{"min_shift_minutes": 240, "max_shift_minutes": 240,
                      "min_rest_minutes": 600, "trainee_requires_mentor": true}},
            "skills": [{{"code": "ecoute", "name": "Écoute"}}, {{"code": "chat", "name": "Chat"}}],
            "centres": [{{"id": "A", "name": "A"}}],
            "demand": [{}, {}, {}],
            "volunteers": [
              {{"id": "s", "name": "s", "centres": ["A"],
                "qualifications": [{{"skill": "ecoute", "valid_until": null}}], {training}
                "availability": [{{{}}}]}},
              {{"id": "m", "name": "m", "centres": ["A"],
                "qualifications": [{{"skill": "chat", "valid_until": null}}],
                "availability": [{{{}}}]}},
              {{"id": "t", "name": "t", "centres": ["A"], "qualifications": [],
                "trainee_for": ["chat"], "training_minutes_target": 240,
                "availability": [{{{}}}, {{{}, "preferred": true}}]}}],
            "locked_shifts": []}}"#,
        demand("ecoute", 7),
        demand("chat", 7),
        demand("ecoute", 8),
        hours(7),
        hours(7),
        hours(7),
        hours(11),
    );
    crate::parse::parse_scenario(json.as_bytes()).unwrap()
}

/// The staged solve of `staff_or_trainee(s_trains)` from the start where
/// `s` staffs the écoute line, `m` the chat line and `t` trains (every
/// slot a candidate covers is covered), with `kept_levels`.
fn solve_from_the_full_start(s_trains: bool, kept_levels: usize) -> (Score, StagedOutcome) {
    let problem = staff_or_trainee(s_trains);
    let t = problem.volunteers.iter().position(|v| v.id == "t").unwrap();
    let full = |m: &crate::model::ComponentModel| {
        assert_eq!(m.const_uncovered_slots, 4);
        let chosen: Vec<usize> = (0..m.shifts.len())
            .filter(|&l| !m.trainee[l] || m.shifts[l].volunteer == t)
            .collect();
        assert_eq!(chosen.len(), 3, "s on écoute, m on chat, t training");
        chosen
    };
    staged_from(&problem, full, kept_levels)
}

/// Each level comes before the next even where the start has it at its
/// trivial bound (coverage: short only on the slots no candidate covers;
/// training: nothing short). The start is optimal: the training level
/// must not move `s` from the écoute line to train on the chat line (4
/// more slots short, 240 training minutes fewer short), nor the
/// preference level drop `t`'s training (240 unpreferred minutes fewer,
/// 240 training minutes more short). They did when such a level was
/// skipped without the row that keeps it (`gen.py --preset sos-1900
/// --seed 45 --centres 32 --volunteers 3357 --avail-hours 11 11
/// --slot-minutes 30 --dst spring --locked-share 0.05`: 207,030 uncovered
/// minutes called optimal, bound 10,650).
#[test]
fn levels_at_their_trivial_bound_are_kept_by_the_later_levels() {
    for kept_levels in [0, 1] {
        for (s_trains, want) in [(true, (240, 240, 240)), (false, (240, 0, 240))] {
            let (sc, out) = solve_from_the_full_start(s_trains, kept_levels);
            let got = (sc.uncovered, sc.shortfall, sc.unpreferred);
            assert_eq!(got, want, "s trains: {s_trains}, kept levels {kept_levels}");
            assert_eq!((out.bound_slots, out.proven), (4.0, true));
            assert_eq!(out.levels_proven, 3);
        }
    }
}
