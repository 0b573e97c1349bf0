//! The Words sub-view for bigrams, trigrams and collocations: a searchable, sortable table with
//! raw counts, the association measure selectable for collocations, and a bar chart of the top N.
//! With a filter set, the tables are those of the filtered articles (counted in the filter job).

use egui::{RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::words::WordsTab;
use super::{Sort, ViewCx, contains_folded, search_ui, sort_header_ui};
use crate::analysis::phrases::ReadingOrder;
use crate::analysis::{Analysis, Collocation, NgramStat};
use crate::export::CsvExport;
use crate::gui::cache::CacheKey;
use crate::gui::charts::{self, BarSpec, fmt_f, fmt_int};
use crate::gui::command::Command;

/// The association measure collocations are ranked by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Measure {
    #[default]
    LogLikelihood,
    Pmi,
    TScore,
    Count,
}

impl Measure {
    const ALL: [Measure; 4] = [
        Measure::LogLikelihood,
        Measure::Pmi,
        Measure::TScore,
        Measure::Count,
    ];
    fn label(self) -> &'static str {
        match self {
            Measure::LogLikelihood => "log-likelihood",
            Measure::Pmi => "PMI",
            Measure::TScore => "t-score",
            Measure::Count => "count",
        }
    }
    fn value(self, c: &Collocation) -> f64 {
        match self {
            Measure::LogLikelihood => c.log_likelihood,
            Measure::Pmi => c.pmi,
            Measure::TScore => c.t_score,
            Measure::Count => c.count as f64,
        }
    }
}

/// Columns of the n-gram table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NgramCol {
    Text,
    Count,
    DocFreq,
}

/// Rows of the current sub-view.
enum Rows {
    Ngrams(Vec<NgramStat>),
    Collocations(Vec<Collocation>),
}

/// The bigram / trigram / collocation sub-view.
pub struct NgramsView {
    search: String,
    measure: Measure,
    sort: Sort<NgramCol>,
    key: CacheKey<(u64, WordsTab, String, Measure, Sort<NgramCol>, bool, usize)>,
    rows: Rows,
    bars: Vec<BarSpec>,
    /// The reading order of the collocations shown.
    order: ReadingOrder,
    reset: bool,
}

impl Default for NgramsView {
    fn default() -> Self {
        Self {
            search: String::new(),
            measure: Measure::LogLikelihood,
            sort: Sort {
                column: NgramCol::Count,
                descending: true,
            },
            key: CacheKey::default(),
            rows: Rows::Ngrams(Vec::new()),
            bars: Vec::new(),
            order: ReadingOrder::default(),
            reset: false,
        }
    }
}

/// A collocation's bar: the pair in reading order ("white house"; "a · b" when the order is
/// not known), its score and a tooltip with every measure.
fn collocation_bar(
    a: &Analysis,
    order: &ReadingOrder,
    m: Measure,
    c: &Collocation,
    color: egui::Color32,
) -> BarSpec {
    let (x, y, known) = order.order(c.a, c.b);
    let sep = if known { " " } else { " · " };
    let label = format!("{}{sep}{}", a.vocab.term(x), a.vocab.term(y));
    BarSpec {
        value: m.value(c),
        tooltip: format!(
            "{label}\n{} {}\ntogether {} times\nPMI {} · G² {} · t {}",
            m.label(),
            fmt_f(m.value(c)),
            fmt_int(c.count),
            fmt_f(c.pmi),
            fmt_f(c.log_likelihood),
            fmt_f(c.t_score)
        ),
        label,
        color,
    }
}

