//! Checks the input, decides which (need, session) pairs are possible, why a
//! need has none, and how much each pair is worth ([`priority`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::types::{
    Grants, Need, NeedKind, Place, Session, TrainingError, TrainingProblem, UnmetReason, Window,
};

/// Urgency is capped at this many days of expiry before the horizon.
pub const MAX_URGENCY_DAYS: i64 = 365;

/// One possible seat: indices into the problem's `needs` and `sessions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub need: usize,
    pub session: usize,
    pub priority: u64,
    pub late: bool,
}

/// Where a need stands before any seat is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeedState {
    /// Expires after the horizon.
    NotDue,
    /// Already attends a session of its skill and kind.
    Booked,
    /// To plan; `Some(reason)` when no session is possible at all.
    Open(Option<UnmetReason>),
}

/// The problem checked and indexed in canonical order.
#[derive(Debug)]
pub struct Prepared<'a> {
    pub problem: &'a TrainingProblem,
    /// Need indices sorted by (volunteer, skill).
    pub need_order: Vec<usize>,
    /// Session indices sorted by (start, id).
    pub session_order: Vec<usize>,
    pub states: Vec<NeedState>,
    /// Free seats per session (capacity − seats_taken − booked needs).
    pub free: Vec<u32>,
    /// Sessions each volunteer is already booked on (session indices).
    pub bookings: HashMap<&'a str, BTreeSet<usize>>,
    /// Candidates, in (need order, session start, session id) order.
    pub candidates: Vec<Candidate>,
    /// First session date and span in days (for [`priority`]).
    pub first_day: NaiveDate,
    pub span_days: i64,
}

/// Whether two half-open sessions share an instant.
pub fn overlaps(a: &Session, b: &Session) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether the session gives what the need lacks.
pub fn kind_fits(need: &Need, session: &Session) -> bool {
    session.skill == need.skill
        && matches!(
            (need.kind, session.grants),
            (NeedKind::Expiring { .. }, Grants::Renew) | (NeedKind::NeedsCourse, Grants::Grant)
        )
}

/// Whether the session ends after the qualification's last valid day (UTC date).
pub fn is_late(need: &Need, session: &Session) -> bool {
    match need.kind {
        NeedKind::Expiring { expires_on } => session.end.date_naive() > expires_on,
        NeedKind::NeedsCourse => false,
    }
}

/// Priority `p ≥ 0` of seating `need` in `session` (integer, `≤ 368 · (2·span + 2)`).
///
/// `p = (u + 1) · (2·span + 2 − d)` where `d ∈ [0, span]` is the session's
/// start day counted from the first session's day and `u` the urgency:
/// - needs course: `u = 0`;
/// - expiring, `b = 1 + min(365, days from expires_on to horizon)`:
///   on time `u = b + 1`; late (ends after `expires_on`) by `L` days:
///   `u = max(1, b − L)`.
///
/// Consequences: for one seat, the earlier expiry wins; for one need, an
/// on-time renewal beats a late one, and an earlier session a later one;
/// swapping two needs between an earlier and a later session favours putting
/// the more urgent one first (gain `(u₁ − u₂)·(d₂ − d₁) > 0`). These are
/// weighted preferences below the strict "needs met first" level.
pub fn priority(
    problem: &TrainingProblem,
    first_day: NaiveDate,
    span_days: i64,
    need: &Need,
    session: &Session,
) -> u64 {
    let urgency: i64 = match need.kind {
        NeedKind::NeedsCourse => 0,
        NeedKind::Expiring { expires_on } => {
            let base = 1
                + (problem.horizon - expires_on)
                    .num_days()
                    .clamp(0, MAX_URGENCY_DAYS);
            let lapse = (session.end.date_naive() - expires_on).num_days();
            if lapse > 0 {
                (base - lapse).max(1)
            } else {
                base + 1
            }
        }
    };
    let d = (session.start.date_naive() - first_day)
        .num_days()
        .clamp(0, span_days);
    let value = (urgency + 1) * (2 * span_days + 2 - d);
    u64::try_from(value).unwrap_or(0)
}

fn check_range(
    what: &str,
    id: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<(), TrainingError> {
    if start < end {
        Ok(())
    } else {
        Err(TrainingError::InvalidInput(format!(
            "{what} {id}: start must be before end"
        )))
    }
}

/// Merged availability (sorted, touching windows joined).
fn merge_windows(windows: &[Window]) -> Vec<Window> {
    let mut sorted = windows.to_vec();
    sorted.sort_by_key(|w| (w.start, w.end));
    let mut merged: Vec<Window> = Vec::with_capacity(sorted.len());
    for w in sorted {
        match merged.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => merged.push(w),
        }
    }
    merged
}

