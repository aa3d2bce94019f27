//! Drop-outs (issue 5): a volunteer drops out of their own future published
//! shift, the coordinators are alerted by mail and on the replacements page;
//! candidates are ranked by the solver's criteria on a hand-built case; one
//! click assigns, updates the published rota, its revision and the audit.

use astreinte::db::availability::{self, NewPattern};
use astreinte::db::rotas::{self, NewShift};
use astreinte::db::{audit, dropouts, settings, skills, users, volunteers, DbConnection};
use astreinte::domain::localtime::instant_at;
use astreinte::domain::week::IsoWeek;
use astreinte::rota::replace::{self, Exclusion};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use reqwest::StatusCode;

use crate::helpers::{spawn_app, unescape, Role, TestApp};

/// The hand-built case, all in centre A (Europe/Paris), in a week two weeks
/// from now, minimum rest 11 h. The dropped shift: Wednesday 14:00–18:00,
/// held by the seeded volunteer (`v-test`).
pub struct Case {
    pub week: IsoWeek,
    pub rota_id: i32,
    pub skill_id: i32,
    /// The seeded volunteer's shift (Wednesday 14–18).
    pub shift_id: i32,
    /// Alice's own shift (Monday 08–12).
    pub alice_shift_id: i32,
    pub dropper: i32,
    pub alice: i32,
    pub bruno: i32,
    pub chloe: i32,
    pub david: i32,
    pub emma: i32,
    pub fabien: i32,
    pub gael: i32,
}

pub fn at(week: IsoWeek, day: i64, hour: i64) -> NaiveDateTime {
    instant_at(
        chrono_tz::Europe::Paris,
        week.monday() + Duration::days(day),
        hour * 60,
    )
    .naive_utc()
}

/// A volunteer of centre A with an address, qualifications and weekly
/// availability (`days`: weekdays available all day).
#[allow(clippy::too_many_arguments)]
fn volunteer(
    c: &mut DbConnection,
    centre: i32,
    name: &str,
    lang: &str,
    max_minutes: Option<i32>,
    quals: &[(i32, Option<NaiveDate>, Option<NaiveDate>)],
    days: &[i32],
) -> i32 {
    let email = format!("{}@example.org", name.to_lowercase());
    let u = users::create(
        c,
        &users::NewUser {
            email: Some(&email),
            display_name: name,
            lang,
            ..Default::default()
        },
    )
    .unwrap();
    let v = volunteers::upsert(
        c,
        u.id,
        &format!("ext-{}", name.to_lowercase()),
        &volunteers::Commitment {
            max_minutes_week: max_minutes,
            ..Default::default()
        },
    )
    .unwrap();
    volunteers::set_centres(c, v.id, &[centre]).unwrap();
    volunteers::replace_qualifications(c, v.id, quals).unwrap();
    let patterns: Vec<NewPattern> = days
        .iter()
        .map(|&d| NewPattern {
            weekday: d,
            start_minute: 0,
            end_minute: 1440,
            preferred: false,
        })
        .collect();
    availability::replace_patterns(c, v.id, &patterns).unwrap();
    v.id
}

fn shift(v: i32, centre: i32, skill: i32, start: NaiveDateTime, end: NaiveDateTime) -> NewShift {
    NewShift {
        volunteer_id: v,
        centre_id: centre,
        skill_id: skill,
        role: "staff",
        start_utc: start,
        end_utc: end,
        locked: false,
    }
}

