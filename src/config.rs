//! One `Config` for the web server, read from flags and environment, with
//! defaults that run with no set-up (SQLite and mail files under `./data`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Default database when `DATABASE_URL` is not set.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://./data/astreinte.sqlite3";
/// Default listen address.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://…` (default) or `postgres://…`.
    pub database_url: String,
    /// Folder for the SQLite file, the session key and mail files.
    pub data_dir: PathBuf,
    /// Address to listen on; port 0 picks a free port (tests).
    pub bind: SocketAddr,
    /// `smtp://`, `smtps://` or `smtp://…?tls=starttls`; `None` writes `.eml` files.
    pub smtp_url: Option<String>,
    /// SMTP connections the outbox worker opens at once [env: SMTP_CONNECTIONS; 4].
    pub smtp_connections: usize,
    /// Sender address of every mail.
    pub mail_from: String,
    /// Base URL used in links sent by mail; `None` derives it from the bind address.
    pub public_url: Option<String>,
    /// Send the session cookie with `Secure` (behind TLS).
    pub secure_cookies: bool,
    /// Trust `X-Forwarded-For` / `Forwarded` for the client address (behind a proxy).
    pub trust_proxy: bool,
    /// Base64 key (64+ bytes once decoded) for the session cookie; `None` reads or
    /// creates `<data_dir>/session.key`.
    pub session_key: Option<String>,
    /// Login throttling limits.
    pub throttle: ThrottleConfig,
    // Rota generation jobs.
    /// Background jobs (rota generation): solver limits, lease, polling.
    pub jobs: JobsConfig,
    // Metrics.
    /// Bearer token `/metrics` requires (`ASTREINTE_METRICS_TOKEN`); `None`: open.
    pub metrics_token: Option<String>,
}

// Rota generation jobs.
/// Background jobs: the solver's limits for rota generation, the lease after
/// which a job whose worker died is taken again, and the worker loop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JobsConfig {
    /// Solver wall-clock limit per generation [env: ASTREINTE_SOLVER_TIME_LIMIT, seconds; 60].
    pub solver_time_limit: Duration,
    /// Solver threads [env: ASTREINTE_SOLVER_THREADS; the number of cores].
    pub solver_threads: usize,
    /// [env: ASTREINTE_JOB_LEASE_SECONDS; 60].
    pub lease: Duration,
    /// Pause between polls of an empty queue [env: ASTREINTE_JOB_POLL_MS; 2000].
    pub poll_interval: Duration,
    /// Run the worker loop in this process (tests may drive it by hand).
    pub worker: bool,
}

impl Default for JobsConfig {
    fn default() -> Self {
        JobsConfig {
            solver_time_limit: Duration::from_secs(60),
            solver_threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            lease: Duration::from_secs(60),
            poll_interval: Duration::from_secs(2),
            worker: true,
        }
    }
}

impl JobsConfig {
    /// Defaults overridden by the environment.
    pub fn from_env() -> anyhow::Result<JobsConfig> {
        let mut c = JobsConfig::default();
        let num = |name: &str| -> anyhow::Result<Option<f64>> {
            match env(name) {
                None => Ok(None),
                Some(v) => match v.trim().parse::<f64>() {
                    Ok(x) if x.is_finite() && x > 0.0 => Ok(Some(x)),
                    _ => anyhow::bail!("{name}: nombre > 0 attendu / a number > 0 expected"),
                },
            }
        };
        if let Some(s) = num("ASTREINTE_SOLVER_TIME_LIMIT")? {
            c.solver_time_limit = Duration::from_secs_f64(s);
        }
        if let Some(n) = num("ASTREINTE_SOLVER_THREADS")? {
            c.solver_threads = (n as usize).max(1);
        }
        if let Some(s) = num("ASTREINTE_JOB_LEASE_SECONDS")? {
            c.lease = Duration::from_secs_f64(s);
        }
        if let Some(ms) = num("ASTREINTE_JOB_POLL_MS")? {
            c.poll_interval = Duration::from_millis(ms as u64);
        }
        Ok(c)
    }
}

/// Login throttling: a burst of attempts, then one more per period.
#[derive(Debug, Clone, Copy)]
pub struct ThrottleConfig {
    pub account_burst: u32,
    pub account_period: Duration,
    pub ip_burst: u32,
    pub ip_period: Duration,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        // A helpline centre may put many volunteers behind one address: the
        // per-address limit is looser than the per-account one.
        ThrottleConfig {
            account_burst: 5,
            account_period: Duration::from_secs(60),
            ip_burst: 30,
            ip_period: Duration::from_secs(6),
        }
    }
}

