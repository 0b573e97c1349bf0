//! UI tests of issue 12: readable names of untitled articles, settings kept per corpus, Overview
//! figures that say whether they follow the filter, and the messages shown instead of empty
//! charts (a filter matching nothing, a corpus without dates).

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use egui_kittest::kittest::Queryable;
use lexiscope::analysis::AnalysisSettings;
use lexiscope::gui::App;
use lexiscope::gui::settings::Periods;
use lexiscope::model::{Article, Corpus, Granularity};

use crate::helpers::{analysed, app, harness, settle, tiny_app, type_into};

/// The tiny corpus's texts, untitled, from `/data/news` (two dated unless `dated` is false).
fn untitled_app(dated: bool) -> App {
    let art = |id: u32, source: &str, date: Option<(i32, u32, u32)>, text: &str| Article {
        id,
        source: source.to_owned(),
        date: date
            .filter(|_| dated)
            .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        text: text.to_owned(),
        ..Article::default()
    };
    let corpus = Corpus {
        name: "news".into(),
        sources: vec!["/data/news".into()],
        articles: vec![
            art(
                0,
                "/data/news/2023/cats.txt",
                Some((2023, 1, 2)),
                "The cat sat. The cat ran!",
            ),
            art(
                1,
                "/data/news/dogs.zip!jan/dog.txt",
                Some((2023, 1, 9)),
                "A dog sat with the cat, then the dog slept.",
            ),
            art(2, "/data/news/feed.jsonl#3", None, "Dogs and cats."),
        ],
        ..Corpus::default()
    };
    analysed(corpus)
}

#[test]
fn untitled_articles_are_named_by_their_path_inside_the_folder_and_first_words() {
    let mut h = harness(untitled_app(true));
    h.get_by_label("Documents").click();
    h.run();
    h.get_by_label("2023/cats.txt  The cat sat. The cat ran!");
    h.get_by_label("jan/dog.txt  A dog sat with the cat, then the…");
    h.get_by_label("feed.jsonl#3  Dogs and cats.").click();
    h.run();
    // The reader's heading names the article the same way.
    h.get_by_label("feed.jsonl#3");
    h.get_by_label("3 tokens");
    assert!(h.query_by_label_contains("/data/news/2023").is_none());
    // Concordance lines name their article too.
    h.get_by_label("Concordance").click();
    h.run();
    type_into(&mut h, "Search words", "slept");
    h.get_by_label("Search").click();
    settle(&mut h);
    h.get_by_label("2023-01-09 jan/dog.txt");
}

#[test]
fn overview_says_which_figures_follow_the_filter() {
    let mut h = harness(tiny_app());
    // Whole corpus: 12 word forms in 19 tokens; hapax cats, dogs, ran, slept; 1 undated.
    h.get_by_label("Type/token ratio");
    h.get_by_label("0.6316");
    h.get_by_label("Hapax legomena");
    h.get_by_label("4");
    h.get_by_label("Undated articles");
    h.get_by_label("1 of 3");
    h.get_by_label("Import (whole corpus)");
    h.get_by_label("Stopwords: auto · Stemming: off");
    type_into(&mut h, "Query", "dog");
    h.get_by_label("Apply filter").click();
    settle(&mut h);
    // "A dog sat with the cat, then the dog slept.": 8 forms in 10 tokens; dog twice, sat,
    // cat and slept once.
    h.get_by_label("Type/token ratio (filtered)");
    h.get_by_label("0.8000");
    h.get_by_label("Hapax legomena (filtered)");
    h.get_by_label("3");
    h.get_by_label("Undated articles (filtered)");
    h.get_by_label("0 of 1");
    h.get_by_label("Dates (filtered)");
    h.get_by_label("2023-01-09 – 2023-01-09");
    assert!(h.query_by_label("Type/token ratio").is_none());
    h.get_by_label("Import (whole corpus)");
    // The filtered "Export all" writes the same figures into summary.csv.
    let dir = tempfile::tempdir().expect("tempdir");
    h.state_mut().export_all_to(dir.path().to_path_buf());
    settle(&mut h);
    let summary = std::fs::read_to_string(dir.path().join("summary.csv")).expect("summary.csv");
    assert!(summary.contains("type_token_ratio,0.8\n"), "{summary}");
    assert!(summary.contains("hapax,3\n"), "{summary}");
    assert!(summary.contains("undated,0\n"), "{summary}");
}

