//! Keyness: which terms and entities are over- or under-represented in a target set of articles
//! against a reference — the filtered articles against the rest of the corpus, against a saved
//! reference filter, or one period against another (with the top items of each side). The
//! figures come from [`crate::analysis::Analysis::keyness`], computed in a background job when
//! the inputs change, never per frame; the table and the diverging bar chart are in [`table`].

mod table;

use std::sync::Arc;

use egui::{RichText, Ui};

use super::ViewCx;
use crate::analysis::filter::Filter;
use crate::analysis::keyness::Keyness;
use crate::gui::app::Command;
use crate::gui::charts::fmt_int;
use crate::gui::chrome::{labelled_edit, parse_date};
use crate::gui::exports::CsvExport;
use crate::jobs::{Job, JobPoll};

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

/// What a comparison was computed for: (scope key, mode, min frequency, saved reference,
/// compared periods).
type KeyKey = (u64, Compare, u64, usize, u64);

/// The Keyness view.
pub struct KeynessPanel {
    pub compare: Compare,
    pub min_freq: u64,
    pub saved: Option<SavedReference>,
    a_from: String,
    a_to: String,
    b_from: String,
    b_to: String,
    /// The periods last asked for, and a counter that changes with them.
    periods: Option<(Filter, Filter)>,
    periods_gen: u64,
    periods_error: Option<String>,
    job: Option<(KeyKey, Job<KeyResult>)>,
    pub result: Option<(KeyKey, Arc<KeyResult>)>,
    view: table::KeyTable,
}

impl Default for KeynessPanel {
    fn default() -> Self {
        Self {
            compare: Compare::Rest,
            min_freq: 5,
            saved: None,
            a_from: String::new(),
            a_to: String::new(),
            b_from: String::new(),
            b_to: String::new(),
            periods: None,
            periods_gen: 0,
            periods_error: None,
            job: None,
            result: None,
            view: table::KeyTable::default(),
        }
    }
}

/// A date range filter from two typed dates.
fn period_filter(from: &str, to: &str) -> Result<Filter, String> {
    let from = parse_date(from, false)?;
    let to = parse_date(to, true)?;
    if from.is_none() && to.is_none() {
        return Err("type at least one date for each period".into());
    }
    Ok(Filter {
        from,
        to,
        query: None,
    })
}

impl KeynessPanel {
    pub fn poll(&mut self) {
        let Some((key, job)) = &mut self.job else {
            return;
        };
        match job.poll() {
            JobPoll::Running => {}
            JobPoll::Done(r) => {
                self.result = Some((*key, Arc::new(r)));
                self.job = None;
            }
            JobPoll::Cancelled | JobPoll::Failed(_) => self.job = None,
        }
    }

    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    fn key(&self, cx: &ViewCx<'_>) -> KeyKey {
        let saved = self
            .saved
            .as_ref()
            .map_or(0, |s| Arc::as_ptr(&s.docs) as usize);
        (
            cx.scope.key,
            self.compare,
            self.min_freq,
            saved,
            self.periods_gen,
        )
    }

    /// Start the comparison the settings ask for, unless it is running or done already.
    fn refresh(&mut self, cx: &ViewCx<'_>, ctx: &egui::Context) {
        let key = self.key(cx);
        if self.result.as_ref().is_some_and(|(k, _)| *k == key)
            || self.job.as_ref().is_some_and(|(k, _)| *k == key)
        {
            return;
        }
        let scope = cx.scope;
        let all = || (0..scope.analysis.docs.len() as u32).collect::<Vec<u32>>();
        let filter = cx.filter.cloned().unwrap_or_default();
        let target: Vec<u32> = scope.selected().map_or_else(all, <[u32]>::to_vec);
        let sides = match self.compare {
            Compare::Rest => {
                if !scope.is_filtered() {
                    return;
                }
                let reference: Vec<u32> = all()
                    .into_iter()
                    .filter(|d| target.binary_search(d).is_err())
                    .collect();
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
        if let Some((_, old)) = self.job.take() {
            old.cancel.cancel();
        }
        if let Ok(job) = Job::spawn("lexiscope-keyness", key.0, work, move || {
            ctx.request_repaint()
        }) {
            self.job = Some((key, job));
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        self.controls_ui(ui, cx);
        self.refresh(cx, &ui.ctx().clone());
        let current = self.key(cx);
        let Some((key, result)) = self.result.clone() else {
            self.placeholder_ui(ui, cx);
            return;
        };
        if key != current && self.job.is_none() {
            // The inputs no longer describe a comparison (e.g. the filter was cleared).
            self.placeholder_ui(ui, cx);
            return;
        }
        let k = &result.keyness;
        ui.horizontal_wrapped(|ui| {
            if self.job.is_some() {
                ui.spinner();
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
                    params,
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
        if self.job.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
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
            ui.selectable_value(&mut self.compare, Compare::Periods, "Two periods");
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
                labelled_edit(ui, "A from", &mut self.a_from, "1930", 80.0);
                labelled_edit(ui, "A to", &mut self.a_to, "1945", 80.0);
                ui.separator();
                labelled_edit(ui, "B from", &mut self.b_from, "1946", 80.0);
                labelled_edit(ui, "B to", &mut self.b_to, "2020", 80.0);
                if ui.button("Compare").clicked() {
                    match (
                        period_filter(&self.a_from, &self.a_to),
                        period_filter(&self.b_from, &self.b_to),
                    ) {
                        (Ok(a), Ok(b)) => {
                            self.periods = Some((a, b));
                            self.periods_gen += 1;
                            self.periods_error = None;
                        }
                        (Err(e), _) => self.periods_error = Some(format!("Period A: {e}")),
                        (_, Err(e)) => self.periods_error = Some(format!("Period B: {e}")),
                    }
                }
                if let Some(e) = &self.periods_error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
            });
        }
    }
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

/// `export_params.json` of a keyness export: the CLI's parameters for the target filter, plus
/// the comparison (mode, reference filter, minimum frequency, threshold).
fn export_params(cx: &ViewCx<'_>, r: &KeyResult, min_freq: u64, compare: Compare) -> String {
    let base = crate::cli::export_params(&cx.scope.corpus, &cx.scope.analysis, &r.target_filter);
    let mut v: serde_json::Value = serde_json::from_str(&base).unwrap_or_default();
    let filter_json = |f: &Filter| {
        serde_json::json!({
            "from": f.from.map(|d| d.to_string()),
            "to": f.to.map(|d| d.to_string()),
            "query": f.query.as_ref().map(|q| q.text.clone()),
        })
    };
    if let Some(obj) = v.as_object_mut() {
        obj.insert(
            "keyness".into(),
            serde_json::json!({
                "compare": format!("{compare:?}"),
                "target": r.target_label,
                "target_filter": filter_json(&r.target_filter),
                "reference": r.reference_label,
                "reference_filter": r.reference_filter.as_ref().map(filter_json),
                "min_freq": min_freq,
                "target_articles": r.keyness.target_articles,
                "reference_articles": r.keyness.reference_articles,
                "bonferroni_p": r.keyness.bonferroni_p,
            }),
        );
    }
    serde_json::to_string_pretty(&v).unwrap_or(base)
}
