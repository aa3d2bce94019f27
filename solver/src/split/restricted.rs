//! The restricted jobs of a split component: which centres each
//! multi-centre volunteer may serve, which centres are merged into one job
//! when their relaxed shifts conflict, and each job's start.

use std::collections::HashMap;

use super::{compatible_subset, job, mentored, MAX_JOINT_CANDIDATES};
use crate::candidates::Candidate;
use crate::decompose::Component;
use crate::problem::{CentreIx, Problem, VolunteerIx};

/// Where a multi-centre volunteer may serve in the restricted pass.
enum Allowed {
    /// Any of their candidates at this one centre.
    Centre(CentreIx),
    /// Only these candidates (global indices, sorted), possibly at several
    /// centres: shifts that are compatible together (rest, overlap,
    /// `max_minutes`, `max_shifts`), so any subset of them, whatever each
    /// centre's job keeps, is too.
    Only(Vec<usize>),
    /// Any of their candidates: every centre where they have one is in the
    /// same restricted job, whose model holds their rows. The start keeps
    /// these (compatible) relaxed shifts of theirs.
    Joint(Vec<usize>),
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// The restricted jobs, given the relaxed pass's chosen candidates (global
/// indices), each with its start: the relaxed rota restricted to the job
/// (trainee shifts left without a mentor dropped).
///
/// A multi-centre volunteer the relaxed rota uses at one centre at most
/// serves only there (the most used centre; home first when unused). One it
/// uses at several centres keeps exactly the relaxed shifts when they are
/// compatible together: then no centre loses anything, and a centre whose
/// relaxed rota was proven optimal needs no new coverage solve. Otherwise
/// (a conflict) their centres are merged into one job, up to
/// `MAX_JOINT_CANDIDATES` candidates, where the model holds their real
/// rows and they may serve anywhere; the start keeps a compatible part of
/// their relaxed shifts (greedily, centre by centre from the most used,
/// locked ones first). Past that size they keep only that part, serving
/// at its one centre only when it lies at a single centre.
pub fn restricted(
    problem: &Problem,
    cands: &[Candidate],
    comp: &Component,
    relaxed: &[usize],
) -> Vec<(Component, Vec<usize>)> {
    let mut u = Usage::new(cands, comp, relaxed);
    // Jobs: clusters of centres (union-find over centre indices).
    let mut parent: Vec<usize> = (0..problem.centres.len()).collect();
    let mut allowed: HashMap<VolunteerIx, Allowed> = HashMap::new();
    for (v, cs) in &u.centres_of {
        if cs.len() >= 2 {
            let mine = u.relaxed_of.remove(v).unwrap_or_default();
            let a = allowance(problem, cands, &u, *v, cs, mine, &mut parent);
            allowed.insert(*v, a);
        }
    }
    split_jobs(
        problem,
        cands,
        comp,
        relaxed,
        &u.centres_of,
        &allowed,
        &mut parent,
    )
}

/// What the relaxed rota and the component say about volunteers and
/// centres.
struct Usage {
    /// Slots of relaxed shifts per (volunteer, centre).
    used: HashMap<(VolunteerIx, CentreIx), u64>,
    /// Relaxed shifts per volunteer.
    relaxed_of: HashMap<VolunteerIx, Vec<usize>>,
    /// Centres where each volunteer has candidates (in candidate order, so
    /// by volunteer).
    centres_of: Vec<(VolunteerIx, Vec<CentreIx>)>,
    /// Candidates per centre.
    size: HashMap<CentreIx, usize>,
}

impl Usage {
    fn new(cands: &[Candidate], comp: &Component, relaxed: &[usize]) -> Self {
        let mut used: HashMap<(VolunteerIx, CentreIx), u64> = HashMap::new();
        let mut relaxed_of: HashMap<VolunteerIx, Vec<usize>> = HashMap::new();
        for &j in relaxed {
            let sh = cands[j].shift;
            *used.entry((sh.volunteer, sh.centre)).or_default() += u64::from(sh.range.len());
            relaxed_of.entry(sh.volunteer).or_default().push(j);
        }
        let mut centres_of: Vec<(VolunteerIx, Vec<CentreIx>)> = Vec::new();
        let mut size: HashMap<CentreIx, usize> = HashMap::new();
        for &j in &comp.candidates {
            let sh = cands[j].shift;
            *size.entry(sh.centre).or_default() += 1;
            if centres_of.last().is_none_or(|(v, _)| *v != sh.volunteer) {
                centres_of.push((sh.volunteer, Vec::new()));
            }
            let cs = &mut centres_of.last_mut().expect("pushed above").1;
            if !cs.contains(&sh.centre) {
                cs.push(sh.centre);
            }
        }
        Usage {
            used,
            relaxed_of,
            centres_of,
            size,
        }
    }
}

/// Where multi-centre volunteer `v` (candidates at centres `cs`, relaxed
/// shifts `mine`) may serve, given the relaxed rota's use of each centre
/// and the centres' sizes (`u`); merges their centres' jobs in `parent`
/// when their relaxed shifts conflict (see `restricted`).
fn allowance(
    problem: &Problem,
    cands: &[Candidate],
    u: &Usage,
    v: VolunteerIx,
    cs: &[CentreIx],
    mine: Vec<usize>,
    parent: &mut [usize],
) -> Allowed {
    // Most used first; ties by the volunteer's own order (home first).
    let order = &problem.volunteers[v].centres;
    let rank = |c: &CentreIx| order.iter().position(|x| x == c).unwrap_or(usize::MAX);
    let used = |c: CentreIx| u.used.get(&(v, c)).copied().unwrap_or(0);
    let mut by_use = cs.to_vec();
    by_use.sort_by_key(|&c| (std::cmp::Reverse(used(c)), rank(&c), c));
    let serving = by_use.iter().filter(|&&c| used(c) > 0).count();
    if serving < 2 {
        return Allowed::Centre(by_use[0]);
    }
    let mut ordered = mine;
    ordered.sort_by_key(|&j| {
        let sh = cands[j].shift;
        let pos = by_use.iter().position(|&c| c == sh.centre);
        (!cands[j].locked, pos, j)
    });
    let kept = compatible_subset(problem, cands, &ordered);
    if kept.len() == ordered.len() {
        return Allowed::Only(kept);
    }
    let mut roots: Vec<usize> = cs.iter().map(|&c| find(parent, c)).collect();
    roots.sort_unstable();
    roots.dedup();
    let merged: usize = (0..problem.centres.len())
        .filter(|&c| roots.contains(&find(parent, c)))
        .map(|c| u.size.get(&c).copied().unwrap_or(0))
        .sum();
    if merged <= MAX_JOINT_CANDIDATES {
        for &r in &roots[1..] {
            parent[r] = roots[0];
        }
        Allowed::Joint(kept)
    } else if kept.iter().all(|&j| cands[j].shift.centre == by_use[0]) {
        Allowed::Centre(by_use[0])
    } else {
        Allowed::Only(kept)
    }
}

/// The jobs of `comp` (clusters of centres by `parent`) with the
/// candidates each volunteer is `allowed` there, and each job's start: the
/// `relaxed` rota restricted to it, trainees left without a mentor dropped.
fn split_jobs(
    problem: &Problem,
    cands: &[Candidate],
    comp: &Component,
    relaxed: &[usize],
    centres_of: &[(VolunteerIx, Vec<CentreIx>)],
    allowed: &HashMap<VolunteerIx, Allowed>,
    parent: &mut [usize],
) -> Vec<(Component, Vec<usize>)> {
    // A volunteer whose centres all lie in one merged job may serve
    // anywhere there: the job's model holds their rows.
    let internal: HashMap<VolunteerIx, bool> = centres_of
        .iter()
        .filter(|(_, cs)| cs.len() > 1)
        .map(|(v, cs)| {
            let r = find(parent, cs[0]);
            (*v, cs.iter().all(|&c| find(parent, c) == r))
        })
        .collect();
    let mut by_job: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
    let mut chosen: Vec<usize> = relaxed.to_vec();
    chosen.sort_unstable();
    for &j in &comp.candidates {
        let c = &cands[j];
        let (keep, in_start) = match allowed.get(&c.shift.volunteer) {
            None => (true, chosen.binary_search(&j).is_ok()),
            Some(Allowed::Centre(a)) => {
                let k = *a == c.shift.centre;
                (k, k && chosen.binary_search(&j).is_ok())
            }
            Some(Allowed::Only(js)) => {
                let k = js.binary_search(&j).is_ok();
                (k, k)
            }
            Some(Allowed::Joint(js)) => (true, js.binary_search(&j).is_ok()),
        };
        if keep || internal.get(&c.shift.volunteer) == Some(&true) {
            let root = find(parent, c.shift.centre);
            let (js, start) = by_job.entry(root).or_default();
            js.push(j);
            if in_start {
                start.push(j);
            }
        }
    }
    let mut out = Vec::new();
    for &c in &comp.centres {
        let root = find(parent, c);
        if let Some((js, start)) = by_job.remove(&root) {
            let centres: Vec<CentreIx> = comp
                .centres
                .iter()
                .copied()
                .filter(|&x| find(parent, x) == root)
                .collect();
            let start = mentored(problem, cands, start);
            out.push((job(cands, centres, js), start));
        } else if find(parent, c) == c {
            // A centre with demand but no candidate left.
            out.push((job(cands, vec![c], Vec::new()), Vec::new()));
        }
    }
    out
}
