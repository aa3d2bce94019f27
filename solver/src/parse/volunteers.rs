//! Parsing of the `volunteers` list: centres, qualifications (merged per
//! skill, with the slot at which each expires), trainee skills, weekly
//! limits and availability windows.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::entities::Index;
use super::errors::{field, id_str, int_in, show, Errors, Path};
use super::grid::Grid;
use crate::problem::{Qualification, Slot, Volunteer, Window};
use crate::time::parse_date;

/// Limit on every `*_minutes` rule and volunteer bound (FORMAT.md).
pub const LIMIT_MINUTES: i64 = 10_080;

pub(crate) struct VolCtx<'a> {
    pub grid: &'a Grid,
    pub centre_ix: &'a Index<'a>,
    pub skill_ix: &'a Index<'a>,
    /// Each distinct local date of the week (ascending) with the first slot
    /// whose date is after it.
    pub expiry: Vec<(NaiveDate, Slot)>,
    pub n_slots: Slot,
}

/// The `expiry` table of `VolCtx` from the local date of every slot.
pub(crate) fn expiry_table(slot_dates: &[NaiveDate]) -> Vec<(NaiveDate, Slot)> {
    let mut dates: Vec<NaiveDate> = slot_dates.to_vec();
    dates.sort_unstable();
    dates.dedup();
    let n = slot_dates.len();
    dates
        .into_iter()
        .map(|d| {
            let k = slot_dates.iter().position(|&x| x > d).unwrap_or(n);
            (d, Slot::try_from(k).unwrap_or(Slot::MAX))
        })
        .collect()
}

impl VolCtx<'_> {
    /// First slot whose local date is after `d` (`n_slots` if none).
    pub(crate) fn expiry_slot(&self, d: Option<NaiveDate>) -> Slot {
        let Some(d) = d else { return self.n_slots };
        match self.expiry.partition_point(|&(x, _)| x <= d) {
            0 => 0,
            k => self.expiry[k - 1].1,
        }
    }
}

/// A list field where absent or `null` means empty.
fn opt_list<'v>(
    errs: &mut Errors,
    o: &'v Map<String, Value>,
    key: &str,
    path: &Path<'_>,
) -> &'v [Value] {
    match field(o, key) {
        None => &[],
        Some(Value::Array(l)) => l,
        Some(_) => {
            errs.add(&path.key(key), "not a list");
            &[]
        }
    }
}

pub(crate) fn volunteers(
    errs: &mut Errors,
    raw: &Map<String, Value>,
    cx: &VolCtx<'_>,
) -> Vec<Volunteer> {
    let path = Path::Root;
    let path = path.key("volunteers");
    let Some(list) = field(raw, "volunteers").and_then(Value::as_array) else {
        errs.add(&path, "missing or not a list");
        return Vec::new();
    };
    let mut seen: HashSet<&str> = HashSet::with_capacity(list.len());
    let mut out = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        let p = path.index(i);
        let Some(o) = v.as_object() else {
            errs.add(&p, "not an object");
            continue;
        };
        let Some(id) = id_str(o.get("id")) else {
            errs.add(&p.key("id"), "missing or not a non-empty string");
            continue;
        };
        if !seen.insert(id) {
            errs.add(
                &p.key("id"),
                format!("duplicate {}", show(&Value::String(id.into()))),
            );
            continue;
        }
        let n0 = errs.count();
        let vol = volunteer(errs, o, id, &p, cx);
        if errs.count() == n0 {
            out.push(vol);
        }
    }
    out
}

fn volunteer(
    errs: &mut Errors,
    o: &Map<String, Value>,
    id: &str,
    p: &Path<'_>,
    cx: &VolCtx<'_>,
) -> Volunteer {
    let mut centres = Vec::new();
    let pc = p.key("centres");
    match o.get("centres").and_then(Value::as_array) {
        Some(l) if l.iter().all(Value::is_string) => {
            for (j, c) in l.iter().enumerate() {
                match c.as_str().and_then(|s| cx.centre_ix.get(s)) {
                    Some(&c) if !centres.contains(&c) => centres.push(c),
                    Some(_) => {}
                    None => errs.add(&pc.index(j), format!("unknown centre {}", show(c))),
                }
            }
        }
        _ => errs.add(&pc, "missing or not a list of centre ids"),
    }

    let mut qualifications: Vec<Qualification> = Vec::new();
    let pq = p.key("qualifications");
    for (j, q) in opt_list(errs, o, "qualifications", p).iter().enumerate() {
        let pj = pq.index(j);
        let skill = q
            .as_object()
            .and_then(|q| q.get("skill"))
            .and_then(Value::as_str)
            .and_then(|s| cx.skill_ix.get(s));
        let Some(&skill) = skill else {
            let shown = q
                .as_object()
                .and_then(|q| q.get("skill"))
                .map_or_else(|| "nothing".into(), show);
            errs.add(&pj.key("skill"), format!("unknown skill {shown}"));
            continue;
        };
        let until = match q.get("valid_until") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => match parse_date(s) {
                Ok(d) => Some(d),
                Err(e) => {
                    errs.add(
                        &pj.key("valid_until"),
                        format!("{e}: {}", show(&Value::String(s.clone()))),
                    );
                    continue;
                }
            },
            Some(other) => {
                errs.add(
                    &pj.key("valid_until"),
                    format!("not a date or null: {}", show(other)),
                );
                continue;
            }
        };
        match qualifications.iter_mut().find(|x| x.skill == skill) {
            Some(prev) => {
                prev.valid_until = match (prev.valid_until, until) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
            None => qualifications.push(Qualification {
                skill,
                valid_until: until,
                valid_until_slot: 0,
            }),
        }
    }
    for q in &mut qualifications {
        q.valid_until_slot = cx.expiry_slot(q.valid_until);
    }

    let mut trainee_for = Vec::new();
    let pt = p.key("trainee_for");
    for (j, s) in opt_list(errs, o, "trainee_for", p).iter().enumerate() {
        match s.as_str().and_then(|s| cx.skill_ix.get(s)) {
            Some(&s) if !trainee_for.contains(&s) => trainee_for.push(s),
            Some(_) => {}
            None => errs.add(&pt.index(j), format!("unknown skill {}", show(s))),
        }
    }

    let mut bound = |key: &str| -> Option<u32> {
        let v = field(o, key)?;
        let x = int_in(v, 0, LIMIT_MINUTES);
        if x.is_none() {
            errs.add(
                &p.key(key),
                format!("must be an integer in 0..{LIMIT_MINUTES}"),
            );
        }
        x.map(|x| x as u32) // in 0..=10080
    };
    let training_minutes_target = bound("training_minutes_target").unwrap_or(0);
    let max_minutes = bound("max_minutes");
    let max_shifts = bound("max_shifts");

    let mut availability = Vec::new();
    let pa = p.key("availability");
    for (j, w) in opt_list(errs, o, "availability", p).iter().enumerate() {
        let pj = pa.index(j);
        let Some(range) = cx.grid.interval(errs, &pj, w) else {
            continue;
        };
        let preferred = match w.get("preferred") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                errs.add(
                    &pj.key("preferred"),
                    format!("not true or false: {}", show(other)),
                );
                continue;
            }
        };
        availability.push(Window { range, preferred });
    }

    Volunteer {
        id: id.to_string(),
        name: o
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        centres,
        qualifications,
        trainee_for,
        training_minutes_target,
        max_minutes,
        max_shifts,
        availability,
    }
}
