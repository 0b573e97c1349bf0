//! Concordance (KWIC): a word, phrase or `prefix*` search showing left context | match | right
//! context, sortable by the word left or right of the match; each line opens its article. The
//! search runs as a background job (frequent words in big corpora take a moment).

use std::sync::Arc;

use egui::{Align, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::ViewCx;
use crate::analysis::concordance::entity_kwic;
use crate::analysis::concordance::{KwicLine, concordance};
use crate::export::CsvExport;
use crate::gui::cache::CacheKey;
use crate::gui::charts::fmt_int;
use crate::gui::command::Command;
use crate::gui::scope::Scope;
use crate::jobs::Latest;

/// What to look for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KwicTarget {
    /// Words as typed (a word, a phrase, `prefix*`).
    Text(String),
    /// Every mention of an entity.
    Entity(u32),
}

/// A concordance search running in the background, and its last result.
pub struct KwicSearch {
    /// The search, keyed by the scope it searches.
    job: Latest<Vec<KwicLine>, u64>,
    pub lines: Arc<Vec<KwicLine>>,
    /// The scope key the lines were computed for.
    pub scope_key: u64,
    pub error: Option<String>,
}

impl Default for KwicSearch {
    fn default() -> Self {
        Self {
            job: Latest::new("lexiscope-kwic"),
            lines: Arc::default(),
            scope_key: 0,
            error: None,
        }
    }
}

impl KwicSearch {
    /// Start a search in the scope's articles (cancelling the previous one).
    pub fn start(
        &mut self,
        scope: &Scope,
        target: KwicTarget,
        context_words: usize,
        ctx: Option<egui::Context>,
    ) {
        let docs = scope.selected().map(<[u32]>::to_vec);
        self.start_in(scope, docs, target, context_words, ctx);
    }

    /// Start a search in these articles (all when `None`).
    pub fn start_in(
        &mut self,
        scope: &Scope,
        docs: Option<Vec<u32>>,
        target: KwicTarget,
        context_words: usize,
        ctx: Option<egui::Context>,
    ) {
        let corpus = scope.corpus.clone();
        let analysis = scope.analysis.clone();
        let work = move |_: &crate::jobs::Progress, cancel: &crate::jobs::CancelToken| match &target
        {
            KwicTarget::Text(t) => Ok(concordance(
                &analysis,
                &corpus,
                docs.as_deref(),
                t,
                context_words,
            )),
            KwicTarget::Entity(e) => entity_kwic(
                &corpus,
                &analysis,
                *e,
                docs.as_deref(),
                context_words,
                cancel,
            ),
        };
        let wake = move || {
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        };
        self.error = None;
        self.job.start(scope.key, work, wake);
    }

    /// Read a finished search: `Ok(true)` when new lines arrived, `Err` when it failed.
    pub fn poll(&mut self) -> Result<bool, String> {
        match self.job.poll_keyed() {
            None => Ok(false),
            Some((key, Ok(lines))) => {
                self.lines = Arc::new(lines);
                self.scope_key = key;
                Ok(true)
            }
            Some((_, Err(msg))) => {
                let msg = format!("The search failed: {msg}");
                self.error = Some(msg.clone());
                Err(msg)
            }
        }
    }

    pub fn busy(&self) -> bool {
        self.job.busy()
    }
}

/// How KWIC lines are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KwicSort {
    #[default]
    TextOrder,
    Left,
    Right,
}

/// What the Concordance shows of a search.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KwicMode {
    /// The lines in context.
    #[default]
    Lines,
    /// Where the hits fall in each article.
    Dispersion,
}

/// The Concordance view.
pub struct ConcordancePanel {
    /// Lines or the dispersion plot.
    pub mode: KwicMode,
    pub dispersion: super::dispersion::DispersionPanel,
    pub query: String,
    target: Option<KwicTarget>,
    pending: bool,
    pub context_words: usize,
    sort: KwicSort,
    pub search: KwicSearch,
    order_key: CacheKey<(usize, KwicSort)>,
    order: Vec<usize>,
    /// Search only these articles instead of the filter's (a keyness side), with its name.
    restrict: Option<(String, Arc<Vec<u32>>)>,
}

impl Default for ConcordancePanel {
    fn default() -> Self {
        Self {
            mode: KwicMode::Lines,
            dispersion: Default::default(),
            query: String::new(),
            target: None,
            pending: false,
            context_words: 8,
            sort: KwicSort::TextOrder,
            search: KwicSearch::default(),
            order_key: CacheKey::default(),
            order: Vec::new(),
            restrict: None,
        }
    }
}

