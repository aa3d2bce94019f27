//! `/centres/{centre}/remplacements`: the centre's open drop-outs, each with
//! its candidates ranked by the solver's criteria (and why), « Affecter » in
//! one click, and « Proposer par courriel » to the best N.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use crate::db::dropouts::{self, Dropout};
use crate::db::rotas::RotaShift;
use crate::db::{now_utc, DbConnection};
use crate::i18n::Tr;
use crate::rota::replace::{self, Assigned, Candidate};
use crate::scenario_build::BuildError;
use crate::web::error::WebError;
use crate::web::extract::{RequireCoordinator, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// Eligible candidates listed per drop-out.
const SHOWN: usize = 10;
/// Excluded volunteers listed per drop-out (nearest misses first).
const SHOWN_EXCLUDED: usize = 50;
/// Default and largest number of candidates offered by mail at once.
pub const DEFAULT_OFFERS: usize = 3;
pub const MAX_OFFERS: usize = 20;

/// One candidate row.
pub struct Row {
    pub rank: usize,
    pub volunteer_id: i32,
    pub name: String,
    /// « 6 h / 12 h (50 %) ».
    pub load: String,
    /// Why here: load, preferred window, home centre.
    pub why: String,
    /// Why excluded (empty when eligible).
    pub excluded: String,
    pub offered: bool,
}

/// One open drop-out.
pub struct Item {
    pub id: i32,
    pub what: String,
    pub who: String,
    pub reason: Option<String>,
    pub offers: String,
    pub eligible: Vec<Row>,
    pub eligible_count: usize,
    pub excluded: Vec<Row>,
    pub excluded_count: usize,
}

#[derive(Template)]
#[template(path = "coord/replacements.html")]
struct Page {
    t: Tr,
    ui: Ui,
    code: String,
    centre_name: String,
    items: Vec<Item>,
    notice: Option<String>,
    default_offers: usize,
    max_offers: usize,
}

fn internal(e: BuildError) -> WebError {
    WebError::Internal(anyhow::anyhow!("{e}"))
}

fn hours(t: Tr, minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (t.lang, m) {
        (crate::i18n::Lang::Fr, 0) => format!("{h} h"),
        (crate::i18n::Lang::Fr, _) => format!("{h} h {m:02}"),
        (crate::i18n::Lang::En, 0) => format!("{h} h"),
        (crate::i18n::Lang::En, _) => format!("{h} h {m:02} min"),
    }
}

fn row(t: Tr, rank: usize, c: &Candidate, offered: bool) -> Row {
    let load = format!(
        "{} / {} ({} %)",
        hours(t, c.week_minutes),
        hours(t, c.commitment_minutes),
        c.load_percent()
    );
    let mut why = vec![t.args(
        if c.commitment_is_limit {
            "replace-why-load-limit"
        } else {
            "replace-why-load-available"
        },
        &[("percent", &c.load_percent().to_string())],
    )];
    why.push(t.count("replace-why-shifts", c.week_shifts));
    if c.preferred {
        why.push(t.t("replace-why-preferred"));
    }
    if c.home {
        why.push(t.t("replace-why-home"));
    }
    let excluded: Vec<String> = c.exclusions.iter().map(|e| t.t(e.message_id())).collect();
    Row {
        rank,
        volunteer_id: c.volunteer_id,
        name: c.name.clone(),
        load,
        why: why.join(" ; "),
        excluded: excluded.join(" ; "),
        offered,
    }
}

fn item(conn: &mut DbConnection, t: Tr, d: &Dropout, shift: &RotaShift) -> Result<Item, WebError> {
    let ranked = replace::rank(conn, shift, d.volunteer_id).map_err(internal)?;
    let offers = dropouts::offers_of(conn, d.id)?;
    let offered = |v: i32| offers.iter().any(|o| o.volunteer_id == v);
    let (ok, mut ko): (Vec<&Candidate>, Vec<&Candidate>) =
        ranked.iter().partition(|c| c.eligible());
    ko.retain(|c| !c.exclusions.contains(&replace::Exclusion::DroppedOut));
    // The nearest misses first: fewest reasons.
    ko.sort_by_key(|c| (c.exclusions.len(), c.name.clone(), c.volunteer_id));
    let excluded_count = ko.len();
    let offers_text = if offers.is_empty() {
        t.t("replace-offers-none")
    } else {
        t.count("replace-offers-pending", offers.len() as i64)
    };
    Ok(Item {
        id: d.id,
        what: replace::mail::describe(conn, t, shift).map_err(internal)?,
        who: dropouts::volunteer_name(conn, d.volunteer_id)?,
        reason: d.reason.clone(),
        offers: offers_text,
        eligible_count: ok.len(),
        eligible: ok
            .iter()
            .take(SHOWN)
            .enumerate()
            .map(|(i, c)| row(t, i + 1, c, offered(c.volunteer_id)))
            .collect(),
        excluded_count,
        excluded: ko
            .iter()
            .take(SHOWN_EXCLUDED)
            .map(|c| row(t, 0, c, false))
            .collect(),
    })
}

/// GET: the open drop-outs and their ranked candidates.
pub async fn page(
    ui: Ui,
    coord: RequireCoordinator,
    query: web::Query<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let centre_id = coord.centre.id;
    let items = state
        .db(move |conn| {
            let mut items = Vec::new();
            for (d, shift) in dropouts::open_of_centre(conn, centre_id, now_utc())? {
                items.push(item(conn, t, &d, &shift)?);
            }
            Ok(items)
        })
        .await?;
    let get = |k: &str| query.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
    let notice = get("msg").and_then(|m| notice_text(t, &m, get("n")));
    render(
        StatusCode::OK,
        &Page {
            t,
            ui,
            code: coord.centre.code.clone(),
            centre_name: coord.centre.name.clone(),
            items,
            notice,
            default_offers: DEFAULT_OFFERS,
            max_offers: MAX_OFFERS,
        },
    )
}

fn notice_text(t: Tr, msg: &str, n: Option<String>) -> Option<String> {
    let id = match msg {
        "assigned" => "replace-msg-assigned",
        "already" => "replace-msg-already",
        "gone" => "replace-msg-gone",
        "not-eligible" => "replace-msg-not-eligible",
        "offered" => {
            let n: i64 = n.and_then(|s| s.parse().ok()).unwrap_or(0);
            return Some(t.count("replace-msg-offered", n));
        }
        _ => return None,
    };
    Some(t.t(id))
}

fn field(form: &[(String, String)], name: &str) -> Option<String> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_string())
}

