//! Loads a parsed `rota-scenario/1` (a `solver::problem::Problem`) into the
//! database in one transaction: upserts by centre code, skill code and
//! volunteer external id, so re-importing the same file changes nothing.
//!
//! Times are stored in the centre's local wall-clock form (weekday + local
//! minutes) when that form maps back to exactly the same instants in the
//! imported week (`domain::localtime::to_local_range`); otherwise as dated
//! rows carrying the exact instants.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use solver::problem::{Problem, SlotRange};

use super::availability::{self as avail, NewException, NewPattern};
use super::demand::{self, NewDemand, When};
use super::rotas::{self, NewShift};
use super::{centres, settings, skills, users, volunteers, DbConnection};
use crate::domain::localtime::to_local_range;
use crate::domain::week::IsoWeek;

/// What an import wrote (counts, for the command's summary; no personal data).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub skills: usize,
    pub centres: usize,
    pub volunteers_created: usize,
    pub volunteers_updated: usize,
    pub weekly_ranges: usize,
    pub dated_windows: usize,
    pub demand_rows: usize,
    pub templates: usize,
    pub locked_shifts: usize,
}

/// Optional extras read from the raw JSON that `Problem` does not carry.
#[derive(Debug, Clone, Default)]
pub struct ImportExtras {
    /// Volunteer external id → email, where the file gives one.
    pub emails: HashMap<String, String>,
}

impl ImportExtras {
    /// Reads `volunteers[].email` from the raw document, ignoring anything odd.
    pub fn from_json(raw: &serde_json::Value) -> Self {
        let mut emails = HashMap::new();
        if let Some(vs) = raw.get("volunteers").and_then(|v| v.as_array()) {
            for v in vs {
                if let (Some(id), Some(email)) = (
                    v.get("id").and_then(|x| x.as_str()),
                    v.get("email").and_then(|x| x.as_str()),
                ) {
                    if email.contains('@') {
                        emails.insert(id.to_string(), email.to_string());
                    }
                }
            }
        }
        ImportExtras { emails }
    }
}

/// A slot range of the problem as local wall-clock form or exact instants.
pub(crate) fn when_of(p: &Problem, r: SlotRange) -> When {
    let s = p.slot_start(r.start);
    let e = p.slot_start(r.end);
    when_of_instants(p.timezone, p.week_start, s, e)
}

fn when_of_instants(tz: Tz, monday: chrono::NaiveDate, s: DateTime<Utc>, e: DateTime<Utc>) -> When {
    match to_local_range(tz, s, e) {
        Some(lr) if lr.date >= monday && (lr.date - monday).num_days() < 7 => When {
            weekday: (lr.date - monday).num_days() as i32,
            start_minute: lr.start_minute as i32,
            end_minute: lr.end_minute as i32,
            on_date: None,
            start_utc: None,
            end_utc: None,
        },
        _ => {
            let ls = s.with_timezone(&tz).naive_local();
            let le = e.with_timezone(&tz).naive_local();
            let date = ls.date();
            let midnight = date.and_hms_opt(0, 0, 0).unwrap_or(ls);
            When {
                weekday: date.weekday().num_days_from_monday() as i32,
                start_minute: (ls - midnight).num_minutes() as i32,
                end_minute: ((le - midnight).num_minutes() as i32)
                    .max((ls - midnight).num_minutes() as i32 + 1),
                on_date: Some(date),
                start_utc: Some(s.naive_utc()),
                end_utc: Some(e.naive_utc()),
            }
        }
    }
}

fn to_i32(x: u32) -> i32 {
    i32::try_from(x).unwrap_or(i32::MAX)
}

/// Writes `p` into the database in one transaction (all or nothing).
pub fn import_problem(
    conn: &mut DbConnection,
    p: &Problem,
    extras: &ImportExtras,
) -> anyhow::Result<ImportSummary> {
    conn.write_transaction::<_, anyhow::Error, _>(|c| import_inner(c, p, extras))
}

