//! The steps of one stage of the staged solve, and the state carried from
//! one stage to the next (`Run`): the incumbent rota, the coverage bound,
//! the levels proven so far.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use highs::{Col, HighsModelStatus, HighsSolutionStatus, Model, RowProblem};

use super::plan::Plan;
use super::runs::{complete_start, keep_level, rounded, run_checked, value};
use super::search::{
    confirm, neighbourhoods, polish, quick_try, rins, Quick, COVERAGE_SEARCH_GAP,
    COVERAGE_SEARCH_SHARE, NEIGHBOURHOOD_SHARE, POLISH_SHARE, QUICK_SHARE, RINS_SHARE,
};
use super::{internal, Kind, StagedOutcome, Start, FAIRNESS_NODES};
use crate::model::Objective;
use crate::problem::Shift;
use crate::solve::SolveError;

/// What `Run::improve` left for the stage.
pub(super) enum Improved {
    /// The level is proven and kept by its row: the stage is done.
    Proven(Model),
    /// The model, to be solved from the (maybe better) incumbent.
    Open(Model),
}

/// What the model's columns are and when the solve must end.
pub(super) struct Columns<'a> {
    pub(super) cols: &'a [Col],
    pub(super) locked: &'a [bool],
    pub(super) trainee: &'a [bool],
    pub(super) shifts: &'a [Shift],
    pub(super) uncovered: &'a Objective,
    /// Uncovered slots no candidate can cover.
    pub(super) constant: f64,
    pub(super) deadline: Instant,
    /// A job of a split component.
    pub(super) split: bool,
}

/// The state of a staged solve between its stages.
pub(super) struct Run<'a> {
    c: Columns<'a>,
    plan: &'a Plan,
    /// The weighted model again, for `confirm` (present iff `combined`).
    spare: Option<&'a RowProblem>,
    /// The best solution so far (every column).
    pub(super) incumbent: Option<Vec<f64>>,
    /// Every stage so far proven optimal (or at its trivial bound).
    proven: bool,
    /// Proven lower bound on uncovered slots, constant included.
    bound: f64,
    /// The start's proven lower bound on uncovered slots (0: none).
    start_lower: f64,
    /// The candidates' values in the coverage level's linear relaxation
    /// (`Start::relaxed`), until the coverage level's search uses them.
    relaxed: Option<Vec<f64>>,
    /// `Start::search_unbounded`.
    search_unbounded: bool,
    /// Leading stages proven so far (kept, at zero, or solved optimally).
    levels_proven: usize,
    /// The objective of the last stage solved (its costs are reset before
    /// the next).
    prev_obj: Objective,
}

impl<'a> Run<'a> {
    pub(super) fn new(c: Columns<'a>, plan: &'a Plan, spare: Option<&'a RowProblem>) -> Self {
        let bound = c.constant;
        Run {
            c,
            plan,
            spare,
            incumbent: None,
            proven: true,
            bound,
            start_lower: 0.0,
            relaxed: None,
            search_unbounded: false,
            levels_proven: 0,
            prev_obj: Vec::new(),
        }
    }

    /// Makes the start `st` the incumbent (its continuous columns completed
    /// by an LP with every `x` fixed). Returns the model and whether the
    /// coverage level is done: the start reaches its proven lower bound, or
    /// its coverage is to be kept as it is; either way a row keeps it.
    pub(super) fn begin(&mut self, hm: Model, st: Start<'_>) -> Result<(Model, bool), SolveError> {
        let c = &self.c;
        self.start_lower = st.lower;
        self.relaxed = st.relaxed.map(<[f64]>::to_vec);
        self.search_unbounded = st.search_unbounded;
        let (mut hm, sol) = complete_start(hm, c.cols, c.locked, st.chosen, c.deadline)?;
        self.incumbent = sol;
        let Some(sol) = self.incumbent.as_ref().filter(|_| !self.plan.combined) else {
            return Ok((hm, false));
        };
        let u = value(c.uncovered, sol);
        let reached = c.constant + u.round() <= st.lower + 0.5;
        if !reached && !st.keep_coverage {
            return Ok((hm, false));
        }
        self.bound = if reached {
            c.constant + u.round()
        } else {
            st.lower.max(c.constant)
        };
        self.proven &= reached;
        if reached {
            self.levels_proven = 1;
        }
        keep_level(&mut hm, c.cols, c.uncovered, u)?;
        Ok((hm, true))
    }

