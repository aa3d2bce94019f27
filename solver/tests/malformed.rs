//! Every malformed case of FORMAT.md, one mutation of tiny.json each: the
//! parser rejects it with an error at the right JSON path, and `check.py`
//! rejects it too (exit 2). Mutations `check.py` accepts are accepted.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::{json, Value};
use solver::parse_scenario;
use support::{check_py, instance};

type Mutation = fn(&mut Value);

fn tiny() -> Value {
    serde_json::from_slice(&std::fs::read(instance("tiny.json")).unwrap()).unwrap()
}

fn no_required(d: &mut Value) {
    for e in d["demand"].as_array_mut().unwrap() {
        e.as_object_mut().unwrap().remove("required");
    }
}

fn template(d: &mut Value) {
    d["shift_templates"] = json!([
        {"centre": "C44", "start": "2026-12-07T09:00:00+01:00", "end": "2026-12-07T12:00:00+01:00"}
    ]);
}

const REJECTED: &[(&str, Mutation)] = &[
    ("$", |d| *d = json!([1, 2])),
    ("format", |d| d["format"] = json!("rota-scenario/2")),
    ("format", |d| {
        d.as_object_mut().unwrap().remove("format");
    }),
    ("timezone", |d| d["timezone"] = json!("Europe/Pari")),
    ("timezone", |d| d["timezone"] = json!(1)),
    ("week_start", |d| d["week_start"] = json!("2026-12-08")),
    ("week_start", |d| d["week_start"] = json!("2026-02-30")),
    ("week_start", |d| d["week_start"] = json!("07/12/2026")),
    ("slot_minutes", |d| d["slot_minutes"] = json!(0)),
    ("slot_minutes", |d| d["slot_minutes"] = json!(11)),
    ("slot_minutes", |d| d["slot_minutes"] = json!(60.0)),
    ("slot_minutes", |d| d["slot_minutes"] = json!(1441)),
    ("slot_minutes", |d| d["slot_minutes"] = json!(true)),
    ("rules", |d| d["rules"] = json!(null)),
    ("rules.min_shift_minutes", |d| {
        d["rules"]["min_shift_minutes"] = json!(-1)
    }),
    ("rules.max_shift_minutes", |d| {
        d["rules"]["max_shift_minutes"] = json!(10081)
    }),
    ("rules.min_rest_minutes", |d| {
        d["rules"]["min_rest_minutes"] = json!("660")
    }),
    ("rules.min_rest_minutes", |d| {
        d["rules"]["min_rest_minutes"] = json!(1e300)
    }),
    ("rules.min_shift_minutes", |d| {
        d["rules"]["min_shift_minutes"] = json!(300)
    }),
    ("rules.trainee_requires_mentor", |d| {
        d["rules"]["trainee_requires_mentor"] = json!("yes")
    }),
    ("skills", |d| d["skills"] = json!({})),
    ("skills[2].code", |d| {
        d["skills"]
            .as_array_mut()
            .unwrap()
            .push(json!({"code": "ecoute"}))
    }),
    ("skills[0].code", |d| d["skills"][0]["code"] = json!("")),
    ("centres[1].id", |d| {
        d["centres"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "C44"}))
    }),
    ("volunteers[1].id", |d| {
        d["volunteers"][1]["id"] = json!("v00001")
    }),
    ("volunteers[0].id", |d| d["volunteers"][0]["id"] = json!(7)),
    ("volunteers", |d| {
        d.as_object_mut().unwrap().remove("volunteers");
    }),
    ("demand", |d| d["demand"] = json!("none")),
    ("demand[0].centre", |d| {
        d["demand"][0]["centre"] = json!("C99")
    }),
    ("demand[0].skill", |d| {
        d["demand"][0]["skill"] = json!("cuisine")
    }),
    ("volunteers[0].centres[0]", |d| {
        d["volunteers"][0]["centres"] = json!(["C99"])
    }),
    ("volunteers[0].centres", |d| {
        d["volunteers"][0]["centres"] = json!("C44")
    }),
    ("volunteers[0].qualifications[0].skill", |d| {
        d["volunteers"][0]["qualifications"][0]["skill"] = json!("x")
    }),
    ("volunteers[0].trainee_for[0]", |d| {
        d["volunteers"][0]["trainee_for"] = json!(["x"])
    }),
    ("volunteers[0].trainee_for", |d| {
        d["volunteers"][0]["trainee_for"] = json!("ecoute")
    }),
    ("locked_shifts[0].volunteer", |d| {
        d["locked_shifts"][0]["volunteer"] = json!("v99999")
    }),
    ("locked_shifts[0].centre", |d| {
        d["locked_shifts"][0]["centre"] = json!("C99")
    }),
    ("locked_shifts[0].skill", |d| {
        d["locked_shifts"][0]["skill"] = json!("x")
    }),
    ("locked_shifts[0].role", |d| {
        d["locked_shifts"][0]["role"] = json!("boss")
    }),
    ("locked_shifts[0].start", |d| {
        d["locked_shifts"][0]["start"] = json!("2026-12-07T18:00:00")
    }),
    ("locked_shifts", |d| d["locked_shifts"] = json!({})),
    ("demand[0].start", |d| {
        d["demand"][0]["start"] = json!("2026-12-07T10:00:00")
    }),
    ("demand[0].start", |d| {
        d["demand"][0]["start"] = json!("2026-12-07T10:30:00+01:00")
    }),
    ("demand[0].start", |d| {
        d["demand"][0]["start"] = json!("2026-12-07T10:00:00.5+01:00")
    }),
    ("demand[0].start", |d| {
        d["demand"][0]["start"] = json!(1_796_634_000)
    }),
    ("demand[0].end", |d| d["demand"][0]["end"] = json!(null)),
    ("demand[0].end", |d| {
        d["demand"][0]["end"] = d["demand"][0]["start"].clone()
    }),
    ("demand[0].start", |d| {
        d["demand"][0]["start"] = json!("2026-12-06T10:00:00+01:00")
    }),
    ("demand[0]", |d| d["demand"][0] = json!(3)),
    ("volunteers[0].availability[0].end", |d| {
        d["volunteers"][0]["availability"][0]["end"] = json!("2026-12-14T02:00:00+01:00")
    }),
    ("volunteers[0].availability[0].end", |d| {
        d["volunteers"][0]["availability"][0]["end"] = json!("2026-12-08T15:00:00+01:00")
    }),
    ("volunteers[0].availability", |d| {
        d["volunteers"][0]["availability"] = json!({})
    }),
    ("demand[0].required", |d| {
        d["demand"][0]["required"] = json!(10001)
    }),
    ("demand[0].required", |d| {
        d["demand"][0]["required"] = json!(1.5)
    }),
    ("demand[0].required", |d| {
        d["demand"][0]["required"] = json!(2.0)
    }),
    ("demand[0].required", |d| {
        d["demand"][0]["required"] = json!(-1)
    }),
    ("demand[0].required", |d| {
        d["demand"][0]["required"] = json!("2")
    }),
    ("demand[0].calls_per_hour", |d| {
        no_required(d);
        d["demand"][0]["calls_per_hour"] = json!(100_001)
    }),
    ("demand[0].calls_per_hour", |d| {
        no_required(d);
        d["demand"][0]["calls_per_hour"] = json!(-0.5)
    }),
    ("demand[0].calls_per_hour", |d| {
        no_required(d);
        d["demand"][0]["calls_per_hour"] = json!(true)
    }),
    ("demand[0].aht_minutes", |d| {
        no_required(d);
        d["demand"][0]["aht_minutes"] = json!(0)
    }),
    ("demand[0].aht_minutes", |d| {
        no_required(d);
        d["demand"][0]["aht_minutes"] = json!(1440.5)
    }),
    ("demand[0].required", |d| {
        no_required(d);
        d.as_object_mut().unwrap().remove("service_level");
    }),
    ("service_level.target", |d| {
        d["service_level"]["target"] = json!(1)
    }),
    ("service_level.target", |d| {
        d["service_level"]["target"] = json!(0)
    }),
    ("service_level.answer_within_seconds", |d| {
        d["service_level"]["answer_within_seconds"] = json!(-1)
    }),
    ("service_level", |d| d["service_level"] = json!([0.8, 60])),
    ("demand[0].required", |d| {
        no_required(d);
        d["demand"][0]["calls_per_hour"] = json!(100_000);
        d["demand"][0]["aht_minutes"] = json!(1440);
    }),
    ("volunteers[0].training_minutes_target", |d| {
        d["volunteers"][0]["training_minutes_target"] = json!(10081)
    }),
    ("volunteers[0].max_minutes", |d| {
        d["volunteers"][0]["max_minutes"] = json!(-5)
    }),
    ("volunteers[0].max_shifts", |d| {
        d["volunteers"][0]["max_shifts"] = json!(1.5)
    }),
    ("volunteers[0].qualifications[0].valid_until", |d| {
        d["volunteers"][0]["qualifications"][0]["valid_until"] = json!("2027-02-30")
    }),
    ("volunteers[0].qualifications[0].valid_until", |d| {
        d["volunteers"][0]["qualifications"][0]["valid_until"] = json!(5)
    }),
    ("volunteers[0].qualifications", |d| {
        d["volunteers"][0]["qualifications"] = json!("ecoute")
    }),
    ("volunteers[0].availability[0].preferred", |d| {
        d["volunteers"][0]["availability"][0]["preferred"] = json!("yes")
    }),
    ("shift_templates", |d| d["shift_templates"] = json!({})),
    ("shift_templates[0]", |d| {
        d["shift_templates"] = json!(["C44"])
    }),
    ("shift_templates[0].centre", |d| {
        template(d);
        d["shift_templates"][0]["centre"] = json!("C99")
    }),
    ("shift_templates[0].start", |d| {
        template(d);
        d["shift_templates"][0]["start"] = json!("2026-12-07T09:15:00+01:00")
    }),
    ("shift_templates[0].end", |d| {
        template(d);
        d["shift_templates"][0]["end"] = json!("2026-12-07T08:00:00+01:00")
    }),
    ("shift_templates[0].end", |d| {
        template(d);
        d["shift_templates"][0]["end"] = json!("2026-12-14T01:00:00+01:00")
    }),
    ("shift_templates[1]", |d| {
        template(d);
        let t = d["shift_templates"][0].clone();
        d["shift_templates"].as_array_mut().unwrap().push(t);
    }),
];

