//! Administrator page for the organisation settings: every field checked,
//! all saved at once or nothing.

#![allow(clippy::unwrap_used)]

use astreinte::db::settings;
use reqwest::StatusCode;

use crate::helpers::{spawn_app, unescape, Role};

fn form<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("default_timezone", "Indian/Reunion"),
        ("service_level_percent", "92,5"),
        ("answer_within_seconds", "30"),
        ("min_shift_minutes", "180"),
        ("max_shift_minutes", "300"),
        ("min_rest_minutes", "720"),
        ("planning_horizon_weeks", "12"),
    ];
    for (k, v) in overrides {
        f.retain(|(key, _)| key != k);
        f.push((k, v));
    }
    f
}

#[tokio::test]
async fn an_administrator_saves_the_organisation_settings() {
    let app = spawn_app().await;
    let admin = app.client_as(Role::Admin).await;
    let page = app
        .get(&admin, "/admin/parametres")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("value=\"80\""),
        "default service level shown as a percentage"
    );
    // The checkbox is left unticked: the mentor rule is switched off.
    let r = app.post_form(&admin, "/admin/parametres", &form(&[])).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let s = settings::get(&mut app.db()).unwrap();
    assert_eq!(s.default_timezone, "Indian/Reunion");
    assert!((s.service_level_target - 0.925).abs() < 1e-9);
    assert_eq!(
        (
            s.answer_within_seconds,
            s.min_shift_minutes,
            s.max_shift_minutes,
            s.min_rest_minutes
        ),
        (30, 180, 300, 720)
    );
    assert!(!s.trainee_requires_mentor);
    assert_eq!(s.planning_horizon_weeks, 12);
    let page = app.page(&admin, "/admin/parametres?saved=1").await;
    assert!(page.contains("Modifications enregistrées."));
    assert!(page.contains("value=\"92.5\""));

    let r = app
        .post_form(
            &admin,
            "/admin/parametres",
            &form(&[("trainee_requires_mentor", "on")]),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        settings::get(&mut app.db())
            .unwrap()
            .trainee_requires_mentor
    );
}

#[tokio::test]
async fn invalid_settings_show_every_error_and_save_nothing() {
    let app = spawn_app().await;
    let admin = app.client_as(Role::Admin).await;
    let before = settings::get(&mut app.db()).unwrap();
    let r = app
        .post_form(
            &admin,
            "/admin/parametres",
            &form(&[
                ("default_timezone", "Paris"),
                ("service_level_percent", "0"),
                ("answer_within_seconds", "abc"),
                ("min_shift_minutes", "240"),
                ("max_shift_minutes", "120"),
                ("min_rest_minutes", "90"),
                ("planning_horizon_weeks", "53"),
            ]),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&r.text().await.unwrap());
    for message in [
        "Fuseau horaire inconnu",
        "Saisissez un pourcentage entre 1 et 100.",
        "Saisissez un nombre entier entre 1 et 3600.",
        "La durée maximale doit être au moins égale à la durée minimale.",
        "Saisissez un nombre entier entre 1 et 52.",
    ] {
        assert!(html.contains(message), "missing: {message}");
    }
    for id in [
        "default_timezone-error",
        "service_level_percent-error",
        "answer_within_seconds-error",
        "max_shift_minutes-error",
        "planning_horizon_weeks-error",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "missing {id}");
    }
    // A shift length that is not a whole number of slots.
    let r = app
        .post_form(
            &admin,
            "/admin/parametres",
            &form(&[("min_shift_minutes", "90")]),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&r.text().await.unwrap()).contains("Saisissez un multiple de 60 minutes."));
    assert_eq!(settings::get(&mut app.db()).unwrap(), before);
}
