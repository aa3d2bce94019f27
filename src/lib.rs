//! Astreinte: volunteer rostering and training scheduler for helplines.
//!
//! The binary's commands live in [`cli`]; each command is a module of
//! [`commands`]. The optimisation core is the separate `solver` crate.

pub mod cli;
pub mod commands;
pub mod db;
pub mod demo;
pub mod domain;
pub mod scenario_build;

pub mod auth;
pub mod config;
pub mod i18n;
pub mod ical;
pub mod jobs;
pub mod mail;
pub mod metrics;
pub mod notify;
pub mod outbox_worker;
pub mod rota;
pub mod scheduler;
pub mod shutdown;
pub mod startup;
pub mod training_plan;
pub mod web;
