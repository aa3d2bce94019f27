//! The mixed-integer program of one component, built directly with the
//! `highs` crate (good_lp's expression layer adds nothing here and costs
//! time and memory at 20,000 volunteers).
//!
//! Columns: one binary `x_j` per candidate (fixed to 1 when locked); a slack
//! `u ∈ [0, req]` per (centre, skill, run of slots) with `req > 0` and at
//! least one candidate; a shortfall `t_v ∈ [0, target]` per trainee; two continuous
//! fairness excesses per volunteer.
//!
//! Rows:
//! - coverage `Σ staff x + u ≥ req` (u is the uncovered staff count), one
//!   row per run of consecutive slots with the same requirement and the
//!   same staff candidates, its `u` weighted by the run's length in the
//!   uncovered level (fixed templates: ~8× fewer rows on samaritans-23k);
//! - mentor `Σ trainee x − Σ staff x ≤ 0` per (centre, skill, slot) holding
//!   a trainee candidate, when the rule is on;
//! - overlap + rest: shifts `[a1, a2)`, `[b1, b2)` (a1 ≤ b1) of a volunteer
//!   are compatible iff `b1 ≥ a2 + rest`, i.e. iff their extended intervals
//!   `[s, e + rest)` are disjoint. The conflict graph is an interval graph;
//!   one row `Σ x ≤ 1` per maximal point clique is its exact (perfect)
//!   description and much smaller than pairwise rows;
//! - `Σ minutes x ≤ max_minutes` and `Σ x ≤ max_shifts`, only where they can
//!   bind (the heaviest / largest compatible set, computed exactly by
//!   interval scheduling, exceeds the limit), the minutes limit with its
//!   rounded form (`rounded_minutes_row`) beside it where that can bind;
//! - training `Σ trainee minutes x + t_v ≥ target`;
//! - fairness `L_v e_vk − load_v ≥ −b_k L_v` (b = ½, ¾) with `L_v` the
//!   volunteer's own `max_minutes` (or, without one, the most they could
//!   work here).
//!
//! Every score level is an integer in its unit (slots of uncovered staff,
//! minutes of shortfall, slots of unpreferred time, changed shifts), which
//! lets the staged solve (see `stages`) stop on an absolute gap below 1.

mod rows;

use highs::{Col, RowProblem};

use crate::candidates::{rest_slots, Candidate};
use crate::decompose::Component;
use crate::problem::{Problem, Role, Shift};
pub use rows::{cliques, max_compatible, rounded_minutes_row};
use rows::{pair_rows, volunteer_rows};

/// A linear objective over model columns (by index in `ComponentModel::cols`).
pub type Objective = Vec<(usize, f64)>;

/// The model of one component, before solving.
pub struct ComponentModel {
    pub problem: RowProblem,
    /// Every column, in creation order (`Col::index()` equals the position).
    pub cols: Vec<Col>,
    /// Global candidate index of each local candidate (`x` column = position).
    pub cand: Vec<usize>,
    /// Whether each local candidate is locked (its column fixed to 1).
    pub locked: Vec<bool>,
    /// Whether each local candidate is a trainee shift.
    pub trainee: Vec<bool>,
    /// Shift of each local candidate.
    pub shifts: Vec<Shift>,
    /// Uncovered staff-slots no candidate can ever cover.
    pub const_uncovered_slots: u64,
    pub uncovered: Objective,
    pub shortfall: Objective,
    pub unpreferred: Objective,
    /// Present only with a `previous` rota: (objective, constant).
    pub changes: Option<(Objective, f64)>,
    pub fairness: Objective,
    /// Upper bound on the shortfall level (minutes): Σ targets of trainees here.
    pub t_max: f64,
    /// Upper bound on the unpreferred level (slots).
    pub p_max: f64,
    /// A tie-break among rotas of equal coverage, for a coverage-only solve
    /// (empty: none), and an upper bound on its value over every feasible
    /// rota (see `stages`).
    pub steer: Objective,
    pub steer_max: f64,
}

fn add_col(p: &mut RowProblem, cols: &mut Vec<Col>, lo: f64, hi: f64, int: bool) -> usize {
    let c = p.add_column_with_integrality(0.0, lo..=hi, int);
    cols.push(c);
    cols.len() - 1
}

