//! Explanations of uncovered slots on hand-built weeks where every reason is
//! known by construction.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{NaiveDate, TimeZone};
use solver::explain::{describe_en, describe_fr, explain_uncovered, Reasons};
use solver::problem::*;

const MON: u32 = 0;
const TUE: u32 = 24;

fn r(start: u32, end: u32) -> SlotRange {
    SlotRange { start, end }
}

/// Paris week of 2026-12-07, hourly slots, shifts 2–4 h, 11 h rest; two
/// centres, one skill; demand of `required` at C1 on Tuesday 14–16.
fn week(required: u32) -> Problem {
    let tz: chrono_tz::Tz = chrono_tz::Europe::Paris;
    let week_start = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let start_utc = tz
        .from_local_datetime(&week_start.and_hms_opt(0, 0, 0).unwrap())
        .earliest()
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut p = Problem {
        name: "explain".into(),
        timezone: tz,
        week_start,
        start_utc,
        slot_minutes: 60,
        n_slots: 168,
        service_level: None,
        rules: Rules {
            min_shift_minutes: 120,
            max_shift_minutes: 240,
            min_rest_minutes: 660,
            trainee_requires_mentor: true,
        },
        skills: vec![Skill {
            code: "ecoute".into(),
            name: "Écoute".into(),
        }],
        centres: vec![
            Centre {
                id: "C1".into(),
                name: "ALMA Hautes-Alpes".into(),
                templates: vec![],
            },
            Centre {
                id: "C2".into(),
                name: "ALMA Drôme".into(),
                templates: vec![],
            },
        ],
        demand: vec![DemandEntry {
            centre: 0,
            skill: 0,
            range: r(TUE + 14, TUE + 16),
            calls_per_hour: None,
            aht_minutes: None,
            required,
            computed: false,
        }],
        volunteers: vec![],
        locked_shifts: vec![],
        requirements: Default::default(),
    };
    p.rebuild_requirements();
    p
}

fn vol(centres: Vec<CentreIx>, avail: Vec<SlotRange>) -> Volunteer {
    Volunteer {
        id: "v".into(),
        name: "V".into(),
        centres,
        qualifications: vec![Qualification {
            skill: 0,
            valid_until: None,
            valid_until_slot: 168,
        }],
        trainee_for: vec![],
        training_minutes_target: 0,
        max_minutes: None,
        max_shifts: None,
        availability: avail
            .into_iter()
            .map(|range| Window {
                range,
                preferred: false,
            })
            .collect(),
    }
}

fn staff(volunteer: VolunteerIx, centre: CentreIx, range: SlotRange) -> Shift {
    Shift {
        volunteer,
        centre,
        skill: 0,
        role: Role::Staff,
        range,
    }
}

