//! Property test: small random weeks always give a rota that breaks no hard
//! rule, keeps the locked shifts and reports a bound below its score (equal
//! to it when proven optimal); their greedy rota breaks no rule either, nor
//! does the coverage search from it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod solve_support;

use proptest::prelude::*;
use solve_support::{greedy_shifts, searched_shifts, violations, B};
use solver::problem::{Role, SlotRange};
use solver::solve::{solve, SolveOptions, Status};

#[derive(Debug, Clone)]
struct Vol {
    centres: Vec<usize>,
    skills: Vec<usize>,
    trainee: bool,
    windows: Vec<(u32, u32, bool)>,
    max_minutes: Option<u32>,
    max_shifts: Option<u32>,
    expires: Option<u32>,
}

fn vol() -> impl Strategy<Value = Vol> {
    (
        prop::sample::select(vec![vec![0], vec![1], vec![0, 1]]),
        prop::sample::select(vec![vec![], vec![0], vec![1], vec![0, 1]]),
        any::<bool>(),
        prop::collection::vec((0u32..40, 1u32..7, any::<bool>()), 1..3),
        prop::option::of(60u32..400),
        prop::option::of(1u32..3),
        prop::option::of(0u32..48),
    )
        .prop_map(|(centres, skills, trainee, w, mm, ms, ex)| Vol {
            centres,
            skills,
            trainee,
            windows: w.into_iter().map(|(s, l, p)| (s, s + l, p)).collect(),
            max_minutes: mm,
            max_shifts: ms,
            expires: ex,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_weeks_give_valid_rotas(
        vols in prop::collection::vec(vol(), 1..7),
        demand in prop::collection::vec((0usize..2, 0usize..2, 0u32..40, 1u32..8, 1u32..3), 1..5),
        rest in prop::sample::select(vec![0u32, 60, 120, 600]),
        mentor in any::<bool>(),
        templates in any::<bool>(),
        lock_first in any::<bool>(),
    ) {
        let mut b = B::new();
        b.p.rules.min_rest_minutes = rest;
        b.p.rules.min_shift_minutes = 120;
        b.p.rules.max_shift_minutes = 240;
        b.p.rules.trainee_requires_mentor = mentor;
        if templates {
            b.p.centres[1].templates = vec![
                SlotRange { start: 8, end: 12 },
                SlotRange { start: 10, end: 16 },
                SlotRange { start: 20, end: 30 },
            ];
        }
        for &(c, k, s, l, r) in &demand {
            b.demand(c, k, s, s + l, r);
        }
        for v in &vols {
            let i = b.vol(&v.centres, &v.skills, &v.windows);
            let vv = &mut b.p.volunteers[i];
            vv.max_minutes = v.max_minutes;
            vv.max_shifts = v.max_shifts;
            if let (Some(e), Some(q)) = (v.expires, vv.qualifications.first_mut()) {
                q.valid_until_slot = e;
            }
            if v.trainee {
                vv.trainee_for = vec![0];
                vv.training_minutes_target = 120;
            }
        }
        let p0 = b.build();
        if lock_first {
            // Lock a rota's first staff shift: it must come back unchanged.
            let r = solve(&p0, &SolveOptions::default(), &|_| {}).unwrap();
            if let Some(s) = r.shifts.iter().find(|s| s.role == Role::Staff) {
                b.p.locked_shifts = vec![*s];
            }
        }
        let p = b.build();
        // The greedy rota (fallback and start of split passes) breaks no rule.
        prop_assert_eq!(violations(&p, &greedy_shifts(&p)), None);
        // So does the coverage search from it, never leaving more uncovered.
        let searched = searched_shifts(&p);
        prop_assert_eq!(violations(&p, &searched), None);
        prop_assert!(
            solver::score::score(&p, &searched).uncovered
                <= solver::score::score(&p, &greedy_shifts(&p)).uncovered
        );
        let r = solve(&p, &SolveOptions { threads: 1, ..SolveOptions::default() }, &|_| {}).unwrap();
        prop_assert_eq!(violations(&p, &r.shifts), None);
        prop_assert!(r.bound_minutes <= r.uncovered_minutes as f64 + 1e-9);
        if r.status == Status::Optimal {
            // A proof is a bound that reaches the rota.
            prop_assert_eq!(r.bound_minutes, r.uncovered_minutes as f64);
        }
        let sc = solver::score::score(&p, &r.shifts);
        prop_assert_eq!(sc.uncovered, r.uncovered_minutes);
        // The in-crate mirror of check.py agrees.
        let rep = solver::check::check(&p, &r.shifts);
        prop_assert!(rep.is_valid(), "{:?}", rep.violations);
        prop_assert_eq!(rep.score.uncovered_minutes, r.uncovered_minutes);
        prop_assert_eq!(rep.score.training_shortfall_minutes, r.training_shortfall_minutes);
        prop_assert_eq!(rep.score.unpreferred_minutes, r.unpreferred_minutes);
    }
}
