//! `/formations`: the sessions a coordinator (their centres) or an
//! administrator (every centre) manages, with the planning form;
//! `/formations/nouvelle`: create; `/formations/{id}`: see, edit, delete.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::Duration;

use super::session_form::{input_of, validate, SessionInput};
use super::{managed_centres, managed_session, skill_label, tz_of, views, SessionView};
use crate::db::training as q;
use crate::db::{audit, centres, skills, users, volunteers};
use crate::i18n::Tr;
use crate::web::admin::Errors;
use crate::web::error::WebError;
use crate::web::extract::{RequireCoordinatorAny, SessionUser, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// An option of a select: (value, label).
pub type Choice = (i32, String);

#[derive(Template)]
#[template(path = "training/sessions.html")]
struct ListPage {
    t: Tr,
    ui: Ui,
    sessions: Vec<SessionView>,
    centres: Vec<(i32, String, String)>,
    horizon: String,
}

#[derive(Template)]
#[template(path = "training/session_new.html")]
struct NewPage {
    t: Tr,
    ui: Ui,
    input: SessionInput,
    errors: Errors,
    skills: Vec<Choice>,
    centres: Vec<Choice>,
}

/// One invitation as the session page shows it.
pub struct SeatView {
    pub name: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "training/session.html")]
struct SessionPage {
    t: Tr,
    ui: Ui,
    view: SessionView,
    input: SessionInput,
    errors: Errors,
    saved: bool,
    skills: Vec<Choice>,
    centres: Vec<Choice>,
    seats: Vec<SeatView>,
}

/// Skill and centre options of the form, and the rows they come from.
type Choices = (
    Vec<Choice>,
    Vec<Choice>,
    Vec<centres::Centre>,
    Vec<skills::Skill>,
);

fn choices(
    t: Tr,
    conn: &mut crate::db::DbConnection,
    user: &SessionUser,
) -> Result<Choices, WebError> {
    let skill_list = skills::list(conn)?;
    let centre_list = managed_centres(conn, user)?;
    Ok((
        skill_list
            .iter()
            .map(|s| (s.id, skill_label(t, s)))
            .collect(),
        centre_list
            .iter()
            .map(|c| (c.id, format!("{} — {}", c.code, c.name)))
            .collect(),
        centre_list,
        skill_list,
    ))
}

/// GET `/formations`.
pub async fn list(
    ui: Ui,
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let (sessions, centres) = state
        .db(move |conn| {
            let scope = (!user.is_admin).then(|| user.centres.clone());
            let rows = q::sessions_of(conn, scope.as_deref())?;
            let centres = managed_centres(conn, &user)?;
            Ok((views(conn, t, &rows)?, centres))
        })
        .await?;
    let horizon = (chrono::Utc::now().date_naive() + Duration::days(90)).to_string();
    let page = ListPage {
        t,
        ui,
        sessions,
        centres: centres
            .into_iter()
            .map(|c| (c.id, c.code, c.name))
            .collect(),
        horizon,
    };
    render(StatusCode::OK, &page)
}

/// GET `/formations/nouvelle`.
pub async fn new_form(
    ui: Ui,
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let (skills, centres, _, _) = state.db(move |conn| choices(t, conn, &user)).await?;
    let input = SessionInput {
        capacity: "12".into(),
        grants: "renew".into(),
        start: "14:00".into(),
        end: "17:00".into(),
        ..Default::default()
    };
    let page = NewPage {
        t,
        ui,
        input,
        errors: Errors::default(),
        skills,
        centres,
    };
    render(StatusCode::OK, &page)
}

/// POST `/formations/nouvelle`.
pub async fn create(
    ui: Ui,
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
    form: web::Form<SessionInput>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let input = form.into_inner();
    let outcome = state
        .db(move |conn| {
            let (skills, centres, centre_rows, skill_rows) = choices(t, conn, &user)?;
            match validate(t, &input, &skill_rows, &centre_rows) {
                Err(errors) => Ok(Err((input, errors, skills, centres))),
                Ok(fields) => {
                    let id = conn.write_transaction(|c| {
                        let id = q::create_session(c, &fields, user.id)?;
                        audit::record(
                            c,
                            &audit::Event {
                                actor: Some(user.id),
                                action: "training.session.create",
                                target_kind: "training_session",
                                target_id: Some(id.to_string()),
                                centre_id: Some(fields.centre_id),
                                details: Some(format!(
                                    "skill={} capacity={}",
                                    fields.skill_id, fields.capacity
                                )),
                            },
                        )?;
                        Ok::<_, diesel::result::Error>(id)
                    })?;
                    Ok(Ok(id))
                }
            }
        })
        .await?;
    match outcome {
        Ok(id) => Ok(see_other(&format!("/formations/{id}?enregistre=1"))),
        Err((input, errors, skills, centres)) => render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &NewPage {
                t,
                ui,
                input,
                errors,
                skills,
                centres,
            },
        ),
    }
}

