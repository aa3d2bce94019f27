//! A start for the large exact components of a week given on a finer grid
//! than its own: the rota of the same week with free-length shifts on the
//! input's own grid (`candidates::natural_step`), solved first with part of
//! the time. gen.py's weeks of 15-minute slots have every instant on the
//! hour: sweep #8 (`scripts/sweep-random`, one exact component of 18,421
//! candidates) ended at 7,335 uncovered minutes within 5 s (bound 5,490),
//! while on whole hours the same week is solved to 5,520 in 0.5 s.

use std::time::Instant;

use super::pool::{Done, Pool};
use super::{has_free_length, solve_on, JobStart, SolveError, SolveOptions};
use crate::candidates::{self, Candidate};
use crate::decompose::Component;
use crate::problem::{Problem, Shift};

/// Exact components above this many candidates start from the coarse
/// rota: below it, the weighted try (`stages::weighted_try`) and the staged
/// solve prove most of them without a start.
const MIN_CANDIDATES: usize = 12_000;
/// Share of the time left for the coarse solve (it ends sooner when it
/// proves its rota). At 0.2, a generated sos-1400 week in 20-minute slots
/// (sweep `--large` #12) lost its coverage proof within 20 s.
const SHARE: f64 = 0.1;

/// When the input's own grid is coarser than its slots and thins the
/// candidates `cands` (every range) at least by half, and some exact
/// component among `jobs` has a free-length centre: solves the week on that
/// grid with part of the time, and returns its rota (indices into `cands`);
/// the start of each large exact component becomes its part of it.
pub(super) fn starts(
    problem: &Problem,
    opts: &SolveOptions,
    deadline: Instant,
    cands: &[Candidate],
    jobs: &[Component],
    starts: &mut [JobStart],
) -> Result<Option<Vec<usize>>, SolveError> {
    let free_length = |c: &Component| has_free_length(problem, c);
    let unit = candidates::natural_step(problem);
    if unit <= 1 || !jobs[..starts.len()].iter().any(free_length) {
        return Ok(None);
    }
    let started = Instant::now();
    let coarse = candidates::build_on_grid(problem, unit)?;
    if coarse.len() * 2 > cands.len() {
        return Ok(None);
    }
    let left = deadline.saturating_duration_since(started);
    let opts = SolveOptions {
        time_limit: left.mul_f64(SHARE),
        threads: opts.threads,
        previous: opts.previous.clone(),
    };
    // A failure here (none is known) leaves the exact solve to report it.
    let Ok(r) = solve_on(problem, &opts, &|_| {}, started, &coarse, unit) else {
        return Ok(None);
    };
    let rota = map_rota(problem, &r.shifts, cands);
    tracing::debug!(
        "coarse start: grid of {unit} slots, {} candidates, {} uncovered min in {:.2}s",
        coarse.len(),
        r.uncovered_minutes,
        started.elapsed().as_secs_f64()
    );
    for (i, st) in starts.iter_mut().enumerate() {
        let comp = &jobs[i];
        if comp.candidates.len() > MIN_CANDIDATES && free_length(comp) {
            st.chosen = part(&rota, comp);
        }
    }
    Ok(Some(rota))
}

/// The part of `rota` in component `comp`.
fn part(rota: &[usize], comp: &Component) -> Vec<usize> {
    rota.iter()
        .copied()
        .filter(|j| comp.candidates.binary_search(j).is_ok())
        .collect()
}

/// Each exact component (`jobs`, results `done`) left unproven whose part
/// of the coarse `rota` scores better than its own rota takes that part
/// (a generated alma-600 week in 15-minute slots within 20 s: the coarse
/// rota had 20,160 uncovered minutes, the exact solve 22,140 with it as
/// the start of its large components only).
pub(super) fn keep_better(pool: &Pool<'_>, jobs: &[Component], done: &mut [Done], rota: &[usize]) {
    for (comp, d) in jobs.iter().zip(done.iter_mut()) {
        if d.proven {
            continue;
        }
        let mine = part(rota, comp);
        if pool.rank(&mine) < pool.rank(&d.chosen) {
            tracing::debug!("coarse start: a component keeps its coarse rota");
            *d = Done {
                seconds: d.seconds,
                ..pool.done(comp, mine, false, d.bound_slots, 0)
            };
        }
    }
}

/// The candidates (indices into `cands`, sorted by shift) of the rota
/// `shifts`: each shift itself, or, where the dominance pruning of
/// `candidates` dropped it, the candidate it kept in its place
/// (`dominating`).
pub(super) fn map_rota(problem: &Problem, shifts: &[Shift], cands: &[Candidate]) -> Vec<usize> {
    let mut out: Vec<usize> = shifts
        .iter()
        .filter_map(|sh| {
            cands
                .binary_search_by_key(sh, |c| c.shift)
                .ok()
                .or_else(|| dominating(problem, sh, cands))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The candidate the dominance pruning of `candidates` keeps in place of
/// the staff shift `sh`: one of the same volunteer, centre and skill with
/// `core(sh) ⊆ r' ⊆ sh` (same coverage, no more minutes, no more
/// conflicts).
fn dominating(problem: &Problem, sh: &Shift, cands: &[Candidate]) -> Option<usize> {
    let req = problem.required(sh.centre, sh.skill)?;
    let (a, b) = candidates::core(req, sh.range);
    let key = |s: &Shift| (s.volunteer, s.centre, s.skill, s.role);
    let lo =
        cands.partition_point(|c| (key(&c.shift), c.shift.range.start) < (key(sh), sh.range.start));
    cands[lo..]
        .iter()
        .take_while(|c| key(&c.shift) == key(sh) && c.shift.range.start <= a)
        .position(|c| b <= c.shift.range.end && c.shift.range.end <= sh.range.end)
        .map(|k| lo + k)
}
