//! Week and instant arithmetic for the scenario format: RFC 3339 parsing with
//! the exact acceptance of `check.py`, the week's start and length in a time
//! zone (167/169 h across a DST change), slot <-> instant conversion and
//! formatting with the zone's offset.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::problem::{Problem, Slot};

/// An instant parsed from RFC 3339: whole POSIX seconds plus microseconds
/// (digits beyond the sixth are dropped, as Python does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant {
    pub secs: i64,
    pub micros: u32,
}

fn digits(b: &[u8]) -> Option<i64> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0i64, |a, &d| a * 10 + i64::from(d - b'0')))
}

/// Days from 1970-01-01 to a valid date.
fn days_from_epoch(d: NaiveDate) -> i64 {
    const EPOCH_CE_DAYS: i64 = 719_163; // 1970-01-01 counted from 0001-01-01 as day 1
    i64::from(d.num_days_from_ce()) - EPOCH_CE_DAYS
}

/// Parses `YYYY-MM-DD` (a real calendar date, year 1..9999).
pub fn parse_date(s: &str) -> Result<NaiveDate, &'static str> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err("not a YYYY-MM-DD date");
    }
    let (y, m, d) = match (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10])) {
        (Some(y), Some(m), Some(d)) => (y, m, d),
        _ => return Err("not a YYYY-MM-DD date"),
    };
    if y < 1 {
        return Err("not a valid date");
    }
    // Bounded above by the four digits, so the casts are lossless.
    NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32).ok_or("not a valid date")
}

/// Parses an RFC 3339 instant with an explicit offset (`Z`, `z` or
/// `+HH:MM`), `T`, `t` or a space between date and time, optional fraction.
pub fn parse_instant(s: &str) -> Result<Instant, &'static str> {
    const BAD: &str = "not an RFC 3339 instant with an explicit offset";
    let b = s.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') {
        return Err(BAD);
    }
    let date = parse_date(&s[..10]).map_err(|e| if e == "not a valid date" { e } else { BAD })?;
    if b[13] != b':' || b[16] != b':' {
        return Err(BAD);
    }
    let (h, mi, se) = match (digits(&b[11..13]), digits(&b[14..16]), digits(&b[17..19])) {
        (Some(h), Some(mi), Some(se)) => (h, mi, se),
        _ => return Err(BAD),
    };
    let mut rest = &b[19..];
    let mut micros = 0u32;
    if rest.first() == Some(&b'.') {
        let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Err(BAD);
        }
        for (i, &c) in rest[1..=n].iter().enumerate().take(6) {
            micros += u32::from(c - b'0') * 10u32.pow(5 - i as u32);
        }
        rest = &rest[1 + n..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (oh, om) = match (digits(&[*h1, *h2]), digits(&[*m1, *m2])) {
                (Some(oh), Some(om)) => (oh, om),
                _ => return Err(BAD),
            };
            let o = oh * 3600 + om * 60;
            if o >= 86_400 {
                return Err("offset out of range");
            }
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return Err(BAD),
    };
    if h > 23 || mi > 59 || se > 59 {
        return Err("time out of range");
    }
    let secs = days_from_epoch(date) * 86_400 + h * 3600 + mi * 60 + se - offset;
    Ok(Instant { secs, micros })
}

/// POSIX seconds of a UTC `DateTime`.
fn to_secs(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

/// The earliest instant of local midnight on `date` in `tz`, as Python's
/// `datetime(y, m, d, tzinfo=ZoneInfo(tz)).timestamp()` (fold 0: where
/// midnight is repeated, its first occurrence; where it is skipped, local
/// midnight read with the offset in force before the change).
pub fn local_midnight(tz: Tz, date: NaiveDate) -> i64 {
    let naive = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    let wall = days_from_epoch(date) * 86_400;
    match tz.offset_from_local_datetime(&naive) {
        chrono::LocalResult::Single(o) => wall - i64::from(o.fix().local_minus_utc()),
        chrono::LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.fix().local_minus_utc(), b.fix().local_minus_utc());
            wall - i64::from(a.max(b))
        }
        chrono::LocalResult::None => {
            let before = Utc.timestamp_opt(wall - 86_400, 0).single();
            let o = before.map_or(0, |t| {
                tz.offset_from_utc_datetime(&t.naive_utc())
                    .fix()
                    .local_minus_utc()
            });
            wall - i64::from(o)
        }
    }
}

/// Local date in `tz` of a POSIX instant.
pub fn local_date(tz: Tz, secs: i64) -> NaiveDate {
    let t = Utc.timestamp_opt(secs, 0).single().unwrap_or_default();
    t.with_timezone(&tz).date_naive()
}

