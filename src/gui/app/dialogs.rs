//! Dialogs: the file dialogs (behind the [`Picker`] trait, answered on a bounded channel), the
//! typed-path fallback when no dialog is available, the settings window's draft, and the
//! screenshots that "Save PNG…" crops.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, sync_channel};

use egui::Rect;

use super::App;
use crate::analysis::entity_edits::EntityRules;
use crate::gui::chrome::SettingsDraft;
use crate::gui::command::PickPurpose;
use crate::gui::picker::{PickKind, PickOutcome, Picker};

/// A screenshot on its way to a PNG file: the image, the chart's rect, the path, pixels per point.
type Screenshot = (Arc<egui::ColorImage>, Rect, PathBuf, f32);

/// The dialogs and the small windows' own state.
pub(crate) struct Dialogs {
    picker: Box<dyn Picker>,
    /// The dialog that is open, and why.
    pending: Option<(PickPurpose, Receiver<PickOutcome>)>,
    /// No dialog could open: the path typed instead, for this purpose.
    pub save_fallback: Option<(PickPurpose, String)>,
    /// The toolbar's path field.
    pub typed_path: String,
    pub focus_typed_path: bool,
    /// The settings window, while it is open.
    pub settings_draft: Option<SettingsDraft>,
    screenshots: (SyncSender<Screenshot>, Receiver<Screenshot>),
}

impl Dialogs {
    pub fn new(picker: Box<dyn Picker>) -> Self {
        Self {
            picker,
            pending: None,
            save_fallback: None,
            typed_path: String::new(),
            focus_typed_path: false,
            settings_draft: None,
            screenshots: sync_channel(4),
        }
    }

    pub fn set_picker(&mut self, picker: Box<dyn Picker>) {
        self.picker = picker;
    }

    /// Whether a dialog is open.
    pub fn busy(&self) -> bool {
        self.pending.is_some()
    }

    /// The path field and the windows, as the chrome edits them.
    pub fn chrome_cx(&mut self) -> crate::gui::chrome::WindowsCx<'_> {
        crate::gui::chrome::WindowsCx {
            typed_path: &mut self.typed_path,
            focus_typed_path: &mut self.focus_typed_path,
            settings_draft: &mut self.settings_draft,
            save_fallback: &mut self.save_fallback,
        }
    }
}

/// The file name suggested for a session.
const SESSION_NAME: &str = "session.lexiscope.json";

/// The file name the save fallback suggests for a purpose.
fn suggested_name(purpose: &PickPurpose) -> String {
    match purpose {
        PickPurpose::ExportAll => "lexiscope-export".to_owned(),
        PickPurpose::ExportCsv(e) => e.file_name(),
        PickPurpose::SavePng { name, .. } => name.clone(),
        PickPurpose::SaveChart(file) => file.name.clone(),
        PickPurpose::ExportEntityRules(_) => "entity_rules.csv".to_owned(),
        PickPurpose::SaveSession => SESSION_NAME.to_owned(),
        PickPurpose::Open | PickPurpose::ImportEntityRules | PickPurpose::OpenSession => {
            String::new()
        }
    }
}

impl App {
    pub(super) fn ask(&mut self, kind: PickKind, purpose: PickPurpose) {
        let wake = self.wake();
        let rx = self.dialogs.picker.pick(kind, wake);
        self.dialogs.pending = Some((purpose, rx));
    }

    /// Ask where to save a file, suggesting the purpose's file name.
    pub(super) fn ask_save(&mut self, purpose: PickPurpose) {
        let suggested_name = suggested_name(&purpose);
        self.ask(PickKind::SaveFile { suggested_name }, purpose);
    }

