//! The jobs table and worker: concurrent claims never share a job (SKIP
//! LOCKED on PostgreSQL, conditional UPDATE on both), a job whose worker
//! died is taken over and stored exactly once, and a generation survives a
//! SIGKILL of the real server in the middle of its solve.

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use astreinte::db::{self, jobs, rotas};
use astreinte::jobs::{run_once_blocking, Ran, WorkerSettings};
use astreinte::rota::generate::{self, Enqueued, GenerateParams};
use astreinte::scenario_build::Scope;
use chrono::Duration as Lease;
use diesel::prelude::*;

use crate::import_export::{astreinte, instance, ok};
use crate::test_db::TestDb;

fn week() -> astreinte::domain::week::IsoWeek {
    "2026-W50".parse().unwrap()
}

fn rotas_of_job(db: &TestDb, job_id: i32) -> Vec<rotas::Rota> {
    use astreinte::db::schema::rotas as r;
    r::table
        .filter(r::job_id.eq(job_id))
        .select(rotas::Rota::as_select())
        .load(&mut db.conn())
        .unwrap()
}

#[test]
fn concurrent_workers_never_claim_the_same_job() {
    let db = TestDb::new();
    let now = db::now_utc();
    let mut ids = BTreeSet::new();
    {
        let mut c = db.conn();
        for i in 0..24 {
            ids.insert(
                jobs::enqueue(&mut c, "test.noop", &format!("{{\"n\":{i}}}"), None, now).unwrap(),
            );
        }
    }
    let url = db.url().to_string();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut c = db::establish(&url).unwrap();
                let mut mine = Vec::new();
                while let Some(job) =
                    jobs::claim(&mut c, None, db::now_utc(), Lease::seconds(60)).unwrap()
                {
                    assert_eq!(job.status, jobs::RUNNING);
                    assert_eq!(job.attempts, 1);
                    mine.push(job.id);
                    // Hold the claim a moment, as a real job would.
                    std::thread::sleep(Duration::from_millis(5));
                }
                mine
            })
        })
        .collect();
    let mut all = Vec::new();
    for h in handles {
        all.extend(h.join().unwrap());
    }
    let claimed: BTreeSet<i32> = all.iter().copied().collect();
    assert_eq!(all.len(), claimed.len(), "a job was claimed twice: {all:?}");
    assert_eq!(claimed, ids, "every job was claimed once");
}

fn import_tiny(db: &TestDb) {
    ok(&astreinte(
        db,
        &["import", instance("tiny.json").to_str().unwrap()],
    ));
}

#[test]
fn a_job_whose_worker_died_is_taken_over_and_completes_exactly_once() {
    let db = TestDb::new();
    import_tiny(&db);
    let params = GenerateParams::new(week(), &Scope::All);
    let job_id = match generate::enqueue(&mut db.conn(), &params, None).unwrap() {
        Enqueued::New(id) => id,
        other => panic!("{other:?}"),
    };
    // A first worker claimed it two minutes ago, then died (no heartbeat since).
    let dead = jobs::claim(
        &mut db.conn(),
        None,
        db::now_utc() - Lease::seconds(120),
        Lease::seconds(60),
    )
    .unwrap()
    .expect("the dead worker's claim");
    assert_eq!((dead.id, dead.attempts), (job_id, 1));
    // A second live claim is refused while the lease runs.
    assert!(jobs::claim(
        &mut db.conn(),
        None,
        db::now_utc() - Lease::seconds(119),
        Lease::seconds(60)
    )
    .unwrap()
    .is_none());

    let pool = db::pool(db.url(), 4).unwrap();
    let settings = WorkerSettings {
        lease: Duration::from_secs(60),
        ..WorkerSettings::default()
    };
    let ran = run_once_blocking(&pool, &settings, None, &|_| {}).unwrap();
    let Ran::Done {
        job_id: done,
        result,
    } = ran
    else {
        panic!("expected the job to complete, got {ran:?}")
    };
    assert_eq!(done, job_id);
    let job = jobs::get(&mut db.conn(), job_id).unwrap().unwrap();
    assert_eq!(job.status, jobs::DONE);
    assert_eq!(job.attempts, 2, "taken over once");

    // The dead worker wakes up: none of its writes land.
    let mut c = db.conn();
    assert!(!jobs::heartbeat(&mut c, job_id, 1, Some("{}"), db::now_utc()).unwrap());
    assert!(!jobs::finish(&mut c, job_id, 1, "{}", None, db::now_utc()).unwrap());
    assert!(!jobs::fail(&mut c, job_id, 1, "late", db::now_utc()).unwrap());
    let job = jobs::get(&mut c, job_id).unwrap().unwrap();
    assert_eq!(job.status, jobs::DONE);
    assert!(job.error.is_none());

    let written = rotas_of_job(&db, job_id);
    assert_eq!(written.len(), 1, "exactly one draft for the job");
    assert_eq!(written[0].id, result.rota_id);
    assert_eq!(written[0].status, "draft");
    // Nothing is left to run.
    assert_eq!(
        run_once_blocking(&pool, &settings, None, &|_| {}).unwrap(),
        Ran::Nothing
    );
}

