//! « Mes astreintes » `GET /mes-astreintes`: my upcoming published shifts
//! grouped by local day (centre's zone), with centre, skill, role and who
//! else is on duty with me at that centre (the binôme); the shifts of the
//! last weeks collapsed; a print stylesheet; the `.ics` download; and the
//! personal calendar feed (create / rotate / revoke its secret URL).

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{Duration, NaiveDate, NaiveDateTime, Utc};

use super::RequireVolunteer;
use crate::auth::tokens;
use crate::db::{audit, calendar_tokens, now_utc};
use crate::domain::frdate;
use crate::i18n::Tr;
use crate::web::calendar::{self, MyShift};
use crate::web::error::WebError;
use crate::web::extract::{CurrentUser, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// Past shifts shown (collapsed) for this many weeks.
pub const PAST_WEEKS: i64 = 4;

/// One shift row.
pub struct ShiftRow {
    pub id: i32,
    /// "22:00 – 06:00 (lendemain)".
    pub time: String,
    pub centre: String,
    pub skill: String,
    pub role: String,
    pub trainee: bool,
    /// "Alice, Bruno" or the words for "no one else".
    pub binome: String,
    pub alone: bool,
}

/// One day.
pub struct DayGroup {
    pub iso: String,
    pub label: String,
    pub rows: Vec<ShiftRow>,
}

/// State of the personal feed shown on the page.
pub struct FeedView {
    /// "since <date>" for an active token.
    pub active_since: Option<String>,
    /// The full URL, only right after creating it (shown once).
    pub new_url: Option<String>,
    pub revoked: bool,
}

#[derive(Template)]
#[template(path = "volunteer_shifts.html")]
struct ShiftsPage {
    t: Tr,
    ui: Ui,
    upcoming: Vec<DayGroup>,
    past: Vec<DayGroup>,
    past_count: i64,
    /// Accounts without a volunteer record see an explanation only.
    volunteer: bool,
    feed: FeedView,
}

fn time_label(t: Tr, m: &MyShift) -> String {
    let (s, e) = (m.start(), m.end());
    let base = format!("{} – {}", s.format("%H:%M"), e.format("%H:%M"));
    let days = (e.date_naive() - s.date_naive()).num_days();
    match days {
        0 => base,
        1 => format!("{base} ({})", t.t("my-shifts-next-day")),
        n => format!(
            "{base} ({})",
            frdate::format_date(t.lang, s.date_naive() + Duration::days(n))
        ),
    }
}

/// Rows grouped by local start date, in order.
pub fn group_by_day(t: Tr, shifts: &[MyShift]) -> Vec<DayGroup> {
    let mut days: Vec<DayGroup> = Vec::new();
    for m in shifts {
        let date: NaiveDate = m.start().date_naive();
        let iso = date.format("%Y-%m-%d").to_string();
        if days.last().map(|d| d.iso != iso).unwrap_or(true) {
            days.push(DayGroup {
                label: frdate::format_date(t.lang, date),
                iso: iso.clone(),
                rows: Vec::new(),
            });
        }
        let row = ShiftRow {
            id: m.shift.shift_id,
            time: time_label(t, m),
            centre: m.shift.centre_name.clone(),
            skill: m.skill_name(t.lang).to_string(),
            role: t.t(calendar::role_message(&m.shift.role)),
            trainee: m.is_trainee(),
            binome: if m.binome.is_empty() {
                t.t("my-shifts-binome-none")
            } else {
                m.binome.join(", ")
            },
            alone: m.binome.is_empty(),
        };
        if let Some(day) = days.last_mut() {
            day.rows.push(row);
        }
    }
    days
}

async fn show(
    ui: Ui,
    volunteer_id: Option<i32>,
    state: &AppState,
    new_url: Option<String>,
    revoked: bool,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let (shifts, token) = match volunteer_id {
        None => (Vec::new(), None),
        Some(vid) => {
            state
                .db(move |conn| {
                    let from = (Utc::now() - Duration::weeks(PAST_WEEKS)).naive_utc();
                    Ok((
                        calendar::load_my_shifts(conn, vid, from)?,
                        calendar_tokens::active_for(conn, vid)?,
                    ))
                })
                .await?
        }
    };
    let now: NaiveDateTime = now_utc();
    let (past, upcoming): (Vec<MyShift>, Vec<MyShift>) =
        shifts.into_iter().partition(|m| m.shift.end_utc <= now);
    let mut past_groups = group_by_day(t, &past);
    // Most recent first in the collapsed history.
    past_groups.reverse();
    let page = ShiftsPage {
        t,
        ui,
        upcoming: group_by_day(t, &upcoming),
        past_count: past.len() as i64,
        past: past_groups,
        volunteer: volunteer_id.is_some(),
        feed: FeedView {
            active_since: token
                .map(|tok| frdate::format_date(t.lang, tok.created_at.and_utc().date_naive())),
            new_url,
            revoked,
        },
    };
    render(StatusCode::OK, &page)
}

#[derive(serde::Deserialize)]
pub struct PageQuery {
    calendrier: Option<String>,
}

/// GET `/mes-astreintes` (any signed-in account; without a volunteer
/// record, the page says so).
pub async fn page(
    ui: Ui,
    user: CurrentUser,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let revoked = query.calendrier.as_deref() == Some("revoque");
    show(ui, user.0.volunteer_id, &state, None, revoked).await
}

/// GET `/mes-astreintes.ics`: my shifts as a calendar file (session).
pub async fn download(
    req: HttpRequest,
    ui: Ui,
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let vid = volunteer.volunteer_id;
    let base = state.public_url.clone();
    let body = state
        .db(move |conn| calendar::volunteer_calendar(conn, vid, t, &base))
        .await?;
    Ok(calendar::calendar_response(
        &req,
        body,
        None,
        Some("mes-astreintes.ics"),
    ))
}

/// POST `/mes-astreintes/calendrier`: creates (or rotates) my feed's secret
/// URL and shows it once.
pub async fn create_feed(
    ui: Ui,
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let vid = volunteer.volunteer_id;
    let actor = volunteer.user.id;
    let (token, hash) = tokens::new_token();
    let id = state
        .db(move |conn| {
            Ok(conn.write_transaction(|c| {
                let id = calendar_tokens::rotate(c, vid, &hash)?;
                audit::record(
                    c,
                    &audit::Event {
                        actor: Some(actor),
                        action: "calendar_token.create",
                        target_kind: "calendar_token",
                        target_id: Some(id.to_string()),
                        centre_id: None,
                        details: Some(format!("{{\"volunteer_id\":{vid}}}")),
                    },
                )?;
                diesel::QueryResult::Ok(id)
            })?)
        })
        .await?;
    tracing::info!(
        token_id = id,
        volunteer_id = vid,
        "calendar feed token created"
    );
    let url = format!("{}/calendrier/{token}.ics", state.public_url);
    show(ui, Some(vid), &state, Some(url), false).await
}

/// POST `/mes-astreintes/calendrier/revoquer`: revokes my feed's URL.
pub async fn revoke_feed(
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let vid = volunteer.volunteer_id;
    let actor = volunteer.user.id;
    let n = state
        .db(move |conn| {
            Ok(conn.write_transaction(|c| {
                let n = calendar_tokens::revoke_all(c, vid)?;
                if n > 0 {
                    audit::record(
                        c,
                        &audit::Event {
                            actor: Some(actor),
                            action: "calendar_token.revoke",
                            target_kind: "calendar_token",
                            target_id: None,
                            centre_id: None,
                            details: Some(format!("{{\"volunteer_id\":{vid},\"revoked\":{n}}}")),
                        },
                    )?;
                }
                diesel::QueryResult::Ok(n)
            })?)
        })
        .await?;
    tracing::info!(
        volunteer_id = vid,
        revoked = n,
        "calendar feed tokens revoked"
    );
    Ok(see_other("/mes-astreintes?calendrier=revoque"))
}

const PRINT_CSS: &str = r#"@media print {
  .site-header, .skip-link, .no-print, form, nav { display: none !important; }
  body { font: 11pt/1.3 serif; color: #000; background: #fff; }
  main { margin: 0; padding: 0; }
  h1 { font-size: 16pt; margin: 0 0 6pt; }
  h2 { font-size: 13pt; margin: 10pt 0 4pt; break-after: avoid; }
  .shift-day { break-inside: avoid; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border: 1px solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; }
  details { display: block; }
  details > summary { list-style: none; font-weight: bold; }
  a { color: #000; text-decoration: none; }
}
"#;

/// GET `/static/mes-astreintes-print.css`: the page's print stylesheet.
pub async fn print_css() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(PRINT_CSS)
}
