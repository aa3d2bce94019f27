//! Data protection: everything held about one account (« Mes données »),
//! erasure requests, and the erasure itself — an anonymisation that keeps
//! the volunteer row as an anonymous id so published rotas still count.
//! Used by the volunteer's pages, the administrator's erase action and the
//! retention task (one code path).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::audit::{self, Event};
use super::schema::{
    audit_log, availability_exceptions, availability_patterns, centres, coordinator_centres,
    erasure_requests, erasures, magic_links, outbox, qualifications, rota_shifts, rotas, skills,
    trainees, users, volunteer_centres, volunteers,
};
use super::{now_utc, DbConnection};

/// The display name an erased account keeps.
pub const ERASED_NAME: &str = "Bénévole supprimé";

/// Request states.
pub const PENDING: &str = "pending";
pub const DONE: &str = "done";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountData {
    pub id: i32,
    pub email: Option<String>,
    pub display_name: String,
    pub phone: Option<String>,
    pub lang: String,
    pub is_admin: bool,
    pub has_password: bool,
    pub created_at: NaiveDateTime,
    pub last_login_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VolunteerData {
    pub id: i32,
    pub external_id: String,
    pub status: String,
    pub left_on: Option<NaiveDate>,
    pub max_minutes_week: Option<i32>,
    pub max_shifts_week: Option<i32>,
    pub min_minutes_month: Option<i32>,
    pub training_minutes_target: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Queryable)]
pub struct CentreData {
    pub code: String,
    pub name: String,
    /// 0 = home centre.
    pub position: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Queryable)]
pub struct QualificationData {
    pub skill: String,
    pub obtained_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Queryable)]
pub struct TraineeData {
    pub skill: String,
    pub target_mentored_minutes: i32,
    pub started_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Queryable)]
pub struct AvailabilityData {
    /// 0 = Monday.
    pub weekday: i32,
    pub start_minute: i32,
    pub end_minute: i32,
    pub preferred: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Queryable)]
pub struct ExceptionData {
    pub kind: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub start_minute: Option<i32>,
    pub end_minute: Option<i32>,
    pub preferred: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Queryable)]
pub struct ShiftData {
    pub rota_id: i32,
    pub centre: String,
    pub skill: String,
    pub role: String,
    pub start_utc: NaiveDateTime,
    pub end_utc: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Queryable)]
pub struct EmailData {
    pub created_at: NaiveDateTime,
    pub subject: String,
    pub status: String,
    pub sent_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Queryable)]
pub struct AuditData {
    pub at: NaiveDateTime,
    pub actor_user_id: Option<i32>,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Queryable)]
pub struct RequestData {
    pub id: i32,
    pub requested_at: NaiveDateTime,
    pub status: String,
    pub handled_at: Option<NaiveDateTime>,
}

/// Everything held about one account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MyData {
    pub generated_at: NaiveDateTime,
    pub account: AccountData,
    /// Centre codes this account coordinates.
    pub coordinated_centres: Vec<String>,
    pub volunteer: Option<VolunteerData>,
    pub centres: Vec<CentreData>,
    pub qualifications: Vec<QualificationData>,
    pub trainee_records: Vec<TraineeData>,
    pub availability: Vec<AvailabilityData>,
    pub exceptions: Vec<ExceptionData>,
    /// Shifts in published rotas.
    pub shifts: Vec<ShiftData>,
    /// Mails sent (or queued) to this address: subjects only.
    pub emails: Vec<EmailData>,
    /// Audit entries whose target is this account or its volunteer record.
    pub audit: Vec<AuditData>,
    pub erasure_requests: Vec<RequestData>,
}

