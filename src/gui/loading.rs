//! The import + analysis job: one unit of work on one named thread, so that a corpus is replaced
//! only when both are done and a cancel at any point leaves nothing behind.

use std::path::PathBuf;
use std::sync::Arc;

use crate::analysis::{AnalysisError, AnalysisSettings, Analyzed, analyze};
use crate::import::{ImportOptions, import_paths};
use crate::jobs::{CancelToken, Cancelled, Progress};
use crate::model::{Corpus, ImportReport};

/// What to load.
pub enum LoadSource {
    /// Import these paths, then analyse.
    Paths(Vec<PathBuf>),
    /// Analyse an already imported corpus again (settings changed).
    Reanalyze {
        corpus: Arc<Corpus>,
        paths: Vec<PathBuf>,
    },
}

/// How a load ended (cancellation is the job's own `Cancelled`).
pub enum LoadOutcome {
    /// The corpus and its analysis, and the paths it was opened from.
    Loaded(Analyzed, Vec<PathBuf>),
    /// The import found no article; the report says why.
    Nothing { name: String, report: ImportReport },
    /// The analysis refused its settings.
    Failed(String),
}

/// The job body.
pub fn work(
    source: LoadSource,
    settings: AnalysisSettings,
    import: ImportOptions,
) -> impl FnOnce(&Progress, &CancelToken) -> Result<LoadOutcome, Cancelled> + Send + 'static {
    move |progress, cancel| {
        let (corpus, paths) = match source {
            LoadSource::Paths(paths) => {
                progress.set_stage("Reading files");
                let corpus = import_paths(&paths, &import, progress, cancel)?;
                (Arc::new(corpus), paths)
            }
            LoadSource::Reanalyze { corpus, paths } => (corpus, paths),
        };
        cancel.check()?;
        if corpus.articles.is_empty() {
            return Ok(LoadOutcome::Nothing {
                name: corpus.name.clone(),
                report: corpus.report.clone(),
            });
        }
        match analyze(&corpus, &settings, progress, cancel) {
            Ok(analysis) => Ok(LoadOutcome::Loaded(
                Analyzed {
                    corpus,
                    analysis: Arc::new(analysis),
                },
                paths,
            )),
            Err(AnalysisError::Cancelled) => Err(Cancelled),
            Err(AnalysisError::Settings(msg)) => Ok(LoadOutcome::Failed(format!(
                "The analysis settings are not valid: {msg}"
            ))),
        }
    }
}
