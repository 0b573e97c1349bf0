//! Analysing a selection of articles: the one entry point behind `lexiscope analyze
//! --from/--to/--query`, `lexiscope keyness` and the app's filtered "Export all". The filter picks
//! articles from the analysed whole corpus (its per-article index answers queries without
//! re-tokenising); the picked articles are then analysed from scratch as a corpus of their own,
//! so every statistic of a filtered export is exact rather than re-aggregated.

use std::sync::Arc;

use super::filter::Filter;
use super::{Analysis, AnalysisError, AnalysisSettings, analyze};
use crate::jobs::{CancelToken, Progress};
use crate::model::Corpus;

/// A corpus with its analysis, as one unit that replaces the previous one atomically.
#[derive(Clone, Debug)]
pub struct Analyzed {
    pub corpus: Arc<Corpus>,
    pub analysis: Arc<Analysis>,
}

/// Why a selection could not be analysed.
#[derive(Debug, thiserror::Error)]
pub enum SelectionError {
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
    /// The filter selects no article.
    #[error(transparent)]
    Filter(#[from] super::filter::FilterError),
    #[error("no article matches the filter: {0}")]
    NoMatch(String),
}

/// Analyse only the articles `docs` (ascending ids) of an analysed corpus, from scratch and with
/// the same settings, as a corpus of their own (article ids renumbered from 0).
pub fn analyze_subset(
    whole: &Analyzed,
    docs: &[u32],
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Analyzed, AnalysisError> {
    let corpus = whole.corpus.subset(docs);
    cancel.check()?;
    let analysis = analyze(&corpus, &whole.analysis.settings, progress, cancel)?;
    Ok(Analyzed {
        corpus: Arc::new(corpus),
        analysis: Arc::new(analysis),
    })
}

/// Analyse `corpus`; with a non-empty filter, then analyse the articles it selects on their own
/// ([`analyze_subset`]). A filter that selects nothing is an error.
pub fn analyze_filtered(
    corpus: Arc<Corpus>,
    settings: &AnalysisSettings,
    filter: &Filter,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Analyzed, SelectionError> {
    let analysis = analyze(&corpus, settings, progress, cancel)?;
    let whole = Analyzed {
        corpus,
        analysis: Arc::new(analysis),
    };
    select_from(whole, filter, progress, cancel)
}

/// The articles of an analysed corpus that `filter` selects, analysed on their own
/// ([`analyze_subset`]); the whole corpus for an empty filter. A filter that selects nothing is
/// an error.
pub fn select_from(
    whole: Analyzed,
    filter: &Filter,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Analyzed, SelectionError> {
    if filter.is_empty() {
        return Ok(whole);
    }
    whole.analysis.check_fields(filter)?;
    let docs = whole.analysis.select(&whole.corpus, filter);
    if docs.is_empty() {
        return Err(SelectionError::NoMatch(filter.describe()));
    }
    Ok(analyze_subset(&whole, &docs, progress, cancel)?)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::Article;

    fn corpus() -> Arc<Corpus> {
        let texts = [
            (2020, "The harbour froze. Ships waited in the harbour."),
            (2021, "A new harbour opened. Trade grew."),
            (2022, "Trade fell again. The mill closed."),
        ];
        let articles = texts
            .iter()
            .enumerate()
            .map(|(i, (year, text))| Article {
                id: i as u32,
                source: format!("{year}.txt"),
                date: NaiveDate::from_ymd_opt(*year, 6, 1),
                text: (*text).to_owned(),
                ..Article::default()
            })
            .collect();
        Arc::new(Corpus {
            name: "towns".into(),
            articles,
            ..Corpus::default()
        })
    }

    fn run(filter: &str) -> Result<Analyzed, SelectionError> {
        let filter = Filter::parse(filter).expect("filter");
        let settings = AnalysisSettings::default();
        analyze_filtered(
            corpus(),
            &settings,
            &filter,
            &Progress::default(),
            &CancelToken::new(),
        )
    }

    #[test]
    fn a_filter_selects_and_the_selection_is_analysed_on_its_own() {
        let all = run("").expect("whole corpus");
        assert_eq!(all.analysis.summary.articles, 3);
        let harbour = all.analysis.vocab.id("harbour").expect("counted");
        let count = |a: &Analysis, id: u32| a.terms.iter().find(|t| t.term == id).map(|t| t.count);
        assert_eq!(count(&all.analysis, harbour), Some(3));

        let sub = run("from:2021 harbour").expect("one article");
        let titles: Vec<&str> = sub
            .corpus
            .articles
            .iter()
            .map(|a| a.source.as_str())
            .collect();
        assert_eq!(titles, ["2021.txt"]);
        assert_eq!(sub.corpus.articles[0].id, 0);
        assert_eq!(sub.analysis.summary.articles, 1);
        // Six word tokens: a, new, harbour, opened, trade, grew (stopwords count as tokens).
        assert_eq!(sub.analysis.summary.tokens, 6);
        let harbour = sub.analysis.vocab.id("harbour").expect("counted");
        assert_eq!(count(&sub.analysis, harbour), Some(1));
        assert_eq!(
            sub.analysis.vocab.id("mill"),
            None,
            "only the selection is counted"
        );
    }

    #[test]
    fn a_filter_that_selects_nothing_is_an_error() {
        match run("to:2019") {
            Err(SelectionError::NoMatch(what)) => assert!(what.contains("2019-12-31"), "{what}"),
            Err(e) => panic!("wrong error: {e}"),
            Ok(_) => panic!("nothing should match"),
        }
    }

    #[test]
    fn the_app_summary_of_a_selection_matches_the_selection_analysed_on_its_own() {
        let all = run("").expect("whole corpus");
        // 2020 and 2022: "The harbour froze. Ships waited in the harbour." (8 tokens, 6 forms)
        // and "Trade fell again. The mill closed." (6 tokens; "the" already seen: 5 new forms).
        let mut app = all.analysis.aggregate(&[0, 2]).summary;
        assert_eq!((app.articles, app.tokens), (2, 14));
        assert!((app.type_token_ratio - 11.0 / 14.0).abs() < 1e-12);
        // Content terms: harbour 2; froze, ships, waited, trade, fell, mill, closed once each
        // ("the", "in" and "again" are stopwords).
        assert_eq!((app.distinct_terms, app.hapax), (8, 7));
        assert_eq!((app.median_article_tokens, app.undated), (7.0, 0));
        let alone = analyze_subset(&all, &[0, 2], &Progress::default(), &CancelToken::new())
            .expect("analysed");
        let mut own = alone.analysis.summary.clone();
        // Entities are found anew in a selection analysed on its own; the app re-counts the
        // corpus's entities instead.
        (own.entity_mentions, own.distinct_entities) = (0, 0);
        (app.entity_mentions, app.distinct_entities) = (0, 0);
        assert_eq!(app, own);
        // Every article: the whole corpus's own summary.
        assert_eq!(
            all.analysis.aggregate(&[0, 1, 2]).summary,
            all.analysis.summary
        );
    }
}
