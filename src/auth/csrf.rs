//! CSRF protection: a synchronizer token kept in the session, put in every
//! form as `csrf_token`, and checked by a middleware on every POST before any
//! handler runs (403 when missing or wrong).

use actix_session::{Session, SessionExt};
use actix_web::body::BoxBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::CONTENT_TYPE;
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::FromRequest;

use crate::web::error::WebError;

const KEY: &str = "csrf";
/// Name of the hidden form field.
pub const FIELD: &str = "csrf_token";
/// Largest form body read by the guard.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

/// The session's token, created on first use.
pub fn token(session: &Session) -> anyhow::Result<String> {
    if let Some(t) = session.get::<String>(KEY)? {
        return Ok(t);
    }
    rotate(session)
}

/// Replaces the session's token (at sign-in) and returns it.
pub fn rotate(session: &Session) -> anyhow::Result<String> {
    let (t, _) = super::tokens::new_token();
    session.insert(KEY, &t)?;
    Ok(t)
}

/// Constant-time comparison of the submitted token with the session's.
pub fn matches(session: &Session, submitted: Option<&str>) -> bool {
    let Some(expected) = session.get::<String>(KEY).ok().flatten() else {
        return false;
    };
    let Some(submitted) = submitted else {
        return false;
    };
    let (a, b) = (expected.as_bytes(), submitted.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The `csrf_token` field of a URL-encoded body.
fn field_of(body: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v)
}

/// Middleware: every POST must carry the session's token, in a URL-encoded
/// form field `csrf_token` or in an `X-CSRF-Token` header.
pub async fn guard(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if req.method() != Method::POST {
        return next.call(req).await;
    }
    let session = req.get_session();
    if let Some(h) = req.headers().get("x-csrf-token") {
        if matches(&session, h.to_str().ok()) {
            return next.call(req).await;
        }
        return Err(WebError::Csrf.into());
    }
    let urlencoded = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !urlencoded {
        return Err(WebError::Csrf.into());
    }
    let (http_req, mut payload) = req.into_parts();
    let body = Bytes::from_request(&http_req, &mut payload).await?;
    if body.len() > MAX_FORM_BYTES {
        return Err(WebError::TooLarge.into());
    }
    if !matches(&session, field_of(&body).as_deref()) {
        return Err(WebError::Csrf.into());
    }
    let req = ServiceRequest::from_parts(http_req, Payload::from(body));
    next.call(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_token_field_of_a_form() {
        assert_eq!(
            field_of(b"email=a%40b.fr&csrf_token=abc-_1&x=2").as_deref(),
            Some("abc-_1")
        );
        assert_eq!(field_of(b"email=a%40b.fr"), None);
    }
}
