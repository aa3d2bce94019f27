//! Adjustment forms of a draft rota: `POST /plannings/{rota}/ajouter`,
//! `/retirer`, `/deplacer`, `/verrouiller`, and `/modifier` (a draft copy of
//! a published version). Every form carries the rota `revision`; a stale one
//! gets 409 with a message to reload, a refused change 422 with the rule it
//! breaks. The logic is in `crate::rota::edit`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono_tz::Tz;
use serde::Deserialize;

use super::page::show;
use super::{access, RotaAccess};
use crate::db::{centres, skills, volunteers, DbConnection};
use crate::rota::edit::{self, Change, EditError, Refusal};
use crate::web::error::WebError;
use crate::web::extract::{CurrentUser, Ui};
use crate::web::see_other;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct EditForm {
    revision: Option<String>,
    shift: Option<String>,
    volunteer: Option<String>,
    centre: Option<String>,
    skill: Option<String>,
    role: Option<String>,
    date: Option<String>,
    start: Option<String>,
    end: Option<String>,
    locked: Option<String>,
    /// The review page's centre filter, kept across the change.
    focus: Option<String>,
}

impl EditForm {
    fn text(&self, f: &Option<String>) -> String {
        f.as_deref().unwrap_or("").trim().to_string()
    }
}

/// What the handler does once the change is decided.
enum Outcome {
    Done(i32),
    Refused(Vec<Refusal>),
    Conflict,
    NotDraft,
}

/// Checks the revision first (cheap, and before anything else is read
/// from the form), then resolves the form into a change and applies it.
async fn run(
    ui: Ui,
    state: web::Data<AppState>,
    acc: RotaAccess,
    form: EditForm,
    make: fn(&mut DbConnection, &RotaAccess, &EditForm) -> Result<Change, Vec<Refusal>>,
) -> Result<HttpResponse, WebError> {
    let revision: i32 = form
        .revision
        .as_deref()
        .and_then(|r| r.trim().parse().ok())
        .ok_or(WebError::BadRequest)?;
    let t = ui.t;
    let focus = form
        .focus
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_string);
    let outcome = if revision != acc.rota.revision {
        Outcome::Conflict
    } else if acc.rota.status != "draft" {
        Outcome::NotDraft
    } else {
        let a = acc.clone();
        state
            .db(move |conn| {
                let change = match make(conn, &a, &form) {
                    Ok(c) => c,
                    Err(r) => return Ok(Outcome::Refused(r)),
                };
                match edit::apply(
                    conn,
                    a.rota.id,
                    Some(a.user.id),
                    revision,
                    a.centres.as_deref(),
                    &change,
                ) {
                    Ok((rota, _)) => Ok(Outcome::Done(rota.id)),
                    Err(EditError::Refused(r)) => Ok(Outcome::Refused(r)),
                    Err(EditError::Conflict) => Ok(Outcome::Conflict),
                    Err(EditError::NotDraft) => Ok(Outcome::NotDraft),
                    Err(EditError::NotFound) => Err(WebError::NotFound),
                    Err(EditError::Forbidden) => Err(WebError::Forbidden),
                    Err(EditError::Db(e)) => Err(e.into()),
                    Err(EditError::Build(m)) => Err(WebError::Internal(anyhow::anyhow!(m))),
                }
            })
            .await?
    };
    match outcome {
        Outcome::Done(id) => {
            let centre = focus
                .map(|f| format!("&centre={}", urlencoding::encode(&f)))
                .unwrap_or_default();
            Ok(see_other(&format!("/plannings/{id}?fait=1{centre}#shifts")))
        }
        Outcome::Refused(r) => {
            let msgs = r.iter().map(|r| r.message(&t)).collect();
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            reload_and_show(&state, ui, acc, status, msgs, focus).await
        }
        Outcome::Conflict => {
            let msg = t.t("rota-conflict");
            reload_and_show(&state, ui, acc, StatusCode::CONFLICT, vec![msg], focus).await
        }
        Outcome::NotDraft => {
            let msg = t.t("rota-not-draft");
            reload_and_show(&state, ui, acc, StatusCode::CONFLICT, vec![msg], focus).await
        }
    }
}

/// The page shows the rota as it is now (its current revision).
async fn reload_and_show(
    state: &AppState,
    ui: Ui,
    acc: RotaAccess,
    status: StatusCode,
    alerts: Vec<String>,
    focus: Option<String>,
) -> Result<HttpResponse, WebError> {
    let acc = access(state, acc.user, &acc.rota.id.to_string()).await?;
    show(state, ui, acc, status, alerts, None, focus).await
}

fn shift_id(f: &EditForm) -> Result<i32, Vec<Refusal>> {
    f.text(&f.shift)
        .parse()
        .map_err(|_| vec![Refusal::new("rota-refuse-shift")])
}

fn volunteer_id(conn: &mut DbConnection, f: &EditForm) -> Result<i32, Vec<Refusal>> {
    let ext = f.text(&f.volunteer);
    // The field shows "ext — name" when picked from the list.
    let ext = ext.split(" — ").next().unwrap_or("").trim().to_string();
    match volunteers::by_external_id(conn, &ext) {
        Ok(Some(v)) => Ok(v.id),
        _ => Err(vec![Refusal::new("rota-refuse-volunteer")]),
    }
}

