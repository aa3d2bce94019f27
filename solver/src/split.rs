//! Very large components (e.g. a national network whose centres are chained
//! by volunteers serving two neighbouring centres) are split per centre in
//! two passes, each a set of small independent MIPs:
//!
//! 1. *Relaxed*: every volunteer is copied once per centre, each copy with
//!    the volunteer's full limits. Any rota of the real problem is a rota of
//!    this relaxation (give each shift to the copy at its centre), so the
//!    sum of the per-centre dual bounds on uncovered slots is a proven lower
//!    bound for the whole component. Only the first (coverage) level is
//!    solved.
//! 2. *Restricted*: each multi-centre volunteer is assigned to the centre
//!    where the relaxed solution used them most (home centre when unused or
//!    tied), and may serve only there. Every volunteer then lies in a single
//!    centre, so per-centre solutions combine into a valid rota; these jobs
//!    run the full staged solve, starting from the relaxed rota restricted
//!    to the assignment (a subset of each kept volunteer's relaxed shifts
//!    at that centre, so rest and limits hold; trainee shifts left without
//!    a mentor are dropped). Measured on samaritans-20k (60 s): 85,740 →
//!    54,960 uncovered minutes with the start.
//!
//! The status of a split component is never `optimal` (the two passes need
//! not meet); its gap is reported against the relaxed bound.

use std::collections::HashMap;

use crate::candidates::Candidate;
use crate::decompose::Component;
use crate::problem::{CentreIx, Problem, Role, VolunteerIx};

/// Components with more candidates than this, several centres and some
/// free-length centre are split (fixed templates keep models small enough
/// to solve whole: samaritans-23k, 43,000 candidates, is solved exactly).
pub const THRESHOLD: usize = 20_000;
/// Share of the remaining time given to the relaxed pass (measured on
/// samaritans-20k, 60 s, with the restricted pass warm-started: 0.3 gave
/// 57,000 min / bound 2,220; 0.5: 57,420 / 4,860; 0.7: 127,980 / 7,200).
pub const RELAXED_SHARE: f64 = 0.5;

fn job(cands: &[Candidate], centre: CentreIx, js: Vec<usize>) -> Component {
    let mut volunteers: Vec<VolunteerIx> = js.iter().map(|&j| cands[j].shift.volunteer).collect();
    volunteers.dedup();
    Component {
        centres: vec![centre],
        candidates: js,
        volunteers,
    }
}

/// One relaxed job per centre: all of the component's candidates there.
pub fn per_centre(cands: &[Candidate], comp: &Component) -> Vec<Component> {
    let mut by_centre: HashMap<CentreIx, Vec<usize>> = HashMap::new();
    for &j in &comp.candidates {
        by_centre.entry(cands[j].shift.centre).or_default().push(j);
    }
    comp.centres
        .iter()
        .filter_map(|&c| by_centre.remove(&c).map(|js| job(cands, c, js)))
        .collect()
}

