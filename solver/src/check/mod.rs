//! The in-crate referee: checks shifts against a problem's hard rules 1–9
//! and scores them exactly as `check.py` does (FORMAT.md), so tests and the
//! solver can validate a rota without Python. Linear in the number of shifts
//! and slots; 20,000 volunteers take a few milliseconds.

mod rules;

use std::collections::HashMap;

use crate::problem::{CentreIx, Problem, Role, Shift, SkillIx};
use rules::Ctx;

/// A broken hard rule (1–9, FORMAT.md) with a readable explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub rule: u8,
    pub message: String,
}

/// The three score levels, compared lexicographically (lower is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Score {
    pub uncovered_minutes: u64,
    pub training_shortfall_minutes: u64,
    pub unpreferred_minutes: u64,
}

/// Rostered hours per volunteer over all volunteers (population stdev).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct HoursSpread {
    pub volunteers: usize,
    pub rostered_volunteers: usize,
    pub total: f64,
    pub min: f64,
    pub mean: f64,
    pub max: f64,
    pub stdev: f64,
    pub mean_of_rostered: f64,
}

/// Everything `check.py` reports about a solution.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub violations: Vec<Violation>,
    pub score: Score,
    /// `1 - uncovered / required` minutes (1 when nothing is required).
    pub coverage: f64,
    pub required_minutes: u64,
    pub overstaffed_minutes: u64,
    pub shifts: usize,
    pub trainee_minutes: u64,
    pub hours: HoursSpread,
}

impl Report {
    /// No hard rule is broken.
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
    }

    /// Number of violations of each rule (index = rule number, 0 unused).
    pub fn violations_by_rule(&self) -> [usize; 10] {
        let mut n = [0; 10];
        for v in &self.violations {
            n[usize::from(v.rule.min(9))] += 1;
        }
        n
    }
}

/// Per-slot counts of staff and trainees by (centre, skill).
type Counts = HashMap<(CentreIx, SkillIx), Vec<u32>>;

/// A volunteer's availability and preference per slot, and whether any
/// window is preferred.
type Avail = Option<(Vec<bool>, Vec<bool>, bool)>;

/// What the shifts with known ids add up to, gathered in one pass.
struct Tally {
    staff: Counts,
    trainees: Counts,
    /// Keys of `trainees` in order of first appearance.
    trainee_order: Vec<(CentreIx, SkillIx)>,
    /// Each volunteer's shifts as (start, end, index).
    by_vol: Vec<Vec<(u32, u32, usize)>>,
    /// Volunteers in order of their first shift.
    vol_order: Vec<usize>,
    /// Availability and preference per volunteer, built on first use.
    avail: Vec<Avail>,
    /// Rostered and trainee minutes per volunteer.
    rostered: Vec<u64>,
    trainee_min: Vec<u64>,
    unpreferred: u64,
}

fn add(counts: &mut Counts, key: (CentreIx, SkillIx), s: &Shift, horizon: usize) {
    let v = counts.entry(key).or_insert_with(|| vec![0; horizon]);
    for k in s.range.start..s.range.end {
        v[k as usize] += 1;
    }
}

impl Tally {
    fn new(n_volunteers: usize) -> Self {
        Tally {
            staff: HashMap::new(),
            trainees: HashMap::new(),
            trainee_order: Vec::new(),
            by_vol: vec![Vec::new(); n_volunteers],
            vol_order: Vec::new(),
            avail: vec![None; n_volunteers],
            rostered: vec![0; n_volunteers],
            trainee_min: vec![0; n_volunteers],
            unpreferred: 0,
        }
    }

    /// Counts shift `i` (ids known, end after start) and its score parts;
    /// returns its volunteer's availability per slot.
    fn record(&mut self, p: &Problem, i: usize, s: &Shift, horizon: usize) -> &[bool] {
        let sm = u64::from(p.slot_minutes);
        let (a, b) = (s.range.start, s.range.end);
        let key = (s.centre, s.skill);
        match s.role {
            Role::Staff => add(&mut self.staff, key, s, horizon),
            Role::Trainee => {
                if !self.trainees.contains_key(&key) {
                    self.trainee_order.push(key);
                }
                add(&mut self.trainees, key, s, horizon);
            }
        }
        if self.by_vol[s.volunteer].is_empty() {
            self.vol_order.push(s.volunteer);
        }
        self.by_vol[s.volunteer].push((a, b, i));
        let vol = &p.volunteers[s.volunteer];
        let (av, pref, has_pref) = self.avail[s.volunteer].get_or_insert_with(|| {
            let mut av = vec![false; horizon];
            let mut pref = vec![false; horizon];
            for w in &vol.availability {
                for k in w.range.start..w.range.end.min(horizon as u32) {
                    av[k as usize] = true;
                    pref[k as usize] |= w.preferred;
                }
            }
            let has = pref.iter().any(|&x| x);
            (av, pref, has)
        });
        let length = u64::from(b - a) * sm;
        self.rostered[s.volunteer] += length;
        if s.role == Role::Trainee {
            self.trainee_min[s.volunteer] += length;
        }
        if *has_pref {
            self.unpreferred += (a..b).filter(|&k| !pref[k as usize]).count() as u64 * sm;
        }
        av
    }
}

