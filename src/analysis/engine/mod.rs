//! The analysis pipeline: tokenise every article in parallel, intern words into one vocabulary,
//! count terms, n-grams and collocations with a parallel fold/reduce, run the entity extractor,
//! and build the per-article index, postings and timelines.
//!
//! Stages report progress and check the cancel token once per article. This module runs the
//! stages in order ([`analyze`]); each stage lives in its own submodule: [`intern`] (tokenise,
//! intern, vocabulary order), [`counts`] (n-grams, co-occurrences, per-article terms), [`index`]
//! (per-article index and postings), [`stats`] (statistics tables) and [`timelines`] (dates and
//! summary).

mod counts;
mod index;
mod intern;
mod stats;
mod timelines;

use std::sync::atomic::Ordering;

use super::entities::{EntityPair, Extractor};
use super::entity_edits::EntityRules;
use super::languages::{ENTITY_LANGUAGES, Languages};
use super::{Analysis, AnalysisSettings, CorpusEntities};
use crate::jobs::{CancelToken, Cancelled, Progress};
use crate::model::{Article, Corpus};
use crate::stage_clock::StageClock;
use crate::text::Normalizer;

pub(super) use stats::{collocations_from, ngram_stats};
pub(crate) use timelines::{selection_summary, timelines_for};

/// Why an analysis did not produce a result.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error("cancelled")]
    Cancelled,
    #[error("invalid settings: {0}")]
    Settings(String),
}

impl From<Cancelled> for AnalysisError {
    fn from(_: Cancelled) -> Self {
        Self::Cancelled
    }
}

