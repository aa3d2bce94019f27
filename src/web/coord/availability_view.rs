//! Read-only summary of a volunteer's availability for the coordinator's
//! volunteer page: weekly ranges by weekday, then coming exceptions, in
//! French (or English) sentences.

use chrono::NaiveDate;

use super::{long_date, weekday_name};
use crate::db::availability::{ExceptionRow, PatternRow};
use crate::domain::frdate::format_minute;
use crate::i18n::Tr;

fn range(start: i32, end: i32) -> String {
    format!(
        "{}–{}",
        format_minute(i64::from(start)),
        format_minute(i64::from(end))
    )
}

/// "lundi 09:00–12:00 (préféré)", one line per weekly range.
pub fn weekly(t: Tr, patterns: &[PatternRow]) -> Vec<String> {
    patterns
        .iter()
        .map(|p| {
            let kind = t.t(if p.preferred {
                "coord-avail-preferred"
            } else {
                "coord-avail-possible"
            });
            let next = if p.end_minute > 1440 {
                format!(" {}", t.t("coord-next-day"))
            } else {
                String::new()
            };
            format!(
                "{} {}{next} ({kind})",
                weekday_name(t, p.weekday),
                range(p.start_minute, p.end_minute)
            )
        })
        .collect()
}

/// Exceptions ending today or later, as sentences.
pub fn coming(t: Tr, exceptions: &[ExceptionRow], today: NaiveDate) -> Vec<String> {
    let mut list: Vec<&ExceptionRow> = exceptions.iter().filter(|e| e.end_date >= today).collect();
    list.sort_by_key(|e| (e.start_date, e.start_minute));
    list.into_iter()
        .map(|e| {
            let (from, to) = (long_date(t, e.start_date), long_date(t, e.end_date));
            let times = match (e.start_minute, e.end_minute) {
                (Some(s), Some(x)) => format!(" {}", range(s, x)),
                _ => String::new(),
            };
            let id = if e.kind == "absent" {
                "coord-exc-absent"
            } else {
                "coord-exc-extra"
            };
            if e.start_date == e.end_date {
                t.args(
                    &format!("{id}-day"),
                    &[("date", from.as_str()), ("times", times.as_str())],
                )
            } else {
                t.args(
                    id,
                    &[
                        ("from", from.as_str()),
                        ("to", to.as_str()),
                        ("times", times.as_str()),
                    ],
                )
            }
        })
        .collect()
}
