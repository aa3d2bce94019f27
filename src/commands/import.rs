//! `astreinte import SCENARIO.json`: load a `rota-scenario/1` file into the
//! database. Bad input exits with code 2, every error naming its JSON path,
//! and nothing is written.

use std::path::PathBuf;

use clap::Args;

use crate::cli::CliError;
use crate::db;
use crate::db::import::{import_problem, ImportExtras};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The rota-scenario/1 file to load.
    pub scenario: PathBuf,
    /// Database URL (`sqlite://PATH` or `postgres://...`).
    #[arg(long, env = "DATABASE_URL", default_value = db::DEFAULT_DATABASE_URL)]
    pub database_url: String,
}

pub fn run(args: ImportArgs) -> Result<(), CliError> {
    let bytes = std::fs::read(&args.scenario).map_err(|e| {
        CliError::BadInput(format!(
            "lecture impossible de / cannot read {}: {e}",
            args.scenario.display()
        ))
    })?;
    let problem = solver::parse_scenario(&bytes).map_err(|errs| {
        CliError::BadInput(format!(
            "scénario invalide, rien n'a été importé / invalid scenario, nothing was imported:\n{errs}"
        ))
    })?;
    let extras = serde_json::from_slice::<serde_json::Value>(&bytes)
        .map(|raw| ImportExtras::from_json(&raw))
        .unwrap_or_default();
    let mut conn = db::connect_and_migrate(&args.database_url)?;
    let started = std::time::Instant::now();
    let s = import_problem(&mut conn, &problem, &extras)?;
    println!(
        "Importé / imported « {} » ({}, semaine du / week of {}) en {:.1} s : {} centres, {} compétences / skills, \
         {} bénévoles créés / volunteers created, {} mis à jour / updated, {} plages hebdomadaires / weekly ranges, \
         {} fenêtres datées / dated windows, {} lignes de demande / demand rows, {} sessions fixes / fixed sessions, \
         {} créneaux verrouillés / locked shifts",
        problem.name,
        problem.timezone.name(),
        problem.week_start,
        started.elapsed().as_secs_f64(),
        s.centres,
        s.skills,
        s.volunteers_created,
        s.volunteers_updated,
        s.weekly_ranges,
        s.dated_windows,
        s.demand_rows,
        s.templates,
        s.locked_shifts
    );
    Ok(())
}
