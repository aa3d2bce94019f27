//! `astreinte backup` / `astreinte restore` run as the real binary: an online
//! backup under concurrent writes is consistent and restores to the same
//! rows; bad files and existing targets are refused with exit code 2; on
//! PostgreSQL both commands point to pg_dump/pg_restore.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use astreinte::db::{self, centres, DbConnection};
use diesel::connection::SimpleConnection;
use diesel::sql_types::{BigInt, Text};
use diesel::{QueryableByName, RunQueryDsl};

use crate::test_db::TestDb;

fn run(args: &[&str], database_url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_astreinte"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName, Debug, PartialEq)]
struct CentreRow {
    #[diesel(sql_type = Text)]
    code: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    timezone: String,
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

fn table_counts(conn: &mut DbConnection) -> Vec<(String, i64)> {
    let names: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .load(conn)
    .unwrap();
    names
        .into_iter()
        .map(|t| {
            let c: Count = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM \"{}\"", t.name))
                .get_result(conn)
                .unwrap();
            (t.name, c.n)
        })
        .collect()
}

fn centre_rows(conn: &mut DbConnection) -> Vec<CentreRow> {
    diesel::sql_query("SELECT code, name, timezone FROM centres ORDER BY code")
        .load(conn)
        .unwrap()
}

#[test]
fn online_backup_is_consistent_and_restores_the_same_rows() {
    let test_db = TestDb::new();
    if test_db.is_postgres() {
        return;
    }
    let mut conn = test_db.conn();
    for i in 0..20 {
        centres::upsert(
            &mut conn,
            &format!("S{i:03}"),
            &format!("Centre {i}"),
            "Europe/Paris",
            false,
        )
        .unwrap();
    }
    let seeded = centre_rows(&mut conn);

    // A writer keeps inserting through its own connection during the backup.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let mut wconn = test_db.conn();
        std::thread::spawn(move || {
            let mut i = 0u32;
            while !stop.load(Ordering::Relaxed) {
                centres::upsert(
                    &mut wconn,
                    &format!("W{i:06}"),
                    "Écriture",
                    "Europe/Paris",
                    false,
                )
                .unwrap();
                i += 1;
            }
            i
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(100));
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("sauvegarde.sqlite3");
    let out = run(&["backup", backup.to_str().unwrap()], test_db.url());
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(out.status.success(), "backup failed: {}", stderr(&out));
    assert!(written > 0, "the writer ran during the backup");

    let backup_url = sqlite_url(&backup);
    let mut bconn = db::establish(&backup_url).unwrap();
    let check: Vec<Name> =
        diesel::sql_query("SELECT integrity_check AS name FROM pragma_integrity_check")
            .load(&mut bconn)
            .unwrap();
    assert_eq!(check.len(), 1);
    assert_eq!(check[0].name, "ok");
    let backup_counts = table_counts(&mut bconn);
    let backup_centres = centre_rows(&mut bconn);
    drop(bconn);
    // The snapshot holds every seeded row, and at most what the source has now.
    for row in &seeded {
        assert!(
            backup_centres.contains(row),
            "seeded row {} missing",
            row.code
        );
    }
    let source_now = centre_rows(&mut conn);
    assert!(backup_centres.len() <= source_now.len());
    assert!(backup_centres.iter().all(|r| source_now.contains(r)));

    // Restore into a fresh path: same tables, same counts, same rows.
    let restored = dir.path().join("neuve").join("astreinte.sqlite3");
    let restored_url = sqlite_url(&restored);
    let out = run(&["restore", backup.to_str().unwrap()], &restored_url);
    assert!(out.status.success(), "restore failed: {}", stderr(&out));
    let mut rconn = db::establish(&restored_url).unwrap();
    assert_eq!(table_counts(&mut rconn), backup_counts);
    assert_eq!(centre_rows(&mut rconn), backup_centres);
    assert!(backup_counts
        .iter()
        .any(|(t, n)| t == "centres" && *n >= 20));
    // The restored database is usable by the app: migrations up to date.
    assert!(db::run_migrations(&mut rconn).unwrap().is_empty());
    // No temporary file is left next to it.
    let leftovers: Vec<_> = std::fs::read_dir(restored.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn restore_refuses_a_file_that_is_not_a_backup_and_leaves_the_target() {
    let test_db = TestDb::new();
    if test_db.is_postgres() {
        return;
    }
    let mut conn = test_db.conn();
    centres::upsert(&mut conn, "A", "Centre A", "Europe/Paris", false).unwrap();
    conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    drop(conn);
    let target = match db::DbTarget::parse(test_db.url()) {
        db::DbTarget::Sqlite(p) => p,
        db::DbTarget::Postgres(_) => unreachable!(),
    };
    let before = std::fs::read(&target).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("pas-une-base.sqlite3");
    std::fs::write(&junk, "ceci n'est pas une base de données\n".repeat(200)).unwrap();
    let out = run(&["restore", junk.to_str().unwrap()], test_db.url());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let msg = stderr(&out);
    assert!(msg.contains("pas-une-base.sqlite3"), "{msg}");
    assert!(msg.contains("n'est pas une sauvegarde"), "{msg}");
    assert!(msg.contains("is not a valid Astreinte backup"), "{msg}");

    // A SQLite database without our migrations table is refused too.
    let foreign = dir.path().join("autre.sqlite3");
    let mut fconn = db::establish(&sqlite_url(&foreign)).unwrap();
    fconn.batch_execute("CREATE TABLE t (x INTEGER)").unwrap();
    drop(fconn);
    let out = run(&["restore", foreign.to_str().unwrap()], test_db.url());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    // A missing file as well.
    let missing = dir.path().join("absent.sqlite3");
    let out = run(&["restore", missing.to_str().unwrap()], test_db.url());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    assert_eq!(std::fs::read(&target).unwrap(), before);
    let mut conn = test_db.conn();
    assert_eq!(centre_rows(&mut conn).len(), 1);
}

#[test]
fn backup_refuses_to_overwrite_an_existing_file() {
    let test_db = TestDb::new();
    if test_db.is_postgres() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("deja-la.sqlite3");
    std::fs::write(&existing, "contenu précieux").unwrap();
    let out = run(&["backup", existing.to_str().unwrap()], test_db.url());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let msg = stderr(&out);
    assert!(msg.contains("deja-la.sqlite3"), "{msg}");
    assert!(msg.contains("existe déjà"), "{msg}");
    assert!(msg.contains("already exists"), "{msg}");
    assert_eq!(
        std::fs::read_to_string(&existing).unwrap(),
        "contenu précieux"
    );
}

#[test]
fn postgres_backups_point_to_pg_dump_and_pg_restore() {
    // No server is contacted: port 1 would refuse the connection.
    let url = "postgres://astreinte@127.0.0.1:1/astreinte";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sauvegarde.dump");
    for command in ["backup", "restore"] {
        let out = run(&[command, file.to_str().unwrap()], url);
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stderr(&out));
        let msg = stderr(&out);
        assert!(msg.contains("pg_dump -Fc"), "{msg}");
        assert!(msg.contains("pg_restore --clean"), "{msg}");
        assert!(msg.contains("PostgreSQL"), "{msg}");
    }
    assert!(!file.exists());
}
