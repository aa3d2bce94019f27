//! Which stages a component's solve has, in order, and how each is
//! budgeted and proven (`Plan`).

use super::{
    weights, Kind, Levels, COMBINED_MAX_CANDIDATES, FAIRNESS_MAX_CANDIDATES, MAX_WEIGHT,
    ONLY_STAGE_SHARE, STEER_SHARE,
};
use crate::model::{ComponentModel, Objective};

/// The stages of one solve, in order, and how the first is scaled.
pub(super) struct Plan {
    /// Each stage's kind and objective.
    pub(super) stages: Vec<(Kind, Objective)>,
    /// One weighted stage holds the three score levels (module docs).
    pub(super) combined: bool,
    /// A coverage-only solve (the split's passes).
    only_first: bool,
    /// Weight of the coverage level in the first stage's objective.
    w_first: f64,
    /// Factor of a coverage-only solve's tie-break (0: none) and the
    /// tie-break's largest value: their product is `STEER_SHARE`.
    steer_scale: f64,
    steer_max: f64,
}

impl Plan {
    pub(super) fn new(m: &ComponentModel, only_first: bool, split: bool, levels: Levels) -> Plan {
        // Level weights that provably keep the lexicographic order (module
        // docs); staged levels when they would be too large for HiGHS.
        let (w1, w2, w3) = weights(m.t_max, m.p_max);
        // The relaxed pass of `split` needs only the coverage level.
        // Large models: staged levels (coverage first) find good rotas
        // sooner. Split jobs (short budgets; only coverage counts for the
        // gap): staged.
        let combined = w1 <= MAX_WEIGHT
            && !only_first
            && !split
            && (levels == Levels::Weighted || m.cand.len() <= COMBINED_MAX_CANDIDATES);
        let mut stages: Vec<(Kind, Objective)> = if combined {
            let mut obj: Objective = m.uncovered.iter().map(|&(i, w)| (i, w * w1)).collect();
            obj.extend(m.shortfall.iter().map(|&(i, w)| (i, w * w2)));
            obj.extend(m.unpreferred.iter().map(|&(i, w)| (i, w * w3)));
            vec![(Kind::Scored, obj)]
        } else {
            vec![
                (Kind::Scored, m.uncovered.clone()),
                (Kind::Scored, m.shortfall.clone()),
                (Kind::Scored, m.unpreferred.clone()),
            ]
        };
        // Coverage-only solve with a tie-break `S` (0 ≤ S ≤ S_max):
        // minimise `U + δ·S` with `δ·S_max = ½`, stopping at an absolute gap
        // of `0.999 − ½`. Every rota has `U ≥ U + δ·S − ½`, so a dual bound
        // `B` gives `U* ≥ ⌈B − ½⌉`; and at the stop, `U_found + δ·S_found −
        // B < ½`, so `U_found < U* + 1`: the coverage found is proven
        // optimal.
        let steer_scale = if only_first && !m.steer.is_empty() && m.steer_max > 0.0 {
            STEER_SHARE / m.steer_max
        } else {
            0.0
        };
        if only_first {
            stages.truncate(1);
            if steer_scale > 0.0 {
                stages[0]
                    .1
                    .extend(m.steer.iter().map(|&(i, w)| (i, w * steer_scale)));
            }
        } else {
            if let Some((obj, _)) = &m.changes {
                stages.push((Kind::Changes, obj.clone()));
            }
            if m.cand.len() <= FAIRNESS_MAX_CANDIDATES {
                stages.push((Kind::Fairness, m.fairness.clone()));
            }
        }
        Plan {
            stages,
            combined,
            only_first,
            w_first: if combined { w1 } else { 1.0 },
            steer_scale,
            steer_max: m.steer_max,
        }
    }

    /// Seconds stage `si` may take of the `remaining` ones.
    pub(super) fn budget(&self, kind: Kind, si: usize, remaining: f64) -> f64 {
        // A coverage-only solve has no later level to keep time for: its
        // one stage takes the whole budget (at 0.7, samaritans-20k's merged
        // coverage solves stopped at 3.5 of their 5 s, one 0.2 s short of
        // its proof, and the gap at 60 s was 1.7 % instead of 0.6 %).
        match kind {
            Kind::Scored if self.only_first => remaining * ONLY_STAGE_SHARE,
            Kind::Scored if si == 0 && self.stages.len() > 1 => remaining * 0.85,
            Kind::Scored | Kind::Changes => remaining * 0.7,
            Kind::Fairness => remaining * 0.5,
        }
    }

    /// The absolute gap that proves stage `si`: a scored level's value is an
    /// integer (the coverage level's plus its tie-break, below ½).
    pub(super) fn level_gap(&self, si: usize) -> f64 {
        if si == 0 {
            0.999 - self.steer_scale * self.steer_max
        } else {
            0.999
        }
    }

    /// Lower bound on uncovered slots (constant part excluded) from the
    /// first stage's dual bound `db > 0`. With weights, obj < w1·(U*+1) for
    /// a U-optimal solution, so U* ≥ ⌊db / w1⌋; alone, U* ≥ ⌈db⌉ (less the
    /// tie-break).
    pub(super) fn coverage_bound(&self, db: f64) -> f64 {
        if self.combined {
            (db / self.w_first + 1e-9).floor()
        } else {
            (db - self.steer_scale * self.steer_max - 1e-6).ceil()
        }
    }
}
