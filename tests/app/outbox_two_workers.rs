//! Two workers (two pools, as two instances would have) drain one outbox at
//! once: every message is sent exactly once (the SMTP sink counts). On
//! PostgreSQL the claim uses `FOR UPDATE SKIP LOCKED`.

use std::collections::BTreeMap;

use astreinte::db::outbox::{self, NewMessage};
use astreinte::db::{self, DbPool};
use astreinte::mail::Mailer;
use astreinte::outbox_worker::drain_once;

use crate::helpers::MailSink;
use crate::test_db::TestDb;

const MESSAGES: usize = 120;

fn mailer(port: u16) -> Mailer {
    Mailer::from_config(
        Some(&format!("smtp://127.0.0.1:{port}")),
        "Astreinte <astreinte@example.org>",
        &std::env::temp_dir(),
    )
    .unwrap()
}

/// Drains until a drain claims nothing; returns how many this worker sent.
async fn worker(pool: DbPool, mailer: Mailer) -> usize {
    let mut sent = 0;
    loop {
        let stats = drain_once(&pool, &mailer, db::now_utc()).await.unwrap();
        if stats.claimed == 0 {
            return sent;
        }
        sent += stats.sent;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_draining_one_outbox_send_every_message_exactly_once() {
    let test_db = TestDb::new();
    let sink = MailSink::start();
    let mut c = test_db.conn();
    for i in 0..MESSAGES {
        outbox::enqueue(
            &mut c,
            &NewMessage {
                dedup_key: format!("two-workers:{i}"),
                recipient: format!("dest{i}@example.org"),
                kind: "test".into(),
                subject: format!("Message {i}"),
                body_text: "Bonjour.\n".into(),
                body_html: None,
                send_after: db::now_utc(),
            },
        )
        .unwrap();
    }
    // Two pools: two instances on one database.
    let a = db::pool(test_db.url(), 2).unwrap();
    let b = db::pool(test_db.url(), 2).unwrap();
    let (sa, sb) = tokio::join!(
        tokio::spawn(worker(a, mailer(sink.port))),
        tokio::spawn(worker(b, mailer(sink.port)))
    );
    let (sa, sb) = (sa.unwrap(), sb.unwrap());
    assert_eq!(sa + sb, MESSAGES, "sent by A {sa} + by B {sb}");

    let mails = sink.wait_for(MESSAGES).await;
    let mut per: BTreeMap<String, usize> = BTreeMap::new();
    for m in &mails {
        for to in &m.to {
            *per.entry(to.clone()).or_default() += 1;
        }
    }
    assert_eq!(per.len(), MESSAGES, "every recipient got mail");
    assert!(per.values().all(|n| *n == 1), "a message went out twice");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(sink.received().len(), MESSAGES, "no late duplicate");
    let sent = outbox::list_by_status(&mut c, outbox::SENT, 1000).unwrap();
    assert_eq!(sent.len(), MESSAGES);
}
