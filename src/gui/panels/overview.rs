//! Overview: the summary figures, articles over time as a small chart, the top terms and the top
//! entities (each clickable for its details).

use egui::{Grid, RichText, Ui};

use super::ViewCx;
use super::entities::selected::short_kind;
use crate::analysis::Series;
use crate::export::CsvExport;
use crate::gui::charts::{self, BarSpec, fmt_f, fmt_int};
use crate::gui::command::Command;
use crate::model::Granularity;

const TOP: usize = 14;
/// The width one column of the Overview needs (the summary's longest rows).
const COLUMN_WIDTH: f32 = 380.0;

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
    /// Scripts of the corpus no installed font draws, for the corpus of `fonts_key`.
    missing_fonts: Vec<&'static str>,
    fonts_key: u64,
}

impl OverviewPanel {
    fn refresh(&mut self, cx: &ViewCx<'_>) {
        if self.key == cx.scope.key && self.dark == cx.dark && self.granularity.is_some() {
            return;
        }
        let g = cx.scope.auto_granularity;
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
        if self.fonts_key != cx.scope.corpus_key {
            let texts = cx.scope.corpus.articles.iter();
            let texts = texts.flat_map(|a| [a.title.as_str(), a.text.as_str()]);
            self.missing_fonts = crate::gui::fonts::missing_scripts(ui.ctx(), texts);
            self.fonts_key = cx.scope.corpus_key;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // Three columns where each gets its natural width, else two (the top lists
                // stacked), else one: nothing overlaps or runs off a narrow window.
                let columns = match ui.available_width() {
                    w if w >= 3.0 * COLUMN_WIDTH => 3,
                    w if w >= 2.0 * COLUMN_WIDTH => 2,
                    _ => 1,
                };
                ui.columns(columns, |cols| {
                    summary_ui(&mut cols[0], cx, &self.outliers);
                    super::languages_note::languages_ui(&mut cols[0], cx, &self.missing_fonts);
                    let terms = (columns - 1).min(1);
                    top_terms_ui(&mut cols[terms], cx);
                    if columns < 3 {
                        cols[columns - 1].add_space(8.0);
                    }
                    top_entities_ui(&mut cols[columns - 1], cx);
                });
                ui.add_space(10.0);
                self.chart_ui(ui, cx);
            });
    }

    fn chart_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        if super::no_dates_ui(ui, cx.scope) {
            return;
        }
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
        let stem = format!("articles_per_{}", g.as_str());
        actions.save_chart(cx.commands, &stem, || {
            charts::period_bars_spec(&title, "articles", &self.bars)
        });
        ui.label(RichText::new("Click a bar to list that period's articles; drag with Brush on (or Shift) to filter to a range.").weak());
    }
}

/// One row of a two-column grid.
fn row_ui(ui: &mut Ui, name: &str, value: String) {
    ui.label(name);
    ui.label(RichText::new(value).strong());
    ui.end_row();
}

/// The figures of the articles in scope: each one follows the filter, and says so; then the
/// import's figures, which are the whole corpus's by nature.
fn summary_ui(ui: &mut Ui, cx: &ViewCx<'_>, outliers: &[(u32, chrono::NaiveDate)]) {
    let c = &cx.scope.corpus;
    ui.heading(&c.name);
    settings_line_ui(ui, &cx.scope.analysis.settings);
    let filtered = cx.scope.is_filtered();
    let name = |base: &str| {
        if filtered {
            format!("{base} (filtered)")
        } else {
            base.to_owned()
        }
    };
    let whole = &cx.scope.analysis.summary;
    let s = cx.scope.summary();
    let of_whole = |part: u64, all: u64| {
        if filtered {
            format!("{} of {}", fmt_int(part), fmt_int(all))
        } else {
            fmt_int(part)
        }
    };
    Grid::new("summary")
        .num_columns(2)
        .striped(true)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            row_ui(ui, &name("Articles"), of_whole(s.articles, whole.articles));
            row_ui(ui, &name("Tokens"), of_whole(s.tokens, whole.tokens));
            row_ui(ui, &name("Distinct terms"), fmt_int(s.distinct_terms));
            row_ui(
                ui,
                &name("Type/token ratio"),
                format!("{:.4}", s.type_token_ratio),
            );
            row_ui(ui, &name("Hapax legomena"), fmt_int(s.hapax));
            row_ui(
                ui,
                &name("Tokens per article"),
                format!(
                    "mean {} · median {}",
                    fmt_f(s.mean_article_tokens),
                    fmt_f(s.median_article_tokens)
                ),
            );
            let dates = match (s.first_date, s.last_date) {
                (Some(first), Some(last)) => format!("{first} – {last}"),
                _ => "none".to_owned(),
            };
            row_ui(ui, &name("Dates"), dates);
            undated_row_ui(ui, &name("Undated articles"), s.undated, s.articles);
            if !outliers.is_empty() {
                outliers_row_ui(ui, c, outliers, filtered);
            }
            row_ui(ui, &name("Entity mentions"), fmt_int(s.entity_mentions));
            row_ui(ui, &name("Distinct entities"), fmt_int(s.distinct_entities));
        });
    ui.add_space(8.0);
    ui.strong("Import (whole corpus)");
    Grid::new("import-summary")
        .num_columns(2)
        .striped(true)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            row_ui(ui, "Files read", fmt_int(c.report.files_seen));
            row_ui(
                ui,
                "Data read",
                format!("{:.1} MB", c.report.bytes_read as f64 / 1e6),
            );
            row_ui(ui, "Duplicates dropped", fmt_int(whole.duplicates_dropped));
            row_ui(
                ui,
                "Links · e-mail addresses",
                format!(
                    "{} · {}",
                    fmt_int(whole.urls_found),
                    fmt_int(whole.emails_found)
                ),
            );
            row_ui(
                ui,
                "Hashtags · handles",
                format!(
                    "{} · {}",
                    fmt_int(whole.hashtags_found),
                    fmt_int(whole.handles_found)
                ),
            );
            row_ui(
                ui,
                "HTML markup stripped",
                format!("{:.1} KB", c.report.markup_bytes_stripped as f64 / 1e3),
            );
            cleaning_rows_ui(ui, &c.report.cleaning);
            row_ui(
                ui,
                "Import problems",
                fmt_int(c.report.problems.len() as u64),
            );
        });
}

