//! Shift reminders at each volunteer's lead times (default 48 h and 3 h),
//! with the shift as an `.ics` attachment.
//!
//! A scan looks at the published shifts starting within the longest lead
//! time and queues, for each, the reminder of the *shortest* lead whose time
//! has come — so a reminder is queued at its due time (a shift moved or
//! removed before then is never reminded at its old time), and after a
//! pause of the scanner only the most relevant reminder goes out, not a
//! burst of stale ones. The key names the recipient, the shift by its
//! identity (centre, start, end: stable across rota versions) and the lead
//! time, so repeated scans and several app instances queue it once.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::db::outbox::{self, Attachment};
use crate::db::schema::{centres, rota_shifts, rotas, skills, users, volunteers};
use crate::db::{mail_prefs, DbConnection};
use crate::i18n::Lang;
use crate::ical::{calendar, IcalEvent};

use super::render::{self, Footer};
use super::{
    enqueue, footer, lang_of, local_date_time, zone, NotifyError, Outgoing, KIND_REMINDER,
};

/// One published shift with what its reminder needs.
#[derive(Debug, Clone, Queryable)]
pub struct DueShift {
    pub shift_id: i32,
    pub centre_id: i32,
    pub start_utc: NaiveDateTime,
    pub end_utc: NaiveDateTime,
    pub user_id: i32,
    pub email: Option<String>,
    pub name: String,
    pub lang: String,
    pub centre_name: String,
    pub timezone: String,
    pub skill_fr: String,
    pub skill_en: String,
}

/// The dedup key of a reminder.
pub fn key(
    user_id: i32,
    centre_id: i32,
    start: NaiveDateTime,
    end: NaiveDateTime,
    lead: i32,
) -> String {
    format!(
        "reminder:user:{user_id}:centre:{centre_id}:{}-{}:{lead}m",
        start.and_utc().timestamp(),
        end.and_utc().timestamp()
    )
}

/// The lead time whose reminder is due at `now` for a shift starting at
/// `start`: the shortest lead already reached, if any.
pub fn due_lead(leads: &[i32], start: NaiveDateTime, now: NaiveDateTime) -> Option<i32> {
    if start <= now {
        return None;
    }
    leads
        .iter()
        .copied()
        .filter(|&l| start - Duration::minutes(i64::from(l)) <= now)
        .min()
}

/// "dans 48 heures" / "in 48 hours"; days from 48 h up… when whole.
pub fn lead_text(lang: Lang, minutes: i64) -> String {
    let fr = lang == Lang::Fr;
    if minutes >= 2 * 1440 && minutes % 1440 == 0 && minutes != 2880 {
        let d = minutes / 1440;
        return if fr {
            format!("dans {d} jours")
        } else {
            format!("in {d} days")
        };
    }
    if minutes >= 60 {
        let h = (minutes + 30) / 60;
        return match (fr, h) {
            (true, 1) => "dans 1 heure".into(),
            (true, h) => format!("dans {h} heures"),
            (false, 1) => "in 1 hour".into(),
            (false, h) => format!("in {h} hours"),
        };
    }
    let m = minutes.max(1);
    if fr {
        format!("dans {m} minutes")
    } else {
        format!("in {m} minutes")
    }
}

/// The `.ics` of one shift (times in the centre's zone).
pub fn shift_ics(s: &DueShift, lang: Lang, now: NaiveDateTime) -> String {
    let tz = zone(&s.timezone);
    let utc = |t: NaiveDateTime| DateTime::<Utc>::from_naive_utc_and_offset(t, Utc);
    let skill = if lang == Lang::Fr {
        &s.skill_fr
    } else {
        &s.skill_en
    };
    let summary = if lang == Lang::Fr {
        format!("Astreinte {} – {}", s.centre_name, skill)
    } else {
        format!("On call {} – {}", s.centre_name, skill)
    };
    let mut event = IcalEvent::new(
        format!(
            "shift-{}-{}-{}@astreinte",
            s.user_id,
            s.centre_id,
            s.start_utc.and_utc().timestamp()
        ),
        utc(s.start_utc),
        utc(s.end_utc),
        tz,
        summary,
        utc(now),
    );
    event.location = Some(s.centre_name.clone());
    calendar("Astreinte", &[event])
}

