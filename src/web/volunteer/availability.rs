//! GET/POST `/disponibilites`: the weekly grid (— / possible / préféré per
//! day and hour), the dated exceptions and the coming weeks on one page.
//! Saving the grid replaces the pattern rows in one transaction.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::{Duration, NaiveDate};
use serde::Deserialize;

use super::coming::{coming_weeks, WeekView};
use super::grid::{field_name, Grid, CELLS_PER_DAY, CELL_MINUTES};
use super::{home_tz, today_in, RequireVolunteer};
use crate::db::{availability, settings};
use crate::domain::frdate;
use crate::domain::week::IsoWeek;
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::Ui;
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// One cell of the grid as the template shows it.
pub struct CellView {
    /// `cell-0-09`: both the `id` and the `name`.
    pub id: String,
    /// "9 h" (start of the hour, shown on every screen).
    pub hour: String,
    /// " – 10 h" (end, hidden visually on wide screens; always read out).
    pub hour_end: String,
    pub value: &'static str,
}

/// One day of the grid (a collapsible section).
pub struct DayGrid {
    pub index: usize,
    pub name: String,
    /// "09:00–12:00 préféré, 14:00–16:00 possible" or "aucune".
    pub summary: String,
    pub cells: Vec<CellView>,
}

/// An exception in the list, with its delete button.
pub struct ExceptionView {
    pub id: i32,
    pub text: String,
}

#[derive(Template)]
#[template(path = "volunteer_availability.html")]
pub struct AvailabilityPage {
    pub t: Tr,
    pub ui: Ui,
    pub notice: Option<String>,
    pub days: Vec<DayGrid>,
    pub rounded: bool,
    pub grid_error: Option<String>,
    pub absence_from: String,
    pub absence_to: String,
    pub absence_from_error: Option<String>,
    pub absence_to_error: Option<String>,
    pub extra_date: String,
    pub extra_from: String,
    pub extra_to: String,
    pub extra_state: String,
    pub extra_date_error: Option<String>,
    pub extra_time_error: Option<String>,
    pub absences: Vec<ExceptionView>,
    pub extras: Vec<ExceptionView>,
    pub weeks: Vec<WeekView>,
    pub tz_name: String,
    pub today_iso: String,
    pub prev_week: String,
    pub next_week: String,
}

impl AvailabilityPage {
    pub fn has_errors(&self) -> bool {
        self.grid_error.is_some()
            || self.absence_from_error.is_some()
            || self.absence_to_error.is_some()
            || self.extra_date_error.is_some()
            || self.extra_time_error.is_some()
    }

    /// Replaces the grid shown (e.g. by what was submitted).
    pub fn show_grid(&mut self, grid: &Grid) {
        self.days = day_grids(self.t, grid);
    }
}

fn state_word(t: Tr, preferred: bool) -> String {
    t.t(if preferred {
        "avail-state-preferred"
    } else {
        "avail-state-possible"
    })
}

