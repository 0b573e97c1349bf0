//! What the views look at: the loaded corpus and its immutable analysis, plus the sub-corpus of
//! the global filter when one is set. Panels read statistics through [`Scope`] and key their
//! caches on [`Scope::key`], which changes whenever the corpus, the analysis or the filter does.
//!
//! The few derived series here (a trend restricted to the filtered articles, the mentions of an
//! entity in context) are read from the engine's postings and mention spans, never by
//! re-tokenising, and are computed when a panel's cache misses, not per frame.

use std::path::PathBuf;
use std::sync::Arc;

use crate::analysis::concordance::{KwicLine, normalizer_for};
use crate::analysis::filter::SubCorpus;
use crate::analysis::{Analysis, EntityKind, EntityStat, TermStat, Timeline, TrendPoint};
use crate::jobs::{CancelToken, Cancelled};
use crate::model::{Corpus, Granularity};

/// A corpus with its analysis, as one unit that replaces the previous one atomically.
pub struct Loaded {
    pub corpus: Arc<Corpus>,
    pub analysis: Arc<Analysis>,
    /// The paths the corpus was opened from (for "recent" and re-analysis).
    pub paths: Vec<PathBuf>,
}

/// The corpus, its analysis and the current filter's aggregate.
#[derive(Clone)]
pub struct Scope {
    pub corpus: Arc<Corpus>,
    pub analysis: Arc<Analysis>,
    /// The filtered sub-corpus; `None` when no filter is set.
    pub sub: Option<Arc<SubCorpus>>,
    /// Cache key for panels.
    pub key: u64,
}

/// A term or an entity the user picked (for trends, drill-down and concordance).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Series {
    Term(u32),
    Entity(u32),
}

impl Scope {
    /// An empty scope (no corpus yet).
    pub fn empty() -> Self {
        Self {
            corpus: Arc::new(Corpus::default()),
            analysis: Arc::new(Analysis::default()),
            sub: None,
            key: 0,
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

    /// Whether an article is in scope.
    pub fn contains(&self, doc: u32) -> bool {
        self.selected()
            .is_none_or(|docs| docs.binary_search(&doc).is_ok())
    }

    /// The display name of a series: the term, or the entity's name.
    pub fn series_name(&self, s: Series) -> String {
        match s {
            Series::Term(t) => self
                .analysis
                .vocab
                .terms
                .get(t as usize)
                .cloned()
                .unwrap_or_default(),
            Series::Entity(e) => self.analysis.entity_name(e).to_owned(),
        }
    }

    /// The entity type of a series (`None` for terms).
    pub fn series_kind(&self, s: Series) -> Option<EntityKind> {
        match s {
            Series::Term(_) => None,
            Series::Entity(e) => self
                .analysis
                .entities
                .entities
                .get(e as usize)
                .map(|x| x.kind),
        }
    }

    /// The trend of a series over the periods of the scope's timeline.
    pub fn trend(&self, s: Series, g: Granularity) -> Vec<TrendPoint> {
        let a = &self.analysis;
        let postings = match s {
            Series::Term(t) => a.term_postings.get(t as usize),
            Series::Entity(e) => a.entity_postings.get(e as usize),
        };
        let Some(postings) = postings else {
            return Vec::new();
        };
        a.trend_over(postings, self.timeline(g), |doc| self.contains(doc))
    }

    /// Resolve what a user typed into a series: an entity (by name or variant, case-insensitive)
    /// when one matches, else a term as the analysis counted it.
    pub fn resolve(&self, typed: &str) -> Option<Series> {
        let typed = typed.trim();
        if typed.is_empty() {
            return None;
        }
        let a = &self.analysis;
        let entity = a.entities.entities.iter().position(|e| {
            e.name.eq_ignore_ascii_case(typed)
                || e.variants
                    .iter()
                    .any(|(v, _)| v.eq_ignore_ascii_case(typed))
        });
        if let Some(e) = entity {
            return Some(Series::Entity(e as u32));
        }
        let term = normalizer_for(a).term_of(typed);
        a.vocab.id(&term).map(Series::Term)
    }
}

pub use crate::analysis::concordance::context;

/// Every mention of an entity, in context, in the given articles (all when `None`), from the
/// extractor's mention spans.
pub fn entity_kwic(
    corpus: &Corpus,
    analysis: &Analysis,
    entity: u32,
    docs: Option<&[u32]>,
    context_words: usize,
    cancel: &CancelToken,
) -> Result<Vec<KwicLine>, Cancelled> {
    let mut out = Vec::new();
    let Some(postings) = analysis.entity_postings.get(entity as usize) else {
        return Ok(out);
    };
    for &(doc, _) in postings {
        cancel.check()?;
        if docs.is_some_and(|d| d.binary_search(&doc).is_err()) {
            continue;
        }
        let (Some(article), Some(mentions)) = (
            corpus.articles.get(doc as usize),
            analysis.entities.mentions.get(doc as usize),
        ) else {
            continue;
        };
        let text = &article.text;
        for m in mentions.iter().filter(|m| m.entity == entity) {
            let Some(matched) = text.get(m.start..m.end) else {
                continue;
            };
            out.push(KwicLine {
                doc,
                start: m.start,
                end: m.end,
                left: context(text, m.start, context_words, true),
                matched: matched.to_owned(),
                right: context(text, m.end, context_words, false),
            });
        }
    }
    Ok(out)
}
