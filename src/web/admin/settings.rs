//! `/admin/parametres`: the organisation's settings (default time zone,
//! service level, shift lengths, rest, mentoring of trainees, horizon).

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{int_in, timezone, Errors, SUGGESTED_TIMEZONES};
use crate::db::settings::{self, OrgSettings};
use crate::i18n::Tr;
use crate::web::error::WebError;
use crate::web::extract::{RequireAdmin, Ui};
use crate::web::state::AppState;
use crate::web::{render, see_other};

/// The form's fields, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    pub default_timezone: String,
    #[serde(default)]
    pub service_level_percent: String,
    #[serde(default)]
    pub answer_within_seconds: String,
    #[serde(default)]
    pub min_shift_minutes: String,
    #[serde(default)]
    pub max_shift_minutes: String,
    #[serde(default)]
    pub min_rest_minutes: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    pub trainee_requires_mentor: Option<String>,
    #[serde(default)]
    pub planning_horizon_weeks: String,
    // Mail settings (days); absent from a form: unchanged.
    #[serde(default)]
    pub planning_deadline_days: Option<String>,
    #[serde(default)]
    pub availability_request_days: Option<String>,
    #[serde(default)]
    pub qualification_notice_days: Option<String>,
    // Retention periods (months); absent from a form: unchanged.
    #[serde(default)]
    pub retention_months: Option<String>,
    #[serde(default)]
    pub audit_months: Option<String>,
}

#[derive(Template)]
#[template(path = "admin_settings.html")]
struct SettingsPage {
    t: Tr,
    ui: Ui,
    section: &'static str,
    input: SettingsForm,
    mentor: bool,
    slot_minutes: i32,
    errors: Errors,
    saved: bool,
    timezones: &'static [&'static str],
}

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

/// `80` for 0.8, `92.5` for 0.925.
fn percent(fraction: f64) -> String {
    let p = (fraction * 1000.0).round() / 10.0;
    if p.fract() == 0.0 {
        format!("{p:.0}")
    } else {
        format!("{p:.1}")
    }
}

fn form_of(s: &OrgSettings) -> SettingsForm {
    SettingsForm {
        default_timezone: s.default_timezone.clone(),
        service_level_percent: percent(s.service_level_target),
        answer_within_seconds: s.answer_within_seconds.to_string(),
        min_shift_minutes: s.min_shift_minutes.to_string(),
        max_shift_minutes: s.max_shift_minutes.to_string(),
        min_rest_minutes: s.min_rest_minutes.to_string(),
        trainee_requires_mentor: s.trainee_requires_mentor.then(|| "on".to_string()),
        planning_horizon_weeks: s.planning_horizon_weeks.to_string(),
        // Filled by `with_mail`.
        planning_deadline_days: None,
        availability_request_days: None,
        qualification_notice_days: None,
        // Filled by `with_retention`.
        retention_months: None,
        audit_months: None,
    }
}

// Retention periods on the settings page.
fn with_retention(
    mut form: SettingsForm,
    r: &crate::db::retention::RetentionSettings,
) -> SettingsForm {
    form.retention_months = Some(r.former_volunteer_months.to_string());
    form.audit_months = Some(r.audit_months.to_string());
    form
}

/// Checks the retention fields present in the form: (former volunteers, audit) months.
fn validate_retention(
    t: Tr,
    form: &SettingsForm,
    current: &crate::db::retention::RetentionSettings,
    e: &mut Errors,
) -> Option<(i32, i32)> {
    let months = match &form.retention_months {
        Some(raw) => e.check("retention_months", int_in(t, raw, 1, 120))?,
        None => current.former_volunteer_months,
    };
    let audit = match &form.audit_months {
        Some(raw) => e.check("audit_months", int_in(t, raw, 1, 120))?,
        None => current.audit_months,
    };
    Some((months, audit))
}

// Mail settings on the settings page.
fn with_mail(mut form: SettingsForm, m: &crate::db::mail_prefs::MailSettings) -> SettingsForm {
    form.planning_deadline_days = Some(m.planning_deadline_days.to_string());
    form.availability_request_days = Some(m.availability_request_days.to_string());
    form.qualification_notice_days = Some(m.qualification_notice_days.to_string());
    form
}

