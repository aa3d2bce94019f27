//! `outbox`: the durable mail queue. Rows are written in the caller's
//! transaction, claimed by a conditional UPDATE (no two workers get the same
//! row), then marked sent, retried with exponential backoff, or failed.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use sha2::{Digest, Sha256};

use super::schema::outbox;
use super::DbConnection;

/// Status of a row waiting for its (next) attempt.
pub const PENDING: &str = "pending";
/// Status of a row claimed by a worker.
pub const SENDING: &str = "sending";
/// Status of a row accepted by the SMTP server.
pub const SENT: &str = "sent";
/// Status of a row given up on (permanent error or too many attempts).
pub const FAILED: &str = "failed";

/// Attempts after which a temporary failure becomes a permanent one.
pub const MAX_ATTEMPTS: i32 = 10;
/// First retry delay; doubled at each attempt.
pub const BASE_DELAY_SECONDS: i64 = 30;
/// Longest retry delay.
pub const MAX_DELAY_SECONDS: i64 = 3600;

/// A message to enqueue, already rendered in the recipient's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    /// One logical message: recipient + kind + subject, e.g.
    /// `reminder:shift:123:48h:user:9`. Enqueuing the same key twice sends once.
    pub dedup_key: String,
    pub recipient: String,
    pub kind: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
    /// When the message may go out (usually now).
    pub send_after: NaiveDateTime,
}

/// A file attached to a message (e.g. a shift's `.ics`), stored as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub body: String,
}

/// What a message carries besides its bodies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    pub attachment: Option<Attachment>,
    /// URL of the `List-Unsubscribe` header (non-essential mail).
    pub list_unsubscribe: Option<String>,
}

/// What [`enqueue`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enqueued {
    /// A new row, with its id.
    New(i32),
    /// A row with this key already exists: nothing written.
    Duplicate,
}

/// One outbox row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: i32,
    pub dedup_key: String,
    pub recipient: String,
    pub kind: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
    pub message_id: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub claimed_at: Option<NaiveDateTime>,
    pub attachment_name: Option<String>,
    pub attachment_content_type: Option<String>,
    pub attachment_body: Option<String>,
    pub list_unsubscribe: Option<String>,
}

impl OutboxRow {
    /// The row's attachment, when it has one.
    pub fn attachment(&self) -> Option<Attachment> {
        Some(Attachment {
            name: self.attachment_name.clone()?,
            content_type: self.attachment_content_type.clone()?,
            body: self.attachment_body.clone()?,
        })
    }
}

/// The Message-ID of a logical message: `<sha256-hex(dedup_key)@astreinte>`.
/// Stable, so a resend after a crash carries the same Message-ID.
pub fn message_id_for(dedup_key: &str) -> String {
    let digest = Sha256::digest(dedup_key.as_bytes());
    format!("<{}@astreinte>", hex::encode(digest))
}

/// Delay before the next attempt after `attempts` failed ones (1 → 30 s,
/// 2 → 60 s, … capped at one hour).
pub fn backoff(attempts: i32) -> Duration {
    let exp = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    let secs = BASE_DELAY_SECONDS
        .saturating_mul(2_i64.saturating_pow(exp))
        .min(MAX_DELAY_SECONDS);
    Duration::seconds(secs)
}

fn exists(conn: &mut DbConnection, key: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        outbox::table.filter(outbox::dedup_key.eq(key)),
    ))
    .get_result(conn)
}

/// Adds a message unless one with the same `dedup_key` exists. Safe inside
/// the caller's transaction on both backends: the insert runs in a savepoint,
/// so a concurrent insert's unique violation becomes [`Enqueued::Duplicate`]
/// without aborting the caller's transaction.
pub fn enqueue(conn: &mut DbConnection, msg: &NewMessage) -> QueryResult<Enqueued> {
    enqueue_with(conn, msg, &Extras::default())
}

