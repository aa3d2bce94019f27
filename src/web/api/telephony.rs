//! `GET /api/v1/astreinte?centre=CODE&skill=CODE[&at=RFC3339]` with
//! `Authorization: Bearer <token>`: who is on duty now (at `at`) and next at
//! a centre for a skill, from the published rotas. Times are RFC 3339 with
//! the centre's offset. Phone numbers only when the token allows them.
//!
//! Errors are JSON `{"error": code, "message": text, "parameter"?: name}`:
//! 401 (+ `WWW-Authenticate: Bearer`) without a token or with an unknown or
//! revoked one; 403 for a token of another centre; 400 naming the bad
//! parameter.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::auth::tokens;
use crate::db::my_shifts::{self, OnDuty};
use crate::db::{api_tokens, centres, skills};
use crate::web::error::WebError;
use crate::web::state::AppState;

/// One person on duty.
#[derive(Debug, Serialize)]
pub struct Duty {
    pub name: String,
    /// `staff` or `trainee`.
    pub role: String,
    pub skill: String,
    pub start: String,
    pub end: String,
    /// Present only when the token allows phone numbers (`null` if unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<Option<String>>,
}

/// The answer.
#[derive(Debug, Serialize)]
pub struct Answer {
    pub centre: String,
    pub skill: String,
    pub timezone: String,
    pub at: String,
    pub now: Vec<Duty>,
    pub next: Vec<Duty>,
}

/// A JSON error body.
#[derive(Debug, Serialize)]
pub struct ApiError {
    pub error: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<&'static str>,
}

fn error(
    status: StatusCode,
    code: &'static str,
    message: &str,
    parameter: Option<&'static str>,
) -> HttpResponse {
    let mut resp = HttpResponse::build(status);
    resp.insert_header((header::CACHE_CONTROL, "no-store"));
    if status == StatusCode::UNAUTHORIZED {
        let challenge = if code == "missing_token" {
            "Bearer realm=\"astreinte\"".to_string()
        } else {
            format!("Bearer realm=\"astreinte\", error=\"invalid_token\", error_description=\"{message}\"")
        };
        resp.insert_header((header::WWW_AUTHENTICATE, challenge));
    }
    resp.json(ApiError {
        error: code,
        message: message.to_string(),
        parameter,
    })
}

fn bad_parameter(name: &'static str, message: &str) -> HttpResponse {
    error(
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
        message,
        Some(name),
    )
}

/// The bearer token of the request, if any (`None` without the header or
/// with another scheme).
fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

