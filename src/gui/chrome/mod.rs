//! The app's chrome around the views: the toolbar (open, typed path, recent, export, settings,
//! theme), the progress strip of a running job, the global filter bar ([`filter_bar`]), the view
//! tabs, the status bar, the floating windows ([`windows`]) and the drag-and-drop overlay.
//!
//! The chrome reads the app through a [`ChromeCx`] and changes nothing but its own widgets' text:
//! every action is a [`Command`] the app runs after the UI pass.

mod filter_bar;
mod windows;

use std::path::PathBuf;
use std::time::Duration;

use egui::{Color32, RichText, Ui};

use super::charts::fmt_int;
use super::command::{Command, PickPurpose, View};
use super::picker::PickKind;
use super::scope::Scope;
use super::settings::{State, Theme};
pub(crate) use super::widgets::labelled_edit;
use crate::analysis::filter::Filter;
use crate::jobs::ProgressSnapshot;

pub use filter_bar::FilterBar;
pub use windows::{SettingsDraft, windows_ui};

/// What the chrome may read, the widget state it owns, and where it sends commands.
pub struct ChromeCx<'a> {
    pub state: &'a State,
    pub scope: &'a Scope,
    /// The filter bar's fields, and the filter as the app holds it.
    pub filter: FilterCx<'a>,
    /// The toolbar's path field and the floating windows' state.
    pub windows: WindowsCx<'a>,
    /// The long job the progress strip shows.
    pub busy: Option<&'a BusyJob>,
    pub status: Option<&'a Status>,
    pub view: View,
    pub commands: &'a mut Vec<Command>,
}

/// The filter as the chrome sees it.
pub struct FilterCx<'a> {
    pub bar: &'a mut FilterBar,
    /// The filter last asked for (shown as chips).
    pub requested: &'a Filter,
    /// Whether Back and Forward have somewhere to go.
    pub can_go_back: bool,
    pub can_go_forward: bool,
    /// Whether the filter is being applied.
    pub busy: bool,
}

/// The toolbar's path field and the floating windows, as the chrome edits them.
pub struct WindowsCx<'a> {
    pub typed_path: &'a mut String,
    pub focus_typed_path: &'a mut bool,
    pub settings_draft: &'a mut Option<SettingsDraft>,
    pub save_fallback: &'a mut Option<(PickPurpose, String)>,
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// A long job shown in the progress strip: the load, or an "Export all".
#[derive(Clone, Debug)]
pub struct BusyJob {
    pub label: String,
    pub progress: ProgressSnapshot,
    pub elapsed: Duration,
    /// What the strip's Cancel button asks for.
    pub cancel: Command,
}

/// Everything above the views.
pub fn top_ui(cx: &mut ChromeCx<'_>, ui: &mut Ui) {
    egui::Panel::top("toolbar").show(ui, |ui| {
        ui.add_space(2.0);
        toolbar_ui(cx, ui);
        ui.add_space(2.0);
    });
    if let Some(busy) = cx.busy {
        egui::Panel::top("progress").show(ui, |ui| progress_ui(busy, cx.commands, ui));
    }
    egui::Panel::top("filter").show(ui, |ui| filter_bar::filter_ui(cx, ui));
    egui::Panel::top("tabs").show(ui, |ui| tabs_ui(cx, ui));
}

fn toolbar_ui(cx: &mut ChromeCx<'_>, ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.heading(RichText::new("Lexiscope").strong());
        ui.separator();
        if ui
            .button("Open folder…")
            .on_hover_text("Open a folder of articles (Ctrl+O)")
            .clicked()
        {
            cx.commands.push(Command::PickToOpen(PickKind::OpenFolder));
        }
        if ui
            .button("Open files…")
            .on_hover_text("Open article files, JSON/CSV or zip archives")
            .clicked()
        {
            cx.commands.push(Command::PickToOpen(PickKind::OpenFiles));
        }
        typed_path_ui(cx, ui);
        recent_menu_ui(cx, ui);
        ui.separator();
        if ui
            .button("Export all…")
            .on_hover_text(
                "Export all statistics: every CSV of `lexiscope analyze`, into a folder (Ctrl+E)",
            )
            .clicked()
        {
            cx.commands.push(Command::ExportAll);
        }
        if ui.button("Settings…").clicked() {
            *cx.windows.settings_draft = Some(SettingsDraft::from_state(cx.state));
        }
        let dark = cx.state.theme == Theme::Dark;
        if ui
            .button(if dark { "Light" } else { "Dark" })
            .on_hover_text("Switch between light and dark themes")
            .clicked()
        {
            let theme = if dark { Theme::Light } else { Theme::Dark };
            cx.commands.push(Command::SetTheme(theme));
        }
    });
}

/// The Path field and its Open button (several paths separated by `;`).
fn typed_path_ui(cx: &mut ChromeCx<'_>, ui: &mut Ui) {
    let w = &mut cx.windows;
    let resp = labelled_edit(
        ui,
        "Path:",
        w.typed_path,
        "type or paste a folder or file path",
        260.0,
    );
    if *w.focus_typed_path {
        resp.request_focus();
        *w.focus_typed_path = false;
    }
    let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if ui.button("Open").clicked() || enter {
        let paths: Vec<PathBuf> = w
            .typed_path
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .collect();
        cx.commands.push(Command::OpenPaths(paths));
    }
}

