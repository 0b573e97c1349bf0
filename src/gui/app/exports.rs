//! Exports and dialogs: "Export all", single-table CSVs, chart PNGs, and the file dialogs that
//! ask where to write them. Every write runs off the UI thread.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::TryRecvError;

use super::{App, PickPurpose};
use crate::export::{ExportOptions, write_all, write_text_atomic};
use crate::gui::charts::fmt_int;
use crate::gui::exports::{CsvExport, write_png_crop};
use crate::gui::picker::{PickKind, PickOutcome};
use crate::jobs::Job;

impl App {
    /// Write every CSV of the CLI's `analyze` (and `export_params.json`) into `dir`, off the UI
    /// thread. With a filter set, the selected articles are analysed from scratch first, exactly
    /// as `lexiscope analyze --from/--to/--query` does, so the files match the CLI's.
    pub fn export_all_to(&mut self, dir: PathBuf) {
        let corpus = self.scope.corpus.clone();
        let analysis = self.scope.analysis.clone();
        let selected = self.scope.selected().map(<[u32]>::to_vec);
        let filter = self.applied_filter.clone().unwrap_or_default();
        let wake = self.wake();
        self.spawn_export(
            move || {
                let opts = ExportOptions {
                    trend_granularity: None,
                    top_n: analysis.settings.top_n,
                };
                let (corpus, analysis) = match selected {
                    Some(docs) => {
                        let sub = crate::cli::subcorpus(&corpus, &docs);
                        let a = crate::analysis::analyze(
                            &sub,
                            &analysis.settings,
                            &crate::jobs::Progress::default(),
                            &crate::jobs::CancelToken::new(),
                        )
                        .map_err(|e| format!("Export failed: {e}"))?;
                        (Arc::new(sub), Arc::new(a))
                    }
                    None => (corpus, analysis),
                };
                let files = write_all(&dir, &corpus, &analysis, &opts)
                    .map_err(|e| format!("Export failed: {e}"))?;
                let params = crate::cli::export_params(&corpus, &analysis, &filter);
                write_text_atomic(&dir.join("export_params.json"), &params)
                    .map_err(|e| format!("Export failed: {e}"))?;
                Ok(format!(
                    "Exported {} CSV files ({} articles) to {}",
                    files.len(),
                    fmt_int(analysis.summary.articles),
                    dir.display()
                ))
            },
            wake,
        );
    }

    /// Write exactly these rows to `path`, off the UI thread.
    pub fn export_csv_to(&mut self, export: CsvExport, path: PathBuf) {
        let corpus = self.scope.corpus.clone();
        let analysis = self.scope.analysis.clone();
        let wake = self.wake();
        self.spawn_export(
            move || {
                export
                    .write(&path, &corpus, &analysis)
                    .map_err(|e| format!("Export failed: {e}"))?;
                Ok(format!(
                    "Exported {} rows to {}",
                    fmt_int(export.rows() as u64),
                    path.display()
                ))
            },
            wake,
        );
    }

    pub(super) fn spawn_export(
        &mut self,
        work: impl FnOnce() -> Result<String, String> + Send + 'static,
        wake: Box<dyn Fn() + Send>,
    ) {
        match Job::spawn("lexiscope-export", 0, move |_, _| Ok(work()), wake) {
            Ok(job) => self.exports.push(job),
            Err(e) => self.set_status(format!("Cannot start the export: {e}"), true),
        }
    }

    pub(super) fn ask(&mut self, kind: PickKind, purpose: PickPurpose) {
        let wake = self.wake();
        let rx = self.picker.pick(kind, wake);
        self.pending_pick = Some((purpose, rx));
    }

    pub(super) fn poll_pick(&mut self) {
        let Some((_, rx)) = &self.pending_pick else {
            return;
        };
        let outcome = match rx.try_recv() {
            Ok(o) => o,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => PickOutcome::Cancelled,
        };
        let Some((purpose, _)) = self.pending_pick.take() else {
            return;
        };
        match outcome {
            PickOutcome::Picked(paths) => self.picked(purpose, paths),
            PickOutcome::Cancelled => {}
            PickOutcome::Unavailable(msg) => match purpose {
                PickPurpose::Open => {
                    self.set_status(msg, true);
                    self.focus_typed_path = true;
                }
                other => {
                    self.set_status(
                        "No file dialog is available here: type the path in the Save window.",
                        true,
                    );
                    let name = match &other {
                        PickPurpose::ExportAll => "lexiscope-export".to_owned(),
                        PickPurpose::ExportCsv(e) => e.file_name(),
                        PickPurpose::SavePng { name, .. } => name.clone(),
                        PickPurpose::Open => String::new(),
                    };
                    let dir = std::env::current_dir().unwrap_or_default();
                    let path = dir.join(name).display().to_string();
                    self.save_fallback = Some((other, path));
                }
            },
        }
    }

    /// A dialog (or the typed-path fallback) produced paths for `purpose`.
    pub(crate) fn picked(&mut self, purpose: PickPurpose, paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        match purpose {
            PickPurpose::Open => self.open_paths(paths),
            PickPurpose::ExportAll => self.export_all_to(first),
            PickPurpose::ExportCsv(export) => self.export_csv_to(export, first),
            PickPurpose::SavePng { rect, .. } => {
                let Some(ctx) = self.ctx.clone() else {
                    return;
                };
                let tx = self.screenshots.0.clone();
                let ppp = ctx.pixels_per_point();
                let repaint = ctx.clone();
                ctx.request_screenshot(move |image| {
                    let _ = tx.send((image, rect, first, ppp));
                    repaint.request_repaint();
                });
                ctx.request_repaint();
            }
        }
    }

    pub(super) fn poll_screenshots(&mut self) {
        while let Ok((image, rect, path, ppp)) = self.screenshots.1.try_recv() {
            let wake = self.wake();
            self.spawn_export(
                move || {
                    write_png_crop(&path, &image, rect, ppp)?;
                    Ok(format!("Saved the chart to {}", path.display()))
                },
                wake,
            );
        }
    }
}
