//! The persisted user settings: a small serde struct kept apart from runtime handles (jobs,
//! channels, caches), saved by eframe's persistence between runs.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::analysis::AnalysisSettings;
pub use crate::session::{ImportChoices, Periods, PinnedTrend, Session};

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

/// How many corpora's own settings are remembered (the least recently opened are forgotten).
pub const MAX_CORPUS_SETTINGS: usize = 50;

/// Everything that survives a restart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    /// What the analysis does with words: the same settings the command line builds, so the app
    /// and `lexiscope analyze` agree on one shape.
    pub analysis: AnalysisSettings,
    /// How the corpus shown was imported (saved with it in [`State::corpora`]).
    pub import: ImportChoices,
    /// How many bars the "top N" charts show.
    pub top_n: usize,
    /// The periods of the corpus shown (saved with it in [`State::corpora`]). A new name, so
    /// that the global granularity of older saved states is ignored rather than misread.
    pub periods: Periods,
    pub theme: Theme,
    /// The corpus opened last (reopened at launch).
    pub last_corpus: Option<RecentCorpus>,
    /// Most recent first, at most [`MAX_RECENT`].
    pub recent: Vec<RecentCorpus>,
    /// Each corpus's own session (settings, filter, view), most recently opened first, at most
    /// [`MAX_CORPUS_SETTINGS`]. `analysis` and `periods` above are those of the corpus shown.
    pub corpora: Vec<Session>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            analysis: AnalysisSettings::default(),
            import: ImportChoices::default(),
            top_n: 30,
            periods: Periods::Auto,
            theme: Theme::Light,
            last_corpus: None,
            recent: Vec::new(),
            corpora: Vec::new(),
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

    /// The settings remembered for the corpus opened from `paths`.
    pub fn corpus_settings(&self, paths: &[PathBuf]) -> Option<&Session> {
        self.corpora.iter().find(|c| c.paths == paths)
    }

    /// Remember a corpus's settings (replacing what was kept for the same paths), most recent
    /// first; the oldest beyond [`MAX_CORPUS_SETTINGS`] are forgotten.
    pub fn keep_corpus_settings(&mut self, settings: Session) {
        self.corpora.retain(|c| c.paths != settings.paths);
        self.corpora.insert(0, settings);
        self.corpora.truncate(MAX_CORPUS_SETTINGS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Granularity;

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

    #[test]
    fn corpus_settings_are_kept_per_paths_and_bounded() {
        let mut s = State::default();
        let settings = |n: usize, periods| Session {
            paths: vec![PathBuf::from(format!("/c/{n}"))],
            periods,
            ..Session::default()
        };
        s.keep_corpus_settings(settings(1, Periods::Fixed(Granularity::Week)));
        s.keep_corpus_settings(settings(2, Periods::Auto));
        s.keep_corpus_settings(settings(1, Periods::Fixed(Granularity::Year)));
        assert_eq!(s.corpora.len(), 2);
        let one = s.corpus_settings(&[PathBuf::from("/c/1")]).expect("kept");
        assert_eq!(one.periods, Periods::Fixed(Granularity::Year));
        assert!(s.corpus_settings(&[PathBuf::from("/c/3")]).is_none());
        for n in 0..60 {
            s.keep_corpus_settings(settings(100 + n, Periods::Auto));
        }
        assert_eq!(s.corpora.len(), MAX_CORPUS_SETTINGS);
        assert!(s.corpus_settings(&[PathBuf::from("/c/1")]).is_none());
        assert_eq!(Periods::Auto.label(Granularity::Month), "Auto (month)");
        assert_eq!(
            Periods::Fixed(Granularity::Week).label(Granularity::Month),
            "week"
        );
    }

    #[test]
    fn a_state_saved_before_corpus_settings_still_loads() {
        // An older state: a global granularity, no `periods`, no `corpora`.
        let old = r#"{"top_n": 12, "granularity": "Year", "recent": []}"#;
        let s: State = serde_json::from_str(old).expect("loads");
        assert_eq!((s.top_n, s.periods), (12, Periods::Auto));
        assert!(s.corpora.is_empty());
    }
}
