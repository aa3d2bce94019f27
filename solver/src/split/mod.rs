//! Very large components (e.g. a national network whose centres are chained
//! by volunteers serving two neighbouring centres) are split per centre in
//! two passes, each a set of small independent MIPs:
//!
//! 1. *Relaxed*: every volunteer is copied once per centre, each copy with
//!    the volunteer's full limits. Any rota of the real problem is a rota of
//!    this relaxation (give each shift to the copy at its centre), so the
//!    sum of the per-centre dual bounds on uncovered slots is a proven lower
//!    bound for the whole component. Only the first (coverage) level is
//!    solved, with a tie-break that uses multi-centre volunteers only where
//!    needed (`model::steer`; it keeps the bound valid, see
//!    `stages::solve`), so that their relaxed shifts rarely conflict.
//!    Each centre starts from the component's greedy rota's shifts there
//!    (a rota of its relaxation): proofs come sooner, and a centre the
//!    clock stops before any better rota keeps those shifts (where it
//!    stops them all, the join is the greedy rota itself).
//! 2. *Restricted*: the relaxed rotas are joined (see `restricted`): a
//!    multi-centre volunteer keeps their relaxed shifts where those are
//!    compatible together, and centres whose relaxed shifts of someone
//!    conflict are merged into one job. Per-job solutions then combine into
//!    a valid rota. Jobs whose start (the joined relaxed rota) lost coverage
//!    re-solve the coverage level first — a merged job through the
//!    relaxation of its centres together (volunteers serving elsewhere as
//!    copies, steered away from the shifts the job does not allow), whose
//!    bound replaces the sum of its centres' and whose rota, without those
//!    shifts, becomes its start (a second join round, `rejoin`, keeps the
//!    copies' shifts that fit with the volunteer's shifts elsewhere). A
//!    job still above its bound (merged, or a single centre whose coverage
//!    solve could not reach it) is merged with the jobs of the volunteers
//!    whose shifts could not be kept (or whose relaxed shifts at its
//!    centre it lost), and the union's relaxation solved and joined the
//!    same way (`solve/passes/merge.rs`); up to `MERGE_ROUNDS` such
//!    rounds, while the merges are small and quick enough
//!    (`MAX_MERGED_CANDIDATES`, `MERGE_TIME_SHARE`). In every pass, the
//!    time the quick solves leave goes to the ones the clock stopped
//!    (`Pool::rounds` in `solve/pool.rs`). Then every job solves the later
//!    levels (coverage first again where still above the bound and not
//!    proven).
//!
//! The bound reported is a sum over a partition of the component's
//! centres (single centres, merged jobs) of proven dual bounds of each part's
//! relaxation: every candidate at the part's centres, the real rows of the
//! volunteers who serve only inside it and a copy with full limits of
//! every other volunteer. Any rota of the whole, cut into parts, is a rota
//! of each part's relaxation, so the sum is a proven bound on the whole.
//!
//! The restricted jobs fix where each multi-centre volunteer serves, so
//! their rotas, even each proven, need not be optimal for the component.
//! When they are done with time left, the component is solved whole from
//! their joined rota (`Pool::finish_split` in `solve/job.rs`), its
//! coverage kept; it is `optimal` only if that proves every level
//! (coverage at the relaxed bound). Otherwise its gap is reported against
//! the relaxed bound.

mod restricted;

use std::collections::HashMap;

use crate::candidates::{rest_slots, Candidate};
use crate::decompose::Component;
use crate::problem::{CentreIx, Problem, Role, VolunteerIx};
pub use restricted::restricted;

/// Components with more candidates than this, several centres and some
/// free-length centre are split (fixed templates keep models small enough
/// to solve whole: samaritans-23k, 43,000 candidates, is solved exactly).
pub const THRESHOLD: usize = 20_000;
/// Most of the remaining time the relaxed pass may take; it usually ends
/// sooner, once every per-centre solve is proven (samaritans-20k, 60 s,
/// 2 threads: 18–21 s with the machine otherwise idle, the whole 29 s
/// under load, some centres then unproven).
pub const RELAXED_SHARE: f64 = 0.5;
/// Most of the time then left given to each coverage round of the
/// restricted jobs whose start lost coverage (the coverage pass, then the
/// merge round); the rest goes to the later levels of every job.
pub const REPAIR_SHARE: f64 = 0.6;
/// Largest restricted job made by merging the centres of volunteers whose
/// relaxed shifts conflict (candidates, counted before the restriction).
pub const MAX_JOINT_CANDIDATES: usize = 12_000;
/// Largest job made by a merge round (see `Passes::merge_rounds`).
pub const MAX_MERGED_CANDIDATES: usize = 32_000;
/// Merge rounds at most: a round's joined rota may still lose shifts of
/// volunteers serving jobs outside its union, which the next round merges.
pub const MERGE_ROUNDS: usize = 3;
/// A merge is made only if its parts' coverage solves took together at
/// most this share of the round's time. Measured (60 s, 2 threads): on
/// generated samaritans-20k weeks (load 0.53) the merges that closed the
/// gap had parts of 0.1–4.7 s against 7.5–17 s (at most 0.35); on an
/// overloaded one (load 1.08), parts of 6.9 s against 11.5 s gave a union
/// of 35,000 candidates whose relaxation had no bound within 9 s.
pub const MERGE_TIME_SHARE: f64 = 0.5;

