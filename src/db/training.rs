//! `training_sessions`, `training_invitations`, `training_attendance`,
//! `training_signoffs`, and the writes attendance makes to `qualifications`
//! and `trainees` (which the rota solver reads).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{
    qualifications, rota_shifts, rotas, trainees, training_attendance, training_invitations,
    training_sessions, training_signoffs,
};
use super::{last_insert_id, now_utc, DbConnection};
use crate::domain::training_status::{PublishedShift, ShiftRole};

pub const INVITED: &str = "invited";
pub const ACCEPTED: &str = "accepted";
pub const DECLINED: &str = "declined";

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = training_sessions)]
pub struct SessionRow {
    pub id: i32,
    pub skill_id: i32,
    pub centre_id: i32,
    pub remote: bool,
    pub start_utc: NaiveDateTime,
    pub end_utc: NaiveDateTime,
    pub trainer: String,
    pub capacity: i32,
    pub grants: String,
    pub created_by: Option<i32>,
    pub created_at: NaiveDateTime,
}

/// The editable part of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFields {
    pub skill_id: i32,
    pub centre_id: i32,
    pub remote: bool,
    pub start_utc: NaiveDateTime,
    pub end_utc: NaiveDateTime,
    pub trainer: String,
    pub capacity: i32,
    /// `renew` or `grant`.
    pub grants: &'static str,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = training_invitations)]
pub struct InvitationRow {
    pub id: i32,
    pub session_id: i32,
    pub volunteer_id: i32,
    pub status: String,
    pub horizon: NaiveDate,
    pub created_at: NaiveDateTime,
    pub responded_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = training_attendance)]
pub struct AttendanceRow {
    pub id: i32,
    pub session_id: i32,
    pub volunteer_id: i32,
    pub attended: bool,
    pub recorded_by: Option<i32>,
    pub recorded_at: NaiveDateTime,
    pub previous_valid_until: Option<NaiveDate>,
    pub new_valid_until: Option<NaiveDate>,
}

pub fn create_session(
    conn: &mut DbConnection,
    f: &SessionFields,
    created_by: i32,
) -> QueryResult<i32> {
    diesel::insert_into(training_sessions::table)
        .values((
            training_sessions::skill_id.eq(f.skill_id),
            training_sessions::centre_id.eq(f.centre_id),
            training_sessions::remote.eq(f.remote),
            training_sessions::start_utc.eq(f.start_utc),
            training_sessions::end_utc.eq(f.end_utc),
            training_sessions::trainer.eq(&f.trainer),
            training_sessions::capacity.eq(f.capacity),
            training_sessions::grants.eq(f.grants),
            training_sessions::created_by.eq(Some(created_by)),
            training_sessions::created_at.eq(now_utc()),
        ))
        .execute(conn)?;
    last_insert_id(conn)
}

