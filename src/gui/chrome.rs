//! The app's chrome around the views: the toolbar (open, typed path, recent, export, settings,
//! theme), the progress strip of a running job, the global filter bar, the view tabs, the status
//! bar, the settings window, the typed-path "save as" fallback and the drag-and-drop overlay.

use std::path::PathBuf;

use chrono::NaiveDate;
use egui::{Color32, RichText, Ui};

use super::app::{App, Command, PickPurpose, View};
use super::charts::fmt_int;
use super::picker::PickKind;
use super::settings::{LANGUAGES, Theme};
use crate::analysis::filter::Filter;
use crate::analysis::query::Query;

/// A single-line text field with an accessible label shown before it.
pub fn labelled_edit(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    hint: &str,
    width: f32,
) -> egui::Response {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(width),
    )
    .labelled_by(l.id)
}

/// The text of the filter bar and the state of the filter it last applied.
#[derive(Clone, Debug, Default)]
pub struct FilterBar {
    pub from: String,
    pub to: String,
    pub query: String,
    /// Why the last "Apply" failed.
    pub error: Option<String>,
    /// Description of the applied filter, if any.
    pub applied: Option<String>,
}

/// Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a partial date means the start (or end) of its period.
pub fn parse_date(s: &str, end: bool) -> Result<Option<NaiveDate>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || format!("'{s}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    let date = match parts.as_slice() {
        [y] => {
            let y = num(y)? as i32;
            if end {
                NaiveDate::from_ymd_opt(y, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(y, 1, 1)
            }
        }
        [y, m] => {
            let (y, m) = (num(y)? as i32, num(m)?);
            let first = NaiveDate::from_ymd_opt(y, m, 1);
            if end {
                first.map(|f| crate::model::Granularity::Month.next_start(f) - chrono::Days::new(1))
            } else {
                first
            }
        }
        [y, m, d] => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?),
        _ => None,
    };
    date.map(Some).ok_or_else(bad)
}

impl FilterBar {
    /// The filter the fields describe, or a message saying what is wrong.
    pub fn parse(&self) -> Result<Filter, String> {
        let from = parse_date(&self.from, false).map_err(|e| format!("From: {e}"))?;
        let to = parse_date(&self.to, true).map_err(|e| format!("To: {e}"))?;
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(format!("From ({f}) is after To ({t})"));
        }
        let query = match self.query.trim() {
            "" => None,
            q => Some(Query::parse(q).map_err(|e| format!("Query: {e}"))?),
        };
        Ok(Filter { from, to, query })
    }
}

/// Everything above the views.
pub fn top_ui(app: &mut App, ui: &mut Ui) {
    egui::Panel::top("toolbar").show(ui, |ui| {
        ui.add_space(2.0);
        toolbar_ui(app, ui);
        ui.add_space(2.0);
    });
    if app.load.is_some() {
        egui::Panel::top("progress").show(ui, |ui| progress_ui(app, ui));
    }
    egui::Panel::top("filter").show(ui, |ui| filter_ui(app, ui));
    egui::Panel::top("tabs").show(ui, |ui| tabs_ui(app, ui));
}

fn toolbar_ui(app: &mut App, ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.heading(RichText::new("Lexiscope").strong());
        ui.separator();
        if ui
            .button("Open folder…")
            .on_hover_text("Open a folder of articles (Ctrl+O)")
            .clicked()
        {
            app.commands.push(Command::PickToOpen(PickKind::OpenFolder));
        }
        if ui
            .button("Open files…")
            .on_hover_text("Open article files, JSON/CSV or zip archives")
            .clicked()
        {
            app.commands.push(Command::PickToOpen(PickKind::OpenFiles));
        }
        let resp = labelled_edit(
            ui,
            "Path:",
            &mut app.typed_path,
            "type or paste a folder or file path",
            260.0,
        );
        if app.focus_typed_path {
            resp.request_focus();
            app.focus_typed_path = false;
        }
        let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("Open").clicked() || enter {
            let paths: Vec<PathBuf> = app
                .typed_path
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(PathBuf::from)
                .collect();
            app.commands.push(Command::OpenPaths(paths));
        }
        recent_menu_ui(app, ui);
        ui.separator();
        if ui
            .button("Export all statistics…")
            .on_hover_text("Write every CSV of `lexiscope analyze` into a folder (Ctrl+E)")
            .clicked()
        {
            app.commands.push(Command::ExportAll);
        }
        if ui.button("Settings…").clicked() {
            app.settings_draft = Some(SettingsDraft::from_app(app));
        }
        let dark = app.state.theme == Theme::Dark;
        if ui
            .button(if dark { "Light theme" } else { "Dark theme" })
            .on_hover_text("Switch between light and dark themes")
            .clicked()
        {
            app.state.theme = if dark { Theme::Light } else { Theme::Dark };
        }
    });
}

