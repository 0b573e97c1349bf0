//! Corpus analysis: word, n-gram, collocation, entity and date statistics, computed in parallel
//! with rayon into one immutable [`Analysis`], plus the per-article index that lets a sub-corpus
//! (a date range and/or a query) be re-aggregated without re-tokenising ([`filter`]).
//!
//! Everything that leaves a hash map is sorted (count descending, then text), so results, CSVs and
//! tests are deterministic.

pub mod concordance;
pub mod dispersion;
pub mod docset;
pub mod entities;
pub mod entity_edits;
pub mod facets;
pub mod filter;
pub mod keyness;
pub mod languages;
pub mod links;
pub mod periods;
pub mod phrases;
pub mod postings;
pub mod query;
pub mod query_edit;
pub mod selection;
pub mod series;

mod counting;
mod engine;
mod scores;

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::model::Granularity;
pub use engine::{AnalysisError, analyze};
pub use entities::{CorpusEntities, EntityKind};
pub use scores::{collocation_scores, dispersion_dp};
pub use selection::{Analyzed, SelectionError, analyze_filtered, analyze_subset, select_from};
pub use series::Series;

/// What the analysis does with words. The defaults match what users of Voyant or AntConc expect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisSettings {
    /// Stopword languages (names understood by [`crate::text::stopword_set`], e.g. `english`),
    /// or `auto` (the default): each article's own language (see [`languages`]). Empty means no
    /// stopwords.
    pub stopword_languages: Vec<String>,
    /// Extra stopwords added by the user (matched after case folding).
    pub extra_stopwords: Vec<String>,
    /// Snowball stemmer language, `auto` for each article's own language where Snowball has it,
    /// or `None` for no stemming (the default).
    pub stem_language: Option<String>,
    /// Keep tokens made only of digits in word statistics.
    pub keep_numbers: bool,
    /// Fold the English possessive `'s` into the word (`trump's` counts as `trump`).
    pub fold_possessives: bool,
    /// Collocation window: words up to this many positions apart in a sentence co-occur.
    pub collocation_window: usize,
    /// Smallest co-occurrence count listed as a collocation.
    pub min_collocation_count: u64,
    /// Smallest count listed for bigrams and trigrams.
    pub min_ngram_count: u64,
    /// How many top terms and entities get long-format trend tables.
    pub top_n: usize,
    /// How many TF-IDF terms are kept per article.
    pub tfidf_per_document: usize,
    /// The entity editor's corrections, applied right after extraction ([`entity_edits`]).
    #[serde(skip_serializing_if = "entity_edits::EntityRules::is_empty")]
    pub entity_rules: entity_edits::EntityRules,
}

impl Default for AnalysisSettings {
    fn default() -> Self {
        Self {
            stopword_languages: vec![languages::AUTO.to_owned()],
            extra_stopwords: Vec::new(),
            stem_language: None,
            keep_numbers: false,
            fold_possessives: true,
            collocation_window: 4,
            min_collocation_count: 3,
            min_ngram_count: 2,
            top_n: 50,
            tfidf_per_document: 10,
            entity_rules: entity_edits::EntityRules::default(),
        }
    }
}

impl AnalysisSettings {
    /// The word normaliser these settings describe (stopwords, stemming, possessives); the error
    /// names unknown languages.
    /// `auto` stands for English here: see [`Self::normalizer_in`] for an article's language.
    pub fn normalizer(&self) -> Result<crate::text::Normalizer, String> {
        self.normalizer_in("en")
    }
}

/// Every distinct (case-folded, optionally stemmed) word form, with interned ids.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Vocabulary {
    /// Term text by id.
    pub terms: Vec<String>,
    /// Whether the term is a stopword (kept out of word statistics).
    pub stop: Vec<bool>,
    /// Whether the term is made only of digits.
    pub numeric: Vec<bool>,
    /// Term text → id.
    pub ids: FxHashMap<String, u32>,
    /// Whether numeric terms count in word statistics.
    pub keep_numbers: bool,
    /// Each term's position in alphabetical order (for sorting without comparing strings).
    pub rank: Vec<u32>,
    /// Terms with ids below this are content terms (set by the engine, which numbers content
    /// terms first); 0 means unknown, and [`Vocabulary::is_content`] is asked instead.
    pub content_terms: u32,
}

impl Vocabulary {
    /// The id of a term as typed by a user (case-folded; stemmed if the analysis stems).
    pub fn id(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }
    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }
    /// Whether the term counts in word statistics under these settings.
    pub fn is_content(&self, id: u32) -> bool {
        let i = id as usize;
        !self.stop[i] && (self.keep_numbers || !self.numeric[i])
    }
}

