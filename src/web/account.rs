//! `/account/password`: set or change my password (at least 10 characters,
//! Argon2id). Changing it signs out my other sessions.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::error::WebError;
use super::extract::{CurrentUser, Ui};
use super::state::AppState;
use super::{render, see_other};
use crate::auth::{password, session};
use crate::db::users;
use crate::i18n::Tr;

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    t: Tr,
    ui: Ui,
    welcome: bool,
    saved: bool,
    password_error: Option<String>,
    confirm_error: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    welcome: Option<String>,
    saved: Option<String>,
}

/// GET `/account/password`.
pub async fn page(
    ui: Ui,
    _user: CurrentUser,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let page = PasswordPage {
        t: ui.t,
        ui,
        welcome: query.welcome.is_some(),
        saved: query.saved.is_some(),
        password_error: None,
        confirm_error: None,
    };
    render(StatusCode::OK, &page)
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// POST `/account/password`.
pub async fn submit(
    ui: Ui,
    CurrentUser(user): CurrentUser,
    session: Session,
    state: web::Data<AppState>,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, WebError> {
    let PasswordForm { password, confirm } = form.into_inner();
    if let Err(id) = password::check_new(&password, &confirm) {
        let t = ui.t;
        let msg = Some(t.t(id));
        let short = id == "error-password-short";
        let page = PasswordPage {
            t,
            ui,
            welcome: false,
            saved: false,
            password_error: if short { msg.clone() } else { None },
            confirm_error: if short { None } else { msg },
        };
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let hash = web::block(move || users::hash_password(&password)).await??;
    let id = user.id;
    let epoch = state
        .db(move |conn| {
            users::set_password_hash(conn, id, Some(&hash))?;
            Ok(users::bump_session_epoch(conn, id)?)
        })
        .await?;
    session::set_epoch(&session, epoch)?;
    tracing::info!(user_id = id, "password changed");
    Ok(see_other("/account/password?saved=1"))
}
