//! `astreinte import` then `astreinte export` gives an equivalent scenario
//! (alma-600 and its DST and Réunion variants); re-importing duplicates
//! nothing; export refuses what it cannot express.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use solver::problem::Problem;

use crate::test_db::TestDb;

pub fn instance(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/bench/instances")
        .join(name)
}

/// Runs the binary against `db` and returns its output.
pub fn astreinte(db: &TestDb, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_astreinte"))
        .args(args)
        .env("DATABASE_URL", db.url())
        .env_remove("RUST_LOG")
        .output()
        .expect("the binary runs")
}

pub fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Rows per table, to prove something was (or was not) written.
pub fn row_counts(db: &TestDb) -> BTreeMap<&'static str, i64> {
    use astreinte::db::schema::*;
    use diesel::prelude::*;
    let mut c = db.conn();
    let mut m = BTreeMap::new();
    macro_rules! count {
        ($($t:ident),*) => {$(
            m.insert(stringify!($t), $t::table.count().get_result::<i64>(&mut c).unwrap());
        )*};
    }
    count!(
        org_settings,
        centres,
        skills,
        users,
        volunteers,
        volunteer_centres,
        qualifications,
        trainees,
        availability_patterns,
        availability_exceptions,
        demand_profiles,
        shift_templates,
        rotas,
        rota_shifts
    );
    let s = astreinte::db::settings::get(&mut c).unwrap();
    m.insert("settings.slot_minutes", i64::from(s.slot_minutes));
    m.insert("settings.min_rest_minutes", i64::from(s.min_rest_minutes));
    m
}

type Instant = String;
/// (centre, skill, start, end, calls/h, AHT, required, computed)
type DemandCanon = (String, String, Instant, Instant, String, String, u32, bool);

/// A problem with indexes replaced by ids, in an order-free form.
#[derive(Debug, PartialEq)]
struct Canon {
    timezone: String,
    week_start: String,
    start_utc: String,
    slot_minutes: u32,
    n_slots: u32,
    service_level: Option<(String, String)>,
    rules: String,
    skills: BTreeMap<String, String>,
    centres: BTreeMap<String, (String, Vec<(Instant, Instant)>)>,
    demand: Vec<DemandCanon>,
    requirements: BTreeMap<(String, String), Vec<u32>>,
    volunteers: BTreeMap<String, VolCanon>,
    locked: BTreeSet<(String, String, String, String, Instant, Instant)>,
}

#[derive(Debug, PartialEq)]
struct VolCanon {
    name: String,
    centres: Vec<String>,
    qualifications: BTreeSet<(String, Option<String>, u32)>,
    trainee_for: BTreeSet<String>,
    training_minutes_target: u32,
    max_minutes: Option<u32>,
    max_shifts: Option<u32>,
    availability: Vec<(Instant, Instant, bool)>,
}

