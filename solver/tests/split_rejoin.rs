//! `split::rejoin`, the second join round of a split component: which
//! shifts of a merged job's relaxation it keeps.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod solve_support;

use std::collections::HashMap;

use solve_support::B;
use solver::candidates::{self, Candidate};
use solver::decompose::Component;
use solver::problem::Problem;
use solver::split::rejoin;

/// Two centres, each needing one person in slots 10–14; volunteer 0 may
/// serve both, volunteer 1 only the second.
fn two_centres() -> (Problem, Vec<Candidate>) {
    let mut b = B::new();
    b.demand(0, 0, 10, 14, 1).demand(1, 0, 10, 14, 1);
    b.vol(&[0, 1], &[0], &[(0, 30, true)]);
    b.vol(&[1], &[0], &[(0, 30, true)]);
    let p = b.build();
    let cands = candidates::build(&p).unwrap();
    (p, cands)
}

/// Volunteer `v`'s candidate at centre `c` over slots `s..e`.
fn cand(cands: &[Candidate], v: usize, c: usize, s: u32, e: u32) -> usize {
    cands
        .iter()
        .position(|x| {
            let sh = x.shift;
            sh.volunteer == v && sh.centre == c && sh.range.start == s && sh.range.end == e
        })
        .expect("candidate")
}

fn job(cands: &[Candidate], centres: Vec<usize>, mut js: Vec<usize>) -> Component {
    js.sort_unstable();
    let mut volunteers: Vec<usize> = js.iter().map(|&j| cands[j].shift.volunteer).collect();
    volunteers.dedup();
    Component {
        centres,
        candidates: js,
        volunteers,
    }
}

/// Job 0 (centre 0) allows volunteer 0 only the shift 10–12 they were
/// fixed to; job 1 (centre 1) holds volunteer 1 and, when `shared`, a
/// shift of volunteer 0. Job 0's relaxation chose volunteer 0 for 10–14
/// instead, which overlaps the fixed shift.
fn fixed_elsewhere(shared: bool) -> (Vec<usize>, Vec<usize>, Vec<Component>) {
    let (p, cands) = two_centres();
    let fixed_shift = cand(&cands, 0, 0, 10, 12);
    let wanted = cand(&cands, 0, 0, 10, 14);
    let mut second: Vec<usize> = (0..cands.len())
        .filter(|&j| cands[j].shift.volunteer == 1)
        .collect();
    let mut fixed_set = vec![fixed_shift];
    if shared {
        let there = cand(&cands, 0, 1, 12, 14);
        second.push(there);
        fixed_set.push(there);
        fixed_set.sort_unstable();
    }
    let mut jobs = vec![
        job(&cands, vec![0], vec![fixed_shift]),
        job(&cands, vec![1], second),
    ];
    let starts = vec![vec![fixed_shift], Vec::new()];
    let mut fixed = HashMap::from([(0, fixed_set)]);
    let (kept, rejected) = rejoin(&p, &cands, &mut jobs, &starts, &mut fixed, 0, &[wanted]);
    assert_eq!(fixed.contains_key(&0), shared);
    (kept, rejected, jobs)
}

#[test]
fn a_volunteer_serving_only_in_the_job_takes_the_relaxations_shifts() {
    // Before, the wanted shift was checked against the fixed set, found to
    // overlap it, and dropped: the job kept an uncovered slot.
    let (kept, rejected, jobs) = fixed_elsewhere(false);
    let (_, cands) = two_centres();
    let wanted = cand(&cands, 0, 0, 10, 14);
    assert_eq!(kept, vec![wanted]);
    assert!(rejected.is_empty());
    assert!(jobs[0].candidates.contains(&wanted));
    // The fixed shift stays a candidate: the job's start may keep it.
    assert!(jobs[0].candidates.contains(&cand(&cands, 0, 0, 10, 12)));
}

#[test]
fn a_volunteer_fixed_in_another_job_too_keeps_the_fixed_set() {
    let (kept, rejected, jobs) = fixed_elsewhere(true);
    let (_, cands) = two_centres();
    assert!(kept.is_empty());
    assert_eq!(rejected, vec![0]);
    assert!(!jobs[0].candidates.contains(&cand(&cands, 0, 0, 10, 14)));
}
