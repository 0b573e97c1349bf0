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

/// The reproduction: 20 articles of 20 two-word sentences, words drawn at random from
/// ten. The words are independent, so their collocations must score about zero; with the old
/// full-window expectation (8 slots a token instead of 1) every pair came out at about −3 bits.
#[test]
fn independent_words_in_short_sentences_score_about_zero() {
    const WORDS: [&str; 10] = [
        "apple", "river", "stone", "cloud", "engine", "garden", "silver", "harbor", "meadow",
        "lantern",
    ];
    // A fixed linear congruential generator: the same corpus on every run.
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        WORDS[((state >> 33) % 10) as usize]
    };
    let articles = (0..20u32)
        .map(|id| {
            let text: Vec<String> = (0..20).map(|_| format!("{} {}.", next(), next())).collect();
            lexiscope::model::Article {
                id,
                source: format!("{id}.txt"),
                text: text.join(" "),
                ..lexiscope::model::Article::default()
            }
        })
        .collect();
    let corpus = lexiscope::model::Corpus {
        articles,
        ..lexiscope::model::Corpus::default()
    };
    let a = analyze(
        &corpus,
        &AnalysisSettings::default(),
        &Progress::default(),
        &CancelToken::new(),
    )
    .expect("analysis runs");
    assert_eq!(a.summary.tokens, 800);
    // 45 pairs, each expected 8 times (400 sentences, P = 2/100 a sentence).
    assert!(a.collocations.len() >= 40, "{}", a.collocations.len());
    let mean = a.collocations.iter().map(|c| c.pmi).sum::<f64>() / a.collocations.len() as f64;
    assert!(mean.abs() < 0.25, "mean PMI {mean}");
    let negative = a.collocations.iter().filter(|c| c.pmi < 0.0).count();
    assert!(
        negative < a.collocations.len() * 3 / 4,
        "{negative} negative"
    );
}
