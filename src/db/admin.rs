//! Queries of the administrator pages: editing centres and skills by id,
//! and the list of who coordinates which centre.

use diesel::prelude::*;

use super::centres::Centre;
use super::schema::{centres, coordinator_centres, skills, users};
use super::skills::Skill;
use super::DbConnection;

/// Fields of a centre as entered on the form.
#[derive(Debug, Clone, PartialEq)]
pub struct CentreFields {
    pub code: String,
    pub name: String,
    pub timezone: String,
    pub fixed_sessions: bool,
}

/// Inserts a centre; returns the stored row.
pub fn create_centre(conn: &mut DbConnection, f: &CentreFields) -> QueryResult<Centre> {
    diesel::insert_into(centres::table)
        .values((
            centres::code.eq(&f.code),
            centres::name.eq(&f.name),
            centres::timezone.eq(&f.timezone),
            centres::fixed_sessions.eq(f.fixed_sessions),
        ))
        .execute(conn)?;
    super::centres::by_code(conn, &f.code)?.ok_or(diesel::result::Error::NotFound)
}

/// Rewrites every field of centre `id` (its code included).
pub fn update_centre(conn: &mut DbConnection, id: i32, f: &CentreFields) -> QueryResult<()> {
    diesel::update(centres::table.find(id))
        .set((
            centres::code.eq(&f.code),
            centres::name.eq(&f.name),
            centres::timezone.eq(&f.timezone),
            centres::fixed_sessions.eq(f.fixed_sessions),
        ))
        .execute(conn)?;
    Ok(())
}

/// Fields of a skill as entered on the form.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillFields {
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub validity_months: Option<i32>,
}

pub fn skill_by_id(conn: &mut DbConnection, id: i32) -> QueryResult<Option<Skill>> {
    skills::table
        .find(id)
        .select(Skill::as_select())
        .first(conn)
        .optional()
}

/// Inserts a skill; returns the stored row.
pub fn create_skill(conn: &mut DbConnection, f: &SkillFields) -> QueryResult<Skill> {
    diesel::insert_into(skills::table)
        .values((
            skills::code.eq(&f.code),
            skills::name_fr.eq(&f.name_fr),
            skills::name_en.eq(&f.name_en),
            skills::validity_months.eq(f.validity_months),
        ))
        .execute(conn)?;
    super::skills::by_code(conn, &f.code)?.ok_or(diesel::result::Error::NotFound)
}

/// Rewrites every field of skill `id`, validity included.
pub fn update_skill(conn: &mut DbConnection, id: i32, f: &SkillFields) -> QueryResult<()> {
    diesel::update(skills::table.find(id))
        .set((
            skills::code.eq(&f.code),
            skills::name_fr.eq(&f.name_fr),
            skills::name_en.eq(&f.name_en),
            skills::validity_months.eq(f.validity_months),
        ))
        .execute(conn)?;
    Ok(())
}

/// One coordinator of one centre, for the administrator's list.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct CoordinatorRow {
    pub user_id: i32,
    pub display_name: String,
    pub email: Option<String>,
    pub centre_id: i32,
    pub centre_code: String,
    pub centre_name: String,
}

/// Every (coordinator, centre) pair, by centre code then name.
pub fn coordinators(conn: &mut DbConnection) -> QueryResult<Vec<CoordinatorRow>> {
    coordinator_centres::table
        .inner_join(users::table)
        .inner_join(centres::table)
        .order((centres::code, users::display_name, users::id))
        .select((
            users::id,
            users::display_name,
            users::email,
            centres::id,
            centres::code,
            centres::name,
        ))
        .load(conn)
}

/// Whether `user_id` coordinates `centre_id`.
pub fn is_coordinator_of(
    conn: &mut DbConnection,
    user_id: i32,
    centre_id: i32,
) -> QueryResult<bool> {
    Ok(coordinator_centres::table
        .filter(coordinator_centres::user_id.eq(user_id))
        .filter(coordinator_centres::centre_id.eq(centre_id))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}
