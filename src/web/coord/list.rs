//! `/centres/{code}/benevoles`: the centre's volunteers with filters
//! (qualification, availability, status) and a search, all in the query
//! string so a view can be bookmarked; 50 per page. Also its CSV export.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use askama::Template;

use super::roster::{availability_given, Filters, QualState};
use super::{csvexport, horizon, skill_name};
use crate::db::{coord, skills};
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireCoordinator, Ui};
use crate::web::render;
use crate::web::state::AppState;

/// Volunteers per page.
pub const PAGE_SIZE: usize = 50;

pub struct Row {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub status: String,
    pub quals: String,
    pub avail: String,
}

#[derive(Template)]
#[template(path = "coord/list.html")]
struct ListPage {
    t: Tr,
    ui: Ui,
    code: String,
    centre_name: String,
    f: Filters,
    query: String,
    rows: Vec<Row>,
    total: i64,
    page: usize,
    pages: usize,
    page_text: String,
}

/// Loads the centre's volunteers passing the filters, with today's date.
async fn filtered(
    state: &AppState,
    centre_id: i32,
    f: &Filters,
) -> Result<
    (
        Vec<coord::RosterEntry>,
        Vec<skills::Skill>,
        chrono::NaiveDate,
        chrono::NaiveDate,
    ),
    WebError,
> {
    let (today, to, roster, skills) = state
        .db(move |conn| {
            let (today, to) = horizon(conn)?;
            Ok((
                today,
                to,
                coord::roster(conn, centre_id, today, to)?,
                skills::list(conn)?,
            ))
        })
        .await?;
    let kept = roster
        .into_iter()
        .filter(|e| f.accepts(e, today, to))
        .collect();
    Ok((kept, skills, today, to))
}

/// GET `/centres/{centre}/benevoles`.
pub async fn page(
    ui: Ui,
    coord: RequireCoordinator,
    state: web::Data<AppState>,
    query: web::Query<Filters>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let f = query.into_inner();
    let (kept, skills, today, to) = filtered(&state, coord.centre.id, &f).await?;
    let total = kept.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = f
        .page
        .as_deref()
        .and_then(|p| p.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, pages);
    let rows = kept
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|e| Row {
            id: e.volunteer.id,
            name: e.name.clone(),
            email: e.email.clone().unwrap_or_default(),
            status: t.t(&format!("coord-status-{}", e.volunteer.status)),
            quals: e
                .quals
                .iter()
                .map(|q| {
                    let name = skills
                        .iter()
                        .find(|s| s.id == q.skill_id)
                        .map(|s| skill_name(t, s))
                        .unwrap_or_default();
                    format!(
                        "{name} ({})",
                        t.t(QualState::of(q.valid_until, today).label_id())
                    )
                })
                .chain(e.trainees.iter().map(|tr| {
                    let name = skills
                        .iter()
                        .find(|s| s.id == tr.skill_id)
                        .map(|s| skill_name(t, s))
                        .unwrap_or_default();
                    format!("{name} ({})", t.t("coord-trainee"))
                }))
                .collect::<Vec<_>>()
                .join(", "),
            avail: t.t(if availability_given(e, today, to) {
                "coord-avail-given"
            } else {
                "coord-avail-missing"
            }),
        })
        .collect();
    let page = ListPage {
        code: coord.centre.code.clone(),
        centre_name: coord.centre.name.clone(),
        query: f.query(),
        f,
        rows,
        total: total as i64,
        page_text: t.args(
            "coord-page-of",
            &[("page", &page.to_string()), ("pages", &pages.to_string())],
        ),
        page,
        pages,
        t,
        ui,
    };
    render(StatusCode::OK, &page)
}

/// GET `/centres/{centre}/benevoles.csv`: the filtered list in the import
/// format (`;`, UTF-8 with BOM).
pub async fn export(
    coord: RequireCoordinator,
    state: web::Data<AppState>,
    query: web::Query<Filters>,
) -> Result<HttpResponse, WebError> {
    let f = query.into_inner();
    let (kept, skills, _, _) = filtered(&state, coord.centre.id, &f).await?;
    let body = csvexport::export(&kept, &skills)?;
    let filename = format!("benevoles-{}.csv", coord.centre.code);
    Ok(HttpResponse::build(StatusCode::OK)
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", filename.replace('"', "")),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}
