//! What the views look at: the loaded corpus and its immutable analysis, plus the sub-corpus of
//! the global filter when one is set. Panels read statistics through [`Scope`] and key their
//! caches on [`Scope::key`], which changes whenever the corpus, the analysis or the filter does.
//!
//! Questions about series (names, trends, what a typed word is) are the analysis's own
//! ([`crate::analysis::series`]); the scope only restricts them to the articles in scope.

use std::sync::Arc;

use crate::analysis::filter::SubCorpus;
use crate::analysis::{Analysis, EntityStat, Series, Summary, TermStat, Timeline, TrendPoint};
use crate::model::{Corpus, Granularity};

/// The corpus, its analysis and the current filter's aggregate.
#[derive(Clone)]
pub struct Scope {
    pub corpus: Arc<Corpus>,
    pub analysis: Arc<Analysis>,
    /// The filtered sub-corpus; `None` when no filter is set.
    pub sub: Option<Arc<SubCorpus>>,
    /// Cache key for panels: changes whenever the corpus, the analysis or the filter does.
    pub key: u64,
    /// Changes whenever the corpus or the analysis does (not with the filter), for caches of
    /// whole-corpus results.
    pub corpus_key: u64,
    /// The granularity that suits the corpus's dates (what "Auto" periods stand for).
    pub auto_granularity: Granularity,
}

impl Scope {
    /// An empty scope (no corpus yet).
    pub fn empty() -> Self {
        Self {
            corpus: Arc::new(Corpus::default()),
            analysis: Arc::new(Analysis::default()),
            sub: None,
            key: 0,
            corpus_key: 0,
            auto_granularity: Granularity::Year,
        }
    }

    pub fn is_filtered(&self) -> bool {
        self.sub.is_some()
    }

    /// Content terms of the scope, count descending.
    pub fn terms(&self) -> &[TermStat] {
        self.sub.as_ref().map_or(&self.analysis.terms, |s| &s.terms)
    }

    /// Entities of the scope, mentions descending.
    pub fn entity_stats(&self) -> &[EntityStat] {
        self.sub
            .as_ref()
            .map_or(&self.analysis.entity_stats, |s| &s.entity_stats)
    }

    /// The timeline of the scope for one granularity.
    pub fn timeline(&self, g: Granularity) -> &Timeline {
        match &self.sub {
            Some(s) => {
                let i = Granularity::ALL.iter().position(|x| *x == g).unwrap_or(0);
                s.timelines
                    .get(i)
                    .unwrap_or_else(|| self.analysis.timeline(g))
            }
            None => self.analysis.timeline(g),
        }
    }

    /// The selected article ids, or `None` for all.
    pub fn selected(&self) -> Option<&[u32]> {
        self.sub.as_ref().map(|s| s.docs.as_slice())
    }

    /// Articles in scope.
    pub fn articles(&self) -> usize {
        self.sub
            .as_ref()
            .map_or(self.analysis.docs.len(), |s| s.docs.len())
    }

    /// Word tokens in scope.
    pub fn tokens(&self) -> u64 {
        self.sub
            .as_ref()
            .map_or(self.analysis.summary.tokens, |s| s.tokens)
    }

    /// The summary figures of the scope (the filtered articles' own, as a filtered
    /// `summary.csv` reports them).
    pub fn summary(&self) -> &Summary {
        self.sub
            .as_ref()
            .map_or(&self.analysis.summary, |s| &s.summary)
    }

    /// Whether a filter is set and matches no article.
    pub fn matches_nothing(&self) -> bool {
        self.sub.as_ref().is_some_and(|s| s.docs.is_empty())
    }

    /// Whether any article in scope has a date (timelines and trends need one).
    pub fn has_dates(&self) -> bool {
        self.summary().first_date.is_some()
    }

    /// Whether an article is in scope.
    pub fn contains(&self, doc: u32) -> bool {
        self.selected()
            .is_none_or(|docs| docs.binary_search(&doc).is_ok())
    }

    /// The trend of a series over the periods of the scope's timeline, counting only the
    /// articles in scope.
    pub fn trend(&self, s: Series, g: Granularity) -> Vec<TrendPoint> {
        self.analysis
            .series_trend(s, self.timeline(g), |doc| self.contains(doc))
    }
}
