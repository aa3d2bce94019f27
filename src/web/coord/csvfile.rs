//! The volunteers CSV file: parsing and validating an import (French Excel:
//! `;` and a UTF-8 BOM, or `,`, detected from the header line) with errors
//! named by line and column. The export is in `csvexport`.

use chrono::{Months, NaiveDate};

use super::volunteer_form::{parse_date, parse_hours};
use crate::db::coord::{ImportVolunteer, QualInput};
use crate::db::skills::Skill;
use crate::i18n::{Lang, Tr};
use crate::web::login::plausible_email;

/// Columns of the file, in the order of the export and the template.
pub const COLUMNS: [&str; 7] = [
    "nom",
    "email",
    "telephone",
    "langue",
    "heures_max",
    "astreintes_max",
    "qualifications",
];

/// Largest number of data lines accepted in one import.
pub const MAX_LINES: usize = 5000;

/// One error: line (1 = header), column name, message id and its argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub column: String,
    pub message_id: &'static str,
    pub detail: String,
}

impl LineError {
    /// "ligne 4, colonne email : adresse invalide".
    pub fn render(&self, t: Tr) -> String {
        let msg = t.args(self.message_id, &[("detail", self.detail.as_str())]);
        t.args(
            "coord-csv-error",
            &[
                ("line", self.line.to_string().as_str()),
                ("column", self.column.as_str()),
                ("message", msg.as_str()),
            ],
        )
    }
}

/// A data line as read (for the preview) and its parsed volunteer.
#[derive(Debug, Clone)]
pub struct Line {
    pub line: usize,
    pub cells: Vec<String>,
    pub ok: bool,
    pub volunteer: Option<ImportVolunteer>,
}

/// Result of reading a file.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub lines: Vec<Line>,
    pub errors: Vec<LineError>,
}

impl Parsed {
    fn error(&mut self, line: usize, column: &str, message_id: &'static str, detail: &str) {
        self.errors.push(LineError {
            line,
            column: column.to_string(),
            message_id,
            detail: detail.to_string(),
        });
        if let Some(l) = self.lines.iter_mut().find(|l| l.line == line) {
            l.ok = false;
        }
    }

    /// Marks the lines whose email an account already uses.
    pub fn mark_taken(&mut self, taken: &[String]) {
        let hits: Vec<usize> = self
            .lines
            .iter()
            .filter(|l| {
                l.volunteer
                    .as_ref()
                    .and_then(|v| v.email.as_ref())
                    .is_some_and(|e| taken.contains(e))
            })
            .map(|l| l.line)
            .collect();
        for line in hits {
            self.error(line, "email", "coord-csv-email-taken", "");
        }
        self.errors.sort_by_key(|e| e.line);
    }

    /// Emails of the parsed lines.
    pub fn emails(&self) -> Vec<String> {
        self.lines
            .iter()
            .filter_map(|l| l.volunteer.as_ref().and_then(|v| v.email.clone()))
            .collect()
    }

    /// The volunteers to create, when there is no error.
    pub fn volunteers(&self) -> Option<Vec<ImportVolunteer>> {
        if !self.errors.is_empty() {
            return None;
        }
        self.lines.iter().map(|l| l.volunteer.clone()).collect()
    }
}

/// Header cell → canonical column name.
fn column_of(header: &str) -> Option<&'static str> {
    let h = super::roster::fold(header.trim()).replace([' ', '-'], "_");
    match h.as_str() {
        "nom" | "name" | "prenom_nom" | "nom_prenom" => Some("nom"),
        "email" | "e_mail" | "courriel" | "mail" => Some("email"),
        "telephone" | "tel" | "phone" => Some("telephone"),
        "langue" | "lang" | "language" => Some("langue"),
        "heures_max" => Some("heures_max"),
        "astreintes_max" => Some("astreintes_max"),
        "qualifications" => Some("qualifications"),
        _ => None,
    }
}

/// Decodes Windows-1252 (Latin-1 plus typographic signs in 0x80–0x9F).
pub fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// 1-based line of a position, counted on `\n` whatever the line endings.
fn line_at(text: &str, p: &csv::Position) -> usize {
    let bytes = text.as_bytes();
    let mut at = usize::try_from(p.byte())
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    // After a CRLF the reader may stand on the `\n`: the record starts after it.
    while at < bytes.len() && (bytes[at] == b'\n' || bytes[at] == b'\r') {
        at += 1;
    }
    bytes[..at].iter().filter(|b| **b == b'\n').count() + 1
}

