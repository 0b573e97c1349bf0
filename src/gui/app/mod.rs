//! The app shell: the state that lives for the whole session (persisted settings, the loaded
//! corpus, running jobs, pending dialogs), the per-frame order of work (input, job results, chrome,
//! the current view, commands), and the commands that clicks produce.
//!
//! Long work (import + analysis, exports, PNG encoding) runs as [`Job`]s on named threads; their
//! results are read here, once per frame, and a result whose generation is stale is dropped.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use egui::{Key, Modifiers, Rect, Ui};

use super::charts::fmt_int;
use super::exports::CsvExport;
use super::panels::Panels;
use super::picker::{FakePicker, NativePicker, PickKind, PickOutcome, Picker};
use super::scope::{Loaded, Scope, Series};
use super::settings::{RecentCorpus, State, Theme};
use super::{chrome, loading};
use crate::analysis::Analysis;
use crate::analysis::filter::Filter;
use crate::analysis::keyness::KeyItem;
use crate::jobs::{Job, JobPoll};
use crate::model::Corpus;

mod commands;
mod exports;
mod filter;

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
}

/// Why a dialog was opened.
#[derive(Clone, Debug)]
pub(crate) enum PickPurpose {
    Open,
    ExportAll,
    ExportCsv(CsvExport),
    SavePng { rect: Rect, name: String },
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// A running import/analysis.
pub(crate) struct LoadJob {
    pub job: Job<loading::LoadOutcome>,
    pub label: String,
    pub started: Instant,
}

type Screenshot = (Arc<egui::ColorImage>, Rect, PathBuf, f32);

/// The desktop app. Constructible without a window for tests ([`App::new_for_test`],
/// [`App::with_corpus`]); [`App::ui`] draws one frame into any `Ui`.
pub struct App {
    pub state: State,
    pub(crate) scope: Scope,
    pub(crate) loaded_paths: Vec<PathBuf>,
    pub(crate) filter_text: chrome::FilterBar,
    pub(crate) view: View,
    pub(crate) panels: Panels,
    next_key: u64,
    generation: u64,
    pub(crate) load: Option<LoadJob>,
    filter_job: Option<Job<(Arc<crate::analysis::filter::SubCorpus>, Filter)>>,
    /// The filter behind `scope.sub`.
    applied_filter: Option<Filter>,
    /// The filter last asked for (applied, or being applied).
    pub(crate) requested_filter: Filter,
    /// Earlier filters (most recent last) and the ones Back left (most recent last).
    pub(crate) filter_back: Vec<Filter>,
    pub(crate) filter_forward: Vec<Filter>,
    exports: Vec<Job<Result<String, String>>>,
    pending_pick: Option<(PickPurpose, Receiver<PickOutcome>)>,
    pub(crate) save_fallback: Option<(PickPurpose, String)>,
    screenshots: (Sender<Screenshot>, Receiver<Screenshot>),
    picker: Box<dyn Picker>,
    pub(crate) typed_path: String,
    pub(crate) focus_typed_path: bool,
    pub(crate) status: Option<Status>,
    pub(crate) commands: Vec<Command>,
    pub(crate) settings_draft: Option<chrome::SettingsDraft>,
    pub(crate) focus_search: bool,
    ctx: Option<egui::Context>,
    applied_theme: Option<Theme>,
}

impl App {
    fn blank(picker: Box<dyn Picker>, state: State) -> Self {
        Self {
            state,
            scope: Scope::empty(),
            loaded_paths: Vec::new(),
            filter_text: chrome::FilterBar::default(),
            view: View::Overview,
            panels: Panels::default(),
            next_key: 1,
            generation: 0,
            load: None,
            filter_job: None,
            applied_filter: None,
            requested_filter: Filter::default(),
            filter_back: Vec::new(),
            filter_forward: Vec::new(),
            exports: Vec::new(),
            pending_pick: None,
            save_fallback: None,
            screenshots: channel(),
            picker,
            typed_path: String::new(),
            focus_typed_path: false,
            status: None,
            commands: Vec::new(),
            settings_draft: None,
            focus_search: false,
            ctx: None,
            applied_theme: None,
        }
    }

    /// The app in a real window: settings from eframe storage, then the given paths, the last
    /// corpus, or the bundled sample, opened in the background.
    pub fn new(cc: &eframe::CreationContext<'_>, paths: Vec<PathBuf>) -> Self {
        let state: State = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::blank(Box::new(NativePicker), state);
        app.ctx = Some(cc.egui_ctx.clone());
        if let Some(v) = std::env::var("LEXISCOPE_VIEW")
            .ok()
            .as_deref()
            .and_then(View::parse)
        {
            app.view = v;
        }
        if let Ok(text) = std::env::var("LEXISCOPE_FILTER")
            && let Ok(filter) = Filter::parse(&text)
        {
            app.show_in_filter_bar(&filter);
        }
        let start = if !paths.is_empty() {
            Some(paths)
        } else if let Some(last) = app.state.last_corpus.clone()
            && last.paths.iter().all(|p| p.exists())
        {
            Some(last.paths)
        } else {
            super::sample_corpus_dir().map(|p| vec![p])
        };
        if let Some(paths) = start {
            app.open_paths(paths);
        }
        app
    }

