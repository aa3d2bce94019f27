//! `magic_links`: one-time login and invitation tokens; only the SHA-256 hex
//! of a token is stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::magic_links;
use super::{now_utc, DbConnection};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = magic_links)]
pub struct MagicLink {
    pub id: i32,
    pub user_id: i32,
    pub token_hash: String,
    pub purpose: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

/// Stores a link (token already hashed by the caller).
pub fn create(
    conn: &mut DbConnection,
    user_id: i32,
    token_hash: &str,
    purpose: &str,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(magic_links::table)
        .values((
            magic_links::user_id.eq(user_id),
            magic_links::token_hash.eq(token_hash),
            magic_links::purpose.eq(purpose),
            magic_links::created_at.eq(now_utc()),
            magic_links::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Marks the link used if it exists, has this purpose, is unused and not
/// expired at `now`; returns it then. A single conditional UPDATE, so two
/// concurrent uses cannot both succeed.
pub fn consume(
    conn: &mut DbConnection,
    token_hash: &str,
    purpose: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<MagicLink>> {
    let n = diesel::update(
        magic_links::table
            .filter(magic_links::token_hash.eq(token_hash))
            .filter(magic_links::purpose.eq(purpose))
            .filter(magic_links::used_at.is_null())
            .filter(magic_links::expires_at.gt(now)),
    )
    .set(magic_links::used_at.eq(Some(now)))
    .execute(conn)?;
    if n == 0 {
        return Ok(None);
    }
    magic_links::table
        .filter(magic_links::token_hash.eq(token_hash))
        .select(MagicLink::as_select())
        .first(conn)
        .optional()
}
