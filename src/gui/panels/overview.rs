//! Overview: the summary figures, articles over time as a small chart, the top terms and the top
//! entities (each clickable for its details).

use egui::{Grid, RichText, Ui};

use super::ViewCx;
use crate::analysis::Series;
use crate::export::CsvExport;
use crate::gui::charts::{self, BarSpec, fmt_f, fmt_int};
use crate::gui::command::Command;
use crate::model::Granularity;

const TOP: usize = 14;

/// The Overview view.
#[derive(Default)]
pub struct OverviewPanel {
    key: u64,
    granularity: Option<Granularity>,
    bars: std::sync::Arc<Vec<BarSpec>>,
    dark: bool,
    reset: bool,
    brush: charts::Brush,
    /// Articles dated far from the rest (id, date), and the robust date range.
    outliers: Vec<(u32, chrono::NaiveDate)>,
}

impl OverviewPanel {
    fn refresh(&mut self, cx: &ViewCx<'_>) {
        if self.key == cx.scope.key && self.dark == cx.dark && self.granularity.is_some() {
            return;
        }
        let g = crate::export::auto_granularity(&cx.scope.analysis);
        let tl = cx.scope.timeline(g);
        let color = charts::bar_color(cx.dark);
        self.bars = std::sync::Arc::new(
            (0..tl.periods.len())
                .map(|i| {
                    let label = tl.display_label(i, false);
                    BarSpec {
                        value: f64::from(tl.articles[i]),
                        tooltip: format!(
                            "{}\n{} articles\n{} tokens",
                            tl.display_label(i, true),
                            fmt_int(u64::from(tl.articles[i])),
                            fmt_int(tl.tokens[i])
                        ),
                        label,
                        color,
                    }
                })
                .collect(),
        );
        let dates = &cx.scope.analysis.doc_dates;
        self.outliers = crate::analysis::periods::date_spread(dates)
            .outliers
            .into_iter()
            .filter_map(|d| Some((d, dates.get(d as usize).copied().flatten()?)))
            .collect();
        self.granularity = Some(g);
        self.key = cx.scope.key;
        self.dark = cx.dark;
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        self.refresh(cx);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.columns(3, |cols| {
                    summary_ui(&mut cols[0], cx, &self.outliers);
                    top_terms_ui(&mut cols[1], cx);
                    top_entities_ui(&mut cols[2], cx);
                });
                ui.add_space(10.0);
                self.chart_ui(ui, cx);
            });
    }

    fn chart_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        let g = self.granularity.unwrap_or(Granularity::Year);
        let title = format!("Articles per {}", g.as_str());
        let actions = ui
            .horizontal(|ui| {
                charts::brush_toggle_ui(ui, &mut self.brush);
                charts::chart_toolbar_ui(ui, &title)
            })
            .inner;
        let resp = charts::period_bars_ui(
            ui,
            "overview-timeline",
            &self.bars,
            "articles",
            self.reset || actions.reset,
            (ui.available_height() - 30.0).max(220.0),
            &mut self.brush,
        );
        self.reset = false;
        if let Some((lo, hi)) = resp.brushed {
            let tl = cx.scope.timeline(g).clone();
            super::timeline::apply_brush(cx, &tl, g, lo, hi);
        }
        let tl = cx.scope.timeline(g);
        if let Some(i) = resp.clicked
            && let Some(&from) = tl.periods.get(i)
        {
            let to = g.next_start(from) - chrono::Days::new(1);
            cx.commands.push(Command::ShowPeriod {
                from,
                to,
                label: tl.display_label(i, true),
            });
        }
        if actions.export_csv {
            cx.commands
                .push(Command::ExportCsv(CsvExport::Timeline(tl.clone())));
        }
        if actions.save_png
            && let Some(rect) = resp.rect
        {
            cx.commands.push(Command::SavePng {
                rect,
                name: format!("articles_per_{}.png", g.as_str()),
            });
        }
        ui.label(RichText::new("Click a bar to list that period's articles; drag with Brush on (or Shift) to filter to a range.").weak());
    }
}

