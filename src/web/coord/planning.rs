//! `/centres/{code}/planning`: a week's rota versions for one centre and the
//! « Générer le planning » form, which enqueues a generation job and sends
//! the coordinator to the job's progress page. The administrator's
//! `/admin/planning` (scope ALL) shares the page.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::{Duration, NaiveDateTime};
use chrono_tz::Tz;
use serde::Deserialize;

use crate::db::{jobs, rotas};
use crate::domain::week::IsoWeek;
use crate::i18n::Tr;
use crate::rota::generate::{self, Enqueued, GenerateParams};
use crate::scenario_build::Scope;
use crate::web::error::WebError;
use crate::web::extract::{RequireCoordinator, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// One version of the week's rota.
pub struct VersionRow {
    pub id: i32,
    pub version: i32,
    pub status: String,
    pub created: String,
    pub uncovered: String,
    pub changed: String,
}

#[derive(Template)]
#[template(path = "coord/planning.html")]
pub struct PlanningPage {
    pub t: Tr,
    pub ui: Ui,
    /// Heading, e.g. « Planning — C80 Somme ».
    pub title: String,
    /// This page's path (the week picker's GET target).
    pub page_path: String,
    /// Where the « Générer » form posts.
    pub action: String,
    pub week: String,
    pub week_text: String,
    pub prev_week: String,
    pub next_week: String,
    pub versions: Vec<VersionRow>,
    /// A generation of this week and scope queued or running.
    pub active_job: Option<i32>,
    pub error: Option<String>,
    /// Other centres the user coordinates: (code, name).
    pub other_centres: Vec<(String, String)>,
}

#[derive(Debug, Default, Deserialize)]
pub struct WeekQuery {
    pub semaine: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct GenerateForm {
    #[serde(default)]
    pub semaine: String,
}

/// The week after the current one (the default of the picker).
pub fn next_week() -> IsoWeek {
    IsoWeek::containing(chrono::Utc::now().date_naive() + Duration::days(7))
}

/// `?semaine=` parsed; absent → next week; malformed → the error text.
pub fn week_of(t: Tr, raw: Option<&str>) -> Result<IsoWeek, String> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(next_week()),
        Some(s) => s
            .parse::<IsoWeek>()
            .map_err(|_| t.args("gen-error-week", &[("value", s)])),
    }
}

/// « lundi 7 décembre 2026 – dimanche 13 décembre 2026 ».
fn week_text(t: Tr, w: IsoWeek) -> String {
    let f = |d| crate::domain::frdate::format_date(t.lang, d);
    t.args(
        "gen-week-text",
        &[
            ("week", &w.to_string()),
            ("from", &f(w.monday())),
            ("to", &f(w.monday() + Duration::days(6))),
        ],
    )
}

fn local(tz: Tz, at: NaiveDateTime) -> String {
    at.and_utc()
        .with_timezone(&tz)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The data of the page for `scope` and `week`.
pub struct Listing {
    pub versions: Vec<rotas::Rota>,
    pub active_job: Option<i32>,
}

pub async fn load_listing(
    state: &AppState,
    scope: Scope,
    week: IsoWeek,
) -> Result<Listing, WebError> {
    state
        .db(move |conn| {
            let versions = rotas::of_week(conn, week.monday())?
                .into_iter()
                .filter(|r| r.scope.eq_ignore_ascii_case(scope.as_str()))
                .collect();
            let active_job =
                generate::active_job(conn, &GenerateParams::new(week, &scope))?.map(|j| j.id);
            Ok(Listing {
                versions,
                active_job,
            })
        })
        .await
}

/// Version rows for the template.
pub fn version_rows(t: Tr, tz: Tz, versions: &[rotas::Rota]) -> Vec<VersionRow> {
    versions
        .iter()
        .map(|r| {
            let report: Option<serde_json::Value> = r
                .solver_report
                .as_deref()
                .and_then(|s| serde_json::from_str(s).ok());
            let field = |k: &str| {
                report
                    .as_ref()
                    .and_then(|v| v.get(k))
                    .and_then(serde_json::Value::as_u64)
                    .map_or_else(|| "—".to_string(), |n| n.to_string())
            };
            VersionRow {
                id: r.id,
                version: r.version,
                status: t.t(&format!("gen-status-{}", r.status)),
                created: local(tz, r.created_at),
                uncovered: field("uncovered_minutes"),
                changed: if report
                    .as_ref()
                    .is_some_and(|v| v.get("base_rota").is_some_and(|b| !b.is_null()))
                {
                    field("changed")
                } else {
                    "—".to_string()
                },
            }
        })
        .collect()
}

/// Builds the page (status 200, or 422 with an error).
#[allow(clippy::too_many_arguments)]
pub fn page_for(
    ui: Ui,
    title: String,
    page_path: String,
    action: String,
    tz: Tz,
    week: IsoWeek,
    listing: Listing,
    error: Option<String>,
    other_centres: Vec<(String, String)>,
) -> PlanningPage {
    let t = ui.t;
    PlanningPage {
        title,
        page_path,
        action,
        week: week.to_string(),
        week_text: week_text(t, week),
        prev_week: IsoWeek::containing(week.monday() - Duration::days(7)).to_string(),
        next_week: IsoWeek::containing(week.next_monday()).to_string(),
        versions: version_rows(t, tz, &listing.versions),
        active_job: listing.active_job,
        error,
        other_centres,
        t,
        ui,
    }
}

fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::Europe::Paris)
}

