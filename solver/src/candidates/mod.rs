//! Candidate shifts: every (volunteer, centre, skill, role, slot range) the
//! model may choose, already filtered by the per-shift hard rules (1–4 of
//! FORMAT.md) and pruned to those that can matter.
//!
//! Generation, per volunteer and centre:
//! - ranges: at a centre with templates, each template lying inside the
//!   volunteer's availability; elsewhere every `[s, e)` inside one maximal
//!   run of available slots with `min_shift ≤ (e − s)·slot ≤ max_shift`;
//! - staff: needs a qualification valid until the shift's end
//!   (`end ≤ valid_until_slot`) and must cover at least one slot where the
//!   (centre, skill) requires someone — a staff shift elsewhere cannot lower
//!   uncovered minutes, and (see below) cannot help training either;
//! - trainee: only for volunteers with a training target (otherwise a trainee
//!   shift never improves any score level) and skills in `trainee_for`; with
//!   `trainee_requires_mentor`, every slot must be coverable by some staff
//!   candidate of the same (centre, skill) — a trainee slot no staff candidate
//!   can mentor is infeasible anyway. Without the mentor rule, trainee shifts
//!   with the same range are interchangeable (same minutes, same conflicts),
//!   so only one (first centre, first skill) is kept per range.
//!
//! Dominance (safe pruning). A staff candidate `r` is dropped when another
//! staff candidate `r'` of the same volunteer, centre and skill satisfies
//! `core(r) ⊆ r' ⊊ r`, where `core(r)` is `r` with its leading and trailing
//! zero-requirement slots trimmed. `r'` covers exactly the same demanded
//! slots, uses fewer minutes (never worse for `max_minutes`), the same one
//! shift (`max_shifts`), its rest-extended interval is inside `r`'s (so it
//! conflicts with a subset of what `r` conflicts with), and its unpreferred
//! minutes are no more. Swapping `r` for `r'` therefore keeps any solution
//! feasible and never worsens uncovered or unpreferred minutes. Training is
//! unaffected only if no trainee relies on that staff shift as a mentor, so
//! this pruning is applied only to (centre, skill) pairs without trainee
//! candidates when the mentor rule is on. The opposite direction (dropping a
//! shorter shift inside a longer one) is *not* safe: when `max_minutes`
//! binds, the shorter one may be the only one that fits.
//!
//! Locked shifts are validated here (rules 1–4 and, among themselves, 5–6)
//! and become candidates fixed to 1.

mod grid;

use std::collections::{BTreeSet, HashSet};

use crate::problem::{CentreIx, Problem, Role, Shift, SkillIx, Slot, SlotRange, Volunteer};
use crate::solve::SolveError;
pub use grid::natural_step;
use grid::{free_ranges, lengths, runs};

/// One column of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub shift: Shift,
    /// Fixed to 1 (a locked shift).
    pub locked: bool,
    /// Minutes outside the volunteer's preferred windows (0 for volunteers
    /// who marked none).
    pub unpreferred: u32,
}

impl Candidate {
    pub fn slots(&self) -> u32 {
        self.shift.range.len()
    }
}

/// Rest between two shifts of a volunteer, in whole slots: shifts
/// `[a1, a2)` then `[b1, b2)` are compatible iff `b1 ≥ a2 + rest_slots`.
pub fn rest_slots(problem: &Problem) -> u32 {
    problem
        .rules
        .min_rest_minutes
        .div_ceil(problem.slot_minutes.max(1))
}

/// Per-volunteer slot masks derived from the availability windows.
struct Masks {
    avail: Vec<bool>,
    pref: Vec<bool>,
    has_pref: bool,
}

fn masks(v: &Volunteer, n: usize) -> Masks {
    let mut avail = vec![false; n];
    let mut pref = vec![false; n];
    let mut has_pref = false;
    for w in &v.availability {
        let (a, b) = (w.range.start as usize, (w.range.end as usize).min(n));
        for s in a.min(b)..b {
            avail[s] = true;
            if w.preferred {
                pref[s] = true;
                has_pref = true;
            }
        }
    }
    Masks {
        avail,
        pref,
        has_pref,
    }
}

