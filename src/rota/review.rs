//! Review of one stored rota version: the week's problem rebuilt from the
//! database for the rota's scope, its shifts in slot terms, and what a
//! coordinator checks before publishing — coverage per centre (days × local
//! hours), every uncovered run with its reason (computed live by the
//! solver's `explain`), load per volunteer against their limits, trainees
//! with the mentors on duty beside them, and the shift list in local time.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;
use solver::problem::{Problem, Role, Shift, SlotRange};

use crate::db::rotas::{self, Rota, RotaShift};
use crate::db::{centres, users, volunteers, DbConnection};
use crate::domain::week::IsoWeek;
use crate::i18n::Lang;
use crate::scenario_build::{build_problem, BuildError, BuiltScenario, RowMapper, Scope};

/// One problem of the rota (the whole scope, or one centre when the scope's
/// centres do not share a time zone) and the rota's shifts inside it.
#[derive(Debug, Clone)]
pub struct Part {
    /// The week's problem; its locked shifts are cleared (the rota's own
    /// shifts are the whole solution).
    pub built: BuiltScenario,
    /// The rota's shifts that map into this problem.
    pub shifts: Vec<Shift>,
    /// `rota_shifts.id` of each of `shifts`.
    pub shift_row_ids: Vec<i32>,
    /// Maps stored rows onto `built`.
    rows: RowMapper,
}

impl Part {
    pub fn problem(&self) -> &Problem {
        &self.built.problem
    }

    pub fn centre_ix(&self, centre_id: i32) -> Option<usize> {
        self.rows.centre_ix(centre_id)
    }

    pub fn volunteer_ix(&self, volunteer_id: i32) -> Option<usize> {
        self.rows.volunteer_ix(volunteer_id)
    }

    pub fn skill_ix(&self, skill_id: i32) -> Option<usize> {
        self.rows.skill_ix(skill_id)
    }

    /// `[start, end)` in slots when both instants lie on the week's slot grid
    /// (inside or at the bounds of the week).
    pub fn exact_range(&self, start: NaiveDateTime, end: NaiveDateTime) -> Option<SlotRange> {
        let p = self.problem();
        let secs = i64::from(p.slot_minutes) * 60;
        let off = |t: NaiveDateTime| (t.and_utc() - p.start_utc).num_seconds();
        let (a, b) = (off(start), off(end));
        if a % secs != 0 || b % secs != 0 || a < 0 {
            return None;
        }
        Some(SlotRange {
            start: u32::try_from(a / secs).ok()?,
            end: u32::try_from(b / secs).ok()?,
        })
    }

    /// The stored row as a problem shift (the smallest slot range covering
    /// it), as `scenario_build` maps locked shifts.
    pub fn to_shift(&self, row: &RotaShift) -> Option<Shift> {
        self.rows.shift(row)
    }

    /// UTC instant of the start of `slot`.
    pub fn slot_instant(&self, slot: u32) -> DateTime<Utc> {
        let p = self.problem();
        p.start_utc + Duration::minutes(i64::from(slot) * i64::from(p.slot_minutes))
    }
}

/// The ISO week of a rota.
pub fn week_of(rota: &Rota) -> Result<IsoWeek, BuildError> {
    IsoWeek::from_monday(rota.week_start).map_err(|e| BuildError::Invalid(e.to_string()))
}