/// RFC 3339 text of a POSIX instant with the zone's offset at that instant,
/// e.g. `2026-12-07T09:00:00+01:00` (UTC `Z` form where the offset is not a
/// whole number of minutes, which RFC 3339 cannot write).
pub fn format_instant(tz: Tz, secs: i64) -> String {
    let t = Utc.timestamp_opt(secs, 0).single().unwrap_or_default();
    let local = t.with_timezone(&tz);
    if local.offset().fix().local_minus_utc() % 60 != 0 {
        return t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    }
    local.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A week in a time zone with its slot grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    pub tz: Tz,
    pub week_start: NaiveDate,
    /// POSIX seconds of local Monday 00:00.
    pub start: i64,
    /// Elapsed minutes to the next local Monday 00:00 (10,020/10,080/10,140 around DST).
    pub minutes: i64,
}

impl Week {
    /// The week starting on local `week_start` (not checked to be a Monday).
    pub fn new(tz: Tz, week_start: NaiveDate) -> Week {
        let start = local_midnight(tz, week_start);
        let next = week_start + Duration::days(7);
        let end = local_midnight(tz, next);
        Week {
            tz,
            week_start,
            start,
            minutes: (end - start).div_euclid(60),
        }
    }

    /// Slot index (possibly outside the week) of an instant, or `None` when
    /// it is not on the grid of `slot_minutes`.
    pub fn slot_of(&self, t: Instant, slot_minutes: u32) -> Option<i64> {
        let step = i64::from(slot_minutes) * 60;
        let delta = t.secs.checked_sub(self.start)?;
        if t.micros != 0 || step == 0 || delta % step != 0 {
            return None;
        }
        Some(delta / step)
    }
}

impl Problem {
    /// POSIX seconds of the start of `slot` (slot `n_slots` is the week's end).
    pub fn slot_secs(&self, slot: Slot) -> i64 {
        to_secs(self.start_utc) + i64::from(slot) * i64::from(self.slot_minutes) * 60
    }

    /// Instant at which `slot` starts.
    pub fn slot_start(&self, slot: Slot) -> DateTime<Utc> {
        Utc.timestamp_opt(self.slot_secs(slot), 0)
            .single()
            .unwrap_or(self.start_utc)
    }

    /// RFC 3339 text of the start of `slot` with the scenario zone's offset.
    pub fn format_slot(&self, slot: Slot) -> String {
        format_instant(self.timezone, self.slot_secs(slot))
    }

    /// Local date (in the scenario's zone) of the start of `slot`.
    pub fn slot_date(&self, slot: Slot) -> NaiveDate {
        local_date(self.timezone, self.slot_secs(slot))
    }

    /// Local date of every slot of the week, index = slot.
    pub fn slot_dates(&self) -> Vec<NaiveDate> {
        (0..self.n_slots).map(|k| self.slot_date(k)).collect()
    }

    /// Length of the week in elapsed minutes (`n_slots * slot_minutes`).
    pub fn week_minutes(&self) -> u32 {
        self.n_slots * self.slot_minutes
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn instants_parse_like_python() {
        let ok = |s: &str| parse_instant(s).map(|t| (t.secs, t.micros));
        assert_eq!(ok("2026-12-07T09:00:00+01:00"), Ok((1_796_630_400, 0)));
        assert_eq!(ok("2026-12-07t09:00:00z"), Ok((1_796_634_000, 0)));
        assert_eq!(ok("2026-12-07 09:00:00Z"), Ok((1_796_634_000, 0)));
        assert_eq!(
            ok("2026-12-07T09:00:00.0000009+01:00"),
            Ok((1_796_630_400, 0))
        );
        assert_eq!(
            ok("2026-12-07T09:00:00.5+01:00"),
            Ok((1_796_630_400, 500_000))
        );
        assert_eq!(ok("2026-12-07T09:00:00+00:99"), Ok((1_796_628_060, 0)));
        assert_eq!(ok("0001-01-01T00:00:00+23:00"), Ok((-62_135_679_600, 0)));
        for bad in [
            "2026-12-07T24:00:00+01:00",
            "2026-12-07T23:59:60+01:00",
            "2026-12-07T09:00:00+24:00",
            "2026-12-07T09:00:00+23:60",
            "2026-12-07T09:00:00+01:00\n",
            "2026-02-30T09:00:00+01:00",
            "0000-12-07T09:00:00+01:00",
            "2026-12-07T09:00:00.+01:00",
            "2026-12-07T09:00:00",
            "2026-12-07T09:00+01:00",
            "٢٠٢٦-12-07T09:00:00+01:00",
        ] {
            assert!(parse_instant(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dst_weeks_have_167_and_169_hours() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let d = |s| parse_date(s).unwrap();
        assert_eq!(Week::new(paris, d("2026-12-07")).minutes, 168 * 60);
        assert_eq!(Week::new(paris, d("2026-03-23")).minutes, 167 * 60);
        assert_eq!(Week::new(paris, d("2026-10-19")).minutes, 169 * 60);
        let w = Week::new(paris, d("2026-12-07"));
        assert_eq!(format_instant(paris, w.start), "2026-12-07T00:00:00+01:00");
    }
}
