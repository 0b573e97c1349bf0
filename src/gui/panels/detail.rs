//! The drill-down side panel: what a click on a term or an entity opens anywhere in the app. It
//! shows the item's figures, an entity's variants, its trend over time and its first lines in
//! context, with buttons to take it to the Timeline or the Concordance.

use std::sync::Arc;

use egui::{RichText, Ui};

use super::ViewCx;
use super::concordance::{KwicSearch, KwicTarget};
use super::timeline::{TrendMode, trend_line};
use crate::analysis::Series;
use crate::analysis::TrendPoint;
use crate::gui::cache::CacheKey;
use crate::gui::charts::{self, LineSeries, fmt_f, fmt_int};
use crate::gui::command::Command;
use crate::model::Granularity;

/// How many context lines the side panel lists.
const LINES: usize = 40;

/// The drill-down panel.
#[derive(Default)]
pub struct DetailPanel {
    series: Option<Series>,
    key: CacheKey<(u64, Series, Granularity)>,
    trend: Vec<TrendPoint>,
    line: Vec<LineSeries>,
    labels: Arc<Vec<String>>,
    /// (count, per million, documents) in scope.
    figures: Option<(u64, f64, u32)>,
    kwic: KwicSearch,
    reset: bool,
}

impl DetailPanel {
    /// Show a term or entity.
    pub fn show(&mut self, s: Series) {
        self.series = Some(s);
        self.key.clear();
        self.kwic = KwicSearch::default();
    }

    pub fn is_open(&self) -> bool {
        self.series.is_some()
    }

    /// Read a finished search; `Err` when it failed.
    pub fn poll(&mut self) -> Result<(), String> {
        self.kwic.poll().map(|_| ())
    }

    pub fn busy(&self) -> bool {
        self.kwic.busy()
    }

    fn refresh(&mut self, cx: &ViewCx<'_>, s: Series, ctx: &egui::Context) {
        let g = cx.granularity();
        let key = (cx.scope.key, s, g);
        if self.key.is(&key) {
            return;
        }
        self.trend = cx.scope.trend(s, g);
        let tl = cx.scope.timeline(g);
        self.line = vec![LineSeries {
            name: cx.scope.analysis.series_name(s),
            color: charts::series_color(0),
            points: trend_line(&self.trend, &tl.articles, TrendMode::PerMillion, 1),
        }];
        self.labels = Arc::new(
            (0..tl.periods.len())
                .map(|i| tl.display_label(i, false))
                .collect(),
        );
        self.figures = match s {
            Series::Term(t) => cx
                .scope
                .terms()
                .iter()
                .find(|x| x.term == t)
                .map(|x| (x.count, x.per_million, x.doc_freq)),
            Series::Entity(e) => cx
                .scope
                .entity_stats()
                .iter()
                .find(|x| x.entity == e)
                .map(|x| {
                    let pm = crate::analysis::per_million(x.mentions, cx.scope.tokens());
                    (x.mentions, pm, x.doc_freq)
                }),
        };
        let target = match s {
            Series::Term(_) => KwicTarget::Text(cx.scope.analysis.series_name(s)),
            Series::Entity(e) => KwicTarget::Entity(e),
        };
        self.kwic.start(cx.scope, target, 6, Some(ctx.clone()));
        self.key.set(key);
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        let Some(s) = self.series else {
            return;
        };
        self.refresh(cx, s, &ui.ctx().clone());
        let name = cx.scope.analysis.series_name(s);
        self.header_ui(ui, cx, s, &name);
        self.trend_ui(ui, cx, s, &name);
        ui.separator();
        self.lines_ui(ui, cx);
    }

