//! CSRF protection: a synchronizer token kept in the session, put in every
//! form as `csrf_token`, and checked by a middleware on every POST before any
//! handler runs (403 when missing or wrong).

use actix_session::{Session, SessionExt};
use actix_web::body::BoxBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::CONTENT_TYPE;
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, FromRequest};

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

/// Largest `multipart/form-data` body (file upload) read by the guard.
pub const MAX_MULTIPART_BYTES: usize = 2 * 1024 * 1024;

/// The `csrf_token` field of a `multipart/form-data` body: exactly one
/// plain (non-file) field in a well-formed body, else nothing.
fn multipart_field_of(content_type: &str, body: &[u8]) -> Option<String> {
    let parts = crate::web::multipart::parse(content_type, body)?;
    crate::web::multipart::text_field(&parts, FIELD)
}

/// Middleware: every POST must carry the session's token, in a URL-encoded
/// or multipart form field `csrf_token` or in an `X-CSRF-Token` header.
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
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let urlencoded = content_type.starts_with("application/x-www-form-urlencoded");
    let multipart = content_type
        .to_ascii_lowercase()
        .starts_with("multipart/form-data");
    if !urlencoded && !multipart {
        return Err(WebError::Csrf.into());
    }
    let (http_req, mut payload) = req.into_parts();
    let limit = if multipart {
        MAX_MULTIPART_BYTES
    } else {
        MAX_FORM_BYTES
    };
    let stream = web::Payload::from_request(&http_req, &mut payload).await?;
    let body = match stream.to_bytes_limited(limit).await {
        Ok(body) => body?,
        Err(_) => return Err(WebError::TooLarge.into()),
    };
    let submitted = if multipart {
        multipart_field_of(&content_type, &body)
    } else {
        field_of(&body)
    };
    if !matches(&session, submitted.as_deref()) {
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

    #[test]
    fn reads_the_token_field_of_a_multipart_form() {
        let ct = "multipart/form-data; boundary=b0";
        let body =
            b"--b0\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\ntok\r\n--b0--\r\n";
        assert_eq!(multipart_field_of(ct, body).as_deref(), Some("tok"));
        let file = b"--b0\r\nContent-Disposition: form-data; name=\"csrf_token\"; filename=\"t\"\r\n\r\ntok\r\n--b0--\r\n";
        assert_eq!(multipart_field_of(ct, file), None, "a file is not a token");
        let twice = b"--b0\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\ntok\r\n--b0\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nother\r\n--b0--\r\n";
        assert_eq!(
            multipart_field_of(ct, twice),
            None,
            "two tokens are refused"
        );
    }
}
