//! `/health` (JSON, checks the database) and the stylesheet.

use actix_web::http::header;
use actix_web::{web, HttpResponse};

use super::state::AppState;
use crate::db::auth_queries;

/// GET `/health`: 200 `{"status":"ok","db":true}`, or 503 when the database does not answer.
pub async fn health(state: web::Data<AppState>) -> HttpResponse {
    let db_ok = state.db(|conn| Ok(auth_queries::ping(conn)?)).await.is_ok();
    if db_ok {
        HttpResponse::Ok().json(serde_json::json!({"status": "ok", "db": true}))
    } else {
        HttpResponse::ServiceUnavailable().json(serde_json::json!({"status": "error", "db": false}))
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
