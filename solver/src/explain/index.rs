//! Lookup tables for the explanations: volunteers by centre, each
//! volunteer's merged availability and rostered shifts sorted by start, and
//! the staff shifts of every (centre, skill), so that classifying one
//! volunteer for one slot costs a few binary searches.

use std::collections::HashMap;

use crate::problem::{
    CentreIx, Problem, Role, Shift, SkillIx, Slot, SlotRange, Volunteer, VolunteerIx,
};

/// One volunteer's rostered time and availability.
pub(crate) struct VolunteerBusy {
    /// Availability windows merged (sorted, disjoint, non-adjacent).
    windows: Vec<SlotRange>,
    /// Rostered shifts sorted by (start, end).
    shifts: Vec<Shift>,
    /// `max_end[i]`: the latest end among `shifts[..i]` (0 for `i == 0`).
    max_end: Vec<Slot>,
    minutes: u64,
}

/// Whether a new shift containing a slot fits around a volunteer's shifts.
pub(crate) enum Fit {
    RestBlocked,
    NoRoom,
    Possible,
}

pub(crate) struct Index<'a> {
    problem: &'a Problem,
    by_centre: Vec<Vec<VolunteerIx>>,
    busy: Vec<VolunteerBusy>,
    staff: HashMap<(CentreIx, SkillIx), Vec<Shift>>,
    /// Shortest and longest free-length shift, in slots.
    min_len: u32,
    max_len: u32,
    rest_slots: u32,
}

impl<'a> Index<'a> {
    pub(crate) fn new(problem: &'a Problem, shifts: &[Shift]) -> Self {
        let sm = problem.slot_minutes.max(1);
        let mut by_centre = vec![Vec::new(); problem.centres.len()];
        for (v, vol) in problem.volunteers.iter().enumerate() {
            for &c in &vol.centres {
                if let Some(list) = by_centre.get_mut(c) {
                    if list.last() != Some(&v) {
                        list.push(v);
                    }
                }
            }
        }
        let mut per_vol: Vec<Vec<Shift>> = vec![Vec::new(); problem.volunteers.len()];
        let mut staff: HashMap<(CentreIx, SkillIx), Vec<Shift>> = HashMap::new();
        for sh in shifts {
            if let Some(list) = per_vol.get_mut(sh.volunteer) {
                list.push(*sh);
            }
            if sh.role == Role::Staff {
                staff.entry((sh.centre, sh.skill)).or_default().push(*sh);
            }
        }
        let busy = problem
            .volunteers
            .iter()
            .zip(per_vol)
            .map(|(vol, mut shifts)| {
                shifts.sort_by_key(|s| (s.range.start, s.range.end));
                let mut max_end = Vec::with_capacity(shifts.len() + 1);
                let mut m = 0;
                max_end.push(m);
                for s in &shifts {
                    m = m.max(s.range.end);
                    max_end.push(m);
                }
                let minutes = shifts
                    .iter()
                    .map(|s| u64::from(s.range.len()) * u64::from(sm))
                    .sum();
                VolunteerBusy {
                    windows: merge(vol),
                    shifts,
                    max_end,
                    minutes,
                }
            })
            .collect();
        Index {
            problem,
            by_centre,
            busy,
            staff,
            min_len: problem.rules.min_shift_minutes.div_ceil(sm).max(1),
            max_len: problem.rules.max_shift_minutes / sm,
            rest_slots: problem.rules.min_rest_minutes.div_ceil(sm),
        }
    }

    pub(crate) fn volunteers_of(&self, c: CentreIx) -> &[VolunteerIx] {
        self.by_centre.get(c).map(Vec::as_slice).unwrap_or(&[])
    }

    pub(crate) fn busy(&self, v: VolunteerIx) -> &VolunteerBusy {
        &self.busy[v]
    }

    pub(crate) fn staff_shifts(&self, c: CentreIx, k: SkillIx) -> &[Shift] {
        self.staff.get(&(c, k)).map(Vec::as_slice).unwrap_or(&[])
    }

    fn templates(&self, c: CentreIx) -> &[SlotRange] {
        &self.problem.centres[c].templates
    }

