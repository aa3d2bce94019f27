//! `/profil/courriels`: which mail I receive — shift reminder lead times
//! (checkboxes, default 48 h and 3 h) and non-essential mail (availability
//! requests, qualification notices) on or off. Open to every signed-in
//! account (coordinators receive qualification notices too).

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::error::WebError;
use super::extract::{CurrentUser, Ui};
use super::state::AppState;
use super::{render, see_other};
use crate::db::audit;
use crate::db::mail_prefs::{self, MailPrefs, LEAD_CHOICES};
use crate::i18n::Tr;

/// One checkbox of the lead-time list.
pub struct LeadChoice {
    pub minutes: i32,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "mail_prefs.html")]
struct PrefsPage {
    t: Tr,
    ui: Ui,
    saved: bool,
    leads: Vec<LeadChoice>,
    non_essential: bool,
}

/// "48 heures avant" / "48 hours before"; "7 jours avant".
pub fn lead_label(t: Tr, minutes: i32) -> String {
    if minutes >= 4 * 1440 && minutes % 1440 == 0 {
        t.count("mail-prefs-days-before", i64::from(minutes / 1440))
    } else {
        t.count("mail-prefs-hours-before", i64::from(minutes / 60))
    }
}

fn page_of(ui: Ui, prefs: &MailPrefs, saved: bool) -> PrefsPage {
    let t = ui.t;
    PrefsPage {
        t,
        ui,
        saved,
        leads: LEAD_CHOICES
            .iter()
            .map(|&m| LeadChoice {
                minutes: m,
                label: lead_label(t, m),
                checked: prefs.reminder_leads.contains(&m),
            })
            .collect(),
        non_essential: prefs.non_essential,
    }
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    ok: Option<String>,
}

/// GET `/profil/courriels`.
pub async fn page(
    ui: Ui,
    CurrentUser(user): CurrentUser,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let uid = user.id;
    let prefs = state
        .db(move |conn| Ok(mail_prefs::get(conn, uid)?))
        .await?;
    render(StatusCode::OK, &page_of(ui, &prefs, query.ok.is_some()))
}

/// POST `/profil/courriels`: the form as `lead=2880&lead=180&non_essential=on`
/// (repeated keys). Unknown lead values are ignored.
pub async fn submit(
    CurrentUser(user): CurrentUser,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let pairs = form.into_inner();
    let leads: Vec<i32> = pairs
        .iter()
        .filter(|(k, _)| k == "lead")
        .filter_map(|(_, v)| v.parse::<i32>().ok())
        .filter(|m| LEAD_CHOICES.contains(m))
        .collect();
    let prefs = MailPrefs {
        reminder_leads: mail_prefs::parse_leads(
            &leads
                .iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>()
                .join(","),
        ),
        non_essential: pairs.iter().any(|(k, _)| k == "non_essential"),
    };
    let uid = user.id;
    state
        .db(move |conn| {
            Ok(
                conn.write_transaction::<_, diesel::result::Error, _>(|conn| {
                    mail_prefs::set(conn, uid, &prefs)?;
                    audit::record(
                        conn,
                        &audit::Event {
                            actor: Some(uid),
                            action: "mail_prefs.update",
                            target_kind: "user",
                            target_id: Some(uid.to_string()),
                            centre_id: None,
                            details: Some(format!(
                                "{{\"leads\":{},\"non_essential\":{}}}",
                                prefs.reminder_leads.len(),
                                prefs.non_essential
                            )),
                        },
                    )
                })?,
            )
        })
        .await?;
    tracing::info!(user_id = uid, "mail preferences saved");
    Ok(see_other("/profil/courriels?ok=1"))
}
