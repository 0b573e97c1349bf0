//! Import on the fixture corpora: every format, each encoding, broken files, duplicates, zip
//! archives and their caps, cancellation, progress, and the SOTU sample corpus.

use std::sync::atomic::Ordering;

use chrono::{Datelike, NaiveDate};
use lexiscope::import::{ImportOptions, import_paths};
use lexiscope::jobs::{CancelToken, Cancelled, Progress};
use lexiscope::model::ProblemKind::{self, *};

use crate::helpers::{
    crate_path, dates, fixture, import, import_with, problems, short, sources, titles,
};

fn p(path: &str, kind: ProblemKind) -> (String, ProblemKind) {
    (path.to_owned(), kind)
}

#[test]
fn every_format_in_one_folder() {
    let corpus = import(&[fixture("formats")]);
    assert_eq!(corpus.name, "formats");
    assert_eq!(problems(&corpus), []);
    assert_eq!(
        sources(&corpus),
        [
            "formats/2023-02-02_council.txt",
            "formats/header.txt",
            "formats/header_no_space.txt",
            "formats/holder.json#1",
            "formats/holder.json#2",
            "formats/records.csv#1",
            "formats/records.csv#2",
            "formats/records.json#1",
            "formats/records.json#2",
            "formats/records.jsonl#1",
            "formats/records.jsonl#2",
            "formats/records.tsv#1",
            "formats/records.tsv#2",
        ]
    );
    assert_eq!(
        titles(&corpus),
        [
            "Council approves budget",
            "Storm hits the coast",
            "Markets rally",
            "Snow closes schools",
            "Museum reopens",
            "Hospital expands",
            "Ferry cancelled",
            "Rail strike ends",
            "New bridge opens",
            "Port traffic grows",
            "Election date set",
            "Library wins prize",
            "Farmers protest",
        ]
    );
    assert_eq!(
        dates(&corpus),
        [
            "2023-02-02", // from the file name
            "2023-01-31",
            "2023-02-01",
            "2023-02-05", // "February 5, 2023"
            "2023-02-06", // "6 Feb 2023"
            "2023-02-09", // "2023/02/09"
            "2023-02-10", // Unix seconds
            "2023-02-03",
            "2023-02-04", // zoned datetime, date as written
            "2023-02-07", // RFC 2822
            "2023-02-08", // Unix milliseconds
            "2023-02-11",
            "2023-02-12",
        ]
    );
    let ids: Vec<u32> = corpus.articles.iter().map(|a| a.id).collect();
    assert_eq!(ids, (0..13).collect::<Vec<u32>>());
    let r = &corpus.report;
    assert_eq!(
        (
            r.files_seen,
            r.articles_imported,
            r.duplicates_dropped,
            r.undated
        ),
        (8, 13, 0, 0)
    );
    assert_eq!(r.bytes_read, 83 + 89 + 88 + 322 + 183 + 337 + 280 + 185);
}

#[test]
fn text_articles_keep_exact_bodies_and_offsets() {
    let corpus = import(&[
        fixture("formats/header.txt"),
        fixture("formats/2023-02-02_council.txt"),
    ]);
    let [council, header] = &corpus.articles[..] else {
        panic!("two articles expected, got {:?}", sources(&corpus));
    };
    assert_eq!(
        header.text,
        "The storm arrived at dawn. Fishermen stayed home."
    );
    assert_eq!(
        (header.title_char_offset, header.body_char_offset),
        (Some(17), 39)
    );
    assert_eq!(
        council.text,
        "The city council approved the budget on Thursday evening."
    );
    assert_eq!(
        (council.title_char_offset, council.body_char_offset),
        (Some(0), 25)
    );
    assert_eq!(corpus.sources.len(), 2);
    assert_eq!(corpus.name, "header.txt");
}

#[test]
fn structured_records_keep_other_fields_as_metadata() {
    let corpus = import(&[
        fixture("formats/records.json"),
        fixture("formats/records.csv"),
    ]);
    // Every article also gets its language (checked in `languages.rs`), last.
    let meta = |i: usize| -> Vec<(String, String)> {
        let mut m = corpus.articles[i].metadata.clone();
        assert_eq!(m.pop().map(|(k, _)| k).as_deref(), Some("language"));
        m
    };
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    assert_eq!(meta(0), [pair("section", "health")]);
    assert_eq!(meta(2), [pair("id", "1"), pair("author", "A. Writer")]);
    assert_eq!(
        corpus.articles[0].text,
        "The hospital opened a new wing, with forty beds."
    );
    assert!(corpus.articles.iter().all(|a| a.body_char_offset == 0));
    assert!(
        corpus
            .articles
            .iter()
            .all(|a| a.title_char_offset.is_none())
    );
}

