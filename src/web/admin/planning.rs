//! `/admin/planning`: the administrator's rota generation for every centre
//! at once (scope ALL): the week's versions and « Générer le planning ».

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::db::settings;
use crate::rota::generate::GenerateParams;
use crate::scenario_build::Scope;
use crate::web::coord::planning::{
    enqueue_and_redirect, load_listing, next_week, page_for, week_of, GenerateForm, WeekQuery,
};
use crate::web::error::WebError;
use crate::web::extract::{RequireAdmin, Ui};
use crate::web::render;
use crate::web::state::AppState;

const PAGE: &str = "/admin/planning";
const ACTION: &str = "/admin/planning/generer";

async fn zone(state: &AppState) -> Result<chrono_tz::Tz, WebError> {
    let name = state
        .db(|conn| Ok(settings::get(conn)?.default_timezone))
        .await?;
    Ok(name.parse().unwrap_or(chrono_tz::Europe::Paris))
}

async fn show(ui: Ui, state: &AppState, raw_week: Option<&str>) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let (week, error) = match week_of(t, raw_week) {
        Ok(w) => (w, None),
        Err(e) => (next_week(), Some(e)),
    };
    let listing = load_listing(state, Scope::All, week).await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = page_for(
        ui,
        t.t("gen-title-all"),
        PAGE.to_string(),
        ACTION.to_string(),
        zone(state).await?,
        week,
        listing,
        error,
        Vec::new(),
    );
    render(status, &page)
}

/// GET `/admin/planning?semaine=2026-W50`.
pub async fn page(
    ui: Ui,
    _admin: RequireAdmin,
    query: web::Query<WeekQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    show(ui, &state, query.semaine.as_deref()).await
}

/// POST `/admin/planning/generer` (`semaine`): every centre.
pub async fn generate(
    ui: Ui,
    RequireAdmin(admin): RequireAdmin,
    form: web::Form<GenerateForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let week = match week_of(ui.t, Some(&form.semaine)) {
        Ok(w) => w,
        Err(_) => return show(ui, &state, Some(&form.semaine)).await,
    };
    enqueue_and_redirect(&state, GenerateParams::new(week, &Scope::All), admin.id).await
}