/// Flags shared by `serve` and `demo`; each falls back to its environment variable.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ServerArgs {
    /// Address to listen on [env: ASTREINTE_BIND] [default: 127.0.0.1:8080]
    #[arg(long)]
    pub bind: Option<SocketAddr>,
    /// Data folder [env: ASTREINTE_DATA_DIR] [default: ./data]
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Public base URL for links in mail, e.g. https://astreinte.example.org [env: PUBLIC_URL]
    #[arg(long)]
    pub public_url: Option<String>,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn env_flag(name: &str) -> bool {
    matches!(env(name).as_deref(), Some("1" | "true" | "yes"))
}

impl Config {
    /// Build the configuration from flags, then environment, then defaults.
    pub fn from_args(args: &ServerArgs) -> anyhow::Result<Config> {
        let data_dir = args
            .data_dir
            .clone()
            .or_else(|| env("ASTREINTE_DATA_DIR").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("./data"));
        let bind = match (args.bind, env("ASTREINTE_BIND")) {
            (Some(b), _) => b,
            (None, Some(s)) => s
                .parse()
                .map_err(|e| anyhow::anyhow!("ASTREINTE_BIND: {e}"))?,
            (None, None) => DEFAULT_BIND.parse()?,
        };
        let database_url = env("DATABASE_URL").unwrap_or_else(|| {
            if args.data_dir.is_some() || env("ASTREINTE_DATA_DIR").is_some() {
                format!("sqlite://{}", data_dir.join("astreinte.sqlite3").display())
            } else {
                DEFAULT_DATABASE_URL.to_string()
            }
        });
        let public_url = args
            .public_url
            .clone()
            .or_else(|| env("PUBLIC_URL"))
            .map(|u| u.trim_end_matches('/').to_string());
        let secure_cookies = env_flag("ASTREINTE_SECURE_COOKIES")
            || public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://"));
        Ok(Config {
            database_url,
            data_dir,
            bind,
            smtp_url: env("SMTP_URL"),
            smtp_connections: match env("SMTP_CONNECTIONS") {
                None => crate::mail::DEFAULT_CONNECTIONS,
                Some(s) => s
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=64).contains(n))
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "SMTP_CONNECTIONS : nombre entier de 1 à 64 attendu, reçu « {s} » / \
                             SMTP_CONNECTIONS: expected a whole number from 1 to 64, got '{s}'"
                        )
                    })?,
            },
            mail_from: env("MAIL_FROM")
                .unwrap_or_else(|| "Astreinte <astreinte@localhost>".to_string()),
            public_url,
            secure_cookies,
            trust_proxy: env_flag("ASTREINTE_TRUST_PROXY"),
            session_key: env("SESSION_KEY"),
            throttle: ThrottleConfig::default(),
            // Rota generation jobs.
            jobs: JobsConfig::from_env()?,
            // Metrics.
            metrics_token: env("ASTREINTE_METRICS_TOKEN"),
        })
    }

    /// A configuration for tests: port 0, the given database and data folder,
    /// nothing read from the environment.
    pub fn for_tests(database_url: String, data_dir: PathBuf) -> Config {
        Config {
            database_url,
            data_dir,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            smtp_url: None,
            smtp_connections: crate::mail::DEFAULT_CONNECTIONS,
            mail_from: "Astreinte <astreinte@localhost>".to_string(),
            public_url: None,
            secure_cookies: false,
            trust_proxy: false,
            session_key: None,
            throttle: ThrottleConfig::default(),
            // Rota generation jobs (a quick poll for tests).
            jobs: JobsConfig {
                solver_threads: 2,
                poll_interval: Duration::from_millis(200),
                ..JobsConfig::default()
            },
            // Metrics.
            metrics_token: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_public_url_turns_on_secure_cookies() {
        let args = ServerArgs {
            public_url: Some("https://astreinte.example.org/".into()),
            ..ServerArgs::default()
        };
        let config = Config::from_args(&args).unwrap();
        assert!(config.secure_cookies);
        assert_eq!(
            config.public_url.as_deref(),
            Some("https://astreinte.example.org")
        );
    }

    #[test]
    fn data_dir_flag_moves_the_default_database() {
        if std::env::var("DATABASE_URL").is_ok() {
            return;
        }
        let args = ServerArgs {
            data_dir: Some(PathBuf::from("/tmp/demo-x")),
            ..ServerArgs::default()
        };
        let config = Config::from_args(&args).unwrap();
        assert_eq!(
            config.database_url,
            "sqlite:///tmp/demo-x/astreinte.sqlite3"
        );
    }
}
