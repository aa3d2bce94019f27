//! Read-only queries over PUBLISHED shifts (rows of `rota_shifts` whose rota
//! is `published`) for "Mes astreintes", the personal calendar feed and the
//! telephony API; and the publication history of a volunteer's shifts (for
//! the feed's SEQUENCE / LAST-MODIFIED).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{centres, rota_shifts, rotas, skills, users, volunteers};
use super::DbConnection;

/// A published shift with what pages and feeds show about it.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedShift {
    pub shift_id: i32,
    pub rota_id: i32,
    pub week_start: NaiveDate,
    pub scope: String,
    pub published_at: Option<NaiveDateTime>,
    pub volunteer_id: i32,
    pub centre_id: i32,
    pub centre_code: String,
    pub centre_name: String,
    pub timezone: String,
    pub skill_id: i32,
    pub skill_code: String,
    pub skill_name_fr: String,
    pub skill_name_en: String,
    pub role: String,
    pub start_utc: NaiveDateTime,
    pub end_utc: NaiveDateTime,
}

type Row = (
    (
        i32,
        i32,
        i32,
        i32,
        i32,
        String,
        NaiveDateTime,
        NaiveDateTime,
    ),
    (NaiveDate, String, Option<NaiveDateTime>),
    (String, String, String),
    (String, String, String),
);

fn from_row(r: Row) -> PublishedShift {
    let (
        (shift_id, rota_id, volunteer_id, centre_id, skill_id, role, start_utc, end_utc),
        rota,
        c,
        s,
    ) = r;
    PublishedShift {
        shift_id,
        rota_id,
        week_start: rota.0,
        scope: rota.1,
        published_at: rota.2,
        volunteer_id,
        centre_id,
        centre_code: c.0,
        centre_name: c.1,
        timezone: c.2,
        skill_id,
        skill_code: s.0,
        skill_name_fr: s.1,
        skill_name_en: s.2,
        role,
        start_utc,
        end_utc,
    }
}

macro_rules! shift_query {
    () => {
        rota_shifts::table
            .inner_join(rotas::table)
            .inner_join(centres::table)
            .inner_join(skills::table)
            .select((
                (
                    rota_shifts::id,
                    rota_shifts::rota_id,
                    rota_shifts::volunteer_id,
                    rota_shifts::centre_id,
                    rota_shifts::skill_id,
                    rota_shifts::role,
                    rota_shifts::start_utc,
                    rota_shifts::end_utc,
                ),
                (rotas::week_start, rotas::scope, rotas::published_at),
                (centres::code, centres::name, centres::timezone),
                (skills::code, skills::name_fr, skills::name_en),
            ))
    };
}

/// The volunteer's published shifts ending after `from` (and starting before
/// `to` when given), by start.
pub fn published_for_volunteer(
    conn: &mut DbConnection,
    volunteer_id: i32,
    from: NaiveDateTime,
    to: Option<NaiveDateTime>,
) -> QueryResult<Vec<PublishedShift>> {
    let mut q = shift_query!()
        .filter(rotas::status.eq("published"))
        .filter(rota_shifts::volunteer_id.eq(volunteer_id))
        .filter(rota_shifts::end_utc.gt(from))
        .into_boxed();
    if let Some(to) = to {
        q = q.filter(rota_shifts::start_utc.lt(to));
    }
    let rows: Vec<Row> = q
        .order((rota_shifts::start_utc, rota_shifts::id))
        .load(conn)?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// A rota version that was published at some time (still published, or
/// superseded since).
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedVersion {
    pub rota_id: i32,
    pub week_start: NaiveDate,
    pub scope: String,
    pub version: i32,
    pub published_at: NaiveDateTime,
}

/// Every version of these weeks that was ever published, oldest publication first.
pub fn published_versions(
    conn: &mut DbConnection,
    weeks: &[NaiveDate],
) -> QueryResult<Vec<PublishedVersion>> {
    if weeks.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i32, NaiveDate, String, i32, Option<NaiveDateTime>)> = rotas::table
        .filter(rotas::week_start.eq_any(weeks))
        .filter(rotas::published_at.is_not_null())
        .filter(rotas::status.eq_any(["published", "superseded"]))
        .order((rotas::published_at, rotas::version, rotas::id))
        .select((
            rotas::id,
            rotas::week_start,
            rotas::scope,
            rotas::version,
            rotas::published_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(rota_id, week_start, scope, version, at)| {
            Some(PublishedVersion {
                rota_id,
                week_start,
                scope,
                version,
                published_at: at?,
            })
        })
        .collect())
}

