//! `centres` and `coordinator_centres`: the listening centres and who
//! coordinates them.

use diesel::prelude::*;

use super::schema::{centres, coordinator_centres};
use super::DbConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = centres)]
pub struct Centre {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub timezone: String,
    pub fixed_sessions: bool,
}

/// All centres ordered by code.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Centre>> {
    centres::table
        .order(centres::code)
        .select(Centre::as_select())
        .load(conn)
}

pub fn by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<Centre>> {
    centres::table
        .filter(centres::code.eq(code))
        .select(Centre::as_select())
        .first(conn)
        .optional()
}

pub fn by_id(conn: &mut DbConnection, id: i32) -> QueryResult<Option<Centre>> {
    centres::table
        .find(id)
        .select(Centre::as_select())
        .first(conn)
        .optional()
}

/// Creates the centre or updates its name, time zone and fixed-sessions
/// flag; returns the stored row.
pub fn upsert(
    conn: &mut DbConnection,
    code: &str,
    name: &str,
    timezone: &str,
    fixed_sessions: bool,
) -> QueryResult<Centre> {
    match by_code(conn, code)? {
        Some(c) => {
            diesel::update(centres::table.find(c.id))
                .set((
                    centres::name.eq(name),
                    centres::timezone.eq(timezone),
                    centres::fixed_sessions.eq(fixed_sessions),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(centres::table)
                .values((
                    centres::code.eq(code),
                    centres::name.eq(name),
                    centres::timezone.eq(timezone),
                    centres::fixed_sessions.eq(fixed_sessions),
                ))
                .execute(conn)?;
        }
    }
    by_code(conn, code)?.ok_or(diesel::result::Error::NotFound)
}

/// Ids of the centres a user coordinates.
pub fn coordinated_by(conn: &mut DbConnection, user_id: i32) -> QueryResult<Vec<i32>> {
    coordinator_centres::table
        .filter(coordinator_centres::user_id.eq(user_id))
        .order(coordinator_centres::centre_id)
        .select(coordinator_centres::centre_id)
        .load(conn)
}

/// Makes `user_id` a coordinator of `centre_id` (no-op when already).
pub fn add_coordinator(conn: &mut DbConnection, user_id: i32, centre_id: i32) -> QueryResult<()> {
    let exists = coordinator_centres::table
        .filter(coordinator_centres::user_id.eq(user_id))
        .filter(coordinator_centres::centre_id.eq(centre_id))
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if !exists {
        diesel::insert_into(coordinator_centres::table)
            .values((
                coordinator_centres::user_id.eq(user_id),
                coordinator_centres::centre_id.eq(centre_id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn remove_coordinator(
    conn: &mut DbConnection,
    user_id: i32,
    centre_id: i32,
) -> QueryResult<()> {
    diesel::delete(
        coordinator_centres::table
            .filter(coordinator_centres::user_id.eq(user_id))
            .filter(coordinator_centres::centre_id.eq(centre_id)),
    )
    .execute(conn)?;
    Ok(())
}