    /// Whether stage `si` needs no solve: empty, the coverage level already
    /// done (`first_done`), a scored level at its trivial lower bound (0),
    /// or a level the start is proven optimal on (below `kept_levels`).
    /// A row keeps a skipped level's value for the levels after it; at 0
    /// too, or they may trade it away (a staff shift moved to a trainee's:
    /// `levels_at_their_trivial_bound_are_kept_by_the_later_levels`).
    pub(super) fn skip(
        &mut self,
        hm: &mut Model,
        si: usize,
        (kind, obj): (Kind, &Objective),
        first_done: bool,
        kept_levels: usize,
    ) -> Result<bool, SolveError> {
        if obj.is_empty() || (si == 0 && first_done) {
            self.levels_proven += usize::from(self.levels_proven == si && obj.is_empty());
            return Ok(true);
        }
        let Some(sol) = &self.incumbent else {
            return Ok(false);
        };
        let val = value(obj, sol);
        let at_zero = kind == Kind::Scored && val < 0.5 && obj.iter().all(|&(_, w)| w >= 0.0);
        let kept = si < kept_levels && kind != Kind::Fairness;
        if !(kept || at_zero) {
            return Ok(false);
        }
        keep_level(hm, self.c.cols, obj, val)?;
        self.levels_proven += usize::from(self.levels_proven == si);
        Ok(true)
    }

    /// Sets the model's objective to stage `si`'s and its HiGHS options.
    pub(super) fn aim(&self, hm: &mut Model, si: usize, (kind, obj): (Kind, &Objective)) {
        for &(i, _) in &self.prev_obj {
            hm.change_column_cost(self.c.cols[i], 0.0);
        }
        for &(i, w) in obj {
            hm.change_column_cost(self.c.cols[i], w);
        }
        // A recovery in `run_checked` may have switched presolve off.
        hm.set_option("presolve", "choose");
        if kind == Kind::Fairness {
            hm.set_option("mip_abs_gap", 1e-6);
            hm.set_option("mip_rel_gap", 1e-3);
            hm.set_option("mip_max_nodes", FAIRNESS_NODES);
        } else {
            hm.set_option("mip_abs_gap", self.plan.level_gap(si));
        }
    }

    /// Improves the incumbent of a staged level before its full solve,
    /// within part of its `budget` (counted from `now`). The coverage
    /// level: see `improve_coverage`. A later level: restricted models
    /// (`polish`: the trainee shifts on the training level, shifts
    /// overlapping a chosen one on the preference level), then a short try
    /// of the full model, which may prove the level (samaritans-23k: every
    /// level within 2.4 s in all), else neighbourhoods.
    pub(super) fn improve(
        &mut self,
        mut hm: Model,
        si: usize,
        (kind, obj): (Kind, &Objective),
        budget: f64,
        now: Instant,
    ) -> Result<Improved, SolveError> {
        if kind != Kind::Scored || self.plan.combined {
            return Ok(Improved::Open(hm));
        }
        if si == 0 {
            return self.improve_coverage(hm, obj, budget, now);
        }
        let c = &self.c;
        let overlap = match (si, &self.incumbent) {
            (2, Some(sol)) => Some(overlapping(c.shifts, sol)),
            _ => None,
        };
        let free = match si {
            1 if c.trainee.iter().any(|&t| t) => Some(c.trainee),
            _ => overlap.as_deref(),
        };
        if let (Some(free), Some(sol)) = (free, self.incumbent.take()) {
            let (m, better) = polish(hm, c.cols, c.locked, free, obj, sol, budget * POLISH_SHARE)?;
            hm = m;
            self.incumbent = Some(better);
        }
        if c.split {
            return Ok(Improved::Open(hm));
        }
        let Some(sol) = self.incumbent.take() else {
            return Ok(Improved::Open(hm));
        };
        let n_x = c.locked.len();
        match quick_try(hm, n_x, obj, sol, budget * QUICK_SHARE)? {
            Quick::Proven(solved) => {
                // As after a full solve: keep the level.
                let sol = rounded(&solved, n_x);
                let mut hm = Model::from(solved);
                keep_level(&mut hm, c.cols, obj, value(obj, &sol))?;
                self.incumbent = Some(sol);
                self.prev_obj = obj.clone();
                self.levels_proven += usize::from(self.levels_proven == si);
                Ok(Improved::Proven(hm))
            }
            Quick::Open(m, sol) => {
                let left = (budget - now.elapsed().as_secs_f64()).max(0.0);
                let (m, better) = neighbourhoods(
                    m,
                    c.cols,
                    c.locked,
                    c.shifts,
                    (si == 1).then_some(c.trainee),
                    obj,
                    sol,
                    left * NEIGHBOURHOOD_SHARE,
                )?;
                self.incumbent = Some(better);
                Ok(Improved::Open(m))
            }
        }
    }

