//! The merge rounds of `split`'s coverage pass: a job still above its
//! bound merged with the jobs holding the volunteers it lost, the union's
//! relaxation solved and its rota joined back (`split::rejoin`).

use std::collections::HashMap;
use std::time::Instant;

use super::{relaxation, Lossy, Passes};
use crate::candidates::Candidate;
use crate::decompose::Component;
use crate::problem::{Problem, Shift};
use crate::solve::pool::{JobStart, Steer};
use crate::solve::SolveError;
use crate::{score, split, stages};

impl Passes<'_, '_> {
    /// `join_rotas` over the split jobs.
    pub(super) fn join(&mut self, rotas: Vec<(usize, Vec<usize>)>) -> Lossy {
        let n = self.n_exact;
        join_rotas(
            self.pool.problem,
            self.pool.cands,
            &mut self.jobs[n..],
            &mut self.starts[n..],
            &mut self.fixed,
            rotas,
        )
    }

    /// Merge rounds: a job still above its bound (merged, or a single
    /// centre whose coverage solve could not reach it; `lossy`) joins the
    /// jobs holding the volunteers whose shifts it could not keep; the
    /// union's relaxation is solved (a bound at least the sum of theirs)
    /// and its rota joined as in the coverage pass. A round's joins may
    /// leave jobs above their bound again, for the next. Returns the merged
    /// jobs.
    pub(super) fn merge_rounds(
        &mut self,
        mut lossy: Lossy,
        by_centre: &HashMap<usize, &Component>,
    ) -> Result<Vec<usize>, SolveError> {
        let n_exact = self.n_exact;
        let mut merged_jobs: Vec<usize> = Vec::new();
        for round in 0..split::MERGE_ROUNDS {
            let mut relax_jobs: Vec<Component> = Vec::new();
            let mut relax_starts: Vec<JobStart> = Vec::new();
            let mut round_of: Vec<usize> = Vec::new();
            let mut taken = vec![false; self.jobs.len()];
            // Jobs whose group would take a job already merged this round
            // wait for the next one (that job is then part of a larger one).
            let mut deferred = Vec::new();
            for (k, rejected) in std::mem::take(&mut lossy) {
                let i = n_exact + k;
                if taken[i] {
                    continue;
                }
                let mut group: Vec<usize> = vec![i];
                let mut wait = false;
                for v in &rejected {
                    for (g, job) in self.jobs.iter().enumerate().skip(n_exact) {
                        if !group.contains(&g) && job.volunteers.binary_search(v).is_ok() {
                            wait |= taken[g];
                            group.push(g);
                        }
                    }
                }
                if wait {
                    deferred.push((k, rejected));
                    continue;
                }
                if !self.worth_merging(round, k, &group) {
                    continue;
                }
                for &g in &group {
                    taken[g] = true;
                }
                let (relaxation, start) = merge(
                    self.pool.problem,
                    self.pool.cands,
                    by_centre,
                    self.jobs,
                    self.starts,
                    &group,
                );
                relax_jobs.push(relaxation);
                relax_starts.push(start);
                round_of.push(i);
            }
            if relax_jobs.is_empty() {
                break;
            }
            let phase_deadline =
                Instant::now() + stages::left(self.deadline).mul_f64(split::REPAIR_SHARE);
            let done = self
                .pool
                .coverage(&relax_jobs, &relax_starts, phase_deadline)?;
            let mut rotas = Vec::new();
            for (&i, d) in round_of.iter().zip(done) {
                self.cost[i] = d.seconds;
                self.raise_bound(i, d.bound_slots);
                rotas.push((i - n_exact, d.chosen));
            }
            lossy = self.join(rotas);
            // A merged job above its bound whose relaxed rota kept every
            // shift in the join (its solve was stopped by the clock) has no
            // lost volunteer to merge over: it is only counted here.
            let above = round_of
                .iter()
                .filter(|&&i| {
                    self.slots(&self.jobs[i].centres, &self.starts[i].chosen) as f64
                        > self.starts[i].lower + 0.5
                })
                .count();
            tracing::debug!(
                "merge round {}: {above} merged jobs above their bound, {} of them with shifts lost",
                round + 1,
                lossy.len()
            );
            lossy.extend(deferred);
            merged_jobs.extend(round_of);
        }
        Ok(merged_jobs)
    }

