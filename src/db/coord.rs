//! Queries of the coordinator pages: a centre's roster (volunteers with
//! their account, qualifications, trainee records and availability), the
//! volunteer-record update and the all-or-nothing CSV import.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::availability::ExceptionRow;
use super::schema::{
    availability_exceptions, availability_patterns, qualifications, trainees, users,
    volunteer_centres, volunteers,
};
use super::volunteers::{QualificationRow, TraineeRow, Volunteer};
use super::DbConnection;

/// One volunteer of a centre with everything the coordinator pages show.
#[derive(Debug, Clone)]
pub struct RosterEntry {
    pub volunteer: Volunteer,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub lang: String,
    pub quals: Vec<QualificationRow>,
    pub trainees: Vec<TraineeRow>,
    /// Has at least one weekly availability range.
    pub has_pattern: bool,
    /// Exceptions overlapping the horizon asked for.
    pub exceptions: Vec<ExceptionRow>,
}

type AccountCols = (String, Option<String>, Option<String>, String);

/// Volunteers attached to `centre_id` (any position), by name, with their
/// exceptions overlapping `[from, to]`.
pub fn roster(
    conn: &mut DbConnection,
    centre_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<RosterEntry>> {
    let rows: Vec<(Volunteer, AccountCols)> = volunteer_centres::table
        .inner_join(volunteers::table.inner_join(users::table))
        .filter(volunteer_centres::centre_id.eq(centre_id))
        .order((users::display_name, volunteers::id))
        .select((
            Volunteer::as_select(),
            (users::display_name, users::email, users::phone, users::lang),
        ))
        .load(conn)?;
    complete(conn, rows, from, to)
}

/// One volunteer as a roster entry.
pub fn entry(
    conn: &mut DbConnection,
    volunteer_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Option<RosterEntry>> {
    let rows: Vec<(Volunteer, AccountCols)> = volunteers::table
        .inner_join(users::table)
        .filter(volunteers::id.eq(volunteer_id))
        .select((
            Volunteer::as_select(),
            (users::display_name, users::email, users::phone, users::lang),
        ))
        .load(conn)?;
    Ok(complete(conn, rows, from, to)?.into_iter().next())
}

fn complete(
    conn: &mut DbConnection,
    rows: Vec<(Volunteer, AccountCols)>,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<RosterEntry>> {
    let ids: Vec<i32> = rows.iter().map(|(v, _)| v.id).collect();
    let mut quals = Vec::new();
    let mut trains = Vec::new();
    let mut with_pattern = Vec::new();
    let mut excs = Vec::new();
    // Bounded batches keep the bind-parameter count small on both backends.
    for chunk in ids.chunks(500) {
        quals.extend(
            qualifications::table
                .filter(qualifications::volunteer_id.eq_any(chunk))
                .order(qualifications::id)
                .select(QualificationRow::as_select())
                .load(conn)?,
        );
        trains.extend(
            trainees::table
                .filter(trainees::volunteer_id.eq_any(chunk))
                .order(trainees::id)
                .select(TraineeRow::as_select())
                .load(conn)?,
        );
        with_pattern.extend(
            availability_patterns::table
                .filter(availability_patterns::volunteer_id.eq_any(chunk))
                .select(availability_patterns::volunteer_id)
                .distinct()
                .load::<i32>(conn)?,
        );
        excs.extend(
            availability_exceptions::table
                .filter(availability_exceptions::volunteer_id.eq_any(chunk))
                .filter(availability_exceptions::start_date.le(to))
                .filter(availability_exceptions::end_date.ge(from))
                .order(availability_exceptions::id)
                .select(ExceptionRow::as_select())
                .load(conn)?,
        );
    }
    Ok(rows
        .into_iter()
        .map(|(v, (name, email, phone, lang))| RosterEntry {
            quals: quals
                .iter()
                .filter(|q| q.volunteer_id == v.id)
                .cloned()
                .collect(),
            trainees: trains
                .iter()
                .filter(|t| t.volunteer_id == v.id)
                .cloned()
                .collect(),
            has_pattern: with_pattern.contains(&v.id),
            exceptions: excs
                .iter()
                .filter(|e| e.volunteer_id == v.id)
                .cloned()
                .collect(),
            volunteer: v,
            name,
            email,
            phone,
            lang,
        })
        .collect())
}

/// A qualification to store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QualInput {
    pub skill_id: i32,
    pub obtained_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

/// A trainee record to store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraineeInput {
    pub skill_id: i32,
    pub target_mentored_minutes: i32,
    pub started_on: Option<NaiveDate>,
}

/// Everything the volunteer page writes, in one go.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordUpdate {
    pub max_minutes_week: Option<i32>,
    pub max_shifts_week: Option<i32>,
    pub min_minutes_month: Option<i32>,
    pub status: String,
    pub left_on: Option<NaiveDate>,
    pub quals: Vec<QualInput>,
    pub trainees: Vec<TraineeInput>,
    /// Centre ids, home centre first.
    pub centres: Vec<i32>,
}

/// Writes a volunteer record (commitment, status, qualifications, trainee
/// records, centres); call inside a transaction.
pub fn update_record(conn: &mut DbConnection, id: i32, u: &RecordUpdate) -> QueryResult<()> {
    diesel::update(volunteers::table.find(id))
        .set((
            volunteers::max_minutes_week.eq(u.max_minutes_week),
            volunteers::max_shifts_week.eq(u.max_shifts_week),
            volunteers::min_minutes_month.eq(u.min_minutes_month),
            volunteers::status.eq(&u.status),
            volunteers::left_on.eq(u.left_on),
        ))
        .execute(conn)?;
    let quals: Vec<_> = u
        .quals
        .iter()
        .map(|q| (q.skill_id, q.obtained_on, q.valid_until))
        .collect();
    super::volunteers::replace_qualifications(conn, id, &quals)?;
    diesel::delete(trainees::table.filter(trainees::volunteer_id.eq(id))).execute(conn)?;
    for t in &u.trainees {
        diesel::insert_into(trainees::table)
            .values((
                trainees::volunteer_id.eq(id),
                trainees::skill_id.eq(t.skill_id),
                trainees::target_mentored_minutes.eq(t.target_mentored_minutes),
                trainees::started_on.eq(t.started_on),
            ))
            .execute(conn)?;
    }
    super::volunteers::set_centres(conn, id, &u.centres)
}

/// One volunteer of a CSV import.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportVolunteer {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub lang: String,
    pub max_minutes_week: Option<i32>,
    pub max_shifts_week: Option<i32>,
    pub quals: Vec<QualInput>,
}

