//! Hand-built problems for the solver tests, and an independent validator
//! of the hard rules (FORMAT.md 1–8) on slot-level shifts.
#![allow(dead_code)]

use chrono::{NaiveDate, TimeZone};
use solver::problem::*;

/// The greedy rota (`solver::greedy`) over every candidate of `p`: its
/// components share neither volunteers nor demand, so this is the union
/// of their greedy rotas.
pub fn greedy_shifts(p: &Problem) -> Vec<Shift> {
    let cands = solver::candidates::build(p).expect("candidates");
    let all: Vec<usize> = (0..cands.len()).collect();
    solver::greedy::rota(p, &cands, &all)
        .iter()
        .map(|&j| cands[j].shift)
        .collect()
}

/// The coverage search's rota (`cover_search`) from the greedy one.
pub fn searched_shifts(p: &Problem) -> Vec<Shift> {
    let cands = solver::candidates::build(p).expect("candidates");
    let all: Vec<usize> = (0..cands.len()).collect();
    let start = solver::greedy::rota(p, &cands, &all);
    let stop = std::time::Instant::now() + std::time::Duration::from_secs(60);
    solver::cover_search::improve(p, &cands, &all, &start, stop)
        .iter()
        .map(|&j| cands[j].shift)
        .collect()
}

pub fn shift(v: usize, c: usize, k: usize, role: Role, s: u32, e: u32) -> Shift {
    Shift {
        volunteer: v,
        centre: c,
        skill: k,
        role,
        range: SlotRange { start: s, end: e },
    }
}

/// A one-week problem with 60-minute slots, two centres, two skills.
pub struct B {
    pub p: Problem,
}

impl B {
    pub fn new() -> B {
        let tz: chrono_tz::Tz = chrono_tz::Europe::Paris;
        let week_start = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let start_utc = tz
            .from_local_datetime(&week_start.and_hms_opt(0, 0, 0).unwrap())
            .earliest()
            .unwrap()
            .with_timezone(&chrono::Utc);
        let p = Problem {
            name: "test".into(),
            timezone: tz,
            week_start,
            start_utc,
            slot_minutes: 60,
            n_slots: 168,
            service_level: None,
            rules: Rules {
                min_shift_minutes: 60,
                max_shift_minutes: 240,
                min_rest_minutes: 0,
                trainee_requires_mentor: true,
            },
            skills: ["a", "b"]
                .iter()
                .map(|c| Skill {
                    code: c.to_string(),
                    name: c.to_string(),
                })
                .collect(),
            centres: ["C1", "C2"]
                .iter()
                .map(|c| Centre {
                    id: c.to_string(),
                    name: c.to_string(),
                    templates: vec![],
                })
                .collect(),
            demand: vec![],
            volunteers: vec![],
            locked_shifts: vec![],
            requirements: Default::default(),
        };
        B { p }
    }

    pub fn demand(&mut self, c: usize, k: usize, s: u32, e: u32, required: u32) -> &mut Self {
        self.p.demand.push(DemandEntry {
            centre: c,
            skill: k,
            range: SlotRange { start: s, end: e },
            calls_per_hour: None,
            aht_minutes: None,
            required,
            computed: false,
        });
        self
    }

    /// A volunteer at `centres`, qualified (no expiry) for `skills`,
    /// available in `avail` windows `(start, end, preferred)`.
    pub fn vol(
        &mut self,
        centres: &[usize],
        skills: &[usize],
        avail: &[(u32, u32, bool)],
    ) -> usize {
        let n = self.p.n_slots;
        self.p.volunteers.push(Volunteer {
            id: format!("v{}", self.p.volunteers.len()),
            name: String::new(),
            centres: centres.to_vec(),
            qualifications: skills
                .iter()
                .map(|&k| Qualification {
                    skill: k,
                    valid_until: None,
                    valid_until_slot: n,
                })
                .collect(),
            trainee_for: vec![],
            training_minutes_target: 0,
            max_minutes: None,
            max_shifts: None,
            availability: avail
                .iter()
                .map(|&(s, e, preferred)| Window {
                    range: SlotRange { start: s, end: e },
                    preferred,
                })
                .collect(),
        });
        self.p.volunteers.len() - 1
    }

    pub fn build(&self) -> Problem {
        let mut p = self.p.clone();
        p.rebuild_requirements();
        p
    }
}

/// Independent check of the hard rules; returns the first violation.
pub fn violations(p: &Problem, shifts: &[Shift]) -> Option<String> {
    let sm = p.slot_minutes;
    let rest = p.rules.min_rest_minutes;
    for sh in shifts {
        let v = &p.volunteers[sh.volunteer];
        let r = sh.range;
        if r.is_empty() || r.end > p.n_slots {
            return Some(format!("rule 1 {sh:?}"));
        }
        let t = &p.centres[sh.centre].templates;
        if !t.is_empty() {
            if !t.contains(&r) {
                return Some(format!("rule 1 template {sh:?}"));
            }
        } else {
            let m = r.len() * sm;
            if m < p.rules.min_shift_minutes || m > p.rules.max_shift_minutes {
                return Some(format!("rule 1 length {sh:?}"));
            }
        }
        if !(r.start..r.end).all(|s| v.availability.iter().any(|w| w.range.contains(s))) {
            return Some(format!("rule 2 {sh:?}"));
        }
        if !v.centres.contains(&sh.centre) {
            return Some(format!("rule 3 {sh:?}"));
        }
        let ok = match sh.role {
            Role::Staff => v
                .qualifications
                .iter()
                .any(|q| q.skill == sh.skill && r.end <= q.valid_until_slot),
            Role::Trainee => v.trainee_for.contains(&sh.skill),
        };
        if !ok {
            return Some(format!("rule 4 {sh:?}"));
        }
    }
    for (vi, v) in p.volunteers.iter().enumerate() {
        let mut mine: Vec<&Shift> = shifts.iter().filter(|s| s.volunteer == vi).collect();
        mine.sort_by_key(|s| s.range);
        for w in mine.windows(2) {
            if (w[1].range.start as i64 - w[0].range.end as i64) * (sm as i64) < rest as i64 {
                return Some(format!("rule 5 {:?} {:?}", w[0], w[1]));
            }
        }
        let minutes: u32 = mine.iter().map(|s| s.range.len() * sm).sum();
        if v.max_minutes.is_some_and(|m| minutes > m)
            || v.max_shifts.is_some_and(|m| mine.len() as u32 > m)
        {
            return Some(format!("rule 6 volunteer {vi}"));
        }
    }
    if p.rules.trainee_requires_mentor {
        for sh in shifts.iter().filter(|s| s.role == Role::Trainee) {
            for s in sh.range.start..sh.range.end {
                let count = |role| {
                    shifts
                        .iter()
                        .filter(|x| {
                            x.role == role
                                && x.centre == sh.centre
                                && x.skill == sh.skill
                                && x.range.contains(s)
                        })
                        .count()
                };
                if count(Role::Trainee) > count(Role::Staff) {
                    return Some(format!("rule 7 {sh:?}"));
                }
            }
        }
    }
    for l in &p.locked_shifts {
        if !shifts.contains(l) {
            return Some(format!("rule 8 {l:?}"));
        }
    }
    None
}
