//! Every public instance parses, and its Erlang C `required` values match
//! `check.py --required`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use solver::parse::parse_scenario;
use support::{check_py, instance, instances};

#[test]
fn every_public_instance_parses() {
    for path in instances() {
        let bytes = std::fs::read(&path).unwrap();
        let t = std::time::Instant::now();
        let p = parse_scenario(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        eprintln!(
            "{}: {} volunteers, {} slots, {:?}",
            path.display(),
            p.volunteers.len(),
            p.n_slots,
            t.elapsed()
        );
        assert!(!p.volunteers.is_empty());
        assert_eq!(p.week_minutes() % p.slot_minutes, 0);
    }
}

#[test]
fn erlang_c_agrees_with_check_py_on_every_instance() {
    for path in instances() {
        let bytes = std::fs::read(&path).unwrap();
        let p = parse_scenario(&bytes).unwrap();
        let (code, out) = check_py(&["--required", path.to_str().unwrap(), "--json"]);
        assert_eq!(code, 0, "{}", path.display());
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let rows = v["computed"].as_array().unwrap();
        let ours: Vec<(usize, u32)> = p
            .demand
            .iter()
            .enumerate()
            .filter(|(_, d)| d.computed)
            .map(|(i, d)| (i, d.required))
            .collect();
        let theirs: Vec<(usize, u32)> = rows
            .iter()
            .map(|r| {
                (
                    r["index"].as_u64().unwrap() as usize,
                    r["required"].as_u64().unwrap() as u32,
                )
            })
            .collect();
        assert_eq!(ours, theirs, "{}", path.display());
    }
}

#[test]
fn no_required_gives_exactly_alma_600() {
    let a = parse_scenario(&std::fs::read(instance("alma-600.json")).unwrap()).unwrap();
    let b = parse_scenario(&std::fs::read(instance("alma-600-no-required.json")).unwrap()).unwrap();
    assert!(b.demand.iter().all(|d| d.computed));
    assert_eq!(a.demand.len(), b.demand.len());
    for (x, y) in a.demand.iter().zip(&b.demand) {
        assert_eq!(
            (x.centre, x.skill, x.range, x.required),
            (y.centre, y.skill, y.range, y.required)
        );
    }
    assert_eq!(a.requirements, b.requirements);
}
