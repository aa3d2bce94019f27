//! Astreinte's rota solver (work in progress).
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
pub mod decompose;
pub mod explain;
pub mod greedy;
pub mod model;
pub mod score;
pub mod solve;
pub mod stages;
pub mod training;
