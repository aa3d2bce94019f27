//! The in-crate referee: checks shifts against a problem's hard rules 1–9
//! and scores them exactly as `check.py` does (FORMAT.md), so tests and the
//! solver can validate a rota without Python. Linear in the number of shifts
//! and slots; 20,000 volunteers take a few milliseconds.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::problem::{CentreIx, Problem, Role, Shift, SkillIx};

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

struct Ctx<'a> {
    p: &'a Problem,
    dates: Vec<NaiveDate>,
    violations: Vec<Violation>,
}

impl Ctx<'_> {
    fn v(&mut self, rule: u8, message: String) {
        self.violations.push(Violation { rule, message });
    }

    fn label(&self, i: usize, s: &Shift) -> String {
        let p = self.p;
        let id = |v: Option<&str>| v.unwrap_or("?").to_string();
        format!(
            "shift #{i} ({} {} {}@{} {}..{})",
            id(p.volunteers.get(s.volunteer).map(|v| v.id.as_str())),
            s.role.as_str(),
            id(p.skills.get(s.skill).map(|x| x.code.as_str())),
            id(p.centres.get(s.centre).map(|c| c.id.as_str())),
            p.format_slot(s.range.start),
            p.format_slot(s.range.end),
        )
    }
}

/// Per-slot counts of staff and trainees by (centre, skill).
type Counts = HashMap<(CentreIx, SkillIx), Vec<u32>>;

/// A volunteer's availability and preference per slot, and whether any
/// window is preferred.
type Avail = Option<(Vec<bool>, Vec<bool>, bool)>;

fn add(counts: &mut Counts, key: (CentreIx, SkillIx), s: &Shift, horizon: usize) {
    let v = counts.entry(key).or_insert_with(|| vec![0; horizon]);
    for k in s.range.start..s.range.end {
        v[k as usize] += 1;
    }
}

