//! Sign-in with a password, throttling, sign-out, "log out everywhere", and
//! the pages' language and health endpoint.

#![allow(clippy::unwrap_used)]

use reqwest::StatusCode;

use crate::helpers::{client, spawn_app, spawn_app_with, unescape, Role, PASSWORD};

#[tokio::test]
async fn login_page_is_french_by_default_and_english_on_request() {
    let app = spawn_app().await;
    let c = client();
    let html = app.text(&c, "/").await;
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("Recevoir un lien de connexion"));
    assert!(html.contains("<label for=\"email\">Adresse e-mail</label>"));
    let en = app.text(&c, "/?lang=en").await;
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("Email me a sign-in link"));
    // The choice sticks to the session.
    let again = app.text(&c, "/").await;
    assert!(again.contains("<html lang=\"en\">"));
}

#[tokio::test]
async fn login_with_the_right_password_works_and_a_wrong_one_fails() {
    let app = spawn_app().await;
    let c = client();
    let wrong = app
        .login(&c, "benevole@example.org", "pas le bon mot de passe")
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(wrong
        .text()
        .await
        .unwrap()
        .contains("Adresse e-mail ou mot de passe incorrect."));
    assert_eq!(app.get(&c, "/home").await.status(), StatusCode::SEE_OTHER);

    let unknown = app.login(&c, "personne@example.org", PASSWORD).await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);

    let ok = app.login(&c, "Benevole@Example.org", PASSWORD).await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(ok.headers()["location"], "/home");
    let home = app.get(&c, "/home").await;
    assert_eq!(home.status(), StatusCode::OK);
    assert!(home.text().await.unwrap().contains("Vous êtes bénévole."));
}

#[tokio::test]
async fn session_cookie_is_private_httponly_and_lax() {
    let app = spawn_app().await;
    let c = client();
    let resp = app.login(&c, "admin@example.org", PASSWORD).await;
    let cookie = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("astreinte_session="))
        .expect("session cookie");
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    // Encrypted: neither the user id key nor the CSRF key is readable.
    assert!(!cookie.contains("uid"));
    assert!(!cookie.contains("csrf"));
}

#[tokio::test]
async fn repeated_failures_on_one_account_are_throttled_with_a_french_message() {
    let app = spawn_app().await;
    let c = client();
    for _ in 0..5 {
        let r = app
            .login(&c, "coord.a@example.org", "mauvais mot de passe")
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = app.login(&c, "coord.a@example.org", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Trop de tentatives de connexion. Réessayez dans 1 minute."),
        "{body}"
    );
    // Another account from the same address is not blocked yet.
    let other = app.login(&c, "coord.b@example.org", PASSWORD).await;
    assert_eq!(other.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn repeated_failures_from_one_address_are_throttled_across_accounts() {
    // A slow refill so that the test's own duration cannot refill the bucket.
    let app = spawn_app_with(|c| {
        c.throttle.ip_burst = 12;
        c.throttle.ip_period = std::time::Duration::from_secs(600);
    })
    .await;
    let c = client();
    let token = app.csrf(&c).await;
    let mut throttled_at = None;
    for i in 0..20 {
        let email = format!("inconnu{i}@example.org");
        let r = app
            .post_raw(
                &c,
                "/login",
                &[("email", &email), ("password", "x"), ("csrf_token", &token)],
            )
            .await;
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            throttled_at = Some(i);
            assert!(r.text().await.unwrap().contains("Trop de tentatives"));
            break;
        }
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(throttled_at, Some(12));
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    let c = app.client_as(Role::Volunteer).await;
    let r = app.post_form(&c, "/logout", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get(&c, "/home").await.status(), StatusCode::SEE_OTHER);
    let page = app.text(&c, "/?msg=logged-out").await;
    assert!(page.contains("Vous êtes déconnecté(e)."));
}

#[tokio::test]
async fn logout_everywhere_invalidates_another_clients_session() {
    let app = spawn_app().await;
    let phone = app.client_as(Role::CoordA).await;
    let laptop = app.client_as(Role::CoordA).await;
    assert_eq!(app.get(&laptop, "/home").await.status(), StatusCode::OK);
    let r = app.post_form(&phone, "/logout-everywhere", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let stale = app.get(&laptop, "/home").await;
    assert_eq!(stale.status(), StatusCode::SEE_OTHER);
    assert_eq!(stale.headers()["location"], "/");
    assert_eq!(
        app.get(&phone, "/home").await.status(),
        StatusCode::SEE_OTHER
    );
    // Signing in again works.
    let again = app.client_as(Role::CoordA).await;
    assert_eq!(app.get(&again, "/home").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn setting_a_password_checks_it_and_lets_the_user_sign_in_with_it() {
    let app = spawn_app().await;
    let c = app.client_as(Role::Volunteer).await;
    let short = app
        .post_form(
            &c,
            "/account/password",
            &[("password", "court"), ("confirm", "court")],
        )
        .await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short
        .text()
        .await
        .unwrap()
        .contains("au moins 10 caractères"));
    let mismatch = app
        .post_form(
            &c,
            "/account/password",
            &[
                ("password", "nouvelle phrase"),
                ("confirm", "autre phrase!"),
            ],
        )
        .await;
    assert_eq!(mismatch.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let other_device = app.client_as(Role::Volunteer).await;
    let ok = app
        .post_form(
            &c,
            "/account/password",
            &[
                ("password", "nouvelle phrase"),
                ("confirm", "nouvelle phrase"),
            ],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    // This session continues; the other device is signed out.
    assert_eq!(app.get(&c, "/home").await.status(), StatusCode::OK);
    assert_eq!(
        app.get(&other_device, "/home").await.status(),
        StatusCode::SEE_OTHER
    );
    let fresh = client();
    let old = app.login(&fresh, "benevole@example.org", PASSWORD).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let new = app
        .login(&fresh, "benevole@example.org", "nouvelle phrase")
        .await;
    assert_eq!(new.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn health_reports_the_database() {
    let app = spawn_app().await;
    let r = app.get(&client(), "/health").await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["db"], true);
    assert_eq!(body["worker_alive"], true);
    assert!(body["outbox_backlog"].is_u64(), "{body}");
}

#[tokio::test]
async fn unknown_pages_get_a_bilingual_404() {
    let app = spawn_app().await;
    let r = app.get(&client(), "/nulle-part").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let body = unescape(&r.text().await.unwrap());
    assert!(body.contains("Cette page n'existe pas."));
    assert!(body.contains("This page does not exist."));
}