/// Queues the reminders due at `now`; returns how many were queued.
pub fn scan(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    public_url: &str,
) -> Result<usize, NotifyError> {
    let longest = mail_prefs::LEAD_CHOICES
        .iter()
        .copied()
        .max()
        .unwrap_or(10080);
    let horizon = now + Duration::minutes(i64::from(longest));
    let shifts: Vec<DueShift> = rota_shifts::table
        .inner_join(rotas::table)
        .inner_join(volunteers::table.inner_join(users::table))
        .inner_join(centres::table)
        .inner_join(skills::table)
        .filter(rotas::status.eq("published"))
        .filter(rota_shifts::start_utc.gt(now))
        .filter(rota_shifts::start_utc.le(horizon))
        .filter(users::email.is_not_null())
        .order((rota_shifts::start_utc, rota_shifts::id))
        .select((
            rota_shifts::id,
            rota_shifts::centre_id,
            rota_shifts::start_utc,
            rota_shifts::end_utc,
            users::id,
            users::email,
            users::display_name,
            users::lang,
            centres::name,
            centres::timezone,
            skills::name_fr,
            skills::name_en,
        ))
        .load(conn)?;
    let prefs = mail_prefs::all(conn)?;
    let defaults = mail_prefs::MailPrefs::default();
    let mut due: HashMap<String, (DueShift, i32)> = HashMap::new();
    for s in shifts {
        let leads = &prefs.get(&s.user_id).unwrap_or(&defaults).reminder_leads;
        if let Some(lead) = due_lead(leads, s.start_utc, now) {
            let k = key(s.user_id, s.centre_id, s.start_utc, s.end_utc, lead);
            due.entry(k).or_insert((s, lead));
        }
    }
    let keys: Vec<String> = due.keys().cloned().collect();
    let existing = outbox::existing_keys(conn, &keys)?;
    let mut queued = 0;
    let mut fresh: Vec<(String, (DueShift, i32))> = due
        .into_iter()
        .filter(|(k, _)| !existing.contains(k))
        .collect();
    fresh.sort_by(|a, b| a.0.cmp(&b.0));
    for (k, (s, _lead)) in fresh {
        let Some(to) = s.email.clone() else { continue };
        let lang = lang_of(&s.lang);
        let tz = zone(&s.timezone);
        let (date, start) = local_date_time(lang, tz, s.start_utc);
        let (_, end) = local_date_time(lang, tz, s.end_utc);
        let foot: Footer = footer(conn, public_url, s.user_id, false)?;
        let message = render::shift_reminder(&render::ShiftReminder {
            fr: lang == Lang::Fr,
            name: s.name.clone(),
            when: lead_text(lang, (s.start_utc - now).num_minutes()),
            date,
            start,
            end,
            timezone: s.timezone.clone(),
            centre: s.centre_name.clone(),
            skill: if lang == Lang::Fr {
                s.skill_fr.clone()
            } else {
                s.skill_en.clone()
            },
            footer: foot.clone(),
        })?;
        let ics = shift_ics(&s, lang, now);
        let outcome = enqueue(
            conn,
            Outgoing {
                key: k,
                kind: KIND_REMINDER,
                to: &to,
                message,
                footer: &foot,
                attachment: Some(Attachment {
                    name: "astreinte.ics".to_string(),
                    content_type: "text/calendar; charset=utf-8; method=PUBLISH".to_string(),
                    body: ics,
                }),
                send_after: now,
            },
        )?;
        if matches!(outcome, outbox::Enqueued::New(_)) {
            tracing::info!(
                shift_id = s.shift_id,
                user_id = s.user_id,
                "shift reminder queued"
            );
            queued += 1;
        }
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 8)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn only_the_shortest_reached_lead_is_due() {
        let start = at(20);
        assert_eq!(due_lead(&[2880, 180], start, at(10)), Some(2880));
        assert_eq!(due_lead(&[2880, 180], start, at(17)), Some(180));
        assert_eq!(due_lead(&[2880, 180], start, at(20)), None);
        assert_eq!(due_lead(&[], start, at(19)), None);
        assert_eq!(due_lead(&[180], start, at(10)), None);
    }

    #[test]
    fn lead_texts_read_naturally() {
        assert_eq!(lead_text(Lang::Fr, 2880), "dans 48 heures");
        assert_eq!(lead_text(Lang::Fr, 180), "dans 3 heures");
        assert_eq!(lead_text(Lang::En, 60), "in 1 hour");
        assert_eq!(lead_text(Lang::Fr, 10080), "dans 7 jours");
    }
}
