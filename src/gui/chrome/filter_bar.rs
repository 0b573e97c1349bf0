//! The global filter bar: Back/Forward through earlier filters, the From/To/Query fields (parsed
//! by the core's one filter constructor), and the applied filter as removable chips.

use egui::{RichText, Ui};

use super::{ChromeCx, labelled_edit};
use crate::analysis::filter::Filter;
use crate::analysis::query_edit::{facet_groups, remove_field, remove_rest};
use crate::gui::charts::fmt_int;
use crate::gui::command::Command;

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

impl FilterBar {
    /// The filter the fields describe (through the core's one filter constructor), or a message
    /// saying what is wrong.
    pub fn parse(&self) -> Result<Filter, String> {
        Filter::from_parts(&self.from, &self.to, &self.query).map_err(|e| e.to_string())
    }

    /// Show `filter` in the fields.
    pub fn show(&mut self, filter: &Filter) {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        self.from = date(filter.from);
        self.to = date(filter.to);
        self.query = filter
            .query
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
    }
}

pub(super) fn filter_ui(cx: &mut ChromeCx<'_>, ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        let back = cx.filter.can_go_back;
        let forward = cx.filter.can_go_forward;
        if ui
            .add_enabled(back, egui::Button::new("Back"))
            .on_hover_text("The filter before this one")
            .clicked()
        {
            cx.commands.push(Command::FilterBack);
        }
        if ui
            .add_enabled(forward, egui::Button::new("Forward"))
            .on_hover_text("The filter Back left")
            .clicked()
        {
            cx.commands.push(Command::FilterForward);
        }
        let f = &mut *cx.filter.bar;
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
                Ok(filter) => cx.commands.push(Command::ApplyFilter(filter)),
                Err(e) => f.error = Some(e),
            }
        }
        if ui.button("Clear filter").clicked() {
            cx.commands.push(Command::ClearFilter);
        }
        chips_ui(cx, ui);
        if let Some(e) = &cx.filter.bar.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    });
}

/// The applied filter as removable chips, and the size of the selection.
fn chips_ui(cx: &mut ChromeCx<'_>, ui: &mut Ui) {
    let total = cx.scope.analysis.docs.len() as u64;
    if cx.filter.busy {
        crate::gui::widgets::spinner(ui);
        ui.label("Filtering…");
        return;
    }
    if !cx.scope.is_filtered() {
        return;
    }
    ui.label(
        RichText::new(format!(
            "{} of {} articles",
            fmt_int(cx.scope.articles() as u64),
            fmt_int(total)
        ))
        .strong(),
    );
    let filter = cx.filter.requested.clone();
    let chip = |ui: &mut Ui, text: String, tip: &str| {
        ui.add(egui::Button::new(RichText::new(text)).corner_radius(10.0))
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
            cx.commands.push(Command::SetDates {
                from: None,
                to: None,
            });
        }
    }
    let Some(q) = &filter.query else {
        return;
    };
    // Facet choices are chips of their own; the rest of the query is one chip.
    let (groups, rest) = facet_groups(q);
    for g in &groups {
        let text = format!("{}: {} ×", g.field, g.values.join(" | "));
        if chip(ui, text, "Remove this field's values from the filter") {
            cx.commands
                .push(Command::ApplyFilter(remove_field(&filter, &g.field)));
        }
    }
    if let Some(rest) = rest {
        let tip = "Remove the query from the filter";
        if groups.is_empty() {
            if chip(ui, format!("query: {rest} ×"), tip) {
                cx.commands.push(Command::RemoveQuery);
            }
        } else if chip(ui, format!("query: {rest} ×"), tip) {
            cx.commands.push(Command::ApplyFilter(remove_rest(&filter)));
        }
    }
}
