//! The passes of `split` over the components too large for one MIP: the
//! relaxed per-centre solves, the restricted jobs and their coverage
//! repair, the merge rounds (see the `split` module for the method).

use std::collections::HashMap;
use std::time::Instant;

use super::pool::{JobStart, Pool, Steer};
use super::SolveError;
use crate::candidates::Candidate;
use crate::decompose::Component;
use crate::problem::{Problem, Shift};
use crate::{score, split, stages};

mod merge;

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
    for c in big {
        tracing::debug!(
            "split: {} centres, {} candidates",
            c.centres.len(),
            c.candidates.len()
        );
    }
    let pool = Pool {
        problem,
        cands,
        prev: None,
        only_first: true,
        split: true,
        threads,
    };
    let relaxed = relaxed_pass(&pool, big, greedy_rotas, deadline)?;
    let by_centre: HashMap<usize, &Component> =
        relaxed.jobs.iter().map(|r| (r.centres[0], r)).collect();
    let mut passes = Passes {
        pool,
        deadline,
        started,
        n_exact,
        jobs,
        starts,
        bound: relaxed.bound,
        cost: vec![0.0; n_exact],
        fixed: HashMap::new(),
    };
    let cover = passes.restricted(big, &relaxed, &by_centre);
    let (lossy, proven_cover) = passes.coverage_pass(&cover, &relaxed.chosen)?;
    let merged = passes.merge_rounds(lossy, &by_centre)?;
    Ok(passes.settle(&cover.of, &merged, &proven_cover))
}

/// Jobs still above their bound (by index after the exact components),
/// each with the volunteers whose shifts it could not keep.
type Lossy = Vec<(usize, Vec<usize>)>;

/// What the relaxed pass gives.
struct Relaxed {
    /// One job per centre of the split components (its relaxation).
    jobs: Vec<Component>,
    /// Their rotas, together (global candidate indices).
    chosen: Vec<usize>,
    /// Per centre: the proven bound of its relaxed solve (uncovered
    /// slots), and the wall seconds that solve took.
    lower: HashMap<usize, f64>,
    seconds: HashMap<usize, f64>,
    /// The sum of the bounds.
    bound: f64,
}

/// The relaxed pass: one coverage-only job per centre, every volunteer
/// serving elsewhere a copy with full limits, with the share
/// `split::RELAXED_SHARE` of the time left.
fn relaxed_pass(
    pool: &Pool<'_>,
    big: &[Component],
    greedy_rotas: &[Vec<usize>],
    deadline: Instant,
) -> Result<Relaxed, SolveError> {
    let cands = pool.cands;
    let jobs: Vec<Component> = big
        .iter()
        .flat_map(|c| split::per_centre(cands, c))
        .collect();
    // Each relaxed job starts from the greedy rota's shifts at its centre
    // (a rota of its relaxation): where the clock stops its solve before a
    // better rota, it keeps them (at 60 s the pass also ends sooner:
    // samaritans-20k 22.7 → 14.8 s).
    let mut greedy_at: HashMap<usize, Vec<usize>> = HashMap::new();
    for &j in greedy_rotas.iter().flatten() {
        greedy_at.entry(cands[j].shift.centre).or_default().push(j);
    }
    let starts: Vec<JobStart> = jobs
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
    let done = pool.coverage(&jobs, &starts, phase_deadline)?;
    let (mut chosen, mut lower, mut seconds, mut bound) =
        (Vec::new(), HashMap::new(), HashMap::new(), 0.0);
    for (job, d) in jobs.iter().zip(done) {
        bound += d.bound_slots;
        lower.insert(job.centres[0], d.bound_slots);
        seconds.insert(job.centres[0], d.seconds);
        chosen.extend(d.chosen);
    }
    Ok(Relaxed {
        jobs,
        chosen,
        lower,
        seconds,
        bound,
    })
}

/// The relaxation of the union of `centres`: every candidate there (each
/// centre's relaxed job, `by_centre`), each volunteer who serves outside
/// them a copy with full limits, as in the relaxed pass.
fn relaxation(
    cands: &[Candidate],
    by_centre: &HashMap<usize, &Component>,
    centres: Vec<usize>,
) -> Component {
    let mut all: Vec<usize> = centres
        .iter()
        .filter_map(|c| by_centre.get(c))
        .flat_map(|r| r.candidates.iter().copied())
        .collect();
    all.sort_unstable();
    split::job(cands, centres, all)
}

