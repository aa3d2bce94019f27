//! A small RFC 5545 (iCalendar) writer for shift calendars: personal feeds,
//! `.ics` downloads and e-mail attachments.
//!
//! - lines end with CRLF and are folded at 75 octets without splitting a
//!   UTF-8 character (RFC 5545 §3.1);
//! - TEXT values are escaped (`\\`, `\;`, `\,`, `\n`; §3.3.11);
//! - times are written as local times with `TZID=` of the centre's zone, and
//!   the calendar carries one `VTIMEZONE` per zone used, whose observances are
//!   the zone's actual transitions (computed from chrono-tz) over the years the
//!   events cover, so a client without the IANA database still gets the right
//!   instants. A zone without daylight saving time (Indian/Reunion) has a single
//!   `STANDARD` observance;
//! - a local time that falls in the repeated hour of an autumn change and
//!   means its *second* occurrence cannot be written with `TZID=` (RFC 5545
//!   reads the first occurrence): it is written in UTC instead;
//! - `DTSTAMP` and `LAST-MODIFIED` are the event's own modification time, so
//!   the same data always gives the same bytes (the feed's ETag is stable).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// `PRODID` of every calendar the application writes.
pub const PRODID: &str = "-//Astreinte//Astreinte rota//FR";

/// One event (a shift).
#[derive(Debug, Clone, PartialEq)]
pub struct IcalEvent {
    /// Globally unique and stable for the same shift across updates, so a
    /// client replaces the event instead of adding a second one.
    pub uid: String,
    pub start_utc: DateTime<Utc>,
    pub end_utc: DateTime<Utc>,
    /// The zone the times are shown in (the centre's).
    pub tz: Tz,
    pub summary: String,
    pub location: Option<String>,
    pub description: Option<String>,
    /// Incremented each time the event changes (RFC 5545 §3.8.7.4).
    pub sequence: u32,
    /// When the event last changed; written as `DTSTAMP` and `LAST-MODIFIED`.
    pub last_modified: DateTime<Utc>,
    /// A link back to the application.
    pub url: Option<String>,
    /// `STATUS:CANCELLED` (for a cancellation sent by e-mail).
    pub cancelled: bool,
}

impl IcalEvent {
    /// An event with no location, description or link, sequence 0.
    pub fn new(
        uid: impl Into<String>,
        start_utc: DateTime<Utc>,
        end_utc: DateTime<Utc>,
        tz: Tz,
        summary: impl Into<String>,
        last_modified: DateTime<Utc>,
    ) -> IcalEvent {
        IcalEvent {
            uid: uid.into(),
            start_utc,
            end_utc,
            tz,
            summary: summary.into(),
            location: None,
            description: None,
            sequence: 0,
            last_modified,
            url: None,
            cancelled: false,
        }
    }
}

