//! Floating windows: the analysis settings (edited as a draft, a clone of the settings, applied
//! by a command) and the typed-path "save as" fallback for machines without a file dialog.

use std::path::PathBuf;

use super::{ChromeCx, labelled_edit};
use crate::analysis::AnalysisSettings;
use crate::gui::command::{Command, PickPurpose};
use crate::gui::settings::{ImportChoices, State};
use crate::model::CleaningOptions;
use crate::text::LANGUAGES;

/// The settings being edited in the settings window: a clone of the persisted ones.
#[derive(Clone, Debug)]
pub struct SettingsDraft {
    pub analysis: AnalysisSettings,
    /// The extra stopwords as typed (comma-separated).
    pub extra: String,
    /// Bars in the top-N charts.
    pub top_n: usize,
    /// The metadata table's path and id column as typed (empty: none, detected).
    pub metadata: String,
    pub id_column: String,
    pub keep_duplicates: bool,
    /// The import's cleaning switches.
    pub cleaning: CleaningOptions,
}

impl SettingsDraft {
    pub fn from_state(s: &State) -> Self {
        Self {
            analysis: s.analysis.clone(),
            extra: s.analysis.extra_stopwords.join(", "),
            top_n: s.top_n,
            metadata: s
                .import
                .metadata
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            id_column: s.import.id_column.clone().unwrap_or_default(),
            keep_duplicates: s.import.keep_duplicates,
            cleaning: s.import.cleaning.clone(),
        }
    }

    /// The import choices as typed (blank fields are none).
    pub fn import(&self) -> ImportChoices {
        let typed = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        ImportChoices {
            metadata: typed(&self.metadata).map(PathBuf::from),
            id_column: typed(&self.id_column),
            keep_duplicates: self.keep_duplicates,
            cleaning: self.cleaning.clone(),
        }
    }
}

/// Floating windows: settings and the typed-path save fallback.
pub fn windows_ui(cx: &mut ChromeCx<'_>, ctx: &egui::Context) {
    settings_window_ui(cx, ctx);
    save_fallback_ui(cx, ctx);
}

/// The languages offered: those with a stopword list and a Snowball stemmer.
fn offered_languages() -> impl Iterator<Item = &'static str> {
    LANGUAGES
        .iter()
        .filter(|l| l.stemmer.is_some())
        .map(|l| l.name)
}

/// `auto`: each article's own language (see [`crate::analysis::languages`]).
const AUTO: &str = crate::analysis::languages::AUTO;

fn settings_form_ui(ui: &mut egui::Ui, draft: &mut SettingsDraft) {
    let a = &mut draft.analysis;
    ui.label("Stopword languages:");
    ui.horizontal_wrapped(|ui| {
        for lang in std::iter::once(AUTO).chain(offered_languages()) {
            let mut on = a.stopword_languages.iter().any(|l| l == lang);
            if ui.checkbox(&mut on, lang).changed() {
                a.stopword_languages.retain(|l| l != lang);
                if on {
                    a.stopword_languages.push(lang.to_owned());
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
            .selected_text(a.stem_language.as_deref().unwrap_or("none"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut a.stem_language, None, "none");
                ui.selectable_value(&mut a.stem_language, Some(AUTO.to_owned()), AUTO);
                for lang in offered_languages() {
                    ui.selectable_value(&mut a.stem_language, Some(lang.to_owned()), lang);
                }
            })
            .response
            .labelled_by(l.id);
    });
    ui.checkbox(&mut a.keep_numbers, "Count numbers as terms");
    ui.checkbox(
        &mut a.fold_possessives,
        "Count possessives with their word (trump's as trump)",
    );
    ui.horizontal(|ui| {
        let l = ui.label("Bars in top-N charts:");
        ui.add(egui::Slider::new(&mut draft.top_n, 5..=100))
            .labelled_by(l.id);
    });
    cleaning_form_ui(ui, &mut draft.cleaning);
}

/// The cleaning switches (README, "Cleaning"); they take effect when the corpus is read again.
fn cleaning_form_ui(ui: &mut egui::Ui, c: &mut CleaningOptions) {
    ui.separator();
    ui.strong("Cleaning (the corpus is read again when these change)");
    let mut remove = !c.keep_boilerplate;
    if ui
        .checkbox(
            &mut remove,
            "Remove boilerplate lines, bylines and datelines",
        )
        .changed()
    {
        c.keep_boilerplate = !remove;
    }
    ui.checkbox(&mut c.find_near_duplicates, "Find near-duplicate copies");
    ui.add_enabled_ui(c.find_near_duplicates, |ui| {
        let mut once = !c.keep_near_duplicates;
        if ui
            .checkbox(&mut once, "Count a cluster of copies once")
            .changed()
        {
            c.keep_near_duplicates = !once;
        }
    });
}

/// The import choices: a metadata table and its id column (as `--metadata`/`--id-column`), and
/// whether exact duplicates are kept. Changing them imports the corpus again.
fn import_form_ui(ui: &mut egui::Ui, draft: &mut SettingsDraft) {
    ui.label(egui::RichText::new("Import").strong());
    labelled_edit(
        ui,
        "Metadata table:",
        &mut draft.metadata,
        "detected in the folder, or /path/to/metadata.csv",
        300.0,
    );
    labelled_edit(ui, "Id column:", &mut draft.id_column, "detected", 120.0);
    ui.checkbox(&mut draft.keep_duplicates, "Keep exact duplicate articles");
}

fn settings_window_ui(cx: &mut ChromeCx<'_>, ctx: &egui::Context) {
    let Some(mut draft) = cx.windows.settings_draft.take() else {
        return;
    };
    let mut open = true;
    let mut apply = false;
    egui::Window::new("Analysis settings")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            settings_form_ui(ui, &mut draft);
            ui.separator();
            import_form_ui(ui, &mut draft);
            ui.label(
                egui::RichText::new(
                    "These settings are kept for this corpus; another corpus has its own.",
                )
                .weak(),
            );
            ui.separator();
            apply = ui.button("Apply and re-analyse").clicked();
        });
    if apply {
        let import = draft.import();
        let mut analysis = draft.analysis;
        analysis.extra_stopwords = draft
            .extra
            .split(',')
            .map(|w| w.trim().to_owned())
            .filter(|w| !w.is_empty())
            .collect();
        cx.commands.push(Command::ApplySettings {
            analysis,
            top_n: draft.top_n,
            import,
        });
    } else if open {
        *cx.windows.settings_draft = Some(draft);
    }
}

fn save_fallback_ui(cx: &mut ChromeCx<'_>, ctx: &egui::Context) {
    let Some((purpose, mut path)) = cx.windows.save_fallback.take() else {
        return;
    };
    let mut open = true;
    let mut save = false;
    let title = match &purpose {
        PickPurpose::ExportAll => "Export all statistics to a folder",
        PickPurpose::ImportEntityRules => "Import entity rules from a file",
        PickPurpose::OpenSession => "Open a session file",
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
        let paths = vec![PathBuf::from(path.trim())];
        cx.commands.push(Command::Picked(purpose, paths));
    } else if open {
        *cx.windows.save_fallback = Some((purpose, path));
    }
}
