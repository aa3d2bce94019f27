//! Benchmark (ignored; run with `--ignored --nocapture`): « Planifier les
//! formations » end to end at sos-1400 size — 1,400 volunteers of one
//! centre, 40 sessions over eight weeks — timed as one HTTP request
//! (build the planner input from the database + solve + render the page).
//!
//! `cargo test --workspace --test app -- --ignored --nocapture training_bench`
//! (add `ASTREINTE_TEST_DB=postgres` for PostgreSQL).

use std::time::Instant;

use astreinte::db::schema::qualifications;
use astreinte::db::{availability, users, volunteers};
use chrono::Duration;
use diesel::prelude::*;

use crate::helpers::{spawn_app, Role};
use crate::training_support::{monday_in_two_weeks, session, skill};

#[tokio::test]
#[ignore = "benchmark: run with --ignored --nocapture"]
async fn training_bench_plans_1400_volunteers_and_40_sessions() {
    let app = spawn_app().await;
    let mut c = app.db();
    let k = skill(&mut c, "ECOUTE", Some(12));
    let monday = monday_in_two_weeks();
    let horizon = monday + Duration::days(70);
    let seeded = Instant::now();
    c.write_transaction(|c| {
        for i in 0..40 {
            let d = monday + Duration::days(i64::from(i) * 56 / 40);
            session(c, k, app.centre_a, d, 12 + (i % 8), "renew");
        }
        for i in 0..1400i64 {
            let u = users::create(
                c,
                &users::NewUser {
                    email: Some(&format!("bench{i}@example.org")),
                    display_name: &format!("Bénévole {i}"),
                    lang: "fr",
                    ..Default::default()
                },
            )?;
            let v = volunteers::upsert(c, u.id, &format!("bench-{i}"), &Default::default())?;
            volunteers::set_centres(c, v.id, &[app.centre_a])?;
            // About a third due before the horizon, the rest later.
            let until = monday + Duration::days((i * 37) % 210 - 20);
            diesel::insert_into(qualifications::table)
                .values((
                    qualifications::volunteer_id.eq(v.id),
                    qualifications::skill_id.eq(k),
                    qualifications::valid_until.eq(Some(until)),
                ))
                .execute(c)?;
            let days: Vec<i32> = vec![(i % 7) as i32, ((i * 3 + 1) % 7) as i32];
            let p: Vec<availability::NewPattern> = days
                .into_iter()
                .map(|w| availability::NewPattern {
                    weekday: w,
                    start_minute: 540 + ((i % 3) as i32) * 60,
                    end_minute: 1200,
                    preferred: false,
                })
                .collect();
            availability::replace_patterns(c, v.id, &p)?;
        }
        Ok::<_, diesel::result::Error>(())
    })
    .unwrap();
    println!(
        "seeded 1,400 volunteers, 40 sessions in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );
    let coord = app.client_as(Role::CoordA).await;
    let token = app.csrf(&coord).await;
    for run in 1..=3 {
        let started = Instant::now();
        let resp = coord
            .post(app.url("/formations/planifier"))
            .form(&[
                ("centre", app.centre_a.to_string()),
                ("horizon", horizon.to_string()),
                ("csrf_token", token.clone()),
            ])
            .send()
            .await
            .unwrap();
        let html = resp.text().await.unwrap();
        let total = started.elapsed().as_secs_f64();
        let seats = html.matches("name=\"pair\"").count();
        let summary = html
            .split("id=\"plan-summary\" role=\"status\">")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .unwrap_or("?");
        let solver = html
            .split("Calcul : ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .unwrap_or("?");
        println!(
            "run {run}: end to end {total:.2} s (solver {solver} s), {seats} seats proposed, {summary}"
        );
        assert!(seats > 0);
    }
}
