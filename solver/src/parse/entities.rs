//! Parsing of skills, centres, shift templates and demand (with Erlang C
//! where `required` is absent).

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::errors::{field, id_str, int_in, num, show, Errors, Path};
use super::grid::Grid;
use crate::erlang::{required_agents, MAX_REQUIRED};
use crate::problem::{Centre, DemandEntry, ServiceLevel, Skill};

/// Limit on `calls_per_hour` (FORMAT.md).
pub const LIMIT_CALLS_PER_HOUR: f64 = 100_000.0;
/// Limit on `aht_minutes` (FORMAT.md).
pub const LIMIT_AHT_MINUTES: f64 = 1440.0;

/// Name fields are free text; anything else than a string reads as "".
fn name_of(o: &Map<String, Value>) -> String {
    o.get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Parses a list of objects keyed by a unique non-empty string `key`; returns
/// (key, name) pairs of the valid ones.
fn id_list(
    errs: &mut Errors,
    raw: &Map<String, Value>,
    what: &str,
    key: &str,
) -> Vec<(String, String)> {
    let path = Path::Root;
    let path = path.key(what);
    let Some(list) = field(raw, what).and_then(Value::as_array) else {
        errs.add(&path, "missing or not a list");
        return Vec::new();
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, x) in list.iter().enumerate() {
        let p = path.index(i);
        let Some(o) = x.as_object() else {
            errs.add(&p, "not an object");
            continue;
        };
        let Some(id) = id_str(o.get(key)) else {
            errs.add(&p.key(key), "missing or not a non-empty string");
            continue;
        };
        if !seen.insert(id) {
            errs.add(
                &p.key(key),
                format!("duplicate {}", show(&Value::String(id.into()))),
            );
            continue;
        }
        out.push((id.to_string(), name_of(o)));
    }
    out
}

pub(crate) fn skills(errs: &mut Errors, raw: &Map<String, Value>) -> Vec<Skill> {
    id_list(errs, raw, "skills", "code")
        .into_iter()
        .map(|(code, name)| Skill { code, name })
        .collect()
}

pub(crate) fn centres(errs: &mut Errors, raw: &Map<String, Value>) -> Vec<Centre> {
    id_list(errs, raw, "centres", "id")
        .into_iter()
        .map(|(id, name)| Centre {
            id,
            name,
            templates: Vec::new(),
        })
        .collect()
}

/// Index of each id, for reference checks.
pub(crate) type Index<'a> = HashMap<&'a str, usize>;

/// Looks up a reference field; reports a missing or unknown id.
pub(crate) fn reference(
    errs: &mut Errors,
    path: &Path<'_>,
    v: Option<&Value>,
    index: &Index<'_>,
    what: &str,
) -> Option<usize> {
    match v.and_then(Value::as_str).and_then(|s| index.get(s)) {
        Some(&i) => Some(i),
        None => {
            let shown = v.map_or_else(|| "nothing".to_string(), show);
            errs.add(path, format!("unknown {what} {shown}"));
            None
        }
    }
}

pub(crate) fn templates(
    errs: &mut Errors,
    raw: &Map<String, Value>,
    grid: &Grid,
    centre_ix: &Index<'_>,
    centres: &mut [Centre],
) {
    let path = Path::Root;
    let path = path.key("shift_templates");
    let list = match field(raw, "shift_templates") {
        None => return,
        Some(Value::Array(l)) => l,
        Some(_) => {
            errs.add(&path, "not a list");
            return;
        }
    };
    let mut seen = HashSet::new();
    for (i, t) in list.iter().enumerate() {
        let p = path.index(i);
        let Some(o) = t.as_object() else {
            errs.add(&p, "not an object");
            continue;
        };
        let c = reference(errs, &p.key("centre"), o.get("centre"), centre_ix, "centre");
        let iv = grid.interval(errs, &p, t);
        let (Some(c), Some(iv)) = (c, iv) else {
            continue;
        };
        if !seen.insert((c, iv)) {
            errs.add(&p, "repeats another template of the same centre");
            continue;
        }
        centres[c].templates.push(iv);
    }
}

pub(crate) fn service_level(errs: &mut Errors, raw: &Map<String, Value>) -> Option<ServiceLevel> {
    let sl = field(raw, "service_level")?;
    let path = Path::Root;
    let path = path.key("service_level");
    let Some(o) = sl.as_object() else {
        errs.add(&path, "not an object");
        return None;
    };
    let target = o
        .get("target")
        .and_then(num)
        .filter(|&t| t > 0.0 && t < 1.0);
    let Some(target) = target else {
        errs.add(&path.key("target"), "must be a number in (0, 1)");
        return None;
    };
    let Some(aws) = o
        .get("answer_within_seconds")
        .and_then(num)
        .filter(|&x| x >= 0.0)
    else {
        errs.add(&path.key("answer_within_seconds"), "must be a number >= 0");
        return None;
    };
    Some(ServiceLevel {
        target,
        answer_within_seconds: aws,
    })
}

/// Context the demand parser needs.
pub(crate) struct DemandCtx<'a> {
    pub grid: &'a Grid,
    pub centre_ix: &'a Index<'a>,
    pub skill_ix: &'a Index<'a>,
    pub service_level: Option<&'a ServiceLevel>,
}

