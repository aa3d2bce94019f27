//! The durable outbox against real SMTP servers on loopback: headers and
//! bodies, de-duplication, SMTP down, 4xx retried, 5xx failed, crashed
//! claims taken again, concurrent drains.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration as StdDuration;

use astreinte::db::outbox::{self, Enqueued, NewMessage};
use astreinte::db::{self, DbPool};
use astreinte::mail::Mailer;
use astreinte::outbox_worker::drain_once;
use chrono::{Duration, NaiveDateTime};

use crate::helpers::MailSink;
use crate::test_db::TestDb;

fn setup() -> (TestDb, DbPool) {
    let test_db = TestDb::new();
    let pool = db::pool(test_db.url(), 4).unwrap();
    (test_db, pool)
}

fn smtp_mailer(port: u16) -> Mailer {
    Mailer::from_config(
        Some(&format!("smtp://127.0.0.1:{port}")),
        "Astreinte <astreinte@example.org>",
        &std::env::temp_dir(),
    )
    .unwrap()
}

fn message(key: &str, to: &str) -> NewMessage {
    NewMessage {
        dedup_key: key.to_string(),
        recipient: to.to_string(),
        kind: "reminder".to_string(),
        subject: "Rappel astreinte samedi 14h".to_string(),
        body_text: "Bonjour,\n\nvotre astreinte commence samedi a 14 h.\n".to_string(),
        body_html: None,
        send_after: t0(),
    }
}

fn t0() -> NaiveDateTime {
    db::now_utc()
}

fn enqueue(pool: &DbPool, msg: &NewMessage) -> Enqueued {
    outbox::enqueue(&mut pool.get().unwrap(), msg).unwrap()
}

/// Queues `n` reminders for shifts 0..n, each to its own recipient, under
/// keys unique to `batch`.
fn enqueue_reminders(pool: &DbPool, n: usize, batch: u32) {
    for i in 0..n {
        enqueue(
            pool,
            &message(
                &format!("reminder:shift:{i}:48h:user:{batch}"),
                &format!("benevole{i}@example.org"),
            ),
        );
    }
}

fn row(pool: &DbPool, key: &str) -> outbox::OutboxRow {
    outbox::find_by_key(&mut pool.get().unwrap(), key)
        .unwrap()
        .unwrap()
}

/// A port with nothing listening on it.
fn dead_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A minimal SMTP server that answers every RCPT TO with `rcpt_reply`
/// (e.g. `451 4.3.0 try again later`): a real SMTP conversation.
fn refusing_server(rcpt_reply: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let _ = stream.write_all(b"220 localhost ESMTP test\r\n");
                let mut line = String::new();
                loop {
                    line.clear();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        break;
                    }
                    let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                    let reply = match verb.as_str() {
                        "EHLO" | "HELO" => "250 localhost".to_string(),
                        "RCPT" => rcpt_reply.to_string(),
                        "QUIT" => {
                            let _ = stream.write_all(b"221 bye\r\n");
                            break;
                        }
                        _ => "250 OK".to_string(),
                    };
                    if stream.write_all(format!("{reply}\r\n").as_bytes()).is_err() {
                        break;
                    }
                }
            });
        }
    });
    port
}

#[tokio::test]
async fn queued_messages_arrive_over_smtp_with_their_headers_and_bodies() {
    let (_db, pool) = setup();
    let sink = MailSink::start();
    let key = "reminder:shift:123:48h:user:9";
    let mut html = message(key, "benevole@example.org");
    html.body_html = Some("<p>Votre astreinte commence samedi.</p>".to_string());
    assert!(matches!(enqueue(&pool, &html), Enqueued::New(_)));
    enqueue(&pool, &message("test:plain", "coord.a@example.org"));

    let stats = drain_once(&pool, &smtp_mailer(sink.port), t0())
        .await
        .unwrap();
    assert_eq!((stats.claimed, stats.sent), (2, 2));
    let got = sink.wait_for(2).await;
    let first = got
        .iter()
        .find(|m| m.to == ["benevole@example.org"])
        .unwrap();
    let raw = &first.raw;
    assert!(raw.contains(&format!("Message-ID: {}", outbox::message_id_for(key))));
    assert!(raw.contains("Subject: Rappel astreinte samedi 14h"));
    assert!(raw.contains("To: benevole@example.org"));
    assert!(raw.contains("From: Astreinte <astreinte@example.org>"));
    assert!(raw.contains("multipart/alternative"));
    assert!(raw.contains("votre astreinte commence samedi a 14 h."));
    assert!(raw.contains("<p>Votre astreinte commence samedi.</p>"));
    let plain = got
        .iter()
        .find(|m| m.to == ["coord.a@example.org"])
        .unwrap();
    assert!(!plain.raw.contains("multipart"));
    let sent = row(&pool, key);
    assert_eq!(sent.status, outbox::SENT);
    assert!(sent.sent_at.is_some());
}

