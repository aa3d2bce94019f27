//! Adjusting a draft rota by hand: add, remove, move, lock/unlock one
//! assignment. Every change is checked at once against the hard rules with
//! `solver::check` on the week's problem, before and after the change, and
//! only the violations the change introduces refuse it — each named in the
//! user's language (unavailable, qualification not valid on that date,
//! minimum rest, overlap, shift length, weekly limit, missing mentor...).
//!
//! Concurrency: every change carries the revision the editor saw; the write
//! is a conditional `UPDATE rotas SET revision = revision + 1 WHERE id = ?
//! AND revision = ?` in the same transaction as the change and its audit
//! entry, so of two edits made from the same revision exactly one wins.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use chrono_tz::Tz;
use diesel::prelude::*;
use solver::check::{check, Violation};
use solver::problem::{Role, Shift};

use super::review::{load_parts, Part};
use crate::db::rotas::{self, Rota, RotaShift};
use crate::db::schema::{rota_shifts, rotas as rotas_t};
use crate::db::{audit, last_insert_id, DbConnection};
use crate::domain::localtime::instant_at;
use crate::i18n::Tr;
use crate::scenario_build::BuildError;

/// One change to a draft rota. Instants are UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Add {
        volunteer_id: i32,
        centre_id: i32,
        skill_id: i32,
        trainee: bool,
        start: NaiveDateTime,
        end: NaiveDateTime,
    },
    Remove {
        shift_id: i32,
    },
    /// New volunteer and/or new times; centre, skill and role stay.
    Move {
        shift_id: i32,
        volunteer_id: i32,
        start: NaiveDateTime,
        end: NaiveDateTime,
    },
    Lock {
        shift_id: i32,
        locked: bool,
    },
}

impl Change {
    fn action(&self) -> &'static str {
        match self {
            Change::Add { .. } => "rota.shift.add",
            Change::Remove { .. } => "rota.shift.remove",
            Change::Move { .. } => "rota.shift.move",
            Change::Lock { .. } => "rota.shift.lock",
        }
    }
}

/// Why a change was refused: a message id and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Refusal {
    pub fn new(id: &'static str) -> Refusal {
        Refusal {
            id,
            args: Vec::new(),
        }
    }

    fn arg(mut self, k: &'static str, v: impl Into<String>) -> Refusal {
        self.args.push((k, v.into()));
        self
    }

    /// The sentence in the user's language.
    pub fn message(&self, t: &Tr) -> String {
        let args: Vec<(&'static str, &str)> =
            self.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        t.args(self.id, &args)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("rota or shift not found")]
    NotFound,
    /// The shift or centre is not the editor's.
    #[error("forbidden")]
    Forbidden,
    /// Published or superseded: make a draft copy first.
    #[error("not a draft")]
    NotDraft,
    /// Someone changed the rota since the editor loaded it.
    #[error("stale revision")]
    Conflict,
    /// The change breaks hard rules (or its fields are wrong).
    #[error("refused")]
    Refused(Vec<Refusal>),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
    #[error("{0}")]
    Build(String),
}

impl From<BuildError> for EditError {
    fn from(e: BuildError) -> Self {
        match e {
            BuildError::Db(e) => EditError::Db(e),
            BuildError::Invalid(m) => EditError::Build(m),
        }
    }
}

/// Local date and "HH:MM" times in `tz` → UTC instants; an end at or
/// before the start is on the next day. DST: the rule of `localtime`.
pub fn local_times(
    tz: Tz,
    date: &str,
    start: &str,
    end: &str,
) -> Result<(NaiveDateTime, NaiveDateTime), Refusal> {
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| Refusal::new("rota-refuse-date"))?;
    let minute = |s: &str| -> Result<i64, Refusal> {
        let s = s.trim();
        let t = NaiveTime::parse_from_str(s, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
            .map_err(|_| Refusal::new("rota-refuse-time"))?;
        Ok(i64::from(t.hour() * 60 + t.minute()))
    };
    let (a, mut b) = (minute(start)?, minute(end)?);
    if b <= a {
        b += 1440;
    }
    Ok((
        instant_at(tz, date, a).naive_utc(),
        instant_at(tz, date, b).naive_utc(),
    ))
}

