//! `/admin/effacements`: the volunteers' erasure requests; `POST
//! /admin/benevoles/{id}/effacer` anonymises a volunteer (the same code path
//! as the retention task), recorded with who did it and when.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::db::gdpr::{self, EraseBy, Erased};
use crate::db::settings;
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireAdmin, Ui};
use crate::web::gdpr::local_time;
use crate::web::state::AppState;
use crate::web::{render, see_other};

pub struct RequestLine {
    pub id: i32,
    pub user_id: i32,
    pub volunteer_id: Option<i32>,
    pub name: String,
    pub requested_at: String,
    pub status: String,
    pub pending: bool,
    pub handled: String,
}

#[derive(Template)]
#[template(path = "admin_erasure.html")]
struct ErasurePage {
    t: Tr,
    ui: Ui,
    section: &'static str,
    lines: Vec<RequestLine>,
    erased: Option<i32>,
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    efface: Option<i32>,
}

/// GET `/admin/effacements`.
pub async fn list(
    ui: Ui,
    _admin: RequireAdmin,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let (rows, tz) = state
        .db(|conn| {
            let tz = settings::get(conn)?
                .default_timezone
                .parse::<chrono_tz::Tz>()
                .unwrap_or(chrono_tz::Europe::Paris);
            Ok((gdpr::list_requests(conn)?, tz))
        })
        .await?;
    let lines = rows
        .into_iter()
        .map(|r| RequestLine {
            id: r.id,
            user_id: r.user_id,
            volunteer_id: r.volunteer_id,
            name: r.display_name,
            requested_at: local_time(tz, r.requested_at),
            status: match r.status.as_str() {
                gdpr::PENDING => t.t("gdpr-request-pending"),
                gdpr::DONE => t.t("gdpr-request-done"),
                _ => t.t("gdpr-request-rejected"),
            },
            pending: r.status == gdpr::PENDING,
            handled: match (r.handled_at, r.handled_by) {
                (Some(at), Some(by)) => format!("{} (#{by})", local_time(tz, at)),
                (Some(at), None) => {
                    format!("{} ({})", local_time(tz, at), t.t("gdpr-actor-system"))
                }
                _ => String::new(),
            },
        })
        .collect();
    let page = ErasurePage {
        t,
        ui,
        section: "erasure",
        lines,
        erased: query.efface,
    };
    render(StatusCode::OK, &page)
}

/// POST `/admin/benevoles/{id}/effacer`: 404 for an unknown volunteer; an
/// already erased one is left as is.
pub async fn erase(
    RequireAdmin(admin): RequireAdmin,
    state: web::Data<AppState>,
    path: web::Path<(i32,)>,
) -> Result<HttpResponse, WebError> {
    let id = path.into_inner().0;
    let by = admin.id;
    let done = state
        .db(move |conn| Ok(gdpr::erase_volunteer(conn, id, EraseBy::Admin(by))?))
        .await?;
    match done {
        Erased::NotFound => Err(WebError::NotFound),
        Erased::AlreadyErased | Erased::Done { .. } => {
            tracing::info!(by, volunteer_id = id, "volunteer erased");
            Ok(see_other(&format!("/admin/effacements?efface={id}")))
        }
    }
}
