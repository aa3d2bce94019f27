//! Retention: the daily run anonymises former volunteers past the setting
//! (actor: the system, the erasure's own code path) and purges old audit
//! entries; `/admin/retention` lists what falls due next; the periods are
//! set on the settings page.

use chrono::{Duration, Months};
use diesel::prelude::*;
use reqwest::StatusCode;

use astreinte::db::schema::{audit_log, erasures, users, volunteers as vt};
use astreinte::db::{self, retention, users as u, volunteers, DbConnection};

use crate::helpers::{spawn_app, unescape, Role};

/// A volunteer of centre `centre` who left `months` months (and `days` days) ago.
fn former(c: &mut DbConnection, name: &str, centre: i32, months: u32, days: i64) -> i32 {
    let user = u::create(
        c,
        &u::NewUser {
            email: Some(&format!("{}@example.org", name.to_lowercase())),
            display_name: name,
            lang: "fr",
            ..Default::default()
        },
    )
    .unwrap();
    let v = volunteers::upsert(c, user.id, &format!("ext-{name}"), &Default::default()).unwrap();
    volunteers::set_centres(c, v.id, &[centre]).unwrap();
    let left = db::now_utc()
        .date()
        .checked_sub_months(Months::new(months))
        .unwrap()
        - Duration::days(days);
    diesel::update(vt::table.find(v.id))
        .set((vt::status.eq("left"), vt::left_on.eq(Some(left))))
        .execute(c)
        .unwrap();
    v.id
}

#[tokio::test]
async fn the_daily_run_anonymises_former_volunteers_past_the_period_and_purges_old_audit_entries() {
    let app = spawn_app().await;
    let mut c = app.db();
    let overdue = former(&mut c, "Anciennelongtemps", app.centre_a, 24, 3);
    let soon = former(&mut c, "Anciennebientot", app.centre_b, 23, 0);
    let recent = former(&mut c, "Anciennerecente", app.centre_a, 6, 0);
    // Two audit entries: one 37 months old, one from today.
    let now = db::now_utc();
    for at in [now.checked_sub_months(Months::new(37)).unwrap(), now] {
        diesel::insert_into(audit_log::table)
            .values((
                audit_log::at.eq(at),
                audit_log::action.eq("test.entry"),
                audit_log::target_kind.eq("test"),
            ))
            .execute(&mut c)
            .unwrap();
    }

    // The page lists the overdue and the soon-due, with names and centres.
    let admin = app.client_as(Role::Admin).await;
    let html = app.page(&admin, "/admin/retention").await;
    assert!(html.contains(&format!("id=\"due-{overdue}\"")));
    assert!(html.contains(&format!("id=\"due-{soon}\"")));
    assert!(!html.contains(&format!("id=\"due-{recent}\"")));
    assert!(html.contains("Anciennelongtemps"));
    assert!(html.contains("1 entrées du journal"), "one audit entry due");

    let report = retention::run(&mut c, db::now_utc()).unwrap();
    assert_eq!(report.anonymised, vec![overdue]);
    assert_eq!(report.audit_purged, 1);

    let v = volunteers::by_id(&mut c, overdue).unwrap().unwrap();
    let (name, email): (String, Option<String>) = users::table
        .find(v.user_id)
        .select((users::display_name, users::email))
        .first(&mut c)
        .unwrap();
    assert_eq!(name, "Bénévole supprimé");
    assert_eq!(email, None);
    let (by, reason): (Option<i32>, String) = erasures::table
        .find(overdue)
        .select((erasures::erased_by, erasures::reason))
        .first(&mut c)
        .unwrap();
    assert_eq!((by, reason.as_str()), (None, "retention"));
    for kept in [soon, recent] {
        let v = volunteers::by_id(&mut c, kept).unwrap().unwrap();
        let name: String = users::table
            .find(v.user_id)
            .select(users::display_name)
            .first(&mut c)
            .unwrap();
        assert_ne!(name, "Bénévole supprimé");
    }
    let system_erase: i64 = audit_log::table
        .filter(audit_log::action.eq("volunteer.erase"))
        .filter(audit_log::actor_user_id.is_null())
        .count()
        .get_result(&mut c)
        .unwrap();
    assert_eq!(system_erase, 1);
    let old_left: i64 = audit_log::table
        .filter(audit_log::action.eq("test.entry"))
        .count()
        .get_result(&mut c)
        .unwrap();
    assert_eq!(old_left, 1, "the recent entry is kept");

    // A second run finds nothing more; the page no longer lists the erased.
    let again = retention::run(&mut c, db::now_utc()).unwrap();
    assert!(again.anonymised.is_empty());
    let html = app
        .get(&admin, "/admin/retention")
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains(&format!("id=\"due-{overdue}\"")));
    assert!(html.contains("Dernier passage"));
}

#[tokio::test]
async fn the_retention_periods_are_set_on_the_settings_page() {
    let app = spawn_app().await;
    let admin = app.client_as(Role::Admin).await;
    let html = app
        .get(&admin, "/admin/parametres")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("name=\"retention_months\" type=\"text\" value=\"24\""));
    assert!(html.contains("name=\"audit_months\" type=\"text\" value=\"36\""));
    let base = [
        ("default_timezone", "Europe/Paris"),
        ("service_level_percent", "80"),
        ("answer_within_seconds", "60"),
        ("min_shift_minutes", "120"),
        ("max_shift_minutes", "240"),
        ("min_rest_minutes", "660"),
        ("planning_horizon_weeks", "8"),
    ];
    let mut bad = base.to_vec();
    bad.extend([("retention_months", "0"), ("audit_months", "12")]);
    let r = app.post_form(&admin, "/admin/parametres", &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unescape(&r.text().await.unwrap());
    assert!(html.contains("id=\"retention_months-error\""));
    assert!(html.contains("entre 1 et 120"));
    assert_eq!(
        retention::get(&mut app.db())
            .unwrap()
            .former_volunteer_months,
        24
    );

    let mut good = base.to_vec();
    good.extend([("retention_months", "12"), ("audit_months", "48")]);
    let r = app.post_form(&admin, "/admin/parametres", &good).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let s = retention::get(&mut app.db()).unwrap();
    assert_eq!((s.former_volunteer_months, s.audit_months), (12, 48));
    let audited: i64 = audit_log::table
        .filter(audit_log::action.eq("settings.update"))
        .count()
        .get_result(&mut app.db())
        .unwrap();
    assert_eq!(audited, 1);
}
