//! `demand_profiles` and `shift_templates`: what each centre needs per
//! weekday and local time, and its fixed sessions.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{demand_profiles, shift_templates};
use super::DbConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = demand_profiles)]
pub struct DemandRow {
    pub id: i32,
    pub centre_id: i32,
    pub skill_id: i32,
    pub weekday: i32,
    pub start_minute: i32,
    pub end_minute: i32,
    pub calls_per_hour: Option<f64>,
    pub aht_minutes: Option<f64>,
    pub required: Option<i32>,
    pub on_date: Option<NaiveDate>,
    pub start_utc: Option<NaiveDateTime>,
    pub end_utc: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = shift_templates)]
pub struct TemplateRow {
    pub id: i32,
    pub centre_id: i32,
    pub weekday: i32,
    pub start_minute: i32,
    pub end_minute: i32,
    pub on_date: Option<NaiveDate>,
    pub start_utc: Option<NaiveDateTime>,
    pub end_utc: Option<NaiveDateTime>,
}

/// When a demand row or template applies: every week on a weekday at local
/// minutes, or once (a date with local minutes, or exact instants).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct When {
    pub weekday: i32,
    pub start_minute: i32,
    pub end_minute: i32,
    pub on_date: Option<NaiveDate>,
    pub start_utc: Option<NaiveDateTime>,
    pub end_utc: Option<NaiveDateTime>,
}

/// Demand to store.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewDemand {
    pub centre_id: i32,
    pub skill_id: i32,
    pub when: When,
    pub calls_per_hour: Option<f64>,
    pub aht_minutes: Option<f64>,
    pub required: Option<i32>,
}

pub fn insert_demand(conn: &mut DbConnection, d: &NewDemand) -> QueryResult<()> {
    diesel::insert_into(demand_profiles::table)
        .values((
            demand_profiles::centre_id.eq(d.centre_id),
            demand_profiles::skill_id.eq(d.skill_id),
            demand_profiles::weekday.eq(d.when.weekday),
            demand_profiles::start_minute.eq(d.when.start_minute),
            demand_profiles::end_minute.eq(d.when.end_minute),
            demand_profiles::calls_per_hour.eq(d.calls_per_hour),
            demand_profiles::aht_minutes.eq(d.aht_minutes),
            demand_profiles::required.eq(d.required),
            demand_profiles::on_date.eq(d.when.on_date),
            demand_profiles::start_utc.eq(d.when.start_utc),
            demand_profiles::end_utc.eq(d.when.end_utc),
        ))
        .execute(conn)?;
    Ok(())
}

/// Deletes a centre's whole demand profile (weekly and dated rows).
pub fn clear_demand(conn: &mut DbConnection, centre_id: i32) -> QueryResult<usize> {
    diesel::delete(demand_profiles::table.filter(demand_profiles::centre_id.eq(centre_id)))
        .execute(conn)
}

pub fn demand_of_centres(
    conn: &mut DbConnection,
    centre_ids: &[i32],
) -> QueryResult<Vec<DemandRow>> {
    demand_profiles::table
        .filter(demand_profiles::centre_id.eq_any(centre_ids))
        .order(demand_profiles::id)
        .select(DemandRow::as_select())
        .load(conn)
}

pub fn insert_template(conn: &mut DbConnection, centre_id: i32, w: &When) -> QueryResult<()> {
    diesel::insert_into(shift_templates::table)
        .values((
            shift_templates::centre_id.eq(centre_id),
            shift_templates::weekday.eq(w.weekday),
            shift_templates::start_minute.eq(w.start_minute),
            shift_templates::end_minute.eq(w.end_minute),
            shift_templates::on_date.eq(w.on_date),
            shift_templates::start_utc.eq(w.start_utc),
            shift_templates::end_utc.eq(w.end_utc),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn clear_templates(conn: &mut DbConnection, centre_id: i32) -> QueryResult<usize> {
    diesel::delete(shift_templates::table.filter(shift_templates::centre_id.eq(centre_id)))
        .execute(conn)
}

pub fn templates_of_centres(
    conn: &mut DbConnection,
    centre_ids: &[i32],
) -> QueryResult<Vec<TemplateRow>> {
    shift_templates::table
        .filter(shift_templates::centre_id.eq_any(centre_ids))
        .order(shift_templates::id)
        .select(TemplateRow::as_select())
        .load(conn)
}

impl DemandRow {
    pub fn when(&self) -> When {
        When {
            weekday: self.weekday,
            start_minute: self.start_minute,
            end_minute: self.end_minute,
            on_date: self.on_date,
            start_utc: self.start_utc,
            end_utc: self.end_utc,
        }
    }
}

impl TemplateRow {
    pub fn when(&self) -> When {
        When {
            weekday: self.weekday,
            start_minute: self.start_minute,
            end_minute: self.end_minute,
            on_date: self.on_date,
            start_utc: self.start_utc,
            end_utc: self.end_utc,
        }
    }
}