/// Corpus-wide summary figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub articles: u64,
    /// Word tokens (stopwords and numbers included).
    pub tokens: u64,
    /// Distinct terms counted in word statistics (stopwords and, by default, numbers excluded).
    pub distinct_terms: u64,
    /// Distinct word forms over word tokens, all words included.
    pub type_token_ratio: f64,
    /// Terms (as in `distinct_terms`) seen exactly once.
    pub hapax: u64,
    pub mean_article_tokens: f64,
    pub median_article_tokens: f64,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub undated: u64,
    pub duplicates_dropped: u64,
    pub entity_mentions: u64,
    pub distinct_entities: u64,
    /// URLs found in the texts (occurrences; not counted as words). Counted for the whole
    /// corpus only: zero in the summary of a selection.
    #[serde(default)]
    pub urls_found: u64,
    /// E-mail addresses found (occurrences; not counted as words).
    #[serde(default)]
    pub emails_found: u64,
    /// `#hashtag` tokens (counted as terms).
    #[serde(default)]
    pub hashtags_found: u64,
    /// `@handle` tokens (counted as terms).
    #[serde(default)]
    pub handles_found: u64,
}

/// Statistics of one term.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermStat {
    pub term: u32,
    pub count: u64,
    /// Occurrences per million word tokens of the (sub-)corpus.
    pub per_million: f64,
    /// Articles that contain the term.
    pub doc_freq: u32,
    /// Gries' deviation of proportions over articles: 0 = spread evenly, near 1 = concentrated.
    pub dispersion_dp: f64,
}

/// A bigram or trigram.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NgramStat {
    /// Term ids in order; a bigram's third slot is [`NgramStat::NONE`]. Fixed size, so the
    /// millions of n-grams of a large corpus need no allocation each (see [`NgramStat::ids`]).
    pub terms: [u32; 3],
    /// The words joined by spaces.
    pub text: String,
    pub count: u64,
    pub doc_freq: u32,
}

impl NgramStat {
    /// The unused slot of a bigram's `terms`.
    pub const NONE: u32 = u32::MAX;

    /// The term ids, in order.
    pub fn ids(&self) -> &[u32] {
        let n = self.terms.iter().take_while(|&&t| t != Self::NONE).count();
        &self.terms[..n]
    }
}

/// A pair of words that co-occur within the collocation window.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Collocation {
    /// The two terms, `a < b` by text.
    pub a: u32,
    pub b: u32,
    /// Co-occurrences within the window.
    pub count: u64,
    pub freq_a: u64,
    pub freq_b: u64,
    /// Pointwise mutual information (log2).
    pub pmi: f64,
    /// Log-likelihood G².
    pub log_likelihood: f64,
    pub t_score: f64,
}

/// Statistics of one canonical entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityStat {
    /// Index into [`CorpusEntities::entities`].
    pub entity: u32,
    pub mentions: u64,
    pub doc_freq: u32,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
}

/// The per-article index: everything needed to re-aggregate a sub-corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocIndex {
    /// Word tokens in the article.
    pub tokens: u32,
    /// (entity id, mentions), sorted by entity id.
    pub entities: Vec<(u32, u32)>,
    /// The article's top TF-IDF content terms, best first.
    pub top_terms: Vec<(u32, f32)>,
}

/// Rows of (id, count) entries stored back to back (compressed sparse rows): row `i` is
/// `entries[offsets[i]..offsets[i + 1]]`. One allocation instead of one per article keeps the
/// index compact and lets re-aggregation stream through memory.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rows {
    offsets: Vec<usize>,
    #[serde(with = "crate::store::packed::pairs")]
    entries: Vec<(u32, u32)>,
}

impl Rows {
    /// Row `i` (empty when out of range).
    pub fn row(&self, i: usize) -> &[(u32, u32)] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.entries[a..b],
            _ => &[],
        }
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Consecutive slices of `items` whose `size`s add up to at least `at_least` each (the last may
/// hold less): how the engine cuts a corpus into pieces of bounded working memory.
pub(crate) fn slices_by<T>(
    items: &[T],
    at_least: usize,
    size: impl Fn(&T) -> usize,
) -> impl Iterator<Item = &[T]> {
    let mut rest = items;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut sum = 0;
        let n = rest
            .iter()
            .position(|item| {
                sum += size(item);
                sum >= at_least
            })
            .map_or(rest.len(), |i| i + 1);
        let (slice, tail) = rest.split_at(n);
        rest = tail;
        Some(slice)
    })
}

/// Builds [`Rows`] one row at a time, so that rows need not all be held apart first.
#[derive(Debug)]
pub struct RowsBuilder(Rows);

