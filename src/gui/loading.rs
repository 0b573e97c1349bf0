//! The import + analysis job: one unit of work on one named thread, so that a corpus is replaced
//! only when both are done and a cancel at any point leaves nothing behind.

use std::path::PathBuf;
use std::sync::Arc;

use super::scope::Loaded;
use crate::analysis::{AnalysisError, AnalysisSettings, analyze};
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
    Loaded(Loaded),
    /// The import found no article; the report says why.
    Nothing {
        name: String,
        report: ImportReport,
    },
    /// The analysis refused its settings.
    Failed(String),
}

/// A display name for a set of paths: the folder or file name, `+N` for more.
pub fn corpus_name(paths: &[PathBuf]) -> String {
    let first = paths
        .first()
        .map(|p| {
            p.file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
        })
        .unwrap_or_default();
    match paths.len() {
        0 | 1 => first,
        n => format!("{first} +{}", n - 1),
    }
}

/// The job body.
pub fn work(
    source: LoadSource,
    settings: AnalysisSettings,
) -> impl FnOnce(&Progress, &CancelToken) -> Result<LoadOutcome, Cancelled> + Send + 'static {
    move |progress, cancel| {
        let (corpus, paths) = match source {
            LoadSource::Paths(paths) => {
                progress.set_stage("Reading files");
                let mut corpus = import_paths(&paths, &ImportOptions::default(), progress, cancel)?;
                if corpus.name.is_empty() {
                    corpus.name = corpus_name(&paths);
                }
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
            Ok(analysis) => Ok(LoadOutcome::Loaded(Loaded {
                corpus,
                analysis: Arc::new(analysis),
                paths,
            })),
            Err(AnalysisError::Cancelled) => Err(Cancelled),
            Err(AnalysisError::Settings(msg)) => Ok(LoadOutcome::Failed(format!(
                "The analysis settings are not valid: {msg}"
            ))),
        }
    }
}
