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
    /// Import these paths with these choices, then analyse.
    Paths(Vec<PathBuf>, ImportChoices),
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
    /// How the corpus store was used: read from it, or why not, and whether it was written.
    pub store_note: Option<String>,
}

/// The job body. With a store folder, an unchanged collection is read from its store, and a
/// freshly imported one is stored after its analysis (see [`crate::store`]).
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
                match store::lookup(store.as_deref(), &paths, &opts, &settings) {
                    store::Lookup::Hit(analyzed) => {
                        return Ok(LoadOutcome::Loaded(Box::new(Loaded {
                            analyzed,
                            paths,
                            import,
                            store_note: Some("read from the store".to_owned()),
                        })));
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
        if let (Some(dir), Some(stamps)) = (&store, stamps) {
            progress.set_stage("Writing the store");
            if let Err(e) = store::keep(dir, &paths, &import.options(), stamps, &analyzed) {
                note = Some(format!("the store was not written: {e}"));
            }
        }
        Ok(LoadOutcome::Loaded(Box::new(Loaded {
            analyzed,
            paths,
            import,
            store_note: note,
        })))
    }
}