/// Builds the case on `app`'s database.
pub fn build_case(app: &TestApp) -> Case {
    let mut c = app.db();
    let mut s = settings::get(&mut c).unwrap();
    s.slot_minutes = 60;
    s.min_rest_minutes = 660;
    settings::update(&mut c, &s).unwrap();
    let skill = skills::upsert(&mut c, "ECOUTE", "Écoute", "Listening").unwrap();
    let week = IsoWeek::containing(chrono::Utc::now().date_naive() + Duration::days(14));
    let a = app.centre_a;
    let ok = [(
        skill.id,
        Some(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()),
        None,
    )];
    let all = [0, 1, 2, 3, 4, 5, 6];
    let dropper = volunteers::by_external_id(&mut c, "v-test")
        .unwrap()
        .unwrap()
        .id;
    volunteers::replace_qualifications(&mut c, dropper, &ok).unwrap();
    let alice = volunteer(&mut c, a, "Alice", "en", Some(600), &ok, &all);
    let bruno = volunteer(&mut c, a, "Bruno", "fr", Some(600), &ok, &all);
    let chloe = volunteer(&mut c, a, "Chloe", "fr", None, &ok, &[0]);
    let tuesday = week.monday() + Duration::days(1);
    let david = volunteer(
        &mut c,
        a,
        "David",
        "fr",
        None,
        &[(skill.id, None, Some(tuesday))],
        &all,
    );
    let emma = volunteer(&mut c, a, "Emma", "fr", None, &ok, &all);
    let fabien = volunteer(&mut c, a, "Fabien", "fr", Some(300), &ok, &all);
    let gael = volunteer(&mut c, a, "Gael", "fr", None, &ok, &all);
    let rota = rotas::create(&mut c, week.monday(), "A", "published", None).unwrap();
    let sk = skill.id;
    rotas::replace_shifts(
        &mut c,
        rota.id,
        &[
            shift(dropper, a, sk, at(week, 2, 14), at(week, 2, 18)),
            shift(alice, a, sk, at(week, 0, 8), at(week, 0, 12)),
            shift(emma, a, sk, at(week, 2, 4), at(week, 2, 8)),
            shift(fabien, a, sk, at(week, 0, 10), at(week, 0, 12)),
            shift(gael, a, sk, at(week, 2, 15), at(week, 2, 16)),
        ],
    )
    .unwrap();
    let shifts = rotas::shifts_of(&mut c, rota.id).unwrap();
    let find = |v: i32| shifts.iter().find(|s| s.volunteer_id == v).unwrap().id;
    Case {
        week,
        rota_id: rota.id,
        skill_id: sk,
        shift_id: find(dropper),
        alice_shift_id: find(alice),
        dropper,
        alice,
        bruno,
        chloe,
        david,
        emma,
        fabien,
        gael,
    }
}