fn day_grids(t: Tr, grid: &Grid) -> Vec<DayGrid> {
    let lang = t.lang;
    let patterns = grid.to_patterns();
    (0..7)
        .map(|d| {
            let parts: Vec<String> = patterns
                .iter()
                .filter(|p| p.weekday as usize == d)
                .map(|p| {
                    format!(
                        "{}–{} {}",
                        frdate::format_minute(i64::from(p.start_minute)),
                        frdate::format_minute(i64::from(p.end_minute)),
                        state_word(t, p.preferred)
                    )
                })
                .collect();
            DayGrid {
                index: d,
                name: frdate::weekday_name(lang, d as u32).to_string(),
                summary: if parts.is_empty() {
                    t.t("avail-day-none")
                } else {
                    parts.join(", ")
                },
                cells: (0..CELLS_PER_DAY)
                    .map(|c| {
                        let start = (c as i32 * CELL_MINUTES) as i64;
                        let label =
                            frdate::hour_range_label(lang, start, start + CELL_MINUTES as i64);
                        let (hour, end) = label.split_once(" – ").unwrap_or((label.as_str(), ""));
                        CellView {
                            id: field_name(d, c),
                            hour: hour.to_string(),
                            hour_end: format!(" – {end}"),
                            value: grid.days[d][c].value(),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

fn exception_text(t: Tr, e: &availability::ExceptionRow) -> String {
    let lang = t.lang;
    let from = frdate::format_date(lang, e.start_date);
    if e.kind == "absent" {
        if e.start_date == e.end_date {
            t.args("avail-absent-one", &[("date", &from)])
        } else {
            let to = frdate::format_date(lang, e.end_date);
            t.args("avail-absent-range", &[("from", &from), ("to", &to)])
        }
    } else {
        let (s, en) = (
            frdate::format_minute(i64::from(e.start_minute.unwrap_or(0))),
            frdate::format_minute(i64::from(e.end_minute.unwrap_or(1440))),
        );
        t.args(
            "avail-extra-item",
            &[
                ("date", &from),
                ("from", &s),
                ("to", &en),
                ("state", &state_word(t, e.preferred)),
            ],
        )
    }
}

/// Builds the page from the stored data, the coming weeks starting at `first`
/// (default: the current week in the home zone).
pub async fn load_page(
    ui: Ui,
    state: &web::Data<AppState>,
    volunteer_id: i32,
    first: Option<IsoWeek>,
) -> Result<AvailabilityPage, WebError> {
    let t = ui.t;
    let (tz, rows, exceptions, horizon) = state
        .db(move |conn| {
            let tz = home_tz(conn, volunteer_id)?;
            let rows = availability::patterns_of(conn, volunteer_id)?;
            let exceptions = availability::exceptions_of(conn, volunteer_id)?;
            let horizon = settings::get(conn)?.planning_horizon_weeks;
            Ok((tz, rows, exceptions, horizon))
        })
        .await?;
    let today = today_in(tz);
    let first = first.unwrap_or_else(|| IsoWeek::containing(today));
    let count = horizon.clamp(1, 8) as usize;
    let (grid, rounded) = Grid::from_patterns(&rows);
    let current: Vec<_> = exceptions.iter().filter(|e| e.end_date >= today).collect();
    let view = |kind: &str| -> Vec<ExceptionView> {
        current
            .iter()
            .filter(|e| (e.kind == "absent") == (kind == "absent"))
            .map(|e| ExceptionView {
                id: e.id,
                text: exception_text(t, e),
            })
            .collect()
    };
    let week_link = |d: NaiveDate| IsoWeek::containing(d).to_string();
    Ok(AvailabilityPage {
        notice: None,
        days: day_grids(t, &grid),
        rounded,
        grid_error: None,
        absence_from: String::new(),
        absence_to: String::new(),
        absence_from_error: None,
        absence_to_error: None,
        extra_date: String::new(),
        extra_from: String::new(),
        extra_to: String::new(),
        extra_state: "possible".to_string(),
        extra_date_error: None,
        extra_time_error: None,
        absences: view("absent"),
        extras: view("extra"),
        weeks: coming_weeks(t.lang, tz, first, count, &rows, &exceptions),
        tz_name: tz.name().to_string(),
        today_iso: today.format("%Y-%m-%d").to_string(),
        prev_week: week_link(first.monday() - Duration::weeks(count as i64)),
        next_week: week_link(first.monday() + Duration::weeks(count as i64)),
        t,
        ui,
    })
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    semaine: Option<String>,
    ok: Option<String>,
}

/// GET `/disponibilites` (`?semaine=2026-W44` starts the coming weeks there).
pub async fn page(
    ui: Ui,
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let first = query
        .semaine
        .as_deref()
        .and_then(|s| s.parse::<IsoWeek>().ok());
    let mut page = load_page(ui, &state, volunteer.volunteer_id, first).await?;
    page.notice = match query.ok.as_deref() {
        Some("grille") => Some(page.t.t("avail-saved")),
        Some("absence") => Some(page.t.t("avail-absence-saved")),
        Some("extra") => Some(page.t.t("avail-extra-saved")),
        Some("supprime") => Some(page.t.t("avail-deleted")),
        _ => None,
    };
    render(StatusCode::OK, &page)
}

/// The submitted grid as far as it can be read (invalid cells left empty),
/// to show it again beside the error.
fn lenient_grid(fields: &[(String, String)]) -> Grid {
    let valid: Vec<(String, String)> = fields
        .iter()
        .filter(|f| Grid::from_form(std::slice::from_ref(*f)).is_ok())
        .cloned()
        .collect();
    Grid::from_form(&valid).unwrap_or_default()
}

/// POST `/disponibilites`: saves the grid, or shows it again with the error.
pub async fn save_grid(
    ui: Ui,
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let fields = form.into_inner();
    let vid = volunteer.volunteer_id;
    match Grid::from_form(&fields) {
        Ok(grid) => {
            let rows = grid.to_patterns();
            let count = rows.len();
            state
                .db(move |conn| {
                    conn.write_transaction(|conn| availability::replace_patterns(conn, vid, &rows))
                        .map_err(WebError::from)
                })
                .await?;
            tracing::info!(
                volunteer_id = vid,
                ranges = count,
                "weekly availability saved"
            );
            Ok(see_other("/disponibilites?ok=grille"))
        }
        Err(_) => {
            let mut page = load_page(ui, &state, vid, None).await?;
            page.grid_error = Some(page.t.t("avail-grid-invalid"));
            page.show_grid(&lenient_grid(&fields));
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
