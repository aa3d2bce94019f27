//! `/centres/{code}/demande`: the demand editor. Per skill and weekday, an
//! hourly call profile (calls per hour, mean handling time) with, next to
//! each hour, the staff Erlang C asks for at the organisation's service
//! level; and the centre's fixed sessions (permanences, nights) with their
//! minimum staff. One transaction per save.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::demand_form::{self, Errors};
use super::{hhmm, skill_name, weekday_name};
use crate::db::{centres, demand, demand_edit, settings, skills, DbConnection};
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireCoordinator, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

pub struct HourRow {
    pub hour: i32,
    pub label: String,
    pub calls: String,
    pub aht: String,
    pub calls_error: Option<String>,
    pub aht_error: Option<String>,
    /// Erlang C staff, or "—".
    pub staff: String,
}

pub struct SessionRow {
    pub id: i32,
    pub weekday: String,
    pub start: String,
    pub end: String,
    pub next_day: bool,
    pub skill: String,
    pub required: i32,
}

#[derive(Template)]
#[template(path = "coord/demand.html")]
struct DemandPage {
    t: Tr,
    ui: Ui,
    code: String,
    centre_name: String,
    saved: bool,
    has_errors: bool,
    skills: Vec<(i32, String, String)>,
    skill_id: i32,
    skill_code: String,
    weekday: i32,
    weekdays: Vec<(i32, String)>,
    service_text: String,
    hours: Vec<HourRow>,
    sessions: Vec<SessionRow>,
    new_fields: HashMap<String, String>,
    new_errors: HashMap<String, String>,
}

impl DemandPage {
    fn value(&self, k: &str) -> String {
        self.new_fields.get(k).cloned().unwrap_or_default()
    }

