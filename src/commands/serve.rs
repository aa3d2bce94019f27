//! `astreinte serve [--bind 127.0.0.1:8080]`: run the web application.

use crate::cli::CliError;
use crate::config::{Config, ServerArgs};
use crate::startup;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub server: ServerArgs,
}

/// Logs to stderr, `RUST_LOG` filters (default `info`). Logs carry user ids, never names or emails.
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Builds the server from `config` and serves until stopped, on its own actix runtime.
pub fn serve(config: Config, banner: impl FnOnce(&startup::Application)) -> Result<(), CliError> {
    actix_web::rt::System::new().block_on(async move {
        let app = startup::build(config).await?;
        banner(&app);
        app.run_until_stopped()
            .await
            .map_err(|e| CliError::Internal(e.into()))
    })
}

pub fn run(args: ServeArgs) -> Result<(), CliError> {
    init_tracing();
    let config =
        Config::from_args(&args.server).map_err(|e| CliError::BadInput(format!("{e:#}")))?;
    serve(config, |app| {
        println!("Astreinte : {}/", app.public_url());
    })
}
