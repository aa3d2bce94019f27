//! The stored rota of a week as problem shifts (for `export --solution` and
//! for comparing a generated rota with the published one).

use std::collections::{BTreeMap, BTreeSet};

use solver::problem::Shift;

use super::{BuildError, BuiltScenario, RowMapper, Scope};
use crate::db::{rotas, DbConnection};
use crate::domain::week::IsoWeek;

/// Shifts of the week's stored rota for `scope`: per rota scope covering the
/// selection, the latest published version, else the latest draft. Returns
/// the shifts (those whose volunteer, centre and skill are in the problem)
/// and `"published"` or `"draft"`.
pub fn stored_rota_shifts(
    conn: &mut DbConnection,
    built: &BuiltScenario,
    scope: &Scope,
    week: IsoWeek,
) -> Result<(Vec<Shift>, String), BuildError> {
    let mut chosen: BTreeMap<String, rotas::Rota> = BTreeMap::new();
    for r in rotas::of_week(conn, week.monday())? {
        let relevant = match scope {
            Scope::All => true,
            Scope::Centre(code) => r.scope == "ALL" || &r.scope == code,
        };
        if !relevant || r.status == "superseded" {
            continue;
        }
        let better = match chosen.get(&r.scope) {
            None => true,
            Some(cur) => {
                let rank = |x: &rotas::Rota| (x.status == "published", x.version, x.id);
                rank(&r) > rank(cur)
            }
        };
        if better {
            chosen.insert(r.scope.clone(), r);
        }
    }
    if chosen.is_empty() {
        return Err(BuildError::Invalid(format!(
            "aucun planning enregistré pour la semaine {week} / no stored rota for week {week}"
        )));
    }
    let label = if chosen.values().any(|r| r.status == "published") {
        "published"
    } else {
        "draft"
    };
    let mapper = RowMapper::of(built);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for r in chosen.values() {
        for row in rotas::shifts_of(conn, r.id)? {
            if let Some(shift) = mapper.shift(&row) {
                if seen.insert(shift) {
                    out.push(shift);
                }
            }
        }
    }
    Ok((out, label.to_string()))
}
