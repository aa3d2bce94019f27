//! The audit log: coordinators' views and edits of a volunteer's record,
//! imports and administrators' changes are recorded (ids only); an
//! administrator searches them at `/admin/journal` with filters and pages.

use diesel::prelude::*;
use reqwest::StatusCode;

use astreinte::db::schema::users;
use astreinte::db::{self, audit, volunteers};

use crate::helpers::{spawn_app, unescape, Role, TestApp};

fn user_id(app: &TestApp, email: &str) -> i32 {
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(&mut app.db())
        .unwrap()
}

fn entries(app: &TestApp, action: &str) -> Vec<audit::AuditEntry> {
    audit::search(
        &mut app.db(),
        &audit::Filter {
            action_prefix: Some(action.to_string()),
            ..Default::default()
        },
        100,
    )
    .unwrap()
}

#[tokio::test]
async fn a_coordinators_view_and_edit_of_a_volunteer_record_are_audited_without_personal_data() {
    let app = spawn_app().await;
    let vid = volunteers::by_external_id(&mut app.db(), "v-test")
        .unwrap()
        .unwrap()
        .id;
    let coord = app.client_as(Role::CoordA).await;
    assert_eq!(
        app.get(&coord, &format!("/benevoles/{vid}")).await.status(),
        StatusCode::OK
    );
    let other = app.client_as(Role::CoordB).await;
    assert_eq!(
        app.get(&other, &format!("/benevoles/{vid}")).await.status(),
        StatusCode::FORBIDDEN
    );
    let r = app
        .post_form(
            &coord,
            &format!("/benevoles/{vid}"),
            &[
                ("status", "active"),
                (&format!("centre_{}", app.centre_a), "1"),
                ("home_centre", &app.centre_a.to_string()),
                ("max_hours_week", "5"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let coord_id = user_id(&app, "coord.a@example.org");
    let views = entries(&app, "volunteer.view");
    assert_eq!(views.len(), 1, "a refused view is not a view");
    assert_eq!(views[0].actor_user_id, Some(coord_id));
    assert_eq!(views[0].target_id, Some(vid.to_string()));
    assert_eq!(views[0].centre_id, Some(app.centre_a));
    let updates = entries(&app, "volunteer.update");
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].actor_user_id, Some(coord_id));
    for e in views.iter().chain(&updates) {
        let d = format!("{e:?}");
        assert!(!d.contains("benevole@example.org") && !d.contains("Volunteer"));
    }
}

#[tokio::test]
async fn imports_and_administrator_changes_are_audited() {
    let app = spawn_app().await;
    let coord = app.client_as(Role::CoordA).await;
    let r = app
        .post_form(
            &coord,
            "/centres/A/import/confirm",
            &[("contenu", "nom\r\nCamille Journal")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let imports = entries(&app, "volunteer.import");
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0].details.as_deref(), Some("count=1"));
    assert!(!format!("{imports:?}").contains("Camille"));

    let admin = app.client_as(Role::Admin).await;
    let r = app
        .post_form(
            &admin,
            "/admin/centres",
            &[
                ("code", "J1"),
                ("name", "Centre Journal"),
                ("timezone", "Europe/Paris"),
                ("mode", "free"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            &admin,
            "/admin/competences",
            &[
                ("code", "JRN"),
                ("name_fr", "Journal"),
                ("name_en", "Journal"),
                ("validity_months", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(
            &admin,
            "/admin/coordinateurs",
            &[
                ("email", "coord.b@example.org"),
                ("centre_id", &app.centre_a.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for action in ["centre.create", "skill.create", "coordinator.grant"] {
        let e = entries(&app, action);
        assert_eq!(e.len(), 1, "{action}");
        assert_eq!(e[0].actor_user_id, Some(user_id(&app, "admin@example.org")));
    }
}

#[tokio::test]
async fn the_journal_filters_by_actor_action_target_centre_and_dates_and_pages_by_fifty() {
    let app = spawn_app().await;
    let mut c = app.db();
    let admin_id = user_id(&app, "admin@example.org");
    for i in 0..60 {
        audit::record(
            &mut c,
            &audit::Event {
                actor: Some(admin_id),
                action: "rota.publish",
                target_kind: "rota",
                target_id: Some(i.to_string()),
                centre_id: Some(app.centre_b),
                details: None,
            },
        )
        .unwrap();
    }
    audit::record(
        &mut c,
        &audit::Event {
            actor: None,
            action: "volunteer.erase",
            target_kind: "volunteer",
            target_id: Some("77".into()),
            centre_id: Some(app.centre_a),
            details: Some("reason=retention".into()),
        },
    )
    .unwrap();
    let admin = app.client_as(Role::Admin).await;
    let rows = |html: &str| html.matches("<tr><td>").count();
    let journal = |url: &str| {
        let (app, admin, url) = (&app, &admin, url.to_string());
        async move { app.text(admin, &url).await }
    };
    // The 61 entries above, the sign-ins of the set-up and of `admin`.
    let total = audit::search(&mut c, &audit::Filter::default(), 1000)
        .unwrap()
        .len();
    assert!(total > 61);

    let html = journal("/admin/journal").await;
    assert_eq!(rows(&html), 50);
    assert!(html.contains("id=\"journal-next\""));
    let html = unescape(&journal("/admin/journal?page=2").await);
    assert_eq!(rows(&html), total - 50);
    assert!(!html.contains("id=\"journal-next\""));
    assert!(html.contains("id=\"journal-prev\""));

    let html = journal("/admin/journal?action=volunteer.").await;
    assert_eq!(rows(&html), 1);
    assert!(html.contains("reason=retention"));
    let html = journal("/admin/journal?cible=rota:7").await;
    assert_eq!(rows(&html), 1);
    let html = journal("/admin/journal?centre=a").await;
    assert_eq!(rows(&html), 1);
    let html = journal(&format!("/admin/journal?acteur={admin_id}&action=rota")).await;
    assert_eq!(rows(&html), 50);
    let today = db::now_utc().date();
    let tomorrow = today.succ_opt().unwrap();
    let html = journal(&format!("/admin/journal?du={tomorrow}")).await;
    assert_eq!(rows(&html), 0);
    let html = journal(&format!("/admin/journal?du={today}&au={today}&centre=A")).await;
    assert_eq!(rows(&html), 1);
    let r = app.get(&admin, "/admin/journal?du=demain").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&r.text().await.unwrap()).contains("AAAA-MM-JJ"));
}

#[tokio::test]
async fn sign_ins_and_wrong_passwords_are_journaled_by_account_id_only() {
    let app = spawn_app().await;
    let vid = user_id(&app, "benevole@example.org");
    let c = crate::helpers::client();
    let wrong = app.login(&c, "benevole@example.org", "pas le bon").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    // An unknown address leaves no entry (it would be personal data).
    app.login(&c, "personne@example.org", "pas le bon").await;
    assert_eq!(
        app.login(&c, "benevole@example.org", crate::helpers::PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );

    let failed = entries(&app, "auth.sign_in_failed");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].target_id, Some(vid.to_string()));
    assert_eq!(failed[0].actor_user_id, None);
    let ok: Vec<_> = entries(&app, "auth.sign_in")
        .into_iter()
        .filter(|e| e.action == "auth.sign_in")
        .collect();
    assert_eq!(ok.len(), 1);
    assert_eq!(ok[0].actor_user_id, Some(vid));
    assert_eq!(ok[0].details.as_deref(), Some("method=password"));
    for e in failed.iter().chain(&ok) {
        let text = format!("{e:?}");
        assert!(!text.contains("example.org"), "{text}");
    }
}
