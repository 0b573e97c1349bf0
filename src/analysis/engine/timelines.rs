//! Dates and summary: timelines of every granularity (also for sub-corpora, see
//! [`timelines_for`]), articles per weekday, and the corpus summary figures.

use crate::analysis::{Analysis, EntityStat, Summary, TermStat, Timeline};
use crate::model::{Corpus, Granularity, weekday_index};
use crate::text::links::SpanKind;

/// Timelines of every granularity over the dated articles in `docs`.
pub(crate) fn timelines_for(
    docs: impl Iterator<Item = u32> + Clone,
    analysis: &Analysis,
) -> Vec<Timeline> {
    let dated = docs.filter_map(|d| Some((d, analysis.doc_dates[d as usize]?)));
    let range = dated.clone().fold(None, |acc: Option<(_, _)>, (_, date)| {
        Some(acc.map_or((date, date), |(lo, hi)| (date.min(lo), date.max(hi))))
    });
    Granularity::ALL
        .iter()
        .map(|&g| {
            let Some((first, last)) = range else {
                return Timeline {
                    granularity: Some(g),
                    ..Timeline::default()
                };
            };
            let periods = g.periods(first, last);
            let mut tl = Timeline {
                granularity: Some(g),
                articles: vec![0; periods.len()],
                tokens: vec![0; periods.len()],
                periods,
            };
            for (doc, date) in dated.clone() {
                if let Some(i) = tl.period_index(date) {
                    tl.articles[i] += 1;
                    tl.tokens[i] += u64::from(analysis.docs[doc as usize].tokens);
                }
            }
            tl
        })
        .collect()
}

/// The corpus timelines and the articles per weekday.
pub(super) fn build_timelines(a: &mut Analysis) {
    a.timelines = timelines_for(0..a.docs.len() as u32, a);
    let mut weekdays = [0u32; 7];
    for d in a.doc_dates.iter().flatten() {
        weekdays[weekday_index(*d)] += 1;
    }
    a.weekdays = weekdays;
}

/// The summary figures of the articles `docs` (ascending ids) from the per-article index, equal
/// to those of analysing them as a corpus of their own (`summary.csv` of a filtered export):
/// the type/token ratio counts every word form the selection uses (`forms`, stopwords
/// included); hapax, distinct terms and entity counts come from the selection's `terms` and
/// `entity_stats`. Duplicates dropped is the import's figure, as in a filtered export.
pub(crate) fn selection_summary(
    a: &Analysis,
    docs: &[u32],
    terms: &[TermStat],
    entity_stats: &[EntityStat],
    forms: u64,
) -> Summary {
    let tokens: u64 = docs
        .iter()
        .map(|&d| u64::from(a.docs[d as usize].tokens))
        .sum();
    let dates = docs.iter().filter_map(|&d| a.doc_dates[d as usize]);
    let first_date = dates.clone().min();
    Summary {
        articles: docs.len() as u64,
        tokens,
        distinct_terms: terms.len() as u64,
        type_token_ratio: if tokens == 0 {
            0.0
        } else {
            forms as f64 / tokens as f64
        },
        hapax: terms.iter().filter(|t| t.count == 1).count() as u64,
        mean_article_tokens: if docs.is_empty() {
            0.0
        } else {
            tokens as f64 / docs.len() as f64
        },
        median_article_tokens: median(docs.iter().map(|&d| a.docs[d as usize].tokens).collect()),
        first_date,
        last_date: dates.clone().max(),
        undated: docs.len() as u64 - dates.count() as u64,
        duplicates_dropped: a.summary.duplicates_dropped,
        entity_mentions: entity_stats.iter().map(|e| e.mentions).sum(),
        distinct_entities: entity_stats.len() as u64,
        // Links are counted for the whole corpus only.
        urls_found: 0,
        emails_found: 0,
        hashtags_found: a.tagged_terms(terms, '#').iter().map(|t| t.count).sum(),
        handles_found: a.tagged_terms(terms, '@').iter().map(|t| t.count).sum(),
    }
}

/// The median of `v` (0 when empty), by selection rather than a full sort.
fn median(mut v: Vec<u32>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let (len, m) = (v.len(), v.len() / 2);
    let (below, mid, _) = v.select_nth_unstable(m);
    let mid = *mid;
    if len % 2 == 1 {
        f64::from(mid)
    } else {
        // The other middle value is the largest of those below.
        let lo = below.iter().copied().max().unwrap_or(mid);
        (f64::from(lo) + f64::from(mid)) / 2.0
    }
}

/// Corpus-wide summary figures, from the finished tables.
/// Tokens of the terms that start with `sigil` (hashtags or handles).
fn tagged_tokens(a: &Analysis, sigil: char) -> u64 {
    a.tagged_terms(&a.terms, sigil)
        .iter()
        .map(|t| t.count)
        .sum()
}

pub(super) fn summary(a: &Analysis, corpus: &Corpus) -> Summary {
    let tokens: u64 = a.docs.iter().map(|d| u64::from(d.tokens)).sum();
    let p = &a.term_postings;
    let all_forms = (0..p.len()).filter(|&t| p.list_len(t) > 0).count() as u64;
    let range = corpus.date_range();
    Summary {
        articles: a.docs.len() as u64,
        tokens,
        distinct_terms: a.terms.len() as u64,
        type_token_ratio: if tokens == 0 {
            0.0
        } else {
            all_forms as f64 / tokens as f64
        },
        hapax: a.terms.iter().filter(|t| t.count == 1).count() as u64,
        mean_article_tokens: if a.docs.is_empty() {
            0.0
        } else {
            tokens as f64 / a.docs.len() as f64
        },
        median_article_tokens: median(a.docs.iter().map(|d| d.tokens).collect()),
        first_date: range.map(|r| r.0),
        last_date: range.map(|r| r.1),
        undated: a.doc_dates.iter().filter(|d| d.is_none()).count() as u64,
        duplicates_dropped: corpus.report.duplicates_dropped,
        entity_mentions: a.entity_stats.iter().map(|e| e.mentions).sum(),
        distinct_entities: a.entity_stats.len() as u64,
        urls_found: a.links.found(SpanKind::Url),
        emails_found: a.links.found(SpanKind::Email),
        hashtags_found: tagged_tokens(a, '#'),
        handles_found: tagged_tokens(a, '@'),
    }
}

#[cfg(test)]
mod median_tests {
    #[test]
    fn median_of_odd_and_even_lengths() {
        assert_eq!(super::median(vec![]), 0.0);
        assert_eq!(super::median(vec![5]), 5.0);
        assert_eq!(super::median(vec![9, 1, 5]), 5.0);
        assert_eq!(super::median(vec![8, 6]), 7.0);
        assert_eq!(super::median(vec![10, 1, 4, 7, 3, 9]), 5.5);
        assert_eq!(super::median(vec![2, 2, 2, 3]), 2.0);
    }
}
