//! The app shell: a few parts with one job each — the [`Loaded`] corpus (corpus, analysis,
//! the running load), the global [`FilterState`], the [`Dialogs`] and the [`Exports`] — plus the
//! per-frame order of work: [`App::logic`] reads input and finished jobs, [`App::ui`] draws the
//! chrome and the current view, then runs the [`Command`]s the clicks produced.
//!
//! Every background task runs in a [`crate::jobs::Latest`] slot: starting one cancels the one
//! before it, and a failure always reaches the status bar.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers, Ui};

use super::chrome::{self, BusyJob, ChromeCx, Status};
use super::command::{Command, View};
use super::panels::Panels;
use super::picker::{FakePicker, NativePicker, PickKind, Picker};
use super::settings::{State, Theme};
use crate::analysis::filter::Filter;
use crate::analysis::{Analysis, Analyzed};
use crate::model::Corpus;

mod commands;
mod dialogs;
mod exports;
mod filter;
mod session;

pub(crate) use dialogs::Dialogs;
pub(crate) use exports::Exports;
pub(crate) use filter::FilterState;
pub(crate) use session::Loaded;

/// The desktop app. Constructible without a window for tests ([`App::new_for_test`],
/// [`App::with_corpus`]); [`App::logic`] then [`App::ui`] run one frame in any `Ui`.
pub struct App {
    /// The persisted settings.
    pub state: State,
    pub(crate) session: Loaded,
    pub(crate) filter: FilterState,
    pub(crate) dialogs: Dialogs,
    pub(crate) exports: Exports,
    pub(crate) view: View,
    pub(crate) panels: Panels,
    pub(crate) status: Option<Status>,
    /// What this frame's clicks asked for; run after the UI pass.
    pub commands: Vec<Command>,
    /// Ctrl+F was pressed: the current view focuses its search box.
    focus_search: bool,
    ctx: Option<egui::Context>,
    applied_theme: Option<Theme>,
}

