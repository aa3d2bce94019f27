//! Attendance renews a qualification (valid_until = session date + the
//! skill's validity), records who did it and when, and the next generated
//! rota (`scenario_build::build_problem`) uses the renewed qualification.

use astreinte::db::schema::{audit_log, qualifications, training_attendance};
use astreinte::db::training as q;
use astreinte::domain::week::IsoWeek;
use astreinte::scenario_build::{build_problem, Scope};
use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{spawn_app, Role};
use crate::training_support::{monday_in_two_weeks, session, skill, volunteer};

fn valid_until(c: &mut astreinte::db::DbConnection, v: i32, k: i32) -> Option<NaiveDate> {
    qualifications::table
        .filter(qualifications::volunteer_id.eq(v))
        .filter(qualifications::skill_id.eq(k))
        .select(qualifications::valid_until)
        .first(c)
        .unwrap()
}

/// (valid_until, valid_until_slot, n_slots) of the volunteer's qualification
/// in the built problem of `week`, if listed.
fn in_problem(
    c: &mut astreinte::db::DbConnection,
    week: IsoWeek,
    v: i32,
    k: i32,
) -> Option<(Option<NaiveDate>, u32, u32)> {
    let built = build_problem(c, &Scope::Centre("A".into()), week).unwrap();
    let vi = built.volunteer_ids.iter().position(|&x| x == v)?;
    let si = built.skill_ids.iter().position(|&x| x == k)?;
    let vol = &built.problem.volunteers[vi];
    vol.qualifications
        .iter()
        .find(|q| q.skill == si)
        .map(|q| (q.valid_until, q.valid_until_slot, built.problem.n_slots))
}

