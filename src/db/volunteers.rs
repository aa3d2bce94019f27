//! `volunteers`, `volunteer_centres`, `qualifications`, `trainees`: who may
//! serve where, with which skills, within which limits.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::schema::{qualifications, trainees, volunteer_centres, volunteers};
use super::DbConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = volunteers)]
pub struct Volunteer {
    pub id: i32,
    pub user_id: i32,
    pub external_id: String,
    pub max_minutes_week: Option<i32>,
    pub max_shifts_week: Option<i32>,
    pub min_minutes_month: Option<i32>,
    pub training_minutes_target: i32,
    pub status: String,
    pub left_on: Option<NaiveDate>,
}

/// Limits and training target of a volunteer (the updatable part).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Commitment {
    pub max_minutes_week: Option<i32>,
    pub max_shifts_week: Option<i32>,
    pub min_minutes_month: Option<i32>,
    pub training_minutes_target: i32,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = qualifications)]
pub struct QualificationRow {
    pub id: i32,
    pub volunteer_id: i32,
    pub skill_id: i32,
    pub obtained_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = trainees)]
pub struct TraineeRow {
    pub id: i32,
    pub volunteer_id: i32,
    pub skill_id: i32,
    pub target_mentored_minutes: i32,
    pub started_on: Option<NaiveDate>,
}

pub fn by_external_id(conn: &mut DbConnection, ext: &str) -> QueryResult<Option<Volunteer>> {
    volunteers::table
        .filter(volunteers::external_id.eq(ext))
        .select(Volunteer::as_select())
        .first(conn)
        .optional()
}

pub fn by_user_id(conn: &mut DbConnection, user_id: i32) -> QueryResult<Option<Volunteer>> {
    volunteers::table
        .filter(volunteers::user_id.eq(user_id))
        .select(Volunteer::as_select())
        .first(conn)
        .optional()
}

pub fn by_id(conn: &mut DbConnection, id: i32) -> QueryResult<Option<Volunteer>> {
    volunteers::table
        .find(id)
        .select(Volunteer::as_select())
        .first(conn)
        .optional()
}

/// Every volunteer, by id.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Volunteer>> {
    volunteers::table
        .order(volunteers::id)
        .select(Volunteer::as_select())
        .load(conn)
}

/// Creates the volunteer row for `user_id`, or updates the commitment of the
/// one with this external id. Returns the stored row.
pub fn upsert(
    conn: &mut DbConnection,
    user_id: i32,
    external_id: &str,
    c: &Commitment,
) -> QueryResult<Volunteer> {
    let values = (
        volunteers::max_minutes_week.eq(c.max_minutes_week),
        volunteers::max_shifts_week.eq(c.max_shifts_week),
        volunteers::min_minutes_month.eq(c.min_minutes_month),
        volunteers::training_minutes_target.eq(c.training_minutes_target),
    );
    match by_external_id(conn, external_id)? {
        Some(v) => {
            diesel::update(volunteers::table.find(v.id))
                .set(values)
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(volunteers::table)
                .values((
                    volunteers::user_id.eq(user_id),
                    volunteers::external_id.eq(external_id),
                    volunteers::status.eq("active"),
                    values,
                ))
                .execute(conn)?;
        }
    }
    by_external_id(conn, external_id)?.ok_or(diesel::result::Error::NotFound)
}

pub fn set_status(
    conn: &mut DbConnection,
    id: i32,
    status: &str,
    left_on: Option<NaiveDate>,
) -> QueryResult<()> {
    diesel::update(volunteers::table.find(id))
        .set((
            volunteers::status.eq(status),
            volunteers::left_on.eq(left_on),
        ))
        .execute(conn)?;
    Ok(())
}

/// Replaces the volunteer's centres; the first one is the home centre.
pub fn set_centres(
    conn: &mut DbConnection,
    volunteer_id: i32,
    centre_ids: &[i32],
) -> QueryResult<()> {
    diesel::delete(
        volunteer_centres::table.filter(volunteer_centres::volunteer_id.eq(volunteer_id)),
    )
    .execute(conn)?;
    for (pos, cid) in centre_ids.iter().enumerate() {
        diesel::insert_into(volunteer_centres::table)
            .values((
                volunteer_centres::volunteer_id.eq(volunteer_id),
                volunteer_centres::centre_id.eq(cid),
                volunteer_centres::position.eq(pos as i32),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// (volunteer_id, centre_id) pairs ordered by volunteer then position.
pub fn all_centre_links(conn: &mut DbConnection) -> QueryResult<Vec<(i32, i32)>> {
    volunteer_centres::table
        .order((volunteer_centres::volunteer_id, volunteer_centres::position))
        .select((
            volunteer_centres::volunteer_id,
            volunteer_centres::centre_id,
        ))
        .load(conn)
}

/// Centre ids of one volunteer, home centre first.
pub fn centres_of(conn: &mut DbConnection, volunteer_id: i32) -> QueryResult<Vec<i32>> {
    volunteer_centres::table
        .filter(volunteer_centres::volunteer_id.eq(volunteer_id))
        .order(volunteer_centres::position)
        .select(volunteer_centres::centre_id)
        .load(conn)
}

/// Replaces the volunteer's qualifications with (skill, obtained, valid until).
pub fn replace_qualifications(
    conn: &mut DbConnection,
    volunteer_id: i32,
    quals: &[(i32, Option<NaiveDate>, Option<NaiveDate>)],
) -> QueryResult<()> {
    diesel::delete(qualifications::table.filter(qualifications::volunteer_id.eq(volunteer_id)))
        .execute(conn)?;
    for (skill_id, obtained, until) in quals {
        diesel::insert_into(qualifications::table)
            .values((
                qualifications::volunteer_id.eq(volunteer_id),
                qualifications::skill_id.eq(skill_id),
                qualifications::obtained_on.eq(obtained),
                qualifications::valid_until.eq(until),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn all_qualifications(conn: &mut DbConnection) -> QueryResult<Vec<QualificationRow>> {
    qualifications::table
        .order(qualifications::id)
        .select(QualificationRow::as_select())
        .load(conn)
}

/// Replaces the skills the volunteer is a trainee for (skill, mentored-minutes target).
pub fn replace_trainee_skills(
    conn: &mut DbConnection,
    volunteer_id: i32,
    skills: &[(i32, i32)],
) -> QueryResult<()> {
    diesel::delete(trainees::table.filter(trainees::volunteer_id.eq(volunteer_id)))
        .execute(conn)?;
    for (skill_id, target) in skills {
        diesel::insert_into(trainees::table)
            .values((
                trainees::volunteer_id.eq(volunteer_id),
                trainees::skill_id.eq(skill_id),
                trainees::target_mentored_minutes.eq(target),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn all_trainees(conn: &mut DbConnection) -> QueryResult<Vec<TraineeRow>> {
    trainees::table
        .order(trainees::id)
        .select(TraineeRow::as_select())
        .load(conn)
}