/// Builds the rota's problem(s). `only_centre` limits the work to the part
/// holding that centre (edits). A scope `ALL` whose centres have different
/// time zones is split into one problem per centre (rules across centres of
/// different zones are then not checked together).
pub fn load_parts(
    conn: &mut DbConnection,
    rota: &Rota,
    only_centre: Option<i32>,
) -> Result<Vec<Part>, BuildError> {
    let week = week_of(rota)?;
    let rows = rotas::shifts_of(conn, rota.id)?;
    let mut builts = Vec::new();
    match Scope::parse(&rota.scope) {
        Scope::All => match build_problem(conn, &Scope::All, week) {
            Ok(b) => builts.push(b),
            Err(BuildError::Invalid(_)) => {
                for c in centres::list(conn)? {
                    if only_centre.is_some_and(|id| id != c.id) {
                        continue;
                    }
                    match build_problem(conn, &Scope::Centre(c.code.clone()), week) {
                        Ok(b) => builts.push(b),
                        Err(BuildError::Invalid(_)) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            Err(e) => return Err(e),
        },
        scope => builts.push(build_problem(conn, &scope, week)?),
    }
    let mut parts = Vec::new();
    for mut built in builts {
        built.problem.locked_shifts.clear();
        let mut part = Part {
            rows: RowMapper::of(&built),
            built,
            shifts: Vec::new(),
            shift_row_ids: Vec::new(),
        };
        for row in &rows {
            if let Some(s) = part.to_shift(row) {
                part.shifts.push(s);
                part.shift_row_ids.push(row.id);
            }
        }
        parts.push(part);
    }
    Ok(parts)
}

/// One heatmap cell: the worst slot of a local hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cell {
    pub covered: u32,
    pub required: u32,
    /// The local hour exists that day (not in a spring-forward gap).
    pub exists: bool,
}

impl Cell {
    /// `none` (nothing required), `full`, `partial` or `empty` (nothing covered).
    pub fn level(&self) -> &'static str {
        if !self.exists || self.required == 0 {
            "none"
        } else if self.covered >= self.required {
            "full"
        } else if self.covered == 0 {
            "empty"
        } else {
            "partial"
        }
    }
}

/// Coverage of one centre: `cells[hour][day]`.
#[derive(Debug, Clone)]
pub struct Heatmap {
    pub centre_id: i32,
    pub code: String,
    pub name: String,
    pub days: Vec<NaiveDate>,
    pub cells: Vec<Vec<Cell>>,
}

/// Per centre of `part` in `visible`, the days × hours coverage (staff
/// shifts only; per slot, covered = Σ over skills of min(staff, required)).
pub fn heatmaps(part: &Part, visible: &dyn Fn(i32) -> bool) -> Vec<Heatmap> {
    let p = part.problem();
    let n = p.n_slots as usize;
    let mut staff: HashMap<(usize, usize), Vec<u32>> = HashMap::new();
    for s in part.shifts.iter().filter(|s| s.role == Role::Staff) {
        let v = staff
            .entry((s.centre, s.skill))
            .or_insert_with(|| vec![0; n]);
        for k in s.range.start..s.range.end.min(p.n_slots) {
            v[k as usize] += 1;
        }
    }
    let days: Vec<NaiveDate> = (0..7).map(|d| p.week_start + Duration::days(d)).collect();
    let mut out = Vec::new();
    for (ci, c) in p.centres.iter().enumerate() {
        let centre_id = part.built.centre_ids[ci];
        if !visible(centre_id) {
            continue;
        }
        let mut cells = vec![vec![Cell::default(); 7]; 24];
        for k in 0..p.n_slots {
            let local = part.slot_instant(k).with_timezone(&p.timezone);
            let Some(day) = days.iter().position(|d| *d == local.date_naive()) else {
                continue;
            };
            let hour = local.hour() as usize;
            let (mut req, mut cov) = (0, 0);
            for (si, _) in p.skills.iter().enumerate() {
                let r = p.requirements.at(ci, si, k);
                let st = staff.get(&(ci, si)).map_or(0, |v| v[k as usize]);
                req += r;
                cov += r.min(st);
            }
            let cell = &mut cells[hour][day];
            let worse = !cell.exists || (req - cov) > (cell.required - cell.covered);
            let more =
                cell.exists && req - cov == cell.required - cell.covered && req > cell.required;
            if worse || more {
                *cell = Cell {
                    covered: cov,
                    required: req,
                    exists: true,
                };
            }
        }
        out.push(Heatmap {
            centre_id,
            code: c.id.clone(),
            name: c.name.clone(),
            days: days.clone(),
            cells,
        });
    }
    out
}

/// An uncovered run with its reason, in the page's language.
#[derive(Debug, Clone)]
pub struct UncoveredLine {
    pub centre_id: i32,
    pub missing: u32,
    pub minutes: u64,
    pub text: String,
}

/// Every uncovered run of the part's visible centres, explained.
pub fn uncovered(part: &Part, visible: &dyn Fn(i32) -> bool, lang: Lang) -> Vec<UncoveredLine> {
    let p = part.problem();
    solver::explain::explain_uncovered(p, &part.shifts)
        .into_iter()
        .filter_map(|u| {
            let centre_id = *part.built.centre_ids.get(u.centre_ix)?;
            if !visible(centre_id) {
                return None;
            }
            let text = match lang {
                Lang::Fr => solver::explain::describe_fr(&u, p),
                Lang::En => solver::explain::describe_en(&u, p),
            };
            Some(UncoveredLine {
                centre_id,
                missing: u.missing,
                minutes: u.minutes,
                text,
            })
        })
        .collect()
}

/// Hours rostered by one volunteer against their weekly limits.
#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    pub volunteer_id: i32,
    pub external_id: String,
    pub name: String,
    pub minutes: u64,
    pub shifts: u32,
    pub trainee_minutes: u64,
    pub max_minutes: Option<u32>,
    pub max_shifts: Option<u32>,
}

