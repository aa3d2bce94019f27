//! Every malformed case of FORMAT.md given to `astreinte import`: exit code 2,
//! an error naming the field, and the database unchanged.

use serde_json::{json, Value};

use crate::import_export::{astreinte, instance, ok, row_counts};
use crate::test_db::TestDb;

type Mutation = fn(&mut Value);

/// (what, mutation of tiny.json, text the error must contain)
fn cases() -> Vec<(&'static str, Mutation, &'static str)> {
    vec![
        (
            "format",
            |v| v["format"] = json!("rota-scenario/2"),
            "format",
        ),
        (
            "unknown zone",
            |v| v["timezone"] = json!("Europe/Atlantis"),
            "timezone",
        ),
        (
            "week not Monday",
            |v| v["week_start"] = json!("2026-12-08"),
            "week_start",
        ),
        ("slot 0", |v| v["slot_minutes"] = json!(0), "slot_minutes"),
        (
            "slot not dividing",
            |v| v["slot_minutes"] = json!(11),
            "slot_minutes",
        ),
        (
            "slot text",
            |v| v["slot_minutes"] = json!("60"),
            "slot_minutes",
        ),
        (
            "slot 1441",
            |v| v["slot_minutes"] = json!(1441),
            "slot_minutes",
        ),
        (
            "rest negative",
            |v| v["rules"]["min_rest_minutes"] = json!(-1),
            "min_rest_minutes",
        ),
        (
            "shift too long",
            |v| v["rules"]["max_shift_minutes"] = json!(10081),
            "max_shift_minutes",
        ),
        (
            "min above max",
            |v| v["rules"]["min_shift_minutes"] = json!(300),
            "min_shift_minutes",
        ),
        (
            "mentor flag",
            |v| v["rules"]["trainee_requires_mentor"] = json!("yes"),
            "trainee_requires_mentor",
        ),
        (
            "duplicate centre",
            |v| {
                let c = v["centres"][0].clone();
                v["centres"].as_array_mut().unwrap().push(c);
            },
            "centres[1]",
        ),
        (
            "duplicate skill",
            |v| {
                let s = v["skills"][0].clone();
                v["skills"].as_array_mut().unwrap().push(s);
            },
            "skills[2]",
        ),
        (
            "duplicate volunteer",
            |v| {
                let x = v["volunteers"][0].clone();
                v["volunteers"].as_array_mut().unwrap().push(x);
            },
            "volunteers[12]",
        ),
        (
            "unknown centre of volunteer",
            |v| v["volunteers"][0]["centres"] = json!(["C99"]),
            "volunteers[0].centres",
        ),
        (
            "unknown skill of qualification",
            |v| v["volunteers"][0]["qualifications"][0]["skill"] = json!("chant"),
            "volunteers[0].qualifications[0]",
        ),
        (
            "unknown volunteer of locked shift",
            |v| v["locked_shifts"][0]["volunteer"] = json!("v99999"),
            "locked_shifts[0]",
        ),
        (
            "unknown centre of demand",
            |v| v["demand"][0]["centre"] = json!("C99"),
            "demand[0]",
        ),
        (
            "instant without offset",
            |v| v["demand"][0]["start"] = json!("2026-12-07T10:00:00"),
            "demand[0].start",
        ),
        (
            "instant off grid",
            |v| v["volunteers"][0]["availability"][0]["start"] = json!("2026-12-08T16:30:00+01:00"),
            "volunteers[0].availability[0]",
        ),
        (
            "end before start",
            |v| v["demand"][0]["end"] = json!("2026-12-07T09:00:00+01:00"),
            "demand[0]",
        ),
        (
            "availability outside week",
            |v| v["volunteers"][0]["availability"][0]["end"] = json!("2026-12-14T20:00:00+01:00"),
            "volunteers[0].availability[0]",
        ),
        (
            "demand outside week",
            |v| v["demand"][0]["start"] = json!("2026-12-06T10:00:00+01:00"),
            "demand[0]",
        ),
        (
            "required too big",
            |v| v["demand"][0]["required"] = json!(10001),
            "demand[0].required",
        ),
        (
            "required fractional",
            |v| v["demand"][0]["required"] = json!(1.5),
            "demand[0].required",
        ),
        (
            "calls negative",
            |v| {
                v["demand"][0].as_object_mut().unwrap().remove("required");
                v["demand"][0]["calls_per_hour"] = json!(-1);
            },
            "demand[0].calls_per_hour",
        ),
        (
            "aht zero",
            |v| {
                v["demand"][0].as_object_mut().unwrap().remove("required");
                v["demand"][0]["aht_minutes"] = json!(0);
            },
            "demand[0].aht_minutes",
        ),
        (
            "no service level",
            |v| {
                v["demand"][0].as_object_mut().unwrap().remove("required");
                v.as_object_mut().unwrap().remove("service_level");
            },
            "service_level",
        ),
        (
            "service target 1",
            |v| {
                v["demand"][0].as_object_mut().unwrap().remove("required");
                v["service_level"]["target"] = json!(1.0);
            },
            "service_level",
        ),
        (
            "training target",
            |v| v["volunteers"][0]["training_minutes_target"] = json!(10081),
            "training_minutes_target",
        ),
        (
            "max minutes",
            |v| v["volunteers"][0]["max_minutes"] = json!("lots"),
            "max_minutes",
        ),
        (
            "max shifts",
            |v| v["volunteers"][0]["max_shifts"] = json!(-2),
            "max_shifts",
        ),
        (
            "valid until",
            |v| v["volunteers"][0]["qualifications"][0]["valid_until"] = json!("2027-13-01"),
            "valid_until",
        ),
        (
            "preferred",
            |v| v["volunteers"][0]["availability"][0]["preferred"] = json!("oui"),
            "preferred",
        ),
        (
            "templates not a list",
            |v| v["shift_templates"] = json!({"C44": 1}),
            "shift_templates",
        ),
        (
            "template not an object",
            |v| v["shift_templates"] = json!([3]),
            "shift_templates[0]",
        ),
        (
            "template unknown centre",
            |v| {
                v["shift_templates"] = json!([{"centre": "C99", "start": "2026-12-07T10:00:00+01:00", "end": "2026-12-07T12:00:00+01:00"}]);
            },
            "shift_templates[0]",
        ),
        (
            "template off grid",
            |v| {
                v["shift_templates"] = json!([{"centre": "C44", "start": "2026-12-07T10:15:00+01:00", "end": "2026-12-07T12:00:00+01:00"}]);
            },
            "shift_templates[0]",
        ),
        (
            "template reversed",
            |v| {
                v["shift_templates"] = json!([{"centre": "C44", "start": "2026-12-07T12:00:00+01:00", "end": "2026-12-07T10:00:00+01:00"}]);
            },
            "shift_templates[0]",
        ),
        (
            "template outside week",
            |v| {
                v["shift_templates"] = json!([{"centre": "C44", "start": "2026-12-13T22:00:00+01:00", "end": "2026-12-14T08:00:00+01:00"}]);
            },
            "shift_templates[0]",
        ),
        (
            "template repeated",
            |v| {
                let t = json!({"centre": "C44", "start": "2026-12-07T10:00:00+01:00", "end": "2026-12-07T12:00:00+01:00"});
                v["shift_templates"] = json!([t.clone(), t]);
            },
            "shift_templates[1]",
        ),
    ]
}

