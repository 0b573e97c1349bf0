//! Sub-corpora: select articles by date range and query, then re-aggregate term and entity
//! statistics and timelines from the per-article index — never by re-tokenising (phrases are the
//! one exception: they are verified in the text of the articles the postings allow).

use chrono::NaiveDate;
use rayon::prelude::*;

use super::concordance::{Pattern, candidate_docs, find_spans, normalizer_for, pattern_docs};
use super::docset::{complement, intersect, union};
use super::engine::{selection_summary, timelines_for};
use super::query::{Node, Query, QueryError};
use super::{Analysis, EntityKind, EntityStat, Summary, TermStat, Timeline, order, per_million};
use crate::model::{Corpus, Granularity};
use crate::text::Normalizer;

/// Which articles to look at. The default selects everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// First day included. With a date bound, undated articles are left out.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
    pub query: Option<Query>,
}

/// Why a filter could not be built. The message names the part that is wrong, so the filter bar
/// and the command line can show it as it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("From: {0}")]
    From(String),
    #[error("To: {0}")]
    To(String),
    #[error("From ({from}) is after To ({to})")]
    Order { from: NaiveDate, to: NaiveDate },
    #[error("Query: {0}")]
    Query(#[from] QueryError),
    #[error("Query: unknown field '{field}:' (known fields: {})", known.join(", "))]
    UnknownField { field: String, known: Vec<String> },
}

/// Parse a date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. A partial date stands for the first day
/// of its period (`end` false) or the last (`end` true); an empty string is no bound.
pub fn parse_date_bound(s: &str, end: bool) -> Result<Option<NaiveDate>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || format!("'{s}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    let date = match parts.as_slice() {
        [y] => {
            let y = num(y)? as i32;
            if end {
                NaiveDate::from_ymd_opt(y, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(y, 1, 1)
            }
        }
        [y, m] => {
            let first = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1);
            if end {
                first.map(|f| Granularity::Month.next_start(f) - chrono::Days::new(1))
            } else {
                first
            }
        }
        [y, m, d] => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?),
        _ => None,
    };
    date.map(Some).ok_or_else(bad)
}

impl Filter {
    /// The one way to build a filter from what a user typed: a first and a last day (each
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or empty) and a query (empty for none). The filter bar,
    /// the keyness periods and the command line's `--from`/`--to`/`--query` all come here.
    pub fn from_parts(from: &str, to: &str, query: &str) -> Result<Filter, FilterError> {
        let from = parse_date_bound(from, false).map_err(FilterError::From)?;
        let to = parse_date_bound(to, true).map_err(FilterError::To)?;
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(FilterError::Order { from, to });
        }
        let query = match query.trim() {
            "" => None,
            q => Some(Query::parse(q)?),
        };
        Ok(Filter { from, to, query })
    }

    /// Parse a filter written as one string: `from:DATE` and `to:DATE` items bound the dates
    /// (dates as in [`Filter::from_parts`]), everything else is the query (e.g.
    /// `from:2023-03 to:2023-03-31 iran`). An empty string selects everything.
    pub fn parse(text: &str) -> Result<Filter, FilterError> {
        let (mut from, mut to, mut rest) = ("", "", Vec::new());
        for word in text.split_whitespace() {
            if let Some(v) = word.strip_prefix("from:") {
                from = v;
            } else if let Some(v) = word.strip_prefix("to:") {
                to = v;
            } else {
                rest.push(word);
            }
        }
        if text.split_whitespace().any(|w| w == "from:") {
            return Err(FilterError::From("'from:' needs a date".into()));
        }
        if text.split_whitespace().any(|w| w == "to:") {
            return Err(FilterError::To("'to:' needs a date".into()));
        }
        Filter::from_parts(from, to, &rest.join(" "))
    }

    /// The same filter written as one string that [`Filter::parse`] reads back.
    pub fn to_text(&self) -> String {
        let mut parts = Vec::new();
        if let Some(d) = self.from {
            parts.push(format!("from:{d}"));
        }
        if let Some(d) = self.to {
            parts.push(format!("to:{d}"));
        }
        if let Some(q) = &self.query {
            parts.push(q.text.clone());
        }
        parts.join(" ")
    }

    /// Whether the filter selects everything.
    pub fn is_empty(&self) -> bool {
        self.from.is_none() && self.to.is_none() && self.query.is_none()
    }

    /// A short description, e.g. `1990-01-01 – 1999-12-31, query: iraq OR iran`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match (self.from, self.to) {
            (None, None) => {}
            (f, t) => parts.push(format!(
                "{} – {}",
                f.map_or("…".to_owned(), |d| d.to_string()),
                t.map_or("…".to_owned(), |d| d.to_string())
            )),
        }
        if let Some(q) = &self.query {
            parts.push(format!("query: {q}"));
        }
        if parts.is_empty() {
            "all articles".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

/// Statistics of a sub-corpus, in the same shapes as the whole-corpus analysis.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SubCorpus {
    /// Selected article ids, ascending.
    pub docs: Vec<u32>,
    pub tokens: u64,
    /// Content terms, count descending then text.
    pub terms: Vec<TermStat>,
    /// Entities, mentions descending then name.
    pub entity_stats: Vec<EntityStat>,
    /// Timelines in [`crate::model::Granularity::ALL`] order.
    pub timelines: Vec<Timeline>,
    /// The summary figures of the selection, as a filtered `summary.csv` reports them.
    pub summary: Summary,
    /// N-grams and collocations of the selection, when computed ([`Analysis::phrases_for`]
    /// re-tokenises the selected articles, so [`Analysis::aggregate`] leaves this `None`).
    pub phrases: Option<super::phrases::Phrases>,
}