    /// An app with no corpus and a fake picker that cancels every dialog.
    pub fn new_for_test() -> Self {
        Self::blank(Box::<FakePicker>::default(), State::default())
    }

    /// An app showing an already analysed corpus (tests, benchmarks).
    pub fn with_corpus(corpus: Corpus, analysis: Analysis) -> Self {
        let mut app = Self::new_for_test();
        let paths = corpus.sources.iter().map(PathBuf::from).collect();
        app.install(Loaded {
            corpus: Arc::new(corpus),
            analysis: Arc::new(analysis),
            paths,
        });
        app
    }

    /// Replace the dialog implementation (tests inject a fake).
    pub fn set_picker(&mut self, picker: Box<dyn Picker>) {
        self.picker = picker;
    }

    /// The corpus currently shown.
    pub fn corpus(&self) -> &Corpus {
        &self.scope.corpus
    }

    /// The analysis currently shown.
    pub fn analysis(&self) -> &Analysis {
        &self.scope.analysis
    }

    /// The current view.
    pub fn view(&self) -> View {
        self.view
    }

    pub fn set_view(&mut self, view: View) {
        self.view = view;
    }

    /// The status-bar message, if any.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Whether an import or analysis is running.
    pub fn is_loading(&self) -> bool {
        self.load.is_some()
    }

    /// Whether any job (load, export) or dialog is still pending.
    pub fn is_busy(&self) -> bool {
        self.load.is_some()
            || self.filter_job.is_some()
            || !self.exports.is_empty()
            || self.pending_pick.is_some()
            || self.panels.busy()
    }

