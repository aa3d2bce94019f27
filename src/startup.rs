//! Builds the web application: database pool (migrated), mailer, session
//! cookie key, middleware and routes. Tests call [`build`] with port 0 and
//! read the port back.

use std::net::TcpListener;
use std::path::Path;

use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_session::SessionMiddleware;
use actix_web::body::MessageBody;
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, DefaultHeaders};
use actix_web::{web as aweb, App, HttpServer};
use anyhow::Context;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use tracing::Span;
use tracing_actix_web::{RootSpanBuilder, TracingLogger};

use crate::auth::csrf;
use crate::auth::throttle::LoginThrottle;
use crate::config::Config;
use crate::db;
use crate::mail::Mailer;
use crate::web::error::WebError;
use crate::web::state::AppState;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "astreinte_session";

/// A built, bound, not yet running server.
pub struct Application {
    port: u16,
    public_url: String,
    server: Server,
    // Graceful shutdown of the background loops.
    shutdown: crate::shutdown::Shutdown,
    workers: Vec<tokio::task::JoinHandle<()>>,
}

impl Application {
    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Base URL used in mailed links.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// Serves until the server is stopped through [`Application::handle`]
    /// (no signal handling: tests run many servers in one process); then
    /// stops the background loops at a safe point.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        self.shutdown.trigger();
        crate::shutdown::join_workers(self.workers).await;
        served
    }

    /// A handle to stop the server (gracefully with `stop(true)`).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until SIGTERM or SIGINT: stops accepting, lets in-flight
    /// requests finish, stops the outbox and jobs loops at a safe point.
    pub async fn run_until_signalled(self) -> std::io::Result<()> {
        let handle = self.server.handle();
        tokio::spawn(async move {
            crate::shutdown::signal().await;
            handle.stop(true).await;
        });
        let result = self.run_until_stopped().await;
        tracing::info!("stopped");
        result
    }
}

/// The session key from `SESSION_KEY` (base64, 64+ bytes), or the one stored
/// in `<data_dir>/session.key`, created on first start.
fn session_key(config: &Config) -> anyhow::Result<Key> {
    if let Some(b64) = &config.session_key {
        let bytes = STANDARD
            .decode(b64.trim())
            .context("SESSION_KEY is not valid base64")?;
        anyhow::ensure!(
            bytes.len() >= 64,
            "SESSION_KEY must decode to at least 64 bytes"
        );
        return Ok(Key::from(&bytes));
    }
    let path = config.data_dir.join("session.key");
    if let Ok(text) = std::fs::read_to_string(&path) {
        let bytes = STANDARD
            .decode(text.trim())
            .with_context(|| format!("{} is not valid base64", path.display()))?;
        anyhow::ensure!(bytes.len() >= 64, "{} is too short", path.display());
        return Ok(Key::from(&bytes));
    }
    let key = Key::generate();
    write_private(&path, &STANDARD.encode(key.master()))?;
    tracing::info!(path = %path.display(), "created a new session key");
    Ok(key)
}

fn write_private(path: &Path, content: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(content.as_bytes())?;
    Ok(())
}

/// Request spans carry the route pattern (`/auth/magic/{token}`), never the
/// path itself: paths may hold one-time tokens.
pub struct RouteSpan;

impl RootSpanBuilder for RouteSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        tracing::info_span!(
            "http",
            method = %request.method(),
            route = tracing::field::Empty,
            status = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(
        span: Span,
        outcome: &Result<ServiceResponse<B>, actix_web::Error>,
    ) {
        let (status, route) = match outcome {
            Ok(resp) => (resp.status(), resp.request().match_pattern()),
            Err(e) => (e.as_response_error().status_code(), None),
        };
        span.record("route", route.as_deref().unwrap_or("-"));
        span.record("status", status.as_u16());
        let _entered = span.enter();
        if status.is_server_error() {
            tracing::error!("request");
        } else {
            tracing::info!("request");
        }
    }
}

