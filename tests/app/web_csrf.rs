//! Every POST route of the application refuses a missing or wrong CSRF token
//! with 403, before doing anything.

#![allow(clippy::unwrap_used)]

use astreinte::web::{Verb, ROUTES};
use reqwest::StatusCode;

use crate::helpers::{client, spawn_app, Role};

fn concrete(path: &str) -> String {
    path.replace("{token}", &"T".repeat(43))
        .replace("{centre}", "A")
}

#[tokio::test]
async fn missing_or_wrong_csrf_token_is_403_on_every_form_route() {
    let app = spawn_app().await;
    let posts: Vec<_> = ROUTES.iter().filter(|r| r.verb == Verb::Post).collect();
    assert!(posts.len() >= 7);
    let other_session_token = app.csrf(&client()).await;
    for role in [Role::Anonymous, Role::Admin] {
        let c = app.client_as(role).await;
        for route in &posts {
            let path = concrete(route.path);
            let fields = [("email", "admin@example.org"), ("password", "x")];
            let missing = app.post_raw(&c, &path, &fields).await;
            assert_eq!(
                missing.status(),
                StatusCode::FORBIDDEN,
                "no token: POST {path} as {role:?}"
            );
            let body = missing.text().await.unwrap();
            assert!(
                body.contains("Le formulaire a expiré"),
                "French message on POST {path}"
            );
            let wrong = app
                .post_raw(
                    &c,
                    &path,
                    &[("email", "admin@example.org"), ("csrf_token", "faux")],
                )
                .await;
            assert_eq!(
                wrong.status(),
                StatusCode::FORBIDDEN,
                "wrong token: POST {path} as {role:?}"
            );
            let foreign = app
                .post_raw(&c, &path, &[("csrf_token", other_session_token.as_str())])
                .await;
            assert_eq!(
                foreign.status(),
                StatusCode::FORBIDDEN,
                "another session's token: POST {path}"
            );
            let header = app.url(&path);
            let via_header = c
                .post(header)
                .header("x-csrf-token", "faux")
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await
                .unwrap();
            assert_eq!(
                via_header.status(),
                StatusCode::FORBIDDEN,
                "wrong header token: POST {path}"
            );
        }
        if role == Role::Admin {
            // Neither /logout nor /logout-everywhere ran.
            assert_eq!(app.get(&c, "/home").await.status(), StatusCode::OK);
        }
    }
}
