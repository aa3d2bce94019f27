//! Instants and intervals of an input document on the week's slot grid.

use serde_json::Value;

use super::errors::{show, Errors, Path};
use crate::problem::SlotRange;
use crate::time::{format_instant, parse_instant, Instant, Week};

/// The week and its slot grid, as parsed from the scenario's header.
pub(crate) struct Grid {
    pub week: Week,
    pub slot_minutes: u32,
    pub n_slots: u32,
}

impl Grid {
    /// Parses an instant field (reports missing, non-string, malformed).
    pub(crate) fn instant(
        &self,
        errs: &mut Errors,
        path: &Path<'_>,
        v: Option<&Value>,
    ) -> Option<Instant> {
        match v {
            None | Some(Value::Null) => {
                errs.add(path, "missing");
                None
            }
            Some(Value::String(s)) => match parse_instant(s) {
                Ok(t) => Some(t),
                Err(e) => {
                    errs.add(path, format!("{e}: {}", show(&Value::String(s.clone()))));
                    None
                }
            },
            Some(other) => {
                errs.add(path, format!("not a string: {}", show(other)));
                None
            }
        }
    }

    /// Slot index (possibly outside the week) of an on-grid instant.
    pub(crate) fn slot(&self, errs: &mut Errors, path: &Path<'_>, t: Instant) -> Option<i64> {
        let s = self.week.slot_of(t, self.slot_minutes);
        if s.is_none() {
            errs.add(
                path,
                format!(
                    "not on the {}-minute slot grid (counted from {})",
                    self.slot_minutes,
                    format_instant(self.week.tz, self.week.start)
                ),
            );
        }
        s
    }

    /// Parses `{start, end}` of `obj` into a slot interval with `end > start`
    /// that lies inside the week.
    pub(crate) fn interval(
        &self,
        errs: &mut Errors,
        path: &Path<'_>,
        obj: &Value,
    ) -> Option<SlotRange> {
        let Some(o) = obj.as_object() else {
            errs.add(path, "not an object");
            return None;
        };
        let (ps, pe) = (path.key("start"), path.key("end"));
        let a = self
            .instant(errs, &ps, o.get("start"))
            .and_then(|t| self.slot(errs, &ps, t));
        let b = self
            .instant(errs, &pe, o.get("end"))
            .and_then(|t| self.slot(errs, &pe, t));
        let (a, b) = (a?, b?);
        self.range(errs, path, a, b)
    }

    /// Checks `end > start` and that `[a, b)` is inside the week.
    pub(crate) fn range(
        &self,
        errs: &mut Errors,
        path: &Path<'_>,
        a: i64,
        b: i64,
    ) -> Option<SlotRange> {
        if b <= a {
            errs.add(&path.key("end"), "not after start");
            return None;
        }
        let mut ok = true;
        if a < 0 {
            errs.add(
                &path.key("start"),
                format!("before the week's start ({})", self.fmt_slot(0)),
            );
            ok = false;
        }
        if b > i64::from(self.n_slots) {
            errs.add(
                &path.key("end"),
                format!("after the week's end ({})", self.fmt_slot(self.n_slots)),
            );
            ok = false;
        }
        // Inside 0..=n_slots (a u32), so the casts are lossless.
        ok.then_some(SlotRange {
            start: a as u32,
            end: b as u32,
        })
    }

    fn fmt_slot(&self, k: u32) -> String {
        format_instant(
            self.week.tz,
            self.week.start + i64::from(k) * i64::from(self.slot_minutes) * 60,
        )
    }
}
