//! `/admin/courriels`: the outbox for an administrator — counts per status,
//! the latest messages (filter by status) with their subject, kind,
//! attempts and the failure reason, recipients partly masked and no body
//! shown; `POST /admin/courriels/{id}/renvoyer` puts a failed message back
//! in the queue.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::db::outbox::{self, FAILED, PENDING, SENDING, SENT};
use crate::db::{audit, now_utc};
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireAdmin, Ui};
use crate::web::state::AppState;
use crate::web::unsubscribe::mask_email;
use crate::web::{render, see_other};

/// Rows shown at most.
pub const SHOWN: i64 = 200;

/// One message as listed.
pub struct Line {
    pub id: i32,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub status: String,
    pub status_label: String,
    pub attempts: i32,
    pub created_at: String,
    pub when: String,
    pub last_error: String,
}

#[derive(Template)]
#[template(path = "admin_outbox.html")]
struct OutboxPage {
    t: Tr,
    ui: Ui,
    section: &'static str,
    /// (status, label, count, selected).
    tabs: Vec<(String, String, i64, bool)>,
    all_selected: bool,
    lines: Vec<Line>,
    requeued: bool,
}

#[derive(Debug, Deserialize)]
pub struct OutboxQuery {
    #[serde(default)]
    statut: String,
    renvoye: Option<String>,
}

fn stamp(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn status_label(t: Tr, status: &str) -> String {
    t.t(&format!("outbox-status-{status}"))
}

/// GET `/admin/courriels?statut=pending|sending|sent|failed`.
pub async fn page(
    ui: Ui,
    _admin: RequireAdmin,
    state: web::Data<AppState>,
    query: web::Query<OutboxQuery>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let status = [PENDING, SENDING, SENT, FAILED]
        .into_iter()
        .find(|s| *s == query.statut);
    let (rows, counts) = state
        .db(move |conn| {
            Ok((
                outbox::list_recent(conn, status, SHOWN)?,
                outbox::count_by_status(conn)?,
            ))
        })
        .await?;
    let tabs = [PENDING, SENDING, SENT, FAILED]
        .into_iter()
        .map(|s| {
            let n = counts
                .iter()
                .find(|(k, _)| k == s)
                .map(|(_, n)| *n)
                .unwrap_or(0);
            (s.to_string(), status_label(t, s), n, status == Some(s))
        })
        .collect();
    let lines = rows
        .into_iter()
        .map(|r| Line {
            id: r.id,
            kind: r.kind,
            recipient: mask_email(&r.recipient),
            subject: r.subject,
            status_label: status_label(t, &r.status),
            when: match r.status.as_str() {
                s if s == SENT => r.sent_at.map(stamp).unwrap_or_default(),
                s if s == PENDING => stamp(r.next_attempt_at),
                _ => String::new(),
            },
            status: r.status,
            attempts: r.attempts,
            created_at: stamp(r.created_at),
            last_error: r.last_error.unwrap_or_default(),
        })
        .collect();
    let page = OutboxPage {
        t,
        ui,
        section: "outbox",
        tabs,
        all_selected: status.is_none(),
        lines,
        requeued: query.renvoye.is_some(),
    };
    render(StatusCode::OK, &page)
}

/// POST `/admin/courriels/{id}/renvoyer`: 404 unless the message exists
/// and has failed.
pub async fn resend(
    RequireAdmin(admin): RequireAdmin,
    state: web::Data<AppState>,
    id: web::Path<i32>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let by = admin.id;
    let requeued = state
        .db(move |conn| {
            Ok(
                conn.write_transaction::<_, diesel::result::Error, _>(|conn| {
                    let ok = outbox::requeue_failed(conn, id, now_utc())?;
                    if ok {
                        audit::record(
                            conn,
                            &audit::Event {
                                actor: Some(by),
                                action: "outbox.requeue",
                                target_kind: "outbox",
                                target_id: Some(id.to_string()),
                                ..Default::default()
                            },
                        )?;
                    }
                    Ok(ok)
                })?,
            )
        })
        .await?;
    if !requeued {
        return Err(WebError::NotFound);
    }
    crate::outbox_worker::kick(state.pool.clone(), state.mailer.clone());
    tracing::info!(by, outbox_id = id, "failed message put back in the queue");
    Ok(see_other("/admin/courriels?statut=failed&renvoye=1"))
}