fn unpreferred(m: &Masks, r: SlotRange, slot_minutes: u32) -> u32 {
    if !m.has_pref {
        return 0;
    }
    (r.start..r.end).filter(|&s| !m.pref[s as usize]).count() as u32 * slot_minutes
}

/// Latest `valid_until_slot` over the volunteer's qualifications for `skill`.
pub fn qualified_until(v: &Volunteer, skill: SkillIx) -> Option<Slot> {
    v.qualifications
        .iter()
        .filter(|q| q.skill == skill)
        .map(|q| q.valid_until_slot)
        .max()
}

/// The slot ranges a volunteer (availability `m`) may work at `centre`
/// (rules 1 and 2): its templates inside their availability, or
/// free-length ranges inside each maximal run of available slots, on a
/// grid of `step` slots (1: every range; see `build_capped`).
fn ranges_at(problem: &Problem, m: &Masks, centre: CentreIx, step: u32) -> Vec<SlotRange> {
    let inside = |r: &SlotRange| (r.start..r.end).all(|s| m.avail[s as usize]);
    let templates = &problem.centres[centre].templates;
    if !templates.is_empty() {
        let mut out: Vec<SlotRange> = templates.iter().copied().filter(inside).collect();
        out.sort();
        out.dedup();
        return out;
    }
    let (min_len, max_len) = lengths(problem);
    let mut out = Vec::new();
    for (s, e) in runs(&m.avail) {
        free_ranges(s, e, (min_len, max_len), step, &mut |r| out.push(r));
    }
    out
}

fn err(i: usize, fr: &str, en: &str) -> SolveError {
    SolveError::Infeasible(format!(
        "créneau verrouillé n° {i} : {fr} / locked shift #{i}: {en}"
    ))
}

/// Checks rules 1–4 for one locked shift.
fn check_locked(problem: &Problem, i: usize, sh: &Shift, m: &Masks) -> Result<(), SolveError> {
    let r = sh.range;
    if r.is_empty() || r.end > problem.n_slots {
        return Err(err(i, "hors de la semaine", "not inside the week"));
    }
    let templates = &problem.centres[sh.centre].templates;
    if !templates.is_empty() {
        if !templates.contains(&r) {
            return Err(err(
                i,
                "ne correspond à aucune session du centre",
                "matches none of the centre's templates",
            ));
        }
    } else {
        let minutes = r.len() * problem.slot_minutes;
        if minutes < problem.rules.min_shift_minutes || minutes > problem.rules.max_shift_minutes {
            return Err(err(i, "durée hors limites", "length out of bounds"));
        }
    }
    if !(r.start..r.end).all(|s| m.avail[s as usize]) {
        return Err(err(i, "hors disponibilité", "outside availability"));
    }
    let v = &problem.volunteers[sh.volunteer];
    if !v.centres.contains(&sh.centre) {
        return Err(err(i, "centre non autorisé", "centre not allowed"));
    }
    let ok = match sh.role {
        Role::Staff => qualified_until(v, sh.skill).is_some_and(|u| r.end <= u),
        Role::Trainee => v.trainee_for.contains(&sh.skill),
    };
    if !ok {
        return Err(err(
            i,
            "qualification manquante ou expirée",
            "qualification missing or expired",
        ));
    }
    Ok(())
}

