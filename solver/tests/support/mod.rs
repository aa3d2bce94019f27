//! Shared helpers for the solver's integration tests: where the benchmark
//! files are, and running `check.py`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

/// `/work/shared/bench`, located from this crate (not the current directory).
pub fn bench_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/bench"))
}

pub fn instance(name: &str) -> PathBuf {
    bench_dir().join("instances").join(name)
}

/// Every public instance file, sorted.
pub fn instances() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(bench_dir().join("instances"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

/// Runs `python3 check.py ARGS...`; returns (exit code, stdout).
pub fn check_py(args: &[&str]) -> (i32, String) {
    let out = Command::new("python3")
        .arg(bench_dir().join("check.py"))
        .args(args)
        .output()
        .expect("python3 runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Runs `python3 gen.py ARGS... --out TMP` and returns the file's bytes.
pub fn generate(args: &[&str]) -> Vec<u8> {
    // One file per call: tests of one binary run in parallel and may ask
    // for the same scenario.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("solver-gen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let name = args.join("_").replace(['/', ' '], "-");
    let file = dir.join(format!("{name}-{call}.json"));
    let st = Command::new("python3")
        .arg(bench_dir().join("gen.py"))
        .args(args)
        .arg("--out")
        .arg(&file)
        .status()
        .expect("python3 runs");
    assert!(st.success(), "gen.py {args:?}");
    let bytes = std::fs::read(&file).unwrap();
    let _ = std::fs::remove_file(&file);
    bytes
}
