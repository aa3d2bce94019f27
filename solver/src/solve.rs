//! Public entry point of the optimiser: `solve(problem, options, progress)`
//! builds candidate shifts, splits the problem into independent components,
//! solves each with HiGHS (lexicographic stages) on a pool of OS threads and
//! assembles the rota, its score and its proven bound.

use std::time::Duration;

use crate::problem::{Problem, Shift};

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

/// Solve `problem` within `opts.time_limit`.
pub fn solve(
    problem: &Problem,
    opts: &SolveOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<SolveReport, SolveError> {
    let _ = (problem, opts, progress);
    Err(SolveError::Internal("not implemented yet".into()))
}
