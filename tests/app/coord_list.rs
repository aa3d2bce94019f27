//! Coordinator list and dashboard: filters by qualification,
//! availability and status, case- and accent-insensitive search, pagination,
//! and the dashboard counts.

#![allow(clippy::unwrap_used)]

use astreinte::db::volunteers;
use chrono::Duration;
use reqwest::StatusCode;

use crate::coord_support::{absent_for_a_year, skill, today, volunteer, with_pattern};
use crate::helpers::{spawn_app, unescape, Role};

struct Seeded {
    helene: i32,
}

fn seed(app: &crate::helpers::TestApp) -> Seeded {
    let mut c = app.db();
    let ecoute = skill(&mut c, "ECOUTE", Some(24));
    let nuit = skill(&mut c, "NUIT", None);
    // Hélène: valid qualification, availability given.
    let helene = volunteer(&mut c, "Hélène Dupré", "helene@example.org", app.centre_a);
    with_pattern(&mut c, helene);
    volunteers::replace_qualifications(
        &mut c,
        helene,
        &[(ecoute, Some(today()), Some(today() + Duration::days(700)))],
    )
    .unwrap();
    // Bruno: qualification expiring in 30 days, no availability.
    let bruno = volunteer(&mut c, "Bruno Martin", "bruno@example.org", app.centre_a);
    volunteers::replace_qualifications(
        &mut c,
        bruno,
        &[(ecoute, None, Some(today() + Duration::days(30)))],
    )
    .unwrap();
    // Chloé: expired qualification, trainee, ranges but absent all along.
    let chloe = volunteer(&mut c, "Chloé Petit", "chloe@example.org", app.centre_a);
    with_pattern(&mut c, chloe);
    absent_for_a_year(&mut c, chloe);
    volunteers::replace_qualifications(
        &mut c,
        chloe,
        &[(ecoute, None, Some(today() - Duration::days(1)))],
    )
    .unwrap();
    volunteers::replace_trainee_skills(&mut c, chloe, &[(nuit, 600)]).unwrap();
    // Denis: paused.
    let denis = volunteer(&mut c, "Denis Roux", "denis@example.org", app.centre_a);
    volunteers::set_status(&mut c, denis, "paused", None).unwrap();
    // Someone of centre B never shows up in A's list.
    volunteer(&mut c, "Eve Hors-Centre", "eve@example.org", app.centre_b);
    Seeded { helene }
}

