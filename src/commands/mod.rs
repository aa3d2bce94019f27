//! One module per CLI subcommand.

pub mod backup;
pub mod bench;
pub mod demo;
pub mod export;
// helper-gen: generate a week's rota from the database.
pub mod generate;
// helper-gen: end.
pub mod import;
pub mod migrate;
pub mod send_test_email;
pub mod serve;
pub mod solve;