/// Analyse a corpus. Deterministic: the same corpus and settings give identical results.
pub fn analyze(
    corpus: &Corpus,
    settings: &AnalysisSettings,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Analysis, AnalysisError> {
    let languages = super::languages::Languages::of(corpus);
    let (norms, doc_norm) = normalizers(settings, &languages)?;
    let articles = &corpus.articles;
    let n_docs = articles.len() as u64;
    let mut clock = StageClock::new();

    // 1. Tokenise and intern, a slice of the corpus at a time.
    progress.set_stage("Tokenising and building the vocabulary");
    progress.units_total.store(n_docs, Ordering::Relaxed);
    let (vocab, mut bufs) = intern::intern_corpus(
        articles,
        &norms,
        &doc_norm,
        settings.keep_numbers,
        progress,
        cancel,
    )?;
    clock.lap("tokenise and intern");

    // 2. Vocabulary order: content terms first, ranks by name.
    progress.set_stage("Building vocabulary");
    let mut vocab = intern::content_first(vocab, &mut bufs);
    vocab.rank = intern::alphabetical_ranks(&vocab);
    clock.lap("vocabulary order");

    // 3. Per-article term counts, n-grams and co-occurrences (parallel fold/reduce).
    progress.set_stage("Counting words and n-grams");
    progress.units_total.store(3 * n_docs, Ordering::Relaxed);
    let (mut counts, doc_terms) = counts::count_corpus(bufs, &vocab, settings, progress, cancel)?;
    clock.lap("count words, n-grams, collocations");

    // 4. Entities.
    progress.set_stage("Finding entities");
    let rules = &settings.entity_rules;
    let (entities, entity_pairs, notes) =
        find_entities(articles, &languages, rules, cancel, &mut clock)?;
    clock.lap("entities: co-occurring pairs");
    let links = super::links::link_tables(articles, cancel)?;
    clock.lap("links");

    // 5. Index, statistics, timelines.
    progress.set_stage("Building index");
    cancel.check()?;
    let mut analysis = Analysis {
        settings: settings.clone(),
        doc_dates: articles.iter().map(|a| a.date).collect(),
        facets: super::facets::Facets::build(corpus),
        languages,
        links,
        entity_edit_notes: notes,
        ..Analysis::default()
    };
    index::build_index(&mut analysis, doc_terms, vocab, entities, entity_pairs);
    clock.lap("per-article index");
    stats::build_term_stats(&mut analysis);
    stats::build_tfidf(&mut analysis);
    stats::build_ngrams(&mut analysis, &mut counts);
    stats::build_collocations(&mut analysis, &counts.pairs, counts.slots);
    stats::build_entity_stats(&mut analysis);
    clock.lap("statistics tables");
    timelines::build_timelines(&mut analysis);
    analysis.summary = timelines::summary(&analysis, corpus);
    clock.lap("dates and summary");
    analysis.stages = clock.stages;
    Ok(analysis)
}

/// The word normalisers of the analysis and each article's index into them: one normaliser when
/// the settings name the lists, one per language when stopwords or stemming are `auto`.
fn normalizers(
    settings: &AnalysisSettings,
    languages: &Languages,
) -> Result<(Vec<Normalizer>, Vec<u16>), AnalysisError> {
    if !settings.follows_language() {
        let norm = settings.normalizer().map_err(AnalysisError::Settings)?;
        return Ok((vec![norm], Vec::new()));
    }
    let norms = languages
        .codes
        .iter()
        .map(|code| settings.normalizer_in(code))
        .collect::<Result<Vec<_>, String>>()
        .map_err(AnalysisError::Settings)?;
    Ok((norms, languages.doc_language.clone()))
}

/// Run the entity extractor over every article whose language it supports (see
/// [`super::languages::ENTITY_LANGUAGES`]; the others count as having no entities), its own steps
/// timed on `clock`, apply the editor's corrections (`rules`), and count the co-occurring entity
/// pairs. Returns the notes on skipped edits too.
fn find_entities(
    articles: &[Article],
    languages: &Languages,
    rules: &EntityRules,
    cancel: &CancelToken,
    clock: &mut StageClock,
) -> Result<(CorpusEntities, Vec<EntityPair>, Vec<String>), Cancelled> {
    let texts: Vec<&str> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            if ENTITY_LANGUAGES.contains(&languages.of_doc(i)) {
                a.text.as_str()
            } else {
                ""
            }
        })
        .collect();
    let mut entities = Extractor::bundled().extract_corpus_timed(&texts, cancel, clock)?;
    cancel.check()?;
    let notes = rules.apply(&mut entities, &texts);
    let entity_pairs = super::entities::entity_pairs(&entities, &texts);
    drop(texts);
    Ok((entities, entity_pairs, notes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::filter::Filter;
    use crate::analysis::query::Query;
    use crate::model::{Article, Granularity};
    use chrono::NaiveDate;

    fn corpus() -> Corpus {
        let art = |id: u32, date: Option<(i32, u32, u32)>, text: &str| Article {
            id,
            source: format!("a{id}.txt"),
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            text: text.to_owned(),
            ..Article::default()
        };
        Corpus {
            name: "tiny".into(),
            articles: vec![
                art(0, Some((2023, 1, 2)), "The cat sat. The cat ran!"),
                art(
                    1,
                    Some((2023, 1, 9)),
                    "A dog sat with the cat, then the dog slept.",
                ),
                art(2, None, "Dogs and cats."),
            ],
            ..Corpus::default()
        }
    }

    fn run(settings: AnalysisSettings) -> (Corpus, Analysis) {
        let c = corpus();
        let a = analyze(&c, &settings, &Progress::default(), &CancelToken::new())
            .expect("analysis runs");
        (c, a)
    }

    fn settings() -> AnalysisSettings {
        AnalysisSettings {
            min_collocation_count: 2,
            ..AnalysisSettings::default()
        }
    }

    #[test]
    fn word_statistics_by_hand() {
        let (_, a) = run(settings());
        let rows: Vec<(&str, u64, u32)> = a
            .terms
            .iter()
            .map(|t| (a.vocab.term(t.term), t.count, t.doc_freq))
            .collect();
        assert_eq!(
            rows,
            [
                ("cat", 3, 2),
                ("dog", 2, 1),
                ("sat", 2, 2),
                ("cats", 1, 1),
                ("dogs", 1, 1),
                ("ran", 1, 1),
                ("slept", 1, 1)
            ]
        );
        let cat = a.terms[0];
        assert!((cat.per_million - 3.0 / 19.0 * 1e6).abs() < 1e-6);
        assert!((cat.dispersion_dp - 20.0 / 57.0).abs() < 1e-12);
        let s = &a.summary;
        assert_eq!(
            (s.articles, s.tokens, s.distinct_terms, s.hapax),
            (3, 19, 7, 4)
        );
        assert!((s.type_token_ratio - 12.0 / 19.0).abs() < 1e-12);
        assert_eq!(s.median_article_tokens, 6.0);
        assert_eq!(s.undated, 1);
    }

    #[test]
    fn ngrams_collocations_and_tfidf_by_hand() {
        let (_, a) = run(settings());
        let bi: Vec<(&str, u64, u32)> = a
            .bigrams
            .iter()
            .map(|g| (g.text.as_str(), g.count, g.doc_freq))
            .collect();
        assert_eq!(bi, [("the cat", 3, 2)]);
        assert!(a.trigrams.is_empty());
        let col: Vec<(&str, &str, u64)> = a
            .collocations
            .iter()
            .map(|c| (a.vocab.term(c.a), a.vocab.term(c.b), c.count))
            .collect();
        assert_eq!(col, [("cat", "dog", 2), ("cat", "sat", 2)]);
        // Neighbour slots (window 4, within sentences): article 0 has two 3-word sentences
        // (3 pairs each → 12 slots), article 1 one 10-word sentence (0+1+2+3+4·6 = 30 pairs → 60
        // slots), article 2 one 3-word sentence (6 slots): 78 in all, N = 19 tokens.
        // E = f(cat)·f(dog)·78/19² = 3·2·78/361 = 1.2964: more co-occurrences than chance.
        let e = 3.0 * 2.0 * 78.0 / 361.0;
        assert!((a.collocations[0].pmi - (2.0f64 / e).log2()).abs() < 1e-12);
        assert!(a.collocations[0].pmi > 0.0);
        let top: Vec<&str> = a.docs[0]
            .top_terms
            .iter()
            .map(|&(t, _)| a.vocab.term(t))
            .collect();
        assert_eq!(top, ["ran", "cat", "sat"]);
    }

    #[test]
    fn timelines_and_trends() {
        let (_, a) = run(settings());
        let week = a.timeline(Granularity::Week);
        let labels: Vec<String> = (0..week.periods.len()).map(|i| week.label(i)).collect();
        assert_eq!(labels, ["2023-W01", "2023-W02"]);
        assert_eq!(week.articles, [1, 1]);
        assert_eq!(week.tokens, [6, 10]);
        assert_eq!(a.timeline(Granularity::Day).periods.len(), 8);
        assert_eq!(a.weekdays[0], 2);
        let cat = a.vocab.id("cat").expect("cat is a term");
        let trend = a.term_trend(cat, Granularity::Week);
        assert_eq!(trend.iter().map(|p| p.count).collect::<Vec<_>>(), [2, 1]);
        assert!((trend[0].per_million - 2.0 / 6.0 * 1e6).abs() < 1e-6);
    }

    #[test]
    fn filters_reaggregate_from_the_index() {
        let (c, a) = run(settings());
        let sel = |q: &str| {
            let f = Filter {
                query: Some(Query::parse(q).expect("query parses")),
                ..Filter::default()
            };
            a.select(&c, &f)
        };
        assert_eq!(sel("dog"), [1]);
        assert_eq!(sel("dog*"), [1, 2]);
        assert_eq!(sel("cat NOT dog"), [0]);
        assert_eq!(sel("\"the cat\""), [0, 1]);
        assert_eq!(sel("\"cat the\""), Vec::<u32>::new());
        assert_eq!(sel("cats OR ran"), [0, 2]);
        let dated = Filter {
            from: NaiveDate::from_ymd_opt(2023, 1, 5),
            ..Filter::default()
        };
        assert_eq!(a.select(&c, &dated), [1]);
        // The whole corpus re-aggregated equals the analysis.
        let all = a.aggregate(&[0, 1, 2]);
        assert_eq!(all.terms, a.terms);
        let sub = a.aggregate(&[0, 1]);
        assert_eq!(sub.tokens, 16);
        assert_eq!((sub.terms[0].count, sub.terms[0].doc_freq), (3, 2));
        assert_eq!(sub.terms.len(), 5);
    }

    #[test]
    fn keyness_on_the_tiny_corpus_by_hand() {
        let (_, a) = run(settings());
        // Target: the first article (6 tokens, "cat" twice); reference: the others (13 tokens,
        // "cat" once). E1 = 6·3/19, E2 = 13·3/19 → G² = 1.550612…; log ratio with the pseudo-rate
        // 1/19 on both sides = log2((2/6 + 1/19) / (1/13 + 1/19)) = log2(10868/3648).
        let k = a.keyness(&[0], &[1, 2], 1);
        assert_eq!((k.target_tokens, k.reference_tokens), (6, 13));
        let cat = a.vocab.id("cat").expect("cat");
        let row = k
            .rows
            .iter()
            .find(|r| r.item == crate::analysis::keyness::KeyItem::Term(cat))
            .expect("cat is tested");
        assert_eq!((row.target_count, row.reference_count), (2, 1));
        assert!((row.log_likelihood - 1.550_612_273).abs() < 1e-6);
        assert!((row.log_ratio - (10868.0f64 / 3648.0).log2()).abs() < 1e-9);
        assert!((row.p_value - 0.213_045).abs() < 1e-5);
        assert!(!row.significant);
        // "dog" is only in the reference: under-represented, negative G².
        let dog = a.vocab.id("dog").expect("dog");
        let dog_row = k
            .rows
            .iter()
            .find(|r| r.item == crate::analysis::keyness::KeyItem::Term(dog))
            .expect("dog is tested");
        assert!(dog_row.log_likelihood < 0.0);
        // Seven content terms tested, no entities in this text: threshold 0.05 / 7.
        assert!((k.bonferroni_p - 0.05 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn phrases_of_a_subcorpus_match_a_fresh_count() {
        let (c, a) = run(settings());
        let cancel = CancelToken::new();
        let all = a.phrases_for(&c, &[0, 1, 2], &cancel).expect("runs");
        assert_eq!(all.bigrams, a.bigrams);
        assert_eq!(all.trigrams, a.trigrams);
        assert_eq!(all.collocations, a.collocations);
        // Only the first article: "the cat" twice (one article); no collocation reaches 2.
        let first = a.phrases_for(&c, &[0], &cancel).expect("runs");
        let bi: Vec<(&str, u64, u32)> = first
            .bigrams
            .iter()
            .map(|g| (g.text.as_str(), g.count, g.doc_freq))
            .collect();
        assert_eq!(bi, [("the cat", 2, 1)]);
        assert!(first.collocations.is_empty());
    }

    #[test]
    fn article_ngram_rows_sum_to_the_ngram_tables() {
        let (c, a) = run(settings());
        let rows = a
            .article_ngrams(&c, 0..3, &CancelToken::new())
            .expect("runs");
        let bi: Vec<(u32, &str, u32)> = rows
            .iter()
            .filter(|r| r.n == 2)
            .map(|r| {
                (
                    r.article,
                    a.bigrams[r.index as usize].text.as_str(),
                    r.count,
                )
            })
            .collect();
        // "The cat sat. The cat ran!" and "…with the cat…": the only bigram seen twice.
        assert_eq!(bi, [(0, "the cat", 2), (1, "the cat", 1)]);
        for (n, grams) in [(2, &a.bigrams), (3, &a.trigrams)] {
            for (i, g) in grams.iter().enumerate() {
                let mine = rows.iter().filter(|r| r.n == n && r.index as usize == i);
                assert_eq!(
                    mine.clone().map(|r| u64::from(r.count)).sum::<u64>(),
                    g.count
                );
                assert_eq!(mine.count() as u32, g.doc_freq, "{}", g.text);
            }
        }
    }

    #[test]
    fn stemming_merges_forms() {
        let (_, a) = run(AnalysisSettings {
            stem_language: Some("english".into()),
            ..settings()
        });
        let rows: Vec<(&str, u64)> = a
            .terms
            .iter()
            .take(2)
            .map(|t| (a.vocab.term(t.term), t.count))
            .collect();
        assert_eq!(rows, [("cat", 4), ("dog", 3)]);
    }

    /// Deterministic pseudo-random texts mixing scripts, punctuation, capitals and odd spaces:
    /// the whole pipeline (entities included) must never panic on data.
    #[test]
    fn never_panics_on_odd_text() {
        const PIECES: &[&str] = &[
            "The",
            "U.S.",
            "Mr.",
            "Obama's",
            " ",
            "  ",
            ".",
            "!",
            "?",
            ",",
            "\n",
            "\n\n",
            "\r\n",
            "°",
            "Straße",
            "Ünter",
            "東京",
            "Да",
            "’",
            "“",
            "”",
            "—",
            "…",
            "al-Assad",
            "(IRGC)",
            "Inc.",
            "\u{AD}",
            "\u{200D}",
            "\u{FEFF}",
            "1,000.5",
            "'",
            "\"",
            "Ministry of",
            "A",
            "é",
            "e\u{301}",
            "🙂",
            "ﬁ",
            "İstanbul",
            "ǅ",
            "\t",
            "-",
            "_",
            ":",
            "§",
            "x²",
        ];
        let mut state = 0x2545_F491_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let articles: Vec<Article> = (0..60u32)
            .map(|id| {
                let len = (next() % 120) as usize;
                let text: String = (0..len)
                    .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                    .collect();
                Article {
                    id,
                    text,
                    ..Article::default()
                }
            })
            .collect();
        let c = Corpus {
            articles,
            ..Corpus::default()
        };
        let a = analyze(&c, &settings(), &Progress::default(), &CancelToken::new())
            .expect("analysis runs");
        assert_eq!(a.docs.len(), 60);
        for (doc, mentions) in a.entities.mentions.iter().enumerate() {
            let text = &c.articles[doc].text;
            for m in mentions {
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            }
        }
    }

    #[test]
    fn cancelled_analysis_returns_nothing() {
        let cancel = CancelToken::new();
        cancel.cancel();
        let r = analyze(&corpus(), &settings(), &Progress::default(), &cancel);
        assert!(matches!(r, Err(AnalysisError::Cancelled)));
    }
}