#[test]
fn field_names_can_be_given_explicitly() {
    let dutch = [fixture("fields/dutch.csv")];
    let corpus = import(&dutch);
    assert_eq!(corpus.articles.len(), 0);
    assert_eq!(problems(&corpus), [p("fields/dutch.csv", Parse)]);

    let opts = ImportOptions {
        title_field: Some("KOP".to_owned()),
        date_field: Some("datum".to_owned()),
        text_field: Some("inhoud".to_owned()),
        ..ImportOptions::default()
    };
    let corpus = import_with(&dutch, &opts);
    assert_eq!(problems(&corpus), []);
    assert_eq!(titles(&corpus), ["Dijk versterkt", "Nieuwe brug"]);
    assert_eq!(dates(&corpus), ["2023-06-01", "2023-06-01"]);
    assert_eq!(
        corpus.articles[1].metadata,
        [
            ("rubriek".to_owned(), "verkeer".to_owned()),
            ("language".to_owned(), "und".to_owned())
        ]
    );
}

#[test]
fn each_encoding_decodes_to_the_same_text() {
    let corpus = import(&[fixture("encodings")]);
    assert_eq!(problems(&corpus), [p("encodings/latin1.txt", Encoding)]);
    assert_eq!(
        sources(&corpus),
        [
            "encodings/latin1.txt",
            "encodings/utf16be.txt",
            "encodings/utf16le.txt",
            "encodings/utf8.txt",
            "encodings/utf8_bom.txt",
        ]
    );
    assert_eq!(
        titles(&corpus),
        [
            "Café Latin-1",
            "Café UTF-16BE",
            "Café UTF-16LE",
            "Café UTF-8",
            "Café BOM"
        ]
    );
    assert_eq!(
        dates(&corpus),
        [
            "2023-03-05",
            "2023-03-04",
            "2023-03-03",
            "2023-03-01",
            "2023-03-02"
        ]
    );
    let latin = &corpus.articles[0];
    assert_eq!(
        latin.text,
        "The café said \u{201C}welcome\u{201D} in Windows-1252."
    );
    assert_eq!(latin.body_char_offset, 33);
    let utf16 = &corpus.articles[1];
    assert_eq!(
        utf16.text,
        "The café on the corner reopened, UTF-16BE edition."
    );
    // The byte-order mark is not counted in offsets.
    let bom = &corpus.articles[4];
    assert_eq!(
        (bom.title_char_offset, bom.body_char_offset),
        (Some(17), 27)
    );
}

#[test]
fn broken_files_are_listed_and_the_rest_imported() {
    let corpus = import(&[fixture("broken")]);
    assert_eq!(
        problems(&corpus),
        [
            p("broken/bad_date.txt", Date),
            p("broken/binary.txt", Binary),
            p("broken/blank.txt", Empty),
            p("broken/corrupt.zip", Archive),
            p("broken/empty.txt", Empty),
            p("broken/future.txt", Date),
            p("broken/header_only.txt", Empty),
            p("broken/invalid.json", Parse),
            p("broken/page.html", Empty),
            p("broken/picture.png", Unsupported),
            // The grouped count of undated articles, under the opened folder, comes last.
            p("broken", Date),
        ]
    );
    assert_eq!(
        corpus.report.problems[10].message,
        "3 articles are undated — no date in a header line, file name or metadata."
    );
    assert_eq!(
        sources(&corpus),
        [
            "broken/bad_date.txt",
            "broken/future.txt",
            "broken/undated.txt"
        ]
    );
    assert_eq!(titles(&corpus), ["Impossible day", "From the future", ""]);
    assert_eq!(dates(&corpus), ["-", "-", "-"]);
    let r = &corpus.report;
    // `.hidden.txt` and `.hidden-folder/` are not seen at all.
    assert_eq!((r.files_seen, r.articles_imported, r.undated), (11, 3, 3));
    // page.html (82 bytes) is read: a page of navigation and a script has no article text.
    assert_eq!(r.bytes_read, 70 + 23 + 6 + 83 + 30 + 38 + 61 + 82);
    let html = &r.problems[8];
    assert!(
        html.to_string()
            .starts_with("empty: The page has no article text")
    );
    assert!(html.to_string().ends_with("broken/page.html)"));
}

