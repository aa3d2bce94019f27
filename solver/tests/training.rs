//! Training planner on hand-built cases whose optimum is known.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use solver::training::eligibility::Prepared;
use solver::training::model::greedy;
use solver::training::{
    offer_next, plan, Assignment, Grants, Need, NeedKind, Place, PlanStatus, Session,
    TrainingError, TrainingOptions, TrainingPlan, TrainingProblem, UnmetReason, Window,
};

/// Day `d` (0 = Monday 2 March 2026) at `h` o'clock UTC.
fn at(d: i64, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap() + Duration::days(d)
}

fn day(d: i64) -> NaiveDate {
    at(d, 0).date_naive()
}

fn session(id: &str, skill: &str, d: i64, place: Place, capacity: u32) -> Session {
    Session {
        id: id.into(),
        skill: skill.into(),
        start: at(d, 9),
        end: at(d, 17),
        place,
        capacity,
        seats_taken: 0,
        grants: Grants::Renew,
    }
}

fn centre(c: &str) -> Place {
    Place::Centre(c.into())
}

/// Expiring on day `exp`, home centre c1, available all quarter.
fn need(volunteer: &str, skill: &str, exp: i64) -> Need {
    Need {
        volunteer: volunteer.into(),
        skill: skill.into(),
        kind: NeedKind::Expiring {
            expires_on: day(exp),
        },
        home_centre: "c1".into(),
        other_centres: vec![],
        availability: vec![Window {
            start: at(-1, 0),
            end: at(100, 0),
        }],
        already_attending: vec![],
        declined: vec![],
    }
}

fn problem(sessions: Vec<Session>, needs: Vec<Need>) -> TrainingProblem {
    TrainingProblem {
        sessions,
        needs,
        horizon: day(60),
    }
}

fn solve(p: &TrainingProblem) -> TrainingPlan {
    let plan = plan(p, &TrainingOptions::default()).unwrap();
    assert_ne!(plan.stats.status, PlanStatus::TimeLimit);
    plan
}

/// (volunteer, skill, session) triples, sorted.
fn seats(plan: &TrainingPlan) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = plan
        .assignments
        .iter()
        .map(|a| (a.volunteer.clone(), a.skill.clone(), a.session.clone()))
        .collect();
    v.sort();
    v
}

fn seat(v: &str, k: &str, s: &str) -> (String, String, String) {
    (v.into(), k.into(), s.into())
}

fn reasons(plan: &TrainingPlan) -> Vec<(String, UnmetReason)> {
    plan.unmet
        .iter()
        .map(|u| (u.volunteer.clone(), u.reason))
        .collect()
}

#[test]
fn capacity_binding_seats_the_two_earliest_expiries() {
    let p = problem(
        vec![session("s1", "listen", 5, centre("c1"), 2)],
        vec![
            need("v3", "listen", 30),
            need("v1", "listen", 10),
            need("v2", "listen", 20),
        ],
    );
    let plan = solve(&p);
    assert_eq!(plan.stats.status, PlanStatus::Optimal);
    assert_eq!(
        seats(&plan),
        vec![seat("v1", "listen", "s1"), seat("v2", "listen", "s1")]
    );
    assert_eq!(
        reasons(&plan),
        vec![("v3".into(), UnmetReason::SessionsFull)]
    );
    assert_eq!(plan.stats.needs_met, 2);
}

#[test]
fn the_earliest_expiry_gets_the_earlier_session() {
    // Either way both needs are met; the urgent one must not be sent late.
    let p = problem(
        vec![
            session("late", "listen", 40, centre("c1"), 1),
            session("early", "listen", 5, centre("c1"), 1),
        ],
        vec![need("b", "listen", 50), need("a", "listen", 10)],
    );
    let plan = solve(&p);
    assert_eq!(
        seats(&plan),
        vec![seat("a", "listen", "early"), seat("b", "listen", "late")]
    );
    assert!(plan.assignments.iter().all(|a| !a.late));
}

