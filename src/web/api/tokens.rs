//! `/centres/{centre}/api`: the centre's telephony API tokens, managed by
//! its coordinators and administrators: list, create (the token is shown
//! once; only its hash is kept), revoke.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use crate::auth::tokens;
use crate::db::{api_tokens, audit};
use crate::domain::frdate;
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireCoordinator, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// Longest label accepted.
pub const LABEL_MAX: usize = 100;

pub struct TokenRow {
    pub id: i32,
    pub label: String,
    pub created: String,
    pub last_used: String,
    pub phones: bool,
    pub revoked: Option<String>,
}

#[derive(Template)]
#[template(path = "coord/api_tokens.html")]
struct TokensPage {
    t: Tr,
    ui: Ui,
    code: String,
    centre_name: String,
    rows: Vec<TokenRow>,
    /// The token just created (shown once).
    new_token: Option<String>,
    label: String,
    include_phone: bool,
    label_error: Option<String>,
    revoked_notice: bool,
    example_curl: String,
}

async fn show(
    ui: Ui,
    coord: &RequireCoordinator,
    state: &AppState,
    status: StatusCode,
    mut fill: impl FnMut(&mut TokensPage),
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let centre_id = coord.centre.id;
    let list = state
        .db(move |conn| Ok(api_tokens::of_centre(conn, centre_id)?))
        .await?;
    let date = |d: chrono::NaiveDateTime| {
        format!(
            "{} {}",
            frdate::format_date(t.lang, d.date()),
            d.format("%H:%M UTC")
        )
    };
    let rows = list
        .into_iter()
        .map(|r| TokenRow {
            id: r.id,
            label: r.label,
            created: date(r.created_at),
            last_used: r
                .last_used_at
                .map(date)
                .unwrap_or_else(|| t.t("api-tokens-never")),
            phones: r.include_phone,
            revoked: r.revoked_at.map(date),
        })
        .collect();
    let mut page = TokensPage {
        t,
        ui,
        code: coord.centre.code.clone(),
        centre_name: coord.centre.name.clone(),
        rows,
        new_token: None,
        label: String::new(),
        include_phone: false,
        label_error: None,
        revoked_notice: false,
        example_curl: format!(
            "curl -H \"Authorization: Bearer $TOKEN\" \"{}/api/v1/astreinte?centre={}&skill=CODE\"",
            state.public_url, coord.centre.code
        ),
    };
    fill(&mut page);
    render(status, &page)
}

#[derive(serde::Deserialize)]
pub struct PageQuery {
    revoque: Option<String>,
}

/// GET `/centres/{centre}/api`.
pub async fn page(
    ui: Ui,
    coord: RequireCoordinator,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let revoked = query.revoque.is_some();
    show(ui, &coord, &state, StatusCode::OK, |p| {
        p.revoked_notice = revoked
    })
    .await
}

/// POST `/centres/{centre}/api`: creates a token (label, include_phone).
pub async fn create(
    ui: Ui,
    coord: RequireCoordinator,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
    };
    let label = field("label").unwrap_or_default();
    let include_phone = matches!(field("include_phone").as_deref(), Some("on" | "1" | "true"));
    let label_error = if label.is_empty() {
        Some(t.t("api-tokens-label-required"))
    } else if label.chars().count() > LABEL_MAX {
        Some(t.args(
            "api-tokens-label-too-long",
            &[("max", &LABEL_MAX.to_string())],
        ))
    } else {
        None
    };
    if let Some(e) = label_error {
        return show(ui, &coord, &state, StatusCode::UNPROCESSABLE_ENTITY, |p| {
            p.label = label.clone();
            p.include_phone = include_phone;
            p.label_error = Some(e.clone());
        })
        .await;
    }
    let (token, hash) = tokens::new_token();
    let centre_id = coord.centre.id;
    let actor = coord.user.id;
    let stored_label = label.clone();
    let id = state
        .db(move |conn| {
            Ok(conn.write_transaction(|c| {
                let id = api_tokens::create(
                    c,
                    centre_id,
                    &stored_label,
                    &hash,
                    include_phone,
                    Some(actor),
                )?;
                audit::record(
                    c,
                    &audit::Event {
                        actor: Some(actor),
                        action: "api_token.create",
                        target_kind: "api_token",
                        target_id: Some(id.to_string()),
                        centre_id: Some(centre_id),
                        details: Some(format!("{{\"include_phone\":{include_phone}}}")),
                    },
                )?;
                diesel::QueryResult::Ok(id)
            })?)
        })
        .await?;
    tracing::info!(token_id = id, centre_id, "API token created");
    show(ui, &coord, &state, StatusCode::OK, |p| {
        p.new_token = Some(token.clone());
    })
    .await
}

/// POST `/centres/{centre}/api/revoquer`: revokes token `token_id`.
pub async fn revoke(
    coord: RequireCoordinator,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let id: i32 = form
        .iter()
        .find(|(k, _)| k == "token_id")
        .and_then(|(_, v)| v.trim().parse().ok())
        .ok_or(WebError::BadRequest)?;
    let centre_id = coord.centre.id;
    let actor = coord.user.id;
    let done = state
        .db(move |conn| {
            Ok(conn.write_transaction(|c| {
                let done = api_tokens::revoke(c, centre_id, id)?;
                if done {
                    audit::record(
                        c,
                        &audit::Event {
                            actor: Some(actor),
                            action: "api_token.revoke",
                            target_kind: "api_token",
                            target_id: Some(id.to_string()),
                            centre_id: Some(centre_id),
                            details: None,
                        },
                    )?;
                }
                diesel::QueryResult::Ok(done)
            })?)
        })
        .await?;
    if !done {
        return Err(WebError::NotFound);
    }
    tracing::info!(token_id = id, centre_id, "API token revoked");
    Ok(see_other(&format!(
        "/centres/{}/api?revoque={id}",
        coord.centre.code
    )))
}
