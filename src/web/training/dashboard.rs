//! `/centres/{centre}/formation`: the coordinator's training dashboard —
//! qualifications expiring this quarter (and already expired), the centre's
//! sessions with their fill rate, trainees' progress along their path
//! (mentored minutes from published rotas) with the sign-off button; CSV
//! export (`;`, UTF-8 BOM) and `POST …/formation/validation` (sign-off).

use std::collections::{HashMap, HashSet};

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::{Datelike, NaiveDate};

use super::{skill_label, tz_of, views, SessionView};
use crate::db::{audit, centres, coord, skills, training as q, training_catalogue, DbConnection};
use crate::domain::frdate;
use crate::domain::training_status::{
    mentored_minutes, renewed_until, QualStatus, TraineeFacts, TraineeProgress,
};
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireCoordinator, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

pub struct ExpiringRow {
    pub volunteer_id: i32,
    pub name: String,
    pub skill: String,
    pub until: NaiveDate,
    pub until_text: String,
    pub state: String,
    pub key: &'static str,
}

pub struct TraineeRowView {
    pub volunteer_id: i32,
    pub skill_id: i32,
    pub name: String,
    pub skill: String,
    pub done: i64,
    pub target: i64,
    pub next: String,
    pub can_sign: bool,
}

pub struct SessionFill {
    pub view: SessionView,
    pub rate: i64,
}

pub struct Dashboard {
    pub quarter_end: NaiveDate,
    pub expiring: Vec<ExpiringRow>,
    pub trainees: Vec<TraineeRowView>,
    pub sessions: Vec<SessionFill>,
}

#[derive(Template)]
#[template(path = "training/dashboard.html")]
struct DashboardPage {
    t: Tr,
    ui: Ui,
    code: String,
    centre_name: String,
    quarter_text: String,
    d: Dashboard,
    signed: bool,
}

/// Last day of the calendar quarter containing `d`.
pub fn quarter_end(d: NaiveDate) -> NaiveDate {
    let q_last_month = ((d.month() - 1) / 3) * 3 + 3;
    let (y, m) = if q_last_month == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), q_last_month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|x| x.pred_opt())
        .unwrap_or(d)
}

/// Everything the dashboard and its CSV show, on `today` (centre's calendar).
pub fn load(
    conn: &mut DbConnection,
    t: Tr,
    centre: &centres::Centre,
    today: NaiveDate,
) -> Result<Dashboard, WebError> {
    let qend = quarter_end(today);
    let roster = coord::roster(conn, centre.id, today, today)?;
    let skill_list = skills::list(conn)?;
    let skill = |id: i32| {
        skill_list
            .iter()
            .find(|s| s.id == id)
            .map(|s| skill_label(t, s))
            .unwrap_or_default()
    };
    let mut expiring = Vec::new();
    for e in roster.iter().filter(|e| e.volunteer.status == "active") {
        for qrow in &e.quals {
            let Some(until) = qrow.valid_until else {
                continue;
            };
            if until > qend {
                continue;
            }
            let st = QualStatus::of(Some(until), today, (qend - today).num_days());
            expiring.push(ExpiringRow {
                volunteer_id: e.volunteer.id,
                name: e.name.clone(),
                skill: skill(qrow.skill_id),
                until,
                until_text: frdate::format_date(t.lang, until),
                state: t.t(&format!("training-qual-{}", st.key())),
                key: st.key(),
            });
        }
    }
    expiring.sort_by(|a, b| (a.until, &a.name).cmp(&(b.until, &b.name)));

    let all_centres: Vec<i32> = centres::list(conn)?.iter().map(|c| c.id).collect();
    let shifts = q::published_shifts_at(conn, &all_centres)?;
    let attended: HashSet<(i32, i32)> = q::courses_attended(conn)?.into_iter().collect();
    let signed: HashSet<(i32, i32)> = q::signoffs(conn)?.into_iter().collect();
    let mut paths: HashMap<i32, Vec<_>> = HashMap::new();
    for s in training_catalogue::all_steps(conn)? {
        if let Some(step) = s.step() {
            paths.entry(s.skill_id).or_default().push(step);
        }
    }
    let now = chrono::Utc::now();
    let mut trainees = Vec::new();
    for e in roster.iter().filter(|e| e.volunteer.status == "active") {
        for tr in &e.trainees {
            let facts = TraineeFacts {
                course_attended: attended.contains(&(e.volunteer.id, tr.skill_id)),
                mentored_done: mentored_minutes(&shifts, e.volunteer.id, tr.skill_id, now),
                target_minutes: i64::from(tr.target_mentored_minutes.max(0)),
                signed_off: signed.contains(&(e.volunteer.id, tr.skill_id)),
            };
            let path = paths.get(&tr.skill_id).map_or(&[][..], Vec::as_slice);
            let p = TraineeProgress::of(path, facts);
            trainees.push(TraineeRowView {
                volunteer_id: e.volunteer.id,
                skill_id: tr.skill_id,
                name: e.name.clone(),
                skill: skill(tr.skill_id),
                done: p.mentored_done,
                target: p.mentored_target,
                next: t.t(&format!(
                    "training-step-{}",
                    p.next.map_or("done", |s| s.kind())
                )),
                can_sign: p.ready_for_signoff() || p.next.is_none(),
            });
        }
    }
    let rows: Vec<_> = q::sessions_of(conn, Some(&[centre.id]))?;
    let sessions = views(conn, t, &rows)?
        .into_iter()
        .map(|v| SessionFill {
            rate: if v.capacity > 0 {
                v.seats_used * 100 / i64::from(v.capacity)
            } else {
                0
            },
            view: v,
        })
        .collect();
    Ok(Dashboard {
        quarter_end: qend,
        expiring,
        trainees,
        sessions,
    })
}

