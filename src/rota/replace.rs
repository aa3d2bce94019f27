//! Replacing a volunteer who dropped out of a published shift: candidates
//! ranked by the solver's criteria, and the one assignment (a coordinator's
//! click or a cover link taken) re-validated at that moment.
//!
//! The week's problem comes from [`crate::scenario_build::build_problem`]
//! (availability materialised in the centre's zone, qualifications, trainee
//! skills, limits, rest). A candidate is excluded when they are not
//! available for the whole shift, not qualified on its dates, would overlap
//! or break the minimum rest against their other published shifts (any
//! centre, any week), or would pass their weekly minutes or shifts. The
//! eligible are ranked like the solver's fairness term: least loaded
//! relative to their commitment (their weekly maximum, else the time they
//! are available that week), then a preferred window, then their home
//! centre.

pub mod mail;

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use solver::problem::SlotRange;

use crate::db::dropouts::{self, CoverOffer, Dropout};
use crate::db::rotas::RotaShift;
use crate::db::{audit, centres, now_utc, volunteers, DbConnection};
use crate::domain::week::IsoWeek;
use crate::scenario_build::{build_problem, BuildError, Scope};

/// Why a candidate cannot take the shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exclusion {
    /// The volunteer who dropped out.
    DroppedOut,
    /// Not available for the whole shift.
    Unavailable,
    /// Not qualified (or not a trainee) for the skill on the shift's dates.
    NotQualified,
    /// Already on duty at that time.
    Overlap,
    /// Less than the minimum rest before or after another shift.
    Rest,
    /// Would pass their weekly maximum of minutes.
    OverMinutes,
    /// Would pass their weekly maximum of shifts.
    OverShifts,
}

impl Exclusion {
    /// The message id explaining it.
    pub fn message_id(self) -> &'static str {
        match self {
            Exclusion::DroppedOut => "replace-excl-dropped",
            Exclusion::Unavailable => "replace-excl-unavailable",
            Exclusion::NotQualified => "replace-excl-qualified",
            Exclusion::Overlap => "replace-excl-overlap",
            Exclusion::Rest => "replace-excl-rest",
            Exclusion::OverMinutes => "replace-excl-minutes",
            Exclusion::OverShifts => "replace-excl-shifts",
        }
    }
}

/// One volunteer of the centre, ranked for a shift.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub volunteer_id: i32,
    pub name: String,
    /// Empty when eligible.
    pub exclusions: Vec<Exclusion>,
    /// Minutes and shifts already rostered in the shift's week.
    pub week_minutes: i64,
    pub week_shifts: i64,
    /// Their weekly maximum, or (without one) their available minutes that week.
    pub commitment_minutes: i64,
    /// Whether `commitment_minutes` is a declared maximum.
    pub commitment_is_limit: bool,
    /// The whole shift lies in windows they marked preferred.
    pub preferred: bool,
    /// The shift's centre is their home centre.
    pub home: bool,
}

impl Candidate {
    pub fn eligible(&self) -> bool {
        self.exclusions.is_empty()
    }

    /// Load relative to commitment, in per cent (rounded).
    pub fn load_percent(&self) -> i64 {
        (self.week_minutes * 100 + self.commitment_minutes / 2) / self.commitment_minutes.max(1)
    }
}

/// The shift's week and time zone, seen from its centre.
fn shift_week(tz: Tz, shift: &RotaShift) -> IsoWeek {
    IsoWeek::containing(shift.start_utc.and_utc().with_timezone(&tz).date_naive())
}

/// Local date of an instant.
fn local_date(tz: Tz, t: NaiveDateTime) -> NaiveDate {
    t.and_utc().with_timezone(&tz).date_naive()
}

/// The centre's zone (Europe/Paris when unreadable).
pub fn centre_tz(tz: &str) -> Tz {
    tz.parse::<Tz>().unwrap_or(chrono_tz::Europe::Paris)
}