/// The drop-out of the path if it belongs to this centre (404 otherwise).
fn dropout_of_centre(
    conn: &mut DbConnection,
    id: i32,
    centre_id: i32,
) -> Result<Dropout, WebError> {
    match dropouts::by_id(conn, id)? {
        Some(d) if d.centre_id == centre_id => Ok(d),
        _ => Err(WebError::NotFound),
    }
}

/// POST `/centres/{centre}/remplacements/{dropout}/affecter`: field
/// `volunteer_id`. Re-validated now; 303 back with the outcome.
pub async fn assign(
    coord: RequireCoordinator,
    path: web::Path<(String, i32)>,
    form: web::Form<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (_, dropout_id) = path.into_inner();
    let volunteer_id: i32 = field(&form, "volunteer_id")
        .and_then(|v| v.parse().ok())
        .ok_or(WebError::BadRequest)?;
    let centre_id = coord.centre.id;
    let actor = coord.user.id;
    let base = state.public_url.clone();
    let outcome = state
        .db(move |conn| {
            dropout_of_centre(conn, dropout_id, centre_id)?;
            replace::assign(conn, dropout_id, volunteer_id, Some(actor), None, &base)
                .map_err(internal)
        })
        .await?;
    let msg = match outcome {
        Assigned::Done { .. } => {
            tracing::info!(
                dropout_id,
                volunteer_id,
                "drop-out covered by a coordinator"
            );
            "assigned"
        }
        Assigned::AlreadyCovered => "already",
        Assigned::ShiftGone | Assigned::OfferUnusable => "gone",
        Assigned::NotEligible(_) => "not-eligible",
    };
    Ok(see_other(&format!(
        "/centres/{}/remplacements?msg={msg}",
        coord.centre.code
    )))
}

/// POST `/centres/{centre}/remplacements/{dropout}/proposer`: field `count`
/// (1–20, default 3). Mails the best `count` eligible candidates not yet
/// offered this drop-out.
pub async fn offer(
    coord: RequireCoordinator,
    path: web::Path<(String, i32)>,
    form: web::Form<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (_, dropout_id) = path.into_inner();
    let count = match field(&form, "count").filter(|s| !s.is_empty()) {
        None => DEFAULT_OFFERS,
        Some(s) => s
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_OFFERS).contains(n))
            .ok_or(WebError::BadRequest)?,
    };
    let centre_id = coord.centre.id;
    let actor = coord.user.id;
    let base = state.public_url.clone();
    let offered = state
        .db(move |conn| {
            let d = dropout_of_centre(conn, dropout_id, centre_id)?;
            let Some((shift, rota)) = dropouts::shift_with_rota(conn, d.shift_id)? else {
                return Ok(None);
            };
            if d.status != dropouts::OPEN
                || rota.status != "published"
                || shift.start_utc <= now_utc()
            {
                return Ok(None);
            }
            let ranked = replace::rank(conn, &shift, d.volunteer_id).map_err(internal)?;
            let already: Vec<i32> = dropouts::offers_of(conn, d.id)?
                .iter()
                .map(|o| o.volunteer_id)
                .collect();
            let chosen: Vec<&Candidate> = ranked
                .iter()
                .filter(|c| c.eligible() && !already.contains(&c.volunteer_id))
                .take(count)
                .collect();
            let n = conn
                .write_transaction::<usize, BuildError, _>(|c| {
                    let n = replace::mail::cover_requests(c, &d, &shift, &chosen, &base)?;
                    crate::db::audit::record(
                        c,
                        &crate::db::audit::Event {
                            actor: Some(actor),
                            action: "rota.shift.cover_offer",
                            target_kind: "rota_shift",
                            target_id: Some(shift.id.to_string()),
                            centre_id: Some(shift.centre_id),
                            details: Some(format!("{{\"dropout_id\":{},\"offered\":{n}}}", d.id)),
                        },
                    )?;
                    Ok(n)
                })
                .map_err(internal)?;
            Ok(Some(n))
        })
        .await?;
    let location = match offered {
        Some(n) => {
            tracing::info!(dropout_id, offered = n, "cover offered by mail");
            format!(
                "/centres/{}/remplacements?msg=offered&n={n}",
                coord.centre.code
            )
        }
        None => format!("/centres/{}/remplacements?msg=gone", coord.centre.code),
    };
    Ok(see_other(&location))
}
