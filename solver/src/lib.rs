//! Astreinte's rota solver (work in progress).
pub mod problem;
