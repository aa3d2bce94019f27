//! `availability_patterns` and `availability_exceptions`: recurring weekly
//! ranges and dated changes; `domain::availability` turns them into instants.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{availability_exceptions, availability_patterns};
use super::DbConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = availability_patterns)]
pub struct PatternRow {
    pub id: i32,
    pub volunteer_id: i32,
    pub weekday: i32,
    pub start_minute: i32,
    pub end_minute: i32,
    pub preferred: bool,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = availability_exceptions)]
pub struct ExceptionRow {
    pub id: i32,
    pub volunteer_id: i32,
    pub kind: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub start_minute: Option<i32>,
    pub end_minute: Option<i32>,
    pub start_utc: Option<NaiveDateTime>,
    pub end_utc: Option<NaiveDateTime>,
    pub preferred: bool,
}

/// A weekly range to store (weekday 0 = Monday, local minutes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewPattern {
    pub weekday: i32,
    pub start_minute: i32,
    pub end_minute: i32,
    pub preferred: bool,
}

/// A dated exception to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewException {
    pub kind: &'static str,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub start_minute: Option<i32>,
    pub end_minute: Option<i32>,
    pub start_utc: Option<NaiveDateTime>,
    pub end_utc: Option<NaiveDateTime>,
    pub preferred: bool,
}

/// Replaces all weekly ranges of a volunteer.
pub fn replace_patterns(
    conn: &mut DbConnection,
    volunteer_id: i32,
    patterns: &[NewPattern],
) -> QueryResult<()> {
    diesel::delete(
        availability_patterns::table.filter(availability_patterns::volunteer_id.eq(volunteer_id)),
    )
    .execute(conn)?;
    for p in patterns {
        diesel::insert_into(availability_patterns::table)
            .values((
                availability_patterns::volunteer_id.eq(volunteer_id),
                availability_patterns::weekday.eq(p.weekday),
                availability_patterns::start_minute.eq(p.start_minute),
                availability_patterns::end_minute.eq(p.end_minute),
                availability_patterns::preferred.eq(p.preferred),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn add_exception(
    conn: &mut DbConnection,
    volunteer_id: i32,
    e: &NewException,
) -> QueryResult<()> {
    diesel::insert_into(availability_exceptions::table)
        .values((
            availability_exceptions::volunteer_id.eq(volunteer_id),
            availability_exceptions::kind.eq(e.kind),
            availability_exceptions::start_date.eq(e.start_date),
            availability_exceptions::end_date.eq(e.end_date),
            availability_exceptions::start_minute.eq(e.start_minute),
            availability_exceptions::end_minute.eq(e.end_minute),
            availability_exceptions::start_utc.eq(e.start_utc),
            availability_exceptions::end_utc.eq(e.end_utc),
            availability_exceptions::preferred.eq(e.preferred),
        ))
        .execute(conn)?;
    Ok(())
}

/// Deletes the volunteer's exceptions overlapping `[from, to]` (dates).
pub fn delete_exceptions_between(
    conn: &mut DbConnection,
    volunteer_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<usize> {
    diesel::delete(
        availability_exceptions::table
            .filter(availability_exceptions::volunteer_id.eq(volunteer_id))
            .filter(availability_exceptions::start_date.le(to))
            .filter(availability_exceptions::end_date.ge(from)),
    )
    .execute(conn)
}

pub fn patterns_of(conn: &mut DbConnection, volunteer_id: i32) -> QueryResult<Vec<PatternRow>> {
    availability_patterns::table
        .filter(availability_patterns::volunteer_id.eq(volunteer_id))
        .order((
            availability_patterns::weekday,
            availability_patterns::start_minute,
        ))
        .select(PatternRow::as_select())
        .load(conn)
}

pub fn all_patterns(conn: &mut DbConnection) -> QueryResult<Vec<PatternRow>> {
    availability_patterns::table
        .order(availability_patterns::id)
        .select(PatternRow::as_select())
        .load(conn)
}

/// Exceptions of every volunteer overlapping the dates `[from, to]`.
pub fn exceptions_between(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<ExceptionRow>> {
    availability_exceptions::table
        .filter(availability_exceptions::start_date.le(to))
        .filter(availability_exceptions::end_date.ge(from))
        .order(availability_exceptions::id)
        .select(ExceptionRow::as_select())
        .load(conn)
}

pub fn exceptions_of(conn: &mut DbConnection, volunteer_id: i32) -> QueryResult<Vec<ExceptionRow>> {
    availability_exceptions::table
        .filter(availability_exceptions::volunteer_id.eq(volunteer_id))
        .order(availability_exceptions::start_date)
        .select(ExceptionRow::as_select())
        .load(conn)
}
