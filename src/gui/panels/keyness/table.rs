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
    /// Show every column even when the panel is narrow.
    all_columns: bool,
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
            ui.label("Click opens:").on_hover_text(
                "Which side's articles a click on a row searches in the concordance",
            );
            ui.selectable_value(&mut self.reference_side, false, "Target");
            ui.selectable_value(&mut self.reference_side, true, "Reference");
            ui.checkbox(&mut self.all_columns, "All columns")
                .on_hover_text("Show the kind and the per-million rates even in a narrow panel");
        });
    }

    /// The keyness rows; a click opens the concordance of the item on one side. In a narrow
    /// panel the kind and the two per-million columns give way (unless "All columns" is ticked),
    /// so G², p and the log ratio stay on screen.
    fn rows_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, r: &KeyResult) {
        let row_h = egui::TextStyle::Body
            .resolve(ui.style())
            .size
            .max(ui.spacing().interact_size.y);
        let gap = ui.spacing().item_spacing.x;
        let full: f32 = KCol::ALL.iter().map(|c| c.width() + gap).sum::<f32>() + 110.0;
        let cols: Vec<KCol> = KCol::ALL
            .into_iter()
            .filter(|c| self.all_columns || ui.available_width() >= full || !c.optional())
            .collect();
        let mut clicked = None;
        let rows = &r.keyness.rows;
        let mut table = TableBuilder::new(ui)
            .id_salt(("keyness-table", cols.len()))
            .striped(true)
            .sense(Sense::click())
            .column(Column::remainder().at_least(110.0).clip(true));
        for c in &cols {
            table = table.column(Column::exact(c.width()));
        }
        table
            .header(20.0, |mut h| {
                h.col(|ui| {
                    ui.label(RichText::new("Item").strong())
                        .on_hover_text("Term or entity");
                });
                for c in &cols {
                    h.col(|ui| {
                        ui.label(RichText::new(c.title()).strong())
                            .on_hover_text(c.tip());
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
                    for c in &cols {
                        row.col(|ui| {
                            match c {
                                KCol::Kind => {
                                    ui.label(RichText::new(kind_label(cx, k.item)).weak())
                                }
                                _ => ui.label(c.cell(k)),
                            };
                        });
                    }
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

/// The keyness table's columns after the item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KCol {
    Kind,
    Target,
    Reference,
    TargetRate,
    ReferenceRate,
    G2,
    P,
    LogRatio,
    Significant,
}

impl KCol {
    const ALL: [KCol; 9] = [
        KCol::Kind,
        KCol::Target,
        KCol::Reference,
        KCol::TargetRate,
        KCol::ReferenceRate,
        KCol::G2,
        KCol::P,
        KCol::LogRatio,
        KCol::Significant,
    ];

    /// Columns that give way in a narrow panel.
    fn optional(self) -> bool {
        matches!(self, KCol::Kind | KCol::TargetRate | KCol::ReferenceRate)
    }

    fn width(self) -> f32 {
        match self {
            KCol::Kind => 46.0,
            KCol::Target | KCol::Reference | KCol::TargetRate | KCol::ReferenceRate => 62.0,
            KCol::G2 => 58.0,
            KCol::P => 64.0,
            KCol::LogRatio => 52.0,
            KCol::Significant => 24.0,
        }
    }

    fn title(self) -> &'static str {
        match self {
            KCol::Kind => "Kind",
            KCol::Target => "Target",
            KCol::Reference => "Ref.",
            KCol::TargetRate => "Target /M",
            KCol::ReferenceRate => "Ref. /M",
            KCol::G2 => "G²",
            KCol::P => "p",
            KCol::LogRatio => "Log ratio",
            KCol::Significant => "Sig.",
        }
    }

    fn tip(self) -> &'static str {
        match self {
            KCol::Kind => "term, or the entity type",
            KCol::Target => "Count in the target",
            KCol::Reference => "Count in the reference",
            KCol::TargetRate => "Per million tokens of the target",
            KCol::ReferenceRate => "Per million tokens of the reference",
            KCol::G2 => "Log-likelihood, negative when under-represented in the target",
            KCol::P => "p-value of G² (χ², 1 degree of freedom)",
            KCol::LogRatio => "log2 of the ratio of the two rates (effect size)",
            KCol::Significant => "* when p is below the Bonferroni-corrected threshold",
        }
    }

    /// The cell text of every column but the kind.
    fn cell(self, k: &KeynessRow) -> String {
        match self {
            KCol::Kind => String::new(),
            KCol::Target => fmt_int(k.target_count),
            KCol::Reference => fmt_int(k.reference_count),
            KCol::TargetRate => fmt_f(k.target_per_million),
            KCol::ReferenceRate => fmt_f(k.reference_per_million),
            KCol::G2 => fmt_f(k.log_likelihood),
            KCol::P => crate::analysis::keyness::format_p(k.p_value, 1),
            KCol::LogRatio => fmt_f(k.log_ratio),
            KCol::Significant => if k.significant { "*" } else { "" }.to_owned(),
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
