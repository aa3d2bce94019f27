//! `astreinte demo [--bind ADDR] [--data-dir DIR]`: create (or reuse) a demo
//! SQLite database from the public benchmark instances, print the URL and the
//! demo logins, and serve.

use std::path::{Path, PathBuf};

use crate::cli::CliError;
use crate::commands::serve::{init_tracing, serve};
use crate::config::{Config, ServerArgs};
use crate::db;

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub server: ServerArgs,
    /// Folder holding alma-600.json and alma-sessions.json
    /// [env: ASTREINTE_BENCH_DIR] [default: ../shared/bench/instances]
    #[arg(long)]
    pub bench_dir: Option<PathBuf>,
}

/// Default demo data folder (kept apart from `serve`'s `./data`).
const DEMO_DATA_DIR: &str = "./data/demo";

fn bench_dir(args: &DemoArgs) -> Result<PathBuf, CliError> {
    let explicit = args
        .bench_dir
        .clone()
        .or_else(|| std::env::var_os("ASTREINTE_BENCH_DIR").map(PathBuf::from));
    let candidates: Vec<PathBuf> = match explicit {
        Some(dir) => vec![dir],
        None => [
            "../shared/bench/instances",
            "shared/bench/instances",
            "bench/instances",
        ]
        .iter()
        .map(PathBuf::from)
        .collect(),
    };
    candidates
        .iter()
        .find(|d| d.join("alma-600.json").is_file())
        .cloned()
        .ok_or_else(|| {
            CliError::BadInput(format!(
                "--bench-dir: alma-600.json introuvable / not found in {}",
                candidates
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
}

pub fn run(args: DemoArgs) -> Result<(), CliError> {
    init_tracing();
    let bench = bench_dir(&args)?;
    let mut server_args = args.server.clone();
    let data_dir = server_args
        .data_dir
        .get_or_insert_with(|| PathBuf::from(DEMO_DATA_DIR))
        .clone();
    let mut config =
        Config::from_args(&server_args).map_err(|e| CliError::BadInput(format!("{e:#}")))?;
    // The demo always runs on its own SQLite file, whatever DATABASE_URL says.
    config.database_url = format!(
        "sqlite://{}",
        data_dir.join("astreinte-demo.sqlite3").display()
    );

    let logins = seed(&config.database_url, &bench)?;
    let mail_dir = data_dir.join("mail");
    serve(config, move |app| {
        let url = app.public_url();
        println!();
        println!("Astreinte — démonstration / demo");
        println!("  Adresse / URL            : {url}/");
        println!(
            "  Bénévole / volunteer     : {}  mot de passe / password : {}",
            logins.volunteer.email, logins.volunteer.password
        );
        println!(
            "  Coordination ({})  : {}  mot de passe / password : {}",
            logins.coordinator_centres.join(", "),
            logins.coordinator.email,
            logins.coordinator.password
        );
        println!(
            "  Administration           : {}  mot de passe / password : {}",
            logins.admin.email, logins.admin.password
        );
        println!(
            "  Courriels / mail (liens de connexion / sign-in links) : {}",
            mail_dir.display()
        );
        println!("  Arrêt / stop : Ctrl-C");
        println!();
    })
}

fn seed(url: &str, bench: &Path) -> Result<crate::demo::DemoLogins, CliError> {
    let started = std::time::Instant::now();
    let mut conn = db::connect_and_migrate(url)?;
    let logins = crate::demo::seed_demo(&mut conn, bench)?;
    if logins.created {
        tracing::info!(
            seconds = started.elapsed().as_secs_f32(),
            "demo data created"
        );
    } else {
        tracing::info!("demo data reused");
    }
    Ok(logins)
}
