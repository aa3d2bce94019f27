//! Tests of the candidates on a week of one-minute slots.

use super::*;

/// One-minute slots, every instant on the hour: two volunteers, one
/// demand of four hours.
pub(crate) fn one_minute_week() -> Problem {
    let json = r#"{"format":"rota-scenario/1","name":"one-minute","timezone":"Europe/Paris",
      "week_start":"2026-12-07","slot_minutes":1,
      "rules":{"min_shift_minutes":60,"max_shift_minutes":180,"min_rest_minutes":600,
               "trainee_requires_mentor":true},
      "skills":[{"code":"ecoute","name":"Écoute"}],
      "centres":[{"id":"C1","name":"Centre 1"}],
      "demand":[{"centre":"C1","skill":"ecoute","start":"2026-12-07T09:00:00+01:00",
                 "end":"2026-12-07T13:00:00+01:00","required":1}],
      "volunteers":[
        {"id":"v1","name":"V 1","centres":["C1"],
         "qualifications":[{"skill":"ecoute","valid_until":null}],
         "availability":[{"start":"2026-12-07T08:00:00+01:00","end":"2026-12-07T14:00:00+01:00"}]},
        {"id":"v2","name":"V 2","centres":["C1"],
         "qualifications":[{"skill":"ecoute","valid_until":null}],
         "availability":[{"start":"2026-12-07T10:00:00+01:00","end":"2026-12-07T12:00:00+01:00"}]}],
      "locked_shifts":[]}"#;
    crate::parse_scenario(json.as_bytes()).expect("valid scenario")
}

#[test]
fn too_many_candidates_are_drawn_on_the_inputs_own_grid() {
    let p = one_minute_week();
    let (all, step) = build_capped(&p, usize::MAX).unwrap();
    assert_eq!(step, 1);
    // The free ranges of 60..=180 one-minute slots inside the windows
    // (v1: 360 slots, v2: 120) that meet the demand of 09:00-13:00 and
    // are not dominated: 16,650.
    assert!(all.len() > 10_000, "{}", all.len());
    let (few, step) = build_capped(&p, 1_000).unwrap();
    assert_eq!(step, 60, "every instant lies on the hour");
    assert!(!few.is_empty() && few.len() <= 1_000, "{}", few.len());
    let full: HashSet<Shift> = all.iter().map(|c| c.shift).collect();
    for c in &few {
        let r = c.shift.range;
        assert!(full.contains(&c.shift), "{r:?} is not a candidate");
        assert_eq!((r.start % 60, r.end % 60), (0, 0), "{r:?} off the hour");
    }
    // Monday 09:00-12:00 (slots 540..720), a three-hour shift of v1.
    assert!(few
        .iter()
        .any(|c| c.shift.volunteer == 0 && (c.shift.range.start, c.shift.range.end) == (540, 720)));
}