impl Default for RowsBuilder {
    fn default() -> Self {
        Self(Rows {
            offsets: vec![0],
            entries: Vec::new(),
        })
    }
}

impl RowsBuilder {
    /// Room for `rows` rows of `entries` entries in all.
    pub fn with_capacity(rows: usize, entries: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Self(Rows {
            offsets,
            entries: Vec::with_capacity(entries),
        })
    }

    /// Append one row.
    pub fn push(&mut self, row: &[(u32, u32)]) {
        self.0.entries.extend_from_slice(row);
        self.0.offsets.push(self.0.entries.len());
    }

    pub fn finish(mut self) -> Rows {
        self.0.entries.shrink_to_fit();
        self.0
    }
}

/// Articles and tokens per period for one granularity, empty periods included.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub granularity: Option<Granularity>,
    /// First day of each period, ascending and contiguous.
    pub periods: Vec<NaiveDate>,
    pub articles: Vec<u32>,
    pub tokens: Vec<u64>,
}

impl Timeline {
    /// Index of the period holding `date`, if the timeline covers it.
    pub fn period_index(&self, date: NaiveDate) -> Option<usize> {
        let g = self.granularity?;
        let start = g.period_start(date);
        self.periods.binary_search(&start).ok()
    }
    /// The reader's label of period `i`, a date ([`Granularity::display_label`]); for weeks the
    /// ISO week follows in brackets when `with_iso_week`.
    pub fn display_label(&self, i: usize, with_iso_week: bool) -> String {
        match (self.granularity, self.periods.get(i)) {
            (Some(Granularity::Week), Some(d)) if with_iso_week => format!(
                "week of {} ({})",
                Granularity::Week.display_label(*d),
                Granularity::Week.label(*d)
            ),
            (Some(g), Some(d)) => g.display_label(*d),
            _ => String::new(),
        }
    }

    /// Label of period `i`.
    pub fn label(&self, i: usize) -> String {
        match (self.granularity, self.periods.get(i)) {
            (Some(g), Some(d)) => g.label(*d),
            _ => String::new(),
        }
    }
}

/// One point of a term or entity trend.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub period: NaiveDate,
    pub count: u64,
    /// Per million word tokens of that period (0 where the period has no tokens).
    pub per_million: f64,
}

/// The immutable result of analysing a corpus. Views and exports only read it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Analysis {
    /// Kept as JSON text in a store: the settings skip empty fields, which a binary format
    /// cannot.
    #[serde(with = "crate::store::as_json")]
    pub settings: AnalysisSettings,
    pub vocab: Vocabulary,
    pub summary: Summary,
    /// Content terms, count descending then text.
    pub terms: Vec<TermStat>,
    pub bigrams: Vec<NgramStat>,
    pub trigrams: Vec<NgramStat>,
    /// Sorted by log-likelihood descending.
    pub collocations: Vec<Collocation>,
    pub entities: CorpusEntities,
    /// Entities, mentions descending then name.
    pub entity_stats: Vec<EntityStat>,
    /// Each entity's position in name order (for sorting without comparing strings).
    pub entity_rank: Vec<u32>,
    /// Entity pairs named in the same article (with same-sentence counts), article count
    /// descending.
    pub entity_pairs: Vec<entities::EntityPair>,
    /// Why edits of [`AnalysisSettings::entity_rules`] were skipped (an entity not found…).
    pub entity_edit_notes: Vec<String>,
    /// One entry per article, same order as the corpus.
    pub docs: Vec<DocIndex>,
    /// Per article, (term id, count) of its content terms, by term id: what re-aggregation
    /// reads, stored apart so that it streams through nothing else.
    pub doc_content: Rows,
    /// Per article, (term id, count) of its other terms (stopwords, numbers), by term id (all
    /// above the content terms' ids).
    pub doc_other: Rows,
    /// Term id → (article id, count), ascending article id.
    pub term_postings: postings::Postings,
    /// Entity id → (article id, mentions), ascending article id.
    #[serde(with = "crate::store::packed::lists")]
    pub entity_postings: Vec<Vec<(u32, u32)>>,
    /// Metadata fields as facets (value → articles).
    pub facets: facets::Facets,
    /// Each article's processing language and the corpus majority language.
    pub languages: languages::Languages,
    /// Article dates, copied from the corpus for cheap filtering.
    pub doc_dates: Vec<Option<NaiveDate>>,
    /// Timelines in [`Granularity::ALL`] order.
    pub timelines: Vec<Timeline>,
    /// Articles per weekday, Monday first.
    pub weekdays: [u32; 7],
    /// URLs, e-mail addresses and their domains.
    pub links: links::LinkTables,
    /// Wall time and peak memory of each analysis stage, in order (for benchmarks; not kept in
    /// a store).
    #[serde(skip)]
    pub stages: Vec<crate::stage_clock::Stage>,
}

