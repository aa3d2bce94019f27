//! Solves one scenario file and writes the solution JSON: a quick bench
//! driver for the MILP core (`cargo run --release -p solver --example
//! solve_file -- SCENARIO.json [OUT.json] [SECONDS] [THREADS]`).
//! `RUST_LOG=solver=debug` prints the solver's trace (components, stages,
//! neighbourhoods) to stderr.

use std::time::{Duration, Instant};

use serde_json::json;
use solver::problem::Problem;
use solver::solve::{solve, SolveOptions};

fn instant(p: &Problem, slot: u32) -> String {
    let t = p.start_utc + chrono::Duration::minutes(i64::from(slot) * i64::from(p.slot_minutes));
    t.with_timezone(&p.timezone).to_rfc3339()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .ok_or("usage: solve_file SCENARIO [OUT] [SECONDS] [THREADS]")?;
    let t0 = Instant::now();
    let bytes = std::fs::read(path)?;
    let problem = solver::parse_scenario(&bytes).map_err(|e| format!("{e:?}"))?;
    let read = t0.elapsed().as_secs_f64();
    let mut opts = SolveOptions::default();
    if let Some(s) = args.get(3) {
        opts.time_limit = Duration::from_secs_f64(s.parse()?);
    }
    if let Some(t) = args.get(4) {
        opts.threads = t.parse()?;
    }
    let r = solve(&problem, &opts, &|_| {}).map_err(|e| e.to_string())?;
    let wall = t0.elapsed().as_secs_f64();
    let shifts: Vec<_> = r
        .shifts
        .iter()
        .map(|s| {
            json!({
                "volunteer": problem.volunteers[s.volunteer].id,
                "centre": problem.centres[s.centre].id,
                "skill": problem.skills[s.skill].code,
                "role": s.role.as_str(),
                "start": instant(&problem, s.range.start),
                "end": instant(&problem, s.range.end),
            })
        })
        .collect();
    let out = json!({
        "format": "rota-solution/1",
        "scenario": problem.name,
        "shifts": shifts,
        "solver": {"name": "astreinte", "seconds": r.seconds, "status": r.status.as_str(),
                   "bound": r.bound_minutes},
    });
    if let Some(o) = args.get(2) {
        std::fs::write(o, serde_json::to_vec(&out)?)?;
    }
    println!(
        "{} read {:.2}s wall {:.2}s status {} uncovered {} bound {} gap {:.4} shortfall {} unpreferred {} components {} shifts {}",
        problem.name, read, wall, r.status.as_str(), r.uncovered_minutes, r.bound_minutes, r.gap,
        r.training_shortfall_minutes, r.unpreferred_minutes, r.components, r.shifts.len()
    );
    Ok(())
}