    pub(super) fn poll_pick(&mut self) {
        let Some((_, rx)) = &self.dialogs.pending else {
            return;
        };
        let outcome = match rx.try_recv() {
            Ok(o) => o,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => PickOutcome::Cancelled,
        };
        let Some((purpose, _)) = self.dialogs.pending.take() else {
            return;
        };
        match outcome {
            PickOutcome::Picked(paths) => self.picked(purpose, paths),
            PickOutcome::Cancelled => {}
            PickOutcome::Unavailable(msg) => match purpose {
                PickPurpose::Open => {
                    self.set_status(msg, true);
                    self.dialogs.focus_typed_path = true;
                }
                other => {
                    self.set_status(
                        "No file dialog is available here: type the path in the Save window.",
                        true,
                    );
                    let dir = std::env::current_dir().unwrap_or_default();
                    let path = dir.join(suggested_name(&other)).display().to_string();
                    self.dialogs.save_fallback = Some((other, path));
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
            PickPurpose::SavePng { rect, .. } => self.request_screenshot(rect, first),
            PickPurpose::SaveChart(file) => self.save_chart_to(file, first),
            PickPurpose::ExportEntityRules(rules) => self.export_entity_rules(&rules, &first),
            PickPurpose::ImportEntityRules => self.import_entity_rules(&first),
            PickPurpose::SaveSession => self.save_session(&first),
            PickPurpose::OpenSession => self.open_session(&first),
        }
    }

    /// Write a chart as SVG, or as that SVG rendered at 2x into a PNG, off the UI thread.
    fn save_chart_to(&mut self, file: crate::gui::command::ChartFile, path: PathBuf) {
        use crate::gui::command::ChartFormat;
        self.spawn_write(move || {
            match file.format {
                ChartFormat::Svg => {
                    crate::export::write_svg(&path, &file.spec).map_err(|e| e.to_string())?;
                }
                ChartFormat::Png => crate::gui::png::write_chart_png(&path, &file.spec)?,
            }
            Ok(format!("Saved the chart to {}", path.display()))
        });
    }

    /// Write the entity corrections into `path` as a rules CSV (small: written at once).
    fn export_entity_rules(&mut self, rules: &EntityRules, path: &Path) {
        match crate::export::write_text_atomic(path, &rules.to_csv()) {
            Ok(()) => self.set_status(
                format!("Exported {} edits to {}", rules.edits.len(), path.display()),
                false,
            ),
            Err(e) => self.set_status(format!("The rules were not saved: {e}"), true),
        }
    }

    /// Read a rules CSV and add its edits (those not already there) after the corpus's own,
    /// then re-analyse. A file that is not a rules file changes nothing.
    fn import_entity_rules(&mut self, path: &Path) {
        let read = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| EntityRules::from_csv(&text).map_err(|e| e.to_string()));
        let (imported, warnings) = match read {
            Ok(r) => r,
            Err(e) => {
                self.set_status(format!("No rules imported: {e} ({})", path.display()), true);
                return;
            }
        };
        let rules = &mut self.state.analysis.entity_rules;
        let before = rules.edits.len();
        for edit in imported.edits {
            if !rules.edits.contains(&edit) {
                rules.edits.push(edit);
            }
        }
        let added = rules.edits.len() - before;
        let skipped = warnings
            .first()
            .map(|w| format!("; {} rows skipped ({w})", warnings.len()))
            .unwrap_or_default();
        // Re-analysing clears the status bar: start it first, then say what was imported.
        if added > 0 {
            self.reanalyze();
        }
        self.set_status(
            format!("Imported {added} edits from {}{skipped}", path.display()),
            !warnings.is_empty(),
        );
    }

    /// Ask egui for a screenshot of the next frame; [`App::poll_screenshots`] crops it.
    fn request_screenshot(&mut self, rect: Rect, path: PathBuf) {
        let Some(ctx) = self.ctx.clone() else {
            return;
        };
        let tx = self.dialogs.screenshots.0.clone();
        let ppp = ctx.pixels_per_point();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            // The channel is bounded: a screenshot nobody reads any more is dropped.
            let _ = tx.try_send((image, rect, path, ppp));
            repaint.request_repaint();
        });
        ctx.request_repaint();
    }

    pub(super) fn poll_screenshots(&mut self) {
        while let Ok((image, rect, path, ppp)) = self.dialogs.screenshots.1.try_recv() {
            self.spawn_write(move || {
                crate::gui::png::write_png_crop(&path, &image, rect, ppp)?;
                Ok(format!("Saved the chart to {}", path.display()))
            });
        }
    }
}
