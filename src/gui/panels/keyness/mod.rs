//! Keyness: which terms and entities are over- or under-represented in a target set of articles
//! against a reference — the filtered articles against the rest of the corpus, against a saved
//! reference filter, or one period against another (with the top items of each side). The
//! figures come from [`crate::analysis::Analysis::keyness`], computed in a background job when
//! the inputs change, never per frame; the table and the diverging bar chart are in `table`.

mod table;

use std::sync::Arc;

use egui::{RichText, Ui};

use super::ViewCx;
use crate::analysis::docset;
use crate::analysis::filter::Filter;
use crate::analysis::keyness::Keyness;
use crate::export::CsvExport;
use crate::export::{KeynessParams, Params};
use crate::gui::charts::fmt_int;
use crate::gui::command::Command;
use crate::gui::widgets::labelled_edit;
use crate::jobs::Latest;

/// What the target is compared with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Compare {
    /// The filtered articles against every other article.
    #[default]
    Rest,
    /// The filtered articles against a filter saved earlier.
    Saved,
    /// Period A against period B.
    Periods,
}

/// A reference saved from the filter of the moment.
#[derive(Clone, Debug)]
pub struct SavedReference {
    pub filter: Filter,
    pub docs: Arc<Vec<u32>>,
}

/// The most frequent terms and entities of one side (periods mode).
#[derive(Clone, Debug, Default)]
pub struct Tops {
    pub terms: Vec<(String, u64)>,
    pub entities: Vec<(String, u64)>,
}

/// A finished comparison.
#[derive(Clone, Debug)]
pub struct KeyResult {
    pub keyness: Arc<Keyness>,
    pub target: Arc<Vec<u32>>,
    pub reference: Arc<Vec<u32>>,
    pub target_label: String,
    pub reference_label: String,
    /// The filters of target and reference, for `export_params.json`.
    pub target_filter: Filter,
    pub reference_filter: Option<Filter>,
    /// Top items of target and reference (periods mode).
    pub tops: Option<(Tops, Tops)>,
}

/// What a comparison was computed for: (scope key, mode, min frequency, saved reference
/// generation, compared periods generation).
type KeyKey = (u64, Compare, u64, u64, u64);

/// The Keyness view.
pub struct KeynessPanel {
    pub compare: Compare,
    pub min_freq: u64,
    pub saved: Option<SavedReference>,
    /// Bumped by every "Save as reference".
    saved_gen: u64,
    a_from: String,
    a_to: String,
    b_from: String,
    b_to: String,
    a_query: String,
    b_query: String,
    /// The periods last asked for, and a counter that changes with them.
    periods: Option<(Filter, Filter)>,
    periods_gen: u64,
    periods_error: Option<String>,
    job: Latest<KeyResult, KeyKey>,
    pub result: Option<(KeyKey, Arc<KeyResult>)>,
    view: table::KeyTable,
}

impl Default for KeynessPanel {
    fn default() -> Self {
        Self {
            compare: Compare::Rest,
            min_freq: 5,
            saved: None,
            saved_gen: 0,
            a_from: String::new(),
            a_to: String::new(),
            b_from: String::new(),
            b_to: String::new(),
            a_query: String::new(),
            b_query: String::new(),
            periods: None,
            periods_gen: 0,
            periods_error: None,
            job: Latest::new("lexiscope-keyness"),
            result: None,
            view: table::KeyTable::default(),
        }
    }
}

/// One side of a "Two selections" comparison: a date range and a query (`party:SPD`), through
/// the core's one filter constructor; fields the corpus does not have are refused.
fn side_filter(
    analysis: &crate::analysis::Analysis,
    from: &str,
    to: &str,
    query: &str,
) -> Result<Filter, String> {
    if from.trim().is_empty() && to.trim().is_empty() && query.trim().is_empty() {
        return Err("type a date or a query for each side".into());
    }
    let filter = Filter::from_parts(from, to, query).map_err(|e| e.to_string())?;
    analysis.check_fields(&filter).map_err(|e| e.to_string())?;
    Ok(filter)
}

