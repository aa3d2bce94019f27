//! `audit_log`: who created, changed, published, deleted or viewed what, and
//! when. Written in the same transaction as the change it records. Details
//! hold ids, counts and field names only — never names, emails or phones.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::audit_log;
use super::{now_utc, DbConnection};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i32,
    pub at: NaiveDateTime,
    pub actor_user_id: Option<i32>,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<String>,
    pub centre_id: Option<i32>,
    pub details: Option<String>,
}

/// One event to record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Event<'a> {
    /// The signed-in user who acted (`None`: the system, e.g. a scheduled job).
    pub actor: Option<i32>,
    /// Dotted verb, e.g. `rota.publish`, `volunteer.view`.
    pub action: &'a str,
    /// What was acted on, e.g. `rota`, `volunteer`.
    pub target_kind: &'a str,
    pub target_id: Option<String>,
    pub centre_id: Option<i32>,
    /// Ids, counts, field names — no personal data.
    pub details: Option<String>,
}

/// Appends one entry.
pub fn record(conn: &mut DbConnection, event: &Event<'_>) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(now_utc()),
            audit_log::actor_user_id.eq(event.actor),
            audit_log::action.eq(event.action),
            audit_log::target_kind.eq(event.target_kind),
            audit_log::target_id.eq(event.target_id.as_deref()),
            audit_log::centre_id.eq(event.centre_id),
            audit_log::details.eq(event.details.as_deref()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Filters of the administrator's search (all optional, combined with AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub actor: Option<i32>,
    /// Prefix of the action, e.g. `rota.` for every rota event.
    pub action_prefix: Option<String>,
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
    pub centre_id: Option<i32>,
    pub since: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
}

/// Entries matching `filter`, newest first, at most `limit`.
pub fn search(
    conn: &mut DbConnection,
    filter: &Filter,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
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
    q.order((audit_log::at.desc(), audit_log::id.desc()))
        .limit(limit)
        .select(AuditEntry::as_select())
        .load(conn)
}

/// Deletes entries older than `before` (retention); returns how many.
pub fn purge_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(audit_log::table.filter(audit_log::at.lt(before))).execute(conn)
}
