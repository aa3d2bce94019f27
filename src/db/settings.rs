//! `org_settings`: the organisation's single settings row (id = 1).

use diesel::prelude::*;

use super::schema::org_settings;
use super::DbConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = org_settings)]
pub struct OrgSettings {
    pub id: i32,
    pub organisation_name: String,
    pub default_timezone: String,
    pub slot_minutes: i32,
    pub service_level_target: f64,
    pub answer_within_seconds: i32,
    pub min_shift_minutes: i32,
    pub max_shift_minutes: i32,
    pub min_rest_minutes: i32,
    pub trainee_requires_mentor: bool,
    pub planning_horizon_weeks: i32,
}

/// Reads the settings row (the migrations insert it).
pub fn get(conn: &mut DbConnection) -> QueryResult<OrgSettings> {
    org_settings::table
        .find(1)
        .select(OrgSettings::as_select())
        .first(conn)
}

/// Writes every field of the settings row.
pub fn update(conn: &mut DbConnection, s: &OrgSettings) -> QueryResult<()> {
    let mut row = s.clone();
    row.id = 1;
    diesel::update(org_settings::table.find(1))
        .set(&row)
        .execute(conn)?;
    Ok(())
}