/// Checks rules 5–6 among the locked shifts alone.
fn check_locked_together(problem: &Problem) -> Result<(), SolveError> {
    let rest = rest_slots(problem);
    let mut by_vol: Vec<(usize, usize)> = problem
        .locked_shifts
        .iter()
        .enumerate()
        .map(|(i, s)| (s.volunteer, i))
        .collect();
    by_vol.sort_by_key(|&(v, i)| (v, problem.locked_shifts[i].range, i));
    for group in by_vol.chunk_by(|a, b| a.0 == b.0) {
        let v = &problem.volunteers[group[0].0];
        let mut minutes = 0u64;
        let mut last_end: Option<Slot> = None;
        for &(_, i) in group {
            let r = problem.locked_shifts[i].range;
            if last_end.is_some_and(|e| r.start < e + rest) {
                return Err(err(
                    i,
                    "chevauchement ou repos insuffisant",
                    "overlap or rest too short",
                ));
            }
            last_end = Some(last_end.map_or(r.end, |e| e.max(r.end)));
            minutes += u64::from(r.len() * problem.slot_minutes);
        }
        let i = group[group.len() - 1].1;
        if v.max_minutes.is_some_and(|m| minutes > u64::from(m))
            || v.max_shifts
                .is_some_and(|m| group.len() as u64 > u64::from(m))
        {
            return Err(err(
                i,
                "limite hebdomadaire dépassée",
                "weekly limit exceeded",
            ));
        }
    }
    Ok(())
}

/// Builds every candidate, sorted by (volunteer, centre, skill, role, range).
pub fn build(problem: &Problem) -> Result<Vec<Candidate>, SolveError> {
    Ok(build_capped(problem, usize::MAX)?.0)
}

/// The candidates, at most about `cap` of them: when every free-length
/// range would give more (one-minute slots: alma-600 has 11.9 million
/// candidates, built in 25 s), free-length ranges are drawn on a grid of
/// `step` slots: the input's own grid (`grid::natural_step`), or the first
/// multiple of it that keeps the estimate under `cap`. Returns the step
/// (1: every range, the model is exact; above 1, its optimum is only a
/// rota, not a bound).
pub fn build_capped(problem: &Problem, cap: usize) -> Result<(Vec<Candidate>, u32), SolveError> {
    let all_masks = all_masks(problem);
    let step = if cap < usize::MAX {
        grid::step(problem, &all_masks, cap)
    } else {
        1
    };
    Ok((build_from(problem, &all_masks, step)?, step))
}

/// The candidates with free-length ranges on a grid of `step` slots (1:
/// every range).
pub fn build_on_grid(problem: &Problem, step: u32) -> Result<Vec<Candidate>, SolveError> {
    build_from(problem, &all_masks(problem), step)
}

fn all_masks(problem: &Problem) -> Vec<Masks> {
    let n = problem.n_slots as usize;
    problem.volunteers.iter().map(|v| masks(v, n)).collect()
}

