//! The keyness table (item, kind, counts and rates on both sides, G², p, log ratio, significance)
//! and the diverging bar chart of the most over- and under-represented items. A click on a row
//! or a bar opens the item's concordance restricted to the target or the reference.

use std::sync::Arc;

use egui::{RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::super::{ViewCx, contains_folded, search_ui};
use super::KeyResult;
use crate::analysis::keyness::{KeyItem, KeynessRow};
use crate::gui::cache::CacheKey;
use crate::gui::charts::{self, BarSpec, fmt_f, fmt_int};
use crate::gui::command::Command;

/// What the bar chart ranks by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RankBy {
    #[default]
    LogLikelihood,
    /// Log ratio, among significant rows (effect size without evidence is noise).
    LogRatio,
}

/// Bars on each side of the diverging chart.
const BARS_PER_SIDE: usize = 12;

/// Table and chart state, with the rows and bars cached per result and settings.
#[derive(Default)]
pub struct KeyTable {
    search: String,
    significant_only: bool,
    rank_by: RankBy,
    /// Concordance side for table clicks: the reference instead of the target.
    reference_side: bool,
    key: CacheKey<(usize, String, bool, RankBy, bool)>,
    rows: Vec<usize>,
    bars: Vec<BarSpec>,
    bar_rows: Vec<usize>,
    reset: bool,
    /// The chart's "CSV…" was clicked (the panel writes the table with its parameters).
    pub export_requested: bool,
}

impl KeyTable {
    fn refresh(&mut self, r: &KeyResult, cx: &ViewCx<'_>) {
        let key = (
            Arc::as_ptr(&r.keyness) as usize,
            self.search.clone(),
            self.significant_only,
            self.rank_by,
            cx.dark,
        );
        if self.key.is(&key) {
            return;
        }
        let a = &cx.scope.analysis;
        let needle = self.search.trim().to_lowercase();
        let rows = &r.keyness.rows;
        self.rows = (0..rows.len())
            .filter(|&i| {
                (!self.significant_only || rows[i].significant)
                    && contains_folded(a.item_name(rows[i].item), &needle)
            })
            .collect();
        let measure = |row: &KeynessRow| match self.rank_by {
            RankBy::LogLikelihood => row.log_likelihood,
            RankBy::LogRatio => row.log_ratio,
        };
        let mut ranked: Vec<usize> = (0..rows.len())
            .filter(|&i| self.rank_by == RankBy::LogLikelihood || rows[i].significant)
            .collect();
        ranked.sort_by(|&x, &y| measure(&rows[y]).total_cmp(&measure(&rows[x])));
        let over: Vec<usize> = ranked
            .iter()
            .copied()
            .filter(|&i| measure(&rows[i]) > 0.0)
            .take(BARS_PER_SIDE)
            .collect();
        let mut under: Vec<usize> = ranked
            .iter()
            .rev()
            .copied()
            .filter(|&i| measure(&rows[i]) < 0.0)
            .take(BARS_PER_SIDE)
            .collect();
        under.reverse();
        self.bar_rows = over.into_iter().chain(under).collect();
        let (over_c, under_c) = (charts::series_color(0), charts::series_color(1));
        self.bars = self
            .bar_rows
            .iter()
            .map(|&i| {
                let row = &rows[i];
                let name = a.item_name(row.item).to_owned();
                let v = measure(row);
                BarSpec {
                    value: v,
                    tooltip: format!(
                        "{name} ({})\n{} in target ({} per million)\n{} in reference ({} per million)\nG² {} · log ratio {} · p {}\nclick: concordance in the {}",
                        kind_label(cx, row.item),
                        fmt_int(row.target_count),
                        fmt_f(row.target_per_million),
                        fmt_int(row.reference_count),
                        fmt_f(row.reference_per_million),
                        fmt_f(row.log_likelihood),
                        fmt_f(row.log_ratio),
                        crate::analysis::keyness::format_p(row.p_value, 2),
                        if v > 0.0 { "target" } else { "reference" }
                    ),
                    label: name,
                    color: if v > 0.0 { over_c } else { under_c },
                }
            })
            .collect();
        self.key.set(key);
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, r: &KeyResult) {
        self.refresh(r, cx);
        let width = ui.available_width();
        egui::Panel::right("keyness-chart")
            .resizable(true)
            .default_size((width * 0.42).max(360.0))
            .show(ui, |ui| self.chart_ui(ui, cx, r));
        egui::CentralPanel::default().show(ui, |ui| self.table_ui(ui, cx, r));
    }

    fn open(&self, cx: &mut ViewCx<'_>, r: &KeyResult, item: KeyItem, reference: bool) {
        let (docs, label) = if reference {
            (r.reference.clone(), r.reference_label.clone())
        } else {
            (r.target.clone(), r.target_label.clone())
        };
        cx.commands
            .push(Command::ConcordanceIn { item, docs, label });
    }

