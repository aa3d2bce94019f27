//! What the (private, encrypted) session cookie holds: the user id, the
//! account's session epoch ("log out everywhere" bumps it), the sign-in time,
//! the CSRF token and the chosen language.

use actix_session::Session;

use crate::i18n::Lang;

const USER_ID: &str = "uid";
const EPOCH: &str = "epoch";
const SINCE: &str = "since";
const LANG: &str = "lang";

/// A session older than this must sign in again, whatever its cookie says.
pub const MAX_SESSION_SECS: i64 = 30 * 24 * 3600;

/// The signed-in identity carried by a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    pub user_id: i32,
    pub epoch: i32,
    /// Unix time of the sign-in.
    pub since: i64,
}

impl Identity {
    /// Whether the session is older than [`MAX_SESSION_SECS`].
    pub fn expired(&self, now_unix: i64) -> bool {
        now_unix - self.since > MAX_SESSION_SECS || self.since > now_unix + 300
    }
}

/// Starts a signed-in session: a fresh cookie, a fresh CSRF token.
pub fn sign_in(session: &Session, user_id: i32, epoch: i32) -> anyhow::Result<()> {
    session.renew();
    session.insert(USER_ID, user_id)?;
    session.insert(EPOCH, epoch)?;
    session.insert(SINCE, chrono::Utc::now().timestamp())?;
    super::csrf::rotate(session)?;
    Ok(())
}

/// Updates the epoch of the current session (after this account bumped it).
pub fn set_epoch(session: &Session, epoch: i32) -> anyhow::Result<()> {
    session.insert(EPOCH, epoch)?;
    Ok(())
}

/// Ends the signed-in part of the session, keeping the language choice.
pub fn sign_out(session: &Session) -> anyhow::Result<()> {
    let lang = language(session);
    session.purge();
    if let Some(lang) = lang {
        set_language(session, lang)?;
    }
    Ok(())
}

/// The identity, if the session is signed in (not yet checked against the database).
pub fn identity(session: &Session) -> Option<Identity> {
    let user_id = session.get::<i32>(USER_ID).ok().flatten()?;
    let epoch = session.get::<i32>(EPOCH).ok().flatten()?;
    let since = session.get::<i64>(SINCE).ok().flatten()?;
    Some(Identity {
        user_id,
        epoch,
        since,
    })
}

/// The language chosen in this session, if any.
pub fn language(session: &Session) -> Option<Lang> {
    session.get::<Lang>(LANG).ok().flatten()
}

pub fn set_language(session: &Session, lang: Lang) -> anyhow::Result<()> {
    session.insert(LANG, lang)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_sessions_expire() {
        let id = Identity {
            user_id: 1,
            epoch: 0,
            since: 1_000_000,
        };
        assert!(!id.expired(1_000_000 + 3600));
        assert!(id.expired(1_000_000 + MAX_SESSION_SECS + 1));
    }
}