/// The seeded volunteer drops out of the case's shift through the web.
pub async fn drop_out(app: &TestApp, case: &Case, reason: &str) -> i32 {
    let v = app.client_as(Role::Volunteer).await;
    let path = format!("/astreintes/{}/desister", case.shift_id);
    let resp = app.post_form(&v, &path, &[("reason", reason)]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    dropouts::open_of_shift(&mut app.db(), case.shift_id)
        .unwrap()
        .expect("an open drop-out")
        .id
}

/// Sends what the outbox holds now to the app's SMTP sink.
pub async fn drain(app: &TestApp) {
    let pool = astreinte::db::pool(&app.db_url, 2).unwrap();
    let mailer = astreinte::mail::Mailer::from_config(
        Some(&format!("smtp://127.0.0.1:{}", app.mail.port)),
        "Astreinte <astreinte@example.org>",
        &std::env::temp_dir(),
    )
    .unwrap();
    astreinte::outbox_worker::drain_once(&pool, &mailer, astreinte::db::now_utc())
        .await
        .unwrap();
}

/// Mails received so far for `to` (the app's own worker may have sent some).
pub fn mails_to(app: &TestApp, to: &str) -> Vec<String> {
    app.mail
        .received()
        .into_iter()
        .filter(|m| m.to.iter().any(|x| x == to))
        .map(|m| m.raw)
        .collect()
}

#[tokio::test]
async fn a_volunteer_drops_out_of_their_own_future_shift_and_the_coordinator_is_alerted() {
    let app = spawn_app().await;
    let case = build_case(&app);
    let v = app.client_as(Role::Volunteer).await;
    let path = format!("/astreintes/{}/desister", case.shift_id);
    let page = app.get(&v, &path).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = unescape(&page.text().await.unwrap());
    assert!(html.contains("name=\"reason\""), "the form is shown");
    assert!(
        html.contains("14:00–18:00"),
        "local time of the shift: {html}"
    );

    let id = drop_out(&app, &case, "Malade").await;
    let mut c = app.db();
    let d = dropouts::by_id(&mut c, id).unwrap().unwrap();
    assert_eq!(d.reason.as_deref(), Some("Malade"));
    assert_eq!(d.volunteer_id, case.dropper);
    // The shift stays in the published rota, held by the same volunteer, marked.
    let shifts = rotas::shifts_of(&mut c, case.rota_id).unwrap();
    assert!(shifts
        .iter()
        .any(|s| s.id == case.shift_id && s.volunteer_id == case.dropper));
    assert_eq!(
        dropouts::open_shift_ids(&mut c, &[case.shift_id, case.alice_shift_id]).unwrap(),
        vec![case.shift_id]
    );
    let entries = audit::search(
        &mut c,
        &audit::Filter {
            action_prefix: Some("rota.shift.dropout".into()),
            ..Default::default()
        },
        10,
    )
    .unwrap();
    assert_eq!(entries.len(), 1);
    assert!(!entries[0].details.as_deref().unwrap().contains("Malade"));

    // A second submit is a no-op; the page now says it is noted.
    let again = app.post_form(&v, &path, &[("reason", "")]).await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    let html = app.text(&v, &path).await;
    assert!(html.contains("id=\"dropout-done\""));

    // The coordinator of A (only) gets one alert with the replacements link.
    drain(&app).await;
    let mails = app.mail.wait_for(1).await;
    let alerts: Vec<_> = mails
        .iter()
        .filter(|m| m.raw.contains("ne peut plus assurer"))
        .collect();
    assert_eq!(alerts.len(), 1, "one alert");
    assert_eq!(alerts[0].to, vec!["coord.a@example.org".to_string()]);
    assert!(alerts[0].raw.contains("/centres/A/remplacements"));
    assert!(alerts[0].raw.contains("Malade"));
    assert!(alerts[0].raw.contains("Volunteer"), "who dropped out");

    // The coordinator sees it on the replacements page.
    let coord = app.client_as(Role::CoordA).await;
    let page = app.get(&coord, "/centres/A/remplacements").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = unescape(&page.text().await.unwrap());
    assert!(html.contains(&format!("id=\"dropout-{id}\"")));
    assert!(html.contains("« Malade »"));
}

#[tokio::test]
async fn a_volunteer_cannot_drop_someone_elses_shift_a_past_one_or_a_draft() {
    let app = spawn_app().await;
    let case = build_case(&app);
    let v = app.client_as(Role::Volunteer).await;
    let mut c = app.db();
    // Someone else's shift.
    let other = format!("/astreintes/{}/desister", case.alice_shift_id);
    assert_eq!(app.get(&v, &other).await.status(), StatusCode::FORBIDDEN);
    let resp = app.post_form(&v, &other, &[("reason", "")]).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    // A past shift of theirs (published last week).
    let last = IsoWeek::containing(chrono::Utc::now().date_naive() - Duration::days(7));
    let past_rota = rotas::create(&mut c, last.monday(), "A", "published", None).unwrap();
    rotas::replace_shifts(
        &mut c,
        past_rota.id,
        &[shift(
            case.dropper,
            app.centre_a,
            case.skill_id,
            at(last, 1, 9),
            at(last, 1, 12),
        )],
    )
    .unwrap();
    let past = rotas::shifts_of(&mut c, past_rota.id).unwrap()[0].id;
    let path = format!("/astreintes/{past}/desister");
    let resp = app.post_form(&v, &path, &[("reason", "")]).await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&resp.text().await.unwrap()).contains("passée"));
    // A draft shift of theirs.
    let draft = rotas::create(&mut c, case.week.monday(), "A", "draft", None).unwrap();
    rotas::replace_shifts(
        &mut c,
        draft.id,
        &[shift(
            case.dropper,
            app.centre_a,
            case.skill_id,
            at(case.week, 4, 9),
            at(case.week, 4, 12),
        )],
    )
    .unwrap();
    let draft_shift = rotas::shifts_of(&mut c, draft.id).unwrap()[0].id;
    let path = format!("/astreintes/{draft_shift}/desister");
    let resp = app.post_form(&v, &path, &[("reason", "")]).await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Unknown shift; a too long reason.
    let resp = app.get(&v, "/astreintes/999999/desister").await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let own = format!("/astreintes/{}/desister", case.shift_id);
    let long = "x".repeat(501);
    let resp = app.post_form(&v, &own, &[("reason", &long)]).await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Nothing was recorded.
    for s in [case.alice_shift_id, past, draft_shift, case.shift_id] {
        assert!(dropouts::open_of_shift(&mut c, s).unwrap().is_none());
    }
}