struct Eval<'a> {
    analysis: &'a Analysis,
    corpus: &'a Corpus,
    norm: Normalizer,
}

impl Eval<'_> {
    fn docs(&self, node: &Node) -> Vec<u32> {
        let n = self.analysis.docs.len() as u32;
        match node {
            Node::Word(w) => pattern_docs(self.analysis, &Pattern::Term(self.norm.term_of(w))),
            Node::Prefix(p) => pattern_docs(self.analysis, &Pattern::Prefix(self.norm.fold(p))),
            Node::Phrase(words) => {
                let pats: Vec<Pattern> = words
                    .iter()
                    .map(|w| Pattern::Term(self.norm.term_of(w)))
                    .collect();
                candidate_docs(self.analysis, &pats)
                    .into_par_iter()
                    .filter(|&d| {
                        let text = &self.corpus.articles[d as usize].text;
                        !find_spans(text, &pats, &self.norm).is_empty()
                    })
                    .collect()
            }
            Node::Field { field, value } => self.field_docs(field, value),
            Node::And(items) => {
                let mut it = items.iter();
                let first = it.next().map(|x| self.docs(x)).unwrap_or_default();
                it.fold(first, |acc, x| intersect(&acc, &self.docs(x)))
            }
            Node::Or(items) => items
                .iter()
                .fold(Vec::new(), |acc, x| union(&acc, &self.docs(x))),
            Node::Not(inner) => complement(&self.docs(inner), n),
        }
    }

    fn field_docs(&self, field: &str, value: &str) -> Vec<u32> {
        let a = self.analysis;
        match field {
            "entity" => {
                let ids = entity_ids_named(a, value);
                let mut docs: Vec<u32> = ids
                    .iter()
                    .flat_map(|&id| a.entity_postings[id as usize].iter().map(|&(d, _)| d))
                    .collect();
                docs.sort_unstable();
                docs.dedup();
                docs
            }
            "type" => {
                let Some(kind) = EntityKind::parse(value) else {
                    return Vec::new();
                };
                (0..a.docs.len() as u32)
                    .filter(|&d| {
                        a.docs[d as usize]
                            .entities
                            .iter()
                            .any(|&(e, _)| a.entities.entities[e as usize].kind == kind)
                    })
                    .collect()
            }
            "title" => {
                let value = value.to_lowercase();
                self.corpus
                    .articles
                    .iter()
                    .filter(|art| art.title.to_lowercase().contains(&value))
                    .map(|art| art.id)
                    .collect()
            }
            _ => a
                .facets
                .field(field)
                .map(|f| f.docs_matching(value))
                .unwrap_or_default(),
        }
    }
}

/// Entities whose canonical name or one of whose variants equals `name` (case-insensitive).
pub fn entity_ids_named(analysis: &Analysis, name: &str) -> Vec<u32> {
    analysis
        .entities
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.name.eq_ignore_ascii_case(name)
                || e.variants.iter().any(|(v, _)| v.eq_ignore_ascii_case(name))
        })
        .map(|(i, _)| i as u32)
        .collect()
}

/// Every field named in a query tree, in order of appearance.
fn fields_of<'n>(node: &'n Node, out: &mut Vec<&'n str>) {
    match node {
        Node::Field { field, .. } => out.push(field),
        Node::And(items) | Node::Or(items) => items.iter().for_each(|x| fields_of(x, out)),
        Node::Not(inner) => fields_of(inner, out),
        Node::Word(_) | Node::Prefix(_) | Node::Phrase(_) => {}
    }
}