fn zone_of(conn: &mut DbConnection, centre_id: i32) -> Tz {
    centres::by_id(conn, centre_id)
        .ok()
        .flatten()
        .and_then(|c| c.timezone.parse().ok())
        .unwrap_or(chrono_tz::Europe::Paris)
}

fn make_add(
    conn: &mut DbConnection,
    acc: &RotaAccess,
    f: &EditForm,
) -> Result<Change, Vec<Refusal>> {
    let mut errors = Vec::new();
    let centre = centres::by_code(conn, &f.text(&f.centre)).ok().flatten();
    let centre = match centre {
        Some(c) if acc.rota.scope == "ALL" || acc.rota.scope == c.code => Some(c),
        _ => {
            errors.push(Refusal::new("rota-refuse-centre"));
            None
        }
    };
    let skill = skills::by_code(conn, &f.text(&f.skill)).ok().flatten();
    if skill.is_none() {
        errors.push(Refusal::new("rota-refuse-skill"));
    }
    let volunteer = volunteer_id(conn, f).map_err(|e| errors.extend(e)).ok();
    let tz = centre
        .as_ref()
        .and_then(|c| c.timezone.parse::<Tz>().ok())
        .unwrap_or(chrono_tz::Europe::Paris);
    let times = edit::local_times(tz, &f.text(&f.date), &f.text(&f.start), &f.text(&f.end))
        .map_err(|e| errors.push(e))
        .ok();
    match (centre, skill, volunteer, times) {
        (Some(c), Some(s), Some(v), Some((start, end))) if errors.is_empty() => Ok(Change::Add {
            volunteer_id: v,
            centre_id: c.id,
            skill_id: s.id,
            trainee: f.text(&f.role) == "trainee",
            start,
            end,
        }),
        _ => Err(errors),
    }
}

fn make_move(
    conn: &mut DbConnection,
    acc: &RotaAccess,
    f: &EditForm,
) -> Result<Change, Vec<Refusal>> {
    let id = shift_id(f)?;
    let row = crate::db::rotas::shifts_of(conn, acc.rota.id)
        .ok()
        .and_then(|rows| rows.into_iter().find(|r| r.id == id))
        .ok_or_else(|| vec![Refusal::new("rota-refuse-shift")])?;
    let volunteer_id = if f.text(&f.volunteer).is_empty() {
        row.volunteer_id
    } else {
        volunteer_id(conn, f)?
    };
    let tz = zone_of(conn, row.centre_id);
    let (start, end) = edit::local_times(tz, &f.text(&f.date), &f.text(&f.start), &f.text(&f.end))
        .map_err(|e| vec![e])?;
    Ok(Change::Move {
        shift_id: id,
        volunteer_id,
        start,
        end,
    })
}

fn make_remove(_: &mut DbConnection, _: &RotaAccess, f: &EditForm) -> Result<Change, Vec<Refusal>> {
    Ok(Change::Remove {
        shift_id: shift_id(f)?,
    })
}

fn make_lock(_: &mut DbConnection, _: &RotaAccess, f: &EditForm) -> Result<Change, Vec<Refusal>> {
    Ok(Change::Lock {
        shift_id: shift_id(f)?,
        locked: f.text(&f.locked) != "0",
    })
}

pub async fn add(
    user: CurrentUser,
    ui: Ui,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<EditForm>,
) -> Result<HttpResponse, WebError> {
    let acc = access(&state, user.0, &path).await?;
    run(ui, state, acc, form.into_inner(), make_add).await
}

pub async fn remove(
    user: CurrentUser,
    ui: Ui,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<EditForm>,
) -> Result<HttpResponse, WebError> {
    let acc = access(&state, user.0, &path).await?;
    run(ui, state, acc, form.into_inner(), make_remove).await
}

pub async fn move_shift(
    user: CurrentUser,
    ui: Ui,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<EditForm>,
) -> Result<HttpResponse, WebError> {
    let acc = access(&state, user.0, &path).await?;
    run(ui, state, acc, form.into_inner(), make_move).await
}

pub async fn lock(
    user: CurrentUser,
    ui: Ui,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<EditForm>,
) -> Result<HttpResponse, WebError> {
    let acc = access(&state, user.0, &path).await?;
    run(ui, state, acc, form.into_inner(), make_lock).await
}

/// "Modifier": a new draft copy of this version, then its page.
pub async fn copy(
    user: CurrentUser,
    ui: Ui,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<EditForm>,
) -> Result<HttpResponse, WebError> {
    let acc = access(&state, user.0, &path).await?;
    if !acc.owns_whole() {
        return Err(WebError::Forbidden);
    }
    let revision: i32 = form
        .revision
        .as_deref()
        .and_then(|r| r.trim().parse().ok())
        .ok_or(WebError::BadRequest)?;
    if revision != acc.rota.revision {
        let msg = ui.t.t("rota-conflict");
        return show(&state, ui, acc, StatusCode::CONFLICT, vec![msg], None, None).await;
    }
    let (id, actor) = (acc.rota.id, acc.user.id);
    let copy = state
        .db(move |conn| match edit::draft_copy(conn, id, Some(actor)) {
            Ok(r) => Ok(r),
            Err(EditError::NotFound) => Err(WebError::NotFound),
            Err(EditError::Db(e)) => Err(e.into()),
            Err(e) => Err(WebError::Internal(anyhow::anyhow!("{e}"))),
        })
        .await?;
    Ok(see_other(&format!("/plannings/{}?fait=copie", copy.id)))
}
