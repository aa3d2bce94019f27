//! One-time sign-in links: neutral answer, single use, 15-minute expiry,
//! GET does not consume.

#![allow(clippy::unwrap_used)]

use astreinte::db::schema::magic_links;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{client, spawn_app, unescape};

const NEUTRAL: &str =
    "Si un compte existe pour cette adresse, un lien de connexion vient d'être envoyé.";

#[tokio::test]
async fn the_answer_is_the_same_whether_or_not_the_account_exists() {
    let app = spawn_app().await;
    let c = client();
    let known = app
        .post_form(
            &c,
            "/login/magic-link",
            &[("email", "benevole@example.org")],
        )
        .await;
    assert_eq!(known.status(), StatusCode::OK);
    assert!(unescape(&known.text().await.unwrap()).contains(NEUTRAL));
    let unknown = app
        .post_form(
            &c,
            "/login/magic-link",
            &[("email", "personne@example.org")],
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::OK);
    assert!(unescape(&unknown.text().await.unwrap()).contains(NEUTRAL));
    let mails = app.mail.wait_for(1).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        app.mail.received().len(),
        1,
        "no mail for an unknown address"
    );
    assert_eq!(mails[0].to, vec!["benevole@example.org".to_string()]);
    assert!(mails[0].raw.contains("Subject: Votre lien de connexion"));
}

#[tokio::test]
async fn a_magic_link_signs_in_once_and_only_once() {
    let app = spawn_app().await;
    let c = client();
    app.post_form(
        &c,
        "/login/magic-link",
        &[("email", "benevole@example.org")],
    )
    .await;
    let path = app.mail.wait_for(1).await[0].magic_path();

    // A mail scanner's GET shows a button and burns nothing.
    let scanner = client();
    assert_eq!(app.get(&scanner, &path).await.status(), StatusCode::OK);
    let page = app.text(&c, &path).await;
    assert!(page.contains("Me connecter"));

    let used = app.post_form(&c, &path, &[]).await;
    assert_eq!(used.status(), StatusCode::SEE_OTHER);
    assert_eq!(used.headers()["location"], "/home");
    assert_eq!(app.get(&c, "/home").await.status(), StatusCode::OK);

    // Second use, from another browser: refused.
    let thief = client();
    assert_eq!(app.get(&thief, &path).await.status(), StatusCode::GONE);
    let again = app.post_form(&thief, &path, &[]).await;
    assert_eq!(again.status(), StatusCode::GONE);
    assert!(again
        .text()
        .await
        .unwrap()
        .contains("Lien invalide ou expiré"));
    assert_eq!(
        app.get(&thief, "/home").await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn an_expired_magic_link_is_refused() {
    let app = spawn_app().await;
    let c = client();
    app.post_form(&c, "/login/magic-link", &[("email", "coord.b@example.org")])
        .await;
    let path = app.mail.wait_for(1).await[0].magic_path();

    // 16 minutes later: move the row's expiry into the past.
    let mut conn = app.db();
    let past = chrono::Utc::now().naive_utc() - chrono::Duration::minutes(1);
    let n = diesel::update(magic_links::table)
        .set(magic_links::expires_at.eq(past))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(n, 1);

    assert_eq!(app.get(&c, &path).await.status(), StatusCode::GONE);
    let r = app.post_form(&c, &path, &[]).await;
    assert_eq!(r.status(), StatusCode::GONE);
    assert_eq!(app.get(&c, "/home").await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn links_expire_fifteen_minutes_after_issue_and_only_a_hash_is_stored() {
    let app = spawn_app().await;
    let c = client();
    app.post_form(&c, "/login/magic-link", &[("email", "admin@example.org")])
        .await;
    let path = app.mail.wait_for(1).await[0].magic_path();
    let token = path.trim_start_matches("/auth/magic/");
    let mut conn = app.db();
    let (hash, created, expires): (String, chrono::NaiveDateTime, chrono::NaiveDateTime) =
        magic_links::table
            .select((
                magic_links::token_hash,
                magic_links::created_at,
                magic_links::expires_at,
            ))
            .first(&mut conn)
            .unwrap();
    assert_eq!(hash, astreinte::auth::tokens::hash_token(token));
    assert_ne!(hash, token);
    assert_eq!((expires - created).num_minutes(), 15);
}

#[tokio::test]
async fn malformed_tokens_are_gone_not_errors() {
    let app = spawn_app().await;
    let c = client();
    assert_eq!(
        app.get(&c, "/auth/magic/abc").await.status(),
        StatusCode::GONE
    );
    let fake = "A".repeat(43);
    assert_eq!(
        app.get(&c, &format!("/auth/magic/{fake}")).await.status(),
        StatusCode::GONE
    );
}
