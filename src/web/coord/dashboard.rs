//! `/centres/{code}`: the centre dashboard — who has given availability for
//! the coming weeks and who has not, qualifications expiring within 60 days,
//! trainees.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use super::roster::{availability_given, QualState};
use super::{horizon, long_date, skill_name};
use crate::db::{coord, skills};
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireCoordinator, Ui};
use crate::web::render;
use crate::web::state::AppState;

/// Names shown per list before "see all".
const SHOWN: usize = 30;

/// A volunteer link: (id, name).
pub type Person = (i32, String);

/// An expiring qualification: (volunteer id, name, skill, date).
pub struct Expiring {
    pub id: i32,
    pub name: String,
    pub skill: String,
    pub until: String,
}

#[derive(Template)]
#[template(path = "coord/dashboard.html")]
struct DashboardPage {
    t: Tr,
    ui: Ui,
    code: String,
    centre_name: String,
    horizon_text: String,
    given: Vec<Person>,
    given_count: i64,
    missing: Vec<Person>,
    missing_count: i64,
    expiring: Vec<Expiring>,
    expiring_count: i64,
    trainees: Vec<(i32, String, String)>,
    trainee_count: i64,
}

/// GET `/centres/{centre}`.
pub async fn page(
    ui: Ui,
    coord: RequireCoordinator,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let centre_id = coord.centre.id;
    let (today, to, roster, skills) = state
        .db(move |conn| {
            let (today, to) = horizon(conn)?;
            let roster = coord::roster(conn, centre_id, today, to)?;
            Ok((today, to, roster, skills::list(conn)?))
        })
        .await?;
    let skill = |id: i32| {
        skills
            .iter()
            .find(|s| s.id == id)
            .map(|s| skill_name(t, s))
            .unwrap_or_default()
    };
    let active: Vec<_> = roster
        .iter()
        .filter(|e| e.volunteer.status == "active")
        .collect();
    let (given, missing): (Vec<_>, Vec<_>) = active
        .iter()
        .partition(|e| availability_given(e, today, to));
    let mut expiring = Vec::new();
    for e in &active {
        for q in &e.quals {
            if QualState::of(q.valid_until, today) == QualState::Expiring {
                if let Some(until) = q.valid_until {
                    expiring.push((until, e.volunteer.id, e.name.clone(), skill(q.skill_id)));
                }
            }
        }
    }
    expiring.sort();
    let mut trainees = Vec::new();
    for e in &active {
        for tr in &e.trainees {
            trainees.push((e.volunteer.id, e.name.clone(), skill(tr.skill_id)));
        }
    }
    let person = |e: &&&crate::db::coord::RosterEntry| (e.volunteer.id, e.name.clone());
    let page = DashboardPage {
        code: coord.centre.code.clone(),
        centre_name: coord.centre.name.clone(),
        horizon_text: t.args(
            "coord-horizon",
            &[
                ("from", long_date(t, today).as_str()),
                ("to", long_date(t, to).as_str()),
            ],
        ),
        given_count: given.len() as i64,
        missing_count: missing.len() as i64,
        given: given.iter().take(SHOWN).map(person).collect(),
        missing: missing.iter().take(SHOWN).map(person).collect(),
        expiring_count: expiring.len() as i64,
        expiring: expiring
            .into_iter()
            .take(SHOWN)
            .map(|(d, id, name, skill)| Expiring {
                id,
                name,
                skill,
                until: long_date(t, d),
            })
            .collect(),
        trainee_count: trainees.len() as i64,
        trainees: trainees.into_iter().take(SHOWN).collect(),
        t,
        ui,
    };
    render(StatusCode::OK, &page)
}