/// `;` unless the header line has more commas than semicolons.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if first.matches(',').count() > first.matches(';').count() {
        b','
    } else {
        b';'
    }
}

/// Reads and validates a file against the known skills, `today` giving the
/// default qualification dates.
pub fn parse(bytes: &[u8], skills: &[Skill], today: NaiveDate) -> Parsed {
    let mut out = Parsed::default();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Excel's plain "CSV (point-virgule)" is Windows-1252: accept it too.
    let decoded;
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => {
            decoded = windows_1252(bytes);
            decoded.as_str()
        }
    };
    if text.trim().is_empty() {
        out.error(1, "-", "coord-csv-empty", "");
        return out;
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        _ => {
            out.error(1, "-", "coord-csv-empty", "");
            return out;
        }
    };
    let mut cols: Vec<&'static str> = Vec::new();
    for cell in header.iter() {
        match column_of(cell) {
            Some(c) if cols.contains(&c) => out.error(1, c, "coord-csv-duplicate-column", ""),
            Some(c) => cols.push(c),
            None => out.error(1, cell.trim(), "coord-csv-unknown-column", ""),
        }
    }
    if !cols.contains(&"nom") {
        out.error(1, "nom", "coord-csv-missing-column", "");
    }
    if !out.errors.is_empty() {
        return out;
    }
    let mut seen_emails: Vec<(String, usize)> = Vec::new();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| line_at(text, p)).unwrap_or(0);
                out.error(line, "-", "coord-csv-unreadable", "");
                continue;
            }
        };
        let line = rec.position().map(|p| line_at(text, p)).unwrap_or(0);
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if out.lines.len() >= MAX_LINES {
            out.error(line, "-", "coord-csv-too-many", &MAX_LINES.to_string());
            break;
        }
        let get = |name: &str| -> String {
            cols.iter()
                .position(|c| *c == name)
                .and_then(|i| rec.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        out.lines.push(Line {
            line,
            cells: COLUMNS.iter().map(|c| get(c)).collect(),
            ok: true,
            volunteer: None,
        });
        if rec.len() != cols.len() {
            out.error(line, "-", "coord-csv-field-count", &cols.len().to_string());
            continue;
        }
        let before = out.errors.len();
        let v = parse_line(&mut out, line, &get, skills, today, &mut seen_emails);
        if out.errors.len() == before {
            if let Some(l) = out.lines.last_mut() {
                l.volunteer = Some(v);
            }
        }
    }
    if out.lines.is_empty() && out.errors.is_empty() {
        out.error(2, "-", "coord-csv-no-data", "");
    }
    out
}