#[tokio::test]
async fn attendance_renews_the_qualification_and_the_next_rota_uses_it() {
    let app = spawn_app().await;
    let mut c = app.db();
    let k = skill(&mut c, "ECOUTE", Some(12));
    let monday = monday_in_two_weeks();
    let v = volunteer(&mut c, "Renée", "renee@example.org", app.centre_a);
    // Valid up to and including the Sunday before the session's week.
    let last_day = monday - Duration::days(1);
    diesel::insert_into(qualifications::table)
        .values((
            qualifications::volunteer_id.eq(v),
            qualifications::skill_id.eq(k),
            qualifications::valid_until.eq(Some(last_day)),
        ))
        .execute(&mut c)
        .unwrap();
    let s = session(
        &mut c,
        k,
        app.centre_a,
        monday + Duration::days(2),
        4,
        "renew",
    );
    q::invite(&mut c, s, v, monday + Duration::days(60)).unwrap();

    // Before: in the week after the session the qualification has lapsed
    // (not usable from the first slot).
    let later_week = IsoWeek::from_monday(monday + Duration::days(7)).unwrap();
    let (_, slot, _) = in_problem(&mut c, later_week, v, k).unwrap();
    assert_eq!(slot, 0, "expired before the week: no slot covered");

    let coord = app.client_as(Role::CoordA).await;
    let page = app
        .get(&coord, &format!("/formations/{s}/presence"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("name=\"present_{v}\"")));
    let resp = app
        .post_form(
            &coord,
            &format!("/formations/{s}/presence"),
            &[(&*format!("present_{v}"), "on")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);

    // After: session date + 12 months, recorded with who and when.
    let session_day = monday + Duration::days(2);
    let renewed = session_day
        .checked_add_months(chrono::Months::new(12))
        .unwrap();
    assert_eq!(valid_until(&mut c, v, k), Some(renewed));
    let (att, by, prev, new): (bool, Option<i32>, Option<NaiveDate>, Option<NaiveDate>) =
        training_attendance::table
            .filter(training_attendance::session_id.eq(s))
            .select((
                training_attendance::attended,
                training_attendance::recorded_by,
                training_attendance::previous_valid_until,
                training_attendance::new_valid_until,
            ))
            .first(&mut c)
            .unwrap();
    assert!(att);
    assert!(by.is_some());
    assert_eq!(prev, Some(last_day));
    assert_eq!(new, Some(renewed));
    let audits: i64 = audit_log::table
        .filter(audit_log::action.eq("training.attendance"))
        .filter(audit_log::target_id.eq(s.to_string()))
        .count()
        .get_result(&mut c)
        .unwrap();
    assert_eq!(audits, 1);

    // The rota of a later week lists the volunteer as qualified all week.
    let (until, slot, n_slots) = in_problem(&mut c, later_week, v, k).unwrap();
    assert_eq!(until, Some(renewed));
    assert_eq!(slot, n_slots);

    // Coordinator B may not record attendance for centre A's session.
    let coord_b = app.client_as(Role::CoordB).await;
    let resp = app
        .post_form(&coord_b, &format!("/formations/{s}/presence"), &[])
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_initial_course_starts_the_path_and_the_sign_off_grants_the_qualification() {
    let app = spawn_app().await;
    let mut c = app.db();
    let k = skill(&mut c, "NUIT", Some(24));
    let admin = app.client_as(Role::Admin).await;
    app.post_form(
        &admin,
        "/admin/formation/NUIT",
        &[("course", "on"), ("signoff", "on")],
    )
    .await;
    let monday = monday_in_two_weeks();
    let v = volunteer(&mut c, "Nadia", "nadia@example.org", app.centre_a);
    q::ensure_trainee(&mut c, v, k, 0, monday).unwrap();
    let s = session(&mut c, k, app.centre_a, monday, 4, "grant");
    q::invite(&mut c, s, v, monday + Duration::days(30)).unwrap();
    let coord = app.client_as(Role::CoordA).await;
    app.post_form(
        &coord,
        &format!("/formations/{s}/presence"),
        &[(&*format!("present_{v}"), "on")],
    )
    .await;
    // Course done: still a trainee, waiting for the sign-off.
    let dash = app
        .get(&coord, "/centres/A/formation")
        .await
        .text()
        .await
        .unwrap();
    assert!(dash.contains("Validation par le coordinateur"), "{dash}");
    let n: i64 = qualifications::table
        .filter(qualifications::volunteer_id.eq(v))
        .count()
        .get_result(&mut c)
        .unwrap();
    assert_eq!(n, 0);
    let resp = app
        .post_form(
            &coord,
            "/centres/A/formation/validation",
            &[
                ("volunteer_id", &v.to_string()),
                ("skill_id", &k.to_string()),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let today = chrono::Utc::now().date_naive();
    let until = valid_until(&mut c, v, k).unwrap();
    assert!(until >= today + Duration::days(700), "{until}");
    assert!(astreinte::db::volunteers::all_trainees(&mut c)
        .unwrap()
        .iter()
        .all(|t| t.volunteer_id != v));
}

#[tokio::test]
async fn saving_again_changes_nothing_and_withdrawing_an_attendance_undoes_it() {
    let app = spawn_app().await;
    let mut c = app.db();
    let k = skill(&mut c, "ECOUTE", Some(12));
    let monday = monday_in_two_weeks();
    let last_day = monday - Duration::days(1);
    // Renée had the qualification; Paul gets it from this session.
    let renee = volunteer(&mut c, "Renée", "renee@example.org", app.centre_a);
    let paul = volunteer(&mut c, "Paul", "paul@example.org", app.centre_a);
    diesel::insert_into(qualifications::table)
        .values((
            qualifications::volunteer_id.eq(renee),
            qualifications::skill_id.eq(k),
            qualifications::valid_until.eq(Some(last_day)),
        ))
        .execute(&mut c)
        .unwrap();
    let day = monday + Duration::days(2);
    let s = session(&mut c, k, app.centre_a, day, 4, "renew");
    for v in [renee, paul] {
        q::invite(&mut c, s, v, monday + Duration::days(60)).unwrap();
    }
    let coord = app.client_as(Role::CoordA).await;
    let url = format!("/formations/{s}/presence");
    let both = [
        (format!("present_{renee}"), "on"),
        (format!("present_{paul}"), "on"),
    ];
    let both: Vec<(&str, &str)> = both.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let renewed = day.checked_add_months(chrono::Months::new(12)).unwrap();
    let audits = |c: &mut astreinte::db::DbConnection| -> i64 {
        audit_log::table
            .filter(audit_log::action.eq("training.attendance"))
            .count()
            .get_result(c)
            .unwrap()
    };

    app.post_form(&coord, &url, &both).await;
    assert_eq!(valid_until(&mut c, renee, k), Some(renewed));
    assert_eq!(valid_until(&mut c, paul, k), Some(renewed));
    assert_eq!(audits(&mut c), 2);
    // Saving the same marks again records nothing new.
    app.post_form(&coord, &url, &both).await;
    assert_eq!(audits(&mut c), 2);

    // Both withdrawn: Renée's validity goes back, Paul's qualification goes.
    let resp = app.post_form(&coord, &url, &[]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(valid_until(&mut c, renee, k), Some(last_day));
    let paul_rows: i64 = qualifications::table
        .filter(qualifications::volunteer_id.eq(paul))
        .count()
        .get_result(&mut c)
        .unwrap();
    assert_eq!(paul_rows, 0);
    assert_eq!(audits(&mut c), 4);
    let details: Vec<Option<String>> = audit_log::table
        .filter(audit_log::action.eq("training.attendance"))
        .order(audit_log::id.desc())
        .limit(2)
        .select(audit_log::details)
        .load(&mut c)
        .unwrap();
    assert!(details
        .iter()
        .all(|d| d.as_deref().unwrap_or("").contains("effect=withdrawn")));

    // Marked present again: renewed again from the restored state.
    app.post_form(&coord, &url, &both).await;
    assert_eq!(valid_until(&mut c, renee, k), Some(renewed));
    let (prev,): (Option<NaiveDate>,) = training_attendance::table
        .filter(training_attendance::session_id.eq(s))
        .filter(training_attendance::volunteer_id.eq(renee))
        .select((training_attendance::previous_valid_until,))
        .first(&mut c)
        .unwrap();
    assert_eq!(prev, Some(last_day));
}