fn canon(p: &Problem) -> Canon {
    let t = |s: u32| p.format_slot(s);
    let skill = |i: usize| p.skills[i].code.clone();
    let centre = |i: usize| p.centres[i].id.clone();
    let mut demand: Vec<_> = p
        .demand
        .iter()
        .map(|d| {
            (
                centre(d.centre),
                skill(d.skill),
                t(d.range.start),
                t(d.range.end),
                format!("{:?}", d.calls_per_hour),
                format!("{:?}", d.aht_minutes),
                d.required,
                d.computed,
            )
        })
        .collect();
    demand.sort();
    Canon {
        timezone: p.timezone.name().to_string(),
        week_start: p.week_start.to_string(),
        start_utc: p.start_utc.to_rfc3339(),
        slot_minutes: p.slot_minutes,
        n_slots: p.n_slots,
        service_level: p.service_level.as_ref().map(|s| {
            (
                format!("{:?}", s.target),
                format!("{:?}", s.answer_within_seconds),
            )
        }),
        rules: format!("{:?}", p.rules),
        skills: p
            .skills
            .iter()
            .map(|s| (s.code.clone(), s.name.clone()))
            .collect(),
        centres: p
            .centres
            .iter()
            .map(|c| {
                let mut tpl: Vec<_> = c.templates.iter().map(|r| (t(r.start), t(r.end))).collect();
                tpl.sort();
                (c.id.clone(), (c.name.clone(), tpl))
            })
            .collect(),
        demand,
        requirements: p
            .requirements
            .iter()
            .map(|((c, s), v)| ((centre(c), skill(s)), v.to_vec()))
            .collect(),
        volunteers: p
            .volunteers
            .iter()
            .map(|v| {
                let mut availability: Vec<_> = v
                    .availability
                    .iter()
                    .map(|w| (t(w.range.start), t(w.range.end), w.preferred))
                    .collect();
                availability.sort();
                (
                    v.id.clone(),
                    VolCanon {
                        name: v.name.clone(),
                        centres: v.centres.iter().map(|&c| centre(c)).collect(),
                        qualifications: v
                            .qualifications
                            .iter()
                            .map(|q| {
                                (
                                    skill(q.skill),
                                    q.valid_until.map(|d| d.to_string()),
                                    q.valid_until_slot,
                                )
                            })
                            .collect(),
                        trainee_for: v.trainee_for.iter().map(|&s| skill(s)).collect(),
                        training_minutes_target: v.training_minutes_target,
                        max_minutes: v.max_minutes,
                        max_shifts: v.max_shifts,
                        availability,
                    },
                )
            })
            .collect(),
        locked: p
            .locked_shifts
            .iter()
            .map(|s| {
                (
                    p.volunteers[s.volunteer].id.clone(),
                    centre(s.centre),
                    skill(s.skill),
                    s.role.as_str().to_string(),
                    t(s.range.start),
                    t(s.range.end),
                )
            })
            .collect(),
    }
}

fn assert_equivalent(a: &Problem, b: &Problem) {
    let (ca, cb) = (canon(a), canon(b));
    assert_eq!(ca.timezone, cb.timezone);
    assert_eq!(
        (&ca.week_start, &ca.start_utc, ca.slot_minutes, ca.n_slots),
        (&cb.week_start, &cb.start_utc, cb.slot_minutes, cb.n_slots)
    );
    assert_eq!(ca.service_level, cb.service_level);
    assert_eq!(ca.rules, cb.rules);
    assert_eq!(ca.skills, cb.skills);
    assert_eq!(ca.centres, cb.centres);
    assert_eq!(ca.demand, cb.demand);
    assert_eq!(ca.requirements, cb.requirements);
    assert_eq!(ca.volunteers.len(), cb.volunteers.len());
    for (id, v) in &ca.volunteers {
        assert_eq!(Some(v), cb.volunteers.get(id), "volunteer {id}");
    }
    assert_eq!(ca.locked, cb.locked);
    assert_eq!(ca, cb);
}

fn round_trip(file: &str, week: &str) {
    let db = TestDb::new();
    let path = instance(file);
    ok(&astreinte(&db, &["import", path.to_str().unwrap()]));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export.json");
    let sol = dir.path().join("solution.json");
    ok(&astreinte(
        &db,
        &[
            "export",
            "--centre",
            "ALL",
            "--week",
            week,
            "--out",
            out.to_str().unwrap(),
            "--solution",
            sol.to_str().unwrap(),
        ],
    ));
    let original = solver::parse_scenario(&std::fs::read(&path).unwrap()).unwrap();
    let mut exported =
        solver::parse_scenario(&std::fs::read(&out).unwrap()).expect("the export parses");
    if original.service_level.is_none() {
        // The database always holds a service-level target; the file had none.
        assert!(exported.service_level.is_some());
        exported.service_level = None;
    }
    assert_equivalent(&original, &exported);
    // The stored rota (the locked shifts, published) comes back as a solution.
    let shifts = solver::parse_solution(&std::fs::read(&sol).unwrap(), &exported)
        .expect("the solution parses");
    let got: BTreeSet<_> = shifts.into_iter().collect();
    let want: BTreeSet<_> = exported.locked_shifts.iter().copied().collect();
    assert_eq!(got, want);
}

#[test]
fn import_then_export_of_alma_600_is_equivalent() {
    round_trip("alma-600.json", "2026-W50");
}

#[test]
fn import_then_export_of_alma_600_across_the_autumn_change_is_equivalent() {
    round_trip("alma-600-dst.json", "2026-W43");
}