/// Checks the mail fields present in the form (errors go with the others,
/// so an invalid one blocks the whole save); the new values, if all valid.
fn validate_mail(
    t: Tr,
    form: &SettingsForm,
    e: &mut Errors,
) -> Option<(Option<i32>, Option<i32>, Option<i32>)> {
    let mut field = |name: &'static str, raw: &Option<String>, max: i32| match raw {
        Some(raw) => e.check(name, int_in(t, raw, 0, max)).map(Some),
        None => Some(None),
    };
    let deadline = field("planning_deadline_days", &form.planning_deadline_days, 60);
    let request = field(
        "availability_request_days",
        &form.availability_request_days,
        30,
    );
    let notice = field(
        "qualification_notice_days",
        &form.qualification_notice_days,
        365,
    );
    Some((deadline?, request?, notice?))
}

/// Saves the mail fields present in the form.
fn save_mail(
    conn: &mut crate::db::DbConnection,
    values: (Option<i32>, Option<i32>, Option<i32>),
) -> diesel::QueryResult<()> {
    let mut m = crate::db::mail_prefs::settings(conn)?;
    m.planning_deadline_days = values.0.unwrap_or(m.planning_deadline_days);
    m.availability_request_days = values.1.unwrap_or(m.availability_request_days);
    m.qualification_notice_days = values.2.unwrap_or(m.qualification_notice_days);
    crate::db::mail_prefs::set_settings(conn, &m)
}

/// A percentage in (0, 100], with a comma or a point; returns a fraction.
fn service_level(t: Tr, raw: &str) -> Result<f64, String> {
    match raw.trim().replace(',', ".").parse::<f64>() {
        Ok(p) if (1.0..=100.0).contains(&p) => Ok((p * 10.0).round() / 1000.0),
        _ => Err(t.t("admin-error-percent")),
    }
}

/// A shift length: between one slot and 24 h, a whole number of slots.
fn shift_length(t: Tr, raw: &str, slot: i32) -> Result<i32, String> {
    let n = int_in(t, raw, slot.max(1), 1440)?;
    if slot > 0 && n % slot != 0 {
        return Err(t.args("admin-error-slot-multiple", &[("slot", &slot.to_string())]));
    }
    Ok(n)
}

/// Checks the form against the current settings; returns the new settings if valid.
pub fn validate(
    t: Tr,
    form: &SettingsForm,
    current: &OrgSettings,
) -> (Errors, Option<OrgSettings>) {
    let slot = current.slot_minutes;
    let mut e = Errors::default();
    // The mail fields are checked with the others.
    validate_mail(t, form, &mut e);
    let tz = e.check("default_timezone", timezone(t, &form.default_timezone));
    let sl = e.check(
        "service_level_percent",
        service_level(t, &form.service_level_percent),
    );
    let within = e.check(
        "answer_within_seconds",
        int_in(t, &form.answer_within_seconds, 1, 3600),
    );
    let min_shift = e.check(
        "min_shift_minutes",
        shift_length(t, &form.min_shift_minutes, slot),
    );
    let max_shift = e.check(
        "max_shift_minutes",
        shift_length(t, &form.max_shift_minutes, slot),
    );
    if let (Some(lo), Some(hi)) = (min_shift, max_shift) {
        if hi < lo {
            e.add("max_shift_minutes", t.t("admin-error-max-below-min"));
        }
    }
    let rest = e.check(
        "min_rest_minutes",
        int_in(t, &form.min_rest_minutes, 0, 2880),
    );
    let horizon = e.check(
        "planning_horizon_weeks",
        int_in(t, &form.planning_horizon_weeks, 1, 52),
    );
    let (
        Some(default_timezone),
        Some(service_level_target),
        Some(answer_within_seconds),
        Some(min_shift_minutes),
        Some(max_shift_minutes),
        Some(min_rest_minutes),
        Some(planning_horizon_weeks),
    ) = (tz, sl, within, min_shift, max_shift, rest, horizon)
    else {
        return (e, None);
    };
    if !e.is_empty() {
        return (e, None);
    }
    let next = OrgSettings {
        default_timezone,
        service_level_target,
        answer_within_seconds,
        min_shift_minutes,
        max_shift_minutes,
        min_rest_minutes,
        trainee_requires_mentor: form.trainee_requires_mentor.is_some(),
        planning_horizon_weeks,
        ..current.clone()
    };
    (e, Some(next))
}

