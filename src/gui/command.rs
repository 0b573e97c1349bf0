//! What the app's clicks ask for: the [`View`]s, and the [`Command`]s that the chrome and the
//! panels push during the UI pass and the app runs after it. A leaf module: it names only core
//! types and the dialog kinds, so every part of the GUI can use it without importing the app.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use egui::Rect;

use super::picker::PickKind;
use super::settings::Theme;
use crate::analysis::entity_edits::EntityRules;
use crate::analysis::filter::Filter;
use crate::analysis::keyness::KeyItem;
use crate::analysis::{AnalysisSettings, Series};
use crate::export::{ChartSpec, CsvExport};

/// The views, in tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    Overview,
    Words,
    Entities,
    Timeline,
    Keyness,
    Documents,
    Concordance,
    Problems,
}

impl View {
    pub const ALL: [View; 8] = [
        View::Overview,
        View::Words,
        View::Entities,
        View::Timeline,
        View::Keyness,
        View::Documents,
        View::Concordance,
        View::Problems,
    ];

    /// The tab label.
    pub fn label(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Words => "Words",
            View::Entities => "Entities",
            View::Timeline => "Timeline",
            View::Keyness => "Keyness",
            View::Documents => "Documents",
            View::Concordance => "Concordance",
            View::Problems => "Problems",
        }
    }

    /// Parse a view name (case-insensitive), e.g. from `LEXISCOPE_VIEW`.
    pub fn parse(s: &str) -> Option<View> {
        View::ALL
            .into_iter()
            .find(|v| v.label().eq_ignore_ascii_case(s.trim()))
    }
}

/// What a click asks for; run after the UI pass.
#[derive(Clone, Debug)]
pub enum Command {
    /// Import and analyse these paths (replacing the corpus when done).
    OpenPaths(Vec<PathBuf>),
    /// Show an "open" dialog.
    PickToOpen(PickKind),
    CancelLoad,
    /// Re-run the analysis of the current corpus with the current settings.
    Reanalyze,
    /// Ask for a folder, then write every CSV into it.
    ExportAll,
    /// Ask for a file, then write these rows into it.
    ExportCsv(CsvExport),
    /// Ask for a file, then save this part of the window as a PNG.
    SavePng {
        rect: Rect,
        name: String,
    },
    /// Ask for a file, then write this chart as SVG or PNG.
    SaveChart(ChartFile),
    ShowView(View),
    /// Show a term's or entity's details (trend and concordance) in the side panel.
    Drill(Series),
    /// Show the articles of one period in Documents.
    ShowPeriod {
        from: NaiveDate,
        to: NaiveDate,
        label: String,
    },
    /// Open an article in the reader, optionally highlighting a byte span.
    OpenArticle {
        doc: u32,
        span: Option<(usize, usize)>,
    },
    /// Add a series to the Timeline trends and show the Timeline.
    AddTrend(Series),
    /// Search this text in the Concordance view.
    Concordance(String),
    /// List every mention of an entity in the Concordance view.
    ConcordanceEntity(u32),
    /// Search a keyness item in the Concordance, only in these articles (one side of a
    /// comparison), named by `label`.
    ConcordanceIn {
        item: KeyItem,
        docs: Arc<Vec<u32>>,
        label: String,
    },
    /// Apply the filter bar's filter (the current one goes into the Back history).
    ApplyFilter(Filter),
    ClearFilter,
    /// Keep the query, set the date range (a brush on a timeline, or a removed chip).
    SetDates {
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    /// Keep the dates, drop the query (its chip was removed).
    RemoveQuery,
    /// Go back to the filter before the current one, or forward again.
    FilterBack,
    FilterForward,
    /// Switch the colour theme.
    SetTheme(Theme),
    /// Keep these settings and re-analyse the corpus with them.
    ApplySettings {
        analysis: AnalysisSettings,
        top_n: usize,
        /// How to import the corpus; a change imports it again.
        import: crate::gui::settings::ImportChoices,
    },
    /// Paths were typed for a dialog that had no native window (the save fallback).
    Picked(PickPurpose, Vec<PathBuf>),
    /// Stop the running "Export all" (nothing is left in the folder).
    CancelExport,
    /// Make these the corpus's entity corrections and re-analyse it (an edit, an undo, a clear).
    EditEntities(EntityRules),
    /// Ask for a file, then write these entity corrections into it as a rules CSV.
    ExportEntityRules(EntityRules),
    /// Ask for a rules CSV, then add its corrections after the corpus's own and re-analyse.
    ImportEntityRules,
    /// Ask for a file, then write the shown corpus's session (settings, filter, view) into it.
    SaveSession,
    /// Ask for a session file, then open its corpus and restore its filter and view.
    OpenSession,
}

/// Why a dialog was opened.
#[derive(Clone, Debug)]
pub enum PickPurpose {
    Open,
    ExportAll,
    ExportCsv(CsvExport),
    SavePng { rect: Rect, name: String },
    SaveChart(ChartFile),
    ExportEntityRules(EntityRules),
    ImportEntityRules,
    SaveSession,
    OpenSession,
}

/// The file formats of "SVG…" and "PNG…".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartFormat {
    /// Vector, text as text.
    Svg,
    /// The same drawing rendered at 2x.
    Png,
}

/// A chart to write to a file: what to draw (a snapshot of the chart's rows), in which format.
#[derive(Clone, Debug)]
pub struct ChartFile {
    pub spec: Arc<ChartSpec>,
    pub format: ChartFormat,
    /// The suggested file name, with its extension.
    pub name: String,
}