    /// Apply the results of finished jobs until nothing is pending (tests), at most `timeout`.
    pub fn wait_for_jobs(&mut self, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        loop {
            self.poll_all();
            if !self.is_busy() {
                return true;
            }
            if Instant::now() > end {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn wake(&self) -> Box<dyn Fn() + Send> {
        let ctx = self.ctx.clone();
        Box::new(move || {
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        })
    }

    pub(crate) fn set_status(&mut self, text: impl Into<String>, error: bool) {
        self.status = Some(Status {
            text: text.into(),
            error,
        });
    }

    /// Start importing and analysing `paths`; the current corpus stays until the new one is ready.
    pub fn open_paths(&mut self, paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        let missing: Vec<String> = paths
            .iter()
            .filter(|p| !p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !missing.is_empty() {
            self.set_status(format!("Not found: {}", missing.join(", ")), true);
            return;
        }
        let label = loading::corpus_name(&paths);
        let source = loading::LoadSource::Paths(paths);
        self.start_load(source, format!("Opening {label}"));
    }

    /// Re-run the analysis of the current corpus with the current settings.
    pub fn reanalyze(&mut self) {
        if self.scope.corpus.articles.is_empty() {
            return;
        }
        let source = loading::LoadSource::Reanalyze {
            corpus: self.scope.corpus.clone(),
            paths: self.loaded_paths.clone(),
        };
        self.start_load(source, "Re-analysing".to_owned());
    }

    fn start_load(&mut self, source: loading::LoadSource, label: String) {
        self.cancel_load_quietly();
        self.generation += 1;
        let settings = self.state.analysis_settings();
        self.status = None;
        let wake = self.wake();
        let work = loading::work(source, settings);
        match Job::spawn("lexiscope-load", self.generation, work, wake) {
            Ok(job) => {
                self.load = Some(LoadJob {
                    job,
                    label,
                    started: Instant::now(),
                });
            }
            Err(e) => self.set_status(format!("Cannot start the import: {e}"), true),
        }
    }

    fn cancel_load_quietly(&mut self) {
        if let Some(load) = self.load.take() {
            load.job.cancel.cancel();
        }
    }

    /// Cancel the running import/analysis; its results are dropped and the current corpus stays.
    pub fn cancel_load(&mut self) {
        if self.load.is_some() {
            self.cancel_load_quietly();
            self.generation += 1;
            self.set_status("Cancelled; the previous corpus is still shown.", false);
        }
    }

    /// Make a loaded corpus current: new scope, fresh panels, the filter re-applied.
    pub(crate) fn install(&mut self, loaded: Loaded) {
        self.loaded_paths = loaded.paths.clone();
        if !loaded.paths.is_empty() && !super::is_sample(&loaded.paths) {
            self.state.remember(RecentCorpus {
                name: loaded.corpus.name.clone(),
                paths: loaded.paths.clone(),
            });
        }
        self.scope = Scope {
            corpus: loaded.corpus,
            analysis: loaded.analysis,
            sub: None,
            key: self.bump_key(),
        };
        self.panels = Panels::default();
        if let Ok(filter) = self.filter_text.parse() {
            self.apply_filter(filter);
        }
    }

    fn bump_key(&mut self) -> u64 {
        self.next_key += 1;
        self.next_key
    }

    /// Read every finished job, dialog and screenshot.
    fn poll_all(&mut self) {
        self.poll_load();
        self.poll_filter();
        let mut finished = Vec::new();
        self.exports.retain_mut(|job| match job.poll() {
            JobPoll::Running => true,
            JobPoll::Done(r) => {
                finished.push(r);
                false
            }
            JobPoll::Cancelled => false,
            JobPoll::Failed(msg) => {
                finished.push(Err(format!("Export failed: {msg}")));
                false
            }
        });
        for r in finished {
            match r {
                Ok(msg) => self.set_status(msg, false),
                Err(msg) => self.set_status(msg, true),
            }
        }
        self.poll_pick();
        self.poll_screenshots();
        let scope = self.scope.clone();
        self.panels.poll(&scope);
    }

    fn poll_load(&mut self) {
        let Some(load) = &mut self.load else {
            return;
        };
        let outcome = match load.job.poll() {
            JobPoll::Running => return,
            other => other,
        };
        let stale = load.job.generation != self.generation;
        let elapsed = load.started.elapsed();
        self.load = None;
        if stale {
            return;
        }
        match outcome {
            JobPoll::Running | JobPoll::Cancelled => {}
            JobPoll::Failed(msg) => {
                self.set_status(format!("The import stopped with an error: {msg}"), true)
            }
            JobPoll::Done(loading::LoadOutcome::Loaded(loaded)) => {
                let msg = format!(
                    "Loaded {}: {} articles, {} problems in {:.1} s",
                    loaded.corpus.name,
                    fmt_int(loaded.corpus.articles.len() as u64),
                    loaded.corpus.report.problems.len(),
                    elapsed.as_secs_f64()
                );
                self.install(loaded);
                self.set_status(msg, false);
            }
            JobPoll::Done(loading::LoadOutcome::Nothing { name, report }) => {
                let first = report
                    .problems
                    .first()
                    .map(|p| format!(" First problem: {} ({})", p.message, p.path))
                    .unwrap_or_default();
                self.set_status(
                    format!(
                        "Nothing could be imported from {name} ({} files looked at, {} problems).{first}",
                        report.files_seen,
                        report.problems.len()
                    ),
                    true,
                );
            }
            JobPoll::Done(loading::LoadOutcome::Failed(msg)) => self.set_status(msg, true),
        }
    }

    fn handle_input(&mut self, ui: &Ui) {
        let dropped: Vec<PathBuf> = ui.ctx().input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(Command::OpenPaths(dropped));
        }
        let (open, export, find) = ui.ctx().input_mut(|i| {
            (
                i.consume_key(Modifiers::COMMAND, Key::O),
                i.consume_key(Modifiers::COMMAND, Key::E),
                i.consume_key(Modifiers::COMMAND, Key::F),
            )
        });
        if open {
            self.commands
                .push(Command::PickToOpen(PickKind::OpenFolder));
        }
        if export {
            self.commands.push(Command::ExportAll);
        }
        if find {
            self.focus_search = true;
        }
    }

    fn run_commands(&mut self) {
        for cmd in std::mem::take(&mut self.commands) {
            self.run_command(cmd);
        }
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.state.theme) {
            ctx.set_theme(match self.state.theme {
                Theme::Light => egui::ThemePreference::Light,
                Theme::Dark => egui::ThemePreference::Dark,
            });
            self.applied_theme = Some(self.state.theme);
            // Rows of the tables are clickable: plain labels must not swallow the clicks.
            ctx.all_styles_mut(|s| s.interaction.selectable_labels = false);
        }
    }

    /// Draw one frame.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        self.apply_theme(&ctx);
        self.handle_input(ui);
        self.poll_all();
        chrome::top_ui(self, ui);
        chrome::status_bar_ui(self, ui);
        let scope = self.scope.clone();
        let dark = ui.visuals().dark_mode;
        let mut cx = super::panels::ViewCx {
            scope: &scope,
            state: &mut self.state,
            commands: &mut self.commands,
            dark,
            focus_search: std::mem::take(&mut self.focus_search),
            filter: self.applied_filter.as_ref(),
        };
        self.panels.detail_ui(ui, &mut cx);
        egui::CentralPanel::default().show(ui, |ui| {
            self.panels.view_ui(self.view, ui, &mut cx);
        });
        chrome::windows_ui(self, &ctx);
        chrome::drop_overlay_ui(&ctx);
        self.run_commands();
        if self.is_busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        self.startup_probe(&ctx);
    }

    /// With `LEXISCOPE_STARTUP_PROBE` set: once a frame has drawn the loaded corpus, print the
    /// time since launch and close the window.
    fn startup_probe(&mut self, ctx: &egui::Context) {
        if self.scope.corpus.articles.is_empty()
            || self.load.is_some()
            || std::env::var_os("LEXISCOPE_STARTUP_PROBE").is_none()
        {
            return;
        }
        static PRINTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if let Some(t) = super::LAUNCHED.get()
            && !PRINTED.swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            println!(
                "first frame with the corpus's charts: {:.0} ms after launch ({} articles, view {})",
                t.elapsed().as_secs_f64() * 1e3,
                self.scope.corpus.articles.len(),
                self.view.label()
            );
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }
}
