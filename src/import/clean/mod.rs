//! Cleaning after reading, before counting: boilerplate lines, wire bylines and datelines
//! ([`boilerplate`], [`wire`]) and near-duplicate copies ([`neardup`] over [`minhash`]).
//!
//! Order in an import: read → join metadata → remove boilerplate → drop exact duplicates (so
//! copies that differ only in their furniture are caught) → cluster near-duplicates → number the
//! articles. Every step is reported in [`CleaningReport`] and can be switched off
//! ([`CleaningOptions`]).
//!
//! **Offsets stay true.** `Article::text` keeps pointing into the decoded source file, because
//! mention offsets and the reader rely on `body_char_offset`: a removed line *inside* the text
//! is overwritten with one space per character (its line break kept), so every later character
//! keeps its offset; what is removed at the *start* (leading lines, a byline, a dateline) is cut
//! and its length in characters added to `body_char_offset`; what is removed at the end is cut.

pub mod boilerplate;
pub mod minhash;
pub mod neardup;
pub mod wire;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::jobs::{CancelToken, Cancelled};
use crate::model::{Article, CleaningOptions, CleaningReport, ClusterMember, NearDuplicateCluster};

/// The metadata field marking articles that have near-duplicate copies (`yes` or `no`).
pub const COPIES_FIELD: &str = "copies";

/// What cleaning did to one article.
#[derive(Default)]
struct Edit {
    lines: u64,
    bytes: u64,
    byline: bool,
    dateline: bool,
}

/// `text` with the byte ranges overwritten by one space per character.
fn blank(text: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for &(s, e) in ranges {
        out.push_str(&text[at..s]);
        out.extend(std::iter::repeat_n(' ', text[s..e].chars().count()));
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

/// The byte range of the first line of `text` holding more than white space.
fn first_line(text: &str) -> Option<(usize, usize)> {
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let line = piece.trim_end_matches(['\n', '\r']);
        if !line.trim().is_empty() {
            return Some((start, start + line.len()));
        }
        start += piece.len();
    }
    None
}

fn clean_article(a: &mut Article, lines: &FxHashSet<u64>, opts: &CleaningOptions) -> Edit {
    let mut ranges = if lines.is_empty() {
        Vec::new()
    } else {
        boilerplate::ranges_in(&a.text, lines, opts)
    };
    let mut edit = Edit {
        lines: ranges.len() as u64,
        ..Edit::default()
    };
    // Most articles have nothing to cut: tell without copying their text.
    if ranges.is_empty() {
        let byline = first_line(&a.text).is_some_and(|(s, e)| wire::is_byline(&a.text[s..e]));
        if !byline && wire::dateline_len(a.text.trim_start()).is_none() {
            return edit;
        }
    }
    let mut blanked = blank(&a.text, &ranges);
    if let Some((s, e)) = first_line(&blanked)
        && wire::is_byline(&blanked[s..e])
    {
        ranges.push((s, e));
        blanked = blank(&blanked, &[(s, e)]);
        edit.byline = true;
    }
    edit.bytes = ranges.iter().map(|(s, e)| (e - s) as u64).sum();
    let rest = blanked.trim_start();
    let mut cut_chars = blanked[..blanked.len() - rest.len()].chars().count();
    let mut rest = rest;
    if let Some(n) = wire::dateline_len(rest) {
        cut_chars += rest[..n].chars().count();
        edit.bytes += n as u64;
        edit.dateline = true;
        rest = &rest[n..];
    }
    if ranges.is_empty() && !edit.dateline {
        return edit;
    }
    a.text = rest.trim_end().to_owned();
    a.body_char_offset += cut_chars;
    edit
}

/// Remove boilerplate lines, bylines and datelines from every article, recording what went.
pub(crate) fn remove_boilerplate(
    articles: &mut [Article],
    opts: &CleaningOptions,
    report: &mut CleaningReport,
) {
    let (lines, listed, holds) = boilerplate::find(articles, opts);
    let none = FxHashSet::default();
    let edits: Vec<Edit> = articles
        .par_iter_mut()
        .zip(holds)
        .map(|(a, holds)| clean_article(a, if holds { &lines } else { &none }, opts))
        .collect();
    for e in edits {
        report.boilerplate_lines_removed += e.lines;
        report.boilerplate_bytes_removed += e.bytes;
        report.bylines_removed += u64::from(e.byline);
        report.datelines_removed += u64::from(e.dateline);
    }
    report.boilerplate = listed;
}

/// Cluster near-duplicates; unless `keep`, drop every copy but the representative. When there is
/// a cluster, marks the kept articles with the [`COPIES_FIELD`] metadata (a corpus without copies
/// gets no one-valued facet); lists the clusters with the ids the articles will have (their
/// positions in the returned vector).
pub(crate) fn near_duplicates(
    articles: Vec<Article>,
    threshold: f64,
    keep: bool,
    report: &mut CleaningReport,
    cancel: &CancelToken,
) -> Result<Vec<Article>, Cancelled> {
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let dates: Vec<_> = articles.iter().map(|a| a.date).collect();
    let clusters = neardup::clusters(&texts, &dates, threshold, cancel)?;
    let mut copy_of: FxHashMap<usize, bool> = FxHashMap::default();
    for c in &clusters {
        for (k, &(i, _)) in c.iter().enumerate() {
            // true: a copy that is not the representative.
            copy_of.insert(i, k > 0);
        }
    }
    let mut new_id: Vec<Option<u32>> = Vec::with_capacity(articles.len());
    let mut next = 0u32;
    for i in 0..articles.len() {
        let dropped = !keep && copy_of.get(&i) == Some(&true);
        new_id.push((!dropped).then_some(next));
        next += u32::from(!dropped);
    }
    report.near_duplicate_clusters = clusters
        .iter()
        .map(|c| NearDuplicateCluster {
            members: c
                .iter()
                .map(|&(i, similarity)| ClusterMember {
                    article_id: new_id[i],
                    source: articles[i].source.clone(),
                    title: articles[i].title.clone(),
                    similarity,
                })
                .collect(),
        })
        .collect();
    report.near_duplicates_dropped = new_id.iter().filter(|n| n.is_none()).count() as u64;
    Ok(articles
        .into_iter()
        .enumerate()
        .filter(|(i, _)| new_id[*i].is_some())
        .map(|(i, mut a)| {
            if !clusters.is_empty() {
                let copies = if copy_of.contains_key(&i) {
                    "yes"
                } else {
                    "no"
                };
                a.metadata
                    .push((COPIES_FIELD.to_owned(), copies.to_owned()));
            }
            a
        })
        .collect())
}

#[cfg(test)]
mod tests;
