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
// helper-mine: RFC 5545 writer (shift calendars, feeds, attachments).
pub mod ical;
// helper-mine: end.
pub mod mail;
// helper-mail: notifications and periodic scans.
pub mod notify;
pub mod scheduler;
// helper-mail: end.
// helper-ops: metrics and graceful shutdown.
pub mod metrics;
pub mod shutdown;
// helper-ops: end.
pub mod outbox_worker;
pub mod rota;
pub mod startup;
// helper-training: database → training planner glue.
pub mod training_plan;
// helper-training: end.
pub mod web;
// helper-gen: durable background jobs (rota generation).
pub mod jobs;
// helper-gen: end.
