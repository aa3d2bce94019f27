//! Training in the browser: the coordinator creates a
//! session, runs « Planifier les formations » and confirms; the volunteer
//! accepts the invitation; the coordinator records attendance; the
//! volunteer's qualification, expired before, is valid again on « Ma
//! formation ». axe-core checks each page.

use chrono::{Datelike, Duration};
use diesel::prelude::*;

use astreinte::db::schema::{qualifications, skills as skills_t};
use astreinte::db::{availability, skills, volunteers};

use crate::driver::wait_css;
use crate::helpers::Role;
use crate::session::{open, password_login, sign_out, text_of, wait_path, wait_text};
use crate::Ctx;

/// Sets a form field's value by id (dates and times typed in a locale's
/// order are not what this flow tests).
async fn set(ctx: &Ctx, id: &str, value: &str) {
    ctx.client
        .execute(
            "document.getElementById(arguments[0]).value = arguments[1];",
            vec![serde_json::json!(id), serde_json::json!(value)],
        )
        .await
        .expect("set a field");
}

async fn click(ctx: &Ctx, css: &str) {
    wait_css(&ctx.client, css)
        .await
        .click()
        .await
        .expect("click");
}

pub async fn run(ctx: &Ctx) {
    // Set-up: the seeded volunteer holds BROWSER-TRN, expired ten days ago,
    // and is free every day from 08:00 to 20:00.
    let mut c = ctx.app.db();
    let skill = skills::upsert(&mut c, "TRN-B", "Écoute renouvelée", "Renewed listening")
        .unwrap()
        .id;
    diesel::update(skills_t::table.find(skill))
        .set(skills_t::validity_months.eq(Some(12)))
        .execute(&mut c)
        .unwrap();
    let vid = volunteers::by_external_id(&mut c, "v-test")
        .unwrap()
        .unwrap()
        .id;
    let today = chrono::Utc::now().date_naive();
    diesel::insert_into(qualifications::table)
        .values((
            qualifications::volunteer_id.eq(vid),
            qualifications::skill_id.eq(skill),
            qualifications::valid_until.eq(Some(today - Duration::days(10))),
        ))
        .execute(&mut c)
        .unwrap();
    let all_week: Vec<availability::NewPattern> = (0..7)
        .map(|w| availability::NewPattern {
            weekday: w,
            start_minute: 480,
            end_minute: 1200,
            preferred: false,
        })
        .collect();
    availability::replace_patterns(&mut c, vid, &all_week).unwrap();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()))
        + Duration::days(14);

    // The coordinator creates a session.
    password_login(ctx, Role::CoordA.email().unwrap()).await;
    open(ctx, "/formations/nouvelle", "#session-form").await;
    ctx.axe("formation : nouvelle session").await;
    set(ctx, "skill", &skill.to_string()).await;
    set(ctx, "date", &monday.to_string()).await;
    set(ctx, "start", "14:00").await;
    set(ctx, "end", "17:00").await;
    set(ctx, "trainer", "Claire Formatrice").await;
    set(ctx, "capacity", "6").await;
    click(ctx, "#session-submit").await;
    wait_css(&ctx.client, "#session-saved").await;
    let url = ctx.client.current_url().await.unwrap();
    let session_path = url.path().to_string();
    let session_id: i32 = session_path.rsplit('/').next().unwrap().parse().unwrap();
    ctx.axe("formation : session").await;

    // « Planifier les formations », then confirm.
    open(ctx, "/formations", "#plan-form").await;
    ctx.axe("formations : liste").await;
    ctx.narrow("formations : liste").await;
    set(
        ctx,
        "plan-horizon",
        &(monday + Duration::days(30)).to_string(),
    )
    .await;
    click(ctx, "#plan-submit").await;
    wait_css(&ctx.client, "#confirm-form").await;
    let pair = format!("#pair-{session_id}-{vid}");
    let checkbox = wait_css(&ctx.client, &pair).await;
    assert_eq!(
        checkbox.prop("checked").await.unwrap().as_deref(),
        Some("true"),
        "the volunteer is proposed"
    );
    ctx.axe("formations : proposition").await;
    click(ctx, "#confirm-submit").await;
    let done = text_of(ctx, "#plan-confirmed").await;
    assert!(done.contains("1 invitation"), "{done}");
    sign_out(ctx).await;

    // The volunteer accepts.
    password_login(ctx, Role::Volunteer.email().unwrap()).await;
    open(ctx, "/formation/invitations", "#invitation-list").await;
    ctx.axe("bénévole : invitations").await;
    click(ctx, "button[id^='accept-']").await;
    wait_path(ctx, "/formation/invitations").await;
    wait_text(ctx, ".invitation-status", "accepté").await;
    open(ctx, "/formation", "#qualifications").await;
    let before = text_of(ctx, "#qualifications").await;
    assert!(before.contains("Expirée"), "{before}");
    sign_out(ctx).await;

    // The coordinator records attendance.
    password_login(ctx, Role::CoordA.email().unwrap()).await;
    open(
        ctx,
        &format!("/formations/{session_id}/presence"),
        "#attendance-form",
    )
    .await;
    ctx.axe("formation : présences").await;
    click(ctx, &format!("#present-{vid}")).await;
    click(ctx, "#attendance-submit").await;
    wait_css(&ctx.client, "#attendance-saved").await;
    open(ctx, "/centres/A/formation", "#h-trainees").await;
    ctx.axe("coordinateur : formation").await;
    ctx.narrow("coordinateur : formation").await;
    sign_out(ctx).await;

    // The volunteer's qualification is valid again.
    password_login(ctx, Role::Volunteer.email().unwrap()).await;
    open(ctx, "/formation", "#qualifications").await;
    let after = text_of(ctx, "#qualifications").await;
    let line = after
        .lines()
        .find(|l| l.contains("Écoute renouvelée"))
        .unwrap_or(&after)
        .to_string();
    assert!(
        line.contains("valable jusqu'au") && !line.contains("Expirée"),
        "{after}"
    );
    sign_out(ctx).await;

    // The administrator's catalogue.
    password_login(ctx, Role::Admin.email().unwrap()).await;
    open(ctx, "/admin/formation", "#catalogue").await;
    ctx.axe("admin : catalogue des formations").await;
    open(ctx, "/admin/formation/TRN-B", "#catalogue-form").await;
    ctx.axe("admin : parcours d'une compétence").await;
    sign_out(ctx).await;
}
