//! Dispersion (AntConc's "Plot"): where in each article a word, phrase or entity occurs. The hits
//! come from the concordance search ([`super::concordance`]), so the Lines and the Dispersion of a
//! search always agree; this module only groups them by article and places each hit at its
//! relative position: the byte offset of the hit's start divided by the article's length in
//! bytes (0 = first byte, just under 1 = the end). Bytes, not characters, keep it cheap on long
//! articles; the two differ only where the article mixes scripts of different UTF-8 widths.

use std::cmp::Ordering;

use super::Analysis;
use super::concordance::KwicLine;
use crate::model::Corpus;

/// One article's hits.
#[derive(Clone, Debug, PartialEq)]
pub struct DispersionRow {
    pub doc: u32,
    /// Word tokens in the article (from the analysis' per-article index).
    pub tokens: u32,
    /// Byte spans of the hits, in text order.
    pub spans: Vec<(usize, usize)>,
    /// Relative position of each hit's start, in `0.0..1.0`, same order as `spans`.
    pub positions: Vec<f64>,
}

impl DispersionRow {
    pub fn hits(&self) -> usize {
        self.spans.len()
    }
}

/// How dispersion rows are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DispersionSort {
    /// Most hits first (ties: article order).
    #[default]
    Hits,
    /// Oldest first; undated articles last.
    Date,
    /// By source path, then article order.
    Source,
}

impl DispersionSort {
    pub const ALL: [DispersionSort; 3] = [Self::Hits, Self::Date, Self::Source];

    pub fn label(self) -> &'static str {
        match self {
            Self::Hits => "Hits",
            Self::Date => "Date",
            Self::Source => "Source",
        }
    }
}

/// The relative position of byte `offset` in a text of `len` bytes (0 for an empty text).
pub fn relative_position(offset: usize, len: usize) -> f64 {
    if len == 0 {
        0.0
    } else {
        (offset.min(len) as f64 / len as f64).clamp(0.0, 1.0)
    }
}

/// Group concordance hits by article: one row per article with at least one hit, ordered by
/// `sort`. Hits of articles missing from the corpus are skipped.
pub fn dispersion(
    corpus: &Corpus,
    analysis: &Analysis,
    lines: &[KwicLine],
    sort: DispersionSort,
) -> Vec<DispersionRow> {
    let mut by_doc: Vec<&KwicLine> = lines.iter().collect();
    by_doc.sort_by_key(|l| (l.doc, l.start));
    let mut rows: Vec<DispersionRow> = Vec::new();
    for l in by_doc {
        let Some(article) = corpus.articles.get(l.doc as usize) else {
            continue;
        };
        let position = relative_position(l.start, article.text.len());
        match rows.last_mut() {
            Some(row) if row.doc == l.doc => {
                row.spans.push((l.start, l.end));
                row.positions.push(position);
            }
            _ => rows.push(DispersionRow {
                doc: l.doc,
                tokens: analysis.docs.get(l.doc as usize).map_or(0, |d| d.tokens),
                spans: vec![(l.start, l.end)],
                positions: vec![position],
            }),
        }
    }
    sort_rows(&mut rows, corpus, sort);
    rows
}

/// Order rows (stable: ties keep article order).
pub fn sort_rows(rows: &mut [DispersionRow], corpus: &Corpus, sort: DispersionSort) {
    let article = |d: u32| corpus.articles.get(d as usize);
    match sort {
        DispersionSort::Hits => {
            rows.sort_by(|a, b| b.hits().cmp(&a.hits()).then(a.doc.cmp(&b.doc)));
        }
        DispersionSort::Date => rows.sort_by(|a, b| {
            let (da, db) = (
                article(a.doc).and_then(|x| x.date),
                article(b.doc).and_then(|x| x.date),
            );
            match (da, db) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then(a.doc.cmp(&b.doc))
        }),
        DispersionSort::Source => rows.sort_by(|a, b| {
            let (sa, sb) = (
                article(a.doc).map_or("", |x| x.source.as_str()),
                article(b.doc).map_or("", |x| x.source.as_str()),
            );
            sa.cmp(sb).then(a.doc.cmp(&b.doc))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::concordance::concordance;
    use crate::analysis::{AnalysisSettings, analyze};
    use crate::jobs::{CancelToken, Progress};
    use crate::model::Article;

    fn analysed(c: &Corpus) -> Analysis {
        analyze(
            c,
            &AnalysisSettings::default(),
            &Progress::default(),
            &CancelToken::new(),
        )
        .expect("analysis")
    }

    fn corpus() -> Corpus {
        let art = |id: u32, date: Option<&str>, source: &str, text: &str| Article {
            id,
            source: source.into(),
            title: String::new(),
            date: date.and_then(|d| d.parse().ok()),
            text: text.into(),
            title_char_offset: None,
            body_char_offset: 0,
            metadata: Vec::new(),
        };
        Corpus {
            // "war" at bytes 0 and 10 of 20: positions 0 and 0.5.
            articles: vec![
                art(0, Some("1941-01-01"), "b.txt", "war came, war stays."),
                // No hit: never a row.
                art(1, Some("1940-01-01"), "c.txt", "peace and quiet"),
                // "war" at byte 16 of 20: 0.8.
                art(2, Some("1940-06-01"), "a.txt", "calm, then more war."),
            ],
            ..Corpus::default()
        }
    }

    #[test]
    fn positions_are_fractions_of_the_article() {
        let c = corpus();
        let a = analysed(&c);
        let lines = concordance(&a, &c, None, "war", 2);
        assert_eq!(lines.len(), 3);
        let rows = dispersion(&c, &a, &lines, DispersionSort::Hits);
        assert_eq!(rows.len(), 2, "the article without a hit has no row");
        assert_eq!(rows[0].doc, 0);
        assert_eq!(rows[0].spans, [(0, 3), (10, 13)]);
        assert_eq!(rows[0].positions, [0.0, 0.5]);
        assert_eq!(rows[0].tokens, 4);
        assert_eq!(rows[1].doc, 2);
        assert_eq!(rows[1].positions, [0.8]);
        assert_eq!(rows[1].tokens, 4);
    }

    #[test]
    fn rows_sort_by_hits_date_or_source() {
        let c = corpus();
        let a = analysed(&c);
        let lines = concordance(&a, &c, None, "war", 2);
        let docs = |s| -> Vec<u32> {
            dispersion(&c, &a, &lines, s)
                .iter()
                .map(|r| r.doc)
                .collect()
        };
        assert_eq!(docs(DispersionSort::Hits), [0, 2]);
        assert_eq!(docs(DispersionSort::Date), [2, 0]);
        assert_eq!(docs(DispersionSort::Source), [2, 0]);
        // Only the articles the filter let through are searched.
        let only = concordance(&a, &c, Some(&[2]), "war", 2);
        assert_eq!(dispersion(&c, &a, &only, DispersionSort::Hits).len(), 1);
    }

    #[test]
    fn relative_positions_stay_in_range() {
        assert_eq!(relative_position(0, 0), 0.0);
        assert_eq!(relative_position(5, 20), 0.25);
        assert_eq!(relative_position(40, 20), 1.0);
    }
}
