//! Facets: the metadata fields of a corpus (from metadata tables, structured records and mail
//! headers) as groups of articles a user can count, filter by, compare and split timelines by.
//!
//! Every metadata field is indexed: value → the articles holding it. Field names are matched
//! without regard to case (the first spelling met is shown); values are kept as written, trimmed,
//! and matched by the query language without regard to case. A field is *categorical* — shown
//! in the facet panel, `facets.csv` and the timeline split — when its values repeat: at most
//! [`MAX_LISTED_VALUES`] distinct values, and either at most [`SMALL_FIELD_VALUES`] of them or
//! at most half as many as the articles that have the field. Fields of mostly distinct values
//! (ids, URLs, subjects) stay searchable with `field:value` but are not listed.

use rustc_hash::FxHashMap;

use super::{Analysis, Timeline};
use crate::model::Corpus;

/// Query fields the query language itself defines; a metadata field with one of these names is
/// reached only through the built-in meaning.
pub const BUILT_IN_FIELDS: [&str; 3] = ["entity", "type", "title"];

/// A field with at most this many distinct values is categorical whatever its size.
pub const SMALL_FIELD_VALUES: usize = 20;

/// A field with more distinct values than this is never listed as a facet.
pub const MAX_LISTED_VALUES: usize = 10_000;

/// The label of the bucket holding every value past the top ones in a split.
pub const OTHER: &str = "(other)";

/// The label of the bucket holding the articles without the field in a split.
pub const NO_VALUE: &str = "(no value)";

/// One value of a field and the articles that hold it.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FacetValue {
    pub value: String,
    /// Article ids, ascending.
    pub docs: Vec<u32>,
}

/// One metadata field.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Facet {
    /// The field name as first met.
    pub name: String,
    /// Values, most articles first, then by value.
    pub values: Vec<FacetValue>,
    /// Articles that have the field.
    pub articles: u32,
    /// Whether the field is listed as a facet (see the module documentation).
    pub categorical: bool,
}

/// Every metadata field of a corpus.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Facets {
    /// Categorical fields first (by name, case-insensitively), then the others.
    pub fields: Vec<Facet>,
}

/// A value's share of a selection: articles and word tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct FacetCount {
    pub value: String,
    pub articles: u64,
    pub tokens: u64,
}

/// Articles per period for one value of a split timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitSeries {
    /// The value, or [`OTHER`].
    pub label: String,
    /// One count per period of the timeline.
    pub counts: Vec<u64>,
}

impl Facets {
    /// Index the metadata of every article.
    pub fn build(corpus: &Corpus) -> Facets {
        // field key → (display name, value → docs)
        let mut by_field: FxHashMap<String, (String, FxHashMap<&str, Vec<u32>>)> =
            FxHashMap::default();
        for art in &corpus.articles {
            for (name, value) in &art.metadata {
                let value = value.trim();
                if value.is_empty() {
                    continue;
                }
                let key = name.trim().to_lowercase();
                let field = by_field
                    .entry(key)
                    .or_insert_with(|| (name.trim().to_owned(), FxHashMap::default()));
                let docs = field.1.entry(value).or_default();
                if docs.last() != Some(&art.id) {
                    docs.push(art.id);
                }
            }
        }
        let mut fields: Vec<Facet> = by_field
            .into_values()
            .map(|(name, values)| facet_of(name, values))
            .collect();
        fields.sort_by(|a, b| {
            b.categorical
                .cmp(&a.categorical)
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        Facets { fields }
    }

    /// The field called `name` (case-insensitive).
    pub fn field(&self, name: &str) -> Option<&Facet> {
        self.fields
            .iter()
            .find(|f| f.name.to_lowercase() == name.to_lowercase())
    }

    /// The categorical fields (what the facet panel lists).
    pub fn categorical(&self) -> impl Iterator<Item = &Facet> {
        self.fields.iter().filter(|f| f.categorical)
    }

    /// Every field a query may name: the built-in ones, then the metadata fields.
    pub fn known_fields(&self) -> Vec<String> {
        let mut names: Vec<String> = BUILT_IN_FIELDS.iter().map(|s| (*s).to_owned()).collect();
        for f in &self.fields {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&f.name)) {
                names.push(f.name.clone());
            }
        }
        names
    }
}

fn facet_of(name: String, values: FxHashMap<&str, Vec<u32>>) -> Facet {
    let mut values: Vec<FacetValue> = values
        .into_iter()
        .map(|(value, docs)| FacetValue {
            value: value.to_owned(),
            docs,
        })
        .collect();
    values.sort_by(|a, b| {
        b.docs
            .len()
            .cmp(&a.docs.len())
            .then_with(|| a.value.cmp(&b.value))
    });
    let mut all: Vec<u32> = values.iter().flat_map(|v| v.docs.iter().copied()).collect();
    all.sort_unstable();
    all.dedup();
    let articles = all.len() as u32;
    let distinct = values.len();
    let categorical = distinct <= MAX_LISTED_VALUES
        && (distinct <= SMALL_FIELD_VALUES || distinct * 2 <= articles as usize);
    Facet {
        name,
        values,
        articles,
        categorical,
    }
}

