//! Availability requests: `availability_request_days` days before the
//! planning deadline of a week (`planning_deadline_days` before its Monday,
//! in the centre's zone), each active volunteer of the centre who has given
//! no availability for that week gets one request (once per volunteer and
//! week, whatever their number of centres). Non-essential: skipped for
//! those who turned it off; carries an unsubscribe link.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};

use crate::db::outbox::{self, Enqueued};
use crate::db::{centres, coord, mail_prefs, DbConnection};
use crate::domain::frdate::format_date;
use crate::i18n::Lang;
use crate::web::coord::roster::availability_given;

use super::render;
use super::weekly::week_label;
use super::{enqueue, footer, lang_of, zone, NotifyError, Outgoing, KIND_AVAILABILITY};

/// The dedup key of a request.
pub fn key(user_id: i32, monday: NaiveDate) -> String {
    format!("availability:user:{user_id}:week:{monday}")
}

/// Mondays whose request window contains `today`: the request day
/// (deadline − `request_days`) ≤ today ≤ the deadline (Monday − `deadline_days`).
pub fn weeks_to_request(today: NaiveDate, deadline_days: i32, request_days: i32) -> Vec<NaiveDate> {
    let first = today + Duration::days(i64::from(deadline_days.max(0)));
    let last = first + Duration::days(i64::from(request_days.max(0)));
    let mut monday = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let mut out = Vec::new();
    while monday <= last {
        if monday >= first {
            out.push(monday);
        }
        monday += Duration::days(7);
    }
    out
}

/// Queues the requests due at `now`; returns how many were queued.
pub fn scan(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    public_url: &str,
) -> Result<usize, NotifyError> {
    let settings = mail_prefs::settings(conn)?;
    let prefs = mail_prefs::all(conn)?;
    let mut queued = 0;
    for centre in centres::list(conn)? {
        let tz = zone(&centre.timezone);
        let today = DateTime::<Utc>::from_naive_utc_and_offset(now, Utc)
            .with_timezone(&tz)
            .date_naive();
        for monday in weeks_to_request(
            today,
            settings.planning_deadline_days,
            settings.availability_request_days,
        ) {
            let sunday = monday + Duration::days(6);
            let roster = coord::roster(conn, centre.id, monday, sunday)?;
            let missing: Vec<_> = roster
                .iter()
                .filter(|e| e.volunteer.status == "active" && e.email.is_some())
                .filter(|e| {
                    prefs
                        .get(&e.volunteer.user_id)
                        .is_none_or(|p| p.non_essential)
                })
                .filter(|e| !availability_given(e, monday, sunday))
                .collect();
            let keys: Vec<String> = missing
                .iter()
                .map(|e| key(e.volunteer.user_id, monday))
                .collect();
            let existing = outbox::existing_keys(conn, &keys)?;
            let deadline =
                monday - Duration::days(i64::from(settings.planning_deadline_days.max(0)));
            for e in missing {
                let k = key(e.volunteer.user_id, monday);
                if existing.contains(&k) {
                    continue;
                }
                let Some(to) = e.email.as_deref() else {
                    continue;
                };
                let lang = lang_of(&e.lang);
                let foot = footer(conn, public_url, e.volunteer.user_id, true)?;
                let message = render::availability_request(&render::AvailabilityRequest {
                    fr: lang == Lang::Fr,
                    name: e.name.clone(),
                    centre: centre.name.clone(),
                    week: week_label(lang, monday),
                    deadline: format_date(lang, deadline),
                    link: format!("{public_url}/disponibilites"),
                    footer: foot.clone(),
                })?;
                let outcome = enqueue(
                    conn,
                    Outgoing {
                        key: k,
                        kind: KIND_AVAILABILITY,
                        to,
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
    }
    if queued > 0 {
        tracing::info!(queued, "availability requests queued");
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_opens_request_days_before_the_deadline() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        // Week of Monday 14 December: deadline 30 November, window from 27 November.
        assert_eq!(weeks_to_request(d(11, 26), 14, 3), Vec::<NaiveDate>::new());
        assert_eq!(weeks_to_request(d(11, 27), 14, 3), vec![d(12, 14)]);
        assert_eq!(weeks_to_request(d(11, 30), 14, 3), vec![d(12, 14)]);
        assert_eq!(weeks_to_request(d(12, 1), 14, 3), Vec::<NaiveDate>::new());
    }
}
