//! DST and overseas-zone cases of availability materialisation.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}
fn wk(s: &str) -> IsoWeek {
    s.parse().unwrap()
}
fn range(weekday: u32, start: i64, end: i64) -> WeeklyRange {
    WeeklyRange {
        weekday,
        start_minute: start,
        end_minute: end,
        preferred: false,
    }
}

#[test]
fn autumn_week_sunday_night_range_lasts_seven_hours() {
    let tz = chrono_tz::Europe::Paris;
    let week = wk("2026-W43"); // Sunday 2026-10-25: clocks go back.
    let (ws, we) = week_bounds(tz, week);
    assert_eq!((we - ws).num_hours(), 169);
    let w = materialise(tz, week, &[range(6, 0, 360)], &[], &[]);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].start, utc("2026-10-25T00:00:00+02:00"));
    assert_eq!(w[0].end, utc("2026-10-25T06:00:00+01:00"));
    assert_eq!((w[0].end - w[0].start).num_hours(), 7);
}

#[test]
fn spring_week_range_in_the_gap_starts_after_it() {
    let tz = chrono_tz::Europe::Paris;
    let week = wk("2026-W13"); // Sunday 2026-03-29: clocks go forward.
    let (ws, we) = week_bounds(tz, week);
    assert_eq!((we - ws).num_hours(), 167);
    let w = materialise(tz, week, &[range(6, 150, 300), range(6, 0, 360)], &[], &[]);
    assert_eq!(w.len(), 2);
    assert_eq!(w[0].start, utc("2026-03-29T00:00:00+01:00"));
    assert_eq!((w[0].end - w[0].start).num_hours(), 5);
    assert_eq!(w[1].start, utc("2026-03-29T03:00:00+02:00"));
    assert_eq!(w[1].end, utc("2026-03-29T05:00:00+02:00"));
    // A range entirely inside the gap vanishes.
    assert!(materialise(tz, week, &[range(6, 130, 170)], &[], &[]).is_empty());
}

#[test]
fn same_pattern_keeps_local_times_across_the_change() {
    let tz = chrono_tz::Europe::Paris;
    let p = [range(0, 9 * 60, 12 * 60)];
    let summer = materialise(tz, wk("2026-W43"), &p, &[], &[]);
    let winter = materialise(tz, wk("2026-W44"), &p, &[], &[]);
    assert_eq!(summer[0].start, utc("2026-10-19T09:00:00+02:00"));
    assert_eq!(winter[0].start, utc("2026-10-26T09:00:00+01:00"));
}

#[test]
fn reunion_night_runs_past_midnight_and_spills_into_next_week() {
    let tz = chrono_tz::Indian::Reunion;
    let week = wk("2026-W50");
    let night = [range(6, 22 * 60, 24 * 60 + 8 * 60)];
    let w = materialise(tz, week, &night, &[], &[]);
    // This week's Monday 00:00-08:00 (from last Sunday) and Sunday 22:00-24:00.
    assert_eq!(w.len(), 2);
    assert_eq!(w[0].start, utc("2026-12-07T00:00:00+04:00"));
    assert_eq!(w[0].end, utc("2026-12-07T08:00:00+04:00"));
    assert_eq!(w[1].start, utc("2026-12-13T22:00:00+04:00"));
    assert_eq!(w[1].end, utc("2026-12-14T00:00:00+04:00"));
}

#[test]
fn absences_cut_and_extras_add() {
    let tz = chrono_tz::Europe::Paris;
    let week = wk("2026-W50");
    let patterns = [
        range(1, 9 * 60, 17 * 60),
        WeeklyRange {
            preferred: true,
            ..range(3, 600, 720)
        },
    ];
    let absences = [Absence {
        start_date: d(2026, 12, 8),
        end_date: d(2026, 12, 8),
        start_minute: Some(12 * 60),
        end_minute: Some(14 * 60),
    }];
    let extras = [
        Extra::Local {
            start_date: d(2026, 12, 12),
            end_date: d(2026, 12, 13),
            start_minute: Some(600),
            end_minute: Some(660),
            preferred: false,
        },
        Extra::Exact {
            start: utc("2026-12-14T00:00:00+01:00"),
            end: utc("2026-12-14T02:00:00+01:00"),
            preferred: false,
        },
    ];
    let w = materialise(tz, week, &patterns, &absences, &extras);
    let got: Vec<_> = w.iter().map(|w| (w.start, w.end, w.preferred)).collect();
    assert_eq!(
        got,
        vec![
            (
                utc("2026-12-08T09:00:00+01:00"),
                utc("2026-12-08T12:00:00+01:00"),
                false
            ),
            (
                utc("2026-12-08T14:00:00+01:00"),
                utc("2026-12-08T17:00:00+01:00"),
                false
            ),
            (
                utc("2026-12-10T10:00:00+01:00"),
                utc("2026-12-10T12:00:00+01:00"),
                true
            ),
            (
                utc("2026-12-12T10:00:00+01:00"),
                utc("2026-12-12T11:00:00+01:00"),
                false
            ),
            (
                utc("2026-12-13T10:00:00+01:00"),
                utc("2026-12-13T11:00:00+01:00"),
                false
            ),
        ]
    );
}

#[test]
fn whole_day_absence_removes_the_day() {
    let tz = chrono_tz::Europe::Paris;
    let week = wk("2026-W43");
    let absences = [Absence {
        start_date: d(2026, 10, 25),
        end_date: d(2026, 10, 25),
        start_minute: None,
        end_minute: None,
    }];
    let w = materialise(
        tz,
        week,
        &[range(6, 0, 1440), range(5, 600, 700)],
        &absences,
        &[],
    );
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].start, utc("2026-10-24T10:00:00+02:00"));
}
