//! `/admin/formation`: the training catalogue (administrator) — for each
//! skill its validity, prerequisites and path from trainee to qualified;
//! `/admin/formation/{code}` edits one: prerequisites (other skills) and the
//! path, in the fixed order initial course → N mentored hours on duty →
//! coordinator sign-off (each step optional).

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use super::skill_label;
use crate::db::{audit, skills, training_catalogue as cat};
use crate::domain::training_status::PathStep;
use crate::i18n::Tr;
use crate::web::admin::Errors;
use crate::web::error::WebError;
use crate::web::extract::{RequireAdmin, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// Most mentored hours a path may ask.
const MAX_MENTORED_HOURS: i64 = 500;

pub struct CatalogueRow {
    pub code: String,
    pub name: String,
    pub validity: String,
    pub requires: String,
    pub path: String,
}

#[derive(Template)]
#[template(path = "training/catalogue.html")]
struct CataloguePage {
    t: Tr,
    ui: Ui,
    section: &'static str,
    rows: Vec<CatalogueRow>,
}

pub struct PrereqChoice {
    pub id: i32,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "training/catalogue_skill.html")]
struct SkillPage {
    t: Tr,
    ui: Ui,
    section: &'static str,
    code: String,
    name: String,
    prereqs: Vec<PrereqChoice>,
    course: bool,
    mentored_hours: String,
    signoff: bool,
    errors: Errors,
    saved: bool,
}