/// Creates the accounts and volunteers of an import, attached to
/// `centre_id` as their home centre; call inside a transaction.
pub fn import_volunteers(
    conn: &mut DbConnection,
    centre_id: i32,
    list: &[ImportVolunteer],
) -> QueryResult<usize> {
    for v in list {
        let user = super::users::create(
            conn,
            &super::users::NewUser {
                email: v.email.as_deref(),
                display_name: &v.name,
                phone: v.phone.as_deref(),
                lang: &v.lang,
                ..Default::default()
            },
        )?;
        let external_id = format!("csv-{}", uuid::Uuid::new_v4().simple());
        let row = super::volunteers::upsert(
            conn,
            user.id,
            &external_id,
            &super::volunteers::Commitment {
                max_minutes_week: v.max_minutes_week,
                max_shifts_week: v.max_shifts_week,
                ..Default::default()
            },
        )?;
        super::volunteers::set_centres(conn, row.id, &[centre_id])?;
        let quals: Vec<_> = v
            .quals
            .iter()
            .map(|q| (q.skill_id, q.obtained_on, q.valid_until))
            .collect();
        super::volunteers::replace_qualifications(conn, row.id, &quals)?;
    }
    Ok(list.len())
}

/// Lower-cased emails among `emails` that an account already uses.
pub fn taken_emails(conn: &mut DbConnection, emails: &[String]) -> QueryResult<Vec<String>> {
    let mut out = Vec::new();
    for chunk in emails.chunks(500) {
        out.extend(
            users::table
                .filter(users::email.eq_any(chunk))
                .select(users::email)
                .load::<Option<String>>(conn)?
                .into_iter()
                .flatten(),
        );
    }
    Ok(out)
}
