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
// `LOG_FORMAT=json` writes one JSON object a line (with the request span's fields).
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|f| f.trim().eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .try_init()
    } else {
        builder.try_init()
    };
}

/// Builds the server from `config` and serves until stopped, on its own actix runtime.
pub fn serve(config: Config, banner: impl FnOnce(&startup::Application)) -> Result<(), CliError> {
    actix_web::rt::System::new().block_on(async move {
        let app = startup::build(config).await?;
        banner(&app);
        // Graceful shutdown on SIGTERM / SIGINT.
        app.run_until_signalled()
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
