//! A local search on the coverage level, in plain Rust: the start of an
//! exact component's first solve (see `solve/job.rs`).
//!
//! HiGHS's own heuristics find poor rotas on large free-length components
//! (sos-1400's 9,796-candidate component: 263 uncovered slots after 2 s,
//! against an optimum of 58), and the greedy rota (`greedy`) is far above
//! the optimum too (220). This search starts from the greedy rota's staff
//! shifts and anneals. A move takes a slot still short of staff and one of
//! the staff candidates that would cover it (both at random) and puts that
//! candidate on the rota; its volunteer's shifts that clash with it (by
//! overlap or rest, or by their weekly limits) leave the rota, and each slot
//! they leave short is covered again, where another volunteer can add a
//! shift there without dropping any (`Search::repair`). A move that leaves
//! no more slots short is taken; one that leaves `d` more, with probability
//! `exp(−d / T)`, `T` falling from `START_TEMP` to `END_TEMP`. Every
//! `TRIM_EVERY` moves (more on large rotas), shifts whose ends are
//! overstaffed are shortened and shifts wholly overstaffed dropped, which
//! frees weekly minutes for other moves. The best rota seen is kept (118
//! short slots on that component in 0.15 s), and trainee shifts are then
//! added greedily where mentors are on duty.
//!
//! Every hard rule holds after every move: locked shifts stay, a
//! volunteer's shifts never overlap and keep their rest, weekly minutes and
//! shift counts stay within limits, and no staff shift leaves where it
//! mentors a locked trainee. The number of moves depends only on the input
//! (a seeded generator), so the result does too unless `stop` cuts it.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::time::Instant;

use crate::candidates::{rest_slots, Candidate};
use crate::greedy;
use crate::problem::{Problem, Role};
use crate::rng::Rng;

/// Moves per candidate of the component.
const MOVES_PER_CANDIDATE: usize = 20;
/// Annealing temperatures, in uncovered slots, at the first and last move:
/// a move that uncovers `d` slots more is taken with probability
/// `exp(−d / T)`.
const START_TEMP: f64 = 1.0;
const END_TEMP: f64 = 0.05;
/// The generator's seed (mixed with the component's size).
const SEED: u64 = 0x9E37_79B9_7F4A_7C15;
/// Overstaffed ends are trimmed every this many moves, or less often on
/// large rotas: a trim reads every shift on the rota, and reads at most
/// `TRIM_READS_PER_MOVE` of them per move. samaritans-23k's component
/// (18,000 shifts on its rota) spent 2.9 s in the search when it trimmed
/// every 64 moves, 0.24 s now (the same rota).
const TRIM_EVERY: usize = 64;
const TRIM_READS_PER_MOVE: usize = 16;
/// The clock is read every this many moves.
const CLOCK_EVERY: usize = 256;

/// One volunteer's shifts on the rota (positions in `local`).
#[derive(Default, Clone)]
struct Vol {
    shifts: Vec<usize>,
    minutes: u64,
    count: u64,
}

struct Search<'a> {
    problem: &'a Problem,
    cands: &'a [Candidate],
    /// The component's candidates (global indices), sorted.
    local: &'a [usize],
    rest: u32,
    /// Cell (demand pair × slot) of each staff candidate's first slot, by
    /// position; `usize::MAX` for trainee candidates.
    base: Vec<usize>,
    /// Local volunteer of each position.
    vol_of: Vec<usize>,
    vols: Vec<Vol>,
    on: Vec<bool>,
    req: Vec<u32>,
    have: Vec<u32>,
    /// Locked trainees per cell: staff may not fall below.
    floor: Vec<u32>,
    /// Movable staff candidates by (volunteer, cell of first slot, slots).
    by_range: HashMap<(usize, usize, u32), usize>,
    /// Movable staff candidates covering each cell.
    covering: Vec<Vec<usize>>,
    /// Cells short of staff that some candidate could cover, and where
    /// each sits in that list (`usize::MAX`: not in it).
    open: Vec<usize>,
    open_at: Vec<usize>,
    uncovered: i64,
}