impl Analysis {
    /// Check that every `field:` the filter's query names is one the query language defines or a
    /// metadata field of this corpus: an unknown field is an error listing the known ones, never
    /// a silent empty selection.
    pub fn check_fields(&self, filter: &Filter) -> Result<(), FilterError> {
        let Some(q) = &filter.query else {
            return Ok(());
        };
        let mut fields = Vec::new();
        fields_of(&q.root, &mut fields);
        let known = self.facets.known_fields();
        match fields
            .into_iter()
            .find(|f| !known.iter().any(|k| k.eq_ignore_ascii_case(f)))
        {
            Some(field) => Err(FilterError::UnknownField {
                field: field.to_owned(),
                known,
            }),
            None => Ok(()),
        }
    }

    /// The ids (ascending) of the articles the filter selects. Article ids equal positions in
    /// `corpus.articles`, which must be the corpus this analysis was made from.
    pub fn select(&self, corpus: &Corpus, filter: &Filter) -> Vec<u32> {
        let mut docs: Vec<u32> = match &filter.query {
            Some(q) => Eval {
                analysis: self,
                corpus,
                norm: normalizer_for(self),
            }
            .docs(&q.root),
            None => (0..self.docs.len() as u32).collect(),
        };
        if filter.from.is_some() || filter.to.is_some() {
            docs.retain(|&d| {
                self.doc_dates[d as usize].is_some_and(|date| {
                    filter.from.is_none_or(|f| date >= f) && filter.to.is_none_or(|t| date <= t)
                })
            });
        }
        docs
    }

    /// Every article not in `docs` (ascending ids): "the rest of the corpus" of a comparison.
    pub fn rest_of(&self, docs: &[u32]) -> Vec<u32> {
        complement(docs, self.docs.len() as u32)
    }

    /// Re-aggregate term and entity statistics and timelines over `docs` (ascending ids) from
    /// the per-article index.
    pub fn aggregate(&self, docs: &[u32]) -> SubCorpus {
        let n_terms = self.vocab.terms.len();
        let tokens: u64 = docs
            .iter()
            .map(|&d| u64::from(self.docs[d as usize].tokens))
            .sum();
        // Few large chunks: each fold accumulator is a vocabulary-sized vector.
        let chunk = (docs.len() / (2 * rayon::current_num_threads().max(1))).max(512);
        let add = |mut x: Vec<u64>, y: Vec<u64>| {
            x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
            x
        };
        // Pass 1: counts and document frequencies (packed: count << 32 | docs would overflow,
        // so two vectors). Other terms (stopwords, numbers) get their document frequencies
        // too: the summary's type/token ratio counts every word form used.
        let (counts, dfs) = docs
            .par_iter()
            .with_min_len(chunk)
            .fold(
                || (vec![0u64; n_terms], vec![0u64; n_terms]),
                |(mut c, mut f), &d| {
                    for &(t, n) in self.content_terms_of(d) {
                        c[t as usize] += u64::from(n);
                        f[t as usize] += 1;
                    }
                    for &(t, _) in self.doc_other.row(d as usize) {
                        f[t as usize] += 1;
                    }
                    (c, f)
                },
            )
            .reduce(
                || (vec![0u64; n_terms], vec![0u64; n_terms]),
                |(c1, f1), (c2, f2)| (add(c1, c2), add(f1, f2)),
            );
        // Pass 2 (DP needs each term's total first), beside the entities and timelines.
        let ((dev, covered), (entity_stats, timelines)) = rayon::join(
            || self.dispersion_sums(docs, &counts, tokens, chunk),
            || {
                let timelines = timelines_for(docs.iter().copied(), self);
                (self.aggregate_entities(docs), timelines)
            },
        );
        let mut terms: Vec<TermStat> = (0..n_terms)
            .filter(|&t| counts[t] > 0 && self.vocab.is_content(t as u32))
            .map(|t| TermStat {
                term: t as u32,
                count: counts[t],
                per_million: per_million(counts[t], tokens),
                doc_freq: dfs[t] as u32,
                dispersion_dp: (0.5 * (dev[t] + (1.0 - covered[t]).max(0.0))).clamp(0.0, 1.0),
            })
            .collect();
        let rank = &self.vocab.rank;
        terms.par_sort_unstable_by(|x, y| {
            y.count
                .cmp(&x.count)
                .then_with(|| order(rank, x.term).cmp(&order(rank, y.term)))
        });
        let forms = dfs.iter().filter(|&&f| f > 0).count() as u64;
        SubCorpus {
            docs: docs.to_vec(),
            tokens,
            summary: selection_summary(self, docs, &terms, &entity_stats, forms),
            terms,
            entity_stats,
            timelines,
            phrases: None,
        }
    }

