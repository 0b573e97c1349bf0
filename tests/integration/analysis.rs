//! Filtered statistics against a from-scratch analysis of the same articles: re-aggregating from
//! the per-article index must give exactly what analysing the sub-corpus alone gives.

use lexiscope::analysis::filter::Filter;
use lexiscope::analysis::{AnalysisSettings, analyze};
use lexiscope::jobs::{CancelToken, Progress};

use crate::helpers::{crate_path, import};

#[test]
fn filtered_counts_equal_a_fresh_analysis_of_the_sub_corpus() {
    let corpus = import(&[crate_path("assets/sample")]);
    assert_eq!(corpus.articles.len(), 44);
    let settings = AnalysisSettings::default();
    let run = |c: &lexiscope::model::Corpus| {
        analyze(c, &settings, &Progress::default(), &CancelToken::new()).expect("analysis runs")
    };
    let whole = run(&corpus);
    for text in [
        "from:1900-01-01 to:1989-12-31",
        "war OR economy",
        "from:1850-01-01 \"united states\" NOT slavery",
    ] {
        let filter = Filter::parse(text).expect("filter parses");
        let docs = whole.select(&corpus, &filter);
        assert!(
            !docs.is_empty() && docs.len() < 44,
            "{text}: {} articles",
            docs.len()
        );
        let sub = whole.aggregate(&docs);
        let fresh = run(&corpus.subset(&docs));
        assert_eq!(sub.tokens, fresh.summary.tokens, "{text}");
        let rows = |a: &lexiscope::analysis::Analysis, terms: &[lexiscope::analysis::TermStat]| {
            terms
                .iter()
                .map(|t| (a.vocab.term(t.term).to_owned(), t.count, t.doc_freq))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            rows(&whole, &sub.terms),
            rows(&fresh, &fresh.terms),
            "{text}"
        );
        for (x, y) in sub.terms.iter().zip(&fresh.terms) {
            assert!((x.per_million - y.per_million).abs() < 1e-9, "{text}");
            assert!((x.dispersion_dp - y.dispersion_dp).abs() < 1e-9, "{text}");
        }
        let phrases = whole
            .phrases_for(&corpus, &docs, &CancelToken::new())
            .expect("not cancelled");
        let texts = |v: &[lexiscope::analysis::NgramStat]| {
            v.iter()
                .map(|g| (g.text.clone(), g.count, g.doc_freq))
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&phrases.bigrams), texts(&fresh.bigrams), "{text}");
        assert_eq!(texts(&phrases.trigrams), texts(&fresh.trigrams), "{text}");
        assert_eq!(
            phrases.collocations.len(),
            fresh.collocations.len(),
            "{text}"
        );
    }
}
