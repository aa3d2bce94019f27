//! Database access: the connection enum (SQLite | PostgreSQL), the pool, the
//! embedded migrations, and one module of plain functions per table group.
//!
//! Backend differences are fenced here: the rest of the app only sees
//! [`DbConnection`] and the functions of the submodules.

pub mod admin;
pub mod api_tokens;
pub mod audit;
pub mod auth_queries;
pub mod availability;
pub mod calendar_tokens;
pub mod centres;
pub mod coord;
pub mod demand;
pub mod demand_edit;
pub mod dropouts;
pub mod gdpr;
pub mod import;
pub mod jobs;
pub mod magic_links;
pub mod mail_prefs;
pub mod my_shifts;
pub mod outbox;
pub mod retention;
pub mod rotas;
pub mod schema;
pub mod settings;
pub mod skills;
pub mod training;
pub mod training_catalogue;
pub mod users;
pub mod volunteer_self;
pub mod volunteers;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

/// Default database: a SQLite file under the data folder.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://./data/astreinte.sqlite3";

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// One connection to either backend. Queries written against
/// [`schema`] run on both.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

/// Which backend a URL or connection designates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    Postgres(String),
    /// A SQLite file path (or `:memory:`).
    Sqlite(PathBuf),
}

impl DbTarget {
    /// `postgres://` / `postgresql://` → PostgreSQL; `sqlite://PATH`,
    /// `sqlite:PATH` or a plain path → SQLite.
    pub fn parse(url: &str) -> DbTarget {
        let u = url.trim();
        if u.starts_with("postgres://") || u.starts_with("postgresql://") {
            return DbTarget::Postgres(u.to_string());
        }
        let path = u
            .strip_prefix("sqlite://")
            .or_else(|| u.strip_prefix("sqlite:"))
            .or_else(|| u.strip_prefix("file:"))
            .unwrap_or(u);
        DbTarget::Sqlite(PathBuf::from(path))
    }
}

impl DbConnection {
    /// True on PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self, DbConnection::Postgres(_))
    }

    /// Runs `f` in a transaction that may write: what every transaction of
    /// the app uses instead of `Connection::transaction`.
    ///
    /// On SQLite a plain (deferred) `BEGIN` takes a read snapshot first; when
    /// another connection commits a write before this one writes, the
    /// upgrade fails at once with "database is locked" whatever the busy
    /// timeout (SQLITE_BUSY_SNAPSHOT in WAL mode). `BEGIN IMMEDIATE` takes
    /// the write lock up front and so waits its turn under `busy_timeout`.
    /// Nested calls become savepoints, as with `transaction`. PostgreSQL
    /// uses its ordinary transaction.
    pub fn write_transaction<T, E, F>(&mut self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E>,
        E: From<diesel::result::Error>,
    {
        use diesel::connection::{AnsiTransactionManager, TransactionManager};
        use diesel::result::Error;
        let outermost_sqlite = match self {
            DbConnection::Sqlite(c) => {
                let status = AnsiTransactionManager::transaction_manager_status_mut(c);
                status.transaction_depth()?.is_none()
            }
            DbConnection::Postgres(_) => false,
        };
        if !outermost_sqlite {
            #[allow(clippy::disallowed_methods)]
            return self.transaction(f);
        }
        if let DbConnection::Sqlite(c) = self {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
        }
        // From here the connection's own transaction manager sees depth 1:
        // commit, rollback and nested savepoints go through it.
        type Tm = <DbConnection as Connection>::TransactionManager;
        match f(self) {
            Ok(value) => {
                Tm::commit_transaction(self)?;
                Ok(value)
            }
            Err(user_error) => match Tm::rollback_transaction(self) {
                Ok(()) | Err(Error::BrokenTransactionManager) => Err(user_error),
                Err(rollback_error) => Err(rollback_error.into()),
            },
        }
    }
}

/// The database URL from `DATABASE_URL`, else the default.
pub fn database_url_from_env() -> String {
    std::env::var("DATABASE_URL")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string())
}

/// Opens one connection, choosing the backend from the URL. For SQLite the
/// parent folder is created and the per-connection pragmas are set
/// (`foreign_keys`, WAL, `busy_timeout`, `synchronous=NORMAL`).
pub fn establish(url: &str) -> anyhow::Result<DbConnection> {
    match DbTarget::parse(url) {
        DbTarget::Postgres(u) => {
            let c = PgConnection::establish(&u).with_context(|| {
                "connexion PostgreSQL impossible / cannot connect to PostgreSQL"
            })?;
            Ok(DbConnection::Postgres(c))
        }
        DbTarget::Sqlite(path) => {
            let mut c = open_sqlite(&path)?;
            configure_sqlite(&mut c)?;
            Ok(DbConnection::Sqlite(c))
        }
    }
}

