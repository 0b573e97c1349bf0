//! File and folder dialogs behind a small trait, so the app never blocks on a native dialog and
//! tests can inject a fake.
//!
//! The real picker runs rfd's synchronous dialog on a named thread and sends the outcome over a
//! channel. rfd's default Linux backend (xdg-desktop-portal, then `zenity`) returns "nothing
//! picked" when neither is available, which looks exactly like a cancel; we tell the two apart by
//! checking for a backend first and by how fast the dialog came back.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, sync_channel};
use std::time::{Duration, Instant};

/// What a dialog is asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickKind {
    /// One folder to open as a corpus.
    OpenFolder,
    /// Several files (articles, JSON, CSV, zip) to open as a corpus.
    OpenFiles,
    /// A folder to export into.
    ExportFolder,
    /// A file to save, with a suggested name (`terms.csv`, `chart.png`).
    SaveFile { suggested_name: String },
    /// One CSV file to read (an entity rules file).
    OpenCsv,
    /// One session file to read (`*.lexiscope.json`).
    OpenSession,
}

/// How a dialog ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickOutcome {
    Picked(Vec<PathBuf>),
    Cancelled,
    /// No native dialog could be shown; the message says why.
    Unavailable(String),
}

/// Shows file dialogs without blocking the caller.
pub trait Picker {
    /// Start a dialog; the outcome arrives on the returned channel. `wake` is called when it does
    /// (the app passes a closure that requests a repaint).
    fn pick(&mut self, kind: PickKind, wake: Box<dyn Fn() + Send>) -> Receiver<PickOutcome>;
}

/// The message shown when no native dialog is available.
pub const NO_DIALOG: &str = "No file dialog is available here (it needs xdg-desktop-portal or \
     zenity). Type or paste a path in the box at the top and press Open.";

/// A dialog that closes faster than this without a choice most likely never opened.
const TOO_FAST: Duration = Duration::from_millis(250);

/// The native dialogs (rfd), each run on its own named thread.
#[derive(Default)]
pub struct NativePicker;

fn backend_available() -> bool {
    let dbus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    cfg!(not(target_os = "linux")) || dbus || zenity
}

fn run_dialog(kind: &PickKind) -> Option<Vec<PathBuf>> {
    let dialog = rfd::FileDialog::new();
    match kind {
        PickKind::OpenFolder => dialog
            .set_title("Open a folder of articles")
            .pick_folder()
            .map(|p| vec![p]),
        PickKind::OpenFiles => dialog
            .set_title("Open article files")
            .add_filter(
                "Articles",
                &["txt", "md", "json", "jsonl", "csv", "tsv", "zip"],
            )
            .add_filter("All files", &["*"])
            .pick_files(),
        PickKind::ExportFolder => dialog
            .set_title("Export all statistics into a folder")
            .pick_folder()
            .map(|p| vec![p]),
        PickKind::OpenCsv => dialog
            .set_title("Import entity rules")
            .add_filter("CSV", &["csv"])
            .add_filter("All files", &["*"])
            .pick_file()
            .map(|p| vec![p]),
        PickKind::OpenSession => dialog
            .set_title("Open a session")
            .add_filter("Lexiscope session", &["json"])
            .add_filter("All files", &["*"])
            .pick_file()
            .map(|p| vec![p]),
        PickKind::SaveFile { suggested_name } => dialog
            .set_title("Save as")
            .set_file_name(suggested_name)
            .save_file()
            .map(|p| vec![p]),
    }
}

impl Picker for NativePicker {
    fn pick(&mut self, kind: PickKind, wake: Box<dyn Fn() + Send>) -> Receiver<PickOutcome> {
        let (tx, rx) = sync_channel(1);
        if !backend_available() {
            let _ = tx.send(PickOutcome::Unavailable(NO_DIALOG.to_owned()));
            return rx;
        }
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn({
                let tx = tx.clone();
                move || {
                    let started = Instant::now();
                    let outcome = match run_dialog(&kind) {
                        Some(paths) if !paths.is_empty() => PickOutcome::Picked(paths),
                        _ if started.elapsed() < TOO_FAST => {
                            PickOutcome::Unavailable(NO_DIALOG.to_owned())
                        }
                        _ => PickOutcome::Cancelled,
                    };
                    let _ = tx.send(outcome);
                    wake();
                }
            });
        if let Err(e) = spawned {
            let _ = tx.send(PickOutcome::Unavailable(format!(
                "Cannot start the file dialog: {e}"
            )));
        }
        rx
    }
}

/// A picker for tests: answers every request with the next queued outcome (or `Cancelled`).
#[derive(Default)]
pub struct FakePicker {
    pub answers: std::collections::VecDeque<PickOutcome>,
    /// Every request made, in order.
    pub asked: std::sync::Arc<std::sync::Mutex<Vec<PickKind>>>,
}

impl Picker for FakePicker {
    fn pick(&mut self, kind: PickKind, wake: Box<dyn Fn() + Send>) -> Receiver<PickOutcome> {
        if let Ok(mut asked) = self.asked.lock() {
            asked.push(kind);
        }
        let (tx, rx) = sync_channel(1);
        let _ = tx.send(self.answers.pop_front().unwrap_or(PickOutcome::Cancelled));
        wake();
        rx
    }
}
