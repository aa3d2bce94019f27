//! `rotas` and `rota_shifts`: versions of a week's rota (draft, published,
//! superseded) and their shifts.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{rota_shifts, rotas};
use super::{last_insert_id, now_utc, DbConnection};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = rotas)]
pub struct Rota {
    pub id: i32,
    pub week_start: NaiveDate,
    pub scope: String,
    pub version: i32,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub created_by: Option<i32>,
    pub published_at: Option<NaiveDateTime>,
    /// Bumped by every change (optimistic concurrency between editors).
    pub revision: i32,
    /// JSON report of the generation that produced this version.
    pub solver_report: Option<String>,
    /// The generation job that wrote this version.
    pub job_id: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = rota_shifts)]
pub struct RotaShift {
    pub id: i32,
    pub rota_id: i32,
    pub volunteer_id: i32,
    pub centre_id: i32,
    pub skill_id: i32,
    pub role: String,
    pub start_utc: NaiveDateTime,
    pub end_utc: NaiveDateTime,
    pub locked: bool,
}

/// A shift to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewShift {
    pub volunteer_id: i32,
    pub centre_id: i32,
    pub skill_id: i32,
    pub role: &'static str,
    pub start_utc: NaiveDateTime,
    pub end_utc: NaiveDateTime,
    pub locked: bool,
}

pub fn by_id(conn: &mut DbConnection, id: i32) -> QueryResult<Option<Rota>> {
    rotas::table
        .find(id)
        .select(Rota::as_select())
        .first(conn)
        .optional()
}

/// Every rota of a week (all scopes), newest version first.
pub fn of_week(conn: &mut DbConnection, week_start: NaiveDate) -> QueryResult<Vec<Rota>> {
    rotas::table
        .filter(rotas::week_start.eq(week_start))
        .order((rotas::version.desc(), rotas::id.desc()))
        .select(Rota::as_select())
        .load(conn)
}

/// Creates a new version (draft or published) for the week and scope.
pub fn create(
    conn: &mut DbConnection,
    week_start: NaiveDate,
    scope: &str,
    status: &str,
    created_by: Option<i32>,
) -> QueryResult<Rota> {
    let last: Option<i32> = rotas::table
        .filter(rotas::week_start.eq(week_start))
        .filter(rotas::scope.eq(scope))
        .select(diesel::dsl::max(rotas::version))
        .first(conn)?;
    let now = now_utc();
    diesel::insert_into(rotas::table)
        .values((
            rotas::week_start.eq(week_start),
            rotas::scope.eq(scope),
            rotas::version.eq(last.unwrap_or(0) + 1),
            rotas::status.eq(status),
            rotas::created_at.eq(now),
            rotas::created_by.eq(created_by),
            rotas::published_at.eq(if status == "published" {
                Some(now)
            } else {
                None
            }),
        ))
        .execute(conn)?;
    let id = last_insert_id(conn)?;
    by_id(conn, id)?.ok_or(diesel::result::Error::NotFound)
}

/// Publishes a rota: earlier published versions of the same week and scope
/// become superseded.
pub fn publish(conn: &mut DbConnection, rota_id: i32) -> QueryResult<()> {
    let rota = by_id(conn, rota_id)?.ok_or(diesel::result::Error::NotFound)?;
    diesel::update(
        rotas::table
            .filter(rotas::week_start.eq(rota.week_start))
            .filter(rotas::scope.eq(&rota.scope))
            .filter(rotas::status.eq("published"))
            .filter(rotas::id.ne(rota_id)),
    )
    .set(rotas::status.eq("superseded"))
    .execute(conn)?;
    diesel::update(rotas::table.find(rota_id))
        .set((
            rotas::status.eq("published"),
            rotas::published_at.eq(Some(now_utc())),
        ))
        .execute(conn)?;
    Ok(())
}

/// Replaces a rota's shifts.
pub fn replace_shifts(
    conn: &mut DbConnection,
    rota_id: i32,
    shifts: &[NewShift],
) -> QueryResult<()> {
    diesel::delete(rota_shifts::table.filter(rota_shifts::rota_id.eq(rota_id))).execute(conn)?;
    for s in shifts {
        diesel::insert_into(rota_shifts::table)
            .values((
                rota_shifts::rota_id.eq(rota_id),
                rota_shifts::volunteer_id.eq(s.volunteer_id),
                rota_shifts::centre_id.eq(s.centre_id),
                rota_shifts::skill_id.eq(s.skill_id),
                rota_shifts::role.eq(s.role),
                rota_shifts::start_utc.eq(s.start_utc),
                rota_shifts::end_utc.eq(s.end_utc),
                rota_shifts::locked.eq(s.locked),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn shifts_of(conn: &mut DbConnection, rota_id: i32) -> QueryResult<Vec<RotaShift>> {
    rota_shifts::table
        .filter(rota_shifts::rota_id.eq(rota_id))
        .order((rota_shifts::start_utc, rota_shifts::id))
        .select(RotaShift::as_select())
        .load(conn)
}

/// Shifts of the currently published rotas of a week (any scope).
pub fn published_shifts_of_week(
    conn: &mut DbConnection,
    week_start: NaiveDate,
) -> QueryResult<Vec<RotaShift>> {
    rota_shifts::table
        .inner_join(rotas::table)
        .filter(rotas::week_start.eq(week_start))
        .filter(rotas::status.eq("published"))
        .order((rota_shifts::start_utc, rota_shifts::id))
        .select(RotaShift::as_select())
        .load(conn)
}