/// Every volunteer of the shift's centre, eligible first in rank order, then
/// the excluded with their reasons. `dropped_by` is excluded.
pub fn rank(
    conn: &mut DbConnection,
    shift: &RotaShift,
    dropped_by: i32,
) -> Result<Vec<Candidate>, BuildError> {
    let centre = centres::by_id(conn, shift.centre_id)?
        .ok_or_else(|| BuildError::Invalid(format!("centre {} missing", shift.centre_id)))?;
    let tz = centre_tz(&centre.timezone);
    let week = shift_week(tz, shift);
    let built = build_problem(conn, &Scope::Centre(centre.code.clone()), week)?;
    let p = &built.problem;
    let sm = i64::from(p.slot_minutes.max(1));
    let ws = p.start_utc.naive_utc();
    let we = ws + Duration::minutes(i64::from(p.n_slots) * sm);
    let slot_of = |t: NaiveDateTime, up: bool| -> u32 {
        let m = (t - ws).num_minutes();
        let s = if up {
            (m + sm - 1).div_euclid(sm)
        } else {
            m.div_euclid(sm)
        };
        s.clamp(0, i64::from(p.n_slots)) as u32
    };
    let range = SlotRange {
        start: slot_of(shift.start_utc, false),
        end: slot_of(shift.end_utc, true),
    };
    let skill_ix = built.skill_ids.iter().position(|&s| s == shift.skill_id);
    let trainee = shift.role == "trainee";
    let rest = Duration::minutes(i64::from(p.rules.min_rest_minutes));
    let shift_minutes = (shift.end_utc - shift.start_utc).num_minutes();
    let first_date = local_date(tz, shift.start_utc);
    let last_date = local_date(tz, shift.end_utc - Duration::seconds(1));

    let margin = rest + Duration::days(2);
    let others = dropouts::published_shifts_between(
        conn,
        &built.volunteer_ids,
        ws.min(shift.start_utc) - margin,
        we.max(shift.end_utc) + margin,
    )?;
    let mut by_volunteer: HashMap<i32, Vec<&RotaShift>> = HashMap::new();
    for o in &others {
        by_volunteer.entry(o.volunteer_id).or_default().push(o);
    }
    let mut quals: HashMap<i32, Vec<volunteers::QualificationRow>> = HashMap::new();
    for q in volunteers::all_qualifications(conn)? {
        if q.skill_id == shift.skill_id {
            quals.entry(q.volunteer_id).or_default().push(q);
        }
    }

    let mut out = Vec::with_capacity(p.volunteers.len());
    for (i, vol) in p.volunteers.iter().enumerate() {
        let vid = built.volunteer_ids[i];
        let mut ex = Vec::new();
        // Availability: every slot of the shift inside a window.
        let len = range.len() as usize;
        let mut covered = vec![false; len];
        let mut preferred = vec![false; len];
        for w in &vol.availability {
            for k in w.range.start.max(range.start)..w.range.end.min(range.end) {
                let j = (k - range.start) as usize;
                covered[j] = true;
                preferred[j] |= w.preferred;
            }
        }
        if range.is_empty() || !covered.iter().all(|&c| c) {
            ex.push(Exclusion::Unavailable);
        }
        let qualified = if trainee {
            skill_ix.is_some_and(|si| vol.trainee_for.contains(&si))
        } else {
            quals.get(&vid).is_some_and(|qs| {
                qs.iter().any(|q| {
                    q.obtained_on.is_none_or(|d| d <= first_date)
                        && q.valid_until.is_none_or(|d| d >= last_date)
                })
            })
        };
        if !qualified {
            ex.push(Exclusion::NotQualified);
        }
        let mine: Vec<&RotaShift> = by_volunteer.get(&vid).map_or_else(Vec::new, |v| {
            v.iter().copied().filter(|o| o.id != shift.id).collect()
        });
        if mine
            .iter()
            .any(|o| o.start_utc < shift.end_utc && shift.start_utc < o.end_utc)
        {
            ex.push(Exclusion::Overlap);
        } else if mine
            .iter()
            .any(|o| o.start_utc < shift.end_utc + rest && shift.start_utc < o.end_utc + rest)
        {
            ex.push(Exclusion::Rest);
        }
        let in_week: Vec<&&RotaShift> = mine
            .iter()
            .filter(|o| o.start_utc >= ws && o.start_utc < we)
            .collect();
        let week_minutes: i64 = in_week
            .iter()
            .map(|o| (o.end_utc - o.start_utc).num_minutes())
            .sum();
        let week_shifts = in_week.len() as i64;
        if vol
            .max_minutes
            .is_some_and(|m| week_minutes + shift_minutes > i64::from(m))
        {
            ex.push(Exclusion::OverMinutes);
        }
        if vol
            .max_shifts
            .is_some_and(|m| week_shifts + 1 > i64::from(m))
        {
            ex.push(Exclusion::OverShifts);
        }
        if vid == dropped_by {
            ex = vec![Exclusion::DroppedOut];
        }
        let available_minutes = available_slots(&vol.availability) * sm;
        let (commitment_minutes, commitment_is_limit) = match vol.max_minutes {
            Some(m) => (i64::from(m), true),
            None => (available_minutes.max(shift_minutes), false),
        };
        out.push(Candidate {
            volunteer_id: vid,
            name: vol.name.clone(),
            exclusions: ex,
            week_minutes,
            week_shifts,
            commitment_minutes,
            commitment_is_limit,
            preferred: !range.is_empty() && preferred.iter().all(|&x| x),
            home: vol.centres.first() == Some(&0),
        });
    }
    out.sort_by_key(|c| {
        (
            !c.eligible(),
            // Load ratio in parts per million: integer, exact order.
            c.week_minutes * 1_000_000 / c.commitment_minutes.max(1),
            !c.preferred,
            !c.home,
            c.week_minutes,
            Reverse(c.commitment_minutes),
            c.exclusions.len(),
            c.name.clone(),
            c.volunteer_id,
        )
    });
    Ok(out)
}