fn page_of(
    ui: Ui,
    input: SettingsForm,
    slot_minutes: i32,
    errors: Errors,
    saved: bool,
) -> SettingsPage {
    SettingsPage {
        t: ui.t,
        ui,
        section: "settings",
        mentor: input.trainee_requires_mentor.is_some(),
        input,
        slot_minutes,
        errors,
        saved,
        timezones: SUGGESTED_TIMEZONES,
    }
}

/// GET `/admin/parametres`.
pub async fn page(
    ui: Ui,
    _admin: RequireAdmin,
    state: web::Data<AppState>,
    query: web::Query<SavedQuery>,
) -> Result<HttpResponse, WebError> {
    // With the retention periods.
    let (current, kept) = state
        .db(|conn| Ok((settings::get(conn)?, crate::db::retention::get(conn)?)))
        .await?;
    // The mail settings.
    let mail = state
        .db(|conn| Ok(crate::db::mail_prefs::settings(conn)?))
        .await?;
    let page = page_of(
        ui,
        with_mail(with_retention(form_of(&current), &kept), &mail),
        current.slot_minutes,
        Errors::default(),
        query.saved.is_some(),
    );
    render(StatusCode::OK, &page)
}

/// POST `/admin/parametres`: validates and saves every setting at once.
pub async fn submit(
    ui: Ui,
    RequireAdmin(admin): RequireAdmin,
    state: web::Data<AppState>,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, WebError> {
    let t = ui.t;
    let form = form.into_inner();
    let checked = form.clone();
    // The actor of the audit entry.
    let admin_id = admin.id;
    let (errors, slot) = state
        .db(move |conn| {
            Ok(
                conn.write_transaction::<_, diesel::result::Error, _>(|conn| {
                    let current = settings::get(conn)?;
                    // Retention periods, and the audit entry.
                    let (mut errors, next) = validate(t, &checked, &current);
                    let kept = crate::db::retention::get(conn)?;
                    let periods = validate_retention(t, &checked, &kept, &mut errors);
                    if let (Some(next), Some((months, audit)), true) =
                        (next, periods, errors.is_empty())
                    {
                        settings::update(conn, &next)?;
                        crate::db::retention::update(conn, months, audit)?;
                        crate::db::audit::record(
                            conn,
                            &crate::db::audit::Event {
                                actor: Some(admin_id),
                                action: "settings.update",
                                target_kind: "org_settings",
                                target_id: Some("1".into()),
                                details: Some(format!(
                                    "retention_months={months} audit_months={audit}"
                                )),
                                ..Default::default()
                            },
                        )?;
                    }
                    // Mail settings, saved with the rest.
                    if errors.is_empty() {
                        let mut unused = Errors::default();
                        if let Some(values) = validate_mail(t, &checked, &mut unused) {
                            save_mail(conn, values)?;
                        }
                    }
                    Ok((errors, current.slot_minutes))
                })?,
            )
        })
        .await?;
    if errors.is_empty() {
        tracing::info!(by = admin.id, "organisation settings saved");
        return Ok(see_other("/admin/parametres?saved=1"));
    }
    let page = page_of(ui, form, slot, errors, false);
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn percentages_round_trip() {
        assert_eq!(percent(0.8), "80");
        assert_eq!(percent(0.925), "92.5");
        let t = Tr::new(Lang::Fr);
        assert_eq!(service_level(t, "92,5").unwrap(), 0.925);
        assert!(service_level(t, "0").is_err());
        assert!(service_level(t, "101").is_err());
        assert!(shift_length(t, "90", 60).is_err());
        assert_eq!(shift_length(t, "120", 60).unwrap(), 120);
    }
}
