//! Rota generation through the web pages and the command line, on imported
//! public instances: a valid draft (the solver's checker and `check.py`),
//! one generation at a time per week, « Re-générer » with nothing changed
//! changes nothing, locked and published assignments are kept, progress is
//! visible while the job runs.

use std::collections::BTreeSet;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use astreinte::db::{self, centres, jobs, rotas, users};
use astreinte::jobs::{run_once_blocking, Ran, WorkerSettings};
use astreinte::rota::generate::GenerateResult;
use astreinte::scenario_build::{build_problem, Scope};
use diesel::prelude::*;
use reqwest::StatusCode;
use solver::problem::{Role as ShiftRole, Shift, SlotRange};

use crate::helpers::{spawn_app_with, Role, TestApp};
use crate::import_export::{astreinte, instance, ok};
use crate::test_db::TestDb;

const WEEK: &str = "2026-W50";
/// The alma-600 centre these tests plan (29 volunteers).
const CENTRE: &str = "C52";

fn cli(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_astreinte"))
        .args(args)
        .env("DATABASE_URL", url)
        .env_remove("RUST_LOG")
        .output()
        .expect("the binary runs")
}

fn out_ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// An app without its background worker (the tests run jobs by hand), with
/// alma-600 imported and coordinator A also coordinating [`CENTRE`].
async fn app_with_alma() -> TestApp {
    let app = spawn_app_with(|c| c.jobs.worker = false).await;
    out_ok(&cli(
        &app.db_url,
        &["import", instance("alma-600.json").to_str().unwrap()],
    ));
    let mut c = app.db();
    let coord = users::by_email(&mut c, "coord.a@example.org")
        .unwrap()
        .unwrap();
    let centre = centres::by_code(&mut c, CENTRE).unwrap().unwrap();
    centres::add_coordinator(&mut c, coord.id, centre.id).unwrap();
    app
}

fn job_id_of(resp: &reqwest::Response) -> i32 {
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let loc = resp.headers()["location"].to_str().unwrap();
    let rest = loc.strip_prefix("/travaux/").expect("to the job page");
    rest.split('?').next().unwrap().parse().unwrap()
}

fn run_jobs(app: &TestApp) -> Vec<Ran> {
    let pool = db::pool(&app.db_url, 4).unwrap();
    let settings = WorkerSettings {
        solver: astreinte::rota::generate::SolverSettings {
            time_limit: Duration::from_secs(60),
            threads: 2,
        },
        ..WorkerSettings::default()
    };
    let mut out = Vec::new();
    loop {
        match run_once_blocking(&pool, &settings, None, &|_| {}).unwrap() {
            Ran::Nothing => return out,
            r => out.push(r),
        }
    }
}

fn done(r: &Ran) -> GenerateResult {
    match r {
        Ran::Done { result, .. } => result.clone(),
        other => panic!("expected a done job, got {other:?}"),
    }
}

type Key = (
    i32,
    i32,
    i32,
    String,
    chrono::NaiveDateTime,
    chrono::NaiveDateTime,
);

fn shift_set(app: &TestApp, rota_id: i32) -> BTreeSet<Key> {
    rotas::shifts_of(&mut app.db(), rota_id)
        .unwrap()
        .into_iter()
        .map(|s| {
            (
                s.volunteer_id,
                s.centre_id,
                s.skill_id,
                s.role,
                s.start_utc,
                s.end_utc,
            )
        })
        .collect()
}

/// The stored draft as problem shifts, checked by the solver's validator
/// (the in-crate mirror of `check.py`).
fn assert_valid(app: &TestApp, rota_id: i32) {
    let mut c = app.db();
    let built =
        build_problem(&mut c, &Scope::Centre(CENTRE.into()), WEEK.parse().unwrap()).unwrap();
    let p = &built.problem;
    let slot = i64::from(p.slot_minutes) * 60;
    let ix = |ids: &[i32], id: i32| ids.iter().position(|&x| x == id).unwrap();
    let shifts: Vec<Shift> = rotas::shifts_of(&mut c, rota_id)
        .unwrap()
        .iter()
        .map(|s| Shift {
            volunteer: ix(&built.volunteer_ids, s.volunteer_id),
            centre: ix(&built.centre_ids, s.centre_id),
            skill: ix(&built.skill_ids, s.skill_id),
            role: if s.role == "trainee" {
                ShiftRole::Trainee
            } else {
                ShiftRole::Staff
            },
            range: SlotRange {
                start: ((s.start_utc.and_utc() - p.start_utc).num_seconds() / slot) as u32,
                end: ((s.end_utc.and_utc() - p.start_utc).num_seconds() / slot) as u32,
            },
        })
        .collect();
    assert!(!shifts.is_empty(), "the draft has shifts");
    let report = solver::check::check(p, &shifts);
    assert!(report.is_valid(), "invalid draft: {report:?}");
}

