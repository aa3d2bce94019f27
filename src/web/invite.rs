//! `/invite`: a coordinator (for one of their centres) or an administrator
//! (any centre) invites a volunteer by email; the account is created and a
//! 7-day link to activate it is mailed.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::Duration;
use serde::Deserialize;

use super::error::WebError;
use super::extract::{RequireCoordinatorAny, SessionUser, Ui};
use super::login::plausible_email;
use super::state::AppState;
use super::{render, see_other};
use crate::auth::tokens;
use crate::db::{centres, magic_links, now_utc, users, volunteers, DbConnection};
use crate::i18n::{Lang, Tr};
use crate::notify;

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage {
    t: Tr,
    ui: Ui,
    /// (id, "CODE – name") of the centres this user may invite into.
    centres: Vec<(i32, String)>,
    selected_centre: i32,
    email: String,
    display_name: String,
    sent: bool,
    has_errors: bool,
    error_summary: String,
    email_error: Option<String>,
    name_error: Option<String>,
    centre_error: Option<String>,
}

fn allowed_centres(
    conn: &mut DbConnection,
    user: &SessionUser,
) -> Result<Vec<(i32, String)>, WebError> {
    Ok(centres::list(conn)?
        .into_iter()
        .filter(|c| user.can_coordinate(c.id))
        .map(|c| (c.id, format!("{} – {}", c.code, c.name)))
        .collect())
}

impl InvitePage {
    fn new(ui: Ui, centres: Vec<(i32, String)>) -> InvitePage {
        InvitePage {
            t: ui.t,
            ui,
            selected_centre: centres.first().map(|c| c.0).unwrap_or(0),
            centres,
            email: String::new(),
            display_name: String::new(),
            sent: false,
            has_errors: false,
            error_summary: String::new(),
            email_error: None,
            name_error: None,
            centre_error: None,
        }
    }

    fn with_errors(mut self) -> Result<HttpResponse, WebError> {
        let msgs: Vec<String> = [&self.name_error, &self.email_error, &self.centre_error]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        self.has_errors = true;
        self.error_summary = msgs.join(" ");
        render(StatusCode::UNPROCESSABLE_ENTITY, &self)
    }
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    sent: Option<String>,
}

/// GET `/invite`.
pub async fn page(
    ui: Ui,
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let centres = state.db(move |conn| allowed_centres(conn, &user)).await?;
    let mut page = InvitePage::new(ui, centres);
    page.sent = query.sent.is_some();
    render(StatusCode::OK, &page)
}

#[derive(Debug, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    centre_id: String,
}

enum Outcome {
    Invited { user_id: i32 },
    EmailTaken,
}

/// POST `/invite`: 403 for a centre the user does not coordinate.
pub async fn submit(
    ui: Ui,
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let centre_id = form.centre_id.trim().parse::<i32>().ok();
    if let Some(id) = centre_id {
        if !user.can_coordinate(id) {
            tracing::warn!(
                user_id = user.id,
                centre_id = id,
                "invitation into another centre refused"
            );
            return Err(WebError::Forbidden);
        }
    }
    let viewer = user.clone();
    let centres = state.db(move |conn| allowed_centres(conn, &viewer)).await?;
    let mut page = InvitePage::new(ui, centres);
    let t = page.t;
    page.email = form.email.trim().to_string();
    page.display_name = form.display_name.trim().to_string();
    if !plausible_email(&page.email) {
        page.email_error = Some(t.t("error-email-invalid"));
    }
    if page.display_name.is_empty() || page.display_name.chars().count() > 200 {
        page.name_error = Some(t.t("error-name-required"));
    }
    match centre_id {
        Some(id) if page.centres.iter().any(|c| c.0 == id) => page.selected_centre = id,
        _ => page.centre_error = Some(t.t("error-centre-invalid")),
    }
    if page.email_error.is_some() || page.name_error.is_some() || page.centre_error.is_some() {
        return page.with_errors();
    }

    let (token, hash) = tokens::new_token();
    let link = format!("{}/auth/magic/{token}", state.public_url);
    let (email, name, centre) = (
        page.email.clone(),
        page.display_name.clone(),
        page.selected_centre,
    );
    let outcome = state
        .db(move |conn| {
            conn.write_transaction::<_, diesel::result::Error, _>(|conn| {
                if users::by_email(conn, &email)?.is_some() {
                    return Ok(Outcome::EmailTaken);
                }
                let centre_name = centres::by_id(conn, centre)?
                    .map(|c| c.name)
                    .ok_or(diesel::result::Error::NotFound)?;
                let new_user = users::create(
                    conn,
                    &users::NewUser {
                        email: Some(&email),
                        display_name: &name,
                        lang: Lang::Fr.code(),
                        ..Default::default()
                    },
                )?;
                let external_id = format!("inv-{}", uuid::Uuid::new_v4().simple());
                let volunteer = volunteers::upsert(
                    conn,
                    new_user.id,
                    &external_id,
                    &volunteers::Commitment::default(),
                )?;
                volunteers::set_centres(conn, volunteer.id, &[centre])?;
                let expires = now_utc() + Duration::minutes(tokens::INVITE_LINK_MINUTES);
                magic_links::create(conn, new_user.id, &hash, tokens::PURPOSE_INVITE, expires)?;
                // The invitation is queued with the account. It is
                // written in French, the organisation's language; the volunteer
                // can switch afterwards.
                let to = users::normalise_email(&email);
                notify::accounts::invitation(conn, &to, Lang::Fr, &centre_name, &link, &hash)?;
                Ok(Outcome::Invited {
                    user_id: new_user.id,
                })
            })
            .map_err(WebError::from)
        })
        .await?;
    match outcome {
        Outcome::EmailTaken => {
            page.email_error = Some(t.t("error-email-taken"));
            page.with_errors()
        }
        Outcome::Invited { user_id, .. } => {
            // Sent by the outbox (queued with the account).
            crate::outbox_worker::kick(state.pool.clone(), state.mailer.clone());
            tracing::info!(
                by = user.id,
                user_id,
                centre_id = centre,
                "volunteer invited"
            );
            Ok(see_other("/invite?sent=1"))
        }
    }
}
