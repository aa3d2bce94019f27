//! Command-line interface: one subcommand per task, documented exit codes.
//!
//! Exit codes: 0 success, 1 internal error, 2 bad input (the message names
//! the field and the problem).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands;

/// A command's failure, with the exit code it maps to.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The user's input is wrong: exit code 2.
    #[error("{0}")]
    BadInput(String),
    /// Anything else: exit code 1.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::BadInput(_) => 2,
            CliError::Internal(_) => 1,
        }
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "astreinte",
    version,
    about = "Volunteer rostering for helplines / Planification des astreintes de bénévoles"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Solve a rota-scenario/1 file and write a rota-solution/1 file.
    Solve(commands::solve::SolveArgs),
    /// Apply the pending database migrations.
    Migrate(commands::migrate::MigrateArgs),
    /// Load a rota-scenario/1 file into the database.
    Import(commands::import::ImportArgs),
    /// Write a week's rota-scenario/1 (and stored rota) from the database.
    Export(commands::export::ExportArgs),
    // Generate a week's rota from the database.
    /// Generate a week's rota from the database (a new draft; --publish publishes it).
    Generate(commands::generate::GenerateArgs),
    /// Run the public benchmark instances and print a Markdown table.
    Bench(commands::bench::BenchArgs),
    /// Run the web application.
    Serve(commands::serve::ServeArgs),
    /// Create (or reuse) a demo database, print the demo logins, and serve.
    Demo(commands::demo::DemoArgs),
    /// Enqueue a test message to ADDRESS and send it at once.
    SendTestEmail(commands::send_test_email::SendTestEmailArgs),
    /// Write a consistent copy of the SQLite database to FILE.
    Backup(commands::backup::BackupArgs),
    /// Replace the SQLite database by the backup FILE (app stopped).
    Restore(commands::backup::RestoreArgs),
}

/// Parse the command line, run the command, map the outcome to an exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Solve(args) => commands::solve::run(args),
        Command::Bench(args) => commands::bench::run(args),
        // Generate.
        Command::Generate(args) => commands::generate::run(args),
        Command::Migrate(args) => commands::migrate::run(args),
        Command::Import(args) => commands::import::run(args),
        Command::Export(args) => commands::export::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Demo(args) => commands::demo::run(args),
        Command::SendTestEmail(args) => commands::send_test_email::run(args),
        Command::Backup(args) => commands::backup::backup(args),
        Command::Restore(args) => commands::backup::restore(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("astreinte: {e:#}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// Default data folder for the embedded database and mail files.
pub fn default_data_dir() -> PathBuf {
    PathBuf::from("./data")
}