    /// The coverage level of an exact component whose start is far above
    /// the start's proven bound (more than `COVERAGE_SEARCH_GAP` relative):
    /// `neighbourhoods` (one centre's volunteers free at a time) within
    /// `COVERAGE_SEARCH_SHARE` of the level's `budget`, before the full
    /// solve. Such a start is the weighted try's rota, or the coverage
    /// search's (`cover_search`) where it leaves fewer slots short, when the
    /// try found the weighted model too hard (`stages::weighted_try`). On
    /// sos-1400 within 10 s, the full model's root cut loop took the coverage
    /// level's whole budget and no heuristic ran, while the neighbourhoods
    /// took the 9,796-candidate component from about 240 uncovered slots
    /// (bound 55) to 87 in 2.3 s (optimum 58). Where the start is nearer
    /// its bound, the full model is faster: a generated sos-1400 week in
    /// 20-minute slots proved the coverage of components of 2,275–11,487
    /// candidates in 0.2–3.1 s from starts 13–33 % above their bound, and
    /// with the neighbourhoods first proved none of them within 20 s. From
    /// the coverage search's starts, that week ends at the same coverage
    /// with a gate of 0.5, 0.25 or 0.1. A start without a bound (0) is left
    /// to the full model too, unless `Start::search_unbounded`. With the
    /// coverage relaxation's solution (`Start::relaxed`), `rins` comes
    /// before the neighbourhoods.
    fn improve_coverage(
        &mut self,
        hm: Model,
        obj: &Objective,
        budget: f64,
        now: Instant,
    ) -> Result<Improved, SolveError> {
        let c = &self.c;
        let lower = self.start_lower;
        let unbounded = self.search_unbounded;
        let far = |sol: &mut Vec<f64>| {
            let u = c.constant + value(obj, sol).round();
            if lower > 0.5 {
                u > lower * (1.0 + COVERAGE_SEARCH_GAP) + 0.5
            } else {
                unbounded && u > c.constant + 0.5
            }
        };
        let Some(sol) = self.incumbent.take_if(|sol| !c.split && far(sol)) else {
            return Ok(Improved::Open(hm));
        };
        let from = value(obj, &sol);
        let (hm, sol) = match self.relaxed.take() {
            Some(x) => {
                let left = (budget - now.elapsed().as_secs_f64()).max(0.0);
                let (hm, sol) = rins(hm, c.cols, c.locked, &x, obj, sol, left * RINS_SHARE)?;
                tracing::debug!(
                    "coverage rins: {from} → {} slots in {:.2}s",
                    value(obj, &sol),
                    now.elapsed().as_secs_f64()
                );
                (hm, sol)
            }
            None => (hm, sol),
        };
        let left = (budget - now.elapsed().as_secs_f64()).max(0.0);
        let share = left * COVERAGE_SEARCH_SHARE;
        let from = value(obj, &sol);
        let (hm, better) = neighbourhoods(hm, c.cols, c.locked, c.shifts, None, obj, sol, share)?;
        tracing::debug!(
            "coverage neighbourhoods: {from} → {} slots in {:.2}s (bound {lower})",
            value(obj, &better),
            now.elapsed().as_secs_f64()
        );
        self.incumbent = Some(better);
        Ok(Improved::Open(hm))
    }

