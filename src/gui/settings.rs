//! The persisted user settings: a small serde struct kept apart from runtime handles (jobs,
//! channels, caches), saved by eframe's persistence between runs.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::analysis::AnalysisSettings;
use crate::model::Granularity;

/// Colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// A corpus the user opened: its display name and the paths it was imported from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentCorpus {
    pub name: String,
    pub paths: Vec<PathBuf>,
}

/// How many corpora the recent list keeps.
pub const MAX_RECENT: usize = 10;

/// Everything that survives a restart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    /// What the analysis does with words: the same settings the command line builds, so the app
    /// and `lexiscope analyze` agree on one shape.
    pub analysis: AnalysisSettings,
    /// How many bars the "top N" charts show.
    pub top_n: usize,
    pub granularity: Granularity,
    pub theme: Theme,
    /// The corpus opened last (reopened at launch).
    pub last_corpus: Option<RecentCorpus>,
    /// Most recent first, at most [`MAX_RECENT`].
    pub recent: Vec<RecentCorpus>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            analysis: AnalysisSettings::default(),
            top_n: 30,
            granularity: Granularity::Year,
            theme: Theme::Light,
            last_corpus: None,
            recent: Vec::new(),
        }
    }
}

impl State {
    /// Remember a corpus as the last one opened and move it to the top of the recent list.
    pub fn remember(&mut self, corpus: RecentCorpus) {
        self.recent.retain(|r| r.paths != corpus.paths);
        self.recent.insert(0, corpus.clone());
        self.recent.truncate(MAX_RECENT);
        self.last_corpus = Some(corpus);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_list_moves_reopened_corpus_to_top_without_duplicates() {
        let mut s = State::default();
        let c = |n: &str| RecentCorpus {
            name: n.into(),
            paths: vec![PathBuf::from(n)],
        };
        s.remember(c("a"));
        s.remember(c("b"));
        s.remember(c("a"));
        let names: Vec<&str> = s.recent.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(s.last_corpus, Some(c("a")));
        for i in 0..20 {
            s.remember(c(&i.to_string()));
        }
        assert_eq!(s.recent.len(), MAX_RECENT);
    }
}