#[tokio::test]
async fn candidates_are_ranked_by_the_solver_criteria_and_the_excluded_say_why() {
    let app = spawn_app().await;
    let case = build_case(&app);
    let mut c = app.db();
    let shift = dropouts::shift_with_rota(&mut c, case.shift_id)
        .unwrap()
        .unwrap()
        .0;
    let ranked = replace::rank(&mut c, &shift, case.dropper).unwrap();
    let eligible: Vec<i32> = ranked
        .iter()
        .filter(|x| x.eligible())
        .map(|x| x.volunteer_id)
        .collect();
    // Bruno (0 %) before Alice (240 / 600 min = 40 %).
    assert_eq!(eligible, vec![case.bruno, case.alice]);
    let alice = ranked
        .iter()
        .find(|x| x.volunteer_id == case.alice)
        .unwrap();
    assert_eq!((alice.week_minutes, alice.load_percent()), (240, 40));
    let why = |v: i32| {
        ranked
            .iter()
            .find(|x| x.volunteer_id == v)
            .unwrap()
            .exclusions
            .clone()
    };
    assert_eq!(why(case.dropper), vec![Exclusion::DroppedOut]);
    assert_eq!(why(case.chloe), vec![Exclusion::Unavailable]);
    assert_eq!(why(case.david), vec![Exclusion::NotQualified]);
    assert_eq!(why(case.emma), vec![Exclusion::Rest]);
    assert_eq!(why(case.fabien), vec![Exclusion::OverMinutes]);
    assert_eq!(why(case.gael), vec![Exclusion::Overlap]);

    // The page shows the same order and the reasons.
    drop_out(&app, &case, "").await;
    let coord = app.client_as(Role::CoordA).await;
    let html = app.page(&coord, "/centres/A/remplacements").await;
    let pos = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(pos("Bruno") < pos("Alice"), "less loaded first");
    assert!(html.contains("chargé à 40 % de son maximum hebdomadaire"));
    for reason in [
        "pas disponible sur tout le créneau",
        "pas qualifié pour cette compétence à cette date",
        "repos minimal non respecté",
        "dépasserait son maximum d'heures",
        "déjà d'astreinte à ce moment",
    ] {
        assert!(html.contains(reason), "{reason}");
    }
    // Another centre's coordinator may not see it.
    let other = app.client_as(Role::CoordB).await;
    assert_eq!(
        app.get(&other, "/centres/A/remplacements").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn one_click_assigns_the_replacement_in_the_published_rota_with_audit() {
    let app = spawn_app().await;
    let case = build_case(&app);
    let id = drop_out(&app, &case, "").await;
    let coord = app.client_as(Role::CoordA).await;
    let base = format!("/centres/A/remplacements/{id}/affecter");
    // Not eligible (unavailable): refused, nothing changes.
    let chloe = case.chloe.to_string();
    let resp = app
        .post_form(&coord, &base, &[("volunteer_id", &chloe)])
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert!(resp.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("msg=not-eligible"));
    let mut c = app.db();
    let revision = rotas::by_id(&mut c, case.rota_id)
        .unwrap()
        .unwrap()
        .revision;
    assert!(dropouts::open_of_shift(&mut c, case.shift_id)
        .unwrap()
        .is_some());
    // Another centre's coordinator: 403.
    let other = app.client_as(Role::CoordB).await;
    let bruno = case.bruno.to_string();
    let resp = app
        .post_form(&other, &base, &[("volunteer_id", &bruno)])
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    // Bruno in one click.
    let resp = app
        .post_form(&coord, &base, &[("volunteer_id", &bruno)])
        .await;
    assert!(resp.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("msg=assigned"));
    let shifts = rotas::shifts_of(&mut c, case.rota_id).unwrap();
    let s = shifts.iter().find(|s| s.id == case.shift_id).unwrap();
    assert_eq!(s.volunteer_id, case.bruno, "the published rota changed");
    let rota = rotas::by_id(&mut c, case.rota_id).unwrap().unwrap();
    assert_eq!(rota.status, "published");
    assert_eq!(rota.revision, revision + 1);
    let d = dropouts::by_id(&mut c, id).unwrap().unwrap();
    assert_eq!(d.status, "covered");
    assert_eq!(d.replacement_volunteer_id, Some(case.bruno));
    let entries = audit::search(
        &mut c,
        &audit::Filter {
            action_prefix: Some("rota.shift.replace".into()),
            ..Default::default()
        },
        10,
    )
    .unwrap();
    assert_eq!(entries.len(), 1);
    let coord_user = users::by_email(&mut c, "coord.a@example.org")
        .unwrap()
        .unwrap();
    assert_eq!(entries[0].actor_user_id, Some(coord_user.id));
    assert_eq!(entries[0].target_id, Some(case.shift_id.to_string()));
    // A second click: already covered; the page no longer lists it.
    let resp = app
        .post_form(&coord, &base, &[("volunteer_id", &case.alice.to_string())])
        .await;
    assert!(resp.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("msg=already"));
    let html = app
        .get(&coord, "/centres/A/remplacements")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"replace-none\""));
    // Bruno is told.
    drain(&app).await;
    for _ in 0..100 {
        if !mails_to(&app, "bruno@example.org").is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let bruno_mails = mails_to(&app, "bruno@example.org");
    assert_eq!(bruno_mails.len(), 1);
    assert!(bruno_mails[0].contains("Vous remplacez"));
}

#[test]
fn ranking_replacements_on_imported_alma_600_is_consistent_and_timed() {
    use crate::import_export::{astreinte, instance, ok};
    use astreinte::scenario_build::{build_problem, Scope};
    let db = crate::test_db::TestDb::new();
    let path = instance("alma-600.json");
    ok(&astreinte(&db, &["import", path.to_str().unwrap()]));
    let mut c = db.conn();
    let centre = astreinte::db::centres::by_code(&mut c, "C52")
        .unwrap()
        .unwrap();
    let week = IsoWeek::containing(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap());
    let built = build_problem(&mut c, &Scope::Centre(centre.code.clone()), week).unwrap();
    let p = &built.problem;
    let covers = |v: &solver::problem::Volunteer, s: u32| {
        (s..s + 4).all(|k| v.availability.iter().any(|w| w.range.contains(k)))
    };
    // The (volunteer, skill, 4-slot start) that most other volunteers could cover.
    let (vi, skill, start_slot) = p
        .volunteers
        .iter()
        .enumerate()
        .flat_map(|(i, v)| {
            let q = v.qualifications.iter().find(|q| q.valid_until.is_none());
            v.availability
                .iter()
                .filter(|w| w.range.len() >= 4)
                .filter_map(move |w| q.map(|q| (i, q.skill, w.range.start)))
        })
        .max_by_key(|&(i, skill, s)| {
            p.volunteers
                .iter()
                .enumerate()
                .filter(|&(j, o)| {
                    j != i && o.qualifications.iter().any(|q| q.skill == skill) && covers(o, s)
                })
                .count()
        })
        .unwrap();
    let w = solver::problem::SlotRange {
        start: start_slot,
        end: start_slot + 4,
    };
    let slot = Duration::minutes(i64::from(p.slot_minutes));
    let start = p.start_utc.naive_utc() + slot * i32::try_from(w.start).unwrap();
    let rota = rotas::create(&mut c, week.monday(), &centre.code, "published", None).unwrap();
    rotas::replace_shifts(
        &mut c,
        rota.id,
        &[shift(
            built.volunteer_ids[vi],
            centre.id,
            built.skill_ids[skill],
            start,
            start + slot * 4,
        )],
    )
    .unwrap();
    let s = rotas::shifts_of(&mut c, rota.id).unwrap().remove(0);
    let t0 = std::time::Instant::now();
    let ranked = replace::rank(&mut c, &s, s.volunteer_id).unwrap();
    let elapsed = t0.elapsed();
    eprintln!(
        "rank on alma-600 centre {}: {} volunteers, {} eligible, {:?}",
        centre.code,
        ranked.len(),
        ranked.iter().filter(|x| x.eligible()).count(),
        elapsed
    );
    assert_eq!(ranked.len(), p.volunteers.len());
    let me = ranked
        .iter()
        .find(|x| x.volunteer_id == s.volunteer_id)
        .unwrap();
    assert_eq!(me.exclusions, vec![Exclusion::DroppedOut]);
    // Eligible first, by load ratio; each eligible one is available for the whole shift.
    let first_excluded = ranked.iter().position(|x| !x.eligible()).unwrap();
    assert!(first_excluded > 0, "someone can replace");
    assert!(ranked[first_excluded..].iter().all(|x| !x.eligible()));
    for pair in ranked[..first_excluded].windows(2) {
        assert!(
            pair[0].week_minutes * pair[1].commitment_minutes
                <= pair[1].week_minutes * pair[0].commitment_minutes
        );
    }
    let range = solver::problem::SlotRange {
        start: w.start,
        end: w.start + 4,
    };
    for x in &ranked[..first_excluded] {
        let i = built
            .volunteer_ids
            .iter()
            .position(|&v| v == x.volunteer_id)
            .unwrap();
        assert!((range.start..range.end).all(|k| p.volunteers[i]
            .availability
            .iter()
            .any(|w| w.range.contains(k))));
    }
}
