//! Public entry point of the optimiser: `solve(problem, options, progress)`
//! builds candidate shifts, splits the problem into independent components,
//! solves each with HiGHS (lexicographic stages) on a pool of OS threads and
//! assembles the rota, its score and its proven bound.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::candidates::{self, Candidate};
use crate::decompose::{self, Component};
use crate::problem::{Problem, Shift};
use crate::{greedy, model, score, split, stages};

/// How to solve.
#[derive(Debug, Clone)]
pub struct SolveOptions {
    /// Wall-clock budget for the whole solve (always honoured).
    pub time_limit: Duration,
    /// Number of OS threads solving components in parallel (≥ 1).
    pub threads: usize,
    /// Minimal-change re-solve: penalise differences from these shifts
    /// (after locked ones), strictly below the three score levels.
    pub previous: Vec<Shift>,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: Duration::from_secs(60),
            threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            previous: Vec::new(),
        }
    }
}

/// Outcome of the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Every level proven optimal (within HiGHS's tolerances on integers).
    Optimal,
    /// The time limit stopped the search; the rota is the best found.
    TimeLimit,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::TimeLimit => "time_limit",
        }
    }
}

/// Progress events, sent from solver threads (hence `Sync`).
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    Started {
        components: usize,
    },
    ComponentDone {
        done: usize,
        total: usize,
        /// Uncovered minutes of the components finished so far.
        uncovered_minutes: u64,
        /// Proven lower bound on those components' uncovered minutes.
        bound_minutes: f64,
    },
    /// Every component is done; the split ones (`centres` in all) are
    /// solved whole with the time left.
    WholeSolve {
        centres: usize,
    },
}

/// The rota found, with its score and proof.
#[derive(Debug, Clone)]
pub struct SolveReport {
    /// Every shift, locked ones included unchanged, sorted.
    pub shifts: Vec<Shift>,
    pub status: Status,
    pub uncovered_minutes: u64,
    pub training_shortfall_minutes: u64,
    pub unpreferred_minutes: u64,
    /// Proven lower bound on uncovered minutes.
    pub bound_minutes: f64,
    /// Relative gap `(uncovered - bound) / uncovered` (0 when uncovered is 0).
    pub gap: f64,
    pub seconds: f64,
    pub components: usize,
    /// How many shifts differ from `previous` (when given): added + dropped.
    pub changed: usize,
}

/// Why no rota could be produced.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SolveError {
    /// E.g. locked shifts break a hard rule.
    #[error("infeasible: {0}")]
    Infeasible(String),
    #[error("internal solver error: {0}")]
    Internal(String),
}

