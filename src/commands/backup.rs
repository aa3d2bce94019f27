//! `astreinte backup FILE` and `astreinte restore FILE`: a consistent online
//! copy of the SQLite database (`VACUUM INTO`, safe while the app runs) and
//! its atomic reinstatement. PostgreSQL is backed up with pg_dump/pg_restore.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use diesel::connection::SimpleConnection;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};

use crate::cli::CliError;
use crate::db::{self, DbConnection, DbTarget};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// File to create (must not exist yet).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Database URL (`sqlite://PATH`; PostgreSQL uses pg_dump).
    #[arg(long, env = "DATABASE_URL", default_value = db::DEFAULT_DATABASE_URL)]
    pub database_url: String,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Backup file made by `astreinte backup`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Database URL (`sqlite://PATH`; PostgreSQL uses pg_restore).
    #[arg(long, env = "DATABASE_URL", default_value = db::DEFAULT_DATABASE_URL)]
    pub database_url: String,
}

fn postgres_refusal(what: &str) -> CliError {
    CliError::BadInput(format!(
        "{what} : base PostgreSQL, utilisez pg_dump -Fc / pg_restore --clean (voir le README) / \
         {what}: PostgreSQL database, use pg_dump -Fc / pg_restore --clean (see the README)"
    ))
}

fn sqlite_path(url: &str, what: &str) -> Result<PathBuf, CliError> {
    match DbTarget::parse(url) {
        DbTarget::Postgres(_) => Err(postgres_refusal(what)),
        DbTarget::Sqlite(p) if p.as_os_str() == ":memory:" => Err(CliError::BadInput(format!(
            "DATABASE_URL : base en mémoire, rien à {what} / in-memory database, nothing to {what}"
        ))),
        DbTarget::Sqlite(p) => Ok(p),
    }
}

/// Copies the live database into FILE with `VACUUM INTO` (one read
/// transaction: a consistent snapshot even while the app writes).
pub fn backup(args: BackupArgs) -> Result<(), CliError> {
    let source = sqlite_path(&args.database_url, "backup")?;
    let file = &args.file;
    if file.exists() {
        return Err(CliError::BadInput(format!(
            "FILE : {} existe déjà, choisissez un autre nom / {} already exists, choose another name",
            file.display(),
            file.display()
        )));
    }
    if !source.exists() {
        return Err(CliError::BadInput(format!(
            "DATABASE_URL : base introuvable {} / database not found {}",
            source.display(),
            source.display()
        )));
    }
    let target = file.to_str().ok_or_else(|| {
        CliError::BadInput(format!(
            "FILE : chemin non UTF-8 / FILE: path is not UTF-8: {}",
            file.display()
        ))
    })?;
    let mut conn = db::establish(&args.database_url)?;
    let DbConnection::Sqlite(c) = &mut conn else {
        return Err(postgres_refusal("backup"));
    };
    diesel::sql_query("VACUUM INTO ?")
        .bind::<diesel::sql_types::Text, _>(target)
        .execute(c)
        .with_context(|| format!("cannot write the backup {}", file.display()))?;
    File::open(file)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("cannot sync {}", file.display()))?;
    println!("Sauvegarde écrite / backup written: {}", file.display());
    Ok(())
}

/// A `file:` URI opening `path` read-only (`%`, `?`, `#` escaped).
fn read_only_uri(path: &Path) -> String {
    let s = path
        .to_string_lossy()
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23");
    format!("file:{s}?mode=ro")
}

/// Whether `path` is a healthy SQLite database carrying our migrations table.
fn check_backup(path: &Path) -> Result<(), String> {
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    #[derive(diesel::QueryableByName)]
    struct Check {
        #[diesel(sql_type = diesel::sql_types::Text)]
        quick_check: String,
    }
    let mut c = SqliteConnection::establish(&read_only_uri(path)).map_err(|e| e.to_string())?;
    c.batch_execute("PRAGMA query_only = ON")
        .map_err(|e| e.to_string())?;
    let count: Count = diesel::sql_query("SELECT COUNT(*) AS n FROM __diesel_schema_migrations")
        .get_result(&mut c)
        .map_err(|e| e.to_string())?;
    if count.n == 0 {
        return Err("no migration recorded".to_string());
    }
    let check: Check = diesel::sql_query("PRAGMA quick_check")
        .get_result(&mut c)
        .map_err(|e| e.to_string())?;
    if check.quick_check != "ok" {
        return Err(format!("quick_check: {}", check.quick_check));
    }
    Ok(())
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Replaces the target database by FILE: checked, copied next to the target,
/// synced, then renamed over it. The app must be stopped meanwhile.
pub fn restore(args: RestoreArgs) -> Result<(), CliError> {
    let target = sqlite_path(&args.database_url, "restore")?;
    let file = &args.file;
    if !file.is_file() {
        return Err(CliError::BadInput(format!(
            "FILE : {} introuvable / {} not found",
            file.display(),
            file.display()
        )));
    }
    check_backup(file).map_err(|reason| {
        CliError::BadInput(format!(
            "FILE : {} n'est pas une sauvegarde Astreinte valide / \
             {} is not a valid Astreinte backup ({reason})",
            file.display(),
            file.display()
        ))
    })?;
    let folder = match target.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(p) => p.to_path_buf(),
        None => PathBuf::from("."),
    };
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create folder {}", folder.display()))?;
    let temp = folder.join(format!(
        ".astreinte-restore-{}.tmp",
        uuid::Uuid::new_v4().simple()
    ));
    let installed = install(file, &temp, &target, &folder);
    if installed.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    installed?;
    println!("Base restaurée / database restored: {}", target.display());
    Ok(())
}

fn install(file: &Path, temp: &Path, target: &Path, folder: &Path) -> anyhow::Result<()> {
    std::fs::copy(file, temp).with_context(|| format!("cannot copy to {}", temp.display()))?;
    File::open(temp)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("cannot sync {}", temp.display()))?;
    for suffix in ["-wal", "-shm"] {
        let stale = sibling(target, suffix);
        match std::fs::remove_file(&stale) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot remove {}", stale.display())),
        }
    }
    std::fs::rename(temp, target)
        .with_context(|| format!("cannot replace {}", target.display()))?;
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}
