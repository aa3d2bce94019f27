//! Shared application state: the database pool, the mailer, the login
//! throttle and the public URL used in mailed links.

use crate::auth::throttle::LoginThrottle;
use crate::db::{DbConnection, DbPool};
use crate::mail::Mailer;

use super::error::WebError;

#[derive(Debug)]
pub struct AppState {
    pub pool: DbPool,
    pub mailer: Mailer,
    pub throttle: LoginThrottle,
    /// Base URL of links in mail, without a trailing slash.
    pub public_url: String,
    pub trust_proxy: bool,
    /// Beaten by the outbox worker's loop; read by `/health`.
    pub worker_heartbeat: crate::outbox_worker::Heartbeat,
}

impl AppState {
    /// Runs `f` with a pooled connection on the blocking thread pool.
    pub async fn db<T, F>(&self, f: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, WebError> + Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }
}