#[test]
fn a_late_renewal_is_allowed_but_an_on_time_one_is_preferred() {
    let only_late = problem(
        vec![session("s20", "listen", 20, centre("c1"), 5)],
        vec![need("a", "listen", 10)],
    );
    let plan = solve(&only_late);
    assert_eq!(seats(&plan), vec![seat("a", "listen", "s20")]);
    assert!(plan.assignments[0].late);

    let both = problem(
        vec![
            session("s20", "listen", 20, centre("c1"), 5),
            session("s8", "listen", 8, centre("c1"), 5),
        ],
        vec![need("a", "listen", 10)],
    );
    let plan = solve(&both);
    assert_eq!(seats(&plan), vec![seat("a", "listen", "s8")]);
    assert!(!plan.assignments[0].late);
}

#[test]
fn availability_excludes_sessions_outside_every_window() {
    let mut a = need("a", "listen", 30);
    // Two touching windows together cover day 20's session, not day 5's.
    a.availability = vec![
        Window {
            start: at(20, 8),
            end: at(20, 12),
        },
        Window {
            start: at(20, 12),
            end: at(20, 18),
        },
        Window {
            start: at(5, 10),
            end: at(5, 18),
        },
    ];
    let mut b = need("b", "listen", 30);
    b.availability = vec![Window {
        start: at(5, 9),
        end: at(5, 16),
    }];
    let p = problem(
        vec![
            session("s5", "listen", 5, centre("c1"), 5),
            session("s20", "listen", 20, centre("c1"), 5),
        ],
        vec![a, b],
    );
    let plan = solve(&p);
    assert_eq!(seats(&plan), vec![seat("a", "listen", "s20")]);
    assert_eq!(
        reasons(&plan),
        vec![("b".into(), UnmetReason::NoSessionInAvailability)]
    );
}

#[test]
fn remote_and_listed_centres_are_reachable_others_are_not() {
    let home_only = need("home", "listen", 30);
    let mut traveller = need("trav", "listen", 30);
    traveller.other_centres = vec!["c2".into()];
    let mut far = need("far", "listen", 30);
    far.skill = "legal".into();
    let p = problem(
        vec![
            session("at_c2", "listen", 5, centre("c2"), 5),
            session("online", "listen", 12, Place::Remote, 5),
            session("legal_c3", "legal", 5, centre("c3"), 5),
        ],
        vec![home_only, traveller, far],
    );
    let plan = solve(&p);
    assert_eq!(
        seats(&plan),
        vec![
            seat("home", "listen", "online"),
            seat("trav", "listen", "at_c2")
        ]
    );
    assert_eq!(
        reasons(&plan),
        vec![("far".into(), UnmetReason::NoSessionReachable)]
    );
}

#[test]
fn one_volunteer_with_two_needs_never_gets_overlapping_sessions() {
    let mut afternoon = session("b_afternoon", "b", 5, centre("c1"), 5);
    afternoon.start = at(5, 13);
    afternoon.end = at(5, 17);
    let sessions = vec![session("a_day", "a", 5, centre("c1"), 5), afternoon.clone()];
    let needs = vec![need("v", "a", 10), need("v", "b", 30)];
    let plan = solve(&problem(sessions.clone(), needs.clone()));
    assert_eq!(plan.stats.needs_met, 1);
    assert_eq!(seats(&plan), vec![seat("v", "a", "a_day")]);
    assert_eq!(
        reasons(&plan),
        vec![("v".into(), UnmetReason::ClashesWithProposal)]
    );

    let mut with_later = sessions;
    with_later.push(session("b_later", "b", 9, centre("c1"), 5));
    let plan = solve(&problem(with_later, needs));
    assert_eq!(
        seats(&plan),
        vec![seat("v", "a", "a_day"), seat("v", "b", "b_later")]
    );
}