/// [`enqueue`] with an attachment and/or a `List-Unsubscribe` URL.
pub fn enqueue_with(
    conn: &mut DbConnection,
    msg: &NewMessage,
    extras: &Extras,
) -> QueryResult<Enqueued> {
    if exists(conn, &msg.dedup_key)? {
        return Ok(Enqueued::Duplicate);
    }
    let inserted = conn.write_transaction(|c| {
        diesel::insert_into(outbox::table)
            .values((
                outbox::dedup_key.eq(&msg.dedup_key),
                outbox::recipient.eq(&msg.recipient),
                outbox::kind.eq(&msg.kind),
                outbox::subject.eq(&msg.subject),
                outbox::body_text.eq(&msg.body_text),
                outbox::body_html.eq(msg.body_html.as_deref()),
                outbox::message_id.eq(message_id_for(&msg.dedup_key)),
                outbox::status.eq(PENDING),
                outbox::attempts.eq(0),
                outbox::next_attempt_at.eq(msg.send_after),
                outbox::created_at.eq(super::now_utc()),
                outbox::attachment_name.eq(extras.attachment.as_ref().map(|a| &a.name)),
                outbox::attachment_content_type
                    .eq(extras.attachment.as_ref().map(|a| &a.content_type)),
                outbox::attachment_body.eq(extras.attachment.as_ref().map(|a| &a.body)),
                outbox::list_unsubscribe.eq(extras.list_unsubscribe.as_deref()),
            ))
            .execute(c)?;
        super::last_insert_id(c)
    });
    match inserted {
        Ok(id) => Ok(Enqueued::New(id)),
        Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
            Ok(Enqueued::Duplicate)
        }
        Err(e) => Err(e),
    }
}

/// Claims up to `limit` due rows for sending at `now`: pending rows whose
/// `next_attempt_at` has come, and `sending` rows whose claim is older than
/// `lease` (their worker died). Each row is taken by a conditional UPDATE by
/// id whose row count says whether this worker won it, so two workers never
/// claim the same row (PostgreSQL re-checks the condition after a concurrent
/// update; SQLite serialises writers).
pub fn claim_due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
    lease: Duration,
) -> QueryResult<Vec<OutboxRow>> {
    let stale = now - lease;
    let due = outbox::status
        .eq(PENDING)
        .and(outbox::next_attempt_at.le(now))
        .or(outbox::status
            .eq(SENDING)
            .and(outbox::claimed_at.le(stale).assume_not_null()));
    // On PostgreSQL the candidates are locked with
    // `FOR UPDATE SKIP LOCKED` inside the claim's transaction, so several
    // instances draining at once each take a disjoint batch instead of
    // racing for the same rows (the conditional UPDATE below stays the guard).
    if let DbConnection::Postgres(pg) = conn {
        #[allow(clippy::disallowed_methods)] // PostgreSQL only: no SQLite upgrade issue
        return pg.transaction(|pg| {
            let ids: Vec<i32> = outbox::table
                .filter(due)
                .order(outbox::id.asc())
                .limit(limit)
                .select(outbox::id)
                .for_update()
                .skip_locked()
                .load(pg)?;
            let mut claimed = Vec::new();
            for id in ids {
                let n = diesel::update(outbox::table.filter(outbox::id.eq(id)).filter(due))
                    .set((outbox::status.eq(SENDING), outbox::claimed_at.eq(Some(now))))
                    .execute(pg)?;
                if n == 1 {
                    claimed.push(
                        outbox::table
                            .find(id)
                            .select(OutboxRow::as_select())
                            .first(pg)?,
                    );
                }
            }
            Ok(claimed)
        });
    }
    let candidates: Vec<i32> = outbox::table
        .filter(due)
        .order(outbox::id.asc())
        .limit(limit)
        .select(outbox::id)
        .load(conn)?;
    let mut claimed = Vec::new();
    for id in candidates {
        let n = diesel::update(outbox::table.filter(outbox::id.eq(id)).filter(due))
            .set((outbox::status.eq(SENDING), outbox::claimed_at.eq(Some(now))))
            .execute(conn)?;
        if n == 1 {
            claimed.push(get(conn, id)?);
        }
    }
    Ok(claimed)
}

