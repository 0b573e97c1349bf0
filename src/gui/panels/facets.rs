//! The facet panel: each categorical metadata field with its values and their article counts
//! under the current filter. Ticking a value adds `field:value` to the filter (values of one field
//! are OR-ed, fields AND-ed); unticking removes it. A field's own choice is left out when its
//! counts are computed, so the other values of a ticked field keep their counts and can be added.

use egui::{RichText, Ui};

use super::ViewCx;
use crate::analysis::facets::{Facet, FacetCount};
use crate::analysis::filter::Filter;
use crate::analysis::query_edit::{FacetGroup, facet_groups, remove_field, toggle_value};
use crate::gui::cache::CacheKey;
use crate::gui::charts::fmt_int;
use crate::gui::command::Command;
use crate::gui::widgets::labelled_edit;

/// Values shown per field before "Show all".
const SHOWN_VALUES: usize = 8;

/// One field's rows, computed for a scope and filter.
struct FieldRows {
    name: String,
    /// Values with articles under the filter (without the field's own choice), plus ticked values
    /// that have none.
    counts: Vec<FacetCount>,
    ticked: Vec<String>,
}

/// The facet side panel's state.
pub struct FacetsPanel {
    /// The panel is shown (it folds to a narrow strip).
    pub open: bool,
    /// Fields whose every value is shown.
    expanded: Vec<String>,
    /// Narrow the values of an expanded field.
    search: String,
    key: CacheKey<u64>,
    fields: Vec<FieldRows>,
}

impl Default for FacetsPanel {
    fn default() -> Self {
        Self {
            open: true,
            expanded: Vec::new(),
            search: String::new(),
            key: CacheKey::default(),
            fields: Vec::new(),
        }
    }
}

impl FacetsPanel {
    /// Whether the corpus has fields to show.
    /// Whether some field offers a choice: two values, or one that not every article has. (A
    /// corpus all in one language gets no panel for that one value.)
    pub fn has_facets(cx: &ViewCx<'_>) -> bool {
        let articles = cx.scope.corpus.articles.len();
        cx.scope
            .analysis
            .facets
            .categorical()
            .any(|f| f.values.len() >= 2 || (f.articles as usize) < articles)
    }

    fn refresh(&mut self, cx: &ViewCx<'_>) {
        if !self.key.changed(cx.scope.key) {
            return;
        }
        let a = &cx.scope.analysis;
        let filter = cx.filter.cloned().unwrap_or_default();
        let groups = filter
            .query
            .as_ref()
            .map(|q| facet_groups(q).0)
            .unwrap_or_default();
        self.fields = a
            .facets
            .categorical()
            .map(|facet| field_rows(cx, facet, &filter, &groups))
            .collect();
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        self.refresh(cx);
        ui.horizontal(|ui| {
            ui.heading("Facets");
            if ui
                .small_button("Hide")
                .on_hover_text("Fold the facet panel")
                .clicked()
            {
                self.open = false;
            }
        });
        ui.label(RichText::new("Articles under the filter; tick values to filter by them.").weak());
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut toggled: Option<(String, String, bool)> = None;
                let mut cleared: Option<String> = None;
                for field in &self.fields {
                    let expanded = self.expanded.contains(&field.name);
                    let header = format!("{} ({})", field.name, fmt_int(field.counts.len() as u64));
                    egui::CollapsingHeader::new(RichText::new(header).strong())
                        .id_salt(("facet", &field.name))
                        .default_open(true)
                        .show(ui, |ui| {
                            if !field.ticked.is_empty()
                                && ui
                                    .small_button("Clear")
                                    .on_hover_text("Untick every value")
                                    .clicked()
                            {
                                cleared = Some(field.name.clone());
                            }
                            if expanded {
                                ui.horizontal(|ui| {
                                    labelled_edit(ui, "Search", &mut self.search, "a value", 120.0);
                                });
                            }
                            let needle = self.search.to_lowercase();
                            let rows = field.counts.iter().filter(|c| {
                                !expanded
                                    || needle.is_empty()
                                    || c.value.to_lowercase().contains(&needle)
                            });
                            let limit = if expanded { usize::MAX } else { SHOWN_VALUES };
                            for c in rows.take(limit) {
                                let mut on = field.ticked.contains(&c.value);
                                let label = format!("{}  {}", c.value, fmt_int(c.articles));
                                if ui.checkbox(&mut on, label).clicked() {
                                    toggled = Some((field.name.clone(), c.value.clone(), on));
                                }
                            }
                            let hidden = field.counts.len().saturating_sub(SHOWN_VALUES);
                            if !expanded && hidden > 0 {
                                if ui
                                    .small_button(format!("Show all {}", field.counts.len()))
                                    .clicked()
                                {
                                    self.expanded.push(field.name.clone());
                                }
                            } else if expanded && ui.small_button("Show fewer").clicked() {
                                self.expanded.retain(|f| f != &field.name);
                            }
                        });
                }
                let current = cx.filter.cloned().unwrap_or_default();
                if let Some((field, value, on)) = toggled {
                    cx.commands.push(Command::ApplyFilter(toggle_value(
                        &current, &field, &value, on,
                    )));
                }
                if let Some(field) = cleared {
                    cx.commands
                        .push(Command::ApplyFilter(remove_field(&current, &field)));
                }
            });
    }
}

/// The counts of one field under `filter` without the field's own choice, ticked values first
/// kept even at zero.
fn field_rows(cx: &ViewCx<'_>, facet: &Facet, filter: &Filter, groups: &[FacetGroup]) -> FieldRows {
    let a = &cx.scope.analysis;
    let ticked: Vec<String> = groups
        .iter()
        .filter(|g| g.field.eq_ignore_ascii_case(&facet.name))
        .flat_map(|g| g.values.iter().cloned())
        .collect();
    let mut counts = if ticked.is_empty() {
        facet.counts(a, cx.scope.selected())
    } else {
        let others = remove_field(filter, &facet.name);
        if others.is_empty() {
            facet.counts(a, None)
        } else {
            let docs = a.select(&cx.scope.corpus, &others);
            facet.counts(a, Some(&docs))
        }
    };
    for t in &ticked {
        if !counts.iter().any(|c| c.value.eq_ignore_ascii_case(t)) {
            counts.push(FacetCount {
                value: t.clone(),
                articles: 0,
                tokens: 0,
            });
        }
    }
    // A ticked value matches its field's values without regard to case: tick them all.
    let ticked = counts
        .iter()
        .filter(|c| ticked.iter().any(|t| t.eq_ignore_ascii_case(&c.value)))
        .map(|c| c.value.clone())
        .collect();
    FieldRows {
        name: facet.name.clone(),
        counts,
        ticked,
    }
}
