//! `skill_prerequisites`, `training_path_steps`: what a skill requires and
//! the path from trainee to qualified (course → mentored minutes → sign-off).

use diesel::prelude::*;

use super::schema::{skill_prerequisites, training_path_steps};
use super::DbConnection;
use crate::domain::training_status::PathStep;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = training_path_steps)]
pub struct PathStepRow {
    pub id: i32,
    pub skill_id: i32,
    pub position: i32,
    pub kind: String,
    pub mentored_minutes: Option<i32>,
}

impl PathStepRow {
    pub fn step(&self) -> Option<PathStep> {
        PathStep::parse(&self.kind, self.mentored_minutes)
    }
}

/// Every (skill, required skill) pair.
pub fn all_prerequisites(conn: &mut DbConnection) -> QueryResult<Vec<(i32, i32)>> {
    skill_prerequisites::table
        .order((
            skill_prerequisites::skill_id,
            skill_prerequisites::requires_skill_id,
        ))
        .select((
            skill_prerequisites::skill_id,
            skill_prerequisites::requires_skill_id,
        ))
        .load(conn)
}

/// Every path step, by skill then position.
pub fn all_steps(conn: &mut DbConnection) -> QueryResult<Vec<PathStepRow>> {
    training_path_steps::table
        .order((training_path_steps::skill_id, training_path_steps::position))
        .select(PathStepRow::as_select())
        .load(conn)
}

/// The path of one skill, in order.
pub fn path_of(conn: &mut DbConnection, skill_id: i32) -> QueryResult<Vec<PathStep>> {
    Ok(training_path_steps::table
        .filter(training_path_steps::skill_id.eq(skill_id))
        .order(training_path_steps::position)
        .select(PathStepRow::as_select())
        .load(conn)?
        .iter()
        .filter_map(PathStepRow::step)
        .collect())
}

/// Replaces the prerequisites and the path of `skill_id` (call inside a
/// transaction).
pub fn replace(
    conn: &mut DbConnection,
    skill_id: i32,
    requires: &[i32],
    path: &[PathStep],
) -> QueryResult<()> {
    diesel::delete(skill_prerequisites::table.filter(skill_prerequisites::skill_id.eq(skill_id)))
        .execute(conn)?;
    for r in requires {
        diesel::insert_into(skill_prerequisites::table)
            .values((
                skill_prerequisites::skill_id.eq(skill_id),
                skill_prerequisites::requires_skill_id.eq(r),
            ))
            .execute(conn)?;
    }
    diesel::delete(training_path_steps::table.filter(training_path_steps::skill_id.eq(skill_id)))
        .execute(conn)?;
    for (i, step) in path.iter().enumerate() {
        let minutes = match step {
            PathStep::Mentored { minutes } => i32::try_from(*minutes).ok(),
            _ => None,
        };
        diesel::insert_into(training_path_steps::table)
            .values((
                training_path_steps::skill_id.eq(skill_id),
                training_path_steps::position.eq(i32::try_from(i).unwrap_or(i32::MAX)),
                training_path_steps::kind.eq(step.kind()),
                training_path_steps::mentored_minutes.eq(minutes),
            ))
            .execute(conn)?;
    }
    Ok(())
}
