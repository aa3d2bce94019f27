//! Shared set-up of the coordinator-page tests: skills, volunteers
//! of centre A with qualifications and availability, multipart uploads.

#![allow(clippy::unwrap_used)]

use astreinte::db::schema::skills as skills_t;
use astreinte::db::{availability, skills, users, volunteers, DbConnection};
use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use reqwest::Client;

use crate::helpers::TestApp;

pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// A skill with a validity in months; returns its id.
pub fn skill(conn: &mut DbConnection, code: &str, months: Option<i32>) -> i32 {
    let s = skills::upsert(conn, code, &format!("{code} fr"), &format!("{code} en")).unwrap();
    diesel::update(skills_t::table.find(s.id))
        .set(skills_t::validity_months.eq(months))
        .execute(conn)
        .unwrap();
    s.id
}

/// A volunteer of `centre`; returns the volunteer id.
pub fn volunteer(conn: &mut DbConnection, name: &str, email: &str, centre: i32) -> i32 {
    let u = users::create(
        conn,
        &users::NewUser {
            email: Some(email),
            display_name: name,
            lang: "fr",
            ..Default::default()
        },
    )
    .unwrap();
    let v = volunteers::upsert(conn, u.id, &format!("t-{email}"), &Default::default()).unwrap();
    volunteers::set_centres(conn, v.id, &[centre]).unwrap();
    v.id
}

/// Gives the volunteer a weekly range (Monday 09:00–12:00).
pub fn with_pattern(conn: &mut DbConnection, id: i32) {
    availability::replace_patterns(
        conn,
        id,
        &[availability::NewPattern {
            weekday: 0,
            start_minute: 540,
            end_minute: 720,
            preferred: false,
        }],
    )
    .unwrap();
}

/// Absent from a week ago for a year.
pub fn absent_for_a_year(conn: &mut DbConnection, id: i32) {
    availability::add_exception(
        conn,
        id,
        &availability::NewException {
            kind: "absent",
            start_date: today() - Duration::days(7),
            end_date: today() + Duration::days(365),
            start_minute: None,
            end_minute: None,
            start_utc: None,
            end_utc: None,
            preferred: false,
        },
    )
    .unwrap();
}

/// A multipart body with a CSRF token and a file; returns (content type, body).
pub fn multipart(token: &str, file_field: &str, file: &[u8]) -> (String, Vec<u8>) {
    let b = "----astreinte-test-7d1f";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"benevoles.csv\"\r\n\
             Content-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={b}"), body)
}

/// Uploads `file` to `path` as the import form does.
pub async fn upload(app: &TestApp, c: &Client, path: &str, file: &[u8]) -> reqwest::Response {
    let token = app.csrf(c).await;
    let (ct, body) = multipart(&token, "csv_file", file);
    c.post(app.url(path))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap()
}

/// The value of the hidden `contenu` field of the preview page.
pub fn hidden_content(html: &str) -> String {
    let marker = "name=\"contenu\" value=\"";
    let start = html.find(marker).expect("no content field") + marker.len();
    let end = html[start..].find('"').unwrap();
    crate::helpers::unescape(&html[start..start + end])
}

/// Number of accounts with this display name.
pub fn users_named(conn: &mut DbConnection, name: &str) -> i64 {
    use astreinte::db::schema::users as u;
    u::table
        .filter(u::display_name.eq(name))
        .count()
        .get_result(conn)
        .unwrap()
}
