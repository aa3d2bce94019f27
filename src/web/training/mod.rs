//! Training pages (issue 7): the administrator's catalogue (prerequisites
//! and paths), sessions (`/formations`), « Planifier les formations »,
//! invitations answered by volunteers, attendance, and the coordinator's
//! training dashboard with its CSV export.
//!
//! A coordinator manages the sessions organised by their centres; an
//! administrator manages every session.

pub mod attendance;
pub mod catalogue;
pub mod dashboard;
pub mod invitations;
pub mod mails;
pub mod planning;
pub mod session_form;
pub mod sessions;

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::error::WebError;
use super::extract::SessionUser;
use crate::db::training::{self as q, SessionRow};
use crate::db::{centres, skills, DbConnection};
use crate::domain::frdate;
use crate::i18n::{Lang, Tr};

/// A skill's name in the page language.
pub fn skill_label(t: Tr, s: &skills::Skill) -> String {
    match t.lang {
        Lang::En if !s.name_en.is_empty() => s.name_en.clone(),
        _ => s.name_fr.clone(),
    }
}

pub fn tz_of(c: &centres::Centre) -> Tz {
    c.timezone.parse().unwrap_or(chrono_tz::Europe::Paris)
}

/// A session as the pages show it.
#[derive(Debug, Clone)]
pub struct SessionView {
    pub id: i32,
    pub skill: String,
    pub centre_code: String,
    pub when: String,
    pub date: NaiveDate,
    pub place: String,
    pub trainer: String,
    pub capacity: i32,
    pub grants: String,
    pub seats_used: i64,
}

/// "mardi 8 décembre 2026, 14:00–17:00" in the centre's zone.
pub fn when_text(t: Tr, tz: Tz, start: NaiveDateTime, end: NaiveDateTime) -> (String, NaiveDate) {
    let s = start.and_utc().with_timezone(&tz);
    let e = end.and_utc().with_timezone(&tz);
    (
        format!(
            "{}, {}–{}",
            frdate::format_date(t.lang, s.date_naive()),
            s.format("%H:%M"),
            e.format("%H:%M")
        ),
        s.date_naive(),
    )
}

/// Builds the views of `rows` (one query for skills, centres, invitations).
pub fn views(
    conn: &mut DbConnection,
    t: Tr,
    rows: &[SessionRow],
) -> Result<Vec<SessionView>, WebError> {
    let skills = skills::list(conn)?;
    let centres = centres::list(conn)?;
    let ids: Vec<i32> = rows.iter().map(|s| s.id).collect();
    let invitations = q::invitations_of_sessions(conn, &ids)?;
    Ok(rows
        .iter()
        .map(|s| {
            let centre = centres.iter().find(|c| c.id == s.centre_id);
            let tz = centre.map_or(chrono_tz::Europe::Paris, tz_of);
            let (when, date) = when_text(t, tz, s.start_utc, s.end_utc);
            SessionView {
                id: s.id,
                skill: skills
                    .iter()
                    .find(|k| k.id == s.skill_id)
                    .map(|k| skill_label(t, k))
                    .unwrap_or_default(),
                centre_code: centre.map(|c| c.code.clone()).unwrap_or_default(),
                when,
                date,
                place: if s.remote {
                    t.t("training-place-remote")
                } else {
                    centre.map(|c| c.name.clone()).unwrap_or_default()
                },
                trainer: s.trainer.clone(),
                capacity: s.capacity,
                grants: t.t(if s.grants == "grant" {
                    "training-grants-grant"
                } else {
                    "training-grants-renew"
                }),
                seats_used: invitations
                    .iter()
                    .filter(|i| i.session_id == s.id && i.status != q::DECLINED)
                    .count() as i64,
            }
        })
        .collect())
}

/// The session if `user` may manage it (coordinator of its centre or
/// administrator): 404 when unknown, 403 otherwise.
pub fn managed_session(
    conn: &mut DbConnection,
    user: &SessionUser,
    id: i32,
) -> Result<SessionRow, WebError> {
    let s = q::session(conn, id)?.ok_or(WebError::NotFound)?;
    if user.can_coordinate(s.centre_id) {
        Ok(s)
    } else {
        Err(WebError::Forbidden)
    }
}

/// Centres `user` may organise sessions for.
pub fn managed_centres(
    conn: &mut DbConnection,
    user: &SessionUser,
) -> Result<Vec<centres::Centre>, WebError> {
    Ok(centres::list(conn)?
        .into_iter()
        .filter(|c| user.can_coordinate(c.id))
        .collect())
}
