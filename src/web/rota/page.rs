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

/// A centre in the review page's centre filter.
pub struct CentreNav {
    pub code: String,
    pub name: String,
    /// Uncovered time at the centre, as text ("0 h" when covered).
    pub uncovered: String,
    pub current: bool,
}

/// Above this many centres, the review page of a multi-centre rota opens on
/// a summary (coverage per centre, the uncovered list) and shows heatmaps,
/// loads and shifts for the centre picked (or all, on request): the whole
/// national week is megabytes of forms.
pub const SUMMARY_ABOVE_CENTRES: usize = 6;

/// Which centres the detailed sections show.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Focus {
    All,
    One(i32),
    Summary,
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
    /// The centre filter (empty for a one-centre rota).
    pub centre_nav: Vec<CentreNav>,
    /// "All centres" is the current choice of the filter.
    pub focus_all: bool,
    /// No centre picked yet: the detailed sections are left out.
    pub summary_only: bool,
    /// The filter's value, carried by the edit forms (`focus`).
    pub focus_code: String,
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
    /// A centre code, or `ALL`: which centres the detailed sections show.
    centre: Option<String>,
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
    let focus = query.into_inner().centre;
    show(&state, ui, acc, StatusCode::OK, Vec::new(), notice, focus).await
}

/// Renders the review page of `acc` with `status` and messages; `focus` is
/// the centre filter (a centre code or `ALL`; `None`: the default view).
pub async fn show(
    state: &AppState,
    ui: Ui,
    acc: RotaAccess,
    status: StatusCode,
    alerts: Vec<String>,
    notice: Option<String>,
    focus: Option<String>,
) -> Result<HttpResponse, WebError> {
    let lang = ui.t.lang;
    let page = state
        .db(move |conn| build(conn, ui, acc, alerts, notice, focus, lang))
        .await?;
    render(status, &page)
}

fn build(
    conn: &mut DbConnection,
    ui: Ui,
    acc: RotaAccess,
    alerts: Vec<String>,
    notice: Option<String>,
    focus: Option<String>,
    lang: Lang,
) -> Result<ReviewPage, WebError> {
    let t = ui.t;
    let rota = acc.rota.clone();
    let visible = |c: i32| acc.sees(c);
    let centre_rows = centres::list(conn)?;
    // The rota's centres this user sees.
    let shown: Vec<&centres::Centre> = centre_rows
        .iter()
        .filter(|c| visible(c.id) && (rota.scope == "ALL" || rota.scope == c.code))
        .collect();
    let picked = focus.as_deref().map(str::trim);
    let focus = match (
        picked,
        picked.and_then(|p| shown.iter().find(|c| c.code == p)),
    ) {
        (Some("ALL"), _) => Focus::All,
        (_, Some(c)) => Focus::One(c.id),
        _ if shown.len() > SUMMARY_ABOVE_CENTRES => Focus::Summary,
        _ => Focus::All,
    };
    // Centres of the detailed sections (heatmaps, uncovered list, loads,
    // trainees, shifts).
    let detail = |c: i32| {
        visible(c)
            && match focus {
                Focus::All => true,
                Focus::One(id) => c == id,
                Focus::Summary => false,
            }
    };
    let listed = |c: i32| focus == Focus::Summary || detail(c);
    let (parts, build_error) = match review::load_parts(conn, &rota, None) {
        Ok(p) => (p, false),
        Err(crate::scenario_build::BuildError::Db(e)) => return Err(e.into()),
        Err(crate::scenario_build::BuildError::Invalid(m)) => {
            tracing::warn!(rota = rota.id, "rota review: problem not built: {m}");
            (Vec::new(), true)
        }
    };
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
    let mut uncovered_by_centre: BTreeMap<i32, u64> = BTreeMap::new();
    for part in &parts {
        let p = part.problem();
        for h in review::heatmaps(part, &detail) {
            heatmaps.push(heatmap_view(&t, &h));
        }
        for u in review::uncovered(part, &visible, lang) {
            *uncovered_by_centre.entry(u.centre_id).or_default() += u.minutes;
            if listed(u.centre_id) {
                uncovered_minutes += i64::try_from(u.minutes).unwrap_or(i64::MAX);
                uncovered.push(u.text);
            }
        }
        loads.extend(review::loads(part, &detail));
        for d in review::trainees(part, &detail) {
            trainee_duties.push((d, p.timezone));
        }
        for v in &p.volunteers {
            if v.centres.iter().any(|&c| detail(part.built.centre_ids[c])) {
                volunteers.insert(v.id.clone(), v.name.clone());
            }
        }
    }
    let centre_nav: Vec<CentreNav> = if shown.len() > 1 {
        shown
            .iter()
            .map(|c| CentreNav {
                code: c.code.clone(),
                name: c.name.clone(),
                uncovered: hours_text(lang, uncovered_by_centre.get(&c.id).copied().unwrap_or(0)),
                current: focus == Focus::One(c.id),
            })
            .collect()
    } else {
        Vec::new()
    };
    let focus_code = match focus {
        Focus::All if shown.len() > 1 => "ALL".to_string(),
        Focus::One(id) => shown
            .iter()
            .find(|c| c.id == id)
            .map_or_else(String::new, |c| c.code.clone()),
        _ => String::new(),
    };
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
    let lines = review::shift_lines(conn, &rota, &detail, lang)?;
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
    let centres: Vec<(String, String)> = shown
        .iter()
        .filter(|c| detail(c.id))
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
        focus_all: focus == Focus::All && !centre_nav.is_empty(),
        summary_only: focus == Focus::Summary,
        centre_nav,
        focus_code,
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