impl KeynessPanel {
    /// Read a finished comparison; `Err` when it failed.
    pub fn poll(&mut self) -> Result<(), String> {
        match self.job.poll_keyed() {
            Some((key, Ok(r))) => self.result = Some((key, Arc::new(r))),
            Some((_, Err(msg))) => return Err(format!("The comparison failed: {msg}")),
            None => {}
        }
        Ok(())
    }

    pub fn busy(&self) -> bool {
        self.job.busy()
    }

    fn key(&self, cx: &ViewCx<'_>) -> KeyKey {
        (
            cx.scope.key,
            self.compare,
            self.min_freq,
            self.saved_gen,
            self.periods_gen,
        )
    }

    /// Start the comparison the settings ask for, unless it is running or done already.
    fn refresh(&mut self, cx: &ViewCx<'_>, ctx: &egui::Context) {
        let key = self.key(cx);
        if self.result.as_ref().is_some_and(|(k, _)| *k == key) || self.job.key() == Some(&key) {
            return;
        }
        let scope = cx.scope;
        let filter = cx.filter.cloned().unwrap_or_default();
        let target: Vec<u32> = scope
            .selected()
            .map_or_else(|| docset::all(scope.analysis.docs.len()), <[u32]>::to_vec);
        let sides = match self.compare {
            Compare::Rest => {
                if !scope.is_filtered() {
                    return;
                }
                let reference = scope.analysis.rest_of(&target);
                Sides::Docs {
                    target,
                    reference: Arc::new(reference),
                    target_label: format!("the filtered articles ({})", filter.describe()),
                    reference_label: "the rest of the corpus".into(),
                    target_filter: filter,
                    reference_filter: None,
                }
            }
            Compare::Saved => {
                let Some(saved) = &self.saved else {
                    return;
                };
                Sides::Docs {
                    target,
                    reference: saved.docs.clone(),
                    target_label: format!("the filtered articles ({})", filter.describe()),
                    reference_label: format!("the saved reference ({})", saved.filter.describe()),
                    target_filter: filter,
                    reference_filter: Some(saved.filter.clone()),
                }
            }
            Compare::Periods => {
                let Some((a, b)) = self.periods.clone() else {
                    return;
                };
                Sides::Periods(a, b)
            }
        };
        let corpus = scope.corpus.clone();
        let analysis = scope.analysis.clone();
        let min_freq = self.min_freq;
        let work = move |_: &crate::jobs::Progress, cancel: &crate::jobs::CancelToken| {
            let r = sides.compute(&corpus, &analysis, min_freq);
            cancel.check()?;
            Ok(r)
        };
        let ctx = ctx.clone();
        self.job.start(key, work, move || ctx.request_repaint());
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        self.controls_ui(ui, cx);
        self.refresh(cx, &ui.ctx().clone());
        let current = self.key(cx);
        let Some((key, result)) = self.result.clone() else {
            self.placeholder_ui(ui, cx);
            return;
        };
        if key != current && !self.job.busy() {
            // The inputs no longer describe a comparison (e.g. the filter was cleared).
            self.placeholder_ui(ui, cx);
            return;
        }
        let k = &result.keyness;
        if k.target_articles == 0 || k.reference_articles == 0 {
            empty_side_ui(ui, &result);
            return;
        }
        ui.horizontal_wrapped(|ui| {
            if self.job.busy() {
                crate::gui::widgets::spinner(ui);
            }
            ui.label(format!(
                "Target: {} articles, {} tokens · Reference: {} articles, {} tokens",
                fmt_int(k.target_articles as u64),
                fmt_int(k.target_tokens),
                fmt_int(k.reference_articles as u64),
                fmt_int(k.reference_tokens)
            ))
            .on_hover_text(format!(
                "Target: {}\nReference: {}",
                result.target_label, result.reference_label
            ));
            ui.label(
                RichText::new(format!(
                    "Bonferroni threshold p < {:.2e} ({} items tested)",
                    k.bonferroni_p,
                    fmt_int(k.rows.len() as u64)
                ))
                .weak(),
            );
            if ui.button("Export CSV…").clicked() || std::mem::take(&mut self.view.export_requested)
            {
                let params = export_params(cx, &result, self.min_freq, self.compare);
                cx.commands.push(Command::ExportCsv(CsvExport::Keyness {
                    keyness: result.keyness.clone(),
                    params: Box::new(params),
                }));
            }
        });
        if let Some((a, b)) = &result.tops {
            tops_ui(ui, a, b);
        }
        self.view.ui(ui, cx, &result);
    }

