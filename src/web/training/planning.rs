//! « Planifier les formations »: `POST /formations/planifier` builds the
//! planner input from the database for a centre and a horizon date, solves
//! it and shows the proposal (one checkbox per seat, all ticked, and why each
//! remaining need has no seat); `POST /formations/planifier/confirmer`
//! creates the ticked invitations and queues their emails in one transaction.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::NaiveDate;

use super::{views, SessionView};
use crate::db::training as q;
use crate::i18n::Tr;
use crate::training_plan::{self, parse_pair};
use crate::web::error::WebError;
use crate::web::extract::{RequireCoordinatorAny, SessionUser, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

pub struct ProposedSeat {
    pub pair: String,
    pub id_attr: String,
    pub name: String,
    pub late: bool,
}

pub struct ProposedSession {
    pub view: SessionView,
    pub seats: Vec<ProposedSeat>,
}

pub struct UnmetView {
    pub name: String,
    pub skill: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "training/plan.html")]
struct PlanPage {
    t: Tr,
    ui: Ui,
    centre: i32,
    horizon: String,
    summary: String,
    sessions: Vec<ProposedSession>,
    unmet: Vec<UnmetView>,
    seconds: String,
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn centre_and_horizon(
    user: &SessionUser,
    form: &[(String, String)],
) -> Result<(i32, NaiveDate), WebError> {
    let centre: i32 = field(form, "centre")
        .and_then(|c| c.trim().parse().ok())
        .ok_or(WebError::BadRequest)?;
    let horizon = field(form, "horizon")
        .and_then(|h| NaiveDate::parse_from_str(h.trim(), "%Y-%m-%d").ok())
        .ok_or(WebError::BadRequest)?;
    if !user.can_coordinate(centre) {
        return Err(WebError::Forbidden);
    }
    Ok((centre, horizon))
}

/// The proposal page for a centre and horizon (also used by the benchmark).
pub fn proposal(
    conn: &mut crate::db::DbConnection,
    t: Tr,
    ui: Ui,
    centre: i32,
    horizon: NaiveDate,
) -> Result<String, WebError> {
    let input = training_plan::build_input(conn, centre, horizon, chrono::Utc::now())?;
    let plan = training_plan::solve(&input)?;
    let session_views = views(conn, t, &input.sessions)?;
    let name_of = |vid: &str| {
        vid.parse::<i32>()
            .ok()
            .and_then(|v| input.names.get(&v).cloned())
            .unwrap_or_default()
    };
    let mut by_session: HashMap<String, Vec<ProposedSeat>> = HashMap::new();
    for a in &plan.assignments {
        by_session
            .entry(a.session.clone())
            .or_default()
            .push(ProposedSeat {
                pair: format!("{}:{}", a.session, a.volunteer),
                id_attr: format!("{}-{}", a.session, a.volunteer),
                name: name_of(&a.volunteer),
                late: a.late,
            });
    }
    let sessions: Vec<ProposedSession> = session_views
        .into_iter()
        .map(|v| ProposedSession {
            seats: by_session.remove(&v.id.to_string()).unwrap_or_default(),
            view: v,
        })
        .collect();
    let unmet = plan
        .unmet
        .iter()
        .map(|u| UnmetView {
            name: name_of(&u.volunteer),
            skill: u.skill.clone(),
            reason: u.reason.message().to_string(),
        })
        .collect();
    let page = PlanPage {
        t,
        ui,
        centre,
        horizon: horizon.to_string(),
        summary: t.args(
            "training-plan-summary",
            &[
                ("met", &plan.stats.needs_met.to_string()),
                (
                    "needs",
                    &(plan.stats.needs_met + plan.unmet.len()).to_string(),
                ),
            ],
        ),
        sessions,
        unmet,
        seconds: format!("{:.3}", plan.stats.seconds),
    };
    Ok(page.render()?)
}

/// POST `/formations/planifier`.
pub async fn plan(
    ui: Ui,
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let (centre, horizon) = centre_and_horizon(&user, &form)?;
    let html = state
        .db(move |conn| proposal(conn, t, ui, centre, horizon))
        .await?;
    Ok(HttpResponse::build(StatusCode::OK)
        .insert_header(("content-type", "text/html; charset=utf-8"))
        .insert_header(("cache-control", "no-store"))
        .body(html))
}

#[derive(Template)]
#[template(path = "training/plan_done.html")]
struct DonePage {
    t: Tr,
    ui: Ui,
    message: String,
}

/// POST `/formations/planifier/confirmer`.
pub async fn confirm(
    ui: Ui,
    RequireCoordinatorAny(user): RequireCoordinatorAny,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let (centre, horizon) = centre_and_horizon(&user, &form)?;
    let pairs: Vec<(i32, i32)> = form
        .iter()
        .filter(|(k, _)| k == "pair")
        .filter_map(|(_, v)| parse_pair(v))
        .collect();
    let public_url = state.public_url.clone();
    let actor = user.id;
    let invited = state
        .db(move |conn| {
            let n = conn.write_transaction(|c| -> anyhow::Result<usize> {
                let mut n = 0;
                for (sid, vid) in &pairs {
                    let Some(s) = q::session(c, *sid)? else {
                        continue;
                    };
                    if s.centre_id != centre || training_plan::free_seats(c, &s)? <= 0 {
                        continue;
                    }
                    if training_plan::invite_one(c, &s, *vid, horizon, Some(actor), &public_url)? {
                        n += 1;
                    }
                }
                Ok(n)
            })?;
            Ok(n)
        })
        .await?;
    if invited == 0 && form.iter().all(|(k, _)| k != "pair") {
        return Ok(see_other("/formations"));
    }
    render(
        StatusCode::OK,
        &DonePage {
            t,
            ui,
            message: t.count("training-plan-confirmed", invited as i64),
        },
    )
}
