//! Parsing and validation of the volunteer-record form (and the small
//! parsers the CSV import shares): every field yields a value or a French
//! message shown next to it; nothing is written unless all are valid.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::csvfile::default_valid_until;
use crate::db::coord::{QualInput, RecordUpdate, RosterEntry, TraineeInput};
use crate::db::skills::Skill;
use crate::i18n::Tr;

/// `AAAA-MM-JJ` (date inputs) or `JJ/MM/AAAA`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .ok()
}

/// Not a number of hours in the allowed range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidHours;

/// Hours ("2,5" or "2.5") as minutes: `Ok(None)` when empty, `Err` when not
/// a number in `0..=max_hours`.
pub fn parse_hours(s: &str, max_hours: f64) -> Result<Option<i32>, InvalidHours> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let h: f64 = s.replace(',', ".").parse().map_err(|_| InvalidHours)?;
    if !h.is_finite() || !(0.0..=max_hours).contains(&h) {
        return Err(InvalidHours);
    }
    Ok(Some((h * 60.0).round() as i32))
}

/// A submitted form, field → value (the last value wins).
#[derive(Debug, Default)]
pub struct FormData(HashMap<String, String>);

impl FormData {
    pub fn new(pairs: Vec<(String, String)>) -> FormData {
        FormData(pairs.into_iter().collect())
    }

    pub fn get(&self, k: &str) -> String {
        self.0
            .get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    }

    pub fn has(&self, k: &str) -> bool {
        self.0.contains_key(k)
    }
}

/// Field name → French (or English) message.
pub type Errors = HashMap<String, String>;

/// What the form is checked against.
pub struct Context<'a> {
    pub current: &'a RosterEntry,
    /// The volunteer's centres, home first.
    pub current_centres: &'a [i32],
    /// Every centre id, in display order.
    pub all_centres: &'a [i32],
    /// Centres the viewer may add or remove.
    pub centres_allowed: &'a dyn Fn(i32) -> bool,
    pub skills: &'a [Skill],
    pub today: NaiveDate,
}

/// Validates the form against the stored record.
pub fn validate(t: Tr, f: &FormData, cx: &Context<'_>) -> Result<RecordUpdate, Errors> {
    let Context {
        current,
        current_centres,
        all_centres,
        centres_allowed,
        skills,
        today,
    } = *cx;
    let mut errs = Errors::new();
    let mut err = |field: &str, id: &str| {
        errs.entry(field.to_string()).or_insert_with(|| t.t(id));
    };
    let max_minutes_week = parse_hours(&f.get("max_hours_week"), 168.0).unwrap_or_else(|_| {
        err("max_hours_week", "coord-err-hours-week");
        None
    });
    let min_minutes_month = parse_hours(&f.get("min_hours_month"), 744.0).unwrap_or_else(|_| {
        err("min_hours_month", "coord-err-hours-month");
        None
    });
    let shifts = f.get("max_shifts_week");
    let max_shifts_week = if shifts.is_empty() {
        None
    } else {
        match shifts.parse::<i32>() {
            Ok(n) if (0..=50).contains(&n) => Some(n),
            _ => {
                err("max_shifts_week", "coord-err-shifts");
                None
            }
        }
    };
    let status = f.get("status");
    if !["active", "paused", "left"].contains(&status.as_str()) {
        err("status", "coord-err-status");
    }
    let left_raw = f.get("left_on");
    let left_on = if status == "left" {
        match parse_date(&left_raw) {
            Some(d) => Some(d),
            None => {
                err("left_on", "coord-err-left-on");
                None
            }
        }
    } else {
        None
    };

    let skill_of = |id: i32| skills.iter().find(|s| s.id == id);
    let mut quals: Vec<QualInput> = Vec::new();
    for q in &current.quals {
        if f.has(&format!("q{}_remove", q.id)) {
            continue;
        }
        let Some(skill) = skill_of(q.skill_id) else {
            continue;
        };
        let (o, u) = (
            format!("q{}_obtained_on", q.id),
            format!("q{}_valid_until", q.id),
        );
        if let Some(qi) = qual_dates(&mut err, f, &o, &u, skill, None) {
            quals.push(QualInput {
                skill_id: q.skill_id,
                ..qi
            });
        }
    }
    let new_skill = f.get("new_skill");
    if !new_skill.is_empty() {
        match new_skill.parse::<i32>().ok().and_then(skill_of) {
            None => err("new_skill", "coord-err-skill"),
            Some(s) if quals.iter().any(|q| q.skill_id == s.id) => {
                err("new_skill", "coord-err-skill-held")
            }
            Some(s) => {
                if let Some(qi) = qual_dates(
                    &mut err,
                    f,
                    "new_obtained_on",
                    "new_valid_until",
                    s,
                    Some(today),
                ) {
                    quals.push(QualInput {
                        skill_id: s.id,
                        ..qi
                    });
                }
            }
        }
    }

    let mut trainees: Vec<TraineeInput> = Vec::new();
    for tr in &current.trainees {
        if f.has(&format!("t{}_remove", tr.id)) {
            continue;
        }
        let (h, s) = (
            format!("t{}_target_hours", tr.id),
            format!("t{}_started_on", tr.id),
        );
        if let Some(ti) = trainee_fields(&mut err, f, &h, &s) {
            trainees.push(TraineeInput {
                skill_id: tr.skill_id,
                ..ti
            });
        }
    }
    let new_trainee = f.get("new_trainee_skill");
    if !new_trainee.is_empty() {
        match new_trainee.parse::<i32>().ok().and_then(skill_of) {
            None => err("new_trainee_skill", "coord-err-skill"),
            Some(s) if trainees.iter().any(|x| x.skill_id == s.id) => {
                err("new_trainee_skill", "coord-err-skill-held")
            }
            Some(s) => {
                if let Some(ti) = trainee_fields(
                    &mut err,
                    f,
                    "new_trainee_target_hours",
                    "new_trainee_started_on",
                ) {
                    trainees.push(TraineeInput {
                        skill_id: s.id,
                        ..ti
                    });
                }
            }
        }
    }

    // Centres: the viewer's own are taken from the checkboxes, others kept.
    let mut centres: Vec<i32> = all_centres
        .iter()
        .copied()
        .filter(|c| {
            if centres_allowed(*c) {
                f.has(&format!("centre_{c}"))
            } else {
                current_centres.contains(c)
            }
        })
        .collect();
    let home = f.get("home_centre").parse::<i32>().ok();
    let home = home
        .filter(|h| centres.contains(h))
        .or_else(|| {
            current_centres
                .first()
                .copied()
                .filter(|c| centres.contains(c))
        })
        .or_else(|| centres.first().copied());
    match home {
        Some(h) => {
            centres.retain(|c| *c != h);
            centres.insert(0, h);
        }
        None => err("centres", "coord-err-centres"),
    }

    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(RecordUpdate {
        max_minutes_week,
        max_shifts_week,
        min_minutes_month,
        status,
        left_on,
        quals,
        trainees,
        centres,
    })
}

