//! The personal calendar feed `/calendrier/{token}.ics`: created, shown once,
//! served without a session, rotated and revoked; only a hash is stored;
//! stable UIDs with SEQUENCE bumped when a shift changes; ETag revalidation;
//! local times across the autumn change in Paris and in Réunion; names only
//! for the binôme; one volunteer never sees another's feed.

#![allow(clippy::unwrap_used)]

use astreinte::db::schema::calendar_tokens;
use chrono::{Duration, NaiveDate};
use chrono_tz::Europe::Paris;
use chrono_tz::Indian::Reunion;
use diesel::prelude::*;
use reqwest::{Client, StatusCode};

use crate::helpers::{client, spawn_app, Role, TestApp};
use crate::my_shifts_support::{
    input_value, listening, local, monday_of, prop, publish, shift, utc, vevents, volunteer,
};
use crate::volunteer_support::{paris_day, seeded_volunteer_id};

/// Creates (or rotates) the feed of `who` and returns its path.
async fn create_feed(app: &TestApp, who: &Client) -> String {
    let r = app.post_form(who, "/mes-astreintes/calendrier", &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    let url = input_value(&html, "feed-url");
    let path = url
        .find("/calendrier/")
        .map(|i| url[i..].to_string())
        .unwrap();
    assert!(path.ends_with(".ics"));
    path
}

async fn fetch(app: &TestApp, path: &str) -> reqwest::Response {
    client().get(app.url(path)).send().await.unwrap()
}

#[tokio::test]
async fn a_feed_url_is_shown_once_works_without_a_session_and_only_its_hash_is_stored() {
    let app = spawn_app().await;
    let skill = listening(&app);
    let me = seeded_volunteer_id(&app);
    let day = paris_day(3);
    let s = local(Paris, &format!("{day} 14:00"));
    publish(
        &app,
        monday_of(s),
        &[shift(me, app.centre_a, skill, s, s + Duration::hours(2))],
    );

    let vol = app.client_as(Role::Volunteer).await;
    let path = create_feed(&app, &vol).await;
    let token = path
        .trim_start_matches("/calendrier/")
        .trim_end_matches(".ics")
        .to_string();
    // Shown once: the page afterwards says it is active but does not show it.
    let html = app.text(&vol, "/mes-astreintes").await;
    assert!(html.contains("id=\"feed-active\""));
    assert!(!html.contains(&token));
    // Stored as its SHA-256 only.
    let hashes: Vec<String> = calendar_tokens::table
        .select(calendar_tokens::token_hash)
        .load(&mut app.db())
        .unwrap();
    assert_eq!(hashes, vec![astreinte::auth::tokens::hash_token(&token)]);
    assert!(!hashes.contains(&token));

    // A client without any session gets the calendar.
    let r = fetch(&app, &path).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    assert!(r.headers().contains_key("etag"));
    assert!(r.headers().contains_key("last-modified"));
    let cal = r.text().await.unwrap();
    let ev = vevents(&cal);
    assert_eq!(ev.len(), 1);
    assert_eq!(
        prop(&ev[0], "DTSTART").unwrap(),
        format!("DTSTART;TZID=Europe/Paris:{}T140000", day.format("%Y%m%d"))
    );
}

#[tokio::test]
async fn rotating_or_revoking_the_feed_makes_the_old_url_unknown() {
    let app = spawn_app().await;
    let vol = app.client_as(Role::Volunteer).await;
    let first = create_feed(&app, &vol).await;
    assert_eq!(fetch(&app, &first).await.status(), StatusCode::OK);
    let second = create_feed(&app, &vol).await;
    assert_ne!(first, second);
    assert_eq!(fetch(&app, &first).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(fetch(&app, &second).await.status(), StatusCode::OK);

    let r = app
        .post_form(&vol, "/mes-astreintes/calendrier/revoquer", &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"],
        "/mes-astreintes?calendrier=revoque"
    );
    assert_eq!(fetch(&app, &second).await.status(), StatusCode::NOT_FOUND);
    let html = app
        .get(&vol, "/mes-astreintes?calendrier=revoque")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"feed-notice\""));
    assert!(html.contains("id=\"feed-inactive\""));
    // Unknown and malformed tokens are 404 too.
    let unknown = format!("/calendrier/{}.ics", "A".repeat(43));
    assert_eq!(fetch(&app, &unknown).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        fetch(&app, "/calendrier/court.ics").await.status(),
        StatusCode::NOT_FOUND
    );
    // Audit: created twice, revoked twice (rotation + revocation), ids only.
    let entries = astreinte::db::audit::search(
        &mut app.db(),
        &astreinte::db::audit::Filter {
            action_prefix: Some("calendar_token.".into()),
            ..Default::default()
        },
        50,
    )
    .unwrap();
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.action == "calendar_token.create")
            .count(),
        2
    );
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.action == "calendar_token.revoke")
            .count(),
        1
    );
}

