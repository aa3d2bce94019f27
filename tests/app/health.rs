//! `/health`: its JSON shape on a running app, the outbox backlog count
//! (pending rows due now only), and the worker heartbeat's liveness window.

use astreinte::db::{self, outbox};
use astreinte::outbox_worker::{Heartbeat, POLL_INTERVAL};
use astreinte::web::health::status_word;
use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::{client, spawn_app};
use crate::test_db::TestDb;

fn message(key: &str, send_after: chrono::NaiveDateTime) -> outbox::NewMessage {
    outbox::NewMessage {
        dedup_key: key.to_string(),
        recipient: "personne@example.org".to_string(),
        kind: "test".to_string(),
        subject: "Sujet".to_string(),
        body_text: "Corps\n".to_string(),
        body_html: None,
        send_after,
    }
}

fn enqueue(conn: &mut db::DbConnection, key: &str, send_after: chrono::NaiveDateTime) -> i32 {
    match outbox::enqueue(conn, &message(key, send_after)).unwrap() {
        outbox::Enqueued::New(id) => id,
        outbox::Enqueued::Duplicate => panic!("duplicate key {key}"),
    }
}

#[tokio::test]
async fn health_reports_database_worker_and_backlog() {
    let app = spawn_app().await;
    let r = app.get(&client(), "/health").await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: serde_json::Value = r.json().await.unwrap();
    let mut keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["db", "outbox_backlog", "status", "worker_alive"]);
    assert_eq!(body["status"], "ok");
    assert_eq!(body["db"], true);
    assert_eq!(body["worker_alive"], true);
    assert!(body["outbox_backlog"].is_u64(), "{body}");
}

#[test]
fn backlog_counts_pending_rows_due_now_only() {
    let test_db = TestDb::new();
    let mut conn = test_db.conn();
    let now = db::now_utc();
    assert_eq!(outbox::count_due(&mut conn, now).unwrap(), 0);
    enqueue(&mut conn, "due:1", now - Duration::minutes(5));
    enqueue(&mut conn, "due:2", now);
    enqueue(&mut conn, "later", now + Duration::hours(1));
    let sent = enqueue(&mut conn, "sent", now - Duration::minutes(5));
    outbox::mark_sent(&mut conn, sent, now).unwrap();
    let failed = enqueue(&mut conn, "failed", now - Duration::minutes(5));
    outbox::mark_failed(&mut conn, failed, "550 refus").unwrap();
    assert_eq!(outbox::count_due(&mut conn, now).unwrap(), 2);
    assert_eq!(
        outbox::count_due(&mut conn, now + Duration::hours(2)).unwrap(),
        3
    );
}

#[test]
fn worker_is_alive_within_three_poll_intervals() {
    let window = i64::try_from(POLL_INTERVAL.as_secs()).unwrap() * 3;
    let beat = Heartbeat::new();
    assert!(!beat.is_alive_at(1_000_000), "never beaten");
    beat.beat_at(1_000_000);
    assert!(beat.is_alive_at(1_000_000));
    assert!(beat.is_alive_at(1_000_000 + window));
    assert!(!beat.is_alive_at(1_000_000 + window + 1));
    beat.beat();
    assert!(beat.is_alive());
    assert!(beat.last() > 1_000_000);

    assert_eq!(status_word(true, true), "ok");
    assert_eq!(status_word(true, false), "degraded");
    assert_eq!(status_word(false, true), "degraded");
}