#[tokio::test]
async fn the_same_key_enqueued_twice_is_sent_once() {
    let (_db, pool) = setup();
    let sink = MailSink::start();
    let msg = message("reminder:shift:7:3h:user:1", "benevole@example.org");
    assert!(matches!(enqueue(&pool, &msg), Enqueued::New(_)));
    assert_eq!(enqueue(&pool, &msg), Enqueued::Duplicate);
    // Inside a caller's transaction the duplicate leaves the transaction usable.
    let mut conn = pool.get().unwrap();
    conn.write_transaction::<_, diesel::result::Error, _>(|c| {
        assert_eq!(outbox::enqueue(c, &msg)?, Enqueued::Duplicate);
        let other = message("reminder:shift:7:48h:user:1", "benevole@example.org");
        assert!(matches!(outbox::enqueue(c, &other)?, Enqueued::New(_)));
        Ok(())
    })
    .unwrap();
    drop(conn);

    let mailer = smtp_mailer(sink.port);
    drain_once(&pool, &mailer, t0()).await.unwrap();
    drain_once(&pool, &mailer, t0() + Duration::hours(2))
        .await
        .unwrap();
    assert_eq!(enqueue(&pool, &msg), Enqueued::Duplicate);
    drain_once(&pool, &mailer, t0() + Duration::hours(3))
        .await
        .unwrap();
    sink.wait_for(2).await;
    tokio::time::sleep(StdDuration::from_millis(300)).await;
    assert_eq!(sink.received().len(), 2);
}

#[test]
fn a_concurrent_insert_of_the_same_key_is_a_duplicate_not_an_error() {
    let test_db = TestDb::new();
    let url = test_db.url().to_string();
    let msg = message("rota:week:2026-W49:user:3", "benevole@example.org");
    let (tx, rx) = std::sync::mpsc::channel();
    let first = {
        let msg = msg.clone();
        std::thread::spawn(move || {
            let mut conn = db::establish(&url).unwrap();
            conn.write_transaction::<_, diesel::result::Error, _>(|c| {
                let r = outbox::enqueue(c, &msg)?;
                tx.send(()).unwrap();
                std::thread::sleep(StdDuration::from_millis(500));
                Ok(r)
            })
            .unwrap()
        })
    };
    rx.recv().unwrap();
    // The other transaction has inserted but not committed: this one waits
    // for it, then meets the unique key.
    let mut conn = test_db.conn();
    let second = outbox::enqueue(&mut conn, &msg).unwrap();
    assert!(matches!(first.join().unwrap(), Enqueued::New(_)));
    assert_eq!(second, Enqueued::Duplicate);
}

#[tokio::test]
async fn while_smtp_is_down_messages_wait_and_go_out_once_it_is_back() {
    let (_db, pool) = setup();
    let key = "reminder:shift:42:48h:user:5";
    enqueue(&pool, &message(key, "benevole@example.org"));
    let now = t0();

    let down = smtp_mailer(dead_port());
    let stats = drain_once(&pool, &down, now).await.unwrap();
    assert_eq!((stats.claimed, stats.retried, stats.sent), (1, 1, 0));
    let waiting = row(&pool, key);
    assert_eq!(waiting.status, outbox::PENDING);
    assert_eq!(waiting.attempts, 1);
    assert!(waiting.next_attempt_at > now);
    assert!(waiting.last_error.is_some());
    // Not due yet: nothing is tried.
    let again = drain_once(&pool, &down, now + Duration::seconds(10))
        .await
        .unwrap();
    assert_eq!(again.claimed, 0);
    // Still down at the next attempt: the delay doubles.
    drain_once(&pool, &down, now + Duration::seconds(31))
        .await
        .unwrap();
    let twice = row(&pool, key);
    assert_eq!(
        (twice.status.as_str(), twice.attempts),
        (outbox::PENDING, 2)
    );
    assert_eq!(
        twice.next_attempt_at,
        now + Duration::seconds(31) + Duration::seconds(60)
    );

    // The server is back.
    let sink = MailSink::start();
    let up = smtp_mailer(sink.port);
    let early = drain_once(&pool, &up, now + Duration::seconds(60))
        .await
        .unwrap();
    assert_eq!(early.claimed, 0);
    let stats = drain_once(&pool, &up, now + Duration::seconds(120))
        .await
        .unwrap();
    assert_eq!(stats.sent, 1);
    let got = sink.wait_for(1).await;
    assert!(got[0]
        .raw
        .contains(&format!("Message-ID: {}", outbox::message_id_for(key))));
    drain_once(&pool, &up, now + Duration::hours(5))
        .await
        .unwrap();
    tokio::time::sleep(StdDuration::from_millis(300)).await;
    assert_eq!(sink.received().len(), 1);
    assert_eq!(row(&pool, key).status, outbox::SENT);
}