#[test]
fn duplicates_are_counted_once_unless_kept() {
    let corpus = import(&[fixture("duplicates")]);
    assert_eq!(sources(&corpus), ["duplicates/a.txt", "duplicates/c.txt"]);
    assert_eq!(corpus.report.duplicates_dropped, 2);
    assert_eq!(corpus.report.articles_imported, 2);
    assert_eq!(corpus.articles[1].id, 1);

    let keep = ImportOptions {
        keep_duplicates: true,
        ..ImportOptions::default()
    };
    let corpus = import_with(&[fixture("duplicates")], &keep);
    assert_eq!(
        sources(&corpus),
        [
            "duplicates/a.txt",
            "duplicates/b.txt",
            "duplicates/c.txt",
            "duplicates/d.jsonl#1"
        ]
    );
    assert_eq!(corpus.report.duplicates_dropped, 0);
}

#[test]
fn zip_entries_are_read_like_files() {
    let corpus = import(&[fixture("zip/news.zip")]);
    assert_eq!(corpus.name, "news.zip");
    assert_eq!(
        sources(&corpus),
        [
            "zip/news.zip!news/2023-04-01.txt",
            "zip/news.zip!news/feed.jsonl#1",
            "zip/news.zip!news/feed.jsonl#2",
            "zip/news.zip!news/long/big.txt",
        ]
    );
    assert_eq!(
        titles(&corpus),
        [
            "Harbour reopens",
            "Zip record one",
            "Zip record two",
            "A long article"
        ]
    );
    assert_eq!(
        dates(&corpus),
        ["2023-04-01", "2023-04-02", "2023-04-03", "2023-04-04"]
    );
    assert_eq!(
        problems(&corpus),
        [p("zip/news.zip!news/photo.png", Unsupported)]
    );
    let r = &corpus.report;
    assert_eq!((r.files_seen, r.bytes_read), (4, 60 + 197 + 5194));
}

#[test]
fn zip_entries_over_the_caps_are_refused() {
    let zip = [fixture("zip/news.zip")];
    let entry_cap = ImportOptions {
        max_zip_entry_bytes: 1000,
        ..ImportOptions::default()
    };
    let corpus = import_with(&zip, &entry_cap);
    assert_eq!(corpus.articles.len(), 3);
    assert_eq!(
        problems(&corpus),
        [
            p("zip/news.zip!news/long/big.txt", Archive),
            p("zip/news.zip!news/photo.png", Unsupported),
        ]
    );
    assert_eq!(corpus.report.bytes_read, 60 + 197);

    // 60 bytes read, then 197 would pass 200: refused, and so is the big entry.
    let total_cap = ImportOptions {
        max_zip_total_bytes: 200,
        ..ImportOptions::default()
    };
    let corpus = import_with(&zip, &total_cap);
    assert_eq!(sources(&corpus), ["zip/news.zip!news/2023-04-01.txt"]);
    assert_eq!(
        problems(&corpus),
        [
            p("zip/news.zip!news/feed.jsonl", Archive),
            p("zip/news.zip!news/long/big.txt", Archive),
            p("zip/news.zip!news/photo.png", Unsupported),
        ]
    );
}

#[test]
fn mixed_folder_imports_every_good_article_and_lists_every_bad_file() {
    let corpus = import(&[fixture("mixed")]);
    assert_eq!(
        problems(&corpus),
        [
            p("mixed/binary.txt", Binary),
            p("mixed/empty.txt", Empty),
            p("mixed/latin1.txt", Encoding),
        ]
    );
    assert_eq!(
        titles(&corpus),
        [
            "Harbour reopens after storm",
            "Parliament votes on the budget",
            "Café owners protest",
            "New tram line",
            "School year ends",
            "Festival opens in Zürich",
        ]
    );
    assert_eq!(
        dates(&corpus),
        [
            "2023-05-01",
            "2023-05-02",
            "2023-05-03",
            "2023-05-05",
            "2023-05-06",
            "2023-05-04"
        ]
    );
    assert!(corpus.articles[2].text.contains("München"));
    let r = &corpus.report;
    assert_eq!(
        (
            r.files_seen,
            r.articles_imported,
            r.duplicates_dropped,
            r.undated
        ),
        (7, 6, 0, 0)
    );
}

