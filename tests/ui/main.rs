//! UI tests: the real app, headless (egui_kittest, no GPU), driven by clicking widgets by their
//! labels. The corpus is built by hand and analysed with the engine, so every number checked here
//! is worked out below.

mod helpers;

use std::path::PathBuf;
use std::time::Duration;

use egui_kittest::kittest::Queryable;
use lexiscope::gui::View;
use lexiscope::gui::picker::{FakePicker, PickKind, PickOutcome};

use helpers::{app, harness, settle, tiny_app, type_into};

#[test]
fn overview_shows_hand_checked_figures() {
    let mut h = harness(tiny_app());
    // 3 articles; tokens 6 + 10 + 3 = 19; content terms cat, dog, sat, cats, dogs, ran, slept.
    h.get_by_label("Articles");
    h.get_by_label("19");
    h.get_by_label("Distinct terms");
    h.get_by_label("2023-01-02 – 2023-01-09");
    // Top terms: cat (3), then dog and sat (2 each).
    h.get_by_label("cat").click();
    h.step();
    settle(&mut h);
    // The drill-down panel: 3 occurrences of 19 tokens = 157,894.7 per million, in 2 articles.
    h.get_by_label_contains("3 occurrences · 157894.7 per million · in 2 articles");
    h.get_by_label("In context (3 lines):");
    // The status bar names the corpus and its counts.
    h.get_by_label("3 articles · 19 tokens · 7 terms · 1 entities");
}

#[test]
fn every_view_opens_by_its_label() {
    let mut h = harness(tiny_app());
    h.get_by_label("Words").click();
    h.run();
    h.get_by_label("7 of 7 terms");
    h.get_by_label("Top 7 terms");
    h.get_by_label("Bigrams").click();
    h.run();
    // "the cat" is the only bigram seen twice (3 times, in 2 articles).
    h.get_by_label("the cat");
    h.get_by_label("1 rows");

    h.get_by_label("Entities").click();
    h.run();
    h.get_by_label("Tabby");
    h.get_by_label("1 of 1 entities shown");
    h.get_by_label("Top entities").click();
    h.run();
    h.get_by_label("Top 1 entities");

    h.get_by_label("Timeline").click();
    // The rising/falling detector runs in the background.
    settle(&mut h);
    h.get_by_label("Articles per year");
    h.get_by_label("Trends");
    h.get_by_label("Rising and falling, by year");

    h.get_by_label("Documents").click();
    h.run();
    h.get_by_label("3 articles");
    h.get_by_label("Dogs and cats").click();
    h.run();
    // The reader shows the article with its token count.
    h.get_by_label("3 tokens");

    h.get_by_label("Concordance").click();
    h.run();
    h.get_by_label("Search words");

    h.get_by_label("Problems (0)").click();
    h.run();
    h.get_by_label("The import met no problems.");
    assert_eq!(h.state().view(), View::Problems);
}

#[test]
fn words_table_search_filters_rows() {
    let mut h = harness(tiny_app());
    h.get_by_label("Words").click();
    h.run();
    type_into(&mut h, "Find term", "dog");
    h.run();
    // "dog" and "dogs" contain "dog".
    h.get_by_label("2 of 7 terms");
}

#[test]
fn concordance_lists_every_occurrence() {
    let mut h = harness(tiny_app());
    h.get_by_label("Concordance").click();
    h.run();
    type_into(&mut h, "Search words", "cat");
    h.get_by_label("Search").click();
    h.step();
    settle(&mut h);
    // "cat" twice in the first article, once in the second ("cats" is another term).
    h.get_by_label("3 lines in 2 articles");
    h.get_by_label("Right word").click();
    h.run();
    h.get_by_label("3 lines in 2 articles");
}

#[test]
fn filter_bar_narrows_every_view_and_reports_bad_queries() {
    let mut h = harness(tiny_app());
    type_into(&mut h, "Query", "dog");
    h.get_by_label("Apply filter").click();
    settle(&mut h);
    h.get_by_label("1 of 3 articles");
    h.get_by_label("Articles (filtered)");
    h.get_by_label("10 of 19");
    h.get_by_label("Words").click();
    h.run();
    // The second article alone: dog, sat, cat, slept.
    h.get_by_label("4 of 4 terms");

    h.get_by_label("Clear filter").click();
    h.run();
    h.get_by_label("7 of 7 terms");
    type_into(&mut h, "Query", "cat AND (");
    h.get_by_label("Apply filter").click();
    h.run();
    h.get_by_label_contains("Query: ");
    h.get_by_label("7 of 7 terms");
}