#[tokio::test]
async fn a_4xx_reply_is_retried_then_sent() {
    let (_db, pool) = setup();
    let key = "cover:shift:8:user:2";
    enqueue(&pool, &message(key, "benevole@example.org"));
    let busy = smtp_mailer(refusing_server("451 4.3.0 Greylisted, try again later"));
    let stats = drain_once(&pool, &busy, t0()).await.unwrap();
    assert_eq!(stats.retried, 1);
    let waiting = row(&pool, key);
    assert_eq!(
        (waiting.status.as_str(), waiting.attempts),
        (outbox::PENDING, 1)
    );
    assert!(waiting.last_error.unwrap().contains("Greylisted"));

    let sink = MailSink::start();
    let stats = drain_once(&pool, &smtp_mailer(sink.port), t0() + Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(stats.sent, 1);
    sink.wait_for(1).await;
}

#[tokio::test]
async fn a_5xx_reply_fails_with_the_reason_and_can_be_resent() {
    let (_db, pool) = setup();
    let key = "training:expiry:4:user:6";
    enqueue(&pool, &message(key, "inconnu@example.org"));
    let refusing = smtp_mailer(refusing_server("550 5.1.1 Mailbox unavailable"));
    let stats = drain_once(&pool, &refusing, t0()).await.unwrap();
    assert_eq!((stats.failed, stats.retried), (1, 0));
    let failed = row(&pool, key);
    assert_eq!(failed.status, outbox::FAILED);
    assert!(failed.last_error.unwrap().contains("Mailbox unavailable"));
    // Failed rows are never picked up again on their own.
    let later = drain_once(&pool, &refusing, t0() + Duration::days(1))
        .await
        .unwrap();
    assert_eq!(later.claimed, 0);

    // The administrator resends it.
    let now = t0() + Duration::days(1);
    assert!(outbox::requeue_failed(&mut pool.get().unwrap(), failed.id, now).unwrap());
    let sink = MailSink::start();
    let stats = drain_once(&pool, &smtp_mailer(sink.port), now)
        .await
        .unwrap();
    assert_eq!(stats.sent, 1);
    sink.wait_for(1).await;
}

#[test]
fn a_claim_left_by_a_dead_worker_is_taken_again_after_its_lease() {
    let (_db, pool) = setup();
    let key = "reminder:shift:9:3h:user:4";
    enqueue(&pool, &message(key, "benevole@example.org"));
    let mut conn = pool.get().unwrap();
    let now = t0();
    let lease = Duration::minutes(5);
    assert_eq!(
        outbox::claim_due(&mut conn, now, 10, lease).unwrap().len(),
        1
    );
    // The worker "dies": the row stays `sending`, invisible until the lease ends.
    let soon = now + Duration::minutes(1);
    assert!(outbox::claim_due(&mut conn, soon, 10, lease)
        .unwrap()
        .is_empty());
    let later = now + Duration::minutes(6);
    let again = outbox::claim_due(&mut conn, later, 10, lease).unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].message_id, outbox::message_id_for(key));
}

