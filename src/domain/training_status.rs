//! Training status of a volunteer on a given date: each qualification is
//! valid, expiring within N days, or expired; each trainee skill shows its
//! mentored minutes done against the target, counted from published rotas
//! only. Pure functions over rows the caller loads (no actix, no diesel).
//!
//! **Boundary rule.** `valid_until` is the *last valid day*, in the centre's
//! local calendar: on `valid_until` itself the qualification is still valid
//! (and counts as expiring, 0 days left); on the day after it is expired.
//! This is the rule the rota solver applies per shift date
//! (`scenario_build::volunteers_load`: slots whose local date is after
//! `valid_until` are not covered), and the rule attendance uses: a renewal on
//! day D with a validity of M months sets `valid_until = D + M months`.

use chrono::{DateTime, Months, NaiveDate, Utc};

/// Default warning window of the pages (days before `valid_until`).
pub const DEFAULT_WARN_DAYS: i64 = 60;

/// One qualification's standing on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualStatus {
    /// Held, no expiry date.
    NoExpiry,
    /// Valid for more than the warning window.
    Valid { until: NaiveDate },
    /// Valid, and `days_left` (0 = today is the last valid day) ≤ the window.
    Expiring { until: NaiveDate, days_left: i64 },
    /// The last valid day has passed.
    Expired { until: NaiveDate },
}

impl QualStatus {
    /// Status of a qualification valid up to and including `valid_until`, on `on`.
    pub fn of(valid_until: Option<NaiveDate>, on: NaiveDate, warn_days: i64) -> QualStatus {
        match valid_until {
            None => QualStatus::NoExpiry,
            Some(until) if until < on => QualStatus::Expired { until },
            Some(until) => {
                let days_left = (until - on).num_days();
                if days_left <= warn_days {
                    QualStatus::Expiring { until, days_left }
                } else {
                    QualStatus::Valid { until }
                }
            }
        }
    }

    /// Whether the volunteer may serve with it on that date.
    pub fn is_usable(self) -> bool {
        !matches!(self, QualStatus::Expired { .. })
    }

    /// Stable key: `no_expiry`, `valid`, `expiring`, `expired` (CSS class, CSV).
    pub fn key(self) -> &'static str {
        match self {
            QualStatus::NoExpiry => "no_expiry",
            QualStatus::Valid { .. } => "valid",
            QualStatus::Expiring { .. } => "expiring",
            QualStatus::Expired { .. } => "expired",
        }
    }
}

/// Validity after a renewal or grant on `on`: `on + months` (the last valid
/// day), or no expiry for a skill without validity. Month ends clamp
/// (31 January + 1 month = 28/29 February).
pub fn renewed_until(on: NaiveDate, validity_months: Option<i32>) -> Option<NaiveDate> {
    let months = u32::try_from(validity_months?).ok()?;
    on.checked_add_months(Months::new(months))
}

/// Role of a stored rota shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShiftRole {
    Staff,
    Trainee,
}

/// One shift of a *published* rota (the caller filters drafts out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublishedShift {
    pub rota_id: i32,
    pub volunteer_id: i32,
    pub centre_id: i32,
    pub skill_id: i32,
    pub role: ShiftRole,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Minutes of `volunteer`'s trainee shifts for `skill` that lie before
/// `as_of` and beside at least one staff volunteer (a staff shift of the same
/// rota, centre and skill covering that minute). Minutes without a mentor do
/// not count.
pub fn mentored_minutes(
    shifts: &[PublishedShift],
    volunteer_id: i32,
    skill_id: i32,
    as_of: DateTime<Utc>,
) -> i64 {
    let mut total = 0;
    for t in shifts.iter().filter(|s| {
        s.volunteer_id == volunteer_id && s.skill_id == skill_id && s.role == ShiftRole::Trainee
    }) {
        let end = t.end.min(as_of);
        if end <= t.start {
            continue;
        }
        let mut covered: Vec<(DateTime<Utc>, DateTime<Utc>)> = shifts
            .iter()
            .filter(|s| {
                s.role == ShiftRole::Staff
                    && s.volunteer_id != volunteer_id
                    && s.rota_id == t.rota_id
                    && s.centre_id == t.centre_id
                    && s.skill_id == skill_id
            })
            .filter_map(|s| {
                let a = s.start.max(t.start);
                let b = s.end.min(end);
                (a < b).then_some((a, b))
            })
            .collect();
        covered.sort();
        let mut cursor = t.start;
        for (a, b) in covered {
            let a = a.max(cursor);
            if a < b {
                total += (b - a).num_minutes();
                cursor = b;
            }
        }
    }
    total
}

/// A step of the path from trainee to qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStep {
    /// Attend a session that grants the skill.
    Course,
    /// This many minutes on duty beside a staff volunteer.
    Mentored { minutes: i64 },
    /// A coordinator's sign-off.
    SignOff,
}

impl PathStep {
    pub fn parse(kind: &str, minutes: Option<i32>) -> Option<PathStep> {
        match kind {
            "course" => Some(PathStep::Course),
            "mentored" => Some(PathStep::Mentored {
                minutes: i64::from(minutes.unwrap_or(0).max(0)),
            }),
            "signoff" => Some(PathStep::SignOff),
            _ => None,
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            PathStep::Course => "course",
            PathStep::Mentored { .. } => "mentored",
            PathStep::SignOff => "signoff",
        }
    }
}

/// What a trainee has done so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TraineeFacts {
    pub course_attended: bool,
    pub mentored_done: i64,
    /// The trainee record's own target (minutes); the path's mentored step
    /// wins when it is larger.
    pub target_minutes: i64,
    pub signed_off: bool,
}

