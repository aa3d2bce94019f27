//! Administrator page for coordinators: granting a centre to an existing
//! account by email takes effect at once; revoking removes it.

#![allow(clippy::unwrap_used)]

use astreinte::db::{centres, users};
use reqwest::StatusCode;

use crate::helpers::{spawn_app, unescape, Role};

#[tokio::test]
async fn granting_and_revoking_a_centre_changes_what_the_account_may_do() {
    let app = spawn_app().await;
    let admin = app.client_as(Role::Admin).await;
    let volunteer = app.client_as(Role::Volunteer).await;
    assert_eq!(
        app.get(&volunteer, "/invite").await.status(),
        StatusCode::FORBIDDEN
    );

    let b = app.centre_b.to_string();
    let r = app
        .post_form(
            &admin,
            "/admin/coordinateurs",
            &[("email", " Benevole@Example.org "), ("centre_id", &b)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/admin/coordinateurs?granted=1");
    let page = app.page(&admin, "/admin/coordinateurs?granted=1").await;
    assert!(page.contains("Coordinateur nommé."));
    assert!(page.contains("benevole@example.org"));
    // The volunteer now coordinates B (same session).
    let invite = app.get(&volunteer, "/invite").await;
    assert_eq!(invite.status(), StatusCode::OK);
    assert!(invite.text().await.unwrap().contains("B – Centre B"));

    // Twice is a field error.
    let r = app
        .post_form(
            &admin,
            "/admin/coordinateurs",
            &[("email", "benevole@example.org"), ("centre_id", &b)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&r.text().await.unwrap()).contains("Cette personne coordonne déjà ce centre."));

    let user = users::by_email(&mut app.db(), "benevole@example.org")
        .unwrap()
        .unwrap();
    let r = app
        .post_form(
            &admin,
            "/admin/coordinateurs/retirer",
            &[("user_id", &user.id.to_string()), ("centre_id", &b)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(centres::coordinated_by(&mut app.db(), user.id)
        .unwrap()
        .is_empty());
    assert_eq!(
        app.get(&volunteer, "/invite").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn only_existing_accounts_and_centres_can_be_granted() {
    let app = spawn_app().await;
    let admin = app.client_as(Role::Admin).await;
    let a = app.centre_a.to_string();
    for (email, centre, message) in [
        (
            "personne@example.org",
            a.as_str(),
            "Aucun compte n'utilise cette adresse.",
        ),
        (
            "pas-une-adresse",
            a.as_str(),
            "Saisissez une adresse e-mail valide",
        ),
        ("benevole@example.org", "999999", "Choisissez un centre."),
        ("benevole@example.org", "", "Choisissez un centre."),
    ] {
        let r = app
            .post_form(
                &admin,
                "/admin/coordinateurs",
                &[("email", email), ("centre_id", centre)],
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{email} {centre}"
        );
        let html = unescape(&r.text().await.unwrap());
        assert!(html.contains(message), "{email} {centre}: {message}");
    }
    let user = users::by_email(&mut app.db(), "benevole@example.org")
        .unwrap()
        .unwrap();
    assert!(centres::coordinated_by(&mut app.db(), user.id)
        .unwrap()
        .is_empty());
}