/// GET `/centres/{centre}/planning?semaine=2026-W50`.
pub async fn page(
    ui: Ui,
    coord: RequireCoordinator,
    query: web::Query<WeekQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let (week, error) = match week_of(t, query.semaine.as_deref()) {
        Ok(w) => (w, None),
        Err(e) => (next_week(), Some(e)),
    };
    let code = coord.centre.code.clone();
    let listing = load_listing(&state, Scope::Centre(code.clone()), week).await?;
    let viewer = coord.user.clone();
    let own = code.clone();
    let others = state
        .db(move |conn| {
            Ok(crate::db::centres::list(conn)?
                .into_iter()
                .filter(|c| c.code != own && !viewer.is_admin && viewer.can_coordinate(c.id))
                .map(|c| (c.code, c.name))
                .collect())
        })
        .await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = page_for(
        ui,
        t.args(
            "gen-title-centre",
            &[("code", &code), ("name", &coord.centre.name)],
        ),
        format!("/centres/{code}/planning"),
        format!("/centres/{code}/planning/generer"),
        zone(&coord.centre.timezone),
        week,
        listing,
        error,
        others,
    );
    render(status, &page)
}

/// Enqueues a generation for `scope` and answers 303 to its job page (the
/// running one when the week is already being generated).
pub async fn enqueue_and_redirect(
    state: &AppState,
    params: GenerateParams,
    user_id: i32,
) -> Result<HttpResponse, WebError> {
    let enqueued = state
        .db(move |conn| Ok(generate::enqueue(conn, &params, Some(user_id))?))
        .await?;
    match enqueued {
        Enqueued::New(id) => {
            tracing::info!(job_id = id, user_id, "rota generation queued");
            crate::jobs::wake();
            Ok(see_other(&format!("/travaux/{id}")))
        }
        Enqueued::AlreadyActive(id) => Ok(see_other(&format!("/travaux/{id}?deja=1"))),
    }
}

/// POST `/centres/{centre}/planning/generer` (`semaine`).
pub async fn generate(
    ui: Ui,
    coord: RequireCoordinator,
    form: web::Form<GenerateForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let code = coord.centre.code.clone();
    let week = match week_of(t, Some(&form.semaine)) {
        Ok(w) => w,
        Err(e) => {
            let listing = load_listing(&state, Scope::Centre(code.clone()), next_week()).await?;
            let page = page_for(
                ui,
                t.args(
                    "gen-title-centre",
                    &[("code", &code), ("name", &coord.centre.name)],
                ),
                format!("/centres/{code}/planning"),
                format!("/centres/{code}/planning/generer"),
                zone(&coord.centre.timezone),
                next_week(),
                listing,
                Some(e),
                Vec::new(),
            );
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let params = GenerateParams::new(week, &Scope::Centre(code));
    enqueue_and_redirect(&state, params, coord.user.id).await
}

/// The job's rows are kept: a job of another kind never shows here.
pub fn is_generation(job: &jobs::Job) -> bool {
    job.kind == generate::KIND
}
