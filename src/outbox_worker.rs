//! The outbox worker: sends due rows of the `outbox` table over the
//! [`Mailer`], retries temporary failures with backoff, records permanent
//! ones. [`drain_once`] is the single step tests drive; [`spawn`] polls it.
//!
//! # Delivery guarantee: at least once, bounded to one window
//!
//! A row is claimed (`sending`), the message is handed to the SMTP server,
//! and only after its "250 OK" is the row marked `sent`. If the process dies
//! between that 250 and the UPDATE, the row stays `sending`; once its claim
//! lease expires another drain claims it again and the message goes out a
//! second time. That window (one SMTP reply and one small UPDATE) is the only
//! way a message can be doubled, and the resend carries the same Message-ID
//! (`<sha256(dedup_key)@astreinte>`), so receiving systems that de-duplicate
//! on Message-ID show it once. The alternative, marking the row before
//! sending (at most once), would silently lose the message whenever the
//! process dies or the connection drops mid-send: for a shift reminder a
//! missed shift costs far more than a rare duplicate reminder.
//!
//! A live worker never loses its claim to another one: each SMTP conversation
//! is cut at [`SEND_TIMEOUT`] (then retried), and a drain stops sending after
//! [`BATCH_BUDGET`] (half the lease) and hands the rest of its batch back.
//!
//! # Throughput
//!
//! A drain sends its batch in [`Mailer::connections`] lanes
//! (`SMTP_CONNECTIONS`, default 4), each over its own SMTP connection kept
//! open for the whole drain (a [`MailSession`]) instead of one connection per
//! message: the TCP (and TLS) set-up, greeting and EHLO are paid once per
//! lane. Each row's outcome is still recorded right after its own send.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration as StdDuration;

use anyhow::Context;
use chrono::{Duration, NaiveDateTime};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment as LettreAttachment, Mailbox, MultiPart, SinglePart};
use lettre::Message;

use crate::db::{self, outbox, DbPool};
use crate::mail::{text_body, MailSession, Mailer, OutgoingMail, SendFailure};

/// Rows claimed per drain.
pub const BATCH: i64 = 200;
/// A `sending` row whose claim is older than this is taken again.
pub const LEASE_SECONDS: i64 = 300;
/// Longest one SMTP conversation may take; a slower one is a temporary failure.
pub const SEND_TIMEOUT: StdDuration = StdDuration::from_secs(60);
/// A drain stops sending once this much time has passed since its claim and
/// hands the rest of its batch back. With [`SEND_TIMEOUT`] this keeps every
/// send well inside the lease, so no row can be claimed by a second worker
/// while the first is still sending it.
pub const BATCH_BUDGET: StdDuration = StdDuration::from_secs(LEASE_SECONDS as u64 / 2);
/// Pause between two drains of the background loop.
pub const POLL_INTERVAL: StdDuration = StdDuration::from_secs(5);

/// When the background loop last polled (unix seconds, 0 = never), shared
/// with `/health`.
#[derive(Debug, Clone, Default)]
pub struct Heartbeat(Arc<AtomicI64>);

impl Heartbeat {
    pub fn new() -> Heartbeat {
        Heartbeat::default()
    }

    /// Records a poll now.
    pub fn beat(&self) {
        self.beat_at(chrono::Utc::now().timestamp());
    }

    /// Records a poll at `unix` seconds.
    pub fn beat_at(&self, unix: i64) {
        self.0.store(unix, Ordering::Relaxed);
    }

    /// Unix time of the last poll (0 when never).
    pub fn last(&self) -> i64 {
        self.0.load(Ordering::Relaxed)
    }

    /// Alive when a poll was seen within three poll intervals of `now_unix`.
    pub fn is_alive_at(&self, now_unix: i64) -> bool {
        let last = self.last();
        let window = 3 * i64::try_from(POLL_INTERVAL.as_secs()).unwrap_or(i64::MAX / 4);
        last > 0 && now_unix.saturating_sub(last) <= window
    }

    /// [`Heartbeat::is_alive_at`] now.
    pub fn is_alive(&self) -> bool {
        self.is_alive_at(chrono::Utc::now().timestamp())
    }
}

/// What one [`drain_once`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DrainStats {
    pub claimed: usize,
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    /// Claimed but handed back unsent: the drain ran out of its time budget.
    pub released: usize,
}

