//! Writes of the demand editor: a weekday's hourly call profile for one
//! skill, and fixed sessions (a shift template plus a demand row with the
//! minimum staff). Call inside a transaction.

use diesel::prelude::*;

use super::demand::{insert_demand, insert_template, NewDemand, When};
use super::schema::{demand_profiles, shift_templates};
use super::DbConnection;

/// One hour of a call profile: calls per hour and mean handling time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HourDemand {
    pub hour: i32,
    pub calls_per_hour: f64,
    pub aht_minutes: f64,
}

/// Replaces the weekly Erlang C rows (no date, no fixed staff) of a centre,
/// skill and weekday with one row per given hour.
pub fn replace_profile(
    conn: &mut DbConnection,
    centre_id: i32,
    skill_id: i32,
    weekday: i32,
    hours: &[HourDemand],
) -> QueryResult<()> {
    diesel::delete(
        demand_profiles::table
            .filter(demand_profiles::centre_id.eq(centre_id))
            .filter(demand_profiles::skill_id.eq(skill_id))
            .filter(demand_profiles::weekday.eq(weekday))
            .filter(demand_profiles::on_date.is_null())
            .filter(demand_profiles::start_utc.is_null())
            .filter(demand_profiles::required.is_null()),
    )
    .execute(conn)?;
    for h in hours {
        insert_demand(
            conn,
            &NewDemand {
                centre_id,
                skill_id,
                when: weekly(weekday, h.hour * 60, h.hour * 60 + 60),
                calls_per_hour: Some(h.calls_per_hour),
                aht_minutes: Some(h.aht_minutes),
                required: None,
            },
        )?;
    }
    Ok(())
}

fn weekly(weekday: i32, start_minute: i32, end_minute: i32) -> When {
    When {
        weekday,
        start_minute,
        end_minute,
        on_date: None,
        start_utc: None,
        end_utc: None,
    }
}

/// A fixed session: weekday, local minutes (end past 1440 for nights), skill, minimum staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    pub weekday: i32,
    pub start_minute: i32,
    pub end_minute: i32,
    pub skill_id: i32,
    pub required: i32,
}

/// Adds a session: its template (unless the centre has the same one) and its demand row.
pub fn add_session(conn: &mut DbConnection, centre_id: i32, s: &Session) -> QueryResult<()> {
    let w = weekly(s.weekday, s.start_minute, s.end_minute);
    let same: i64 = shift_templates::table
        .filter(shift_templates::centre_id.eq(centre_id))
        .filter(shift_templates::weekday.eq(s.weekday))
        .filter(shift_templates::start_minute.eq(s.start_minute))
        .filter(shift_templates::end_minute.eq(s.end_minute))
        .filter(shift_templates::on_date.is_null())
        .filter(shift_templates::start_utc.is_null())
        .count()
        .get_result(conn)?;
    if same == 0 {
        insert_template(conn, centre_id, &w)?;
    }
    insert_demand(
        conn,
        &NewDemand {
            centre_id,
            skill_id: s.skill_id,
            when: w,
            calls_per_hour: None,
            aht_minutes: None,
            required: Some(s.required),
        },
    )
}

/// Removes the session whose demand row is `demand_id` (of `centre_id`),
/// and its template when no other fixed demand row uses it.
pub fn remove_session(conn: &mut DbConnection, centre_id: i32, demand_id: i32) -> QueryResult<()> {
    let row: Option<(i32, i32, i32)> = demand_profiles::table
        .filter(demand_profiles::id.eq(demand_id))
        .filter(demand_profiles::centre_id.eq(centre_id))
        .filter(demand_profiles::required.is_not_null())
        .select((
            demand_profiles::weekday,
            demand_profiles::start_minute,
            demand_profiles::end_minute,
        ))
        .first(conn)
        .optional()?;
    let Some((weekday, start, end)) = row else {
        return Ok(());
    };
    diesel::delete(demand_profiles::table.find(demand_id)).execute(conn)?;
    let still_used: i64 = demand_profiles::table
        .filter(demand_profiles::centre_id.eq(centre_id))
        .filter(demand_profiles::weekday.eq(weekday))
        .filter(demand_profiles::start_minute.eq(start))
        .filter(demand_profiles::end_minute.eq(end))
        .filter(demand_profiles::on_date.is_null())
        .filter(demand_profiles::required.is_not_null())
        .count()
        .get_result(conn)?;
    if still_used == 0 {
        diesel::delete(
            shift_templates::table
                .filter(shift_templates::centre_id.eq(centre_id))
                .filter(shift_templates::weekday.eq(weekday))
                .filter(shift_templates::start_minute.eq(start))
                .filter(shift_templates::end_minute.eq(end))
                .filter(shift_templates::on_date.is_null()),
        )
        .execute(conn)?;
    }
    Ok(())
}
