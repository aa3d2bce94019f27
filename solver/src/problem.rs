//! The validated, slot-indexed form of a scenario: what the model, the checker
//! and the explanations work on. Produced by `parse::parse_scenario`; every
//! index here is already checked (no dangling ids, intervals inside the week).
//!
//! Time is counted in slots of `slot_minutes` elapsed minutes from the week's
//! start instant (local Monday 00:00), so a DST week simply has 167 or 169
//! hours' worth of slots. Intervals are half-open `[start, end)` in slots.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// Index of a centre in `Problem::centres`.
pub type CentreIx = usize;
/// Index of a skill in `Problem::skills`.
pub type SkillIx = usize;
/// Index of a volunteer in `Problem::volunteers`.
pub type VolunteerIx = usize;
/// A slot number from the week's start (0-based).
pub type Slot = u32;

/// Half-open slot interval `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SlotRange {
    pub start: Slot,
    pub end: Slot,
}

impl SlotRange {
    pub fn len(&self) -> u32 {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, s: Slot) -> bool {
        self.start <= s && s < self.end
    }
    pub fn overlaps(&self, o: &SlotRange) -> bool {
        self.start < o.end && o.start < self.end
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub min_shift_minutes: u32,
    pub max_shift_minutes: u32,
    pub min_rest_minutes: u32,
    pub trainee_requires_mentor: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceLevel {
    pub target: f64,
    pub answer_within_seconds: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Skill {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Centre {
    pub id: String,
    pub name: String,
    /// Fixed sessions of this centre. Non-empty means every shift at this
    /// centre must be exactly one of them (and shift length bounds do not apply).
    pub templates: Vec<SlotRange>,
}

/// One demand entry as given (after Erlang C where `required` was absent).
#[derive(Debug, Clone, PartialEq)]
pub struct DemandEntry {
    pub centre: CentreIx,
    pub skill: SkillIx,
    pub range: SlotRange,
    pub calls_per_hour: Option<f64>,
    pub aht_minutes: Option<f64>,
    /// Staff needed in every slot of `range`.
    pub required: u32,
    /// Whether `required` was computed by Erlang C (absent in the input).
    pub computed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Qualification {
    pub skill: SkillIx,
    /// Local date up to and including which the qualification is valid; `None`: no expiry.
    pub valid_until: Option<NaiveDate>,
    /// First slot whose local date is after `valid_until` (or `n_slots` when
    /// it never expires within the week): a staff shift `[s, e)` is allowed
    /// iff `e <= valid_until_slot`.
    pub valid_until_slot: Slot,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    pub range: SlotRange,
    pub preferred: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Volunteer {
    pub id: String,
    pub name: String,
    /// Centres they may serve, in the input's order (home centre first).
    pub centres: Vec<CentreIx>,
    pub qualifications: Vec<Qualification>,
    pub trainee_for: Vec<SkillIx>,
    pub training_minutes_target: u32,
    pub max_minutes: Option<u32>,
    pub max_shifts: Option<u32>,
    /// As given (may overlap; not merged).
    pub availability: Vec<Window>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Staff,
    Trainee,
}

impl Role {
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Trainee => "trainee",
        }
    }
}

/// A shift in slot terms: the unit of both locked shifts and solutions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Shift {
    pub volunteer: VolunteerIx,
    pub centre: CentreIx,
    pub skill: SkillIx,
    pub role: Role,
    pub range: SlotRange,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub name: String,
    pub timezone: Tz,
    pub week_start: NaiveDate,
    /// Instant of local Monday 00:00 (earliest instant of that date).
    pub start_utc: DateTime<Utc>,
    pub slot_minutes: u32,
    /// Number of slots in the week (week minutes / slot_minutes).
    pub n_slots: u32,
    pub service_level: Option<ServiceLevel>,
    pub rules: Rules,
    pub skills: Vec<Skill>,
    pub centres: Vec<Centre>,
    pub demand: Vec<DemandEntry>,
    pub volunteers: Vec<Volunteer>,
    pub locked_shifts: Vec<Shift>,
    /// Per-slot staff requirement by (centre, skill), the sum of `demand`.
    /// Derived: set by the parser; after building or editing a `Problem` by
    /// hand, call `rebuild_requirements()` (or use `Requirements::default()`
    /// and then rebuild).
    pub requirements: crate::demand::Requirements,
}