/// `build_on_grid`, given each volunteer's masks.
fn build_from(
    problem: &Problem,
    all_masks: &[Masks],
    step: u32,
) -> Result<Vec<Candidate>, SolveError> {
    let n = problem.n_slots as usize;
    let sm = problem.slot_minutes;
    let mentor = problem.rules.trainee_requires_mentor;
    let nk = problem.skills.len();
    for (i, sh) in problem.locked_shifts.iter().enumerate() {
        check_locked(problem, i, sh, &all_masks[sh.volunteer])?;
    }
    check_locked_together(problem)?;

    let needs = |c: CentreIx, k: SkillIx, r: &SlotRange| {
        problem
            .required(c, k)
            .is_some_and(|req| (r.start..r.end).any(|s| req[s as usize] > 0))
    };
    let mut out: Vec<Candidate> = Vec::new();
    // Union of staff candidate ranges per (centre, skill): where a mentor may be.
    let mut staffable: Vec<Vec<bool>> = vec![Vec::new(); problem.centres.len() * nk];
    let mut ranges: Vec<Vec<(CentreIx, Vec<SlotRange>)>> = Vec::with_capacity(n);
    for (vi, v) in problem.volunteers.iter().enumerate() {
        let m = &all_masks[vi];
        let mut centres: Vec<CentreIx> = v.centres.clone();
        centres.sort_unstable();
        centres.dedup();
        let mut per_centre = Vec::new();
        for c in centres {
            let rs = ranges_at(problem, m, c, step);
            for k in 0..nk {
                let Some(until) = qualified_until(v, k) else {
                    continue;
                };
                for r in rs.iter().filter(|r| r.end <= until && needs(c, k, r)) {
                    let st = &mut staffable[c * nk + k];
                    if st.is_empty() {
                        *st = vec![false; n];
                    }
                    st[r.start as usize..r.end as usize].fill(true);
                    out.push(cand(vi, c, k, Role::Staff, *r, m, sm));
                }
            }
            per_centre.push((c, rs));
        }
        ranges.push(per_centre);
    }
    let mut trainee_pairs: HashSet<(CentreIx, SkillIx)> = HashSet::new();
    for (vi, v) in problem.volunteers.iter().enumerate() {
        if v.training_minutes_target == 0 || v.trainee_for.is_empty() {
            continue;
        }
        let m = &all_masks[vi];
        let mut skills: Vec<SkillIx> = v.trainee_for.clone();
        skills.sort_unstable();
        skills.dedup();
        let mut seen: BTreeSet<SlotRange> = BTreeSet::new();
        for (c, rs) in &ranges[vi] {
            for &k in &skills {
                for r in rs {
                    let ok = if mentor {
                        let st = &staffable[c * nk + k];
                        !st.is_empty() && st[r.start as usize..r.end as usize].iter().all(|&b| b)
                    } else {
                        seen.insert(*r)
                    };
                    if ok {
                        trainee_pairs.insert((*c, k));
                        out.push(cand(vi, *c, k, Role::Trainee, *r, m, sm));
                    }
                }
            }
        }
    }
    let mut out = prune_dominated(problem, out, mentor, &trainee_pairs);
    // Locked shifts: mark the matching candidate, or add one.
    let mut locked: Vec<Shift> = problem.locked_shifts.clone();
    locked.sort();
    out.sort_by_key(|c| c.shift);
    for sh in locked {
        match out.binary_search_by_key(&sh, |c| c.shift) {
            Ok(j) => out[j].locked = true,
            Err(j) => {
                let mut c = cand(
                    sh.volunteer,
                    sh.centre,
                    sh.skill,
                    sh.role,
                    sh.range,
                    &all_masks[sh.volunteer],
                    sm,
                );
                c.locked = true;
                out.insert(j, c);
            }
        }
    }
    Ok(out)
}

fn cand(
    v: usize,
    c: CentreIx,
    k: SkillIx,
    role: Role,
    range: SlotRange,
    m: &Masks,
    sm: u32,
) -> Candidate {
    Candidate {
        shift: Shift {
            volunteer: v,
            centre: c,
            skill: k,
            role,
            range,
        },
        locked: false,
        unpreferred: unpreferred(m, range, sm),
    }
}

/// `core(r)` of the module docs: `r` without its leading and trailing
/// slots where `req` is 0, as `(start, end)`.
pub(crate) fn core(req: &[u32], r: SlotRange) -> (u32, u32) {
    let (mut a, mut b) = (r.start, r.end);
    while a < b && req[a as usize] == 0 {
        a += 1;
    }
    while b > a && req[b as usize - 1] == 0 {
        b -= 1;
    }
    (a, b)
}

/// Drops staff candidates dominated by a shorter one (module docs).
fn prune_dominated(
    problem: &Problem,
    cands: Vec<Candidate>,
    mentor: bool,
    trainee_pairs: &HashSet<(CentreIx, SkillIx)>,
) -> Vec<Candidate> {
    let present: HashSet<Shift> = cands.iter().map(|c| c.shift).collect();
    cands
        .into_iter()
        .filter(|c| {
            let sh = c.shift;
            if sh.role != Role::Staff || (mentor && trainee_pairs.contains(&(sh.centre, sh.skill)))
            {
                return true;
            }
            let Some(req) = problem.required(sh.centre, sh.skill) else {
                return true;
            };
            let r = sh.range;
            let (a, b) = core(req, r);
            if a == r.start && b == r.end {
                return true;
            }
            // Any r' with r.start ≤ s ≤ a, b ≤ e ≤ r.end, r' ≠ r.
            for s in r.start..=a {
                for e in b..=r.end {
                    if (s, e) == (r.start, r.end) {
                        continue;
                    }
                    let mut other = sh;
                    other.range = SlotRange { start: s, end: e };
                    if present.contains(&other) {
                        return false;
                    }
                }
            }
            true
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests;
