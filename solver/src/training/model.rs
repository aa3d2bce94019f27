//! The MILP (good_lp + HiGHS): binaries per candidate seat, seats per
//! session, one seat per need, no overlapping sessions per volunteer; then
//! the plan with a reason for every need left without a seat.

use std::collections::BTreeSet;
use std::time::Instant;

use good_lp::solvers::highs::highs;
use good_lp::{
    constraint, variable, Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus,
    SolverModel, Variable,
};

use super::eligibility::{overlaps, Candidate, NeedState, Prepared};
use super::types::{
    Assignment, PlanStats, PlanStatus, TrainingError, TrainingOptions, TrainingPlan,
    TrainingProblem, Unmet, UnmetReason,
};

/// Propose seats for the due needs of `problem` (see the module docs).
pub fn plan(
    problem: &TrainingProblem,
    options: &TrainingOptions,
) -> Result<TrainingPlan, TrainingError> {
    let started = Instant::now();
    let prep = Prepared::new(problem)?;
    let cands = &prep.candidates;
    let (chosen, status, constraints) = if cands.is_empty() {
        (Vec::new(), PlanStatus::Trivial, 0)
    } else {
        solve_milp(&prep, options)?
    };
    Ok(build_plan(
        &prep,
        &chosen,
        status,
        cands.len(),
        constraints,
        started.elapsed().as_secs_f64(),
    ))
}

/// Rows as lists of candidate indices with their right-hand sides.
pub fn rows(prep: &Prepared) -> Vec<(Vec<usize>, u32)> {
    let cands = &prep.candidates;
    let sessions = &prep.problem.sessions;
    let mut rows = Vec::new();
    // Seats.
    let mut per_session: Vec<Vec<usize>> = vec![Vec::new(); sessions.len()];
    for (k, c) in cands.iter().enumerate() {
        per_session[c.session].push(k);
    }
    for &s in &prep.session_order {
        let members = std::mem::take(&mut per_session[s]);
        let free = prep.free[s];
        if !members.is_empty() && (members.len() as u64) > u64::from(free) {
            rows.push((members, free));
        }
    }
    // One seat per need (candidates of a need are contiguous).
    let mut start = 0;
    while start < cands.len() {
        let mut end = start + 1;
        while end < cands.len() && cands[end].need == cands[start].need {
            end += 1;
        }
        if end - start > 1 {
            rows.push(((start..end).collect(), 1));
        }
        start = end;
    }
    // No overlap: maximal cliques of each volunteer's candidate intervals,
    // found at candidate start instants; only those spanning two needs.
    for members in prep.by_volunteer().into_values() {
        let needs: BTreeSet<usize> = members.iter().map(|&k| cands[k].need).collect();
        if needs.len() < 2 {
            continue;
        }
        let mut cliques: Vec<Vec<usize>> = Vec::new();
        for &k in &members {
            let p = sessions[cands[k].session].start;
            let mut clique: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&j| {
                    let s = &sessions[cands[j].session];
                    s.start <= p && p < s.end
                })
                .collect();
            clique.sort_unstable();
            let spans: BTreeSet<usize> = clique.iter().map(|&j| cands[j].need).collect();
            if spans.len() >= 2 && !cliques.contains(&clique) {
                cliques.push(clique);
            }
        }
        let maximal: Vec<&Vec<usize>> = cliques
            .iter()
            .filter(|c| {
                !cliques
                    .iter()
                    .any(|o| o.len() > c.len() && c.iter().all(|x| o.contains(x)))
            })
            .collect();
        rows.extend(maximal.into_iter().map(|c| (c.clone(), 1)));
    }
    rows
}