/// The coverage solves of the restricted jobs, all in one pool run:
/// single-centre jobs whose start lost coverage (or whose relaxed solve
/// was not proven), and the relaxation of every merged job whose start
/// did.
struct Cover {
    jobs: Vec<Component>,
    starts: Vec<JobStart>,
    /// Per entry: (job index, whether the entry is the job's relaxation).
    of: Vec<(usize, bool)>,
}

/// The state of the passes after the relaxed one.
struct Passes<'a, 'p> {
    pool: Pool<'p>,
    deadline: Instant,
    started: Instant,
    /// Jobs before this index are exact components, not split ones.
    n_exact: usize,
    jobs: &'a mut Vec<Component>,
    starts: &'a mut Vec<JobStart>,
    /// Proven lower bound on the split components' uncovered slots.
    bound: f64,
    /// Per job: the wall seconds of its latest coverage-only solve (at
    /// first its centres' relaxed solves): what a merge costs.
    cost: Vec<f64>,
    /// Copies' shifts kept by `split::rejoin`, by volunteer.
    fixed: HashMap<usize, Vec<usize>>,
}

impl Passes<'_, '_> {
    /// Uncovered slots at `centres` of the rota `js`.
    fn slots(&self, centres: &[usize], js: &[usize]) -> u64 {
        let cands = self.pool.cands;
        let shifts: Vec<Shift> = js.iter().map(|&j| cands[j].shift).collect();
        score::uncovered_slots(self.pool.problem, centres, &shifts)
    }

    /// The restricted jobs of the joined relaxed rotas (`split::restricted`),
    /// appended to the jobs, each bounded by the sum of its centres'
    /// relaxed bounds (a restricted job is a restriction of their
    /// relaxations); returns the coverage solves they need.
    fn restricted(
        &mut self,
        big: &[Component],
        relaxed: &Relaxed,
        by_centre: &HashMap<usize, &Component>,
    ) -> Cover {
        let (problem, cands) = (self.pool.problem, self.pool.cands);
        let mut cover = Cover {
            jobs: Vec::new(),
            starts: Vec::new(),
            of: Vec::new(),
        };
        let mut start_slots = 0;
        for comp in big {
            for (job, start) in split::restricted(problem, cands, comp, &relaxed.chosen) {
                let lb: f64 = job
                    .centres
                    .iter()
                    .filter_map(|c| relaxed.lower.get(c))
                    .sum();
                self.cost.push(
                    job.centres
                        .iter()
                        .filter_map(|c| relaxed.seconds.get(c))
                        .sum(),
                );
                let u = self.slots(&job.centres, &start);
                start_slots += u;
                let st = JobStart {
                    chosen: start,
                    lower: lb,
                    keep_coverage: false,
                    kept_levels: 0,
                    steer: Steer::Off,
                };
                if u as f64 > lb + 0.5 && job.centres.len() == 1 {
                    cover.of.push((self.jobs.len(), false));
                    cover.jobs.push(job.clone());
                    cover.starts.push(st.clone());
                } else if u as f64 > lb + 0.5 {
                    // Merged centres: solve their relaxation, with every
                    // candidate there (each volunteer serving outside them
                    // is a copy with full limits, as in the relaxed pass),
                    // so its bound holds for the job and is at least the
                    // sum of the centres'. Its rota, without the copies'
                    // shifts the job does not allow, is the job's start.
                    cover.of.push((self.jobs.len(), true));
                    cover
                        .jobs
                        .push(relaxation(cands, by_centre, job.centres.clone()));
                    cover.starts.push(JobStart {
                        steer: Steer::Outside(job.candidates.clone()),
                        ..st.clone()
                    });
                }
                self.jobs.push(job);
                self.starts.push(JobStart {
                    keep_coverage: true,
                    ..st
                });
            }
        }
        tracing::debug!(
            "split: relaxed pass done at {:.2}s, bound {} slots, \
             restricted starts {start_slots} slots, {} of {} to repair",
            self.started.elapsed().as_secs_f64(),
            self.bound,
            cover.of.iter().filter(|c| !c.1).count(),
            self.jobs.len() - self.n_exact
        );
        cover
    }