impl DrainStats {
    /// Adds a lane's counts (all but `claimed`, which the drain sets).
    fn add_lane(&mut self, lane: DrainStats) {
        self.sent += lane.sent;
        self.retried += lane.retried;
        self.failed += lane.failed;
        self.released += lane.released;
    }
}

/// What happened to one row.
enum Outcome {
    Sent,
    Retry(String),
    Failed(String),
}

/// The lettre message of a row: text, or text + HTML alternative, with the
/// row's stable Message-ID; with an attachment the whole is multipart/mixed;
/// non-essential mail carries `List-Unsubscribe`.
pub fn build_message(from: Mailbox, row: &outbox::OutboxRow) -> Result<Message, String> {
    let to: Mailbox = row
        .recipient
        .parse()
        .map_err(|_| "invalid recipient address".to_string())?;
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(row.message_id.clone()));
    if let Some(url) = &row.list_unsubscribe {
        builder = builder.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe"),
            format!("<{url}>"),
        ));
    }
    let text = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(text_body(&row.body_text));
    let bodies = row.body_html.as_ref().map(|html| {
        MultiPart::alternative()
            .singlepart(text.clone())
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_HTML)
                    .body(html.clone()),
            )
    });
    let built = match (row.attachment(), bodies) {
        (Some(file), bodies) => {
            let content_type = ContentType::parse(&file.content_type)
                .map_err(|e| format!("invalid attachment type: {e}"))?;
            let part = LettreAttachment::new(file.name).body(file.body, content_type);
            let mixed = match bodies {
                Some(alt) => MultiPart::mixed().multipart(alt),
                None => MultiPart::mixed().singlepart(text),
            };
            builder.multipart(mixed.singlepart(part))
        }
        (None, Some(alt)) => builder.multipart(alt),
        (None, None) => builder.singlepart(text),
    };
    built.map_err(|e| format!("cannot build the message: {e}"))
}

async fn send_row(session: &mut MailSession, from: Mailbox, row: &outbox::OutboxRow) -> Outcome {
    let message = match build_message(from, row) {
        Ok(m) => m,
        Err(reason) => return Outcome::Failed(reason),
    };
    let copy = OutgoingMail {
        to: row.recipient.clone(),
        subject: row.subject.clone(),
        text: row.body_text.clone(),
    };
    match tokio::time::timeout(SEND_TIMEOUT, session.send_message(&copy, message)).await {
        Ok(Ok(())) => Outcome::Sent,
        Ok(Err(SendFailure::Temporary(e))) => Outcome::Retry(e),
        Ok(Err(SendFailure::Permanent(e))) => Outcome::Failed(e),
        Err(_) => Outcome::Retry(format!("no answer within {} s", SEND_TIMEOUT.as_secs())),
    }
}

async fn blocking<T: Send + 'static>(
    pool: &DbPool,
    f: impl FnOnce(&mut db::DbConnection) -> diesel::QueryResult<T> + Send + 'static,
) -> anyhow::Result<T> {
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = pool.get().context("no database connection")?;
        f(&mut conn).context("outbox query failed")
    })
    .await
    .context("outbox task failed")?
}

