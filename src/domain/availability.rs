//! Availability materialisation: weekly patterns minus "absent" exceptions
//! plus "extra" exceptions → windows as absolute instants for one ISO week
//! in a centre's time zone (local times resolved by `localtime`'s rule).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use super::localtime::{instant_at, start_of_day, LocalRange};
use super::week::IsoWeek;

/// A recurring weekly range (weekday 0 = Monday; local minutes from that
/// day's midnight, `end_minute` up to 2880 to run past midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyRange {
    pub weekday: u32,
    pub start_minute: i64,
    pub end_minute: i64,
    pub preferred: bool,
}

/// Absent from (`start_date`, `start_minute` or 00:00) to (`end_date`,
/// `end_minute` or 24:00), local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Absence {
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub start_minute: Option<i64>,
    pub end_minute: Option<i64>,
}

/// Extra availability: every date of `[start_date, end_date]` from
/// `start_minute` (or 00:00) to `end_minute` (or 24:00) local time, or an
/// exact pair of instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
    Local {
        start_date: NaiveDate,
        end_date: NaiveDate,
        start_minute: Option<i64>,
        end_minute: Option<i64>,
        preferred: bool,
    },
    Exact {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        preferred: bool,
    },
}

/// An availability window of the week, `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct AvailWindow {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub preferred: bool,
}

/// The week's bounds: local Monday 00:00 to next local Monday 00:00.
pub fn week_bounds(tz: Tz, week: IsoWeek) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        start_of_day(tz, week.monday()),
        start_of_day(tz, week.next_monday()),
    )
}

/// The occurrences of a weekly range that touch `week`, unclipped: the one
/// on this week's weekday, plus the previous Sunday's when it runs past
/// midnight into this Monday.
pub fn weekly_occurrences(
    tz: Tz,
    week: IsoWeek,
    weekday: u32,
    start_minute: i64,
    end_minute: i64,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut out = Vec::with_capacity(2);
    let mut dates = vec![week.monday() + Duration::days(i64::from(weekday.min(6)))];
    if weekday == 6 && end_minute > 1440 {
        dates.push(week.monday() - Duration::days(1));
    }
    for date in dates {
        let (s, e) = LocalRange {
            date,
            start_minute,
            end_minute,
        }
        .instants(tz);
        if s < e {
            out.push((s, e));
        }
    }
    out
}

fn clip(
    (s, e): (DateTime<Utc>, DateTime<Utc>),
    (ws, we): (DateTime<Utc>, DateTime<Utc>),
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let s = s.max(ws);
    let e = e.min(we);
    (s < e).then_some((s, e))
}

/// Removes `[cs, ce)` from each window (splitting where needed).
fn subtract(windows: Vec<AvailWindow>, cs: DateTime<Utc>, ce: DateTime<Utc>) -> Vec<AvailWindow> {
    let mut out = Vec::with_capacity(windows.len());
    for w in windows {
        if ce <= w.start || w.end <= cs {
            out.push(w);
            continue;
        }
        if w.start < cs {
            out.push(AvailWindow { end: cs, ..w });
        }
        if ce < w.end {
            out.push(AvailWindow { start: ce, ..w });
        }
    }
    out
}

/// The volunteer's windows in `week`: patterns, minus absences, plus extras,
/// each clipped to the week. Windows are kept as given (overlaps are not
/// merged), sorted by start.
pub fn materialise(
    tz: Tz,
    week: IsoWeek,
    patterns: &[WeeklyRange],
    absences: &[Absence],
    extras: &[Extra],
) -> Vec<AvailWindow> {
    let bounds = week_bounds(tz, week);
    let mut windows: Vec<AvailWindow> = patterns
        .iter()
        .flat_map(|p| {
            weekly_occurrences(tz, week, p.weekday, p.start_minute, p.end_minute)
                .into_iter()
                .filter_map(|occ| clip(occ, bounds))
                .map(|(start, end)| AvailWindow {
                    start,
                    end,
                    preferred: p.preferred,
                })
        })
        .collect();
    for a in absences {
        let cs = instant_at(tz, a.start_date, a.start_minute.unwrap_or(0));
        let ce = instant_at(tz, a.end_date, a.end_minute.unwrap_or(1440));
        if cs < ce {
            windows = subtract(windows, cs, ce);
        }
    }
    for x in extras {
        match *x {
            Extra::Exact {
                start,
                end,
                preferred,
            } => {
                if let Some((start, end)) = clip((start, end), bounds) {
                    windows.push(AvailWindow {
                        start,
                        end,
                        preferred,
                    });
                }
            }
            Extra::Local {
                start_date,
                end_date,
                start_minute,
                end_minute,
                preferred,
            } => {
                let mut date = start_date.max(week.monday() - Duration::days(1));
                let last = end_date.min(week.next_monday());
                while date <= last {
                    let r = LocalRange {
                        date,
                        start_minute: start_minute.unwrap_or(0),
                        end_minute: end_minute.unwrap_or(1440),
                    };
                    if let Some((start, end)) = clip(r.instants(tz), bounds) {
                        windows.push(AvailWindow {
                            start,
                            end,
                            preferred,
                        });
                    }
                    date += Duration::days(1);
                }
            }
        }
    }
    windows.sort();
    windows
}

#[cfg(test)]
mod tests;
