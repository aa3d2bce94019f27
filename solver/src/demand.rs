//! Per-slot staff requirements: the `required` of every demand entry summed
//! by (centre, skill, slot), as FORMAT.md defines ("entries for the same
//! centre, skill and slot add up"). Built once from `Problem::demand`.

use std::collections::BTreeMap;

use crate::problem::{CentreIx, DemandEntry, Problem, SkillIx, Slot};

/// Staff required per slot for every (centre, skill) that has any demand
/// entry. Pairs without an entry require nothing; iteration order is by
/// (centre, skill), so it is deterministic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requirements {
    by_pair: BTreeMap<(CentreIx, SkillIx), Vec<u32>>,
}

impl Requirements {
    /// Sums the entries (ranges must lie inside `0..n_slots`; parts outside
    /// are ignored).
    pub fn from_demand(demand: &[DemandEntry], n_slots: u32) -> Self {
        let mut by_pair: BTreeMap<(CentreIx, SkillIx), Vec<u32>> = BTreeMap::new();
        for d in demand {
            let v = by_pair
                .entry((d.centre, d.skill))
                .or_insert_with(|| vec![0; n_slots as usize]);
            let end = d.range.end.min(n_slots);
            for slot in d.range.start.min(end)..end {
                let x = &mut v[slot as usize];
                *x = x.saturating_add(d.required);
            }
        }
        Requirements { by_pair }
    }

    /// Requirement per slot for one centre and skill (`None`: no demand entry).
    pub fn get(&self, centre: CentreIx, skill: SkillIx) -> Option<&[u32]> {
        self.by_pair.get(&(centre, skill)).map(Vec::as_slice)
    }

    /// Requirement in one slot (0 where nothing is required).
    pub fn at(&self, centre: CentreIx, skill: SkillIx, slot: Slot) -> u32 {
        self.get(centre, skill)
            .and_then(|v| v.get(slot as usize).copied())
            .unwrap_or(0)
    }

    /// Every (centre, skill) with a demand entry and its per-slot vector.
    pub fn iter(&self) -> impl Iterator<Item = ((CentreIx, SkillIx), &[u32])> + '_ {
        self.by_pair.iter().map(|(k, v)| (*k, v.as_slice()))
    }

    /// Total required staff-slots (sum over pairs and slots).
    pub fn total_slots(&self) -> u64 {
        self.by_pair
            .values()
            .flat_map(|v| v.iter())
            .map(|&x| u64::from(x))
            .sum()
    }
}

impl Problem {
    /// Staff required per slot for `centre` and `skill` (`None` where the
    /// scenario has no demand entry for them).
    pub fn required(&self, centre: CentreIx, skill: SkillIx) -> Option<&[u32]> {
        self.requirements.get(centre, skill)
    }

    /// Recomputes `requirements` from `demand`; call it after building or
    /// editing a `Problem` by hand (the parser does it already).
    pub fn rebuild_requirements(&mut self) {
        self.requirements = Requirements::from_demand(&self.demand, self.n_slots);
    }
}
