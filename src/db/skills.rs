//! `skills`: qualification types (code, French and English names, validity).

use diesel::prelude::*;

use super::schema::skills;
use super::DbConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = skills)]
pub struct Skill {
    pub id: i32,
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub validity_months: Option<i32>,
}

/// All skills ordered by id (creation order).
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Skill>> {
    skills::table
        .order(skills::id)
        .select(Skill::as_select())
        .load(conn)
}

pub fn by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<Skill>> {
    skills::table
        .filter(skills::code.eq(code))
        .select(Skill::as_select())
        .first(conn)
        .optional()
}

/// Creates the skill or updates its names; `validity_months` is only set on
/// creation. Returns the stored row.
pub fn upsert(
    conn: &mut DbConnection,
    code: &str,
    name_fr: &str,
    name_en: &str,
) -> QueryResult<Skill> {
    match by_code(conn, code)? {
        Some(s) => {
            diesel::update(skills::table.find(s.id))
                .set((skills::name_fr.eq(name_fr), skills::name_en.eq(name_en)))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(skills::table)
                .values((
                    skills::code.eq(code),
                    skills::name_fr.eq(name_fr),
                    skills::name_en.eq(name_en),
                ))
                .execute(conn)?;
        }
    }
    by_code(conn, code)?.ok_or(diesel::result::Error::NotFound)
}