impl NgramsView {
    fn refresh(&mut self, cx: &ViewCx<'_>, tab: WordsTab) {
        let key = (
            cx.scope.key,
            tab,
            self.search.clone(),
            self.measure,
            self.sort,
            cx.dark,
            cx.state.top_n,
        );
        if self.key.is(&key) {
            return;
        }
        let a = &cx.scope.analysis;
        // The filtered articles' own tables when a filter is set.
        let phrases = cx.scope.sub.as_ref().and_then(|s| s.phrases.as_ref());
        let (bigrams, trigrams, collocations) = match phrases {
            Some(p) => (&p.bigrams, &p.trigrams, &p.collocations),
            None => (&a.bigrams, &a.trigrams, &a.collocations),
        };
        let needle = self.search.trim().to_lowercase();
        let color = charts::bar_color(cx.dark);
        let top_n = cx.state.top_n;
        if tab == WordsTab::Collocations {
            let m = self.measure;
            self.order = ReadingOrder::new(bigrams, trigrams);
            let order = &self.order;
            let mut rows: Vec<Collocation> = collocations
                .iter()
                .filter(|c| {
                    contains_folded(a.vocab.term(c.a), &needle)
                        || contains_folded(a.vocab.term(c.b), &needle)
                })
                .copied()
                .collect();
            rows.sort_by(|x, y| m.value(y).total_cmp(&m.value(x)));
            self.bars = rows
                .iter()
                .take(top_n)
                .map(|c| collocation_bar(a, order, m, c, color))
                .collect();
            self.rows = Rows::Collocations(rows);
        } else {
            let source = if tab == WordsTab::Bigrams {
                bigrams
            } else {
                trigrams
            };
            let mut rows: Vec<NgramStat> = source
                .iter()
                .filter(|g| contains_folded(&g.text, &needle))
                .cloned()
                .collect();
            self.bars = rows
                .iter()
                .take(top_n)
                .map(|g| BarSpec {
                    value: g.count as f64,
                    tooltip: format!(
                        "{}\ncount {}\nin {} articles",
                        g.text,
                        fmt_int(g.count),
                        fmt_int(u64::from(g.doc_freq))
                    ),
                    label: g.text.clone(),
                    color,
                })
                .collect();
            let s = self.sort;
            rows.sort_by(|x, y| {
                let o = match s.column {
                    NgramCol::Text => y.text.cmp(&x.text),
                    NgramCol::Count => x.count.cmp(&y.count),
                    NgramCol::DocFreq => x.doc_freq.cmp(&y.doc_freq),
                };
                let o = if s.descending { o.reverse() } else { o };
                o.then_with(|| y.count.cmp(&x.count))
                    .then_with(|| x.text.cmp(&y.text))
            });
            self.rows = Rows::Ngrams(rows);
        }
        self.key.set(key);
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, tab: WordsTab) {
        self.refresh(cx, tab);
        let width = ui.available_width();
        egui::Panel::left("ngrams-table")
            .resizable(true)
            .default_size((width * 0.55).max(460.0))
            .show(ui, |ui| self.table_ui(ui, cx, tab));
        egui::CentralPanel::default().show(ui, |ui| {
            let title = match tab {
                WordsTab::Collocations => format!("Top collocations by {}", self.measure.label()),
                WordsTab::Trigrams => "Top trigrams".to_owned(),
                _ => "Top bigrams".to_owned(),
            };
            let title = title.as_str();
            let h = (ui.available_height() - 40.0).max(200.0);
            let shown = self.bars.len().min(charts::ranked_capacity(h));
            let actions = charts::chart_toolbar_ui(ui, title);
            let resp = charts::ranked_bars_ui(
                ui,
                "ngram-bars",
                &self.bars[..shown],
                if tab == WordsTab::Collocations {
                    self.measure.label()
                } else {
                    "count"
                },
                self.reset || actions.reset,
                h,
            );
            self.reset = false;
            if let Some(i) = resp.clicked
                && let Some(b) = self.bars.get(i)
            {
                cx.commands
                    .push(Command::Concordance(b.label.replace(" · ", " ")));
            }
            if actions.export_csv {
                cx.commands
                    .push(Command::ExportCsv(self.export(tab, Some(shown))));
            }
            let axis = if tab == WordsTab::Collocations {
                self.measure.label()
            } else {
                "count"
            };
            actions.save_chart(cx.commands, "top_ngrams", || {
                charts::ranked_spec(title, axis, "n-gram", &self.bars[..shown])
            });
        });
    }

    fn export(&self, tab: WordsTab, limit: Option<usize>) -> CsvExport {
        let n = limit.unwrap_or(usize::MAX);
        match &self.rows {
            Rows::Collocations(r) => CsvExport::Collocations(r.iter().take(n).copied().collect()),
            Rows::Ngrams(r) => {
                let rows = if limit.is_some() {
                    let mut v = r.clone();
                    v.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.text.cmp(&y.text)));
                    v.truncate(n);
                    v
                } else {
                    r.clone()
                };
                let kind = if tab == WordsTab::Trigrams {
                    "trigrams"
                } else {
                    "bigrams"
                };
                CsvExport::Ngrams(kind, rows)
            }
        }
    }

    /// Search, row count, export, the collocation measure and the filter note.
    fn table_controls_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, tab: WordsTab) {
        ui.horizontal_wrapped(|ui| {
            search_ui(
                ui,
                "Find n-gram",
                &mut self.search,
                "type to filter (Ctrl+F)",
                cx.focus_search,
            );
            let n = match &self.rows {
                Rows::Ngrams(r) => r.len(),
                Rows::Collocations(r) => r.len(),
            };
            ui.label(format!("{} rows", fmt_int(n as u64)));
            if ui.button("Export CSV…").clicked() {
                cx.commands.push(Command::ExportCsv(self.export(tab, None)));
            }
        });
        if tab == WordsTab::Collocations {
            ui.horizontal(|ui| {
                ui.label("Rank by:");
                for m in Measure::ALL {
                    ui.selectable_value(&mut self.measure, m, m.label());
                }
            });
        }
        if cx.scope.is_filtered() {
            ui.label(
                RichText::new("N-grams and collocations of the filtered articles only.").weak(),
            );
        }
    }

    fn table_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, tab: WordsTab) {
        self.table_controls_ui(ui, cx, tab);
        let row_h = egui::TextStyle::Body
            .resolve(ui.style())
            .size
            .max(ui.spacing().interact_size.y);
        let clicked = match &self.rows {
            Rows::Ngrams(rows) => {
                let mut sort = self.sort;
                let clicked = ngram_table_ui(ui, rows, &mut sort, row_h);
                self.sort = sort;
                clicked
            }
            Rows::Collocations(rows) => {
                collocation_table_ui(ui, &cx.scope.analysis, &self.order, rows, row_h)
            }
        };
        if let Some(text) = clicked {
            cx.commands.push(Command::Concordance(text));
        }
    }
}