impl Search<'_> {
    fn cand(&self, p: usize) -> &Candidate {
        &self.cands[self.local[p]]
    }

    fn minutes(&self, p: usize) -> u64 {
        u64::from(self.cand(p).slots() * self.problem.slot_minutes)
    }

    /// Keeps `open` in step with cell `cell`.
    fn refresh(&mut self, cell: usize) {
        let short = self.have[cell] < self.req[cell] && !self.covering[cell].is_empty();
        let at = self.open_at[cell];
        if short && at == usize::MAX {
            self.open_at[cell] = self.open.len();
            self.open.push(cell);
        } else if !short && at != usize::MAX {
            self.open.swap_remove(at);
            if let Some(&moved) = self.open.get(at) {
                self.open_at[moved] = at;
            }
            self.open_at[cell] = usize::MAX;
        }
    }

    /// Adds (`add`) or removes staff candidate `p`'s slots from the
    /// counts; returns the change of uncovered slots.
    fn staff(&mut self, p: usize, add: bool) -> i64 {
        let (b, len) = (self.base[p], self.cand(p).slots() as usize);
        let mut d = 0;
        for cell in b..b + len {
            if add {
                d -= i64::from(self.have[cell] < self.req[cell]);
                self.have[cell] += 1;
            } else {
                self.have[cell] -= 1;
                d += i64::from(self.have[cell] < self.req[cell]);
            }
        }
        d
    }

    /// Records candidate `p` as on the rota (`on`) or off it, in its
    /// volunteer's shifts, minutes and count.
    fn book(&mut self, p: usize, on: bool) {
        let m = self.minutes(p);
        let v = &mut self.vols[self.vol_of[p]];
        if on {
            v.shifts.push(p);
            v.minutes += m;
            v.count += 1;
        } else {
            v.shifts.retain(|&q| q != p);
            v.minutes -= m;
            v.count -= 1;
        }
        self.on[p] = on;
    }

    /// Puts staff candidate `p` on the rota (`on`) or takes it off.
    fn set(&mut self, p: usize, on: bool) {
        self.uncovered += self.staff(p, on);
        self.book(p, on);
        let (b, len) = (self.base[p], self.cand(p).slots() as usize);
        for cell in b..b + len {
            self.refresh(cell);
        }
    }

    fn put(&mut self, p: usize) {
        self.set(p, true);
    }

    fn drop(&mut self, p: usize) {
        self.set(p, false);
    }

    /// Whether shifts `p` and `q` (of one volunteer) overlap or leave too
    /// little rest between them.
    fn clash(&self, p: usize, q: usize) -> bool {
        let (a, b) = (self.cand(p).shift.range, self.cand(q).shift.range);
        a.end + self.rest > b.start && b.end + self.rest > a.start
    }

    /// Whether `r` can join the rota with none of its volunteer's shifts
    /// leaving.
    fn fits(&self, r: usize) -> bool {
        let vol = &self.vols[self.vol_of[r]];
        let v = &self.problem.volunteers[self.cand(r).shift.volunteer];
        vol.shifts.iter().all(|&q| !self.clash(r, q))
            && v.max_minutes
                .is_none_or(|m| vol.minutes + self.minutes(r) <= u64::from(m))
            && v.max_shifts.is_none_or(|m| vol.count < u64::from(m))
    }

    /// The shifts that must leave the rota for `p` to join it, or `None`
    /// when a locked shift (or a limit no departure meets) stands in the
    /// way.
    fn ejected(&self, p: usize) -> Option<Vec<usize>> {
        let vol = &self.vols[self.vol_of[p]];
        let mut out = Vec::new();
        let (mut minutes, mut count) = (vol.minutes, vol.count);
        for &q in &vol.shifts {
            if self.clash(p, q) {
                if self.cand(q).locked {
                    return None;
                }
                out.push(q);
                minutes -= self.minutes(q);
                count -= 1;
            }
        }
        let v = &self.problem.volunteers[self.cand(p).shift.volunteer];
        let over = |minutes: u64, count: u64| {
            v.max_minutes
                .is_some_and(|m| minutes + self.minutes(p) > u64::from(m))
                || v.max_shifts.is_some_and(|m| count + 1 > u64::from(m))
        };
        // Limits: the shift whose slots are least needed leaves first.
        while over(minutes, count) {
            let q = vol
                .shifts
                .iter()
                .copied()
                .filter(|q| !out.contains(q) && !self.cand(*q).locked)
                .min_by_key(|&q| (self.needed(q), q))?;
            out.push(q);
            minutes -= self.minutes(q);
            count -= 1;
        }
        Some(out)
    }

    /// Slots of staff candidate `r` short of staff.
    fn short(&self, r: usize) -> usize {
        let (b, len) = (self.base[r], self.cand(r).slots() as usize);
        (b..b + len)
            .filter(|&cell| self.have[cell] < self.req[cell])
            .count()
    }

    /// Slots of staff shift `q` that would go short without it.
    fn needed(&self, q: usize) -> usize {
        let (b, len) = (self.base[q], self.cand(q).slots() as usize);
        (b..b + len)
            .filter(|&cell| self.have[cell] <= self.req[cell])
            .count()
    }

    /// Drops every movable staff shift on the rota that is overstaffed in
    /// all its slots, and shortens those overstaffed at their first or last
    /// slots where the shorter candidate exists: the same coverage, fewer
    /// minutes and shifts (room for others under the weekly limits) and no
    /// more unpreferred minutes. A locked trainee's mentor stays. Returns
    /// the moves until the next trim.
    fn trim(&mut self) -> usize {
        let on: Vec<usize> = self
            .vols
            .iter()
            .flat_map(|v| v.shifts.iter().copied())
            .collect();
        let next = TRIM_EVERY.max(on.len() / TRIM_READS_PER_MOVE);
        for p in on {
            if self.base[p] == usize::MAX || self.cand(p).locked {
                continue;
            }
            let v = self.vol_of[p];
            let (mut b, mut len) = (self.base[p], self.cand(p).slots());
            let spare = |s: &Self, cell: usize| s.have[cell] > s.req[cell].max(s.floor[cell]);
            if (b..b + len as usize).all(|cell| spare(self, cell)) {
                self.drop(p);
                continue;
            }
            let mut shorter = None;
            while len > 1 && spare(self, b + len as usize - 1) {
                let Some(&q) = self.by_range.get(&(v, b, len - 1)) else {
                    break;
                };
                (shorter, len) = (Some(q), len - 1);
            }
            while len > 1 && spare(self, b) {
                let Some(&q) = self.by_range.get(&(v, b + 1, len - 1)) else {
                    break;
                };
                (shorter, b, len) = (Some(q), b + 1, len - 1);
            }
            if let Some(q) = shorter {
                self.drop(p);
                self.put(q);
            }
        }
        next
    }

    /// After `p` joined the rota and `out` left it: each slot of `out` now
    /// short of staff is covered again, where another volunteer can add a
    /// shift there without any of theirs leaving (the one covering most
    /// short slots). Stops once the rota is back to `before` uncovered
    /// slots. Returns the shifts added.
    fn repair(&mut self, p: usize, out: &[usize], before: i64) -> Vec<usize> {
        let mut added = Vec::new();
        for &q in out {
            let (b, len) = (self.base[q], self.cand(q).slots() as usize);
            for cell in b..b + len {
                if self.uncovered <= before {
                    return added;
                }
                if self.have[cell] >= self.req[cell] {
                    continue;
                }
                let pick = self.covering[cell]
                    .iter()
                    .copied()
                    .filter(|&r| !self.on[r] && self.vol_of[r] != self.vol_of[p] && self.fits(r))
                    .max_by_key(|&r| (self.short(r), Reverse(self.minutes(r)), Reverse(r)));
                if let Some(r) = pick {
                    self.put(r);
                    added.push(r);
                }
            }
        }
        added
    }

    /// Whether the staff left where `out`'s shifts were still mentor
    /// every locked trainee there.
    fn floors_kept(&self, out: &[usize]) -> bool {
        out.iter().all(|&q| {
            let (b, len) = (self.base[q], self.cand(q).slots() as usize);
            (b..b + len).all(|cell| self.have[cell] >= self.floor[cell])
        })
    }
}

