//! Retention: how long former volunteers and audit entries are kept, what
//! falls due, and the daily run (anonymise through [`super::gdpr`], purge the
//! audit log through [`super::audit`]).

use chrono::{Months, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::gdpr::{self, EraseBy, Erased};
use super::schema::{centres, erasures, retention_settings, users, volunteer_centres, volunteers};
use super::{audit, DbConnection};

/// Defaults (the migration's).
pub const DEFAULT_FORMER_VOLUNTEER_MONTHS: i32 = 24;
pub const DEFAULT_AUDIT_MONTHS: i32 = 36;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = retention_settings)]
pub struct RetentionSettings {
    /// Months after `volunteers.left_on` before a former volunteer is anonymised.
    pub former_volunteer_months: i32,
    /// Months an audit entry is kept.
    pub audit_months: i32,
    pub last_run_at: Option<NaiveDateTime>,
}

pub fn get(conn: &mut DbConnection) -> QueryResult<RetentionSettings> {
    retention_settings::table
        .find(1)
        .select(RetentionSettings::as_select())
        .first(conn)
}

/// Writes both periods (months).
pub fn update(
    conn: &mut DbConnection,
    former_volunteer_months: i32,
    audit_months: i32,
) -> QueryResult<()> {
    diesel::update(retention_settings::table.find(1))
        .set((
            retention_settings::former_volunteer_months.eq(former_volunteer_months),
            retention_settings::audit_months.eq(audit_months),
        ))
        .execute(conn)?;
    Ok(())
}

/// Volunteers who left on or before this date are due on `today`.
pub fn left_cutoff(today: NaiveDate, months: i32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(u32::try_from(months.max(0)).unwrap_or(0)))
        .unwrap_or(NaiveDate::MIN)
}

/// Audit entries before this instant are due at `now`.
pub fn audit_cutoff(now: NaiveDateTime, months: i32) -> NaiveDateTime {
    now.checked_sub_months(Months::new(u32::try_from(months.max(0)).unwrap_or(0)))
        .unwrap_or(NaiveDateTime::MIN)
}

/// A former volunteer and the day they fall due.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub volunteer_id: i32,
    pub user_id: i32,
    pub display_name: String,
    pub left_on: NaiveDate,
    pub due_on: NaiveDate,
    pub centres: Vec<String>,
}

/// Former volunteers (status `left`, with a leaving date) not yet erased,
/// whose due date (`left_on` + the setting) is on or before `until`,
/// soonest first.
pub fn candidates(
    conn: &mut DbConnection,
    months: i32,
    until: NaiveDate,
) -> QueryResult<Vec<Candidate>> {
    let erased: Vec<i32> = erasures::table.select(erasures::volunteer_id).load(conn)?;
    let cutoff = left_cutoff(until, months);
    let rows: Vec<(i32, i32, String, Option<NaiveDate>)> = volunteers::table
        .inner_join(users::table)
        .filter(volunteers::status.eq("left"))
        .filter(volunteers::left_on.le(cutoff))
        .order((volunteers::left_on, volunteers::id))
        .select((
            volunteers::id,
            volunteers::user_id,
            users::display_name,
            volunteers::left_on,
        ))
        .load(conn)?;
    let links: Vec<(i32, String)> = volunteer_centres::table
        .inner_join(centres::table)
        .order((volunteer_centres::volunteer_id, volunteer_centres::position))
        .select((volunteer_centres::volunteer_id, centres::code))
        .load(conn)?;
    let add = Months::new(u32::try_from(months.max(0)).unwrap_or(0));
    Ok(rows
        .into_iter()
        .filter(|r| !erased.contains(&r.0))
        .filter_map(|(volunteer_id, user_id, display_name, left_on)| {
            let left_on = left_on?;
            Some(Candidate {
                volunteer_id,
                user_id,
                display_name,
                left_on,
                due_on: left_on.checked_add_months(add).unwrap_or(NaiveDate::MAX),
                centres: links
                    .iter()
                    .filter(|(v, _)| *v == volunteer_id)
                    .map(|(_, c)| c.clone())
                    .collect(),
            })
        })
        .collect())
}

/// Number of audit entries older than `before`.
pub fn audit_count_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<i64> {
    use super::schema::audit_log;
    audit_log::table
        .filter(audit_log::at.lt(before))
        .count()
        .get_result(conn)
}

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    pub anonymised: Vec<i32>,
    pub audit_purged: usize,
}

/// The daily retention run at `now`: anonymises the former volunteers past
/// the setting (actor: the system), then purges audit entries past theirs.
/// Each erasure is its own transaction; the purge is recorded in the log.
pub fn run(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<RunReport> {
    let s = get(conn)?;
    let mut report = RunReport::default();
    for c in candidates(conn, s.former_volunteer_months, now.date())? {
        if let Erased::Done { .. } = gdpr::erase_volunteer(conn, c.volunteer_id, EraseBy::System)? {
            report.anonymised.push(c.volunteer_id);
        }
    }
    let before = audit_cutoff(now, s.audit_months);
    conn.write_transaction(|c| {
        report.audit_purged = audit::purge_before(c, before)?;
        if report.audit_purged > 0 {
            audit::record(
                c,
                &audit::Event {
                    actor: None,
                    action: "audit.purge",
                    target_kind: "audit_log",
                    details: Some(format!(
                        "purged={} before={}",
                        report.audit_purged,
                        before.format("%Y-%m-%d")
                    )),
                    ..Default::default()
                },
            )?;
        }
        diesel::update(retention_settings::table.find(1))
            .set(retention_settings::last_run_at.eq(Some(now)))
            .execute(c)?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(report)
}

/// One page of the audit log for the administrator's journal: entries
/// matching `filter` (the same filters as [`audit::search`]), newest first,
/// skipping `offset`, at most `limit`; and whether more follow.
pub fn audit_page(
    conn: &mut DbConnection,
    filter: &audit::Filter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<audit::AuditEntry>, bool)> {
    use super::schema::audit_log;
    let mut q = audit_log::table.into_boxed();
    if let Some(a) = filter.actor {
        q = q.filter(audit_log::actor_user_id.eq(a));
    }
    if let Some(p) = &filter.action_prefix {
        let escaped = p
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        q = q.filter(audit_log::action.like(format!("{escaped}%")).escape('\\'));
    }
    if let Some(k) = &filter.target_kind {
        q = q.filter(audit_log::target_kind.eq(k.clone()));
    }
    if let Some(t) = &filter.target_id {
        q = q.filter(audit_log::target_id.eq(t.clone()));
    }
    if let Some(c) = filter.centre_id {
        q = q.filter(audit_log::centre_id.eq(c));
    }
    if let Some(s) = filter.since {
        q = q.filter(audit_log::at.ge(s));
    }
    if let Some(u) = filter.until {
        q = q.filter(audit_log::at.lt(u));
    }
    let mut rows = q
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .offset(offset.max(0))
        .limit(limit + 1)
        .select(audit::AuditEntry::as_select())
        .load(conn)?;
    let more = rows.len() as i64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    Ok((rows, more))
}
