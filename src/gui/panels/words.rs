//! Words: every term in a searchable, sortable virtual table (100k+ rows scroll smoothly), a bar
//! chart of the top N and a Zipf rank–frequency chart on log axes; bigrams, trigrams and
//! collocations live in their own sub-view ([`super::ngrams`]), hashtags, handles and links in
//! theirs ([`super::links`]).

use egui::{RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};
use egui_plot::{HoverPosition, Line, Plot, PlotPoints, Points};

use super::links::LinksView;
use super::ngrams::NgramsView;
use super::{Sort, ViewCx, contains_folded, search_ui, sort_header_ui};
use crate::analysis::Series;
use crate::analysis::TermStat;
use crate::export::CsvExport;
use crate::gui::cache::CacheKey;
use crate::gui::charts::{self, BarSpec, fmt_f, fmt_int};
use crate::gui::command::Command;

/// Sub-views of Words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WordsTab {
    #[default]
    Terms,
    Bigrams,
    Trigrams,
    Collocations,
    /// Hashtags, handles, links and domains ([`super::links`]).
    Links,
}

/// Columns of the terms table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TermCol {
    Term,
    Count,
    PerMillion,
    DocFreq,
    Dispersion,
}

/// One point of the Zipf chart: rank, term id, count.
type ZipfPoint = (usize, u32, u64);

/// The Words view.
pub struct WordsPanel {
    pub tab: WordsTab,
    pub search: String,
    sort: Sort<TermCol>,
    /// Cache key of `rows`: scope, search, sort.
    key: CacheKey<(u64, String, Sort<TermCol>, bool, usize)>,
    /// Table rows: terms of the scope after search and sort.
    rows: Vec<TermStat>,
    /// The top N rows by count (behind the bar chart).
    top: Vec<TermStat>,
    bars: Vec<BarSpec>,
    zipf: Vec<ZipfPoint>,
    selected: Option<u32>,
    reset_bars: bool,
    reset_zipf: bool,
    ngrams: NgramsView,
    links: LinksView,
}

impl Default for WordsPanel {
    fn default() -> Self {
        Self {
            tab: WordsTab::Terms,
            search: String::new(),
            sort: Sort {
                column: TermCol::Count,
                descending: true,
            },
            key: CacheKey::default(),
            rows: Vec::new(),
            top: Vec::new(),
            bars: Vec::new(),
            zipf: Vec::new(),
            selected: None,
            reset_bars: false,
            reset_zipf: false,
            ngrams: NgramsView::default(),
            links: LinksView::default(),
        }
    }
}

/// Ranks kept for the Zipf chart: every rank up to 1,000, then log-spaced (about 200 per decade).
fn zipf_ranks(n: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut r = 1usize;
    while r <= n {
        out.push(r);
        r = if r < 1000 {
            r + 1
        } else {
            (r as f64 * 1.0116).ceil() as usize
        };
    }
    if out.last() != Some(&n) && n > 0 {
        out.push(n);
    }
    out
}

impl WordsPanel {
    fn refresh(&mut self, cx: &ViewCx<'_>) {
        let key = (
            cx.scope.key,
            self.search.clone(),
            self.sort,
            cx.dark,
            cx.state.top_n,
        );
        if self.key.is(&key) {
            return;
        }
        let a = &cx.scope.analysis;
        let needle = self.search.trim().to_lowercase();
        let all = cx.scope.terms();
        let mut rows: Vec<TermStat> = all
            .iter()
            .filter(|t| contains_folded(a.vocab.term(t.term), &needle))
            .copied()
            .collect();
        let top_n = cx.state.top_n;
        let color = charts::bar_color(cx.dark);
        self.top = rows.iter().take(top_n).copied().collect();
        self.bars = self
            .top
            .iter()
            .map(|t| {
                let term = a.vocab.term(t.term).to_owned();
                BarSpec {
                    value: t.count as f64,
                    tooltip: format!(
                        "{term}\ncount {}\n{} per million\nin {} articles",
                        fmt_int(t.count),
                        fmt_f(t.per_million),
                        fmt_int(u64::from(t.doc_freq))
                    ),
                    label: term,
                    color,
                }
            })
            .collect();
        let s = self.sort;
        rows.sort_by(|x, y| {
            let o = match s.column {
                TermCol::Term => a.vocab.term(y.term).cmp(a.vocab.term(x.term)),
                TermCol::Count => x.count.cmp(&y.count),
                TermCol::PerMillion => x.per_million.total_cmp(&y.per_million),
                TermCol::DocFreq => x.doc_freq.cmp(&y.doc_freq),
                TermCol::Dispersion => x.dispersion_dp.total_cmp(&y.dispersion_dp),
            };
            let o = if s.descending { o.reverse() } else { o };
            o.then_with(|| y.count.cmp(&x.count))
                .then_with(|| a.vocab.term(x.term).cmp(a.vocab.term(y.term)))
        });
        self.rows = rows;
        self.zipf = zipf_ranks(all.len())
            .into_iter()
            .filter_map(|r| all.get(r - 1).map(|t| (r, t.term, t.count)))
            .collect();
        self.key.set(key);
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        ui.horizontal(|ui| {
            for (tab, label) in [
                (WordsTab::Terms, "Terms"),
                (WordsTab::Bigrams, "Bigrams"),
                (WordsTab::Trigrams, "Trigrams"),
                (WordsTab::Collocations, "Collocations"),
                (WordsTab::Links, "Links & tags"),
            ] {
                ui.selectable_value(&mut self.tab, tab, label);
            }
        });
        ui.separator();
        match self.tab {
            WordsTab::Terms => self.terms_ui(ui, cx),
            WordsTab::Links => self.links.ui(ui, cx),
            tab => self.ngrams.ui(ui, cx, tab),
        }
    }

