//! The sign-in page `/`: email + password, or a one-time link by email (the
//! same neutral answer whether or not the account exists). Both draw from the
//! login throttle.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Duration;
use serde::Deserialize;

use super::error::WebError;
use super::extract::{client_ip, Ui};
use super::state::AppState;
use super::{render, see_other};
use crate::auth::{password, session, throttle, tokens};
use crate::db::{magic_links, now_utc, users};
use crate::i18n::{Lang, Tr};
use crate::notify;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    t: Tr,
    ui: Ui,
    email: String,
    magic_email: String,
    notice: Option<String>,
    error: Option<String>,
    magic_error: Option<String>,
}

impl LoginPage {
    fn new(ui: Ui) -> LoginPage {
        LoginPage {
            t: ui.t,
            ui,
            email: String::new(),
            magic_email: String::new(),
            notice: None,
            error: None,
            magic_error: None,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    msg: Option<String>,
}

/// GET `/`: the sign-in page (signed-in visitors go to `/home`).
pub async fn page(
    ui: Ui,
    session: Session,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    if session::identity(&session).is_some() {
        return Ok(see_other("/home"));
    }
    let mut page = LoginPage::new(ui);
    page.notice = match query.msg.as_deref() {
        Some("logged-out") => Some(page.t.t("logged-out")),
        Some("logged-out-everywhere") => Some(page.t.t("logged-out-everywhere")),
        _ => None,
    };
    render(StatusCode::OK, &page)
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// A plausible email address: what the forms accept.
pub fn plausible_email(email: &str) -> bool {
    let email = email.trim();
    match email.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && email.len() <= 254
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

fn throttled(mut page: LoginPage, wait: std::time::Duration) -> Result<HttpResponse, WebError> {
    page.error = Some(page.t.count("throttled", throttle::minutes_to_wait(wait)));
    let mut resp = render(StatusCode::TOO_MANY_REQUESTS, &page)?;
    if let Ok(v) =
        actix_web::http::header::HeaderValue::from_str(&wait.as_secs().max(1).to_string())
    {
        resp.headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, v);
    }
    Ok(resp)
}

/// POST `/login`: check the password; 401 and the form again when wrong.
pub async fn login(
    req: HttpRequest,
    ui: Ui,
    session: Session,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, WebError> {
    let LoginForm { email, password } = form.into_inner();
    let mut page = LoginPage::new(ui);
    page.email = email.trim().to_string();
    if let Err(wait) = state
        .throttle
        .check(&email, client_ip(&req, state.trust_proxy))
    {
        tracing::warn!("sign-in throttled");
        return throttled(page, wait);
    }
    let lookup = email.clone();
    let user = state
        .db(move |conn| Ok(users::by_email(conn, &lookup)?))
        .await?;
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = web::block(move || password::verify(&password, hash.as_deref())).await?;
    match user {
        Some(user) if ok => {
            let id = user.id;
            state
                .db(move |conn| Ok(users::record_login(conn, id, "password")?))
                .await?;
            session::sign_in(&session, user.id, user.session_epoch)?;
            if session::language(&session).is_none() {
                session::set_language(&session, Lang::parse(&user.lang).unwrap_or_default())?;
            }
            tracing::info!(user_id = user.id, "signed in with password");
            Ok(see_other("/home"))
        }
        _ => {
            if let Some(id) = user.map(|u| u.id) {
                state
                    .db(move |conn| Ok(users::record_failed_login(conn, id)?))
                    .await?;
            }
            tracing::info!("sign-in failed");
            page.error = Some(page.t.t("login-failed"));
            render(StatusCode::UNAUTHORIZED, &page)
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    email: String,
}

/// POST `/login/magic-link`: mail a 15-minute sign-in link if the account
/// exists; the answer is the same either way.
pub async fn request_link(
    req: HttpRequest,
    ui: Ui,
    state: web::Data<AppState>,
    form: web::Form<LinkForm>,
) -> Result<HttpResponse, WebError> {
    let email = form.into_inner().email.trim().to_string();
    let mut page = LoginPage::new(ui);
    page.magic_email = email.clone();
    if !plausible_email(&email) {
        page.magic_error = Some(page.t.t("error-email-invalid"));
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    if let Err(wait) = state
        .throttle
        .check(&email, client_ip(&req, state.trust_proxy))
    {
        tracing::warn!("sign-in link throttled");
        return throttled(page, wait);
    }
    let (token, hash) = tokens::new_token();
    // The link is queued in the outbox with the magic link row.
    let link = format!("{}/auth/magic/{token}", state.public_url);
    let found = state
        .db(move |conn| {
            conn.write_transaction::<_, WebError, _>(|conn| {
                let Some(user) = users::by_email(conn, &email)? else {
                    return Ok(None);
                };
                let expires = now_utc() + Duration::minutes(tokens::LOGIN_LINK_MINUTES);
                magic_links::create(conn, user.id, &hash, tokens::PURPOSE_LOGIN, expires)?;
                if let Some(to) = user.email.as_deref() {
                    let lang = Lang::parse(&user.lang).unwrap_or_default();
                    notify::accounts::login_link(conn, to, lang, &link, &hash)
                        .map_err(diesel::result::Error::from)?;
                }
                Ok(Some(user.id))
            })
        })
        .await?;
    if let Some(user_id) = found {
        crate::outbox_worker::kick(state.pool.clone(), state.mailer.clone());
        tracing::info!(user_id, "sign-in link queued");
    }
    page.magic_email.clear();
    page.notice = Some(page.t.t("magic-sent"));
    render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::plausible_email;

    #[test]
    fn email_plausibility() {
        assert!(plausible_email("marie.dupont@exemple.fr"));
        assert!(plausible_email(" Marie@Exemple.FR "));
        assert!(!plausible_email("marie"));
        assert!(!plausible_email("marie@exemple"));
        assert!(!plausible_email("ma rie@exemple.fr"));
        assert!(!plausible_email("@exemple.fr"));
    }
}
