//! `/admin/competences`: list and create skills; `/admin/competences/{code}`:
//! edit one (code, French and English names, validity in months or none).

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{code, int_in, save_coded, text, Errors, Saved};
use crate::db::admin::{self as q, SkillFields};
use crate::db::audit;
use crate::db::skills::{self, Skill};
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireAdmin, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// Longest validity accepted: 20 years.
const MAX_VALIDITY_MONTHS: i32 = 240;

/// What the form shows (as typed, even when invalid).
#[derive(Debug, Clone, Default)]
pub struct SkillInput {
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub validity_months: String,
}

#[derive(Template)]
#[template(path = "admin_skills.html")]
struct SkillsPage {
    t: Tr,
    ui: Ui,
    section: &'static str,
    skills: Vec<Skill>,
    input: SkillInput,
    errors: Errors,
    saved: bool,
}

#[derive(Template)]
#[template(path = "admin_skill.html")]
struct SkillPage {
    t: Tr,
    ui: Ui,
    section: &'static str,
    original_code: String,
    input: SkillInput,
    errors: Errors,
}

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct SkillForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_fr: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    validity_months: String,
}

fn validate(t: Tr, form: &SkillForm) -> (SkillInput, Errors, Option<SkillFields>) {
    let input = SkillInput {
        code: form.code.trim().to_string(),
        name_fr: form.name_fr.trim().to_string(),
        name_en: form.name_en.trim().to_string(),
        validity_months: form.validity_months.trim().to_string(),
    };
    let mut errors = Errors::default();
    let code = errors.check("code", code(t, &form.code));
    let name_fr = errors.check("name_fr", text(t, &form.name_fr, 200));
    let name_en = errors.check("name_en", text(t, &form.name_en, 200));
    let validity = if input.validity_months.is_empty() {
        Some(None)
    } else {
        errors
            .check(
                "validity_months",
                int_in(t, &input.validity_months, 1, MAX_VALIDITY_MONTHS),
            )
            .map(Some)
    };
    let fields = match (code, name_fr, name_en, validity) {
        (Some(code), Some(name_fr), Some(name_en), Some(validity_months)) => Some(SkillFields {
            code,
            name_fr,
            name_en,
            validity_months,
        }),
        _ => None,
    };
    (input, errors, fields)
}

/// Creates the skill, or updates the one coded `editing`, with its journal
/// entry (`skill.create` / `skill.update`).
async fn save(
    state: &AppState,
    actor: i32,
    editing: Option<String>,
    f: SkillFields,
) -> Result<Saved, WebError> {
    state
        .db(move |conn| {
            let action = if editing.is_some() {
                "skill.update"
            } else {
                "skill.create"
            };
            let new_code = f.code.clone();
            Ok(save_coded(
                conn,
                editing.as_deref(),
                &new_code,
                skills::by_code,
                |conn, id| match id {
                    Some(id) => q::update_skill(conn, id, &f).map(|()| id),
                    None => q::create_skill(conn, &f).map(|s| s.id),
                },
                |id| audit::Event {
                    actor: Some(actor),
                    action,
                    target_kind: "skill",
                    target_id: Some(id.to_string()),
                    centre_id: None,
                    details: None,
                },
            )?)
        })
        .await
}

async fn list_page(
    ui: Ui,
    state: &AppState,
    input: SkillInput,
    errors: Errors,
    saved: bool,
) -> Result<SkillsPage, WebError> {
    let skills = state.db(|conn| Ok(skills::list(conn)?)).await?;
    Ok(SkillsPage {
        t: ui.t,
        ui,
        section: "skills",
        skills,
        input,
        errors,
        saved,
    })
}

/// GET `/admin/competences`.
pub async fn list(
    ui: Ui,
    _admin: RequireAdmin,
    state: web::Data<AppState>,
    query: web::Query<SavedQuery>,
) -> Result<HttpResponse, WebError> {
    let page = list_page(
        ui,
        &state,
        SkillInput::default(),
        Errors::default(),
        query.saved.is_some(),
    )
    .await?;
    render(StatusCode::OK, &page)
}

/// POST `/admin/competences`: creates a skill.
pub async fn create(
    ui: Ui,
    RequireAdmin(admin): RequireAdmin,
    state: web::Data<AppState>,
    form: web::Form<SkillForm>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let (input, mut errors, fields) = validate(t, &form);
    if let Some(f) = fields {
        if save(&state, admin.id, None, f).await? == Saved::Saved {
            tracing::info!(by = admin.id, "skill created");
            return Ok(see_other("/admin/competences?saved=1"));
        }
        errors.add("code", t.t("admin-error-skill-code-taken"));
    }
    let page = list_page(ui, &state, input, errors, false).await?;
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// GET `/admin/competences/{code}`: the edit form.
pub async fn edit(
    ui: Ui,
    _admin: RequireAdmin,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let wanted = path.into_inner();
    let skill = state
        .db(move |conn| Ok(skills::by_code(conn, &wanted)?))
        .await?
        .ok_or(WebError::NotFound)?;
    let page = SkillPage {
        t: ui.t,
        ui,
        section: "skills",
        original_code: skill.code.clone(),
        input: SkillInput {
            code: skill.code,
            name_fr: skill.name_fr,
            name_en: skill.name_en,
            validity_months: skill
                .validity_months
                .map(|m| m.to_string())
                .unwrap_or_default(),
        },
        errors: Errors::default(),
    };
    render(StatusCode::OK, &page)
}

/// POST `/admin/competences/{code}`: saves the skill (its code may change).
pub async fn update(
    ui: Ui,
    RequireAdmin(admin): RequireAdmin,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<SkillForm>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let original_code = path.into_inner();
    let (input, mut errors, fields) = validate(t, &form);
    let wanted = original_code.clone();
    let exists = state
        .db(move |conn| Ok(skills::by_code(conn, &wanted)?.is_some()))
        .await?;
    if !exists {
        return Err(WebError::NotFound);
    }
    if let Some(f) = fields {
        match save(&state, admin.id, Some(original_code.clone()), f).await? {
            Saved::Saved => {
                tracing::info!(by = admin.id, "skill updated");
                return Ok(see_other("/admin/competences?saved=1"));
            }
            Saved::Missing => return Err(WebError::NotFound),
            Saved::CodeTaken => errors.add("code", t.t("admin-error-skill-code-taken")),
        }
    }
    let page = SkillPage {
        t,
        ui,
        section: "skills",
        original_code,
        input,
        errors,
    };
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}