/// A trainee's progress along a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraineeProgress {
    pub course_done: bool,
    pub mentored_done: i64,
    pub mentored_target: i64,
    pub signed_off: bool,
    /// The first step not done yet (`None`: every step done).
    pub next: Option<PathStep>,
}

impl TraineeProgress {
    /// Progress of a trainee along `path` (an empty path means: initial
    /// course only).
    pub fn of(path: &[PathStep], facts: TraineeFacts) -> TraineeProgress {
        let default_path = [PathStep::Course];
        let path = if path.is_empty() {
            &default_path[..]
        } else {
            path
        };
        let path_target: i64 = path
            .iter()
            .map(|s| match s {
                PathStep::Mentored { minutes } => *minutes,
                _ => 0,
            })
            .sum();
        let target = path_target.max(facts.target_minutes);
        let next = path.iter().copied().find(|s| match s {
            PathStep::Course => !facts.course_attended,
            PathStep::Mentored { .. } => facts.mentored_done < target,
            PathStep::SignOff => !facts.signed_off,
        });
        TraineeProgress {
            course_done: facts.course_attended,
            mentored_done: facts.mentored_done,
            mentored_target: target,
            signed_off: facts.signed_off,
            next,
        }
    }

    /// Whether only the sign-off is missing (a coordinator can sign now).
    pub fn ready_for_signoff(&self) -> bool {
        matches!(self.next, Some(PathStep::SignOff))
    }
}

/// Whether granting sessions complete the path at attendance (the path is
/// only a course, or empty): then attendance grants the qualification;
/// otherwise it starts the trainee's path.
pub fn course_completes_path(path: &[PathStep]) -> bool {
    path.iter().all(|s| matches!(s, PathStep::Course))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, h, 0, 0).unwrap()
    }

    #[test]
    fn the_last_valid_day_is_valid_and_the_next_is_expired() {
        let until = d(2026, 12, 31);
        assert_eq!(
            QualStatus::of(Some(until), d(2026, 12, 31), 30),
            QualStatus::Expiring {
                until,
                days_left: 0
            }
        );
        assert_eq!(
            QualStatus::of(Some(until), d(2027, 1, 1), 30),
            QualStatus::Expired { until }
        );
        assert!(!QualStatus::of(Some(until), d(2027, 1, 1), 30).is_usable());
        assert!(QualStatus::of(Some(until), d(2026, 12, 31), 30).is_usable());
    }

    #[test]
    fn the_warning_window_includes_its_last_day() {
        let until = d(2026, 12, 31);
        assert!(matches!(
            QualStatus::of(Some(until), d(2026, 12, 1), 30),
            QualStatus::Expiring { days_left: 30, .. }
        ));
        assert!(matches!(
            QualStatus::of(Some(until), d(2026, 11, 30), 30),
            QualStatus::Valid { .. }
        ));
        assert_eq!(
            QualStatus::of(None, d(2026, 11, 30), 30),
            QualStatus::NoExpiry
        );
    }

    #[test]
    fn a_renewal_adds_the_validity_months_with_month_ends_clamped() {
        assert_eq!(
            renewed_until(d(2026, 12, 7), Some(12)),
            Some(d(2027, 12, 7))
        );
        assert_eq!(renewed_until(d(2027, 1, 31), Some(1)), Some(d(2027, 2, 28)));
        assert_eq!(renewed_until(d(2026, 12, 7), None), None);
    }

    fn shift(rota: i32, vol: i32, role: ShiftRole, s: u32, e: u32) -> PublishedShift {
        PublishedShift {
            rota_id: rota,
            volunteer_id: vol,
            centre_id: 1,
            skill_id: 1,
            role,
            start: at(s),
            end: at(e),
        }
    }

    #[test]
    fn only_minutes_beside_a_staff_volunteer_count_as_mentored() {
        let shifts = [
            shift(1, 7, ShiftRole::Trainee, 9, 13),
            shift(1, 8, ShiftRole::Staff, 10, 12),
            shift(1, 9, ShiftRole::Staff, 11, 12),
            // Another rota's staff shift does not mentor.
            shift(2, 8, ShiftRole::Staff, 12, 13),
        ];
        assert_eq!(mentored_minutes(&shifts, 7, 1, at(23)), 120);
        // Only the part before `as_of` counts.
        assert_eq!(mentored_minutes(&shifts, 7, 1, at(11)), 60);
        assert_eq!(mentored_minutes(&shifts, 7, 2, at(23)), 0);
    }

    #[test]
    fn progress_walks_the_path_in_order() {
        let path = [
            PathStep::Course,
            PathStep::Mentored { minutes: 600 },
            PathStep::SignOff,
        ];
        let p = TraineeProgress::of(&path, TraineeFacts::default());
        assert_eq!(p.next, Some(PathStep::Course));
        let p = TraineeProgress::of(
            &path,
            TraineeFacts {
                course_attended: true,
                mentored_done: 600,
                ..Default::default()
            },
        );
        assert!(p.ready_for_signoff());
        assert_eq!(p.mentored_target, 600);
        let p = TraineeProgress::of(
            &path,
            TraineeFacts {
                course_attended: true,
                mentored_done: 600,
                target_minutes: 900,
                signed_off: false,
            },
        );
        assert_eq!(p.next, Some(PathStep::Mentored { minutes: 600 }));
        assert!(course_completes_path(&[PathStep::Course]));
        assert!(course_completes_path(&[]));
        assert!(!course_completes_path(&path));
    }
}