fn qual_dates(
    err: &mut dyn FnMut(&str, &str),
    f: &FormData,
    obtained_field: &str,
    until_field: &str,
    skill: &Skill,
    default_obtained: Option<NaiveDate>,
) -> Option<QualInput> {
    let (o, u) = (f.get(obtained_field), f.get(until_field));
    let obtained_on = if o.is_empty() {
        default_obtained
    } else {
        match parse_date(&o) {
            Some(d) => Some(d),
            None => {
                err(obtained_field, "coord-err-date");
                return None;
            }
        }
    };
    let valid_until = if u.is_empty() {
        obtained_on.and_then(|d| default_valid_until(skill, d))
    } else {
        match parse_date(&u) {
            Some(d) => Some(d),
            None => {
                err(until_field, "coord-err-date");
                return None;
            }
        }
    };
    if let (Some(a), Some(b)) = (obtained_on, valid_until) {
        if b < a {
            err(until_field, "coord-err-until-before");
            return None;
        }
    }
    Some(QualInput {
        skill_id: skill.id,
        obtained_on,
        valid_until,
    })
}

fn trainee_fields(
    err: &mut dyn FnMut(&str, &str),
    f: &FormData,
    hours_field: &str,
    started_field: &str,
) -> Option<TraineeInput> {
    let target = match parse_hours(&f.get(hours_field), 1000.0) {
        Ok(m) => m.unwrap_or(0),
        Err(InvalidHours) => {
            err(hours_field, "coord-err-target");
            return None;
        }
    };
    let s = f.get(started_field);
    let started_on = if s.is_empty() {
        None
    } else {
        match parse_date(&s) {
            Some(d) => Some(d),
            None => {
                err(started_field, "coord-err-date");
                return None;
            }
        }
    };
    Some(TraineeInput {
        skill_id: 0,
        target_mentored_minutes: target,
        started_on,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_hours() {
        assert_eq!(
            parse_date("2027-03-01"),
            NaiveDate::from_ymd_opt(2027, 3, 1)
        );
        assert_eq!(
            parse_date("01/03/2027"),
            NaiveDate::from_ymd_opt(2027, 3, 1)
        );
        assert_eq!(parse_date("2027-02-30"), None);
        assert_eq!(parse_hours("2,5", 168.0), Ok(Some(150)));
        assert_eq!(parse_hours("", 168.0), Ok(None));
        assert_eq!(parse_hours("200", 168.0), Err(InvalidHours));
        assert_eq!(parse_hours("abc", 168.0), Err(InvalidHours));
    }
}
