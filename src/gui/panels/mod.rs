//! One panel per view, each a struct owning its UI state and its caches (keyed by the scope key
//! and the panel's own sort/search settings), plus the drill-down side panel and small shared
//! widgets (search box, sortable headers, "no corpus" placeholder).

pub mod bursts;
pub mod cleaning;
pub mod concordance;
pub mod copies;
pub mod detail;
pub mod dispersion;
pub mod documents;
pub mod entities;
pub mod facets;
pub mod keyness;
pub mod languages_note;
pub mod links;
pub mod ngrams;
pub mod overview;
pub mod problems;
pub mod timeline;
pub mod timeline_split;
pub mod words;

use egui::{RichText, Ui};

use super::command::{Command, View};
use super::scope::Scope;
use super::settings::State;

/// What a panel may read and where it sends commands.
pub struct ViewCx<'a> {
    pub scope: &'a Scope,
    pub state: &'a mut State,
    pub commands: &'a mut Vec<Command>,
    pub dark: bool,
    /// Ctrl+F was pressed this frame: focus the current table's search box.
    pub focus_search: bool,
    /// The filter behind the scope's sub-corpus, if any.
    pub filter: Option<&'a crate::analysis::filter::Filter>,
}

impl ViewCx<'_> {
    /// The periods timelines and trends are drawn in (the user's choice, or the corpus's auto).
    pub fn granularity(&self) -> crate::model::Granularity {
        self.state.periods.resolve(self.scope.auto_granularity)
    }
}

/// Every panel.
#[derive(Default)]
pub struct Panels {
    pub overview: overview::OverviewPanel,
    pub words: words::WordsPanel,
    pub entities: entities::EntitiesPanel,
    pub timeline: timeline::TimelinePanel,
    pub keyness: keyness::KeynessPanel,
    pub documents: documents::DocumentsPanel,
    pub concordance: concordance::ConcordancePanel,
    pub problems: problems::ProblemsPanel,
    pub detail: detail::DetailPanel,
    pub facets: facets::FacetsPanel,
}

impl Panels {
    /// Draw the current view.
    pub fn view_ui(&mut self, view: View, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        if cx.scope.corpus.articles.is_empty() && view != View::Problems {
            empty_ui(ui);
            return;
        }
        if cx.scope.matches_nothing() && view != View::Problems {
            no_match_ui(ui, cx);
            return;
        }
        match view {
            View::Overview => self.overview.ui(ui, cx),
            View::Words => self.words.ui(ui, cx),
            View::Entities => self.entities.ui(ui, cx),
            View::Timeline => self.timeline.ui(ui, cx),
            View::Keyness => self.keyness.ui(ui, cx),
            View::Documents => self.documents.ui(ui, cx),
            View::Concordance => self.concordance.ui(ui, cx),
            View::Problems => self.problems.ui(ui, cx),
        }
    }

    /// The drill-down side panel, when something is selected.
    pub fn detail_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        if self.detail.is_open() && !cx.scope.corpus.articles.is_empty() {
            egui::Panel::right("detail")
                .resizable(true)
                .default_size(340.0)
                .min_size(260.0)
                .show(ui, |ui| self.detail.ui(ui, cx));
        }
    }

    /// The facet side panel, when the corpus has categorical metadata fields: the list, or a
    /// narrow strip with a button that unfolds it.
    pub fn facets_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        if cx.scope.corpus.articles.is_empty() || !facets::FacetsPanel::has_facets(cx) {
            return;
        }
        if self.facets.open {
            egui::Panel::left("facets")
                .resizable(true)
                .default_size(230.0)
                .min_size(170.0)
                .show(ui, |ui| self.facets.ui(ui, cx));
        } else {
            egui::Panel::left("facets-folded")
                .resizable(false)
                .exact_size(34.0)
                .show(ui, |ui| {
                    if ui
                        .button("▶")
                        .on_hover_text("Show the facet panel")
                        .clicked()
                    {
                        self.facets.open = true;
                    }
                });
        }
    }

    /// Read finished background searches; returns why one failed, for the status bar.
    pub fn poll(&mut self, scope: &Scope) -> Option<String> {
        let results = [
            self.concordance.poll(scope),
            self.detail.poll(),
            self.keyness.poll(),
            self.timeline.bursts.poll(),
        ];
        results.into_iter().find_map(Result::err)
    }

    /// Whether a panel's background search is running.
    pub fn busy(&self) -> bool {
        self.concordance.busy()
            || self.detail.busy()
            || self.keyness.busy()
            || self.timeline.bursts.busy()
    }
}

