//! The session: the corpus and analysis the views show (the [`Scope`]), the paths they came from,
//! and the import + analysis job that will replace them. A new corpus replaces the old one only
//! when its analysis is done; a cancel at any point keeps the old one.

use std::path::PathBuf;
use std::time::Duration;

use super::App;
use crate::analysis::AnalysisSettings;
use crate::analysis::Analyzed;
use crate::gui::charts::fmt_int;
use crate::gui::command::View;
use crate::gui::loading::{LoadOutcome, LoadSource, work, write_store};
use crate::gui::panels::Panels;
use crate::gui::scope::Scope;
use crate::gui::settings::{ImportChoices, RecentCorpus, Session};
use crate::import::corpus_name;
use crate::jobs::Latest;
use crate::session::SavedFilter;

/// The loaded corpus and the job loading the next one.
pub(crate) struct Loaded {
    pub scope: Scope,
    /// The paths the shown corpus was opened from (for "recent" and re-analysis).
    pub paths: Vec<PathBuf>,
    /// The running import/analysis, keyed by its label ("Opening sotu").
    pub load: Latest<LoadOutcome, String>,
    /// A session file being opened: its filter, view, periods and trend lines are restored
    /// when its corpus has loaded.
    pub opening: Option<Session>,
    /// The corpus store folder (`None`: stores off, as in tests).
    pub store: Option<PathBuf>,
    /// Stores being written in the background (see [`crate::gui::loading::write_store`]).
    pub storing: Vec<std::thread::JoinHandle<Result<(), String>>>,
    /// The corpus shown came from the store of a collection that changed since; its update
    /// runs (or was cancelled).
    pub stale: bool,
    next_key: u64,
}

impl Default for Loaded {
    fn default() -> Self {
        Self {
            scope: Scope::empty(),
            paths: Vec::new(),
            load: Latest::new("lexiscope-load"),
            opening: None,
            store: None,
            storing: Vec::new(),
            stale: false,
            next_key: 1,
        }
    }
}

impl Loaded {
    /// A new cache key for the panels: the corpus, the analysis or the filter changed.
    pub fn bump_key(&mut self) -> u64 {
        self.next_key += 1;
        self.scope.key = self.next_key;
        self.next_key
    }
}