/// Number of distinct slots covered by a volunteer's windows.
fn available_slots(windows: &[solver::problem::Window]) -> i64 {
    let mut r: Vec<SlotRange> = windows.iter().map(|w| w.range).collect();
    r.sort();
    let (mut total, mut end) = (0i64, 0u32);
    for x in r {
        let s = x.start.max(end);
        if x.end > s {
            total += i64::from(x.end - s);
        }
        end = end.max(x.end);
    }
    total
}

/// What an assignment attempt did.
#[derive(Debug, Clone, PartialEq)]
pub enum Assigned {
    /// The shift is theirs now.
    Done { dropout: Dropout, shift: RotaShift },
    /// Someone else already took it (or the coordinator assigned it).
    AlreadyCovered,
    /// The shift is gone: past, or its rota is no longer the published one.
    ShiftGone,
    /// The cover link is used or expired.
    OfferUnusable,
    /// The volunteer may not take it now (re-validated), with why.
    NotEligible(Vec<Exclusion>),
}

/// Why a transaction was rolled back, or its error.
enum Abort {
    Outcome(Box<Assigned>),
    Build(BuildError),
}

fn gone() -> Abort {
    Abort::Outcome(Box::new(Assigned::ShiftGone))
}

impl From<diesel::result::Error> for Abort {
    fn from(e: diesel::result::Error) -> Self {
        Abort::Build(BuildError::Db(e))
    }
}

