//! Astreinte's rota solver (work in progress).
pub mod problem;

pub mod demand;
pub mod explain;
pub mod solve;
pub mod training;