/// Mutations that FORMAT.md and check.py accept.
const ACCEPTED: &[Mutation] = &[
    |d| d["unknown_key"] = json!({"nested": [1, 2, {"x": null}]}),
    |d| d["shift_templates"] = json!(null),
    |d| d["shift_templates"] = json!([]),
    |d| d["locked_shifts"] = json!(null),
    |d| d["demand"][0]["required"] = json!(null),
    |d| no_required(d),
    |d| d["demand"][0]["required"] = json!(10000),
    |d| d["volunteers"][0]["availability"][0]["preferred"] = json!(null),
    |d| d["volunteers"][0]["qualifications"] = json!(null),
    |d| d["volunteers"][0]["max_minutes"] = json!(null),
    |d| d["volunteers"][0]["availability"][0]["start"] = json!("2026-12-08t15:00:00z"),
    |d| d["volunteers"][0]["availability"][0]["start"] = json!("2026-12-08 16:00:00.000+01:00"),
    |d| d["volunteers"][0]["centres"] = json!([]),
    |d| d["name"] = json!(42),
    |d| template(d),
    |d| {
        // Duplicated qualification: the latest date wins, null beats a date.
        let q = json!({"skill": "ecoute", "valid_until": null});
        d["volunteers"][0]["qualifications"]
            .as_array_mut()
            .unwrap()
            .push(q);
    },
];

