//! « Planifier les formations » wired to the database: hand-built cases with
//! a known optimum (capacity, earliest expiry first, availability), the
//! confirmation creating invitations with their emails in the outbox, and a
//! declined seat offered to the next candidate.

use astreinte::db::schema::{outbox, qualifications};
use astreinte::db::training as q;
use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{client, spawn_app, Role, PASSWORD};
use crate::training_support::{
    available_on, monday_in_two_weeks, pairs_in, session, skill, volunteer,
};

fn qualify(conn: &mut astreinte::db::DbConnection, v: i32, skill: i32, until: NaiveDate) {
    diesel::insert_into(qualifications::table)
        .values((
            qualifications::volunteer_id.eq(v),
            qualifications::skill_id.eq(skill),
            qualifications::valid_until.eq(Some(until)),
        ))
        .execute(conn)
        .unwrap();
}

#[tokio::test]
async fn the_plan_meets_the_most_needs_and_puts_the_earliest_expiry_first() {
    let app = spawn_app().await;
    let mut c = app.db();
    let k = skill(&mut c, "ECOUTE", Some(12));
    let monday = monday_in_two_weeks();
    let wednesday = monday + Duration::days(2);
    // Monday and Wednesday sessions, one seat each.
    let s_mon = session(&mut c, k, app.centre_a, monday, 1, "renew");
    let s_wed = session(&mut c, k, app.centre_a, wednesday, 1, "renew");
    let horizon = monday + Duration::days(60);
    // Soon: expires first, can come Monday or Wednesday.
    let soon = volunteer(&mut c, "Soon", "soon@example.org", app.centre_a);
    qualify(&mut c, soon, k, monday + Duration::days(10));
    available_on(&mut c, soon, &[0, 2]);
    // Later: expires later, Mondays only.
    let later = volunteer(&mut c, "Later", "later@example.org", app.centre_a);
    qualify(&mut c, later, k, monday + Duration::days(30));
    available_on(&mut c, later, &[0]);
    // Latest: expires last, Mondays only: no seat left (sessions full).
    let latest = volunteer(&mut c, "Latest", "latest@example.org", app.centre_a);
    qualify(&mut c, latest, k, monday + Duration::days(40));
    available_on(&mut c, latest, &[0]);
    // Never free: no seat (availability).
    let busy = volunteer(&mut c, "Busy", "busy@example.org", app.centre_a);
    qualify(&mut c, busy, k, monday + Duration::days(5));
    // Not due: expires after the horizon.
    let fine = volunteer(&mut c, "Fine", "fine@example.org", app.centre_a);
    qualify(&mut c, fine, k, horizon + Duration::days(1));
    available_on(&mut c, fine, &[0, 2]);
    // A volunteer of centre B is not planned by centre A.
    let other = volunteer(&mut c, "Other", "other@example.org", app.centre_b);
    qualify(&mut c, other, k, monday + Duration::days(1));
    available_on(&mut c, other, &[0, 2]);

    let coord = app.client_as(Role::CoordA).await;
    let resp = app
        .post_form(
            &coord,
            "/formations/planifier",
            &[
                ("centre", &app.centre_a.to_string()),
                ("horizon", &horizon.to_string()),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.unwrap();
    // Optimum: 2 needs met. Greedy "earliest expiry first" would put Soon on
    // Monday and leave Later without a seat; the plan moves Soon to Wednesday.
    let mut want = vec![format!("{s_mon}:{later}"), format!("{s_wed}:{soon}")];
    want.sort();
    assert_eq!(pairs_in(&html), want);
    assert!(html.contains("2 besoin(s) satisfait(s) sur 4"), "{html}");
    assert!(html.contains("Sessions complètes"));
    assert!(html.contains("Aucune session dans les disponibilités"));

    // Coordinator B may not plan centre A.
    let coord_b = app.client_as(Role::CoordB).await;
    let resp = app
        .post_form(
            &coord_b,
            "/formations/planifier",
            &[
                ("centre", &app.centre_a.to_string()),
                ("horizon", &horizon.to_string()),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);

    // Confirm: two invitations, two emails queued under a key per seat.
    let mut form: Vec<(&str, String)> = vec![
        ("centre", app.centre_a.to_string()),
        ("horizon", horizon.to_string()),
    ];
    for p in &want {
        form.push(("pair", p.clone()));
    }
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let resp = app
        .post_form(&coord, "/formations/planifier/confirmer", &fields)
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("2 invitations envoyées"));
    let invs = q::invitations_of_sessions(&mut c, &[s_mon, s_wed]).unwrap();
    assert_eq!(invs.len(), 2);
    let keys: Vec<String> = outbox::table
        .filter(outbox::kind.eq("training_invitation"))
        .select(outbox::dedup_key)
        .order(outbox::dedup_key)
        .load(&mut c)
        .unwrap();
    let mut want_keys = vec![
        format!("training:invitation:session:{s_mon}:volunteer:{later}"),
        format!("training:invitation:session:{s_wed}:volunteer:{soon}"),
    ];
    want_keys.sort();
    assert_eq!(keys, want_keys);
    // Confirming again writes nothing more (one seat per session, dedup key).
    app.post_form(&coord, "/formations/planifier/confirmer", &fields)
        .await;
    assert_eq!(
        q::invitations_of_sessions(&mut c, &[s_mon, s_wed])
            .unwrap()
            .len(),
        2
    );
    let mails = app.mail.wait_for(2).await;
    assert!(mails
        .iter()
        .any(|m| m.to.iter().any(|t| t.contains("later@example.org"))));
    assert!(mails
        .iter()
        .all(|m| m.raw.contains("/formation/invitations")));

    // Later declines Monday: the seat goes to Latest (the only one left who can come).
    let v = client();
    assert_eq!(
        app.login(&v, "later@example.org", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let page = app
        .get(&v, "/formation/invitations")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("ECOUTE fr"));
    let inv = invs.iter().find(|i| i.volunteer_id == later).unwrap();
    let resp = app
        .post_form(
            &v,
            &format!("/formation/invitations/{}/refuser", inv.id),
            &[],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let invs = q::invitations_of_sessions(&mut c, &[s_mon]).unwrap();
    let statuses: Vec<(i32, String)> = invs
        .iter()
        .map(|i| (i.volunteer_id, i.status.clone()))
        .collect();
    assert_eq!(
        statuses,
        vec![
            (later, "declined".to_string()),
            (latest, "invited".to_string())
        ]
    );
    // Soon accepts Wednesday.
    let s = client();
    app.login(&s, "soon@example.org", PASSWORD).await;
    let inv = q::invitations_of_sessions(&mut c, &[s_wed])
        .unwrap()
        .pop()
        .unwrap();
    app.post_form(
        &s,
        &format!("/formation/invitations/{}/accepter", inv.id),
        &[],
    )
    .await;
    let inv = q::invitation(&mut c, inv.id).unwrap().unwrap();
    assert_eq!(inv.status, "accepted");
    // Someone else's invitation is not found.
    let resp = app
        .post_form(
            &v,
            &format!("/formation/invitations/{}/refuser", inv.id),
            &[],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let _ = (busy, fine, other);
}

#[tokio::test]
async fn a_trainee_needs_the_course_only_with_every_prerequisite_held() {
    let app = spawn_app().await;
    let mut c = app.db();
    let base = skill(&mut c, "BASE", None);
    let k = skill(&mut c, "NUIT", Some(24));
    let monday = monday_in_two_weeks();
    let s = session(&mut c, k, app.centre_a, monday, 5, "grant");
    let admin = app.client_as(Role::Admin).await;
    let resp = app
        .post_form(
            &admin,
            "/admin/formation/NUIT",
            &[
                (&*format!("requires_{base}"), "on"),
                ("course", "on"),
                ("mentored_hours", "10"),
                ("signoff", "on"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let with = volunteer(&mut c, "Avec", "avec@example.org", app.centre_a);
    let without = volunteer(&mut c, "Sans", "sans@example.org", app.centre_a);
    for v in [with, without] {
        available_on(&mut c, v, &[0]);
        astreinte::db::training::ensure_trainee(&mut c, v, k, 0, monday).unwrap();
    }
    diesel::insert_into(qualifications::table)
        .values((
            qualifications::volunteer_id.eq(with),
            qualifications::skill_id.eq(base),
        ))
        .execute(&mut c)
        .unwrap();
    let coord = app.client_as(Role::CoordA).await;
    let html = app
        .post_form(
            &coord,
            "/formations/planifier",
            &[
                ("centre", &app.centre_a.to_string()),
                ("horizon", &(monday + Duration::days(30)).to_string()),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(pairs_in(&html), vec![format!("{s}:{with}")]);
    // The catalogue shows the path.
    let page = app
        .get(&admin, "/admin/formation")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Formation initiale → 10 heures de permanence accompagnée → Validation par le coordinateur"), "{page}");
}
