//! Reading a `rota-scenario/1` document (FORMAT.md) into a validated
//! [`Problem`]: every malformed case is reported with the JSON path of the
//! offending value (`volunteers[12].availability[0].end: not after start`),
//! up to [`MAX_ERRORS`] of them, never a panic. What `check.py` rejects as
//! malformed (exit 2) is rejected here too, and what it accepts is accepted,
//! except locked shifts that no solution could contain (off the grid, outside
//! the week, `end <= start`), which are rejected here.

mod entities;
mod errors;
mod grid;
mod shift;
mod solution;
mod volunteers;

use std::collections::HashMap;

use chrono::{Datelike, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde_json::{Map, Value};

pub use errors::{ScenarioError, ScenarioErrors, MAX_ERRORS};
pub use solution::{parse_solution, parse_solution_value, SOLUTION_FORMAT};
pub use volunteers::LIMIT_MINUTES;

use crate::demand::Requirements;
use crate::problem::{Problem, Rules};
use crate::time::{local_date, parse_date, Week};
use entities::{DemandCtx, Index};
use errors::{field, int_in, show, Errors, Path};
use grid::Grid;
use shift::Indexes;
use volunteers::VolCtx;

/// The `format` value of a scenario document.
pub const SCENARIO_FORMAT: &str = "rota-scenario/1";

/// Parses a UTF-8 JSON scenario.
pub fn parse_scenario(bytes: &[u8]) -> Result<Problem, ScenarioErrors> {
    let value: Value = serde_json::from_slice(bytes).map_err(json_error)?;
    parse_scenario_value(&value)
}

pub(crate) fn json_error(e: serde_json::Error) -> ScenarioErrors {
    ScenarioErrors::single("$", format!("not valid UTF-8 JSON: {e}"))
}

/// Parses the week header: time zone, Monday, slot length.
fn grid(errs: &mut Errors, raw: &Map<String, Value>) -> Option<Grid> {
    let root = Path::Root;
    let tz = match raw.get("timezone") {
        Some(Value::String(s)) if !s.is_empty() => s.parse::<Tz>().ok(),
        _ => None,
    };
    let Some(tz) = tz else {
        let shown = raw.get("timezone").map_or_else(|| "nothing".into(), show);
        errs.add(&root.key("timezone"), format!("unknown time zone {shown}"));
        return None;
    };
    let pw = root.key("week_start");
    let ws = match raw
        .get("week_start")
        .and_then(Value::as_str)
        .map(parse_date)
    {
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            errs.add(&pw, e);
            return None;
        }
        None => {
            errs.add(&pw, "missing or not a YYYY-MM-DD string");
            return None;
        }
    };
    if ws.weekday() != Weekday::Mon {
        errs.add(&pw, format!("{ws} is a {:?}, not a Monday", ws.weekday()));
        return None;
    }
    let week = Week::new(tz, ws);
    let ps = root.key("slot_minutes");
    let Some(sm) = raw.get("slot_minutes").and_then(|v| int_in(v, 1, 1440)) else {
        errs.add(&ps, "must be an integer in 1..1440");
        return None;
    };
    if week.minutes <= 0 || week.minutes % sm != 0 {
        errs.add(
            &ps,
            format!(
                "does not divide the week's length ({} minutes)",
                week.minutes
            ),
        );
        return None;
    }
    let n_slots = u32::try_from(week.minutes / sm).ok()?;
    Some(Grid {
        week,
        slot_minutes: sm as u32,
        n_slots,
    }) // sm in 1..=1440
}

fn rules(errs: &mut Errors, raw: &Map<String, Value>) -> Option<Rules> {
    let root = Path::Root;
    let pr = root.key("rules");
    let Some(r) = field(raw, "rules").and_then(Value::as_object) else {
        errs.add(&pr, "missing or not an object");
        return None;
    };
    let mut get = |k: &str| {
        let x = r.get(k).and_then(|v| int_in(v, 0, LIMIT_MINUTES));
        if x.is_none() {
            errs.add(
                &pr.key(k),
                format!("must be an integer in 0..{LIMIT_MINUTES}"),
            );
        }
        x.map(|x| x as u32) // in 0..=10080
    };
    let (min, max, rest) = (
        get("min_shift_minutes"),
        get("max_shift_minutes"),
        get("min_rest_minutes"),
    );
    let trm = r.get("trainee_requires_mentor").and_then(Value::as_bool);
    if trm.is_none() {
        errs.add(&pr.key("trainee_requires_mentor"), "must be true or false");
    }
    let rules = Rules {
        min_shift_minutes: min?,
        max_shift_minutes: max?,
        min_rest_minutes: rest?,
        trainee_requires_mentor: trm?,
    };
    if rules.min_shift_minutes > rules.max_shift_minutes {
        errs.add(
            &pr.key("min_shift_minutes"),
            "greater than max_shift_minutes",
        );
        return None;
    }
    Some(rules)
}