/// Solve `problem` within `opts.time_limit`: candidates, components solved
/// in parallel (one HiGHS instance per OS thread, HiGHS `threads=1`, fixed
/// seed), results assembled in component order, so the same input and the
/// same thread count give the same rota whenever no limit is hit.
pub fn solve(
    problem: &Problem,
    opts: &SolveOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<SolveReport, SolveError> {
    let started = Instant::now();
    // Keep a margin for assembling and scoring the rota.
    let deadline = started
        + opts
            .time_limit
            .mul_f64(0.97)
            .saturating_sub(Duration::from_millis(100));
    let cands = candidates::build(problem)?;
    let comps = decompose::components(problem, &cands);
    tracing::debug!(
        "{} candidates, {} components in {:.2}s",
        cands.len(),
        comps.len(),
        started.elapsed().as_secs_f64()
    );
    let mut previous = opts.previous.clone();
    previous.sort();
    let prev = (!previous.is_empty()).then_some(previous.as_slice());
    let threads = opts.threads.max(1);

    // Components too large for one MIP: relaxed per-centre solves give a
    // bound and tell where multi-centre volunteers are most useful; joined,
    // they start the restricted jobs (single or merged centres) that give
    // the rota (see `split`).
    let (big, mut jobs): (Vec<Component>, Vec<Component>) = comps.into_iter().partition(|c| {
        c.candidates.len() > split::THRESHOLD
            && c.centres.len() > 1
            && c.centres
                .iter()
                .any(|&x| problem.centres[x].templates.is_empty())
    });
    let n_exact = jobs.len();
    let mut starts: Vec<JobStart> = vec![JobStart::default(); n_exact];
    // A greedy rota of each split component (0.05 s for samaritans-20k's
    // largest, 374,585 candidates): where the clock cuts its passes short,
    // their rota can be worse, and this one is kept instead.
    let greedy_rotas: Vec<Vec<usize>> = big
        .iter()
        .map(|c| greedy::rota(problem, &cands, &c.candidates))
        .collect();
    let split_bound_slots = if big.is_empty() {
        0.0
    } else {
        solve_split(
            problem,
            &cands,
            &big,
            threads,
            deadline,
            started,
            n_exact,
            &greedy_rotas,
            &mut jobs,
            &mut starts,
        )?
    };
    let n_jobs = jobs.len();
    progress(Progress::Started { components: n_jobs });
    let pool = Pool {
        problem,
        cands: &cands,
        prev,
        only_first: false,
        split: !big.is_empty(),
        threads,
    };
    let mut shifts = Vec::new();
    // Exact components give their own bound; split ones the relaxed bound.
    let mut bound_slots = split_bound_slots;
    let mut done = pool
        .run(&jobs, Some(&starts), deadline, progress)
        .into_iter()
        .collect::<Result<Vec<Done>, SolveError>>()?;
    pool.rounds(
        &jobs[..n_exact],
        &mut done[..n_exact],
        deadline,
        false,
        &|_| Steer::Off,
    );
    // A split component is proven only by its whole solve (its jobs'
    // proofs hold for their restrictions).
    let mut proven = if big.is_empty() {
        true
    } else {
        let exact = Pool {
            split: false,
            ..pool
        };
        exact.finish_split(
            progress,
            &big,
            &jobs[n_exact..],
            &starts[n_exact..],
            &mut done[n_exact..],
            deadline,
        )
    };
    // A split component whose passes the clock cut short (samaritans-20k
    // within 3–15 s) can end worse than its greedy rota: that one then.
    let members = members_of(&big, &jobs[n_exact..]);
    for (greedy_rota, members) in greedy_rotas.iter().zip(&members) {
        let ours: Vec<usize> = members
            .iter()
            .flat_map(|&i| done[n_exact + i].chosen.iter().copied())
            .collect();
        if !members.is_empty() && pool.rank(greedy_rota) < pool.rank(&ours) {
            tracing::debug!("split: a component keeps its greedy rota");
            proven = false;
            for (k, &i) in members.iter().enumerate() {
                done[n_exact + i].chosen = if k == 0 {
                    greedy_rota.clone()
                } else {
                    Vec::new()
                };
            }
        }
    }
    for (i, d) in done.into_iter().enumerate() {
        shifts.extend(d.chosen.iter().map(|&j| cands[j].shift));
        if i < n_exact {
            proven &= d.proven;
            bound_slots += d.bound_slots;
        } else if d.uncovered_slots as f64 > starts[i].lower + 0.5 {
            tracing::debug!(
                "split job {i} ({} centres): {} uncovered slots, bound {}",
                jobs[i].centres.len(),
                d.uncovered_slots,
                starts[i].lower
            );
        }
    }
    shifts.sort();
    let sc = score::score(problem, &shifts);
    let bound_minutes = (bound_slots * f64::from(problem.slot_minutes)).min(sc.uncovered as f64);
    let gap = if sc.uncovered == 0 {
        0.0
    } else {
        (sc.uncovered as f64 - bound_minutes) / sc.uncovered as f64
    };
    Ok(SolveReport {
        changed: score::changed(&shifts, &previous),
        shifts,
        status: if proven {
            Status::Optimal
        } else {
            Status::TimeLimit
        },
        uncovered_minutes: sc.uncovered,
        training_shortfall_minutes: sc.shortfall,
        unpreferred_minutes: sc.unpreferred,
        bound_minutes,
        gap,
        seconds: started.elapsed().as_secs_f64(),
        components: n_jobs,
    })
}

/// The passes of `split` over the components too large for one MIP
/// (`big`): appends their restricted jobs to `jobs` (after the `n_exact`
/// exact components) with their starts, and returns the proven lower bound
/// on their uncovered slots.
#[allow(clippy::too_many_arguments)]
fn solve_split(
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

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Where a job begins: a feasible rota (global candidate indices; empty:
/// none) and what is known of its coverage (see `stages::Start`).
#[derive(Debug, Clone, Default)]
struct JobStart {
    chosen: Vec<usize>,
    lower: f64,
    keep_coverage: bool,
    /// Leading levels the start is proven optimal on (see `stages::Start`).
    kept_levels: usize,
    /// What a coverage-only solve of `split` steers away from.
    steer: Steer,
}

/// The tie-break of a coverage-only solve of `split` (`model::steer`).
#[derive(Debug, Clone, Default)]
enum Steer {
    /// None (a restricted job).
    #[default]
    Off,
    /// A relaxed per-centre job: the shifts of volunteers who serve
    /// several centres.
    MultiCentre,
    /// A relaxation of a merged job: every candidate outside the job's own
    /// (sorted global indices).
    Outside(Vec<usize>),
}

/// Each coverage-only job of a split component may use up to this many
/// times its share (by size) of the time left: most end far sooner
/// (samaritans-20k's relaxed per-centre MIPs, every one proven within a
/// 3 s limit: median 0.08 s, slowest 1.6 s), leaving their time to the
/// others, while a budget of exactly the share cut the slow ones (72 of
/// 400 per-centre coverage solves stopped by the clock). Only while the
/// pass is ahead of schedule (see `Pool::run`). Jobs solving the
/// later levels keep their share: those levels seldom finish early, and a
/// larger share left the last jobs no time at all.
const SPLIT_BUDGET_FACTOR: f64 = 3.0;

/// Solves a list of independent jobs on `threads` OS threads.
struct Pool<'a> {
    problem: &'a Problem,
    cands: &'a [Candidate],
    prev: Option<&'a [Shift]>,
    /// Only the first stage (the relaxed pass of `split`).
    only_first: bool,
    /// Jobs of a split component (many small budgets).
    split: bool,
    threads: usize,
}

impl Pool<'_> {
    /// Results in job order. Largest jobs start first; each gets a share of
    /// the time left proportional to its size.
    fn run(
        &self,
        jobs: &[Component],
        starts: Option<&[JobStart]>,
        deadline: Instant,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Vec<Result<Done, SolveError>> {
        let mut order: Vec<usize> = (0..jobs.len()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(jobs[i].candidates.len()), i));
        let weight = |i: usize| jobs[i].candidates.len() as f64 + 1.0;
        let total_weight: f64 = order.iter().map(|&i| weight(i)).sum();
        let threads = self.threads.min(jobs.len()).max(1);
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<Result<Done, SolveError>>>> =
            Mutex::new(vec![None; jobs.len()]);
        let tally = Mutex::new((0usize, 0u64, 0.0f64, total_weight));
        let sm = u64::from(self.problem.slot_minutes);
        let run_start = Instant::now();
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| loop {
                    let k = next.fetch_add(1, Ordering::SeqCst);
                    let Some(&ci) = order.get(k) else { break };
                    let budget = {
                        let t = lock(&tally);
                        let left = stages::left(deadline).as_secs_f64();
                        // The larger budget only while the pass is ahead
                        // of schedule (share of the weight done at least
                        // the share of the time used): when jobs do use it,
                        // the next ones fall back to their share, so the
                        // last ones are not starved.
                        let used = run_start.elapsed().as_secs_f64();
                        let ahead =
                            (total_weight - t.3) / total_weight >= used / (used + left).max(1e-9);
                        let factor = if self.split && self.only_first && ahead {
                            SPLIT_BUDGET_FACTOR
                        } else {
                            1.0
                        };
                        let share = (factor * threads as f64 * weight(ci) / t.3.max(1.0)).min(1.0);
                        Duration::from_secs_f64(left * share)
                    };
                    let t0 = Instant::now();
                    let out = self
                        .solve_one(
                            &jobs[ci],
                            starts
                                .and_then(|s| s.get(ci))
                                .filter(|s| !s.chosen.is_empty()),
                            t0 + budget,
                        )
                        .map(|d| Done {
                            seconds: t0.elapsed().as_secs_f64(),
                            ..d
                        });
                    let mut t = lock(&tally);
                    t.3 -= weight(ci);
                    if let Ok(d) = &out {
                        t.0 += 1;
                        t.1 += d.uncovered_slots * sm;
                        t.2 += d.bound_slots * sm as f64;
                        progress(Progress::ComponentDone {
                            done: t.0,
                            total: jobs.len(),
                            uncovered_minutes: t.1,
                            bound_minutes: t.2,
                        });
                    }
                    drop(t);
                    lock(&results)[ci] = Some(out);
                });
            }
        });
        let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
        results
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Err(SolveError::Internal("job not run".into()))))
            .collect()
    }
}

