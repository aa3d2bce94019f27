//! Seeds the demo data (what `astreinte demo` creates) into any database, so
//! that `scripts/bench-web` can serve it from SQLite and from PostgreSQL.
//!
//! Usage: `bench_seed DATABASE_URL BENCH_INSTANCES_DIR`; prints the demo
//! volunteer's email and password on one line, separated by a space.

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(url), Some(dir)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: bench_seed DATABASE_URL BENCH_INSTANCES_DIR");
    };
    let mut conn = astreinte::db::connect_and_migrate(&url)?;
    let logins = astreinte::demo::seed_demo(&mut conn, &PathBuf::from(dir))?;
    println!("{} {}", logins.volunteer.email, logins.volunteer.password);
    Ok(())
}