/// Gives the dropped shift to `volunteer_id`, re-validated now. The first
/// statement is the conditional UPDATE that decides between concurrent
/// attempts (see `db::dropouts`); any later refusal rolls it back. On
/// success: the shift changes hands in the published rota, its revision is
/// bumped, the change is audited, and the mails go to the outbox in the same
/// transaction (`base_url` prefixes links).
pub fn assign(
    conn: &mut DbConnection,
    dropout_id: i32,
    volunteer_id: i32,
    actor: Option<i32>,
    offer: Option<&CoverOffer>,
    base_url: &str,
) -> Result<Assigned, BuildError> {
    let resolution = if offer.is_some() { "offer" } else { "assigned" };
    let result = conn.write_transaction::<Assigned, Abort, _>(|c| {
        if !dropouts::claim_resolution(c, dropout_id, volunteer_id, actor, resolution)? {
            return Ok(Assigned::AlreadyCovered);
        }
        let dropout =
            dropouts::by_id(c, dropout_id)?.ok_or_else(gone)?;
        let (shift, rota) = dropouts::shift_with_rota(c, dropout.shift_id)?
            .ok_or_else(gone)?;
        let now = now_utc();
        if rota.status != "published" || shift.start_utc <= now {
            return Err(gone());
        }
        if let Some(o) = offer {
            if !dropouts::use_offer(c, o.id, now, "taken")? {
                return Err(Abort::Outcome(Box::new(Assigned::OfferUnusable)));
            }
        }
        let ranked = rank(c, &shift, dropout.volunteer_id).map_err(Abort::Build)?;
        let exclusions = ranked
            .iter()
            .find(|x| x.volunteer_id == volunteer_id)
            .map_or_else(|| vec![Exclusion::Unavailable], |x| x.exclusions.clone());
        if !exclusions.is_empty() {
            return Err(Abort::Outcome(Box::new(Assigned::NotEligible(exclusions))));
        }
        if !dropouts::reassign_shift(c, &shift, dropout.volunteer_id, volunteer_id)? {
            return Err(gone());
        }
        audit::record(
            c,
            &audit::Event {
                actor,
                action: "rota.shift.replace",
                target_kind: "rota_shift",
                target_id: Some(shift.id.to_string()),
                centre_id: Some(shift.centre_id),
                details: Some(format!(
                    "{{\"rota_id\":{},\"dropout_id\":{},\"from_volunteer\":{},\"to_volunteer\":{},\"via\":\"{}\"}}",
                    shift.rota_id, dropout.id, dropout.volunteer_id, volunteer_id, resolution
                )),
            },
        )?;
        let others = dropouts::close_other_offers(c, dropout.id, offer.map(|o| o.id))?;
        let dropout = dropouts::by_id(c, dropout_id)?.ok_or_else(gone)?;
        let mut shift = shift;
        shift.volunteer_id = volunteer_id;
        mail::covered(c, &dropout, &shift, &others, base_url).map_err(Abort::Build)?;
        Ok(Assigned::Done { dropout, shift })
    });
    match result {
        Ok(a) => Ok(a),
        Err(Abort::Outcome(a)) => Ok(*a),
        Err(Abort::Build(e)) => Err(e),
    }
}

/// Records a volunteer's drop-out of their own future published shift,
/// audits it and alerts the centre's coordinators (outbox, same
/// transaction). `None` when the shift was already dropped by them.
pub fn drop_out(
    conn: &mut DbConnection,
    shift: &RotaShift,
    by_user: i32,
    reason: Option<&str>,
    base_url: &str,
) -> Result<Option<Dropout>, BuildError> {
    let result = conn.write_transaction::<Option<Dropout>, BuildError, _>(|c| {
        let Some(d) = dropouts::create(c, shift, by_user, reason)? else {
            return Ok(None);
        };
        audit::record(
            c,
            &audit::Event {
                actor: Some(by_user),
                action: "rota.shift.dropout",
                target_kind: "rota_shift",
                target_id: Some(shift.id.to_string()),
                centre_id: Some(shift.centre_id),
                details: Some(format!(
                    "{{\"rota_id\":{},\"dropout_id\":{},\"volunteer\":{},\"reason_given\":{}}}",
                    shift.rota_id,
                    d.id,
                    shift.volunteer_id,
                    reason.is_some()
                )),
            },
        )?;
        mail::dropout_alert(c, &d, shift, base_url)?;
        Ok(Some(d))
    })?;
    Ok(result)
}