    /// Per term, the two sums of its dispersion (DP) over `docs`: Σ |its share of the term −
    /// the article's share of the tokens|, and the token share of the articles it is in (see
    /// [`super::dispersion_dp`]).
    fn dispersion_sums(
        &self,
        docs: &[u32],
        counts: &[u64],
        tokens: u64,
        chunk: usize,
    ) -> (Vec<f64>, Vec<f64>) {
        let n_terms = counts.len();
        if tokens == 0 {
            return (vec![0f64; n_terms], vec![0f64; n_terms]);
        }
        let addf = |mut x: Vec<f64>, y: Vec<f64>| {
            x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
            x
        };
        docs.par_iter()
            .with_min_len(chunk)
            .fold(
                || (vec![0f64; n_terms], vec![0f64; n_terms]),
                |(mut dev, mut cov), &d| {
                    let di = &self.docs[d as usize];
                    let s = f64::from(di.tokens) / tokens as f64;
                    for &(t, n) in self.content_terms_of(d) {
                        let t = t as usize;
                        dev[t] += (f64::from(n) / counts[t] as f64 - s).abs();
                        cov[t] += s;
                    }
                    (dev, cov)
                },
            )
            .reduce(
                || (vec![0f64; n_terms], vec![0f64; n_terms]),
                |(d1, c1), (d2, c2)| (addf(d1, d2), addf(c1, c2)),
            )
    }

    fn aggregate_entities(&self, docs: &[u32]) -> Vec<EntityStat> {
        let n = self.entities.entities.len();
        let mut stats: Vec<EntityStat> = (0..n as u32)
            .map(|entity| EntityStat {
                entity,
                mentions: 0,
                doc_freq: 0,
                first_date: None,
                last_date: None,
            })
            .collect();
        for &d in docs {
            let date = self.doc_dates[d as usize];
            for &(e, c) in &self.docs[d as usize].entities {
                let s = &mut stats[e as usize];
                s.mentions += u64::from(c);
                s.doc_freq += 1;
                if let Some(date) = date {
                    s.first_date = Some(s.first_date.map_or(date, |x| x.min(date)));
                    s.last_date = Some(s.last_date.map_or(date, |x| x.max(date)));
                }
            }
        }
        stats.retain(|s| s.mentions > 0);
        let rank = &self.entity_rank;
        stats.sort_by(|x, y| {
            y.mentions
                .cmp(&x.mentions)
                .then_with(|| order(rank, x.entity).cmp(&order(rank, y.entity)))
                .then_with(|| x.entity.cmp(&y.entity))
        });
        stats
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn filter_strings_hold_dates_and_a_query() {
        let f = Filter::parse("from:2023-03-01 iran OR iraq to:2023-03-31").expect("parses");
        assert_eq!(f.from, d(2023, 3, 1));
        assert_eq!(f.to, d(2023, 3, 31));
        assert_eq!(f.query.as_ref().expect("query").text, "iran OR iraq");
        assert_eq!(Filter::parse(&f.to_text()), Ok(f));
        assert!(Filter::parse("").expect("empty").is_empty());
        assert!(matches!(
            Filter::parse("from:March"),
            Err(FilterError::From(_))
        ));
        assert!(matches!(Filter::parse("to: iran"), Err(FilterError::To(_))));
    }

    #[test]
    fn partial_dates_cover_their_period() {
        assert_eq!(parse_date_bound("1990", false), Ok(d(1990, 1, 1)));
        assert_eq!(parse_date_bound("1990", true), Ok(d(1990, 12, 31)));
        assert_eq!(parse_date_bound("2024-02", true), Ok(d(2024, 2, 29)));
        assert_eq!(parse_date_bound(" 2024-02-03 ", false), Ok(d(2024, 2, 3)));
        assert_eq!(parse_date_bound("", false), Ok(None));
        assert!(parse_date_bound("2024-13", false).is_err());
        assert!(parse_date_bound("soon", false).is_err());
        // The one-string form reads partial dates the same way.
        let f = Filter::parse("from:1990 to:1990-06").expect("parses");
        assert_eq!((f.from, f.to), (d(1990, 1, 1), d(1990, 6, 30)));
    }

    #[test]
    fn parts_are_checked_in_order_with_named_errors() {
        assert_eq!(
            Filter::from_parts("2000", "1990", ""),
            Err(FilterError::Order {
                from: NaiveDate::from_ymd_opt(2000, 1, 1).expect("date"),
                to: NaiveDate::from_ymd_opt(1990, 12, 31).expect("date"),
            })
        );
        let e = Filter::from_parts("", "", "war AND (").expect_err("bad query");
        assert!(e.to_string().starts_with("Query:"), "{e}");
        assert!(
            Filter::from_parts("x", "", "")
                .expect_err("bad")
                .to_string()
                .starts_with("From:")
        );
        let f = Filter::from_parts("", "2001-09", "  ").expect("dates only");
        assert_eq!((f.from, f.to, f.query), (None, d(2001, 9, 30), None));
    }
}