/// The n-gram table; returns the n-gram whose row was clicked.
fn ngram_table_ui(
    ui: &mut Ui,
    rows: &[NgramStat],
    sort: &mut Sort<NgramCol>,
    row_h: f32,
) -> Option<String> {
    let mut clicked = None;
    TableBuilder::new(ui)
        .id_salt("ngram-table")
        .striped(true)
        .sense(Sense::click())
        .column(Column::remainder().at_least(160.0).clip(true))
        .column(Column::exact(80.0))
        .column(Column::exact(70.0))
        .header(22.0, |mut h| {
            h.col(|ui| {
                sort_header_ui(ui, "N-gram", NgramCol::Text, sort);
            });
            h.col(|ui| {
                sort_header_ui(ui, "Count", NgramCol::Count, sort);
            });
            h.col(|ui| {
                sort_header_ui(ui, "Docs", NgramCol::DocFreq, sort);
            });
        })
        .body(|body| {
            body.rows(row_h, rows.len(), |mut row| {
                let Some(g) = rows.get(row.index()) else {
                    return;
                };
                row.col(|ui| {
                    ui.label(&g.text);
                });
                row.col(|ui| {
                    ui.label(fmt_int(g.count));
                });
                row.col(|ui| {
                    ui.label(fmt_int(u64::from(g.doc_freq)));
                });
                if row.response().clicked() {
                    clicked = Some(g.text.clone());
                }
            });
        });
    clicked
}

/// The collocation table; returns the first word of the row that was clicked.
fn collocation_table_ui(
    ui: &mut Ui,
    a: &Analysis,
    order: &ReadingOrder,
    rows: &[Collocation],
    row_h: f32,
) -> Option<String> {
    let mut clicked = None;
    TableBuilder::new(ui)
        .id_salt("colloc-table")
        .striped(true)
        .sense(Sense::click())
        .column(Column::initial(110.0).at_least(60.0).clip(true))
        .column(Column::initial(110.0).at_least(60.0).clip(true))
        .columns(Column::exact(62.0), 6)
        .header(22.0, |mut h| {
            for name in [
                "First word",
                "Second word",
                "Count",
                "Freq 1st",
                "Freq 2nd",
                "PMI",
                "G²",
                "t",
            ] {
                h.col(|ui| {
                    ui.strong(name);
                });
            }
        })
        .body(|body| {
            body.rows(row_h, rows.len(), |mut row| {
                let Some(c) = rows.get(row.index()) else {
                    return;
                };
                // In reading order ("white house"), as the n-grams show it.
                let (x, _, known) = order.order(c.a, c.b);
                let swapped = known && x == c.b;
                let (fa, fb) = if swapped {
                    (c.freq_b, c.freq_a)
                } else {
                    (c.freq_a, c.freq_b)
                };
                let (first, second) = if swapped { (c.b, c.a) } else { (c.a, c.b) };
                let cells = [
                    a.vocab.term(first).to_owned(),
                    a.vocab.term(second).to_owned(),
                    fmt_int(c.count),
                    fmt_int(fa),
                    fmt_int(fb),
                    fmt_f(c.pmi),
                    fmt_f(c.log_likelihood),
                    fmt_f(c.t_score),
                ];
                for cell in cells {
                    row.col(|ui| {
                        ui.label(cell);
                    });
                }
                if row.response().clicked() {
                    clicked = Some(if known {
                        format!("\"{} {}\"", a.vocab.term(first), a.vocab.term(second))
                    } else {
                        a.vocab.term(first).to_owned()
                    });
                }
            });
        });
    clicked
}