/// RFC 3339 with the zone's offset at that instant, to the second.
pub fn rfc3339(t: chrono::NaiveDateTime, tz: Tz) -> String {
    t.and_utc()
        .with_timezone(&tz)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

fn duties(list: Vec<OnDuty>, tz: Tz, phones: bool) -> Vec<Duty> {
    list.into_iter()
        .map(|d| Duty {
            name: d.display_name,
            role: d.role,
            skill: d.skill_code,
            start: rfc3339(d.start_utc, tz),
            end: rfc3339(d.end_utc, tz),
            phone: phones.then_some(d.phone),
        })
        .collect()
}

/// A refusal computed on the database thread (responses are not `Send`).
struct Failure {
    status: StatusCode,
    code: &'static str,
    message: &'static str,
    parameter: Option<&'static str>,
}

fn fail(status: StatusCode, code: &'static str, message: &'static str) -> Failure {
    Failure {
        status,
        code,
        message,
        parameter: None,
    }
}

fn fail_parameter(parameter: &'static str, message: &'static str) -> Failure {
    Failure {
        status: StatusCode::BAD_REQUEST,
        code: "invalid_parameter",
        message,
        parameter: Some(parameter),
    }
}

enum Outcome {
    Ok(Answer),
    Fail(Failure),
}

/// GET `/api/v1/astreinte`.
pub async fn on_duty(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let Some(token) = bearer(&req) else {
        return Ok(error(
            StatusCode::UNAUTHORIZED,
            "missing_token",
            "Authorization: Bearer <token> is required",
            None,
        ));
    };
    if !tokens::looks_like_token(&token) {
        return Ok(error(
            StatusCode::UNAUTHORIZED,
            "invalid_token",
            "the bearer token is malformed",
            None,
        ));
    }
    let query: Vec<(String, String)> =
        match web::Query::<Vec<(String, String)>>::from_query(req.query_string()) {
            Ok(q) => q.into_inner(),
            Err(_) => return Ok(bad_parameter("query", "the query string cannot be read")),
        };
    let param = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
    };
    let centre_code = param("centre");
    let skill_code = param("skill");
    let at_text = param("at");
    let hash = tokens::hash_token(&token);

    let outcome = state
        .db(move |conn| {
            let Some(row) = api_tokens::by_hash(conn, &hash)? else {
                return Ok(Outcome::Fail(fail(
                    StatusCode::UNAUTHORIZED,
                    "invalid_token",
                    "unknown bearer token",
                )));
            };
            if row.revoked_at.is_some() {
                tracing::info!(token_id = row.id, "revoked API token refused");
                return Ok(Outcome::Fail(fail(
                    StatusCode::UNAUTHORIZED,
                    "invalid_token",
                    "this bearer token has been revoked",
                )));
            }
            let Some(code) = centre_code.filter(|c| !c.is_empty()) else {
                return Ok(Outcome::Fail(fail_parameter(
                    "centre",
                    "the parameter centre (centre code) is required",
                )));
            };
            let own = centres::by_id(conn, row.centre_id)?.ok_or(WebError::NotFound)?;
            if !own.code.eq_ignore_ascii_case(&code) {
                tracing::info!(token_id = row.id, "API token used for another centre");
                return Ok(Outcome::Fail(fail(
                    StatusCode::FORBIDDEN,
                    "forbidden_centre",
                    "this token is not valid for the requested centre",
                )));
            }
            let Some(skill_code) = skill_code.filter(|c| !c.is_empty()) else {
                return Ok(Outcome::Fail(fail_parameter(
                    "skill",
                    "the parameter skill (skill code) is required",
                )));
            };
            let skill = skills::list(conn)?
                .into_iter()
                .find(|s| s.code.eq_ignore_ascii_case(&skill_code));
            let Some(skill) = skill else {
                return Ok(Outcome::Fail(fail_parameter(
                    "skill",
                    "the parameter skill names no known skill code",
                )));
            };
            let at: DateTime<Utc> = match at_text {
                None => Utc::now(),
                Some(a) => match DateTime::parse_from_rfc3339(&a) {
                    Ok(t) => t.with_timezone(&Utc),
                    Err(_) => {
                        return Ok(Outcome::Fail(fail_parameter(
                            "at",
                            "the parameter at must be an RFC 3339 date-time with offset",
                        )))
                    }
                },
            };
            let tz: Tz = own.timezone.parse().unwrap_or(chrono_tz::Europe::Paris);
            let at_naive = at.naive_utc();
            let now = my_shifts::on_duty_between(
                conn,
                &[own.id],
                Some(skill.id),
                at_naive,
                at_naive + chrono::Duration::seconds(1),
            )?
            .into_iter()
            .filter(|d| d.start_utc <= at_naive)
            .collect();
            let next = my_shifts::next_on_duty(conn, own.id, skill.id, at_naive)?;
            api_tokens::touch(conn, row.id)?;
            tracing::info!(
                token_id = row.id,
                centre_id = own.id,
                "telephony API answered"
            );
            Ok(Outcome::Ok(Answer {
                centre: own.code,
                skill: skill.code,
                timezone: tz.name().to_string(),
                at: at
                    .with_timezone(&tz)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
                now: duties(now, tz, row.include_phone),
                next: duties(next, tz, row.include_phone),
            }))
        })
        .await?;
    Ok(match outcome {
        Outcome::Fail(f) => error(f.status, f.code, f.message, f.parameter),
        Outcome::Ok(answer) => HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .json(answer),
    })
}
