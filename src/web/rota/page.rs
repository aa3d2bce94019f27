//! `GET /plannings/{rota}`: the review page. Also rendered, with a status
//! and messages, when an adjustment is refused (422) or stale (409).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use super::{access, RotaAccess};
use crate::db::rotas::{self, Rota};
use crate::db::{centres, skills, DbConnection};
use crate::domain::frdate::{format_date, weekday_name};
use crate::i18n::{Lang, Tr};
use crate::rota::review::{self, Load, ShiftLine, TraineeDuty};
use crate::web::error::WebError;
use crate::web::extract::{CurrentUser, Ui};
use crate::web::render;
use crate::web::state::AppState;

pub struct CellView {
    pub text: String,
    pub level: &'static str,
    /// Accessible label: "lundi 9 h : 1 sur 2".
    pub label: String,
}

pub struct HourRow {
    pub label: String,
    pub cells: Vec<CellView>,
}

pub struct HeatmapView {
    pub code: String,
    pub name: String,
    pub days: Vec<String>,
    pub rows: Vec<HourRow>,
}

pub struct DayView {
    pub label: String,
    pub date: String,
    pub shifts: Vec<ShiftLine>,
}

pub struct LoadView {
    pub name: String,
    pub ext: String,
    pub hours: String,
    pub limit: String,
    pub shifts: String,
    pub percent: String,
    pub over: bool,
}

pub struct TraineeView {
    pub trainee: String,
    pub when: String,
    pub centre: String,
    pub skill: String,
    pub mentors: String,
    pub alone: bool,
}

#[derive(Template)]
#[template(path = "rota/review.html")]
pub struct ReviewPage {
    pub t: Tr,
    pub ui: Ui,
    pub rota: Rota,
    pub week_label: String,
    pub scope_label: String,
    pub status_label: String,
    pub is_draft: bool,
    pub can_publish: bool,
    pub alerts: Vec<String>,
    pub notice: Option<String>,
    pub report: Vec<(String, String)>,
    pub heatmaps: Vec<HeatmapView>,
    pub uncovered: Vec<String>,
    pub uncovered_minutes: i64,
    pub loads: Vec<LoadView>,
    pub trainees: Vec<TraineeView>,
    pub days: Vec<DayView>,
    pub centres: Vec<(String, String)>,
    pub skills: Vec<(String, String)>,
    pub volunteers: Vec<(String, String)>,
    pub versions: Vec<(i32, String)>,
    pub build_error: bool,
}

/// Hours as text: 90 → "1,5 h" / "1.5 h".
pub fn hours_text(lang: Lang, minutes: u64) -> String {
    let s = if minutes % 60 == 0 {
        (minutes / 60).to_string()
    } else {
        format!("{:.1}", minutes as f64 / 60.0)
    };
    match lang {
        Lang::Fr => format!("{} h", s.replace('.', ",")),
        Lang::En => format!("{s} h"),
    }
}

pub fn status_label(t: &Tr, status: &str) -> String {
    t.t(match status {
        "published" => "rota-status-published",
        "superseded" => "rota-status-superseded",
        _ => "rota-status-draft",
    })
}

/// The solver report's scalar fields (whatever the generator wrote).
fn report_rows(raw: Option<&str>) -> Vec<(String, String)> {
    let Some(v) = raw.and_then(|r| serde_json::from_str::<serde_json::Value>(r).ok()) else {
        return Vec::new();
    };
    let Some(map) = v.as_object() else {
        return Vec::new();
    };
    map.iter()
        .filter_map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some((k.clone(), text))
        })
        .collect()
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    fait: Option<String>,
}

pub async fn page(
    user: CurrentUser,
    ui: Ui,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let acc = access(&state, user.0, &path).await?;
    let notice = query.fait.as_deref().map(|k| {
        ui.t.t(match k {
            "publie" => "rota-done-publish",
            "copie" => "rota-done-copy",
            _ => "rota-done-change",
        })
    });
    show(&state, ui, acc, StatusCode::OK, Vec::new(), notice).await
}

/// Renders the review page of `acc` with `status` and messages.
pub async fn show(
    state: &AppState,
    ui: Ui,
    acc: RotaAccess,
    status: StatusCode,
    alerts: Vec<String>,
    notice: Option<String>,
) -> Result<HttpResponse, WebError> {
    let lang = ui.t.lang;
    let page = state
        .db(move |conn| build(conn, ui, acc, alerts, notice, lang))
        .await?;
    render(status, &page)
}

