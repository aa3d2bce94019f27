//! `/desabonnement/{token}`: the unsubscribe link of non-essential mail,
//! no session needed. The token is `<user id>.<HMAC>` signed with the
//! organisation's mail key, so it cannot be forged or guessed. GET shows a
//! confirmation button (link scanners that open the URL change nothing);
//! POST turns non-essential mail off. Reminders and planning mail continue.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::WebError;
use super::extract::Ui;
use super::render;
use super::state::AppState;
use crate::db::{audit, mail_prefs, users};
use crate::i18n::Tr;

#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage {
    t: Tr,
    ui: Ui,
    token: String,
    /// What the page says (names the address, partly masked).
    message: String,
    done: bool,
}

/// `benevole@example.org` → `b•••••••@example.org`.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((user, domain)) => {
            let first: String = user.chars().take(1).collect();
            let hidden = user.chars().count().saturating_sub(1).max(1);
            format!("{first}{}@{domain}", "•".repeat(hidden.min(8)))
        }
        None => "•••".to_string(),
    }
}

async fn user_of(state: &AppState, token: String) -> Result<(i32, String), WebError> {
    state
        .db(move |conn| {
            let secret = mail_prefs::secret(conn)?;
            let uid = mail_prefs::verify_token(&secret, &token).ok_or(WebError::NotFound)?;
            let user = users::by_id(conn, uid)?.ok_or(WebError::NotFound)?;
            Ok((
                uid,
                user.email.as_deref().map(mask_email).unwrap_or_default(),
            ))
        })
        .await
}

/// GET `/desabonnement/{token}`.
pub async fn page(
    ui: Ui,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner();
    let (_, address) = user_of(&state, token.clone()).await?;
    let page = UnsubscribePage {
        t: ui.t,
        message: ui.t.args("unsub-intro", &[("address", &address)]),
        ui,
        token,
        done: false,
    };
    render(StatusCode::OK, &page)
}

/// POST `/desabonnement/{token}`.
pub async fn confirm(
    ui: Ui,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner();
    let (uid, address) = user_of(&state, token.clone()).await?;
    state
        .db(move |conn| {
            Ok(
                conn.write_transaction::<_, diesel::result::Error, _>(|conn| {
                    mail_prefs::unsubscribe(conn, uid)?;
                    audit::record(
                        conn,
                        &audit::Event {
                            actor: None,
                            action: "mail_prefs.unsubscribe",
                            target_kind: "user",
                            target_id: Some(uid.to_string()),
                            ..Default::default()
                        },
                    )
                })?,
            )
        })
        .await?;
    tracing::info!(user_id = uid, "unsubscribed from non-essential mail");
    let page = UnsubscribePage {
        t: ui.t,
        message: ui.t.args("unsub-done", &[("address", &address)]),
        ui,
        token,
        done: true,
    };
    render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::mask_email;

    #[test]
    fn addresses_are_masked_but_recognisable() {
        assert_eq!(mask_email("benevole@example.org"), "b•••••••@example.org");
        assert_eq!(mask_email("a@b.fr"), "a•@b.fr");
    }
}
