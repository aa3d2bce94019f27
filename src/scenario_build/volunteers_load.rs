//! The volunteers of a built problem: centres within the selection,
//! qualifications, trainee skills, limits and availability materialised for
//! the week.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use solver::problem::{Problem, Qualification, Slot, Volunteer, Window};

use super::{BuildError, Grid, Scope};
use crate::db::{availability as avail, users, volunteers, DbConnection};
use crate::domain::availability::{materialise, Absence, Extra, WeeklyRange};
use crate::domain::week::IsoWeek;

/// First slot whose local date is after `d` (`n_slots` when none).
fn expiry_slot(p: &Problem, dates: &[NaiveDate], d: Option<NaiveDate>) -> Slot {
    match d {
        None => p.n_slots,
        Some(d) => dates
            .iter()
            .position(|&x| x > d)
            .map_or(p.n_slots, |k| k as Slot),
    }
}

pub(super) fn add_volunteers(
    conn: &mut DbConnection,
    p: &mut Problem,
    scope: &Scope,
    week: IsoWeek,
    grid: &Grid,
    centre_ix: &HashMap<i32, usize>,
    skill_ix: &HashMap<i32, usize>,
) -> Result<Vec<i32>, BuildError> {
    let mut links: HashMap<i32, Vec<usize>> = HashMap::new();
    for (vid, cid) in volunteers::all_centre_links(conn)? {
        if let Some(&ci) = centre_ix.get(&cid) {
            links.entry(vid).or_default().push(ci);
        }
    }
    let mut quals: HashMap<i32, Vec<volunteers::QualificationRow>> = HashMap::new();
    for q in volunteers::all_qualifications(conn)? {
        quals.entry(q.volunteer_id).or_default().push(q);
    }
    let mut trainee: HashMap<i32, Vec<usize>> = HashMap::new();
    for t in volunteers::all_trainees(conn)? {
        if let Some(&si) = skill_ix.get(&t.skill_id) {
            trainee.entry(t.volunteer_id).or_default().push(si);
        }
    }
    let mut patterns: HashMap<i32, Vec<WeeklyRange>> = HashMap::new();
    for r in avail::all_patterns(conn)? {
        patterns
            .entry(r.volunteer_id)
            .or_default()
            .push(WeeklyRange {
                weekday: r.weekday.clamp(0, 6) as u32,
                start_minute: i64::from(r.start_minute),
                end_minute: i64::from(r.end_minute),
                preferred: r.preferred,
            });
    }
    let mut absences: HashMap<i32, Vec<Absence>> = HashMap::new();
    let mut extras: HashMap<i32, Vec<Extra>> = HashMap::new();
    let from = week.monday() - Duration::days(1);
    for e in avail::exceptions_between(conn, from, week.next_monday())? {
        if e.kind == "absent" {
            absences.entry(e.volunteer_id).or_default().push(Absence {
                start_date: e.start_date,
                end_date: e.end_date,
                start_minute: e.start_minute.map(i64::from),
                end_minute: e.end_minute.map(i64::from),
            });
        } else {
            let x = match (e.start_utc, e.end_utc) {
                (Some(s), Some(t)) => Extra::Exact {
                    start: s.and_utc(),
                    end: t.and_utc(),
                    preferred: e.preferred,
                },
                _ => Extra::Local {
                    start_date: e.start_date,
                    end_date: e.end_date,
                    start_minute: e.start_minute.map(i64::from),
                    end_minute: e.end_minute.map(i64::from),
                    preferred: e.preferred,
                },
            };
            extras.entry(e.volunteer_id).or_default().push(x);
        }
    }
    let last_day = week.next_monday() - Duration::days(1);
    let dates = p.slot_dates();
    let mut ids = Vec::new();
    for v in volunteers::list(conn)? {
        if v.status != "active" {
            continue;
        }
        let centres_of = links.remove(&v.id).unwrap_or_default();
        if centres_of.is_empty() && matches!(scope, Scope::Centre(_)) {
            continue;
        }
        let name = users::by_id(conn, v.user_id)?
            .map(|u| u.display_name)
            .unwrap_or_default();
        let qualifications = quals
            .remove(&v.id)
            .unwrap_or_default()
            .into_iter()
            .filter(|q| q.obtained_on.is_none_or(|d| d <= last_day))
            .filter_map(|q| {
                let skill = *skill_ix.get(&q.skill_id)?;
                Some(Qualification {
                    skill,
                    valid_until: q.valid_until,
                    valid_until_slot: expiry_slot(p, &dates, q.valid_until),
                })
            })
            .collect();
        let windows = materialise(
            p.timezone,
            week,
            patterns.get(&v.id).map_or(&[][..], Vec::as_slice),
            absences.get(&v.id).map_or(&[][..], Vec::as_slice),
            extras.get(&v.id).map_or(&[][..], Vec::as_slice),
        );
        let availability = windows
            .iter()
            .map(|w| Window {
                range: grid.inner(w.start, w.end),
                preferred: w.preferred,
            })
            .filter(|w| !w.range.is_empty())
            .collect();
        p.volunteers.push(Volunteer {
            id: v.external_id.clone(),
            name,
            centres: centres_of,
            qualifications,
            trainee_for: trainee.remove(&v.id).unwrap_or_default(),
            training_minutes_target: u32::try_from(v.training_minutes_target).unwrap_or(0),
            max_minutes: v.max_minutes_week.and_then(|x| u32::try_from(x).ok()),
            max_shifts: v.max_shifts_week.and_then(|x| u32::try_from(x).ok()),
            availability,
        });
        ids.push(v.id);
    }
    Ok(ids)
}