fn build(
    conn: &mut DbConnection,
    ui: Ui,
    acc: RotaAccess,
    alerts: Vec<String>,
    notice: Option<String>,
    lang: Lang,
) -> Result<ReviewPage, WebError> {
    let t = ui.t;
    let rota = acc.rota.clone();
    let visible = |c: i32| acc.sees(c);
    let (parts, build_error) = match review::load_parts(conn, &rota, None) {
        Ok(p) => (p, false),
        Err(crate::scenario_build::BuildError::Db(e)) => return Err(e.into()),
        Err(crate::scenario_build::BuildError::Invalid(m)) => {
            tracing::warn!(rota = rota.id, "rota review: problem not built: {m}");
            (Vec::new(), true)
        }
    };
    let centre_rows = centres::list(conn)?;
    let centre_name = |id: i32| {
        centre_rows
            .iter()
            .find(|c| c.id == id)
            .map_or_else(String::new, |c| c.code.clone())
    };
    let mut heatmaps = Vec::new();
    let mut uncovered = Vec::new();
    let mut uncovered_minutes = 0;
    let mut loads: Vec<Load> = Vec::new();
    let mut trainee_duties: Vec<(TraineeDuty, chrono_tz::Tz)> = Vec::new();
    let mut volunteers: BTreeMap<String, String> = BTreeMap::new();
    for part in &parts {
        let p = part.problem();
        for h in review::heatmaps(part, &visible) {
            heatmaps.push(heatmap_view(&t, &h));
        }
        for u in review::uncovered(part, &visible, lang) {
            uncovered_minutes += i64::try_from(u.minutes).unwrap_or(i64::MAX);
            uncovered.push(u.text);
        }
        loads.extend(review::loads(part, &visible));
        for d in review::trainees(part, &visible) {
            trainee_duties.push((d, p.timezone));
        }
        for v in &p.volunteers {
            if v.centres.iter().any(|&c| visible(part.built.centre_ids[c])) {
                volunteers.insert(v.id.clone(), v.name.clone());
            }
        }
    }
    let loads = loads
        .into_iter()
        .map(|l| LoadView {
            name: l.name.clone(),
            ext: l.external_id.clone(),
            hours: hours_text(lang, l.minutes),
            limit: l
                .max_minutes
                .map_or_else(|| "—".to_string(), |m| hours_text(lang, u64::from(m))),
            shifts: match l.max_shifts {
                Some(m) => format!("{} / {m}", l.shifts),
                None => l.shifts.to_string(),
            },
            percent: l.percent().map_or_else(|| "—".into(), |p| format!("{p} %")),
            over: l.over_limit(),
        })
        .collect();
    let trainees = trainee_duties
        .into_iter()
        .map(|(d, tz)| {
            let s = d.start.with_timezone(&tz);
            let e = d.end.with_timezone(&tz);
            TraineeView {
                trainee: d.trainee,
                when: format!(
                    "{} {}–{}",
                    format_date(lang, s.date_naive()),
                    s.format("%H:%M"),
                    e.format("%H:%M")
                ),
                centre: centre_name(d.centre_id),
                skill: d.skill,
                mentors: if d.mentors.is_empty() {
                    t.t("rota-no-mentor")
                } else {
                    d.mentors.join(", ")
                },
                alone: d.alone,
            }
        })
        .collect();
    let lines = review::shift_lines(conn, &rota, &visible, lang)?;
    let mut days: Vec<DayView> = Vec::new();
    for l in lines {
        if days.last().is_none_or(|d| d.date != l.date.to_string()) {
            days.push(DayView {
                label: format_date(lang, l.date),
                date: l.date.to_string(),
                shifts: Vec::new(),
            });
        }
        if let Some(d) = days.last_mut() {
            d.shifts.push(l);
        }
    }
    let skills = skills::list(conn)?
        .into_iter()
        .map(|s| {
            let name = match lang {
                Lang::Fr => s.name_fr,
                Lang::En => s.name_en,
            };
            (s.code, name)
        })
        .collect();
    let centres: Vec<(String, String)> = centre_rows
        .iter()
        .filter(|c| visible(c.id) && (rota.scope == "ALL" || rota.scope == c.code))
        .map(|c| (c.code.clone(), c.name.clone()))
        .collect();
    let versions = rotas::of_week(conn, rota.week_start)?
        .into_iter()
        .filter(|r| r.scope == rota.scope)
        .map(|r| {
            (
                r.id,
                format!("v{} — {}", r.version, status_label(&t, &r.status)),
            )
        })
        .collect();
    let week = review::week_of(&rota)
        .map(|w| w.to_string())
        .unwrap_or_else(|_| rota.week_start.to_string());
    Ok(ReviewPage {
        week_label: format!("{week} ({})", format_date(lang, rota.week_start)),
        scope_label: if rota.scope == "ALL" {
            t.t("rota-scope-all")
        } else {
            rota.scope.clone()
        },
        status_label: status_label(&t, &rota.status),
        is_draft: rota.status == "draft",
        can_publish: rota.status == "draft" && acc.owns_whole(),
        alerts,
        notice,
        report: report_rows(rota.solver_report.as_deref()),
        heatmaps,
        uncovered,
        uncovered_minutes,
        loads,
        trainees,
        days,
        centres,
        skills,
        volunteers: volunteers.into_iter().collect(),
        versions,
        build_error,
        rota,
        t,
        ui,
    })
}

fn heatmap_view(t: &Tr, h: &review::Heatmap) -> HeatmapView {
    let lang = t.lang;
    let day_name = |d: &NaiveDate| {
        use chrono::Datelike;
        format!(
            "{} {}",
            weekday_name(lang, d.weekday().num_days_from_monday()),
            d.day()
        )
    };
    let days: Vec<String> = h.days.iter().map(day_name).collect();
    let rows = (0..24)
        .map(|hour| HourRow {
            label: match lang {
                Lang::Fr => format!("{hour} h"),
                Lang::En => format!("{hour:02}:00"),
            },
            cells: h.cells[hour]
                .iter()
                .zip(&days)
                .map(|(c, day)| {
                    let text = if !c.exists {
                        "—".to_string()
                    } else if c.required == 0 {
                        if c.covered == 0 {
                            String::new()
                        } else {
                            c.covered.to_string()
                        }
                    } else {
                        format!("{}/{}", c.covered, c.required)
                    };
                    let label = t.args(
                        "rota-cell-label",
                        &[
                            ("day", day.as_str()),
                            ("hour", hour.to_string().as_str()),
                            ("covered", c.covered.to_string().as_str()),
                            ("required", c.required.to_string().as_str()),
                        ],
                    );
                    CellView {
                        text,
                        level: c.level(),
                        label,
                    }
                })
                .collect(),
        })
        .collect();
    HeatmapView {
        code: h.code.clone(),
        name: h.name.clone(),
        days,
        rows,
    }
}