fn seats(
    conn: &mut crate::db::DbConnection,
    t: Tr,
    session_id: i32,
) -> Result<Vec<SeatView>, WebError> {
    let mut out = Vec::new();
    for inv in q::invitations_of_sessions(conn, &[session_id])? {
        let name = volunteers::by_id(conn, inv.volunteer_id)?
            .and_then(|v| users::by_id(conn, v.user_id).ok().flatten())
            .map(|u| u.display_name)
            .unwrap_or_default();
        out.push(SeatView {
            name,
            status: t.t(&format!("training-status-{}", inv.status)),
        });
    }
    Ok(out)
}

#[derive(Debug, serde::Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    enregistre: Option<String>,
}

/// GET `/formations/{id}`.
pub async fn show(
    ui: Ui,
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    query: web::Query<SavedQuery>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let id = path.into_inner();
    let (view, input, seats, skills, centres) = state
        .db(move |conn| {
            let s = managed_session(conn, &user, id)?;
            let tz =
                centres::by_id(conn, s.centre_id)?.map_or(chrono_tz::Europe::Paris, |c| tz_of(&c));
            let view = views(conn, t, std::slice::from_ref(&s))?
                .pop()
                .ok_or(WebError::NotFound)?;
            let (skills, centres, _, _) = choices(t, conn, &user)?;
            Ok((view, input_of(&s, tz), seats(conn, t, id)?, skills, centres))
        })
        .await?;
    let page = SessionPage {
        t,
        ui,
        view,
        input,
        errors: Errors::default(),
        saved: query.enregistre.is_some(),
        skills,
        centres,
        seats,
    };
    render(StatusCode::OK, &page)
}

/// POST `/formations/{id}`.
pub async fn update(
    ui: Ui,
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
    path: web::Path<i32>,
    form: web::Form<SessionInput>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let id = path.into_inner();
    let input = form.into_inner();
    let outcome = state
        .db(move |conn| {
            let s = managed_session(conn, &user, id)?;
            let (skills, centres, centre_rows, skill_rows) = choices(t, conn, &user)?;
            match validate(t, &input, &skill_rows, &centre_rows) {
                Err(errors) => {
                    let view = views(conn, t, std::slice::from_ref(&s))?
                        .pop()
                        .ok_or(WebError::NotFound)?;
                    Ok(Err((
                        view,
                        input,
                        errors,
                        skills,
                        centres,
                        seats(conn, t, id)?,
                    )))
                }
                Ok(fields) => {
                    conn.write_transaction(|c| {
                        q::update_session(c, id, &fields)?;
                        audit::record(
                            c,
                            &audit::Event {
                                actor: Some(user.id),
                                action: "training.session.update",
                                target_kind: "training_session",
                                target_id: Some(id.to_string()),
                                centre_id: Some(fields.centre_id),
                                details: Some(format!("capacity={}", fields.capacity)),
                            },
                        )
                    })?;
                    Ok(Ok(()))
                }
            }
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/formations/{id}?enregistre=1"))),
        Err((view, input, errors, skills, centres, seats)) => render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SessionPage {
                t,
                ui,
                view,
                input,
                errors,
                saved: false,
                skills,
                centres,
                seats,
            },
        ),
    }
}

/// POST `/formations/{id}/supprimer`.
pub async fn delete(
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
    path: web::Path<i32>,
) -> Result<HttpResponse, WebError> {
    let id = path.into_inner();
    state
        .db(move |conn| {
            let s = managed_session(conn, &user, id)?;
            conn.write_transaction(|c| {
                q::delete_session(c, id)?;
                audit::record(
                    c,
                    &audit::Event {
                        actor: Some(user.id),
                        action: "training.session.delete",
                        target_kind: "training_session",
                        target_id: Some(id.to_string()),
                        centre_id: Some(s.centre_id),
                        details: None,
                    },
                )
            })?;
            Ok(())
        })
        .await?;
    Ok(see_other("/formations"))
}
