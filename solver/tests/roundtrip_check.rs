//! Writer round trips (parse → write → parse gives an equal `Problem`, and
//! `check.py` accepts the written file) and the in-crate checker agrees with
//! `check.py` on locked-only, greedy and random rotas.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::Value;
use solver::check::check;
use solver::problem::{Problem, Role, Shift, SlotRange};
use solver::rng::Rng;
use solver::scenario_json::scenario_json;
use solver::solution::{parse_solution, SolutionDoc, SolverInfo};
use support::{check_py, instance, instances};

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("solver-rt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn every_instance_round_trips_and_check_py_accepts_the_written_file() {
    for path in instances() {
        let p = solver::parse_scenario(&std::fs::read(&path).unwrap()).unwrap();
        let text = scenario_json(&p);
        let q = solver::parse_scenario(text.as_bytes())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(p == q, "{}: round trip differs", path.display());
        let out = tmp(path.file_name().unwrap().to_str().unwrap());
        std::fs::write(&out, &text).unwrap();
        let (code, stdout) = check_py(&["--required", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{}: {stdout}", path.display());
    }
}

/// One shift per availability window: a template inside it, or the longest
/// allowed shift from its start; first qualification (or trainee skill).
fn greedy(p: &Problem) -> Vec<Shift> {
    let mut out = p.locked_shifts.clone();
    let sm = p.slot_minutes;
    for (vi, v) in p.volunteers.iter().enumerate() {
        let Some(&centre) = v.centres.first() else {
            continue;
        };
        let (skill, role) = match (v.qualifications.first(), v.trainee_for.first()) {
            (Some(q), _) => (q.skill, Role::Staff),
            (None, Some(&s)) => (s, Role::Trainee),
            _ => continue,
        };
        for w in &v.availability {
            let tpl = &p.centres[centre].templates;
            let range = if tpl.is_empty() {
                let len = (p.rules.max_shift_minutes / sm).min(w.range.len());
                if len * sm < p.rules.min_shift_minutes || len == 0 {
                    continue;
                }
                SlotRange {
                    start: w.range.start,
                    end: w.range.start + len,
                }
            } else {
                match tpl
                    .iter()
                    .find(|t| w.range.start <= t.start && t.end <= w.range.end)
                {
                    Some(&t) => t,
                    None => continue,
                }
            };
            out.push(Shift {
                volunteer: vi,
                centre,
                skill,
                role,
                range,
            });
        }
    }
    out
}

fn random(p: &Problem, rng: &mut Rng, n: usize) -> Vec<Shift> {
    let mut out = p.locked_shifts.clone();
    for _ in 0..n {
        let start = rng.below(p.n_slots as usize) as u32;
        let len = 1 + rng.below(8) as u32;
        let v = rng.below(p.volunteers.len());
        let vol = &p.volunteers[v];
        let centre = if rng.below(4) == 0 {
            rng.below(p.centres.len())
        } else {
            vol.centres.first().copied().unwrap_or(0)
        };
        let range = match p.centres[centre].templates.as_slice() {
            t if !t.is_empty() && rng.below(3) > 0 => t[rng.below(t.len())],
            _ => SlotRange {
                start,
                end: (start + len).min(p.n_slots),
            },
        };
        if range.is_empty() {
            continue;
        }
        out.push(Shift {
            volunteer: v,
            centre,
            skill: rng.below(p.skills.len()),
            role: if rng.below(3) == 0 {
                Role::Trainee
            } else {
                Role::Staff
            },
            range,
        });
    }
    // Drop one locked shift now and then (rule 8).
    if rng.below(2) == 0 && !p.locked_shifts.is_empty() {
        out.remove(0);
    }
    out
}

fn compare(p: &Problem, scen: &std::path::Path, shifts: &[Shift], what: &str) {
    let doc = SolutionDoc::new(
        p,
        shifts,
        SolverInfo {
            name: "test".into(),
            seconds: 0.0,
            status: "optimal".into(),
            bound: Some(0.0),
            gap: None,
        },
    );
    let text = doc.to_json();
    // The reader gives the shifts back.
    assert_eq!(
        parse_solution(text.as_bytes(), p).unwrap(),
        shifts,
        "{what}"
    );
    let sol = tmp(&format!("{what}.sol.json"));
    std::fs::write(&sol, &text).unwrap();
    let (code, out) = check_py(&[scen.to_str().unwrap(), sol.to_str().unwrap(), "--json"]);
    assert!(code == 0 || code == 1, "{what}: {out}");
    let py: Value = serde_json::from_str(&out).unwrap();
    let r = check(p, shifts);
    assert_eq!(
        r.is_valid(),
        code == 0,
        "{what}: {:?} vs {}",
        r.violations.first(),
        py["violations"]
    );
    let by_rule = r.violations_by_rule();
    for (k, n) in by_rule.iter().enumerate().skip(1) {
        let theirs = py["violations_by_rule"][k.to_string()]
            .as_u64()
            .unwrap_or(0);
        assert_eq!(
            *n as u64, theirs,
            "{what}: rule {k}: {:?}",
            py["violations"]
        );
    }
    let s = &py["score"];
    assert_eq!(
        r.score.uncovered_minutes,
        s["uncovered_minutes"].as_u64().unwrap(),
        "{what}"
    );
    assert_eq!(
        r.score.training_shortfall_minutes,
        s["training_shortfall_minutes"].as_u64().unwrap(),
        "{what}"
    );
    assert_eq!(
        r.score.unpreferred_minutes,
        s["unpreferred_minutes"].as_u64().unwrap(),
        "{what}"
    );
    let e = &py["extras"];
    assert_eq!(
        r.required_minutes,
        e["required_minutes"].as_u64().unwrap(),
        "{what}"
    );
    assert_eq!(
        r.overstaffed_minutes,
        e["overstaffed_minutes"].as_u64().unwrap(),
        "{what}"
    );
    assert_eq!(
        r.trainee_minutes,
        e["trainee_minutes"].as_u64().unwrap(),
        "{what}"
    );
    assert!(
        (r.coverage - e["coverage"].as_f64().unwrap()).abs() < 1e-12,
        "{what}"
    );
    let h = &e["rostered_hours"];
    assert_eq!(
        r.hours.rostered_volunteers as u64,
        h["rostered_volunteers"].as_u64().unwrap()
    );
    for (ours, key) in [
        (r.hours.min, "min"),
        (r.hours.mean, "mean"),
        (r.hours.max, "max"),
        (r.hours.stdev, "stdev"),
    ] {
        assert!(
            (ours - h[key].as_f64().unwrap()).abs() < 1e-3,
            "{what}: {key} {ours} vs {}",
            h[key]
        );
    }
}

#[test]
fn checker_agrees_with_check_py() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for name in [
        "tiny.json",
        "alma-600-dst.json",
        "alma-sessions.json",
        "sos-1900.json",
        "alma-600-reunion.json",
    ] {
        let path = instance(name);
        let p = solver::parse_scenario(&std::fs::read(&path).unwrap()).unwrap();
        compare(
            &p,
            &path,
            &p.locked_shifts.clone(),
            &format!("{name}-locked"),
        );
        compare(&p, &path, &[], &format!("{name}-empty"));
        compare(&p, &path, &greedy(&p), &format!("{name}-greedy"));
        for round in 0..3 {
            let shifts = random(&p, &mut rng, 40 + 150 * round);
            compare(&p, &path, &shifts, &format!("{name}-random{round}"));
        }
    }
}

/// Prints parse and check times on the largest instance (figures for the
/// report; run with `--release -- --nocapture`), and cross-checks its greedy rota.
#[test]
fn samaritans_20k_parse_and_check() {
    let path = instance("samaritans-20k.json");
    let bytes = std::fs::read(&path).unwrap();
    let t = std::time::Instant::now();
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    let json = t.elapsed();
    drop(v);
    let t = std::time::Instant::now();
    let p = solver::parse_scenario(&bytes).unwrap();
    let parse = t.elapsed();
    let shifts = greedy(&p);
    let t = std::time::Instant::now();
    let r = check(&p, &shifts);
    eprintln!(
        "samaritans-20k: parse {parse:?} (JSON alone {json:?}), check of {} shifts {:?}, {} violations",
        shifts.len(),
        t.elapsed(),
        r.violations.len()
    );
    compare(&p, &path, &shifts, "samaritans-20k-greedy");
}
