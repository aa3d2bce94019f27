//! Reminder throughput (ignored; run by hand):
//! `cargo test --workspace --test app -- --ignored reminder_throughput --nocapture`.
//! About 1,400 volunteers (sos-1400-sized) with two shifts each in a
//! published week; the scheduler scans at every due instant of the week
//! (reminders 48 h and 3 h before), then the outbox is drained to a real SMTP
//! sink on loopback. Prints the counts, the queueing time, the sending rate
//! and the SMTP connections used.

use std::time::Instant;

use astreinte::db::{self, centres, outbox, rotas, schema, skills, users, volunteers};
use astreinte::mail::Mailer;
use astreinte::outbox_worker::drain_once;
use chrono::{Datelike, Duration, Timelike};
use diesel::prelude::*;

use crate::helpers::MailSink;
use crate::test_db::TestDb;

const VOLUNTEERS: i32 = 1_400;

#[tokio::test]
#[ignore = "benchmark: run with --ignored reminder_throughput --nocapture"]
async fn reminder_throughput() {
    let test_db = TestDb::new();
    let pool = db::pool(test_db.url(), 4).unwrap();
    let sink = MailSink::start();
    let mut conn = pool.get().unwrap();
    let now = db::now_utc()
        .with_minute(0)
        .unwrap()
        .with_second(0)
        .unwrap()
        + Duration::hours(1);
    let monday = now.date() - Duration::days(i64::from(now.weekday().num_days_from_monday()));

    let t0 = Instant::now();
    let shifts = conn
        .write_transaction::<_, diesel::result::Error, _>(|c| {
            let centre_ids: Vec<i32> = (0..44)
                .map(|i| {
                    centres::upsert(
                        c,
                        &format!("S{i:02}"),
                        &format!("Poste {i}"),
                        "Europe/Paris",
                        false,
                    )
                    .map(|x| x.id)
                })
                .collect::<Result<_, _>>()?;
            let skill = skills::upsert(c, "ECOUTE", "Écoute", "Listening")?;
            let rota = rotas::create(c, monday, "ALL", "draft", None)?;
            let mut new = Vec::new();
            for i in 0..VOLUNTEERS {
                let email = format!("benevole{i}@example.org");
                let u = users::create(
                    c,
                    &users::NewUser {
                        email: Some(&email),
                        display_name: &format!("Bénévole {i}"),
                        lang: if i % 5 == 0 { "en" } else { "fr" },
                        ..Default::default()
                    },
                )?;
                let v = volunteers::upsert(c, u.id, &format!("b{i}"), &Default::default())?;
                let centre = centre_ids[(i % 44) as usize];
                volunteers::set_centres(c, v.id, &[centre])?;
                // Two 4-hour shifts in the coming week, spread over its hours.
                for k in 0..2 {
                    let start = now + Duration::hours(6 + i64::from((i * 7 + k * 53) % 160));
                    new.push(rotas::NewShift {
                        volunteer_id: v.id,
                        centre_id: centre,
                        skill_id: skill.id,
                        role: "staff",
                        start_utc: start,
                        end_utc: start + Duration::hours(4),
                        locked: false,
                    });
                }
            }
            rotas::replace_shifts(c, rota.id, &new)?;
            rotas::publish(c, rota.id)?;
            Ok(new)
        })
        .unwrap();
    println!(
        "data: {VOLUNTEERS} volunteers, {} shifts in 44 centres, built in {:.1} s",
        shifts.len(),
        t0.elapsed().as_secs_f64()
    );

    // Scan at every instant a reminder falls due during the week.
    let mut instants: Vec<_> = shifts
        .iter()
        .flat_map(|s| {
            [
                s.start_utc - Duration::hours(48),
                s.start_utc - Duration::hours(3),
            ]
        })
        .map(|t| t.max(now))
        .collect();
    instants.sort();
    instants.dedup();
    let t1 = Instant::now();
    let mut queued = 0;
    for at in &instants {
        queued +=
            astreinte::notify::reminders::scan(&mut conn, *at, "http://127.0.0.1:8080").unwrap();
    }
    let scan_s = t1.elapsed().as_secs_f64();
    println!(
        "queued {queued} reminders in {} scans: {scan_s:.1} s ({:.1} ms a scan)",
        instants.len(),
        scan_s * 1000.0 / instants.len() as f64
    );
    // A second pass over the same instants queues nothing.
    let again: usize = instants
        .iter()
        .map(|at| {
            astreinte::notify::reminders::scan(&mut conn, *at, "http://127.0.0.1:8080").unwrap()
        })
        .sum();
    assert_eq!(again, 0);
    let in_outbox: i64 = outbox::count_by_status(&mut conn)
        .unwrap()
        .iter()
        .map(|(_, n)| n)
        .sum();
    assert_eq!(in_outbox, queued as i64, "only the reminders are queued");
    drop(conn);

    let mailer = Mailer::from_config(
        Some(&format!("smtp://127.0.0.1:{}", sink.port)),
        "Astreinte <astreinte@example.org>",
        &std::env::temp_dir(),
    )
    .unwrap();
    let end = *instants.last().unwrap() + Duration::minutes(1);
    // The same week drained with 1, 4 and 8 connections (SMTP_CONNECTIONS),
    // the outbox put back to pending between runs: ratios from one run.
    println!("| connections | seconds | messages/s | retried | deliveries | SMTP sessions |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for (run, lanes) in [1, 4, 8].into_iter().enumerate() {
        if run > 0 {
            diesel::update(schema::outbox::table)
                .set((
                    schema::outbox::status.eq(outbox::PENDING),
                    schema::outbox::claimed_at.eq(None::<chrono::NaiveDateTime>),
                ))
                .execute(&mut pool.get().unwrap())
                .unwrap();
        }
        let (before, sessions_before) = (sink.received().len(), sink.sessions());
        let (sent, retried, seconds) =
            drain_all(&pool, &mailer.clone().with_connections(lanes), end, queued).await;
        let received = sink.received();
        let new = &received[before..];
        // Deliveries the sink stored: more than `sent` only when a send was
        // stored by the sink but reported to us as failed, then retried (the
        // same Message-ID: the at-least-once window).
        let mut ids: Vec<&str> = new
            .iter()
            .filter_map(|m| {
                let start = m.raw.find("Message-ID: ")?;
                m.raw[start..].lines().next()
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), queued, "every reminder arrived");
        println!(
            "| {lanes} | {seconds:.1} | {:.0} | {retried} | {} | {} |",
            sent as f64 / seconds,
            new.len(),
            sink.sessions() - sessions_before
        );
    }
}

/// Drains until all `queued` rows are sent, moving the clock past the
/// backoff of temporary failures; returns (sent, retried, seconds).
async fn drain_all(
    pool: &db::DbPool,
    mailer: &Mailer,
    mut end: chrono::NaiveDateTime,
    queued: usize,
) -> (usize, usize, f64) {
    let t = Instant::now();
    let (mut sent, mut retried) = (0, 0);
    loop {
        let stats = drain_once(pool, mailer, end).await.unwrap();
        sent += stats.sent;
        retried += stats.retried;
        assert_eq!(stats.failed, 0);
        if stats.claimed == 0 {
            if sent >= queued {
                break;
            }
            end += Duration::hours(1);
        }
    }
    assert_eq!(sent, queued, "sent {sent}, retried {retried}");
    (sent, retried, t.elapsed().as_secs_f64())
}