impl Facet {
    /// The articles (ascending) whose value equals `value` (case-insensitive), or starts with
    /// it when `value` ends in `*`.
    pub fn docs_matching(&self, value: &str) -> Vec<u32> {
        let (value, prefix) = match value.strip_suffix('*') {
            Some(p) => (p.to_lowercase(), true),
            None => (value.trim().to_lowercase(), false),
        };
        let mut docs: Vec<u32> = self
            .values
            .iter()
            .filter(|v| {
                let lower = v.value.to_lowercase();
                if prefix {
                    lower.starts_with(&value)
                } else {
                    lower == value
                }
            })
            .flat_map(|v| v.docs.iter().copied())
            .collect();
        docs.sort_unstable();
        docs.dedup();
        docs
    }

    /// Articles and tokens of each value within `selected` (ascending article ids; `None`: the
    /// whole corpus), values with no selected article left out, most articles first, then by
    /// value.
    pub fn counts(&self, analysis: &Analysis, selected: Option<&[u32]>) -> Vec<FacetCount> {
        let mask = selected.map(|s| mask_of(s, analysis.docs.len()));
        self.counts_masked(analysis, mask.as_deref())
    }

    fn counts_masked(&self, analysis: &Analysis, selected: Option<&[bool]>) -> Vec<FacetCount> {
        let mut out: Vec<FacetCount> = self
            .values
            .iter()
            .filter_map(|v| {
                let (mut articles, mut tokens) = (0u64, 0u64);
                for &d in &v.docs {
                    if selected.is_none_or(|s| s.get(d as usize).copied().unwrap_or(false)) {
                        articles += 1;
                        tokens += analysis
                            .docs
                            .get(d as usize)
                            .map_or(0, |x| u64::from(x.tokens));
                    }
                }
                (articles > 0).then(|| FacetCount {
                    value: v.value.clone(),
                    articles,
                    tokens,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| a.value.cmp(&b.value))
        });
        out
    }

    /// Articles per period of `timeline`, split by this field's value: the `top` values with the
    /// most selected articles, then [`OTHER`] for the other values and [`NO_VALUE`] for articles
    /// without the field (each only when it counts something). Only selected (`None`: all), dated
    /// articles are counted; an article with two values counts in each.
    pub fn split_timeline(
        &self,
        analysis: &Analysis,
        timeline: &Timeline,
        selected: Option<&[u32]>,
        top: usize,
    ) -> Vec<SplitSeries> {
        self.split_weighted(analysis, timeline, selected, top, |_| 1)
    }

    /// Like [`Facet::split_timeline`], but each article counts `weight(article)` (a term's or an
    /// entity's count in it, for a trend split by value).
    pub fn split_weighted(
        &self,
        analysis: &Analysis,
        timeline: &Timeline,
        selected: Option<&[u32]>,
        top: usize,
        weight: impl Fn(u32) -> u64,
    ) -> Vec<SplitSeries> {
        let n_docs = analysis.docs.len();
        let mask = selected.map(|s| mask_of(s, n_docs));
        let selected = mask.as_deref();
        let is_selected =
            |d: u32| selected.is_none_or(|s| s.get(d as usize).copied().unwrap_or(false));
        let counts = self.counts_masked(analysis, selected);
        let top_values: Vec<&str> = counts.iter().take(top).map(|c| c.value.as_str()).collect();
        let mut series: Vec<SplitSeries> = top_values
            .iter()
            .map(|v| SplitSeries {
                label: (*v).to_owned(),
                counts: vec![0; timeline.periods.len()],
            })
            .collect();
        let mut other = vec![0u64; timeline.periods.len()];
        let mut has_field = vec![false; n_docs];
        let mut in_other = vec![false; n_docs];
        for value in &self.values {
            let slot = top_values.iter().position(|v| *v == value.value);
            for &d in &value.docs {
                let Some(flag) = has_field.get_mut(d as usize) else {
                    continue;
                };
                *flag = true;
                if !is_selected(d) {
                    continue;
                }
                match slot {
                    Some(i) => {
                        add_to_period(analysis, timeline, d, weight(d), &mut series[i].counts)
                    }
                    // An article with several other values counts once in "other".
                    None if !in_other[d as usize] => {
                        in_other[d as usize] = true;
                        add_to_period(analysis, timeline, d, weight(d), &mut other);
                    }
                    None => {}
                }
            }
        }
        let mut none = vec![0u64; timeline.periods.len()];
        for d in (0..n_docs as u32).filter(|&d| !has_field[d as usize] && is_selected(d)) {
            add_to_period(analysis, timeline, d, weight(d), &mut none);
        }
        for (label, counts) in [(OTHER, other), (NO_VALUE, none)] {
            if counts.iter().any(|&c| c > 0) {
                series.push(SplitSeries {
                    label: label.to_owned(),
                    counts,
                });
            }
        }
        series
    }
}

/// `true` at each id of `docs` (ids past `n` ignored).
fn mask_of(docs: &[u32], n: usize) -> Vec<bool> {
    let mut mask = vec![false; n];
    for &d in docs {
        if let Some(m) = mask.get_mut(d as usize) {
            *m = true;
        }
    }
    mask
}

fn add_to_period(analysis: &Analysis, timeline: &Timeline, doc: u32, weight: u64, per: &mut [u64]) {
    let date = analysis.doc_dates.get(doc as usize).copied().flatten();
    if let Some(i) = date.and_then(|d| timeline.period_index(d)) {
        per[i] += weight;
    }
}

#[cfg(test)]
mod tests;
