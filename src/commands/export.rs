//! `astreinte export --centre ALL|CODE --week 2026-W50 --out FILE`: write a
//! week's `rota-scenario/1` from the database, and with `--solution FILE`
//! the stored rota of that week as `rota-solution/1`.

use std::path::PathBuf;

use clap::Args;

use crate::cli::CliError;
use crate::db;
use crate::domain::week::IsoWeek;
use crate::scenario_build::{build_problem, stored_rota_shifts, BuildError, Scope};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// `ALL` or a centre code.
    #[arg(long, default_value = "ALL")]
    pub centre: String,
    /// ISO week, e.g. 2026-W50 (or its Monday, 2026-12-07).
    #[arg(long)]
    pub week: String,
    /// Scenario file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Also write the stored rota (latest published, else latest draft) as rota-solution/1.
    #[arg(long)]
    pub solution: Option<PathBuf>,
    /// Database URL (`sqlite://PATH` or `postgres://...`).
    #[arg(long, env = "DATABASE_URL", default_value = db::DEFAULT_DATABASE_URL)]
    pub database_url: String,
}

impl From<BuildError> for CliError {
    fn from(e: BuildError) -> Self {
        match e {
            BuildError::Invalid(m) => CliError::BadInput(m),
            BuildError::Db(e) => CliError::Internal(e.into()),
        }
    }
}

pub fn run(args: ExportArgs) -> Result<(), CliError> {
    let week: IsoWeek = args
        .week
        .parse()
        .map_err(|e: crate::domain::week::WeekError| CliError::BadInput(e.to_string()))?;
    let scope = Scope::parse(&args.centre);
    let mut conn = db::connect_and_migrate(&args.database_url)?;
    let built = build_problem(&mut conn, &scope, week)?;
    let p = &built.problem;
    write(&args.out, &solver::scenario_json::scenario_json(p))?;
    println!(
        "Scénario écrit / scenario written: {} ({} centres, {} bénévoles / volunteers, {} lignes de demande / demand entries, {} créneaux verrouillés / locked shifts)",
        args.out.display(),
        p.centres.len(),
        p.volunteers.len(),
        p.demand.len(),
        p.locked_shifts.len()
    );
    if let Some(path) = &args.solution {
        let (shifts, label) = stored_rota_shifts(&mut conn, &built, &scope, week)?;
        let info = solver::solution::SolverInfo {
            name: format!("astreinte {} (rota {label})", env!("CARGO_PKG_VERSION")),
            seconds: 0.0,
            status: label,
            bound: None,
            gap: None,
        };
        let doc = solver::solution::SolutionDoc::new(p, &shifts, info);
        write(path, &doc.to_json())?;
        println!(
            "Planning écrit / rota written: {} ({} créneaux / shifts)",
            path.display(),
            shifts.len()
        );
    }
    Ok(())
}

fn write(path: &std::path::Path, text: &str) -> Result<(), CliError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| CliError::Internal(e.into()))?;
    }
    std::fs::write(path, text)
        .map_err(|e| CliError::Internal(anyhow::anyhow!("cannot write {}: {e}", path.display())))
}
