//! `/travaux/{job}`: a generation job's live progress (components solved,
//! current best, bound, gap), then a link to the new draft. The page reads
//! everything from the `jobs` row, so it survives a reload and a restart;
//! `/static/job.js` polls `/travaux/{job}.json`, and without JavaScript a
//! meta refresh reloads the page. Also « Re-générer » from a draft
//! (`POST /plannings/{rota}/regenerer`) and `/planning`, the menu's entry.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::{Deserialize, Serialize};

use crate::db::{centres, jobs, rotas, DbConnection};
use crate::domain::week::IsoWeek;
use crate::i18n::Tr;
use crate::rota::generate::{GenerateParams, GenerateResult, ProgressInfo};
use crate::scenario_build::Scope;
use crate::web::coord::planning::{enqueue_and_redirect, is_generation};
use crate::web::error::WebError;
use crate::web::extract::{CurrentUser, SessionUser, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// May `user` generate and see the rota of `scope` (`ALL` or a centre code)?
pub fn can_plan(
    conn: &mut DbConnection,
    user: &SessionUser,
    scope: &str,
) -> Result<bool, WebError> {
    if user.is_admin {
        return Ok(true);
    }
    match Scope::parse(scope) {
        Scope::All => Ok(false),
        Scope::Centre(code) => {
            Ok(centres::by_code(conn, &code)?.is_some_and(|c| user.can_coordinate(c.id)))
        }
    }
}

/// The job, if it is a generation `user` may see: 404 unknown, 403 another's.
async fn load_job(
    state: &AppState,
    user: SessionUser,
    id: i32,
) -> Result<(jobs::Job, GenerateParams), WebError> {
    state
        .db(move |conn| {
            let job = jobs::get(conn, id)?
                .filter(is_generation)
                .ok_or(WebError::NotFound)?;
            let params: GenerateParams =
                serde_json::from_str(&job.params).map_err(|_| WebError::NotFound)?;
            if !can_plan(conn, &user, &params.scope)? {
                return Err(WebError::Forbidden);
            }
            Ok((job, params))
        })
        .await
}

/// What `/travaux/{job}.json` answers.
#[derive(Debug, Serialize, Deserialize)]
pub struct JobView {
    pub id: i32,
    pub status: String,
    pub progress: Option<ProgressInfo>,
    pub result: Option<GenerateResult>,
    pub error: Option<String>,
    /// The new draft's review page, once done.
    pub rota_url: Option<String>,
    /// Progress in words, in the viewer's language.
    pub progress_text: String,
}

fn view(t: Tr, job: &jobs::Job) -> JobView {
    let progress: Option<ProgressInfo> = job
        .progress
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok());
    let result: Option<GenerateResult> = job
        .result
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok());
    JobView {
        id: job.id,
        status: job.status.clone(),
        progress_text: progress_text(t, job, progress.as_ref()),
        rota_url: result.as_ref().map(|r| format!("/plannings/{}", r.rota_id)),
        progress,
        result,
        error: job.error.clone(),
    }
}

fn progress_text(t: Tr, job: &jobs::Job, p: Option<&ProgressInfo>) -> String {
    if job.status == jobs::QUEUED {
        return t.t("gen-progress-queued");
    }
    let Some(p) = p else {
        return t.t("gen-progress-building");
    };
    match p.phase.as_str() {
        "building" => t.t("gen-progress-building"),
        "storing" => t.t("gen-progress-storing"),
        _ => {
            let mut s = t.args(
                "gen-progress-components",
                &[
                    ("done", &p.components_done.to_string()),
                    ("total", &p.components_total.to_string()),
                ],
            );
            if let (Some(u), Some(b), Some(g)) = (p.uncovered_minutes, p.bound_minutes, p.gap) {
                s.push_str(" · ");
                s.push_str(&t.args(
                    "gen-progress-score",
                    &[
                        ("uncovered", &u.to_string()),
                        ("bound", &crate::commands::solve::show_bound(b)),
                        ("gap", &format!("{:.2}", g * 100.0)),
                    ],
                ));
            }
            s.push_str(&format!(" · {:.1} s", p.elapsed_seconds));
            s
        }
    }
}