#[test]
fn import_then_export_of_alma_600_in_reunion_is_equivalent() {
    round_trip("alma-600-reunion.json", "2026-W50");
}

#[test]
fn import_then_export_of_fixed_sessions_is_equivalent() {
    round_trip("alma-sessions.json", "2026-W50");
}

#[test]
fn importing_the_same_file_twice_duplicates_nothing() {
    let db = TestDb::new();
    let path = instance("tiny.json");
    ok(&astreinte(&db, &["import", path.to_str().unwrap()]));
    let first = row_counts(&db);
    ok(&astreinte(&db, &["import", path.to_str().unwrap()]));
    assert_eq!(first, row_counts(&db));
    assert_eq!(first["volunteers"], 12);
    assert_eq!(first["rotas"], 1);
}

#[test]
fn export_refuses_an_unknown_centre_a_bad_week_and_mixed_time_zones() {
    let db = TestDb::new();
    ok(&astreinte(
        &db,
        &["import", instance("tiny.json").to_str().unwrap()],
    ));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.json");
    let o = out.to_str().unwrap();
    let r = astreinte(
        &db,
        &[
            "export", "--centre", "C99", "--week", "2026-W50", "--out", o,
        ],
    );
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("C99"));
    let r = astreinte(
        &db,
        &[
            "export", "--centre", "ALL", "--week", "2026-W60", "--out", o,
        ],
    );
    assert_eq!(r.status.code(), Some(2));
    let mut c = db.conn();
    astreinte::db::centres::upsert(&mut c, "C974", "La Réunion", "Indian/Reunion", false).unwrap();
    let r = astreinte(
        &db,
        &[
            "export", "--centre", "ALL", "--week", "2026-W50", "--out", o,
        ],
    );
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("C974 = Indian/Reunion") && err.contains("C44 = Europe/Paris"),
        "{err}"
    );
    assert!(!out.exists());
    // One centre alone is fine, and the export is valid.
    ok(&astreinte(
        &db,
        &[
            "export", "--centre", "C44", "--week", "2026-W50", "--out", o,
        ],
    ));
    let p = solver::parse_scenario(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(p.volunteers.len(), 12);
}

#[test]
fn windows_inside_the_autumn_fold_keep_their_exact_instants() {
    // alma-600-dst plus windows and demand that start in the repeated hour
    // (second 02:00, +01:00) or span the change: some have no local form.
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(instance("alma-600-dst.json")).unwrap()).unwrap();
    let vol = &mut v["volunteers"][0]["availability"];
    for (s, e, pref) in [
        (
            "2026-10-25T02:00:00+01:00",
            "2026-10-25T04:00:00+01:00",
            true,
        ),
        (
            "2026-10-25T00:00:00+02:00",
            "2026-10-25T06:00:00+01:00",
            false,
        ),
        (
            "2026-10-25T02:00:00+02:00",
            "2026-10-25T02:00:00+01:00",
            false,
        ),
    ] {
        vol.as_array_mut()
            .unwrap()
            .push(serde_json::json!({"start": s, "end": e, "preferred": pref}));
    }
    let centre = v["volunteers"][0]["centres"][0].clone();
    v["demand"].as_array_mut().unwrap().push(serde_json::json!({
        "centre": centre, "skill": "ecoute", "start": "2026-10-25T02:00:00+01:00",
        "end": "2026-10-25T05:00:00+01:00", "required": 1
    }));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fold.json");
    std::fs::write(&file, serde_json::to_vec(&v).unwrap()).unwrap();
    let db = TestDb::new();
    let out = astreinte(&db, &["import", file.to_str().unwrap()]);
    ok(&out);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("2 fenêtres datées"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let exported = dir.path().join("export.json");
    ok(&astreinte(
        &db,
        &[
            "export",
            "--week",
            "2026-W43",
            "--out",
            exported.to_str().unwrap(),
        ],
    ));
    let original = solver::parse_scenario(&std::fs::read(&file).unwrap()).unwrap();
    let back = solver::parse_scenario(&std::fs::read(&exported).unwrap()).unwrap();
    assert_equivalent(&original, &back);
}