fn open_sqlite(path: &Path) -> anyhow::Result<SqliteConnection> {
    let s = path.to_string_lossy();
    if s != ":memory:" {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create folder {}", parent.display()))?;
        }
    }
    SqliteConnection::establish(&s)
        .with_context(|| format!("cannot open SQLite database {}", path.display()))
}

fn configure_sqlite(c: &mut SqliteConnection) -> anyhow::Result<()> {
    c.batch_execute(
        "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; \
         PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
    )
    .context("cannot configure SQLite connection")
}

/// Runs the pending migrations of the connection's backend; returns the
/// versions applied.
pub fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
        DbConnection::Postgres(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
    }
    .map_err(|e| anyhow::anyhow!("migration failed: {e}"))?;
    Ok(applied.into_iter().map(|v| v.to_string()).collect())
}

/// Version names of the embedded migrations of one backend (for the test
/// proving both folders match).
pub fn migration_versions(postgres: bool) -> anyhow::Result<Vec<String>> {
    use diesel::migration::MigrationSource;
    let list = if postgres {
        MigrationSource::<diesel::pg::Pg>::migrations(&POSTGRES_MIGRATIONS)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .iter()
            .map(|m| m.name().to_string())
            .collect()
    } else {
        MigrationSource::<diesel::sqlite::Sqlite>::migrations(&SQLITE_MIGRATIONS)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .iter()
            .map(|m| m.name().to_string())
            .collect()
    };
    Ok(list)
}

/// r2d2 manager opening connections with [`establish`].
#[derive(Debug, Clone)]
pub struct DbManager {
    url: String,
}

impl DbManager {
    pub fn new(url: impl Into<String>) -> Self {
        DbManager { url: url.into() }
    }
}

/// Error of the pool's manager.
#[derive(Debug, thiserror::Error)]
#[error("{0:#}")]
pub struct ManagerError(anyhow::Error);

impl ManageConnection for DbManager {
    type Connection = DbConnection;
    type Error = ManagerError;

    fn connect(&self) -> Result<DbConnection, ManagerError> {
        establish(&self.url).map_err(ManagerError)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), ManagerError> {
        conn.batch_execute("SELECT 1")
            .map_err(|e| ManagerError(e.into()))
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// The connection pool shared by the web server and the jobs.
pub type DbPool = r2d2::Pool<DbManager>;
/// A connection borrowed from the pool.
pub type PooledConn = r2d2::PooledConnection<DbManager>;

/// Builds a pool for `url` (at most `max_size` connections) and runs the
/// pending migrations once.
pub fn pool(url: &str, max_size: u32) -> anyhow::Result<DbPool> {
    let mut first = establish(url)?;
    run_migrations(&mut first)?;
    drop(first);
    r2d2::Pool::builder()
        .max_size(max_size.max(1))
        .connection_timeout(Duration::from_secs(30))
        .build(DbManager::new(url))
        .context("cannot build the database pool")
}

/// Opens one connection and applies the pending migrations: what the
/// commands use.
pub fn connect_and_migrate(url: &str) -> anyhow::Result<DbConnection> {
    let mut c = establish(url)?;
    run_migrations(&mut c)?;
    Ok(c)
}

/// Id of the row just inserted on this connection (`last_insert_rowid()` on
/// SQLite, `lastval()` on PostgreSQL): the enum offers no `RETURNING`.
pub fn last_insert_id(conn: &mut DbConnection) -> diesel::QueryResult<i32> {
    use diesel::dsl::sql;
    use diesel::sql_types::BigInt;
    use diesel::RunQueryDsl;
    let id: i64 = match conn {
        DbConnection::Sqlite(c) => {
            diesel::select(sql::<BigInt>("last_insert_rowid()")).get_result(c)?
        }
        DbConnection::Postgres(c) => diesel::select(sql::<BigInt>("lastval()")).get_result(c)?,
    };
    i32::try_from(id).map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
}

/// Current UTC time as stored in TIMESTAMP columns (whole seconds).
pub fn now_utc() -> chrono::NaiveDateTime {
    let n = chrono::Utc::now().naive_utc();
    chrono::Timelike::with_nanosecond(&n, 0).unwrap_or(n)
}
