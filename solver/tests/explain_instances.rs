//! Explanations on public instances: with an empty rota everything required
//! is uncovered, and the runs must add up to exactly that.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use solver::explain::explain_uncovered;
use solver::problem::Problem;

fn load(name: &str) -> Problem {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/bench/instances")
        .join(name);
    solver::parse_scenario(&std::fs::read(path).unwrap()).unwrap()
}

fn check_empty_rota(p: &Problem) {
    let u = explain_uncovered(p, &[]);
    let required: u64 = p.requirements.total_slots() * u64::from(p.slot_minutes);
    assert_eq!(u.iter().map(|u| u.minutes).sum::<u64>(), required);
    for w in u.windows(2) {
        let same_pair = (w[0].centre_ix, w[0].skill_ix) == (w[1].centre_ix, w[1].skill_ix);
        assert!(
            !same_pair || w[0].range.end <= w[1].range.start,
            "runs are ordered and disjoint"
        );
        if same_pair && w[0].range.end == w[1].range.start {
            assert!(
                (w[0].missing, w[0].reasons, w[0].no_template)
                    != (w[1].missing, w[1].reasons, w[1].no_template),
                "adjacent runs differ, else they would be one"
            );
        }
    }
    for x in &u {
        let r = x.reasons;
        assert_eq!(
            r.on_duty_here + r.on_duty_elsewhere + r.rest,
            0,
            "nobody is rostered"
        );
        assert_eq!(
            r.qualified,
            r.unavailable + r.at_limit + r.no_fitting_shift + r.could_serve,
            "each qualified volunteer is counted once"
        );
        let req = p.required(x.centre_ix, x.skill_ix).unwrap();
        assert!((x.range.start..x.range.end).all(|s| req[s as usize] == x.missing));
    }
    assert!(u.iter().any(|x| x.reasons.could_serve > 0));
}

#[test]
fn an_empty_rota_of_alma_600_leaves_every_required_minute_explained() {
    check_empty_rota(&load("alma-600.json"));
}

#[test]
fn an_empty_rota_of_alma_sessions_is_explained_session_by_session() {
    check_empty_rota(&load("alma-sessions.json"));
}
