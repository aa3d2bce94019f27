//! `/formations/{id}/presence`: the trainer or coordinator marks who
//! attended. Attending a renewing session sets `valid_until` to the session
//! date plus the skill's validity; attending a granting session grants the
//! qualification when the skill's path is only the course, and otherwise
//! starts the trainee's path (mentored minutes, then sign-off). Each mark is
//! a `training_attendance` row (who recorded it, when, validity before and
//! after) and an audit entry `training.attendance`, in one transaction.

use std::collections::HashSet;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::NaiveDate;

use super::{managed_session, tz_of, views, SessionView};
use crate::db::training::{self as q, SessionRow, DECLINED};
use crate::db::{audit, centres, skills, training_catalogue, users, volunteers, DbConnection};
use crate::domain::training_status::{course_completes_path, renewed_until, PathStep};
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireCoordinatorAny, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

pub struct AttendeeView {
    pub volunteer_id: i32,
    pub name: String,
    pub present: bool,
    pub recorded: Option<String>,
}

#[derive(Template)]
#[template(path = "training/attendance.html")]
struct AttendancePage {
    t: Tr,
    ui: Ui,
    view: SessionView,
    attendees: Vec<AttendeeView>,
    saved: bool,
}

/// Volunteers with a seat (not declined) or an earlier mark.
fn attendee_ids(conn: &mut DbConnection, session_id: i32) -> Result<Vec<i32>, WebError> {
    let mut ids: Vec<i32> = q::invitations_of_sessions(conn, &[session_id])?
        .into_iter()
        .filter(|i| i.status != DECLINED)
        .map(|i| i.volunteer_id)
        .collect();
    for a in q::attendance_of_session(conn, session_id)? {
        if !ids.contains(&a.volunteer_id) {
            ids.push(a.volunteer_id);
        }
    }
    Ok(ids)
}

fn name_of(conn: &mut DbConnection, vid: i32) -> Result<String, WebError> {
    Ok(volunteers::by_id(conn, vid)?
        .and_then(|v| users::by_id(conn, v.user_id).ok().flatten())
        .map(|u| u.display_name)
        .unwrap_or_default())
}

#[derive(Debug, serde::Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    enregistre: Option<String>,
}

/// GET `/formations/{id}/presence`.
pub async fn page(
    ui: Ui,
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    query: web::Query<SavedQuery>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let id = path.into_inner();
    let (view, attendees) = state
        .db(move |conn| {
            let s = managed_session(conn, &user, id)?;
            let view = views(conn, t, std::slice::from_ref(&s))?
                .pop()
                .ok_or(WebError::NotFound)?;
            let marks = q::attendance_of_session(conn, id)?;
            let mut out = Vec::new();
            for vid in attendee_ids(conn, id)? {
                let mark = marks.iter().find(|m| m.volunteer_id == vid);
                out.push(AttendeeView {
                    volunteer_id: vid,
                    name: name_of(conn, vid)?,
                    present: mark.is_some_and(|m| m.attended),
                    recorded: mark.map(|m| m.recorded_at.format("%Y-%m-%d %H:%M UTC").to_string()),
                });
            }
            Ok((view, out))
        })
        .await?;
    render(
        StatusCode::OK,
        &AttendancePage {
            t,
            ui,
            view,
            attendees,
            saved: query.enregistre.is_some(),
        },
    )
}