#[tokio::test]
async fn a_coordinator_generates_a_valid_draft_and_a_second_click_joins_the_running_job() {
    let app = app_with_alma().await;
    let coord = app.client_as(Role::CoordA).await;
    let page = app
        .get(
            &coord,
            &format!("/centres/{CENTRE}/planning?semaine={WEEK}"),
        )
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Générer le planning"), "{html}");
    assert!(html.contains("Aucune version pour cette semaine"));

    let path = format!("/centres/{CENTRE}/planning/generer");
    let first = app.post_form(&coord, &path, &[("semaine", WEEK)]).await;
    let job = job_id_of(&first);
    // Refused while queued: the second click lands on the same job.
    let second = app.post_form(&coord, &path, &[("semaine", WEEK)]).await;
    assert_eq!(job_id_of(&second), job);
    assert!(second.headers()["location"]
        .to_str()
        .unwrap()
        .contains("deja=1"));
    let page = app
        .get(
            &coord,
            &format!("/centres/{CENTRE}/planning?semaine={WEEK}"),
        )
        .await;
    assert!(page
        .text()
        .await
        .unwrap()
        .contains(&format!("/travaux/{job}")));
    let queued = app.get(&coord, &format!("/travaux/{job}?deja=1")).await;
    let html = queued.text().await.unwrap();
    assert!(html.contains("déjà en cours"), "{html}");
    assert!(
        html.contains("http-equiv=\"refresh\""),
        "no-script refresh while active"
    );

    let ran = run_jobs(&app);
    assert_eq!(ran.len(), 1, "one job for two clicks");
    let result = done(&ran[0]);
    assert_eq!(result.changed, 0);
    assert!(result.base_rota.is_none());
    assert_valid(&app, result.rota_id);
    let rota = rotas::by_id(&mut app.db(), result.rota_id)
        .unwrap()
        .unwrap();
    assert_eq!(
        (rota.status.as_str(), rota.scope.as_str()),
        ("draft", CENTRE)
    );
    assert_eq!(rota.job_id, Some(job));
    let report: serde_json::Value =
        serde_json::from_str(rota.solver_report.as_deref().unwrap()).unwrap();
    for k in [
        "status",
        "uncovered_minutes",
        "bound_minutes",
        "gap",
        "seconds",
        "components",
        "changed",
    ] {
        assert!(report.get(k).is_some(), "solver_report lacks {k}: {report}");
    }
    let audit: i64 = {
        use astreinte::db::schema::audit_log as a;
        a::table
            .filter(a::action.eq("rota.generate"))
            .filter(a::target_id.eq(result.rota_id.to_string()))
            .count()
            .get_result(&mut app.db())
            .unwrap()
    };
    assert_eq!(audit, 1);

    // The job page (reloaded) links to the draft; its JSON says done.
    let html = app
        .get(&coord, &format!("/travaux/{job}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("/plannings/{}", result.rota_id)),
        "{html}"
    );
    assert!(!html.contains("http-equiv=\"refresh\""));
    let json: serde_json::Value = app
        .get(&coord, &format!("/travaux/{job}.json"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["status"], "done");
    assert_eq!(json["rota_url"], format!("/plannings/{}", result.rota_id));
    let p = &json["progress"];
    assert_eq!(p["phase"], "done");
    assert!(p["components_total"].as_u64().unwrap() > 0);
    assert_eq!(p["components_done"], p["components_total"]);
    // The week's page lists the version.
    let html = app
        .get(
            &coord,
            &format!("/centres/{CENTRE}/planning?semaine={WEEK}"),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!("href=\"/plannings/{}\"", result.rota_id)));
    // Another centre's coordinator sees neither the job nor the page.
    let other = app.client_as(Role::CoordB).await;
    assert_eq!(
        app.get(&other, &format!("/travaux/{job}")).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&other, &format!("/centres/{CENTRE}/planning"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn regenerating_keeps_locked_and_published_assignments_and_changes_nothing_else() {
    let app = app_with_alma().await;
    let coord = app.client_as(Role::CoordA).await;
    let path = format!("/centres/{CENTRE}/planning/generer");
    job_id_of(&app.post_form(&coord, &path, &[("semaine", WEEK)]).await);
    let v1 = done(&run_jobs(&app)[0]);

    // « Re-générer » with nothing changed: nothing changes.
    let resp = app
        .post_form(&coord, &format!("/plannings/{}/regenerer", v1.rota_id), &[])
        .await;
    let job = job_id_of(&resp);
    let v2 = done(&run_jobs(&app)[0]);
    assert_eq!(v2.base_rota, Some(v1.rota_id));
    assert_eq!(v2.changed, 0);
    assert_eq!(v2.version, v1.version + 1);
    assert_eq!(shift_set(&app, v2.rota_id), shift_set(&app, v1.rota_id));
    let html = app
        .get(&coord, &format!("/travaux/{job}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Aucune affectation modifiée"), "{html}");

    // Lock a shortened shift in v2: the solver would lengthen it back
    // (better coverage); locked, it stays as it is.
    let mut c = app.db();
    let shifts = rotas::shifts_of(&mut c, v2.rota_id).unwrap();
    let published: BTreeSet<Key> = rotas::published_shifts_of_week(
        &mut c,
        WEEK.parse::<astreinte::domain::week::IsoWeek>()
            .unwrap()
            .monday(),
    )
    .unwrap()
    .into_iter()
    .map(|s| {
        (
            s.volunteer_id,
            s.centre_id,
            s.skill_id,
            s.role,
            s.start_utc,
            s.end_utc,
        )
    })
    .collect();
    let target = shifts
        .iter()
        .find(|s| {
            (s.end_utc - s.start_utc).num_minutes() >= 180
                && !published.contains(&(
                    s.volunteer_id,
                    s.centre_id,
                    s.skill_id,
                    s.role.clone(),
                    s.start_utc,
                    s.end_utc,
                ))
        })
        .expect("a shift of 3 hours or more");
    let shortened_end = target.end_utc - chrono::Duration::hours(1);
    {
        use astreinte::db::schema::rota_shifts as rs;
        diesel::update(rs::table.find(target.id))
            .set((rs::end_utc.eq(shortened_end), rs::locked.eq(true)))
            .execute(&mut c)
            .unwrap();
    }
    app.post_form(&coord, &format!("/plannings/{}/regenerer", v2.rota_id), &[])
        .await;
    let v3 = done(&run_jobs(&app)[0]);
    let kept = rotas::shifts_of(&mut c, v3.rota_id).unwrap();
    assert!(
        kept.iter().any(|s| s.volunteer_id == target.volunteer_id
            && s.start_utc == target.start_utc
            && s.end_utc == shortened_end
            && s.locked),
        "the locked shift survives, still locked"
    );
    assert_valid(&app, v3.rota_id);

    // Publish v3, then generate afresh: every published assignment is kept.
    astreinte::rota::publish::publish(&mut c, v3.rota_id, None, None).unwrap();
    app.post_form(&coord, &path, &[("semaine", WEEK)]).await;
    let v4 = done(&run_jobs(&app)[0]);
    let v3_set = shift_set(&app, v3.rota_id);
    let v4_set = shift_set(&app, v4.rota_id);
    assert!(v3_set.is_subset(&v4_set), "published assignments kept");
    let versions: Vec<_> = rotas::of_week(
        &mut c,
        WEEK.parse::<astreinte::domain::week::IsoWeek>()
            .unwrap()
            .monday(),
    )
    .unwrap()
    .into_iter()
    .filter(|r| r.scope == CENTRE)
    .collect();
    assert_eq!(versions.len(), 4, "earlier versions are kept");
}

#[tokio::test]
async fn progress_is_visible_while_the_job_runs() {
    let app = app_with_alma().await;
    let admin = app.client_as(Role::Admin).await;
    let job = job_id_of(
        &app.post_form(
            &admin,
            &format!("/centres/{CENTRE}/planning/generer"),
            &[("semaine", WEEK)],
        )
        .await,
    );
    let url = app.db_url.clone();
    // The job pauses at its first progress update until this test has seen
    // that progress from the outside (or 30 s have passed): however fast the
    // solve, the running state is observable.
    let (seen_tx, seen_rx) = std::sync::mpsc::channel::<()>();
    let worker = std::thread::spawn(move || {
        let pool = db::pool(&url, 4).unwrap();
        let paused = std::sync::atomic::AtomicBool::new(false);
        let seen_rx = std::sync::Mutex::new(seen_rx);
        run_once_blocking(&pool, &WorkerSettings::default(), None, &|_| {
            if !paused.swap(true, std::sync::atomic::Ordering::SeqCst) {
                let _ = seen_rx
                    .lock()
                    .unwrap()
                    .recv_timeout(Duration::from_secs(30));
            }
        })
        .unwrap()
    });
    let start = Instant::now();
    let mut seen_running_progress = false;
    loop {
        let json: serde_json::Value = app
            .get(&admin, &format!("/travaux/{job}.json"))
            .await
            .json()
            .await
            .unwrap();
        if json["status"] == "running" && json["progress"].is_object() {
            if !seen_running_progress {
                let _ = seen_tx.send(());
            }
            seen_running_progress = true;
            assert!(json["progress_text"].as_str().unwrap().len() > 3);
        }
        if json["status"] == "done" {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "job did not finish"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(seen_running_progress, "progress JSON seen while running");
    done(&worker.join().unwrap());
}

#[test]
fn the_generate_command_stores_and_publishes_a_rota_that_check_py_accepts() {
    let db = TestDb::new();
    ok(&astreinte(
        &db,
        &["import", instance("tiny.json").to_str().unwrap()],
    ));
    // Bad input: exit 2, nothing queued.
    let bad = cli(db.url(), &["generate", "--week", "2026-W60"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = cli(db.url(), &["generate", "--week", WEEK, "--centre", "C99"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("C99"));
    {
        use astreinte::db::schema::jobs as j;
        let n: i64 = j::table.count().get_result(&mut db.conn()).unwrap();
        assert_eq!(n, 0);
    }

    let out = out_ok(&cli(
        db.url(),
        &[
            "generate",
            "--week",
            WEEK,
            "--centre",
            "ALL",
            "--publish",
            "--time-limit",
            "30",
            "--threads",
            "1",
        ],
    ));
    assert!(out.starts_with("rota "), "{out}");
    assert!(out.contains("published"), "{out}");
    assert_eq!(out.lines().count(), 1, "one-line summary: {out}");
    let job = jobs::recent_of_kind(&mut db.conn(), astreinte::rota::generate::KIND, 1)
        .unwrap()
        .remove(0);
    assert_eq!(job.status, jobs::DONE);
    let result: GenerateResult = serde_json::from_str(job.result.as_deref().unwrap()).unwrap();
    let rota = rotas::by_id(&mut db.conn(), result.rota_id)
        .unwrap()
        .unwrap();
    assert_eq!(rota.status, "published");

    let dir = tempfile::tempdir().unwrap();
    let scen = dir.path().join("scenario.json");
    let sol = dir.path().join("solution.json");
    ok(&astreinte(
        &db,
        &[
            "export",
            "--centre",
            "ALL",
            "--week",
            WEEK,
            "--out",
            scen.to_str().unwrap(),
            "--solution",
            sol.to_str().unwrap(),
        ],
    ));
    let check = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/bench/check.py"
        ))
        .arg(&scen)
        .arg(&sol)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "check.py: {}\n{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let solution: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&sol).unwrap()).unwrap();
    assert_eq!(
        solution["shifts"].as_array().map(Vec::len),
        Some(result.shifts),
        "the exported rota is the generated one"
    );
}
