//! One job on the pool: its model built and solved (weighted try, staged
//! levels, or a split's coverage-only solve), with the fallbacks when the
//! clock leaves no time; and the whole solve that ends a split component.

use std::time::Instant;

use super::pool::{members_of, Done, JobStart, Pool, Steer};
use super::{Progress, SolveError};
use crate::decompose::Component;
use crate::problem::Shift;
use crate::{cover_search, greedy, model, score, stages};

impl Pool<'_> {
    /// A mid-sized exact component (`stages::weighted_try`): the weighted
    /// model first, with `WEIGHTED_TRY_SHARE` of the time; if that does not
    /// prove its rota optimal, the coverage relaxation (at most as long
    /// again, `stages::coverage_relaxation`), then the staged levels (the
    /// model is built again: a solve consumes it), the better of the two
    /// coverage bounds kept, from the try's rota or from `searched` (the
    /// coverage search's, local positions) where that leaves fewer slots
    /// short. The try itself starts from nothing: from the search's rota it
    /// ended worse on the later levels (sweep `--large` #7: 39,360
    /// unpreferred minutes against 22,860, the same coverage). The
    /// relaxation after the try pays through `rins`: on six sos-1400 weeks
    /// within 10 s, 142,560 uncovered minutes against 144,900 without it
    /// (summed bound 139,560 and 139,620); within 20 s, 141,060 against
    /// 141,960; within 60 s, the public week and seed 2 at their optimum
    /// either way.
    pub(super) fn weighted_then_staged(
        &self,
        comp: &Component,
        m: model::ComponentModel,
        deadline: Instant,
        searched: Option<&[usize]>,
    ) -> Result<stages::StagedOutcome, SolveError> {
        let stop = Instant::now() + stages::left(deadline).mul_f64(stages::WEIGHTED_TRY_SHARE);
        let tried = stages::solve(m, stop, false, false, None, stages::Levels::Weighted)?;
        tracing::debug!(
            "weighted try: {} candidates, proven {}, bound {} slots",
            comp.candidates.len(),
            tried.proven,
            tried.bound_slots
        );
        if tried.proven {
            return Ok(tried);
        }
        let short = |local: &[usize]| {
            let global: Vec<usize> = local.iter().map(|&l| comp.candidates[l]).collect();
            self.rank(&global).0
        };
        let start = match (tried.chosen.as_deref(), searched) {
            (Some(t), Some(s)) if short(s) < short(t) => Some(s),
            (Some(t), _) => Some(t),
            (None, s) => s,
        };
        let m = model::build(self.problem, self.cands, comp, self.prev);
        relaxed_then_staged(comp, m, deadline, start, tried.bound_slots)
    }
}

/// The coverage level's linear relaxation of a mid-sized exact component,
/// with `WEIGHTED_TRY_SHARE` of the time at most, for a bound
/// (`stages::coverage_relaxation`; the better of it and `proven`, the
/// weighted try's bound or 0) and for `rins`, then the staged levels from
/// `start` (local positions). Used after a weighted try that did not prove
/// the component, and instead of one where there is too little time for it
/// (`stages::weighted_try_has_time`), from the coverage search's rota. A
/// relaxation not solved in time leaves no bound beyond `proven`; without
/// one the coverage level searches anyway (`Start::search_unbounded`):
/// under load (a build on both cores), seeds 1 and 2 within 3 s had
/// 27,660 and 34,920 uncovered minutes when it went straight to the full
/// model.
fn relaxed_then_staged(
    comp: &Component,
    m: model::ComponentModel,
    deadline: Instant,
    start: Option<&[usize]>,
    proven: f64,
) -> Result<stages::StagedOutcome, SolveError> {
    let stop = Instant::now() + stages::left(deadline).mul_f64(stages::WEIGHTED_TRY_SHARE);
    let relaxation = stages::coverage_relaxation(&m, stop)?;
    let lower = relaxation.as_ref().map_or(0.0, |r| r.bound).max(proven);
    tracing::debug!(
        "coverage relaxation: {} candidates, {}",
        comp.candidates.len(),
        if relaxation.is_some() {
            format!("bound {lower} slots")
        } else {
            "not solved in time".to_owned()
        }
    );
    let mut out = stages::solve(
        m,
        deadline,
        false,
        false,
        start.map(|chosen| stages::Start {
            chosen,
            lower,
            keep_coverage: false,
            kept_levels: 0,
            relaxed: relaxation.as_ref().map(|r| r.x.as_slice()),
            search_unbounded: relaxation.is_none(),
        }),
        stages::Levels::Auto,
    )?;
    out.bound_slots = out.bound_slots.max(lower);
    if out.chosen.is_none() {
        out.chosen = start.map(<[usize]>::to_vec);
    }
    Ok(out)
}