/// The job of `centres` with candidates `js` (ascending): its volunteers
/// are theirs (candidates are sorted by volunteer).
pub(crate) fn job(cands: &[Candidate], centres: Vec<CentreIx>, js: Vec<usize>) -> Component {
    let mut volunteers: Vec<VolunteerIx> = js.iter().map(|&j| cands[j].shift.volunteer).collect();
    volunteers.dedup();
    Component {
        centres,
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
        .filter_map(|&c| by_centre.remove(&c).map(|js| job(cands, vec![c], js)))
        .collect()
}

/// Keeps, in order, each shift of `order` compatible with those kept
/// before it (rest and overlap through rest-extended intervals, weekly
/// limits). Locked shifts must come first: they are valid together.
pub(super) fn compatible_subset(
    problem: &Problem,
    cands: &[Candidate],
    order: &[usize],
) -> Vec<usize> {
    let rest = rest_slots(problem);
    let mut kept: Vec<usize> = Vec::new();
    let (mut minutes, mut count) = (0u64, 0u64);
    for &j in order {
        let sh = cands[j].shift;
        let v = &problem.volunteers[sh.volunteer];
        let m = u64::from(sh.range.len() * problem.slot_minutes);
        let (s, e) = (sh.range.start, sh.range.end + rest);
        let free = kept.iter().all(|&k| {
            let o = cands[k].shift.range;
            e <= o.start || o.end + rest <= s
        });
        let fits = v.max_minutes.is_none_or(|mm| minutes + m <= u64::from(mm))
            && v.max_shifts.is_none_or(|ms| count < u64::from(ms));
        if cands[j].locked || (free && fits) {
            kept.push(j);
            minutes += m;
            count += 1;
        }
    }
    kept.sort_unstable();
    kept
}

/// Second round of the join, for job `i` whose relaxation (its centres
/// with copies of the volunteers serving elsewhere) found `rota`: the
/// shifts there of volunteers job `i` does not allow are kept when,
/// volunteer by volunteer, they are compatible with that volunteer's
/// shifts in every job's start (`starts`, one per job), or with the set
/// they were fixed to by an earlier call (`fixed`); the volunteer is then
/// allowed only those shifts in every job, so any subset of them, whatever
/// each job keeps, stays feasible. Returns `rota` without the shifts it
/// could not keep (and trainee shifts left without a mentor), and the
/// volunteers whose shifts it could not keep.
pub fn rejoin(
    problem: &Problem,
    cands: &[Candidate],
    jobs: &mut [Component],
    starts: &[Vec<usize>],
    fixed: &mut HashMap<VolunteerIx, Vec<usize>>,
    i: usize,
    rota: &[usize],
) -> (Vec<usize>, Vec<VolunteerIx>) {
    let mut kept: Vec<usize> = Vec::new();
    let mut rejected: Vec<VolunteerIx> = Vec::new();
    let mut outside: Vec<usize> = Vec::new();
    for &j in rota {
        if jobs[i].candidates.binary_search(&j).is_ok() {
            kept.push(j);
        } else {
            outside.push(j);
        }
    }
    // Candidates are sorted by volunteer.
    outside.sort_unstable();
    for group in outside.chunk_by(|a, b| cands[*a].shift.volunteer == cands[*b].shift.volunteer) {
        let v = cands[group[0]].shift.volunteer;
        let with_v: Vec<usize> = (0..jobs.len())
            .filter(|&k| jobs[k].volunteers.binary_search(&v).is_ok())
            .collect();
        // A volunteer with candidates in job `i` alone (when fixed to a set
        // there, every other job dropped theirs) serves only there, where
        // the model holds their rows: the rota's shifts of theirs,
        // compatible together (their copy has the same rows), are added to
        // the job, and their set is dropped (a later call starts again from
        // their shifts in the job's start).
        if with_v.iter().all(|&k| k == i) {
            let mine: Vec<usize> = rota
                .iter()
                .copied()
                .filter(|&j| cands[j].shift.volunteer == v)
                .collect();
            if compatible_subset(problem, cands, &mine).len() == mine.len() {
                fixed.remove(&v);
                let job = &mut jobs[i];
                job.candidates.extend_from_slice(group);
                job.candidates.sort_unstable();
                job.candidates.dedup();
                kept.extend_from_slice(group);
                continue;
            }
        }
        let mut set: Vec<usize> = fixed.get(&v).cloned().unwrap_or_else(|| {
            with_v
                .iter()
                .flat_map(|&k| starts[k].iter().copied())
                .filter(|&j| cands[j].shift.volunteer == v)
                .collect()
        });
        set.retain(|j| group.binary_search(j).is_err());
        set.sort_unstable_by_key(|&j| (!cands[j].locked, j));
        let before = set.len();
        set.extend_from_slice(group);
        if compatible_subset(problem, cands, &set).len() != before + group.len() {
            rejected.push(v);
            continue;
        }
        set.sort_unstable();
        for &k in &with_v {
            jobs[k]
                .candidates
                .retain(|j| cands[*j].shift.volunteer != v || set.binary_search(j).is_ok());
        }
        fixed.insert(v, set);
        let job = &mut jobs[i];
        job.candidates.extend_from_slice(group);
        job.candidates.sort_unstable();
        job.candidates.dedup();
        kept.extend_from_slice(group);
    }
    for job in jobs.iter_mut() {
        job.volunteers = job
            .candidates
            .iter()
            .map(|&j| cands[j].shift.volunteer)
            .collect();
        job.volunteers.dedup();
    }
    kept.sort_unstable();
    (mentored(problem, cands, kept), rejected)
}

/// Drops trainee shifts that would lack a mentor (rule on) among `start`.
pub fn mentored(problem: &Problem, cands: &[Candidate], start: Vec<usize>) -> Vec<usize> {
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
