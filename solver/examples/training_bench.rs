//! Benchmark of the training planner on sos-1400-sized data: 1,400
//! volunteers in 44 centres, 40 sessions over a quarter, ~30 % with a need.
//! Deterministic (seeded PRNG below). Run:
//! `cargo run --release -p solver --example training_bench [seed]`.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use solver::training::eligibility::Prepared;
use solver::training::model::greedy;
use solver::training::{
    plan, Grants, Need, NeedKind, Place, Session, TrainingOptions, TrainingProblem, Window,
};

const VOLUNTEERS: usize = 1_400;
const CENTRES: usize = 44;
const QUARTER_DAYS: i64 = 91;

/// SplitMix64: small, seedable, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

fn instant(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(hour, 0, 0).unwrap_or_default())
}

fn centre(i: u64) -> String {
    format!("c{i:02}")
}

/// 40 sessions: 22 one-day listening renewals, 8 one-day referent renewals,
/// 10 five-day initial courses (Monday 07:00 to Friday 15:00 UTC).
fn sessions(rng: &mut Rng, first: NaiveDate) -> Vec<Session> {
    let mut out = Vec::new();
    for i in 0..40u64 {
        let (skill, grants, days) = match i {
            0..=21 => ("ecoute", Grants::Renew, 1),
            22..=29 => ("referent", Grants::Renew, 1),
            _ => ("ecoute", Grants::Grant, 5),
        };
        // A weekday (Saturday for a third of one-day sessions) in the quarter.
        let week = rng.below(12) as i64;
        let weekday = if days == 1 && rng.chance(0.33) {
            5
        } else if days == 1 {
            rng.below(5) as i64
        } else {
            0
        };
        let day = first + Duration::days(week * 7 + weekday);
        let place = if rng.chance(0.35) {
            Place::Remote
        } else {
            Place::Centre(centre(rng.below(CENTRES as u64)))
        };
        out.push(Session {
            id: format!("s{i:02}"),
            skill: skill.into(),
            start: instant(day, 7),
            end: instant(day + Duration::days(days - 1), 15),
            place,
            capacity: 12 + rng.below(9) as u32,
            seats_taken: 0,
            grants,
        });
    }
    out
}

/// Retired volunteers: most weekdays; working ones: Saturdays plus one or
/// two holiday weeks (whole weeks, so five-day courses can fit).
fn availability(rng: &mut Rng, first: NaiveDate) -> Vec<Window> {
    let retired = rng.chance(0.45);
    let mut windows = Vec::new();
    let holidays: Vec<i64> = (0..1 + rng.below(2))
        .map(|_| rng.below(13) as i64)
        .collect();
    for d in 0..QUARTER_DAYS {
        let day = first + Duration::days(d);
        let week = d / 7;
        let free = if holidays.contains(&week) {
            day.weekday() != Weekday::Sun
        } else if retired {
            day.weekday().num_days_from_monday() < 5 && rng.chance(0.6)
        } else {
            day.weekday() == Weekday::Sat && rng.chance(0.7)
        };
        if free {
            windows.push(Window {
                start: instant(day, 0),
                end: instant(day + Duration::days(1), 0),
            });
        }
    }
    windows
}

fn generate(seed: u64) -> TrainingProblem {
    let mut rng = Rng(seed);
    let first = NaiveDate::from_ymd_opt(2026, 4, 6).unwrap_or_default(); // a Monday
    let horizon = first + Duration::days(QUARTER_DAYS);
    let sessions = sessions(&mut rng, first);
    let mut needs = Vec::new();
    for v in 0..VOLUNTEERS {
        if !rng.chance(0.30) {
            continue;
        }
        // Uneven centres: small ones and a few large ones.
        let home = (rng.below(CENTRES as u64) * rng.below(CENTRES as u64)) / CENTRES as u64;
        let other_centres = if rng.chance(0.3) {
            (1..=1 + rng.below(2))
                .map(|k| centre((home + k) % CENTRES as u64))
                .collect()
        } else {
            vec![]
        };
        let availability = availability(&mut rng, first);
        let mut skills = vec!["ecoute"];
        if rng.chance(0.08) {
            skills.push("referent");
        }
        for skill in skills {
            let kind = if skill == "ecoute" && rng.chance(0.25) {
                NeedKind::NeedsCourse
            } else {
                // Expires within the quarter, a few already lapsed.
                let offset = rng.below(QUARTER_DAYS as u64 + 20) as i64 - 20;
                NeedKind::Expiring {
                    expires_on: first + Duration::days(offset),
                }
            };
            let declined = if rng.chance(0.03) {
                vec![format!("s{:02}", rng.below(40))]
            } else {
                vec![]
            };
            needs.push(Need {
                volunteer: format!("v{v:04}"),
                skill: skill.into(),
                kind,
                home_centre: centre(home),
                other_centres: other_centres.clone(),
                availability: availability.clone(),
                already_attending: vec![],
                declined,
            });
        }
    }
    TrainingProblem {
        sessions,
        needs,
        horizon,
    }
}

fn main() {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1400);
    let problem = generate(seed);
    let seats: u32 = problem.sessions.iter().map(|s| s.capacity).sum();
    let started = Instant::now();
    let result = match plan(&problem, &TrainingOptions::default()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let wall = started.elapsed().as_secs_f64();
    let mut by_reason: BTreeMap<String, usize> = BTreeMap::new();
    for u in &result.unmet {
        *by_reason.entry(format!("{:?}", u.reason)).or_default() += 1;
    }
    println!("seed            {seed}");
    println!("volunteers      {VOLUNTEERS}");
    println!("centres         {CENTRES}");
    println!("needs           {}", problem.needs.len());
    println!("sessions        {} ({seats} seats)", problem.sessions.len());
    println!("candidate pairs {}", result.stats.variables);
    println!("constraints     {}", result.stats.constraints);
    println!("needs met       {}", result.stats.needs_met);
    if let Ok(prep) = Prepared::new(&problem) {
        println!(
            "greedy met      {} (by priority, for comparison)",
            greedy(&prep).len()
        );
    }
    println!(
        "late renewals   {}",
        result.assignments.iter().filter(|a| a.late).count()
    );
    println!("unmet           {} {by_reason:?}", result.unmet.len());
    println!("status          {:?}", result.stats.status);
    println!(
        "seconds         {:.3} (solve {:.3})",
        wall, result.stats.seconds
    );
}
