//! Queries behind the volunteer's own pages ("Mes disponibilités", "Ma
//! formation", "Mon profil"): every function takes the volunteer or user id
//! of the signed-in account, never an id from the request alone.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{
    availability_exceptions, centres, org_settings, qualifications, rota_shifts, rotas, skills,
    trainees, users, volunteer_centres, volunteers,
};
use super::DbConnection;

/// The home centre's time zone (position 0), else the organisation's
/// default, as stored (a tz database name).
pub fn home_timezone(conn: &mut DbConnection, volunteer_id: i32) -> QueryResult<String> {
    let home: Option<String> = volunteer_centres::table
        .inner_join(centres::table)
        .filter(volunteer_centres::volunteer_id.eq(volunteer_id))
        .order(volunteer_centres::position)
        .select(centres::timezone)
        .first(conn)
        .optional()?;
    match home {
        Some(tz) => Ok(tz),
        None => org_settings::table
            .find(1)
            .select(org_settings::default_timezone)
            .first(conn),
    }
}

/// Deletes one exception if it belongs to the volunteer; returns the count (0 or 1).
pub fn delete_own_exception(
    conn: &mut DbConnection,
    volunteer_id: i32,
    exception_id: i32,
) -> QueryResult<usize> {
    diesel::delete(
        availability_exceptions::table
            .filter(availability_exceptions::id.eq(exception_id))
            .filter(availability_exceptions::volunteer_id.eq(volunteer_id)),
    )
    .execute(conn)
}

/// A qualification with its skill's names.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct OwnQualification {
    pub name_fr: String,
    pub name_en: String,
    pub obtained_on: Option<chrono::NaiveDate>,
    pub valid_until: Option<chrono::NaiveDate>,
}

pub fn qualifications_of(
    conn: &mut DbConnection,
    volunteer_id: i32,
) -> QueryResult<Vec<OwnQualification>> {
    qualifications::table
        .inner_join(skills::table)
        .filter(qualifications::volunteer_id.eq(volunteer_id))
        .order((skills::id, qualifications::id))
        .select((
            skills::name_fr,
            skills::name_en,
            qualifications::obtained_on,
            qualifications::valid_until,
        ))
        .load(conn)
}

/// A skill the volunteer is training for.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct OwnTraining {
    pub skill_id: i32,
    pub name_fr: String,
    pub name_en: String,
    pub target_mentored_minutes: i32,
    pub started_on: Option<chrono::NaiveDate>,
}

pub fn trainings_of(conn: &mut DbConnection, volunteer_id: i32) -> QueryResult<Vec<OwnTraining>> {
    trainees::table
        .inner_join(skills::table)
        .filter(trainees::volunteer_id.eq(volunteer_id))
        .order(skills::id)
        .select((
            trainees::skill_id,
            skills::name_fr,
            skills::name_en,
            trainees::target_mentored_minutes,
            trainees::started_on,
        ))
        .load(conn)
}

/// (skill, start, end) of the volunteer's trainee shifts in published rotas.
pub fn published_trainee_shifts(
    conn: &mut DbConnection,
    volunteer_id: i32,
) -> QueryResult<Vec<(i32, NaiveDateTime, NaiveDateTime)>> {
    rota_shifts::table
        .inner_join(rotas::table)
        .filter(rotas::status.eq("published"))
        .filter(rota_shifts::volunteer_id.eq(volunteer_id))
        .filter(rota_shifts::role.eq("trainee"))
        .select((
            rota_shifts::skill_id,
            rota_shifts::start_utc,
            rota_shifts::end_utc,
        ))
        .load(conn)
}

/// What "Mon profil" changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileUpdate {
    pub display_name: String,
    pub phone: Option<String>,
    pub lang: &'static str,
    pub max_minutes_week: Option<i32>,
    pub max_shifts_week: Option<i32>,
    pub min_minutes_month: Option<i32>,
}

/// Writes the profile of `user_id` and the commitment of its volunteer row
/// in one transaction.
pub fn save_profile(
    conn: &mut DbConnection,
    user_id: i32,
    volunteer_id: i32,
    p: &ProfileUpdate,
) -> QueryResult<()> {
    conn.write_transaction(|conn| {
        diesel::update(users::table.find(user_id))
            .set((
                users::display_name.eq(&p.display_name),
                users::phone.eq(p.phone.as_deref()),
                users::lang.eq(p.lang),
            ))
            .execute(conn)?;
        diesel::update(
            volunteers::table
                .find(volunteer_id)
                .filter(volunteers::user_id.eq(user_id)),
        )
        .set((
            volunteers::max_minutes_week.eq(p.max_minutes_week),
            volunteers::max_shifts_week.eq(p.max_shifts_week),
            volunteers::min_minutes_month.eq(p.min_minutes_month),
        ))
        .execute(conn)?;
        Ok(())
    })
}
