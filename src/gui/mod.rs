//! The desktop app (feature `gui`): an eframe window over the same core the CLI uses.
//!
//! [`App`] owns the session (settings, loaded corpus, jobs, dialogs) and draws one frame with
//! [`App::ui`]; each view is a panel struct under [`panels`] that owns its UI state and caches;
//! [`charts`] holds the shared plot helpers. Nothing here computes statistics: the views read the
//! immutable [`crate::analysis::Analysis`] and the filter's [`crate::analysis::filter::SubCorpus`].
//!
//! Debug aids: `LEXISCOPE_VIEW=words` (any tab name) opens the app on that view;
//! `LEXISCOPE_FILTER='from:1930-01-01 to:1945-12-31 war'` starts with that filter;
//! `LEXISCOPE_DISPERSION=war` opens the Concordance's dispersion plot of that search;
//! `LEXISCOPE_STARTUP_PROBE=1` prints how long after launch the first frame with the corpus's
//! charts was drawn, then closes the window (the launch-to-first-chart benchmark).

mod app;
pub mod cache;
pub mod charts;
mod chrome;
pub mod command;
pub mod fonts;
pub mod frame_bench;
mod loading;
pub mod panels;
pub mod picker;
pub mod png;
pub mod scope;
pub mod settings;
pub mod widgets;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

/// When the process started (set first thing in `main`), for the startup probe.
pub static LAUNCHED: OnceLock<Instant> = OnceLock::new();

pub use app::App;
pub use chrome::Status;
pub use command::{Command, View};

/// The bundled sample corpus: `assets/sample` in the source tree when it exists (cargo run),
/// else next to the executable.
pub fn sample_corpus_dir() -> Option<PathBuf> {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    if dev.is_dir() {
        return Some(dev);
    }
    let exe = std::env::current_exe().ok()?;
    let beside = exe.parent()?.join("assets/sample");
    beside.is_dir().then_some(beside)
}

/// Whether `paths` is the bundled sample (not remembered as a "recent" corpus).
pub fn is_sample(paths: &[PathBuf]) -> bool {
    match (paths, sample_corpus_dir()) {
        ([p], Some(sample)) => p == &sample,
        _ => false,
    }
}

fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok()
}

/// Open the desktop window on the given paths (or the last corpus, or the sample).
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Lexiscope")
        .with_app_id("lexiscope")
        .with_inner_size([1280.0, 820.0])
        .with_min_inner_size([800.0, 500.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Lexiscope",
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, paths)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
