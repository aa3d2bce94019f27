//! Shared bits of the volunteer page tests: the seeded volunteer's id, a
//! second volunteer, dates relative to today in the centre's zone, and
//! reading one day of the coming-weeks view.

#![allow(clippy::unwrap_used)]

use astreinte::db::{users, volunteers};
use chrono::{Duration, NaiveDate};

use crate::helpers::{TestApp, PASSWORD};

/// Volunteer id of the seeded volunteer (`benevole@example.org`, centre A).
pub fn seeded_volunteer_id(app: &TestApp) -> i32 {
    let mut conn = app.db();
    volunteers::by_external_id(&mut conn, "v-test")
        .unwrap()
        .unwrap()
        .id
}

/// Creates a second volunteer of centre A who signs in with `email` and the shared password.
pub fn second_volunteer(app: &TestApp, email: &str) -> i32 {
    let mut conn = app.db();
    let hash = users::hash_password(PASSWORD).unwrap();
    let user = users::create(
        &mut conn,
        &users::NewUser {
            email: Some(email),
            display_name: "Autre Bénévole",
            lang: "fr",
            password_hash: Some(&hash),
            ..Default::default()
        },
    )
    .unwrap();
    let v = volunteers::upsert(&mut conn, user.id, "v-autre", &Default::default()).unwrap();
    volunteers::set_centres(&mut conn, v.id, &[app.centre_a]).unwrap();
    v.id
}

/// Today in Europe/Paris (centre A's zone) plus `days`.
pub fn paris_day(days: i64) -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
        + Duration::days(days)
}

/// The ISO week (e.g. "2026-W44") containing `date`, for `?semaine=`.
pub fn week_of(date: NaiveDate) -> String {
    astreinte::domain::week::IsoWeek::containing(date).to_string()
}

/// The `<li id="date-…">` element of the coming-weeks view, as text.
pub fn day_item(html: &str, date: NaiveDate) -> String {
    let marker = format!("<li id=\"date-{date}\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {marker} in page"));
    let end = html[start..].find("</li>").unwrap() + start;
    crate::helpers::unescape(&html[start..end])
}

/// The value of the selected option of `<select id="{id}">` ("" when none).
pub fn selected_value(html: &str, id: &str) -> String {
    let marker = format!("<select id=\"{id}\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {marker} in page"));
    let end = html[start..].find("</select>").unwrap() + start;
    let select = &html[start..end];
    select
        .split("<option")
        .find(|o| o.contains(" selected"))
        .and_then(|o| o.split('"').nth(1))
        .unwrap_or("")
        .to_string()
}