/// The cleaning figures in short rows (the whole sentence on hover and under Problems).
fn cleaning_rows_ui(ui: &mut Ui, c: &crate::model::CleaningReport) {
    let sentence = super::cleaning::cleaning_sentence(c);
    let boiler = if c.options.keep_boilerplate {
        "kept (switched off)".to_owned()
    } else {
        format!(
            "{} lines · {} bylines · {} datelines",
            fmt_int(c.boilerplate.len() as u64),
            fmt_int(c.bylines_removed),
            fmt_int(c.datelines_removed)
        )
    };
    ui.label("Boilerplate removed").on_hover_text(&sentence);
    ui.label(RichText::new(boiler).strong())
        .on_hover_text(&sentence);
    ui.end_row();
    let copies = if c.options.find_near_duplicates {
        format!(
            "{} dropped ({} clusters)",
            fmt_int(c.near_duplicates_dropped),
            fmt_int(c.near_duplicate_clusters.len() as u64)
        )
    } else {
        "not looked for (switched off)".to_owned()
    };
    ui.label("Near-duplicate copies").on_hover_text(&sentence);
    ui.label(RichText::new(copies).strong())
        .on_hover_text(&sentence);
    ui.end_row();
}

/// The analysis settings behind every figure: stopword languages and stemming.
fn settings_line_ui(ui: &mut Ui, settings: &crate::analysis::AnalysisSettings) {
    let stopwords = if settings.stopword_languages.is_empty() {
        "none".to_owned()
    } else {
        settings.stopword_languages.join(", ")
    };
    let extra = match settings.extra_stopwords.len() {
        0 => String::new(),
        n => format!(" (+{n} extra)"),
    };
    let stemming = settings.stem_language.as_deref().unwrap_or("off");
    ui.label(
        RichText::new(format!(
            "Stopwords: {stopwords}{extra} · Stemming: {stemming}"
        ))
        .weak(),
    )
    .on_hover_text("Change them in Settings…; they are kept for this corpus.");
}

/// How many articles have no date, with what to do about it.
fn undated_row_ui(ui: &mut Ui, name: &str, undated: u64, articles: u64) {
    ui.label(name);
    let text = if articles > 0 && undated == articles {
        format!("{} (all)", fmt_int(undated))
    } else {
        format!("{} of {}", fmt_int(undated), fmt_int(articles))
    };
    let value = RichText::new(text).strong();
    if undated == 0 {
        ui.label(value);
    } else {
        ui.colored_label(ui.visuals().warn_fg_color, value)
            .on_hover_text(format!(
                "Undated articles count everywhere except on time axes. {}",
                super::NO_DATES_FIX
            ));
    }
    ui.end_row();
}

/// Articles dated far from the rest (of the whole corpus), with a few named.
fn outliers_row_ui(
    ui: &mut Ui,
    c: &crate::model::Corpus,
    outliers: &[(u32, chrono::NaiveDate)],
    filtered: bool,
) {
    let shown: Vec<String> = outliers
        .iter()
        .take(5)
        .filter_map(|(d, date)| {
            let name = c.article_name(c.articles.get(*d as usize)?);
            Some(format!("{date} ({name})"))
        })
        .collect();
    ui.label(if filtered {
        "Dated far from the rest (whole corpus)"
    } else {
        "Dated far from the rest"
    });
    ui.colored_label(ui.visuals().warn_fg_color, fmt_int(outliers.len() as u64))
        .on_hover_text(format!(
            "These dates lie far outside the range of the other articles and stretch \
             the time axes; check them, or set From/To to leave them out:\n{}",
            shown.join("\n")
        ));
    ui.end_row();
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
                ui.label(RichText::new(short_kind(e.kind)).color(color))
                    .on_hover_text(e.kind.as_str());
                ui.label(fmt_int(s.mentions));
                ui.end_row();
            }
        });
    if let Some(s) = drill {
        cx.commands.push(Command::Drill(s));
    }
}
