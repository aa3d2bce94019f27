//! Shift objects (`{volunteer, centre, skill, role, start, end}`), shared by
//! `locked_shifts` in a scenario and `shifts` in a solution.

use serde_json::Value;

use super::entities::{reference, Index};
use super::errors::{show, Errors, Path};
use super::grid::Grid;
use crate::problem::{Role, Shift};

/// Ids of a problem's entities, for resolving references.
pub(crate) struct Indexes<'a> {
    pub volunteer: &'a Index<'a>,
    pub centre: &'a Index<'a>,
    pub skill: &'a Index<'a>,
}

/// Parses one shift object into slot terms: known ids, a valid role, instants
/// on the grid, `end > start`, inside the week. Reports every problem found.
pub(crate) fn shift(
    errs: &mut Errors,
    p: &Path<'_>,
    v: &Value,
    grid: &Grid,
    ix: &Indexes<'_>,
) -> Option<Shift> {
    let Some(o) = v.as_object() else {
        errs.add(p, "not an object");
        return None;
    };
    let volunteer = reference(
        errs,
        &p.key("volunteer"),
        o.get("volunteer"),
        ix.volunteer,
        "volunteer",
    );
    let centre = reference(errs, &p.key("centre"), o.get("centre"), ix.centre, "centre");
    let skill = reference(errs, &p.key("skill"), o.get("skill"), ix.skill, "skill");
    let role = match o.get("role").and_then(Value::as_str) {
        Some("staff") => Some(Role::Staff),
        Some("trainee") => Some(Role::Trainee),
        other => {
            let shown = other.map_or_else(
                || o.get("role").map_or_else(|| "nothing".into(), show),
                |s| format!("{s:?}"),
            );
            errs.add(
                &p.key("role"),
                format!("must be \"staff\" or \"trainee\", got {shown}"),
            );
            None
        }
    };
    let (ps, pe) = (p.key("start"), p.key("end"));
    let a = grid
        .instant(errs, &ps, o.get("start"))
        .and_then(|t| grid.slot(errs, &ps, t));
    let b = grid
        .instant(errs, &pe, o.get("end"))
        .and_then(|t| grid.slot(errs, &pe, t));
    let range = grid.range(errs, p, a?, b?)?;
    Some(Shift {
        volunteer: volunteer?,
        centre: centre?,
        skill: skill?,
        role: role?,
        range,
    })
}
