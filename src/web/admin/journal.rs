//! `/admin/journal`: the audit log, searchable by an administrator (actor,
//! action prefix, target, centre, date range), 50 entries a page.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::{Duration, NaiveDate};
use serde::Deserialize;

use crate::db::audit::Filter;
use crate::db::{centres, retention, settings};
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireAdmin, Ui};
use crate::web::gdpr::local_time;
use crate::web::{render, state::AppState};

/// Entries per page.
pub const PAGE_SIZE: i64 = 50;

/// The filters as typed (all optional).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct JournalQuery {
    #[serde(default)]
    pub acteur: String,
    #[serde(default)]
    pub action: String,
    /// `kind` or `kind:id`, e.g. `volunteer:12`.
    #[serde(default)]
    pub cible: String,
    /// A centre code.
    #[serde(default)]
    pub centre: String,
    /// `YYYY-MM-DD`, inclusive.
    #[serde(default)]
    pub du: String,
    #[serde(default)]
    pub au: String,
    #[serde(default)]
    pub page: Option<i64>,
}

pub struct Line {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub centre: String,
    pub details: String,
}

#[derive(Template)]
#[template(path = "admin_journal.html")]
struct JournalPage {
    t: Tr,
    ui: Ui,
    section: &'static str,
    q: JournalQuery,
    lines: Vec<Line>,
    errors: Vec<String>,
    page: i64,
    prev: Option<String>,
    next: Option<String>,
    centres: Vec<String>,
}

fn date(raw: &str) -> Result<Option<NaiveDate>, ()> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ())
}

fn link(q: &JournalQuery, page: i64) -> String {
    let pairs = [
        ("acteur", q.acteur.as_str()),
        ("action", q.action.as_str()),
        ("cible", q.cible.as_str()),
        ("centre", q.centre.as_str()),
        ("du", q.du.as_str()),
        ("au", q.au.as_str()),
    ];
    let mut s = String::from("/admin/journal?");
    for (k, v) in pairs.iter().filter(|(_, v)| !v.trim().is_empty()) {
        s.push_str(&format!("{k}={}&", urlencoding::encode(v.trim())));
    }
    s.push_str(&format!("page={page}"));
    s
}

/// GET `/admin/journal`.
pub async fn page(
    ui: Ui,
    _admin: RequireAdmin,
    state: web::Data<AppState>,
    query: web::Query<JournalQuery>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let q = query.into_inner();
    let mut errors = Vec::new();
    let mut filter = Filter::default();
    if !q.acteur.trim().is_empty() {
        match q.acteur.trim().trim_start_matches('#').parse::<i32>() {
            Ok(id) => filter.actor = Some(id),
            Err(_) => errors.push(t.t("admin-journal-error-actor")),
        }
    }
    if !q.action.trim().is_empty() {
        filter.action_prefix = Some(q.action.trim().to_string());
    }
    if !q.cible.trim().is_empty() {
        let c = q.cible.trim();
        match c.split_once(':') {
            Some((kind, id)) => {
                filter.target_kind = Some(kind.trim().to_string());
                filter.target_id = Some(id.trim().to_string());
            }
            None => filter.target_kind = Some(c.to_string()),
        }
    }
    match (date(&q.du), date(&q.au)) {
        (Ok(from), Ok(to)) => {
            filter.since = from.map(|d| d.and_time(chrono::NaiveTime::MIN));
            filter.until = to.map(|d| (d + Duration::days(1)).and_time(chrono::NaiveTime::MIN));
        }
        _ => errors.push(t.t("admin-journal-error-date")),
    }
    let page = q.page.unwrap_or(1).max(1);
    let centre_code = q.centre.trim().to_uppercase();
    let (rows, more, all_centres, tz, centre_known) = state
        .db(move |conn| {
            let all = centres::list(conn)?;
            let mut known = true;
            if !centre_code.is_empty() {
                match all.iter().find(|c| c.code == centre_code) {
                    Some(c) => filter.centre_id = Some(c.id),
                    None => known = false,
                }
            }
            let tz = settings::get(conn)?
                .default_timezone
                .parse::<chrono_tz::Tz>()
                .unwrap_or(chrono_tz::Europe::Paris);
            let (rows, more) = if known {
                retention::audit_page(conn, &filter, (page - 1) * PAGE_SIZE, PAGE_SIZE)?
            } else {
                (Vec::new(), false)
            };
            Ok((rows, more, all, tz, known))
        })
        .await?;
    if !centre_known {
        errors.push(t.t("admin-journal-error-centre"));
    }
    let code_of = |id: i32| {
        all_centres
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.code.clone())
            .unwrap_or_else(|| format!("#{id}"))
    };
    let lines = rows
        .into_iter()
        .map(|e| Line {
            at: local_time(tz, e.at),
            actor: e
                .actor_user_id
                .map(|a| format!("#{a}"))
                .unwrap_or_else(|| t.t("gdpr-actor-system")),
            action: e.action,
            target: match e.target_id {
                Some(id) => format!("{}:{id}", e.target_kind),
                None => e.target_kind,
            },
            centre: e.centre_id.map(code_of).unwrap_or_default(),
            details: e.details.unwrap_or_default(),
        })
        .collect();
    let page_view = JournalPage {
        t,
        ui,
        section: "journal",
        prev: (page > 1).then(|| link(&q, page - 1)),
        next: more.then(|| link(&q, page + 1)),
        centres: all_centres.into_iter().map(|c| c.code).collect(),
        q,
        lines,
        errors,
        page,
    };
    let status = if page_view.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(status, &page_view)
}
