//! Administrator pages for centres: create, edit, time zone checked against
//! chrono-tz, French messages next to the fields, nothing saved on error.

#![allow(clippy::unwrap_used)]

use astreinte::db::centres;
use reqwest::StatusCode;

use crate::helpers::{spawn_app, unescape, Role};

#[tokio::test]
async fn an_administrator_creates_and_edits_a_centre() {
    let app = spawn_app().await;
    let admin = app.client_as(Role::Admin).await;
    let r = app
        .post_form(
            &admin,
            "/admin/centres",
            &[
                ("code", "nord"),
                ("name", "Écoute Nord"),
                ("timezone", "America/Cayenne"),
                ("mode", "sessions"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/admin/centres?saved=1");
    let list = app.page(&admin, "/admin/centres?saved=1").await;
    assert!(list.contains("Modifications enregistrées."));
    assert!(list.contains("Écoute Nord"));
    assert!(list.contains("America/Cayenne"));
    let c = centres::by_code(&mut app.db(), "NORD").unwrap().unwrap();
    assert_eq!(
        (c.name.as_str(), c.timezone.as_str(), c.fixed_sessions),
        ("Écoute Nord", "America/Cayenne", true)
    );

    let edit = app.get(&admin, "/admin/centres/NORD").await;
    assert_eq!(edit.status(), StatusCode::OK);
    assert!(edit
        .text()
        .await
        .unwrap()
        .contains("value=\"America/Cayenne\""));
    let r = app
        .post_form(
            &admin,
            "/admin/centres/NORD",
            &[
                ("code", "NORD2"),
                ("name", "Écoute Nord"),
                ("timezone", "Europe/Paris"),
                ("mode", "free"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let c2 = centres::by_code(&mut app.db(), "NORD2").unwrap().unwrap();
    assert_eq!(c2.id, c.id);
    assert_eq!(
        (c2.timezone.as_str(), c2.fixed_sessions),
        ("Europe/Paris", false)
    );
    assert_eq!(
        app.get(&admin, "/admin/centres/NORD").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn invalid_centres_are_refused_with_french_messages_and_nothing_saved() {
    let app = spawn_app().await;
    let admin = app.client_as(Role::Admin).await;
    let before = centres::list(&mut app.db()).unwrap();
    let r = app
        .post_form(
            &admin,
            "/admin/centres",
            &[
                ("code", "SUD"),
                ("name", ""),
                ("timezone", "Europe/Lyon"),
                ("mode", "free"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&r.text().await.unwrap());
    assert!(html.contains("Fuseau horaire inconnu"), "{html}");
    assert!(html.contains("id=\"timezone-error\""));
    assert!(html.contains("id=\"name-error\""));
    assert!(html.contains("Ce champ est obligatoire."));
    // What was typed is kept.
    assert!(html.contains("value=\"Europe/Lyon\""));

    // A code already used by another centre.
    let r = app
        .post_form(
            &admin,
            "/admin/centres",
            &[
                ("code", "b"),
                ("name", "Doublon"),
                ("timezone", "Europe/Paris"),
                ("mode", "free"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&r.text().await.unwrap()).contains("Un autre centre utilise déjà ce code."));

    // Renaming A to B's code, or giving it a bad time zone, changes nothing.
    for fields in [
        [
            ("code", "B"),
            ("name", "A"),
            ("timezone", "Europe/Paris"),
            ("mode", "free"),
        ],
        [
            ("code", "A"),
            ("name", "Renamed"),
            ("timezone", "Mars/Olympus"),
            ("mode", "free"),
        ],
        [
            ("code", "A"),
            ("name", "Renamed"),
            ("timezone", "Europe/Paris"),
            ("mode", "x"),
        ],
    ] {
        let r = app.post_form(&admin, "/admin/centres/A", &fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
    }
    assert_eq!(centres::list(&mut app.db()).unwrap(), before);

    // In English, the message is English.
    app.get(&admin, "/admin/centres?lang=en").await;
    let r = app
        .post_form(
            &admin,
            "/admin/centres",
            &[
                ("code", "E"),
                ("name", "E"),
                ("timezone", "Nowhere"),
                ("mode", "free"),
            ],
        )
        .await;
    assert!(r.text().await.unwrap().contains("Unknown time zone."));
}
