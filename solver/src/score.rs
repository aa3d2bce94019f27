//! The three score levels of FORMAT.md computed from a list of shifts (as
//! check.py scores them), used to report what the solver returns rather
//! than what the model believed.

use std::collections::HashMap;

use crate::problem::{CentreIx, Problem, Role, Shift};

/// Score levels in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Score {
    pub uncovered: u64,
    pub shortfall: u64,
    pub unpreferred: u64,
}

/// Staff on duty per slot for each (centre, skill) with staff shifts.
fn staff_counts(problem: &Problem, shifts: &[Shift]) -> HashMap<(usize, usize), Vec<u32>> {
    let mut staff: HashMap<(usize, usize), Vec<u32>> = HashMap::new();
    for sh in shifts.iter().filter(|s| s.role == Role::Staff) {
        let v = staff
            .entry((sh.centre, sh.skill))
            .or_insert_with(|| vec![0; problem.n_slots as usize]);
        for s in sh.range.start..sh.range.end.min(problem.n_slots) {
            v[s as usize] += 1;
        }
    }
    staff
}

/// Uncovered staff-slots over the given centres.
pub fn uncovered_slots(problem: &Problem, centres: &[CentreIx], shifts: &[Shift]) -> u64 {
    let staff = staff_counts(problem, shifts);
    let mut total = 0u64;
    for ((c, k), req) in problem.requirements.iter() {
        if centres.binary_search(&c).is_err() {
            continue;
        }
        let have = staff.get(&(c, k));
        for (s, &r) in req.iter().enumerate() {
            let h = have.map_or(0, |h| h[s]);
            total += u64::from(r.saturating_sub(h));
        }
    }
    total
}

/// Scores a rota.
pub fn score(problem: &Problem, shifts: &[Shift]) -> Score {
    let all: Vec<CentreIx> = (0..problem.centres.len()).collect();
    let sm = u64::from(problem.slot_minutes);
    let uncovered = uncovered_slots(problem, &all, shifts) * sm;
    let mut trainee = vec![0u64; problem.volunteers.len()];
    let mut unpreferred = 0u64;
    for sh in shifts {
        let v = &problem.volunteers[sh.volunteer];
        if sh.role == Role::Trainee {
            trainee[sh.volunteer] += u64::from(sh.range.len()) * sm;
        }
        let has_pref = v.availability.iter().any(|w| w.preferred);
        if has_pref {
            let out = (sh.range.start..sh.range.end)
                .filter(|&s| {
                    !v.availability
                        .iter()
                        .any(|w| w.preferred && w.range.contains(s))
                })
                .count() as u64;
            unpreferred += out * sm;
        }
    }
    let shortfall = problem
        .volunteers
        .iter()
        .zip(&trainee)
        .map(|(v, &t)| u64::from(v.training_minutes_target).saturating_sub(t))
        .sum();
    Score {
        uncovered,
        shortfall,
        unpreferred,
    }
}

/// Shifts added plus shifts dropped between two sorted multisets.
pub fn changed(now: &[Shift], before: &[Shift]) -> usize {
    let (mut i, mut j, mut diff) = (0, 0, 0);
    while i < now.len() && j < before.len() {
        match now[i].cmp(&before[j]) {
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => {
                diff += 1;
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                diff += 1;
                j += 1;
            }
        }
    }
    diff + (now.len() - i) + (before.len() - j)
}
