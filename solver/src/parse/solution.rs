//! Reading a `rota-solution/1` document into shifts of a parsed problem, with
//! path-named errors (`shifts[3].start: not on the 60-minute slot grid`).

use serde_json::Value;

use super::errors::{show, Errors, Path};
use super::grid::Grid;
use super::shift::{shift, Indexes};
use super::{index, json_error, ScenarioErrors};
use crate::problem::{Problem, Shift};
use crate::time::Week;

/// The `format` value of a solution document.
pub const SOLUTION_FORMAT: &str = "rota-solution/1";

impl Grid {
    pub(crate) fn of(p: &Problem) -> Grid {
        Grid {
            week: Week {
                tz: p.timezone,
                week_start: p.week_start,
                start: p.start_utc.timestamp(),
                minutes: i64::from(p.n_slots) * i64::from(p.slot_minutes),
            },
            slot_minutes: p.slot_minutes,
            n_slots: p.n_slots,
        }
    }
}

/// Parses a UTF-8 JSON solution of `problem` into its shifts (input order).
/// Every shift must be well-formed, name known ids and lie on the week's grid;
/// the hard rules are not checked here (see `check`).
pub fn parse_solution(bytes: &[u8], problem: &Problem) -> Result<Vec<Shift>, ScenarioErrors> {
    let value: Value = serde_json::from_slice(bytes).map_err(json_error)?;
    parse_solution_value(&value, problem)
}

/// Parses a solution already read as JSON.
pub fn parse_solution_value(raw: &Value, problem: &Problem) -> Result<Vec<Shift>, ScenarioErrors> {
    let mut errs = Errors::default();
    let root = Path::Root;
    let Some(raw) = raw.as_object() else {
        errs.add(&root, "not a JSON object");
        return errs.into_result(None);
    };
    match raw.get("format") {
        Some(Value::String(s)) if s == SOLUTION_FORMAT => {}
        other => errs.add(
            &root.key("format"),
            format!(
                "expected \"{SOLUTION_FORMAT}\", got {}",
                other.map_or_else(|| "nothing".into(), show)
            ),
        ),
    }
    let ps = root.key("shifts");
    let Some(list) = raw.get("shifts").and_then(Value::as_array) else {
        errs.add(&ps, "missing or not a list");
        return errs.into_result(None);
    };
    let grid = Grid::of(problem);
    let vol = index(&problem.volunteers, |v| v.id.as_str());
    let centre = index(&problem.centres, |c| c.id.as_str());
    let skill = index(&problem.skills, |s| s.code.as_str());
    let ix = Indexes {
        volunteer: &vol,
        centre: &centre,
        skill: &skill,
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        if let Some(s) = shift(&mut errs, &ps.index(i), v, &grid, &ix) {
            out.push(s);
        }
    }
    errs.into_result(Some(out))
}
