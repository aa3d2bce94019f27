//! The demand editor: the staff shown next to each hour equals
//! `solver::erlang` at the organisation's service level; invalid input saves
//! nothing; a 22:00–08:30 night session is stored as a template plus a demand
//! row with its minimum staff and reads back.

#![allow(clippy::unwrap_used)]

use astreinte::db::{centres, demand, settings};
use reqwest::StatusCode;

use crate::coord_support::skill;
use crate::helpers::{spawn_app, unescape, Role};

fn staff_cell(html: &str, hour: i32) -> String {
    let marker = format!("<td id=\"staff-{hour}\">");
    let start = html.find(&marker).unwrap() + marker.len();
    let end = html[start..].find("</td>").unwrap();
    html[start..start + end].to_string()
}

#[tokio::test]
async fn the_hourly_profile_shows_erlang_c_staff() {
    let app = spawn_app().await;
    let mut conn = app.db();
    let ecoute = skill(&mut conn, "ECOUTE", None);
    let s = settings::get(&mut conn).unwrap();
    let c = app.client_as(Role::CoordA).await;
    let profile = [(9, "12", "18"), (10, "30,5", "20"), (21, "4", "45")];
    let mut fields: Vec<(String, String)> = vec![
        ("competence".into(), "ECOUTE".into()),
        ("jour".into(), "2".into()),
    ];
    for (h, calls, aht) in profile {
        fields.push((format!("calls_{h}"), calls.into()));
        fields.push((format!("aht_{h}"), aht.into()));
    }
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let resp = app.post_form(&c, "/centres/A/demande", &refs).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("competence=ECOUTE&jour=2"));
    let html = app.text(&c, &location).await;
    assert!(html.contains("id=\"demand-saved\""));
    for (h, calls, aht) in profile {
        let calls: f64 = calls.replace(',', ".").parse().unwrap();
        let aht: f64 = aht.parse().unwrap();
        let want = solver::erlang::required_agents(
            calls,
            aht,
            s.service_level_target,
            f64::from(s.answer_within_seconds),
        )
        .unwrap();
        assert_eq!(staff_cell(&html, h), want.to_string(), "hour {h}");
    }
    assert_eq!(staff_cell(&html, 3), "0");
    let rows: Vec<_> = demand::demand_of_centres(&mut conn, &[app.centre_a])
        .unwrap()
        .into_iter()
        .filter(|r| r.skill_id == ecoute)
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().any(|r| r.weekday == 2
        && r.start_minute == 600
        && r.end_minute == 660
        && r.calls_per_hour == Some(30.5)
        && r.aht_minutes == Some(20.0)
        && r.required.is_none()));

    // Invalid handling time: French message, nothing changed.
    let resp = app
        .post_form(
            &c,
            "/centres/A/demande",
            &[
                ("competence", "ECOUTE"),
                ("jour", "2"),
                ("calls_9", "5"),
                ("aht_9", ""),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&resp.text().await.unwrap());
    assert!(html.contains("id=\"aht_9-error\">Indiquez une durée moyenne en minutes"));
    assert_eq!(
        demand::demand_of_centres(&mut conn, &[app.centre_a])
            .unwrap()
            .len(),
        3
    );
}

#[tokio::test]
async fn a_night_session_is_stored_and_reads_back() {
    let app = spawn_app().await;
    let mut conn = app.db();
    let ecoute = skill(&mut conn, "ECOUTE", None);
    let c = app.client_as(Role::CoordA).await;
    let resp = app
        .post_form(
            &c,
            "/centres/A/demande/sessions",
            &[
                ("new_weekday", "4"),
                ("new_start", "22:00"),
                ("new_end", "08:30"),
                ("new_skill", ecoute.to_string().as_str()),
                ("new_required", "2"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let templates = demand::templates_of_centres(&mut conn, &[app.centre_a]).unwrap();
    assert_eq!(templates.len(), 1);
    assert_eq!(
        (
            templates[0].weekday,
            templates[0].start_minute,
            templates[0].end_minute
        ),
        (4, 1320, 1440 + 510)
    );
    let rows = demand::demand_of_centres(&mut conn, &[app.centre_a]).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].required, Some(2));
    assert_eq!((rows[0].start_minute, rows[0].end_minute), (1320, 1950));
    assert!(
        centres::by_id(&mut conn, app.centre_a)
            .unwrap()
            .unwrap()
            .fixed_sessions
    );
    let html = app.page(&c, "/centres/A/demande").await;
    assert!(
        html.contains("<td>vendredi</td><td>22:00–08:30 (le lendemain)</td>"),
        "{html}"
    );

    // End equal to start: refused, nothing added.
    let resp = app
        .post_form(
            &c,
            "/centres/A/demande/sessions",
            &[
                ("new_weekday", "1"),
                ("new_start", "10:00"),
                ("new_end", "10h"),
                ("new_skill", ecoute.to_string().as_str()),
                ("new_required", "1"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&resp.text().await.unwrap()).contains("La fin doit différer du début."));
    assert_eq!(
        demand::demand_of_centres(&mut conn, &[app.centre_a])
            .unwrap()
            .len(),
        1
    );

    // Removing it drops the template too, and the centre is free again.
    let id = rows[0].id;
    let resp = app
        .post_form(
            &c,
            "/centres/A/demande/sessions",
            &[(format!("s{id}_remove").as_str(), "1")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert!(demand::templates_of_centres(&mut conn, &[app.centre_a])
        .unwrap()
        .is_empty());
    assert!(demand::demand_of_centres(&mut conn, &[app.centre_a])
        .unwrap()
        .is_empty());
    assert!(
        !centres::by_id(&mut conn, app.centre_a)
            .unwrap()
            .unwrap()
            .fixed_sessions
    );
}

#[tokio::test]
async fn coordinator_b_cannot_change_the_demand_of_a() {
    let app = spawn_app().await;
    let mut conn = app.db();
    let ecoute = skill(&mut conn, "ECOUTE", None);
    let b = app.client_as(Role::CoordB).await;
    let resp = app
        .post_form(
            &b,
            "/centres/A/demande/sessions",
            &[
                ("new_weekday", "4"),
                ("new_start", "22:00"),
                ("new_end", "08:30"),
                ("new_skill", ecoute.to_string().as_str()),
                ("new_required", "2"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert!(demand::templates_of_centres(&mut conn, &[app.centre_a])
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_profile_can_be_applied_to_every_weekday_at_once() {
    let app = spawn_app().await;
    let mut conn = app.db();
    skill(&mut conn, "ECOUTE", None);
    let c = app.client_as(Role::CoordA).await;
    let resp = app
        .post_form(
            &c,
            "/centres/A/demande",
            &[
                ("competence", "ECOUTE"),
                ("jour", "0"),
                ("calls_14", "8"),
                ("aht_14", "25"),
                ("tous_les_jours", "1"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let rows = demand::demand_of_centres(&mut conn, &[app.centre_a]).unwrap();
    let mut days: Vec<i32> = rows.iter().map(|r| r.weekday).collect();
    days.sort();
    assert_eq!(days, [0, 1, 2, 3, 4, 5, 6]);
    assert!(rows
        .iter()
        .all(|r| r.start_minute == 840 && r.end_minute == 900));
}
