//! "Les semaines à venir": the volunteer's weekly pattern with dated
//! exceptions applied (via `domain::availability::materialise`), shown per
//! week and day as local 24-hour ranges in the home centre's time zone.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::db::availability::{ExceptionRow, PatternRow};
use crate::domain::availability::{materialise, Absence, Extra, WeeklyRange};
use crate::domain::frdate;
use crate::domain::week::IsoWeek;
use crate::i18n::Lang;

/// One local range of a day, `start`–`end` minutes (end ≤ 1440).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayRange {
    pub start_minute: i64,
    pub end_minute: i64,
    pub preferred: bool,
    /// "09:00–12:00".
    pub label: String,
}

/// One day of the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayView {
    pub date: NaiveDate,
    /// "lundi 26 octobre 2026".
    pub label: String,
    pub absent: bool,
    pub ranges: Vec<DayRange>,
}

/// One week of the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekView {
    /// "2026-W44".
    pub iso: String,
    pub monday: NaiveDate,
    pub days: Vec<DayView>,
    /// Total available minutes (for the week's summary line).
    pub total_minutes: i64,
}

impl WeekView {
    pub fn total_hours_label(&self) -> String {
        let (h, m) = (self.total_minutes / 60, self.total_minutes % 60);
        if m == 0 {
            format!("{h} h")
        } else {
            format!("{h} h {m:02}")
        }
    }
}

/// The domain's inputs from stored rows.
pub fn domain_inputs(
    patterns: &[PatternRow],
    exceptions: &[ExceptionRow],
) -> (Vec<WeeklyRange>, Vec<Absence>, Vec<Extra>) {
    let weekly = patterns
        .iter()
        .map(|p| WeeklyRange {
            weekday: p.weekday.clamp(0, 6) as u32,
            start_minute: i64::from(p.start_minute),
            end_minute: i64::from(p.end_minute),
            preferred: p.preferred,
        })
        .collect();
    let mut absences = Vec::new();
    let mut extras = Vec::new();
    for e in exceptions {
        match e.kind.as_str() {
            "absent" => absences.push(Absence {
                start_date: e.start_date,
                end_date: e.end_date,
                start_minute: e.start_minute.map(i64::from),
                end_minute: e.end_minute.map(i64::from),
            }),
            _ => match (e.start_utc, e.end_utc) {
                (Some(s), Some(en)) => extras.push(Extra::Exact {
                    start: s.and_utc(),
                    end: en.and_utc(),
                    preferred: e.preferred,
                }),
                _ => extras.push(Extra::Local {
                    start_date: e.start_date,
                    end_date: e.end_date,
                    start_minute: e.start_minute.map(i64::from),
                    end_minute: e.end_minute.map(i64::from),
                    preferred: e.preferred,
                }),
            },
        }
    }
    (weekly, absences, extras)
}

fn local(tz: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&tz).naive_local()
}

/// Splits UTC windows into per-local-date ranges, merging touching ranges
/// of the same kind.
fn per_day(
    tz: Tz,
    windows: &[(DateTime<Utc>, DateTime<Utc>, bool)],
    date: NaiveDate,
) -> Vec<DayRange> {
    let (Some(day_start), Some(day_end)) = (
        date.and_hms_opt(0, 0, 0),
        (date + Duration::days(1)).and_hms_opt(0, 0, 0),
    ) else {
        return Vec::new();
    };
    let mut parts: Vec<(i64, i64, bool)> = windows
        .iter()
        .filter_map(|&(s, e, preferred)| {
            let (ls, le) = (local(tz, s), local(tz, e));
            let a = ls.max(day_start);
            let b = le.min(day_end);
            (a < b).then(|| {
                (
                    (a - day_start).num_minutes(),
                    (b - day_start).num_minutes(),
                    preferred,
                )
            })
        })
        .collect();
    parts.sort();
    let mut merged: Vec<(i64, i64, bool)> = Vec::new();
    for p in parts {
        match merged.last_mut() {
            Some(last) if last.2 == p.2 && p.0 <= last.1 => last.1 = last.1.max(p.1),
            _ => merged.push(p),
        }
    }
    merged
        .into_iter()
        .map(|(s, e, preferred)| DayRange {
            start_minute: s,
            end_minute: e,
            preferred,
            label: format!("{}–{}", frdate::format_minute(s), frdate::format_minute(e)),
        })
        .collect()
}