    fn error(&self, k: &str) -> Option<String> {
        self.new_errors.get(k).cloned()
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    competence: Option<String>,
    jour: Option<String>,
    enregistre: Option<String>,
}

struct Data {
    skills: Vec<skills::Skill>,
    rows: Vec<demand::DemandRow>,
    templates: Vec<demand::TemplateRow>,
    settings: settings::OrgSettings,
}

impl Data {
    /// A fixed session: a weekly row with a minimum staff at the times of
    /// one of the centre's templates.
    fn is_session(&self, r: &demand::DemandRow) -> bool {
        r.required.is_some()
            && r.on_date.is_none()
            && r.start_utc.is_none()
            && self.templates.iter().any(|t| {
                t.on_date.is_none()
                    && t.weekday == r.weekday
                    && t.start_minute == r.start_minute
                    && t.end_minute == r.end_minute
            })
    }
}

async fn data(state: &AppState, centre_id: i32) -> Result<Data, WebError> {
    state
        .db(move |conn| {
            Ok(Data {
                skills: skills::list(conn)?,
                rows: demand::demand_of_centres(conn, &[centre_id])?,
                templates: demand::templates_of_centres(conn, &[centre_id])?,
                settings: settings::get(conn)?,
            })
        })
        .await
}

/// Erlang C staff for one hour, as a string ("—" when out of range).
pub fn staff(s: &settings::OrgSettings, calls: f64, aht: f64) -> String {
    solver::erlang::required_agents(
        calls,
        aht,
        s.service_level_target,
        f64::from(s.answer_within_seconds),
    )
    .map(|n| n.to_string())
    .unwrap_or_else(|| "—".into())
}

fn number_text(v: f64) -> String {
    let s = format!("{v}");
    s.replace('.', ",")
}

fn build(ui: Ui, coord: &RequireCoordinator, d: &Data, skill_id: i32, weekday: i32) -> DemandPage {
    let t = ui.t;
    let hours = (0..24)
        .map(|h| {
            let row = d.rows.iter().find(|r| {
                r.skill_id == skill_id
                    && r.weekday == weekday
                    && r.on_date.is_none()
                    && r.start_utc.is_none()
                    && r.required.is_none()
                    && r.start_minute <= h * 60
                    && h * 60 < r.end_minute
            });
            let (calls, aht) = row
                .and_then(|r| Some((r.calls_per_hour?, r.aht_minutes?)))
                .unzip();
            HourRow {
                hour: h,
                label: format!("{}–{}", hhmm(h * 60), hhmm(h * 60 + 60)),
                calls: calls.map(number_text).unwrap_or_default(),
                aht: aht.map(number_text).unwrap_or_default(),
                calls_error: None,
                aht_error: None,
                staff: match (calls, aht) {
                    (Some(c), Some(a)) => staff(&d.settings, c, a),
                    _ => explicit(d, skill_id, weekday, h)
                        .map(|n| t.args("coord-staff-fixed", &[("count", n.to_string().as_str())]))
                        .unwrap_or_else(|| "0".into()),
                },
            }
        })
        .collect();
    let skill = |id: i32| {
        d.skills
            .iter()
            .find(|s| s.id == id)
            .map(|s| skill_name(t, s))
            .unwrap_or_default()
    };
    let sessions = d
        .rows
        .iter()
        .filter(|r| d.is_session(r))
        .map(|r| SessionRow {
            id: r.id,
            weekday: weekday_name(t, r.weekday),
            start: hhmm(r.start_minute),
            end: hhmm(r.end_minute),
            next_day: r.end_minute > 1440,
            skill: skill(r.skill_id),
            required: r.required.unwrap_or(0),
        })
        .collect();
    let percent = (d.settings.service_level_target * 100.0)
        .round()
        .to_string();
    DemandPage {
        code: coord.centre.code.clone(),
        centre_name: coord.centre.name.clone(),
        saved: false,
        has_errors: false,
        skills: d
            .skills
            .iter()
            .map(|s| (s.id, s.code.clone(), skill_name(t, s)))
            .collect(),
        skill_id,
        skill_code: d
            .skills
            .iter()
            .find(|s| s.id == skill_id)
            .map(|s| s.code.clone())
            .unwrap_or_default(),
        weekday,
        weekdays: (0..7).map(|i| (i, weekday_name(t, i))).collect(),
        service_text: t.args(
            "coord-demand-service",
            &[
                ("percent", percent.as_str()),
                (
                    "seconds",
                    d.settings.answer_within_seconds.to_string().as_str(),
                ),
            ],
        ),
        hours,
        sessions,
        new_fields: HashMap::new(),
        new_errors: HashMap::new(),
        t,
        ui,
    }
}

/// Explicit staff (a weekly row with `required`, not a session) covering
/// hour `h` of the weekday, summed over rows.
fn explicit(d: &Data, skill_id: i32, weekday: i32, h: i32) -> Option<i32> {
    let rows: Vec<i32> = d
        .rows
        .iter()
        .filter(|r| {
            r.skill_id == skill_id
                && r.weekday == weekday
                && r.on_date.is_none()
                && r.start_utc.is_none()
                && r.start_minute <= h * 60
                && h * 60 < r.end_minute
                && !d.is_session(r)
        })
        .filter_map(|r| r.required)
        .collect();
    (!rows.is_empty()).then(|| rows.iter().sum())
}

fn choose(d: &Data, competence: Option<&str>, jour: Option<&str>) -> (i32, i32) {
    let skill = competence
        .and_then(|c| {
            d.skills
                .iter()
                .find(|s| s.code == c || s.id.to_string() == c)
        })
        .or(d.skills.first())
        .map(|s| s.id)
        .unwrap_or(0);
    let day = jour
        .and_then(|j| j.trim().parse::<i32>().ok())
        .filter(|j| (0..7).contains(j))
        .unwrap_or(0);
    (skill, day)
}

/// GET `/centres/{centre}/demande`.
pub async fn page(
    ui: Ui,
    coord: RequireCoordinator,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let d = data(&state, coord.centre.id).await?;
    let (skill, day) = choose(&d, query.competence.as_deref(), query.jour.as_deref());
    let mut page = build(ui, &coord, &d, skill, day);
    page.saved = query.enregistre.is_some();
    render(StatusCode::OK, &page)
}

fn getter(form: &[(String, String)]) -> impl Fn(&str) -> String + '_ {
    move |k: &str| {
        form.iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }
}