#[test]
fn a_declined_session_is_never_proposed_again() {
    let mut a = need("a", "listen", 10);
    a.declined = vec!["s5".into()];
    let only = problem(
        vec![session("s5", "listen", 5, centre("c1"), 9)],
        vec![a.clone()],
    );
    let plan = solve(&only);
    assert!(plan.assignments.is_empty());
    assert_eq!(reasons(&plan), vec![("a".into(), UnmetReason::DeclinedAll)]);

    let two = problem(
        vec![
            session("s5", "listen", 5, centre("c1"), 9),
            session("s40", "listen", 40, centre("c1"), 9),
        ],
        vec![a],
    );
    let plan = solve(&two);
    assert_eq!(seats(&plan), vec![seat("a", "listen", "s40")]);
}

#[test]
fn a_freed_seat_goes_to_the_next_best_candidate_never_the_decliner() {
    let mut p = problem(
        vec![session("s", "listen", 5, centre("c1"), 2)],
        vec![
            need("v1", "listen", 10),
            need("v2", "listen", 20),
            need("v3", "listen", 30),
            need("v4", "listen", 40),
        ],
    );
    let plan = solve(&p);
    assert_eq!(
        seats(&plan),
        vec![seat("v1", "listen", "s"), seat("v2", "listen", "s")]
    );
    // Full: nothing to offer.
    assert_eq!(offer_next(&p, &plan.assignments, "s").unwrap(), None);

    // v1 declines; the stale proposal may still be passed, it is ignored.
    p.needs[0].declined.push("s".into());
    let next = offer_next(&p, &plan.assignments, "s").unwrap().unwrap();
    assert_eq!((next.volunteer.as_str(), next.need), ("v3", 2));

    // v3 declines too: v4, and never v1 or v3 again.
    p.needs[2].declined.push("s".into());
    let standing: Vec<Assignment> = plan
        .assignments
        .iter()
        .filter(|a| a.volunteer == "v2")
        .cloned()
        .collect();
    let next = offer_next(&p, &standing, "s").unwrap().unwrap();
    assert_eq!(next.volunteer, "v4");
    p.needs[3].declined.push("s".into());
    assert_eq!(offer_next(&p, &standing, "s").unwrap(), None);
    assert_eq!(offer_next(&p, &standing, "unknown").unwrap(), None);
}

#[test]
fn the_milp_meets_more_needs_than_greedy_by_expiry() {
    // a (most urgent) fits both sessions; b only fits s1. Greedy gives s1 to a.
    let a = need("a", "listen", 10);
    let mut b = need("b", "listen", 20);
    b.availability = vec![Window {
        start: at(5, 0),
        end: at(6, 0),
    }];
    let p = problem(
        vec![
            session("s1", "listen", 5, centre("c1"), 1),
            session("s2", "listen", 6, centre("c1"), 1),
        ],
        vec![a, b],
    );
    let prep = Prepared::new(&p).unwrap();
    assert_eq!(greedy(&prep).len(), 1);
    let plan = solve(&p);
    assert_eq!(
        seats(&plan),
        vec![seat("a", "listen", "s2"), seat("b", "listen", "s1")]
    );
    assert!(plan.unmet.is_empty());
}

#[test]
fn needs_count_before_priorities() {
    // n1 (expires day 0) gains far more priority from the on-time day-0
    // session than from a renewal 50 days late, but taking it leaves n2
    // (only free on day 0) without a seat: two needs met beat one.
    let n1 = need("n1", "listen", 0);
    let mut n2 = need("n2", "listen", 59);
    n2.availability = vec![Window {
        start: at(0, 0),
        end: at(1, 0),
    }];
    let p = problem(
        vec![
            session("day0", "listen", 0, centre("c1"), 1),
            session("day50", "listen", 50, centre("c1"), 1),
        ],
        vec![n1, n2],
    );
    let plan = solve(&p);
    assert_eq!(plan.stats.needs_met, 2);
    assert_eq!(
        seats(&plan),
        vec![seat("n1", "listen", "day50"), seat("n2", "listen", "day0")]
    );
    assert!(plan
        .assignments
        .iter()
        .any(|a| a.volunteer == "n1" && a.late));
}