#[test]
fn a_job_interrupted_too_often_is_failed_instead_of_retried_forever() {
    let db = TestDb::new();
    let mut c = db.conn();
    let long_ago = db::now_utc() - Lease::seconds(3600);
    let id = jobs::enqueue(&mut c, generate::KIND, "{}", None, long_ago).unwrap();
    for i in 0..jobs::MAX_ATTEMPTS {
        let t = long_ago + Lease::seconds(i64::from(i) * 120);
        let job = jobs::claim(&mut c, None, t, Lease::seconds(60))
            .unwrap()
            .unwrap();
        assert_eq!(job.attempts, i + 1);
    }
    assert!(jobs::claim(&mut c, None, db::now_utc(), Lease::seconds(60))
        .unwrap()
        .is_none());
    let job = jobs::get(&mut c, id).unwrap().unwrap();
    assert_eq!(job.status, jobs::FAILED);
    assert!(job.error.unwrap().contains("abandoned"));
}

#[test]
fn stale_running_jobs_are_requeued_and_fresh_ones_are_not() {
    let db = TestDb::new();
    let mut c = db.conn();
    let now = db::now_utc();
    let stale = jobs::enqueue(&mut c, "test.noop", "{}", None, now).unwrap();
    let fresh = jobs::enqueue(&mut c, "test.noop", "{}", None, now).unwrap();
    jobs::claim(
        &mut c,
        Some(stale),
        now - Lease::seconds(300),
        Lease::seconds(60),
    )
    .unwrap()
    .unwrap();
    jobs::claim(&mut c, Some(fresh), now, Lease::seconds(60))
        .unwrap()
        .unwrap();
    assert_eq!(
        jobs::requeue_stale(&mut c, now, Lease::seconds(60)).unwrap(),
        1
    );
    assert_eq!(
        jobs::get(&mut c, stale).unwrap().unwrap().status,
        jobs::QUEUED
    );
    assert_eq!(
        jobs::get(&mut c, fresh).unwrap().unwrap().status,
        jobs::RUNNING
    );
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(db: &TestDb, data_dir: &std::path::Path) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_astreinte"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .env("DATABASE_URL", db.url())
        .env("ASTREINTE_JOB_LEASE_SECONDS", "2")
        .env("ASTREINTE_JOB_POLL_MS", "100")
        .env("ASTREINTE_SOLVER_THREADS", "1")
        .env_remove("RUST_LOG")
        .env_remove("SMTP_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    Server(child)
}

fn wait_for(what: &str, limit: Duration, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(15));
    }
}

#[test]
fn a_generation_survives_a_sigkill_of_the_server_during_its_solve() {
    let db = TestDb::new();
    ok(&astreinte(
        &db,
        &["import", instance("alma-600.json").to_str().unwrap()],
    ));
    // The click: what the « Générer le planning » form enqueues.
    let params = GenerateParams::new(week(), &Scope::All);
    let job_id = generate::enqueue(&mut db.conn(), &params, None)
        .unwrap()
        .job_id();
    let data = tempfile::tempdir().unwrap();

    let mut first = serve(&db, data.path());
    let mut phase = String::new();
    wait_for("the solve to start", Duration::from_secs(120), || {
        let job = jobs::get(&mut db.conn(), job_id).unwrap().unwrap();
        assert_ne!(job.status, jobs::DONE, "the job finished before the kill");
        phase = job
            .progress
            .as_deref()
            .and_then(|p| serde_json::from_str::<generate::ProgressInfo>(p).ok())
            .map(|p| p.phase)
            .unwrap_or_default();
        job.status == jobs::RUNNING && phase == "solving"
    });
    first.0.kill().expect("SIGKILL");
    first.0.wait().unwrap();
    drop(first);

    let job = jobs::get(&mut db.conn(), job_id).unwrap().unwrap();
    assert_eq!(job.status, jobs::RUNNING, "killed mid-solve: still running");
    assert_eq!(job.attempts, 1);
    assert!(rotas_of_job(&db, job_id).is_empty(), "nothing stored yet");

    let _second = serve(&db, data.path());
    wait_for(
        "the job to complete after the restart",
        Duration::from_secs(240),
        || {
            let job = jobs::get(&mut db.conn(), job_id).unwrap().unwrap();
            assert_ne!(job.status, jobs::FAILED, "{:?}", job.error);
            job.status == jobs::DONE
        },
    );
    let job = jobs::get(&mut db.conn(), job_id).unwrap().unwrap();
    assert_eq!(job.attempts, 2, "taken over once after the restart");
    let written = rotas_of_job(&db, job_id);
    assert_eq!(written.len(), 1, "exactly one new draft");
    let all = rotas::of_week(&mut db.conn(), week().monday()).unwrap();
    let drafts: Vec<_> = all.iter().filter(|r| r.status == "draft").collect();
    assert_eq!(drafts.len(), 1, "one draft version for the week: {all:?}");
    assert!(!rotas::shifts_of(&mut db.conn(), written[0].id)
        .unwrap()
        .is_empty());
}
