//! A greedy feasible rota for one component: the fallback when the time
//! limit stops HiGHS before it finds any solution. It keeps every locked
//! shift, then adds staff shifts in order of the still-uncovered demand they
//! cover per slot, then trainee shifts where a mentor is on duty, checking
//! every hard rule (rest, overlap, limits, mentor) as it goes.

use std::collections::HashMap;

use crate::candidates::{rest_slots, Candidate};
use crate::problem::{Problem, Role};

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
    // Staff, most useful first (static estimate), ties by index.
    let gain = |j: usize, staff: &HashMap<(usize, usize), Vec<u32>>| -> u32 {
        let c = &cands[j].shift;
        let Some(req) = problem.required(c.centre, c.skill) else {
            return 0;
        };
        let have = staff.get(&(c.centre, c.skill));
        (c.range.start..c.range.end)
            .filter(|&s| req[s as usize] > have.map_or(0, |h| h[s as usize]))
            .count() as u32
    };
    let mut order: Vec<(u32, usize)> = local
        .iter()
        .filter(|&&j| !cands[j].locked && cands[j].shift.role == Role::Staff)
        .map(|&j| (gain(j, &staff), j))
        .filter(|&(g, _)| g > 0)
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, j) in order {
        let c = &cands[j];
        let ok = vols.get(&c.shift.volunteer).is_none_or(|st| fits(st, c));
        if ok && gain(j, &staff) * 2 >= c.slots() {
            take(j, &mut vols, &mut staff, &mut trainees);
        }
    }
    // Trainees, where a mentor is on duty and the target is not met.
    let mentor = problem.rules.trainee_requires_mentor;
    for &j in local {
        let c = &cands[j];
        if c.locked || c.shift.role != Role::Trainee {
            continue;
        }
        let v = &problem.volunteers[c.shift.volunteer];
        let st = vols.get(&c.shift.volunteer).cloned().unwrap_or_default();
        if st.trainee_minutes >= u64::from(v.training_minutes_target) || !fits(&st, c) {
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
        take(j, &mut vols, &mut staff, &mut trainees);
    }
    chosen.sort_unstable();
    chosen
}
