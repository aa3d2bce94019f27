//! Qualification notices: `qualification_notice_days` (default 30) before a
//! qualification's `valid_until`, the volunteer and the coordinators of
//! their centres are told, once per (qualification, expiry date, recipient).
//! Non-essential: skipped for those who turned it off; carries an
//! unsubscribe link.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::outbox::{self, Enqueued};
use crate::db::schema::{
    coordinator_centres, org_settings, qualifications, skills, users, volunteer_centres, volunteers,
};
use crate::db::{mail_prefs, DbConnection};
use crate::domain::frdate::format_date;
use crate::i18n::Lang;

use super::render;
use super::{enqueue, footer, lang_of, zone, NotifyError, Outgoing, KIND_EXPIRY};

/// The dedup key of a notice.
pub fn key(qualification_id: i32, until: NaiveDate, user_id: i32) -> String {
    format!("qualification:{qualification_id}:until:{until}:user:{user_id}")
}

#[derive(Queryable)]
struct Expiring {
    qualification_id: i32,
    volunteer_id: i32,
    until: Option<NaiveDate>,
    skill_fr: String,
    skill_en: String,
    user_id: i32,
    email: Option<String>,
    name: String,
    lang: String,
}

struct Recipient {
    user_id: i32,
    email: String,
    name: String,
    lang: String,
    to_coordinator: bool,
}

/// Queues the notices due at `now`; returns how many were queued.
pub fn scan(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    public_url: &str,
) -> Result<usize, NotifyError> {
    let settings = mail_prefs::settings(conn)?;
    let tzname: String = org_settings::table
        .find(1)
        .select(org_settings::default_timezone)
        .first(conn)?;
    let today = chrono::DateTime::<chrono::Utc>::from_naive_utc_and_offset(now, chrono::Utc)
        .with_timezone(&zone(&tzname))
        .date_naive();
    let last = today + Duration::days(i64::from(settings.qualification_notice_days.max(0)));
    let rows: Vec<Expiring> = qualifications::table
        .inner_join(skills::table)
        .inner_join(volunteers::table.inner_join(users::table))
        .filter(volunteers::status.eq("active"))
        .filter(qualifications::valid_until.ge(today))
        .filter(qualifications::valid_until.le(last))
        .select((
            qualifications::id,
            qualifications::volunteer_id,
            qualifications::valid_until,
            skills::name_fr,
            skills::name_en,
            users::id,
            users::email,
            users::display_name,
            users::lang,
        ))
        .load(conn)?;
    if rows.is_empty() {
        return Ok(0);
    }
    let prefs = mail_prefs::all(conn)?;
    let wants = |uid: i32| prefs.get(&uid).is_none_or(|p| p.non_essential);
    let mut queued = 0;
    for q in rows {
        let Some(until) = q.until else { continue };
        let mut recipients = Vec::new();
        if let Some(email) = q.email.clone() {
            recipients.push(Recipient {
                user_id: q.user_id,
                email,
                name: q.name.clone(),
                lang: q.lang.clone(),
                to_coordinator: false,
            });
        }
        let coords: Vec<(i32, Option<String>, String, String)> = coordinator_centres::table
            .inner_join(users::table)
            .filter(
                coordinator_centres::centre_id.eq_any(
                    volunteer_centres::table
                        .filter(volunteer_centres::volunteer_id.eq(q.volunteer_id))
                        .select(volunteer_centres::centre_id),
                ),
            )
            .select((users::id, users::email, users::display_name, users::lang))
            .load(conn)?;
        let mut seen = BTreeSet::new();
        for (uid, email, name, lang) in coords {
            if uid == q.user_id || !seen.insert(uid) {
                continue;
            }
            if let Some(email) = email {
                recipients.push(Recipient {
                    user_id: uid,
                    email,
                    name,
                    lang,
                    to_coordinator: true,
                });
            }
        }
        recipients.retain(|r| wants(r.user_id));
        let keys: Vec<String> = recipients
            .iter()
            .map(|r| key(q.qualification_id, until, r.user_id))
            .collect();
        let existing = outbox::existing_keys(conn, &keys)?;
        for (r, k) in recipients.into_iter().zip(keys) {
            if existing.contains(&k) {
                continue;
            }
            let lang = lang_of(&r.lang);
            let foot = footer(conn, public_url, r.user_id, true)?;
            let message = render::qualification_expiry(&render::QualificationExpiry {
                fr: lang == Lang::Fr,
                name: r.name.clone(),
                to_coordinator: r.to_coordinator,
                volunteer: q.name.clone(),
                skill: if lang == Lang::Fr {
                    q.skill_fr.clone()
                } else {
                    q.skill_en.clone()
                },
                until: format_date(lang, until),
                days: (until - today).num_days(),
                footer: foot.clone(),
            })?;
            let outcome = enqueue(
                conn,
                Outgoing {
                    key: k,
                    kind: KIND_EXPIRY,
                    to: &r.email,
                    message,
                    footer: &foot,
                    attachment: None,
                    send_after: now,
                },
            )?;
            if matches!(outcome, Enqueued::New(_)) {
                queued += 1;
            }
        }
    }
    if queued > 0 {
        tracing::info!(queued, "qualification notices queued");
    }
    Ok(queued)
}
