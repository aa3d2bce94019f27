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

/// Per-slot counts of chosen shifts by (centre, skill).
type Counts = HashMap<(usize, usize), Vec<u32>>;

/// The rota being built and what it uses of each volunteer.
struct Greedy<'a> {
    problem: &'a Problem,
    cands: &'a [Candidate],
    /// Minimum rest, in slots.
    rest: u32,
    vols: HashMap<usize, VolState>,
    staff: Counts,
    trainees: Counts,
    chosen: Vec<usize>,
}

impl Greedy<'_> {
    /// Whether candidate `c` keeps its volunteer within the rules (rest,
    /// overlap, weekly limits) beside their chosen shifts.
    fn fits(&self, c: &Candidate) -> bool {
        let fresh = VolState::default();
        let st = self.vols.get(&c.shift.volunteer).unwrap_or(&fresh);
        let v = &self.problem.volunteers[c.shift.volunteer];
        let sm = self.problem.slot_minutes;
        let (s, e) = (c.shift.range.start, c.shift.range.end + self.rest);
        st.ext.iter().all(|&(a, b)| e <= a || b <= s)
            && v.max_minutes
                .is_none_or(|m| st.minutes + u64::from(c.slots() * sm) <= u64::from(m))
            && v.max_shifts.is_none_or(|m| st.count < u64::from(m))
    }

    /// Adds candidate `j` to the rota.
    fn take(&mut self, j: usize) {
        let c = &self.cands[j];
        let (sm, n) = (self.problem.slot_minutes, self.problem.n_slots as usize);
        let st = self.vols.entry(c.shift.volunteer).or_default();
        st.ext
            .push((c.shift.range.start, c.shift.range.end + self.rest));
        st.minutes += u64::from(c.slots() * sm);
        st.count += 1;
        let key = (c.shift.centre, c.shift.skill);
        let counts = if c.shift.role == Role::Staff {
            self.staff.entry(key).or_insert_with(|| vec![0; n])
        } else {
            st.trainee_minutes += u64::from(c.slots() * sm);
            self.trainees.entry(key).or_insert_with(|| vec![0; n])
        };
        for s in c.shift.range.start..c.shift.range.end {
            counts[s as usize] += 1;
        }
        self.chosen.push(j);
    }

    /// Staff shifts among `local`, most useful first. A slot is worth its
    /// requirement divided by the number of volunteers who could staff it
    /// (scarce slots first); a candidate's gain is the worth of the slots
    /// it would cover that still lack staff.
    fn staff_pass(&mut self, local: &[usize]) {
        let (problem, cands) = (self.problem, self.cands);
        let supply = supply(problem, cands, local);
        let worth = |c: &Shift, s: usize, req: u32| -> u64 {
            let m = supply.get(&(c.centre, c.skill)).map_or(1, |e| e[s].max(1));
            WORTH_SCALE * u64::from(req) / u64::from(m)
        };
        let gain = |j: usize, staff: &Counts| -> (u64, u32) {
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
            .map(|&j| (gain(j, &self.staff).0, Reverse(j)))
            .filter(|&(g, _)| g > 0)
            .collect();
        // Gains only fall as shifts are taken: a candidate whose gain is
        // still at least the best stale one left is the best (lazy greedy).
        while let Some((g, Reverse(j))) = heap.pop() {
            let c = &cands[j];
            // Neither fitting nor the useful share comes back once lost.
            if !self.fits(c) {
                continue;
            }
            let (now, useful) = gain(j, &self.staff);
            if useful * 2 < c.slots() {
                continue;
            }
            if now < g && heap.peek().is_some_and(|&top| top > (now, Reverse(j))) {
                heap.push((now, Reverse(j)));
                continue;
            }
            self.take(j);
        }
    }

    /// Trainee shifts among `local`, where a mentor is on duty and the
    /// target is not met: the shift that brings its trainee nearest the
    /// target first (the shorter one on a tie), lazily as in `staff_pass`
    /// (what is left to reach only falls).
    fn trainee_pass(&mut self, local: &[usize]) {
        let (problem, cands) = (self.problem, self.cands);
        let sm = problem.slot_minutes;
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
            .map(|&j| {
                (
                    short_of(j, &self.vols),
                    Reverse(cands[j].slots()),
                    Reverse(j),
                )
            })
            .filter(|&(g, _, _)| g > 0)
            .collect();
        while let Some((g, len, Reverse(j))) = heap.pop() {
            let c = &cands[j];
            if !self.fits(c) {
                continue;
            }
            let key = (c.shift.centre, c.shift.skill);
            if mentor {
                let (Some(s_cnt), t_cnt) = (self.staff.get(&key), self.trainees.get(&key)) else {
                    continue;
                };
                let ok = (c.shift.range.start..c.shift.range.end)
                    .all(|s| t_cnt.map_or(0, |t| t[s as usize]) < s_cnt[s as usize]);
                if !ok {
                    continue;
                }
            }
            let now = short_of(j, &self.vols);
            if now == 0 {
                continue;
            }
            if now < g && heap.peek().is_some_and(|&top| top > (now, len, Reverse(j))) {
                heap.push((now, len, Reverse(j)));
                continue;
            }
            self.take(j);
        }
    }
}

/// How many volunteers could staff each slot, per (centre, skill), over the
/// staff candidates among `local` (sorted by volunteer).
fn supply(problem: &Problem, cands: &[Candidate], local: &[usize]) -> Counts {
    let n = problem.n_slots as usize;
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
    supply
        .into_iter()
        .map(|(k, (count, _))| (k, count))
        .collect()
}

impl<'a> Greedy<'a> {
    fn new(problem: &'a Problem, cands: &'a [Candidate]) -> Self {
        Greedy {
            problem,
            cands,
            rest: rest_slots(problem),
            vols: HashMap::new(),
            staff: HashMap::new(),
            trainees: HashMap::new(),
            chosen: Vec::new(),
        }
    }

    fn into_rota(self) -> Vec<usize> {
        let mut chosen = self.chosen;
        chosen.sort_unstable();
        chosen
    }
}

/// Chosen positions within `local` (indices into the global `cands`).
pub fn rota(problem: &Problem, cands: &[Candidate], local: &[usize]) -> Vec<usize> {
    let mut g = Greedy::new(problem, cands);
    for &j in local.iter().filter(|&&j| cands[j].locked) {
        g.take(j);
    }
    g.staff_pass(local);
    g.trainee_pass(local);
    g.into_rota()
}

/// The feasible rota `kept` (every locked shift among them) with trainee
/// shifts among `local` added as in `rota`.
pub fn with_trainees(
    problem: &Problem,
    cands: &[Candidate],
    local: &[usize],
    kept: &[usize],
) -> Vec<usize> {
    let mut g = Greedy::new(problem, cands);
    for &j in kept {
        g.take(j);
    }
    g.trainee_pass(local);
    g.into_rota()
}
