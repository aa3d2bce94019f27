//! Queries of the web/auth layer that the table modules do not offer:
//! looking at a one-time link without using it, and the health probe.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::magic_links::MagicLink;
use super::schema::magic_links;
use super::DbConnection;

/// The link with this token hash if it is still usable at `now` (unused, not
/// expired). Does not consume it: the GET of a link only shows a button.
pub fn usable_link(
    conn: &mut DbConnection,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<MagicLink>> {
    magic_links::table
        .filter(magic_links::token_hash.eq(token_hash))
        .filter(magic_links::used_at.is_null())
        .filter(magic_links::expires_at.gt(now))
        .select(MagicLink::as_select())
        .first(conn)
        .optional()
}

/// A trivial round trip to the database, for `/health`.
pub fn ping(conn: &mut DbConnection) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    conn.batch_execute("SELECT 1")
}