#[test]
fn export_all_writes_the_cli_csv_set() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = tiny_app();
    app.export_all_to(dir.path().to_path_buf());
    assert!(app.wait_for_jobs(Duration::from_secs(20)));
    let status = app.status().expect("a status message");
    assert!(!status.error, "{}", status.text);
    assert!(
        status.text.starts_with("Exported 28 files (3 articles)"),
        "{}",
        status.text
    );
    let terms = std::fs::read_to_string(dir.path().join("terms.csv")).expect("terms.csv");
    let lines: Vec<&str> = terms.lines().collect();
    assert_eq!(
        lines[0],
        "rank,term,count,per_million,doc_freq,dispersion_dp"
    );
    assert!(
        lines[1].starts_with("1,cat,3,157894.736842,2,"),
        "{}",
        lines[1]
    );
    assert_eq!(lines.len(), 8);
    let entities = std::fs::read_to_string(dir.path().join("entities.csv")).expect("entities.csv");
    assert!(
        entities.contains("Tabby,PERSON,2,1,2023-01-02,2023-01-02"),
        "{entities}"
    );
}

#[test]
fn export_button_asks_for_a_file_then_writes_exactly_the_rows_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("words.csv");
    let mut picker = FakePicker::default();
    picker
        .answers
        .push_back(PickOutcome::Picked(vec![target.clone()]));
    let asked = picker.asked.clone();
    let mut app = tiny_app();
    app.set_picker(Box::new(picker));
    let mut h = harness(app);
    h.get_by_label("Words").click();
    h.run();
    type_into(&mut h, "Find term", "dog");
    h.run();
    h.get_by_label("Export CSV…").click();
    // The export job may finish while these frames run; step rather than wait to settle.
    h.run_steps(8);
    assert!(h.state_mut().wait_for_jobs(Duration::from_secs(20)));
    h.run();
    assert_eq!(asked.lock().map(|a| a.len()).unwrap_or(0), 1);
    let csv = std::fs::read_to_string(&target).expect("the export was written");
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows[1].starts_with("1,dog,2,"), "{csv}");
    assert!(rows[2].starts_with("2,dogs,1,"), "{csv}");
    h.get_by_label_contains("Exported 2 rows to");
}

#[test]
fn unavailable_dialog_is_reported_and_typed_path_opens() {
    let mut picker = FakePicker::default();
    picker.answers.push_back(PickOutcome::Unavailable(
        lexiscope::gui::picker::NO_DIALOG.to_owned(),
    ));
    let mut app = tiny_app();
    app.set_picker(Box::new(picker));
    let mut h = harness(app);
    h.get_by_label("Open folder…").click();
    h.run();
    h.get_by_label_contains("No file dialog is available here");
    // The typed path: a folder that does not exist is reported, the corpus stays.
    type_into(&mut h, "Path:", "/no/such/folder");
    h.get_by_label("Open").click();
    h.run();
    h.get_by_label("Not found: /no/such/folder");
    assert_eq!(h.state().corpus().name, "tiny");
}

#[test]
fn cancelled_import_keeps_the_old_corpus() {
    let sample = lexiscope::gui::sample_corpus_dir().expect("assets/sample exists");
    let mut app = tiny_app();
    app.open_paths(vec![sample]);
    assert!(app.is_loading());
    let mut h = harness(app);
    // The old corpus stays visible while the new one loads.
    h.get_by_label("3 articles · 19 tokens · 7 terms · 1 entities");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().is_loading());
    h.get_by_label("Cancelled; the previous corpus is still shown.");
    // Whatever the worker does next is dropped.
    std::thread::sleep(Duration::from_millis(300));
    h.run();
    assert_eq!(h.state().corpus().name, "tiny");
    h.get_by_label("3 articles · 19 tokens · 7 terms · 1 entities");
}

#[test]
fn a_fixture_folder_opens_through_the_import_job() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mixed");
    let mut app = app();
    app.open_paths(vec![folder]);
    assert!(app.wait_for_jobs(Duration::from_secs(60)));
    let mut h = harness(app);
    assert_eq!(h.state().corpus().name, "mixed");
    let problems = h.state().corpus().report.problems.len();
    assert!(problems > 0);
    h.get_by_label(&format!("Problems ({problems})")).click();
    h.run();
    h.get_by_label_contains(&format!("{problems} problems · "));
}