fn summary_ui(ui: &mut Ui, cx: &ViewCx<'_>, outliers: &[(u32, chrono::NaiveDate)]) {
    let s = &cx.scope.analysis.summary;
    let c = &cx.scope.corpus;
    ui.heading(&c.name);
    let filtered = cx.scope.is_filtered();
    let row = |ui: &mut Ui, name: &str, value: String| {
        ui.label(name);
        ui.label(RichText::new(value).strong());
        ui.end_row();
    };
    Grid::new("summary")
        .num_columns(2)
        .striped(true)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            if filtered {
                row(
                    ui,
                    "Articles (filtered)",
                    format!(
                        "{} of {}",
                        fmt_int(cx.scope.articles() as u64),
                        fmt_int(s.articles)
                    ),
                );
                row(
                    ui,
                    "Tokens (filtered)",
                    format!("{} of {}", fmt_int(cx.scope.tokens()), fmt_int(s.tokens)),
                );
                row(
                    ui,
                    "Distinct terms (filtered)",
                    fmt_int(cx.scope.terms().len() as u64),
                );
            } else {
                row(ui, "Articles", fmt_int(s.articles));
                row(ui, "Tokens", fmt_int(s.tokens));
                row(ui, "Distinct terms", fmt_int(s.distinct_terms));
            }
            row(ui, "Type/token ratio", format!("{:.4}", s.type_token_ratio));
            row(ui, "Hapax legomena", fmt_int(s.hapax));
            row(
                ui,
                "Tokens per article",
                format!(
                    "mean {} · median {}",
                    fmt_f(s.mean_article_tokens),
                    fmt_f(s.median_article_tokens)
                ),
            );
            let date = |d: Option<chrono::NaiveDate>| d.map_or("–".to_owned(), |d| d.to_string());
            row(
                ui,
                "Dates",
                format!("{} – {}", date(s.first_date), date(s.last_date)),
            );
            row(ui, "Undated articles", fmt_int(s.undated));
            if !outliers.is_empty() {
                let shown: Vec<String> = outliers
                    .iter()
                    .take(5)
                    .filter_map(|(d, date)| {
                        let name = c.article_name(c.articles.get(*d as usize)?);
                        Some(format!("{date} ({name})"))
                    })
                    .collect();
                ui.label("Dated far from the rest");
                ui.colored_label(ui.visuals().warn_fg_color, fmt_int(outliers.len() as u64))
                    .on_hover_text(format!(
                        "These dates lie far outside the range of the other articles and stretch \
                         the time axes; check them, or set From/To to leave them out:\n{}",
                        shown.join("\n")
                    ));
                ui.end_row();
            }
            row(ui, "Duplicates dropped", fmt_int(s.duplicates_dropped));
            row(ui, "Entity mentions", fmt_int(s.entity_mentions));
            row(ui, "Distinct entities", fmt_int(s.distinct_entities));
            row(ui, "Files read", fmt_int(c.report.files_seen));
            row(
                ui,
                "Data read",
                format!("{:.1} MB", c.report.bytes_read as f64 / 1e6),
            );
            row(
                ui,
                "Import problems",
                fmt_int(c.report.problems.len() as u64),
            );
        });
}

fn top_terms_ui(ui: &mut Ui, cx: &mut ViewCx<'_>) {
    ui.strong("Top terms");
    let a = &cx.scope.analysis;
    let mut drill = None;
    Grid::new("top-terms")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new("term").weak());
            ui.label(RichText::new("count").weak());
            ui.label(RichText::new("per million").weak());
            ui.end_row();
            for t in cx.scope.terms().iter().take(TOP) {
                if ui.link(a.vocab.term(t.term)).clicked() {
                    drill = Some(Series::Term(t.term));
                }
                ui.label(fmt_int(t.count));
                ui.label(fmt_f(t.per_million));
                ui.end_row();
            }
        });
    if let Some(s) = drill {
        cx.commands.push(Command::Drill(s));
    }
}

fn top_entities_ui(ui: &mut Ui, cx: &mut ViewCx<'_>) {
    ui.strong("Top entities");
    let a = &cx.scope.analysis;
    if cx.scope.entity_stats().is_empty() {
        ui.label("No entities were found.");
        return;
    }
    let mut drill = None;
    Grid::new("top-entities")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new("entity").weak());
            ui.label(RichText::new("type").weak());
            ui.label(RichText::new("mentions").weak());
            ui.end_row();
            for s in cx.scope.entity_stats().iter().take(TOP) {
                let Some(e) = a.entities.entities.get(s.entity as usize) else {
                    continue;
                };
                let color = charts::kind_color(e.kind, cx.dark);
                if ui
                    .add(egui::Link::new(RichText::new(&e.name).color(color)))
                    .clicked()
                {
                    drill = Some(Series::Entity(s.entity));
                }
                ui.label(RichText::new(e.kind.as_str()).color(color));
                ui.label(fmt_int(s.mentions));
                ui.end_row();
            }
        });
    if let Some(s) = drill {
        cx.commands.push(Command::Drill(s));
    }
}