fn parse_line(
    out: &mut Parsed,
    line: usize,
    get: &dyn Fn(&str) -> String,
    skills: &[Skill],
    today: NaiveDate,
    seen_emails: &mut Vec<(String, usize)>,
) -> ImportVolunteer {
    let name = get("nom");
    if name.is_empty() {
        out.error(line, "nom", "coord-csv-name-required", "");
    } else if name.chars().count() > 200 {
        out.error(line, "nom", "coord-csv-too-long", "200");
    }
    let email_raw = get("email");
    let email = if email_raw.is_empty() {
        None
    } else if !plausible_email(&email_raw) {
        out.error(line, "email", "coord-csv-email-invalid", "");
        None
    } else {
        let e = crate::db::users::normalise_email(&email_raw);
        if let Some((_, first)) = seen_emails.iter().find(|(s, _)| *s == e) {
            out.error(
                line,
                "email",
                "coord-csv-email-duplicate",
                &first.to_string(),
            );
        } else {
            seen_emails.push((e.clone(), line));
        }
        Some(e)
    };
    let phone = get("telephone");
    if phone.chars().count() > 30
        || !phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +.-()".contains(c))
    {
        out.error(line, "telephone", "coord-csv-phone-invalid", "");
    }
    let lang = match get("langue") {
        l if l.is_empty() => Lang::Fr,
        l => Lang::parse(&l).unwrap_or_else(|| {
            out.error(line, "langue", "coord-csv-lang-invalid", "");
            Lang::Fr
        }),
    };
    let hours = get("heures_max");
    let max_minutes_week = match parse_hours(&hours, 168.0) {
        Ok(m) => m,
        Err(_) => {
            out.error(line, "heures_max", "coord-csv-hours-invalid", "");
            None
        }
    };
    let shifts = get("astreintes_max");
    let max_shifts_week = if shifts.is_empty() {
        None
    } else {
        match shifts.parse::<i32>() {
            Ok(n) if (0..=50).contains(&n) => Some(n),
            _ => {
                out.error(line, "astreintes_max", "coord-csv-shifts-invalid", "");
                None
            }
        }
    };
    let mut quals: Vec<QualInput> = Vec::new();
    for item in get("qualifications")
        .split(['|', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let (code, date) = match item.split_once(':') {
            Some((c, d)) => (c.trim(), Some(d.trim())),
            None => (item, None),
        };
        let Some(skill) = skills.iter().find(|s| s.code.eq_ignore_ascii_case(code)) else {
            out.error(line, "qualifications", "coord-csv-skill-unknown", code);
            continue;
        };
        if quals.iter().any(|q| q.skill_id == skill.id) {
            out.error(line, "qualifications", "coord-csv-skill-twice", code);
            continue;
        }
        let (obtained_on, valid_until) = match date {
            Some(d) => match parse_date(d) {
                Some(until) => (None, Some(until)),
                None => {
                    out.error(line, "qualifications", "coord-csv-date-invalid", item);
                    continue;
                }
            },
            None => (Some(today), default_valid_until(skill, today)),
        };
        quals.push(QualInput {
            skill_id: skill.id,
            obtained_on,
            valid_until,
        });
    }
    ImportVolunteer {
        name,
        email,
        phone: (!phone.is_empty()).then_some(phone),
        lang: lang.code().to_string(),
        max_minutes_week,
        max_shifts_week,
        quals,
    }
}

/// `obtained_on` plus the skill's validity; `None` when it never expires.
pub fn default_valid_until(skill: &Skill, obtained_on: NaiveDate) -> Option<NaiveDate> {
    let months = u32::try_from(skill.validity_months?).ok()?;
    obtained_on.checked_add_months(Months::new(months))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn skills() -> Vec<Skill> {
        vec![Skill {
            id: 1,
            code: "ECOUTE".into(),
            name_fr: "Écoute".into(),
            name_en: "Listening".into(),
            validity_months: Some(24),
        }]
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    #[test]
    fn semicolon_with_bom_and_comma_files_read_alike() {
        let a = "\u{feff}nom;email;qualifications\r\nMarie;m@example.org;ECOUTE\r\n";
        let b = "Nom,E-mail,Qualifications\nMarie,m@example.org,ECOUTE\n";
        for text in [a, b] {
            let p = parse(text.as_bytes(), &skills(), today());
            assert!(p.errors.is_empty(), "{:?}", p.errors);
            let v = p.volunteers().unwrap();
            assert_eq!(v[0].email.as_deref(), Some("m@example.org"));
            assert_eq!(
                v[0].quals[0].valid_until,
                NaiveDate::from_ymd_opt(2028, 11, 28)
            );
        }
    }

    #[test]
    fn comma_with_bom_and_windows_1252_files_are_read() {
        let a = "\u{feff}nom,email\r\nZoé,z@example.org\r\n";
        let p = parse(a.as_bytes(), &skills(), today());
        assert_eq!(p.volunteers().unwrap()[0].name, "Zoé");
        let b = b"nom;email\r\nZo\xe9 L\x92Hermite;z@example.org\r\n";
        let p = parse(b, &skills(), today());
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.volunteers().unwrap()[0].name, "Zoé L’Hermite");
    }

    #[test]
    fn errors_name_line_and_column_in_french() {
        let text =
            "nom;email;heures_max\r\nA;a@example.org;2,5\r\nB;b@example.org;x\nC;pas-une-adresse;\n";
        let p = parse(text.as_bytes(), &skills(), today());
        let fr = Tr::new(Lang::Fr);
        let msgs: Vec<String> = p.errors.iter().map(|e| e.render(fr)).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(
            msgs[0].starts_with("ligne 3, colonne heures_max"),
            "{msgs:?}"
        );
        assert_eq!(msgs[1], "ligne 4, colonne email : adresse invalide");
        assert!(p.volunteers().is_none());
    }
}
