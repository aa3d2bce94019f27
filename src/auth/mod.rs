//! Authentication and request protection: password checks, one-time links,
//! CSRF tokens, login throttling and the session's contents.

pub mod csrf;
pub mod password;
pub mod session;
pub mod throttle;
pub mod tokens;
