//! `api_tokens`: bearer tokens of the telephony API, one or more per centre,
//! revocable, optionally allowed to see phone numbers. Only the SHA-256 of
//! the token is stored; the token itself is shown once, at creation.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::api_tokens;
use super::{last_insert_id, now_utc, DbConnection};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    pub id: i32,
    pub centre_id: i32,
    pub label: String,
    pub token_hash: String,
    pub include_phone: bool,
    pub created_at: NaiveDateTime,
    pub created_by: Option<i32>,
    pub revoked_at: Option<NaiveDateTime>,
    pub last_used_at: Option<NaiveDateTime>,
}

/// Stores a new token's hash; returns its id.
pub fn create(
    conn: &mut DbConnection,
    centre_id: i32,
    label: &str,
    token_hash: &str,
    include_phone: bool,
    created_by: Option<i32>,
) -> QueryResult<i32> {
    diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::centre_id.eq(centre_id),
            api_tokens::label.eq(label),
            api_tokens::token_hash.eq(token_hash),
            api_tokens::include_phone.eq(include_phone),
            api_tokens::created_at.eq(now_utc()),
            api_tokens::created_by.eq(created_by),
        ))
        .execute(conn)?;
    last_insert_id(conn)
}

/// The centre's tokens, active first, newest first.
pub fn of_centre(conn: &mut DbConnection, centre_id: i32) -> QueryResult<Vec<ApiToken>> {
    let mut all: Vec<ApiToken> = api_tokens::table
        .filter(api_tokens::centre_id.eq(centre_id))
        .order(api_tokens::id.desc())
        .select(ApiToken::as_select())
        .load(conn)?;
    all.sort_by_key(|t| t.revoked_at.is_some());
    Ok(all)
}

/// Revokes token `id` of `centre_id`; returns whether an active token was revoked.
pub fn revoke(conn: &mut DbConnection, centre_id: i32, id: i32) -> QueryResult<bool> {
    let n = diesel::update(
        api_tokens::table
            .filter(api_tokens::id.eq(id))
            .filter(api_tokens::centre_id.eq(centre_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Some(now_utc())))
    .execute(conn)?;
    Ok(n == 1)
}

/// The token with this hash, revoked or not.
pub fn by_hash(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<ApiToken>> {
    api_tokens::table
        .filter(api_tokens::token_hash.eq(token_hash))
        .select(ApiToken::as_select())
        .first(conn)
        .optional()
}

/// Records a use (at most once a minute).
pub fn touch(conn: &mut DbConnection, id: i32) -> QueryResult<()> {
    let now = now_utc();
    let before = now - chrono::Duration::minutes(1);
    diesel::update(
        api_tokens::table.find(id).filter(
            api_tokens::last_used_at
                .is_null()
                .or(api_tokens::last_used_at.lt(before)),
        ),
    )
    .set(api_tokens::last_used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(())
}
