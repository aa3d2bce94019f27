//! The weekly rota as the app handles it: generation through the solver as a
//! durable job, review (coverage, reasons, load), adjustments validated
//! against the hard rules, publication, and what volunteers see of it.
//! Each submodule owns one step; web handlers live in `src/web/`.

pub mod edit;
pub mod publish;
pub mod replace;
pub mod review;

pub mod generate;
