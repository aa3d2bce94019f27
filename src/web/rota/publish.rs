//! `POST /plannings/{rota}/publier`: publishes the draft (see
//! `crate::rota::publish`); a stale revision or a version that is no longer
//! a draft gets 409 with a message to reload.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::access;
use super::page::show;
use crate::rota::publish::{publish, PublishError};
use crate::web::error::WebError;
use crate::web::extract::{CurrentUser, Ui};
use crate::web::see_other;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct PublishForm {
    revision: Option<String>,
}

pub async fn submit(
    user: CurrentUser,
    ui: Ui,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<PublishForm>,
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
    let (id, actor) = (acc.rota.id, acc.user.id);
    let result = state
        .db(
            move |conn| match publish(conn, id, Some(actor), Some(revision)) {
                Ok(p) => Ok(Ok(p)),
                Err(PublishError::Db(e)) => Err(e.into()),
                Err(PublishError::NotFound) => Err(WebError::NotFound),
                Err(e) => Ok(Err(e)),
            },
        )
        .await?;
    match result {
        Ok(p) => {
            tracing::info!(rota = p.rota.id, superseded = ?p.superseded, "rota published");
            Ok(see_other(&format!("/plannings/{}?fait=publie", p.rota.id)))
        }
        Err(e) => {
            let msg = ui.t.t(match e {
                PublishError::NotDraft => "rota-not-draft",
                _ => "rota-conflict",
            });
            let acc = access(&state, acc.user, &id.to_string()).await?;
            show(&state, ui, acc, StatusCode::CONFLICT, vec![msg], None, None).await
        }
    }
}