pub(crate) fn demand(
    errs: &mut Errors,
    raw: &Map<String, Value>,
    cx: &DemandCtx<'_>,
) -> Vec<DemandEntry> {
    let path = Path::Root;
    let path = path.key("demand");
    let Some(list) = field(raw, "demand").and_then(Value::as_array) else {
        errs.add(&path, "missing or not a list");
        return Vec::new();
    };
    let mut cache: HashMap<(u64, u64), Option<u32>> = HashMap::new();
    let mut out = Vec::with_capacity(list.len());
    for (i, d) in list.iter().enumerate() {
        let p = path.index(i);
        let Some(o) = d.as_object() else {
            errs.add(&p, "not an object");
            continue;
        };
        let c = reference(
            errs,
            &p.key("centre"),
            o.get("centre"),
            cx.centre_ix,
            "centre",
        );
        let s = reference(errs, &p.key("skill"), o.get("skill"), cx.skill_ix, "skill");
        let iv = cx.grid.interval(errs, &p, d);
        let cph = o.get("calls_per_hour").and_then(num);
        let aht = o.get("aht_minutes").and_then(num);
        let (required, computed) = if let Some(r) = field(o, "required") {
            match int_in(r, 0, i64::from(MAX_REQUIRED)) {
                Some(r) => (r as u32, false), // in 0..=10000
                None => {
                    errs.add(
                        &p.key("required"),
                        format!("must be an integer in 0..{MAX_REQUIRED}"),
                    );
                    continue;
                }
            }
        } else {
            let Some(cph) = cph.filter(|&x| (0.0..=LIMIT_CALLS_PER_HOUR).contains(&x)) else {
                errs.add(
                    &p.key("calls_per_hour"),
                    "no `required`, and not a number in 0..100000",
                );
                continue;
            };
            let Some(aht) = aht.filter(|&x| x > 0.0 && x <= LIMIT_AHT_MINUTES) else {
                errs.add(
                    &p.key("aht_minutes"),
                    "no `required`, and not a number in (0, 1440]",
                );
                continue;
            };
            let (target, aws) = match cx.service_level {
                Some(sl) => (sl.target, sl.answer_within_seconds),
                None if cph > 0.0 => {
                    errs.add(
                        &p.key("required"),
                        "absent, and no valid service_level to compute it",
                    );
                    continue;
                }
                None => (0.0, 0.0),
            };
            let r = *cache
                .entry((cph.to_bits(), aht.to_bits()))
                .or_insert_with(|| required_agents(cph, aht, target, aws));
            match r {
                Some(r) => (r, true),
                None => {
                    errs.add(
                        &p.key("required"),
                        format!("absent, and Erlang C gives more than {MAX_REQUIRED}"),
                    );
                    continue;
                }
            }
        };
        let (Some(centre), Some(skill), Some(range)) = (c, s, iv) else {
            continue;
        };
        out.push(DemandEntry {
            centre,
            skill,
            range,
            calls_per_hour: cph,
            aht_minutes: aht,
            required,
            computed,
        });
    }
    out
}