/// One restricted job per centre, given the relaxed pass's chosen
/// candidates (global indices), with its start: the relaxed rota restricted
/// to the job (trainee shifts left without a mentor dropped).
pub fn restricted(
    problem: &Problem,
    cands: &[Candidate],
    comp: &Component,
    relaxed: &[usize],
) -> Vec<(Component, Vec<usize>)> {
    let usage: Vec<(VolunteerIx, CentreIx, u64)> = relaxed
        .iter()
        .map(|&j| {
            let sh = cands[j].shift;
            (sh.volunteer, sh.centre, u64::from(sh.range.len()))
        })
        .collect();
    let mut used: HashMap<(VolunteerIx, CentreIx), u64> = HashMap::new();
    for &(v, c, n) in &usage {
        *used.entry((v, c)).or_default() += n;
    }
    // Centres where each volunteer has candidates, and locked ones.
    let mut centres_of: HashMap<VolunteerIx, Vec<CentreIx>> = HashMap::new();
    let mut locked_at: HashMap<VolunteerIx, Vec<CentreIx>> = HashMap::new();
    for &j in &comp.candidates {
        let sh = cands[j].shift;
        let cs = centres_of.entry(sh.volunteer).or_default();
        if !cs.contains(&sh.centre) {
            cs.push(sh.centre);
        }
        if cands[j].locked {
            let ls = locked_at.entry(sh.volunteer).or_default();
            if !ls.contains(&sh.centre) {
                ls.push(sh.centre);
            }
        }
    }
    let mut assigned: HashMap<VolunteerIx, Option<CentreIx>> = HashMap::new();
    for (&v, cs) in &centres_of {
        if cs.len() < 2 {
            continue;
        }
        let choice = match locked_at.get(&v).map(Vec::as_slice) {
            Some([one]) => Some(*one),
            // Locked at several centres: keep only the locked shifts.
            Some(_) => None,
            None => {
                // Most used; ties by the volunteer's own order (home first).
                let order = &problem.volunteers[v].centres;
                let rank = |c: &CentreIx| order.iter().position(|x| x == c).unwrap_or(usize::MAX);
                cs.iter().copied().max_by(|a, b| {
                    let ua = used.get(&(v, *a)).copied().unwrap_or(0);
                    let ub = used.get(&(v, *b)).copied().unwrap_or(0);
                    ua.cmp(&ub).then(rank(b).cmp(&rank(a)))
                })
            }
        };
        assigned.insert(v, choice);
    }
    let mut by_centre: HashMap<CentreIx, Vec<usize>> = HashMap::new();
    for &j in &comp.candidates {
        let c = &cands[j];
        let keep = match assigned.get(&c.shift.volunteer) {
            None => true,
            Some(Some(a)) => *a == c.shift.centre,
            Some(None) => c.locked,
        };
        if keep {
            by_centre.entry(c.shift.centre).or_default().push(j);
        }
    }
    let mut chosen: Vec<usize> = relaxed.to_vec();
    chosen.sort_unstable();
    comp.centres
        .iter()
        .map(|&c| {
            let js = by_centre.remove(&c).unwrap_or_default();
            let start: Vec<usize> = js
                .iter()
                .copied()
                .filter(|j| chosen.binary_search(j).is_ok())
                .collect();
            let start = mentored(problem, cands, start);
            (job(cands, c, js), start)
        })
        .collect()
}

/// Drops trainee shifts that would lack a mentor (rule on) among `start`.
fn mentored(problem: &Problem, cands: &[Candidate], start: Vec<usize>) -> Vec<usize> {
    if !problem.rules.trainee_requires_mentor {
        return start;
    }
    let n = problem.n_slots as usize;
    let mut staff: HashMap<(CentreIx, usize), Vec<u32>> = HashMap::new();
    for &j in &start {
        let sh = cands[j].shift;
        if sh.role == Role::Staff {
            let v = staff
                .entry((sh.centre, sh.skill))
                .or_insert_with(|| vec![0; n]);
            for s in sh.range.start..sh.range.end {
                v[s as usize] += 1;
            }
        }
    }
    let mut trainees: HashMap<(CentreIx, usize), Vec<u32>> = HashMap::new();
    start
        .into_iter()
        .filter(|&j| {
            let sh = cands[j].shift;
            if sh.role == Role::Staff {
                return true;
            }
            let Some(st) = staff.get(&(sh.centre, sh.skill)) else {
                return cands[j].locked;
            };
            let tr = trainees
                .entry((sh.centre, sh.skill))
                .or_insert_with(|| vec![0; n]);
            let r = sh.range.start as usize..sh.range.end as usize;
            let ok = cands[j].locked || r.clone().all(|s| tr[s] < st[s]);
            if ok {
                for s in r {
                    tr[s] += 1;
                }
            }
            ok
        })
        .collect()
}
