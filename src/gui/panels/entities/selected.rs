//! The selected entity in the Entities view: its figures in scope, its aliases (the variants the
//! extractor merged under its name, with counts), the editor's corrections ([`super::editor`]),
//! its timeline in the scope at the Timeline's
//! granularity, and the entities named with it (same sentence, same article, PMI, G²). Everything
//! is read from the analysis once per selection or scope change.

use std::sync::Arc;

use egui::{RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::super::ViewCx;
use super::super::timeline::{TrendMode, trend_line};
use super::editor::EntityEditor;
use crate::analysis::Series;
use crate::analysis::{EntityKind, TrendPoint};
use crate::gui::cache::CacheKey;
use crate::gui::charts::{self, LineSeries, fmt_f, fmt_int};
use crate::gui::command::Command;
use crate::model::Granularity;

/// One co-occurring entity.
#[derive(Clone, Debug, PartialEq)]
pub struct PairRow {
    pub entity: u32,
    pub name: String,
    pub kind: EntityKind,
    pub sentence_count: u64,
    pub article_count: u64,
    pub pmi: f64,
    pub log_likelihood: f64,
}

/// The selected entity's cached details.
#[derive(Default)]
pub struct SelectedEntity {
    key: CacheKey<(u64, u32, Granularity)>,
    /// (mentions, articles) in scope.
    figures: Option<(u64, u32)>,
    trend: Vec<TrendPoint>,
    line: Vec<LineSeries>,
    labels: Arc<Vec<String>>,
    pub pairs: Vec<PairRow>,
    reset: bool,
    /// The corrections made to the selected entity.
    pub editor: EntityEditor,
}

impl SelectedEntity {
    fn refresh(&mut self, cx: &ViewCx<'_>, e: u32) {
        let g = cx.granularity();
        let key = (cx.scope.key, e, g);
        if self.key.is(&key) {
            return;
        }
        let a = &cx.scope.analysis;
        self.figures = cx
            .scope
            .entity_stats()
            .iter()
            .find(|s| s.entity == e)
            .map(|s| (s.mentions, s.doc_freq));
        self.trend = cx.scope.trend(Series::Entity(e), g);
        let tl = cx.scope.timeline(g);
        self.labels = Arc::new(
            (0..tl.periods.len())
                .map(|i| tl.display_label(i, false))
                .collect(),
        );
        self.line = vec![LineSeries {
            name: a.entity_name(e).to_owned(),
            color: charts::series_color(0),
            points: trend_line(&self.trend, &tl.articles, TrendMode::Count, 1),
        }];
        self.pairs = a
            .pairs_of(e)
            .into_iter()
            .filter_map(|(other, p)| {
                let x = a.entities.entities.get(other as usize)?;
                Some(PairRow {
                    entity: other,
                    name: x.name.clone(),
                    kind: x.kind,
                    sentence_count: p.sentence_count,
                    article_count: p.article_count,
                    pmi: p.pmi,
                    log_likelihood: p.log_likelihood,
                })
            })
            .collect();
        self.key.set(key);
    }

    /// Draw the details of entity `e`; returns another entity the user clicked in the
    /// co-occurrence table.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, e: u32) -> Option<u32> {
        self.refresh(cx, e);
        let a = cx.scope.analysis.clone();
        let ent = a.entities.entities.get(e as usize)?;
        let color = charts::kind_color(ent.kind, cx.dark);
        ui.horizontal(|ui| {
            ui.heading(RichText::new(&ent.name).color(color));
            ui.label(RichText::new(ent.kind.as_str()).color(color));
        });
        match self.figures {
            Some((m, d)) => ui.label(format!(
                "{} mentions in {} articles",
                fmt_int(m),
                fmt_int(u64::from(d))
            )),
            None => ui.label("Not named in the filtered articles."),
        };
        ui.horizontal_wrapped(|ui| {
            if ui.button("Add to Timeline").clicked() {
                cx.commands.push(Command::AddTrend(Series::Entity(e)));
            }
            if ui.button("Mentions in Concordance").clicked() {
                cx.commands.push(Command::ConcordanceEntity(e));
            }
        });
        self.editor.aliases_ui(ui, cx, ent);
        egui::CollapsingHeader::new("Correct this entity")
            .id_salt("correct-entity")
            .show(ui, |ui| self.editor.entity_ui(ui, cx, ent));
        self.timeline_ui(ui, cx);
        ui.separator();
        self.pairs_ui(ui, cx)
    }

    fn timeline_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        if crate::gui::panels::no_dates_ui(ui, cx.scope) {
            return;
        }
        let g = cx.granularity();
        let actions = charts::chart_toolbar_ui(ui, &format!("Mentions per {}", g.as_str()));
        let trend = &self.trend;
        let labels = self.labels.clone();
        let hover = |n: &str, i: usize| {
            let p = trend.get(i)?;
            Some(format!(
                "{n}\n{}\n{} mentions\n{} per million",
                labels.get(i).cloned().unwrap_or_default(),
                fmt_int(p.count),
                fmt_f(p.per_million)
            ))
        };
        let resp = charts::period_lines_ui(
            ui,
            "entity-trend",
            &self.line,
            &self.labels,
            "mentions",
            self.reset || actions.reset,
            130.0,
            &[],
            hover,
        );
        self.reset = false;
        if let Some(i) = resp.clicked
            && let Some(p) = self.trend.get(i)
        {
            cx.commands.push(Command::ShowPeriod {
                from: p.period,
                to: g.next_start(p.period) - chrono::Days::new(1),
                label: g.display_label(p.period),
            });
        }
        if actions.export_csv
            && let Some(line) = self.line.first()
        {
            cx.commands
                .push(Command::ExportCsv(crate::export::CsvExport::Trends(
                    g,
                    vec![(line.name.clone(), None, self.trend.clone())],
                )));
        }
        actions.save_chart(cx.commands, "entity_trend", || {
            let name = self.line.first().map_or("", |l| l.name.as_str());
            let title = format!("{name}: mentions per {}", g.as_str());
            charts::lines_spec(&title, "mentions", &self.labels, &self.line)
        });
    }

    fn pairs_ui(&self, ui: &mut Ui, cx: &mut ViewCx<'_>) -> Option<u32> {
        ui.label(
            RichText::new(format!(
                "Named with ({} entities, whole corpus)",
                fmt_int(self.pairs.len() as u64)
            ))
            .strong(),
        )
        .on_hover_text(
            "Same-sentence and same-article counts over the whole corpus; PMI and G² measure \
             how much more often the two appear together than chance. Click a row to select it.",
        );
        let row_h = egui::TextStyle::Body
            .resolve(ui.style())
            .size
            .max(ui.spacing().interact_size.y);
        let mut clicked = None;
        TableBuilder::new(ui)
            .id_salt("entity-pairs")
            .striped(true)
            .sense(Sense::click())
            .column(Column::remainder().at_least(110.0).clip(true))
            .column(Column::exact(42.0))
            .column(Column::exact(58.0))
            .column(Column::exact(58.0))
            .column(Column::exact(44.0))
            .column(Column::exact(54.0))
            .header(20.0, |mut h| {
                for (title, tip) in [
                    ("Entity", "The other entity"),
                    ("Type", "PERSON, ORGANIZATION or LOCATION"),
                    ("Sentences", "Sentences naming both"),
                    ("Articles", "Articles naming both"),
                    ("PMI", "Pointwise mutual information over articles (log2)"),
                    ("G²", "Log-likelihood of the association over articles"),
                ] {
                    h.col(|ui| {
                        ui.label(RichText::new(title).strong()).on_hover_text(tip);
                    });
                }
            })
            .body(|body| {
                body.rows(row_h, self.pairs.len(), |mut row| {
                    let Some(p) = self.pairs.get(row.index()) else {
                        return;
                    };
                    let color = charts::kind_color(p.kind, cx.dark);
                    row.col(|ui| {
                        ui.label(RichText::new(&p.name).color(color));
                    });
                    row.col(|ui| {
                        ui.label(RichText::new(short_kind(p.kind)).color(color));
                    });
                    row.col(|ui| {
                        ui.label(fmt_int(p.sentence_count));
                    });
                    row.col(|ui| {
                        ui.label(fmt_int(p.article_count));
                    });
                    row.col(|ui| {
                        ui.label(fmt_f(p.pmi));
                    });
                    row.col(|ui| {
                        ui.label(fmt_f(p.log_likelihood));
                    });
                    if row.response().clicked() {
                        clicked = Some(p.entity);
                    }
                });
            });
        clicked
    }
}

/// A three-letter type for narrow columns.
pub fn short_kind(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "PER",
        EntityKind::Organization => "ORG",
        EntityKind::Location => "LOC",
        EntityKind::Misc => "MSC",
    }
}
