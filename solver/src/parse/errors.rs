//! Path-named input errors (`volunteers[12].availability[0].end: not after
//! start`) and the collector the parsers share, with a cap on how many are kept.

use std::fmt;

use serde_json::{Map, Value};

/// One problem in an input document: the JSON path of the offending value
/// (`$` for the document itself) and a short English description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for ScenarioError {}

/// Every error found (the first `MAX_ERRORS` of them) and how many there were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioErrors {
    pub errors: Vec<ScenarioError>,
    /// Number of errors found, at least `errors.len()`.
    pub total: usize,
}

/// How many errors are kept; later ones are only counted.
pub const MAX_ERRORS: usize = 50;

impl ScenarioErrors {
    /// A list holding one error.
    pub fn single(path: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioErrors {
            errors: vec![ScenarioError {
                path: path.into(),
                message: message.into(),
            }],
            total: 1,
        }
    }
}

impl fmt::Display for ScenarioErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        if self.total > self.errors.len() {
            write!(f, "\n... and {} more", self.total - self.errors.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioErrors {}

/// A JSON path built on the stack and rendered only when an error needs it.
#[derive(Clone, Copy)]
pub(crate) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    pub(crate) fn key(&'a self, k: &'a str) -> Path<'a> {
        Path::Key(self, k)
    }
    pub(crate) fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => write!(f, "$"),
            Path::Key(Path::Root, k) => write!(f, "{k}"),
            Path::Key(p, k) => write!(f, "{p}.{k}"),
            Path::Index(p, i) => write!(f, "{p}[{i}]"),
        }
    }
}

/// Collects errors up to `MAX_ERRORS`.
#[derive(Default)]
pub(crate) struct Errors {
    list: Vec<ScenarioError>,
    total: usize,
}

impl Errors {
    pub(crate) fn add(&mut self, path: &Path<'_>, message: impl Into<String>) {
        self.total += 1;
        if self.list.len() < MAX_ERRORS {
            self.list.push(ScenarioError {
                path: path.to_string(),
                message: message.into(),
            });
        }
    }
    pub(crate) fn count(&self) -> usize {
        self.total
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.total == 0
    }
    pub(crate) fn into_result<T>(self, value: Option<T>) -> Result<T, ScenarioErrors> {
        match value {
            Some(v) if self.total == 0 => Ok(v),
            _ => Err(ScenarioErrors {
                total: self.total.max(1),
                errors: if self.list.is_empty() {
                    vec![ScenarioError {
                        path: "$".into(),
                        message: "invalid document".into(),
                    }]
                } else {
                    self.list
                },
            }),
        }
    }
}

/// Short description of a JSON value for messages (strings quoted, long
/// values cut).
pub(crate) fn show(v: &Value) -> String {
    let s = match v {
        Value::Object(_) => return "an object".into(),
        Value::Array(_) => return "a list".into(),
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    };
    if s.chars().count() > 60 {
        let cut: String = s.chars().take(57).collect();
        format!("{cut}...")
    } else {
        s
    }
}

/// `v` as an integer in `lo..=hi` (JSON integers only: `1.0` is not one).
pub(crate) fn int_in(v: &Value, lo: i64, hi: i64) -> Option<i64> {
    let x = v.as_i64()?;
    (lo..=hi).contains(&x).then_some(x)
}

/// `v` as a finite number (integer or not; booleans are not numbers).
pub(crate) fn num(v: &Value) -> Option<f64> {
    v.as_f64().filter(|x| x.is_finite())
}

/// A field of an object; JSON `null` counts as absent.
pub(crate) fn field<'v>(obj: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    obj.get(key).filter(|v| !v.is_null())
}

/// A non-empty string (what ids and codes must be).
pub(crate) fn id_str(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str).filter(|s| !s.is_empty())
}