/// The coverage search (module docs) from `start`, a feasible rota of the
/// component whose candidates are `local`; stops after its moves or at
/// `stop`. Returns the rota (global indices, sorted), trainee shifts
/// added greedily.
pub fn improve(
    problem: &Problem,
    cands: &[Candidate],
    local: &[usize],
    start: &[usize],
    stop: Instant,
) -> Vec<usize> {
    let n = problem.n_slots as usize;
    // Demand pairs of the component's staff candidates, numbered.
    let mut pair_ix: HashMap<(usize, usize), usize> = HashMap::new();
    let mut req = Vec::new();
    for &j in local {
        let sh = &cands[j].shift;
        if sh.role != Role::Staff || pair_ix.contains_key(&(sh.centre, sh.skill)) {
            continue;
        }
        pair_ix.insert((sh.centre, sh.skill), pair_ix.len());
        match problem.required(sh.centre, sh.skill) {
            Some(r) => req.extend(r.iter().take(n).copied()),
            None => req.resize(req.len() + n, 0),
        }
        req.resize(pair_ix.len() * n, 0);
    }
    let cells = req.len();
    let mut vol_ix: HashMap<usize, usize> = HashMap::new();
    let mut vol_of = Vec::with_capacity(local.len());
    let mut base = Vec::with_capacity(local.len());
    for &j in local {
        let sh = &cands[j].shift;
        let next = vol_ix.len();
        vol_of.push(*vol_ix.entry(sh.volunteer).or_insert(next));
        base.push(match sh.role {
            Role::Staff => pair_ix[&(sh.centre, sh.skill)] * n + sh.range.start as usize,
            Role::Trainee => usize::MAX,
        });
    }
    let mut covering = vec![Vec::new(); cells];
    let mut by_range = HashMap::new();
    for (p, &j) in local.iter().enumerate() {
        let c = &cands[j];
        if c.locked || c.shift.role != Role::Staff {
            continue;
        }
        by_range.insert((vol_of[p], base[p], c.slots()), p);
        for cell in base[p]..base[p] + c.slots() as usize {
            if req[cell] > 0 {
                covering[cell].push(p);
            }
        }
    }
    let mut floor = vec![0; cells];
    for &j in local {
        let sh = &cands[j].shift;
        if cands[j].locked && sh.role == Role::Trainee {
            if let Some(&k) = pair_ix.get(&(sh.centre, sh.skill)) {
                for s in sh.range.start..sh.range.end {
                    floor[k * n + s as usize] += 1;
                }
            }
        }
    }
    let mut s = Search {
        problem,
        cands,
        local,
        rest: rest_slots(problem),
        base,
        vol_of,
        vols: vec![Vol::default(); vol_ix.len()],
        on: vec![false; local.len()],
        have: vec![0; cells],
        uncovered: req.iter().map(|&r| i64::from(r)).sum(),
        req,
        floor,
        covering,
        by_range,
        open: Vec::new(),
        open_at: vec![usize::MAX; cells],
    };
    for cell in 0..cells {
        s.refresh(cell);
    }
    // Locked shifts (any role) and the start's staff shifts; the start's
    // trainee shifts are added again at the end.
    for (p, &j) in local.iter().enumerate() {
        let c = &cands[j];
        let keep = c.locked || (c.shift.role == Role::Staff && start.binary_search(&j).is_ok());
        if !keep {
            continue;
        }
        if c.shift.role == Role::Staff {
            s.put(p);
        } else {
            s.book(p, true);
        }
    }
    let (t0, first) = (Instant::now(), s.uncovered);
    s.trim();
    let mut best = (s.uncovered, s.on.clone());
    let mut rng = Rng(SEED ^ local.len() as u64);
    let moves = MOVES_PER_CANDIDATE * local.len();
    let mut next_trim = 0;
    for it in 0..moves {
        if s.open.is_empty() || (it % CLOCK_EVERY == 0 && Instant::now() >= stop) {
            break;
        }
        if it == next_trim {
            next_trim += s.trim();
        }
        let cell = s.open[rng.below(s.open.len())];
        let p = s.covering[cell][rng.below(s.covering[cell].len())];
        if s.on[p] {
            continue;
        }
        let Some(out) = s.ejected(p) else { continue };
        let before = s.uncovered;
        for &q in &out {
            s.drop(q);
        }
        s.put(p);
        let added = s.repair(p, &out, before);
        let worse = s.uncovered - before;
        let temp = START_TEMP * (END_TEMP / START_TEMP).powf(it as f64 / moves as f64);
        if !s.floors_kept(&out) || (worse > 0 && rng.unit() >= (-(worse as f64) / temp).exp()) {
            for &r in added.iter().rev() {
                s.drop(r);
            }
            s.drop(p);
            for &q in &out {
                s.put(q);
            }
            continue;
        }
        if s.uncovered < best.0 {
            best = (s.uncovered, s.on.clone());
        }
    }
    let staff: Vec<usize> = (0..local.len())
        .filter(|&p| best.1[p])
        .map(|p| local[p])
        .collect();
    tracing::debug!(
        "coverage search: {} candidates, {} → {} staff-slots short in {:.3}s",
        local.len(),
        first,
        best.0,
        t0.elapsed().as_secs_f64()
    );
    greedy::with_trainees(problem, cands, local, &staff)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::time::{Duration, Instant};

    use crate::candidates::{self, Candidate};
    use crate::problem::{Problem, Role, Shift};

    /// One centre, one skill, 60-minute slots, shifts of 2–4 hours: one
    /// staff needed on Monday 9:00–11:00 and on Tuesday 9:00–13:00.
    /// `a` (one shift a week) can serve either morning, `b` only Monday's;
    /// `locked_trainee` puts a locked trainee beside Monday's staff.
    fn week(with_b: bool, locked_trainee: bool) -> Problem {
        let window = |d: u32, h: u32| {
            format!(
                r#"{{"start": "2026-12-0{d}T09:00:00+01:00", "end": "2026-12-0{d}T{h}:00:00+01:00"}}"#
            )
        };
        let demand = |d: u32, h: u32| {
            format!(
                r#"{{"centre": "A", "skill": "ecoute", "required": 1, "start": "2026-12-0{d}T09:00:00+01:00", "end": "2026-12-0{d}T{h}:00:00+01:00"}}"#
            )
        };
        let b = format!(
            r#", {{"id": "b", "name": "b", "centres": ["A"],
                "qualifications": [{{"skill": "ecoute", "valid_until": null}}],
                "availability": [{}]}}"#,
            window(7, 11)
        );
        let t = format!(
            r#", {{"id": "t", "name": "t", "centres": ["A"], "qualifications": [],
                "trainee_for": ["ecoute"], "training_minutes_target": 120,
                "availability": [{}]}}"#,
            window(7, 11)
        );
        let locked = r#"{"volunteer": "t", "centre": "A", "skill": "ecoute", "role": "trainee",
            "start": "2026-12-07T09:00:00+01:00", "end": "2026-12-07T11:00:00+01:00"}"#;
        let json = format!(
            r#"{{"format": "rota-scenario/1", "name": "search", "timezone": "Europe/Paris",
                "week_start": "2026-12-07", "slot_minutes": 60,
                "service_level": {{"target": 0.8, "answer_within_seconds": 60}},
                "rules": {{"min_shift_minutes": 120, "max_shift_minutes": 240,
                          "min_rest_minutes": 600, "trainee_requires_mentor": true}},
                "skills": [{{"code": "ecoute", "name": "Écoute"}}],
                "centres": [{{"id": "A", "name": "A"}}],
                "demand": [{}, {}],
                "volunteers": [
                  {{"id": "a", "name": "a", "centres": ["A"], "max_shifts": 1,
                    "qualifications": [{{"skill": "ecoute", "valid_until": null}}],
                    "availability": [{}, {}]}}{}{}],
                "locked_shifts": [{}]}}"#,
            demand(7, 11),
            demand(8, 13),
            window(7, 11),
            window(8, 13),
            if with_b { b.as_str() } else { "" },
            if locked_trainee { t.as_str() } else { "" },
            if locked_trainee { locked } else { "" },
        );
        crate::parse::parse_scenario(json.as_bytes()).unwrap()
    }

    /// The candidate of volunteer `v` (staff) over `[start, end)`.
    fn staff(cands: &[Candidate], v: usize, start: u32, end: u32) -> usize {
        cands
            .iter()
            .position(|c| {
                let sh = &c.shift;
                sh.volunteer == v
                    && sh.role == Role::Staff
                    && (sh.range.start, sh.range.end) == (start, end)
            })
            .unwrap()
    }

    fn searched(p: &Problem, start: &[usize]) -> (Vec<Shift>, u64) {
        let cands = candidates::build(p).unwrap();
        let all: Vec<usize> = (0..cands.len()).collect();
        let mut start = start.to_vec();
        start.extend((0..cands.len()).filter(|&j| cands[j].locked));
        start.sort_unstable();
        let stop = Instant::now() + Duration::from_secs(10);
        let rota = super::improve(p, &cands, &all, &start, stop);
        let shifts: Vec<Shift> = rota.iter().map(|&j| cands[j].shift).collect();
        let report = crate::check::check(p, &shifts);
        assert!(report.is_valid(), "{:?}", report.violations);
        let uncovered = crate::score::score(p, &shifts).uncovered;
        (shifts, uncovered)
    }

    /// From `a` on Monday (Tuesday's four hours short), the search moves
    /// `a` to Tuesday and puts `b` on Monday: nothing left short.
    #[test]
    fn moves_a_volunteer_and_covers_what_they_left() {
        let p = week(true, false);
        let cands = candidates::build(&p).unwrap();
        // Monday 9:00 is slot 9, Tuesday 9:00 slot 33.
        let (shifts, uncovered) = searched(&p, &[staff(&cands, 0, 9, 11)]);
        assert_eq!(uncovered, 0);
        let on = |v: usize| {
            shifts
                .iter()
                .find(|s| s.volunteer == v)
                .map(|s| s.range.start)
        };
        assert_eq!((on(0), on(1)), (Some(33), Some(9)));
    }

    /// The same move would leave Monday's locked trainee without a mentor
    /// when `b` is not there: `a` stays on Monday.
    #[test]
    fn keeps_the_mentor_of_a_locked_trainee() {
        let p = week(false, true);
        let cands = candidates::build(&p).unwrap();
        let (shifts, uncovered) = searched(&p, &[staff(&cands, 0, 9, 11)]);
        assert_eq!(uncovered, 4 * 60);
        assert!(shifts
            .iter()
            .any(|s| s.volunteer == 0 && s.range.start == 9 && s.role == Role::Staff));
    }

    /// From an empty rota, the search alone staffs Tuesday with `a` (the
    /// larger need) and Monday with `b`.
    #[test]
    fn builds_a_rota_from_nothing() {
        let p = week(true, false);
        let (_, uncovered) = searched(&p, &[]);
        assert_eq!(uncovered, 0);
    }
}
