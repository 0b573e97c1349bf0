//! Languages: detection per article in a mixed folder, the override order, per-language
//! stopwords, Chinese and Japanese segmentation through n-grams and KWIC, and entities kept to
//! English (the fixtures in `tests/fixtures/languages/`, see `tests/fixtures/languages.md`).

use lexiscope::analysis::concordance::concordance;
use lexiscope::analysis::languages::language_mix;
use lexiscope::analysis::{Analysis, AnalysisSettings, analyze};
use lexiscope::import::ImportOptions;
use lexiscope::jobs::{CancelToken, Progress};
use lexiscope::model::Corpus;

use crate::helpers::{fixture, import, import_with, short};

fn languages_corpus() -> Corpus {
    import(&[fixture("languages")])
}

fn run(corpus: &Corpus, settings: &AnalysisSettings) -> Analysis {
    analyze(corpus, settings, &Progress::default(), &CancelToken::new()).expect("analysis runs")
}

/// `(short source, language field)` of every article.
fn tagged(corpus: &Corpus) -> Vec<(String, String)> {
    corpus
        .articles
        .iter()
        .map(|a| {
            let lang = a
                .metadata
                .iter()
                .find(|(k, _)| k == "language")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            (short(&a.source), lang)
        })
        .collect()
}

fn pairs(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    rows.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn every_article_of_a_mixed_folder_gets_its_language() {
    let corpus = languages_corpus();
    assert_eq!(
        tagged(&corpus),
        pairs(&[
            ("languages/ar.txt", "ar"),
            ("languages/de.txt", "de"),
            ("languages/en.txt", "en"),
            ("languages/es.txt", "es"),
            ("languages/fr.txt", "fr"),
            ("languages/ja.txt", "ja"),
            // The records name their languages: a name and a tagged code, both normalised.
            ("languages/records.jsonl#1", "de"),
            ("languages/records.jsonl#2", "pt"),
            ("languages/ru.txt", "ru"),
            // "Hallo Welt." is too short to tell.
            ("languages/short.txt", "und"),
            ("languages/zh.txt", "zh"),
        ])
    );
}

#[test]
fn the_language_option_replaces_detection_but_not_a_records_own_field() {
    let opts = ImportOptions {
        language: Some("French".into()),
        ..ImportOptions::default()
    };
    let corpus = import_with(&[fixture("languages")], &opts);
    let langs: Vec<String> = tagged(&corpus).into_iter().map(|(_, l)| l).collect();
    assert_eq!(
        langs,
        [
            "fr", "fr", "fr", "fr", "fr", "fr", "de", "pt", "fr", "fr", "fr"
        ]
    );
}

#[test]
fn stopwords_follow_each_articles_language() {
    let corpus = languages_corpus();
    let a = run(&corpus, &AnalysisSettings::default());
    let stop = |w: &str| {
        let id = a.vocab.id(w).unwrap_or_else(|| panic!("{w} counted"));
        a.vocab.stop[id as usize]
    };
    // Function words of each language are stopwords in their own articles.
    for w in [
        "the", "der", "und", "el", "los", "le", "les", "и", "в", "في", "的", "了",
    ] {
        assert!(stop(w), "{w} should be a stopword");
    }
    for w in ["harbour", "hafen", "puerto", "port", "порт", "港口"] {
        assert!(!stop(w), "{w} is a content word");
    }
    // The mix and the lists it used: `und` is processed as the majority language (German, two
    // articles with the record that says so).
    let mix: Vec<(String, u32)> = language_mix(&a, &corpus)
        .into_iter()
        .map(|r| (r.language, r.articles))
        .collect();
    assert_eq!(mix[0], ("de".to_owned(), 2));
    assert_eq!(mix.len(), 10);
    assert_eq!(a.languages.main, "de");
    assert_eq!(
        a.settings.resolved_for("de"),
        (vec!["german".to_owned()], None)
    );

    // Forcing English lists: German function words count as words again.
    let english = AnalysisSettings {
        stopword_languages: vec!["english".into()],
        ..AnalysisSettings::default()
    };
    let a = run(&corpus, &english);
    let der = a.vocab.id("der").expect("der counted");
    assert!(!a.vocab.stop[der as usize]);
}

#[test]
fn stemming_auto_uses_each_languages_snowball_stemmer() {
    let corpus = languages_corpus();
    let settings = AnalysisSettings {
        stem_language: Some("auto".into()),
        ..AnalysisSettings::default()
    };
    let a = run(&corpus, &settings);
    // English "repairs" → "repair"; Spanish "reparaciones" → "repar"; Russian "города" → "город".
    for stem in ["repair", "repar", "город"] {
        assert!(a.vocab.id(stem).is_some(), "{stem} missing");
    }
}

#[test]
fn chinese_and_japanese_are_counted_by_words_with_ngrams_and_kwic() {
    let corpus = languages_corpus();
    let settings = AnalysisSettings {
        min_ngram_count: 1,
        ..AnalysisSettings::default()
    };
    let a = run(&corpus, &settings);
    let count = |w: &str| {
        let id = a.vocab.id(w).unwrap_or_else(|| panic!("{w} counted"));
        a.terms.iter().find(|t| t.term == id).map_or(0, |t| t.count)
    };
    // Chinese: jieba's words (the body says 港口 twice).
    assert_eq!(count("港口"), 2);
    assert_eq!(count("北京大学"), 1);
    // Japanese: kanji compounds and katakana words whole.
    assert_eq!(count("港"), 2);
    assert_eq!(count("シーズン"), 1);
    assert_eq!(count("市議会"), 1);
    let bigram = |text: &str| a.bigrams.iter().find(|b| b.text == text).map(|b| b.count);
    assert_eq!(bigram("重新 开放"), Some(1));
    assert_eq!(bigram("夏季 之前"), Some(1));
    // A bigram never spans the full stop between two sentences.
    assert_eq!(bigram("开放 渔民"), None);

    let lines = concordance(&a, &corpus, None, "港口", 2);
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l.matched == "港口"));
    let kwic = &lines[1];
    // "…比预期的高，但是港口是城市的中心": two words each side, as written.
    assert_eq!(
        (kwic.left.as_str(), kwic.right.as_str()),
        ("高，但是", "是城市")
    );
    let lines = concordance(&a, &corpus, None, "市議会", 2);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        short(&corpus.articles[lines[0].doc as usize].source),
        "languages/ja.txt"
    );
}

#[test]
fn german_nouns_are_not_entities_and_english_names_are() {
    let corpus = languages_corpus();
    let a = run(&corpus, &AnalysisSettings::default());
    let doc = |name: &str| {
        corpus
            .articles
            .iter()
            .position(|x| x.source.ends_with(name))
            .expect("fixture present")
    };
    let names = |d: usize| -> Vec<String> {
        a.docs[d]
            .entities
            .iter()
            .map(|&(e, _)| a.entities.entities[e as usize].name.clone())
            .collect()
    };
    assert_eq!(names(doc("en.txt")), ["Anna Fischer"]);
    // Der Stadtrat, Hafen, Fischer, Bürgermeisterin: capitalised nouns, no entities.
    assert!(names(doc("de.txt")).is_empty());
}
