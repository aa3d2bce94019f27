//! Administrator pages for skills: names in both languages, validity in
//! months or none, French messages next to the fields.

#![allow(clippy::unwrap_used)]

use astreinte::db::skills;
use reqwest::StatusCode;

use crate::helpers::{spawn_app, unescape, Role};

#[tokio::test]
async fn an_administrator_creates_and_edits_skills_with_their_validity() {
    let app = spawn_app().await;
    let admin = app.client_as(Role::Admin).await;
    for (code, validity) in [("ecoute", "24"), ("chat", "")] {
        let r = app
            .post_form(
                &admin,
                "/admin/competences",
                &[
                    ("code", code),
                    ("name_fr", "Écoute téléphonique"),
                    ("name_en", "Phone listening"),
                    ("validity_months", validity),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{code}");
    }
    let s = skills::by_code(&mut app.db(), "ECOUTE").unwrap().unwrap();
    assert_eq!(s.validity_months, Some(24));
    assert_eq!(
        skills::by_code(&mut app.db(), "CHAT")
            .unwrap()
            .unwrap()
            .validity_months,
        None
    );
    let list = app.page(&admin, "/admin/competences").await;
    assert!(list.contains("24 mois"));
    assert!(list.contains("Sans limite"));

    let r = app
        .post_form(
            &admin,
            "/admin/competences/ECOUTE",
            &[
                ("code", "ECOUTE"),
                ("name_fr", "Écoute"),
                ("name_en", "Listening"),
                ("validity_months", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let s2 = skills::by_code(&mut app.db(), "ECOUTE").unwrap().unwrap();
    assert_eq!(
        (s2.id, s2.name_en.as_str(), s2.validity_months),
        (s.id, "Listening", None)
    );
}

#[tokio::test]
async fn invalid_skills_are_refused_and_nothing_saved() {
    let app = spawn_app().await;
    let admin = app.client_as(Role::Admin).await;
    app.post_form(
        &admin,
        "/admin/competences",
        &[
            ("code", "NUIT"),
            ("name_fr", "Nuit"),
            ("name_en", "Night"),
            ("validity_months", "12"),
        ],
    )
    .await;
    let before = skills::list(&mut app.db()).unwrap();
    let r = app
        .post_form(
            &admin,
            "/admin/competences",
            &[
                ("code", "a b"),
                ("name_fr", "X"),
                ("name_en", ""),
                ("validity_months", "0"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&r.text().await.unwrap());
    assert!(html.contains("Saisissez un code de 1 à 16 caractères"));
    assert!(html.contains("Saisissez un nombre entier entre 1 et 240."));
    assert!(html.contains("id=\"validity_months-error\""));
    assert!(html.contains("id=\"name_en-error\""));
    let r = app
        .post_form(
            &admin,
            "/admin/competences/NUIT",
            &[
                ("code", "NUIT"),
                ("name_fr", "Nuit"),
                ("name_en", "Night"),
                ("validity_months", "douze"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            &admin,
            "/admin/competences",
            &[
                ("code", "nuit"),
                ("name_fr", "Nuit"),
                ("name_en", "Night"),
                ("validity_months", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unescape(&r.text().await.unwrap()).contains("Une autre compétence utilise déjà ce code.")
    );
    assert_eq!(skills::list(&mut app.db()).unwrap(), before);
    assert_eq!(
        app.get(&admin, "/admin/competences/INCONNU").await.status(),
        StatusCode::NOT_FOUND
    );
}