#[tokio::test]
async fn a_republished_shift_keeps_its_uid_and_its_sequence_counts_the_changes() {
    let app = spawn_app().await;
    let skill = listening(&app);
    let me = seeded_volunteer_id(&app);
    let day = paris_day(8);
    let d = |hm: &str| local(Paris, &format!("{day} {hm}"));
    let week = monday_of(d("12:00"));
    publish(
        &app,
        week,
        &[
            shift(me, app.centre_a, skill, d("08:00"), d("12:00")),
            shift(me, app.centre_a, skill, d("18:00"), d("22:00")),
        ],
    );
    let vol = app.client_as(Role::Volunteer).await;
    let path = create_feed(&app, &vol).await;
    let r1 = fetch(&app, &path).await;
    let etag1 = r1.headers()["etag"].to_str().unwrap().to_string();
    let cal1 = r1.text().await.unwrap();
    let ev1 = vevents(&cal1);
    assert_eq!(ev1.len(), 2);
    for e in &ev1 {
        assert_eq!(prop(e, "SEQUENCE").unwrap(), "SEQUENCE:0");
    }
    // Revalidation: same content → 304.
    let r = client()
        .get(app.url(&path))
        .header("if-none-match", &etag1)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);

    // A new version moves the evening shift by one hour (new row ids).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    publish(
        &app,
        week,
        &[
            shift(me, app.centre_a, skill, d("08:00"), d("12:00")),
            shift(me, app.centre_a, skill, d("19:00"), d("23:00")),
        ],
    );
    let r2 = client()
        .get(app.url(&path))
        .header("if-none-match", &etag1)
        .send()
        .await
        .unwrap();
    assert_eq!(r2.status(), StatusCode::OK, "the content changed");
    assert_ne!(r2.headers()["etag"].to_str().unwrap(), etag1);
    let cal2 = r2.text().await.unwrap();
    let ev2 = vevents(&cal2);
    assert_eq!(ev2.len(), 2);
    assert_eq!(prop(&ev1[0], "UID"), prop(&ev2[0], "UID"));
    assert_eq!(prop(&ev1[1], "UID"), prop(&ev2[1], "UID"));
    assert_eq!(prop(&ev2[0], "SEQUENCE").unwrap(), "SEQUENCE:0");
    assert_eq!(prop(&ev2[1], "SEQUENCE").unwrap(), "SEQUENCE:1");
    assert_eq!(
        prop(&ev1[0], "LAST-MODIFIED"),
        prop(&ev2[0], "LAST-MODIFIED")
    );
    assert_ne!(
        prop(&ev1[1], "LAST-MODIFIED"),
        prop(&ev2[1], "LAST-MODIFIED")
    );
    assert_eq!(
        prop(&ev2[1], "DTSTART").unwrap(),
        format!("DTSTART;TZID=Europe/Paris:{}T190000", day.format("%Y%m%d"))
    );
}