    fn terms_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        self.refresh(cx);
        let width = ui.available_width();
        egui::Panel::left("words-table")
            .resizable(true)
            .default_size((width * 0.5).max(420.0))
            .show(ui, |ui| self.table_ui(ui, cx));
        egui::CentralPanel::default().show(ui, |ui| {
            let h = (ui.available_height() - 70.0).max(320.0);
            self.bars_ui(ui, cx, h * 0.58);
            ui.add_space(6.0);
            self.zipf_ui(ui, cx, h * 0.42);
        });
    }

    fn table_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        ui.horizontal(|ui| {
            search_ui(
                ui,
                "Find term",
                &mut self.search,
                "type to filter (Ctrl+F)",
                cx.focus_search,
            );
            ui.label(format!(
                "{} of {} terms",
                fmt_int(self.rows.len() as u64),
                fmt_int(cx.scope.terms().len() as u64)
            ));
            if ui
                .button("Export CSV…")
                .on_hover_text("Export the table's rows as shown (search and sort)")
                .clicked()
            {
                cx.commands
                    .push(Command::ExportCsv(CsvExport::Terms(self.rows.clone())));
            }
        });
        let a = cx.scope.analysis.clone();
        let mut sort = self.sort;
        let mut clicked = None;
        let text_height = egui::TextStyle::Body
            .resolve(ui.style())
            .size
            .max(ui.spacing().interact_size.y);
        TableBuilder::new(ui)
            .id_salt("terms-table")
            .striped(true)
            .sense(Sense::click())
            .column(Column::exact(56.0))
            .column(Column::remainder().at_least(120.0).clip(true))
            .column(Column::exact(80.0))
            .column(Column::exact(90.0))
            .column(Column::exact(70.0))
            .column(Column::exact(60.0))
            .header(22.0, |mut h| {
                h.col(|ui| {
                    ui.strong("Rank");
                });
                h.col(|ui| {
                    sort_header_ui(ui, "Term", TermCol::Term, &mut sort);
                });
                h.col(|ui| {
                    sort_header_ui(ui, "Count", TermCol::Count, &mut sort);
                });
                h.col(|ui| {
                    sort_header_ui(ui, "Per million", TermCol::PerMillion, &mut sort);
                });
                h.col(|ui| {
                    sort_header_ui(ui, "Docs", TermCol::DocFreq, &mut sort);
                });
                h.col(|ui| {
                    sort_header_ui(ui, "DP", TermCol::Dispersion, &mut sort);
                });
            })
            .body(|body| {
                body.rows(text_height, self.rows.len(), |mut row| {
                    let i = row.index();
                    let Some(t) = self.rows.get(i) else {
                        return;
                    };
                    row.set_selected(self.selected == Some(t.term));
                    row.col(|ui| {
                        ui.label(RichText::new((i + 1).to_string()).weak());
                    });
                    row.col(|ui| {
                        ui.label(a.vocab.term(t.term));
                    });
                    row.col(|ui| {
                        ui.label(fmt_int(t.count));
                    });
                    row.col(|ui| {
                        ui.label(fmt_f(t.per_million));
                    });
                    row.col(|ui| {
                        ui.label(fmt_int(u64::from(t.doc_freq)));
                    });
                    row.col(|ui| {
                        ui.label(format!("{:.2}", t.dispersion_dp));
                    });
                    if row.response().clicked() {
                        clicked = Some(t.term);
                    }
                });
            });
        self.sort = sort;
        if let Some(term) = clicked {
            self.selected = Some(term);
            cx.commands.push(Command::Drill(Series::Term(term)));
        }
    }

    fn bars_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, height: f32) {
        let shown = self.bars.len().min(charts::ranked_capacity(height));
        let title = format!("Top {shown} terms");
        let actions = charts::chart_toolbar_ui(ui, &title);
        let resp = charts::ranked_bars_ui(
            ui,
            "words-bars",
            &self.bars[..shown],
            "count",
            self.reset_bars || actions.reset,
            height,
        );
        self.reset_bars = false;
        if let Some(i) = resp.clicked
            && let Some(t) = self.top.get(i)
        {
            self.selected = Some(t.term);
            cx.commands.push(Command::Drill(Series::Term(t.term)));
        }
        if actions.export_csv {
            let rows = self.top.iter().take(shown).copied().collect();
            cx.commands.push(Command::ExportCsv(CsvExport::Terms(rows)));
        }
        actions.save_chart(cx.commands, "top_terms", || {
            charts::ranked_spec(&title, "count", "term", &self.bars[..shown])
        });
    }

    fn zipf_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, height: f32) {
        let actions = charts::chart_toolbar_ui(ui, "Zipf: rank vs frequency (log–log)");
        let a = cx.scope.analysis.clone();
        let zipf = &self.zipf;
        let points: Vec<[f64; 2]> = zipf
            .iter()
            .map(|&(r, _, c)| [(r as f64).log10(), (c.max(1) as f64).log10()])
            .collect();
        let pow10 = |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| {
            let v = 10f64.powf(mark.value);
            if (mark.value - mark.value.round()).abs() < 1e-9 {
                fmt_int(v.round() as u64)
            } else {
                String::new()
            }
        };
        let mut plot = Plot::new("zipf")
            .height(height)
            .allow_scroll(false)
            .x_axis_label("rank (log10 scale)")
            .y_axis_label("count (log10 scale)")
            .x_axis_formatter(pow10)
            .y_axis_formatter(pow10)
            .label_formatter(|pos| match pos {
                HoverPosition::NearDataPoint { index, .. } => zipf.get(*index).map(|&(r, t, c)| {
                    format!(
                        "rank {}: {}\ncount {}",
                        fmt_int(r as u64),
                        a.vocab.term(t),
                        fmt_int(c)
                    )
                }),
                HoverPosition::Elsewhere { .. } => None,
            });
        if self.reset_zipf || actions.reset {
            plot = plot.reset();
        }
        self.reset_zipf = false;
        let color = charts::bar_color(cx.dark);
        ui.scope(|ui| {
            plot.show(ui, |plot_ui| {
                plot_ui.line(Line::new("terms", PlotPoints::from(points.clone())).color(color));
                plot_ui.points(
                    Points::new("terms", PlotPoints::from(points))
                        .color(color)
                        .radius(1.5),
                );
            })
        });
        if actions.export_csv {
            let rows: Vec<TermStat> = cx.scope.terms().to_vec();
            cx.commands.push(Command::ExportCsv(CsvExport::Terms(rows)));
        }
        actions.save_chart(cx.commands, "zipf", || crate::export::ChartSpec {
            title: "Zipf: rank vs frequency (log–log)".into(),
            value_axis: "count (log10 scale)".into(),
            category_axis: "rank (log10 scale)".into(),
            kind: crate::export::ChartKind::LogLog(
                self.zipf
                    .iter()
                    .map(|&(r, _, c)| [r as f64, c as f64])
                    .collect(),
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zipf_ranks_are_dense_then_log_spaced() {
        assert_eq!(zipf_ranks(3), [1, 2, 3]);
        let r = zipf_ranks(200_000);
        assert_eq!(r[999], 1000);
        assert_eq!(r.last(), Some(&200_000));
        assert!(r.len() < 1500, "{}", r.len());
        assert!(r.windows(2).all(|w| w[0] < w[1]));
    }
}
