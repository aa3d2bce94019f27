//! Astreinte's rota solver: reads a week's rostering problem in the
//! `rota-scenario/1` format, computes staffing needs with Erlang C, builds the
//! rota, checks it against the hard rules and writes `rota-solution/1`.
//!
//! - [`parse`]: scenario JSON → validated [`problem::Problem`] (slot-indexed),
//!   with path-named errors; [`solution`] writes and reads solutions;
//!   [`scenario_json`] writes a `Problem` back to JSON.
//! - [`erlang`]: Erlang C staffing; [`demand`]: per-slot requirements.
//! - [`check`]: the hard rules and score, exactly as `check.py` computes them.
//!
//! # Example
//!
//! ```
//! use solver::{erlang, parse_scenario};
//!
//! let scenario = r#"{
//!   "format": "rota-scenario/1", "name": "demo", "timezone": "Europe/Paris",
//!   "week_start": "2026-12-07", "slot_minutes": 60,
//!   "service_level": {"target": 0.8, "answer_within_seconds": 60},
//!   "rules": {"min_shift_minutes": 120, "max_shift_minutes": 240,
//!             "min_rest_minutes": 660, "trainee_requires_mentor": true},
//!   "skills": [{"code": "ecoute", "name": "Écoute"}],
//!   "centres": [{"id": "C05", "name": "ALMA Hautes-Alpes"}],
//!   "demand": [{"centre": "C05", "skill": "ecoute",
//!               "start": "2026-12-07T09:00:00+01:00", "end": "2026-12-07T12:00:00+01:00",
//!               "calls_per_hour": 12, "aht_minutes": 18}],
//!   "volunteers": [{"id": "v1", "centres": ["C05"],
//!                   "qualifications": [{"skill": "ecoute", "valid_until": null}],
//!                   "availability": [{"start": "2026-12-07T08:00:00+01:00",
//!                                     "end": "2026-12-07T13:00:00+01:00"}]}]
//! }"#;
//! let problem = parse_scenario(scenario.as_bytes()).unwrap();
//! assert_eq!(problem.n_slots, 168);
//! // `required` was absent: Erlang C gives 6 agents for 3.6 Erlangs.
//! assert_eq!(erlang::required_agents(12.0, 18.0, 0.8, 60.0), Some(6));
//! assert_eq!(problem.required(0, 0).unwrap()[9..12], [6, 6, 6]);
//! // The service level those 6 agents give, for the app's demand editor.
//! let a = erlang::load(12.0, 18.0);
//! assert!(erlang::service_level(6, a, 60.0, 18.0) >= 0.8);
//!
//! // Errors name the JSON path of the problem.
//! let bad = scenario.replace("Europe/Paris", "Europe/Pari");
//! let errors = parse_scenario(bad.as_bytes()).unwrap_err();
//! assert_eq!(errors.to_string(), r#"timezone: unknown time zone "Europe/Pari""#);
//! ```
pub mod calendar_names;
pub mod problem;

pub mod check;
pub mod demand;
pub mod erlang;
pub mod parse;
pub mod scenario_json;
pub mod solution;
pub mod time;

pub use parse::{parse_scenario, parse_solution, ScenarioError, ScenarioErrors};
pub mod candidates;
pub mod cover_search;
pub mod decompose;
pub mod explain;
pub mod greedy;
pub mod model;
pub mod rng;
pub mod score;
pub mod solve;
pub mod split;
pub mod stages;
pub mod training;