/// The volunteer's shifts in the given rota versions (any status), by start.
pub fn volunteer_shifts_in(
    conn: &mut DbConnection,
    volunteer_id: i32,
    rota_ids: &[i32],
) -> QueryResult<Vec<PublishedShift>> {
    if rota_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<Row> = shift_query!()
        .filter(rota_shifts::volunteer_id.eq(volunteer_id))
        .filter(rota_shifts::rota_id.eq_any(rota_ids))
        .order((rota_shifts::start_utc, rota_shifts::id))
        .load(conn)?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// Someone on a published shift at a centre: for the binôme and the
/// telephony API.
#[derive(Debug, Clone, PartialEq)]
pub struct OnDuty {
    pub shift_id: i32,
    pub volunteer_id: i32,
    pub display_name: String,
    pub phone: Option<String>,
    pub centre_id: i32,
    pub skill_id: i32,
    pub skill_code: String,
    pub role: String,
    pub start_utc: NaiveDateTime,
    pub end_utc: NaiveDateTime,
}

type DutyRow = (
    i32,
    i32,
    String,
    Option<String>,
    i32,
    i32,
    String,
    String,
    NaiveDateTime,
    NaiveDateTime,
);

fn duty(r: DutyRow) -> OnDuty {
    OnDuty {
        shift_id: r.0,
        volunteer_id: r.1,
        display_name: r.2,
        phone: r.3,
        centre_id: r.4,
        skill_id: r.5,
        skill_code: r.6,
        role: r.7,
        start_utc: r.8,
        end_utc: r.9,
    }
}

macro_rules! duty_query {
    () => {
        rota_shifts::table
            .inner_join(rotas::table)
            .inner_join(volunteers::table.inner_join(users::table))
            .inner_join(skills::table)
            .filter(rotas::status.eq("published"))
            .select((
                rota_shifts::id,
                rota_shifts::volunteer_id,
                users::display_name,
                users::phone,
                rota_shifts::centre_id,
                rota_shifts::skill_id,
                skills::code,
                rota_shifts::role,
                rota_shifts::start_utc,
                rota_shifts::end_utc,
            ))
    };
}

/// Published shifts at these centres overlapping `[from, to)`, by start
/// (optionally of one skill only).
pub fn on_duty_between(
    conn: &mut DbConnection,
    centre_ids: &[i32],
    skill_id: Option<i32>,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<Vec<OnDuty>> {
    if centre_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = duty_query!()
        .filter(rota_shifts::centre_id.eq_any(centre_ids))
        .filter(rota_shifts::start_utc.lt(to))
        .filter(rota_shifts::end_utc.gt(from))
        .into_boxed();
    if let Some(skill) = skill_id {
        q = q.filter(rota_shifts::skill_id.eq(skill));
    }
    let rows: Vec<DutyRow> = q
        .order((rota_shifts::start_utc, rota_shifts::id))
        .load(conn)?;
    Ok(rows.into_iter().map(duty).collect())
}

/// The published shifts of a centre and skill that begin at the first start
/// instant strictly after `at` (the next hand-over).
pub fn next_on_duty(
    conn: &mut DbConnection,
    centre_id: i32,
    skill_id: i32,
    at: NaiveDateTime,
) -> QueryResult<Vec<OnDuty>> {
    let first: Option<NaiveDateTime> = rota_shifts::table
        .inner_join(rotas::table)
        .filter(rotas::status.eq("published"))
        .filter(rota_shifts::centre_id.eq(centre_id))
        .filter(rota_shifts::skill_id.eq(skill_id))
        .filter(rota_shifts::start_utc.gt(at))
        .select(diesel::dsl::min(rota_shifts::start_utc))
        .first(conn)?;
    let Some(first) = first else {
        return Ok(Vec::new());
    };
    let rows: Vec<DutyRow> = duty_query!()
        .filter(rota_shifts::centre_id.eq(centre_id))
        .filter(rota_shifts::skill_id.eq(skill_id))
        .filter(rota_shifts::start_utc.eq(first))
        .order((rota_shifts::start_utc, rota_shifts::id))
        .load(conn)?;
    Ok(rows.into_iter().map(duty).collect())
}
