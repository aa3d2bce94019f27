//! The hard rules of FORMAT.md checked one shift, one volunteer or one
//! (centre, skill) at a time, each broken rule a `Violation` with a
//! readable message.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Tally, Violation};
use crate::problem::{Problem, Role, Shift};

/// The problem, and the violations found so far.
pub(super) struct Ctx<'a> {
    pub(super) p: &'a Problem,
    /// Local date of each slot up to `horizon`.
    pub(super) dates: Vec<NaiveDate>,
    /// Slots counted: the week, or further if a shift ends beyond it.
    pub(super) horizon: usize,
    pub(super) violations: Vec<Violation>,
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

    /// Rules 9 (known ids) and 1 (inside the week, a template or an
    /// allowed length) for shift `i`. `None` when it ends at or before its
    /// start (nothing more to check), else whether its ids are known.
    pub(super) fn shape(&mut self, i: usize, s: &Shift) -> Option<bool> {
        let p = self.p;
        let mut known = true;
        if s.volunteer >= p.volunteers.len() {
            self.v(9, format!("{}: unknown volunteer", self.label(i, s)));
            known = false;
        }
        if s.centre >= p.centres.len() {
            self.v(9, format!("{}: unknown centre", self.label(i, s)));
            known = false;
        }
        if s.skill >= p.skills.len() {
            self.v(9, format!("{}: unknown skill", self.label(i, s)));
            known = false;
        }
        let (a, b) = (s.range.start, s.range.end);
        if b > p.n_slots {
            let msg = format!("{}: not inside the week", self.label(i, s));
            self.v(1, msg);
        }
        if b <= a {
            self.v(1, format!("{}: end is not after start", self.label(i, s)));
            return None;
        }
        let length = u64::from(b - a) * u64::from(p.slot_minutes);
        match p.centres.get(s.centre).map(|c| &c.templates) {
            Some(t) if !t.is_empty() => {
                if !t.contains(&s.range) {
                    let msg = format!(
                        "{}: matches none of the {} shift template(s) of its centre",
                        self.label(i, s),
                        t.len()
                    );
                    self.v(1, msg);
                }
            }
            _ => {
                let r = &p.rules;
                if length < u64::from(r.min_shift_minutes)
                    || length > u64::from(r.max_shift_minutes)
                {
                    let msg = format!(
                        "{}: lasts {length} min (elapsed), allowed {}..{}",
                        self.label(i, s),
                        r.min_shift_minutes,
                        r.max_shift_minutes
                    );
                    self.v(1, msg);
                }
            }
        }
        Some(known)
    }

    /// Rules 2 (availability `av`), 3 (one of their centres) and 4
    /// (qualification valid on every slot, or trainee for the skill) for
    /// shift `i` of a known volunteer.
    pub(super) fn personal(&mut self, i: usize, s: &Shift, av: &[bool]) {
        let p = self.p;
        let sm = u64::from(p.slot_minutes);
        let (a, b) = (s.range.start, s.range.end);
        let vol = &p.volunteers[s.volunteer];
        let missing: Vec<u32> = (a..b).filter(|&k| !av[k as usize]).collect();
        if let Some(&first) = missing.first() {
            let msg = format!(
                "{}: outside {}'s availability for {} min (from {})",
                self.label(i, s),
                vol.id,
                missing.len() as u64 * sm,
                p.format_slot(first)
            );
            self.v(2, msg);
        }
        if !vol.centres.contains(&s.centre) {
            let msg = format!(
                "{}: centre is not one of {}'s centres",
                self.label(i, s),
                vol.id
            );
            self.v(3, msg);
        }
        match s.role {
            Role::Staff => match vol.qualifications.iter().find(|q| q.skill == s.skill) {
                None => {
                    let msg = format!(
                        "{}: {} holds no qualification for it",
                        self.label(i, s),
                        vol.id
                    );
                    self.v(4, msg);
                }
                Some(q) => {
                    if let Some(vu) = q.valid_until {
                        if let Some(k) = (a..b).find(|&k| self.dates[k as usize] > vu) {
                            let msg = format!(
                                "{}: qualification expired {vu}, slot on {}",
                                self.label(i, s),
                                self.dates[k as usize]
                            );
                            self.v(4, msg);
                        }
                    }
                }
            },
            Role::Trainee => {
                if !vol.trainee_for.contains(&s.skill) {
                    let msg = format!(
                        "{}: trainee shift but the skill is not in {}'s trainee_for",
                        self.label(i, s),
                        vol.id
                    );
                    self.v(4, msg);
                }
            }
        }
    }

    /// Rules 5 (no overlap, rest between shifts) and 6 (weekly limits) for
    /// volunteer `v`'s shifts `lst`, sorted here.
    pub(super) fn rest_and_limits(
        &mut self,
        shifts: &[Shift],
        v: usize,
        lst: &mut [(u32, u32, usize)],
    ) {
        let p = self.p;
        let sm = u64::from(p.slot_minutes);
        let vol = &p.volunteers[v];
        lst.sort_unstable();
        let mut last: Option<(u32, u32, usize)> = None;
        for &(a, b, i) in lst.iter() {
            if let Some((_, lb, li)) = last {
                if a < lb {
                    let msg = format!(
                        "{} overlaps {}",
                        self.label(i, &shifts[i]),
                        self.label(li, &shifts[li])
                    );
                    self.v(5, msg);
                } else if u64::from(a - lb) * sm < u64::from(p.rules.min_rest_minutes) {
                    let msg = format!(
                        "{} starts {} min after the end of {}; min_rest_minutes is {}",
                        self.label(i, &shifts[i]),
                        u64::from(a - lb) * sm,
                        self.label(li, &shifts[li]),
                        p.rules.min_rest_minutes
                    );
                    self.v(5, msg);
                }
            }
            if last.is_none_or(|l| b > l.1) {
                last = Some((a, b, i));
            }
        }
        let total: u64 = lst.iter().map(|&(a, b, _)| u64::from(b - a) * sm).sum();
        if let Some(m) = vol.max_minutes.filter(|&m| total > u64::from(m)) {
            self.v(
                6,
                format!("{}: rostered {total} min, max_minutes is {m}", vol.id),
            );
        }
        if let Some(m) = vol.max_shifts.filter(|&m| lst.len() > m as usize) {
            self.v(
                6,
                format!("{}: {} shifts, max_shifts is {m}", vol.id, lst.len()),
            );
        }
    }

    /// Rule 7: in no slot more trainees than staff for a centre and skill.
    pub(super) fn mentors(&mut self, t: &Tally) {
        let p = self.p;
        for key in &t.trainee_order {
            let tr = &t.trainees[key];
            let st = t.staff.get(key);
            let at = |k: usize| st.map_or(0, |v| v[k]);
            let bad: Vec<usize> = (0..self.horizon).filter(|&k| tr[k] > at(k)).collect();
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
                self.v(7, msg);
            }
        }
    }

    /// Rule 8: every locked shift is among `shifts` (as a multiset).
    pub(super) fn locked(&mut self, shifts: &[Shift]) {
        let mut have: HashMap<&Shift, usize> = HashMap::new();
        for s in shifts {
            *have.entry(s).or_default() += 1;
        }
        for l in &self.p.locked_shifts {
            match have.get_mut(l).filter(|n| **n > 0) {
                Some(n) => *n -= 1,
                None => {
                    let msg = format!(
                        "locked shift missing: {}",
                        self.label(0, l).replacen("shift #0 ", "", 1)
                    );
                    self.v(8, msg);
                }
            }
        }
    }
}
