//! The rota for people away from the screen: `GET /plannings/{rota}.csv`
//! (French Excel: `;`, UTF-8 BOM, CRLF; local dates and times) and
//! `GET /plannings/{rota}/imprimer?centre=CODE`, the printable week of one
//! centre (print stylesheet in `static/app.css`).

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::access;
use super::page::status_label;
use crate::db::centres;
use crate::domain::frdate::format_date;
use crate::i18n::Tr;
use crate::rota::review::{self, ShiftLine};
use crate::web::error::WebError;
use crate::web::extract::{CurrentUser, Ui};
use crate::web::render;
use crate::web::state::AppState;

/// CSV columns (French, as the other exports).
pub const COLUMNS: [&str; 7] = [
    "date",
    "debut",
    "fin",
    "centre",
    "competence",
    "role",
    "benevole",
];

/// The CSV file of `lines`: BOM, `;`, CRLF.
pub fn csv_bytes(lines: &[ShiftLine]) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(COLUMNS)?;
    for l in lines {
        w.write_record([
            l.date.to_string(),
            l.start.clone(),
            l.end.clone(),
            l.centre_code.clone(),
            l.skill_code.clone(),
            l.role.clone(),
            l.volunteer.clone(),
        ])?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// `/plannings/{rota}.csv`: the path segment is `{rota}` with `.csv`.
pub async fn csv(
    user: CurrentUser,
    ui: Ui,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let acc = access(&state, user.0, &path).await?;
    let lang = ui.t.lang;
    let rota = acc.rota.clone();
    let lines = state
        .db(move |conn| {
            Ok(review::shift_lines(
                conn,
                &acc.rota,
                &|c| acc.sees(c),
                lang,
            )?)
        })
        .await?;
    let body = csv_bytes(&lines)?;
    let filename = format!(
        "planning-{}-{}-v{}.csv",
        rota.scope, rota.week_start, rota.version
    );
    Ok(HttpResponse::build(StatusCode::OK)
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", filename.replace('"', "")),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

pub struct PrintDay {
    pub label: String,
    pub shifts: Vec<ShiftLine>,
}

#[derive(Template)]
#[template(path = "rota/print.html")]
struct PrintPage {
    t: Tr,
    ui: Ui,
    rota_id: i32,
    week: String,
    centre_code: String,
    centre_name: String,
    status: String,
    version: i32,
    days: Vec<PrintDay>,
    others: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PrintQuery {
    centre: Option<String>,
}

pub async fn print(
    user: CurrentUser,
    ui: Ui,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<PrintQuery>,
) -> Result<HttpResponse, WebError> {
    let acc = access(&state, user.0, &path).await?;
    let lang = ui.t.lang;
    let rota = acc.rota.clone();
    let asked = query.into_inner().centre;
    let (centre, lines, others) = state
        .db(move |conn| {
            let all = centres::list(conn)?;
            let mine: Vec<centres::Centre> = all
                .into_iter()
                .filter(|c| acc.sees(c.id) && (acc.rota.scope == "ALL" || acc.rota.scope == c.code))
                .collect();
            let centre = match asked.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(code) => match mine.iter().find(|c| c.code == code) {
                    Some(c) => c.clone(),
                    None => {
                        return Err(if centres::by_code(conn, code)?.is_some() {
                            WebError::Forbidden
                        } else {
                            WebError::NotFound
                        })
                    }
                },
                None => mine.first().cloned().ok_or(WebError::NotFound)?,
            };
            let id = centre.id;
            let lines = review::shift_lines(conn, &acc.rota, &|c| c == id, lang)?;
            let others = mine
                .iter()
                .filter(|c| c.id != id)
                .map(|c| c.code.clone())
                .collect();
            Ok((centre, lines, others))
        })
        .await?;
    let mut days: Vec<PrintDay> = Vec::new();
    let mut last = None;
    for l in lines {
        if last != Some(l.date) {
            last = Some(l.date);
            days.push(PrintDay {
                label: format_date(lang, l.date),
                shifts: Vec::new(),
            });
        }
        if let Some(d) = days.last_mut() {
            d.shifts.push(l);
        }
    }
    let t = ui.t;
    let page = PrintPage {
        t,
        rota_id: rota.id,
        week: review::week_of(&rota)
            .map(|w| w.to_string())
            .unwrap_or_default(),
        centre_code: centre.code,
        centre_name: centre.name,
        status: status_label(&t, &rota.status),
        version: rota.version,
        days,
        others,
        ui,
    };
    render(StatusCode::OK, &page)
}