/// Checks `shifts` (a whole solution, locked shifts included) against
/// `problem` and scores them.
pub fn check(problem: &Problem, shifts: &[Shift]) -> Report {
    let p = problem;
    let sm = u64::from(p.slot_minutes);
    let horizon = shifts
        .iter()
        .map(|s| s.range.end)
        .max()
        .unwrap_or(0)
        .max(p.n_slots) as usize;
    let dates = (0..horizon as u32).map(|k| p.slot_date(k)).collect();
    let mut cx = Ctx {
        p,
        dates,
        violations: Vec::new(),
    };
    let mut staff: Counts = HashMap::new();
    let mut trainees: Counts = HashMap::new();
    let mut trainee_order: Vec<(CentreIx, SkillIx)> = Vec::new();
    let mut by_vol: Vec<Vec<(u32, u32, usize)>> = vec![Vec::new(); p.volunteers.len()];
    let mut vol_order: Vec<usize> = Vec::new();
    // Availability and preference per volunteer, built on first use.
    let mut avail: Vec<Avail> = vec![None; p.volunteers.len()];
    let mut rostered = vec![0u64; p.volunteers.len()];
    let mut trainee_min = vec![0u64; p.volunteers.len()];
    let mut unpreferred = 0u64;

    for (i, s) in shifts.iter().enumerate() {
        let mut known = true;
        if s.volunteer >= p.volunteers.len() {
            cx.v(9, format!("{}: unknown volunteer", cx.label(i, s)));
            known = false;
        }
        if s.centre >= p.centres.len() {
            cx.v(9, format!("{}: unknown centre", cx.label(i, s)));
            known = false;
        }
        if s.skill >= p.skills.len() {
            cx.v(9, format!("{}: unknown skill", cx.label(i, s)));
            known = false;
        }
        let (a, b) = (s.range.start, s.range.end);
        if b > p.n_slots {
            let msg = format!("{}: not inside the week", cx.label(i, s));
            cx.v(1, msg);
        }
        if b <= a {
            cx.v(1, format!("{}: end is not after start", cx.label(i, s)));
            continue;
        }
        let length = u64::from(b - a) * sm;
        match p.centres.get(s.centre).map(|c| &c.templates) {
            Some(t) if !t.is_empty() => {
                if !t.contains(&s.range) {
                    let msg = format!(
                        "{}: matches none of the {} shift template(s) of its centre",
                        cx.label(i, s),
                        t.len()
                    );
                    cx.v(1, msg);
                }
            }
            _ => {
                let r = &p.rules;
                if length < u64::from(r.min_shift_minutes)
                    || length > u64::from(r.max_shift_minutes)
                {
                    let msg = format!(
                        "{}: lasts {length} min (elapsed), allowed {}..{}",
                        cx.label(i, s),
                        r.min_shift_minutes,
                        r.max_shift_minutes
                    );
                    cx.v(1, msg);
                }
            }
        }
        if !known {
            continue;
        }
        let key = (s.centre, s.skill);
        match s.role {
            Role::Staff => add(&mut staff, key, s, horizon),
            Role::Trainee => {
                if !trainees.contains_key(&key) {
                    trainee_order.push(key);
                }
                add(&mut trainees, key, s, horizon);
            }
        }
        if by_vol[s.volunteer].is_empty() {
            vol_order.push(s.volunteer);
        }
        by_vol[s.volunteer].push((a, b, i));
        let vol = &p.volunteers[s.volunteer];
        let (av, pref, has_pref) = avail[s.volunteer].get_or_insert_with(|| {
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
        // Score parts of this shift.
        rostered[s.volunteer] += length;
        if s.role == Role::Trainee {
            trainee_min[s.volunteer] += length;
        }
        if *has_pref {
            unpreferred += (a..b).filter(|&k| !pref[k as usize]).count() as u64 * sm;
        }
        // Rule 2.
        let missing: Vec<u32> = (a..b).filter(|&k| !av[k as usize]).collect();
        if let Some(&first) = missing.first() {
            let msg = format!(
                "{}: outside {}'s availability for {} min (from {})",
                cx.label(i, s),
                vol.id,
                missing.len() as u64 * sm,
                p.format_slot(first)
            );
            cx.v(2, msg);
        }
        // Rule 3.
        if !vol.centres.contains(&s.centre) {
            let msg = format!(
                "{}: centre is not one of {}'s centres",
                cx.label(i, s),
                vol.id
            );
            cx.v(3, msg);
        }
        // Rule 4.
        match s.role {
            Role::Staff => match vol.qualifications.iter().find(|q| q.skill == s.skill) {
                None => {
                    let msg = format!(
                        "{}: {} holds no qualification for it",
                        cx.label(i, s),
                        vol.id
                    );
                    cx.v(4, msg);
                }
                Some(q) => {
                    if let Some(vu) = q.valid_until {
                        if let Some(k) = (a..b).find(|&k| cx.dates[k as usize] > vu) {
                            let msg = format!(
                                "{}: qualification expired {vu}, slot on {}",
                                cx.label(i, s),
                                cx.dates[k as usize]
                            );
                            cx.v(4, msg);
                        }
                    }
                }
            },
            Role::Trainee => {
                if !vol.trainee_for.contains(&s.skill) {
                    let msg = format!(
                        "{}: trainee shift but the skill is not in {}'s trainee_for",
                        cx.label(i, s),
                        vol.id
                    );
                    cx.v(4, msg);
                }
            }
        }
    }

    // Rules 5 and 6, per volunteer in order of first appearance.
    for &v in &vol_order {
        let vol = &p.volunteers[v];
        let lst = &mut by_vol[v];
        lst.sort_unstable();
        let mut last: Option<(u32, u32, usize)> = None;
        for &(a, b, i) in lst.iter() {
            if let Some((_, lb, li)) = last {
                if a < lb {
                    let msg = format!(
                        "{} overlaps {}",
                        cx.label(i, &shifts[i]),
                        cx.label(li, &shifts[li])
                    );
                    cx.v(5, msg);
                } else if u64::from(a - lb) * sm < u64::from(p.rules.min_rest_minutes) {
                    let msg = format!(
                        "{} starts {} min after the end of {}; min_rest_minutes is {}",
                        cx.label(i, &shifts[i]),
                        u64::from(a - lb) * sm,
                        cx.label(li, &shifts[li]),
                        p.rules.min_rest_minutes
                    );
                    cx.v(5, msg);
                }
            }
            if last.is_none_or(|l| b > l.1) {
                last = Some((a, b, i));
            }
        }
        let total: u64 = lst.iter().map(|&(a, b, _)| u64::from(b - a) * sm).sum();
        if let Some(m) = vol.max_minutes.filter(|&m| total > u64::from(m)) {
            cx.v(
                6,
                format!("{}: rostered {total} min, max_minutes is {m}", vol.id),
            );
        }
        if let Some(m) = vol.max_shifts.filter(|&m| lst.len() > m as usize) {
            cx.v(
                6,
                format!("{}: {} shifts, max_shifts is {m}", vol.id, lst.len()),
            );
        }
    }

    // Rule 7.
    if p.rules.trainee_requires_mentor {
        for key in &trainee_order {
            let tr = &trainees[key];
            let st = staff.get(key);
            let at = |k: usize| st.map_or(0, |v| v[k]);
            let bad: Vec<usize> = (0..horizon).filter(|&k| tr[k] > at(k)).collect();
            if let Some(&k) = bad.first() {
                let msg = format!(
                    "{}@{}: more trainees than staff in {} slot(s), first {}: {} trainee(s), {} staff",
                    p.skills[key.1].code,
                    p.centres[key.0].id,
                    bad.len(),
                    p.format_slot(k as u32),
                    tr[k],
                    at(k)
                );
                cx.v(7, msg);
            }
        }
    }

    // Rule 8: locked shifts, as a multiset.
    let mut have: HashMap<&Shift, usize> = HashMap::new();
    for s in shifts {
        *have.entry(s).or_default() += 1;
    }
    for l in &p.locked_shifts {
        match have.get_mut(l).filter(|n| **n > 0) {
            Some(n) => *n -= 1,
            None => {
                let msg = format!(
                    "locked shift missing: {}",
                    cx.label(0, l).replacen("shift #0 ", "", 1)
                );
                cx.v(8, msg);
            }
        }
    }

    // Score.
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
    for (&(c, s), st) in &staff {
        let req = p.requirements.get(c, s);
        for (k, &n) in st.iter().enumerate() {
            let r = req.and_then(|v| v.get(k).copied()).unwrap_or(0);
            over += u64::from(n.saturating_sub(r)) * sm;
        }
    }
    let shortfall: u64 = p
        .volunteers
        .iter()
        .zip(&trainee_min)
        .map(|(v, &t)| u64::from(v.training_minutes_target).saturating_sub(t))
        .sum();
    Report {
        violations: cx.violations,
        score: Score {
            uncovered_minutes: uncovered,
            training_shortfall_minutes: shortfall,
            unpreferred_minutes: unpreferred,
        },
        coverage: if required > 0 {
            1.0 - uncovered as f64 / required as f64
        } else {
            1.0
        },
        required_minutes: required,
        overstaffed_minutes: over,
        shifts: shifts.len(),
        trainee_minutes: trainee_min.iter().sum(),
        hours: spread(&rostered),
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