fn today_at(c: &centres::Centre) -> NaiveDate {
    chrono::Utc::now().with_timezone(&tz_of(c)).date_naive()
}

#[derive(Debug, serde::Deserialize)]
pub struct SignedQuery {
    #[serde(default)]
    valide: Option<String>,
}

/// GET `/centres/{centre}/formation`.
pub async fn page(
    ui: Ui,
    coord: RequireCoordinator,
    state: web::Data<AppState>,
    query: web::Query<SignedQuery>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let centre = coord.centre.clone();
    let today = today_at(&centre);
    let d = state.db(move |conn| load(conn, t, &centre, today)).await?;
    let page = DashboardPage {
        t,
        ui,
        code: coord.centre.code.clone(),
        centre_name: coord.centre.name.clone(),
        quarter_text: t.args(
            "training-quarter",
            &[("date", &frdate::format_date(t.lang, d.quarter_end))],
        ),
        d,
        signed: query.valide.is_some(),
    };
    render(StatusCode::OK, &page)
}

/// GET `/centres/{centre}/formation.csv`.
pub async fn export(
    ui: Ui,
    coord: RequireCoordinator,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let centre = coord.centre.clone();
    let today = today_at(&centre);
    let d = state.db(move |conn| load(conn, t, &centre, today)).await?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let header_row = [
        t.t("training-csv-kind"),
        t.t("coord-col-name"),
        t.t("training-field-skill"),
        t.t("training-col-status"),
        t.t("training-csv-until"),
        t.t("training-csv-done"),
        t.t("training-csv-target"),
    ];
    let csv_err = |e: csv::Error| WebError::Internal(e.into());
    w.write_record(&header_row).map_err(csv_err)?;
    for e in &d.expiring {
        w.write_record([
            t.t("training-csv-kind-qualification"),
            e.name.clone(),
            e.skill.clone(),
            e.state.clone(),
            e.until.to_string(),
            String::new(),
            String::new(),
        ])
        .map_err(csv_err)?;
    }
    for tr in &d.trainees {
        w.write_record([
            t.t("training-csv-kind-trainee"),
            tr.name.clone(),
            tr.skill.clone(),
            tr.next.clone(),
            String::new(),
            tr.done.to_string(),
            tr.target.to_string(),
        ])
        .map_err(csv_err)?;
    }
    let body = w
        .into_inner()
        .map_err(|e| WebError::Internal(anyhow::anyhow!("csv: {e}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"formation-{}.csv\"",
                coord.centre.code
            ),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

#[derive(Debug, serde::Deserialize)]
pub struct SignForm {
    #[serde(default)]
    volunteer_id: String,
    #[serde(default)]
    skill_id: String,
}

/// POST `/centres/{centre}/formation/validation`: the coordinator signs a
/// trainee off — the qualification is granted from today (validity of the
/// skill) and the trainee record ends.
pub async fn sign_off(
    coord: RequireCoordinator,
    state: web::Data<AppState>,
    form: web::Form<SignForm>,
) -> Result<HttpResponse, WebError> {
    let vid: i32 = form
        .volunteer_id
        .trim()
        .parse()
        .map_err(|_| WebError::BadRequest)?;
    let sid: i32 = form
        .skill_id
        .trim()
        .parse()
        .map_err(|_| WebError::BadRequest)?;
    let centre = coord.centre.clone();
    let actor = coord.user.id;
    let today = today_at(&centre);
    state
        .db(move |conn| {
            let roster = coord::roster(conn, centre.id, today, today)?;
            let is_trainee = roster
                .iter()
                .any(|e| e.volunteer.id == vid && e.trainees.iter().any(|t| t.skill_id == sid));
            if !is_trainee {
                return Err(WebError::NotFound);
            }
            let validity = skills::list(conn)?
                .into_iter()
                .find(|s| s.id == sid)
                .and_then(|s| s.validity_months);
            conn.write_transaction(|c| {
                let until = renewed_until(today, validity);
                q::record_signoff(c, vid, sid, actor, today)?;
                q::set_qualification(c, vid, sid, today, until)?;
                q::end_trainee(c, vid, sid)?;
                audit::record(
                    c,
                    &audit::Event {
                        actor: Some(actor),
                        action: "training.signoff",
                        target_kind: "volunteer",
                        target_id: Some(vid.to_string()),
                        centre_id: Some(centre.id),
                        details: Some(format!("skill={sid}")),
                    },
                )
            })?;
            Ok(())
        })
        .await?;
    Ok(see_other(&format!(
        "/centres/{}/formation?valide=1",
        coord.centre.code
    )))
}
