//! The import + analysis job: one unit of work on one named thread, so that a corpus is replaced
//! only when both are done and a cancel at any point leaves nothing behind.

use std::path::PathBuf;
use std::sync::Arc;

use crate::analysis::{AnalysisError, AnalysisSettings, Analyzed, analyze};
use crate::gui::settings::ImportChoices;
use crate::import::import_paths;
use crate::jobs::{CancelToken, Cancelled, Progress};
use crate::model::{Corpus, ImportReport};
use crate::store;

/// What to load.
pub enum LoadSource {
    /// Import these paths with these choices, then analyse (or read them from their store).
    Paths(Vec<PathBuf>, ImportChoices),
    /// Import and analyse these paths again, whatever their store holds (it is out of date).
    Update(Vec<PathBuf>, ImportChoices),
    /// Analyse an already imported corpus again (settings changed).
    Reanalyze {
        corpus: Arc<Corpus>,
        paths: Vec<PathBuf>,
        import: ImportChoices,
    },
}

/// How a load ended (cancellation is the job's own `Cancelled`).
pub enum LoadOutcome {
    /// The corpus and its analysis, the paths it was opened from and how they were imported.
    Loaded(Box<Loaded>),
    /// The import found no article; the report says why.
    Nothing { name: String, report: ImportReport },
    /// The analysis refused its settings.
    Failed(String),
}

/// A corpus ready to show.
pub struct Loaded {
    pub analyzed: Analyzed,
    pub paths: Vec<PathBuf>,
    pub import: ImportChoices,
    /// How the corpus store was used: read from it, or why not.
    pub store_note: Option<String>,
    /// The store to write, now that the corpus can be shown (see [`write_store`]).
    pub to_store: Option<ToStore>,
    /// Read from the store of a collection that changed since (the note says how): shown
    /// while the collection is imported and analysed again ([`LoadSource::Update`]).
    pub stale: bool,
}

/// A store to write: where, and the sources as they were before the import.
pub struct ToStore {
    pub dir: PathBuf,
    pub stamps: Vec<store::Stamp>,
}

/// Write the store of a loaded corpus on a thread of its own (it takes seconds on large
/// corpora; the corpus is shown meanwhile), calling `wake` when done. Joins to why it failed.
pub fn write_store(
    to: ToStore,
    loaded: &Loaded,
    wake: Box<dyn Fn() + Send>,
) -> std::io::Result<std::thread::JoinHandle<Result<(), String>>> {
    let analyzed = loaded.analyzed.clone();
    let (paths, import) = (loaded.paths.clone(), loaded.import.options());
    std::thread::Builder::new()
        .name("lexiscope-store".to_owned())
        .spawn(move || {
            let result = store::keep(&to.dir, &paths, &import, to.stamps, &analyzed).map(|_| ());
            wake();
            result
        })
}

/// The job body. With a store folder, an unchanged collection is read from its store; one that
/// changed since is read from it too, marked stale (the app shows it while an
/// [`LoadSource::Update`] runs); a freshly imported one comes with the store to write
/// ([`Loaded::to_store`]; see [`crate::store`]).
pub fn work(
    source: LoadSource,
    settings: AnalysisSettings,
    store: Option<PathBuf>,
) -> impl FnOnce(&Progress, &CancelToken) -> Result<LoadOutcome, Cancelled> + Send + 'static {
    move |progress, cancel| {
        let mut note = None;
        let mut stamps = None;
        let (corpus, paths, import) = match source {
            LoadSource::Paths(paths, import) => {
                progress.set_stage("Looking for a stored analysis");
                let opts = import.options();
                match store::lookup(store.as_deref(), &paths, &opts, &settings, true) {
                    store::Lookup::Hit(analyzed) => {
                        return Ok(from_store(analyzed, paths, import, None));
                    }
                    store::Lookup::Stale { analyzed, miss, .. } => {
                        return Ok(from_store(analyzed, paths, import, Some(miss)));
                    }
                    store::Lookup::Miss { miss, stamps: s } => {
                        if store.is_some() && miss != store::Miss::Absent {
                            note = Some(format!("analysed again: {miss}"));
                        }
                        stamps = s;
                    }
                }
                progress.set_stage("Reading files");
                let corpus = import_paths(&paths, &opts, progress, cancel)?;
                (Arc::new(corpus), paths, import)
            }
            LoadSource::Update(paths, import) => {
                // Stamped before the import, so a file changed while it is read is seen next time.
                stamps = store.as_ref().and_then(|_| store::stamps(&paths));
                progress.set_stage("Reading files");
                let corpus = import_paths(&paths, &import.options(), progress, cancel)?;
                (Arc::new(corpus), paths, import)
            }
            LoadSource::Reanalyze {
                corpus,
                paths,
                import,
            } => (corpus, paths, import),
        };
        cancel.check()?;
        if corpus.articles.is_empty() {
            return Ok(LoadOutcome::Nothing {
                name: corpus.name.clone(),
                report: corpus.report.clone(),
            });
        }
        let analyzed = match analyze(&corpus, &settings, progress, cancel) {
            Ok(analysis) => Analyzed {
                corpus,
                analysis: Arc::new(analysis),
            },
            Err(AnalysisError::Cancelled) => return Err(Cancelled),
            Err(AnalysisError::Settings(msg)) => {
                return Ok(LoadOutcome::Failed(format!(
                    "The analysis settings are not valid: {msg}"
                )));
            }
        };
        let to_store = store
            .zip(stamps)
            .map(|(dir, stamps)| ToStore { dir, stamps });
        Ok(LoadOutcome::Loaded(Box::new(Loaded {
            analyzed,
            paths,
            import,
            store_note: note,
            to_store,
            stale: false,
        })))
    }
}