/// A whole `VCALENDAR` (`METHOD:PUBLISH`) named `name`, with the events in
/// the given order and one `VTIMEZONE` per zone used.
pub fn calendar(name: &str, events: &[IcalEvent]) -> String {
    let mut out = Writer::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line(&format!("PRODID:{PRODID}"));
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.line(&format!("X-WR-CALNAME:{}", escape_text(name)));
    out.line("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    out.line("X-PUBLISHED-TTL:PT1H");

    // Years covered per zone (with a year's margin before, for the offset in
    // force at the first event).
    let mut zones: BTreeMap<&'static str, (Tz, i32, i32)> = BTreeMap::new();
    for e in events {
        let first = e
            .start_utc
            .with_timezone(&e.tz)
            .year()
            .min(e.start_utc.year());
        let last = e.end_utc.with_timezone(&e.tz).year().max(e.end_utc.year());
        let entry = zones.entry(e.tz.name()).or_insert((e.tz, first, last));
        entry.1 = entry.1.min(first);
        entry.2 = entry.2.max(last);
    }
    for (tz, first, last) in zones.values() {
        vtimezone(&mut out, *tz, *first, *last);
    }

    for e in events {
        out.line("BEGIN:VEVENT");
        out.line(&format!("UID:{}", escape_text(&e.uid)));
        out.line(&format!("DTSTAMP:{}", utc_stamp(e.last_modified)));
        out.line(&format!("LAST-MODIFIED:{}", utc_stamp(e.last_modified)));
        out.line(&format!("SEQUENCE:{}", e.sequence));
        out.line(&date_time_property("DTSTART", e.tz, e.start_utc));
        out.line(&date_time_property("DTEND", e.tz, e.end_utc));
        out.line(&format!("SUMMARY:{}", escape_text(&e.summary)));
        if let Some(location) = &e.location {
            out.line(&format!("LOCATION:{}", escape_text(location)));
        }
        if let Some(description) = &e.description {
            out.line(&format!("DESCRIPTION:{}", escape_text(description)));
        }
        if let Some(url) = &e.url {
            out.line(&format!("URL:{url}"));
        }
        out.line(if e.cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        out.line("TRANSP:OPAQUE");
        out.line("END:VEVENT");
    }
    out.line("END:VCALENDAR");
    out.text
}

#[derive(Default)]
struct Writer {
    text: String,
}

impl Writer {
    fn line(&mut self, content: &str) {
        self.text.push_str(&fold(content));
        self.text.push_str("\r\n");
    }
}

/// Folds a content line so that no physical line exceeds 75 octets (not
/// counting CRLF), never inside a UTF-8 character; continuation lines start
/// with one space (RFC 5545 §3.1). The result has no trailing CRLF.
pub fn fold(line: &str) -> String {
    const MAX: usize = 75;
    if line.len() <= MAX {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0usize;
    let mut limit = MAX;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if used + n > limit {
            out.push_str("\r\n ");
            used = 1;
            limit = MAX;
        }
        out.push(ch);
        used += n;
    }
    out
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and
/// line breaks (CRLF, CR or LF become `\n`).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `NAME;TZID=Zone:local` or, for the second occurrence of a repeated local
/// time, `NAME:utcZ`.
fn date_time_property(name: &str, tz: Tz, t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&tz).naive_local();
    let first_reading = match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(x) => Some(x),
        chrono::LocalResult::Ambiguous(a, b) => Some(if a < b { a } else { b }),
        chrono::LocalResult::None => None,
    };
    if first_reading.map(|x| x.with_timezone(&Utc)) == Some(t) {
        format!(
            "{name};TZID={}:{}",
            tz.name(),
            local.format("%Y%m%dT%H%M%S")
        )
    } else {
        format!("{name}:{}", utc_stamp(t))
    }
}

/// Total offset from UTC in seconds at `t`.
fn offset_at(tz: Tz, t: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&t.naive_utc())
        .fix()
        .local_minus_utc()
}

/// The instants in `[from, to)` where the zone's total offset changes.
pub fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut found = Vec::new();
    let step = Duration::hours(12);
    let mut t = from;
    while t < to {
        let next = (t + step).min(to);
        if offset_at(tz, t) != offset_at(tz, next) {
            // Bisect to the second: the change happens in (lo, hi].
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            let at = |secs: i64| DateTime::from_timestamp(secs, 0).unwrap_or(t);
            let before = offset_at(tz, t);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, at(mid)) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let hi = at(hi);
            found.push(hi);
        }
        t = next;
    }
    found
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let a = seconds.unsigned_abs();
    let (h, m, s) = (a / 3600, a % 3600 / 60, a % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

fn year_start(year: i32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|n| n.and_utc())
        .unwrap_or_default()
}

/// One `VTIMEZONE`: the observance in force at the start of `first_year`
/// (local Jan 1st, minus a day) then one observance per transition until the
/// end of `last_year`.
fn vtimezone(out: &mut Writer, tz: Tz, first_year: i32, last_year: i32) {
    let from = year_start(first_year) - Duration::days(1);
    let to = year_start(last_year + 1) + Duration::days(1);
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{}", tz.name()));
    let initial = offset_at(tz, from);
    observance(out, tz, from, initial, initial);
    let mut before = initial;
    for at in transitions(tz, from, to) {
        let after = offset_at(tz, at);
        observance(out, tz, at, before, after);
        before = after;
    }
    out.line("END:VTIMEZONE");
}

