//! The weekly rota as the app handles it: generation through the solver as a
//! durable job, review (coverage, reasons, load), adjustments validated
//! against the hard rules, publication, and what volunteers see of it.
//! Each submodule owns one step; web handlers live in `src/web/`.

// helper-review: review, adjust, publish.
pub mod edit;
pub mod publish;
pub mod review;
// helper-review: end.
// helper-dropout: replacing a volunteer who dropped out.
pub mod replace;
// helper-dropout: end.

// helper-gen: generation through the solver as a durable job.
pub mod generate;
// helper-gen: end.
