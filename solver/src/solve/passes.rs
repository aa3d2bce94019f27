//! The passes of `split` over the components too large for one MIP: the
//! relaxed per-centre solves, the restricted jobs and their coverage
//! repair, the merge rounds (see the `split` module for the method).

use std::time::Instant;

use super::pool::{JobStart, Pool, Steer};
use super::SolveError;
use crate::candidates::Candidate;
use crate::decompose::Component;
use crate::problem::{Problem, Shift};
use crate::{score, split, stages};

/// The passes of `split` over the components too large for one MIP
/// (`big`): appends their restricted jobs to `jobs` (after the `n_exact`
/// exact components) with their starts, and returns the proven lower bound
/// on their uncovered slots.
#[allow(clippy::too_many_arguments)]
pub(super) fn solve_split(
    problem: &Problem,
    cands: &[Candidate],
    big: &[Component],
    threads: usize,
    deadline: Instant,
    started: Instant,
    n_exact: usize,
    greedy_rotas: &[Vec<usize>],
    jobs: &mut Vec<Component>,
    starts: &mut Vec<JobStart>,
) -> Result<f64, SolveError> {
    let mut split_bound_slots = 0.0;
    for c in big {
        tracing::debug!(
            "split: {} centres, {} candidates",
            c.centres.len(),
            c.candidates.len()
        );
    }
    let relaxed: Vec<Component> = big
        .iter()
        .flat_map(|c| split::per_centre(cands, c))
        .collect();
    // Each relaxed job starts from the greedy rota's shifts at its centre
    // (a rota of its relaxation): where the clock stops its solve before a
    // better rota, it keeps them (at 60 s the pass also ends sooner:
    // samaritans-20k 22.7 → 14.8 s).
    let mut greedy_at: std::collections::HashMap<usize, Vec<usize>> =
        std::collections::HashMap::new();
    for &j in greedy_rotas.iter().flatten() {
        greedy_at.entry(cands[j].shift.centre).or_default().push(j);
    }
    let relaxed_starts: Vec<JobStart> = relaxed
        .iter()
        .map(|r| {
            let mut chosen = greedy_at.remove(&r.centres[0]).unwrap_or_default();
            chosen.sort_unstable();
            JobStart {
                chosen,
                steer: Steer::MultiCentre,
                ..JobStart::default()
            }
        })
        .collect();
    let phase_deadline = Instant::now() + stages::left(deadline).mul_f64(split::RELAXED_SHARE);
    let pool = Pool {
        problem,
        cands,
        prev: None,
        only_first: true,
        split: true,
        threads,
    };
    let mut chosen: Vec<usize> = Vec::new();
    // A restricted job is a restriction of the relaxed jobs of its
    // centres, so the sum of their relaxed bounds holds for it.
    let mut lower: std::collections::HashMap<usize, f64> = std::collections::HashMap::new();
    let done = pool.coverage(&relaxed, &relaxed_starts, phase_deadline)?;
    // Wall seconds of each centre's relaxed solve, then of each job's
    // latest coverage-only solve (by job index): what a merge costs.
    let mut seconds_at: std::collections::HashMap<usize, f64> = std::collections::HashMap::new();
    for (job, d) in relaxed.iter().zip(done) {
        split_bound_slots += d.bound_slots;
        lower.insert(job.centres[0], d.bound_slots);
        seconds_at.insert(job.centres[0], d.seconds);
        chosen.extend(d.chosen);
    }
    let by_centre: std::collections::HashMap<usize, &Component> =
        relaxed.iter().map(|r| (r.centres[0], r)).collect();
    // Coverage solves, all in one pool run: restricted jobs whose start
    // lost coverage (or whose relaxed solve was not proven), and the
    // relaxation of every merged job (below), by job index.
    let mut cover_jobs: Vec<Component> = Vec::new();
    let mut cover_starts: Vec<JobStart> = Vec::new();
    // (job index, whether the entry is the job's relaxation).
    let mut cover_of: Vec<(usize, bool)> = Vec::new();
    let mut start_slots = 0;
    // Per job (index into `jobs`): the seconds its coverage took so far.
    let mut cost: Vec<f64> = vec![0.0; jobs.len()];
    for comp in big {
        for (job, start) in split::restricted(problem, cands, comp, &chosen) {
            let lb: f64 = job.centres.iter().filter_map(|c| lower.get(c)).sum();
            cost.push(job.centres.iter().filter_map(|c| seconds_at.get(c)).sum());
            let shifts: Vec<Shift> = start.iter().map(|&j| cands[j].shift).collect();
            let u = score::uncovered_slots(problem, &job.centres, &shifts);
            start_slots += u;
            let st = JobStart {
                chosen: start,
                lower: lb,
                keep_coverage: false,
                kept_levels: 0,
                steer: Steer::Off,
            };
            if u as f64 > lb + 0.5 && job.centres.len() == 1 {
                cover_of.push((jobs.len(), false));
                cover_jobs.push(job.clone());
                cover_starts.push(st.clone());
            } else if u as f64 > lb + 0.5 {
                // Merged centres: solve their relaxation, with every
                // candidate there (each volunteer serving outside them
                // is a copy with full limits, as in the relaxed pass),
                // so its bound holds for the job and is at least the
                // sum of the centres'. Its rota, without the copies'
                // shifts the job does not allow, is the job's start.
                let mut all: Vec<usize> = job
                    .centres
                    .iter()
                    .filter_map(|c| by_centre.get(c))
                    .flat_map(|r| r.candidates.iter().copied())
                    .collect();
                all.sort_unstable();
                let mut volunteers: Vec<usize> =
                    all.iter().map(|&j| cands[j].shift.volunteer).collect();
                volunteers.dedup();
                cover_of.push((jobs.len(), true));
                cover_jobs.push(Component {
                    centres: job.centres.clone(),
                    candidates: all,
                    volunteers,
                });
                cover_starts.push(JobStart {
                    steer: Steer::Outside(job.candidates.clone()),
                    ..st.clone()
                });
            }
            jobs.push(job);
            starts.push(JobStart {
                keep_coverage: true,
                ..st
            });
        }
    }
    tracing::debug!(
        "split: relaxed pass done at {:.2}s, bound {split_bound_slots} slots, \
         restricted starts {start_slots} slots, {} of {} to repair",
        started.elapsed().as_secs_f64(),
        cover_of.iter().filter(|c| !c.1).count(),
        jobs.len() - n_exact
    );
    // Coverage first where the restriction lost some (or the relaxed
    // solve was not proven), before any time goes to the later levels.
    let phase_deadline = Instant::now() + stages::left(deadline).mul_f64(split::REPAIR_SHARE);
    let done = pool.coverage(&cover_jobs, &cover_starts, phase_deadline)?;
    let slots = |centres: &[usize], js: &[usize]| {
        let shifts: Vec<Shift> = js.iter().map(|&j| cands[j].shift).collect();
        score::uncovered_slots(problem, centres, &shifts)
    };
    let mut rotas: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut proven_cover: Vec<usize> = Vec::new();
    // Single-centre jobs still above their bound, with the volunteers whose
    // relaxed shifts there they do not allow (for the merge round).
    let mut short: Vec<(usize, Vec<usize>)> = Vec::new();
    for (&(i, relaxation), d) in cover_of.iter().zip(done) {
        cost[i] = d.seconds;
        if relaxation {
            if d.bound_slots > starts[i].lower {
                split_bound_slots += d.bound_slots - starts[i].lower;
                starts[i].lower = d.bound_slots;
            }
            rotas.push((i, d.chosen));
        } else {
            let now = d.uncovered_slots;
            starts[i].chosen = d.chosen;
            if d.proven {
                proven_cover.push(i);
            }
            tracing::debug!(
                "repair: job {i}: {now} slots, bound {}, proven {}",
                starts[i].lower,
                d.proven
            );
            if now as f64 > starts[i].lower + 0.5 {
                let mut away: Vec<usize> = chosen
                    .iter()
                    .filter(|&&j| {
                        jobs[i].centres.contains(&cands[j].shift.centre)
                            && jobs[i].candidates.binary_search(&j).is_err()
                    })
                    .map(|&j| cands[j].shift.volunteer)
                    .collect();
                away.sort_unstable();
                away.dedup();
                tracing::debug!("repair: job {i}: {} volunteers away", away.len());
                if !away.is_empty() {
                    short.push((i - n_exact, away));
                }
            }
        }
    }
    // The relaxations' rotas, once every start is known: what the jobs
    // allow, and the copies' shifts `split::rejoin` can fix.
    let mut fixed = std::collections::HashMap::new();
    let mut lossy = join_rotas(
        problem,
        cands,
        &mut jobs[n_exact..],
        &mut starts[n_exact..],
        &mut fixed,
        rotas.into_iter().map(|(i, r)| (i - n_exact, r)).collect(),
    );
    lossy.extend(short);
    // Merge rounds: a job still above its bound (merged, or a single centre
    // whose coverage solve could not reach it) joins the jobs holding the
    // volunteers whose shifts it could not keep (whose relaxed shifts at
    // its centre it does not allow); the union's relaxation is solved (a
    // bound at least the sum of theirs) and its rota joined as above. A
    // round's joins may leave jobs above their bound again, for the next.
    let mut relax_of: Vec<usize> = Vec::new();
    for round in 0..split::MERGE_ROUNDS {
        let mut relax_jobs: Vec<Component> = Vec::new();
        let mut relax_starts: Vec<JobStart> = Vec::new();
        let mut round_of: Vec<usize> = Vec::new();
        let mut taken = vec![false; jobs.len()];
        // Jobs whose group would take a job already merged this round wait
        // for the next one (that job is then part of a larger one).
        let mut deferred = Vec::new();
        for (k, rejected) in std::mem::take(&mut lossy) {
            let i = n_exact + k;
            if taken[i] {
                continue;
            }
            let mut group: Vec<usize> = vec![i];
            let mut wait = false;
            for v in &rejected {
                for g in n_exact..jobs.len() {
                    if !group.contains(&g) && jobs[g].volunteers.binary_search(v).is_ok() {
                        wait |= taken[g];
                        group.push(g);
                    }
                }
            }
            if wait {
                deferred.push((k, rejected));
                continue;
            }
            let size: usize = group.iter().map(|&g| jobs[g].candidates.len()).sum();
            // The union's relaxation takes longer than its parts' coverage
            // solves did together: a merge unlikely to be solved in the
            // round's time would only take that time from the later levels
            // (see `split::MERGE_TIME_SHARE`).
            let seconds: f64 = group.iter().map(|&g| cost[g]).sum();
            let time = stages::left(deadline).as_secs_f64()
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
            if !merged {
                continue;
            }
            for &g in &group {
                taken[g] = true;
            }
            let (relaxation, start) = merge(problem, cands, &by_centre, jobs, starts, &group);
            relax_jobs.push(relaxation);
            relax_starts.push(start);
            round_of.push(i);
        }
        if relax_jobs.is_empty() {
            break;
        }
        let phase_deadline = Instant::now() + stages::left(deadline).mul_f64(split::REPAIR_SHARE);
        let done = pool.coverage(&relax_jobs, &relax_starts, phase_deadline)?;
        let mut rotas = Vec::new();
        for (&i, d) in round_of.iter().zip(done) {
            cost[i] = d.seconds;
            if d.bound_slots > starts[i].lower {
                split_bound_slots += d.bound_slots - starts[i].lower;
                starts[i].lower = d.bound_slots;
            }
            rotas.push((i - n_exact, d.chosen));
        }
        lossy = join_rotas(
            problem,
            cands,
            &mut jobs[n_exact..],
            &mut starts[n_exact..],
            &mut fixed,
            rotas,
        );
        tracing::debug!(
            "merge round {}: {} jobs still above their bound",
            round + 1,
            lossy.len()
        );
        lossy.extend(deferred);
        relax_of.extend(round_of);
    }
    // Where coverage is still above the bound and not proven optimal
    // for the job, the last pass searches it again before the later
    // levels.
    for &i in cover_of.iter().map(|(i, _)| i).chain(&relax_of) {
        let reached = slots(&jobs[i].centres, &starts[i].chosen) as f64 <= starts[i].lower + 0.5;
        starts[i].keep_coverage = reached || proven_cover.contains(&i);
    }
    tracing::debug!(
        "split: coverage pass done at {:.2}s, bound {split_bound_slots} slots",
        started.elapsed().as_secs_f64(),
    );
    // Jobs emptied by the merge round.
    let (kept_jobs, kept_starts): (Vec<Component>, Vec<JobStart>) = std::mem::take(jobs)
        .into_iter()
        .zip(std::mem::take(starts))
        .enumerate()
        .filter(|(i, (job, _))| *i < n_exact || !job.centres.is_empty())
        .map(|(_, pair)| pair)
        .unzip();
    *jobs = kept_jobs;
    *starts = kept_starts;
    Ok(split_bound_slots)
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
    by_centre: &std::collections::HashMap<usize, &Component>,
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
    let mut all: Vec<usize> = centres
        .iter()
        .filter_map(|c| by_centre.get(c))
        .flat_map(|r| r.candidates.iter().copied())
        .collect();
    all.sort_unstable();
    // Volunteers with every centre in the union serve anywhere there.
    let mut own: Vec<usize> = group
        .iter()
        .flat_map(|&g| jobs[g].candidates.clone())
        .collect();
    own.extend(all.iter().copied().filter(|&j| {
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
    let mut volunteers: Vec<usize> = own.iter().map(|&j| cands[j].shift.volunteer).collect();
    volunteers.dedup();
    jobs[i] = Component {
        centres: centres.clone(),
        candidates: own,
        volunteers,
    };
    starts[i] = JobStart {
        chosen: start.clone(),
        lower,
        keep_coverage: false,
        kept_levels: 0,
        steer: Steer::Off,
    };
    let mut volunteers: Vec<usize> = all.iter().map(|&j| cands[j].shift.volunteer).collect();
    volunteers.dedup();
    (
        Component {
            centres,
            candidates: all,
            volunteers,
        },
        JobStart {
            chosen: start,
            lower,
            keep_coverage: false,
            kept_levels: 0,
            steer: Steer::Outside(jobs[i].candidates.clone()),
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
    fixed: &mut std::collections::HashMap<usize, Vec<usize>>,
    rotas: Vec<(usize, Vec<usize>)>,
) -> Vec<(usize, Vec<usize>)> {
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
