//! A fresh database per test: a temporary SQLite file, or with
//! `ASTREINTE_TEST_DB=postgres` a uniquely named PostgreSQL database on
//! `ASTREINTE_TEST_PG_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`),
//! dropped when the value is dropped. Migrations are applied on creation.

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::Connection;

use astreinte::db::{self, DbConnection};

const DEFAULT_PG_BASE: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub struct TestDb {
    url: String,
    pg: Option<(String, String)>, // (base url, database name)
    _dir: Option<tempfile::TempDir>,
}

/// Whether this run targets PostgreSQL.
pub fn postgres_requested() -> bool {
    std::env::var("ASTREINTE_TEST_DB").is_ok_and(|v| v.eq_ignore_ascii_case("postgres"))
}

fn with_database(base: &str, name: &str) -> String {
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (base, None),
    };
    let prefix = match head.rsplit_once('/') {
        Some((p, _)) if p.contains("://") && p.len() > p.find("://").unwrap() + 3 => p.to_string(),
        _ => head.to_string(),
    };
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

/// `url` with TLS and GSS encryption off unless it chooses them.
///
/// The test process used to leak each test's server threads (actix workers
/// and their pools; `TestApp` now stops them). With TLS, many of them held
/// OpenSSL state when the process exited, and OpenSSL's exit handler
/// (`OPENSSL_cleanup`) then crashed the test binary after all 184 tests had
/// passed (SIGSEGV on the PostgreSQL run of a CI trial, 2,514 threads
/// alive, backtrace from `scripts/test`). Plain connections stay as a
/// safeguard: on a loopback server the tests lose nothing without TLS.
fn without_tls(url: &str) -> String {
    let mut out = url.to_string();
    for (key, value) in [("sslmode", "disable"), ("gssencmode", "disable")] {
        if !out.contains(&format!("{key}=")) {
            out.push(if out.contains('?') { '&' } else { '?' });
            out.push_str(&format!("{key}={value}"));
        }
    }
    out
}

impl TestDb {
    pub fn new() -> TestDb {
        let db = if postgres_requested() {
            let base = without_tls(
                &std::env::var("ASTREINTE_TEST_PG_URL")
                    .unwrap_or_else(|_| DEFAULT_PG_BASE.to_string()),
            );
            let name = format!("astreinte_test_{}", uuid::Uuid::new_v4().simple());
            let mut admin = PgConnection::establish(&base).expect("PostgreSQL reachable for tests");
            admin
                .batch_execute(&format!("CREATE DATABASE {name}"))
                .expect("create test database");
            TestDb {
                url: with_database(&base, &name),
                pg: Some((base, name)),
                _dir: None,
            }
        } else {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("test.sqlite3");
            TestDb {
                url: format!("sqlite://{}", path.display()),
                pg: None,
                _dir: Some(dir),
            }
        };
        let mut c = db::establish(&db.url).expect("connect to the test database");
        db::run_migrations(&mut c).expect("migrations apply");
        db
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    #[allow(dead_code)]
    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// A new connection to this database.
    pub fn conn(&self) -> DbConnection {
        db::establish(&self.url).expect("connect to the test database")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((base, name)) = &self.pg {
            if let Ok(mut admin) = PgConnection::establish(base) {
                // Two statements: DROP DATABASE cannot run inside the implicit
                // transaction of a multi-statement query.
                let _ = admin.batch_execute(&format!(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = '{name}' AND pid <> pg_backend_pid()"
                ));
                let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name}"));
            }
        }
    }
}

#[test]
fn database_urls_keep_the_server_and_change_the_database() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        with_database("postgres://u@h/db?sslmode=disable", "y"),
        "postgres://u@h/y?sslmode=disable"
    );
}

#[test]
fn test_urls_turn_tls_off_unless_they_choose() {
    assert_eq!(
        without_tls("postgres://postgres@127.0.0.1:5432/postgres"),
        "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable&gssencmode=disable"
    );
    assert_eq!(
        without_tls("postgres://u@h/db?sslmode=require"),
        "postgres://u@h/db?sslmode=require&gssencmode=disable"
    );
}