/// Records one volunteer's attendance and its effect on their qualification
/// (in the caller's transaction). Returns the new `valid_until`, if any.
///
/// A mark equal to the recorded one changes nothing (saving the page again
/// neither re-applies nor rewrites it). Withdrawing an attendance (present,
/// then absent) undoes its effect: the validity it set goes back to what it
/// was (the qualification is deleted when this attendance created it), and a
/// trainee path it started that day is removed. A validity changed since by
/// something else (another session, an edit) is left alone.
pub fn apply_attendance(
    conn: &mut DbConnection,
    session: &SessionRow,
    session_date: NaiveDate,
    volunteer_id: i32,
    attended: bool,
    actor: i32,
) -> anyhow::Result<Option<NaiveDate>> {
    let earlier = q::attendance_of_session(conn, session.id)?
        .into_iter()
        .find(|m| m.volunteer_id == volunteer_id);
    if let Some(mark) = earlier.as_ref().filter(|m| m.attended == attended) {
        return Ok(mark.new_valid_until);
    }
    let current = q::qualification_of(conn, volunteer_id, session.skill_id)?;
    let previous = current.and_then(|x| x.2);
    let validity = skills::list(conn)?
        .into_iter()
        .find(|s| s.id == session.skill_id)
        .and_then(|s| s.validity_months);
    let path = training_catalogue::path_of(conn, session.skill_id)?;
    let qualifies = session.grants == "renew" || course_completes_path(&path);
    let mut new = None;
    let mut effect = "none";
    let mut before = previous;
    if attended {
        if qualifies {
            new = renewed_until(session_date, validity);
            q::set_qualification(conn, volunteer_id, session.skill_id, session_date, new)?;
            q::end_trainee(conn, volunteer_id, session.skill_id)?;
            effect = "qualified";
        } else {
            let target: i64 = path
                .iter()
                .map(|s| match s {
                    PathStep::Mentored { minutes } => *minutes,
                    _ => 0,
                })
                .sum();
            q::ensure_trainee(
                conn,
                volunteer_id,
                session.skill_id,
                i32::try_from(target).unwrap_or(i32::MAX),
                session_date,
            )?;
            effect = "trainee";
        }
    } else if let Some(mark) = earlier.filter(|m| m.attended) {
        // Withdrawn: undo what the attendance did, if still in place.
        if qualifies {
            effect = "kept";
            if let Some((qid, obtained, valid_until)) = current {
                if valid_until == mark.new_valid_until {
                    let created =
                        mark.previous_valid_until.is_none() && obtained == Some(session_date);
                    q::restore_qualification(conn, qid, created, mark.previous_valid_until)?;
                    before = mark.previous_valid_until;
                    effect = "withdrawn";
                }
            }
        } else if q::remove_trainee_started_on(conn, volunteer_id, session.skill_id, session_date)?
        {
            effect = "withdrawn";
        }
    }
    q::record_attendance(conn, session.id, volunteer_id, attended, actor, before, new)?;
    audit::record(
        conn,
        &audit::Event {
            actor: Some(actor),
            action: "training.attendance",
            target_kind: "training_session",
            target_id: Some(session.id.to_string()),
            centre_id: Some(session.centre_id),
            details: Some(format!(
                "volunteer={volunteer_id} attended={attended} effect={effect} valid_until={}",
                new.map_or_else(|| "-".to_string(), |d| d.to_string())
            )),
        },
    )?;
    Ok(new)
}

/// POST `/formations/{id}/presence`: `present_{volunteer id}=on` per attendee.
pub async fn submit(
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let id = path.into_inner();
    let present: HashSet<i32> = form
        .iter()
        .filter_map(|(k, _)| k.strip_prefix("present_")?.parse().ok())
        .collect();
    state
        .db(move |conn| {
            let s = managed_session(conn, &user, id)?;
            let tz =
                centres::by_id(conn, s.centre_id)?.map_or(chrono_tz::Europe::Paris, |c| tz_of(&c));
            let date = s.start_utc.and_utc().with_timezone(&tz).date_naive();
            let ids = attendee_ids(conn, id)?;
            conn.write_transaction(|c| -> anyhow::Result<()> {
                for vid in ids {
                    apply_attendance(c, &s, date, vid, present.contains(&vid), user.id)?;
                }
                Ok(())
            })?;
            Ok(())
        })
        .await?;
    Ok(see_other(&format!(
        "/formations/{id}/presence?enregistre=1"
    )))
}
