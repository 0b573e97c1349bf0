//! The cleaning report, shown in the Problems view and summed up in Overview: what the import
//! removed (boilerplate lines with their article counts, bylines, datelines) and the exact and
//! near-duplicate clusters it found, with the switches it ran with.

use egui::{Grid, RichText, Ui};

use crate::gui::charts::fmt_int;
use crate::model::CleaningReport;

/// One sentence on what cleaning did, for Overview and the Problems view.
pub fn cleaning_sentence(c: &CleaningReport) -> String {
    let boiler = if c.options.keep_boilerplate {
        "boilerplate kept (switched off)".to_owned()
    } else {
        format!(
            "{} boilerplate lines removed ({} times, {} bytes), {} bylines, {} datelines",
            fmt_int(c.boilerplate.len() as u64),
            fmt_int(c.boilerplate_lines_removed),
            fmt_int(c.boilerplate_bytes_removed),
            fmt_int(c.bylines_removed),
            fmt_int(c.datelines_removed)
        )
    };
    let near = if c.options.find_near_duplicates {
        format!(
            "{} near-duplicate clusters ({} copies dropped)",
            fmt_int(c.near_duplicate_clusters.len() as u64),
            fmt_int(c.near_duplicates_dropped)
        )
    } else {
        "near-duplicates not looked for (switched off)".to_owned()
    };
    format!(
        "{boiler} · {} exact-duplicate groups · {near}",
        fmt_int(c.exact_duplicate_clusters)
    )
}

/// The "Cleaning" section: the sentence, then the boilerplate lines with their article counts.
pub fn cleaning_ui(ui: &mut Ui, c: &CleaningReport) {
    egui::CollapsingHeader::new("Cleaning")
        .id_salt("cleaning-report")
        .default_open(true)
        .show(ui, |ui| {
            ui.label(cleaning_sentence(c));
            ui.label(
                RichText::new("Switch cleaning steps off in Settings (or --keep-boilerplate, --keep-near-duplicates on the command line).")
                    .weak(),
            );
            if c.boilerplate.is_empty() {
                return;
            }
            egui::ScrollArea::vertical()
                .id_salt("boilerplate-lines")
                .max_height(160.0)
                .show(ui, |ui| {
                    Grid::new("boilerplate-grid")
                        .num_columns(2)
                        .striped(true)
                        .show(ui, |ui| {
                            ui.strong("Boilerplate line");
                            ui.strong("Articles");
                            ui.end_row();
                            for l in &c.boilerplate {
                                ui.label(&l.line);
                                ui.label(fmt_int(l.articles));
                                ui.end_row();
                            }
                        });
                });
        });
}
