//! "Mes disponibilités": the weekly grid is stored as collapsed ranges in one
//! transaction, invalid input saves nothing, absences empty their days in the
//! coming-weeks view, local times stay right across the autumn DST change,
//! and a volunteer only ever touches their own rows.

#![allow(clippy::unwrap_used)]

use astreinte::db::availability::{self, NewException};
use reqwest::StatusCode;

use crate::helpers::{spawn_app, Role};
use crate::volunteer_support::{
    day_item, paris_day, second_volunteer, seeded_volunteer_id, selected_value, week_of,
};

fn patterns(app: &crate::helpers::TestApp, vid: i32) -> Vec<(i32, i32, i32, bool)> {
    let mut conn = app.db();
    availability::patterns_of(&mut conn, vid)
        .unwrap()
        .into_iter()
        .map(|p| (p.weekday, p.start_minute, p.end_minute, p.preferred))
        .collect()
}

#[tokio::test]
async fn saving_the_grid_stores_consecutive_cells_as_one_range_each() {
    let app = spawn_app().await;
    let vol = app.client_as(Role::Volunteer).await;
    let page = app.get(&vol, "/disponibilites").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("id=\"cell-0-09\" name=\"cell-0-09\""));
    assert!(html.contains("lundi </span>9 h<span class=\"cell-end\"> – 10 h</span>"));
    let r = app
        .post_form(
            &vol,
            "/disponibilites",
            &[
                ("cell-0-09", "possible"),
                ("cell-0-10", "possible"),
                ("cell-0-11", "prefere"),
                ("cell-0-12", ""),
                ("cell-0-14", "possible"),
                ("cell-4-18", "prefere"),
                ("cell-4-19", "prefere"),
                ("cell-6-23", "possible"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/disponibilites?ok=grille");
    let vid = seeded_volunteer_id(&app);
    assert_eq!(
        patterns(&app, vid),
        vec![
            (0, 540, 660, false),
            (0, 660, 720, true),
            (0, 840, 900, false),
            (4, 1080, 1200, true),
            (6, 1380, 1440, false),
        ]
    );
    let html = app
        .get(&vol, "/disponibilites?ok=grille")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Vos disponibilités sont enregistrées."));
    // The grid shows the stored state again.
    assert_eq!(selected_value(&html, "cell-0-11"), "prefere");
    assert_eq!(selected_value(&html, "cell-0-10"), "possible");
    assert_eq!(selected_value(&html, "cell-0-12"), "");
    // Saving an empty grid removes every range.
    let r = app.post_form(&vol, "/disponibilites", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(patterns(&app, vid).is_empty());
}

#[tokio::test]
async fn an_invalid_grid_is_refused_in_french_and_saves_nothing() {
    let app = spawn_app().await;
    let vol = app.client_as(Role::Volunteer).await;
    let vid = seeded_volunteer_id(&app);
    let ok = app
        .post_form(&vol, "/disponibilites", &[("cell-2-08", "possible")])
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    for bad in [
        vec![("cell-2-08", "prefere"), ("cell-2-09", "souvent")],
        vec![("cell-2-08", "prefere"), ("cell-7-00", "possible")],
        vec![("cell-2-08", "prefere"), ("cell-2-24", "possible")],
    ] {
        let r = app.post_form(&vol, "/disponibilites", &bad).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = crate::helpers::unescape(&r.text().await.unwrap());
        assert!(html.contains("id=\"grid-error\""));
        assert!(html.contains("Rien n'a été enregistré."));
        assert_eq!(patterns(&app, vid), vec![(2, 480, 540, false)]);
    }
}

#[tokio::test]
async fn an_absence_removes_its_days_from_the_coming_weeks() {
    let app = spawn_app().await;
    let vol = app.client_as(Role::Volunteer).await;
    let every_morning: Vec<(String, &str)> = (0..7)
        .flat_map(|d| (9..12).map(move |h| (format!("cell-{d}-{h:02}"), "possible")))
        .collect();
    let fields: Vec<(&str, &str)> = every_morning
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    app.post_form(&vol, "/disponibilites", &fields).await;

    let (from, to, after) = (paris_day(8), paris_day(9), paris_day(10));
    let r = app
        .post_form(
            &vol,
            "/disponibilites/absence",
            &[
                ("absence-from", &from.to_string()),
                ("absence-to", &to.format("%d/%m/%Y").to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app
        .get(&vol, &format!("/disponibilites?semaine={}", week_of(from)))
        .await
        .text()
        .await
        .unwrap();
    let html = crate::helpers::unescape(&page);
    for day in [from, to] {
        let item = day_item(&page, day);
        assert!(item.contains("class=\"absent\""), "{item}");
        assert!(item.contains("Absent(e)"), "{item}");
        assert!(!item.contains("09:00–12:00"), "{item}");
    }
    if week_of(after) == week_of(from) {
        assert!(day_item(&page, after).contains("09:00–12:00</span> possible"));
    }
    assert!(html.contains("Absent(e) du "));
    // Deleting it brings the mornings back.
    let id = {
        let mut conn = app.db();
        availability::exceptions_of(&mut conn, seeded_volunteer_id(&app)).unwrap()[0].id
    };
    assert!(page.contains(&format!("id=\"delete-exception-{id}\"")));
    let r = app
        .post_form(
            &vol,
            "/disponibilites/supprimer",
            &[("exception_id", &id.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app
        .get(&vol, &format!("/disponibilites?semaine={}", week_of(from)))
        .await
        .text()
        .await
        .unwrap();
    assert!(day_item(&page, from).contains("09:00–12:00</span> possible"));
}

#[tokio::test]
async fn an_absence_ending_before_it_starts_is_refused_with_a_french_message() {
    let app = spawn_app().await;
    let vol = app.client_as(Role::Volunteer).await;
    let (from, to) = (paris_day(5), paris_day(2));
    let r = app
        .post_form(
            &vol,
            "/disponibilites/absence",
            &[
                ("absence-from", &from.to_string()),
                ("absence-to", &to.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = crate::helpers::unescape(&r.text().await.unwrap());
    assert!(html.contains("id=\"absence-to-error\""));
    assert!(html.contains("La date de fin doit être le même jour que la date de début ou après."));
    assert!(
        html.contains(&format!("value=\"{from}\"")),
        "the typed dates come back"
    );
    // A start in the past and a nonsense date are refused too.
    let past = app
        .post_form(
            &vol,
            "/disponibilites/absence",
            &[
                ("absence-from", &paris_day(-3).to_string()),
                ("absence-to", "pas une date"),
            ],
        )
        .await;
    assert_eq!(past.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = crate::helpers::unescape(&past.text().await.unwrap());
    assert!(html.contains("Cette date est passée"));
    assert!(html.contains("Saisissez une date valide"));
    let mut conn = app.db();
    assert!(
        availability::exceptions_of(&mut conn, seeded_volunteer_id(&app))
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn extra_availability_is_added_with_local_times_and_checked() {
    let app = spawn_app().await;
    let vol = app.client_as(Role::Volunteer).await;
    let day = paris_day(3);
    let bad = app
        .post_form(
            &vol,
            "/disponibilites/extra",
            &[
                ("extra-date", &day.to_string()),
                ("extra-from", "18:00"),
                ("extra-to", "14:00"),
                ("extra-state", "possible"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(crate::helpers::unescape(&bad.text().await.unwrap())
        .contains("L'heure de fin doit être après l'heure de début."));
    let ok = app
        .post_form(
            &vol,
            "/disponibilites/extra",
            &[
                ("extra-date", &day.to_string()),
                ("extra-from", "14:00"),
                ("extra-to", "18:30"),
                ("extra-state", "prefere"),
            ],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let page = app
        .get(&vol, &format!("/disponibilites?semaine={}", week_of(day)))
        .await
        .text()
        .await
        .unwrap();
    assert!(day_item(&page, day).contains("14:00–18:30</span> préféré"));
}

#[tokio::test]
async fn the_autumn_dst_week_shows_local_times() {
    let app = spawn_app().await;
    let vol = app.client_as(Role::Volunteer).await;
    let mut fields: Vec<(String, &str)> = (0..6)
        .map(|h| (format!("cell-6-{h:02}"), "possible"))
        .collect();
    fields.extend((9..12).map(|h| (format!("cell-6-{h:02}"), "prefere")));
    fields.extend((9..12).map(|h| (format!("cell-0-{h:02}"), "possible")));
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    app.post_form(&vol, "/disponibilites", &f).await;
    // 2026-W43 ends on Sunday 25 October, when Paris goes from CEST to CET.
    let page = app
        .get(&vol, "/disponibilites?semaine=2026-W43")
        .await
        .text()
        .await
        .unwrap();
    let html = crate::helpers::unescape(&page);
    assert!(html.contains("Semaine du lundi 19 octobre 2026"));
    let sunday = day_item(
        &page,
        chrono::NaiveDate::from_ymd_opt(2026, 10, 25).unwrap(),
    );
    assert!(sunday.contains("dimanche 25 octobre 2026"), "{sunday}");
    assert!(sunday.contains("00:00–06:00</span> possible"), "{sunday}");
    assert!(sunday.contains("09:00–12:00</span> préféré"), "{sunday}");
    // 00:00–06:00 lasts 7 hours that night: 3 + 7 + 3 hours in the week.
    assert!(html.contains("Total disponible : 13 h"));
    // The Monday after the change keeps 09:00–12:00.
    let monday = day_item(
        &page,
        chrono::NaiveDate::from_ymd_opt(2026, 10, 26).unwrap(),
    );
    assert!(monday.contains("09:00–12:00</span> possible"), "{monday}");
}

#[tokio::test]
async fn a_volunteer_never_sees_or_changes_another_volunteers_availability() {
    let app = spawn_app().await;
    let me = seeded_volunteer_id(&app);
    let other = second_volunteer(&app, "autre@example.org");
    {
        let mut conn = app.db();
        availability::replace_patterns(
            &mut conn,
            other,
            &[availability::NewPattern {
                weekday: 3,
                start_minute: 420,
                end_minute: 480,
                preferred: true,
            }],
        )
        .unwrap();
        availability::add_exception(
            &mut conn,
            other,
            &NewException {
                kind: "absent",
                start_date: paris_day(20),
                end_date: paris_day(21),
                start_minute: None,
                end_minute: None,
                start_utc: None,
                end_utc: None,
                preferred: false,
            },
        )
        .unwrap();
    }
    let other_exception = {
        let mut conn = app.db();
        availability::exceptions_of(&mut conn, other).unwrap()[0].id
    };
    let vol = app.client_as(Role::Volunteer).await;
    let html = app.text(&vol, "/disponibilites").await;
    assert!(!html.contains(&format!("exception-{other_exception}")));
    assert_eq!(selected_value(&html, "cell-3-07"), "");
    // Ids in the request are ignored or refused.
    let r = app
        .post_form(
            &vol,
            "/disponibilites/supprimer",
            &[("exception_id", &other_exception.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = app
        .post_form(
            &vol,
            "/disponibilites",
            &[
                ("volunteer_id", &other.to_string()),
                ("cell-1-10", "possible"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(patterns(&app, me), vec![(1, 600, 660, false)]);
    assert_eq!(patterns(&app, other), vec![(3, 420, 480, true)]);
    let mut conn = app.db();
    assert_eq!(
        availability::exceptions_of(&mut conn, other).unwrap().len(),
        1
    );
}

#[tokio::test]
async fn the_page_reads_in_english_after_the_switch() {
    let app = spawn_app().await;
    let vol = app.client_as(Role::Volunteer).await;
    app.post_form(&vol, "/disponibilites", &[("cell-0-09", "prefere")])
        .await;
    let html = app
        .page(&vol, "/disponibilites?lang=en&semaine=2026-W50")
        .await;
    assert!(html.contains("<h1>My availability</h1>"));
    assert!(html.contains("Monday </span>09:00<span class=\"cell-end\"> – 10:00</span>"));
    assert!(html.contains("Week of Monday 7 December 2026"));
    assert!(html.contains("09:00–10:00</span> preferred"));
    assert!(!html.contains("aucune disponibilité"));
}
