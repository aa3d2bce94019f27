//! Builds a week's `solver::problem::Problem` from the database: the
//! selected centres, their demand and fixed sessions, the volunteers who
//! serve them with availability materialised in the centres' time zone, and
//! the week's published shifts as locked shifts. Used by `export` and by
//! rota generation.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use solver::demand::Requirements;
use solver::problem::{
    Centre, DemandEntry, Problem, Role, Rules, ServiceLevel, Shift, Skill, Slot, SlotRange,
};

use crate::db::demand::When;
use crate::db::{centres, demand, rotas, settings, skills, DbConnection};
use crate::domain::availability::{week_bounds, weekly_occurrences};
use crate::domain::week::IsoWeek;

mod rota;
mod volunteers_load;

pub use rota::stored_rota_shifts;

/// Which centres a scenario covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Centre(String),
}

impl Scope {
    /// `ALL` (any case) or a centre code.
    pub fn parse(s: &str) -> Scope {
        if s.trim().eq_ignore_ascii_case("all") {
            Scope::All
        } else {
            Scope::Centre(s.trim().to_string())
        }
    }

    /// The `rotas.scope` text.
    pub fn as_str(&self) -> &str {
        match self {
            Scope::All => "ALL",
            Scope::Centre(c) => c,
        }
    }
}

/// Why a scenario could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The request cannot be satisfied (unknown centre, mixed zones...): exit 2.
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

/// A built problem and the database ids behind its indexes.
#[derive(Debug, Clone)]
pub struct BuiltScenario {
    pub problem: Problem,
    /// `volunteers.id` per `VolunteerIx`.
    pub volunteer_ids: Vec<i32>,
    /// `centres.id` per `CentreIx`.
    pub centre_ids: Vec<i32>,
    /// `skills.id` per `SkillIx`.
    pub skill_ids: Vec<i32>,
}

/// Maps stored rota rows onto a built problem: ids to problem indices, and
/// instants to the smallest slot range covering them.
#[derive(Debug, Clone)]
pub struct RowMapper {
    grid: Grid,
    vol_ix: HashMap<i32, usize>,
    centre_ix: HashMap<i32, usize>,
    skill_ix: HashMap<i32, usize>,
}

impl RowMapper {
    pub fn of(built: &BuiltScenario) -> RowMapper {
        let index = |ids: &[i32]| -> HashMap<i32, usize> {
            ids.iter().enumerate().map(|(i, &id)| (id, i)).collect()
        };
        RowMapper {
            grid: Grid::of(&built.problem),
            vol_ix: index(&built.volunteer_ids),
            centre_ix: index(&built.centre_ids),
            skill_ix: index(&built.skill_ids),
        }
    }

    /// The row as a problem shift; `None` when its volunteer, centre or
    /// skill is not in the problem, or when it covers no slot of the week.
    pub fn shift(&self, row: &rotas::RotaShift) -> Option<Shift> {
        problem_shift(
            row,
            &self.grid,
            &self.vol_ix,
            &self.centre_ix,
            &self.skill_ix,
        )
    }

    pub fn volunteer_ix(&self, volunteer_id: i32) -> Option<usize> {
        self.vol_ix.get(&volunteer_id).copied()
    }

    pub fn centre_ix(&self, centre_id: i32) -> Option<usize> {
        self.centre_ix.get(&centre_id).copied()
    }

    pub fn skill_ix(&self, skill_id: i32) -> Option<usize> {
        self.skill_ix.get(&skill_id).copied()
    }
}

/// The week's grid: start instant, slot length, number of slots.
#[derive(Debug, Clone)]
struct Grid {
    start: DateTime<Utc>,
    slot_secs: i64,
    n_slots: u32,
}

impl Grid {
    fn of(p: &Problem) -> Grid {
        Grid {
            start: p.start_utc,
            slot_secs: i64::from(p.slot_minutes) * 60,
            n_slots: p.n_slots,
        }
    }
    fn offset(&self, t: DateTime<Utc>) -> i64 {
        (t - self.start).num_seconds()
    }
    fn floor(&self, t: DateTime<Utc>) -> Slot {
        self.offset(t)
            .div_euclid(self.slot_secs)
            .clamp(0, i64::from(self.n_slots)) as Slot
    }
    fn ceil(&self, t: DateTime<Utc>) -> Slot {
        (self.offset(t) + self.slot_secs - 1)
            .div_euclid(self.slot_secs)
            .clamp(0, i64::from(self.n_slots)) as Slot
    }
    /// Smallest slot range covering `[s, e)` (demand, templates).
    fn outer(&self, s: DateTime<Utc>, e: DateTime<Utc>) -> SlotRange {
        SlotRange {
            start: self.floor(s),
            end: self.ceil(e),
        }
    }
    /// Largest slot range inside `[s, e)` (availability).
    fn inner(&self, s: DateTime<Utc>, e: DateTime<Utc>) -> SlotRange {
        SlotRange {
            start: self.ceil(s),
            end: self.floor(e),
        }
    }
}