/// A corpus read from its store; `changed`: how the collection changed since it was written.
fn from_store(
    analyzed: Analyzed,
    paths: Vec<PathBuf>,
    import: ImportChoices,
    changed: Option<store::Miss>,
) -> LoadOutcome {
    let store_note = match &changed {
        None => "read from the store".to_owned(),
        Some(miss) => format!("from the store; {miss}, so it is analysed again"),
    };
    LoadOutcome::Loaded(Box::new(Loaded {
        analyzed,
        paths,
        import,
        store_note: Some(store_note),
        to_store: None,
        stale: changed.is_some(),
    }))
}

/// Test helpers shared by the loading tests and the app's.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// A load job run to its end (panics unless it loaded a corpus).
    pub fn loaded(
        source: LoadSource,
        store: &std::path::Path,
        settings: AnalysisSettings,
    ) -> Loaded {
        let job = work(source, settings, Some(store.to_path_buf()));
        match job(&Progress::default(), &CancelToken::new()) {
            Ok(LoadOutcome::Loaded(l)) => *l,
            _ => panic!("expected a loaded corpus"),
        }
    }

    /// Write a loaded corpus's store and wait for it.
    pub fn stored(mut l: Loaded) -> Loaded {
        let to = l.to_store.take().expect("a store to write");
        let handle = write_store(to, &l, Box::new(|| {})).expect("a writer thread");
        assert_eq!(handle.join().ok(), Some(Ok(())));
        l
    }

    /// `tests/fixtures/pets` copied into `dir/pets` (three dated articles), and the store
    /// folder `dir/store`.
    pub fn pets_and_store(dir: &std::path::Path) -> (PathBuf, PathBuf) {
        let pets = dir.join("pets");
        std::fs::create_dir(&pets).expect("mkdir");
        let fixture = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/pets/pets.jsonl"
        );
        std::fs::copy(fixture, pets.join("pets.jsonl")).expect("copy");
        (pets, dir.join("store"))
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{loaded, pets_and_store, stored};
    use super::*;

    #[test]
    fn a_changed_collection_comes_from_its_store_first_then_analysed_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (pets, store) = pets_and_store(dir.path());
        let paths = vec![pets.clone()];
        let open = || LoadSource::Paths(paths.clone(), ImportChoices::default());
        let settings = AnalysisSettings::default;

        let first = stored(loaded(open(), &store, settings()));
        assert!(!first.stale);
        assert_eq!(first.analyzed.corpus.articles.len(), 3);

        std::fs::write(
            pets.join("parrot.txt"),
            "Title: Parrots\nDate: 2023-03-01\n\nThe parrot talked.\n",
        )
        .expect("write");
        let second = loaded(open(), &store, settings());
        assert!(second.stale);
        assert!(second.to_store.is_none());
        assert_eq!(second.analyzed.corpus.articles.len(), 3);
        let note = second.store_note.clone().unwrap_or_default();
        assert!(
            note.contains("(0 files changed, 1 added, 0 removed), so it is analysed again"),
            "{note}"
        );

        let update = LoadSource::Update(paths.clone(), ImportChoices::default());
        let third = stored(loaded(update, &store, settings()));
        assert!(!third.stale);
        assert_eq!(third.analyzed.corpus.articles.len(), 4);

        let fourth = loaded(open(), &store, settings());
        assert!(!fourth.stale);
        assert_eq!(fourth.analyzed.corpus.articles.len(), 4);
        assert_eq!(fourth.store_note.as_deref(), Some("read from the store"));
    }
}
