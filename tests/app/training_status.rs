//! Training status on a date: the last valid day is valid, the next day is
//! expired (the rule the rota solver applies per shift date too); trainee
//! progress counts mentored minutes from published rotas only.

use astreinte::db::rotas::{self, NewShift};
use astreinte::db::schema::qualifications;
use astreinte::domain::training_status::QualStatus;
use astreinte::domain::week::IsoWeek;
use astreinte::scenario_build::{build_problem, Scope};
use chrono::{Duration, NaiveDate, NaiveTime};
use diesel::prelude::*;

use crate::helpers::{spawn_app, Role};
use crate::training_support::{monday_in_two_weeks, skill, volunteer};

#[test]
fn the_last_valid_day_is_valid_and_the_day_after_is_expired() {
    let until = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
    let on_day = QualStatus::of(Some(until), until, 30);
    assert!(on_day.is_usable());
    assert_eq!(on_day.key(), "expiring");
    let after = QualStatus::of(Some(until), until + Duration::days(1), 30);
    assert!(!after.is_usable());
    assert_eq!(after.key(), "expired");
    assert_eq!(
        QualStatus::of(Some(until), until - Duration::days(31), 30).key(),
        "valid"
    );
    assert_eq!(
        QualStatus::of(Some(until), until - Duration::days(30), 30).key(),
        "expiring"
    );
}

#[tokio::test]
async fn the_rota_problem_covers_the_last_valid_day_and_not_the_next() {
    let app = spawn_app().await;
    let mut c = app.db();
    let k = skill(&mut c, "ECOUTE", Some(12));
    let v = volunteer(&mut c, "Valérie", "valerie@example.org", app.centre_a);
    let monday = monday_in_two_weeks();
    let wednesday = monday + Duration::days(2);
    diesel::insert_into(qualifications::table)
        .values((
            qualifications::volunteer_id.eq(v),
            qualifications::skill_id.eq(k),
            qualifications::valid_until.eq(Some(wednesday)),
        ))
        .execute(&mut c)
        .unwrap();
    let built = build_problem(
        &mut c,
        &Scope::Centre("A".into()),
        IsoWeek::from_monday(monday).unwrap(),
    )
    .unwrap();
    let vi = built.volunteer_ids.iter().position(|&x| x == v).unwrap();
    let q = &built.problem.volunteers[vi].qualifications[0];
    let dates = built.problem.slot_dates();
    let slot = q.valid_until_slot as usize;
    // Wednesday's last slot is covered; the first slot not covered is Thursday's.
    assert_eq!(dates[slot - 1], wednesday);
    assert_eq!(dates[slot], wednesday + Duration::days(1));
    let _ = app.client_as(Role::Admin).await;
}

fn at(d: NaiveDate, h: u32) -> chrono::NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap())
}

#[tokio::test]
async fn trainee_progress_counts_published_shifts_beside_a_mentor_only() {
    let app = spawn_app().await;
    let mut c = app.db();
    let k = skill(&mut c, "ECOUTE", Some(12));
    let trainee = volunteer(&mut c, "Théo", "theo@example.org", app.centre_a);
    let mentor = volunteer(&mut c, "Mina", "mina@example.org", app.centre_a);
    astreinte::db::training::ensure_trainee(
        &mut c,
        trainee,
        k,
        600,
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
    )
    .unwrap();
    // Past weeks, so the minutes are done.
    let w1 = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let w2 = NaiveDate::from_ymd_opt(2026, 1, 12).unwrap();
    let shifts = |d: NaiveDate, trainee_hours: (u32, u32), mentor_hours: (u32, u32)| {
        vec![
            NewShift {
                volunteer_id: trainee,
                centre_id: app.centre_a,
                skill_id: k,
                role: "trainee",
                start_utc: at(d, trainee_hours.0),
                end_utc: at(d, trainee_hours.1),
                locked: false,
            },
            NewShift {
                volunteer_id: mentor,
                centre_id: app.centre_a,
                skill_id: k,
                role: "staff",
                start_utc: at(d, mentor_hours.0),
                end_utc: at(d, mentor_hours.1),
                locked: false,
            },
        ]
    };
    // Published: 3 h trainee shift, mentor there for 2 h of it → 120 min.
    let published = rotas::create(&mut c, w1, "A", "published", None).unwrap();
    rotas::replace_shifts(&mut c, published.id, &shifts(w1, (9, 12), (10, 12))).unwrap();
    // Draft: 4 h fully mentored, ignored.
    let draft = rotas::create(&mut c, w2, "A", "draft", None).unwrap();
    rotas::replace_shifts(&mut c, draft.id, &shifts(w2, (9, 13), (9, 13))).unwrap();

    let coord = app.client_as(Role::CoordA).await;
    let resp = app.get(&coord, "/centres/A/formation.csv").await;
    assert_eq!(resp.status(), reqwest::StatusCode::OK);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let bytes = resp.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let line = text.lines().find(|l| l.contains("Théo")).expect(&text);
    assert!(line.ends_with(";120;600"), "{line}");

    // Publishing the draft adds its 240 minutes.
    rotas::publish(&mut c, draft.id).unwrap();
    let text = app
        .get(&coord, "/centres/A/formation.csv")
        .await
        .text()
        .await
        .unwrap();
    let line = text.lines().find(|l| l.contains("Théo")).unwrap();
    assert!(line.ends_with(";360;600"), "{line}");
    let page = app
        .get(&coord, "/centres/A/formation")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("360 / 600 min"));
}