/// Everything held about `user_id`; `None` for an unknown account.
pub fn my_data(conn: &mut DbConnection, user_id: i32) -> QueryResult<Option<MyData>> {
    let Some(u) = super::users::by_id(conn, user_id)? else {
        return Ok(None);
    };
    let account = AccountData {
        id: u.id,
        email: u.email.clone(),
        display_name: u.display_name.clone(),
        phone: u.phone.clone(),
        lang: u.lang.clone(),
        is_admin: u.is_admin,
        has_password: u.password_hash.is_some(),
        created_at: u.created_at,
        last_login_at: u.last_login_at,
    };
    let coordinated_centres: Vec<String> = coordinator_centres::table
        .inner_join(centres::table)
        .filter(coordinator_centres::user_id.eq(user_id))
        .order(centres::code)
        .select(centres::code)
        .load(conn)?;
    let vol = super::volunteers::by_user_id(conn, user_id)?;
    let mut data = MyData {
        generated_at: now_utc(),
        account,
        coordinated_centres,
        volunteer: None,
        centres: Vec::new(),
        qualifications: Vec::new(),
        trainee_records: Vec::new(),
        availability: Vec::new(),
        exceptions: Vec::new(),
        shifts: Vec::new(),
        emails: Vec::new(),
        audit: Vec::new(),
        erasure_requests: requests_of(conn, user_id)?,
    };
    if let Some(email) = &u.email {
        let bracketed = format!("%<{}>", escape_like(email));
        data.emails = outbox::table
            .filter(
                outbox::recipient
                    .eq(email)
                    .or(outbox::recipient.like(bracketed).escape('\\')),
            )
            .order((outbox::created_at.desc(), outbox::id.desc()))
            .select((
                outbox::created_at,
                outbox::subject,
                outbox::status,
                outbox::sent_at,
            ))
            .load(conn)?;
    }
    let mut about = audit_log::table
        .filter(
            audit_log::target_kind
                .eq("user")
                .and(audit_log::target_id.eq(user_id.to_string())),
        )
        .into_boxed();
    if let Some(v) = &vol {
        about = about.or_filter(
            audit_log::target_kind
                .eq("volunteer")
                .and(audit_log::target_id.eq(v.id.to_string())),
        );
    }
    data.audit = about
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .limit(1000)
        .select((
            audit_log::at,
            audit_log::actor_user_id,
            audit_log::action,
            audit_log::target_kind,
            audit_log::target_id,
        ))
        .load(conn)?;
    let Some(v) = vol else {
        return Ok(Some(data));
    };
    let vid = v.id;
    data.volunteer = Some(VolunteerData {
        id: v.id,
        external_id: v.external_id,
        status: v.status,
        left_on: v.left_on,
        max_minutes_week: v.max_minutes_week,
        max_shifts_week: v.max_shifts_week,
        min_minutes_month: v.min_minutes_month,
        training_minutes_target: v.training_minutes_target,
    });
    data.centres = volunteer_centres::table
        .inner_join(centres::table)
        .filter(volunteer_centres::volunteer_id.eq(vid))
        .order(volunteer_centres::position)
        .select((centres::code, centres::name, volunteer_centres::position))
        .load(conn)?;
    data.qualifications = qualifications::table
        .inner_join(skills::table)
        .filter(qualifications::volunteer_id.eq(vid))
        .order(qualifications::id)
        .select((
            skills::code,
            qualifications::obtained_on,
            qualifications::valid_until,
        ))
        .load(conn)?;
    data.trainee_records = trainees::table
        .inner_join(skills::table)
        .filter(trainees::volunteer_id.eq(vid))
        .order(trainees::id)
        .select((
            skills::code,
            trainees::target_mentored_minutes,
            trainees::started_on,
        ))
        .load(conn)?;
    data.availability = availability_patterns::table
        .filter(availability_patterns::volunteer_id.eq(vid))
        .order((
            availability_patterns::weekday,
            availability_patterns::start_minute,
        ))
        .select((
            availability_patterns::weekday,
            availability_patterns::start_minute,
            availability_patterns::end_minute,
            availability_patterns::preferred,
        ))
        .load(conn)?;
    data.exceptions = availability_exceptions::table
        .filter(availability_exceptions::volunteer_id.eq(vid))
        .order((
            availability_exceptions::start_date,
            availability_exceptions::id,
        ))
        .select((
            availability_exceptions::kind,
            availability_exceptions::start_date,
            availability_exceptions::end_date,
            availability_exceptions::start_minute,
            availability_exceptions::end_minute,
            availability_exceptions::preferred,
        ))
        .load(conn)?;
    data.shifts = rota_shifts::table
        .inner_join(rotas::table)
        .inner_join(centres::table)
        .inner_join(skills::table)
        .filter(rota_shifts::volunteer_id.eq(vid))
        .filter(rotas::status.eq("published"))
        .order((rota_shifts::start_utc, rota_shifts::id))
        .select((
            rota_shifts::rota_id,
            centres::code,
            skills::code,
            rota_shifts::role,
            rota_shifts::start_utc,
            rota_shifts::end_utc,
        ))
        .load(conn)?;
    Ok(Some(data))
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The account's erasure requests, newest first.
pub fn requests_of(conn: &mut DbConnection, user_id: i32) -> QueryResult<Vec<RequestData>> {
    erasure_requests::table
        .filter(erasure_requests::user_id.eq(user_id))
        .order((
            erasure_requests::requested_at.desc(),
            erasure_requests::id.desc(),
        ))
        .select((
            erasure_requests::id,
            erasure_requests::requested_at,
            erasure_requests::status,
            erasure_requests::handled_at,
        ))
        .load(conn)
}

/// What [`request_erasure`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requested {
    New(i32),
    /// A pending request already exists: nothing written.
    AlreadyPending(i32),
}

