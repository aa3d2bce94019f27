//! Shared bits of the published-shift tests: skills, extra
//! volunteers, publishing a rota directly in the database, local instants,
//! and reading calendars.

#![allow(clippy::unwrap_used)]

use astreinte::db::rotas::{self, NewShift};
use astreinte::db::{skills, users, volunteers};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::helpers::{TestApp, PASSWORD};

/// The listening skill (code ECOUTE), created if needed.
pub fn listening(app: &TestApp) -> i32 {
    skills::upsert(&mut app.db(), "ECOUTE", "Écoute", "Listening")
        .unwrap()
        .id
}

/// A volunteer of `centre` who signs in with `email` and the shared password.
pub fn volunteer(app: &TestApp, email: &str, name: &str, phone: Option<&str>, centre: i32) -> i32 {
    let mut conn = app.db();
    let hash = users::hash_password(PASSWORD).unwrap();
    let user = users::create(
        &mut conn,
        &users::NewUser {
            email: Some(email),
            display_name: name,
            phone,
            lang: "fr",
            password_hash: Some(&hash),
            ..Default::default()
        },
    )
    .unwrap();
    let v = volunteers::upsert(&mut conn, user.id, email, &Default::default()).unwrap();
    volunteers::set_centres(&mut conn, v.id, &[centre]).unwrap();
    v.id
}

/// The instant of a local wall-clock time `"YYYY-MM-DD HH:MM"` in `tz`
/// (earliest reading of a repeated time).
pub fn local(tz: Tz, s: &str) -> NaiveDateTime {
    let n = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    tz.from_local_datetime(&n)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
        .naive_utc()
}

/// RFC 3339 instant → naive UTC.
pub fn utc(s: &str) -> NaiveDateTime {
    DateTime::parse_from_rfc3339(s).unwrap().naive_utc()
}

/// A staff shift.
pub fn shift(
    volunteer_id: i32,
    centre_id: i32,
    skill_id: i32,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> NewShift {
    NewShift {
        volunteer_id,
        centre_id,
        skill_id,
        role: "staff",
        start_utc: start,
        end_utc: end,
        locked: false,
    }
}

/// Monday of the ISO week containing the instant's UTC date (rotas are keyed by it).
pub fn monday_of(t: NaiveDateTime) -> NaiveDate {
    use chrono::Datelike;
    let d = t.date();
    d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// Publishes a new version of the week's rota (scope "all") with `shifts`;
/// the earlier published version becomes superseded. Returns the rota id.
pub fn publish(app: &TestApp, week: NaiveDate, shifts: &[NewShift]) -> i32 {
    let mut conn = app.db();
    let r = rotas::create(&mut conn, week, "all", "draft", None).unwrap();
    rotas::replace_shifts(&mut conn, r.id, shifts).unwrap();
    rotas::publish(&mut conn, r.id).unwrap();
    r.id
}

/// A draft (never published) version with `shifts`.
pub fn draft(app: &TestApp, week: NaiveDate, shifts: &[NewShift]) -> i32 {
    let mut conn = app.db();
    let r = rotas::create(&mut conn, week, "all", "draft", None).unwrap();
    rotas::replace_shifts(&mut conn, r.id, shifts).unwrap();
    r.id
}

/// The unfolded lines of each VEVENT of a calendar.
pub fn vevents(cal: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut cur: Option<Vec<String>> = None;
    for l in astreinte::ical::unfold(cal) {
        if l == "BEGIN:VEVENT" {
            cur = Some(Vec::new());
        } else if l == "END:VEVENT" {
            out.extend(cur.take());
        } else if let Some(c) = cur.as_mut() {
            c.push(l);
        }
    }
    out
}

/// The value of property `name` (`NAME:` or `NAME;…:`) of an event.
pub fn prop<'a>(event: &'a [String], name: &str) -> Option<&'a str> {
    event.iter().find_map(|l| {
        let rest = l.strip_prefix(name)?;
        if rest.starts_with(':') || rest.starts_with(';') {
            Some(l.as_str())
        } else {
            None
        }
    })
}

/// The text between `value="` after `id="{id}"` in a page.
pub fn input_value(html: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("no {marker}"));
    let v = html[start..].find("value=\"").unwrap() + start + 7;
    let end = html[v..].find('"').unwrap() + v;
    crate::helpers::unescape(&html[v..end])
}