impl Pool<'_> {
    /// Coverage-only jobs of `split`, each from its start (steered as it
    /// says): then, with the time left before `deadline`, the ones the
    /// clock stopped again (`rounds`): each job's budget is set when it
    /// starts, before the others show how much time they leave.
    fn coverage(
        &self,
        jobs: &[Component],
        starts: &[JobStart],
        deadline: Instant,
    ) -> Result<Vec<Done>, SolveError> {
        let mut done = self
            .run(jobs, Some(starts), deadline, &|_| {})
            .into_iter()
            .collect::<Result<Vec<Done>, SolveError>>()?;
        self.rounds(jobs, &mut done, deadline, false, &|i| {
            starts[i].steer.clone()
        });
        Ok(done)
    }
}

/// The jobs (indices into `jobs`) of each big component: a job's centres
/// lie in one.
fn members_of(big: &[Component], jobs: &[Component]) -> Vec<Vec<usize>> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); big.len()];
    for (i, job) in jobs.iter().enumerate() {
        let b = job
            .centres
            .first()
            .and_then(|c| big.iter().position(|b| b.centres.binary_search(c).is_ok()));
        if let Some(b) = b {
            members[b].push(i);
        }
    }
    members
}

/// Solves of the unproven jobs again with the time other jobs left over,
/// at most this many times.
const MAX_ROUNDS: usize = 4;
/// A round starts only with at least this much time left.
const ROUND_MIN_SECONDS: f64 = 0.5;