    fn placeholder_ui(&self, ui: &mut Ui, cx: &ViewCx<'_>) {
        ui.add_space(20.0);
        if self.job.busy() {
            ui.horizontal(|ui| {
                crate::gui::widgets::spinner(ui);
                ui.label("Comparing…");
            });
            return;
        }
        ui.label(match self.compare {
            Compare::Rest if !cx.scope.is_filtered() => {
                "Set a filter above (type dates or a query, or brush a period on the Timeline): \
                 its articles are compared with the rest of the corpus."
            }
            Compare::Saved if self.saved.is_none() => {
                "Set a filter and press \"Save as reference\"; then change the filter to compare \
                 it with the saved one."
            }
            Compare::Periods => "Type two periods and press Compare.",
            _ => "Comparing…",
        });
    }

    fn controls_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Compare:");
            ui.selectable_value(&mut self.compare, Compare::Rest, "Filter vs rest");
            ui.selectable_value(
                &mut self.compare,
                Compare::Saved,
                "Filter vs saved reference",
            );
            ui.selectable_value(&mut self.compare, Compare::Periods, "Two selections")
                .on_hover_text("Two date ranges, two facet values (party:SPD), or both");
            ui.separator();
            let l = ui.label("Min. frequency:");
            ui.add(egui::DragValue::new(&mut self.min_freq).range(1..=10_000))
                .labelled_by(l.id)
                .on_hover_text(
                    "Items seen fewer times in target and reference together are left out",
                );
            ui.separator();
            if ui
                .add_enabled(
                    cx.scope.is_filtered(),
                    egui::Button::new("Save as reference"),
                )
                .on_hover_text("Keep the current filter's articles as the reference")
                .clicked()
                && let Some(docs) = cx.scope.selected()
            {
                self.saved = Some(SavedReference {
                    filter: cx.filter.cloned().unwrap_or_default(),
                    docs: Arc::new(docs.to_vec()),
                });
                self.saved_gen += 1;
            }
            if let Some(s) = &self.saved {
                ui.label(
                    RichText::new(format!(
                        "Reference: {} ({} articles)",
                        s.filter.describe(),
                        fmt_int(s.docs.len() as u64)
                    ))
                    .weak(),
                );
            }
        });
        if self.compare == Compare::Periods {
            ui.horizontal_wrapped(|ui| {
                labelled_edit(ui, "A from", &mut self.a_from, "1930", 70.0);
                labelled_edit(ui, "A to", &mut self.a_to, "1945", 70.0);
                labelled_edit(ui, "A query", &mut self.a_query, "party:SPD", 120.0);
                ui.separator();
                labelled_edit(ui, "B from", &mut self.b_from, "1946", 70.0);
                labelled_edit(ui, "B to", &mut self.b_to, "2020", 70.0);
                labelled_edit(ui, "B query", &mut self.b_query, "party:FDP", 120.0);
                if ui.button("Compare").clicked() {
                    let a = &cx.scope.analysis;
                    match (
                        side_filter(a, &self.a_from, &self.a_to, &self.a_query),
                        side_filter(a, &self.b_from, &self.b_to, &self.b_query),
                    ) {
                        (Ok(a), Ok(b)) => {
                            self.periods = Some((a, b));
                            self.periods_gen += 1;
                            self.periods_error = None;
                        }
                        (Err(e), _) => self.periods_error = Some(format!("A: {e}")),
                        (_, Err(e)) => self.periods_error = Some(format!("B: {e}")),
                    }
                }
                if let Some(e) = &self.periods_error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
            });
        }
    }
}

