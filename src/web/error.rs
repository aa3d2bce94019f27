//! The one error type of the web layer. It renders a bilingual (French, then
//! English) error page; causes are logged, never shown.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::i18n::{Lang, Tr};

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Not signed in (or a stale session): back to the sign-in page.
    #[error("sign-in required")]
    LoginRequired,
    /// Signed in, but this is not theirs to see or change.
    #[error("forbidden")]
    Forbidden,
    /// Missing or wrong CSRF token.
    #[error("CSRF token missing or wrong")]
    Csrf,
    #[error("not found")]
    NotFound,
    #[error("bad request")]
    BadRequest,
    #[error("payload too large")]
    TooLarge,
    #[error("too many requests")]
    TooManyRequests,
    /// Anything unexpected; the cause goes to the log only.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    fr: Tr,
    en: Tr,
    message_id: &'a str,
    status: u16,
}

impl WebError {
    fn message_id(&self) -> &'static str {
        match self {
            WebError::LoginRequired | WebError::Forbidden => "error-403",
            WebError::Csrf => "error-csrf",
            WebError::NotFound => "error-404",
            WebError::BadRequest => "error-400",
            WebError::TooLarge => "error-413",
            WebError::TooManyRequests => "error-429",
            WebError::Internal(_) => "error-500",
        }
    }
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            WebError::LoginRequired => StatusCode::SEE_OTHER,
            WebError::Forbidden | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::BadRequest => StatusCode::BAD_REQUEST,
            WebError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            WebError::LoginRequired => {
                return HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, "/"))
                    .finish();
            }
            WebError::Internal(cause) => {
                tracing::error!(error = %format!("{cause:#}"), "request failed");
            }
            WebError::Csrf => tracing::warn!("CSRF token missing or wrong"),
            _ => {}
        }
        let status = self.status_code();
        let page = ErrorPage {
            fr: Tr::new(Lang::Fr),
            en: Tr::new(Lang::En),
            message_id: self.message_id(),
            status: status.as_u16(),
        };
        match page.render() {
            Ok(html) => HttpResponse::build(status)
                .insert_header((
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ))
                .body(html),
            Err(e) => {
                tracing::error!(error = %e, "error page failed to render");
                HttpResponse::build(status).body(status.to_string())
            }
        }
    }
}

impl From<actix_web::error::BlockingError> for WebError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        WebError::Internal(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

impl From<diesel::result::Error> for WebError {
    fn from(e: diesel::result::Error) -> Self {
        WebError::Internal(e.into())
    }
}

impl From<diesel::r2d2::PoolError> for WebError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        WebError::Internal(anyhow::anyhow!("database pool: {e}"))
    }
}

impl From<askama::Error> for WebError {
    fn from(e: askama::Error) -> Self {
        WebError::Internal(anyhow::anyhow!("template: {e}"))
    }
}