/// What to do so that articles get dates (for every "no dates" message).
pub const NO_DATES_FIX: &str = "To date articles, add a metadata table with a date column, a \
     ` date YYYY-MM-DD` header line, or dates in file names (2020-03-14-budget.txt).";

/// Why a view that needs dates (timelines, trends, bursts, periods) shows nothing, and how to fix
/// it; drawn instead of an empty chart. Returns whether the scope has no dated article.
pub fn no_dates_ui(ui: &mut Ui, scope: &Scope) -> bool {
    if scope.has_dates() {
        return false;
    }
    let why = if scope.is_filtered() && scope.analysis.summary.first_date.is_some() {
        "None of the filtered articles has a date: change the filter to see them over time."
    } else {
        "No article has a date, so there is nothing to draw over time."
    };
    ui.add_space(12.0);
    ui.label(RichText::new(why).strong());
    ui.label(NO_DATES_FIX);
    true
}

/// A filter that matches nothing: said once, instead of tables and charts of zeros.
fn no_match_ui(ui: &mut Ui, cx: &mut ViewCx<'_>) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        ui.heading("No article matches the filter");
        ui.add_space(8.0);
        let what = cx.filter.map(|f| f.describe()).unwrap_or_default();
        ui.label(format!(
            "The filter ({what}) selects none of the {} articles: clear or change it.",
            super::charts::fmt_int(cx.scope.analysis.summary.articles)
        ));
        ui.add_space(8.0);
        if ui.button("Clear the filter").clicked() {
            cx.commands.push(Command::ClearFilter);
        }
    });
}

fn empty_ui(ui: &mut Ui) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        ui.heading("No corpus loaded");
        ui.add_space(8.0);
        ui.label(
            "Open a folder of articles with \"Open folder…\" (Ctrl+O), type its path in the \
             Path box, or drop files and folders onto this window.",
        );
        ui.label(
            "Plain-text articles (.txt, .md), JSON, JSONL, CSV/TSV and zip archives are read.",
        );
    });
}

/// A search box with an accessible label; focused when `focus` (Ctrl+F). Returns whether the
/// text changed.
pub fn search_ui(ui: &mut Ui, label: &str, text: &mut String, hint: &str, focus: bool) -> bool {
    let resp = super::widgets::labelled_edit(ui, label, text, hint, 200.0);
    if focus {
        resp.request_focus();
    }
    resp.changed()
}

/// Sort direction and column of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sort<C> {
    pub column: C,
    pub descending: bool,
}

/// A clickable column header that shows and toggles the sort. Returns whether the sort changed.
pub fn sort_header_ui<C: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    column: C,
    sort: &mut Sort<C>,
) -> bool {
    let clicked = ui
        .add(egui::Button::new(RichText::new(label).strong()).frame(false))
        .on_hover_text(format!("Sort by {}", label.to_lowercase()))
        .clicked();
    if sort.column == column {
        sort_arrow_ui(ui, sort.descending);
    }
    if clicked {
        if sort.column == column {
            sort.descending = !sort.descending;
        } else {
            sort.column = column;
            sort.descending = true;
        }
    }
    clicked
}

/// A small triangle pointing down (descending) or up, painted (the default font has no arrows).
fn sort_arrow_ui(ui: &mut Ui, descending: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    let c = rect.center();
    let (tip, base) = if descending { (4.0, -3.0) } else { (-4.0, 3.0) };
    let points = vec![
        egui::pos2(c.x - 4.0, c.y + base),
        egui::pos2(c.x + 4.0, c.y + base),
        egui::pos2(c.x, c.y + tip),
    ];
    let color = ui.visuals().strong_text_color();
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        color,
        egui::Stroke::NONE,
    ));
}

/// A small filled square of a colour (a legend swatch).
pub fn swatch_ui(ui: &mut Ui, color: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}

/// Whether `text` contains `needle` ignoring case (`needle` already lower-case).
pub fn contains_folded(text: &str, needle_lower: &str) -> bool {
    needle_lower.is_empty() || text.to_lowercase().contains(needle_lower)
}
