//! `/auth/magic/{token}`: a sign-in link or an invitation. GET only shows a
//! button (mail scanners that follow links do not burn it); POST uses the
//! link once and signs in.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::WebError;
use super::extract::Ui;
use super::state::AppState;
use super::{render, see_other};
use crate::auth::{session, tokens};
use crate::db::{auth_queries, magic_links, now_utc, users};
use crate::i18n::{Lang, Tr};

#[derive(Template)]
#[template(path = "magic_confirm.html")]
struct ConfirmPage {
    t: Tr,
    ui: Ui,
    token: String,
    title: String,
    text: String,
    submit: String,
}

#[derive(Template)]
#[template(path = "magic_invalid.html")]
struct InvalidPage {
    t: Tr,
    ui: Ui,
}

/// 410 Gone: used, expired or never issued (indistinguishable on purpose).
fn invalid(ui: Ui) -> Result<HttpResponse, WebError> {
    render(StatusCode::GONE, &InvalidPage { t: ui.t, ui })
}

/// GET: a confirmation button if the link is still usable.
pub async fn confirm_page(
    ui: Ui,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let token = path.into_inner();
    if !tokens::looks_like_token(&token) {
        return invalid(ui);
    }
    let hash = tokens::hash_token(&token);
    let link = state
        .db(move |conn| Ok(auth_queries::usable_link(conn, &hash, now_utc())?))
        .await?;
    let Some(link) = link else {
        return invalid(ui);
    };
    let t = ui.t;
    let (title, text, submit) = if link.purpose == tokens::PURPOSE_INVITE {
        (
            "invite-confirm-title",
            "invite-confirm-text",
            "invite-confirm-submit",
        )
    } else {
        (
            "magic-confirm-title",
            "magic-confirm-text",
            "magic-confirm-submit",
        )
    };
    render(
        StatusCode::OK,
        &ConfirmPage {
            t,
            ui,
            token,
            title: t.t(title),
            text: t.t(text),
            submit: t.t(submit),
        },
    )
}

/// POST: use the link (a single conditional UPDATE) and sign in.
pub async fn consume(
    ui: Ui,
    path: web::Path<String>,
    session: Session,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let token = path.into_inner();
    if !tokens::looks_like_token(&token) {
        return invalid(ui);
    }
    let hash = tokens::hash_token(&token);
    let used = state
        .db(move |conn| {
            let now = now_utc();
            let Some(peek) = auth_queries::usable_link(conn, &hash, now)? else {
                return Ok(None);
            };
            let Some(link) = magic_links::consume(conn, &hash, &peek.purpose, now)? else {
                return Ok(None);
            };
            let Some(user) = users::by_id(conn, link.user_id)? else {
                return Ok(None);
            };
            users::record_login(conn, user.id, &format!("link:{}", link.purpose))?;
            Ok(Some((link, user)))
        })
        .await?;
    let Some((link, user)) = used else {
        tracing::info!("unusable sign-in link");
        return invalid(ui);
    };
    session::sign_in(&session, user.id, user.session_epoch)?;
    if session::language(&session).is_none() {
        session::set_language(&session, Lang::parse(&user.lang).unwrap_or_default())?;
    }
    tracing::info!(user_id = user.id, purpose = %link.purpose, "signed in with a one-time link");
    if link.purpose == tokens::PURPOSE_INVITE {
        Ok(see_other("/account/password?welcome=1"))
    } else {
        Ok(see_other("/home"))
    }
}