/// The "Session" menu: save and open session files, then the recent corpora.
fn recent_menu_ui(cx: &mut ChromeCx<'_>, ui: &mut Ui) {
    ui.menu_button("Session", |ui| {
        if ui
            .button("Save session as…")
            .on_hover_text(
                "Save the corpus's paths, settings, filter, view and trend lines in a file",
            )
            .clicked()
        {
            cx.commands.push(Command::SaveSession);
            ui.close();
        }
        if ui
            .button("Open session…")
            .on_hover_text("Open a saved session: its corpus, settings, filter and view")
            .clicked()
        {
            cx.commands.push(Command::OpenSession);
            ui.close();
        }
        ui.separator();
        ui.label(RichText::new("Recent corpora").weak());
        if cx.state.recent.is_empty() {
            ui.label("No recent corpora yet.");
        }
        let mut open = None;
        for r in &cx.state.recent {
            let tip = r
                .paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("\n");
            if ui.button(&r.name).on_hover_text(tip).clicked() {
                open = Some(r.paths.clone());
                ui.close();
            }
        }
        if let Some(sample) = super::sample_corpus_dir()
            && ui.button("Sample: State of the Union").clicked()
        {
            open = Some(vec![sample]);
            ui.close();
        }
        if let Some(paths) = open {
            cx.commands.push(Command::OpenPaths(paths));
        }
    });
}

fn progress_ui(busy: &BusyJob, commands: &mut Vec<Command>, ui: &mut Ui) {
    let p = &busy.progress;
    ui.horizontal(|ui| {
        crate::gui::widgets::spinner(ui);
        // Before the texts that change as the job goes on, so the button never moves under the
        // pointer.
        if ui.button("Cancel").clicked() {
            commands.push(busy.cancel.clone());
        }
        ui.label(RichText::new(&busy.label).strong());
        ui.label(if p.stage.is_empty() {
            "Starting"
        } else {
            &p.stage
        });
        let mut parts = Vec::new();
        if p.files_total > 0 {
            parts.push(format!(
                "{} / {} files",
                fmt_int(p.files_done),
                fmt_int(p.files_total)
            ));
        }
        if p.bytes_total > 0 {
            parts.push(format!(
                "{:.1} / {:.1} MB",
                p.bytes_done as f64 / 1e6,
                p.bytes_total as f64 / 1e6
            ));
        }
        if p.articles > 0 {
            parts.push(format!("{} articles", fmt_int(p.articles)));
        }
        parts.push(format!("{:.0} s", busy.elapsed.as_secs_f64()));
        ui.label(parts.join(" · "));
        let bar = match p.stage_fraction() {
            Some(f) => egui::ProgressBar::new(f).show_percentage(),
            // A stage that does not count its work: "working…", not a bar stuck at 100% (the
            // spinner shows it is alive; an animated bar would repaint the window without end).
            None => egui::ProgressBar::new(0.0).text("working…"),
        };
        ui.add(bar.desired_width(ui.available_width()));
    });
}

fn tabs_ui(cx: &mut ChromeCx<'_>, ui: &mut Ui) {
    ui.horizontal(|ui| {
        for v in View::ALL {
            let text = match v {
                View::Problems => {
                    format!("Problems ({})", cx.scope.corpus.report.problems.len())
                }
                other => other.label().to_owned(),
            };
            let rich = RichText::new(text).size(15.0);
            if ui.selectable_label(cx.view == v, rich).clicked() {
                cx.commands.push(Command::ShowView(v));
            }
        }
    });
}

/// The bottom status bar: corpus name and counts, then the last message.
pub fn status_bar_ui(cx: &mut ChromeCx<'_>, ui: &mut Ui) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            let c = &cx.scope.corpus;
            let s = &cx.scope.analysis.summary;
            if c.articles.is_empty() {
                ui.label(match cx.busy {
                    Some(busy) => format!("{}…", busy.label),
                    None => "No corpus loaded".to_owned(),
                });
            } else {
                ui.label(RichText::new(&c.name).strong());
                ui.label(format!(
                    "{} articles · {} tokens · {} terms · {} entities",
                    fmt_int(s.articles),
                    fmt_int(s.tokens),
                    fmt_int(s.distinct_terms),
                    fmt_int(s.distinct_entities),
                ));
            }
            if let Some(st) = cx.status {
                ui.separator();
                let color = if st.error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                ui.add(egui::Label::new(RichText::new(&st.text).color(color)).truncate());
            }
        });
    });
}

/// A hint over the window while files are dragged over it.
pub fn drop_overlay_ui(ctx: &egui::Context) {
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let rect = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop-overlay"),
    ));
    painter.rect_filled(rect, 0.0, Color32::from_black_alpha(160));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drop files or folders to open them as a corpus",
        egui::FontId::proportional(24.0),
        Color32::WHITE,
    );
}