#[test]
fn a_row_handed_back_by_a_drain_out_of_time_is_claimed_again_at_once() {
    let (_db, pool) = setup();
    let key = "reminder:shift:10:48h:user:5";
    enqueue(&pool, &message(key, "benevole@example.org"));
    let mut conn = pool.get().unwrap();
    let now = t0();
    let lease = Duration::minutes(5);
    let claimed = outbox::claim_due(&mut conn, now, 10, lease).unwrap();
    assert_eq!(claimed.len(), 1);
    outbox::release(&mut conn, claimed[0].id).unwrap();
    let r = row(&pool, key);
    assert_eq!(r.status, outbox::PENDING);
    assert_eq!(r.claimed_at, None);
    // Due again straight away, well before the lease would have ended.
    let soon = now + Duration::seconds(1);
    assert_eq!(
        outbox::claim_due(&mut conn, soon, 10, lease).unwrap().len(),
        1
    );
    // Releasing a row that is no longer `sending` changes nothing.
    outbox::mark_sent(&mut conn, claimed[0].id, soon).unwrap();
    outbox::release(&mut conn, claimed[0].id).unwrap();
    assert_eq!(row(&pool, key).status, outbox::SENT);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_concurrent_drains_send_each_message_exactly_once() {
    let (_db, pool) = setup();
    let sink = MailSink::start();
    let n = 30;
    enqueue_reminders(&pool, n, 1);
    let mailer = smtp_mailer(sink.port);
    let now = t0();
    let a = tokio::spawn({
        let (pool, mailer) = (pool.clone(), mailer.clone());
        async move { drain_once(&pool, &mailer, now).await.unwrap() }
    });
    let b = tokio::spawn({
        let (pool, mailer) = (pool.clone(), mailer.clone());
        async move { drain_once(&pool, &mailer, now).await.unwrap() }
    });
    let (a, b) = (a.await.unwrap(), b.await.unwrap());
    assert_eq!(a.sent + b.sent, n);
    let got = sink.wait_for(n).await;
    tokio::time::sleep(StdDuration::from_millis(300)).await;
    assert_eq!(sink.received().len(), n);
    let mut ids: Vec<String> = got
        .iter()
        .map(|m| {
            let start = m.raw.find("Message-ID: ").unwrap();
            m.raw[start..].lines().next().unwrap().to_string()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_drain_reuses_its_smtp_connections_for_the_whole_batch() {
    let (_db, pool) = setup();
    let sink = MailSink::start();
    let n = 60;
    enqueue_reminders(&pool, n, 3);
    let mailer = smtp_mailer(sink.port).with_connections(4);
    let stats = drain_once(&pool, &mailer, t0()).await.unwrap();
    assert_eq!((stats.claimed, stats.sent, stats.retried), (n, n, 0));
    sink.wait_for(n).await;
    // One connection per lane, not one per message.
    assert!(
        (1..=4).contains(&sink.sessions()),
        "{} SMTP sessions for {n} messages",
        sink.sessions()
    );
    // Connections end with the drain (QUIT): a new drain opens its own.
    enqueue(
        &pool,
        &message("reminder:shift:x:3h:user:x", "x@example.org"),
    );
    let before = sink.sessions();
    drain_once(&pool, &smtp_mailer(sink.port), t0())
        .await
        .unwrap();
    sink.wait_for(n + 1).await;
    assert_eq!(sink.sessions(), before + 1);
}

/// An SMTP server that hangs up after accepting one message per connection;
/// counts the messages it accepted.
fn one_message_per_connection_server() -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = std::sync::Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let count = count.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let _ = stream.write_all(b"220 localhost ESMTP test\r\n");
                let (mut line, mut in_data) = (String::new(), false);
                loop {
                    line.clear();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        break;
                    }
                    if in_data {
                        if line == ".\r\n" {
                            count.fetch_add(1, Ordering::SeqCst);
                            let _ = stream.write_all(b"250 OK queued\r\n");
                            // Hang up: the connection the client kept is dead.
                            break;
                        }
                        continue;
                    }
                    let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                    let reply = match verb.as_str() {
                        "EHLO" | "HELO" => "250 localhost",
                        "DATA" => {
                            in_data = true;
                            "354 go ahead"
                        }
                        "QUIT" => "221 bye",
                        _ => "250 OK",
                    };
                    if stream.write_all(format!("{reply}\r\n").as_bytes()).is_err() {
                        break;
                    }
                }
            });
        }
    });
    (port, accepted)
}

#[tokio::test]
async fn a_kept_connection_closed_by_the_server_is_replaced_not_failed() {
    let (_db, pool) = setup();
    let (port, accepted) = one_message_per_connection_server();
    let n = 12;
    enqueue_reminders(&pool, n, 2);
    let stats = drain_once(&pool, &smtp_mailer(port), t0()).await.unwrap();
    assert_eq!((stats.sent, stats.retried, stats.failed), (n, 0, 0));
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), n);
}
