//! `/remplacer/{token}`: the one-click « Je prends » link of a cover request
//! (no session needed). GET only shows the shift and a button (mail
//! scanners that follow links do not take shifts); POST takes it if the
//! link is unused and unexpired and nobody was faster — the first to
//! confirm gets the shift (see `rota::replace::assign`), the others see
//! « déjà pourvu ». Unknown, used or expired links get 410.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::WebError;
use super::extract::Ui;
use super::render;
use super::state::AppState;
use crate::auth::tokens;
use crate::db::dropouts::{self, CoverOffer};
use crate::db::{now_utc, volunteers, DbConnection};
use crate::i18n::Tr;
use crate::rota::replace::{self, Assigned};

#[derive(Template)]
#[template(path = "cover.html")]
struct ConfirmPage {
    t: Tr,
    ui: Ui,
    token: String,
    what: String,
}

#[derive(Template)]
#[template(path = "cover_result.html")]
struct ResultPage {
    t: Tr,
    ui: Ui,
    /// `cover-taken`, `cover-already`, `cover-gone`, `cover-not-eligible`.
    kind: &'static str,
    title: String,
    text: String,
    what: String,
}

fn result(
    ui: Ui,
    status: StatusCode,
    kind: &'static str,
    what: String,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    render(
        status,
        &ResultPage {
            t,
            ui,
            kind,
            title: t.t(&format!("{kind}-title")),
            text: t.t(&format!("{kind}-text")),
            what,
        },
    )
}

/// The state of a link now.
enum Link {
    /// Unknown, used or expired.
    Dead,
    /// Someone else holds the shift already.
    Covered(String),
    Usable(CoverOffer, String),
}

fn look_up(conn: &mut DbConnection, t: Tr, token: &str) -> Result<Link, WebError> {
    if !tokens::looks_like_token(token) {
        return Ok(Link::Dead);
    }
    let Some(offer) = dropouts::offer_by_hash(conn, &tokens::hash_token(token))? else {
        return Ok(Link::Dead);
    };
    if offer.used_at.is_some() || offer.expires_at <= now_utc() {
        return Ok(Link::Dead);
    }
    let Some(d) = dropouts::by_id(conn, offer.dropout_id)? else {
        return Ok(Link::Dead);
    };
    let Some((shift, rota)) = dropouts::shift_with_rota(conn, d.shift_id)? else {
        return Ok(Link::Dead);
    };
    let what = replace::mail::describe(conn, t, &shift)
        .map_err(|e| WebError::Internal(anyhow::anyhow!("{e}")))?;
    if d.status != dropouts::OPEN {
        return Ok(Link::Covered(what));
    }
    if rota.status != "published" {
        return Ok(Link::Dead);
    }
    Ok(Link::Usable(offer, what))
}

/// GET: the shift and « Je prends ».
pub async fn page(
    ui: Ui,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let token = path.into_inner();
    let t = ui.t;
    let probe = token.clone();
    let link = state.db(move |conn| look_up(conn, t, &probe)).await?;
    match link {
        Link::Dead => result(ui, StatusCode::GONE, "cover-gone", String::new()),
        Link::Covered(what) => result(ui, StatusCode::GONE, "cover-already", what),
        Link::Usable(_, what) => render(StatusCode::OK, &ConfirmPage { t, ui, token, what }),
    }
}

/// POST: take the shift.
pub async fn take(
    ui: Ui,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let token = path.into_inner();
    let t = ui.t;
    let base = state.public_url.clone();
    let outcome = state
        .db(move |conn| {
            let (offer, what) = match look_up(conn, t, &token)? {
                Link::Dead => return Ok((None, String::new())),
                Link::Covered(what) => return Ok((Some(Assigned::AlreadyCovered), what)),
                Link::Usable(o, what) => (o, what),
            };
            let actor = volunteers::by_id(conn, offer.volunteer_id)?.map(|v| v.user_id);
            let a = replace::assign(
                conn,
                offer.dropout_id,
                offer.volunteer_id,
                actor,
                Some(&offer),
                &base,
            )
            .map_err(|e| WebError::Internal(anyhow::anyhow!("{e}")))?;
            if matches!(a, Assigned::Done { .. }) {
                tracing::info!(
                    dropout_id = offer.dropout_id,
                    offer_id = offer.id,
                    "cover link taken"
                );
            }
            Ok((Some(a), what))
        })
        .await?;
    match outcome {
        (None, _) => result(ui, StatusCode::GONE, "cover-gone", String::new()),
        (Some(Assigned::Done { .. }), what) => result(ui, StatusCode::OK, "cover-taken", what),
        (Some(Assigned::AlreadyCovered), what) => {
            result(ui, StatusCode::CONFLICT, "cover-already", what)
        }
        (Some(Assigned::NotEligible(_)), what) => {
            result(ui, StatusCode::CONFLICT, "cover-not-eligible", what)
        }
        (Some(Assigned::ShiftGone | Assigned::OfferUnusable), _) => {
            result(ui, StatusCode::GONE, "cover-gone", String::new())
        }
    }
}
