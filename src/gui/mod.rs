//! The desktop app (being written on the `gui` branch; this placeholder only keeps the default
//! build compiling until it lands).

use std::path::PathBuf;

/// Open the desktop window on the given paths.
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let _ = paths;
    anyhow::bail!("the desktop app is not part of this build yet; use `lexiscope analyze`")
}