impl ConcordancePanel {
    /// Search this text (from a drill-down elsewhere) when the view is next drawn.
    pub fn search(&mut self, text: &str) {
        self.restrict = None;
        self.query = text.to_owned();
        self.target = Some(KwicTarget::Text(text.to_owned()));
        self.pending = true;
    }

    /// Show every mention of an entity.
    pub fn search_entity(&mut self, entity: u32, name: &str) {
        self.restrict = None;
        self.query = name.to_owned();
        self.target = Some(KwicTarget::Entity(entity));
        self.pending = true;
    }

    /// Search a term (`entity` = `None`) or an entity only in `docs`, named `label`.
    pub fn search_in(
        &mut self,
        text: &str,
        entity: Option<u32>,
        docs: Arc<Vec<u32>>,
        label: String,
    ) {
        self.query = text.to_owned();
        self.target = Some(match entity {
            Some(e) => KwicTarget::Entity(e),
            None => KwicTarget::Text(text.to_owned()),
        });
        self.restrict = Some((label, docs));
        self.pending = true;
    }

    /// Read a finished search; `Err` when it failed.
    pub fn poll(&mut self, scope: &Scope) -> Result<(), String> {
        if self.search.poll()? {
            self.order_key.clear();
        }
        // The filter or corpus changed: search again in the new scope.
        if self.target.is_some() && self.search.scope_key != scope.key && !self.search.busy() {
            self.pending = true;
        }
        Ok(())
    }

    pub fn busy(&self) -> bool {
        self.search.busy()
    }