fn import_inner(
    c: &mut DbConnection,
    p: &Problem,
    extras: &ImportExtras,
) -> anyhow::Result<ImportSummary> {
    let mut sum = ImportSummary::default();
    let tz = p.timezone;
    let week = IsoWeek::from_monday(p.week_start)?;

    let mut s = settings::get(c)?;
    s.slot_minutes = to_i32(p.slot_minutes);
    s.min_shift_minutes = to_i32(p.rules.min_shift_minutes);
    s.max_shift_minutes = to_i32(p.rules.max_shift_minutes);
    s.min_rest_minutes = to_i32(p.rules.min_rest_minutes);
    s.trainee_requires_mentor = p.rules.trainee_requires_mentor;
    if let Some(sl) = &p.service_level {
        s.service_level_target = sl.target;
        s.answer_within_seconds = sl.answer_within_seconds.round() as i32;
    }
    settings::update(c, &s)?;

    let mut skill_ids = Vec::with_capacity(p.skills.len());
    for sk in &p.skills {
        skill_ids.push(skills::upsert(c, &sk.code, &sk.name, &sk.name)?.id);
        sum.skills += 1;
    }

    let mut centre_ids = Vec::with_capacity(p.centres.len());
    for ce in &p.centres {
        let row = centres::upsert(c, &ce.id, &ce.name, tz.name(), !ce.templates.is_empty())?;
        demand::clear_demand(c, row.id)?;
        demand::clear_templates(c, row.id)?;
        for t in &ce.templates {
            demand::insert_template(c, row.id, &when_of(p, *t))?;
            sum.templates += 1;
        }
        centre_ids.push(row.id);
        sum.centres += 1;
    }

    for d in &p.demand {
        demand::insert_demand(
            c,
            &NewDemand {
                centre_id: centre_ids[d.centre],
                skill_id: skill_ids[d.skill],
                when: when_of(p, d.range),
                calls_per_hour: d.calls_per_hour,
                aht_minutes: d.aht_minutes,
                required: (!d.computed).then(|| to_i32(d.required)),
            },
        )?;
        sum.demand_rows += 1;
    }

    let mut vol_ids = Vec::with_capacity(p.volunteers.len());
    for v in &p.volunteers {
        let existing = volunteers::by_external_id(c, &v.id)?;
        let email = extras.emails.get(&v.id).map(String::as_str);
        let user_id = match &existing {
            Some(row) => {
                users::set_display_name(c, row.user_id, &v.name)?;
                sum.volunteers_updated += 1;
                row.user_id
            }
            None => {
                // An email already used by another account is not reused.
                let email = match email {
                    Some(e) if users::by_email(c, e)?.is_none() => Some(e),
                    _ => None,
                };
                let u = users::create(
                    c,
                    &users::NewUser {
                        email,
                        display_name: &v.name,
                        lang: "fr",
                        ..Default::default()
                    },
                )?;
                sum.volunteers_created += 1;
                u.id
            }
        };
        let commitment = volunteers::Commitment {
            max_minutes_week: v.max_minutes.map(to_i32),
            max_shifts_week: v.max_shifts.map(to_i32),
            min_minutes_month: existing.as_ref().and_then(|r| r.min_minutes_month),
            training_minutes_target: to_i32(v.training_minutes_target),
        };
        let row = volunteers::upsert(c, user_id, &v.id, &commitment)?;
        let centre_list: Vec<i32> = v.centres.iter().map(|&ix| centre_ids[ix]).collect();
        volunteers::set_centres(c, row.id, &centre_list)?;
        let quals: Vec<_> = v
            .qualifications
            .iter()
            .map(|q| (skill_ids[q.skill], None, q.valid_until))
            .collect();
        volunteers::replace_qualifications(c, row.id, &quals)?;
        let tr: Vec<_> = v.trainee_for.iter().map(|&s| (skill_ids[s], 0)).collect();
        volunteers::replace_trainee_skills(c, row.id, &tr)?;

        // Availability: the week's windows replace the weekly pattern and
        // that week's dated exceptions.
        let mut patterns = Vec::new();
        let mut dated = Vec::new();
        for w in &v.availability {
            let when = when_of(p, w.range);
            if when.on_date.is_none() {
                patterns.push(NewPattern {
                    weekday: when.weekday,
                    start_minute: when.start_minute,
                    end_minute: when.end_minute,
                    preferred: w.preferred,
                });
            } else {
                let s = p.slot_start(w.range.start);
                let e = p.slot_start(w.range.end);
                dated.push(NewException {
                    kind: "extra",
                    start_date: s.with_timezone(&tz).date_naive(),
                    end_date: e.with_timezone(&tz).date_naive(),
                    start_minute: None,
                    end_minute: None,
                    start_utc: Some(s.naive_utc()),
                    end_utc: Some(e.naive_utc()),
                    preferred: w.preferred,
                });
            }
        }
        avail::replace_patterns(c, row.id, &patterns)?;
        avail::delete_exceptions_between(
            c,
            row.id,
            week.monday(),
            week.next_monday() - chrono::Duration::days(1),
        )?;
        for e in &dated {
            avail::add_exception(c, row.id, e)?;
        }
        sum.weekly_ranges += patterns.len();
        sum.dated_windows += dated.len();
        vol_ids.push(row.id);
    }

    import_locked_shifts(c, p, week, &vol_ids, &centre_ids, &skill_ids, &mut sum)?;
    Ok(sum)
}

/// The locked shifts become the week's published rota (scope ALL): the
/// current published version's shifts are replaced, or a version is created.
fn import_locked_shifts(
    c: &mut DbConnection,
    p: &Problem,
    week: IsoWeek,
    vol_ids: &[i32],
    centre_ids: &[i32],
    skill_ids: &[i32],
    sum: &mut ImportSummary,
) -> anyhow::Result<()> {
    let current = rotas::of_week(c, week.monday())?
        .into_iter()
        .find(|r| r.scope == "ALL" && r.status == "published");
    if p.locked_shifts.is_empty() && current.is_none() {
        return Ok(());
    }
    let rota = match current {
        Some(r) => r,
        None => rotas::create(c, week.monday(), "ALL", "published", None)?,
    };
    let shifts: Vec<NewShift> = p
        .locked_shifts
        .iter()
        .map(|s| NewShift {
            volunteer_id: vol_ids[s.volunteer],
            centre_id: centre_ids[s.centre],
            skill_id: skill_ids[s.skill],
            role: s.role.as_str(),
            start_utc: p.slot_start(s.range.start).naive_utc(),
            end_utc: p.slot_start(s.range.end).naive_utc(),
            locked: true,
        })
        .collect();
    rotas::replace_shifts(c, rota.id, &shifts)?;
    sum.locked_shifts = shifts.len();
    Ok(())
}
