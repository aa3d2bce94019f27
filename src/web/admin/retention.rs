//! `/admin/retention`: what the daily retention run will anonymise next
//! (former volunteers, with their centres and due dates; names are shown on
//! this administrator-only page) and how many audit entries it will purge.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::Duration;

use crate::db::{now_utc, retention};
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireAdmin, Ui};
use crate::web::{render, state::AppState};

/// How far ahead the page looks.
pub const LOOKAHEAD_DAYS: i64 = 90;

pub struct Line {
    pub volunteer_id: i32,
    pub name: String,
    pub centres: String,
    pub left_on: String,
    pub due_on: String,
    pub overdue: bool,
}

#[derive(Template)]
#[template(path = "admin_retention.html")]
struct RetentionPage {
    t: Tr,
    ui: Ui,
    section: &'static str,
    months: i32,
    audit_months: i32,
    last_run: String,
    lines: Vec<Line>,
    audit_due: i64,
    audit_before: String,
    lookahead: i64,
}

/// GET `/admin/retention`.
pub async fn page(
    ui: Ui,
    RequireAdmin(admin): RequireAdmin,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (s, candidates, audit_due, audit_before, today) = state
        .db(|conn| {
            let s = retention::get(conn)?;
            let now = now_utc();
            let today = now.date();
            let candidates = retention::candidates(
                conn,
                s.former_volunteer_months,
                today + Duration::days(LOOKAHEAD_DAYS),
            )?;
            // Entries falling due within the look-ahead too.
            let before =
                retention::audit_cutoff(now + Duration::days(LOOKAHEAD_DAYS), s.audit_months);
            let due = retention::audit_count_before(conn, before)?;
            Ok((s, candidates, due, before, today))
        })
        .await?;
    tracing::info!(
        by = admin.id,
        count = candidates.len(),
        "retention list viewed"
    );
    let lines = candidates
        .into_iter()
        .map(|c| Line {
            volunteer_id: c.volunteer_id,
            name: c.display_name,
            centres: c.centres.join(", "),
            left_on: c.left_on.to_string(),
            due_on: c.due_on.to_string(),
            overdue: c.due_on <= today,
        })
        .collect();
    let page = RetentionPage {
        t: ui.t,
        ui,
        section: "retention",
        months: s.former_volunteer_months,
        audit_months: s.audit_months,
        last_run: s
            .last_run_at
            .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_default(),
        lines,
        audit_due,
        audit_before: audit_before.format("%Y-%m-%d").to_string(),
        lookahead: LOOKAHEAD_DAYS,
    };
    render(StatusCode::OK, &page)
}
