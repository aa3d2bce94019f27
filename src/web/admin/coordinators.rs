//! `/admin/coordinateurs`: who coordinates which centre; grant a centre to
//! an existing account by email, or revoke it.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::Errors;
use crate::db::admin::{self as q, CoordinatorRow};
use crate::db::centres::{self, Centre};
use crate::db::users;
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireAdmin, Ui};
use crate::web::login::plausible_email;
use crate::web::state::AppState;
use crate::web::{render, see_other};

#[derive(Template)]
#[template(path = "admin_coordinators.html")]
struct CoordinatorsPage {
    t: Tr,
    ui: Ui,
    section: &'static str,
    rows: Vec<CoordinatorRow>,
    centres: Vec<Centre>,
    email: String,
    selected_centre: i32,
    errors: Errors,
    notice: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    granted: Option<String>,
    revoked: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct GrantForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    centre_id: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    user_id: String,
    #[serde(default)]
    centre_id: String,
}

async fn page_for(
    ui: Ui,
    state: &AppState,
    email: String,
    selected_centre: i32,
    errors: Errors,
    notice: Option<String>,
) -> Result<CoordinatorsPage, WebError> {
    let (rows, centres) = state
        .db(|conn| Ok((q::coordinators(conn)?, centres::list(conn)?)))
        .await?;
    Ok(CoordinatorsPage {
        t: ui.t,
        ui,
        section: "coordinators",
        rows,
        centres,
        email,
        selected_centre,
        errors,
        notice,
    })
}

/// GET `/admin/coordinateurs`.
pub async fn page(
    ui: Ui,
    _admin: RequireAdmin,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let notice = if query.granted.is_some() {
        Some(t.t("admin-coord-granted"))
    } else if query.revoked.is_some() {
        Some(t.t("admin-coord-revoked"))
    } else {
        None
    };
    let page = page_for(ui, &state, String::new(), 0, Errors::default(), notice).await?;
    render(StatusCode::OK, &page)
}

enum Outcome {
    Granted,
    NoSuchUser,
    NoSuchCentre,
    Already,
}

/// POST `/admin/coordinateurs`: makes an existing account coordinator of a centre.
pub async fn grant(
    ui: Ui,
    RequireAdmin(admin): RequireAdmin,
    state: web::Data<AppState>,
    form: web::Form<GrantForm>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let email = form.email.trim().to_string();
    let centre_id = form.centre_id.trim().parse::<i32>().ok();
    let mut errors = Errors::default();
    if !plausible_email(&email) {
        errors.add("email", t.t("error-email-invalid"));
    }
    if centre_id.is_none() {
        errors.add("centre_id", t.t("admin-error-centre-choose"));
    }
    if let (true, Some(centre)) = (errors.is_empty(), centre_id) {
        let wanted = users::normalise_email(&email);
        // Audit actor.
        let actor = admin.id;
        let outcome = state
            .db(move |conn| {
                Ok(
                    conn.write_transaction::<_, diesel::result::Error, _>(|conn| {
                        let Some(user) = users::by_email(conn, &wanted)? else {
                            return Ok(Outcome::NoSuchUser);
                        };
                        if centres::by_id(conn, centre)?.is_none() {
                            return Ok(Outcome::NoSuchCentre);
                        }
                        if q::is_coordinator_of(conn, user.id, centre)? {
                            return Ok(Outcome::Already);
                        }
                        centres::add_coordinator(conn, user.id, centre)?;
                        // Audit.
                        crate::db::audit::record(
                            conn,
                            &crate::db::audit::Event {
                                actor: Some(actor),
                                action: "coordinator.grant",
                                target_kind: "user",
                                target_id: Some(user.id.to_string()),
                                centre_id: Some(centre),
                                details: None,
                            },
                        )?;
                        Ok(Outcome::Granted)
                    })?,
                )
            })
            .await?;
        match outcome {
            Outcome::Granted => {
                tracing::info!(by = admin.id, centre_id = centre, "coordinator granted");
                return Ok(see_other("/admin/coordinateurs?granted=1"));
            }
            Outcome::NoSuchUser => errors.add("email", t.t("admin-error-no-account")),
            Outcome::NoSuchCentre => errors.add("centre_id", t.t("admin-error-centre-choose")),
            Outcome::Already => errors.add("email", t.t("admin-error-already-coordinator")),
        }
    }
    let page = page_for(ui, &state, email, centre_id.unwrap_or(0), errors, None).await?;
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// POST `/admin/coordinateurs/retirer`: revokes one centre from one coordinator.
pub async fn revoke(
    RequireAdmin(admin): RequireAdmin,
    state: web::Data<AppState>,
    form: web::Form<RevokeForm>,
) -> Result<HttpResponse, WebError> {
    let user_id = form.user_id.trim().parse::<i32>();
    let centre_id = form.centre_id.trim().parse::<i32>();
    let (Ok(user_id), Ok(centre_id)) = (user_id, centre_id) else {
        return Err(WebError::BadRequest);
    };
    // Audit, in the same transaction.
    let actor = admin.id;
    state
        .db(move |conn| {
            Ok(
                conn.write_transaction::<_, diesel::result::Error, _>(|conn| {
                    centres::remove_coordinator(conn, user_id, centre_id)?;
                    crate::db::audit::record(
                        conn,
                        &crate::db::audit::Event {
                            actor: Some(actor),
                            action: "coordinator.revoke",
                            target_kind: "user",
                            target_id: Some(user_id.to_string()),
                            centre_id: Some(centre_id),
                            details: None,
                        },
                    )?;
                    Ok(())
                })?,
            )
        })
        .await?;
    tracing::info!(by = admin.id, user_id, centre_id, "coordinator revoked");
    Ok(see_other("/admin/coordinateurs?revoked=1"))
}