    /// Solves stage `si` from the incumbent with what is left of its
    /// `budget` (counted from `now`), keeps its value by a row (a fairness
    /// solve excepted) and records what is proven.
    pub(super) fn full(
        &mut self,
        mut hm: Model,
        si: usize,
        (kind, obj): (Kind, &Objective),
        budget: f64,
        now: Instant,
    ) -> Result<Model, SolveError> {
        let (n_x, level_gap) = (self.c.locked.len(), self.plan.level_gap(si));
        if let Some(sol) = &self.incumbent {
            hm.try_set_solution(Some(sol), None, None, None)
                .map_err(internal)?;
        }
        // The searches before count in the level's budget.
        let budget = (budget - now.elapsed().as_secs_f64()).max(0.0);
        hm.set_option("time_limit", budget.max(0.001));
        let t0 = Instant::now();
        let stop = t0 + Duration::from_secs_f64(budget);
        let (solved, mut optimal) = run_checked(hm, obj, stop)?;
        let status = solved.status();
        // HiGHS's dual bound on this stage's objective (−∞ when none).
        let db = solved
            .double_info_value(c"mip_dual_bound")
            .unwrap_or(f64::NEG_INFINITY);
        tracing::debug!(
            "stage {si} cols {} x {n_x} status {status:?} {:.3}s obj {} (start {}) bound {db}",
            self.c.cols.len(),
            t0.elapsed().as_secs_f64(),
            solved.objective_value(),
            self.incumbent.as_ref().map_or(f64::NAN, |s| value(obj, s)),
        );
        if status == HighsModelStatus::Infeasible {
            return Err(SolveError::Infeasible(
                "les créneaux verrouillés ne respectent pas les règles (mentor, repos ou limites) / \
                 the locked shifts break a hard rule (mentor, rest or limits)"
                    .into(),
            ));
        }
        // A fairness solve cut by the clock is dropped: its rota would
        // depend on the machine's load (same input → same rota).
        let feasible = solved.primal_solution_status() == HighsSolutionStatus::Feasible
            && !(kind == Kind::Fairness && status == HighsModelStatus::ReachedTimeLimit);
        if si == 0 && db.is_finite() && db > 0.0 {
            self.bound = self.c.constant + self.plan.coverage_bound(db);
        }
        let hm = if feasible {
            let mut sol = rounded(&solved, n_x);
            // HiGHS may stop at its limit having reported neither the
            // start's value nor its solution's (the start re-evaluated in
            // the presolved space, see `run_checked`): seen on the training
            // level of a 63,809-candidate component, start and solution
            // 4,740 minutes, objective reported 4,860, dual bound 4,740,
            // status `ReachedTimeLimit`. So the level's value is taken from
            // the better of the start and the solution, and is proven when
            // the dual bound is within the level's gap (`level_gap`) of it.
            if kind != Kind::Fairness && !optimal {
                if let Some(start) = &self.incumbent {
                    if value(obj, start) < value(obj, &sol) - 0.5 {
                        sol = start.clone();
                    }
                }
                if db.is_finite() && value(obj, &sol) - db <= level_gap {
                    tracing::debug!("stage {si}: proven by its bound {db}");
                    optimal = true;
                }
            }
            if let (true, Some(p)) = (optimal && si == 0, self.spare) {
                if value(obj, &sol) - db > level_gap {
                    let (better, ok) = confirm(p, self.c.cols, obj, sol, stop, n_x, level_gap)?;
                    sol = better;
                    optimal = ok;
                }
            }
            if si == 0 && optimal {
                self.bound = self.c.constant + value(self.c.uncovered, &sol).round();
            }
            let val = value(obj, &sol);
            self.incumbent = Some(sol);
            let mut hm = Model::from(solved);
            if kind != Kind::Fairness {
                keep_level(&mut hm, self.c.cols, obj, val)?;
            }
            hm
        } else {
            Model::from(solved)
        };
        if kind != Kind::Fairness && !optimal {
            self.proven = false;
        } else if kind != Kind::Fairness && self.levels_proven == si {
            self.levels_proven += 1;
        }
        self.prev_obj = obj.clone();
        if self.incumbent.is_none() {
            self.proven = false;
        }
        Ok(hm)
    }

    /// The outcome, once the stages are done or the clock stopped them at
    /// stage `stopped_at`: a scored level left unsolved is proven only if
    /// already at 0.
    pub(super) fn finish(self, stopped_at: Option<usize>) -> StagedOutcome {
        let mut proven = self.proven;
        if let (Some(k), Some(sol)) = (stopped_at, &self.incumbent) {
            let stages = &self.plan.stages;
            for (kind, obj) in &stages[k.min(stages.len())..] {
                let val = value(obj, sol);
                let at_zero = val < 0.5 && obj.iter().all(|&(_, w)| w >= 0.0);
                if *kind != Kind::Fairness && !obj.is_empty() && !at_zero {
                    proven = false;
                }
            }
        }
        let n_x = self.c.locked.len();
        let chosen = self
            .incumbent
            .map(|sol| (0..n_x).filter(|&l| sol[l] > 0.5).collect());
        StagedOutcome {
            chosen,
            proven,
            bound_slots: self.bound,
            levels_proven: self.levels_proven,
        }
    }
}

/// The candidates the preference level's `polish` leaves free: those
/// overlapping a chosen shift of the same volunteer, centre, skill and role
/// (shorter, longer or moved shifts).
fn overlapping(shifts: &[Shift], sol: &[f64]) -> Vec<bool> {
    let mut chosen: HashMap<_, Vec<_>> = HashMap::new();
    for (sh, _) in shifts.iter().zip(sol).filter(|&(_, &v)| v > 0.5) {
        chosen
            .entry((sh.volunteer, sh.centre, sh.skill, sh.role))
            .or_default()
            .push(sh.range);
    }
    shifts
        .iter()
        .map(|sh| {
            chosen
                .get(&(sh.volunteer, sh.centre, sh.skill, sh.role))
                .is_some_and(|rs| {
                    rs.iter()
                        .any(|r| r.start < sh.range.end && sh.range.start < r.end)
                })
        })
        .collect()
}
