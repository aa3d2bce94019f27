//! The grid of free-length shifts: every range of allowed length inside
//! each run of available slots, or, when those would be too many for the
//! time limit, only the ranges on a coarser grid (`step`).

use super::Masks;
use crate::problem::{Problem, SlotRange};

/// The grid step (in slots) for at most about `cap` candidates: 1 when
/// every range fits, else the input's own grid (`natural_step`: a scenario
/// of quarter hours given in one-minute slots), or the first multiple of
/// it under the cap.
pub(super) fn step(problem: &Problem, all_masks: &[Masks], cap: usize) -> u32 {
    let nk = problem.skills.len();
    let mut demanded = vec![Vec::new(); problem.centres.len() * nk];
    for ((c, k), req) in problem.requirements.iter() {
        let mut prefix = vec![0u32; req.len() + 1];
        for (s, &r) in req.iter().enumerate() {
            prefix[s + 1] = prefix[s] + u32::from(r > 0);
        }
        demanded[c * nk + k] = prefix;
    }
    let over = |step: u32| estimate(problem, all_masks, &demanded, step) > cap as u64;
    let every = estimate(problem, all_masks, &demanded, 1);
    tracing::debug!("candidates: about {every} on every range, at most {cap}");
    if every <= cap as u64 {
        return 1;
    }
    let unit = natural_step(problem);
    let mut step = unit;
    while over(step) && step < problem.n_slots {
        step += unit;
    }
    step
}

/// Shortest and longest free-length shift, in slots.
pub(super) fn lengths(problem: &Problem) -> (u32, u32) {
    let sm = problem.slot_minutes.max(1);
    let min_len = problem.rules.min_shift_minutes.div_ceil(sm).max(1);
    (min_len, problem.rules.max_shift_minutes / sm)
}

/// Maximal runs `[s, e)` of `true` in `avail`.
pub(super) fn runs(avail: &[bool]) -> Vec<(u32, u32)> {
    let n = avail.len() as u32;
    let mut out = Vec::new();
    let mut s = 0;
    while s < n {
        if !avail[s as usize] {
            s += 1;
            continue;
        }
        let mut e = s;
        while e < n && avail[e as usize] {
            e += 1;
        }
        out.push((s, e));
        s = e;
    }
    out
}

/// Calls `f` on each free-length range `[a, b)` inside the run `[s, e)`
/// with a length in `min_len..=max_len`, in order. With `step` 1, every
/// such range; with a larger step, only those whose start is the run's
/// start or a multiple of `step`, and whose end is the run's end or a
/// multiple of `step` (a grid aligned on the week's start).
pub(super) fn free_ranges(
    s: u32,
    e: u32,
    (min_len, max_len): (u32, u32),
    step: u32,
    f: &mut impl FnMut(SlotRange),
) {
    let step = step.max(1);
    let on_grid = |x: u32, edge: u32| x == edge || x % step == 0;
    let mut a = s;
    while a + min_len <= e {
        for b in a + min_len..=(a + max_len).min(e) {
            if on_grid(b, e) {
                f(SlotRange { start: a, end: b });
            }
        }
        a = if step == 1 {
            a + 1
        } else {
            (a / step + 1) * step
        };
    }
}

/// The coarsest grid (in slots, from the week's start) on which every
/// instant of the input lies: availability windows, demand changes,
/// templates, locked shifts and the week's end.
pub fn natural_step(problem: &Problem) -> u32 {
    fn gcd(a: u32, b: u32) -> u32 {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }
    let mut g = problem.n_slots;
    let mut add = |x: u32| g = gcd(g, x);
    for v in &problem.volunteers {
        for w in &v.availability {
            add(w.range.start);
            add(w.range.end);
        }
    }
    for d in &problem.demand {
        add(d.range.start);
        add(d.range.end);
    }
    for c in &problem.centres {
        for t in &c.templates {
            add(t.start);
            add(t.end);
        }
    }
    for sh in &problem.locked_shifts {
        add(sh.range.start);
        add(sh.range.end);
    }
    g.max(1)
}

/// How many free-length candidates `problem` has with ranges on a grid
/// of `step` slots (`free_ranges`), before the dominance pruning and the
/// checks of qualification dates and mentors: each volunteer's ranges at
/// each free-length centre, once per skill they hold where one of its
/// slots is required (`demanded`: per centre and skill, the prefix counts
/// of required slots), and once per skill they learn.
fn estimate(problem: &Problem, all_masks: &[Masks], demanded: &[Vec<u32>], step: u32) -> u64 {
    let lens = lengths(problem);
    let nk = problem.skills.len();
    let mut total = 0u64;
    for (v, m) in problem.volunteers.iter().zip(all_masks) {
        let learns = if v.training_minutes_target > 0 {
            v.trainee_for.len() as u64
        } else {
            0
        };
        let runs = runs(&m.avail);
        for &c in &v.centres {
            if !problem.centres[c].templates.is_empty() {
                continue;
            }
            let held: Vec<&[u32]> = v
                .qualifications
                .iter()
                .map(|q| demanded[c * nk + q.skill].as_slice())
                .filter(|d| !d.is_empty())
                .collect();
            for &(s, e) in &runs {
                free_ranges(s, e, lens, step, &mut |r| {
                    let meets = held
                        .iter()
                        .filter(|d| d[r.end as usize] > d[r.start as usize])
                        .count();
                    total += meets as u64 + learns;
                });
            }
        }
    }
    total
}