fn observance(out: &mut Writer, tz: Tz, at: DateTime<Utc>, from: i32, to: i32) {
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    let kind = if offset.dst_offset().is_zero() {
        "STANDARD"
    } else {
        "DAYLIGHT"
    };
    // DTSTART is the local time of the onset, read in the offset before it.
    let onset = (at + Duration::seconds(i64::from(from))).naive_utc();
    out.line(&format!("BEGIN:{kind}"));
    out.line(&format!("DTSTART:{}", onset.format("%Y%m%dT%H%M%S")));
    out.line(&format!("TZOFFSETFROM:{}", offset_text(from)));
    out.line(&format!("TZOFFSETTO:{}", offset_text(to)));
    if let Some(abbr) = offset.abbreviation() {
        out.line(&format!("TZNAME:{}", escape_text(abbr)));
    }
    out.line(&format!("END:{kind}"));
}

/// Parses the `TZOFFSETFROM`/`TZOFFSETTO` form back to seconds (tests and
/// readers of our own output).
pub fn parse_offset(s: &str) -> Option<i32> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    if !(rest.len() == 4 || rest.len() == 6) || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = rest[0..2].parse().ok()?;
    let m: i32 = rest[2..4].parse().ok()?;
    let sec: i32 = if rest.len() == 6 {
        rest[4..6].parse().ok()?
    } else {
        0
    };
    Some(sign * (h * 3600 + m * 60 + sec))
}

/// Unfolds a calendar text into its logical content lines (for tests and
/// for reading our own output back).
pub fn unfold(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for physical in text.split("\r\n") {
        if let Some(rest) = physical.strip_prefix(' ') {
            if let Some(last) = lines.last_mut() {
                last.push_str(rest);
                continue;
            }
        }
        if !physical.is_empty() {
            lines.push(physical.to_string());
        }
    }
    lines
}

