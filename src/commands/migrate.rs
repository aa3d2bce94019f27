//! `astreinte migrate`: apply the pending database migrations.

use clap::Args;

use crate::cli::CliError;
use crate::db;

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// Database URL (`sqlite://PATH` or `postgres://...`).
    #[arg(long, env = "DATABASE_URL", default_value = db::DEFAULT_DATABASE_URL)]
    pub database_url: String,
}

pub fn run(args: MigrateArgs) -> Result<(), CliError> {
    let mut conn = db::establish(&args.database_url)?;
    let applied = db::run_migrations(&mut conn)?;
    if applied.is_empty() {
        println!("Base à jour / database up to date");
    } else {
        println!(
            "Migrations appliquées / migrations applied: {}",
            applied.join(", ")
        );
    }
    Ok(())
}