    /// Length in slots of the shortest shift at centre `c` that could contain
    /// `slot`; `None` when no shift can (no template covers it, or the
    /// length rules leave no free-length shift on the grid).
    pub(crate) fn shortest_shift_slots(&self, c: CentreIx, slot: Slot) -> Option<u32> {
        let t = self.templates(c);
        if t.is_empty() {
            (self.min_len <= self.max_len).then_some(self.min_len)
        } else {
            t.iter()
                .filter(|r| r.contains(slot))
                .map(SlotRange::len)
                .min()
        }
    }

    /// Whether some allowed shift of centre `c` containing `slot` fits in
    /// volunteer `v`'s free time (the volunteer is available, not on duty at
    /// `slot`, and their qualification holds for shifts ending by `qual_end`).
    pub(crate) fn fit(
        &self,
        c: CentreIx,
        v: VolunteerIx,
        vol: &Volunteer,
        slot: Slot,
        qual_end: Slot,
    ) -> Fit {
        let b = &self.busy[v];
        let i = b.shifts.partition_point(|s| s.range.start <= slot);
        let lo_rest = (i > 0).then(|| b.max_end[i].saturating_add(self.rest_slots));
        let hi_rest = b
            .shifts
            .get(i)
            .map(|s| s.range.start.saturating_sub(self.rest_slots));
        if lo_rest.is_some_and(|l| slot < l) || hi_rest.is_some_and(|h| slot + 1 > h) {
            return Fit::RestBlocked;
        }
        let Some(w) = b.window(slot) else {
            return Fit::NoRoom;
        };
        let lo = w.start.max(lo_rest.unwrap_or(0));
        let hi = w.end.min(qual_end).min(hi_rest.unwrap_or(Slot::MAX));
        let sm = u64::from(self.problem.slot_minutes);
        let left = vol
            .max_minutes
            .map(|m| u64::from(m).saturating_sub(b.minutes))
            .unwrap_or(u64::MAX);
        let fits_len = |len: u32| u64::from(len) * sm <= left;
        let t = self.templates(c);
        let ok = if t.is_empty() {
            self.min_len <= self.max_len
                && hi >= lo
                && hi - lo >= self.min_len
                && fits_len(self.min_len)
        } else {
            t.iter()
                .any(|r| r.contains(slot) && lo <= r.start && r.end <= hi && fits_len(r.len()))
        };
        if ok {
            Fit::Possible
        } else {
            Fit::NoRoom
        }
    }
}

impl VolunteerBusy {
    /// The merged availability window containing `slot`.
    fn window(&self, slot: Slot) -> Option<SlotRange> {
        let i = self.windows.partition_point(|w| w.end <= slot);
        self.windows.get(i).filter(|w| w.start <= slot).copied()
    }

    pub(crate) fn available(&self, slot: Slot) -> bool {
        self.window(slot).is_some()
    }

    /// A rostered shift covering `slot` (the latest-starting one).
    pub(crate) fn on_duty(&self, slot: Slot) -> Option<&Shift> {
        let mut i = self.shifts.partition_point(|s| s.range.start <= slot);
        while i > 0 && self.max_end[i] > slot {
            i -= 1;
            if self.shifts[i].range.end > slot {
                return Some(&self.shifts[i]);
            }
        }
        None
    }

    /// `max_shifts` reached, or not enough minutes left for a shift of
    /// `shortest` slots.
    pub(crate) fn at_limit(
        &self,
        vol: &Volunteer,
        shortest: Option<u32>,
        slot_minutes: u32,
    ) -> bool {
        let count = self.shifts.len() as u64;
        if vol.max_shifts.is_some_and(|m| count >= u64::from(m)) {
            return true;
        }
        match (vol.max_minutes, shortest) {
            (Some(m), Some(len)) => {
                self.minutes + u64::from(len) * u64::from(slot_minutes) > u64::from(m)
            }
            _ => false,
        }
    }
}

/// A volunteer's availability windows sorted and merged (overlapping or
/// adjacent windows become one).
fn merge(vol: &Volunteer) -> Vec<SlotRange> {
    let mut w: Vec<SlotRange> = vol
        .availability
        .iter()
        .map(|a| a.range)
        .filter(|r| !r.is_empty())
        .collect();
    w.sort();
    let mut out: Vec<SlotRange> = Vec::with_capacity(w.len());
    for r in w {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}
