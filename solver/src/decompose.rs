//! Splits a problem into independent components: the connected components
//! of the graph whose nodes are centres and whose edges are volunteers with
//! candidate shifts at two or more centres. No variable or constraint of the
//! model spans two components (coverage and mentor rows are per centre;
//! rest, limits and training rows are per volunteer, and each volunteer's
//! candidates lie in one component), so each can be solved alone and the
//! optimum of the whole is the union of the components' optima.

use crate::candidates::Candidate;
use crate::problem::{CentreIx, Problem, VolunteerIx};

/// One independent part of the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    /// Centres, ascending.
    pub centres: Vec<CentreIx>,
    /// Indices into the global candidate list, ascending.
    pub candidates: Vec<usize>,
    /// Volunteers with at least one candidate here, ascending.
    pub volunteers: Vec<VolunteerIx>,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Components in a deterministic order (by smallest centre). Only centres
/// with demand or candidates appear.
pub fn components(problem: &Problem, cands: &[Candidate]) -> Vec<Component> {
    let nc = problem.centres.len();
    let mut parent: Vec<usize> = (0..nc).collect();
    // Candidates are sorted by volunteer: link the centres of each volunteer.
    let mut i = 0;
    while i < cands.len() {
        let v = cands[i].shift.volunteer;
        let first = cands[i].shift.centre;
        while i < cands.len() && cands[i].shift.volunteer == v {
            let (a, b) = (
                find(&mut parent, first),
                find(&mut parent, cands[i].shift.centre),
            );
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
            i += 1;
        }
    }
    let mut used = vec![false; nc];
    for ((c, _), req) in problem.requirements.iter() {
        if req.iter().any(|&r| r > 0) {
            used[c] = true;
        }
    }
    for c in cands {
        used[c.shift.centre] = true;
    }
    let mut slot_of_root: Vec<Option<usize>> = vec![None; nc];
    let mut comps: Vec<Component> = Vec::new();
    for (c, _) in used.iter().enumerate().filter(|(_, &u)| u) {
        let r = find(&mut parent, c);
        let ix = *slot_of_root[r].get_or_insert_with(|| {
            comps.push(Component {
                centres: Vec::new(),
                candidates: Vec::new(),
                volunteers: Vec::new(),
            });
            comps.len() - 1
        });
        comps[ix].centres.push(c);
    }
    for (j, c) in cands.iter().enumerate() {
        let r = find(&mut parent, c.shift.centre);
        if let Some(ix) = slot_of_root[r] {
            let comp = &mut comps[ix];
            comp.candidates.push(j);
            if comp.volunteers.last() != Some(&c.shift.volunteer) {
                comp.volunteers.push(c.shift.volunteer);
            }
        }
    }
    comps
}