/// A split component is solved whole once more, when its restricted jobs
/// are done with time left and it has at most this many candidates. The
/// model of 114,356 free-length candidates (23 centres, 3,294 volunteers)
/// builds in 0.10 s and its run peaked at 269 MiB. samaritans-20k's
/// components have 27,685, 41,688 and 374,585 candidates; its split leaves
/// no time for any of them.
const FINISH_MAX_CANDIDATES: usize = 200_000;
/// The whole solve starts only with at least this much time left.
const FINISH_MIN_SECONDS: f64 = 1.0;

impl Pool<'_> {
    /// The restricted jobs of a split component fix where each
    /// multi-centre volunteer serves, so their rotas, even each proven,
    /// need not be optimal for the component. With time left, each big
    /// component is solved whole: its coverage kept at the joined rota's
    /// value (proven when that reaches the split's bound), its later levels
    /// solved from that rota with every volunteer free to serve at any of
    /// their centres. The new rota replaces the jobs' rotas when it scores
    /// at least as well (it starts from them, so it does unless the clock
    /// cut its first step). Components above `FINISH_MAX_CANDIDATES` keep
    /// their jobs' rotas. Returns whether every big component was so
    /// proven optimal; `done` (one per job, in `jobs` order) then holds
    /// each component's whole rota in its first job.
    pub(super) fn finish_split(
        &self,
        progress: &(dyn Fn(Progress) + Sync),
        big: &[Component],
        jobs: &[Component],
        starts: &[JobStart],
        done: &mut [Done],
        deadline: Instant,
    ) -> bool {
        let members = members_of(big, jobs);
        let left = stages::left(deadline).as_secs_f64();
        let eligible: Vec<usize> = (0..big.len())
            .filter(|&b| big[b].candidates.len() <= FINISH_MAX_CANDIDATES)
            .collect();
        if eligible.is_empty() || left < FINISH_MIN_SECONDS {
            tracing::debug!("split: no whole solve ({left:.1}s left)");
            return false;
        }
        let whole: Vec<Component> = eligible.iter().map(|&b| big[b].clone()).collect();
        progress(Progress::WholeSolve {
            centres: whole.iter().map(|c| c.centres.len()).sum(),
        });
        let whole_starts: Vec<JobStart> = eligible
            .iter()
            .map(|&b| {
                let mut chosen: Vec<usize> = members[b]
                    .iter()
                    .flat_map(|&i| done[i].chosen.iter().copied())
                    .collect();
                chosen.sort_unstable();
                JobStart {
                    chosen,
                    lower: members[b].iter().map(|&i| starts[i].lower).sum(),
                    keep_coverage: true,
                    kept_levels: 0,
                    steer: Steer::Off,
                }
            })
            .collect();
        // A component whose whole solve failed keeps its jobs' rotas.
        let (solved, mut outs): (Vec<usize>, Vec<Done>) = self
            .run(&whole, Some(&whole_starts), deadline, &|_| {})
            .into_iter()
            .enumerate()
            .filter_map(|(k, r)| {
                r.map_err(|e| tracing::debug!("split: whole solve failed ({e})"))
                    .ok()
                    .map(|d| (k, d))
            })
            .unzip();
        // Each level's budget is a share of the time left, so a whole solve
        // not proven may end early: rounds give it the rest.
        let again: Vec<Component> = solved.iter().map(|&k| whole[k].clone()).collect();
        self.rounds(&again, &mut outs, deadline, true, &|_| Steer::Off);
        let mut all_proven = solved.len() == big.len();
        for (k, new) in solved.into_iter().zip(outs) {
            let b = eligible[k];
            let kept = match members[b].split_first() {
                Some((&first, rest))
                    if self.rank(&new.chosen) <= self.rank(&whole_starts[k].chosen) =>
                {
                    tracing::debug!(
                        "split: whole solve of {} candidates, proven {}",
                        big[b].candidates.len(),
                        new.proven
                    );
                    for &i in rest {
                        done[i].chosen.clear();
                    }
                    done[first].chosen = new.chosen;
                    true
                }
                _ => false,
            };
            all_proven &= kept && new.proven;
        }
        all_proven
    }
}