/// Instants of a demand row or template in `week`: weekly occurrences, or
/// the dated row when its date (or instants) fall in the week.
fn occurrences(tz: Tz, week: IsoWeek, w: &When) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    match (w.start_utc, w.end_utc, w.on_date) {
        (Some(s), Some(e), _) => vec![(s.and_utc(), e.and_utc())],
        (_, _, Some(date)) => {
            if IsoWeek::containing(date) != week {
                return Vec::new();
            }
            let r = crate::domain::localtime::LocalRange {
                date,
                start_minute: i64::from(w.start_minute),
                end_minute: i64::from(w.end_minute),
            };
            vec![r.instants(tz)]
        }
        _ => weekly_occurrences(
            tz,
            week,
            w.weekday.clamp(0, 6) as u32,
            i64::from(w.start_minute),
            i64::from(w.end_minute),
        ),
    }
}

fn select_centres(
    conn: &mut DbConnection,
    scope: &Scope,
) -> Result<Vec<centres::Centre>, BuildError> {
    let list = match scope {
        Scope::All => centres::list(conn)?,
        Scope::Centre(code) => match centres::by_code(conn, code)? {
            Some(c) => vec![c],
            None => {
                return Err(BuildError::Invalid(format!(
                    "centre inconnu « {code} » / unknown centre \"{code}\""
                )))
            }
        },
    };
    if list.is_empty() {
        return Err(BuildError::Invalid(
            "aucun centre dans la base / no centre in the database".into(),
        ));
    }
    Ok(list)
}

fn common_zone(list: &[centres::Centre]) -> Result<Tz, BuildError> {
    let zones: BTreeSet<&str> = list.iter().map(|c| c.timezone.as_str()).collect();
    if zones.len() > 1 {
        let detail: Vec<String> = list
            .iter()
            .map(|c| format!("{} = {}", c.code, c.timezone))
            .collect();
        return Err(BuildError::Invalid(format!(
            "les centres choisis n'ont pas le même fuseau horaire (un scénario n'en a qu'un) ; \
             exportez-les séparément / the selected centres have different time zones (a scenario \
             has one): {}",
            detail.join(", ")
        )));
    }
    let name = zones.into_iter().next().unwrap_or("Europe/Paris");
    name.parse::<Tz>()
        .map_err(|_| BuildError::Invalid(format!("fuseau inconnu / unknown time zone: {name}")))
}

