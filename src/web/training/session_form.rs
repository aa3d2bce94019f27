//! The session form: fields as typed, and their validation into
//! [`SessionFields`] (local date and times in the organising centre's zone
//! → UTC instants). Errors name the field and the problem.

use chrono::{Duration, NaiveDate, NaiveTime};
use serde::Deserialize;

use crate::db::training::SessionFields;
use crate::db::{centres, skills};
use crate::domain::localtime::resolve_local;
use crate::i18n::Tr;
use crate::web::admin::Errors;

/// Largest capacity accepted.
pub const MAX_CAPACITY: i32 = 500;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SessionInput {
    #[serde(default)]
    pub skill: String,
    #[serde(default)]
    pub centre: String,
    #[serde(default)]
    pub remote: Option<String>,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub end: String,
    #[serde(default)]
    pub trainer: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub grants: String,
}

fn time(raw: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M").ok()
}

/// Checks the form; `centres_allowed` are the centres the user may organise for.
pub fn validate(
    t: Tr,
    input: &SessionInput,
    skill_list: &[skills::Skill],
    centres_allowed: &[centres::Centre],
) -> Result<SessionFields, Errors> {
    let mut errors = Errors::default();
    let skill = input
        .skill
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|id| skill_list.iter().any(|s| s.id == *id));
    if skill.is_none() {
        errors.add("skill", t.t("training-error-skill"));
    }
    let centre = input
        .centre
        .trim()
        .parse::<i32>()
        .ok()
        .and_then(|id| centres_allowed.iter().find(|c| c.id == id));
    if centre.is_none() {
        errors.add("centre", t.t("training-error-centre"));
    }
    let date = NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d").ok();
    if date.is_none() {
        errors.add("date", t.t("training-error-date"));
    }
    let start = time(&input.start);
    if start.is_none() {
        errors.add("start", t.t("training-error-start"));
    }
    let end = time(&input.end);
    match (start, end) {
        (_, None) => errors.add("end", t.t("training-error-end")),
        (Some(s), Some(e)) if e <= s => errors.add("end", t.t("training-error-end-order")),
        _ => {}
    }
    let trainer = input.trainer.trim();
    if trainer.is_empty() || trainer.chars().count() > 120 {
        errors.add("trainer", t.t("training-error-trainer"));
    }
    let capacity = input
        .capacity
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|c| (1..=MAX_CAPACITY).contains(c));
    if capacity.is_none() {
        errors.add("capacity", t.t("training-error-capacity"));
    }
    let grants = match input.grants.trim() {
        "renew" => Some("renew"),
        "grant" => Some("grant"),
        _ => None,
    };
    if grants.is_none() {
        errors.add("grants", t.t("training-error-grants"));
    }
    match (skill, centre, date, start, end, capacity, grants) {
        (Some(skill_id), Some(c), Some(d), Some(s), Some(e), Some(capacity), Some(grants))
            if errors.is_empty() =>
        {
            let tz = super::tz_of(c);
            let start_utc = resolve_local(tz, d.and_time(s));
            let end_utc = resolve_local(tz, d.and_time(e)).max(start_utc + Duration::minutes(1));
            Ok(SessionFields {
                skill_id,
                centre_id: c.id,
                remote: input.remote.is_some(),
                start_utc: start_utc.naive_utc(),
                end_utc: end_utc.naive_utc(),
                trainer: trainer.to_string(),
                capacity,
                grants,
            })
        }
        _ => Err(errors),
    }
}

/// The form filled from a stored session (local times in the centre's zone).
pub fn input_of(s: &crate::db::training::SessionRow, tz: chrono_tz::Tz) -> SessionInput {
    let start = s.start_utc.and_utc().with_timezone(&tz);
    let end = s.end_utc.and_utc().with_timezone(&tz);
    SessionInput {
        skill: s.skill_id.to_string(),
        centre: s.centre_id.to_string(),
        remote: s.remote.then(|| "on".to_string()),
        date: start.format("%Y-%m-%d").to_string(),
        start: start.format("%H:%M").to_string(),
        end: end.format("%H:%M").to_string(),
        trainer: s.trainer.clone(),
        capacity: s.capacity.to_string(),
        grants: s.grants.clone(),
    }
}