/// Steers a coverage-only solve of a relaxed job of `split` away from the
/// candidates `steered` picks (global index → bool): their slots are its
/// tie-break, bounded per volunteer by the most they could work among them.
pub fn steer(
    problem: &Problem,
    cands: &[Candidate],
    m: &mut ComponentModel,
    steered: impl Fn(usize) -> bool,
) {
    let rest = rest_slots(problem);
    let sm = problem.slot_minutes.max(1);
    let mut start = 0;
    while start < m.cand.len() {
        let v = cands[m.cand[start]].shift.volunteer;
        let mut end = start;
        while end < m.cand.len() && cands[m.cand[end]].shift.volunteer == v {
            end += 1;
        }
        let ls: Vec<usize> = (start..end).filter(|&l| steered(m.cand[l])).collect();
        if !ls.is_empty() {
            let iv: Vec<(u32, u32, u64)> = ls
                .iter()
                .map(|&l| {
                    let r = cands[m.cand[l]].shift.range;
                    (r.start, r.end + rest, u64::from(r.len()))
                })
                .collect();
            let vol = &problem.volunteers[v];
            let cap = vol.max_minutes.map_or(u64::MAX, |mm| u64::from(mm / sm));
            m.steer_max += max_compatible(&iv).0.min(cap) as f64;
            m.steer
                .extend(ls.iter().map(|&l| (l, f64::from(cands[m.cand[l]].slots()))));
        }
        start = end;
    }
}

/// Builds the model of `comp`. `previous` is sorted.
pub fn build(
    problem: &Problem,
    cands: &[Candidate],
    comp: &Component,
    previous: Option<&[Shift]>,
) -> ComponentModel {
    let sm = problem.slot_minutes;
    let nk = problem.skills.len();
    let mut p = RowProblem::new();
    let mut cols = Vec::new();
    let local: Vec<&Candidate> = comp.candidates.iter().map(|&j| &cands[j]).collect();
    for c in &local {
        let lo = if c.locked { 1.0 } else { 0.0 };
        add_col(&mut p, &mut cols, lo, 1.0, true);
    }
    let mut m = ComponentModel {
        problem: RowProblem::new(),
        cols: Vec::new(),
        cand: comp.candidates.clone(),
        locked: local.iter().map(|c| c.locked).collect(),
        trainee: local
            .iter()
            .map(|c| c.shift.role == Role::Trainee)
            .collect(),
        shifts: local.iter().map(|c| c.shift).collect(),
        const_uncovered_slots: 0,
        uncovered: Vec::new(),
        shortfall: Vec::new(),
        unpreferred: Vec::new(),
        changes: None,
        fairness: Vec::new(),
        t_max: 0.0,
        p_max: 0.0,
        steer: Vec::new(),
        steer_max: 0.0,
    };
    // Per (centre, skill): its rows over its candidates.
    let mut by_pair: std::collections::HashMap<(usize, usize), Vec<usize>> =
        std::collections::HashMap::new();
    for (l, cd) in local.iter().enumerate() {
        by_pair
            .entry((cd.shift.centre, cd.shift.skill))
            .or_default()
            .push(l);
    }
    for &c in &comp.centres {
        for k in 0..nk {
            let ls = by_pair.get(&(c, k)).map(Vec::as_slice).unwrap_or(&[]);
            pair_rows(problem, &local, ls, (c, k), &mut p, &mut cols, &mut m);
        }
    }
    // Per volunteer (local candidates are sorted by volunteer).
    let rest = rest_slots(problem);
    let mut start = 0;
    while start < local.len() {
        let v = local[start].shift.volunteer;
        let mut end = start;
        while end < local.len() && local[end].shift.volunteer == v {
            end += 1;
        }
        volunteer_rows(
            problem,
            &local,
            start..end,
            rest,
            sm,
            &mut p,
            &mut cols,
            &mut m,
        );
        start = end;
    }
    for (l, c) in local.iter().enumerate() {
        if c.unpreferred > 0 {
            m.unpreferred
                .push((l, f64::from(c.unpreferred / sm.max(1))));
        }
    }
    m.changes = previous.map(|prev| changes(&local, prev));
    m.problem = p;
    m.cols = cols;
    m
}

/// The change count against the sorted `previous` rota, as an objective
/// over the local candidates and its constant: a shift kept counts −1
/// (plus 1 in the constant), a shift added 1.
fn changes(local: &[&Candidate], previous: &[Shift]) -> (Objective, f64) {
    let mut obj = Vec::new();
    let mut constant = 0.0;
    for (l, c) in local.iter().enumerate() {
        if previous.binary_search(&c.shift).is_ok() {
            obj.push((l, -1.0));
            constant += 1.0;
        } else {
            obj.push((l, 1.0));
        }
    }
    (obj, constant)
}
