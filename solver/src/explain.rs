//! Why a slot stays uncovered: for every (centre, skill, maximal run of
//! slots with the same shortfall and the same reasons), how many staff are
//! missing and what keeps each qualified volunteer of that centre away.
//!
//! Each qualified volunteer (attached to the centre, qualification valid on
//! the slot's local date) is counted once, under the first reason that
//! applies, in this order:
//!
//! 1. `on_duty_here`: already on a staff shift for this centre and skill then;
//! 2. `unavailable`: the slot is outside their availability windows;
//! 3. `at_limit`: `max_shifts` reached, or fewer minutes left under
//!    `max_minutes` than the shortest shift that could cover the slot;
//! 4. `on_duty_elsewhere`: on another shift at that time (another centre,
//!    skill or role);
//! 5. `rest`: the slot is closer than `min_rest_minutes` to one of their shifts;
//! 6. `no_fitting_shift`: no allowed shift containing the slot fits in the
//!    free time around it (availability shorter than `min_shift_minutes`, no
//!    template of the centre inside it, qualification expiring, or the
//!    shortest fitting shift exceeds the minutes they have left);
//! 7. `could_serve`: none of the above — a new shift was possible (never the
//!    case in a proven-optimal rota).
//!
//! `trainees` counts, outside `qualified`, the volunteers of the centre who
//! are learning the skill (no valid qualification), available and free at that
//! time: they cannot fill a staff place and need a mentor.

mod describe;
mod index;

use serde::{Deserialize, Serialize};

use crate::demand::Requirements;
use crate::problem::{CentreIx, Problem, Role, Shift, SkillIx, SlotRange};

pub use describe::{describe_en, describe_fr};
use index::{Fit, Index, VolunteerBusy};

/// Reason counts for one uncovered slot run (see the module doc for the order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reasons {
    /// Volunteers of the centre qualified for the skill on that date.
    pub qualified: u32,
    pub on_duty_here: u32,
    pub unavailable: u32,
    pub at_limit: u32,
    pub on_duty_elsewhere: u32,
    pub rest: u32,
    pub no_fitting_shift: u32,
    pub could_serve: u32,
    /// Not among `qualified`: trainees for the skill, available and free.
    pub trainees: u32,
}

/// One uncovered (centre, skill, slot range), as written in the solution's
/// extra `uncovered` array.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Uncovered {
    /// Centre id.
    pub centre: String,
    /// Skill code.
    pub skill: String,
    /// RFC 3339 instants in the scenario's local offset.
    pub start: String,
    pub end: String,
    /// Staff missing in every slot of the run.
    pub missing: u32,
    /// Uncovered minutes of the run (`missing` × its length).
    pub minutes: u64,
    #[serde(flatten)]
    pub reasons: Reasons,
    /// The centre has fixed sessions and none of them covers this time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_template: bool,
    #[serde(skip)]
    pub centre_ix: CentreIx,
    #[serde(skip)]
    pub skill_ix: SkillIx,
    #[serde(skip, default = "empty_range")]
    pub range: SlotRange,
}

fn empty_range() -> SlotRange {
    SlotRange { start: 0, end: 0 }
}

/// Lists every uncovered (centre, skill, run of slots) of `shifts` with its
/// reasons, ordered by centre, skill and start.
pub fn explain_uncovered(problem: &Problem, shifts: &[Shift]) -> Vec<Uncovered> {
    let requirements = Requirements::from_demand(&problem.demand, problem.n_slots);
    let ix = Index::new(problem, shifts);
    let n = problem.n_slots as usize;
    let mut out = Vec::new();
    for ((c, k), required) in requirements.iter() {
        let mut staff = vec![0u32; n];
        for sh in ix.staff_shifts(c, k) {
            for s in sh.range.start..sh.range.end.min(problem.n_slots) {
                staff[s as usize] += 1;
            }
        }
        let mut run: Option<(u32, u32, Reasons, bool)> = None; // (start, missing, reasons, no_template)
        for slot in 0..=problem.n_slots {
            let cur = if slot < problem.n_slots {
                let missing = required[slot as usize].saturating_sub(staff[slot as usize]);
                (missing > 0).then(|| {
                    let (r, nt) = reasons_at(problem, &ix, c, k, slot);
                    (missing, r, nt)
                })
            } else {
                None
            };
            let same = matches!((&run, &cur), (Some((_, m, r, nt)), Some((m2, r2, nt2)))
                if m == m2 && r == r2 && nt == nt2);
            if same {
                continue;
            }
            if let Some((start, missing, reasons, no_template)) = run.take() {
                out.push(make(
                    problem,
                    c,
                    k,
                    start,
                    slot,
                    missing,
                    reasons,
                    no_template,
                ));
            }
            run = cur.map(|(m, r, nt)| (slot, m, r, nt));
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn make(
    problem: &Problem,
    c: CentreIx,
    k: SkillIx,
    start: u32,
    end: u32,
    missing: u32,
    reasons: Reasons,
    no_template: bool,
) -> Uncovered {
    Uncovered {
        centre: problem.centres[c].id.clone(),
        skill: problem.skills[k].code.clone(),
        start: problem.format_slot(start),
        end: problem.format_slot(end),
        missing,
        minutes: u64::from(missing) * u64::from(end - start) * u64::from(problem.slot_minutes),
        reasons,
        no_template,
        centre_ix: c,
        skill_ix: k,
        range: SlotRange { start, end },
    }
}

/// The local instant at the start of `slot`.
pub(crate) fn local_instant(problem: &Problem, slot: u32) -> chrono::DateTime<chrono_tz::Tz> {
    let minutes = i64::from(slot) * i64::from(problem.slot_minutes);
    (problem.start_utc + chrono::Duration::minutes(minutes)).with_timezone(&problem.timezone)
}

/// Classifies every volunteer of centre `c` for skill `k` at `slot`.
fn reasons_at(
    problem: &Problem,
    ix: &Index,
    c: CentreIx,
    k: SkillIx,
    slot: u32,
) -> (Reasons, bool) {
    let mut r = Reasons::default();
    let shortest = ix.shortest_shift_slots(c, slot);
    for &v in ix.volunteers_of(c) {
        let vol = &problem.volunteers[v];
        let busy: &VolunteerBusy = ix.busy(v);
        let qual_end = vol
            .qualifications
            .iter()
            .filter(|q| q.skill == k)
            .map(|q| q.valid_until_slot)
            .max();
        let qualified = qual_end.is_some_and(|e| slot < e);
        if !qualified {
            if vol.trainee_for.contains(&k) && busy.available(slot) && busy.on_duty(slot).is_none()
            {
                r.trainees += 1;
            }
            continue;
        }
        r.qualified += 1;
        let duty = busy.on_duty(slot);
        if let Some(sh) = duty {
            if sh.centre == c && sh.skill == k && sh.role == Role::Staff {
                r.on_duty_here += 1;
                continue;
            }
        }
        if !busy.available(slot) {
            r.unavailable += 1;
        } else if busy.at_limit(vol, shortest, problem.slot_minutes) {
            r.at_limit += 1;
        } else if duty.is_some() {
            r.on_duty_elsewhere += 1;
        } else {
            let qual_end = qual_end.unwrap_or(0);
            match ix.fit(c, v, vol, slot, qual_end) {
                Fit::RestBlocked => r.rest += 1,
                Fit::NoRoom => r.no_fitting_shift += 1,
                Fit::Possible => r.could_serve += 1,
            }
        }
    }
    (r, shortest.is_none())
}