/// `count` weeks from `first`, with exceptions applied, in `tz`.
pub fn coming_weeks(
    lang: Lang,
    tz: Tz,
    first: IsoWeek,
    count: usize,
    patterns: &[PatternRow],
    exceptions: &[ExceptionRow],
) -> Vec<WeekView> {
    let (weekly, absences, extras) = domain_inputs(patterns, exceptions);
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let Ok(week) = IsoWeek::from_monday(first.monday() + Duration::weeks(i as i64)) else {
            continue;
        };
        let windows: Vec<_> = materialise(tz, week, &weekly, &absences, &extras)
            .into_iter()
            .map(|w| (w.start, w.end, w.preferred))
            .collect();
        let days: Vec<DayView> = week
            .days()
            .map(|date| DayView {
                date,
                label: frdate::format_date(lang, date),
                absent: exceptions
                    .iter()
                    .any(|e| e.kind == "absent" && e.start_date <= date && date <= e.end_date),
                ranges: per_day(tz, &windows, date),
            })
            .collect();
        let total_minutes = windows
            .iter()
            .map(|(s, e, _)| (*e - *s).num_minutes())
            .sum();
        out.push(WeekView {
            iso: week.to_string(),
            monday: week.monday(),
            days,
            total_minutes,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn row(weekday: i32, s: i32, e: i32) -> PatternRow {
        PatternRow {
            id: 0,
            volunteer_id: 1,
            weekday,
            start_minute: s,
            end_minute: e,
            preferred: false,
        }
    }

    #[test]
    fn the_autumn_change_keeps_local_times() {
        let tz = chrono_tz::Europe::Paris;
        let week = IsoWeek::containing(d(2026, 10, 25));
        let pats = [row(6, 0, 360), row(6, 540, 720), row(0, 1320, 1560)];
        let weeks = coming_weeks(Lang::Fr, tz, week, 1, &pats, &[]);
        let sunday = &weeks[0].days[6];
        assert_eq!(sunday.label, "dimanche 25 octobre 2026");
        let labels: Vec<_> = sunday.ranges.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, vec!["00:00–06:00", "09:00–12:00"]);
        // Monday night runs into Tuesday.
        assert_eq!(weeks[0].days[0].ranges[0].label, "22:00–24:00");
        assert_eq!(weeks[0].days[1].ranges[0].label, "00:00–02:00");
        // 00:00–06:00 lasts 7 hours that Sunday.
        assert_eq!(weeks[0].total_minutes, 7 * 60 + 3 * 60 + 4 * 60);
    }

    #[test]
    fn the_spring_gap_shows_what_is_left_of_the_range() {
        let tz = chrono_tz::Europe::Paris;
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST; 02:00–04:00 keeps one hour.
        let week = IsoWeek::containing(d(2026, 3, 29));
        let weeks = coming_weeks(Lang::En, tz, week, 1, &[row(6, 120, 240)], &[]);
        let sunday = &weeks[0].days[6];
        assert_eq!(sunday.label, "Sunday 29 March 2026");
        assert_eq!(sunday.ranges[0].label, "03:00–04:00");
        assert_eq!(weeks[0].total_minutes, 60);
    }

    #[test]
    fn an_absence_empties_its_days() {
        let tz = chrono_tz::Europe::Paris;
        let week = IsoWeek::containing(d(2026, 12, 7));
        let pats: Vec<_> = (0..7).map(|wd| row(wd, 540, 720)).collect();
        let absence = ExceptionRow {
            id: 1,
            volunteer_id: 1,
            kind: "absent".into(),
            start_date: d(2026, 12, 8),
            end_date: d(2026, 12, 9),
            start_minute: None,
            end_minute: None,
            start_utc: None,
            end_utc: None,
            preferred: false,
        };
        let weeks = coming_weeks(Lang::Fr, tz, week, 2, &pats, &[absence]);
        assert!(weeks[0].days[1].absent && weeks[0].days[1].ranges.is_empty());
        assert!(weeks[0].days[2].ranges.is_empty());
        assert_eq!(weeks[0].days[3].ranges.len(), 1);
        assert!(!weeks[1].days[1].absent);
        assert_eq!(weeks[1].days[1].ranges.len(), 1);
    }
}