/// Applies `change` to draft `rota_id` if the editor's `expected_revision`
/// is current, the change concerns a centre in `editable` (`None`: any) and
/// it introduces no hard-rule violation. Returns the rota with its new
/// revision (and the id of the shift written, for add).
pub fn apply(
    conn: &mut DbConnection,
    rota_id: i32,
    actor: Option<i32>,
    expected_revision: i32,
    editable: Option<&[i32]>,
    change: &Change,
) -> Result<(Rota, Option<i32>), EditError> {
    let rota = rotas::by_id(conn, rota_id)?.ok_or(EditError::NotFound)?;
    if rota.revision != expected_revision {
        return Err(EditError::Conflict);
    }
    if rota.status != "draft" {
        return Err(EditError::NotDraft);
    }
    let row = match change {
        Change::Remove { shift_id }
        | Change::Move { shift_id, .. }
        | Change::Lock { shift_id, .. } => Some(shift_row(conn, rota_id, *shift_id)?),
        Change::Add { .. } => None,
    };
    let centre_id = match (change, &row) {
        (Change::Add { centre_id, .. }, _) => *centre_id,
        (_, Some(r)) => r.centre_id,
        _ => return Err(EditError::NotFound),
    };
    if editable.is_some_and(|c| !c.contains(&centre_id)) {
        return Err(EditError::Forbidden);
    }
    if let (Change::Remove { .. } | Change::Move { .. }, Some(r)) = (change, &row) {
        if r.locked {
            return Err(EditError::Refused(vec![Refusal::new("rota-refuse-locked")]));
        }
    }
    if !matches!(change, Change::Lock { .. }) {
        validate(conn, &rota, centre_id, change, row.as_ref())?;
    }
    let written =
        conn.write_transaction(|c| write(c, &rota, actor, expected_revision, change, centre_id))?;
    let rota = rotas::by_id(conn, rota_id)?.ok_or(EditError::NotFound)?;
    Ok((rota, written))
}

fn shift_row(conn: &mut DbConnection, rota_id: i32, id: i32) -> Result<RotaShift, EditError> {
    rota_shifts::table
        .find(id)
        .filter(rota_shifts::rota_id.eq(rota_id))
        .select(RotaShift::as_select())
        .first(conn)
        .optional()?
        .ok_or(EditError::NotFound)
}

/// Checks the rota with and without the change; refuses with the
/// violations that only exist after it.
fn validate(
    conn: &mut DbConnection,
    rota: &Rota,
    centre_id: i32,
    change: &Change,
    row: Option<&RotaShift>,
) -> Result<(), EditError> {
    let parts = load_parts(conn, rota, Some(centre_id))?;
    let Some(part) = parts.into_iter().find(|p| p.centre_ix(centre_id).is_some()) else {
        return Err(EditError::Build(format!(
            "no problem for centre {centre_id}"
        )));
    };
    let before = part.shifts.clone();
    let mut after = before.clone();
    let old_ix = row.and_then(|r| part.shift_row_ids.iter().position(|&id| id == r.id));
    if let Some(i) = old_ix {
        after.remove(i);
    }
    let new_shift = match change {
        Change::Add {
            volunteer_id,
            centre_id,
            skill_id,
            trainee,
            start,
            end,
        } => Some(new_shift(
            &part,
            *volunteer_id,
            *centre_id,
            *skill_id,
            *trainee,
            *start,
            *end,
        )?),
        Change::Move {
            volunteer_id,
            start,
            end,
            ..
        } => {
            let r = row.ok_or(EditError::NotFound)?;
            Some(new_shift(
                &part,
                *volunteer_id,
                r.centre_id,
                r.skill_id,
                r.role == "trainee",
                *start,
                *end,
            )?)
        }
        _ => None,
    };
    if let Some(s) = new_shift {
        after.push(s);
    }
    let introduced = introduced(&part, &before, &after);
    if introduced.is_empty() {
        return Ok(());
    }
    let focus = new_shift.or_else(|| old_ix.map(|i| before[i]));
    let mut refusals: Vec<Refusal> = Vec::new();
    for v in &introduced {
        let r = refusal(&part, v, focus.as_ref());
        if !refusals.contains(&r) {
            refusals.push(r);
        }
    }
    Err(EditError::Refused(refusals))
}

