//! Writing a `rota-solution/1` document (FORMAT.md): the shifts with instants
//! in the scenario zone's offset, the `solver` summary, and an optional
//! `uncovered` array of explanations. Reading one back is
//! [`parse_solution`](crate::parse::parse_solution), re-exported here.

use serde::Serialize;
use serde_json::Value;

pub use crate::parse::{parse_solution, parse_solution_value, SOLUTION_FORMAT};
use crate::problem::{Problem, Shift};

/// One shift as written in a solution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShiftDoc {
    pub volunteer: String,
    pub centre: String,
    pub skill: String,
    pub role: String,
    pub start: String,
    pub end: String,
}

impl ShiftDoc {
    /// The shift with ids and RFC 3339 instants of `problem`.
    pub fn new(problem: &Problem, s: &Shift) -> ShiftDoc {
        ShiftDoc {
            volunteer: problem.volunteers[s.volunteer].id.clone(),
            centre: problem.centres[s.centre].id.clone(),
            skill: problem.skills[s.skill].code.clone(),
            role: s.role.as_str().to_string(),
            start: problem.format_slot(s.range.start),
            end: problem.format_slot(s.range.end),
        }
    }
}

/// Writes whole numbers as JSON integers (`15120`, not `15120.0`).
fn number(x: f64) -> Value {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 {
        Value::from(x as i64) // whole and well inside i64
    } else {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

fn opt_number<S: serde::Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    x.map(number).serialize(s)
}

fn plain_number<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    number(*x).serialize(s)
}

/// The informational `solver` object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolverInfo {
    /// Program and version, e.g. `astreinte 0.1.0 (HiGHS)`.
    pub name: String,
    /// Wall-clock seconds.
    #[serde(serialize_with = "plain_number")]
    pub seconds: f64,
    /// `optimal`, `time_limit`, ...
    pub status: String,
    /// Proven lower bound on `uncovered_minutes`.
    #[serde(serialize_with = "opt_number", skip_serializing_if = "Option::is_none")]
    pub bound: Option<f64>,
    /// Relative gap between the solution and the bound.
    #[serde(serialize_with = "opt_number", skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
}

/// A whole `rota-solution/1` document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolutionDoc {
    pub format: &'static str,
    /// The scenario's `name`.
    pub scenario: String,
    pub shifts: Vec<ShiftDoc>,
    pub solver: SolverInfo,
    /// Explanations of uncovered demand (free-form; `check.py` ignores it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncovered: Option<Value>,
}

impl SolutionDoc {
    /// The document for `shifts` of `problem` (in the given order).
    pub fn new(problem: &Problem, shifts: &[Shift], solver: SolverInfo) -> SolutionDoc {
        SolutionDoc {
            format: SOLUTION_FORMAT,
            scenario: problem.name.clone(),
            shifts: shifts.iter().map(|s| ShiftDoc::new(problem, s)).collect(),
            solver,
            uncovered: None,
        }
    }

    /// JSON text: one shift per line, the rest indented; ends with a newline.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(200 + 160 * self.shifts.len());
        out.push_str("{\n\"format\":");
        out.push_str(&json(&self.format));
        out.push_str(",\n\"scenario\":");
        out.push_str(&json(&self.scenario));
        out.push_str(",\n\"shifts\":[");
        for (i, s) in self.shifts.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&json(s));
        }
        out.push_str(if self.shifts.is_empty() {
            "],\n\"solver\":"
        } else {
            "\n],\n\"solver\":"
        });
        out.push_str(&json(&self.solver));
        if let Some(u) = &self.uncovered {
            out.push_str(",\n\"uncovered\":");
            out.push_str(&serde_json::to_string_pretty(u).unwrap_or_else(|_| "null".into()));
        }
        out.push_str("\n}\n");
        out
    }
}

/// Compact JSON of a value that always serialises (strings, plain structs).
fn json<T: Serialize + ?Sized>(x: &T) -> String {
    serde_json::to_string(x).unwrap_or_else(|_| "null".into())
}