async fn names(app: &crate::helpers::TestApp, c: &reqwest::Client, query: &str) -> Vec<String> {
    let resp = app.get(c, &format!("/centres/A/benevoles?{query}")).await;
    assert_eq!(resp.status(), StatusCode::OK, "{query}");
    let html = unescape(&resp.text().await.unwrap());
    let table = &html[html.find("id=\"volunteer-list\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let mut out = Vec::new();
    for name in [
        "Hélène Dupré",
        "Bruno Martin",
        "Chloé Petit",
        "Denis Roux",
        "Eve Hors-Centre",
        "Volunteer",
    ] {
        if table.contains(&format!(">{name}</a>")) {
            out.push(name.to_string());
        }
    }
    out
}

#[tokio::test]
async fn filters_and_search_select_the_right_volunteers() {
    let app = spawn_app().await;
    seed(&app);
    let c = app.client_as(Role::CoordA).await;
    let all = names(&app, &c, "").await;
    assert_eq!(all.len(), 5, "{all:?}");
    assert!(!all.contains(&"Eve Hors-Centre".to_string()));
    assert_eq!(
        names(&app, &c, "qual=valid").await,
        ["Hélène Dupré", "Bruno Martin"]
    );
    assert_eq!(names(&app, &c, "qual=expiring").await, ["Bruno Martin"]);
    assert_eq!(names(&app, &c, "qual=expired").await, ["Chloé Petit"]);
    assert_eq!(names(&app, &c, "qual=trainee").await, ["Chloé Petit"]);
    assert_eq!(names(&app, &c, "avail=given").await, ["Hélène Dupré"]);
    let missing = names(&app, &c, "avail=missing&status=active").await;
    assert!(
        missing.contains(&"Chloé Petit".to_string()),
        "absent all along"
    );
    assert!(missing.contains(&"Bruno Martin".to_string()));
    assert!(!missing.contains(&"Denis Roux".to_string()));
    assert_eq!(names(&app, &c, "status=paused").await, ["Denis Roux"]);
    // Case- and accent-insensitive, on names and emails.
    assert_eq!(names(&app, &c, "q=HELENE").await, ["Hélène Dupré"]);
    assert_eq!(names(&app, &c, "q=dupr%C3%A9").await, ["Hélène Dupré"]);
    assert_eq!(names(&app, &c, "q=bruno%40example").await, ["Bruno Martin"]);
    assert_eq!(
        names(&app, &c, "q=chloe&qual=trainee").await,
        ["Chloé Petit"]
    );
    // Filters are kept in the form and the export link.
    let html = app
        .get(&c, "/centres/A/benevoles?qual=expired&q=chlo")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("value=\"expired\" selected"));
    let html = unescape(&html).replace("&#38;", "&");
    assert!(
        html.contains("id=\"export-csv\" href=\"/centres/A/benevoles.csv?q=chlo&qual=expired\"")
    );
}

#[tokio::test]
async fn the_dashboard_counts_availability_expiring_and_trainees() {
    let app = spawn_app().await;
    let s = seed(&app);
    let c = app.client_as(Role::CoordA).await;
    let resp = app.get(&c, "/centres/A").await;
    assert_eq!(resp.status(), StatusCode::OK);
    let html = unescape(&resp.text().await.unwrap());
    // Active: Hélène (given); Bruno, Chloé, the seeded volunteer (missing).
    assert!(html.contains("<span id=\"count-given\">1</span>"), "{html}");
    assert!(html.contains("<span id=\"count-missing\">3</span>"));
    assert!(html.contains("<span id=\"count-expiring\">1</span>"));
    assert!(html.contains("<span id=\"count-trainees\">1</span>"));
    assert!(html.contains(&format!("href=\"/benevoles/{}\"", s.helene)));
    // French date of the horizon.
    assert!(html.contains("Semaines à venir : du "));
}

#[tokio::test]
async fn a_long_list_is_paginated() {
    let app = spawn_app().await;
    let mut conn = app.db();
    for i in 0..60 {
        volunteer(
            &mut conn,
            &format!("Personne {i:02}"),
            &format!("p{i}@example.org"),
            app.centre_a,
        );
    }
    let c = app.client_as(Role::CoordA).await;
    let first = app
        .get(&c, "/centres/A/benevoles")
        .await
        .text()
        .await
        .unwrap();
    assert!(first.contains("61 bénévoles"));
    assert!(first.contains("id=\"page-next\""));
    assert!(!first.contains("id=\"page-prev\""));
    let second = app
        .get(&c, "/centres/A/benevoles?page=2")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(second.matches("<tr><td><a href=\"/benevoles/").count(), 11);
    assert!(second.contains("id=\"page-prev\""));
}

#[tokio::test]
async fn coordinator_b_cannot_open_the_pages_of_centre_a() {
    let app = spawn_app().await;
    let c = app.client_as(Role::CoordB).await;
    for path in [
        "/centres/A",
        "/centres/A/benevoles",
        "/centres/A/benevoles.csv",
        "/centres/A/import",
        "/centres/A/demande",
    ] {
        assert_eq!(
            app.get(&c, path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    assert_eq!(app.get(&c, "/centres/B").await.status(), StatusCode::OK);
    assert_eq!(
        app.get(&c, "/centres/ZZ").await.status(),
        StatusCode::NOT_FOUND
    );
}
