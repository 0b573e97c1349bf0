//! The entity editor: each edit re-analyses the corpus with the real extractor and the edit
//! applied, so these tests use a corpus whose names the extractor finds (worked out in the
//! engine's tests, `entity_edits::tests`): Angela Merkel (3 mentions in 2 articles), Berlin (2 in
//! 2), Emmanuel Macron (2 in 2) and Paris (2 in 1).

use egui_kittest::kittest::Queryable;
use lexiscope::gui::App;
use lexiscope::model::{Article, Corpus};

use crate::helpers::{analysed, harness, settle, type_into};

fn news_app() -> App {
    let art = |id: u32, text: &str| Article {
        id,
        source: format!("a{id}.txt"),
        text: text.to_owned(),
        ..Article::default()
    };
    let corpus = Corpus {
        name: "news".into(),
        articles: vec![
            art(
                0,
                "Angela Merkel visited Paris on Monday. Merkel met Emmanuel Macron in Paris.",
            ),
            art(1, "Merkel spoke in Berlin on Tuesday."),
            art(2, "Macron flew to Berlin."),
        ],
        ..Corpus::default()
    };
    analysed(corpus)
}

/// The app in the Entities view with `name` selected and its editor open.
fn select(name: &str) -> egui_kittest::Harness<'static, App> {
    let mut h = harness(news_app());
    h.get_by_label("Entities").click();
    h.run();
    h.get_by_label(name).click();
    h.run();
    h.get_by_label("Correct this entity").click();
    h.run();
    h
}

fn count(h: &egui_kittest::Harness<'static, App>, label: &str) -> usize {
    h.query_all_by_label(label).count()
}

#[test]
fn rename_then_undo() {
    let mut h = select("Paris");
    h.get_by_label("2 mentions in 1 articles");
    type_into(&mut h, "Rename to", "Lutetia");
    h.get_by_label("Rename").click();
    settle(&mut h);
    // Re-analysed with the edit: the renamed entity stays selected (heading and table row).
    h.get_by_label("Edits (1)").click();
    h.run();
    h.get_by_label("1. rename \"Paris\" (LOCATION) to \"Lutetia\"");
    assert!(count(&h, "Lutetia") >= 2);
    assert_eq!(count(&h, "Paris"), 0);
    h.get_by_label("2 mentions in 1 articles");
    assert_eq!(
        h.state().state.analysis.entity_rules.edits.len(),
        1,
        "the edit is part of the corpus's settings"
    );
    h.get_by_label("Undo edit").click();
    settle(&mut h);
    h.get_by_label("Edits (0)");
    assert_eq!(count(&h, "Lutetia"), 0);
    assert!(count(&h, "Paris") >= 1);
    assert!(h.state().state.analysis.entity_rules.is_empty());
}

#[test]
fn hide_drops_the_entity_everywhere() {
    let mut h = select("Berlin");
    h.get_by_label("Hide entity").click();
    settle(&mut h);
    h.get_by_label("Edits (1)");
    assert_eq!(count(&h, "Berlin"), 0);
    // Three entities left, 7 mentions: the status bar counts them.
    h.get_by_label_contains("· 3 entities");
    assert_eq!(h.state().state.analysis.entity_rules.edits.len(), 1);
}

#[test]
fn merge_into_a_typed_name() {
    let mut h = select("Emmanuel Macron");
    type_into(&mut h, "Merge into", "angela merkel");
    h.get_by_label("Merge").click();
    settle(&mut h);
    // The target is selected: its 3 mentions and Macron's 2, in all three articles.
    h.get_by_label("5 mentions in 3 articles");
    assert_eq!(count(&h, "Emmanuel Macron"), 0);
    h.get_by_label("Edits (1)");
}