fn index<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> Index<'a> {
    items
        .iter()
        .enumerate()
        .map(|(i, x)| (id(x), i))
        .collect::<HashMap<_, _>>()
}

/// Parses a scenario already read as JSON.
pub fn parse_scenario_value(raw: &Value) -> Result<Problem, ScenarioErrors> {
    let mut errs = Errors::default();
    let root = Path::Root;
    let Some(raw) = raw.as_object() else {
        errs.add(&root, "not a JSON object");
        return errs.into_result(None);
    };
    match raw.get("format") {
        Some(Value::String(s)) if s == SCENARIO_FORMAT => {}
        other => errs.add(
            &root.key("format"),
            format!(
                "expected \"{SCENARIO_FORMAT}\", got {}",
                other.map_or_else(|| "nothing".into(), show)
            ),
        ),
    }
    let Some(grid) = grid(&mut errs, raw) else {
        return errs.into_result(None);
    };
    let rules = rules(&mut errs, raw);
    let service_level = entities::service_level(&mut errs, raw);
    let skills = entities::skills(&mut errs, raw);
    let mut centres = entities::centres(&mut errs, raw);
    let Some(rules) = rules else {
        return errs.into_result(None);
    };

    let skill_ix = index(&skills, |s| s.code.as_str());
    let centre_ids: Vec<String> = centres.iter().map(|c| c.id.clone()).collect();
    let centre_ix = index(&centre_ids, String::as_str);
    entities::templates(&mut errs, raw, &grid, &centre_ix, &mut centres);
    let dcx = DemandCtx {
        grid: &grid,
        centre_ix: &centre_ix,
        skill_ix: &skill_ix,
        service_level: service_level.as_ref(),
    };
    let demand = entities::demand(&mut errs, raw, &dcx);

    let slot_dates: Vec<_> = (0..grid.n_slots)
        .map(|k| {
            local_date(
                grid.week.tz,
                grid.week.start + i64::from(k) * i64::from(grid.slot_minutes) * 60,
            )
        })
        .collect();
    let vcx = VolCtx {
        grid: &grid,
        centre_ix: &centre_ix,
        skill_ix: &skill_ix,
        expiry: volunteers::expiry_table(&slot_dates),
        n_slots: grid.n_slots,
    };
    let volunteers = volunteers::volunteers(&mut errs, raw, &vcx);

    let vol_ix = index(&volunteers, |v| v.id.as_str());
    let ix = Indexes {
        volunteer: &vol_ix,
        centre: &centre_ix,
        skill: &skill_ix,
    };
    let mut locked_shifts = Vec::new();
    let pl = root.key("locked_shifts");
    match field(raw, "locked_shifts") {
        None => {}
        Some(Value::Array(l)) => {
            for (i, v) in l.iter().enumerate() {
                if let Some(s) = shift::shift(&mut errs, &pl.index(i), v, &grid, &ix) {
                    locked_shifts.push(s);
                }
            }
        }
        Some(_) => errs.add(&pl, "not a list"),
    }
    if !errs.is_empty() {
        return errs.into_result(None);
    }
    let start_utc = Utc
        .timestamp_opt(grid.week.start, 0)
        .single()
        .unwrap_or_default();
    let mut problem = Problem {
        name: raw
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        timezone: grid.week.tz,
        week_start: grid.week.week_start,
        start_utc,
        slot_minutes: grid.slot_minutes,
        n_slots: grid.n_slots,
        service_level,
        rules,
        skills,
        centres,
        demand,
        volunteers,
        locked_shifts,
        requirements: Requirements::default(),
    };
    problem.rebuild_requirements();
    errs.into_result(Some(problem))
}
