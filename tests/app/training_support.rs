//! Shared set-up of the training tests: a skill with a
//! validity, volunteers of centre A who can sign in, weekly availability,
//! sessions, and dates in the coming weeks.

#![allow(clippy::unwrap_used)]

use astreinte::db::schema::skills as skills_t;
use astreinte::db::training::{self as q, SessionFields};
use astreinte::db::{availability, skills, users, volunteers, DbConnection};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;

use crate::helpers::PASSWORD;

/// A skill with a validity in months; returns its id.
pub fn skill(conn: &mut DbConnection, code: &str, months: Option<i32>) -> i32 {
    let s = skills::upsert(conn, code, &format!("{code} fr"), &format!("{code} en")).unwrap();
    diesel::update(skills_t::table.find(s.id))
        .set(skills_t::validity_months.eq(months))
        .execute(conn)
        .unwrap();
    s.id
}

/// A volunteer of `centre` who can sign in with [`PASSWORD`]; returns the volunteer id.
pub fn volunteer(conn: &mut DbConnection, name: &str, email: &str, centre: i32) -> i32 {
    let hash = users::hash_password(PASSWORD).unwrap();
    let u = users::create(
        conn,
        &users::NewUser {
            email: Some(email),
            display_name: name,
            lang: "fr",
            password_hash: Some(&hash),
            ..Default::default()
        },
    )
    .unwrap();
    let v = volunteers::upsert(conn, u.id, &format!("t-{email}"), &Default::default()).unwrap();
    volunteers::set_centres(conn, v.id, &[centre]).unwrap();
    v.id
}

/// Weekly availability on the given weekdays (0 = Monday), 08:00–20:00.
pub fn available_on(conn: &mut DbConnection, id: i32, weekdays: &[i32]) {
    let p: Vec<availability::NewPattern> = weekdays
        .iter()
        .map(|&w| availability::NewPattern {
            weekday: w,
            start_minute: 480,
            end_minute: 1200,
            preferred: false,
        })
        .collect();
    availability::replace_patterns(conn, id, &p).unwrap();
}

/// The Monday of the week after next (a date safely in the future).
pub fn monday_in_two_weeks() -> NaiveDate {
    let today = chrono::Utc::now().date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    monday + Duration::days(14)
}

/// 14:00–17:00 Paris time on `d` as UTC instants (winter or summer offset).
pub fn afternoon(d: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    let tz = chrono_tz::Europe::Paris;
    let at = |h| {
        astreinte::domain::localtime::resolve_local(
            tz,
            d.and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap()),
        )
        .naive_utc()
    };
    (at(14), at(17))
}

/// A session of `centre` on `d`, 14:00–17:00 Paris time; returns its id.
pub fn session(
    conn: &mut DbConnection,
    skill_id: i32,
    centre: i32,
    d: NaiveDate,
    capacity: i32,
    grants: &'static str,
) -> i32 {
    let (s, e) = afternoon(d);
    q::create_session(
        conn,
        &SessionFields {
            skill_id,
            centre_id: centre,
            remote: false,
            start_utc: s,
            end_utc: e,
            trainer: "Formatrice".into(),
            capacity,
            grants,
        },
        1,
    )
    .unwrap()
}

/// Every `value` of `name="pair"` checkboxes in a page.
pub fn pairs_in(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let marker = "name=\"pair\" type=\"checkbox\" value=\"";
    let mut rest = html;
    while let Some(i) = rest.find(marker) {
        rest = &rest[i + marker.len()..];
        let end = rest.find('"').unwrap();
        out.push(rest[..end].to_string());
    }
    out.sort();
    out
}
