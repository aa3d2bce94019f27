//! GET `/formation`: my qualifications with their validity (what expires
//! within 60 days is flagged in words), and my trainee progress in mentored
//! hours from published rotas.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::NaiveDate;

use super::{home_tz, today_in, RequireVolunteer};
use crate::db::now_utc;
use crate::db::volunteer_self::{self, OwnQualification};
use crate::domain::frdate;
use crate::i18n::{Lang, Tr};
use crate::web::error::WebError;
use crate::web::extract::Ui;
use crate::web::render;
use crate::web::state::AppState;

/// Qualifications expiring within this many days are flagged.
pub const EXPIRING_DAYS: i64 = 60;

/// Validity of one qualification on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    NoExpiry,
    Valid {
        until: NaiveDate,
    },
    /// Expires within [`EXPIRING_DAYS`]; `days` left (0 = last day today).
    Expiring {
        until: NaiveDate,
        days: i64,
    },
    Expired {
        until: NaiveDate,
    },
}

impl Validity {
    /// `valid_until` is the last valid day.
    pub fn of(valid_until: Option<NaiveDate>, today: NaiveDate) -> Validity {
        match valid_until {
            None => Validity::NoExpiry,
            Some(until) if until < today => Validity::Expired { until },
            Some(until) => {
                let days = (until - today).num_days();
                if days <= EXPIRING_DAYS {
                    Validity::Expiring { until, days }
                } else {
                    Validity::Valid { until }
                }
            }
        }
    }

    /// The words shown: "valable jusqu'au mardi 8 décembre 2026 (expire dans 10 jours)".
    pub fn text(self, t: Tr) -> String {
        let date = |d: NaiveDate| frdate::format_date(t.lang, d);
        match self {
            Validity::NoExpiry => t.t("training-no-expiry"),
            Validity::Valid { until } => t.args("training-valid-until", &[("date", &date(until))]),
            Validity::Expiring { until, days } => {
                let left = if days == 0 {
                    t.t("training-expires-today")
                } else {
                    t.count("training-expires-in", days)
                };
                format!(
                    "{} ({left})",
                    t.args("training-valid-until", &[("date", &date(until))])
                )
            }
            Validity::Expired { until } => t.args("training-expired", &[("date", &date(until))]),
        }
    }
}

pub struct QualificationView {
    pub name: String,
    pub validity: String,
    pub obtained: Option<String>,
    /// "", "expiring" or "expired" (CSS class; the words say it too).
    pub class: &'static str,
    pub tag: Option<String>,
}

pub struct TrainingView {
    pub skill_id: i32,
    pub name: String,
    pub done_hours: String,
    pub target_hours: String,
    pub done_minutes: i64,
    pub target_minutes: i64,
    pub planned: Option<String>,
    pub started: Option<String>,
}

#[derive(Template)]
#[template(path = "volunteer_training.html")]
struct TrainingPage {
    t: Tr,
    ui: Ui,
    qualifications: Vec<QualificationView>,
    expiring_summary: Option<String>,
    trainings: Vec<TrainingView>,
}

fn skill_name(lang: Lang, fr: &str, en: &str) -> String {
    match lang {
        Lang::En if !en.is_empty() => en.to_string(),
        _ => fr.to_string(),
    }
}

fn hours(minutes: i64) -> String {
    if minutes % 60 == 0 {
        (minutes / 60).to_string()
    } else {
        format!("{:.1}", minutes as f64 / 60.0).replace('.', ",")
    }
}

fn qualification_view(t: Tr, q: &OwnQualification, today: NaiveDate) -> QualificationView {
    let v = Validity::of(q.valid_until, today);
    let (class, tag) = match v {
        Validity::Expiring { .. } => ("expiring", Some(t.t("training-expiring-tag"))),
        Validity::Expired { .. } => ("expired", Some(t.t("training-expired-tag"))),
        _ => ("", None),
    };
    QualificationView {
        name: skill_name(t.lang, &q.name_fr, &q.name_en),
        validity: v.text(t),
        obtained: q.obtained_on.map(|d| {
            t.args(
                "training-obtained",
                &[("date", &frdate::format_date(t.lang, d))],
            )
        }),
        class,
        tag,
    }
}

/// GET `/formation`.
pub async fn page(
    ui: Ui,
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let vid = volunteer.volunteer_id;
    let (tz, quals, trainings, shifts) = state
        .db(move |conn| {
            Ok((
                home_tz(conn, vid)?,
                volunteer_self::qualifications_of(conn, vid)?,
                volunteer_self::trainings_of(conn, vid)?,
                volunteer_self::published_trainee_shifts(conn, vid)?,
            ))
        })
        .await?;
    let today = today_in(tz);
    let now = now_utc();
    let qualifications: Vec<QualificationView> = quals
        .iter()
        .map(|q| qualification_view(t, q, today))
        .collect();
    let expiring = qualifications
        .iter()
        .filter(|q| q.class == "expiring")
        .count() as i64;
    let trainings = trainings
        .into_iter()
        .map(|tr| {
            let mine = shifts.iter().filter(|s| s.0 == tr.skill_id);
            let (mut done, mut planned) = (0i64, 0i64);
            for (_, s, e) in mine {
                let minutes = (*e - *s).num_minutes().max(0);
                if *e <= now {
                    done += minutes;
                } else {
                    planned += minutes;
                }
            }
            let target = i64::from(tr.target_mentored_minutes.max(0));
            TrainingView {
                skill_id: tr.skill_id,
                name: skill_name(t.lang, &tr.name_fr, &tr.name_en),
                done_hours: hours(done),
                target_hours: hours(target),
                done_minutes: done.min(target.max(done)),
                target_minutes: target.max(1),
                planned: (planned > 0).then(|| t.count("training-planned", planned / 60)),
                started: tr.started_on.map(|d| {
                    t.args(
                        "training-started",
                        &[("date", &frdate::format_date(t.lang, d))],
                    )
                }),
            }
        })
        .collect();
    let page = TrainingPage {
        t,
        ui,
        expiring_summary: (expiring > 0).then(|| t.count("training-expiring-summary", expiring)),
        qualifications,
        trainings,
    };
    render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn validity_reads_in_french() {
        let t = Tr::new(Lang::Fr);
        let today = d(2026, 11, 15);
        assert_eq!(
            Validity::of(Some(d(2027, 12, 8)), today).text(t),
            "valable jusqu'au mercredi 8 décembre 2027"
        );
        assert_eq!(
            Validity::of(Some(d(2026, 12, 8)), today).text(t),
            "valable jusqu'au mardi 8 décembre 2026 (expire dans 23 jours)"
        );
        assert_eq!(
            Validity::of(Some(d(2026, 11, 16)), today).text(t),
            "valable jusqu'au lundi 16 novembre 2026 (expire dans 1 jour)"
        );
        assert_eq!(
            Validity::of(Some(d(2026, 11, 1)), today).text(t),
            "expirée (valable jusqu'au dimanche 1er novembre 2026)"
        );
        assert_eq!(Validity::of(None, today).text(t), "sans date d'expiration");
        assert!(matches!(
            Validity::of(Some(d(2027, 1, 14)), today),
            Validity::Expiring { days: 60, .. }
        ));
        assert!(matches!(
            Validity::of(Some(d(2027, 1, 15)), today),
            Validity::Valid { .. }
        ));
    }
}