#[test]
fn each_volunteer_falls_under_the_reason_built_for_it() {
    let mut p = week(2);
    p.rules.min_shift_minutes = 180;
    let all_tue = r(TUE, TUE + 24);
    // 0: unavailable on Tuesday afternoon.
    p.volunteers.push(vol(vec![0], vec![r(MON + 8, MON + 12)]));
    // 1: one shift allowed, already used on Monday.
    let mut v = vol(vec![0], vec![r(MON + 8, MON + 12), all_tue]);
    v.max_shifts = Some(1);
    p.volunteers.push(v);
    // 2: on duty at the other centre at that time.
    p.volunteers.push(vol(vec![0, 1], vec![all_tue]));
    // 3: a shift ending at 10:00 the same day: 11 h rest not reached by 14:00.
    p.volunteers.push(vol(vec![0], vec![all_tue]));
    // 4: available 14–16 only: shorter than the 3-hour minimum.
    p.volunteers.push(vol(vec![0], vec![r(TUE + 14, TUE + 16)]));
    // 5: trainee, not qualified, available.
    let mut v = vol(vec![0], vec![all_tue]);
    v.qualifications.clear();
    v.trainee_for = vec![0];
    p.volunteers.push(v);
    // 6: qualification expired on Monday: not counted.
    let mut v = vol(vec![0], vec![all_tue]);
    v.qualifications[0].valid_until = NaiveDate::from_ymd_opt(2026, 12, 7);
    v.qualifications[0].valid_until_slot = TUE;
    p.volunteers.push(v);
    // 7: attached to the other centre only: not counted.
    p.volunteers.push(vol(vec![1], vec![all_tue]));
    // 8: on duty here.
    p.volunteers.push(vol(vec![0], vec![all_tue]));
    // 9: 180 of 240 minutes used: a 3-hour shift no longer fits.
    let mut v = vol(vec![0], vec![r(MON + 8, MON + 12), all_tue]);
    v.max_minutes = Some(240);
    p.volunteers.push(v);

    let shifts = vec![
        staff(1, 0, r(MON + 8, MON + 10)),
        staff(2, 1, r(TUE + 13, TUE + 17)),
        staff(3, 0, r(TUE + 7, TUE + 10)),
        staff(8, 0, r(TUE + 14, TUE + 16)),
        staff(9, 0, r(MON + 8, MON + 11)),
    ];
    let u = explain_uncovered(&p, &shifts);
    assert_eq!(u.len(), 1, "{u:#?}");
    let u = &u[0];
    assert_eq!(
        (u.centre.as_str(), u.skill.as_str(), u.missing, u.minutes),
        ("C1", "ecoute", 1, 120)
    );
    assert_eq!(u.start, "2026-12-08T14:00:00+01:00");
    assert_eq!(u.end, "2026-12-08T16:00:00+01:00");
    assert_eq!(
        u.reasons,
        Reasons {
            qualified: 7,
            on_duty_here: 1,
            unavailable: 1,
            at_limit: 2,
            on_duty_elsewhere: 1,
            rest: 1,
            no_fitting_shift: 1,
            could_serve: 0,
            trainees: 1,
        }
    );
    assert_eq!(
        describe_fr(u, &p),
        "mardi 8 décembre 14 h–16 h, ALMA Hautes-Alpes : il manque 1 bénévole « Écoute » — \
         7 qualifiés, 1 déjà d'astreinte ici, 1 indisponible, 2 au maximum de leurs heures, \
         1 déjà d'astreinte ailleurs, 1 bloqué par le repos minimal, \
         1 sans créneau possible assez long, 1 stagiaire disponible (il faut un tuteur)"
    );
    assert_eq!(
        describe_en(u, &p),
        "Tuesday 8 December 14:00–16:00, ALMA Hautes-Alpes: 1 \"Écoute\" volunteer missing — \
         7 qualified, 1 already on duty here, 1 unavailable, 2 at their weekly limit, \
         1 on duty elsewhere, 1 blocked by minimum rest, 1 with no long enough shift possible, \
         1 trainee available (needing a mentor)"
    );
    let json = serde_json::to_value(u).unwrap();
    assert_eq!(json["centre"], "C1");
    assert_eq!(json["qualified"], 7);
    assert_eq!(json["at_limit"], 2);
    assert!(json.get("no_template").is_none());
}

#[test]
fn nobody_qualified_reads_zero_qualifie_in_the_singular() {
    let p = week(2);
    let u = explain_uncovered(&p, &[]);
    assert_eq!(u.len(), 1);
    assert_eq!((u[0].missing, u[0].minutes), (2, 240));
    assert_eq!(
        describe_fr(&u[0], &p),
        "mardi 8 décembre 14 h–16 h, ALMA Hautes-Alpes : il manque 2 bénévoles « Écoute » — 0 qualifié"
    );
}

#[test]
fn a_free_volunteer_left_out_is_reported_as_could_serve() {
    let mut p = week(1);
    p.volunteers.push(vol(vec![0], vec![r(TUE + 12, TUE + 18)]));
    let u = explain_uncovered(&p, &[]);
    assert_eq!(u[0].reasons.could_serve, 1);
    assert_eq!(u[0].reasons.qualified, 1);
}

