//! `/formation/invitations`: the volunteer's invitations to training
//! sessions; accept or decline each. A declined seat is offered at once to
//! the next candidate ([`crate::training_plan::offer_freed_seat`]), in the
//! same transaction.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use super::{views, SessionView};
use crate::db::audit;
use crate::db::training::{self as q, ACCEPTED, DECLINED, INVITED};
use crate::i18n::Tr;
use crate::training_plan;
use crate::web::error::WebError;
use crate::web::extract::Ui;
use crate::web::state::AppState;
use crate::web::volunteer::RequireVolunteer;
use crate::web::{render, see_other};

pub struct InvitationView {
    pub id: i32,
    pub session: SessionView,
    pub open: bool,
    pub status: String,
}

#[derive(Template)]
#[template(path = "training/invitations.html")]
struct InvitationsPage {
    t: Tr,
    ui: Ui,
    invitations: Vec<InvitationView>,
}

/// GET `/formation/invitations`.
pub async fn page(
    ui: Ui,
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let vid = volunteer.volunteer_id;
    let invitations = state
        .db(move |conn| {
            let invs = q::invitations_of_volunteer(conn, vid)?;
            let mut out = Vec::new();
            for inv in invs {
                let Some(s) = q::session(conn, inv.session_id)? else {
                    continue;
                };
                let Some(view) = views(conn, t, &[s])?.pop() else {
                    continue;
                };
                out.push(InvitationView {
                    id: inv.id,
                    session: view,
                    open: inv.status == INVITED,
                    status: t.t(&format!("training-status-{}", inv.status)),
                });
            }
            Ok(out)
        })
        .await?;
    render(StatusCode::OK, &InvitationsPage { t, ui, invitations })
}

async fn respond(
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
    id: i32,
    status: &'static str,
) -> Result<HttpResponse, WebError> {
    let vid = volunteer.volunteer_id;
    let actor = volunteer.user.id;
    let public_url = state.public_url.clone();
    state
        .db(move |conn| {
            let inv = q::invitation(conn, id)?.ok_or(WebError::NotFound)?;
            if inv.volunteer_id != vid {
                return Err(WebError::NotFound);
            }
            let session = q::session(conn, inv.session_id)?.ok_or(WebError::NotFound)?;
            conn.write_transaction(|c| -> anyhow::Result<()> {
                if !q::answer(c, id, status)? {
                    return Ok(());
                }
                let mut details = format!("session={}", session.id);
                if status == DECLINED {
                    let next = training_plan::offer_freed_seat(
                        c,
                        &session,
                        inv.horizon,
                        chrono::Utc::now(),
                        &public_url,
                    )?;
                    if let Some(n) = next {
                        details.push_str(&format!(" offered_to={n}"));
                    }
                }
                audit::record(
                    c,
                    &audit::Event {
                        actor: Some(actor),
                        action: if status == ACCEPTED {
                            "training.accept"
                        } else {
                            "training.decline"
                        },
                        target_kind: "training_invitation",
                        target_id: Some(id.to_string()),
                        centre_id: Some(session.centre_id),
                        details: Some(details),
                    },
                )?;
                Ok(())
            })?;
            Ok(())
        })
        .await?;
    Ok(see_other("/formation/invitations"))
}

/// POST `/formation/invitations/{id}/accepter`.
pub async fn accept(
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
    path: web::Path<i32>,
) -> Result<HttpResponse, WebError> {
    respond(volunteer, state, path.into_inner(), ACCEPTED).await
}

/// POST `/formation/invitations/{id}/refuser`.
pub async fn decline(
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
    path: web::Path<i32>,
) -> Result<HttpResponse, WebError> {
    respond(volunteer, state, path.into_inner(), DECLINED).await
}