/// Opens (and migrates) the database, binds the address, and assembles the app.
pub async fn build(config: Config) -> anyhow::Result<Application> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("cannot create {}", config.data_dir.display()))?;
    let url = config.database_url.clone();
    let pool = tokio::task::spawn_blocking(move || db::pool(&url, 8))
        .await
        .context("database set-up task failed")??;
    let mailer = Mailer::from_config(
        config.smtp_url.as_deref(),
        &config.mail_from,
        &config.data_dir,
    )?
    .with_connections(config.smtp_connections);
    let key = session_key(&config)?;
    let worker_heartbeat = crate::outbox_worker::Heartbeat::new();
    // The loops get a stop signal; metrics registry.
    let shutdown = crate::shutdown::Shutdown::new();
    let mut workers = Vec::new();
    workers.push(crate::outbox_worker::spawn(
        pool.clone(),
        mailer.clone(),
        worker_heartbeat.clone(),
        shutdown.stop(),
    ));
    let metrics = aweb::Data::new(crate::metrics::Registry::new(config.metrics_token.clone()));

    let listener = TcpListener::bind(config.bind)
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    let addr = listener.local_addr()?;
    let public_url = config.public_url.clone().unwrap_or_else(|| {
        let host = if addr.ip().is_unspecified() {
            "localhost".to_string()
        } else {
            addr.ip().to_string()
        };
        format!("http://{host}:{}", addr.port())
    });

    // Periodic scans (reminders, availability requests, qualification notices).
    workers.push(crate::scheduler::spawn(
        pool.clone(),
        public_url.clone(),
        shutdown.stop(),
    ));

    // The jobs worker (rota generation).
    if config.jobs.worker {
        workers.push(crate::jobs::spawn(
            pool.clone(),
            crate::jobs::WorkerSettings::from_config(&config.jobs),
            shutdown.stop(),
        ));
    }

    let state = aweb::Data::new(AppState {
        pool,
        mailer,
        throttle: LoginThrottle::new(&config.throttle),
        public_url: public_url.clone(),
        trust_proxy: config.trust_proxy,
        worker_heartbeat,
    });
    let secure = config.secure_cookies;
    let server = HttpServer::new(move || {
        let sessions = SessionMiddleware::builder(CookieSessionStore::default(), key.clone())
            .cookie_name(SESSION_COOKIE.to_string())
            .cookie_content_security(CookieContentSecurity::Private)
            .cookie_http_only(true)
            .cookie_same_site(SameSite::Lax)
            .cookie_secure(secure)
            .session_lifecycle(
                PersistentSession::default()
                    .session_ttl(actix_web::cookie::time::Duration::days(30)),
            )
            .build();
        let headers = DefaultHeaders::new()
            .add(("X-Content-Type-Options", "nosniff"))
            .add(("X-Frame-Options", "DENY"))
            .add(("Referrer-Policy", "no-referrer"))
            .add((
                "Content-Security-Policy",
                "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
            ));
        App::new()
            .wrap(from_fn(csrf::guard))
            // Request counts and latencies by route pattern.
            .wrap(from_fn(crate::metrics::track))
            .app_data(metrics.clone())
            .wrap(sessions)
            .wrap(headers)
            .wrap(TracingLogger::<RouteSpan>::new())
            .app_data(state.clone())
            .app_data(
                aweb::FormConfig::default()
                    .limit(csrf::MAX_FORM_BYTES)
                    .error_handler(|_, _| WebError::BadRequest.into()),
            )
            .app_data(
                aweb::QueryConfig::default().error_handler(|_, _| WebError::BadRequest.into()),
            )
            .app_data(aweb::PathConfig::default().error_handler(|_, _| WebError::NotFound.into()))
            .configure(crate::web::configure)
            .default_service(aweb::to(crate::web::not_found))
    })
    .listen(listener)?
    // Signals are handled by `run_until_signalled` (SIGINT graceful too).
    .disable_signals()
    .run();

    Ok(Application {
        port: addr.port(),
        public_url,
        server,
        shutdown,
        workers,
    })
}
