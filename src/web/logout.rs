//! `/logout` (this browser) and `/logout-everywhere` (every session of the
//! account: its epoch is bumped, so older cookies are refused).

use actix_session::Session;
use actix_web::{web, HttpResponse};

use super::error::WebError;
use super::extract::CurrentUser;
use super::see_other;
use super::state::AppState;
use crate::auth::session;
use crate::db::users;

/// POST `/logout`.
pub async fn logout(session: Session) -> Result<HttpResponse, WebError> {
    if let Some(id) = session::identity(&session) {
        tracing::info!(user_id = id.user_id, "signed out");
    }
    session::sign_out(&session)?;
    Ok(see_other("/?msg=logged-out"))
}

/// POST `/logout-everywhere`.
pub async fn everywhere(
    CurrentUser(user): CurrentUser,
    session: Session,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let id = user.id;
    state
        .db(move |conn| Ok(users::bump_session_epoch(conn, id)?))
        .await?;
    session::sign_out(&session)?;
    tracing::info!(user_id = id, "signed out everywhere");
    Ok(see_other("/?msg=logged-out-everywhere"))
}
