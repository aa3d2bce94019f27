//! "Mon profil" and "Ma formation": validation with messages next to the
//! fields and nothing saved; saving switches the language; qualifications
//! show their validity in words and trainee progress comes from published
//! rotas; only the volunteer's own data is shown.

#![allow(clippy::unwrap_used)]

use astreinte::db::rotas::{self, NewShift};
use astreinte::db::{skills, users, volunteers};
use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::{spawn_app, unescape, Role};
use crate::volunteer_support::{paris_day, second_volunteer, seeded_volunteer_id};

#[tokio::test]
async fn invalid_profile_fields_are_explained_and_nothing_is_saved() {
    let app = spawn_app().await;
    let vol = app.client_as(Role::Volunteer).await;
    let page = app.get(&vol, "/profil").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("benevole@example.org"));
    let r = app
        .post_form(
            &vol,
            "/profil",
            &[
                ("display_name", "  "),
                ("lang", "de"),
                ("phone", "06 12 ab"),
                ("max_hours_week", "99"),
                ("max_shifts_week", "trois"),
                ("min_hours_month", "-4"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&r.text().await.unwrap());
    for id in [
        "display_name-error",
        "lang-error",
        "phone-error",
        "max_hours_week-error",
        "max_shifts_week-error",
        "min_hours_month-error",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(html.contains("Saisissez un nombre entier d'heures entre 0 et 60."));
    assert!(html.contains("Saisissez un numéro de téléphone valide"));
    assert!(html.contains("value=\"99\""), "typed values come back");
    // A monthly minimum above five weeks of the weekly maximum is refused too.
    let r = app
        .post_form(
            &vol,
            "/profil",
            &[
                ("display_name", "Marie Curie"),
                ("lang", "fr"),
                ("max_hours_week", "2"),
                ("min_hours_month", "40"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&r.text().await.unwrap()).contains("Ce minimum mensuel dépasse"));
    let mut conn = app.db();
    let user = users::by_email(&mut conn, "benevole@example.org")
        .unwrap()
        .unwrap();
    assert_eq!(user.display_name, "Volunteer");
    assert_eq!(user.phone, None);
    let v = volunteers::by_user_id(&mut conn, user.id).unwrap().unwrap();
    assert_eq!(
        (v.max_minutes_week, v.max_shifts_week, v.min_minutes_month),
        (None, None, None)
    );
}

#[tokio::test]
async fn a_valid_profile_is_saved_and_switches_the_language() {
    let app = spawn_app().await;
    let vol = app.client_as(Role::Volunteer).await;
    let r = app
        .post_form(
            &vol,
            "/profil",
            &[
                ("display_name", "Marie Curie"),
                ("lang", "en"),
                ("phone", " +33 6 12 34 56 78 "),
                ("max_hours_week", "6"),
                ("max_shifts_week", "2"),
                ("min_hours_month", "8"),
                ("volunteer_id", "999"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/profil?ok=1");
    let html = app.text(&vol, "/profil?ok=1").await;
    assert!(html.contains("Your profile is saved."));
    assert!(html.contains("<html lang=\"en\">"));
    let mut conn = app.db();
    let user = users::by_email(&mut conn, "benevole@example.org")
        .unwrap()
        .unwrap();
    assert_eq!(user.display_name, "Marie Curie");
    assert_eq!(user.lang, "en");
    assert_eq!(user.phone.as_deref(), Some("+33 6 12 34 56 78"));
    let v = volunteers::by_user_id(&mut conn, user.id).unwrap().unwrap();
    assert_eq!(
        (v.max_minutes_week, v.max_shifts_week, v.min_minutes_month),
        (Some(360), Some(2), Some(480))
    );
    // Emptying the optional fields clears them.
    let r = app
        .post_form(
            &vol,
            "/profil",
            &[("display_name", "Marie Curie"), ("lang", "fr")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let v = volunteers::by_user_id(&mut conn, user.id).unwrap().unwrap();
    assert_eq!(v.max_minutes_week, None);
    let user = users::by_id(&mut conn, user.id).unwrap().unwrap();
    assert_eq!(user.phone, None);
}

#[tokio::test]
async fn the_training_page_shows_validity_in_words_and_trainee_progress() {
    let app = spawn_app().await;
    let me = seeded_volunteer_id(&app);
    let other = second_volunteer(&app, "autre@example.org");
    {
        let mut conn = app.db();
        let listen = skills::upsert(&mut conn, "ecoute", "Écoute", "Listening").unwrap();
        let chat = skills::upsert(&mut conn, "chat", "Tchat", "Chat").unwrap();
        let night = skills::upsert(&mut conn, "nuit", "Nuit", "Night").unwrap();
        volunteers::replace_qualifications(
            &mut conn,
            me,
            &[
                (listen.id, None, Some(paris_day(23))),
                (chat.id, None, Some(paris_day(-2))),
            ],
        )
        .unwrap();
        volunteers::replace_qualifications(
            &mut conn,
            other,
            &[(night.id, None, Some(paris_day(5)))],
        )
        .unwrap();
        volunteers::replace_trainee_skills(&mut conn, me, &[(night.id, 600)]).unwrap();
        // A published rota with a finished 3-hour trainee shift and a coming 2-hour one.
        let now = chrono::Utc::now().naive_utc();
        let monday = astreinte::domain::week::IsoWeek::containing(now.date()).monday();
        let rota = rotas::create(&mut conn, monday, "ALL", "published", None).unwrap();
        let shift = |start: chrono::NaiveDateTime, hours: i64| NewShift {
            volunteer_id: me,
            centre_id: app.centre_a,
            skill_id: night.id,
            role: "trainee",
            start_utc: start,
            end_utc: start + Duration::hours(hours),
            locked: false,
        };
        let past = (now - Duration::hours(30))
            .date()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        let future = (now + Duration::hours(30))
            .date()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        rotas::replace_shifts(&mut conn, rota.id, &[shift(past, 3), shift(future, 2)]).unwrap();
    }
    let vol = app.client_as(Role::Volunteer).await;
    let r = app.get(&vol, "/formation").await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = unescape(&r.text().await.unwrap());
    assert!(html.contains("Écoute"));
    assert!(html.contains("Expire bientôt :"));
    assert!(html.contains("(expire dans 23 jours)"));
    assert!(html.contains(&format!(
        "valable jusqu'au {}",
        astreinte::domain::frdate::format_date_fr(paris_day(23))
    )));
    assert!(html.contains("Expirée :"));
    assert!(html.contains("1 qualification expire dans les 60 jours"));
    assert!(html.contains("3 h sur 10 h de permanences accompagnées"));
    assert!(html.contains("2 h accompagnées prévues au planning"));
    // The other volunteer's qualification is not shown.
    assert!(!html.contains("Nuit</strong> :"));
}

#[tokio::test]
async fn accounts_without_a_volunteer_record_are_refused() {
    let app = spawn_app().await;
    for role in [Role::CoordA, Role::Admin] {
        let c = app.client_as(role).await;
        for path in ["/disponibilites", "/formation", "/profil"] {
            assert_eq!(
                app.get(&c, path).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
    }
    let anon = app.client_as(Role::Anonymous).await;
    let r = app.get(&anon, "/disponibilites").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/");
    // The volunteer's home links to the three pages.
    let vol = app.client_as(Role::Volunteer).await;
    let home = app.text(&vol, "/home").await;
    for href in ["/disponibilites", "/formation", "/profil"] {
        assert!(home.contains(&format!("href=\"{href}\"")), "{href}");
    }
}