impl Pool<'_> {
    /// Each job gets a share of the time when it starts, so a job that
    /// needs more than its share stops at the limit while others may end
    /// early and leave time unused. Rounds give the time left to the jobs
    /// not proven, each started from its rota with the levels proven so far
    /// kept; a job's new rota replaces the old one if it is proven or
    /// scores better. Only after a job hit its limit (no effect on the
    /// rota otherwise, so determinism without a binding limit holds).
    /// `keep_coverage`: each retry keeps its rota's coverage as it is (see
    /// `stages::Start`), for the whole solves of split components, whose
    /// coverage level a whole model cannot search in time (a component of
    /// 83,784 candidates: no root LP within 50 s). `steer(i)`: the
    /// tie-break of job `i`'s coverage-only solve (the passes of `split`).
    fn rounds(
        &self,
        jobs: &[Component],
        done: &mut [Done],
        deadline: Instant,
        keep_coverage: bool,
        steer: &dyn Fn(usize) -> Steer,
    ) {
        for round in 0..MAX_ROUNDS {
            let open: Vec<usize> = (0..jobs.len()).filter(|&i| !done[i].proven).collect();
            if open.is_empty() || stages::left(deadline).as_secs_f64() < ROUND_MIN_SECONDS {
                return;
            }
            tracing::debug!(
                "round {}: {} jobs not proven, {:.1}s left",
                round + 1,
                open.len(),
                stages::left(deadline).as_secs_f64()
            );
            let again: Vec<Component> = open.iter().map(|&i| jobs[i].clone()).collect();
            let starts: Vec<JobStart> = open
                .iter()
                .map(|&i| JobStart {
                    chosen: done[i].chosen.clone(),
                    lower: done[i].bound_slots,
                    keep_coverage,
                    kept_levels: done[i].levels_proven,
                    steer: steer(i),
                })
                .collect();
            let results = self.run(&again, Some(&starts), deadline, &|_| {});
            for (&i, r) in open.iter().zip(results) {
                // A failed retry keeps the rota it started from.
                let Ok(new) = r else { continue };
                let old = &mut done[i];
                let bound_slots = old.bound_slots.max(new.bound_slots);
                tracing::debug!(
                    "round {}: job {i}: rank {:?} (proven {}) against {:?}",
                    round + 1,
                    self.rank(&new.chosen),
                    new.proven,
                    self.rank(&old.chosen)
                );
                let seconds = old.seconds + new.seconds;
                if new.proven || self.rank(&new.chosen) < self.rank(&old.chosen) {
                    *old = new;
                }
                old.seconds = seconds;
                old.bound_slots = bound_slots.min(old.uncovered_slots as f64);
            }
        }
    }

    /// The score levels of a job's rota, for comparing two rotas of the
    /// same job (the other jobs' part of the score is the same in both).
    fn rank(&self, chosen: &[usize]) -> (u64, u64, u64) {
        let shifts: Vec<Shift> = chosen.iter().map(|&j| self.cands[j].shift).collect();
        let sc = score::score(self.problem, &shifts);
        (sc.uncovered, sc.shortfall, sc.unpreferred)
    }
}