/// Reads a `DTSTART`/`DTEND` line of our own output back to its instant,
/// using the calendar's own `VTIMEZONE` (not chrono-tz), so a test checks what
/// a client without the IANA database would compute.
pub fn read_instant(calendar: &str, line: &str) -> Option<DateTime<Utc>> {
    let (head, value) = line.split_once(':')?;
    let local =
        chrono::NaiveDateTime::parse_from_str(value.trim_end_matches('Z'), "%Y%m%dT%H%M%S").ok()?;
    if value.ends_with('Z') {
        return Some(local.and_utc());
    }
    let tzid = head.split(';').find_map(|p| p.strip_prefix("TZID="))?;
    // Observances of that zone: (onset local, from, to).
    let lines = unfold(calendar);
    let mut inside = false;
    let mut obs: Vec<(chrono::NaiveDateTime, i32, i32)> = Vec::new();
    let (mut start, mut from, mut to) = (None, None, None);
    for l in &lines {
        if l == "BEGIN:VTIMEZONE" {
            inside = false;
        } else if let Some(id) = l.strip_prefix("TZID:") {
            inside = id == tzid;
        } else if !inside {
            continue;
        } else if let Some(v) = l.strip_prefix("DTSTART:") {
            start = chrono::NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").ok();
        } else if let Some(v) = l.strip_prefix("TZOFFSETFROM:") {
            from = parse_offset(v);
        } else if let Some(v) = l.strip_prefix("TZOFFSETTO:") {
            to = parse_offset(v);
        } else if l == "END:STANDARD" || l == "END:DAYLIGHT" {
            obs.push((start.take()?, from.take()?, to.take()?));
        } else if l == "END:VTIMEZONE" {
            inside = false;
        }
    }
    // The observance in force: the last whose onset (in UTC) is not after the
    // first reading of the local time; RFC 5545 reads a repeated time as its
    // first occurrence, i.e. with the earlier (larger) offset.
    obs.sort_by_key(|(s, f, _)| *s - Duration::seconds(i64::from(*f)));
    let mut candidates: Vec<DateTime<Utc>> = Vec::new();
    for (i, (s, f, t)) in obs.iter().enumerate() {
        let onset = (*s - Duration::seconds(i64::from(*f))).and_utc();
        let end = obs
            .get(i + 1)
            .map(|(s2, f2, _)| (*s2 - Duration::seconds(i64::from(*f2))).and_utc());
        let instant = (local - Duration::seconds(i64::from(*t))).and_utc();
        if instant >= onset && end.is_none_or(|e| instant < e) {
            candidates.push(instant);
        }
    }
    candidates.into_iter().min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("valid RFC 3339")
            .with_timezone(&Utc)
    }

    fn event(tz: Tz, start: &str, end: &str) -> IcalEvent {
        IcalEvent::new(
            "shift-1@astreinte",
            utc(start),
            utc(end),
            tz,
            "Astreinte",
            utc("2026-10-01T08:00:00Z"),
        )
    }

    fn lines_of(cal: &str) -> Vec<String> {
        unfold(cal)
    }

    /// The first line starting with `prefix`, looked for in the events
    /// when the prefix is an event property (DTSTART also names observances).
    fn find<'a>(lines: &'a [String], prefix: &str) -> &'a str {
        let skip = if prefix.starts_with("DT") {
            lines.iter().position(|l| l == "BEGIN:VEVENT").unwrap_or(0)
        } else {
            0
        };
        lines
            .iter()
            .skip(skip)
            .find(|l| l.starts_with(prefix))
            .map(String::as_str)
            .unwrap_or_else(|| panic!("no line starting with {prefix}"))
    }

    #[test]
    fn long_lines_are_folded_at_75_octets_without_splitting_a_character() {
        let long = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold(&long);
        for physical in folded.split("\r\n") {
            assert!(physical.len() <= 75, "{} octets", physical.len());
            assert!(std::str::from_utf8(physical.as_bytes()).is_ok());
        }
        assert!(folded.split("\r\n").skip(1).all(|l| l.starts_with(' ')));
        assert_eq!(unfold(&folded), vec![long.clone()]);
        // A line of exactly 75 octets stays whole; 76 is folded.
        assert_eq!(fold(&"a".repeat(75)), "a".repeat(75));
        assert_eq!(fold(&"a".repeat(76)), format!("{}\r\n a", "a".repeat(75)));
        // Four-octet characters near the limit.
        let emoji = format!("SUMMARY:{}", "😀".repeat(40));
        for physical in fold(&emoji).split("\r\n") {
            assert!(physical.len() <= 75);
        }
        assert_eq!(unfold(&fold(&emoji)), vec![emoji]);
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(
            escape_text("a,b;c\\d\ne\r\nf\rg"),
            "a\\,b\\;c\\\\d\\ne\\nf\\ng"
        );
        let mut e = event(
            chrono_tz::Europe::Paris,
            "2026-06-01T06:00:00Z",
            "2026-06-01T10:00:00Z",
        );
        e.summary = "Écoute; nuit, Paris".into();
        e.description = Some("Binôme : A\nB".into());
        let cal = calendar("Mes astreintes, Paris", &[e]);
        let lines = lines_of(&cal);
        assert_eq!(find(&lines, "SUMMARY:"), "SUMMARY:Écoute\\; nuit\\, Paris");
        assert_eq!(find(&lines, "DESCRIPTION:"), "DESCRIPTION:Binôme : A\\nB");
        assert_eq!(
            find(&lines, "X-WR-CALNAME:"),
            "X-WR-CALNAME:Mes astreintes\\, Paris"
        );
    }

    #[test]
    fn every_line_ends_with_crlf_and_the_calendar_has_the_required_properties() {
        let cal = calendar(
            "x",
            &[event(
                chrono_tz::Europe::Paris,
                "2026-06-01T06:00:00Z",
                "2026-06-01T10:00:00Z",
            )],
        );
        assert!(cal.ends_with("END:VCALENDAR\r\n"));
        assert!(!cal.replace("\r\n", "").contains('\n'));
        assert!(!cal.replace("\r\n", "").contains('\r'));
        let lines = lines_of(&cal);
        for required in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "METHOD:PUBLISH",
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Paris",
            "BEGIN:VEVENT",
            "UID:shift-1@astreinte",
            "DTSTAMP:20261001T080000Z",
            "SEQUENCE:0",
        ] {
            assert!(lines.iter().any(|l| l == required), "missing {required}");
        }
        assert_eq!(
            find(&lines, "DTSTART"),
            "DTSTART;TZID=Europe/Paris:20260601T080000"
        );
    }

    #[test]
    fn a_night_shift_over_the_autumn_change_in_paris_has_the_right_local_times() {
        // Night of Saturday 24 to Sunday 25 October 2026 (last Sunday of
        // October): 22:00 CEST → 06:00 CET lasts 9 hours.
        let tz = chrono_tz::Europe::Paris;
        let e = event(tz, "2026-10-24T22:00:00+02:00", "2026-10-25T06:00:00+01:00");
        assert_eq!((e.end_utc - e.start_utc).num_hours(), 9);
        let cal = calendar("x", std::slice::from_ref(&e));
        let lines = lines_of(&cal);
        let start = find(&lines, "DTSTART;TZID");
        let end = find(&lines, "DTEND");
        assert_eq!(start, "DTSTART;TZID=Europe/Paris:20261024T220000");
        assert_eq!(end, "DTEND;TZID=Europe/Paris:20261025T060000");
        // Read back through the calendar's own VTIMEZONE.
        assert_eq!(read_instant(&cal, start), Some(e.start_utc));
        assert_eq!(read_instant(&cal, end), Some(e.end_utc));
        // The VTIMEZONE has the 2026 autumn change at 03:00 CEST → 02:00 CET.
        let text = lines.join("\n");
        assert!(
            text.contains(
                "BEGIN:STANDARD\nDTSTART:20261025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100"
            ),
            "{text}"
        );
        assert!(text.contains(
            "BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200"
        ));
    }

    #[test]
    fn a_time_in_the_repeated_hour_is_read_back_exactly() {
        let tz = chrono_tz::Europe::Paris;
        // 02:30 CET (second occurrence) cannot be written with TZID.
        let e = event(tz, "2026-10-25T02:30:00+01:00", "2026-10-25T05:00:00+01:00");
        let cal = calendar("x", std::slice::from_ref(&e));
        let lines = lines_of(&cal);
        let start = find(&lines, "DTSTART");
        assert_eq!(start, "DTSTART:20261025T013000Z");
        assert_eq!(read_instant(&cal, start), Some(e.start_utc));
        // The first occurrence is written in local time.
        let e = event(tz, "2026-10-25T02:30:00+02:00", "2026-10-25T05:00:00+01:00");
        let cal = calendar("x", std::slice::from_ref(&e));
        let lines = lines_of(&cal);
        let start = find(&lines, "DTSTART");
        assert_eq!(start, "DTSTART;TZID=Europe/Paris:20261025T023000");
        assert_eq!(read_instant(&cal, start), Some(e.start_utc));
    }

    #[test]
    fn a_reunion_shift_is_at_plus_four_with_a_single_standard_observance() {
        let tz = chrono_tz::Indian::Reunion;
        let e = event(tz, "2026-10-25T18:00:00+04:00", "2026-10-25T22:00:00+04:00");
        let cal = calendar("x", std::slice::from_ref(&e));
        let lines = lines_of(&cal);
        let start = find(&lines, "DTSTART");
        assert_eq!(start, "DTSTART;TZID=Indian/Reunion:20261025T180000");
        assert_eq!(
            find(&lines, "DTEND"),
            "DTEND;TZID=Indian/Reunion:20261025T220000"
        );
        assert_eq!(read_instant(&cal, start), Some(utc("2026-10-25T14:00:00Z")));
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:STANDARD").count(), 1);
        assert!(!lines.iter().any(|l| l == "BEGIN:DAYLIGHT"));
        assert!(lines.iter().any(|l| l == "TZOFFSETTO:+0400"));
    }

    #[test]
    fn one_vtimezone_per_zone_used() {
        let cal = calendar(
            "x",
            &[
                event(
                    chrono_tz::Europe::Paris,
                    "2026-06-01T06:00:00Z",
                    "2026-06-01T10:00:00Z",
                ),
                event(
                    chrono_tz::Europe::Paris,
                    "2026-06-02T06:00:00Z",
                    "2026-06-02T10:00:00Z",
                ),
                event(
                    chrono_tz::Indian::Reunion,
                    "2026-06-01T06:00:00Z",
                    "2026-06-01T10:00:00Z",
                ),
            ],
        );
        let lines = lines_of(&cal);
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VTIMEZONE").count(), 2);
        assert_eq!(
            lines.iter().filter(|l| *l == "TZID:Europe/Paris").count(),
            1
        );
    }

    #[test]
    fn transitions_of_paris_in_2026_are_the_two_changes() {
        let t = transitions(
            chrono_tz::Europe::Paris,
            utc("2026-01-01T00:00:00Z"),
            utc("2027-01-01T00:00:00Z"),
        );
        assert_eq!(
            t,
            vec![utc("2026-03-29T01:00:00Z"), utc("2026-10-25T01:00:00Z")]
        );
        assert_eq!(parse_offset("+0200"), Some(7200));
        assert_eq!(parse_offset("-0330"), Some(-12600));
        assert_eq!(offset_text(-12600), "-0330");
    }
}