    /// The type, name, figures and variants of the series, and its buttons.
    fn header_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, s: Series, name: &str) {
        ui.horizontal(|ui| {
            match cx.scope.analysis.series_kind(s) {
                Some(k) => {
                    ui.label(RichText::new(k.as_str()).color(charts::kind_color(k, cx.dark)));
                }
                None => {
                    ui.label(RichText::new("TERM").weak());
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("×").on_hover_text("Close the details").clicked() {
                    self.series = None;
                }
            });
        });
        ui.heading(name);
        match self.figures {
            Some((count, pm, docs)) => {
                ui.label(format!(
                    "{} occurrences · {} per million · in {} articles",
                    fmt_int(count),
                    fmt_f(pm),
                    fmt_int(u64::from(docs))
                ));
            }
            None => {
                ui.label("Not found in the filtered articles.");
            }
        }
        if let Series::Entity(e) = s
            && let Some(ent) = cx.scope.analysis.entities.entities.get(e as usize)
            && ent.variants.iter().any(|(v, _)| *v != ent.name)
        {
            let variants: Vec<String> = ent
                .variants
                .iter()
                .take(12)
                .map(|(v, n)| format!("{v} ({n})"))
                .collect();
            ui.label(RichText::new(format!("Also written: {}", variants.join(", "))).weak());
        }
        ui.horizontal(|ui| {
            if ui.button("Add to Timeline").clicked() {
                cx.commands.push(Command::AddTrend(s));
            }
            if ui.button("Open in Concordance").clicked() {
                cx.commands.push(match s {
                    Series::Term(_) => Command::Concordance(name.to_owned()),
                    Series::Entity(e) => Command::ConcordanceEntity(e),
                });
            }
        });
    }

    /// The trend chart of the series, with its toolbar.
    fn trend_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, s: Series, name: &str) {
        if super::no_dates_ui(ui, cx.scope) {
            return;
        }
        let actions = charts::chart_toolbar_ui(
            ui,
            &format!("Per million, by {}", cx.granularity().as_str()),
        );
        let trend = &self.trend;
        let labels = self.labels.clone();
        let hover = |n: &str, i: usize| {
            let p = trend.get(i)?;
            Some(format!(
                "{n}\n{}\ncount {}\n{} per million",
                labels.get(i).cloned().unwrap_or_default(),
                fmt_int(p.count),
                fmt_f(p.per_million)
            ))
        };
        let resp = charts::period_lines_ui(
            ui,
            "detail-trend",
            &self.line,
            &self.labels,
            "per million",
            self.reset || actions.reset,
            170.0,
            &[],
            hover,
        );
        self.reset = false;
        let g = cx.granularity();
        if let Some(i) = resp.clicked
            && let Some(p) = self.trend.get(i)
        {
            cx.commands.push(Command::ShowPeriod {
                from: p.period,
                to: g.next_start(p.period) - chrono::Days::new(1),
                label: g.display_label(p.period),
            });
        }
        if actions.export_csv {
            cx.commands
                .push(Command::ExportCsv(crate::export::CsvExport::Trends(
                    g,
                    vec![(
                        name.to_owned(),
                        cx.scope.analysis.series_kind(s).map(|k| k.as_str()),
                        self.trend.clone(),
                    )],
                )));
        }
        actions.save_chart(cx.commands, "trend", || {
            let title = format!("{name}: per million, by {}", g.as_str());
            charts::lines_spec(&title, "per million tokens", &self.labels, &self.line)
        });
    }

    fn lines_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        if self.kwic.busy() {
            ui.horizontal(|ui| {
                crate::gui::widgets::spinner(ui);
                ui.label("Finding lines…");
            });
            return;
        }
        let lines = self.kwic.lines.clone();
        ui.label(format!(
            "In context ({} lines):",
            fmt_int(lines.len() as u64)
        ));
        let corpus = cx.scope.corpus.clone();
        egui::ScrollArea::vertical()
            .id_salt("detail-lines")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for l in lines.iter().take(LINES) {
                    let art = corpus.articles.get(l.doc as usize);
                    let date = art
                        .and_then(|a| a.date)
                        .map(|d| d.to_string())
                        .unwrap_or_default();
                    let name = art.map(|a| corpus.article_name(a)).unwrap_or_default();
                    let mut job = egui::text::LayoutJob::default();
                    let font = egui::TextStyle::Small.resolve(ui.style());
                    let plain = egui::TextFormat::simple(font.clone(), ui.visuals().text_color());
                    let strong = egui::TextFormat::simple(font, ui.visuals().hyperlink_color);
                    job.append(&format!("{date}  …{} ", l.left), 0.0, plain.clone());
                    job.append(&l.matched, 0.0, strong);
                    job.append(&format!(" {}…", l.right), 0.0, plain);
                    let resp = ui
                        .add(egui::Label::new(job).sense(egui::Sense::click()))
                        .on_hover_text(format!("Open {name}"));
                    if resp.clicked() {
                        cx.commands.push(Command::OpenArticle {
                            doc: l.doc,
                            span: Some((l.start, l.end)),
                        });
                    }
                }
                if lines.len() > LINES {
                    ui.label(RichText::new("Open in Concordance to see every line.").weak());
                }
            });
    }
}
