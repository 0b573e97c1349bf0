//! Exports: "Export all" (every CSV of `lexiscope analyze`, through the core's selection entry
//! point when a filter is set) and the single tables and chart images the views save. Every write
//! runs as a job off the UI thread; "Export all" shows its progress and can be cancelled.

use std::path::PathBuf;

use super::App;
use crate::analysis::{Analyzed, analyze_subset};
use crate::export::{CsvExport, ExportOptions, Params, write_folder};
use crate::gui::charts::fmt_int;
use crate::gui::chrome::BusyJob;
use crate::gui::command::Command;
use crate::jobs::{CancelToken, Cancelled, Latest, Progress};

/// What an export job ends with: the status message, or why it failed.
type Written = Result<String, String>;

/// The running exports: at most one "Export all" (keyed by its label) and any number of single
/// writes, each in its own slot.
pub(crate) struct Exports {
    all: Latest<Written, String>,
    writes: Vec<Latest<Written>>,
}

impl Default for Exports {
    fn default() -> Self {
        Self {
            all: Latest::new("lexiscope-export"),
            writes: Vec::new(),
        }
    }
}

impl Exports {
    pub fn busy(&self) -> bool {
        self.all.busy() || !self.writes.is_empty()
    }

    /// Results of the exports that ended since the last poll.
    pub fn poll(&mut self) -> Vec<Written> {
        let mut done: Vec<Written> = self.all.poll().into_iter().map(Result::flatten).collect();
        self.writes.retain_mut(|w| match w.poll() {
            Some(r) => {
                done.push(r.flatten());
                false
            }
            None => w.busy(),
        });
        done
    }

    /// The running "Export all", for the progress strip.
    pub fn busy_job(&self) -> Option<BusyJob> {
        Some(BusyJob {
            label: self.all.key()?.clone(),
            progress: self.all.progress()?,
            elapsed: self.all.elapsed()?,
            cancel: Command::CancelExport,
        })
    }

    pub fn cancel_all(&mut self) -> bool {
        let running = self.all.busy();
        self.all.cancel();
        running
    }
}

impl App {
    /// Write every CSV of the CLI's `analyze` (and `export_params.json`) into `dir`, off the UI
    /// thread. With a filter set, the selected articles are analysed from scratch first through
    /// the core's [`analyze_subset`], exactly as `lexiscope analyze --from/--to/--query` does, so
    /// the files match the CLI's; the progress strip shows the work and can cancel it.
    pub fn export_all_to(&mut self, dir: PathBuf) {
        let scope = &self.session.scope;
        let whole = Analyzed {
            corpus: scope.corpus.clone(),
            analysis: scope.analysis.clone(),
        };
        let selected = scope.selected().map(<[u32]>::to_vec);
        let filter = self.filter.applied.clone().unwrap_or_default();
        let label = format!("Exporting to {}", dir.display());
        let work = move |progress: &Progress, cancel: &CancelToken| {
            let Analyzed { corpus, analysis } = match selected {
                Some(docs) => match analyze_subset(&whole, &docs, progress, cancel) {
                    Ok(sub) => sub,
                    Err(crate::analysis::AnalysisError::Cancelled) => return Err(Cancelled),
                    Err(e) => return Ok(Err(e.to_string())),
                },
                None => whole,
            };
            cancel.check()?;
            progress.set_stage("Writing the CSV files");
            let opts = ExportOptions {
                top_n: analysis.settings.top_n,
                ..ExportOptions::default()
            };
            let params = Params::new(&corpus, &analysis, &filter);
            let written = write_folder(&dir, &corpus, &analysis, &opts, &params);
            Ok(match written {
                Ok(files) => Ok(format!(
                    "Exported {} files ({} articles) to {}",
                    files.len(),
                    fmt_int(analysis.summary.articles),
                    dir.display()
                )),
                Err(e) => Err(e.to_string()),
            })
        };
        let wake = self.wake();
        self.exports.all.start(label, work, wake);
    }

    /// Cancel a running "Export all".
    pub fn cancel_export(&mut self) {
        if self.exports.cancel_all() {
            self.set_status("Export cancelled.", false);
        }
    }

    /// Write exactly these rows to `path`, off the UI thread.
    pub fn export_csv_to(&mut self, export: CsvExport, path: PathBuf) {
        let corpus = self.session.scope.corpus.clone();
        let analysis = self.session.scope.analysis.clone();
        self.spawn_write(move || {
            export
                .write(&path, &corpus, &analysis)
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "Exported {} rows to {}",
                fmt_int(export.rows() as u64),
                path.display()
            ))
        });
    }

    /// Run a small write (one table, one image) in a slot of its own.
    pub(super) fn spawn_write(&mut self, write: impl FnOnce() -> Written + Send + 'static) {
        let mut slot = Latest::new("lexiscope-write");
        let wake = self.wake();
        slot.start((), move |_, _| Ok(write()), wake);
        self.exports.writes.push(slot);
    }
}
