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
//!    run the full staged solve.
//!
//! The status of a split component is never `optimal` (the two passes need
//! not meet); its gap is reported against the relaxed bound.

use std::collections::HashMap;

use crate::candidates::Candidate;
use crate::decompose::Component;
use crate::problem::{CentreIx, VolunteerIx};

/// Components with more candidates than this, several centres and some
/// free-length centre are split (fixed templates keep models small enough
/// to solve whole: samaritans-23k, 43,000 candidates, is solved exactly).
pub const THRESHOLD: usize = 20_000;
/// Share of the remaining time given to the relaxed pass.
pub const RELAXED_SHARE: f64 = 0.3;

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

/// One restricted job per centre, given the relaxed pass's usage
/// `(volunteer, centre, slots)`.
pub fn restricted(
    problem: &crate::problem::Problem,
    cands: &[Candidate],
    comp: &Component,
    usage: &[(VolunteerIx, CentreIx, u64)],
) -> Vec<Component> {
    let mut used: HashMap<(VolunteerIx, CentreIx), u64> = HashMap::new();
    for &(v, c, n) in usage {
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
    comp.centres
        .iter()
        .map(|&c| job(cands, c, by_centre.remove(&c).unwrap_or_default()))
        .collect()
}