impl App {
    fn blank(picker: Box<dyn Picker>, state: State) -> Self {
        Self {
            state,
            session: Loaded::default(),
            filter: FilterState::default(),
            dialogs: Dialogs::new(picker),
            exports: Exports::default(),
            view: View::Overview,
            panels: Panels::default(),
            status: None,
            commands: Vec::new(),
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
        let mut state = state;
        // A state saved before settings were kept per corpus: its settings were the last
        // corpus's.
        if state.corpora.is_empty()
            && let Some(last) = &state.last_corpus
        {
            let first = super::settings::Session {
                paths: last.paths.clone(),
                analysis: state.analysis.clone(),
                ..Default::default()
            };
            state.keep_corpus_settings(first);
        }
        let mut app = Self::blank(Box::new(NativePicker), state);
        app.session.store = crate::store::default_dir();
        app.ctx = Some(cc.egui_ctx.clone());
        super::fonts::install(&cc.egui_ctx);
        if let Some(v) = std::env::var("LEXISCOPE_VIEW")
            .ok()
            .as_deref()
            .and_then(View::parse)
        {
            app.view = v;
        }
        if std::env::var_os("LEXISCOPE_DISPERSION").is_some() {
            // The search itself starts when the corpus has loaded (see `debug_dispersion`).
            app.view = View::Concordance;
        }
        if let Ok(text) = std::env::var("LEXISCOPE_FILTER")
            && let Ok(filter) = Filter::parse(&text)
        {
            app.filter.show_in_bar(&filter);
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
        app.install(
            Analyzed {
                corpus: corpus.into(),
                analysis: analysis.into(),
            },
            paths,
            crate::gui::settings::ImportChoices::default(),
        );
        app
    }

    /// Replace the dialog implementation (tests inject a fake).
    pub fn set_picker(&mut self, picker: Box<dyn Picker>) {
        self.dialogs.set_picker(picker);
    }

    /// Keep corpus stores in `dir` (`None`: no store; the default of [`App::new_for_test`]).
    pub fn set_store_dir(&mut self, dir: Option<PathBuf>) {
        self.session.store = dir;
    }

    /// The corpus currently shown.
    pub fn corpus(&self) -> &Corpus {
        &self.session.scope.corpus
    }

    /// The analysis currently shown.
    pub fn analysis(&self) -> &Analysis {
        &self.session.scope.analysis
    }

    /// The current view.
    /// The field the Timeline is split by and the articles per period of each value, as its
    /// chart draws them (empty before the Timeline has drawn a split).
    pub fn timeline_split(&self) -> (Option<&str>, &[crate::analysis::facets::SplitSeries]) {
        let split = &self.panels.timeline.split;
        (split.field.as_deref(), &split.articles)
    }

    pub fn view(&self) -> View {
        self.view
    }

    /// The article the reader shows and the span it highlights (for tests).
    pub fn reading(&self) -> (Option<u32>, Option<(usize, usize)>) {
        self.panels.documents.reading()
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
        self.session.load.busy()
    }

    /// Whether any job (load, filter, export, panel search) or dialog is still pending.
    pub fn is_busy(&self) -> bool {
        self.session.load.busy()
            || self.filter.busy()
            || self.exports.busy()
            || self.dialogs.busy()
            || self.panels.busy()
            || self.is_storing()
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

    /// A callback for jobs: wake the UI when they end.
    pub(super) fn wake(&self) -> Box<dyn Fn() + Send> {
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

    /// Read every finished job, dialog and screenshot.
    fn poll_all(&mut self) {
        self.poll_load();
        self.poll_filter();
        for r in self.exports.poll() {
            match r {
                Ok(msg) => self.set_status(msg, false),
                Err(msg) => self.set_status(format!("Export failed: {msg}"), true),
            }
        }
        self.poll_pick();
        self.poll_screenshots();
        let scope = self.session.scope.clone();
        if let Some(msg) = self.panels.poll(&scope) {
            self.set_status(msg, true);
        }
    }

    fn handle_input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
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
        let (open, export, find) = ctx.input_mut(|i| {
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

    /// The work of a frame before drawing: input, finished jobs and dialogs, the theme.
    pub fn logic(&mut self, ctx: &egui::Context) {
        self.ctx = Some(ctx.clone());
        self.apply_theme(ctx);
        self.handle_input(ctx);
        self.run_commands();
        self.poll_all();
    }

    /// One whole frame in any `Ui` (tests, the frame benchmark): [`App::logic`], then
    /// [`App::ui`], as eframe calls them.
    pub fn frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.logic(&ctx);
        self.ui(ui);
    }

    /// Draw one frame, then run the commands its clicks produced.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let busy = self.busy_job();
        chrome::top_ui(&mut self.chrome_cx(busy.as_ref()), ui);
        chrome::status_bar_ui(&mut self.chrome_cx(busy.as_ref()), ui);
        // The chrome's clicks (a tab, the theme, a filter) take effect before the view draws.
        self.run_commands();
        let scope = self.session.scope.clone();
        let mut cx = super::panels::ViewCx {
            scope: &scope,
            state: &mut self.state,
            commands: &mut self.commands,
            dark: ui.visuals().dark_mode,
            focus_search: std::mem::take(&mut self.focus_search),
            filter: self.filter.applied.as_ref(),
        };
        if busy.is_some() && scope.corpus.articles.is_empty() {
            loading_ui(ui, busy.as_ref());
        } else {
            self.panels.facets_ui(ui, &mut cx);
            self.panels.detail_ui(ui, &mut cx);
            egui::CentralPanel::default().show(ui, |ui| {
                self.panels.view_ui(self.view, ui, &mut cx);
            });
        }
        chrome::windows_ui(&mut self.chrome_cx(None), &ctx);
        chrome::drop_overlay_ui(&ctx);
        self.run_commands();
        if self.is_busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        self.startup_probe(&ctx);
    }

    /// The long job the progress strip shows: the load, else a running "Export all".
    fn busy_job(&self) -> Option<BusyJob> {
        let load = &self.session.load;
        if let (Some(label), Some(progress), Some(elapsed)) =
            (load.key(), load.progress(), load.elapsed())
        {
            return Some(BusyJob {
                label: label.clone(),
                progress,
                elapsed,
                cancel: Command::CancelLoad,
            });
        }
        self.exports.busy_job()
    }

    fn chrome_cx<'a>(&'a mut self, busy: Option<&'a BusyJob>) -> ChromeCx<'a> {
        ChromeCx {
            state: &self.state,
            scope: &self.session.scope,
            filter: self.filter.chrome_cx(),
            windows: self.dialogs.chrome_cx(),
            busy,
            status: self.status.as_ref(),
            view: self.view,
            commands: &mut self.commands,
        }
    }

    /// With `LEXISCOPE_STARTUP_PROBE` set: once a frame has drawn the loaded corpus, print the
    /// time since launch and close the window.
    fn startup_probe(&mut self, ctx: &egui::Context) {
        if self.session.scope.corpus.articles.is_empty()
            || self.session.load.busy()
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
                self.session.scope.corpus.articles.len(),
                self.view.label()
            );
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

/// The body while the first corpus loads: what is happening, not "No corpus loaded".
fn loading_ui(ui: &mut Ui, busy: Option<&BusyJob>) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(80.0);
            crate::gui::widgets::spinner(ui);
            if let Some(b) = busy {
                ui.heading(&b.label);
                let stage = if b.progress.stage.is_empty() {
                    "Starting"
                } else {
                    b.progress.stage.as_str()
                };
                ui.label(stage);
            }
        });
    });
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        App::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.keep_corpus_settings();
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }

    /// A store still being written is finished before the process ends (else the analysis it
    /// holds would be redone at the next open).
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        for handle in std::mem::take(&mut self.session.storing) {
            let _ = handle.join();
        }
    }
}