/// A comparison one side of which holds no article: said, instead of a table of zeros.
fn empty_side_ui(ui: &mut Ui, result: &KeyResult) {
    let k = &result.keyness;
    let empty = if k.target_articles == 0 {
        &result.target_label
    } else {
        &result.reference_label
    };
    ui.add_space(20.0);
    ui.label(
        RichText::new(format!(
            "No article in {empty}: there is nothing to compare."
        ))
        .strong(),
    );
    ui.label("Change the dates or the filter so that both sides hold articles.");
}

/// The two sides of a comparison, as the job receives them.
enum Sides {
    Docs {
        target: Vec<u32>,
        reference: Arc<Vec<u32>>,
        target_label: String,
        reference_label: String,
        target_filter: Filter,
        reference_filter: Option<Filter>,
    },
    Periods(Filter, Filter),
}

impl Sides {
    fn compute(
        self,
        corpus: &crate::model::Corpus,
        a: &crate::analysis::Analysis,
        min_freq: u64,
    ) -> KeyResult {
        match self {
            Sides::Docs {
                target,
                reference,
                target_label,
                reference_label,
                target_filter,
                reference_filter,
            } => KeyResult {
                keyness: Arc::new(a.keyness(&target, &reference, min_freq)),
                target: Arc::new(target),
                reference,
                target_label,
                reference_label,
                target_filter,
                reference_filter,
                tops: None,
            },
            Sides::Periods(fa, fb) => {
                let (da, db) = (a.select(corpus, &fa), a.select(corpus, &fb));
                let tops = |docs: &[u32]| {
                    let sub = a.aggregate(docs);
                    Tops {
                        terms: sub
                            .terms
                            .iter()
                            .take(12)
                            .map(|t| (a.vocab.term(t.term).to_owned(), t.count))
                            .collect(),
                        entities: sub
                            .entity_stats
                            .iter()
                            .take(8)
                            .map(|e| (a.entity_name(e.entity).to_owned(), e.mentions))
                            .collect(),
                    }
                };
                let top_pair = (tops(&da), tops(&db));
                KeyResult {
                    keyness: Arc::new(a.keyness(&da, &db, min_freq)),
                    target_label: format!("period A ({})", fa.describe()),
                    reference_label: format!("period B ({})", fb.describe()),
                    target: Arc::new(da),
                    reference: Arc::new(db),
                    target_filter: fa,
                    reference_filter: Some(fb),
                    tops: Some(top_pair),
                }
            }
        }
    }
}

/// Top terms and entities of periods A and B, side by side.
fn tops_ui(ui: &mut Ui, a: &Tops, b: &Tops) {
    let list = |v: &[(String, u64)]| {
        v.iter()
            .map(|(n, c)| format!("{n} ({})", fmt_int(*c)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    ui.columns(2, |cols| {
        for (ui, (side, t)) in cols.iter_mut().zip([("A", a), ("B", b)]) {
            ui.label(RichText::new(format!("Top in period {side}")).strong());
            ui.label(format!("Terms: {}", list(&t.terms)));
            ui.label(format!("Entities: {}", list(&t.entities)));
        }
    });
    ui.separator();
}

/// `export_params.json` of a keyness export: the parameters of the target filter's export,
/// plus the comparison (mode, reference filter, minimum frequency, threshold).
fn export_params(cx: &ViewCx<'_>, r: &KeyResult, min_freq: u64, compare: Compare) -> Params {
    let sides = KeynessParams::new(
        &format!("{compare:?}"),
        (r.target_label.clone(), &r.target_filter),
        (r.reference_label.clone(), r.reference_filter.as_ref()),
        min_freq,
        &r.keyness,
    );
    Params::new(&cx.scope.corpus, &cx.scope.analysis, &r.target_filter).with_keyness(sides)
}
