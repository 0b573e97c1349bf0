//! Problems: every file the import had trouble with (kind, message, path), filterable, with the
//! count shown on the tab.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{ViewCx, contains_folded, search_ui};
use crate::export::CsvExport;
use crate::gui::cache::CacheKey;
use crate::gui::charts::fmt_int;
use crate::gui::command::Command;
use crate::model::Problem;

/// The Problems view.
#[derive(Default)]
pub struct ProblemsPanel {
    search: String,
    key: CacheKey<(u64, String)>,
    rows: Vec<Problem>,
}

impl ProblemsPanel {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        let key = (cx.scope.key, self.search.clone());
        if !self.key.is(&key) {
            let needle = self.search.trim().to_lowercase();
            self.rows = cx
                .scope
                .corpus
                .report
                .problems
                .iter()
                .filter(|p| {
                    contains_folded(&p.message, &needle)
                        || contains_folded(&p.path, &needle)
                        || contains_folded(p.kind.as_str(), &needle)
                })
                .cloned()
                .collect();
            self.key.set(key);
        }
        let r = &cx.scope.corpus.report;
        ui.horizontal_wrapped(|ui| {
            search_ui(
                ui,
                "Find problem",
                &mut self.search,
                "kind, message or path (Ctrl+F)",
                cx.focus_search,
            );
            ui.label(format!(
                "{} problems · {} files looked at · {} articles imported · {} duplicates dropped",
                fmt_int(r.problems.len() as u64),
                fmt_int(r.files_seen),
                fmt_int(r.articles_imported),
                fmt_int(r.duplicates_dropped)
            ));
            if ui.button("Export CSV…").clicked() {
                cx.commands
                    .push(Command::ExportCsv(CsvExport::Problems(self.rows.clone())));
            }
        });
        for table in &r.metadata_tables {
            ui.label(table.to_string());
        }
        super::cleaning::cleaning_ui(ui, &r.cleaning);
        if r.problems.is_empty() {
            ui.label("The import met no problems.");
            return;
        }
        let row_h = egui::TextStyle::Body
            .resolve(ui.style())
            .size
            .max(ui.spacing().interact_size.y);
        TableBuilder::new(ui)
            .id_salt("problems-table")
            .striped(true)
            .column(Column::exact(100.0))
            .column(Column::initial(420.0).at_least(200.0).clip(true))
            .column(Column::remainder().at_least(200.0).clip(true))
            .header(22.0, |mut h| {
                for name in ["Kind", "Message", "Path"] {
                    h.col(|ui| {
                        ui.strong(name);
                    });
                }
            })
            .body(|body| {
                body.rows(row_h, self.rows.len(), |mut row| {
                    let Some(p) = self.rows.get(row.index()) else {
                        return;
                    };
                    row.col(|ui| {
                        ui.label(RichText::new(p.kind.as_str()).strong());
                    });
                    row.col(|ui| {
                        // A cut label shows its full text on hover by itself: no second tooltip.
                        ui.add(egui::Label::new(&p.message).truncate());
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(RichText::new(&p.path).monospace()).truncate());
                    });
                });
            });
    }
}
