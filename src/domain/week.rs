//! ISO weeks such as `2026-W50`: parsing, display and the local Monday.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};

/// An ISO 8601 week (Monday to Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IsoWeek {
    monday: NaiveDate,
}

/// Why a week string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeekError {
    #[error("semaine invalide « {0} » : attendu AAAA-Wnn, par ex. 2026-W50 / invalid week \"{0}\": expected YYYY-Wnn, e.g. 2026-W50")]
    Syntax(String),
    #[error("la semaine {0} n'existe pas / week {0} does not exist")]
    NoSuchWeek(String),
    #[error("{0} n'est pas un lundi / {0} is not a Monday")]
    NotMonday(NaiveDate),
}

impl IsoWeek {
    /// The week of `monday`, which must be a Monday.
    pub fn from_monday(monday: NaiveDate) -> Result<Self, WeekError> {
        if monday.weekday() == Weekday::Mon {
            Ok(IsoWeek { monday })
        } else {
            Err(WeekError::NotMonday(monday))
        }
    }

    /// The week containing `date`.
    pub fn containing(date: NaiveDate) -> Self {
        let back = i64::from(date.weekday().num_days_from_monday());
        IsoWeek {
            monday: date - chrono::Duration::days(back),
        }
    }

    pub fn monday(&self) -> NaiveDate {
        self.monday
    }

    /// The Monday after the week (exclusive end).
    pub fn next_monday(&self) -> NaiveDate {
        self.monday + chrono::Duration::days(7)
    }

    /// The 7 dates of the week, Monday first.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> {
        let m = self.monday;
        (0..7).map(move |d| m + chrono::Duration::days(d))
    }

    pub fn year(&self) -> i32 {
        self.monday.iso_week().year()
    }

    pub fn number(&self) -> u32 {
        self.monday.iso_week().week()
    }
}

impl FromStr for IsoWeek {
    type Err = WeekError;

    /// Accepts `2026-W50`, `2026W50`, `2026-w50`, or a Monday `2026-12-07`.
    fn from_str(s: &str) -> Result<Self, WeekError> {
        let t = s.trim();
        if let Ok(date) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return IsoWeek::from_monday(date);
        }
        let upper = t.to_ascii_uppercase();
        let (y, w) = upper
            .split_once("-W")
            .or_else(|| upper.split_once('W'))
            .ok_or_else(|| WeekError::Syntax(t.to_string()))?;
        let digits = |x: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(y, 4..=4) || !digits(w, 1..=2) {
            return Err(WeekError::Syntax(t.to_string()));
        }
        let year: i32 = y.parse().map_err(|_| WeekError::Syntax(t.to_string()))?;
        let week: u32 = w.parse().map_err(|_| WeekError::Syntax(t.to_string()))?;
        let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
            .ok_or_else(|| WeekError::NoSuchWeek(t.to_string()))?;
        Ok(IsoWeek { monday })
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-W{:02}", self.year(), self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_iso_weeks_of_the_benchmarks() {
        assert_eq!(
            "2026-W50".parse::<IsoWeek>().unwrap().monday(),
            d(2026, 12, 7)
        );
        assert_eq!(
            "2026-W43".parse::<IsoWeek>().unwrap().monday(),
            d(2026, 10, 19)
        );
        assert_eq!(
            "2026w01".parse::<IsoWeek>().unwrap().monday(),
            d(2025, 12, 29)
        );
        assert_eq!(
            "2026-12-07".parse::<IsoWeek>().unwrap().to_string(),
            "2026-W50"
        );
    }

    #[test]
    fn rejects_bad_weeks() {
        assert!(matches!(
            "2026-W54".parse::<IsoWeek>(),
            Err(WeekError::NoSuchWeek(_))
        ));
        assert!(matches!(
            "2025-W53".parse::<IsoWeek>(),
            Err(WeekError::NoSuchWeek(_))
        ));
        assert!("2026-W5x".parse::<IsoWeek>().is_err());
        assert!("W50".parse::<IsoWeek>().is_err());
        assert!(matches!(
            "2026-12-08".parse::<IsoWeek>(),
            Err(WeekError::NotMonday(_))
        ));
        assert!("2020-W53".parse::<IsoWeek>().is_ok());
    }

    #[test]
    fn containing_goes_back_to_monday() {
        assert_eq!(
            IsoWeek::containing(d(2026, 12, 13)).monday(),
            d(2026, 12, 7)
        );
        assert_eq!(
            IsoWeek::containing(d(2026, 12, 7)).next_monday(),
            d(2026, 12, 14)
        );
    }
}
