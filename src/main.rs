//! The `astreinte` binary: parse the command line and dispatch.

fn main() -> std::process::ExitCode {
    astreinte::cli::run()
}
