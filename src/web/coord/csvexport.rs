//! Writing the volunteers CSV file (the export and the import template) in
//! the import's format: `;`, UTF-8 with a BOM, CRLF line ends.

use super::csvfile::COLUMNS;
use crate::db::coord::RosterEntry;
use crate::db::skills::Skill;

/// The downloadable template: header and one example line.
pub fn template() -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend_from_slice(COLUMNS.join(";").as_bytes());
    out.extend_from_slice(
        b"\r\nMarie Dupont;marie.dupont@example.org;06 12 34 56 78;fr;6;2;ECOUTE\r\n",
    );
    out
}

/// Minutes as hours with a French decimal comma: 150 → "2,5".
pub fn hours_text(minutes: i32) -> String {
    if minutes % 60 == 0 {
        (minutes / 60).to_string()
    } else {
        format!("{:.2}", f64::from(minutes) / 60.0)
            .trim_end_matches('0')
            .replace('.', ",")
    }
}

/// The export: BOM, `;`, the import's columns.
pub fn export(entries: &[RosterEntry], skills: &[Skill]) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(COLUMNS)?;
    for e in entries {
        let quals: Vec<String> = e
            .quals
            .iter()
            .filter_map(|q| {
                let code = &skills.iter().find(|s| s.id == q.skill_id)?.code;
                Some(match q.valid_until {
                    Some(d) => format!("{code}:{d}"),
                    None => code.clone(),
                })
            })
            .collect();
        w.write_record([
            e.name.clone(),
            e.email.clone().unwrap_or_default(),
            e.phone.clone().unwrap_or_default(),
            e.lang.clone(),
            e.volunteer
                .max_minutes_week
                .map(hours_text)
                .unwrap_or_default(),
            e.volunteer
                .max_shifts_week
                .map(|n| n.to_string())
                .unwrap_or_default(),
            quals.join("|"),
        ])?;
    }
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("CSV export: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_use_a_decimal_comma() {
        assert_eq!(hours_text(150), "2,5");
        assert_eq!(hours_text(360), "6");
        assert!(template().starts_with(b"\xEF\xBB\xBFnom;email;"));
    }
}
