//! Invitations: coordinators invite only into their own centres; the link
//! activates the account and leads to setting a password.

#![allow(clippy::unwrap_used)]

use reqwest::StatusCode;

use crate::helpers::{client, spawn_app, Role};

#[tokio::test]
async fn a_coordinator_can_only_invite_into_their_own_centres() {
    let app = spawn_app().await;
    let coord_a = app.client_as(Role::CoordA).await;
    let b = app.centre_b.to_string();
    let refused = app
        .post_form(
            &coord_a,
            "/invite",
            &[
                ("email", "nouveau@example.org"),
                ("display_name", "Nouveau Bénévole"),
                ("centre_id", &b),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    // The form only offers centre A.
    let form = app.text(&coord_a, "/invite").await;
    assert!(form.contains("A – Centre A"));
    assert!(!form.contains("B – Centre B"));
    // Nothing was created, nothing sent.
    let vol = client();
    let r = app.login(&vol, "nouveau@example.org", "quelconque!!").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(app.mail.received().is_empty());
}

#[tokio::test]
async fn an_invitation_creates_the_volunteer_and_its_link_activates_the_account() {
    let app = spawn_app().await;
    let coord_a = app.client_as(Role::CoordA).await;
    let a = app.centre_a.to_string();
    let sent = app
        .post_form(
            &coord_a,
            "/invite",
            &[
                ("email", "Nouveau@Example.org"),
                ("display_name", "Jeanne Martin"),
                ("centre_id", &a),
            ],
        )
        .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    assert_eq!(sent.headers()["location"], "/invite?sent=1");
    let page = app
        .get(&coord_a, "/invite?sent=1")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Invitation envoyée."));

    let mail = &app.mail.wait_for(1).await[0];
    assert_eq!(mail.to, vec!["nouveau@example.org".to_string()]);
    assert!(mail.raw.contains("du centre Centre A"));

    // Inviting the same address again is a field error, not a second account.
    let twice = app
        .post_form(
            &coord_a,
            "/invite",
            &[
                ("email", "nouveau@example.org"),
                ("display_name", "Jeanne Martin"),
                ("centre_id", &a),
            ],
        )
        .await;
    assert_eq!(twice.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice
        .text()
        .await
        .unwrap()
        .contains("Un compte existe déjà pour cette adresse."));

    let invitee = client();
    let path = mail.magic_path();
    let confirm = app.text(&invitee, &path).await;
    assert!(confirm.contains("Activer mon compte"));
    let used = app.post_form(&invitee, &path, &[]).await;
    assert_eq!(used.status(), StatusCode::SEE_OTHER);
    assert_eq!(used.headers()["location"], "/account/password?welcome=1");
    let set = app
        .post_form(
            &invitee,
            "/account/password",
            &[
                ("password", "ma phrase secrète"),
                ("confirm", "ma phrase secrète"),
            ],
        )
        .await;
    assert_eq!(set.status(), StatusCode::SEE_OTHER);
    let home = app.text(&invitee, "/home").await;
    assert!(home.contains("Bonjour Jeanne Martin"));
    assert!(home.contains("Vous êtes bénévole."));

    let later = client();
    let r = app
        .login(&later, "nouveau@example.org", "ma phrase secrète")
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn invalid_invitations_show_errors_next_to_the_fields() {
    let app = spawn_app().await;
    let admin = app.client_as(Role::Admin).await;
    let r = app
        .post_form(
            &admin,
            "/invite",
            &[
                ("email", "pas-une-adresse"),
                ("display_name", " "),
                ("centre_id", "x"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"email-error\""));
    assert!(html.contains("id=\"display_name-error\""));
    assert!(html.contains("id=\"centre_id-error\""));
    assert!(html.contains("aria-invalid=\"true\""));
}
