//! The benchmark harness: the corpus builders write what they promise (no copy is a duplicate,
//! dates are shifted as documented), and a run reports every stage of the pipeline.

use std::path::PathBuf;

use chrono::{Datelike, Duration, NaiveDate};
use lexiscope::analysis::AnalysisSettings;
use lexiscope::bench::{make_corpus, make_news_corpus, run};

use lexiscope::import::ImportOptions;
use lexiscope::model::CleaningOptions;

use crate::helpers::{crate_path, import, import_with};

/// Import a built corpus as it was written: its copies are near-duplicates by design, and the
/// builders are tested here, not cleaning.
fn import_raw(path: PathBuf) -> lexiscope::model::Corpus {
    let opts = ImportOptions {
        cleaning: CleaningOptions {
            keep_boilerplate: true,
            find_near_duplicates: false,
            ..CleaningOptions::default()
        },
        ..ImportOptions::default()
    };
    import_with(&[path], &opts)
}

#[test]
fn make_corpus_scales_the_seed_without_duplicates() {
    let seed = import(&[crate_path("assets/sample")]);
    let seed_bytes = seed.report.bytes_read;
    let dir = tempfile::tempdir().expect("temp dir");
    let (files, bytes) = make_corpus(
        &[crate_path("assets/sample")],
        dir.path(),
        seed_bytes * 5 / 2,
    )
    .expect("built");
    // Two full copies and part of a third: 44 + 44 + at least one more.
    assert!(files > 88 && files < 132, "{files} files");
    assert!(bytes >= seed_bytes * 5 / 2, "{bytes} bytes");
    let scaled = import_raw(dir.path().to_path_buf());
    assert_eq!(scaled.articles.len() as u64, files);
    assert_eq!(scaled.report.duplicates_dropped, 0);
    // Copy 1 of the first speech (8 January 1790) is dated one day later.
    let copy = |r: &str| {
        scaled
            .articles
            .iter()
            .find(|a| a.source.contains(&format!("r{r}/00000.txt")))
            .and_then(|a| a.date)
    };
    let first = NaiveDate::from_ymd_opt(1790, 1, 8);
    assert_eq!(copy("0000"), first);
    assert_eq!(copy("0001"), first.map(|d| d + Duration::days(1)));
}

#[test]
fn news_corpus_has_the_asked_articles_dates_and_paragraphs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed: Vec<PathBuf> = vec![crate_path("assets/sample")];
    let (files, _) = make_news_corpus(&seed, dir.path(), 1200).expect("built");
    assert_eq!(files, 1200);
    let news = import_raw(dir.path().to_path_buf());
    assert_eq!(news.articles.len(), 1200);
    for a in &news.articles {
        let year = a.date.expect("every article is dated").year();
        assert!((2015..=2024).contains(&year), "{year}");
        let paragraphs = a
            .text
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .count();
        assert!((2..=4).contains(&paragraphs), "{paragraphs} paragraphs");
    }
    // The same corpus on every run.
    let again = tempfile::tempdir().expect("temp dir");
    make_news_corpus(&seed, again.path(), 3).expect("built");
    let one =
        |d: &std::path::Path| std::fs::read_to_string(d.join("000/000002.txt")).expect("file");
    assert_eq!(one(dir.path()), one(again.path()));
}

#[test]
fn a_run_reports_every_stage_and_the_corpus_size() {
    let path = crate_path("assets/sample");
    let report = run(std::slice::from_ref(&path), &AnalysisSettings::default()).expect("runs");
    let corpus = import(&[path]);
    assert_eq!(report.articles, 44);
    assert_eq!(report.bytes, corpus.report.bytes_read);
    let names: Vec<&str> = report.stages.iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        [
            "tokenise and intern",
            "vocabulary order",
            "count words, n-grams, collocations",
            "entities: capitalisation evidence",
            "entities: candidates and rules",
            "entities: corpus typing and aliases",
            "entities: co-occurring pairs",
            "links",
            "per-article index",
            "statistics tables",
            "dates and summary"
        ]
    );
    let table = report.render();
    assert!(table.contains("full pipeline"), "{table}");
    assert!(table.contains("peak resident memory"), "{table}");
    // Only where the high-water mark can be reset (Linux, not every container).
    if lexiscope::stage_clock::reset_peak_rss() {
        // Every stage has its own peak, and the run's peak is the largest of them (or the
        // import's): a running process holds at least a megabyte.
        let peaks: Vec<u64> = report
            .stages
            .iter()
            .map(|s| s.peak_rss_bytes.expect("per-stage peak on Linux"))
            .collect();
        assert!(peaks.iter().all(|&p| p > 1 << 20), "{peaks:?}");
        let import = report.import_peak_rss_bytes.expect("import peak");
        assert_eq!(
            report.peak_rss_bytes,
            peaks.iter().copied().max().expect("stages").max(import)
        );
    }
}
