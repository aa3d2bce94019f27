//! A greedy feasible rota for one component: the fallback when the time
//! limit stops HiGHS before it finds a better one, and the start of the
//! relaxed pass of `split` (see `solve/passes.rs`). It keeps every locked
//! shift, then adds staff shifts by the still-uncovered demand they cover,
//! scarce slots first, then trainee shifts where a mentor is on duty, checking
//! every hard rule (rest, overlap, limits, mentor) as it goes.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use crate::candidates::{rest_slots, Candidate};
use crate::problem::{Problem, Role, Shift};

/// Fixed-point scale of a slot's worth (requirement / possible staff).
const WORTH_SCALE: u64 = 1 << 20;

#[derive(Default, Clone)]
struct VolState {
    /// Rest-extended intervals of the chosen shifts.
    ext: Vec<(u32, u32)>,
    minutes: u64,
    count: u64,
    trainee_minutes: u64,
}

/// Chosen positions within `local` (indices into the global `cands`).
pub fn rota(problem: &Problem, cands: &[Candidate], local: &[usize]) -> Vec<usize> {
    let sm = problem.slot_minutes;
    let rest = rest_slots(problem);
    let n = problem.n_slots as usize;
    let mut vols: HashMap<usize, VolState> = HashMap::new();
    let mut staff: HashMap<(usize, usize), Vec<u32>> = HashMap::new();
    let mut trainees: HashMap<(usize, usize), Vec<u32>> = HashMap::new();
    let mut chosen: Vec<usize> = Vec::new();

    let fits = |st: &VolState, c: &Candidate| {
        let v = &problem.volunteers[c.shift.volunteer];
        let (s, e) = (c.shift.range.start, c.shift.range.end + rest);
        st.ext.iter().all(|&(a, b)| e <= a || b <= s)
            && v.max_minutes
                .is_none_or(|m| st.minutes + u64::from(c.slots() * sm) <= u64::from(m))
            && v.max_shifts.is_none_or(|m| st.count < u64::from(m))
    };
    let mut take = |j: usize,
                    vols: &mut HashMap<usize, VolState>,
                    staff: &mut HashMap<(usize, usize), Vec<u32>>,
                    trainees: &mut HashMap<(usize, usize), Vec<u32>>| {
        let c = &cands[j];
        let st = vols.entry(c.shift.volunteer).or_default();
        st.ext.push((c.shift.range.start, c.shift.range.end + rest));
        st.minutes += u64::from(c.slots() * sm);
        st.count += 1;
        let key = (c.shift.centre, c.shift.skill);
        let counts = if c.shift.role == Role::Staff {
            staff.entry(key).or_insert_with(|| vec![0; n])
        } else {
            st.trainee_minutes += u64::from(c.slots() * sm);
            trainees.entry(key).or_insert_with(|| vec![0; n])
        };
        for s in c.shift.range.start..c.shift.range.end {
            counts[s as usize] += 1;
        }
        chosen.push(j);
    };
    for &j in local.iter().filter(|&&j| cands[j].locked) {
        take(j, &mut vols, &mut staff, &mut trainees);
    }
    // Staff, most useful first. A slot is worth its requirement divided by
    // the number of volunteers who could staff it (scarce slots first);
    // a candidate's gain is the worth of the slots it would cover that
    // still lack staff.
    let mut supply: HashMap<(usize, usize), (Vec<u32>, Vec<usize>)> = HashMap::new();
    for &j in local
        .iter()
        .filter(|&&j| cands[j].shift.role == Role::Staff)
    {
        let c = &cands[j].shift;
        let (count, last) = supply
            .entry((c.centre, c.skill))
            .or_insert_with(|| (vec![0; n], vec![usize::MAX; n]));
        for s in c.range.start..c.range.end {
            let s = s as usize;
            if last[s] != c.volunteer {
                last[s] = c.volunteer;
                count[s] += 1;
            }
        }
    }
    let worth = |c: &Shift, s: usize, req: u32| -> u64 {
        let m = supply
            .get(&(c.centre, c.skill))
            .map_or(1, |e| e.0[s].max(1));
        WORTH_SCALE * u64::from(req) / u64::from(m)
    };
    let gain = |j: usize, staff: &HashMap<(usize, usize), Vec<u32>>| -> (u64, u32) {
        let c = &cands[j].shift;
        let Some(req) = problem.required(c.centre, c.skill) else {
            return (0, 0);
        };
        let have = staff.get(&(c.centre, c.skill));
        let mut g = 0;
        let mut useful = 0;
        for s in c.range.start..c.range.end {
            let s = s as usize;
            if req[s] > have.map_or(0, |h| h[s]) {
                g += worth(c, s, req[s]);
                useful += 1;
            }
        }
        (g, useful)
    };
    let mut heap: BinaryHeap<(u64, Reverse<usize>)> = local
        .iter()
        .filter(|&&j| !cands[j].locked && cands[j].shift.role == Role::Staff)
        .map(|&j| (gain(j, &staff).0, Reverse(j)))
        .filter(|&(g, _)| g > 0)
        .collect();
    // Gains only fall as shifts are taken: a candidate whose gain is still
    // at least the best stale one left is the best (lazy greedy).
    while let Some((g, Reverse(j))) = heap.pop() {
        let c = &cands[j];
        // Neither fitting nor the useful share comes back once lost.
        let fresh = VolState::default();
        if !fits(vols.get(&c.shift.volunteer).unwrap_or(&fresh), c) {
            continue;
        }
        let (now, useful) = gain(j, &staff);
        if useful * 2 < c.slots() {
            continue;
        }
        if now < g && heap.peek().is_some_and(|&top| top > (now, Reverse(j))) {
            heap.push((now, Reverse(j)));
            continue;
        }
        take(j, &mut vols, &mut staff, &mut trainees);
    }
    // Trainees, where a mentor is on duty and the target is not met: the
    // shift that brings its trainee nearest the target first (the shorter
    // one on a tie), lazily as above (what is left to reach only falls).
    let mentor = problem.rules.trainee_requires_mentor;
    let short_of = |j: usize, vols: &HashMap<usize, VolState>| -> u64 {
        let c = &cands[j];
        let target = u64::from(problem.volunteers[c.shift.volunteer].training_minutes_target);
        let done = vols
            .get(&c.shift.volunteer)
            .map_or(0, |st| st.trainee_minutes);
        target.saturating_sub(done).min(u64::from(c.slots() * sm))
    };
    let mut heap: BinaryHeap<(u64, Reverse<u32>, Reverse<usize>)> = local
        .iter()
        .filter(|&&j| !cands[j].locked && cands[j].shift.role == Role::Trainee)
        .map(|&j| (short_of(j, &vols), Reverse(cands[j].slots()), Reverse(j)))
        .filter(|&(g, _, _)| g > 0)
        .collect();
    while let Some((g, len, Reverse(j))) = heap.pop() {
        let c = &cands[j];
        let fresh = VolState::default();
        if !fits(vols.get(&c.shift.volunteer).unwrap_or(&fresh), c) {
            continue;
        }
        let key = (c.shift.centre, c.shift.skill);
        if mentor {
            let (Some(s_cnt), t_cnt) = (staff.get(&key), trainees.get(&key)) else {
                continue;
            };
            let ok = (c.shift.range.start..c.shift.range.end)
                .all(|s| t_cnt.map_or(0, |t| t[s as usize]) < s_cnt[s as usize]);
            if !ok {
                continue;
            }
        }
        let now = short_of(j, &vols);
        if now == 0 {
            continue;
        }
        if now < g && heap.peek().is_some_and(|&top| top > (now, len, Reverse(j))) {
            heap.push((now, len, Reverse(j)));
            continue;
        }
        take(j, &mut vols, &mut staff, &mut trainees);
    }
    chosen.sort_unstable();
    chosen
}
