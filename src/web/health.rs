//! `/health` (JSON: database, outbox worker, outbox backlog) and the stylesheet.

use actix_web::http::header;
use actix_web::{web, HttpResponse};

use super::state::AppState;
use crate::db::{self, auth_queries, outbox};

/// The overall status: `ok` when the database answers and the worker is
/// alive, `degraded` otherwise.
pub fn status_word(db_ok: bool, worker_alive: bool) -> &'static str {
    if db_ok && worker_alive {
        "ok"
    } else {
        "degraded"
    }
}

/// GET `/health`: `{"status":"ok"|"degraded","db":bool,"worker_alive":bool,
/// "outbox_backlog":N}` (pending outbox rows due now; `null` when the
/// database does not answer). 200 when the database answers, 503 when not.
pub async fn health(state: web::Data<AppState>) -> HttpResponse {
    let now = db::now_utc();
    let backlog = state
        .db(move |conn| {
            auth_queries::ping(conn)?;
            Ok(outbox::count_due(conn, now)?)
        })
        .await
        .ok();
    let db_ok = backlog.is_some();
    let worker_alive = state.worker_heartbeat.is_alive();
    let body = serde_json::json!({
        "status": status_word(db_ok, worker_alive),
        "db": db_ok,
        "worker_alive": worker_alive,
        "outbox_backlog": backlog,
    });
    if db_ok {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}

const STYLESHEET: &str = include_str!("../../static/app.css");

/// GET `/static/app.css`.
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(STYLESHEET)
}
