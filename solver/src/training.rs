//! "Planifier les formations" / training planning: proposes which volunteer
//! goes to which training session, as a small MILP solved by HiGHS.
//!
//! Pure library code: the app loads sessions and needs from its database,
//! calls [`plan`], lets a coordinator review the proposal, and calls
//! [`offer_next`] when a volunteer declines a seat.
//!
//! # Who may attend what ([`eligibility`])
//!
//! A need `n` (one volunteer, one skill) may be placed in session `s` iff
//!
//! 1. `s` teaches the need's skill and grants what the need lacks: an
//!    [`NeedKind::Expiring`] need takes [`Grants::Renew`] sessions, a
//!    [`NeedKind::NeedsCourse`] need takes [`Grants::Grant`] sessions;
//! 2. `s` is remote, at the volunteer's home centre, or at one of the other
//!    centres they listed;
//! 3. `[start, end)` of `s` lies inside one availability window (touching or
//!    overlapping windows are merged first);
//! 4. the volunteer has not declined `s`;
//! 5. `s` does not overlap a session the volunteer already attends (any skill).
//!
//! A renewal that ends *after* `expires_on` is allowed: it still brings the
//! volunteer back on the rota, but the qualification lapses in between, so it
//! ranks below an on-time renewal of the same need and loses one point of
//! urgency per day of lapse (see [`eligibility::priority`]).
//!
//! Needs whose qualification expires after `horizon` are not due
//! ([`TrainingPlan::not_due`]); a need whose volunteer already attends a
//! session of the right skill and kind is already met
//! ([`TrainingPlan::already_booked`]) and holds a seat there.
//!
//! # The model ([`model`])
//!
//! Binary `x[n,s]` for every eligible pair. Rows: free seats per session;
//! `Σ_s x[n,s] ≤ 1` per need; per volunteer, one row per maximal clique of
//! pairwise overlapping candidate sessions (sessions are intervals, so these
//! cliques describe "no two overlapping sessions" exactly).
//!
//! Objective: maximise `Σ (M + p[n,s]) · x[n,s]` with integer priorities
//! `p[n,s] ≥ 0` and `M = 1 + Σ_n max_s p[n,s]`.
//!
//! **Why the number of needs met comes first.** Let `A` meet `k` needs and
//! `B` meet `k' < k`. Each need contributes at most one term, so
//! `obj(B) ≤ k'·M + Σ_n max_s p[n,s] < k'·M + M ≤ k·M ≤ obj(A)`. Hence every
//! optimum meets the maximum number of needs, and among those maximises the
//! priority mass. The gap tolerances are set to zero (priorities are
//! integers), so "optimal" means optimal on both counts.
//!
//! # Determinism
//!
//! Needs are sorted by (volunteer id, skill) and sessions by (start, id)
//! before the model is built, HiGHS runs single-threaded by default with a
//! fixed random seed and no output: the same input (in any order) gives the
//! same plan.

pub mod eligibility;
pub mod model;
pub mod offer;
pub mod types;

pub use model::plan;
pub use offer::offer_next;
pub use types::*;