/// Hands a claimed row back (a drain that ran out of time before sending it):
/// pending again, due at once, its claim cleared. Only a row still `sending`
/// changes.
pub fn release(conn: &mut DbConnection, id: i32) -> QueryResult<()> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq(SENDING)),
    )
    .set((
        outbox::status.eq(PENDING),
        outbox::claimed_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(())
}

/// Number of pending rows due at `now`: the backlog `/health` reports.
pub fn count_due(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<i64> {
    outbox::table
        .filter(outbox::status.eq(PENDING))
        .filter(outbox::next_attempt_at.le(now))
        .count()
        .get_result(conn)
}

/// One row by id.
pub fn get(conn: &mut DbConnection, id: i32) -> QueryResult<OutboxRow> {
    outbox::table
        .filter(outbox::id.eq(id))
        .select(OutboxRow::as_select())
        .first(conn)
}

/// One row by its dedup key.
pub fn find_by_key(conn: &mut DbConnection, key: &str) -> QueryResult<Option<OutboxRow>> {
    outbox::table
        .filter(outbox::dedup_key.eq(key))
        .select(OutboxRow::as_select())
        .first(conn)
        .optional()
}

/// Rows in one status, oldest first (for the administrator page).
pub fn list_by_status(
    conn: &mut DbConnection,
    status: &str,
    limit: i64,
) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::status.eq(status))
        .order(outbox::id.asc())
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)
}

/// Which of `keys` are already in the outbox (any status): lets a scan skip
/// messages it queued before without one query per message.
pub fn existing_keys(
    conn: &mut DbConnection,
    keys: &[String],
) -> QueryResult<std::collections::HashSet<String>> {
    let mut found = std::collections::HashSet::new();
    for chunk in keys.chunks(500) {
        let rows: Vec<String> = outbox::table
            .filter(outbox::dedup_key.eq_any(chunk))
            .select(outbox::dedup_key)
            .load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}

/// Rows for the administrator page, newest first, optionally in one status.
pub fn list_recent(
    conn: &mut DbConnection,
    status: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<OutboxRow>> {
    let mut q = outbox::table
        .select(OutboxRow::as_select())
        .order(outbox::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(s) = status {
        q = q.filter(outbox::status.eq(s.to_string()));
    }
    q.load(conn)
}

/// Number of rows per status.
pub fn count_by_status(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64)>> {
    outbox::table
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .order(outbox::status)
        .load(conn)
}

/// The SMTP server accepted the message.
pub fn mark_sent(conn: &mut DbConnection, id: i32, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(outbox::table.filter(outbox::id.eq(id)))
        .set((
            outbox::status.eq(SENT),
            outbox::sent_at.eq(Some(now)),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// A temporary failure: back to pending with exponential backoff, or failed
/// once [`MAX_ATTEMPTS`] is reached. Returns the new status.
pub fn mark_retry(
    conn: &mut DbConnection,
    id: i32,
    now: NaiveDateTime,
    error: &str,
) -> QueryResult<&'static str> {
    let row = get(conn, id)?;
    let attempts = row.attempts + 1;
    let status = if attempts >= MAX_ATTEMPTS {
        FAILED
    } else {
        PENDING
    };
    diesel::update(outbox::table.filter(outbox::id.eq(id)))
        .set((
            outbox::status.eq(status),
            outbox::attempts.eq(attempts),
            outbox::next_attempt_at.eq(now + backoff(attempts)),
            outbox::last_error.eq(Some(error)),
            outbox::claimed_at.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(status)
}

/// A permanent failure (5xx): failed with the server's reason.
pub fn mark_failed(conn: &mut DbConnection, id: i32, reason: &str) -> QueryResult<()> {
    diesel::update(outbox::table.filter(outbox::id.eq(id)))
        .set((
            outbox::status.eq(FAILED),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(Some(reason)),
            outbox::claimed_at.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Puts a failed row back in the queue, due at `now`, with a fresh attempt
/// count (the administrator's "resend"). False if the row is not failed.
pub fn requeue_failed(conn: &mut DbConnection, id: i32, now: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq(FAILED)),
    )
    .set((
        outbox::status.eq(PENDING),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(now),
        outbox::claimed_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_and_stops_at_one_hour() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(5), Duration::seconds(480));
        assert_eq!(backoff(9), Duration::seconds(3600));
        assert_eq!(backoff(60), Duration::seconds(3600));
    }

    #[test]
    fn message_id_is_stable_and_hides_the_key() {
        let a = message_id_for("reminder:shift:123:48h:user:9");
        assert_eq!(a, message_id_for("reminder:shift:123:48h:user:9"));
        assert_ne!(a, message_id_for("reminder:shift:123:3h:user:9"));
        assert!(a.starts_with('<') && a.ends_with("@astreinte>"));
        assert!(!a.contains("user"));
    }
}
