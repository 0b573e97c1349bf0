//! The Timeline split by a facet: articles per period as one line per value of a metadata field
//! (the top values, then "(other)" and "(no value)"), and each picked trend as one line per value
//! (count, or per million tokens of that value's articles in the period).

use std::sync::Arc;

use egui::Ui;

use super::ViewCx;
use super::timeline::{TrendMode, trend_line};
use crate::analysis::facets::{Facet, SplitSeries};
use crate::analysis::{Series, TrendPoint, per_million};
use crate::export::{CsvExport, TrendRows};
use crate::gui::cache::CacheKey;
use crate::gui::charts::{self, LineSeries};
use crate::gui::command::Command;
use crate::model::Granularity;

/// Values drawn in the articles chart.
const ARTICLE_VALUES: usize = 8;
/// Values drawn per picked trend (lines multiply with the trends).
const TREND_VALUES: usize = 4;

type SplitKey = (u64, Granularity, String, Vec<Series>, TrendMode, usize);

/// The split the user chose and the lines computed for it.
#[derive(Default)]
pub struct TimelineSplit {
    /// The metadata field to split by; `None` draws the whole-corpus charts.
    pub field: Option<String>,
    key: CacheKey<SplitKey>,
    /// Articles per period per value, as exported.
    pub articles: Vec<SplitSeries>,
    pub article_lines: Vec<LineSeries>,
    /// One trend per (picked series, value), named `series — value`.
    pub trends: Vec<TrendRows>,
    pub trend_lines: Vec<LineSeries>,
}

impl TimelineSplit {
    /// "Split by" with every categorical field, or nothing when the corpus has none.
    pub fn picker_ui(&mut self, ui: &mut Ui, cx: &ViewCx<'_>) {
        let facets = &cx.scope.analysis.facets;
        if facets.categorical().next().is_none() {
            self.field = None;
            return;
        }
        let shown = self.field.clone().unwrap_or_else(|| "nothing".to_owned());
        let l = ui.label("Split by:");
        egui::ComboBox::from_id_salt("timeline-split")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.field, None, "nothing");
                for f in facets.categorical() {
                    ui.selectable_value(&mut self.field, Some(f.name.clone()), &f.name);
                }
            })
            .response
            .labelled_by(l.id);
    }

    /// The facet split by, when one is chosen and the corpus has it.
    pub fn facet<'a>(&self, cx: &'a ViewCx<'_>) -> Option<&'a Facet> {
        let name = self.field.as_deref()?;
        cx.scope.analysis.facets.field(name)
    }

    /// Recompute the lines when the scope, the periods, the field or the trends changed.
    pub fn refresh(
        &mut self,
        cx: &ViewCx<'_>,
        g: Granularity,
        series: &[Series],
        mode: TrendMode,
        smoothing: usize,
    ) {
        let Some(facet) = self.facet(cx) else {
            return;
        };
        let key = (
            cx.scope.key,
            g,
            facet.name.clone(),
            series.to_vec(),
            mode,
            smoothing,
        );
        if !self.key.changed(key) {
            return;
        }
        let a = &cx.scope.analysis;
        let tl = cx.scope.timeline(g);
        let selected = cx.scope.selected();
        self.articles = facet.split_timeline(a, tl, selected, ARTICLE_VALUES);
        self.article_lines = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, s)| LineSeries {
                name: s.label.clone(),
                color: charts::series_color(i),
                points: s
                    .counts
                    .iter()
                    .enumerate()
                    .map(|(x, &c)| [x as f64, c as f64])
                    .collect(),
            })
            .collect();
        let tokens = facet.split_weighted(a, tl, selected, TREND_VALUES, |d| {
            a.docs.get(d as usize).map_or(0, |x| u64::from(x.tokens))
        });
        self.trends.clear();
        self.trend_lines.clear();
        for &s in series {
            let mut per_doc = vec![0u64; a.docs.len()];
            for &(d, n) in a.series_postings(s).iter() {
                per_doc[d as usize] = u64::from(n);
            }
            let counts = facet.split_weighted(a, tl, selected, TREND_VALUES, |d| {
                per_doc.get(d as usize).copied().unwrap_or(0)
            });
            let name = a.series_name(s);
            for (c, t) in counts.iter().zip(&tokens) {
                let points: Vec<TrendPoint> = tl
                    .periods
                    .iter()
                    .zip(c.counts.iter().zip(&t.counts))
                    .map(|(&period, (&count, &tok))| TrendPoint {
                        period,
                        count,
                        per_million: per_million(count, tok),
                    })
                    .collect();
                // A period where the value has no tokens is a gap, not a zero.
                let present: Vec<u32> = t.counts.iter().map(|&x| u32::from(x > 0)).collect();
                self.trend_lines.push(LineSeries {
                    name: format!("{name} — {}", c.label),
                    color: charts::series_color(self.trend_lines.len()),
                    points: trend_line(&points, &present, mode, smoothing),
                });
                let kind = a.series_kind(s).map(|k| k.as_str());
                self.trends
                    .push((format!("{name} — {}", c.label), kind, points));
            }
        }
    }

    /// Articles per period, one line per value, with its toolbar (CSV of the split, PNG).
    pub fn articles_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut ViewCx<'_>,
        labels: &Arc<Vec<String>>,
        g: Granularity,
        height: f32,
    ) {
        let field = self.field.clone().unwrap_or_default();
        let title = format!("Articles per {} by {field}", g.as_str());
        let actions = charts::chart_toolbar_ui(ui, &title);
        let rows = &self.articles;
        let hover = |name: &str, i: usize| {
            let s = rows.iter().find(|s| s.label == name)?;
            let n = s.counts.get(i)?;
            Some(format!(
                "{name}\n{}\n{} articles",
                labels.get(i).cloned().unwrap_or_default(),
                charts::fmt_int(*n)
            ))
        };
        charts::period_lines_ui(
            ui,
            "timeline-split-lines",
            &self.article_lines,
            labels,
            "articles",
            actions.reset,
            height,
            &[],
            hover,
        );
        if actions.export_csv {
            let tl = cx.scope.timeline(g);
            cx.commands.push(Command::ExportCsv(CsvExport::FacetSplit {
                granularity: g,
                field,
                periods: tl.periods.clone(),
                series: self.articles.clone(),
            }));
        }
        let stem = format!("timeline_{}_by_field", g.as_str());
        actions.save_chart(cx.commands, &stem, || {
            charts::lines_spec(&title, "articles", labels, &self.article_lines)
        });
    }
}
