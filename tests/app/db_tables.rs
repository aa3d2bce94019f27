//! The table modules on the test backend: accounts, centres, rotas, links.

use chrono::{Duration, NaiveDate};

use astreinte::db::{self, centres, magic_links, rotas, users, volunteers};

use crate::test_db::TestDb;

#[test]
fn users_are_found_by_email_whatever_its_case() {
    let t = TestDb::new();
    let mut c = t.conn();
    let hash = users::hash_password("correct horse").unwrap();
    let u = users::create(
        &mut c,
        &users::NewUser {
            email: Some("Alice.Martin@Example.TEST "),
            display_name: "Alice",
            lang: "fr",
            password_hash: Some(&hash),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(u.email.as_deref(), Some("alice.martin@example.test"));
    let found = users::by_email(&mut c, "ALICE.martin@example.test")
        .unwrap()
        .unwrap();
    assert_eq!(found.id, u.id);
    assert!(users::verify_password(
        "correct horse",
        found.password_hash.as_deref().unwrap()
    ));
    // Two accounts without email are allowed; a repeated email is not.
    users::create(
        &mut c,
        &users::NewUser {
            display_name: "A",
            ..Default::default()
        },
    )
    .unwrap();
    users::create(
        &mut c,
        &users::NewUser {
            display_name: "B",
            ..Default::default()
        },
    )
    .unwrap();
    assert!(users::create(
        &mut c,
        &users::NewUser {
            email: Some("alice.martin@example.test"),
            display_name: "X",
            ..Default::default()
        }
    )
    .is_err());
    assert_eq!(users::bump_session_epoch(&mut c, u.id).unwrap(), 1);
}

#[test]
fn centres_upsert_by_code_and_coordinators_are_listed() {
    let t = TestDb::new();
    let mut c = t.conn();
    let a = centres::upsert(&mut c, "C44", "Nantes", "Europe/Paris", false).unwrap();
    let a2 = centres::upsert(&mut c, "C44", "ALMA Loire-Atlantique", "Europe/Paris", true).unwrap();
    assert_eq!(a.id, a2.id);
    assert_eq!(a2.name, "ALMA Loire-Atlantique");
    assert!(a2.fixed_sessions);
    let b = centres::upsert(&mut c, "C974", "La Réunion", "Indian/Reunion", false).unwrap();
    let u = users::create(
        &mut c,
        &users::NewUser {
            display_name: "Coord",
            ..Default::default()
        },
    )
    .unwrap();
    centres::add_coordinator(&mut c, u.id, b.id).unwrap();
    centres::add_coordinator(&mut c, u.id, a.id).unwrap();
    centres::add_coordinator(&mut c, u.id, a.id).unwrap();
    assert_eq!(
        centres::coordinated_by(&mut c, u.id).unwrap(),
        vec![a.id, b.id]
    );
    centres::remove_coordinator(&mut c, u.id, a.id).unwrap();
    assert_eq!(centres::coordinated_by(&mut c, u.id).unwrap(), vec![b.id]);
}

#[test]
fn publishing_a_rota_supersedes_the_previous_version() {
    let t = TestDb::new();
    let mut c = t.conn();
    let week = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let centre = centres::upsert(&mut c, "C05", "Hautes-Alpes", "Europe/Paris", false).unwrap();
    let skill = db::skills::upsert(&mut c, "ecoute", "Écoute", "Listening").unwrap();
    let u = users::create(
        &mut c,
        &users::NewUser {
            display_name: "V",
            ..Default::default()
        },
    )
    .unwrap();
    let v = volunteers::upsert(&mut c, u.id, "v1", &volunteers::Commitment::default()).unwrap();
    let r1 = rotas::create(&mut c, week, "ALL", "published", None).unwrap();
    let r2 = rotas::create(&mut c, week, "ALL", "draft", None).unwrap();
    assert_eq!((r1.version, r2.version), (1, 2));
    let start = week.and_hms_opt(8, 0, 0).unwrap();
    rotas::replace_shifts(
        &mut c,
        r2.id,
        &[rotas::NewShift {
            volunteer_id: v.id,
            centre_id: centre.id,
            skill_id: skill.id,
            role: "staff",
            start_utc: start,
            end_utc: start + Duration::hours(3),
            locked: false,
        }],
    )
    .unwrap();
    rotas::publish(&mut c, r2.id).unwrap();
    let all = rotas::of_week(&mut c, week).unwrap();
    let status: Vec<_> = all.iter().map(|r| (r.version, r.status.as_str())).collect();
    assert_eq!(status, vec![(2, "published"), (1, "superseded")]);
    assert_eq!(
        rotas::published_shifts_of_week(&mut c, week).unwrap().len(),
        1
    );
}

#[test]
fn magic_links_work_once_and_not_after_expiry() {
    let t = TestDb::new();
    let mut c = t.conn();
    let u = users::create(
        &mut c,
        &users::NewUser {
            display_name: "V",
            ..Default::default()
        },
    )
    .unwrap();
    let now = db::now_utc();
    magic_links::create(&mut c, u.id, "h1", "login", now + Duration::minutes(15)).unwrap();
    magic_links::create(&mut c, u.id, "h2", "login", now - Duration::minutes(1)).unwrap();
    assert!(magic_links::consume(&mut c, "h1", "invite", now)
        .unwrap()
        .is_none());
    assert_eq!(
        magic_links::consume(&mut c, "h1", "login", now)
            .unwrap()
            .unwrap()
            .user_id,
        u.id
    );
    assert!(magic_links::consume(&mut c, "h1", "login", now)
        .unwrap()
        .is_none());
    assert!(magic_links::consume(&mut c, "h2", "login", now)
        .unwrap()
        .is_none());
}

#[test]
fn audit_entries_are_found_by_actor_action_prefix_and_target_newest_first() {
    use astreinte::db::audit::{self, Event, Filter};
    let t = TestDb::new();
    let mut c = t.conn();
    let u = users::create(
        &mut c,
        &users::NewUser {
            display_name: "Coordinatrice",
            ..Default::default()
        },
    )
    .unwrap();
    for (action, target) in [
        ("rota.generate", "1"),
        ("rota.publish", "1"),
        ("volunteer.view", "7"),
    ] {
        audit::record(
            &mut c,
            &Event {
                actor: Some(u.id),
                action,
                target_kind: action.split('.').next().unwrap(),
                target_id: Some(target.to_string()),
                centre_id: None,
                details: Some("shifts=3".into()),
            },
        )
        .unwrap();
    }
    audit::record(
        &mut c,
        &Event {
            action: "retention.purge",
            target_kind: "volunteer",
            ..Default::default()
        },
    )
    .unwrap();

    let rota = audit::search(
        &mut c,
        &Filter {
            action_prefix: Some("rota.".into()),
            ..Default::default()
        },
        10,
    )
    .unwrap();
    let actions: Vec<&str> = rota.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["rota.publish", "rota.generate"]);

    let by_actor = audit::search(
        &mut c,
        &Filter {
            actor: Some(u.id),
            ..Default::default()
        },
        10,
    )
    .unwrap();
    assert_eq!(by_actor.len(), 3);

    // A `_` in the prefix is literal, not a LIKE wildcard.
    let none = audit::search(
        &mut c,
        &Filter {
            action_prefix: Some("rota_".into()),
            ..Default::default()
        },
        10,
    )
    .unwrap();
    assert!(none.is_empty());

    let viewed = audit::search(
        &mut c,
        &Filter {
            target_kind: Some("volunteer".into()),
            target_id: Some("7".into()),
            ..Default::default()
        },
        10,
    )
    .unwrap();
    assert_eq!(viewed.len(), 1);
    assert_eq!(viewed[0].actor_user_id, Some(u.id));

    let future = db::now_utc() + Duration::days(1);
    assert_eq!(audit::purge_before(&mut c, future).unwrap(), 4);
}
