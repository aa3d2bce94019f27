//! `/astreintes/{shift}/desister`: a volunteer says « je ne peux plus
//! assurer cette astreinte » on one of their own future published shifts,
//! with an optional reason. The shift stays in the rota, marked as dropped;
//! the centre's coordinators are alerted (outbox) and see it on
//! `/centres/{centre}/remplacements`. The form is `_dropout_form.html`,
//! which « Mes astreintes » includes too.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::WebError;
use super::extract::Ui;
use super::state::AppState;
use super::volunteer::RequireVolunteer;
use super::{render, see_other};
use crate::db::dropouts;
use crate::db::now_utc;
use crate::db::rotas::RotaShift;
use crate::i18n::Tr;
use crate::rota::replace;

/// Longest reason kept (characters).
pub const MAX_REASON_CHARS: usize = 500;

#[derive(Template)]
#[template(path = "dropout.html")]
struct DropoutPage {
    t: Tr,
    ui: Ui,
    shift_id: i32,
    what: String,
    /// Already dropped: the confirmation instead of the form.
    done: bool,
    error: Option<String>,
}

/// The shift if it is the volunteer's own, published and still to come.
/// 404 unknown; 403 someone else's; `Err(message id)` past or not published.
fn own_future_shift(
    conn: &mut crate::db::DbConnection,
    shift_id: i32,
    volunteer_id: i32,
) -> Result<Result<RotaShift, &'static str>, WebError> {
    let Some((shift, rota)) = dropouts::shift_with_rota(conn, shift_id)? else {
        return Err(WebError::NotFound);
    };
    if shift.volunteer_id != volunteer_id {
        return Err(WebError::Forbidden);
    }
    if rota.status != "published" {
        return Ok(Err("dropout-error-not-published"));
    }
    if shift.start_utc <= now_utc() {
        return Ok(Err("dropout-error-past"));
    }
    Ok(Ok(shift))
}

/// GET: the shift and the form (or « déjà signalé »).
pub async fn page(
    ui: Ui,
    me: RequireVolunteer,
    path: web::Path<i32>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let shift_id = path.into_inner();
    let t = ui.t;
    let vid = me.volunteer_id;
    let (what, done, error) = state
        .db(move |conn| {
            let shift = match own_future_shift(conn, shift_id, vid)? {
                Ok(s) => s,
                Err(msg) => return Ok((String::new(), false, Some(msg))),
            };
            let what = replace::mail::describe(conn, t, &shift).map_err(internal)?;
            let done = dropouts::open_of_shift(conn, shift_id)?.is_some();
            Ok((what, done, None))
        })
        .await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render(
        status,
        &DropoutPage {
            t,
            ui,
            shift_id,
            what,
            done,
            error: error.map(|m| t.t(m)),
        },
    )
}

fn internal(e: crate::scenario_build::BuildError) -> WebError {
    WebError::Internal(anyhow::anyhow!("{e}"))
}

/// POST: field `reason` (optional, at most [`MAX_REASON_CHARS`]).
pub async fn submit(
    ui: Ui,
    me: RequireVolunteer,
    path: web::Path<i32>,
    form: web::Form<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let shift_id = path.into_inner();
    let t = ui.t;
    let reason = form
        .iter()
        .find(|(k, _)| k == "reason")
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default();
    let vid = me.volunteer_id;
    let user_id = me.user.id;
    let base = state.public_url.clone();
    let too_long = reason.chars().count() > MAX_REASON_CHARS;
    let kept = reason;
    let outcome = state
        .db(move |conn| {
            let shift = match own_future_shift(conn, shift_id, vid)? {
                Ok(s) => s,
                Err(msg) => return Ok(Err((msg, String::new()))),
            };
            if too_long {
                let what = replace::mail::describe(conn, t, &shift).map_err(internal)?;
                return Ok(Err(("dropout-error-reason-long", what)));
            }
            let reason = (!kept.is_empty()).then_some(kept.as_str());
            let d = replace::drop_out(conn, &shift, user_id, reason, &base).map_err(internal)?;
            Ok(Ok(d.map(|d| d.id)))
        })
        .await?;
    match outcome {
        Ok(id) => {
            if let Some(id) = id {
                tracing::info!(
                    shift_id,
                    dropout_id = id,
                    "volunteer dropped out of a shift"
                );
            }
            Ok(see_other(&format!("/astreintes/{shift_id}/desister")))
        }
        Err((msg, what)) => render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &DropoutPage {
                t,
                ui,
                shift_id,
                done: false,
                error: Some(t.t(msg)),
                what,
            },
        ),
    }
}