fn new_shift(
    part: &Part,
    volunteer_id: i32,
    centre_id: i32,
    skill_id: i32,
    trainee: bool,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> Result<Shift, EditError> {
    let p = part.problem();
    let refuse = |r: Refusal| EditError::Refused(vec![r]);
    if end <= start {
        return Err(refuse(Refusal::new("rota-refuse-order")));
    }
    let range = part.exact_range(start, end).ok_or_else(|| {
        refuse(Refusal::new("rota-refuse-grid").arg("slot", p.slot_minutes.to_string()))
    })?;
    if range.end > p.n_slots {
        return Err(refuse(Refusal::new("rota-refuse-week")));
    }
    let volunteer = part
        .volunteer_ix(volunteer_id)
        .ok_or_else(|| refuse(Refusal::new("rota-refuse-not-member")))?;
    let centre = part.centre_ix(centre_id).ok_or(EditError::NotFound)?;
    let skill = part.skill_ix(skill_id).ok_or(EditError::NotFound)?;
    Ok(Shift {
        volunteer,
        centre,
        skill,
        role: if trainee { Role::Trainee } else { Role::Staff },
        range,
    })
}

/// A violation's identity for comparing before and after: the message
/// without shift numbers, and for rules 6 and 7 (whose text carries a
/// count) the part before the count with the count as magnitude.
fn key(v: &Violation) -> (String, u64) {
    let msg = strip_shift_numbers(&v.message);
    let number_after = |s: &str, marker: &str| -> Option<(String, u64)> {
        let at = s.find(marker)?;
        let rest = &s[at + marker.len()..];
        let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((s[..at + marker.len()].to_string(), n.parse().ok()?))
    };
    let keyed = match v.rule {
        6 if msg.contains("max_minutes") => number_after(&msg, ": rostered "),
        6 => msg.split_once(": ").and_then(|(who, rest)| {
            let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some((format!("{who}: shifts"), n.parse().ok()?))
        }),
        7 => number_after(&msg, "more trainees than staff in "),
        _ => None,
    };
    keyed.map_or((format!("{}|{msg}", v.rule), 0), |(k, n)| {
        (format!("{}|{k}", v.rule), n)
    })
}

fn strip_shift_numbers(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("shift #") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + "shift #".len()..];
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        rest = tail[digits..].trim_start();
    }
    out.push_str(rest);
    out
}

/// Violations present after the change and not before (rules 6 and 7:
/// whose count grew).
fn introduced(part: &Part, before: &[Shift], after: &[Shift]) -> Vec<Violation> {
    let p = part.problem();
    let mut seen: HashMap<String, (usize, u64)> = HashMap::new();
    for v in check(p, before).violations {
        let (k, n) = key(&v);
        let e = seen.entry(k).or_insert((0, 0));
        e.0 += 1;
        e.1 = e.1.max(n);
    }
    let mut out = Vec::new();
    for v in check(p, after).violations {
        let (k, n) = key(&v);
        match seen.get_mut(&k) {
            Some(e) if matches!(v.rule, 6 | 7) => {
                if n > e.1 {
                    out.push(v);
                }
            }
            Some(e) if e.0 > 0 => e.0 -= 1,
            _ => out.push(v),
        }
    }
    out
}

fn hours(minutes: u64) -> String {
    if minutes % 60 == 0 {
        (minutes / 60).to_string()
    } else {
        format!("{:.1}", minutes as f64 / 60.0).replace('.', ",")
    }
}

