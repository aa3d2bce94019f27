//! Pure rules of the coordinator pages: has a volunteer given availability
//! for the coming weeks, the state of a qualification, the list filters and
//! the case- and accent-insensitive search.

use chrono::{Duration, NaiveDate};

use crate::db::coord::RosterEntry;

/// Days ahead within which a qualification counts as "expiring".
pub const EXPIRING_DAYS: i64 = 60;

/// State of a qualification on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualState {
    Valid,
    Expiring,
    Expired,
}

impl QualState {
    pub fn of(valid_until: Option<NaiveDate>, today: NaiveDate) -> QualState {
        match valid_until {
            Some(d) if d < today => QualState::Expired,
            Some(d) if d <= today + Duration::days(EXPIRING_DAYS) => QualState::Expiring,
            _ => QualState::Valid,
        }
    }

    /// Message id of the state's label.
    pub fn label_id(self) -> &'static str {
        match self {
            QualState::Valid => "coord-qual-valid",
            QualState::Expiring => "coord-qual-expiring",
            QualState::Expired => "coord-qual-expired",
        }
    }
}

/// Whether the volunteer offers time in `[from, to]`: weekly ranges or an
/// extra within the horizon, and not absent on every day of it.
pub fn availability_given(e: &RosterEntry, from: NaiveDate, to: NaiveDate) -> bool {
    let extra = e
        .exceptions
        .iter()
        .any(|x| x.kind == "extra" && x.start_date <= to && x.end_date >= from);
    if !(e.has_pattern || extra) {
        return false;
    }
    !absent_all_along(e, from, to)
}

/// True when whole-day absences cover every date of `[from, to]`.
fn absent_all_along(e: &RosterEntry, from: NaiveDate, to: NaiveDate) -> bool {
    let mut spans: Vec<(NaiveDate, NaiveDate)> = e
        .exceptions
        .iter()
        .filter(|x| x.kind == "absent" && x.start_minute.is_none() && x.end_minute.is_none())
        .map(|x| (x.start_date, x.end_date))
        .collect();
    spans.sort();
    let mut covered_until = from - Duration::days(1);
    for (s, e) in spans {
        if s > covered_until + Duration::days(1) {
            break;
        }
        covered_until = covered_until.max(e);
    }
    covered_until >= to
}

/// Lower-case without diacritics, for searching ("Hélène" → "helene").
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            other => out.push(other),
        }
    }
    out
}

/// The list filters, as read from the query string.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct Filters {
    #[serde(default)]
    pub q: String,
    /// `valid` | `expiring` | `expired` | `trainee` | empty.
    #[serde(default)]
    pub qual: String,
    /// `given` | `missing` | empty.
    #[serde(default)]
    pub avail: String,
    /// `active` | `paused` | `left` | empty.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub page: Option<String>,
}

impl Filters {
    /// The query string of these filters (without the page), for links.
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("q", &self.q),
            ("qual", &self.qual),
            ("avail", &self.avail),
            ("status", &self.status),
        ] {
            if !v.trim().is_empty() {
                parts.push(format!("{k}={}", urlencoding::encode(v.trim())));
            }
        }
        parts.join("&")
    }

    /// Whether `e` passes every filter on `today` with horizon `[today, to]`.
    pub fn accepts(&self, e: &RosterEntry, today: NaiveDate, to: NaiveDate) -> bool {
        let q = fold(self.q.trim());
        if !q.is_empty() {
            let name = fold(&e.name);
            let email = e.email.as_deref().map(fold).unwrap_or_default();
            if !name.contains(&q) && !email.contains(&q) {
                return false;
            }
        }
        let has = |st: QualState| {
            e.quals
                .iter()
                .any(|x| QualState::of(x.valid_until, today) == st)
        };
        let qual_ok = match self.qual.as_str() {
            "valid" => has(QualState::Valid) || has(QualState::Expiring),
            "expiring" => has(QualState::Expiring),
            "expired" => has(QualState::Expired),
            "trainee" => !e.trainees.is_empty(),
            _ => true,
        };
        let avail_ok = match self.avail.as_str() {
            "given" => availability_given(e, today, to),
            "missing" => !availability_given(e, today, to),
            _ => true,
        };
        let status_ok = match self.status.as_str() {
            "active" | "paused" | "left" => e.volunteer.status == self.status,
            _ => true,
        };
        qual_ok && avail_ok && status_ok
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::db::availability::ExceptionRow;
    use crate::db::volunteers::Volunteer;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn entry(has_pattern: bool, exc: Vec<(&str, &str, &str)>) -> RosterEntry {
        RosterEntry {
            volunteer: Volunteer {
                id: 1,
                user_id: 1,
                external_id: "x".into(),
                max_minutes_week: None,
                max_shifts_week: None,
                min_minutes_month: None,
                training_minutes_target: 0,
                status: "active".into(),
                left_on: None,
            },
            name: "Hélène Dupré".into(),
            email: Some("helene@example.org".into()),
            phone: None,
            lang: "fr".into(),
            quals: vec![],
            trainees: vec![],
            has_pattern,
            exceptions: exc
                .into_iter()
                .map(|(k, s, e)| ExceptionRow {
                    id: 1,
                    volunteer_id: 1,
                    kind: k.into(),
                    start_date: d(s),
                    end_date: d(e),
                    start_minute: None,
                    end_minute: None,
                    start_utc: None,
                    end_utc: None,
                    preferred: false,
                })
                .collect(),
        }
    }

    #[test]
    fn availability_needs_ranges_or_extras_and_not_a_full_absence() {
        let (f, t) = (d("2026-12-01"), d("2026-12-28"));
        assert!(!availability_given(&entry(false, vec![]), f, t));
        assert!(availability_given(&entry(true, vec![]), f, t));
        assert!(availability_given(
            &entry(false, vec![("extra", "2026-12-10", "2026-12-10")]),
            f,
            t
        ));
        let away = vec![
            ("absent", "2026-11-20", "2026-12-15"),
            ("absent", "2026-12-16", "2027-01-10"),
        ];
        assert!(!availability_given(&entry(true, away), f, t));
        let gap = vec![
            ("absent", "2026-11-20", "2026-12-14"),
            ("absent", "2026-12-16", "2027-01-10"),
        ];
        assert!(availability_given(&entry(true, gap), f, t));
    }

    #[test]
    fn qualification_states() {
        let today = d("2026-12-01");
        assert_eq!(QualState::of(None, today), QualState::Valid);
        assert_eq!(
            QualState::of(Some(d("2026-11-30")), today),
            QualState::Expired
        );
        assert_eq!(
            QualState::of(Some(d("2027-01-30")), today),
            QualState::Expiring
        );
        assert_eq!(
            QualState::of(Some(d("2027-01-31")), today),
            QualState::Valid
        );
    }

    #[test]
    fn search_ignores_case_and_accents() {
        assert_eq!(fold("HÉLÈNE Dupré"), "helene dupre");
        let f = Filters {
            q: "DUPRE".into(),
            ..Default::default()
        };
        let (a, b) = (d("2026-12-01"), d("2026-12-28"));
        assert!(f.accepts(&entry(true, vec![]), a, b));
        let g = Filters {
            q: "martin".into(),
            ..Default::default()
        };
        assert!(!g.accepts(&entry(true, vec![]), a, b));
    }
}
