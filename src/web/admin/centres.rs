//! `/admin/centres`: list and create centres; `/admin/centres/{code}`: edit
//! one (code, name, time zone checked against chrono-tz, fixed sessions or
//! free-length shifts).

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{code, save_coded, text, timezone, Errors, Saved, SUGGESTED_TIMEZONES};
use crate::db::admin::{self as q, CentreFields};
use crate::db::centres::{self, Centre};
use crate::db::{audit, settings};
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireAdmin, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// What the form shows (as typed, even when invalid).
#[derive(Debug, Clone, Default)]
pub struct CentreInput {
    pub code: String,
    pub name: String,
    pub timezone: String,
    pub fixed_sessions: bool,
}

#[derive(Template)]
#[template(path = "admin_centres.html")]
struct CentresPage {
    t: Tr,
    ui: Ui,
    section: &'static str,
    centres: Vec<Centre>,
    input: CentreInput,
    errors: Errors,
    saved: bool,
    timezones: &'static [&'static str],
}

#[derive(Template)]
#[template(path = "admin_centre.html")]
struct CentrePage {
    t: Tr,
    ui: Ui,
    section: &'static str,
    original_code: String,
    input: CentreInput,
    errors: Errors,
    timezones: &'static [&'static str],
}

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CentreForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    timezone: String,
    #[serde(default)]
    mode: String,
}

fn validate(t: Tr, form: &CentreForm) -> (CentreInput, Errors, Option<CentreFields>) {
    let input = CentreInput {
        code: form.code.trim().to_string(),
        name: form.name.trim().to_string(),
        timezone: form.timezone.trim().to_string(),
        fixed_sessions: form.mode == "sessions",
    };
    let mut errors = Errors::default();
    let code = errors.check("code", code(t, &form.code));
    let name = errors.check("name", text(t, &form.name, 200));
    let tz = errors.check("timezone", timezone(t, &form.timezone));
    if form.mode != "sessions" && form.mode != "free" {
        errors.add("mode", t.t("admin-error-centre-mode"));
    }
    let fields = match (code, name, tz) {
        (Some(code), Some(name), Some(timezone)) if errors.is_empty() => Some(CentreFields {
            code,
            name,
            timezone,
            fixed_sessions: input.fixed_sessions,
        }),
        _ => None,
    };
    (input, errors, fields)
}

/// Creates the centre, or updates the one coded `editing`, with its journal
/// entry (`centre.create` / `centre.update`).
async fn save(
    state: &AppState,
    actor: i32,
    editing: Option<String>,
    f: CentreFields,
) -> Result<Saved, WebError> {
    state
        .db(move |conn| {
            let action = if editing.is_some() {
                "centre.update"
            } else {
                "centre.create"
            };
            let new_code = f.code.clone();
            Ok(save_coded(
                conn,
                editing.as_deref(),
                &new_code,
                centres::by_code,
                |conn, id| match id {
                    Some(id) => q::update_centre(conn, id, &f).map(|()| id),
                    None => q::create_centre(conn, &f).map(|c| c.id),
                },
                |id| audit::Event {
                    actor: Some(actor),
                    action,
                    target_kind: "centre",
                    target_id: Some(id.to_string()),
                    centre_id: Some(id),
                    details: None,
                },
            )?)
        })
        .await
}

async fn list_page(
    ui: Ui,
    state: &AppState,
    input: Option<CentreInput>,
    errors: Errors,
    saved: bool,
) -> Result<CentresPage, WebError> {
    let (centres, default_tz) = state
        .db(|conn| Ok((centres::list(conn)?, settings::get(conn)?.default_timezone)))
        .await?;
    Ok(CentresPage {
        t: ui.t,
        ui,
        section: "centres",
        centres,
        input: input.unwrap_or(CentreInput {
            timezone: default_tz,
            ..Default::default()
        }),
        errors,
        saved,
        timezones: SUGGESTED_TIMEZONES,
    })
}

/// GET `/admin/centres`.
pub async fn list(
    ui: Ui,
    _admin: RequireAdmin,
    state: web::Data<AppState>,
    query: web::Query<SavedQuery>,
) -> Result<HttpResponse, WebError> {
    let page = list_page(ui, &state, None, Errors::default(), query.saved.is_some()).await?;
    render(StatusCode::OK, &page)
}

/// POST `/admin/centres`: creates a centre.
pub async fn create(
    ui: Ui,
    RequireAdmin(admin): RequireAdmin,
    state: web::Data<AppState>,
    form: web::Form<CentreForm>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let (input, mut errors, fields) = validate(t, &form);
    if let Some(f) = fields {
        match save(&state, admin.id, None, f).await? {
            Saved::Saved => {
                tracing::info!(by = admin.id, "centre created");
                return Ok(see_other("/admin/centres?saved=1"));
            }
            _ => errors.add("code", t.t("admin-error-centre-code-taken")),
        }
    }
    let page = list_page(ui, &state, Some(input), errors, false).await?;
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// GET `/admin/centres/{code}`: the edit form.
pub async fn edit(
    ui: Ui,
    _admin: RequireAdmin,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let wanted = path.into_inner();
    let centre = state
        .db(move |conn| Ok(centres::by_code(conn, &wanted)?))
        .await?
        .ok_or(WebError::NotFound)?;
    let page = CentrePage {
        t: ui.t,
        ui,
        section: "centres",
        original_code: centre.code.clone(),
        input: CentreInput {
            code: centre.code,
            name: centre.name,
            timezone: centre.timezone,
            fixed_sessions: centre.fixed_sessions,
        },
        errors: Errors::default(),
        timezones: SUGGESTED_TIMEZONES,
    };
    render(StatusCode::OK, &page)
}

/// POST `/admin/centres/{code}`: saves the centre (its code may change).
pub async fn update(
    ui: Ui,
    RequireAdmin(admin): RequireAdmin,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<CentreForm>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let original_code = path.into_inner();
    let (input, mut errors, fields) = validate(t, &form);
    let wanted = original_code.clone();
    let exists = state
        .db(move |conn| Ok(centres::by_code(conn, &wanted)?.is_some()))
        .await?;
    if !exists {
        return Err(WebError::NotFound);
    }
    if let Some(f) = fields {
        match save(&state, admin.id, Some(original_code.clone()), f).await? {
            Saved::Saved => {
                tracing::info!(by = admin.id, "centre updated");
                return Ok(see_other("/admin/centres?saved=1"));
            }
            Saved::Missing => return Err(WebError::NotFound),
            Saved::CodeTaken => errors.add("code", t.t("admin-error-centre-code-taken")),
        }
    }
    let page = CentrePage {
        t,
        ui,
        section: "centres",
        original_code,
        input,
        errors,
        timezones: SUGGESTED_TIMEZONES,
    };
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}