#[test]
fn not_due_booked_and_course_needs_are_handled() {
    let mut booked = need("booked", "listen", 10);
    booked.already_attending = vec!["s5".into(), "past-session".into()];
    let later = need("later", "listen", 90);
    let waiting = need("waiting", "listen", 20);
    let mut trainee = need("trainee", "listen", 0);
    trainee.kind = NeedKind::NeedsCourse;
    let p = problem(
        vec![session("s5", "listen", 5, centre("c1"), 1)],
        vec![booked, later, waiting, trainee],
    );
    let plan = solve(&p);
    assert!(plan.assignments.is_empty());
    assert_eq!(plan.already_booked, vec![0]);
    assert_eq!(plan.not_due, vec![1]);
    assert_eq!(
        reasons(&plan),
        vec![
            ("waiting".into(), UnmetReason::SessionsFull),
            ("trainee".into(), UnmetReason::NoSessionForSkill),
        ]
    );
}

#[test]
fn the_plan_does_not_depend_on_input_order() {
    let mut sessions = Vec::new();
    let mut needs = Vec::new();
    for s in 0..6 {
        sessions.push(session(
            &format!("s{s}"),
            "listen",
            3 + (s % 3),
            centre("c1"),
            2,
        ));
    }
    for v in 0..15 {
        // Equal expiries create ties that only the ids may break.
        needs.push(need(&format!("v{v:02}"), "listen", 10 + (v % 2) * 5));
    }
    let first = solve(&problem(sessions.clone(), needs.clone()));
    sessions.reverse();
    needs.reverse();
    let second = solve(&problem(sessions, needs));
    assert_eq!(seats(&first), seats(&second));
    assert_eq!(first.stats.needs_met, 12);
}

#[test]
fn invalid_input_is_rejected() {
    let s = session("s", "listen", 5, centre("c1"), 1);
    let p = problem(vec![s.clone(), s], vec![]);
    assert!(matches!(
        plan(&p, &TrainingOptions::default()),
        Err(TrainingError::InvalidInput(_))
    ));
    let p = problem(vec![], vec![need("v", "a", 1), need("v", "a", 2)]);
    assert!(matches!(
        plan(&p, &TrainingOptions::default()),
        Err(TrainingError::InvalidInput(_))
    ));
}

#[test]
fn needs_and_sessions_read_from_json() {
    let json = r#"{
      "horizon": "2026-06-30",
      "sessions": [{"id": "s1", "skill": "listen", "start": "2026-04-01T08:00:00Z",
                    "end": "2026-04-01T16:00:00Z", "place": "remote", "capacity": 12,
                    "grants": "renew"},
                   {"id": "s2", "skill": "listen", "start": "2026-04-02T08:00:00Z",
                    "end": "2026-04-02T16:00:00Z", "place": {"centre": "c7"}, "capacity": 12,
                    "seats_taken": 3, "grants": "grant"}],
      "needs": [{"volunteer": "v1", "skill": "listen", "kind": "expiring",
                 "expires_on": "2026-04-15", "home_centre": "c7",
                 "availability": [{"start": "2026-03-30T00:00:00Z", "end": "2026-04-05T00:00:00Z"}]},
                {"volunteer": "v2", "skill": "listen", "kind": "needs_course", "home_centre": "c7",
                 "availability": [{"start": "2026-03-30T00:00:00Z", "end": "2026-04-05T00:00:00Z"}]}]
    }"#;
    let p: TrainingProblem = serde_json::from_str(json).unwrap();
    assert_eq!(p.sessions[1].place, centre("c7"));
    let plan = solve(&p);
    assert_eq!(
        seats(&plan),
        vec![seat("v1", "listen", "s1"), seat("v2", "listen", "s2")]
    );
    let back: TrainingProblem = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
    assert_eq!(back, p);
    assert!(UnmetReason::SessionsFull
        .message()
        .starts_with("Sessions complètes"));
}
