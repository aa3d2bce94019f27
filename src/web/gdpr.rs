//! « Mes données »: every signed-in account sees everything held about it
//! (`GET /mes-donnees`), downloads it as JSON (`GET /mes-donnees.json`), and
//! asks for erasure (`POST /mes-donnees/effacement`), whose state the page
//! shows. An administrator carries the erasure out (`admin::erasure`).

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;
use chrono_tz::Tz;
use serde::Deserialize;

use super::error::WebError;
use super::extract::{CurrentUser, Ui};
use super::state::AppState;
use super::{render, see_other};
use crate::db::gdpr::{self, MyData, Requested};
use crate::db::{settings, volunteer_self, DbConnection};
use crate::domain::frdate;
use crate::i18n::Tr;

/// A timestamp (stored UTC) as local date and time in `tz`.
pub fn local_time(tz: Tz, at: NaiveDateTime) -> String {
    at.and_utc()
        .with_timezone(&tz)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The account's zone: its home centre's, else the organisation's.
fn zone_of(conn: &mut DbConnection, data: &MyData) -> Result<Tz, WebError> {
    let name = match &data.volunteer {
        Some(v) => volunteer_self::home_timezone(conn, v.id)?,
        None => settings::get(conn)?.default_timezone,
    };
    Ok(name.parse::<Tz>().unwrap_or(chrono_tz::Europe::Paris))
}

#[derive(Template)]
#[template(path = "gdpr.html")]
struct MyDataPage {
    t: Tr,
    ui: Ui,
    d: MyData,
    tz: String,
    /// Rendered lines, computed here to keep the template plain.
    availability: Vec<String>,
    exceptions: Vec<String>,
    shifts: Vec<(String, String, String, String)>,
    emails: Vec<(String, String, String)>,
    audit: Vec<(String, String, String)>,
    requests: Vec<(String, String, String)>,
    pending: bool,
    just_requested: bool,
    created_at: String,
    last_login_at: String,
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    demande: Option<String>,
}

fn status_label(t: Tr, status: &str) -> String {
    match status {
        gdpr::PENDING => t.t("gdpr-request-pending"),
        gdpr::DONE => t.t("gdpr-request-done"),
        _ => t.t("gdpr-request-rejected"),
    }
}

fn build_page(t: Tr, ui: Ui, d: MyData, tz: Tz, just_requested: bool) -> MyDataPage {
    let at = |x: NaiveDateTime| local_time(tz, x);
    let availability = d
        .availability
        .iter()
        .map(|a| {
            format!(
                "{} {}{}",
                frdate::weekday_name(t.lang, u32::try_from(a.weekday).unwrap_or(0)),
                frdate::hour_range_label(t.lang, a.start_minute.into(), a.end_minute.into()),
                if a.preferred {
                    format!(" ({})", t.t("gdpr-preferred"))
                } else {
                    String::new()
                }
            )
        })
        .collect();
    let exceptions = d
        .exceptions
        .iter()
        .map(|e| {
            let kind = if e.kind == "absent" {
                t.t("gdpr-exception-absent")
            } else {
                t.t("gdpr-exception-extra")
            };
            let days = if e.start_date == e.end_date {
                frdate::format_date(t.lang, e.start_date)
            } else {
                format!(
                    "{} – {}",
                    frdate::format_date(t.lang, e.start_date),
                    frdate::format_date(t.lang, e.end_date)
                )
            };
            match (e.start_minute, e.end_minute) {
                (Some(s), Some(en)) => format!(
                    "{kind} : {days}, {}",
                    frdate::hour_range_label(t.lang, s.into(), en.into())
                ),
                _ => format!("{kind} : {days}"),
            }
        })
        .collect();
    let shifts = d
        .shifts
        .iter()
        .map(|s| {
            (
                at(s.start_utc),
                at(s.end_utc),
                s.centre.clone(),
                format!("{} ({})", s.skill, s.role),
            )
        })
        .collect();
    let emails = d
        .emails
        .iter()
        .map(|e| (at(e.created_at), e.subject.clone(), e.status.clone()))
        .collect();
    let audit = d
        .audit
        .iter()
        .map(|a| {
            (
                at(a.at),
                a.action.clone(),
                a.actor_user_id
                    .map(|id| format!("#{id}"))
                    .unwrap_or_else(|| t.t("gdpr-actor-system")),
            )
        })
        .collect();
    let requests = d
        .erasure_requests
        .iter()
        .map(|r| {
            (
                at(r.requested_at),
                status_label(t, &r.status),
                r.handled_at.map(at).unwrap_or_default(),
            )
        })
        .collect();
    let pending = d.erasure_requests.iter().any(|r| r.status == gdpr::PENDING);
    MyDataPage {
        created_at: at(d.account.created_at),
        last_login_at: d.account.last_login_at.map(at).unwrap_or_default(),
        t,
        ui,
        tz: tz.name().to_string(),
        availability,
        exceptions,
        shifts,
        emails,
        audit,
        requests,
        pending,
        just_requested,
        d,
    }
}

/// GET `/mes-donnees`.
pub async fn page(
    ui: Ui,
    CurrentUser(user): CurrentUser,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let uid = user.id;
    let (d, tz) = state
        .db(move |conn| {
            let d = gdpr::my_data(conn, uid)?.ok_or(WebError::NotFound)?;
            let tz = zone_of(conn, &d)?;
            Ok((d, tz))
        })
        .await?;
    let page = build_page(ui.t, ui, d, tz, query.demande.is_some());
    render(StatusCode::OK, &page)
}

/// GET `/mes-donnees.json`: the same data, as a download.
pub async fn download(
    CurrentUser(user): CurrentUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let uid = user.id;
    let d = state
        .db(move |conn| gdpr::my_data(conn, uid)?.ok_or(WebError::NotFound))
        .await?;
    let body = serde_json::to_string_pretty(&d)
        .map_err(|e| WebError::Internal(anyhow::anyhow!("export: {e}")))?;
    tracing::info!(user_id = uid, "personal data downloaded");
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/json; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"mes-donnees-{uid}.json\""),
        ))
        .body(body))
}

/// POST `/mes-donnees/effacement`: records the request (once while pending).
pub async fn request_erasure(
    CurrentUser(user): CurrentUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let uid = user.id;
    let done = state
        .db(move |conn| Ok(gdpr::request_erasure(conn, uid)?))
        .await?;
    match done {
        Requested::New(id) => tracing::info!(user_id = uid, request_id = id, "erasure requested"),
        Requested::AlreadyPending(id) => {
            tracing::info!(user_id = uid, request_id = id, "erasure already requested")
        }
    }
    Ok(see_other("/mes-donnees?demande=1#effacement"))
}
