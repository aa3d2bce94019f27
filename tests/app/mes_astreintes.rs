//! « Mes astreintes »: upcoming published shifts by local day with centre,
//! skill, role and binôme; past weeks collapsed; drafts and other people's
//! shifts never shown; Réunion times; the `.ics` download.

#![allow(clippy::unwrap_used)]

use chrono::{Duration, Utc};
use chrono_tz::Europe::Paris;
use chrono_tz::Indian::Reunion;
use reqwest::StatusCode;

use crate::helpers::{spawn_app, unescape, Role};
use crate::my_shifts_support::{
    draft, listening, local, monday_of, prop, publish, shift, vevents, volunteer,
};
use crate::volunteer_support::{paris_day, seeded_volunteer_id};

fn row(html: &str, shift_id: i32) -> String {
    let marker = format!("<tr id=\"shift-{shift_id}\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("no {marker}"));
    let end = html[start..].find("</tr>").unwrap() + start;
    unescape(&html[start..end])
}

fn shift_ids(app: &crate::helpers::TestApp, rota: i32) -> Vec<i32> {
    astreinte::db::rotas::shifts_of(&mut app.db(), rota)
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect()
}

#[tokio::test]
async fn upcoming_shifts_are_grouped_by_day_in_local_time_with_the_binome() {
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
    let denis = volunteer(
        &app,
        "denis@example.org",
        "Denis Brouillon",
        None,
        app.centre_a,
    );
    let day = paris_day(7);
    let d = |hm: &str| local(Paris, &format!("{day} {hm}"));
    let week = monday_of(d("12:00"));
    let rota = publish(
        &app,
        week,
        &[
            shift(me, app.centre_a, skill, d("18:00"), d("22:00")),
            shift(bruno, app.centre_a, skill, d("20:00"), d("23:00")),
            shift(claire, app.centre_a, skill, d("08:00"), d("12:00")),
        ],
    );
    // A draft with another shift of mine and an overlapping colleague: invisible.
    draft(
        &app,
        week,
        &[
            shift(me, app.centre_a, skill, d("06:00"), d("07:00")),
            shift(denis, app.centre_a, skill, d("18:00"), d("22:00")),
        ],
    );
    // By start: Claire 08:00, me 18:00, Bruno 20:00.
    let ids = shift_ids(&app, rota);

    let vol = app.client_as(Role::Volunteer).await;
    let resp = app.get(&vol, "/mes-astreintes").await;
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.unwrap();
    let text = unescape(&html);
    let day_label = astreinte::domain::frdate::format_date_fr(day);
    assert!(text.contains(&format!("id=\"day-{day}\"")), "day section");
    assert!(text.contains(&day_label), "French date {day_label}");
    let mine = row(&html, ids[1]);
    assert!(mine.contains("18:00 – 22:00"), "{mine}");
    assert!(mine.contains("Centre A"));
    assert!(mine.contains("Écoute"));
    assert!(mine.contains("Écoutant·e"));
    assert!(
        mine.contains("Bruno Binôme"),
        "the overlapping colleague: {mine}"
    );
    // Only my shifts; colleagues' names only as my binôme; drafts invisible.
    assert!(!html.contains(&format!("id=\"shift-{}\"", ids[0])));
    assert!(!html.contains(&format!("id=\"shift-{}\"", ids[2])));
    assert!(!text.contains("Claire Ailleurs"));
    assert!(!text.contains("Denis Brouillon"));
    assert!(!text.contains("06:00 – 07:00"));
    // The nav link and the print stylesheet.
    assert!(html.contains("id=\"nav-my-shifts\""));
    assert!(html.contains("media=\"print\" href=\"/static/mes-astreintes-print.css\""));
    let css = app.get(&vol, "/static/mes-astreintes-print.css").await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(css.text().await.unwrap().contains("@media print"));
}

#[tokio::test]
async fn past_shifts_are_collapsed_and_a_night_shift_says_it_ends_the_next_day() {
    let app = spawn_app().await;
    let skill = listening(&app);
    let me = seeded_volunteer_id(&app);
    let past_day = paris_day(-3);
    let next_day = paris_day(2);
    let p = local(Paris, &format!("{past_day} 09:00"));
    let n = local(Paris, &format!("{next_day} 22:00"));
    let r1 = publish(
        &app,
        monday_of(p),
        &[shift(me, app.centre_a, skill, p, p + Duration::hours(3))],
    );
    let r2 = if monday_of(n) == monday_of(p) {
        // Same week: one version with both.
        publish(
            &app,
            monday_of(p),
            &[
                shift(me, app.centre_a, skill, p, p + Duration::hours(3)),
                shift(me, app.centre_a, skill, n, n + Duration::hours(8)),
            ],
        )
    } else {
        publish(
            &app,
            monday_of(n),
            &[shift(me, app.centre_a, skill, n, n + Duration::hours(8))],
        )
    };
    let _ = r1;
    let ids = shift_ids(&app, r2);
    let vol = app.client_as(Role::Volunteer).await;
    let html = app.text(&vol, "/mes-astreintes").await;
    let text = unescape(&html);
    let details = text
        .find("<details id=\"past\"")
        .expect("past shifts collapsed");
    let upcoming = text.find("id=\"upcoming\"").unwrap();
    assert!(upcoming < details);
    assert!(text[details..].contains(&format!("id=\"past-day-{past_day}\"")));
    assert!(text[details..].contains("09:00 – 12:00"));
    assert!(text.contains("1 astreinte des dernières semaines"));
    let night = row(&html, *ids.last().unwrap());
    assert!(night.contains("22:00 – 06:00 (le lendemain)"), "{night}");
    assert!(night.contains("Personne d'autre sur ce créneau"));
}

#[tokio::test]
async fn a_shift_at_a_reunion_centre_is_shown_in_reunion_time() {
    let app = spawn_app().await;
    let skill = listening(&app);
    let me = seeded_volunteer_id(&app);
    let day = paris_day(5);
    let s = local(Reunion, &format!("{day} 18:00"));
    let rota = publish(
        &app,
        monday_of(s),
        &[shift(me, app.centre_b, skill, s, s + Duration::hours(4))],
    );
    let id = shift_ids(&app, rota)[0];
    // 18:00 in Réunion is 14:00 UTC (+04:00, no daylight saving time).
    assert_eq!(
        s.and_utc()
            .with_timezone(&Reunion)
            .format("%H:%M %z")
            .to_string(),
        "18:00 +0400"
    );
    let vol = app.client_as(Role::Volunteer).await;
    let html = app.text(&vol, "/mes-astreintes").await;
    let r = row(&html, id);
    assert!(r.contains("18:00 – 22:00"), "{r}");
    assert!(r.contains("Centre B"));
    // The download carries the Réunion zone too.
    let ics = app.get(&vol, "/mes-astreintes.ics").await;
    assert_eq!(ics.status(), StatusCode::OK);
    let cal = ics.text().await.unwrap();
    let ev = &vevents(&cal)[0];
    assert_eq!(
        prop(ev, "DTSTART").unwrap(),
        format!(
            "DTSTART;TZID=Indian/Reunion:{}T180000",
            day.format("%Y%m%d")
        )
    );
    assert!(cal.contains("TZID:Indian/Reunion"));
}

#[tokio::test]
async fn the_ics_download_needs_a_session_and_holds_my_published_shifts() {
    let app = spawn_app().await;
    let skill = listening(&app);
    let me = seeded_volunteer_id(&app);
    let day = paris_day(4);
    let s = local(Paris, &format!("{day} 09:00"));
    publish(
        &app,
        monday_of(s),
        &[shift(me, app.centre_a, skill, s, s + Duration::hours(3))],
    );

    let anon = app.client_as(Role::Anonymous).await;
    let r = app.get(&anon, "/mes-astreintes.ics").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let coord = app.client_as(Role::CoordA).await;
    assert_eq!(
        app.get(&coord, "/mes-astreintes.ics").await.status(),
        StatusCode::FORBIDDEN
    );

    let vol = app.client_as(Role::Volunteer).await;
    let r = app.get(&vol, "/mes-astreintes.ics").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("mes-astreintes.ics"));
    let cal = r.text().await.unwrap();
    assert!(cal.contains("METHOD:PUBLISH\r\n"));
    let events = vevents(&cal);
    assert_eq!(events.len(), 1);
    assert_eq!(
        prop(&events[0], "DTSTART").unwrap(),
        format!("DTSTART;TZID=Europe/Paris:{}T090000", day.format("%Y%m%d"))
    );
    assert!(prop(&events[0], "SUMMARY").unwrap().contains("Écoute"));
    let _ = Utc::now();
}

#[tokio::test]
async fn an_account_without_a_volunteer_record_is_told_it_has_no_shifts() {
    let app = spawn_app().await;
    let coord = app.client_as(Role::CoordA).await;
    let r = app.get(&coord, "/mes-astreintes").await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"not-volunteer\""));
    assert!(!html.contains("id=\"feed-create\""));
}