/// The number following `marker` in `msg`.
fn number(msg: &str, marker: &str) -> Option<u64> {
    let at = msg.find(marker)?;
    msg[at + marker.len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

/// The user-facing form of a violation, about the changed shift `focus`.
fn refusal(part: &Part, v: &Violation, focus: Option<&Shift>) -> Refusal {
    let p = part.problem();
    let name = focus
        .and_then(|s| p.volunteers.get(s.volunteer))
        .map_or_else(String::new, |v| v.name.clone());
    let skill = focus
        .and_then(|s| p.skills.get(s.skill))
        .map_or_else(String::new, |k| k.name.clone());
    let m = &v.message;
    match v.rule {
        1 if m.contains("not inside the week") => Refusal::new("rota-refuse-week"),
        1 if m.contains("template") => Refusal::new("rota-refuse-template"),
        1 => Refusal::new("rota-refuse-length")
            .arg("min", hours(u64::from(p.rules.min_shift_minutes)))
            .arg("max", hours(u64::from(p.rules.max_shift_minutes))),
        2 => Refusal::new("rota-refuse-unavailable").arg("name", name),
        3 => Refusal::new("rota-refuse-not-member").arg("name", name),
        4 if m.contains("expired") => {
            let date = m
                .split("expired ")
                .nth(1)
                .and_then(|s| s.get(..10))
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default();
            Refusal::new("rota-refuse-expired")
                .arg("name", name)
                .arg("skill", skill)
                .arg("date", date)
        }
        4 if m.contains("trainee") => Refusal::new("rota-refuse-not-trainee")
            .arg("name", name)
            .arg("skill", skill),
        4 => Refusal::new("rota-refuse-unqualified")
            .arg("name", name)
            .arg("skill", skill),
        5 if m.contains("overlaps") => Refusal::new("rota-refuse-overlap").arg("name", name),
        5 => Refusal::new("rota-refuse-rest")
            .arg("name", name)
            .arg("rest", hours(u64::from(p.rules.min_rest_minutes))),
        6 if m.contains("max_minutes") => Refusal::new("rota-refuse-weekly-hours")
            .arg("name", name)
            .arg("total", hours(number(m, "rostered ").unwrap_or(0)))
            .arg("max", hours(number(m, "max_minutes is ").unwrap_or(0))),
        6 => Refusal::new("rota-refuse-weekly-shifts")
            .arg("name", name)
            .arg("max", number(m, "max_shifts is ").unwrap_or(0).to_string()),
        7 => Refusal::new("rota-refuse-mentor").arg("skill", skill),
        8 => Refusal::new("rota-refuse-locked"),
        _ => Refusal::new("rota-refuse-other"),
    }
}

/// The write, after a successful conditional bump of the revision.
fn write(
    c: &mut DbConnection,
    rota: &Rota,
    actor: Option<i32>,
    expected_revision: i32,
    change: &Change,
    centre_id: i32,
) -> Result<Option<i32>, EditError> {
    bump_revision(c, rota.id, expected_revision)?;
    let mut written = None;
    let shift_id = match change {
        Change::Add {
            volunteer_id,
            centre_id,
            skill_id,
            trainee,
            start,
            end,
        } => {
            diesel::insert_into(rota_shifts::table)
                .values((
                    rota_shifts::rota_id.eq(rota.id),
                    rota_shifts::volunteer_id.eq(*volunteer_id),
                    rota_shifts::centre_id.eq(*centre_id),
                    rota_shifts::skill_id.eq(*skill_id),
                    rota_shifts::role.eq(if *trainee { "trainee" } else { "staff" }),
                    rota_shifts::start_utc.eq(*start),
                    rota_shifts::end_utc.eq(*end),
                    rota_shifts::locked.eq(false),
                ))
                .execute(c)?;
            let id = last_insert_id(c)?;
            written = Some(id);
            id
        }
        Change::Remove { shift_id } => {
            diesel::delete(rota_shifts::table.find(*shift_id)).execute(c)?;
            *shift_id
        }
        Change::Move {
            shift_id,
            volunteer_id,
            start,
            end,
        } => {
            diesel::update(rota_shifts::table.find(*shift_id))
                .set((
                    rota_shifts::volunteer_id.eq(*volunteer_id),
                    rota_shifts::start_utc.eq(*start),
                    rota_shifts::end_utc.eq(*end),
                ))
                .execute(c)?;
            *shift_id
        }
        Change::Lock { shift_id, locked } => {
            diesel::update(rota_shifts::table.find(*shift_id))
                .set(rota_shifts::locked.eq(*locked))
                .execute(c)?;
            *shift_id
        }
    };
    let extra = match change {
        Change::Lock { locked, .. } => format!(",\"locked\":{locked}"),
        _ => String::new(),
    };
    audit::record(
        c,
        &audit::Event {
            actor,
            action: change.action(),
            target_kind: "rota",
            target_id: Some(rota.id.to_string()),
            centre_id: Some(centre_id),
            details: Some(format!(
                "{{\"shift\":{shift_id},\"revision\":{}{extra}}}",
                expected_revision + 1
            )),
        },
    )?;
    Ok(written)
}

/// `revision = revision + 1` if it still is `expected` (and still a draft);
/// otherwise the editor's view is stale.
fn bump_revision(c: &mut DbConnection, rota_id: i32, expected: i32) -> Result<(), EditError> {
    let n = diesel::update(
        rotas_t::table
            .filter(rotas_t::id.eq(rota_id))
            .filter(rotas_t::revision.eq(expected))
            .filter(rotas_t::status.eq("draft")),
    )
    .set(rotas_t::revision.eq(rotas_t::revision + 1))
    .execute(c)?;
    if n == 1 {
        Ok(())
    } else {
        Err(EditError::Conflict)
    }
}

/// "Modifier" on a published (or superseded) rota: a new draft version of
/// the same week and scope with the same shifts (locks kept).
pub fn draft_copy(
    conn: &mut DbConnection,
    rota_id: i32,
    actor: Option<i32>,
) -> Result<Rota, EditError> {
    conn.write_transaction(|c| {
        let src = rotas::by_id(c, rota_id)?.ok_or(EditError::NotFound)?;
        let copy = rotas::create(c, src.week_start, &src.scope, "draft", actor)?;
        let shifts: Vec<rotas::NewShift> = rotas::shifts_of(c, src.id)?
            .into_iter()
            .map(|s| rotas::NewShift {
                volunteer_id: s.volunteer_id,
                centre_id: s.centre_id,
                skill_id: s.skill_id,
                role: if s.role == "trainee" {
                    "trainee"
                } else {
                    "staff"
                },
                start_utc: s.start_utc,
                end_utc: s.end_utc,
                locked: s.locked,
            })
            .collect();
        rotas::replace_shifts(c, copy.id, &shifts)?;
        audit::record(
            c,
            &audit::Event {
                actor,
                action: "rota.copy",
                target_kind: "rota",
                target_id: Some(copy.id.to_string()),
                centre_id: None,
                details: Some(format!(
                    "{{\"from\":{},\"shifts\":{}}}",
                    src.id,
                    shifts.len()
                )),
            },
        )?;
        Ok(copy)
    })
}