/// Solve with HiGHS; returns chosen candidate indices, status, row count.
fn solve_milp(
    prep: &Prepared,
    options: &TrainingOptions,
) -> Result<(Vec<usize>, PlanStatus, usize), TrainingError> {
    let cands = &prep.candidates;
    // M = 1 + Σ_n max_s p[n,s] (proof in the module docs).
    let mut max_per_need = std::collections::HashMap::new();
    for c in cands {
        let e = max_per_need.entry(c.need).or_insert(0u64);
        *e = (*e).max(c.priority);
    }
    let big_m = 1 + max_per_need.values().sum::<u64>();

    let mut vars = ProblemVariables::new();
    let x: Vec<Variable> = cands
        .iter()
        .map(|_| vars.add(variable().binary()))
        .collect();
    let objective: Expression = cands
        .iter()
        .zip(&x)
        .map(|(c, &v)| ((big_m + c.priority) as f64) * v)
        .sum();
    let rows = rows(prep);
    let n_rows = rows.len();
    let mut model = highs(vars.maximise(objective))
        .set_option("output_flag", false)
        .set_option("log_to_console", false)
        .set_option("random_seed", 0)
        .set_option("mip_rel_gap", 0.0)
        // Objective coefficients are integers: an absolute gap below 1 is optimal.
        .set_option("mip_abs_gap", 0.5)
        .set_threads(options.threads.max(1))
        .set_time_limit(options.time_limit.as_secs_f64());
    for (members, rhs) in rows {
        let lhs: Expression = members.iter().map(|&k| x[k]).sum();
        model.add_constraint(constraint!(lhs <= rhs as f64));
    }
    match model.solve() {
        Ok(solution) => {
            let status = match solution.status() {
                SolutionStatus::Optimal | SolutionStatus::GapLimit => PlanStatus::Optimal,
                SolutionStatus::TimeLimit => PlanStatus::TimeLimit,
            };
            let chosen = (0..cands.len())
                .filter(|&k| solution.value(x[k]) > 0.5)
                .collect();
            Ok((chosen, status, n_rows))
        }
        // No incumbent before the limit: fall back on a feasible greedy plan.
        Err(ResolutionError::Other("NoSolutionFound")) => {
            Ok((greedy(prep), PlanStatus::TimeLimit, n_rows))
        }
        Err(e) => Err(TrainingError::Solver(e.to_string())),
    }
}

/// Feasible plan taking candidates by decreasing priority (ties: canonical order).
pub fn greedy(prep: &Prepared) -> Vec<usize> {
    let cands = &prep.candidates;
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(cands[k].priority));
    let mut left = prep.free.clone();
    let mut chosen: Vec<usize> = Vec::new();
    for k in order {
        let c = cands[k];
        if left[c.session] == 0 || chosen.iter().any(|&j| clashes(prep, &cands[j], &c)) {
            continue;
        }
        left[c.session] -= 1;
        chosen.push(k);
    }
    chosen.sort_unstable();
    chosen
}

/// Same need, or same volunteer in overlapping sessions.
fn clashes(prep: &Prepared, a: &Candidate, b: &Candidate) -> bool {
    let needs = &prep.problem.needs;
    let sessions = &prep.problem.sessions;
    a.need == b.need
        || (needs[a.need].volunteer == needs[b.need].volunteer
            && overlaps(&sessions[a.session], &sessions[b.session]))
}

fn build_plan(
    prep: &Prepared,
    chosen: &[usize],
    status: PlanStatus,
    variables: usize,
    constraints: usize,
    seconds: f64,
) -> TrainingPlan {
    let problem = prep.problem;
    let cands = &prep.candidates;
    let mut used = vec![0u32; problem.sessions.len()];
    let mut seated = vec![false; problem.needs.len()];
    let mut assignments = Vec::with_capacity(chosen.len());
    let mut priority = 0;
    for &k in chosen {
        let c = cands[k];
        used[c.session] += 1;
        seated[c.need] = true;
        priority += c.priority;
        let need = &problem.needs[c.need];
        assignments.push(Assignment {
            need: c.need,
            volunteer: need.volunteer.clone(),
            skill: need.skill.clone(),
            session: problem.sessions[c.session].id.clone(),
            late: c.late,
        });
    }
    assignments.sort_by(|a, b| (&a.session, &a.volunteer).cmp(&(&b.session, &b.volunteer)));

    let chosen_cands: Vec<Candidate> = chosen.iter().map(|&k| cands[k]).collect();
    let mut unmet = Vec::new();
    let (mut already_booked, mut not_due) = (Vec::new(), Vec::new());
    for (ni, state) in prep.states.iter().enumerate() {
        let reason = match state {
            NeedState::NotDue => {
                not_due.push(ni);
                continue;
            }
            NeedState::Booked => {
                already_booked.push(ni);
                continue;
            }
            NeedState::Open(_) if seated[ni] => continue,
            NeedState::Open(Some(reason)) => *reason,
            NeedState::Open(None) => {
                let mine = cands.iter().filter(|c| c.need == ni);
                let with_seat: Vec<&Candidate> = mine
                    .filter(|c| used[c.session] < prep.free[c.session])
                    .collect();
                if with_seat.is_empty() {
                    UnmetReason::SessionsFull
                } else if with_seat
                    .iter()
                    .all(|c| chosen_cands.iter().any(|o| clashes(prep, o, c)))
                {
                    UnmetReason::ClashesWithProposal
                } else {
                    UnmetReason::NotPlaced
                }
            }
        };
        let need = &problem.needs[ni];
        unmet.push(Unmet {
            need: ni,
            volunteer: need.volunteer.clone(),
            skill: need.skill.clone(),
            reason,
        });
    }
    TrainingPlan {
        stats: PlanStats {
            status,
            seconds,
            variables,
            constraints,
            needs_met: assignments.len(),
            priority,
        },
        assignments,
        unmet,
        already_booked,
        not_due,
    }
}
