//! « Mes données »: a volunteer reads and downloads everything held about
//! them and asks for erasure; an administrator erases (anonymises) a
//! volunteer in one transaction, keeping an anonymous place in published rotas.

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use reqwest::StatusCode;

use astreinte::db::schema::{
    audit_log, availability_patterns, erasure_requests, erasures, qualifications, rota_shifts,
    users,
};
use astreinte::db::{rotas, skills, volunteers};

use crate::helpers::{spawn_app, unescape, Role, TestApp, PASSWORD};

fn volunteer_id(app: &TestApp) -> i32 {
    volunteers::by_external_id(&mut app.db(), "v-test")
        .unwrap()
        .unwrap()
        .id
}

/// Gives the seeded volunteer a phone, a weekly availability, a qualification
/// and a shift in a published rota.
async fn furnish(app: &TestApp) -> (i32, i32) {
    let vol = app.client_as(Role::Volunteer).await;
    let r = app
        .post_form(
            &vol,
            "/profil",
            &[
                ("display_name", "Volunteer"),
                ("lang", "fr"),
                ("phone", "06 12 34 56 78"),
                ("max_hours_week", "6"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(&vol, "/disponibilites", &[("cell-0-09", "possible")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let vid = volunteer_id(app);
    let mut c = app.db();
    let skill = skills::upsert(&mut c, "ECOUTE", "Écoute", "Listening").unwrap();
    diesel::insert_into(qualifications::table)
        .values((
            qualifications::volunteer_id.eq(vid),
            qualifications::skill_id.eq(skill.id),
        ))
        .execute(&mut c)
        .unwrap();
    let week = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let rota = rotas::create(&mut c, week, "all", "published", None).unwrap();
    let start = week.and_hms_opt(8, 0, 0).unwrap();
    rotas::replace_shifts(
        &mut c,
        rota.id,
        &[rotas::NewShift {
            volunteer_id: vid,
            centre_id: app.centre_a,
            skill_id: skill.id,
            role: "staff",
            start_utc: start,
            end_utc: start + Duration::hours(3),
            locked: false,
        }],
    )
    .unwrap();
    (vid, rota.id)
}

#[tokio::test]
async fn a_volunteer_reads_and_downloads_everything_held_about_them() {
    let app = spawn_app().await;
    let (vid, rota) = furnish(&app).await;
    // A coordinator's view of the record is part of what is held.
    let coord = app.client_as(Role::CoordA).await;
    let r = app.get(&coord, &format!("/benevoles/{vid}")).await;
    assert_eq!(r.status(), StatusCode::OK);

    let vol = app.client_as(Role::Volunteer).await;
    let r = app.get(&vol, "/mes-donnees").await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = unescape(&r.text().await.unwrap());
    for expected in [
        "benevole@example.org",
        "06 12 34 56 78",
        "A – Centre A",
        "ECOUTE",
        "volunteer.view",
        "id=\"gdpr-availability\"",
        "id=\"gdpr-shifts\"",
        "href=\"/mes-donnees.json\"",
    ] {
        assert!(html.contains(expected), "page lacks {expected}");
    }

    let r = app.get(&vol, "/mes-donnees.json").await;
    assert_eq!(r.status(), StatusCode::OK);
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let json: serde_json::Value = r.json().await.unwrap();
    assert_eq!(json["account"]["email"], "benevole@example.org");
    assert_eq!(json["account"]["phone"], "06 12 34 56 78");
    assert_eq!(json["volunteer"]["id"], vid);
    assert_eq!(json["centres"][0]["code"], "A");
    assert_eq!(json["qualifications"][0]["skill"], "ECOUTE");
    assert_eq!(json["availability"][0]["weekday"], 0);
    assert_eq!(json["shifts"][0]["rota_id"], rota);
    assert!(json["audit"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "volunteer.view"));
    // No password hash is ever exported.
    assert!(!json.to_string().contains("argon2"));
}

#[tokio::test]
async fn an_erasure_request_is_recorded_once_and_its_state_is_shown() {
    let app = spawn_app().await;
    let vol = app.client_as(Role::Volunteer).await;
    let r = app.post_form(&vol, "/mes-donnees/effacement", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/mes-donnees"));
    let r = app.post_form(&vol, "/mes-donnees/effacement", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let n: i64 = erasure_requests::table
        .count()
        .get_result(&mut app.db())
        .unwrap();
    assert_eq!(n, 1, "one pending request at a time");

    let html = app.page(&vol, "/mes-donnees?demande=1").await;
    assert!(html.contains("id=\"erasure-requested\""));
    assert!(html.contains("en attente"), "state shown");
    assert!(
        !html.contains("id=\"erasure-submit\""),
        "no second request while pending"
    );

    let admin = app.client_as(Role::Admin).await;
    let html = app
        .get(&admin, "/admin/effacements")
        .await
        .text()
        .await
        .unwrap();
    let vid = volunteer_id(&app);
    assert!(html.contains(&format!("action=\"/admin/benevoles/{vid}/effacer\"")));
    let audited: i64 = audit_log::table
        .filter(audit_log::action.eq("erasure.request"))
        .count()
        .get_result(&mut app.db())
        .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn an_administrator_erases_a_volunteer_who_stays_an_anonymous_id_in_published_rotas() {
    let app = spawn_app().await;
    let (vid, rota) = furnish(&app).await;
    let vol = app.client_as(Role::Volunteer).await;
    app.post_form(&vol, "/mes-donnees/effacement", &[]).await;

    let admin = app.client_as(Role::Admin).await;
    let r = app
        .post_form(&admin, &format!("/admin/benevoles/{vid}/effacer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let mut c = app.db();
    let v = volunteers::by_id(&mut c, vid)
        .unwrap()
        .expect("volunteer row kept");
    assert_eq!(v.status, "left");
    assert!(!v.external_id.contains("v-test"));
    let (name, email, phone, hash): (String, Option<String>, Option<String>, Option<String>) =
        users::table
            .find(v.user_id)
            .select((
                users::display_name,
                users::email,
                users::phone,
                users::password_hash,
            ))
            .first(&mut c)
            .unwrap();
    assert_eq!(name, "Bénévole supprimé");
    assert_eq!((email, phone, hash), (None, None, None));
    let patterns: i64 = availability_patterns::table
        .filter(availability_patterns::volunteer_id.eq(vid))
        .count()
        .get_result(&mut c)
        .unwrap();
    let quals: i64 = qualifications::table
        .filter(qualifications::volunteer_id.eq(vid))
        .count()
        .get_result(&mut c)
        .unwrap();
    assert_eq!((patterns, quals), (0, 0));
    let shifts: i64 = rota_shifts::table
        .filter(rota_shifts::rota_id.eq(rota))
        .filter(rota_shifts::volunteer_id.eq(vid))
        .count()
        .get_result(&mut c)
        .unwrap();
    assert_eq!(shifts, 1, "the published rota still counts the shift");

    // Who did it, when, why.
    let admin_id = users::table
        .filter(users::email.eq("admin@example.org"))
        .select(users::id)
        .first::<i32>(&mut c)
        .unwrap();
    let (by, reason): (Option<i32>, String) = erasures::table
        .find(vid)
        .select((erasures::erased_by, erasures::reason))
        .first(&mut c)
        .unwrap();
    assert_eq!((by, reason.as_str()), (Some(admin_id), "request"));
    let (actor, target): (Option<i32>, Option<String>) = audit_log::table
        .filter(audit_log::action.eq("volunteer.erase"))
        .select((audit_log::actor_user_id, audit_log::target_id))
        .first(&mut c)
        .unwrap();
    assert_eq!((actor, target), (Some(admin_id), Some(vid.to_string())));
    let status: String = erasure_requests::table
        .select(erasure_requests::status)
        .first(&mut c)
        .unwrap();
    assert_eq!(status, "done");

    // The erased account can no longer sign in, and its old session is gone.
    assert_eq!(
        app.get(&vol, "/mes-donnees").await.status(),
        StatusCode::SEE_OTHER
    );
    let fresh = crate::helpers::client();
    let r = app.login(&fresh, "benevole@example.org", PASSWORD).await;
    assert_ne!(r.status(), StatusCode::SEE_OTHER);
    // The list shows the request as done; erasing again changes nothing.
    let r = app
        .post_form(&admin, &format!("/admin/benevoles/{vid}/effacer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let n: i64 = erasures::table.count().get_result(&mut c).unwrap();
    assert_eq!(n, 1);
    let r = app
        .post_form(&admin, "/admin/benevoles/999999/effacer", &[])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}