impl Load {
    /// Rostered share of the weekly hour limit, in percent.
    pub fn percent(&self) -> Option<u64> {
        self.max_minutes
            .filter(|&m| m > 0)
            .map(|m| self.minutes * 100 / u64::from(m))
    }

    pub fn over_limit(&self) -> bool {
        self.max_minutes
            .is_some_and(|m| self.minutes > u64::from(m))
            || self.max_shifts.is_some_and(|m| self.shifts > m)
    }
}

/// Load of every volunteer with at least one shift at a visible centre
/// (all their shifts of the part are counted), most loaded first.
pub fn loads(part: &Part, visible: &dyn Fn(i32) -> bool) -> Vec<Load> {
    let p = part.problem();
    let sm = u64::from(p.slot_minutes);
    let mut by_vol: BTreeMap<usize, Load> = BTreeMap::new();
    let shown: Vec<usize> = part
        .shifts
        .iter()
        .filter(|s| visible(part.built.centre_ids[s.centre]))
        .map(|s| s.volunteer)
        .collect();
    for s in part.shifts.iter().filter(|s| shown.contains(&s.volunteer)) {
        let v = &p.volunteers[s.volunteer];
        let e = by_vol.entry(s.volunteer).or_insert_with(|| Load {
            volunteer_id: part.built.volunteer_ids[s.volunteer],
            external_id: v.id.clone(),
            name: v.name.clone(),
            minutes: 0,
            shifts: 0,
            trainee_minutes: 0,
            max_minutes: v.max_minutes,
            max_shifts: v.max_shifts,
        });
        let m = u64::from(s.range.len()) * sm;
        e.minutes += m;
        e.shifts += 1;
        if s.role == Role::Trainee {
            e.trainee_minutes += m;
        }
    }
    let mut out: Vec<Load> = by_vol.into_values().collect();
    out.sort_by(|a, b| {
        b.percent()
            .cmp(&a.percent())
            .then(b.minutes.cmp(&a.minutes))
            .then(a.name.cmp(&b.name))
    });
    out
}

/// A trainee's shift and the staff of the same centre and skill on duty
/// during it.
#[derive(Debug, Clone)]
pub struct TraineeDuty {
    pub shift_row_id: i32,
    pub trainee: String,
    pub centre_id: i32,
    pub skill: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub mentors: Vec<String>,
    /// Some slot of the shift has no staff beside the trainee.
    pub alone: bool,
}

