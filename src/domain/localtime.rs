//! Local wall-clock time in a centre's zone ↔ absolute instants.
//!
//! The rule used everywhere in the app (availability, demand, fixed
//! sessions): a local date plus a minute offset (which may pass 24:00) names
//! a wall-clock time; it maps to
//! - its instant when that local time exists once;
//! - the **earliest** instant when it exists twice (autumn fold), as
//!   FORMAT.md does for a repeated midnight;
//! - the **first valid instant after it** when it does not exist (spring
//!   gap): 02:30 on the spring-change day in Europe/Paris becomes 03:00 CEST.
//!
//! So a Sunday 00:00–06:00 range in the autumn-change week lasts 7 hours and
//! a 02:00–04:00 range on the spring-change day lasts 1 hour.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant of a local wall-clock time, by the rule above.
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let mut probe = local;
    // A gap lasts at most a few hours; step minute by minute to its end.
    for _ in 0..=(26 * 60) {
        match tz.from_local_datetime(&probe) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => return a.min(b).with_timezone(&Utc),
            LocalResult::None => {
                probe = next_whole_minute(probe);
            }
        }
    }
    // Unreachable for real zones; fall back to reading the time as UTC.
    Utc.from_utc_datetime(&local)
}

fn next_whole_minute(t: NaiveDateTime) -> NaiveDateTime {
    let secs = t.and_utc().timestamp();
    let next = (secs.div_euclid(60) + 1) * 60;
    DateTime::from_timestamp(next, 0).map_or(t + Duration::minutes(1), |d| d.naive_utc())
}

/// The instant of `date` at local minute `minute` (may exceed 1440).
pub fn instant_at(tz: Tz, date: NaiveDate, minute: i64) -> DateTime<Utc> {
    resolve_local(
        tz,
        date.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(minute),
    )
}

/// The earliest instant of a local date (its "00:00").
pub fn start_of_day(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    instant_at(tz, date, 0)
}

/// A range on a local date: `(date, start_minute, end_minute)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalRange {
    pub date: NaiveDate,
    pub start_minute: i64,
    pub end_minute: i64,
}

impl LocalRange {
    /// Its instants by the rule above.
    pub fn instants(&self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            instant_at(tz, self.date, self.start_minute),
            instant_at(tz, self.date, self.end_minute),
        )
    }
}

/// The local wall-clock form of `[start, end)`: the local date and minute of
/// `start`, and `end` as local minutes from that date's midnight (may pass
/// 1440), if and only if it maps back to exactly the same instants.
/// `None` when it does not (an instant in the repeated hour of a fold, or a
/// range whose local end is not after its local start).
pub fn to_local_range(tz: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> Option<LocalRange> {
    let ls = start.with_timezone(&tz).naive_local();
    let le = end.with_timezone(&tz).naive_local();
    let date = ls.date();
    let midnight = date.and_hms_opt(0, 0, 0)?;
    if ls.and_utc().timestamp() % 60 != 0 || le.and_utc().timestamp() % 60 != 0 {
        return None;
    }
    let r = LocalRange {
        date,
        start_minute: (ls - midnight).num_minutes(),
        end_minute: (le - midnight).num_minutes(),
    };
    if r.end_minute <= r.start_minute {
        return None;
    }
    (r.instants(tz) == (start, end)).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn autumn_fold_takes_the_earliest_instant() {
        let tz = chrono_tz::Europe::Paris;
        // 2026-10-25: 03:00 CEST becomes 02:00 CET.
        assert_eq!(
            instant_at(tz, d(2026, 10, 25), 150),
            utc("2026-10-25T02:30:00+02:00")
        );
        let r = LocalRange {
            date: d(2026, 10, 25),
            start_minute: 0,
            end_minute: 360,
        };
        let (s, e) = r.instants(tz);
        assert_eq!((e - s).num_minutes(), 420);
    }

    #[test]
    fn spring_gap_starts_at_the_first_valid_instant() {
        let tz = chrono_tz::Europe::Paris;
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST.
        assert_eq!(
            instant_at(tz, d(2026, 3, 29), 150),
            utc("2026-03-29T03:00:00+02:00")
        );
        let r = LocalRange {
            date: d(2026, 3, 29),
            start_minute: 120,
            end_minute: 240,
        };
        let (s, e) = r.instants(tz);
        assert_eq!(s, utc("2026-03-29T01:00:00Z"));
        assert_eq!((e - s).num_minutes(), 60);
    }

    #[test]
    fn local_form_round_trips_or_refuses() {
        let tz = chrono_tz::Europe::Paris;
        let s = utc("2026-10-25T00:00:00+02:00");
        let e = utc("2026-10-25T06:00:00+01:00");
        let r = to_local_range(tz, s, e).unwrap();
        assert_eq!(
            (r.date, r.start_minute, r.end_minute),
            (d(2026, 10, 25), 0, 360)
        );
        // The second 02:00 (CET) is not the earliest 02:00: no local form.
        assert!(to_local_range(
            tz,
            utc("2026-10-25T02:00:00+01:00"),
            utc("2026-10-25T04:00:00+01:00")
        )
        .is_none());
        // The first 02:00 (CEST) is.
        assert!(to_local_range(
            tz,
            utc("2026-10-25T02:00:00+02:00"),
            utc("2026-10-25T04:00:00+01:00")
        )
        .is_some());
    }

    #[test]
    fn reunion_has_no_dst() {
        let tz = chrono_tz::Indian::Reunion;
        let r = LocalRange {
            date: d(2026, 12, 13),
            start_minute: 1320,
            end_minute: 1440 + 120,
        };
        let (s, e) = r.instants(tz);
        assert_eq!(s, utc("2026-12-13T22:00:00+04:00"));
        assert_eq!((e - s).num_minutes(), 240);
        assert_eq!(to_local_range(tz, s, e), Some(r));
    }
}
