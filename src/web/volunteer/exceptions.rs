//! POST `/disponibilites/absence`, `/disponibilites/extra` and
//! `/disponibilites/supprimer`: dated exceptions to the weekly pattern
//! ("Je suis absent(e) du … au …", "disponible en plus le …").

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;

use super::availability::load_page;
use super::{home_tz, today_in, RequireVolunteer};
use crate::db::availability::{self, NewException};
use crate::db::volunteer_self;
use crate::web::error::WebError;
use crate::web::extract::Ui;
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// How far ahead an exception may be entered.
const MAX_DAYS_AHEAD: i64 = 2 * 366;

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .unwrap_or("")
}

/// `2026-12-24` (date input) or `24/12/2026` (typed by hand).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .ok()
}

/// `14:00`, `14h`, `14 h 30`, `9:05` → minutes; `24:00` → 1440.
pub fn parse_time(s: &str) -> Option<i32> {
    let s = s.trim().to_lowercase().replace(' ', "");
    let (h, m) = match s.split_once([':', 'h']) {
        Some((h, m)) => (
            h.to_string(),
            if m.is_empty() {
                "0".into()
            } else {
                m.to_string()
            },
        ),
        None => (s.clone(), "0".to_string()),
    };
    if h.is_empty() || h.len() > 2 || m.len() > 2 {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    let total = h * 60 + m;
    ((0..24).contains(&h) && (0..60).contains(&m) || total == 1440).then_some(total)
}

/// POST `/disponibilites/absence`: fields `absence-from`, `absence-to`.
pub async fn add_absence(
    ui: Ui,
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let fields = form.into_inner();
    let vid = volunteer.volunteer_id;
    let tz = state.db(move |conn| home_tz(conn, vid)).await?;
    let today = today_in(tz);
    let (raw_from, raw_to) = (field(&fields, "absence-from"), field(&fields, "absence-to"));
    let t = ui.t;
    let from = parse_date(raw_from);
    // An empty end date means a single day.
    let to = if raw_to.is_empty() {
        from
    } else {
        parse_date(raw_to)
    };
    let mut from_error = None;
    let mut to_error = None;
    match from {
        None => from_error = Some(t.t("avail-error-date")),
        Some(f) if f < today => from_error = Some(t.t("avail-error-past")),
        Some(f) if (f - today).num_days() > MAX_DAYS_AHEAD => {
            from_error = Some(t.t("avail-error-too-far"))
        }
        Some(_) => {}
    }
    match (from, to) {
        (_, None) => to_error = Some(t.t("avail-error-date")),
        (Some(f), Some(e)) if e < f => to_error = Some(t.t("avail-error-end-before-start")),
        (_, Some(e)) if (e - today).num_days() > MAX_DAYS_AHEAD => {
            to_error = Some(t.t("avail-error-too-far"))
        }
        _ => {}
    }
    if let (None, None, Some(start_date), Some(end_date)) = (&from_error, &to_error, from, to) {
        let e = NewException {
            kind: "absent",
            start_date,
            end_date,
            start_minute: None,
            end_minute: None,
            start_utc: None,
            end_utc: None,
            preferred: false,
        };
        state
            .db(move |conn| Ok(availability::add_exception(conn, vid, &e)?))
            .await?;
        tracing::info!(volunteer_id = vid, "absence added");
        return Ok(see_other("/disponibilites?ok=absence#absences"));
    }
    let mut page = load_page(ui, &state, vid, None).await?;
    page.absence_from = raw_from.to_string();
    page.absence_to = raw_to.to_string();
    page.absence_from_error = from_error;
    page.absence_to_error = to_error;
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// POST `/disponibilites/extra`: fields `extra-date`, `extra-from`,
/// `extra-to`, `extra-state` (possible | prefere).
pub async fn add_extra(
    ui: Ui,
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let fields = form.into_inner();
    let vid = volunteer.volunteer_id;
    let tz = state.db(move |conn| home_tz(conn, vid)).await?;
    let today = today_in(tz);
    let t = ui.t;
    let raw_date = field(&fields, "extra-date");
    let (raw_from, raw_to) = (field(&fields, "extra-from"), field(&fields, "extra-to"));
    let raw_state = field(&fields, "extra-state");
    let date = parse_date(raw_date);
    let date_error = match date {
        None => Some(t.t("avail-error-date")),
        Some(d) if d < today => Some(t.t("avail-error-past")),
        Some(d) if (d - today).num_days() > MAX_DAYS_AHEAD => Some(t.t("avail-error-too-far")),
        Some(_) => None,
    };
    let start = parse_time(raw_from);
    // "00:00" as an end time means midnight at the end of the day.
    let end = parse_time(raw_to).map(|m| if m == 0 { 1440 } else { m });
    let time_error = match (start, end) {
        (Some(s), Some(e)) if e > s && s < 1440 => None,
        (Some(_), Some(_)) => Some(t.t("avail-error-end-before-start-time")),
        _ => Some(t.t("avail-error-time")),
    };
    let preferred = match raw_state {
        "prefere" => Some(true),
        "possible" | "" => Some(false),
        _ => None,
    };
    let Some(preferred) = preferred else {
        return Err(WebError::BadRequest);
    };
    if let (None, None, Some(d), Some(s), Some(e)) = (&date_error, &time_error, date, start, end) {
        let x = NewException {
            kind: "extra",
            start_date: d,
            end_date: d,
            start_minute: Some(s),
            end_minute: Some(e),
            start_utc: None,
            end_utc: None,
            preferred,
        };
        state
            .db(move |conn| Ok(availability::add_exception(conn, vid, &x)?))
            .await?;
        tracing::info!(volunteer_id = vid, "extra availability added");
        return Ok(see_other("/disponibilites?ok=extra#absences"));
    }
    let mut page = load_page(ui, &state, vid, None).await?;
    page.extra_date = raw_date.to_string();
    page.extra_from = raw_from.to_string();
    page.extra_to = raw_to.to_string();
    page.extra_state = if preferred { "prefere" } else { "possible" }.to_string();
    page.extra_date_error = date_error;
    page.extra_time_error = time_error;
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// POST `/disponibilites/supprimer`: field `exception_id`; 404 unless it is
/// one of the signed-in volunteer's own exceptions.
pub async fn delete(
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let id: i32 = field(&form, "exception_id")
        .parse()
        .map_err(|_| WebError::NotFound)?;
    let vid = volunteer.volunteer_id;
    let deleted = state
        .db(move |conn| Ok(volunteer_self::delete_own_exception(conn, vid, id)?))
        .await?;
    if deleted == 0 {
        return Err(WebError::NotFound);
    }
    tracing::info!(volunteer_id = vid, "exception deleted");
    Ok(see_other("/disponibilites?ok=supprime#absences"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_read_loosely() {
        assert_eq!(
            parse_date("2026-12-24"),
            NaiveDate::from_ymd_opt(2026, 12, 24)
        );
        assert_eq!(
            parse_date("24/12/2026"),
            NaiveDate::from_ymd_opt(2026, 12, 24)
        );
        assert_eq!(parse_date("31/02/2026"), None);
        assert_eq!(parse_time("14:00"), Some(840));
        assert_eq!(parse_time("9h30"), Some(570));
        assert_eq!(parse_time("14 h"), Some(840));
        assert_eq!(parse_time("24:00"), Some(1440));
        assert_eq!(parse_time("24:30"), None);
        assert_eq!(parse_time("7:60"), None);
        assert_eq!(parse_time("midi"), None);
    }
}
