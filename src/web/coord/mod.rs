//! Coordinator pages (issue 4): centre dashboard, volunteer list with
//! filters and CSV export, volunteer record, CSV import, demand editor.
//! A coordinator sees their centres only; administrators see every centre.

pub mod availability_view;
pub mod csvexport;
pub mod csvfile;
pub mod dashboard;
pub mod demand;
pub mod demand_form;
pub mod import;
pub mod list;
pub mod planning;
pub mod replacements;
pub mod roster;
pub mod volunteer;
pub mod volunteer_form;

use chrono::{Duration, NaiveDate};

use super::error::WebError;
use super::state::AppState;
use crate::db::{settings, skills, DbConnection};
use crate::i18n::{Lang, Tr};

/// Today (UTC calendar date) and the last day of the planning horizon.
pub fn horizon(conn: &mut DbConnection) -> Result<(NaiveDate, NaiveDate), WebError> {
    let weeks = settings::get(conn)?.planning_horizon_weeks.clamp(1, 52);
    let today = chrono::Utc::now().date_naive();
    Ok((today, today + Duration::days(i64::from(weeks) * 7 - 1)))
}

/// "mardi 8 décembre 2026" / "Tuesday 8 December 2026" (shared helper).
pub fn long_date(t: Tr, d: NaiveDate) -> String {
    crate::domain::frdate::format_date(t.lang, d)
}

/// Weekday name, 0 = Monday.
pub fn weekday_name(t: Tr, weekday: i32) -> String {
    t.t(&format!("coord-weekday-{}", weekday.clamp(0, 6)))
}

/// A skill's name in the page language.
pub fn skill_name(t: Tr, s: &skills::Skill) -> String {
    match t.lang {
        Lang::Fr => s.name_fr.clone(),
        Lang::En => s.name_en.clone(),
    }
}

/// `HH:MM` of a local minute of day (past 24:00 wraps to the next day).
pub fn hhmm(minute: i32) -> String {
    let m = minute.rem_euclid(1440);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Every skill, loaded once per request.
pub async fn all_skills(state: &AppState) -> Result<Vec<skills::Skill>, WebError> {
    state.db(|conn| Ok(skills::list(conn)?)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_long_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap_or_default();
        assert_eq!(long_date(Tr::new(Lang::Fr), d), "mardi 8 décembre 2026");
        assert_eq!(long_date(Tr::new(Lang::En), d), "Tuesday 8 December 2026");
        assert_eq!(hhmm(1350), "22:30");
        assert_eq!(hhmm(1440 + 510), "08:30");
    }
}
