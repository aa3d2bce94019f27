//! GET/POST `/profil`: my display name, language, phone (optional), email
//! (shown only) and commitment — at most so many hours and shifts a week,
//! optionally at least so many hours a month.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::RequireVolunteer;
use crate::auth::session;
use crate::db::volunteer_self::{self, ProfileUpdate};
use crate::db::{users, volunteers};
use crate::i18n::{Lang, Tr};
use crate::web::error::WebError;
use crate::web::extract::Ui;
use crate::web::state::AppState;
use crate::web::{render, see_other};

#[derive(Template)]
#[template(path = "volunteer_profile.html")]
struct ProfilePage {
    t: Tr,
    ui: Ui,
    saved: bool,
    email: Option<String>,
    form: ProfileForm,
    name_error: Option<String>,
    lang_error: Option<String>,
    phone_error: Option<String>,
    hours_error: Option<String>,
    shifts_error: Option<String>,
    month_error: Option<String>,
}

impl ProfilePage {
    fn has_errors(&self) -> bool {
        [
            &self.name_error,
            &self.lang_error,
            &self.phone_error,
            &self.hours_error,
            &self.shifts_error,
            &self.month_error,
        ]
        .iter()
        .any(|e| e.is_some())
    }
}

/// The form as typed (shown again when invalid).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    max_hours_week: String,
    #[serde(default)]
    max_shifts_week: String,
    #[serde(default)]
    min_hours_month: String,
}

/// A loosely checked phone number: digits with spaces, dots, dashes or
/// brackets, an optional leading `+`, 8 to 15 digits. Returns it trimmed
/// with runs of spaces collapsed.
pub fn parse_phone(s: &str) -> Option<String> {
    let s = s.trim();
    let body = s.strip_prefix('+').unwrap_or(s);
    let ok_chars = body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')'));
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (ok_chars && (8..=15).contains(&digits))
        .then(|| s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A number field that is not a whole number in its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange;

/// Empty → `Ok(None)`; a whole number in `0..=max` → `Ok(Some(n))`.
pub fn parse_optional_int(s: &str, max: i32) -> Result<Option<i32>, OutOfRange> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<i32>() {
        Ok(n) if (0..=max).contains(&n) => Ok(Some(n)),
        _ => Err(OutOfRange),
    }
}

fn hours_text(minutes: Option<i32>) -> String {
    minutes.map(|m| (m / 60).to_string()).unwrap_or_default()
}

async fn load(
    state: &web::Data<AppState>,
    user_id: i32,
) -> Result<(users::User, volunteers::Volunteer), WebError> {
    state
        .db(move |conn| {
            let user = users::by_id(conn, user_id)?.ok_or(WebError::NotFound)?;
            let vol = volunteers::by_user_id(conn, user_id)?.ok_or(WebError::Forbidden)?;
            Ok((user, vol))
        })
        .await
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    ok: Option<String>,
}

/// GET `/profil`.
pub async fn page(
    ui: Ui,
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let (user, vol) = load(&state, volunteer.user.id).await?;
    let page = ProfilePage {
        t: ui.t,
        ui,
        saved: query.ok.is_some(),
        email: user.email,
        form: ProfileForm {
            display_name: user.display_name,
            lang: user.lang,
            phone: user.phone.unwrap_or_default(),
            max_hours_week: hours_text(vol.max_minutes_week),
            max_shifts_week: vol
                .max_shifts_week
                .map(|n| n.to_string())
                .unwrap_or_default(),
            min_hours_month: hours_text(vol.min_minutes_month),
        },
        name_error: None,
        lang_error: None,
        phone_error: None,
        hours_error: None,
        shifts_error: None,
        month_error: None,
    };
    render(StatusCode::OK, &page)
}

/// POST `/profil`: all fields checked first; nothing saved on any error.
pub async fn submit(
    ui: Ui,
    volunteer: RequireVolunteer,
    state: web::Data<AppState>,
    http_session: Session,
    form: web::Form<ProfileForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let t = ui.t;
    let (user, _) = load(&state, volunteer.user.id).await?;
    let name = form.display_name.trim().to_string();
    let lang = Lang::parse(&form.lang).filter(|_| matches!(form.lang.trim(), "fr" | "en"));
    let phone = if form.phone.trim().is_empty() {
        Ok(None)
    } else {
        parse_phone(&form.phone).map(Some).ok_or(())
    };
    let hours = parse_optional_int(&form.max_hours_week, 60);
    let shifts = parse_optional_int(&form.max_shifts_week, 14);
    let month = parse_optional_int(&form.min_hours_month, 250);
    let mut page = ProfilePage {
        t,
        saved: false,
        email: user.email,
        name_error: (name.is_empty() || name.chars().count() > 200)
            .then(|| t.t("error-name-required")),
        lang_error: lang.is_none().then(|| t.t("profile-error-lang")),
        phone_error: phone.is_err().then(|| t.t("profile-error-phone")),
        hours_error: hours.is_err().then(|| t.t("profile-error-hours")),
        shifts_error: shifts.is_err().then(|| t.t("profile-error-shifts")),
        month_error: month.is_err().then(|| t.t("profile-error-month")),
        form,
        ui,
    };
    if let (Ok(Some(h)), Ok(Some(m))) = (hours, month) {
        // About 4.35 weeks in a month; allow 5 full weeks.
        if m > h * 5 {
            page.month_error = Some(t.args(
                "profile-error-month-above-week",
                &[("hours", &h.to_string())],
            ));
        }
    }
    let (Some(lang), Ok(phone), Ok(hours), Ok(shifts), Ok(month), false) =
        (lang, phone, hours, shifts, month, page.has_errors())
    else {
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    let update = ProfileUpdate {
        display_name: name,
        phone,
        lang: lang.code(),
        max_minutes_week: hours.map(|h| h * 60),
        max_shifts_week: shifts,
        min_minutes_month: month.map(|h| h * 60),
    };
    let (uid, vid) = (volunteer.user.id, volunteer.volunteer_id);
    state
        .db(move |conn| Ok(volunteer_self::save_profile(conn, uid, vid, &update)?))
        .await?;
    session::set_language(&http_session, lang)?;
    tracing::info!(user_id = uid, "profile saved");
    Ok(see_other("/profil?ok=1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_checked_loosely() {
        assert_eq!(
            parse_phone("06 12 34 56 78").as_deref(),
            Some("06 12 34 56 78")
        );
        assert!(parse_phone("+33 6 12 34 56 78").is_some());
        assert!(parse_phone("06.12.34.56.78").is_some());
        assert!(parse_phone("+262 (0)692 12 34 56").is_some());
        assert!(parse_phone("0612").is_none());
        assert!(parse_phone("06 12 34 56 7a").is_none());
        assert!(parse_phone("++33 6 12 34 56 78").is_none());
    }

    #[test]
    fn optional_integers_have_ranges() {
        assert_eq!(parse_optional_int("", 60), Ok(None));
        assert_eq!(parse_optional_int(" 12 ", 60), Ok(Some(12)));
        assert!(parse_optional_int("61", 60).is_err());
        assert!(parse_optional_int("-1", 60).is_err());
        assert!(parse_optional_int("3,5", 60).is_err());
    }
}
