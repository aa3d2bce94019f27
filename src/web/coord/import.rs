//! `/centres/{code}/import`: CSV import of volunteers in two steps. Step 1
//! uploads a file (multipart) and shows a preview with the errors by line
//! and column; step 2 re-submits the same content (hidden field), which is
//! validated again and imported in one transaction — all lines or none.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::csvexport;
use super::csvfile::{self, Parsed, COLUMNS};
use crate::auth::csrf::MAX_MULTIPART_BYTES;
use crate::db::{coord, skills, DbConnection};
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireCoordinator, Ui};
use crate::web::multipart::{self, Part};
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// Name of the file input.
pub const FILE_FIELD: &str = "csv_file";
/// Name of the hidden field carrying the checked content to step 2.
pub const CONTENT_FIELD: &str = "contenu";

pub struct PreviewLine {
    pub line: usize,
    pub cells: Vec<String>,
    pub ok: bool,
}

#[derive(Template)]
#[template(path = "coord/import.html")]
struct ImportPage {
    t: Tr,
    ui: Ui,
    code: String,
    centre_name: String,
    /// Volunteers just imported, or -1.
    done: i64,
    columns: Vec<&'static str>,
    example: String,
    file_error: Option<String>,
    previewed: bool,
    errors: Vec<String>,
    lines: Vec<PreviewLine>,
    content: String,
    line_count: i64,
}

impl ImportPage {
    fn new(ui: Ui, coord: &RequireCoordinator) -> ImportPage {
        let example = String::from_utf8_lossy(&csvexport::template())
            .trim_start_matches('\u{feff}')
            .to_string();
        ImportPage {
            t: ui.t,
            ui,
            code: coord.centre.code.clone(),
            centre_name: coord.centre.name.clone(),
            done: -1,
            columns: COLUMNS.to_vec(),
            example,
            file_error: None,
            previewed: false,
            errors: Vec::new(),
            lines: Vec::new(),
            content: String::new(),
            line_count: 0,
        }
    }

    fn preview(&mut self, parsed: &Parsed, content: String) {
        let t = self.t;
        self.previewed = true;
        self.errors = parsed.errors.iter().map(|e| e.render(t)).collect();
        self.line_count = parsed.lines.len() as i64;
        self.lines = parsed
            .lines
            .iter()
            .map(|l| PreviewLine {
                line: l.line,
                cells: l.cells.clone(),
                ok: l.ok,
            })
            .collect();
        if parsed.errors.is_empty() {
            self.content = content;
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct PageQuery {
    fait: Option<i64>,
}

/// GET `/centres/{centre}/import`.
pub async fn page(
    ui: Ui,
    coord: RequireCoordinator,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let mut page = ImportPage::new(ui, &coord);
    page.done = query.fait.unwrap_or(-1).max(-1);
    render(StatusCode::OK, &page)
}

/// GET `/centres/{centre}/import/modele.csv`: header and one example line.
pub async fn template(_coord: RequireCoordinator) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"modele-benevoles.csv\"",
        ))
        .body(csvexport::template())
}

/// The body's fields, multipart or URL-encoded.
async fn fields(req: &HttpRequest, payload: web::Payload) -> Result<Vec<Part>, WebError> {
    let body = match payload.to_bytes_limited(MAX_MULTIPART_BYTES).await {
        Ok(b) => b.map_err(|_| WebError::BadRequest)?,
        Err(_) => return Err(WebError::TooLarge),
    };
    let ct = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if ct.to_ascii_lowercase().starts_with("multipart/form-data") {
        return multipart::parse(ct, &body).ok_or(WebError::BadRequest);
    }
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(&body).map_err(|_| WebError::BadRequest)?;
    Ok(pairs
        .into_iter()
        .map(|(name, v)| Part {
            name,
            filename: None,
            data: v.into_bytes(),
        })
        .collect())
}

/// Parses and fully validates `bytes` (including emails already in use).
async fn check(state: &AppState, bytes: Vec<u8>) -> Result<Parsed, WebError> {
    state
        .db(move |conn| {
            let (today, _) = super::horizon(conn)?;
            let skills = skills::list(conn)?;
            let mut parsed = csvfile::parse(&bytes, &skills, today);
            let taken = coord::taken_emails(conn, &parsed.emails())?;
            parsed.mark_taken(&taken);
            Ok(parsed)
        })
        .await
}

/// The file as text, decoded as [`csvfile::parse`] does (UTF-8, else Windows-1252).
fn as_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => csvfile::windows_1252(bytes),
    }
}

/// POST `/centres/{centre}/import`: step 1, the preview.
pub async fn upload(
    ui: Ui,
    coord: RequireCoordinator,
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, WebError> {
    let parts = fields(&req, payload).await?;
    let mut page = ImportPage::new(ui, &coord);
    let file = parts
        .into_iter()
        .find(|p| p.name == FILE_FIELD && !p.data.is_empty());
    let Some(file) = file else {
        page.file_error = Some(page.t.t("coord-import-no-file"));
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    let parsed = check(&state, file.data.clone()).await?;
    let status = if parsed.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page.preview(&parsed, as_text(&file.data));
    render(status, &page)
}

enum Outcome {
    Imported(usize),
    Invalid(Box<Parsed>),
}

/// POST `/centres/{centre}/import/confirm`: step 2, all lines in one transaction.
pub async fn confirm(
    ui: Ui,
    coord: RequireCoordinator,
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, WebError> {
    let parts = fields(&req, payload).await?;
    let content = multipart::text_field(&parts, CONTENT_FIELD).unwrap_or_default();
    let centre_id = coord.centre.id;
    let bytes = content.clone().into_bytes();
    // Audit actor.
    let actor = coord.user.id;
    let outcome = state
        .db(move |conn: &mut DbConnection| {
            let (today, _) = super::horizon(conn)?;
            let r = conn.write_transaction::<_, diesel::result::Error, _>(|conn| {
                let skills = skills::list(conn)?;
                let mut parsed = csvfile::parse(&bytes, &skills, today);
                let taken = coord::taken_emails(conn, &parsed.emails())?;
                parsed.mark_taken(&taken);
                match parsed.volunteers() {
                    Some(list) => {
                        let n = coord::import_volunteers(conn, centre_id, &list)?;
                        // Audit.
                        crate::db::audit::record(
                            conn,
                            &crate::db::audit::Event {
                                actor: Some(actor),
                                action: "volunteer.import",
                                target_kind: "centre",
                                target_id: Some(centre_id.to_string()),
                                centre_id: Some(centre_id),
                                details: Some(format!("count={n}")),
                            },
                        )?;
                        Ok(Outcome::Imported(n))
                    }
                    None => Ok(Outcome::Invalid(Box::new(parsed))),
                }
            })?;
            Ok(r)
        })
        .await?;
    match outcome {
        Outcome::Imported(n) => {
            tracing::info!(
                by = coord.user.id,
                centre_id,
                count = n,
                "volunteers imported"
            );
            Ok(see_other(&format!(
                "/centres/{}/import?fait={n}",
                coord.centre.code
            )))
        }
        Outcome::Invalid(parsed) => {
            let mut page = ImportPage::new(ui, &coord);
            page.preview(&parsed, content);
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