pub fn update_session(conn: &mut DbConnection, id: i32, f: &SessionFields) -> QueryResult<()> {
    diesel::update(training_sessions::table.find(id))
        .set((
            training_sessions::skill_id.eq(f.skill_id),
            training_sessions::centre_id.eq(f.centre_id),
            training_sessions::remote.eq(f.remote),
            training_sessions::start_utc.eq(f.start_utc),
            training_sessions::end_utc.eq(f.end_utc),
            training_sessions::trainer.eq(&f.trainer),
            training_sessions::capacity.eq(f.capacity),
            training_sessions::grants.eq(f.grants),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn delete_session(conn: &mut DbConnection, id: i32) -> QueryResult<()> {
    diesel::delete(training_sessions::table.find(id)).execute(conn)?;
    Ok(())
}

pub fn session(conn: &mut DbConnection, id: i32) -> QueryResult<Option<SessionRow>> {
    training_sessions::table
        .find(id)
        .select(SessionRow::as_select())
        .first(conn)
        .optional()
}

/// Sessions of the given centres (every centre when `None`), by start.
pub fn sessions_of(
    conn: &mut DbConnection,
    centres: Option<&[i32]>,
) -> QueryResult<Vec<SessionRow>> {
    let mut q = training_sessions::table.into_boxed();
    if let Some(c) = centres {
        q = q.filter(training_sessions::centre_id.eq_any(c.to_vec()));
    }
    q.order((training_sessions::start_utc, training_sessions::id))
        .select(SessionRow::as_select())
        .load(conn)
}

/// Sessions starting in `[from, to)`, of the given centres or remote, by start.
pub fn sessions_between(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<Vec<SessionRow>> {
    training_sessions::table
        .filter(training_sessions::start_utc.ge(from))
        .filter(training_sessions::start_utc.lt(to))
        .order((training_sessions::start_utc, training_sessions::id))
        .select(SessionRow::as_select())
        .load(conn)
}

pub fn invitations_of_sessions(
    conn: &mut DbConnection,
    sessions: &[i32],
) -> QueryResult<Vec<InvitationRow>> {
    training_invitations::table
        .filter(training_invitations::session_id.eq_any(sessions.to_vec()))
        .order(training_invitations::id)
        .select(InvitationRow::as_select())
        .load(conn)
}

pub fn invitations_of_volunteer(
    conn: &mut DbConnection,
    volunteer_id: i32,
) -> QueryResult<Vec<InvitationRow>> {
    training_invitations::table
        .filter(training_invitations::volunteer_id.eq(volunteer_id))
        .order(training_invitations::id)
        .select(InvitationRow::as_select())
        .load(conn)
}

pub fn invitation(conn: &mut DbConnection, id: i32) -> QueryResult<Option<InvitationRow>> {
    training_invitations::table
        .find(id)
        .select(InvitationRow::as_select())
        .first(conn)
        .optional()
}

/// Adds an invitation unless the volunteer already has one for the session;
/// `Some(id)` when a row was written.
pub fn invite(
    conn: &mut DbConnection,
    session_id: i32,
    volunteer_id: i32,
    horizon: NaiveDate,
) -> QueryResult<Option<i32>> {
    let exists: i64 = training_invitations::table
        .filter(training_invitations::session_id.eq(session_id))
        .filter(training_invitations::volunteer_id.eq(volunteer_id))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(None);
    }
    diesel::insert_into(training_invitations::table)
        .values((
            training_invitations::session_id.eq(session_id),
            training_invitations::volunteer_id.eq(volunteer_id),
            training_invitations::status.eq(INVITED),
            training_invitations::horizon.eq(horizon),
            training_invitations::created_at.eq(now_utc()),
        ))
        .execute(conn)?;
    Ok(Some(last_insert_id(conn)?))
}

/// Answers an invitation still open (`invited`); false when it was not.
pub fn answer(conn: &mut DbConnection, id: i32, status: &str) -> QueryResult<bool> {
    let n = diesel::update(
        training_invitations::table
            .find(id)
            .filter(training_invitations::status.eq(INVITED)),
    )
    .set((
        training_invitations::status.eq(status),
        training_invitations::responded_at.eq(Some(now_utc())),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn attendance_of_session(
    conn: &mut DbConnection,
    session_id: i32,
) -> QueryResult<Vec<AttendanceRow>> {
    training_attendance::table
        .filter(training_attendance::session_id.eq(session_id))
        .order(training_attendance::id)
        .select(AttendanceRow::as_select())
        .load(conn)
}

/// (volunteer, skill) pairs with an attended granting session.
pub fn courses_attended(conn: &mut DbConnection) -> QueryResult<Vec<(i32, i32)>> {
    training_attendance::table
        .inner_join(training_sessions::table)
        .filter(training_attendance::attended.eq(true))
        .filter(training_sessions::grants.eq("grant"))
        .select((
            training_attendance::volunteer_id,
            training_sessions::skill_id,
        ))
        .load(conn)
}

/// Records attendance (replacing an earlier mark for the same seat).
#[allow(clippy::too_many_arguments)]
pub fn record_attendance(
    conn: &mut DbConnection,
    session_id: i32,
    volunteer_id: i32,
    attended: bool,
    recorded_by: i32,
    previous: Option<NaiveDate>,
    new: Option<NaiveDate>,
) -> QueryResult<()> {
    diesel::delete(
        training_attendance::table
            .filter(training_attendance::session_id.eq(session_id))
            .filter(training_attendance::volunteer_id.eq(volunteer_id)),
    )
    .execute(conn)?;
    diesel::insert_into(training_attendance::table)
        .values((
            training_attendance::session_id.eq(session_id),
            training_attendance::volunteer_id.eq(volunteer_id),
            training_attendance::attended.eq(attended),
            training_attendance::recorded_by.eq(Some(recorded_by)),
            training_attendance::recorded_at.eq(now_utc()),
            training_attendance::previous_valid_until.eq(previous),
            training_attendance::new_valid_until.eq(new),
        ))
        .execute(conn)?;
    Ok(())
}

/// A qualification row: (row id, obtained, valid until).
pub type QualDates = (i32, Option<NaiveDate>, Option<NaiveDate>);

/// The volunteer's qualification for a skill.
pub fn qualification_of(
    conn: &mut DbConnection,
    volunteer_id: i32,
    skill_id: i32,
) -> QueryResult<Option<QualDates>> {
    qualifications::table
        .filter(qualifications::volunteer_id.eq(volunteer_id))
        .filter(qualifications::skill_id.eq(skill_id))
        .order(qualifications::id)
        .select((
            qualifications::id,
            qualifications::obtained_on,
            qualifications::valid_until,
        ))
        .first(conn)
        .optional()
}

/// Sets the qualification's validity (creating it, obtained on `on`, when absent).
pub fn set_qualification(
    conn: &mut DbConnection,
    volunteer_id: i32,
    skill_id: i32,
    on: NaiveDate,
    valid_until: Option<NaiveDate>,
) -> QueryResult<()> {
    match qualification_of(conn, volunteer_id, skill_id)? {
        Some((id, obtained, _)) => {
            diesel::update(qualifications::table.find(id))
                .set((
                    qualifications::valid_until.eq(valid_until),
                    qualifications::obtained_on.eq(obtained.or(Some(on))),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(qualifications::table)
                .values((
                    qualifications::volunteer_id.eq(volunteer_id),
                    qualifications::skill_id.eq(skill_id),
                    qualifications::obtained_on.eq(Some(on)),
                    qualifications::valid_until.eq(valid_until),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Puts back a qualification's validity as it was before an attendance
/// that is being withdrawn: `valid_until` restored, or the row deleted when
/// the attendance created it (`created`).
pub fn restore_qualification(
    conn: &mut DbConnection,
    qualification_id: i32,
    created: bool,
    valid_until: Option<NaiveDate>,
) -> QueryResult<()> {
    if created {
        diesel::delete(qualifications::table.find(qualification_id)).execute(conn)?;
    } else {
        diesel::update(qualifications::table.find(qualification_id))
            .set(qualifications::valid_until.eq(valid_until))
            .execute(conn)?;
    }
    Ok(())
}

/// Removes the trainee record the volunteer got for the skill on `started_on`
/// (a withdrawn attendance at the course that started it). Returns whether
/// one was removed.
pub fn remove_trainee_started_on(
    conn: &mut DbConnection,
    volunteer_id: i32,
    skill_id: i32,
    started_on: NaiveDate,
) -> QueryResult<bool> {
    let n = diesel::delete(
        trainees::table
            .filter(trainees::volunteer_id.eq(volunteer_id))
            .filter(trainees::skill_id.eq(skill_id))
            .filter(trainees::started_on.eq(Some(started_on))),
    )
    .execute(conn)?;
    Ok(n > 0)
}

/// Makes the volunteer a trainee for the skill (no-op when already one).
pub fn ensure_trainee(
    conn: &mut DbConnection,
    volunteer_id: i32,
    skill_id: i32,
    target_minutes: i32,
    started_on: NaiveDate,
) -> QueryResult<()> {
    let n: i64 = trainees::table
        .filter(trainees::volunteer_id.eq(volunteer_id))
        .filter(trainees::skill_id.eq(skill_id))
        .count()
        .get_result(conn)?;
    if n == 0 {
        diesel::insert_into(trainees::table)
            .values((
                trainees::volunteer_id.eq(volunteer_id),
                trainees::skill_id.eq(skill_id),
                trainees::target_mentored_minutes.eq(target_minutes),
                trainees::started_on.eq(Some(started_on)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Ends the trainee record (qualified now).
pub fn end_trainee(conn: &mut DbConnection, volunteer_id: i32, skill_id: i32) -> QueryResult<()> {
    diesel::delete(
        trainees::table
            .filter(trainees::volunteer_id.eq(volunteer_id))
            .filter(trainees::skill_id.eq(skill_id)),
    )
    .execute(conn)?;
    Ok(())
}

pub fn record_signoff(
    conn: &mut DbConnection,
    volunteer_id: i32,
    skill_id: i32,
    signed_by: i32,
    on: NaiveDate,
) -> QueryResult<()> {
    diesel::insert_into(training_signoffs::table)
        .values((
            training_signoffs::volunteer_id.eq(volunteer_id),
            training_signoffs::skill_id.eq(skill_id),
            training_signoffs::signed_by.eq(Some(signed_by)),
            training_signoffs::signed_on.eq(on),
            training_signoffs::recorded_at.eq(now_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// (volunteer, skill) pairs signed off.
pub fn signoffs(conn: &mut DbConnection) -> QueryResult<Vec<(i32, i32)>> {
    training_signoffs::table
        .select((training_signoffs::volunteer_id, training_signoffs::skill_id))
        .load(conn)
}

/// Shifts of *published* rotas (drafts and superseded rotas are ignored)
/// at the given centres, for mentored-minute counting.
pub fn published_shifts_at(
    conn: &mut DbConnection,
    centres: &[i32],
) -> QueryResult<Vec<PublishedShift>> {
    type Row = (i32, i32, i32, i32, String, NaiveDateTime, NaiveDateTime);
    let rows: Vec<Row> = rota_shifts::table
        .inner_join(rotas::table)
        .filter(rotas::status.eq("published"))
        .filter(rota_shifts::centre_id.eq_any(centres.to_vec()))
        .select((
            rota_shifts::rota_id,
            rota_shifts::volunteer_id,
            rota_shifts::centre_id,
            rota_shifts::skill_id,
            rota_shifts::role,
            rota_shifts::start_utc,
            rota_shifts::end_utc,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(rota_id, volunteer_id, centre_id, skill_id, role, s, e)| PublishedShift {
                rota_id,
                volunteer_id,
                centre_id,
                skill_id,
                role: if role == "trainee" {
                    ShiftRole::Trainee
                } else {
                    ShiftRole::Staff
                },
                start: s.and_utc(),
                end: e.and_utc(),
            },
        )
        .collect())
}