/// Claims the rows due at `now` and sends them in up to
/// [`Mailer::connections`] lanes, each over its own [`MailSession`],
/// recording each outcome right after its send. Logs carry row ids and
/// kinds, never addresses.
pub async fn drain_once(
    pool: &DbPool,
    mailer: &Mailer,
    now: NaiveDateTime,
) -> anyhow::Result<DrainStats> {
    let rows = blocking(pool, move |c| {
        outbox::claim_due(c, now, BATCH, Duration::seconds(LEASE_SECONDS))
    })
    .await?;
    let claimed_at = std::time::Instant::now();
    let mut stats = DrainStats {
        claimed: rows.len(),
        ..DrainStats::default()
    };
    if rows.is_empty() {
        return Ok(stats);
    }
    // Round-robin keeps each lane in the claim order (most overdue first).
    let lanes = mailer.connections().min(rows.len());
    let mut buckets: Vec<Vec<outbox::OutboxRow>> = (0..lanes).map(|_| Vec::new()).collect();
    for (i, row) in rows.into_iter().enumerate() {
        buckets[i % lanes].push(row);
    }
    let mut tasks = tokio::task::JoinSet::new();
    for rows in buckets {
        tasks.spawn(drain_lane(
            pool.clone(),
            mailer.clone(),
            rows,
            now,
            claimed_at,
        ));
    }
    let mut first_error = None;
    while let Some(joined) = tasks.join_next().await {
        match joined.context("outbox lane failed").and_then(|lane| lane) {
            Ok(lane) => stats.add_lane(lane),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(stats),
    }
}

/// Sends one lane's rows in order over the lane's own [`MailSession`] (one
/// SMTP connection, opened at the first send, closed at the end), recording
/// each outcome before the next send; once [`BATCH_BUDGET`] has passed since
/// the claim, hands the rest back.
async fn drain_lane(
    pool: DbPool,
    mailer: Mailer,
    rows: Vec<outbox::OutboxRow>,
    now: NaiveDateTime,
    claimed_at: std::time::Instant,
) -> anyhow::Result<DrainStats> {
    let pool = &pool;
    let mut stats = DrainStats::default();
    let mut session = mailer.session();
    let from = mailer.from_mailbox();
    let sent = send_lane(pool, &mut session, from, rows, now, claimed_at, &mut stats).await;
    session.close().await;
    sent.map(|()| stats)
}

async fn send_lane(
    pool: &DbPool,
    session: &mut MailSession,
    from: Mailbox,
    rows: Vec<outbox::OutboxRow>,
    now: NaiveDateTime,
    claimed_at: std::time::Instant,
    stats: &mut DrainStats,
) -> anyhow::Result<()> {
    for row in rows {
        let id = row.id;
        if claimed_at.elapsed() > BATCH_BUDGET {
            blocking(pool, move |c| outbox::release(c, id)).await?;
            stats.released += 1;
            continue;
        }
        match send_row(session, from.clone(), &row).await {
            Outcome::Sent => {
                blocking(pool, move |c| outbox::mark_sent(c, id, now)).await?;
                tracing::info!(outbox_id = id, kind = %row.kind, "mail sent");
                stats.sent += 1;
            }
            Outcome::Retry(error) => {
                let status =
                    blocking(pool, move |c| outbox::mark_retry(c, id, now, &error)).await?;
                tracing::warn!(outbox_id = id, kind = %row.kind, status, "mail send failed, temporary");
                if status == outbox::FAILED {
                    stats.failed += 1;
                } else {
                    stats.retried += 1;
                }
            }
            Outcome::Failed(reason) => {
                blocking(pool, move |c| outbox::mark_failed(c, id, &reason)).await?;
                tracing::warn!(outbox_id = id, kind = %row.kind, "mail refused, permanent");
                stats.failed += 1;
            }
        }
    }
    Ok(())
}

/// Drains once now, in the background (after a web request queued a message
/// the visitor is waiting for, such as a sign-in link). Safe alongside the
/// polling loop: claims never overlap.
pub fn kick(pool: DbPool, mailer: Mailer) {
    tokio::spawn(async move {
        if let Err(e) = drain_once(&pool, &mailer, db::now_utc()).await {
            tracing::error!(error = %format!("{e:#}"), "outbox drain failed");
        }
    });
}

/// Starts the background loop on the current tokio runtime: a drain every
/// [`POLL_INTERVAL`], at once again while batches come back full. Each poll
/// beats `heartbeat` (before and after the drain). The task ends with the
/// runtime, or at the first safe point (between two drains) after `stop`
/// fires.
pub fn spawn(
    pool: DbPool,
    mailer: Mailer,
    heartbeat: Heartbeat,
    mut stop: crate::shutdown::Stop,
) -> tokio::task::JoinHandle<()> {
    heartbeat.beat();
    tokio::spawn(async move {
        loop {
            if stop.is_stopping() {
                tracing::info!("outbox worker stopped");
                break;
            }
            heartbeat.beat();
            let drained = drain_once(&pool, &mailer, db::now_utc()).await;
            heartbeat.beat();
            match drained {
                Ok(stats) if stats.claimed as i64 >= BATCH => continue,
                Ok(_) => {}
                Err(e) => tracing::error!(error = %format!("{e:#}"), "outbox drain failed"),
            }
            // The sleep ends early on a stop.
            stop.sleep(POLL_INTERVAL).await;
        }
    })
}