/// Uncovered, required and overstaffed minutes, given the staff per slot.
fn coverage(p: &Problem, staff: &Counts) -> (u64, u64, u64) {
    let sm = u64::from(p.slot_minutes);
    let (mut uncovered, mut required) = (0u64, 0u64);
    for (key, req) in p.requirements.iter() {
        let st = staff.get(&key);
        for (k, &r) in req.iter().enumerate() {
            let n = st.map_or(0, |v| v[k]);
            uncovered += u64::from(r.saturating_sub(n)) * sm;
            required += u64::from(r) * sm;
        }
    }
    let mut over = 0u64;
    for (&(c, s), st) in staff {
        let req = p.requirements.get(c, s);
        for (k, &n) in st.iter().enumerate() {
            let r = req.and_then(|v| v.get(k).copied()).unwrap_or(0);
            over += u64::from(n.saturating_sub(r)) * sm;
        }
    }
    (uncovered, required, over)
}

/// Checks `shifts` (a whole solution, locked shifts included) against
/// `problem` and scores them.
pub fn check(problem: &Problem, shifts: &[Shift]) -> Report {
    let p = problem;
    let horizon = shifts
        .iter()
        .map(|s| s.range.end)
        .max()
        .unwrap_or(0)
        .max(p.n_slots) as usize;
    let mut cx = Ctx {
        p,
        dates: (0..horizon as u32).map(|k| p.slot_date(k)).collect(),
        horizon,
        violations: Vec::new(),
    };
    let mut tally = Tally::new(p.volunteers.len());
    for (i, s) in shifts.iter().enumerate() {
        if cx.shape(i, s) == Some(true) {
            let av = tally.record(p, i, s, horizon);
            cx.personal(i, s, av);
        }
    }
    // Per volunteer in order of first appearance.
    for &v in &tally.vol_order {
        cx.rest_and_limits(shifts, v, &mut tally.by_vol[v]);
    }
    if p.rules.trainee_requires_mentor {
        cx.mentors(&tally);
    }
    cx.locked(shifts);

    let (uncovered, required, over) = coverage(p, &tally.staff);
    let shortfall: u64 = p
        .volunteers
        .iter()
        .zip(&tally.trainee_min)
        .map(|(v, &t)| u64::from(v.training_minutes_target).saturating_sub(t))
        .sum();
    Report {
        violations: cx.violations,
        score: Score {
            uncovered_minutes: uncovered,
            training_shortfall_minutes: shortfall,
            unpreferred_minutes: tally.unpreferred,
        },
        coverage: if required > 0 {
            1.0 - uncovered as f64 / required as f64
        } else {
            1.0
        },
        required_minutes: required,
        overstaffed_minutes: over,
        shifts: shifts.len(),
        trainee_minutes: tally.trainee_min.iter().sum(),
        hours: spread(&tally.rostered),
    }
}

fn spread(minutes: &[u64]) -> HoursSpread {
    let hours: Vec<f64> = minutes.iter().map(|&m| m as f64 / 60.0).collect();
    let n = hours.len();
    if n == 0 {
        return HoursSpread::default();
    }
    let total: f64 = hours.iter().sum();
    let mean = total / n as f64;
    let var = hours.iter().map(|h| (h - mean).powi(2)).sum::<f64>() / n as f64;
    let worked: Vec<f64> = hours.iter().copied().filter(|&h| h > 0.0).collect();
    HoursSpread {
        volunteers: n,
        rostered_volunteers: worked.len(),
        total,
        min: hours.iter().copied().fold(f64::INFINITY, f64::min),
        mean,
        max: hours.iter().copied().fold(0.0, f64::max),
        stdev: var.sqrt(),
        mean_of_rostered: if worked.is_empty() {
            0.0
        } else {
            worked.iter().sum::<f64>() / worked.len() as f64
        },
    }
}