fn write(d: &Value, name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("solver-malformed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join(name);
    std::fs::write(&f, serde_json::to_vec(d).unwrap()).unwrap();
    f
}

#[test]
fn every_malformed_case_is_rejected_at_its_path_like_check_py() {
    for (i, (path, mutate)) in REJECTED.iter().enumerate() {
        let mut d = tiny();
        mutate(&mut d);
        let bytes = serde_json::to_vec(&d).unwrap();
        let errs = parse_scenario(&bytes).expect_err(path);
        assert!(
            errs.errors.iter().any(|e| e.path == *path),
            "case {i}: want {path}, got:\n{errs}"
        );
        let f = write(&d, &format!("case{i}.json"));
        let (code, out) = check_py(&["--required", f.to_str().unwrap()]);
        assert_eq!(code, 2, "case {i} ({path}): check.py accepted it: {out}");
    }
}

#[test]
fn what_check_py_accepts_is_accepted() {
    for (i, mutate) in ACCEPTED.iter().enumerate() {
        let mut d = tiny();
        mutate(&mut d);
        let p = parse_scenario(&serde_json::to_vec(&d).unwrap());
        assert!(p.is_ok(), "case {i}: {}", p.unwrap_err());
        let f = write(&d, &format!("ok{i}.json"));
        let (code, out) = check_py(&["--required", f.to_str().unwrap()]);
        assert_eq!(code, 0, "case {i}: {out}");
    }
}

#[test]
fn bytes_that_are_not_utf8_json_are_rejected_at_the_root() {
    for bytes in [
        &b"{"[..],
        b"",
        b"\xff\xfe{}",
        b"{\"format\": \"\xe9\"}",
        b"\xef\xbb\xbf{}",
        b"[]",
        b"null",
    ] {
        let e = parse_scenario(bytes).unwrap_err();
        assert_eq!(e.errors[0].path, "$", "{e}");
    }
}

#[test]
fn errors_are_collected_and_capped() {
    let mut d = tiny();
    for v in d["volunteers"].as_array_mut().unwrap() {
        v["max_minutes"] = json!(-1);
        v["max_shifts"] = json!(-1);
    }
    for e in d["demand"].as_array_mut().unwrap() {
        e["required"] = json!(-1);
    }
    let errs = parse_scenario(&serde_json::to_vec(&d).unwrap()).unwrap_err();
    // Plus the locked shift, whose volunteer is now invalid.
    let n = 12 * 2 + d["demand"].as_array().unwrap().len() + 1;
    assert_eq!(errs.total, n);
    assert_eq!(errs.errors.len(), n.min(solver::parse::MAX_ERRORS));
    assert!(errs
        .to_string()
        .contains("volunteers[11].max_shifts: must be an integer in 0..10080"));
}