#[tokio::test]
async fn feed_times_are_right_across_the_autumn_change_in_paris_and_in_reunion() {
    let app = spawn_app().await;
    let skill = listening(&app);
    let me = seeded_volunteer_id(&app);
    // Night of Saturday 30 to Sunday 31 October 2027 (last Sunday of October):
    // 22:00 CEST → 06:00 CET, 9 hours.
    let s = utc("2027-10-30T22:00:00+02:00");
    let e = utc("2027-10-31T06:00:00+01:00");
    assert_eq!((e - s).num_hours(), 9);
    let r_start = utc("2027-11-02T18:00:00+04:00");
    let week = NaiveDate::from_ymd_opt(2027, 10, 25).unwrap();
    publish(&app, week, &[shift(me, app.centre_a, skill, s, e)]);
    publish(
        &app,
        NaiveDate::from_ymd_opt(2027, 11, 1).unwrap(),
        &[shift(
            me,
            app.centre_b,
            skill,
            r_start,
            r_start + Duration::hours(4),
        )],
    );
    let vol = app.client_as(Role::Volunteer).await;
    let path = create_feed(&app, &vol).await;
    let cal = fetch(&app, &path).await.text().await.unwrap();
    let ev = vevents(&cal);
    assert_eq!(ev.len(), 2);
    let start = prop(&ev[0], "DTSTART").unwrap();
    let end = prop(&ev[0], "DTEND").unwrap();
    assert_eq!(start, "DTSTART;TZID=Europe/Paris:20271030T220000");
    assert_eq!(end, "DTEND;TZID=Europe/Paris:20271031T060000");
    // Read back through the feed's own VTIMEZONE, as a client would.
    assert_eq!(
        astreinte::ical::read_instant(&cal, start)
            .unwrap()
            .naive_utc(),
        s
    );
    assert_eq!(
        astreinte::ical::read_instant(&cal, end)
            .unwrap()
            .naive_utc(),
        e
    );
    let rs = prop(&ev[1], "DTSTART").unwrap();
    assert_eq!(rs, "DTSTART;TZID=Indian/Reunion:20271102T180000");
    assert_eq!(
        astreinte::ical::read_instant(&cal, rs).unwrap().naive_utc(),
        r_start
    );
    assert!(cal.contains("TZID:Indian/Reunion\r\nBEGIN:STANDARD\r\n"));
    assert_eq!(
        r_start
            .and_utc()
            .with_timezone(&Reunion)
            .format("%z")
            .to_string(),
        "+0400"
    );
}

#[tokio::test]
async fn a_feed_names_only_the_binome_and_never_shows_another_volunteers_shifts() {
    let app = spawn_app().await;
    let skill = listening(&app);
    let me = seeded_volunteer_id(&app);
    let bruno = volunteer(
        &app,
        "bruno@example.org",
        "Bruno Binôme",
        None,
        app.centre_a,
    );
    let claire = volunteer(
        &app,
        "claire@example.org",
        "Claire Ailleurs",
        None,
        app.centre_a,
    );
    let day = paris_day(6);
    let d = |hm: &str| local(Paris, &format!("{day} {hm}"));
    publish(
        &app,
        monday_of(d("12:00")),
        &[
            shift(me, app.centre_a, skill, d("10:00"), d("14:00")),
            shift(bruno, app.centre_a, skill, d("12:00"), d("16:00")),
            shift(claire, app.centre_a, skill, d("16:00"), d("20:00")),
        ],
    );
    let vol = app.client_as(Role::Volunteer).await;
    let mine = create_feed(&app, &vol).await;
    let cal = fetch(&app, &mine).await.text().await.unwrap();
    let ev = vevents(&cal);
    assert_eq!(ev.len(), 1);
    let desc = prop(&ev[0], "DESCRIPTION").unwrap();
    assert!(desc.contains("Bruno Binôme"), "{desc}");
    assert!(!cal.contains("Claire"));

    // Claire's own feed has her shift only, and names nobody.
    let claire_client = client();
    app.login(
        &claire_client,
        "claire@example.org",
        crate::helpers::PASSWORD,
    )
    .await;
    let hers = create_feed(&app, &claire_client).await;
    assert_ne!(hers, mine);
    let cal = fetch(&app, &hers).await.text().await.unwrap();
    let ev = vevents(&cal);
    assert_eq!(ev.len(), 1);
    assert!(prop(&ev[0], "DTSTART").unwrap().ends_with("T160000"));
    assert!(!cal.contains("Bruno"));
    // Rotating Claire's feed leaves mine working.
    create_feed(&app, &claire_client).await;
    assert_eq!(fetch(&app, &mine).await.status(), StatusCode::OK);
}
