//! The volunteer's own pages: "Mes disponibilités" (weekly grid, dated
//! exceptions, the coming weeks), "Ma formation" and "Mon profil". Every
//! handler works on the signed-in account's volunteer record only.

pub mod availability;
pub mod coming;
pub mod exceptions;
pub mod grid;
pub mod profile;
pub mod shifts;
pub mod training;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use chrono_tz::Tz;

use super::error::WebError;
use super::extract::{CurrentUser, SessionUser};
use crate::db::{volunteer_self, DbConnection};

/// A signed-in account with a volunteer record; other accounts get 403.
#[derive(Debug, Clone)]
pub struct RequireVolunteer {
    pub user: SessionUser,
    pub volunteer_id: i32,
}

impl FromRequest for RequireVolunteer {
    type Error = WebError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, WebError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let CurrentUser(user) = CurrentUser::from_request(&req, &mut Payload::None).await?;
            match user.volunteer_id {
                Some(volunteer_id) => Ok(RequireVolunteer { user, volunteer_id }),
                None => Err(WebError::Forbidden),
            }
        })
    }
}

/// The volunteer's home time zone (Europe/Paris if unknown or unparsable).
pub fn home_tz(conn: &mut DbConnection, volunteer_id: i32) -> Result<Tz, WebError> {
    let name = volunteer_self::home_timezone(conn, volunteer_id)?;
    Ok(name.parse::<Tz>().unwrap_or(chrono_tz::Europe::Paris))
}

/// Today's date in `tz`.
pub fn today_in(tz: Tz) -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&tz).date_naive()
}

const SCRIPT: &str = include_str!("../../../static/volunteer.js");

/// GET `/static/volunteer.js`: the grid page's optional script.
pub async fn script() -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .insert_header((
            actix_web::http::header::CONTENT_TYPE,
            "text/javascript; charset=utf-8",
        ))
        .insert_header((
            actix_web::http::header::CACHE_CONTROL,
            "public, max-age=3600",
        ))
        .body(SCRIPT)
}