impl Pool<'_> {
    /// A mid-sized exact component (`stages::weighted_try`): the weighted
    /// model first, with `WEIGHTED_TRY_SHARE` of the time; if that does not
    /// prove its rota optimal, the staged levels from that rota (the model
    /// is built again: a solve consumes it), its coverage bound kept.
    fn weighted_then_staged(
        &self,
        comp: &Component,
        m: model::ComponentModel,
        deadline: Instant,
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
        let m = model::build(self.problem, self.cands, comp, self.prev);
        let mut out = stages::solve(
            m,
            deadline,
            false,
            false,
            tried.chosen.as_deref().map(|chosen| stages::Start {
                chosen,
                lower: tried.bound_slots,
                keep_coverage: false,
                kept_levels: 0,
            }),
            stages::Levels::Auto,
        )?;
        out.bound_slots = out.bound_slots.max(tried.bound_slots);
        if out.chosen.is_none() {
            out.chosen = tried.chosen;
        }
        Ok(out)
    }
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
    fn finish_split(
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

/// One component's result, in global candidate indices.
#[derive(Debug, Clone)]
struct Done {
    chosen: Vec<usize>,
    proven: bool,
    bound_slots: f64,
    uncovered_slots: u64,
    /// See `stages::StagedOutcome::levels_proven` (0 without a solved rota).
    levels_proven: usize,
    /// Wall seconds its solves took (retries in `Pool::rounds` included).
    seconds: f64,
}

/// Building a job's model and handing it to HiGHS takes about this long
/// per candidate (samaritans-20k's jobs of 11,000–12,000 candidates: 55 ms
/// from the model to HiGHS's first stop, even with no time left). A job
/// with less time than that, plus `SETUP_MIN_SECONDS`, keeps its start or
/// a greedy rota: hundreds of such jobs at the end of a short limit ran
/// 1.4 s past a 3 s limit.
const SETUP_SECONDS_PER_CANDIDATE: f64 = 5e-6;
const SETUP_MIN_SECONDS: f64 = 0.002;

impl Pool<'_> {
    /// Solves one job; `start` (global candidate indices) is a feasible rota
    /// of it to begin from.
    fn solve_one(
        &self,
        comp: &Component,
        start: Option<&JobStart>,
        deadline: Instant,
    ) -> Result<Done, SolveError> {
        let (problem, cands) = (self.problem, self.cands);
        let t0 = Instant::now();
        // Too little time to build the model and hand it to HiGHS: the
        // start as it is (with its bound), else a greedy rota.
        let setup = SETUP_SECONDS_PER_CANDIDATE * comp.candidates.len() as f64 + SETUP_MIN_SECONDS;
        if stages::left(deadline).as_secs_f64() < setup {
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
        let out = if first_exact && stages::weighted_try(&m) {
            self.weighted_then_staged(comp, m, deadline)?
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
                    }),
                stages::Levels::Auto,
            )?
        };
        let (chosen, proven, levels_proven) = match out.chosen {
            // A rota HiGHS found without a start and could not prove: the
            // greedy one where that scores better (a limit too short for
            // the model, e.g. within a second).
            Some(local) if start.is_none() && !self.only_first && !out.proven => {
                let found: Vec<usize> = local.iter().map(|&l| cand_ix[l]).collect();
                let greedy = greedy::rota(problem, cands, &comp.candidates);
                if self.rank(&greedy) < self.rank(&found) {
                    (greedy, false, 0)
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
            None => {
                let (chosen, levels_proven) = self.fallback(comp, start);
                (chosen, false, levels_proven)
            }
        };
        Ok(self.done(comp, chosen, proven, out.bound_slots, levels_proven))
    }

    /// A job's rota without a solve: its start when there is one (with the
    /// levels it is proven on), else a greedy one.
    fn fallback(&self, comp: &Component, start: Option<&JobStart>) -> (Vec<usize>, usize) {
        match start {
            Some(st) => (st.chosen.clone(), st.kept_levels),
            None => (greedy::rota(self.problem, self.cands, &comp.candidates), 0),
        }
    }

    /// The outcome of a job with rota `chosen`, its bound capped at the
    /// rota's uncovered slots.
    fn done(
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