    fn chart_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, r: &KeyResult) {
        ui.horizontal(|ui| {
            ui.label("Rank by:");
            ui.selectable_value(&mut self.rank_by, RankBy::LogLikelihood, "G²");
            ui.selectable_value(&mut self.rank_by, RankBy::LogRatio, "Log ratio");
        });
        let title = match self.rank_by {
            RankBy::LogLikelihood => "Over- and under-represented (G²)",
            RankBy::LogRatio => "Over- and under-represented (log ratio, significant only)",
        };
        let actions = charts::chart_toolbar_ui(ui, title);
        let axis = match self.rank_by {
            RankBy::LogLikelihood => "signed G² (right: more in target)",
            RankBy::LogRatio => "log2 ratio (right: more in target)",
        };
        let h = (ui.available_height() - 8.0).max(200.0);
        let resp = charts::ranked_bars_ui(
            ui,
            "keyness-bars",
            &self.bars,
            axis,
            self.reset || actions.reset,
            h,
        );
        self.reset = false;
        if let Some(i) = resp.clicked
            && let Some(row) = self.bar_rows.get(i).and_then(|&j| r.keyness.rows.get(j))
        {
            let reference = self.bars.get(i).is_some_and(|b| b.value < 0.0);
            self.open(cx, r, row.item, reference);
        }
        self.export_requested |= actions.export_csv;
        actions.save_chart(cx.commands, "keyness", || {
            charts::ranked_spec(title, axis, "item", &self.bars)
        });
    }

    fn table_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, r: &KeyResult) {
        self.table_controls_ui(ui, cx);
        self.rows_ui(ui, cx, r);
    }

    /// Search, "significant only", the row count and which side a click searches.
    fn table_controls_ui(&mut self, ui: &mut Ui, cx: &ViewCx<'_>) {
        ui.horizontal_wrapped(|ui| {
            search_ui(
                ui,
                "Find item",
                &mut self.search,
                "term or entity",
                cx.focus_search,
            );
            ui.checkbox(&mut self.significant_only, "Significant only");
            ui.label(format!("{} rows", fmt_int(self.rows.len() as u64)));
            ui.separator();
            ui.label("Click opens the concordance in:");
            ui.selectable_value(&mut self.reference_side, false, "Target");
            ui.selectable_value(&mut self.reference_side, true, "Reference");
        });
    }

    /// The keyness rows; a click opens the concordance of the item on one side.
    fn rows_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, r: &KeyResult) {
        let row_h = egui::TextStyle::Body
            .resolve(ui.style())
            .size
            .max(ui.spacing().interact_size.y);
        let mut clicked = None;
        let rows = &r.keyness.rows;
        TableBuilder::new(ui)
            .id_salt("keyness-table")
            .striped(true)
            .sense(Sense::click())
            .column(Column::remainder().at_least(110.0).clip(true))
            .column(Column::exact(46.0))
            .columns(Column::exact(62.0), 4)
            .column(Column::exact(58.0))
            .column(Column::exact(64.0))
            .column(Column::exact(52.0))
            .column(Column::exact(24.0))
            .header(20.0, |mut h| {
                for (title, tip) in [
                    ("Item", "Term or entity"),
                    ("Kind", "term, or the entity type"),
                    ("Target", "Count in the target"),
                    ("Ref.", "Count in the reference"),
                    ("Target /M", "Per million tokens of the target"),
                    ("Ref. /M", "Per million tokens of the reference"),
                    (
                        "G²",
                        "Log-likelihood, negative when under-represented in the target",
                    ),
                    ("p", "p-value of G² (χ², 1 degree of freedom)"),
                    (
                        "Log ratio",
                        "log2 of the ratio of the two rates (effect size)",
                    ),
                    (
                        "Sig.",
                        "* when p is below the Bonferroni-corrected threshold",
                    ),
                ] {
                    h.col(|ui| {
                        ui.label(RichText::new(title).strong()).on_hover_text(tip);
                    });
                }
            })
            .body(|body| {
                body.rows(row_h, self.rows.len(), |mut row| {
                    let Some(k) = self.rows.get(row.index()).and_then(|&i| rows.get(i)) else {
                        return;
                    };
                    let name = cx.scope.analysis.item_name(k.item);
                    row.col(|ui| {
                        ui.label(name);
                    });
                    row.col(|ui| {
                        ui.label(RichText::new(kind_label(cx, k.item)).weak());
                    });
                    row.col(|ui| {
                        ui.label(fmt_int(k.target_count));
                    });
                    row.col(|ui| {
                        ui.label(fmt_int(k.reference_count));
                    });
                    row.col(|ui| {
                        ui.label(fmt_f(k.target_per_million));
                    });
                    row.col(|ui| {
                        ui.label(fmt_f(k.reference_per_million));
                    });
                    row.col(|ui| {
                        ui.label(fmt_f(k.log_likelihood));
                    });
                    row.col(|ui| {
                        ui.label(crate::analysis::keyness::format_p(k.p_value, 1));
                    });
                    row.col(|ui| {
                        ui.label(fmt_f(k.log_ratio));
                    });
                    row.col(|ui| {
                        ui.label(if k.significant { "*" } else { "" });
                    });
                    if row.response().clicked() {
                        clicked = Some(k.item);
                    }
                });
            });
        if let Some(item) = clicked {
            self.open(cx, r, item, self.reference_side);
        }
    }
}

/// "term" or a short entity type.
fn kind_label(cx: &ViewCx<'_>, item: KeyItem) -> &'static str {
    match item {
        KeyItem::Term(_) => "term",
        KeyItem::Entity(e) => cx
            .scope
            .analysis
            .entities
            .entities
            .get(e as usize)
            .map_or("entity", |x| {
                super::super::entities::selected::short_kind(x.kind)
            }),
    }
}
