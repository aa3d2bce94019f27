//! Migrations: both backends list the same versions; they apply on the test
//! backend and a second run is a no-op; SQLite connections get their pragmas.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use astreinte::db::{self, DbTarget};

use crate::test_db::TestDb;

#[test]
fn sqlite_and_postgres_migration_folders_list_identical_versions() {
    let sqlite = db::migration_versions(false).unwrap();
    let pg = db::migration_versions(true).unwrap();
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, pg);
}

#[test]
fn migrations_apply_once_and_then_nothing_is_pending() {
    let t = TestDb::new();
    let mut c = t.conn();
    assert!(db::run_migrations(&mut c).unwrap().is_empty());
    let s = db::settings::get(&mut c).unwrap();
    assert_eq!(s.slot_minutes, 60);
    assert_eq!(s.default_timezone, "Europe/Paris");
}

#[derive(QueryableByName)]
struct One {
    #[diesel(sql_type = BigInt)]
    v: i64,
}

#[test]
fn sqlite_connections_enforce_foreign_keys_and_use_wal() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/nested/folder/db.sqlite3", dir.path().display());
    let mut c = db::connect_and_migrate(&url).unwrap();
    let db::DbConnection::Sqlite(inner) = &mut c else {
        panic!("SQLite expected")
    };
    let fk: One = diesel::sql_query("SELECT foreign_keys AS v FROM pragma_foreign_keys")
        .get_result(inner)
        .unwrap();
    assert_eq!(fk.v, 1);
    let bt: One = diesel::sql_query("SELECT timeout AS v FROM pragma_busy_timeout")
        .get_result(inner)
        .unwrap();
    assert_eq!(bt.v, 5000);
    #[derive(QueryableByName)]
    struct Mode {
        #[diesel(sql_type = diesel::sql_types::Text)]
        journal_mode: String,
    }
    let m: Mode = diesel::sql_query("PRAGMA journal_mode")
        .get_result(inner)
        .unwrap();
    assert_eq!(m.journal_mode, "wal");
    // A dangling reference is refused.
    let err = diesel::sql_query("INSERT INTO volunteers (user_id, external_id) VALUES (999, 'x')")
        .execute(inner);
    assert!(err.is_err());
}

#[test]
fn database_urls_select_the_backend() {
    assert!(matches!(
        DbTarget::parse("postgres://u@h/db"),
        DbTarget::Postgres(_)
    ));
    assert!(matches!(
        DbTarget::parse("postgresql://u@h/db"),
        DbTarget::Postgres(_)
    ));
    assert_eq!(
        DbTarget::parse("sqlite://./data/a.sqlite3"),
        DbTarget::Sqlite("./data/a.sqlite3".into())
    );
    assert_eq!(
        DbTarget::parse("/tmp/x.db"),
        DbTarget::Sqlite("/tmp/x.db".into())
    );
}

#[test]
fn the_pool_hands_out_working_connections() {
    let t = TestDb::new();
    let pool = db::pool(t.url(), 2).unwrap();
    let mut a = pool.get().unwrap();
    let mut b = pool.get().unwrap();
    assert_eq!(
        db::settings::get(&mut a).unwrap(),
        db::settings::get(&mut b).unwrap()
    );
}

// A transaction that reads, then writes while another connection writes in
// between: on SQLite a deferred BEGIN would fail at its write with "database
// is locked" (its read snapshot is stale); `write_transaction` takes the write
// lock first, so the other writer waits for it and both succeed.
#[test]
fn a_transaction_that_reads_then_writes_survives_a_concurrent_writer() {
    use std::sync::mpsc;
    use std::time::Duration;

    let t = TestDb::new();
    t.conn()
        .batch_execute("CREATE TABLE tx_probe (n BIGINT NOT NULL)")
        .unwrap();
    let (read_tx, read_rx) = mpsc::channel();
    let url = t.url().to_string();
    let first = std::thread::spawn(move || {
        let mut c = db::establish(&url).unwrap();
        c.write_transaction(|c| -> QueryResult<()> {
            let before: One =
                diesel::sql_query("SELECT COUNT(*) AS v FROM tx_probe").get_result(c)?;
            read_tx.send(before.v).unwrap();
            std::thread::sleep(Duration::from_millis(300));
            diesel::sql_query("INSERT INTO tx_probe (n) VALUES (1)").execute(c)?;
            Ok(())
        })
    });
    assert_eq!(read_rx.recv().unwrap(), 0);
    let mut second = t.conn();
    diesel::sql_query("INSERT INTO tx_probe (n) VALUES (2)")
        .execute(&mut second)
        .unwrap();
    first.join().unwrap().unwrap();
    let total: One = diesel::sql_query("SELECT COUNT(*) AS v FROM tx_probe")
        .get_result(&mut second)
        .unwrap();
    assert_eq!(total.v, 2);
}

// An error rolls the whole transaction back; a nested one is a savepoint
// whose failure leaves the outer work in place.
#[test]
fn write_transactions_roll_back_on_error_and_nest_as_savepoints() {
    let t = TestDb::new();
    let mut c = t.conn();
    c.batch_execute("CREATE TABLE tx_probe (n BIGINT NOT NULL)")
        .unwrap();
    let insert = |c: &mut db::DbConnection, n: i64| {
        diesel::sql_query(format!("INSERT INTO tx_probe (n) VALUES ({n})")).execute(c)
    };
    let failed: QueryResult<()> = c.write_transaction(|c| {
        insert(c, 1)?;
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert!(failed.is_err());
    c.write_transaction(|c| -> QueryResult<()> {
        insert(c, 2)?;
        let inner: QueryResult<()> = c.write_transaction(|c| {
            insert(c, 3)?;
            Err(diesel::result::Error::RollbackTransaction)
        });
        assert!(inner.is_err());
        Ok(())
    })
    .unwrap();
    let rows: Vec<One> = diesel::sql_query("SELECT n AS v FROM tx_probe ORDER BY n")
        .load(&mut c)
        .unwrap();
    assert_eq!(rows.iter().map(|r| r.v).collect::<Vec<_>>(), vec![2]);
}