impl Analysis {
    /// An article's (term id, count) entries, by term id, stopwords included.
    pub fn terms_of(&self, doc: u32) -> impl Iterator<Item = &(u32, u32)> {
        let d = doc as usize;
        self.doc_content.row(d).iter().chain(self.doc_other.row(d))
    }

    /// An article's content-term entries (no stopwords or numbers), by term id.
    pub fn content_terms_of(&self, doc: u32) -> &[(u32, u32)] {
        self.doc_content.row(doc as usize)
    }

    /// The timeline for one granularity.
    pub fn timeline(&self, g: Granularity) -> &Timeline {
        let i = Granularity::ALL.iter().position(|x| *x == g).unwrap_or(0);
        &self.timelines[i]
    }

    /// The pairs that involve `entity`, as (other entity, pair), strongest association first.
    pub fn pairs_of(&self, entity: u32) -> Vec<(u32, &entities::EntityPair)> {
        let mut v: Vec<(u32, &entities::EntityPair)> = self
            .entity_pairs
            .iter()
            .filter_map(|p| match (p.a == entity, p.b == entity) {
                (true, _) => Some((p.b, p)),
                (_, true) => Some((p.a, p)),
                _ => None,
            })
            .collect();
        v.sort_by(|x, y| {
            y.1.log_likelihood
                .total_cmp(&x.1.log_likelihood)
                .then_with(|| x.0.cmp(&y.0))
        });
        v
    }

    /// Display name of an entity.
    pub fn entity_name(&self, id: u32) -> &str {
        self.entities
            .entities
            .get(id as usize)
            .map_or("", |e| e.name.as_str())
    }

    /// Count and per-million of a term in every period of `g`, from the postings (no
    /// recomputation). Undated articles are left out.
    pub fn term_trend(&self, term: u32, g: Granularity) -> Vec<TrendPoint> {
        self.trend_from_postings(&self.term_postings.to_vec(term as usize), g)
    }

    /// Mentions and per-million of an entity in every period of `g`.
    pub fn entity_trend(&self, entity: u32, g: Granularity) -> Vec<TrendPoint> {
        self.trend_from_postings(&self.entity_postings[entity as usize], g)
    }

    fn trend_from_postings(&self, postings: &[(u32, u32)], g: Granularity) -> Vec<TrendPoint> {
        self.trend_over(postings, self.timeline(g), |_| true)
    }

    /// Counts and per-million of `postings` in every period of `tl`, counting only the articles
    /// `include` accepts (a filter's selection). Undated articles are left out.
    pub fn trend_over(
        &self,
        postings: &[(u32, u32)],
        tl: &Timeline,
        include: impl Fn(u32) -> bool,
    ) -> Vec<TrendPoint> {
        let mut counts = vec![0u64; tl.periods.len()];
        for &(doc, n) in postings {
            if !include(doc) {
                continue;
            }
            let date = self.doc_dates.get(doc as usize).copied().flatten();
            if let Some(i) = date.and_then(|d| tl.period_index(d)) {
                counts[i] += u64::from(n);
            }
        }
        tl.periods
            .iter()
            .zip(counts)
            .zip(&tl.tokens)
            .map(|((&period, count), &tokens)| TrendPoint {
                period,
                count,
                per_million: per_million(count, tokens),
            })
            .collect()
    }
}

/// Each id's position when the ids `0..n` are sorted by `key` (ties keep id order): comparing
/// ranks then orders ids as comparing their keys would, without touching the keys.
pub fn ranks_by<'a, K: Ord + Sync + ?Sized + 'a>(
    n: usize,
    key: impl Fn(u32) -> &'a K + Sync,
) -> Vec<u32> {
    let mut ids: Vec<u32> = (0..n as u32).collect();
    ids.par_sort_by(|x, y| key(*x).cmp(key(*y)));
    let mut rank = vec![0u32; n];
    for (r, id) in ids.into_iter().enumerate() {
        rank[id as usize] = r as u32;
    }
    rank
}

/// Position of `id` in a rank table, falling back to the id itself when the table does not cover
/// it (results assembled by hand, as tests do).
pub(crate) fn order(rank: &[u32], id: u32) -> u32 {
    rank.get(id as usize).copied().unwrap_or(id)
}

/// `count` per million of `total`, 0 when `total` is 0.
pub fn per_million(count: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 * 1e6 / total as f64
    }
}
