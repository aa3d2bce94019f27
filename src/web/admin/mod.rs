//! Administrator pages (`/admin/…`): centres and their time zone, skills and
//! their validity, coordinators of centres, organisation settings. This
//! module holds what they share: field errors and the field validators,
//! which return French (or English) messages shown next to the fields.

pub mod centres;
pub mod coordinators;
pub mod erasure;
pub mod journal;
pub mod outbox;
pub mod planning;
pub mod retention;
pub mod settings;
pub mod skills;

use crate::db::{audit, centres::Centre, skills::Skill, DbConnection};
use crate::i18n::Tr;

/// Where an administrator's save of a record keyed by its code ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Saved,
    /// Another record already has the code.
    CodeTaken,
    /// The record being edited is gone.
    Missing,
}

/// A record of the catalogue administrators keep by code (centre, skill).
pub trait Coded {
    fn id(&self) -> i32;
    fn code(&self) -> &str;
}

impl Coded for Centre {
    fn id(&self) -> i32 {
        self.id
    }
    fn code(&self) -> &str {
        &self.code
    }
}

impl Coded for Skill {
    fn id(&self) -> i32 {
        self.id
    }
    fn code(&self) -> &str {
        &self.code
    }
}

/// Creates (`editing` is `None`) or updates the record now coded `editing`
/// under `new_code`, in one transaction with its journal entry: `write`
/// stores the fields (given the id of the record edited) and returns the
/// record's id, `event` is the journal entry for that id. A code used by
/// another record is refused.
pub fn save_coded<R: Coded>(
    conn: &mut DbConnection,
    editing: Option<&str>,
    new_code: &str,
    find: fn(&mut DbConnection, &str) -> diesel::QueryResult<Option<R>>,
    write: impl FnOnce(&mut DbConnection, Option<i32>) -> diesel::QueryResult<i32>,
    event: impl FnOnce(i32) -> audit::Event<'static>,
) -> diesel::QueryResult<Saved> {
    conn.write_transaction(|conn| {
        let current = match editing {
            Some(code) => match find(conn, code)? {
                Some(r) => Some(r),
                None => return Ok(Saved::Missing),
            },
            None => None,
        };
        let renamed = current.as_ref().is_none_or(|r| r.code() != new_code);
        if renamed && find(conn, new_code)?.is_some() {
            return Ok(Saved::CodeTaken);
        }
        let id = write(conn, current.map(|r| r.id()))?;
        audit::record(conn, &event(id))?;
        Ok(Saved::Saved)
    })
}

/// Messages of the invalid fields of a form, in field order.
#[derive(Debug, Clone, Default)]
pub struct Errors(Vec<(&'static str, String)>);

impl Errors {
    pub fn add(&mut self, field: &'static str, message: String) {
        self.0.push((field, message));
    }

    /// Records the error of `result` under `field`; returns the value if valid.
    pub fn check<T>(&mut self, field: &'static str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(m) => {
                self.add(field, m);
                None
            }
        }
    }

    /// The message of `field`, if it is invalid (for the templates).
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// All messages in one line, for the summary at the top of the form.
    pub fn summary(&self) -> String {
        self.0
            .iter()
            .map(|(_, m)| m.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A short code: letters, digits, `-` or `_`, at most 16, stored upper-case.
pub fn code(t: Tr, raw: &str) -> Result<String, String> {
    let c = raw.trim().to_uppercase();
    let ok = !c.is_empty()
        && c.chars().count() <= 16
        && c.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
    if ok {
        Ok(c)
    } else {
        Err(t.t("admin-error-code"))
    }
}

/// A required text of at most `max` characters, trimmed.
pub fn text(t: Tr, raw: &str, max: usize) -> Result<String, String> {
    let s = raw.trim();
    if s.is_empty() {
        Err(t.t("admin-error-required"))
    } else if s.chars().count() > max {
        Err(t.args("admin-error-too-long", &[("max", &max.to_string())]))
    } else {
        Ok(s.to_string())
    }
}

/// An IANA time zone known to chrono-tz (`Europe/Paris`, `Indian/Reunion`…).
pub fn timezone(t: Tr, raw: &str) -> Result<String, String> {
    raw.trim()
        .parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_string())
        .map_err(|_| t.t("admin-error-timezone"))
}

/// A whole number between `min` and `max` (inclusive).
pub fn int_in(t: Tr, raw: &str, min: i32, max: i32) -> Result<i32, String> {
    match raw.trim().parse::<i32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(t.args(
            "admin-error-range",
            &[("min", &min.to_string()), ("max", &max.to_string())],
        )),
    }
}

/// Common time zones offered as suggestions (any IANA name is accepted).
pub const SUGGESTED_TIMEZONES: &[&str] = &[
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Luxembourg",
    "Europe/Zurich",
    "Europe/Monaco",
    "America/Guadeloupe",
    "America/Martinique",
    "America/Cayenne",
    "America/Miquelon",
    "America/Montreal",
    "Indian/Reunion",
    "Indian/Mayotte",
    "Pacific/Noumea",
    "Pacific/Tahiti",
    "Pacific/Wallis",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn validators_accept_good_input_and_explain_bad_input_in_french() {
        let t = Tr::new(Lang::Fr);
        assert_eq!(code(t, " nord-1 ").unwrap(), "NORD-1");
        assert!(code(t, "a b").is_err());
        assert!(code(t, "").is_err());
        assert_eq!(timezone(t, "Indian/Reunion").unwrap(), "Indian/Reunion");
        let e = timezone(t, "Europe/Lyon").unwrap_err();
        assert!(e.contains("Fuseau horaire inconnu"), "{e}");
        assert_eq!(int_in(t, "12", 1, 24).unwrap(), 12);
        let e = int_in(t, "0", 1, 24).unwrap_err();
        assert!(e.contains("entre 1 et 24"), "{e}");
        assert!(text(t, "   ", 10).is_err());
        assert!(text(t, "abcdefghijk", 10).is_err());
    }

    #[test]
    fn errors_keep_field_order() {
        let mut e = Errors::default();
        assert!(e.is_empty());
        e.add("b", "B.".into());
        e.add("a", "A.".into());
        assert_eq!(e.get("a"), Some("A."));
        assert_eq!(e.get("c"), None);
        assert_eq!(e.summary(), "B. A.");
    }
}