fn recent_menu_ui(app: &mut App, ui: &mut Ui) {
    ui.menu_button("Recent", |ui| {
        if app.state.recent.is_empty() {
            ui.label("No recent corpora yet.");
        }
        let mut open = None;
        for r in &app.state.recent {
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
            app.commands.push(Command::OpenPaths(paths));
        }
    });
}

fn progress_ui(app: &mut App, ui: &mut Ui) {
    let Some(load) = &app.load else {
        return;
    };
    let p = load.job.progress.snapshot();
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(RichText::new(&load.label).strong());
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
        parts.push(format!("{:.0} s", load.started.elapsed().as_secs_f64()));
        ui.label(parts.join(" · "));
        if ui.button("Cancel").clicked() {
            app.commands.push(Command::CancelLoad);
        }
        ui.add(
            egui::ProgressBar::new(p.fraction())
                .show_percentage()
                .desired_width(ui.available_width()),
        );
    });
}

fn filter_ui(app: &mut App, ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        let back = !app.filter_back.is_empty();
        let forward = !app.filter_forward.is_empty();
        if ui
            .add_enabled(back, egui::Button::new("Back"))
            .on_hover_text("The filter before this one")
            .clicked()
        {
            app.commands.push(Command::FilterBack);
        }
        if ui
            .add_enabled(forward, egui::Button::new("Forward"))
            .on_hover_text("The filter Back left")
            .clicked()
        {
            app.commands.push(Command::FilterForward);
        }
        let f = &mut app.filter_text;
        let r1 = labelled_edit(ui, "From", &mut f.from, "YYYY-MM-DD", 90.0);
        let r2 = labelled_edit(ui, "To", &mut f.to, "YYYY-MM-DD", 90.0);
        let r3 = labelled_edit(
            ui,
            "Query",
            &mut f.query,
            "e.g. war OR peace, \"united states\", entity:Lincoln",
            300.0,
        );
        let enter = (r1.lost_focus() || r2.lost_focus() || r3.lost_focus())
            && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("Apply filter").clicked() || enter {
            match f.parse() {
                Ok(filter) => app.commands.push(Command::ApplyFilter(filter)),
                Err(e) => f.error = Some(e),
            }
        }
        if ui.button("Clear filter").clicked() {
            app.commands.push(Command::ClearFilter);
        }
        chips_ui(app, ui);
        if let Some(e) = &app.filter_text.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    });
}

/// The applied filter as removable chips, and the size of the selection.
fn chips_ui(app: &mut App, ui: &mut Ui) {
    let total = app.scope.analysis.docs.len() as u64;
    if app.is_filtering() {
        ui.spinner();
        ui.label("Filtering…");
        return;
    }
    if !app.scope.is_filtered() {
        return;
    }
    ui.label(
        RichText::new(format!(
            "{} of {} articles",
            fmt_int(app.scope.articles() as u64),
            fmt_int(total)
        ))
        .strong(),
    );
    let filter = app.filter().clone();
    let chip = |ui: &mut Ui, text: String, tip: &str| {
        ui.add(egui::Button::new(RichText::new(text).small()).corner_radius(10.0))
            .on_hover_text(tip)
            .clicked()
    };
    if filter.from.is_some() || filter.to.is_some() {
        let text = format!(
            "{} – {} ×",
            filter.from.map_or("…".to_owned(), |d| d.to_string()),
            filter.to.map_or("…".to_owned(), |d| d.to_string())
        );
        if chip(ui, text, "Remove the date range from the filter") {
            app.commands.push(Command::SetDates {
                from: None,
                to: None,
            });
        }
    }
    if let Some(q) = &filter.query
        && chip(
            ui,
            format!("query: {q} ×"),
            "Remove the query from the filter",
        )
    {
        app.commands.push(Command::RemoveQuery);
    }
}

fn tabs_ui(app: &mut App, ui: &mut Ui) {
    ui.horizontal(|ui| {
        for v in View::ALL {
            let text = match v {
                View::Problems => {
                    format!("Problems ({})", app.scope.corpus.report.problems.len())
                }
                other => other.label().to_owned(),
            };
            let rich = RichText::new(text).size(15.0);
            if ui.selectable_label(app.view == v, rich).clicked() {
                app.view = v;
            }
        }
    });
}

