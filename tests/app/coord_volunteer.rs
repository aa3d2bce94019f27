//! The volunteer record page: editing qualifications with a
//! default end of validity, commitment, status and centres; invalid input
//! saves nothing; another centre's coordinator can neither read nor change.

#![allow(clippy::unwrap_used)]

use astreinte::db::volunteers;
use chrono::NaiveDate;
use reqwest::StatusCode;

use crate::coord_support::{skill, volunteer};
use crate::helpers::{spawn_app, unescape, Role};

#[tokio::test]
async fn a_coordinator_adds_and_edits_a_qualification() {
    let app = spawn_app().await;
    let mut conn = app.db();
    let ecoute = skill(&mut conn, "ECOUTE", Some(24));
    let id = volunteer(
        &mut conn,
        "Alice Bernard",
        "alice@example.org",
        app.centre_a,
    );
    let c = app.client_as(Role::CoordA).await;
    let path = format!("/benevoles/{id}");
    assert_eq!(app.get(&c, &path).await.status(), StatusCode::OK);
    let centre = app.centre_a.to_string();
    let centre_field = format!("centre_{centre}");

    // Add: obtained on 2026-01-15, end of validity left empty → + 24 months.
    let resp = app
        .post_form(
            &c,
            &path,
            &[
                ("new_skill", ecoute.to_string().as_str()),
                ("new_obtained_on", "2026-01-15"),
                ("new_valid_until", ""),
                ("max_hours_week", "6,5"),
                ("max_shifts_week", "2"),
                ("min_hours_month", "4"),
                ("status", "active"),
                (centre_field.as_str(), "1"),
                ("home_centre", centre.as_str()),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let quals: Vec<_> = volunteers::all_qualifications(&mut conn)
        .unwrap()
        .into_iter()
        .filter(|q| q.volunteer_id == id)
        .collect();
    assert_eq!(quals.len(), 1);
    assert_eq!(quals[0].obtained_on, NaiveDate::from_ymd_opt(2026, 1, 15));
    assert_eq!(quals[0].valid_until, NaiveDate::from_ymd_opt(2028, 1, 15));
    let v = volunteers::by_id(&mut conn, id).unwrap().unwrap();
    assert_eq!(v.max_minutes_week, Some(390));
    assert_eq!(v.max_shifts_week, Some(2));
    assert_eq!(v.min_minutes_month, Some(240));

    // Edit its end of validity; the page shows it in French.
    let q = quals[0].id;
    let resp = app
        .post_form(
            &c,
            &path,
            &[
                (format!("q{q}_obtained_on").as_str(), "2026-01-15"),
                (format!("q{q}_valid_until").as_str(), "08/12/2026"),
                ("status", "active"),
                (centre_field.as_str(), "1"),
                ("home_centre", centre.as_str()),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let html = app.page(&c, &format!("{path}?enregistre=1")).await;
    assert!(html.contains("mardi 8 décembre 2026"), "French date");
    assert!(html.contains("id=\"saved-notice\""));
    let q_new = volunteers::all_qualifications(&mut conn)
        .unwrap()
        .into_iter()
        .find(|x| x.volunteer_id == id)
        .unwrap();
    assert_eq!(q_new.valid_until, NaiveDate::from_ymd_opt(2026, 12, 8));

    // Remove it and mark the volunteer as left.
    let q = q_new.id;
    let resp = app
        .post_form(
            &c,
            &path,
            &[
                (format!("q{q}_remove").as_str(), "1"),
                ("status", "left"),
                ("left_on", "2026-12-31"),
                (centre_field.as_str(), "1"),
                ("home_centre", centre.as_str()),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let v = volunteers::by_id(&mut conn, id).unwrap().unwrap();
    assert_eq!(v.status, "left");
    assert_eq!(v.left_on, NaiveDate::from_ymd_opt(2026, 12, 31));
    assert!(volunteers::all_qualifications(&mut conn)
        .unwrap()
        .iter()
        .all(|x| x.volunteer_id != id));
}

#[tokio::test]
async fn invalid_input_shows_french_messages_and_saves_nothing() {
    let app = spawn_app().await;
    let mut conn = app.db();
    let ecoute = skill(&mut conn, "ECOUTE", Some(12));
    let id = volunteer(
        &mut conn,
        "Alice Bernard",
        "alice@example.org",
        app.centre_a,
    );
    let c = app.client_as(Role::CoordA).await;
    let centre = app.centre_a.to_string();
    let resp = app
        .post_form(
            &c,
            &format!("/benevoles/{id}"),
            &[
                ("new_skill", ecoute.to_string().as_str()),
                ("new_obtained_on", "2026-01-15"),
                ("max_hours_week", "beaucoup"),
                ("status", "left"),
                ("left_on", ""),
                (format!("centre_{centre}").as_str(), "1"),
                ("home_centre", centre.as_str()),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&resp.text().await.unwrap());
    assert!(
        html.contains("id=\"max_hours_week-error\">Indiquez un nombre d'heures entre 0 et 168.")
    );
    assert!(html.contains("id=\"left_on-error\">Indiquez la date de départ"));
    assert!(html.contains("value=\"beaucoup\""), "the input is kept");
    // Nothing saved: not the qualification, not the status.
    assert!(volunteers::all_qualifications(&mut conn)
        .unwrap()
        .is_empty());
    assert_eq!(
        volunteers::by_id(&mut conn, id).unwrap().unwrap().status,
        "active"
    );

    // Removing the last centre is refused too.
    let resp = app
        .post_form(&c, &format!("/benevoles/{id}"), &[("status", "active")])
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&resp.text().await.unwrap()).contains("au moins un centre"));
    assert_eq!(
        volunteers::centres_of(&mut conn, id).unwrap(),
        [app.centre_a]
    );
}

#[tokio::test]
async fn coordinator_b_cannot_read_or_change_a_volunteer_of_a() {
    let app = spawn_app().await;
    let mut conn = app.db();
    let ecoute = skill(&mut conn, "ECOUTE", Some(12));
    let id = volunteer(
        &mut conn,
        "Alice Bernard",
        "alice@example.org",
        app.centre_a,
    );
    let b = app.client_as(Role::CoordB).await;
    let path = format!("/benevoles/{id}");
    assert_eq!(app.get(&b, &path).await.status(), StatusCode::FORBIDDEN);
    let cb = app.centre_b.to_string();
    let resp = app
        .post_form(
            &b,
            &path,
            &[
                ("new_skill", ecoute.to_string().as_str()),
                ("status", "paused"),
                (format!("centre_{cb}").as_str(), "1"),
                ("home_centre", cb.as_str()),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let v = volunteers::by_id(&mut conn, id).unwrap().unwrap();
    assert_eq!(v.status, "active");
    assert_eq!(
        volunteers::centres_of(&mut conn, id).unwrap(),
        [app.centre_a]
    );
    assert!(volunteers::all_qualifications(&mut conn)
        .unwrap()
        .is_empty());
    // Unknown volunteer: 404; a volunteer account: 403.
    assert_eq!(
        app.get(&b, "/benevoles/999999").await.status(),
        StatusCode::NOT_FOUND
    );
    let v = app.client_as(Role::Volunteer).await;
    assert_eq!(app.get(&v, &path).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_coordinator_of_both_sides_adds_only_their_centres() {
    let app = spawn_app().await;
    let mut conn = app.db();
    let id = volunteer(
        &mut conn,
        "Alice Bernard",
        "alice@example.org",
        app.centre_b,
    );
    volunteers::set_centres(&mut conn, id, &[app.centre_b, app.centre_a]).unwrap();
    // Coordinator A sees B as another's centre and cannot remove it.
    let c = app.client_as(Role::CoordA).await;
    let ca = app.centre_a.to_string();
    let resp = app
        .post_form(
            &c,
            &format!("/benevoles/{id}"),
            &[
                ("status", "active"),
                (format!("centre_{ca}").as_str(), "1"),
                ("home_centre", ca.as_str()),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        volunteers::centres_of(&mut conn, id).unwrap(),
        [app.centre_a, app.centre_b],
        "B kept, A now home"
    );
}

#[tokio::test]
async fn the_coordinator_sees_the_volunteers_availability() {
    let app = spawn_app().await;
    let mut conn = app.db();
    let id = volunteer(
        &mut conn,
        "Alice Bernard",
        "alice@example.org",
        app.centre_a,
    );
    crate::coord_support::with_pattern(&mut conn, id);
    astreinte::db::availability::add_exception(
        &mut conn,
        id,
        &astreinte::db::availability::NewException {
            kind: "absent",
            start_date: NaiveDate::from_ymd_opt(2099, 12, 8).unwrap(),
            end_date: NaiveDate::from_ymd_opt(2099, 12, 20).unwrap(),
            start_minute: None,
            end_minute: None,
            start_utc: None,
            end_utc: None,
            preferred: false,
        },
    )
    .unwrap();
    let c = app.client_as(Role::CoordA).await;
    let html = app.page(&c, &format!("/benevoles/{id}")).await;
    assert!(
        html.contains("<li>lundi 09:00–12:00 (possible)</li>"),
        "{html}"
    );
    assert!(html.contains("Absent(e) du mardi 8 décembre 2099 au dimanche 20 décembre 2099"));
}