/// Records an erasure request of `user_id` (one pending request at a time),
/// with its audit entry.
pub fn request_erasure(conn: &mut DbConnection, user_id: i32) -> QueryResult<Requested> {
    conn.write_transaction(|c| {
        let pending: Option<i32> = erasure_requests::table
            .filter(erasure_requests::user_id.eq(user_id))
            .filter(erasure_requests::status.eq(PENDING))
            .select(erasure_requests::id)
            .first(c)
            .optional()?;
        if let Some(id) = pending {
            return Ok(Requested::AlreadyPending(id));
        }
        diesel::insert_into(erasure_requests::table)
            .values((
                erasure_requests::user_id.eq(user_id),
                erasure_requests::requested_at.eq(now_utc()),
                erasure_requests::status.eq(PENDING),
            ))
            .execute(c)?;
        let id = super::last_insert_id(c)?;
        audit::record(
            c,
            &Event {
                actor: Some(user_id),
                action: "erasure.request",
                target_kind: "user",
                target_id: Some(user_id.to_string()),
                details: Some(format!("request={id}")),
                ..Default::default()
            },
        )?;
        Ok(Requested::New(id))
    })
}

/// One line of the administrator's list of requests.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct RequestRow {
    pub id: i32,
    pub user_id: i32,
    pub requested_at: NaiveDateTime,
    pub status: String,
    pub handled_at: Option<NaiveDateTime>,
    pub handled_by: Option<i32>,
    pub display_name: String,
    pub volunteer_id: Option<i32>,
}

/// A request row joined with its account's name, as loaded.
type RequestTuple = (
    i32,
    i32,
    NaiveDateTime,
    String,
    Option<NaiveDateTime>,
    Option<i32>,
    String,
);

/// Every request, pending first, newest first.
pub fn list_requests(conn: &mut DbConnection) -> QueryResult<Vec<RequestRow>> {
    let rows: Vec<RequestTuple> = erasure_requests::table
        .inner_join(users::table.on(users::id.eq(erasure_requests::user_id)))
        .order((
            erasure_requests::requested_at.desc(),
            erasure_requests::id.desc(),
        ))
        .select((
            erasure_requests::id,
            erasure_requests::user_id,
            erasure_requests::requested_at,
            erasure_requests::status,
            erasure_requests::handled_at,
            erasure_requests::handled_by,
            users::display_name,
        ))
        .load(conn)?;
    let links: Vec<(i32, i32)> = volunteers::table
        .select((volunteers::user_id, volunteers::id))
        .load(conn)?;
    let mut out: Vec<RequestRow> = rows
        .into_iter()
        .map(|r| RequestRow {
            id: r.0,
            user_id: r.1,
            requested_at: r.2,
            status: r.3,
            handled_at: r.4,
            handled_by: r.5,
            display_name: r.6,
            volunteer_id: links.iter().find(|(u, _)| *u == r.1).map(|(_, v)| *v),
        })
        .collect();
    out.sort_by_key(|r| r.status != PENDING);
    Ok(out)
}

/// Who erases and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EraseBy {
    /// An administrator (with or without a pending request).
    Admin(i32),
    /// The retention task.
    System,
}

/// What [`erase_volunteer`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Erased {
    Done { user_id: i32 },
    AlreadyErased,
    NotFound,
}

/// Whether volunteer `id` has been erased.
pub fn is_erased(conn: &mut DbConnection, volunteer_id: i32) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        erasures::table.filter(erasures::volunteer_id.eq(volunteer_id)),
    ))
    .get_result(conn)
}