impl App {
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
        let label = format!("Opening {}", corpus_name(&paths));
        // Another corpus is analysed with its own settings (or the defaults), never with those
        // of the corpus shown.
        let (settings, import) = if paths == self.session.paths {
            (self.state.analysis.clone(), self.state.import.clone())
        } else {
            self.state
                .corpus_settings(&paths)
                .map(|c| (c.analysis.clone(), c.import.clone()))
                .unwrap_or_default()
        };
        self.start_load(LoadSource::Paths(paths, import), label, settings);
    }

    /// The session of the corpus shown: its paths, settings, filter, view, periods and trend
    /// lines.
    pub fn current_session(&self) -> Session {
        Session {
            paths: self.session.paths.clone(),
            analysis: self.state.analysis.clone(),
            import: self.state.import.clone(),
            filter: SavedFilter::of(&self.filter.requested),
            view: self.view.label().to_owned(),
            periods: self.state.periods,
            trends: self.panels.timeline.pinned(&self.session.scope.analysis),
            ..Session::default()
        }
    }

    /// Remember the shown corpus's session under its paths (restored when it is opened again).
    pub(crate) fn keep_corpus_settings(&mut self) {
        if self.session.paths.is_empty() {
            return;
        }
        let session = self.current_session();
        self.state.keep_corpus_settings(session);
    }

    /// Open a saved session: its corpus, imported and analysed with its settings; its filter,
    /// view, periods and trend lines restored when the analysis is done.
    pub fn open_session(&mut self, path: &std::path::Path) {
        let session = match Session::load(path) {
            Ok(s) => s,
            Err(e) => {
                self.set_status(format!("The session was not opened: {e}"), true);
                return;
            }
        };
        let missing: Vec<String> = session
            .paths
            .iter()
            .filter(|p| !p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !missing.is_empty() {
            let msg = format!("The session's corpus is not there: {}", missing.join(", "));
            self.set_status(msg, true);
            return;
        }
        let label = format!("Opening session {}", corpus_name(&session.paths));
        let source = LoadSource::Paths(session.paths.clone(), session.import.clone());
        let settings = session.analysis.clone();
        self.start_load(source, label, settings);
        self.session.opening = Some(session);
    }

    /// Write the shown corpus's session into `path`.
    pub fn save_session(&mut self, path: &std::path::Path) {
        if self.session.paths.is_empty() {
            self.set_status(
                "Open a corpus from files first: this one has no paths to save.",
                true,
            );
            return;
        }
        match self.current_session().save(path) {
            Ok(()) => self.set_status(format!("Saved the session to {}", path.display()), false),
            Err(e) => self.set_status(format!("The session was not saved: {e}"), true),
        }
    }

    /// Re-run the analysis of the current corpus with the current settings.
    pub fn reanalyze(&mut self) {
        if self.session.scope.corpus.articles.is_empty() {
            return;
        }
        // A stored corpus shown while its changed files are analysed: the new settings go to
        // that update (this job replaces it), never to the out-of-date articles.
        let source = if self.session.stale {
            LoadSource::Update(self.session.paths.clone(), self.state.import.clone())
        } else {
            LoadSource::Reanalyze {
                corpus: self.session.scope.corpus.clone(),
                paths: self.session.paths.clone(),
                import: self.state.import.clone(),
            }
        };
        self.start_load(
            source,
            "Re-analysing".to_owned(),
            self.state.analysis.clone(),
        );
    }

    fn start_load(&mut self, source: LoadSource, label: String, settings: AnalysisSettings) {
        self.status = None;
        let job = work(source, settings, self.session.store.clone());
        let wake = self.wake();
        self.session.load.start(label, job, wake);
    }

    /// Cancel the running import/analysis; its results are dropped and the current corpus stays.
    pub fn cancel_load(&mut self) {
        if self.session.load.busy() {
            self.session.load.cancel();
            self.set_status("Cancelled; the previous corpus is still shown.", false);
        }
    }

    /// Make a loaded corpus current: new scope, fresh panels, the filter re-applied.
    pub(crate) fn install(&mut self, loaded: Analyzed, paths: Vec<PathBuf>, import: ImportChoices) {
        // Fresh unless the caller says otherwise (see `poll_load`).
        self.session.stale = false;
        if !paths.is_empty() && !crate::gui::is_sample(&paths) {
            self.state.remember(RecentCorpus {
                name: loaded.corpus.name.clone(),
                paths: paths.clone(),
            });
        }
        let another = paths != self.session.paths;
        // The same corpus re-analysed (after an entity edit, say): its selected entity stays,
        // found again by name.
        let kept_entity = if another {
            None
        } else {
            self.panels
                .entities
                .selection_to_keep(&self.session.scope.analysis)
        };
        if another {
            // Keep the session of the corpus shown; a settings draft made for it must not apply
            // to this one.
            self.keep_corpus_settings();
            self.dialogs.settings_draft = None;
        }
        // A session file being opened, else the corpus's own remembered session (another
        // corpus), else nothing to restore (the same corpus re-analysed keeps its trend lines).
        let own = match self.session.opening.take() {
            Some(s) => Some(s),
            None if another => Some(
                self.state
                    .corpus_settings(&paths)
                    .cloned()
                    .unwrap_or_default(),
            ),
            None => None,
        };
        let restored = match &own {
            Some(own) => {
                self.state.periods = own.periods;
                if let Some(v) = View::parse(&own.view) {
                    self.view = v;
                }
                if !own.filter.is_empty()
                    && let Ok(filter) = own.filter.parse()
                {
                    self.filter.show_in_bar(&filter);
                }
                own.trends.clone()
            }
            None => self.panels.timeline.pinned(&self.session.scope.analysis),
        };
        // The settings the analysis was made with are the ones the window shows and keeps.
        self.state.analysis = loaded.analysis.settings.clone();
        self.state.import = import;
        self.session.paths = paths;
        self.session.scope = Scope {
            auto_granularity: crate::analysis::periods::auto_granularity(&loaded.analysis),
            corpus: loaded.corpus,
            analysis: loaded.analysis,
            sub: None,
            key: 0,
            corpus_key: 0,
        };
        self.session.scope.corpus_key = self.session.bump_key();
        self.panels = Panels::default();
        self.debug_dispersion();
        let analysis = self.session.scope.analysis.clone();
        if let Some(trends) = restored {
            self.panels.timeline.restore_pinned(&trends, &analysis);
        }
        self.panels
            .entities
            .restore_selection(kept_entity, &analysis);
        if let Ok(filter) = self.filter.bar.parse() {
            self.apply_filter(filter);
        }
    }

    pub(super) fn poll_load(&mut self) {
        self.poll_store_writes();
        let elapsed = self.session.load.elapsed().unwrap_or_default();
        let Some(outcome) = self.session.load.poll() else {
            return;
        };
        match outcome {
            Err(msg) => self.set_status(format!("The import stopped with an error: {msg}"), true),
            Ok(LoadOutcome::Loaded(loaded)) => self.take_loaded(*loaded, elapsed),
            Ok(LoadOutcome::Nothing { name, report }) => {
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
            Ok(LoadOutcome::Failed(msg)) => self.set_status(msg, true),
        }
    }
}

impl App {
    /// Show a loaded corpus: its store written in the background when it has one to write, and
    /// a stored corpus of a changed collection updated in the background.
    fn take_loaded(&mut self, mut loaded: crate::gui::loading::Loaded, elapsed: Duration) {
        let corpus = &loaded.analyzed.corpus;
        let store = loaded
            .store_note
            .as_ref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let msg = format!(
            "Loaded {}: {} articles, {} problems in {:.1} s{store}",
            corpus.name,
            fmt_int(corpus.articles.len() as u64),
            corpus.report.problems.len(),
            elapsed.as_secs_f64()
        );
        if let Some(to) = loaded.to_store.take() {
            match write_store(to, &loaded, self.wake()) {
                Ok(handle) => self.session.storing.push(handle),
                Err(e) => eprintln!("lexiscope: the store was not written: {e}"),
            }
        }
        let update = loaded.stale.then(|| {
            let label = format!("Updating {}", corpus.name);
            let source = LoadSource::Update(loaded.paths.clone(), loaded.import.clone());
            (source, label)
        });
        let stale = loaded.stale;
        self.install(loaded.analyzed, loaded.paths, loaded.import);
        self.session.stale = stale;
        self.set_status(msg, false);
        // The stored analysis stays usable while the changed collection is analysed.
        if let Some((source, label)) = update {
            let status = self.status.take();
            self.start_load(source, label, self.state.analysis.clone());
            self.status = status;
        }
    }
}

impl App {
    /// Whether a store is still being written.
    pub fn is_storing(&self) -> bool {
        !self.session.storing.is_empty()
    }

    /// Collect finished store writes; a failed one is reported in the status bar.
    fn poll_store_writes(&mut self) {
        let (done, running): (Vec<_>, Vec<_>) = std::mem::take(&mut self.session.storing)
            .into_iter()
            .partition(|h| h.is_finished());
        self.session.storing = running;
        for handle in done {
            let why = match handle.join() {
                Ok(Ok(())) => continue,
                Ok(Err(e)) => e,
                Err(_) => "the writer stopped".to_owned(),
            };
            self.set_status(format!("The corpus store was not written: {why}"), true);
        }
    }

    /// `LEXISCOPE_DISPERSION=war`: the Concordance shows the dispersion plot of that search (a
    /// debug aid for screenshots, where typing cannot reach the window).
    fn debug_dispersion(&mut self) {
        if let Ok(text) = std::env::var("LEXISCOPE_DISPERSION") {
            self.panels.concordance.search(&text);
            self.panels.concordance.mode = crate::gui::panels::concordance::KwicMode::Dispersion;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::loading::test_support::{loaded, pets_and_store, stored};

    /// Settings changed while a stored corpus is shown and its changed collection analysed
    /// again apply to the fresh articles, never to the stored ones.
    #[test]
    fn a_reanalysis_while_stale_imports_the_changed_collection() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (pets, store) = pets_and_store(dir.path());
        let paths = vec![pets.clone()];
        let open = || LoadSource::Paths(paths.clone(), ImportChoices::default());
        stored(loaded(open(), &store, AnalysisSettings::default()));
        std::fs::write(
            pets.join("more.txt"),
            "Date: 2023-04-01\n\nThe cat ran 42 times.\n",
        )
        .expect("write");

        let mut app = App::new_for_test();
        app.set_store_dir(Some(store.clone()));
        let stale = loaded(open(), &store, AnalysisSettings::default());
        assert!(stale.stale);
        app.take_loaded(stale, Duration::ZERO);
        assert!(app.session.stale);
        assert!(app.is_loading(), "the update runs");
        assert_eq!(app.corpus().articles.len(), 3);

        // Numbers kept: the re-analysis replaces the update and imports the four articles.
        app.state.analysis.keep_numbers = true;
        app.reanalyze();
        assert!(app.wait_for_jobs(Duration::from_secs(60)));
        assert!(!app.session.stale);
        assert_eq!(app.corpus().articles.len(), 4);
        assert!(app.analysis().settings.keep_numbers);
        assert!(app.analysis().vocab.id("42").is_some());
    }
}