#[test]
fn every_malformed_scenario_exits_2_names_the_field_and_writes_nothing() {
    let db = TestDb::new();
    // Start from a populated database, so "nothing written" is meaningful.
    ok(&astreinte(
        &db,
        &["import", instance("tiny.json").to_str().unwrap()],
    ));
    let before = row_counts(&db);
    let base: Value =
        serde_json::from_slice(&std::fs::read(instance("tiny.json")).unwrap()).unwrap();
    // Make every mutation visible if it were imported: another centre name.
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut raw_cases: Vec<(String, Vec<u8>, &str)> = vec![
        (
            "not UTF-8".into(),
            b"{\"format\": \"rota-scenario/1\", \"name\": \"\xff\xfe\"}".to_vec(),
            "UTF-8",
        ),
        ("not JSON".into(), b"{\"format\": ".to_vec(), "JSON"),
    ];
    for (what, mutate, expect) in cases() {
        let mut v = base.clone();
        v["centres"][0]["name"] = json!("Renamed by a bad file");
        v["volunteers"][1]["id"] = json!("v-new");
        mutate(&mut v);
        raw_cases.push((what.to_string(), serde_json::to_vec(&v).unwrap(), expect));
    }
    for (i, (what, bytes, expect)) in raw_cases.iter().enumerate() {
        let file = dir.path().join(format!("bad{i}.json"));
        std::fs::write(&file, bytes).unwrap();
        let out = astreinte(&db, &["import", file.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(2) || !err.to_lowercase().contains(&expect.to_lowercase()) {
            failures.push(format!(
                "{what}: exit {:?}, stderr: {err}",
                out.status.code()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(before, row_counts(&db), "the database changed");
    let mut c = db.conn();
    assert_eq!(
        astreinte::db::centres::by_code(&mut c, "C44")
            .unwrap()
            .unwrap()
            .name,
        "ALMA Loire-Atlantique"
    );
    assert!(astreinte::db::volunteers::by_external_id(&mut c, "v-new")
        .unwrap()
        .is_none());
}

#[test]
fn a_missing_file_is_bad_input() {
    let db = TestDb::new();
    let out = astreinte(&db, &["import", "/nonexistent/scenario.json"]);
    assert_eq!(out.status.code(), Some(2));
}
