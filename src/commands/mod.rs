//! One module per CLI subcommand.

pub mod backup;
pub mod bench;
pub mod demo;
pub mod export;
pub mod generate;
pub mod import;
pub mod migrate;
pub mod send_test_email;
pub mod serve;
pub mod solve;