impl<'a> Prepared<'a> {
    /// Check the input and build every candidate with its priority.
    pub fn new(problem: &'a TrainingProblem) -> Result<Self, TrainingError> {
        let sessions = &problem.sessions;
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        for (i, s) in sessions.iter().enumerate() {
            check_range("session", &s.id, s.start, s.end)?;
            if by_id.insert(s.id.as_str(), i).is_some() {
                return Err(TrainingError::InvalidInput(format!(
                    "duplicate session id {}",
                    s.id
                )));
            }
        }
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        for (i, n) in problem.needs.iter().enumerate() {
            if !seen.insert((n.volunteer.as_str(), n.skill.as_str())) {
                return Err(TrainingError::InvalidInput(format!(
                    "need {i}: two needs for the same volunteer and skill {}",
                    n.skill
                )));
            }
            for w in &n.availability {
                check_range("availability of need", &i.to_string(), w.start, w.end)?;
            }
        }

        // Bookings: union over a volunteer's needs; unknown ids (past sessions) ignored.
        let mut bookings: HashMap<&str, BTreeSet<usize>> = HashMap::new();
        for n in &problem.needs {
            let set = bookings.entry(n.volunteer.as_str()).or_default();
            set.extend(
                n.already_attending
                    .iter()
                    .filter_map(|id| by_id.get(id.as_str()).copied()),
            );
        }
        let mut held = vec![0u32; sessions.len()];
        for set in bookings.values() {
            for &s in set {
                held[s] += 1;
            }
        }
        let free: Vec<u32> = sessions
            .iter()
            .zip(&held)
            .map(|(s, h)| s.capacity.saturating_sub(s.seats_taken).saturating_sub(*h))
            .collect();

        let first_day = sessions
            .iter()
            .map(|s| s.start.date_naive())
            .min()
            .unwrap_or(problem.horizon);
        let span_days = sessions
            .iter()
            .map(|s| (s.start.date_naive() - first_day).num_days())
            .max()
            .unwrap_or(0);

        let mut need_order: Vec<usize> = (0..problem.needs.len()).collect();
        need_order.sort_by(|&a, &b| {
            let (na, nb) = (&problem.needs[a], &problem.needs[b]);
            (&na.volunteer, &na.skill).cmp(&(&nb.volunteer, &nb.skill))
        });
        let mut session_order: Vec<usize> = (0..sessions.len()).collect();
        session_order.sort_by(|&a, &b| {
            (sessions[a].start, &sessions[a].id).cmp(&(sessions[b].start, &sessions[b].id))
        });

        let mut states = vec![NeedState::Open(None); problem.needs.len()];
        let mut candidates = Vec::new();
        for &ni in &need_order {
            let need = &problem.needs[ni];
            if let NeedKind::Expiring { expires_on } = need.kind {
                if expires_on > problem.horizon {
                    states[ni] = NeedState::NotDue;
                    continue;
                }
            }
            let booked = &bookings[need.volunteer.as_str()];
            if booked.iter().any(|&s| kind_fits(need, &sessions[s])) {
                states[ni] = NeedState::Booked;
                continue;
            }
            let windows = merge_windows(&need.availability);
            let declined: HashSet<&str> = need.declined.iter().map(String::as_str).collect();
            // Furthest filter stage reached by any session (5 = eligible).
            let mut best_stage = 0u8;
            for &si in &session_order {
                let s = &sessions[si];
                let stage = if !kind_fits(need, s) {
                    0
                } else if !match &s.place {
                    Place::Remote => true,
                    Place::Centre(c) => *c == need.home_centre || need.other_centres.contains(c),
                } {
                    1
                } else if !windows.iter().any(|w| w.start <= s.start && s.end <= w.end) {
                    2
                } else if declined.contains(s.id.as_str()) {
                    3
                } else if booked.iter().any(|&b| overlaps(&sessions[b], s)) {
                    4
                } else {
                    5
                };
                best_stage = best_stage.max(stage);
                if stage == 5 {
                    candidates.push(Candidate {
                        need: ni,
                        session: si,
                        priority: priority(problem, first_day, span_days, need, s),
                        late: is_late(need, s),
                    });
                }
            }
            states[ni] = NeedState::Open(match best_stage {
                0 => Some(UnmetReason::NoSessionForSkill),
                1 => Some(UnmetReason::NoSessionReachable),
                2 => Some(UnmetReason::NoSessionInAvailability),
                3 => Some(UnmetReason::DeclinedAll),
                4 => Some(UnmetReason::ClashesWithBooking),
                _ => None,
            });
        }
        Ok(Prepared {
            problem,
            need_order,
            session_order,
            states,
            free,
            bookings,
            candidates,
            first_day,
            span_days,
        })
    }

    /// Candidate indices grouped by volunteer (canonical order).
    pub fn by_volunteer(&self) -> BTreeMap<&'a str, Vec<usize>> {
        let mut map: BTreeMap<&'a str, Vec<usize>> = BTreeMap::new();
        for (k, c) in self.candidates.iter().enumerate() {
            map.entry(self.problem.needs[c.need].volunteer.as_str())
                .or_default()
                .push(k);
        }
        map
    }
}