/// Builds the problem of `week` for `scope`.
pub fn build_problem(
    conn: &mut DbConnection,
    scope: &Scope,
    week: IsoWeek,
) -> Result<BuiltScenario, BuildError> {
    let centre_rows = select_centres(conn, scope)?;
    let tz = common_zone(&centre_rows)?;
    let org = settings::get(conn)?;
    let slot_minutes = u32::try_from(org.slot_minutes).unwrap_or(60).clamp(1, 1440);
    let (ws, we) = week_bounds(tz, week);
    let week_minutes = (we - ws).num_minutes();
    if week_minutes % i64::from(slot_minutes) != 0 {
        return Err(BuildError::Invalid(format!(
            "slot_minutes = {slot_minutes} ne divise pas la semaine / does not divide the week ({week_minutes} min)"
        )));
    }
    let grid = Grid {
        start: ws,
        slot_secs: i64::from(slot_minutes) * 60,
        n_slots: (week_minutes / i64::from(slot_minutes)) as u32,
    };

    let skill_rows = skills::list(conn)?;
    let skill_ix: HashMap<i32, usize> = skill_rows
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let centre_ix: HashMap<i32, usize> = centre_rows
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let centre_ids: Vec<i32> = centre_rows.iter().map(|c| c.id).collect();

    let mut centres_out: Vec<Centre> = centre_rows
        .iter()
        .map(|c| Centre {
            id: c.code.clone(),
            name: c.name.clone(),
            templates: Vec::new(),
        })
        .collect();
    let mut seen_templates = BTreeSet::new();
    for t in demand::templates_of_centres(conn, &centre_ids)? {
        let Some(&ci) = centre_ix.get(&t.centre_id) else {
            continue;
        };
        for (s, e) in occurrences(tz, week, &t.when()) {
            if s < ws || e > we {
                continue; // a session must lie inside the week
            }
            let r = grid.outer(s, e);
            if !r.is_empty() && seen_templates.insert((ci, r)) {
                centres_out[ci].templates.push(r);
            }
        }
    }
    for c in &mut centres_out {
        c.templates.sort();
    }

    let service_level = Some(ServiceLevel {
        target: org.service_level_target,
        answer_within_seconds: f64::from(org.answer_within_seconds),
    });
    let mut demand_out = Vec::new();
    for d in demand::demand_of_centres(conn, &centre_ids)? {
        let (Some(&ci), Some(&si)) = (centre_ix.get(&d.centre_id), skill_ix.get(&d.skill_id))
        else {
            continue;
        };
        let (required, computed) = match (d.required, d.calls_per_hour, d.aht_minutes) {
            (Some(r), _, _) => (u32::try_from(r).unwrap_or(0), false),
            (None, Some(cph), Some(aht)) => {
                let n = solver::erlang::required_agents(cph, aht, org.service_level_target, f64::from(org.answer_within_seconds))
                    .ok_or_else(|| BuildError::Invalid(format!("demande impossible à calculer (Erlang C) / demand cannot be computed: {cph} calls/h, {aht} min")))?;
                (n, true)
            }
            _ => continue,
        };
        for (s, e) in occurrences(tz, week, &d.when()) {
            let r = grid.outer(s.max(ws), e.min(we));
            if r.is_empty() {
                continue;
            }
            demand_out.push(DemandEntry {
                centre: ci,
                skill: si,
                range: r,
                calls_per_hour: d.calls_per_hour,
                aht_minutes: d.aht_minutes,
                required,
                computed,
            });
        }
    }

    let mut problem = Problem {
        name: format!("astreinte-{}-{}", scope.as_str(), week),
        timezone: tz,
        week_start: week.monday(),
        start_utc: ws,
        slot_minutes,
        n_slots: grid.n_slots,
        service_level,
        rules: Rules {
            min_shift_minutes: u32::try_from(org.min_shift_minutes).unwrap_or(0),
            max_shift_minutes: u32::try_from(org.max_shift_minutes).unwrap_or(0),
            min_rest_minutes: u32::try_from(org.min_rest_minutes).unwrap_or(0),
            trainee_requires_mentor: org.trainee_requires_mentor,
        },
        skills: skill_rows
            .iter()
            .map(|s| Skill {
                code: s.code.clone(),
                name: s.name_fr.clone(),
            })
            .collect(),
        centres: centres_out,
        demand: demand_out,
        volunteers: Vec::new(),
        locked_shifts: Vec::new(),
        requirements: Requirements::default(),
    };
    let volunteer_ids = volunteers_load::add_volunteers(
        conn,
        &mut problem,
        scope,
        week,
        &grid,
        &centre_ix,
        &skill_ix,
    )?;
    add_locked_shifts(
        conn,
        &mut problem,
        week,
        &grid,
        &volunteer_ids,
        &centre_ix,
        &skill_ix,
    )?;
    problem.rebuild_requirements();
    Ok(BuiltScenario {
        problem,
        volunteer_ids,
        centre_ids,
        skill_ids: skill_rows.iter().map(|s| s.id).collect(),
    })
}

fn add_locked_shifts(
    conn: &mut DbConnection,
    p: &mut Problem,
    week: IsoWeek,
    grid: &Grid,
    volunteer_ids: &[i32],
    centre_ix: &HashMap<i32, usize>,
    skill_ix: &HashMap<i32, usize>,
) -> Result<(), BuildError> {
    let vol_ix: HashMap<i32, usize> = volunteer_ids
        .iter()
        .enumerate()
        .map(|(i, &v)| (v, i))
        .collect();
    let mut seen = BTreeSet::new();
    for row in rotas::published_shifts_of_week(conn, week.monday())? {
        if let Some(shift) = problem_shift(&row, grid, &vol_ix, centre_ix, skill_ix) {
            if seen.insert(shift) {
                p.locked_shifts.push(shift);
            }
        }
    }
    Ok(())
}

/// A stored shift row as a problem shift: `None` when its volunteer, centre or
/// skill is not in the problem, or when it covers no slot of the week's grid.
fn problem_shift(
    row: &rotas::RotaShift,
    grid: &Grid,
    vol_ix: &HashMap<i32, usize>,
    centre_ix: &HashMap<i32, usize>,
    skill_ix: &HashMap<i32, usize>,
) -> Option<Shift> {
    let role = if row.role == "trainee" {
        Role::Trainee
    } else {
        Role::Staff
    };
    let range = grid.outer(row.start_utc.and_utc(), row.end_utc.and_utc());
    if range.is_empty() {
        return None;
    }
    Some(Shift {
        volunteer: *vol_ix.get(&row.volunteer_id)?,
        centre: *centre_ix.get(&row.centre_id)?,
        skill: *skill_ix.get(&row.skill_id)?,
        role,
        range,
    })
}