    fn refresh_order(&mut self) {
        let lines = &self.search.lines;
        let key = (Arc::as_ptr(lines) as usize, self.sort);
        if self.order_key.is(&key) {
            return;
        }
        let mut order: Vec<usize> = (0..lines.len()).collect();
        match self.sort {
            KwicSort::TextOrder => {}
            KwicSort::Left => {
                let keys: Vec<String> = lines.iter().map(KwicLine::left_key).collect();
                order.sort_by(|&x, &y| keys[x].cmp(&keys[y]).then(x.cmp(&y)));
            }
            KwicSort::Right => {
                let keys: Vec<String> = lines.iter().map(KwicLine::right_key).collect();
                order.sort_by(|&x, &y| keys[x].cmp(&keys[y]).then(x.cmp(&y)));
            }
        }
        self.order = order;
        self.order_key.set(key);
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        ui.horizontal_wrapped(|ui| {
            let r = crate::gui::widgets::labelled_edit(
                ui,
                "Search words",
                &mut self.query,
                "a word, \"a phrase\" or prefix* (Ctrl+F)",
                260.0,
            );
            if cx.focus_search {
                r.request_focus();
            }
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Search").clicked() || enter {
                self.restrict = None;
                let q = self.query.trim().trim_matches('"').to_owned();
                self.target = (!q.is_empty()).then_some(KwicTarget::Text(q));
                self.pending = self.target.is_some();
            }
            let l = ui.label("Context words:");
            if ui
                .add(egui::Slider::new(&mut self.context_words, 2..=20))
                .labelled_by(l.id)
                .drag_stopped()
            {
                self.pending = self.target.is_some();
            }
        });
        if self.pending
            && let Some(t) = self.target.clone()
        {
            self.pending = false;
            let ctx = Some(ui.ctx().clone());
            match &self.restrict {
                Some((_, docs)) => {
                    let docs = Some(docs.to_vec());
                    self.search
                        .start_in(cx.scope, docs, t, self.context_words, ctx);
                }
                None => self.search.start(cx.scope, t, self.context_words, ctx),
            }
        }
        if let Some((label, _)) = &self.restrict {
            let mut clear = false;
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("Only in {label}")).strong());
                clear = ui
                    .small_button("Search the filtered articles instead")
                    .clicked();
            });
            if clear {
                self.restrict = None;
                self.pending = self.target.is_some();
            }
        }
        self.mode_ui(ui);
        if self.mode == KwicMode::Dispersion {
            self.dispersion_ui(ui, cx);
            return;
        }
        self.refresh_order();
        ui.horizontal(|ui| {
            ui.label("Sort:");
            ui.selectable_value(&mut self.sort, KwicSort::TextOrder, "Article order");
            ui.selectable_value(&mut self.sort, KwicSort::Left, "Left word");
            ui.selectable_value(&mut self.sort, KwicSort::Right, "Right word");
            ui.separator();
            if self.search.busy() {
                crate::gui::widgets::spinner(ui);
                ui.label("Searching…");
            } else if self.target.is_some() {
                let mut docs: Vec<u32> = self.search.lines.iter().map(|l| l.doc).collect();
                docs.dedup();
                ui.label(format!(
                    "{} lines in {} articles",
                    fmt_int(self.search.lines.len() as u64),
                    fmt_int(docs.len() as u64)
                ));
            }
            if ui.button("Export CSV…").clicked() {
                let rows: Vec<KwicLine> = self
                    .order
                    .iter()
                    .filter_map(|&i| self.search.lines.get(i).cloned())
                    .collect();
                cx.commands.push(Command::ExportCsv(CsvExport::Kwic(rows)));
            }
        });
        if let Some(e) = &self.search.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        if self.target.is_none() {
            ui.label("Type a word or phrase and press Search; click a line to read its article.");
            return;
        }
        self.table_ui(ui, cx);
    }

    /// "Show: Lines | Dispersion".
    fn mode_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label("Show:");
            ui.selectable_value(&mut self.mode, KwicMode::Lines, "Lines");
            ui.selectable_value(&mut self.mode, KwicMode::Dispersion, "Dispersion")
                .on_hover_text(
                    "Where the hits fall in each article: one row per article, a tick per hit",
                );
        });
    }

    /// The dispersion plot of the search (it follows the filter like the lines).
    fn dispersion_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        if self.search.busy() {
            ui.horizontal(|ui| {
                crate::gui::widgets::spinner(ui);
                ui.label("Searching…");
            });
        }
        if let Some(e) = &self.search.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        if self.target.is_none() {
            ui.label(
                "Type a word or phrase and press Search to see where it occurs in each article.",
            );
            return;
        }
        let lines = self.search.lines.clone();
        let what = self.query.trim().trim_matches('"').to_owned();
        self.dispersion.ui(ui, cx, &lines, &what);
    }

    fn table_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        let lines = self.search.lines.clone();
        let corpus = cx.scope.corpus.clone();
        let row_h = egui::TextStyle::Body
            .resolve(ui.style())
            .size
            .max(ui.spacing().interact_size.y);
        // The match column fits the longest match (names such as "Donald Trump" whole), within
        // bounds; the sides share the rest.
        let font = egui::TextStyle::Body.resolve(ui.style());
        let longest = lines
            .iter()
            .take(5000)
            .map(|l| l.matched.chars().count())
            .max()
            .unwrap_or(8);
        let match_w = (longest as f32 * font.size * 0.6 + 16.0).clamp(80.0, 280.0);
        let side = ((ui.available_width() - match_w - 160.0) / 2.0).max(140.0);
        let accent = ui.visuals().hyperlink_color;
        let mut clicked = None;
        TableBuilder::new(ui)
            .id_salt("kwic-table")
            .striped(true)
            .sense(Sense::click())
            .column(Column::exact(side).clip(true))
            .column(Column::exact(match_w).clip(true))
            .column(Column::exact(side).clip(true))
            .column(Column::remainder().at_least(120.0).clip(true))
            .header(22.0, |mut h| {
                h.col(|ui| {
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        ui.strong("Left context");
                    });
                });
                h.col(|ui| {
                    ui.strong("Match");
                });
                h.col(|ui| {
                    ui.strong("Right context");
                });
                h.col(|ui| {
                    ui.strong("Article");
                });
            })
            .body(|body| {
                body.rows(row_h, self.order.len(), |mut row| {
                    let Some(l) = self.order.get(row.index()).and_then(|&i| lines.get(i)) else {
                        return;
                    };
                    row.col(|ui| {
                        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                            ui.add(egui::Label::new(&l.left).truncate());
                        });
                    });
                    row.col(|ui| {
                        ui.label(RichText::new(&l.matched).strong().color(accent));
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(&l.right).truncate());
                    });
                    row.col(|ui| {
                        let art = corpus.articles.get(l.doc as usize);
                        let date = art
                            .and_then(|a| a.date)
                            .map(|d| d.to_string())
                            .unwrap_or_default();
                        let name = art.map(|a| corpus.article_name(a)).unwrap_or_default();
                        ui.label(RichText::new(format!("{date} {name}")).weak());
                    });
                    if row.response().clicked() {
                        clicked = Some((l.doc, (l.start, l.end)));
                    }
                });
            });
        if let Some((doc, span)) = clicked {
            cx.commands.push(Command::OpenArticle {
                doc,
                span: Some(span),
            });
        }
    }
}
