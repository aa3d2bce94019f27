//! Human dates and times for pages, French first: "mardi 8 décembre 2026",
//! "Tuesday 8 December 2026", 24-hour times "14:00", and minute ranges.

use chrono::{Datelike, NaiveDate};

use crate::i18n::Lang;

use solver::calendar_names::{MONTHS_EN, MONTHS_FR, WEEKDAYS_EN, WEEKDAYS_FR};

/// Name of weekday `index` (0 = Monday; taken modulo 7), lower-case in French.
pub fn weekday_name(lang: Lang, index: u32) -> &'static str {
    let i = (index % 7) as usize;
    match lang {
        Lang::Fr => WEEKDAYS_FR[i],
        Lang::En => WEEKDAYS_EN[i],
    }
}

/// "mardi 8 décembre 2026" (the 1st is "1er" in French).
pub fn format_date_fr(date: NaiveDate) -> String {
    let day = date.day();
    let d = if day == 1 {
        "1er".to_string()
    } else {
        day.to_string()
    };
    format!(
        "{} {d} {} {}",
        WEEKDAYS_FR[date.weekday().num_days_from_monday() as usize],
        MONTHS_FR[date.month0() as usize],
        date.year()
    )
}

/// "Tuesday 8 December 2026".
pub fn format_date_en(date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        WEEKDAYS_EN[date.weekday().num_days_from_monday() as usize],
        date.day(),
        MONTHS_EN[date.month0() as usize],
        date.year()
    )
}

/// The date in the page's language.
pub fn format_date(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::Fr => format_date_fr(date),
        Lang::En => format_date_en(date),
    }
}

/// "8 décembre" / "8 December" (no weekday, no year), for compact lists.
pub fn format_day_month(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::Fr if date.day() == 1 => format!("1er {}", MONTHS_FR[date.month0() as usize]),
        Lang::Fr => format!("{} {}", date.day(), MONTHS_FR[date.month0() as usize]),
        Lang::En => format!("{} {}", date.day(), MONTHS_EN[date.month0() as usize]),
    }
}

/// A minute of the day as a 24-hour time: 840 → "14:00", 1440 → "24:00";
/// minutes past 24:00 wrap to the next day's clock (1500 → "01:00").
pub fn format_minute(minute: i64) -> String {
    let m = if minute > 1440 {
        minute.rem_euclid(1440)
    } else {
        minute.max(0)
    };
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// "9 h – 10 h" style label for an hour cell (used in accessible names):
/// French "9 h – 10 h", English "9:00 – 10:00".
pub fn hour_range_label(lang: Lang, start_minute: i64, end_minute: i64) -> String {
    match lang {
        Lang::Fr => format!("{} – {}", fr_hour(start_minute), fr_hour(end_minute)),
        Lang::En => format!(
            "{} – {}",
            format_minute(start_minute),
            format_minute(end_minute)
        ),
    }
}

fn fr_hour(minute: i64) -> String {
    let (h, m) = (minute / 60, minute % 60);
    if m == 0 {
        format!("{h} h")
    } else {
        format!("{h} h {m:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn french_dates_read_naturally() {
        assert_eq!(format_date_fr(d(2026, 12, 8)), "mardi 8 décembre 2026");
        assert_eq!(format_date_fr(d(2026, 2, 1)), "dimanche 1er février 2026");
        assert_eq!(format_date_fr(d(2026, 8, 15)), "samedi 15 août 2026");
        assert_eq!(
            format_date(Lang::Fr, d(2026, 10, 26)),
            "lundi 26 octobre 2026"
        );
    }

    #[test]
    fn english_dates_read_naturally() {
        assert_eq!(format_date_en(d(2026, 12, 8)), "Tuesday 8 December 2026");
        assert_eq!(
            format_date(Lang::En, d(2026, 2, 1)),
            "Sunday 1 February 2026"
        );
        assert_eq!(format_day_month(Lang::En, d(2026, 2, 1)), "1 February");
        assert_eq!(format_day_month(Lang::Fr, d(2026, 2, 1)), "1er février");
    }

    #[test]
    fn times_use_the_24_hour_clock() {
        assert_eq!(format_minute(840), "14:00");
        assert_eq!(format_minute(0), "00:00");
        assert_eq!(format_minute(545), "09:05");
        assert_eq!(format_minute(1440), "24:00");
        assert_eq!(format_minute(1500), "01:00");
        assert_eq!(hour_range_label(Lang::Fr, 540, 600), "9 h – 10 h");
        assert_eq!(hour_range_label(Lang::Fr, 570, 600), "9 h 30 – 10 h");
        assert_eq!(hour_range_label(Lang::En, 540, 600), "09:00 – 10:00");
    }

    #[test]
    fn weekday_names_start_on_monday() {
        assert_eq!(weekday_name(Lang::Fr, 0), "lundi");
        assert_eq!(weekday_name(Lang::En, 6), "Sunday");
        assert_eq!(weekday_name(Lang::Fr, 7), "lundi");
    }
}
