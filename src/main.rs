//! The `lexiscope` binary: the command line and, without a subcommand, the desktop app.

fn main() -> std::process::ExitCode {
    lexiscope::cli::main()
}