    /// Raises job `i`'s bound (and the total) to a relaxation's bound.
    fn raise_bound(&mut self, i: usize, bound_slots: f64) {
        if bound_slots > self.starts[i].lower {
            self.bound += bound_slots - self.starts[i].lower;
            self.starts[i].lower = bound_slots;
        }
    }

    /// Coverage first where the restriction lost some (or the relaxed
    /// solve was not proven), before any time goes to the later levels,
    /// with the share `split::REPAIR_SHARE` of the time left; the merged
    /// jobs' relaxations are then joined (`join_rotas`). Returns the jobs
    /// still above their bound (by index after the exact ones), with the
    /// volunteers whose shifts they could not keep (for a single centre:
    /// whose relaxed shifts there, `relaxed`, it does not allow), and the
    /// single-centre jobs whose coverage is proven.
    fn coverage_pass(
        &mut self,
        cover: &Cover,
        relaxed: &[usize],
    ) -> Result<(Lossy, Vec<usize>), SolveError> {
        let cands = self.pool.cands;
        let n_exact = self.n_exact;
        let phase_deadline =
            Instant::now() + stages::left(self.deadline).mul_f64(split::REPAIR_SHARE);
        let done = self
            .pool
            .coverage(&cover.jobs, &cover.starts, phase_deadline)?;
        let mut rotas: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut proven_cover: Vec<usize> = Vec::new();
        let mut short: Lossy = Vec::new();
        for (&(i, relaxation), d) in cover.of.iter().zip(done) {
            self.cost[i] = d.seconds;
            if relaxation {
                self.raise_bound(i, d.bound_slots);
                rotas.push((i - n_exact, d.chosen));
                continue;
            }
            let now = d.uncovered_slots;
            self.starts[i].chosen = d.chosen;
            if d.proven {
                proven_cover.push(i);
            }
            tracing::debug!(
                "repair: job {i}: {now} slots, bound {}, proven {}",
                self.starts[i].lower,
                d.proven
            );
            if now as f64 > self.starts[i].lower + 0.5 {
                let job = &self.jobs[i];
                let mut away: Vec<usize> = relaxed
                    .iter()
                    .filter(|&&j| {
                        job.centres.contains(&cands[j].shift.centre)
                            && job.candidates.binary_search(&j).is_err()
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
        // The relaxations' rotas, once every start is known: what the jobs
        // allow, and the copies' shifts `split::rejoin` can fix.
        let mut lossy = self.join(rotas);
        lossy.extend(short);
        Ok((lossy, proven_cover))
    }

    /// The starts' final flags, then the jobs emptied by the merge rounds
    /// dropped; returns the bound. Where coverage is still above the bound
    /// and not proven optimal for the job (`proven_cover`), the last pass
    /// searches it again before the later levels.
    fn settle(self, cover_of: &[(usize, bool)], merged: &[usize], proven_cover: &[usize]) -> f64 {
        for &i in cover_of.iter().map(|(i, _)| i).chain(merged) {
            let reached = self.slots(&self.jobs[i].centres, &self.starts[i].chosen) as f64
                <= self.starts[i].lower + 0.5;
            self.starts[i].keep_coverage = reached || proven_cover.contains(&i);
        }
        tracing::debug!(
            "split: coverage pass done at {:.2}s, bound {} slots",
            self.started.elapsed().as_secs_f64(),
            self.bound
        );
        let n_exact = self.n_exact;
        let (kept_jobs, kept_starts): (Vec<Component>, Vec<JobStart>) = std::mem::take(self.jobs)
            .into_iter()
            .zip(std::mem::take(self.starts))
            .enumerate()
            .filter(|(i, (job, _))| *i < n_exact || !job.centres.is_empty())
            .map(|(_, pair)| pair)
            .unzip();
        *self.jobs = kept_jobs;
        *self.starts = kept_starts;
        self.bound
    }
}