#[test]
fn clicking_a_concordance_line_opens_its_article_in_the_reader() {
    let mut h = harness(tiny_app());
    h.get_by_label("Concordance").click();
    h.run();
    type_into(&mut h, "Search words", "slept");
    h.get_by_label("Search").click();
    settle(&mut h);
    h.get_by_label("1 lines in 1 articles");
    h.get_by_label("slept").click();
    h.run();
    assert_eq!(h.state().view(), View::Documents);
    // The reader shows the second article (10 tokens) with the match marked.
    h.get_by_label("10 tokens");
    h.get_by_label(" match ");
}

#[test]
fn export_all_with_a_filter_matches_the_cli_on_the_selection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(tiny_app());
    type_into(&mut h, "Query", "dog");
    h.get_by_label("Apply filter").click();
    settle(&mut h);
    h.get_by_label("1 of 3 articles");
    h.state_mut().export_all_to(dir.path().to_path_buf());
    settle(&mut h);
    h.get_by_label_contains("Exported 28 files (1 articles)");
    let summary = std::fs::read_to_string(dir.path().join("summary.csv")).expect("summary.csv");
    assert!(summary.contains("articles,1\n"), "{summary}");
    assert!(summary.contains("tokens,10\n"), "{summary}");
    let params = std::fs::read_to_string(dir.path().join("export_params.json")).expect("params");
    assert!(params.contains("\"query\": \"dog\""), "{params}");
}

#[test]
fn settings_window_reanalyses_in_the_background() {
    let mut h = harness(tiny_app());
    h.get_by_label("Settings…").click();
    h.run();
    type_into(&mut h, "Extra stopwords:", "cat");
    h.get_by_label("Apply and re-analyse").click();
    settle(&mut h);
    assert!(!h.state().is_loading());
    assert_eq!(h.state().state.analysis.extra_stopwords, ["cat"]);
    h.get_by_label("Words").click();
    h.run();
    // "cat" is now a stopword: 6 content terms remain.
    h.get_by_label("6 of 6 terms");
}

#[test]
fn keyboard_shortcuts_open_the_dialogs() {
    let picker = FakePicker::default();
    let asked = picker.asked.clone();
    let mut app = tiny_app();
    app.set_picker(Box::new(picker));
    let mut h = harness(app);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    let asked = asked.lock().map(|a| a.clone()).unwrap_or_default();
    assert_eq!(asked, [PickKind::OpenFolder, PickKind::ExportFolder]);
}

/// A file dropped on the window, as the windowing backend reports it.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        Err("not read".into())
    }
}

#[test]
fn a_folder_dropped_on_the_window_opens_as_the_corpus() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let mut h = harness(tiny_app());
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(folder)));
    h.step();
    assert!(h.state().is_loading());
    settle(&mut h);
    assert_eq!(h.state().corpus().name, "formats");
    let n = h.state().corpus().articles.len();
    assert!(n > 0);
    h.get_by_label_contains(&format!("Loaded formats: {n} articles"));
}
mod cleaning;
mod dispersion;
mod editor;
mod explore;
mod facets;
mod honest;
mod layout;
mod links;
mod scripts;
mod sessions;
mod trends;

#[test]
fn frame_benchmark_draws_every_view_with_and_without_a_filter() {
    use lexiscope::analysis::filter::Filter;
    use lexiscope::analysis::{AnalysisSettings, analyze};
    use lexiscope::jobs::{CancelToken, Progress};
    let corpus = helpers::tiny_corpus();
    let a = analyze(
        &corpus,
        &AnalysisSettings::default(),
        &Progress::default(),
        &CancelToken::new(),
    )
    .expect("the analysis runs");
    let filter = Filter::parse("from:2023-01-01 to:2023-01-05").expect("parses");
    let rows = lexiscope::gui::frame_bench::frame_times(corpus, a, 3, Some(filter));
    let names: Vec<(&str, bool)> = rows.iter().map(|r| (r.view, r.filtered)).collect();
    let expected: Vec<(&str, bool)> = [false, true]
        .into_iter()
        .flat_map(|f| View::ALL.into_iter().map(move |v| (v.label(), f)))
        .collect();
    assert_eq!(names, expected);
    for r in &rows {
        assert_eq!(r.frames, 3);
        // Every view draws something: at least the tab bar, filter bar and status bar.
        assert!(r.vertices > 500, "{} drew {} vertices", r.view, r.vertices);
        assert!(r.median_ms <= r.p95_ms && r.p95_ms <= r.max_ms, "{r:?}");
    }
}