/// The bottom status bar: corpus name and counts, then the last message.
pub fn status_bar_ui(app: &mut App, ui: &mut Ui) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            let c = &app.scope.corpus;
            let s = &app.scope.analysis.summary;
            if c.articles.is_empty() {
                ui.label("No corpus loaded");
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
            if let Some(st) = &app.status {
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

/// The settings being edited in the settings window.
#[derive(Clone, Debug)]
pub struct SettingsDraft {
    pub languages: Vec<String>,
    pub extra: String,
    pub stem: Option<String>,
    pub keep_numbers: bool,
    pub top_n: usize,
}

impl SettingsDraft {
    fn from_app(app: &App) -> Self {
        let s = &app.state;
        Self {
            languages: s.stopword_languages.clone(),
            extra: s.extra_stopwords.join(", "),
            stem: s.stem_language.clone(),
            keep_numbers: s.keep_numbers,
            top_n: s.top_n,
        }
    }
}

/// Floating windows: settings and the typed-path save fallback.
pub fn windows_ui(app: &mut App, ctx: &egui::Context) {
    settings_window_ui(app, ctx);
    save_fallback_ui(app, ctx);
}

fn settings_window_ui(app: &mut App, ctx: &egui::Context) {
    let Some(mut draft) = app.settings_draft.take() else {
        return;
    };
    let mut open = true;
    let mut apply = false;
    egui::Window::new("Analysis settings")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label("Stopword languages:");
            ui.horizontal_wrapped(|ui| {
                for lang in LANGUAGES {
                    let mut on = draft.languages.iter().any(|l| l == lang);
                    if ui.checkbox(&mut on, *lang).changed() {
                        draft.languages.retain(|l| l != lang);
                        if on {
                            draft.languages.push((*lang).to_owned());
                        }
                    }
                }
            });
            labelled_edit(
                ui,
                "Extra stopwords:",
                &mut draft.extra,
                "said, mr, would",
                300.0,
            );
            ui.horizontal(|ui| {
                let l = ui.label("Stemming:");
                egui::ComboBox::from_id_salt("stem")
                    .selected_text(draft.stem.as_deref().unwrap_or("none"))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut draft.stem, None, "none");
                        for lang in LANGUAGES {
                            ui.selectable_value(&mut draft.stem, Some((*lang).to_owned()), *lang);
                        }
                    })
                    .response
                    .labelled_by(l.id);
            });
            ui.checkbox(&mut draft.keep_numbers, "Count numbers as terms");
            ui.horizontal(|ui| {
                let l = ui.label("Bars in top-N charts:");
                ui.add(egui::Slider::new(&mut draft.top_n, 5..=100))
                    .labelled_by(l.id);
            });
            ui.separator();
            apply = ui.button("Apply and re-analyse").clicked();
        });
    if apply {
        let s = &mut app.state;
        s.stopword_languages = draft.languages.clone();
        s.extra_stopwords = draft
            .extra
            .split(',')
            .map(|w| w.trim().to_owned())
            .filter(|w| !w.is_empty())
            .collect();
        s.stem_language = draft.stem.clone();
        s.keep_numbers = draft.keep_numbers;
        s.top_n = draft.top_n;
        app.commands.push(Command::Reanalyze);
        open = false;
    }
    if open {
        app.settings_draft = Some(draft);
    }
}

fn save_fallback_ui(app: &mut App, ctx: &egui::Context) {
    let Some((purpose, mut path)) = app.save_fallback.take() else {
        return;
    };
    let mut open = true;
    let mut save = false;
    let title = match &purpose {
        PickPurpose::ExportAll => "Export all statistics to a folder",
        _ => "Save to a file",
    };
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label("No file dialog is available here; type where to write:");
            let r = labelled_edit(ui, "Save path:", &mut path, "/path/to/file", 420.0);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            save = ui.button("Save").clicked() || enter;
        });
    if save && !path.trim().is_empty() {
        app.picked(purpose, vec![PathBuf::from(path.trim())]);
    } else if open {
        app.save_fallback = Some((purpose, path));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_cover_their_period() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_date("1990", false), Ok(d(1990, 1, 1)));
        assert_eq!(parse_date("1990", true), Ok(d(1990, 12, 31)));
        assert_eq!(parse_date("2024-02", true), Ok(d(2024, 2, 29)));
        assert_eq!(parse_date(" 2024-02-03 ", false), Ok(d(2024, 2, 3)));
        assert_eq!(parse_date("", false), Ok(None));
        assert!(parse_date("2024-13", false).is_err());
        assert!(parse_date("soon", false).is_err());
    }

    #[test]
    fn filter_bar_reports_bad_input() {
        let bar = FilterBar {
            from: "2000".into(),
            to: "1990".into(),
            ..FilterBar::default()
        };
        assert!(bar.parse().is_err());
        let bar = FilterBar {
            query: "war AND (".into(),
            ..FilterBar::default()
        };
        assert!(matches!(bar.parse(), Err(e) if e.starts_with("Query:")));
    }
}
