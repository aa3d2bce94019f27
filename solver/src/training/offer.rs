//! Re-offering a freed seat after a volunteer declines.
//!
//! Greedy on purpose: the other proposals stay as they are (they may already
//! have been sent), and only one seat is filled. With every other seat fixed,
//! any candidate raises the number of needs met by one and the objective by
//! `M + p`, so the candidate with the highest priority `p` (ties: volunteer
//! id, then skill) is the best completion of the current plan. A full
//! re-solve could do better by moving people between sessions; that is what
//! [`super::plan`] is for.

use super::eligibility::{overlaps, NeedState, Prepared};
use super::types::{Assignment, TrainingError, TrainingProblem};

/// The next need to offer a seat of `session` to, or `None` when the session
/// is unknown, has no free seat left, or nobody else can take it.
///
/// `problem` must reflect the decline (the session is in the decliner's
/// `declined` list); `current` holds the proposals still standing (pending or
/// accepted but not yet booked). Proposals whose need has since declined
/// their session are ignored.
pub fn offer_next(
    problem: &TrainingProblem,
    current: &[Assignment],
    session: &str,
) -> Result<Option<Assignment>, TrainingError> {
    let prep = Prepared::new(problem)?;
    let sessions = &problem.sessions;
    let Some(target) = sessions.iter().position(|s| s.id == session) else {
        return Ok(None);
    };
    let standing: Vec<(usize, usize)> = current
        .iter()
        .filter_map(|a| {
            let need = problem.needs.get(a.need)?;
            let s = sessions.iter().position(|s| s.id == a.session)?;
            (!need.declined.contains(&a.session)).then_some((a.need, s))
        })
        .collect();
    let taken = standing.iter().filter(|&&(_, s)| s == target).count();
    if taken as u64 >= u64::from(prep.free[target]) {
        return Ok(None);
    }
    let best = prep
        .candidates
        .iter()
        .filter(|c| c.session == target && matches!(prep.states[c.need], NeedState::Open(_)))
        .filter(|c| {
            let volunteer = &problem.needs[c.need].volunteer;
            !standing.iter().any(|&(n, s)| {
                n == c.need
                    || (problem.needs[n].volunteer == *volunteer
                        && overlaps(&sessions[s], &sessions[target]))
            })
        })
        // Candidates are in canonical (volunteer, skill) order: keep the first maximum.
        .fold(
            None,
            |best: Option<&super::eligibility::Candidate>, c| match best {
                Some(b) if b.priority >= c.priority => Some(b),
                _ => Some(c),
            },
        );
    Ok(best.map(|c| {
        let need = &problem.needs[c.need];
        Assignment {
            need: c.need,
            volunteer: need.volunteer.clone(),
            skill: need.skill.clone(),
            session: sessions[target].id.clone(),
            late: c.late,
        }
    }))
}