/// POST `/centres/{centre}/demande`: saves one skill and weekday's profile.
pub async fn save_profile(
    ui: Ui,
    coord: RequireCoordinator,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let get = getter(&form);
    let d = data(&state, coord.centre.id).await?;
    let (skill, day) = choose(&d, Some(&get("competence")), Some(&get("jour")));
    if skill == 0 || get("competence").is_empty() || get("jour").is_empty() {
        return Err(WebError::BadRequest);
    }
    match demand_form::hours(ui.t, &get) {
        Err(errs) => {
            let mut page = build(ui, &coord, &d, skill, day);
            page.has_errors = true;
            for row in &mut page.hours {
                row.calls = get(&format!("calls_{}", row.hour));
                row.aht = get(&format!("aht_{}", row.hour));
                row.calls_error = errs.get(&format!("calls_{}", row.hour)).cloned();
                row.aht_error = errs.get(&format!("aht_{}", row.hour)).cloned();
                row.staff = "—".into();
            }
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Ok(hours) => {
            let centre_id = coord.centre.id;
            let days = if get("tous_les_jours").is_empty() {
                day..day + 1
            } else {
                0..7
            };
            state
                .db(move |conn: &mut DbConnection| {
                    conn.write_transaction::<_, diesel::result::Error, _>(|conn| {
                        for d in days {
                            demand_edit::replace_profile(conn, centre_id, skill, d, &hours)?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })
                .await?;
            let code = d
                .skills
                .iter()
                .find(|s| s.id == skill)
                .map(|s| s.code.clone())
                .unwrap_or_default();
            Ok(see_other(&format!(
                "/centres/{}/demande?competence={}&jour={day}&enregistre=1",
                coord.centre.code,
                urlencoding::encode(&code)
            )))
        }
    }
}

/// POST `/centres/{centre}/demande/sessions`: removes the ticked sessions
/// and adds the new one, in one transaction.
pub async fn save_sessions(
    ui: Ui,
    coord: RequireCoordinator,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let get = getter(&form);
    let d = data(&state, coord.centre.id).await?;
    let (skill, day) = choose(&d, Some(&get("competence")), Some(&get("jour")));
    let skill_ids: Vec<i32> = d.skills.iter().map(|s| s.id).collect();
    let new = match demand_form::session(ui.t, &get, &skill_ids) {
        Ok(s) => s,
        Err(errs) => return session_errors(ui, &coord, &d, skill, day, &form, errs),
    };
    let remove: Vec<i32> = d
        .rows
        .iter()
        .filter(|r| d.is_session(r) && !get(&format!("s{}_remove", r.id)).is_empty())
        .map(|r| r.id)
        .collect();
    let centre = coord.centre.clone();
    state
        .db(move |conn: &mut DbConnection| {
            conn.write_transaction::<_, diesel::result::Error, _>(|conn| {
                for id in &remove {
                    demand_edit::remove_session(conn, centre.id, *id)?;
                }
                if let Some(s) = &new {
                    demand_edit::add_session(conn, centre.id, s)?;
                }
                let fixed = !demand::templates_of_centres(conn, &[centre.id])?.is_empty();
                centres::upsert(conn, &centre.code, &centre.name, &centre.timezone, fixed)?;
                Ok(())
            })?;
            Ok(())
        })
        .await?;
    Ok(see_other(&format!(
        "/centres/{}/demande?jour={day}&enregistre=1#sessions",
        coord.centre.code
    )))
}

fn session_errors(
    ui: Ui,
    coord: &RequireCoordinator,
    d: &Data,
    skill: i32,
    day: i32,
    form: &[(String, String)],
    errs: Errors,
) -> Result<HttpResponse, WebError> {
    let mut page = build(ui, coord, d, skill, day);
    page.has_errors = true;
    page.new_fields = form
        .iter()
        .filter(|(k, _)| k.starts_with("new_"))
        .cloned()
        .collect();
    page.new_errors = errs;
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}
