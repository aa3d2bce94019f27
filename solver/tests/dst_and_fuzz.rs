//! DST weeks (167 and 169 hours), a non-Paris zone, expiry slots, and a
//! property test: random mutations of valid scenarios never panic the parser
//! and every error names a non-empty path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use proptest::prelude::*;
use serde_json::{json, Value};
use solver::parse_scenario;
use support::{check_py, generate, instance};

#[test]
fn dst_weeks_have_167_and_169_hours_and_match_check_py() {
    for (args, hours, zone) in [
        (
            &["--preset", "tiny", "--seed", "2", "--dst", "spring"][..],
            167,
            "Europe/Paris",
        ),
        (
            &["--preset", "tiny", "--seed", "2", "--dst", "autumn"][..],
            169,
            "Europe/Paris",
        ),
        (
            &["--preset", "tiny", "--seed", "2", "--tz", "Indian/Reunion"][..],
            168,
            "Indian/Reunion",
        ),
        (
            &[
                "--preset",
                "tiny",
                "--seed",
                "3",
                "--dst",
                "autumn",
                "--slot-minutes",
                "15",
            ][..],
            169,
            "Europe/Paris",
        ),
        (
            &[
                "--preset",
                "tiny",
                "--seed",
                "4",
                "--tz",
                "America/New_York",
                "--week-start",
                "2026-03-02",
            ][..],
            167,
            "America/New_York",
        ),
    ] {
        let bytes = generate(args);
        let p = parse_scenario(&bytes).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        assert_eq!(p.timezone.name(), zone);
        assert_eq!(p.week_minutes(), hours * 60, "{args:?}");
        // Expiry slots: first slot whose local date is after valid_until.
        for v in &p.volunteers {
            for q in &v.qualifications {
                let k = q.valid_until_slot;
                if let Some(d) = q.valid_until {
                    assert!((0..k).all(|s| p.slot_date(s) <= d));
                    assert!(k == p.n_slots || p.slot_date(k) > d);
                } else {
                    assert_eq!(k, p.n_slots);
                }
            }
        }
        // check.py reads the same week, and our writer's output too.
        let name = format!(
            "dst-{}-{}.json",
            std::process::id(),
            args.join("_").replace('/', "-")
        );
        let f = std::env::temp_dir().join(name);
        std::fs::write(&f, solver::scenario_json::scenario_json(&p)).unwrap();
        let (code, out) = check_py(&["--required", f.to_str().unwrap()]);
        assert_eq!(code, 0, "{out}");
        assert_eq!(parse_scenario(&std::fs::read(&f).unwrap()).unwrap(), p);
    }
}

#[test]
fn spring_week_slots_skip_the_missing_hour() {
    let p = parse_scenario(&generate(&[
        "--preset", "tiny", "--seed", "2", "--dst", "spring",
    ]))
    .unwrap();
    // Sunday 2026-03-29 02:00 does not exist in Paris: 01:00+01:00 is followed by 03:00+02:00.
    let k = (0..p.n_slots)
        .find(|&k| p.format_slot(k) == "2026-03-29T01:00:00+01:00")
        .unwrap();
    assert_eq!(p.format_slot(k + 1), "2026-03-29T03:00:00+02:00");
    assert_eq!(p.format_slot(p.n_slots), "2026-03-30T00:00:00+02:00");
}

#[test]
fn edge_presets_parse() {
    for edge in [
        "no-availability",
        "zero-demand",
        "all-expired",
        "trainee-no-mentor",
        "locked-ok",
    ] {
        let p = parse_scenario(&generate(&[
            "--preset", "tiny", "--seed", "1", "--edge", edge,
        ]));
        assert!(p.is_ok(), "{edge}: {}", p.unwrap_err());
    }
}

/// A value of a random JSON type (some of them plausible but out of range).
fn junk() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|x| serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)),
        Just(json!(u64::MAX)),
        Just(json!(-0.0)),
        Just(json!(1e300)),
        "[a-zA-Z0-9:+\\-T. ]{0,30}".prop_map(Value::from),
        Just(json!("2026-12-07T09:00:00+01:00")),
        Just(json!("2026-12-07")),
        Just(json!([])),
        Just(json!({})),
        Just(json!([[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]])),
    ]
}

/// Replaces, deletes or re-types the value at a random position.
fn mutate(v: &mut Value, mut pick: u64, replacement: &Value, delete: bool) -> bool {
    match v {
        Value::Object(m) if !m.is_empty() => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let k = &keys[(pick % keys.len() as u64) as usize];
            pick /= keys.len() as u64;
            if pick % 3 == 0 {
                if delete {
                    m.remove(k);
                } else {
                    m.insert(k.clone(), replacement.clone());
                }
                return true;
            }
            mutate(m.get_mut(k).unwrap(), pick / 3, replacement, delete)
        }
        Value::Array(a) if !a.is_empty() => {
            let i = (pick % a.len() as u64) as usize;
            pick /= a.len() as u64;
            if pick % 3 == 0 {
                if delete {
                    a.remove(i);
                } else {
                    a[i] = replacement.clone();
                }
                return true;
            }
            mutate(&mut a[i], pick / 3, replacement, delete)
        }
        _ => {
            *v = replacement.clone();
            true
        }
    }
}

fn base(i: usize) -> Value {
    let files = ["tiny.json", "alma-sessions.json"];
    serde_json::from_slice(&std::fs::read(instance(files[i % files.len()])).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn random_mutations_never_panic_and_errors_name_a_path(
        which in 0usize..2,
        edits in proptest::collection::vec((any::<u64>(), junk(), any::<bool>()), 1..4),
    ) {
        let mut d = base(which);
        for (pick, rep, del) in &edits {
            mutate(&mut d, *pick, rep, *del);
        }
        let bytes = serde_json::to_vec(&d).unwrap();
        if let Err(errs) = parse_scenario(&bytes) {
            prop_assert!(!errs.errors.is_empty());
            for e in &errs.errors {
                prop_assert!(!e.path.is_empty() && !e.message.is_empty(), "{e:?}");
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = parse_scenario(&bytes);
    }
}
