//! `calendar_tokens`: the secret of a volunteer's personal calendar feed
//! (`/calendrier/{token}.ics`). Only the SHA-256 of the token is stored; a
//! volunteer has at most one active token (creating one revokes the others).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::calendar_tokens;
use super::{last_insert_id, now_utc, DbConnection};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = calendar_tokens)]
pub struct CalendarToken {
    pub id: i32,
    pub volunteer_id: i32,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    pub last_used_at: Option<NaiveDateTime>,
}

/// The volunteer's active token, if any.
pub fn active_for(
    conn: &mut DbConnection,
    volunteer_id: i32,
) -> QueryResult<Option<CalendarToken>> {
    calendar_tokens::table
        .filter(calendar_tokens::volunteer_id.eq(volunteer_id))
        .filter(calendar_tokens::revoked_at.is_null())
        .order(calendar_tokens::id.desc())
        .select(CalendarToken::as_select())
        .first(conn)
        .optional()
}

/// Revokes every active token of the volunteer; returns how many.
pub fn revoke_all(conn: &mut DbConnection, volunteer_id: i32) -> QueryResult<usize> {
    diesel::update(
        calendar_tokens::table
            .filter(calendar_tokens::volunteer_id.eq(volunteer_id))
            .filter(calendar_tokens::revoked_at.is_null()),
    )
    .set(calendar_tokens::revoked_at.eq(Some(now_utc())))
    .execute(conn)
}

/// Stores a new token (its hash) and revokes the previous ones; call inside
/// a transaction. Returns the new row's id.
pub fn rotate(conn: &mut DbConnection, volunteer_id: i32, token_hash: &str) -> QueryResult<i32> {
    revoke_all(conn, volunteer_id)?;
    diesel::insert_into(calendar_tokens::table)
        .values((
            calendar_tokens::volunteer_id.eq(volunteer_id),
            calendar_tokens::token_hash.eq(token_hash),
            calendar_tokens::created_at.eq(now_utc()),
        ))
        .execute(conn)?;
    last_insert_id(conn)
}

/// The active token with this hash.
pub fn by_hash(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<CalendarToken>> {
    calendar_tokens::table
        .filter(calendar_tokens::token_hash.eq(token_hash))
        .filter(calendar_tokens::revoked_at.is_null())
        .select(CalendarToken::as_select())
        .first(conn)
        .optional()
}

/// Records a use (at most once a minute, to spare writes on frequent polls).
pub fn touch(conn: &mut DbConnection, id: i32) -> QueryResult<()> {
    let now = now_utc();
    let before = now - chrono::Duration::minutes(1);
    diesel::update(
        calendar_tokens::table.find(id).filter(
            calendar_tokens::last_used_at
                .is_null()
                .or(calendar_tokens::last_used_at.lt(before)),
        ),
    )
    .set(calendar_tokens::last_used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(())
}