#[derive(Template)]
#[template(path = "job.html")]
struct JobPage {
    t: Tr,
    ui: Ui,
    job: JobView,
    title: String,
    active: bool,
    already: bool,
    /// Back to the week's planning page.
    back: String,
    status_text: String,
    changed_text: Option<String>,
    uncovered_text: Option<String>,
    done_text: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct JobQuery {
    deja: Option<String>,
}

/// GET `/travaux/{job}`.
pub async fn page(
    ui: Ui,
    CurrentUser(user): CurrentUser,
    path: web::Path<i32>,
    query: web::Query<JobQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let (job, params) = load_job(&state, user, path.into_inner()).await?;
    let v = view(t, &job);
    let scope_label = if params.scope.eq_ignore_ascii_case("ALL") {
        t.t("gen-scope-all")
    } else {
        params.scope.clone()
    };
    let back = if params.scope.eq_ignore_ascii_case("ALL") {
        format!("/admin/planning?semaine={}", params.week)
    } else {
        format!("/centres/{}/planning?semaine={}", params.scope, params.week)
    };
    let changed_text = v
        .result
        .as_ref()
        .filter(|r| r.base_rota.is_some())
        .map(|r| t.count("gen-changed", r.changed as i64));
    let uncovered_text = v
        .result
        .as_ref()
        .map(|r| t.count("gen-uncovered", r.uncovered_minutes as i64));
    let done_text = v.result.as_ref().map_or_else(String::new, |r| {
        t.args("gen-done", &[("version", &r.version.to_string())])
    });
    let page = JobPage {
        done_text,
        title: t.args(
            if params.from_rota.is_some() {
                "gen-job-title-regenerate"
            } else {
                "gen-job-title"
            },
            &[("week", &params.week), ("scope", &scope_label)],
        ),
        active: job.is_active(),
        already: query.deja.is_some() && job.is_active(),
        back,
        status_text: t.t(&format!("gen-job-status-{}", job.status)),
        changed_text,
        uncovered_text,
        job: v,
        t,
        ui,
    };
    render(StatusCode::OK, &page)
}

/// GET `/travaux/{job}.json`.
pub async fn json(
    ui: Ui,
    CurrentUser(user): CurrentUser,
    path: web::Path<i32>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (job, _) = load_job(&state, user, path.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(view(ui.t, &job)))
}

/// POST `/plannings/{rota}/regenerer`: a new draft from this one, keeping
/// its locked and the published assignments, changing as few others as
/// possible.
pub async fn regenerate(
    CurrentUser(user): CurrentUser,
    path: web::Path<i32>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let rota_id = path.into_inner();
    let viewer = user.clone();
    let rota = state
        .db(move |conn| {
            let rota = rotas::by_id(conn, rota_id)?.ok_or(WebError::NotFound)?;
            if !can_plan(conn, &viewer, &rota.scope)? {
                return Err(WebError::Forbidden);
            }
            Ok(rota)
        })
        .await?;
    let mut params = GenerateParams::new(
        IsoWeek::containing(rota.week_start),
        &Scope::parse(&rota.scope),
    );
    params.from_rota = Some(rota.id);
    enqueue_and_redirect(&state, params, user.id).await
}

/// GET `/planning`: the menu's « Planning » — the administrator's page, the
/// first coordinated centre's, or « Mes astreintes » for a volunteer.
pub async fn entry(
    CurrentUser(user): CurrentUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    if user.is_admin {
        return Ok(see_other("/admin/planning"));
    }
    let viewer = user.clone();
    let first = state
        .db(move |conn| {
            Ok(centres::list(conn)?
                .into_iter()
                .find(|c| viewer.can_coordinate(c.id))
                .map(|c| c.code))
        })
        .await?;
    Ok(match first {
        Some(code) => see_other(&format!("/centres/{code}/planning")),
        None => see_other("/mes-astreintes"),
    })
}

/// GET `/static/job.js`: polls the job's JSON and updates the page.
pub async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/javascript; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(include_str!("../../static/job.js"))
}
