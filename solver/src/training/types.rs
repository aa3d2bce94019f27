//! Input and output types of the training planner (serde, JSON-friendly).

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where a session takes place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// At this centre (centre id); JSON `{"centre": "c12"}`.
    Centre(String),
    /// Online: anyone may attend from anywhere; JSON `"remote"`.
    Remote,
}

/// What attending a session gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grants {
    /// Renews a qualification the volunteer already holds.
    Renew,
    /// Grants the qualification (initial course).
    Grant,
}

/// One training session with a fixed number of seats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Unique among the sessions.
    pub id: String,
    /// Skill (qualification) code it teaches.
    pub skill: String,
    /// Half-open `[start, end)`, `start < end`.
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub place: Place,
    /// Total seats.
    pub capacity: u32,
    /// Seats held by attendees not described in the needs (e.g. added by
    /// hand). Attendees listed in a need's `already_attending` are counted
    /// by the planner itself: do not include them here.
    #[serde(default)]
    pub seats_taken: u32,
    pub grants: Grants,
}

/// Why a volunteer needs a session of some skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum NeedKind {
    /// Holds the qualification; valid up to and including `expires_on`.
    Expiring { expires_on: NaiveDate },
    /// Does not hold it yet (trainee): needs the initial course.
    NeedsCourse,
}

/// Half-open instant range `[start, end)` when a volunteer can attend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// One volunteer needing one skill. At most one need per (volunteer, skill).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Need {
    pub volunteer: String,
    pub skill: String,
    #[serde(flatten)]
    pub kind: NeedKind,
    pub home_centre: String,
    /// Other centres they accept to travel to.
    #[serde(default)]
    pub other_centres: Vec<String>,
    /// When they can attend; a session must fit inside one window.
    #[serde(default)]
    pub availability: Vec<Window>,
    /// Sessions (any skill) they are already booked on: they block
    /// overlapping sessions; one of the need's skill and kind meets the need.
    #[serde(default)]
    pub already_attending: Vec<String>,
    /// Sessions they declined: never proposed again.
    #[serde(default)]
    pub declined: Vec<String>,
}

/// Everything the planner needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingProblem {
    pub sessions: Vec<Session>,
    pub needs: Vec<Need>,
    /// Expiring needs with `expires_on` after this date are not due yet.
    pub horizon: NaiveDate,
}

/// How to solve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainingOptions {
    /// Wall-clock limit given to HiGHS.
    pub time_limit: Duration,
    /// HiGHS threads. HiGHS's thread count is sticky per OS thread: keep one
    /// value for the life of a thread pool (1 is the safe default).
    pub threads: u32,
}

impl Default for TrainingOptions {
    fn default() -> Self {
        TrainingOptions {
            time_limit: Duration::from_secs(30),
            threads: 1,
        }
    }
}

/// A proposed seat: need → session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// Index of the need in `TrainingProblem::needs`.
    pub need: usize,
    pub volunteer: String,
    pub skill: String,
    pub session: String,
    /// The session ends after the qualification's expiry date.
    pub late: bool,
}

/// Why a need got no seat (first cause that leaves no session, in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnmetReason {
    /// No session teaches this skill with the right kind (renewal / course).
    NoSessionForSkill,
    /// Sessions exist, but none remote or at a centre they can reach.
    NoSessionReachable,
    /// None lies inside their availability.
    NoSessionInAvailability,
    /// They declined every session left.
    DeclinedAll,
    /// Every session left overlaps a session they already attend.
    ClashesWithBooking,
    /// Every session left is full.
    SessionsFull,
    /// Seats were left, but only in sessions overlapping the session proposed
    /// to the same volunteer for another need.
    ClashesWithProposal,
    /// The time limit stopped the search before this need was placed.
    NotPlaced,
}

impl UnmetReason {
    /// Plain explanation, French first then English.
    pub fn message(&self) -> &'static str {
        match self {
            UnmetReason::NoSessionForSkill => {
                "Aucune session pour cette compétence / No session for this skill"
            }
            UnmetReason::NoSessionReachable => {
                "Aucune session à distance ou dans un centre accessible / No remote session or session at a reachable centre"
            }
            UnmetReason::NoSessionInAvailability => {
                "Aucune session dans les disponibilités / No session inside availability"
            }
            UnmetReason::DeclinedAll => {
                "Toutes les sessions possibles ont été refusées / Declined every possible session"
            }
            UnmetReason::ClashesWithBooking => {
                "Les sessions possibles chevauchent une formation déjà prévue / Sessions overlap a booked session"
            }
            UnmetReason::SessionsFull => "Sessions complètes / Sessions full",
            UnmetReason::ClashesWithProposal => {
                "Les places restantes chevauchent une autre formation proposée / Remaining seats overlap another proposed session"
            }
            UnmetReason::NotPlaced => {
                "Limite de temps atteinte avant placement / Time limit reached before placement"
            }
        }
    }
}

/// A need left without a seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmet {
    pub need: usize,
    pub volunteer: String,
    pub skill: String,
    pub reason: UnmetReason,
}

/// Outcome of the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Proven optimal (needs met, then priorities).
    Optimal,
    /// Stopped by the time limit; the best plan found.
    TimeLimit,
    /// Nothing to decide (no eligible pair): trivially optimal.
    Trivial,
}

/// Size and time of the solve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PlanStats {
    pub status: PlanStatus,
    pub seconds: f64,
    /// Binary variables (eligible need × session pairs).
    pub variables: usize,
    pub constraints: usize,
    /// Needs met, then priority mass: `Σ p` over the assignments.
    pub needs_met: usize,
    pub priority: u64,
}

/// The proposal the coordinator reviews.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingPlan {
    /// Sorted by session id then volunteer id.
    pub assignments: Vec<Assignment>,
    /// Sorted by need index.
    pub unmet: Vec<Unmet>,
    /// Need indices already met by a booked session (not re-planned).
    pub already_booked: Vec<usize>,
    /// Need indices expiring after the horizon (not planned).
    pub not_due: Vec<usize>,
    pub stats: PlanStats,
}

/// Why no plan could be produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrainingError {
    #[error("invalid input: {0}")]
    InvalidInput(String),
    #[error("solver error: {0}")]
    Solver(String),
}