/// Anonymises volunteer `volunteer_id` in one transaction: the account's
/// name becomes « Bénévole supprimé », its email, phone, password, sessions
/// and sign-in links go; availability, exceptions, qualifications and
/// trainee records are deleted; mails to the address are deleted; the
/// volunteer row stays as an anonymous id (status `left`) so published
/// rotas still count. Records the erasure (who, when, why), closes pending
/// requests, and writes the audit entry `volunteer.erase`.
pub fn erase_volunteer(
    conn: &mut DbConnection,
    volunteer_id: i32,
    by: EraseBy,
) -> QueryResult<Erased> {
    conn.write_transaction(|c| {
        let Some(v) = super::volunteers::by_id(c, volunteer_id)? else {
            return Ok(Erased::NotFound);
        };
        if is_erased(c, volunteer_id)? {
            return Ok(Erased::AlreadyErased);
        }
        let user = super::users::by_id(c, v.user_id)?;
        let now = now_utc();
        let today = now.date();
        // Mails to the address (subjects and bodies hold the name).
        if let Some(email) = user.as_ref().and_then(|u| u.email.clone()) {
            let bracketed = format!("%<{}>", escape_like(&email));
            diesel::delete(
                outbox::table.filter(
                    outbox::recipient
                        .eq(&email)
                        .or(outbox::recipient.like(bracketed).escape('\\')),
                ),
            )
            .execute(c)?;
        }
        diesel::update(users::table.find(v.user_id))
            .set((
                users::display_name.eq(ERASED_NAME),
                users::email.eq(None::<String>),
                users::phone.eq(None::<String>),
                users::password_hash.eq(None::<String>),
                users::is_admin.eq(false),
                users::last_login_at.eq(None::<NaiveDateTime>),
                users::session_epoch.eq(users::session_epoch + 1),
            ))
            .execute(c)?;
        diesel::delete(magic_links::table.filter(magic_links::user_id.eq(v.user_id))).execute(c)?;
        diesel::delete(
            coordinator_centres::table.filter(coordinator_centres::user_id.eq(v.user_id)),
        )
        .execute(c)?;
        let patterns = diesel::delete(
            availability_patterns::table
                .filter(availability_patterns::volunteer_id.eq(volunteer_id)),
        )
        .execute(c)?;
        let exceptions = diesel::delete(
            availability_exceptions::table
                .filter(availability_exceptions::volunteer_id.eq(volunteer_id)),
        )
        .execute(c)?;
        let quals = diesel::delete(
            qualifications::table.filter(qualifications::volunteer_id.eq(volunteer_id)),
        )
        .execute(c)?;
        let trainee_rows =
            diesel::delete(trainees::table.filter(trainees::volunteer_id.eq(volunteer_id)))
                .execute(c)?;
        diesel::update(volunteers::table.find(volunteer_id))
            .set((
                volunteers::external_id.eq(format!("supprime-{volunteer_id}")),
                volunteers::status.eq("left"),
                volunteers::left_on.eq(Some(v.left_on.unwrap_or(today))),
                volunteers::max_minutes_week.eq(None::<i32>),
                volunteers::max_shifts_week.eq(None::<i32>),
                volunteers::min_minutes_month.eq(None::<i32>),
                volunteers::training_minutes_target.eq(0),
            ))
            .execute(c)?;
        let (actor, reason) = match by {
            EraseBy::Admin(id) => {
                let requested: bool = diesel::select(diesel::dsl::exists(
                    erasure_requests::table
                        .filter(erasure_requests::user_id.eq(v.user_id))
                        .filter(erasure_requests::status.eq(PENDING)),
                ))
                .get_result(c)?;
                (Some(id), if requested { "request" } else { "admin" })
            }
            EraseBy::System => (None, "retention"),
        };
        diesel::insert_into(erasures::table)
            .values((
                erasures::volunteer_id.eq(volunteer_id),
                erasures::user_id.eq(v.user_id),
                erasures::erased_at.eq(now),
                erasures::erased_by.eq(actor),
                erasures::reason.eq(reason),
            ))
            .execute(c)?;
        diesel::update(
            erasure_requests::table
                .filter(erasure_requests::user_id.eq(v.user_id))
                .filter(erasure_requests::status.eq(PENDING)),
        )
        .set((
            erasure_requests::status.eq(DONE),
            erasure_requests::handled_at.eq(Some(now)),
            erasure_requests::handled_by.eq(actor),
        ))
        .execute(c)?;
        let centre = super::volunteers::centres_of(c, volunteer_id)?
            .first()
            .copied();
        audit::record(
            c,
            &Event {
                actor,
                action: "volunteer.erase",
                target_kind: "volunteer",
                target_id: Some(volunteer_id.to_string()),
                centre_id: centre,
                details: Some(format!(
                    "reason={reason} user={} patterns={patterns} exceptions={exceptions} \
                     qualifications={quals} trainees={trainee_rows}",
                    v.user_id
                )),
            },
        )?;
        Ok(Erased::Done { user_id: v.user_id })
    })
}

/// One recorded erasure.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct ErasureRow {
    pub volunteer_id: i32,
    pub user_id: i32,
    pub erased_at: NaiveDateTime,
    pub erased_by: Option<i32>,
    pub reason: String,
}

/// The erasure of volunteer `id`, if any.
pub fn erasure_of(conn: &mut DbConnection, volunteer_id: i32) -> QueryResult<Option<ErasureRow>> {
    erasures::table
        .find(volunteer_id)
        .select((
            erasures::volunteer_id,
            erasures::user_id,
            erasures::erased_at,
            erasures::erased_by,
            erasures::reason,
        ))
        .first(conn)
        .optional()
}