/// Building a job's model and handing it to HiGHS takes about this long
/// per candidate (samaritans-20k's jobs of 11,000–12,000 candidates: 55 ms
/// from the model to HiGHS's first stop, even with no time left), plus
/// `SETUP_MIN_SECONDS`. A job needs that setup and as long again for
/// HiGHS to reach a rota: with less time it keeps its start or a greedy
/// rota. Hundreds of jobs started with less than their setup at the end of
/// a short limit ran 1.4 s past a 3 s limit; a whole solve of 112,187
/// candidates started with 0.61 s left (setup 0.56 s) took 0.86 s and found
/// no rota.
const SETUP_SECONDS_PER_CANDIDATE: f64 = 5e-6;
const SETUP_MIN_SECONDS: f64 = 0.002;
/// The time a job needs, in setups (above).
const SETUP_NEEDED: f64 = 2.0;
/// Most of its time the coverage search may take from a job (it ends
/// sooner: `cover_search::MOVES_PER_CANDIDATE`).
const COVER_SEARCH_SHARE: f64 = 0.15;

impl Pool<'_> {
    /// Solves one job; `start` (global candidate indices) is a feasible rota
    /// of it to begin from.
    pub(super) fn solve_one(
        &self,
        comp: &Component,
        start: Option<&JobStart>,
        deadline: Instant,
    ) -> Result<Done, SolveError> {
        let (problem, cands) = (self.problem, self.cands);
        let t0 = Instant::now();
        // Too little time to build the model and let HiGHS find a rota:
        // the start as it is (with its bound), else a greedy rota.
        let setup = SETUP_SECONDS_PER_CANDIDATE * comp.candidates.len() as f64 + SETUP_MIN_SECONDS;
        if stages::left(deadline).as_secs_f64() < SETUP_NEEDED * setup {
            tracing::debug!(
                "component: {} candidates, no time to solve, {} rota",
                comp.candidates.len(),
                if start.is_some() { "start" } else { "greedy" }
            );
            let (chosen, levels_proven) = self.fallback(comp, start);
            let bound = start.map_or(0.0, |st| st.lower);
            return Ok(self.done(comp, chosen, false, bound, levels_proven));
        }
        let mut m = model::build(problem, cands, comp, self.prev);
        if self.only_first && self.split {
            match start.map_or(&Steer::MultiCentre, |st| &st.steer) {
                // The relaxed pass: its rota decides where volunteers who
                // serve several centres work; using them only where needed
                // leaves fewer conflicts to cut (`split`).
                Steer::MultiCentre => model::steer(problem, cands, &mut m, |j| {
                    let sh = cands[j].shift;
                    problem.volunteers[sh.volunteer].centres.len() > 1
                }),
                // A merged job's relaxation: its rota becomes the job's
                // start without the shifts the job does not allow.
                Steer::Outside(allowed) => model::steer(problem, cands, &mut m, |j| {
                    allowed.binary_search(&j).is_err()
                }),
                Steer::Off => {}
            }
        }
        tracing::debug!(
            "component: {} centres, {} volunteers, {} candidates, model {:.2}s, {:.1}s left",
            comp.centres.len(),
            comp.volunteers.len(),
            comp.candidates.len(),
            t0.elapsed().as_secs_f64(),
            stages::left(deadline).as_secs_f64()
        );
        let cand_ix = m.cand.clone();
        // Start: global candidate indices → positions in the component.
        let local_start: Option<Vec<usize>> = start.map(|st| {
            st.chosen
                .iter()
                .filter_map(|j| comp.candidates.binary_search(j).ok())
                .collect()
        });
        let first_exact = start.is_none() && !self.only_first && !self.split;
        // A large exact component's first solve starts from the coverage
        // search's rota (`cover_search`), itself from the greedy rota (kept
        // for the comparison below).
        let mut greedy_rota: Option<Vec<usize>> = None;
        let searched: Option<Vec<usize>> = (first_exact && stages::searched_start(&m)).then(|| {
            let stop = Instant::now() + stages::left(deadline).mul_f64(COVER_SEARCH_SHARE);
            let greedy = greedy_rota.insert(greedy::rota(problem, cands, &comp.candidates));
            cover_search::improve(problem, cands, &comp.candidates, greedy, stop)
                .iter()
                .filter_map(|j| comp.candidates.binary_search(j).ok())
                .collect()
        });
        let searched_start = searched.as_deref().map(|chosen| stages::Start {
            chosen,
            lower: 0.0,
            keep_coverage: false,
            kept_levels: 0,
            relaxed: None,
            search_unbounded: false,
        });
        let out = if first_exact && stages::weighted_try(&m) {
            if stages::weighted_try_has_time(&m, stages::left(deadline)) {
                self.weighted_then_staged(comp, m, deadline, searched.as_deref())?
            } else {
                relaxed_then_staged(comp, m, deadline, searched.as_deref(), 0.0)?
            }
        } else {
            stages::solve(
                m,
                deadline,
                self.only_first,
                self.split,
                start
                    .zip(local_start.as_deref())
                    .map(|(st, chosen)| stages::Start {
                        chosen,
                        lower: st.lower,
                        keep_coverage: st.keep_coverage,
                        kept_levels: st.kept_levels,
                        relaxed: None,
                        search_unbounded: false,
                    })
                    .or(searched_start),
                stages::Levels::Auto,
            )?
        };
        // Without a start, the rota to fall back on: the coverage search's
        // where it ran (it leaves no more slots short than the greedy one),
        // else the greedy one.
        let own = || match &searched {
            Some(local) => local.iter().map(|&l| cand_ix[l]).collect(),
            None => greedy_rota
                .clone()
                .unwrap_or_else(|| greedy::rota(problem, cands, &comp.candidates)),
        };
        let (chosen, proven, levels_proven) = match out.chosen {
            // A rota HiGHS found without a start and could not prove: our
            // own where that scores better (a limit too short for the
            // model, e.g. within a second).
            Some(local) if start.is_none() && !self.only_first && !out.proven => {
                let found: Vec<usize> = local.iter().map(|&l| cand_ix[l]).collect();
                let own = own();
                if self.rank(&own) < self.rank(&found) {
                    (own, false, 0)
                } else {
                    (found, false, out.levels_proven)
                }
            }
            Some(local) => (
                local.iter().map(|&l| cand_ix[l]).collect(),
                out.proven,
                out.levels_proven,
            ),
            // No rota found in time (the clock may stop even the start's
            // completion).
            None if start.is_none() => (own(), false, 0),
            None => {
                let (chosen, levels_proven) = self.fallback(comp, start);
                (chosen, false, levels_proven)
            }
        };
        Ok(self.done(comp, chosen, proven, out.bound_slots, levels_proven))
    }

    /// A job's rota without a solve: its start when there is one (with the
    /// levels it is proven on), else a greedy one.
    pub(super) fn fallback(
        &self,
        comp: &Component,
        start: Option<&JobStart>,
    ) -> (Vec<usize>, usize) {
        match start {
            Some(st) => (st.chosen.clone(), st.kept_levels),
            None => (greedy::rota(self.problem, self.cands, &comp.candidates), 0),
        }
    }

    /// The outcome of a job with rota `chosen`, its bound capped at the
    /// rota's uncovered slots.
    pub(super) fn done(
        &self,
        comp: &Component,
        chosen: Vec<usize>,
        proven: bool,
        bound_slots: f64,
        levels_proven: usize,
    ) -> Done {
        let shifts: Vec<Shift> = chosen.iter().map(|&j| self.cands[j].shift).collect();
        let uncovered_slots = score::uncovered_slots(self.problem, &comp.centres, &shifts);
        Done {
            chosen,
            proven,
            bound_slots: bound_slots.min(uncovered_slots as f64),
            uncovered_slots,
            levels_proven,
            seconds: 0.0,
        }
    }
}