#[test]
fn files_folders_and_zips_mix_in_path_order() {
    let corpus = import(&[
        fixture("zip/news.zip"),
        fixture("duplicates"),
        fixture("formats/header.txt"),
        fixture("missing-folder"),
    ]);
    assert_eq!(corpus.name, "news.zip");
    assert_eq!(corpus.sources.len(), 4);
    let sources = sources(&corpus);
    assert_eq!(
        sources.first().map(String::as_str),
        Some("duplicates/a.txt")
    );
    assert_eq!(
        sources.get(2).map(String::as_str),
        Some("formats/header.txt")
    );
    assert_eq!(sources.len(), 2 + 1 + 4);
    assert_eq!(
        problems(&corpus),
        [
            p("missing-folder", Unreadable),
            p("zip/news.zip!news/photo.png", Unsupported),
        ]
    );
}

#[test]
fn cancelled_before_start_returns_cancelled() {
    let cancel = CancelToken::new();
    cancel.cancel();
    let result = import_paths(
        &[fixture("formats")],
        &ImportOptions::default(),
        &Progress::default(),
        &cancel,
    );
    assert_eq!(result, Err(Cancelled));
}

#[test]
fn progress_reaches_its_totals() {
    let progress = Progress::default();
    let corpus = import_paths(
        &[fixture("mixed")],
        &ImportOptions::default(),
        &progress,
        &CancelToken::new(),
    )
    .expect("not cancelled");
    let snap = progress.snapshot();
    assert_eq!((snap.files_done, snap.files_total), (7, 7));
    assert_eq!(snap.bytes_done, snap.bytes_total);
    assert_eq!(snap.bytes_total, corpus.report.bytes_read);
    assert_eq!(snap.articles, 6);
    assert_eq!(progress.files_done.load(Ordering::Relaxed), 7);
}

#[test]
fn bundled_sample_corpus() {
    // The 44 addresses shipped in assets/sample (a fresh clone has nothing else).
    let corpus = import(&[crate_path("assets/sample")]);
    assert_eq!(corpus.name, "sample");
    assert_eq!(corpus.report.files_seen, 44);
    assert_eq!(corpus.report.problems, []);
    assert_eq!(corpus.articles.len(), 44);
    let dated = corpus.articles.iter().filter(|a| a.date.is_some()).count();
    assert_eq!(dated, 44);
    assert_eq!(corpus.report.undated, 0);
    let (first, last) = corpus.date_range().expect("dated articles");
    assert_eq!(first, NaiveDate::from_ymd_opt(1790, 1, 8).expect("date"));
    assert_eq!(last.year(), 2026);
    let washington = &corpus.articles[0];
    assert_eq!(
        short(&washington.source).rsplit('/').next(),
        Some("1790-Washington-1.txt")
    );
    assert_eq!(
        washington.title,
        "George Washington - State of the Union 1790 (spoken)"
    );
    assert_eq!(
        (washington.title_char_offset, washington.body_char_offset),
        (Some(17), 71)
    );
    assert!(washington.text.starts_with("Fellow-Citizens of the Senate"));
}

#[test]
fn zip_entry_lying_about_its_size_is_refused() {
    // `bomb.txt` declares 100 bytes but inflates to over 20 000.
    let lying = [fixture("zip/lying.zip")];
    for opts in [
        ImportOptions::default(),
        ImportOptions {
            max_zip_entry_bytes: 1000,
            ..ImportOptions::default()
        },
    ] {
        let corpus = import_with(&lying, &opts);
        assert_eq!(corpus.articles.len(), 0);
        assert_eq!(problems(&corpus), [p("zip/lying.zip!bomb.txt", Archive)]);
        assert_eq!(corpus.report.bytes_read, 0);
    }
}

#[test]
fn undated_articles_are_one_grouped_problem() {
    let corpus = import(&[fixture("broken/undated.txt")]);
    assert_eq!(problems(&corpus), [p("broken/undated.txt", Date)]);
    assert_eq!(
        corpus.report.problems[0].message,
        "1 article is undated — no date in a header line, file name or metadata."
    );
    // Every article dated: no grouped problem.
    let corpus = import(&[fixture("formats/header.txt")]);
    assert_eq!(corpus.report.undated, 0);
    assert!(problems(&corpus).is_empty(), "{:?}", problems(&corpus));
}