pub fn trainees(part: &Part, visible: &dyn Fn(i32) -> bool) -> Vec<TraineeDuty> {
    let p = part.problem();
    let mut out = Vec::new();
    for (i, s) in part.shifts.iter().enumerate() {
        let centre_id = part.built.centre_ids[s.centre];
        if s.role != Role::Trainee || !visible(centre_id) {
            continue;
        }
        let mates: Vec<&Shift> = part
            .shifts
            .iter()
            .filter(|o| {
                o.role == Role::Staff
                    && o.centre == s.centre
                    && o.skill == s.skill
                    && o.range.overlaps(&s.range)
            })
            .collect();
        let alone =
            (s.range.start..s.range.end).any(|k| !mates.iter().any(|m| m.range.contains(k)));
        out.push(TraineeDuty {
            shift_row_id: part.shift_row_ids[i],
            trainee: p.volunteers[s.volunteer].name.clone(),
            centre_id,
            skill: p.skills[s.skill].name.clone(),
            start: part.slot_instant(s.range.start),
            end: part.slot_instant(s.range.end),
            mentors: mates
                .iter()
                .map(|m| p.volunteers[m.volunteer].name.clone())
                .collect(),
            alone,
        });
    }
    out
}

/// A stored shift as shown: local times in its centre's zone.
#[derive(Debug, Clone)]
pub struct ShiftLine {
    pub id: i32,
    pub volunteer_id: i32,
    pub volunteer_ext: String,
    pub volunteer: String,
    pub centre_id: i32,
    pub centre_code: String,
    pub skill_id: i32,
    pub skill_code: String,
    pub skill_name: String,
    pub role: String,
    pub locked: bool,
    pub date: NaiveDate,
    /// "HH:MM" local.
    pub start: String,
    pub end: String,
    /// The shift ends on a later local date.
    pub next_day: bool,
}

/// The rota's shifts at visible centres, in local time, ordered by local
/// date, start and centre.
pub fn shift_lines(
    conn: &mut DbConnection,
    rota: &Rota,
    visible: &dyn Fn(i32) -> bool,
    lang: Lang,
) -> Result<Vec<ShiftLine>, diesel::result::Error> {
    let centre_rows: HashMap<i32, centres::Centre> = centres::list(conn)?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let skill_rows: HashMap<i32, crate::db::skills::Skill> = crate::db::skills::list(conn)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut names: HashMap<i32, (String, String)> = HashMap::new();
    let mut out = Vec::new();
    for row in rotas::shifts_of(conn, rota.id)? {
        if !visible(row.centre_id) {
            continue;
        }
        let Some(c) = centre_rows.get(&row.centre_id) else {
            continue;
        };
        let tz: Tz = c.timezone.parse().unwrap_or(chrono_tz::Europe::Paris);
        if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(row.volunteer_id) {
            let v = volunteers::by_id(conn, row.volunteer_id)?;
            let (ext, user) = match v {
                Some(v) => (v.external_id, users::by_id(conn, v.user_id)?),
                None => (String::new(), None),
            };
            let name = user.map_or_else(|| format!("#{}", row.volunteer_id), |u| u.display_name);
            slot.insert((ext, name));
        }
        let (ext, name) = names.get(&row.volunteer_id).cloned().unwrap_or_default();
        let s = row.start_utc.and_utc().with_timezone(&tz);
        let e = row.end_utc.and_utc().with_timezone(&tz);
        let skill = skill_rows.get(&row.skill_id);
        out.push(ShiftLine {
            id: row.id,
            volunteer_id: row.volunteer_id,
            volunteer_ext: ext,
            volunteer: name,
            centre_id: row.centre_id,
            centre_code: c.code.clone(),
            skill_id: row.skill_id,
            skill_code: skill.map(|s| s.code.clone()).unwrap_or_default(),
            skill_name: skill
                .map(|s| match lang {
                    Lang::Fr => s.name_fr.clone(),
                    Lang::En => s.name_en.clone(),
                })
                .unwrap_or_default(),
            role: row.role.clone(),
            locked: row.locked,
            date: s.date_naive(),
            start: s.format("%H:%M").to_string(),
            end: e.format("%H:%M").to_string(),
            next_day: e.date_naive() > s.date_naive(),
        });
    }
    out.sort_by(|a, b| {
        (a.date, &a.start, &a.centre_code, &a.volunteer).cmp(&(
            b.date,
            &b.start,
            &b.centre_code,
            &b.volunteer,
        ))
    });
    Ok(out)
}
