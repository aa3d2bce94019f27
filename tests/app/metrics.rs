//! `/metrics`: Prometheus text with requests by route pattern and status,
//! latency histograms, outbox and job counts from the database; a bearer
//! token when one is configured.

use chrono::Duration;
use diesel::prelude::*;
use reqwest::StatusCode;

use astreinte::db::schema::jobs;
use astreinte::db::{self, outbox};

use crate::helpers::{client, spawn_app, spawn_app_with, Role};

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_and_report_queues_and_solve_times() {
    let app = spawn_app().await;
    let coord = app.client_as(Role::CoordA).await;
    let vid = astreinte::db::volunteers::by_external_id(&mut app.db(), "v-test")
        .unwrap()
        .unwrap()
        .id;
    app.get(&coord, &format!("/benevoles/{vid}")).await;
    app.get(&coord, "/centres/B").await; // 403
    app.get(&coord, "/nulle-part/secret-token").await; // 404, unmatched
    let mut c = app.db();
    outbox::enqueue(
        &mut c,
        &outbox::NewMessage {
            dedup_key: "metrics:1".into(),
            recipient: "nobody@example.org".into(),
            kind: "test".into(),
            subject: "s".into(),
            body_text: "b".into(),
            body_html: None,
            send_after: db::now_utc() + Duration::days(1),
        },
    )
    .unwrap();
    let now = db::now_utc();
    diesel::insert_into(jobs::table)
        .values((
            jobs::kind.eq("rota.generate"),
            jobs::params.eq("{}"),
            jobs::status.eq("done"),
            jobs::created_at.eq(now),
            jobs::started_at.eq(Some(now - Duration::seconds(3))),
            jobs::finished_at.eq(Some(now)),
        ))
        .execute(&mut c)
        .unwrap();

    let r = client().get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let text = r.text().await.unwrap();
    for expected in [
        "astreinte_http_requests_total{method=\"GET\",route=\"/benevoles/{id}\",status=\"200\"} 1",
        "astreinte_http_requests_total{method=\"GET\",route=\"/centres/{centre}\",status=\"403\"} 1",
        "astreinte_http_requests_total{method=\"GET\",route=\"-\",status=\"404\"} 1",
        "astreinte_http_request_duration_seconds_bucket{method=\"GET\",route=\"/benevoles/{id}\",le=\"+Inf\"} 1",
        "astreinte_outbox_messages{status=\"pending\"} 1",
        "astreinte_outbox_messages{status=\"failed\"} 0",
        "astreinte_jobs{status=\"done\"} 1",
        "astreinte_jobs{status=\"queued\"} 0",
        "astreinte_job_duration_seconds_bucket{kind=\"rota.generate\",le=\"5\"} 1",
        "astreinte_job_duration_seconds_count{kind=\"rota.generate\"} 1",
    ] {
        assert!(text.contains(expected), "missing {expected} in:\n{text}");
    }
    assert!(!text.contains("secret-token"), "paths never become labels");
}

#[tokio::test]
async fn metrics_require_the_bearer_token_when_one_is_set() {
    let app = spawn_app_with(|c| c.metrics_token = Some("jeton-de-test".into())).await;
    let c = client();
    let r = c.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = c
        .get(app.url("/metrics"))
        .bearer_auth("mauvais")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = c
        .get(app.url("/metrics"))
        .bearer_auth("jeton-de-test")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}