#[test]
fn a_filter_matching_nothing_says_so_in_every_view() {
    let mut h = harness(tiny_app());
    type_into(&mut h, "Query", "zebra");
    h.get_by_label("Apply filter").click();
    settle(&mut h);
    h.get_by_label("0 of 3 articles");
    for view in [
        "Overview",
        "Words",
        "Entities",
        "Timeline",
        "Keyness",
        "Documents",
    ] {
        h.get_by_label(view).click();
        settle(&mut h);
        h.get_by_label("No article matches the filter");
        assert!(h.query_by_label("Bonferroni").is_none());
    }
    h.get_by_label_contains("selects none of the 3 articles: clear or change it.");
    h.get_by_label("Clear the filter").click();
    settle(&mut h);
    h.get_by_label("3 articles");
    assert!(h.query_by_label("No article matches the filter").is_none());
}

#[test]
fn a_corpus_without_dates_explains_how_to_date_it() {
    let mut h = harness(untitled_app(false));
    h.get_by_label("Undated articles");
    h.get_by_label("3 (all)");
    h.get_by_label("No article has a date, so there is nothing to draw over time.");
    h.get_by_label("Timeline").click();
    settle(&mut h);
    h.get_by_label("No article has a date, so there is nothing to draw over time.");
    h.get_by_label_contains("a metadata table with a date column");
    assert!(h.query_by_label_contains("Articles per").is_none());
    h.get_by_label("Keyness").click();
    h.run();
    // Two selections still compare by query without dates.
    h.get_by_label("Two selections").click();
    h.run();
    h.get_by_label("A query");
}

fn fixture(name: &str) -> Vec<PathBuf> {
    vec![
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    ]
}

/// Open a fixture folder and wait for its analysis.
fn open(h: &mut egui_kittest::Harness<'static, App>, name: &str) {
    h.state_mut().open_paths(fixture(name));
    assert!(h.state_mut().wait_for_jobs(Duration::from_secs(60)));
    calm(h);
    assert_eq!(h.state().corpus().name, name);
}

/// Let the background work the last frames started (the Timeline's rising/falling list) finish;
/// frames drawn while it ran asked for a repaint 100 ms later, so step rather than `run`.
fn calm(h: &mut egui_kittest::Harness<'static, App>) {
    for _ in 0..3 {
        h.step();
        assert!(h.state_mut().wait_for_jobs(Duration::from_secs(20)));
    }
    h.run_steps(12);
}

#[test]
fn each_corpus_keeps_its_own_settings() {
    let mut h = harness(app());
    open(&mut h, "encodings");
    h.get_by_label("Stopwords: auto · Stemming: off");
    // Corpus A: weekly periods and German stopwords too.
    h.get_by_label("Timeline").click();
    calm(&mut h);
    h.get_by_label("Auto (day)");
    h.get_by_label("week").click();
    calm(&mut h);
    h.get_by_label("Articles per week");
    h.get_by_label("Settings…").click();
    h.run();
    h.get_by_label("german").click();
    h.get_by_label("Apply and re-analyse").click();
    calm(&mut h);
    assert_eq!(
        h.state().analysis().settings.stopword_languages,
        ["auto", "german"]
    );
    // Corpus B, opened for the first time: the defaults, with Auto periods.
    open(&mut h, "duplicates");
    assert_eq!(h.state().state.periods, Periods::Auto);
    assert_eq!(h.state().analysis().settings, AnalysisSettings::default());
    h.get_by_label("Overview").click();
    h.run();
    h.get_by_label("Stopwords: auto · Stemming: off");
    // Back to A: analysed again with its own settings, drawn by week, on the view it was left
    // on.
    open(&mut h, "encodings");
    assert_eq!(h.state().state.periods, Periods::Fixed(Granularity::Week));
    assert_eq!(
        h.state().analysis().settings.stopword_languages,
        ["auto", "german"]
    );
    assert_eq!(h.state().view(), lexiscope::gui::View::Timeline);
    h.get_by_label("Overview").click();
    h.run();
    h.get_by_label("Stopwords: auto, german · Stemming: off");
    h.get_by_label("Timeline").click();
    calm(&mut h);
    h.get_by_label("Articles per week");
    assert_eq!(h.state().state.corpora.len(), 2);
}