    /// Whether the jobs of `group` (its first, job `k` after the exact
    /// ones, left above its bound) are merged: only if small enough and
    /// quick enough. The union's relaxation takes longer than its parts'
    /// coverage solves did together: a merge unlikely to be solved in the
    /// round's time would only take that time from the later levels (see
    /// `split::MERGE_TIME_SHARE`).
    fn worth_merging(&self, round: usize, k: usize, group: &[usize]) -> bool {
        let size: usize = group.iter().map(|&g| self.jobs[g].candidates.len()).sum();
        let seconds: f64 = group.iter().map(|&g| self.cost[g]).sum();
        let time = stages::left(self.deadline).as_secs_f64()
            * split::REPAIR_SHARE
            * split::MERGE_TIME_SHARE;
        let merged = group.len() > 1 && size <= split::MAX_MERGED_CANDIDATES && seconds <= time;
        tracing::debug!(
            "merge round {}: job {k}: group of {} jobs, {size} candidates, \
             {seconds:.1}s of {time:.1}s: {}",
            round + 1,
            group.len(),
            if merged { "merged" } else { "not merged" }
        );
        merged
    }
}

/// Merges the jobs of `group` (indices into `jobs`, its first the job
/// left above its bound) into that first one, emptying the others, and
/// returns the union's relaxation with its start: every candidate at the
/// union's centres (`by_centre`: each centre's relaxed job), steered away
/// from those the merged job does not allow. The merged job keeps the
/// candidates of its parts and gains every candidate there of the
/// volunteers whose centres all lie in the union; its start joins its
/// parts' starts and its bound sums theirs.
fn merge(
    problem: &Problem,
    cands: &[Candidate],
    by_centre: &HashMap<usize, &Component>,
    jobs: &mut [Component],
    starts: &mut [JobStart],
    group: &[usize],
) -> (Component, JobStart) {
    let i = group[0];
    let mut centres: Vec<usize> = group
        .iter()
        .flat_map(|&g| jobs[g].centres.clone())
        .collect();
    centres.sort_unstable();
    let union = relaxation(cands, by_centre, centres.clone());
    // Volunteers with every centre in the union serve anywhere there.
    let mut own: Vec<usize> = group
        .iter()
        .flat_map(|&g| jobs[g].candidates.clone())
        .collect();
    own.extend(union.candidates.iter().copied().filter(|&j| {
        let v = cands[j].shift.volunteer;
        problem.volunteers[v]
            .centres
            .iter()
            .all(|c| centres.binary_search(c).is_ok())
    }));
    own.sort_unstable();
    own.dedup();
    let mut start: Vec<usize> = group
        .iter()
        .flat_map(|&g| starts[g].chosen.clone())
        .collect();
    start.sort_unstable();
    let lower: f64 = group.iter().map(|&g| starts[g].lower).sum();
    for &g in group {
        jobs[g] = Component {
            centres: Vec::new(),
            candidates: Vec::new(),
            volunteers: Vec::new(),
        };
        starts[g] = JobStart {
            keep_coverage: true,
            ..JobStart::default()
        };
    }
    jobs[i] = split::job(cands, centres, own);
    starts[i] = JobStart {
        chosen: start,
        lower,
        keep_coverage: false,
        kept_levels: 0,
        steer: Steer::Off,
    };
    (
        union,
        JobStart {
            steer: Steer::Outside(jobs[i].candidates.clone()),
            ..starts[i].clone()
        },
    )
}

/// Joins the rotas of merged jobs' relaxations (`(job, rota)`, indices
/// into `jobs`) through `split::rejoin`, one after the other, each seeing
/// the starts as the earlier ones left them; a rota becomes its job's start
/// when it leaves no more uncovered. Returns the jobs still above their
/// bound, with the volunteers whose shifts could not be kept.
fn join_rotas(
    problem: &Problem,
    cands: &[Candidate],
    jobs: &mut [Component],
    starts: &mut [JobStart],
    fixed: &mut HashMap<usize, Vec<usize>>,
    rotas: Vec<(usize, Vec<usize>)>,
) -> Lossy {
    let slots = |centres: &[usize], js: &[usize]| {
        let shifts: Vec<Shift> = js.iter().map(|&j| cands[j].shift).collect();
        score::uncovered_slots(problem, centres, &shifts)
    };
    let mut start_sets: Vec<Vec<usize>> = starts.iter().map(|s| s.chosen.clone()).collect();
    let mut lossy = Vec::new();
    for (k, rota) in rotas {
        let (chosen, rejected) = split::rejoin(problem, cands, jobs, &start_sets, fixed, k, &rota);
        let centres = &jobs[k].centres;
        let (now, before) = (slots(centres, &chosen), slots(centres, &starts[k].chosen));
        tracing::debug!(
            "rejoin: job {k}: relaxed rota {}, kept {now}, start {before}, bound {}",
            slots(centres, &rota),
            starts[k].lower
        );
        if now <= before {
            starts[k].chosen.clone_from(&chosen);
            start_sets[k] = chosen;
        }
        if now.min(before) as f64 > starts[k].lower + 0.5 && !rejected.is_empty() {
            lossy.push((k, rejected));
        }
    }
    lossy
}