fn path_text(t: Tr, path: &[PathStep]) -> String {
    if path.is_empty() {
        return t.t("training-path-none");
    }
    path.iter()
        .map(|s| match s {
            PathStep::Course => t.t("training-step-course"),
            PathStep::Mentored { minutes } => t.count("training-step-mentored-hours", minutes / 60),
            PathStep::SignOff => t.t("training-step-signoff"),
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// GET `/admin/formation`.
pub async fn list(
    ui: Ui,
    _admin: RequireAdmin,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let rows = state
        .db(move |conn| {
            let skill_list = skills::list(conn)?;
            let mut req: HashMap<i32, Vec<i32>> = HashMap::new();
            for (s, r) in cat::all_prerequisites(conn)? {
                req.entry(s).or_default().push(r);
            }
            let mut paths: HashMap<i32, Vec<PathStep>> = HashMap::new();
            for s in cat::all_steps(conn)? {
                if let Some(step) = s.step() {
                    paths.entry(s.skill_id).or_default().push(step);
                }
            }
            let code_of = |id: &i32| {
                skill_list
                    .iter()
                    .find(|s| s.id == *id)
                    .map(|s| s.code.clone())
                    .unwrap_or_default()
            };
            Ok(skill_list
                .iter()
                .map(|s| CatalogueRow {
                    code: s.code.clone(),
                    name: skill_label(t, s),
                    validity: match s.validity_months {
                        Some(m) => t.count("admin-validity-months", i64::from(m)),
                        None => t.t("admin-validity-none"),
                    },
                    requires: req
                        .get(&s.id)
                        .map(|l| l.iter().map(code_of).collect::<Vec<_>>().join(", "))
                        .filter(|x| !x.is_empty())
                        .unwrap_or_else(|| "—".to_string()),
                    path: path_text(t, paths.get(&s.id).map_or(&[][..], Vec::as_slice)),
                })
                .collect::<Vec<_>>())
        })
        .await?;
    render(
        StatusCode::OK,
        &CataloguePage {
            t,
            ui,
            section: "training",
            rows,
        },
    )
}

#[derive(Debug, serde::Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    enregistre: Option<String>,
}

fn skill_page(
    conn: &mut crate::db::DbConnection,
    t: Tr,
    ui: Ui,
    code: &str,
) -> Result<SkillPage, WebError> {
    let skill = skills::by_code(conn, code)?.ok_or(WebError::NotFound)?;
    let requires: Vec<i32> = cat::all_prerequisites(conn)?
        .into_iter()
        .filter(|(s, _)| *s == skill.id)
        .map(|(_, r)| r)
        .collect();
    let path = cat::path_of(conn, skill.id)?;
    let prereqs = skills::list(conn)?
        .iter()
        .filter(|s| s.id != skill.id)
        .map(|s| PrereqChoice {
            id: s.id,
            label: format!("{} — {}", s.code, skill_label(t, s)),
            checked: requires.contains(&s.id),
        })
        .collect();
    let hours = path.iter().find_map(|s| match s {
        PathStep::Mentored { minutes } => Some(minutes / 60),
        _ => None,
    });
    Ok(SkillPage {
        t,
        ui,
        section: "training",
        code: skill.code.clone(),
        name: skill_label(t, &skill),
        prereqs,
        course: path.contains(&PathStep::Course),
        mentored_hours: hours.map(|h| h.to_string()).unwrap_or_default(),
        signoff: path.contains(&PathStep::SignOff),
        errors: Errors::default(),
        saved: false,
    })
}

/// GET `/admin/formation/{skill}`.
pub async fn edit(
    ui: Ui,
    _admin: RequireAdmin,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<SavedQuery>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let code = path.into_inner();
    let mut page = state.db(move |conn| skill_page(conn, t, ui, &code)).await?;
    page.saved = query.enregistre.is_some();
    render(StatusCode::OK, &page)
}

/// POST `/admin/formation/{skill}`: `requires_{id}`, `course`,
/// `mentored_hours`, `signoff`.
pub async fn update(
    ui: Ui,
    RequireAdmin(admin): RequireAdmin,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let code = path.into_inner();
    let has = |name: &str| form.iter().any(|(k, _)| k == name);
    let requires: Vec<i32> = form
        .iter()
        .filter_map(|(k, _)| k.strip_prefix("requires_")?.parse().ok())
        .collect();
    let hours_raw = form
        .iter()
        .find(|(k, _)| k == "mentored_hours")
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default();
    let mut errors = Errors::default();
    let hours = if hours_raw.is_empty() {
        None
    } else {
        match hours_raw.parse::<i64>() {
            Ok(h) if (1..=MAX_MENTORED_HOURS).contains(&h) => Some(h),
            _ => {
                errors.add("mentored_hours", t.t("training-error-mentored-hours"));
                None
            }
        }
    };
    let mut steps = Vec::new();
    if has("course") {
        steps.push(PathStep::Course);
    }
    if let Some(h) = hours {
        steps.push(PathStep::Mentored { minutes: h * 60 });
    }
    if has("signoff") {
        steps.push(PathStep::SignOff);
    }
    let outcome = state
        .db(move |conn| {
            let skill = skills::by_code(conn, &code)?.ok_or(WebError::NotFound)?;
            if !errors.is_empty() {
                let mut page = skill_page(conn, t, ui, &code)?;
                page.mentored_hours = hours_raw;
                page.errors = errors;
                return Ok(Err(page));
            }
            let known: Vec<i32> = skills::list(conn)?.iter().map(|s| s.id).collect();
            let requires: Vec<i32> = requires
                .into_iter()
                .filter(|r| *r != skill.id && known.contains(r))
                .collect();
            conn.write_transaction(|c| {
                cat::replace(c, skill.id, &requires, &steps)?;
                audit::record(
                    c,
                    &audit::Event {
                        actor: Some(admin.id),
                        action: "training.catalogue.update",
                        target_kind: "skill",
                        target_id: Some(skill.id.to_string()),
                        centre_id: None,
                        details: Some(format!(
                            "prerequisites={} steps={}",
                            requires.len(),
                            steps.len()
                        )),
                    },
                )
            })?;
            Ok(Ok(skill.code))
        })
        .await?;
    match outcome {
        Ok(code) => Ok(see_other(&format!("/admin/formation/{code}?enregistre=1"))),
        Err(page) => render(StatusCode::UNPROCESSABLE_ENTITY, &page),
    }
}
