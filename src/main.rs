//! The `lexiscope` binary: the command line and, without a subcommand, the desktop app.

/// mimalloc instead of the system allocator: the analysis frees large working sets between
/// stages (token sequences, per-article n-gram keys), and the system allocator keeps much of that
/// memory as fragmented free space, so later stages pile on top of it. With mimalloc the 500 MB
/// benchmark peaks about 250 MB lower and runs a little faster (README, Benchmarks).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    lexiscope::cli::main()
}
