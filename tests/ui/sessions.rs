//! Sessions: "Save session as…" writes the corpus's paths, settings, filter and view; "Open
//! session…" in a fresh app opens that corpus and restores them.

use std::path::Path;
use std::time::Duration;

use egui_kittest::kittest::Queryable;
use lexiscope::gui::picker::{FakePicker, PickOutcome};
use lexiscope::gui::{App, View};

use crate::helpers::{harness, settle, type_into};

/// `tests/fixtures/pets`: three dated articles; "dog" is a word of the second only, "cat" of the
/// first and third.
fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pets")
}

/// Let the background jobs finish (the load, the filter, the Timeline's rising/falling), drawing
/// frames between them: the Timeline's spinner keeps the UI repainting for a few frames.
fn calm(h: &mut egui_kittest::Harness<'static, App>) {
    for _ in 0..3 {
        h.step();
        assert!(h.state_mut().wait_for_jobs(Duration::from_secs(20)));
        h.run_steps(20);
    }
}

fn app_answering(path: &Path) -> App {
    let mut picker = FakePicker::default();
    picker
        .answers
        .push_back(PickOutcome::Picked(vec![path.to_path_buf()]));
    let mut app = App::new_for_test();
    app.set_picker(Box::new(picker));
    app
}

#[test]
fn a_saved_session_reopens_its_corpus_filter_and_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pets = corpus();
    let file = dir.path().join("dogs.lexiscope.json");

    let mut app = app_answering(&file);
    app.open_paths(vec![pets.clone()]);
    assert!(app.wait_for_jobs(Duration::from_secs(60)));
    let mut h = harness(app);
    type_into(&mut h, "Query", "dog");
    h.get_by_label("Apply filter").click();
    settle(&mut h);
    h.get_by_label("1 of 3 articles");
    h.get_by_label("Timeline").click();
    calm(&mut h);
    h.get_by_label("Session").click();
    h.run();
    h.get_by_label("Save session as…").click();
    settle(&mut h);
    h.get_by_label_contains("Saved the session to");
    let text = std::fs::read_to_string(&file).expect("the session was written");
    assert!(text.contains("\"query\": \"dog\""), "{text}");
    assert!(text.contains("\"view\": \"Timeline\""), "{text}");

    // A fresh app, no corpus: open the session file.
    let mut h = harness(app_answering(&file));
    h.get_by_label("Session").click();
    h.run();
    h.get_by_label("Open session…").click();
    calm(&mut h);
    calm(&mut h);
    assert_eq!(h.state().corpus().name, "pets");
    assert_eq!(h.state().view(), View::Timeline);
    h.get_by_label("1 of 3 articles");
    h.get_by_label("query: dog ×");
}

#[test]
fn a_file_that_is_not_a_session_is_reported_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("notes.json");
    std::fs::write(&file, "[1, 2, 3]").expect("written");
    let mut h = harness(app_answering(&file));
    h.get_by_label("Session").click();
    h.run();
    h.get_by_label("Open session…").click();
    settle(&mut h);
    h.get_by_label_contains("The session was not opened:");
    h.get_by_label_contains("is not a Lexiscope session file");
    assert!(h.state().corpus().articles.is_empty());
}

#[test]
fn a_collection_opened_again_is_read_from_its_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pets = corpus();
    let status = |store: &Path| {
        let mut app = App::new_for_test();
        app.set_store_dir(Some(store.to_path_buf()));
        app.open_paths(vec![pets.clone()]);
        assert!(app.wait_for_jobs(Duration::from_secs(60)));
        let h = harness(app);
        let text = h.state().status().expect("a status").text.clone();
        let terms = h.state().analysis().summary.distinct_terms;
        (text, terms)
    };
    let store = dir.path().join("store");
    let (first, terms) = status(&store);
    assert!(first.starts_with("Loaded pets: 3 articles"), "{first}");
    assert!(!first.contains("store"), "{first}");
    let (second, again) = status(&store);
    assert!(second.ends_with("(read from the store)"), "{second}");
    assert_eq!(terms, again);
}

#[test]
fn a_changed_collection_is_analysed_again_and_its_store_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pets = dir.path().join("pets");
    std::fs::create_dir(&pets).expect("folder");
    std::fs::copy(corpus().join("pets.jsonl"), pets.join("pets.jsonl")).expect("copy");
    let store = dir.path().join("store");
    // The harness first (building it draws frames), then the open.
    let open = || {
        let mut app = App::new_for_test();
        app.set_store_dir(Some(store.clone()));
        let mut h = harness(app);
        h.state_mut().open_paths(vec![pets.clone()]);
        h
    };
    // First open: analysed, and the store written in the background (waited for).
    let mut h = open();
    assert!(h.state_mut().wait_for_jobs(Duration::from_secs(60)));
    assert_eq!(h.state().corpus().articles.len(), 3);
    assert_eq!(store.read_dir().expect("store folder").count(), 1);

    // A fourth article is added: the next open shows the stored three at once while the
    // collection is analysed again (the job's two steps are tested in `gui::loading`; here the
    // stored three can be replaced within one frame), then the four.
    std::fs::write(
        pets.join("parrot.txt"),
        "Title: Parrots\nDate: 2023-03-01\n\nThe parrot talked.\n",
    )
    .expect("write");
    let mut h = open();
    assert!(h.state_mut().wait_for_jobs(Duration::from_secs(60)));
    assert_eq!(h.state().corpus().articles.len(), 4);
    let status = h.state().status().expect("a status").text.clone();
    assert!(status.starts_with("Loaded pets: 4 articles"), "{status}");

    // The updated store is read back whole.
    let mut h = open();
    assert!(h.state_mut().wait_for_jobs(Duration::from_secs(60)));
    assert_eq!(h.state().corpus().articles.len(), 4);
    let status = h.state().status().expect("a status").text.clone();
    assert!(status.ends_with("(read from the store)"), "{status}");
}