#[test]
fn runs_split_where_the_shortfall_or_the_reasons_change() {
    let mut p = week(1);
    p.demand[0].range = r(TUE + 12, TUE + 18);
    p.demand.push(DemandEntry {
        range: r(TUE + 12, TUE + 14),
        required: 1,
        ..p.demand[0].clone()
    });
    p.rebuild_requirements();
    // Available 15–18: unavailable for 12–15, could serve 15–18.
    p.volunteers.push(vol(vec![0], vec![r(TUE + 15, TUE + 18)]));
    let u = explain_uncovered(&p, &[]);
    let got: Vec<_> = u
        .iter()
        .map(|u| {
            (
                u.range.start - TUE,
                u.range.end - TUE,
                u.missing,
                u.reasons.unavailable,
            )
        })
        .collect();
    assert_eq!(got, vec![(12, 14, 2, 1), (14, 15, 1, 1), (15, 18, 1, 0)]);
    let total: u64 = u.iter().map(|u| u.minutes).sum();
    assert_eq!(total, 2 * 120 + 60 + 180);
}

#[test]
fn template_centres_need_a_whole_session_inside_the_free_time() {
    let mut p = week(1);
    p.centres[0].templates = vec![r(TUE + 13, TUE + 16), r(TUE + 14, TUE + 18)];
    // 0: available 13–16: the first session fits.
    p.volunteers.push(vol(vec![0], vec![r(TUE + 13, TUE + 16)]));
    // 1: available 14–17: neither session fits.
    p.volunteers.push(vol(vec![0], vec![r(TUE + 14, TUE + 17)]));
    // 2: 60 minutes left: even the 3-hour session is too long.
    let mut v = vol(vec![0], vec![r(TUE, TUE + 24)]);
    v.max_minutes = Some(60);
    p.volunteers.push(v);
    let u = explain_uncovered(&p, &[]);
    assert_eq!(u.len(), 1);
    let r0 = u[0].reasons;
    assert_eq!(
        (r0.could_serve, r0.no_fitting_shift, r0.at_limit),
        (1, 1, 1)
    );
    assert!(!u[0].no_template);
}

#[test]
fn slots_no_session_covers_are_flagged() {
    let mut p = week(1);
    p.centres[0].templates = vec![r(TUE + 8, TUE + 12)];
    p.volunteers.push(vol(vec![0], vec![r(TUE, TUE + 24)]));
    let u = explain_uncovered(&p, &[]);
    assert!(u[0].no_template);
    assert_eq!(u[0].reasons.no_fitting_shift, 1);
    assert!(describe_fr(&u[0], &p).ends_with("(aucune session prévue à cette heure)"));
    assert_eq!(serde_json::to_value(&u[0]).unwrap()["no_template"], true);
}

#[test]
fn a_run_to_midnight_ends_at_24_h_and_a_longer_one_names_both_days() {
    let mut p = week(1);
    p.demand[0].range = r(TUE + 22, TUE + 24);
    p.rebuild_requirements();
    let u = explain_uncovered(&p, &[]);
    assert!(describe_fr(&u[0], &p).starts_with("mardi 8 décembre 22 h–24 h,"));
    assert!(describe_en(&u[0], &p).starts_with("Tuesday 8 December 22:00–24:00,"));
    p.demand[0].range = r(TUE + 22, TUE + 26);
    p.rebuild_requirements();
    let u = explain_uncovered(&p, &[]);
    assert!(describe_fr(&u[0], &p).starts_with("mardi 8 décembre 22 h – mercredi 9 décembre 2 h,"));
}

#[test]
fn instants_use_the_local_offset_of_each_end() {
    // Autumn change: Paris week of 2026-10-19 has 169 hours; 02:00 on
    // Sunday 25 October happens twice.
    let mut p = week(1);
    let tz = p.timezone;
    p.week_start = NaiveDate::from_ymd_opt(2026, 10, 19).unwrap();
    p.start_utc = tz
        .from_local_datetime(&p.week_start.and_hms_opt(0, 0, 0).unwrap())
        .earliest()
        .unwrap()
        .with_timezone(&chrono::Utc);
    p.n_slots = 169;
    let sun = 6 * 24;
    p.demand[0].range = r(sun + 1, sun + 4);
    p.rebuild_requirements();
    let u = explain_uncovered(&p, &[]);
    assert_eq!(u[0].start, "2026-10-25T01:00:00+02:00");
    assert_eq!(u[0].end, "2026-10-25T03:00:00+01:00");
    assert!(describe_fr(&u[0], &p).starts_with("dimanche 25 octobre 1 h–3 h,"));
}
