//! UI tests of the Timeline's trends: a typed word that is both a term and an entity, and the
//! rising/falling list when the corpus has too few articles per period to judge.

use egui_kittest::kittest::Queryable;

use crate::helpers::{harness, settle, tiny_app, tiny_app_with_entity, type_into};

#[test]
fn a_word_that_is_a_term_and_an_entity_offers_both() {
    // "dog" is a counted term (twice), and "Dog" the entity's name.
    let mut h = harness(tiny_app_with_entity("Dog"));
    h.get_by_label("Timeline").click();
    settle(&mut h);
    type_into(&mut h, "Add term or entity", "dog");
    h.get_by_label("Add").click();
    h.run();
    h.get_by_label("Add as:");
    h.get_by_label("Dog (PERSON)");
    h.get_by_label("dog (term)").click();
    h.run();
    h.get_by_label("dog ×");
    assert!(h.query_by_label("Add as:").is_none(), "the choice is gone");
    // A word with one meaning is added at once.
    type_into(&mut h, "Add term or entity", "slept");
    h.get_by_label("Add").click();
    h.run();
    h.get_by_label("slept ×");
    assert!(h.query_by_label("Add as:").is_none());
}

#[test]
fn rising_and_falling_explains_why_nothing_can_be_judged() {
    // Three articles, one or none a period: no period holds the 3 articles a judgement needs.
    let mut h = harness(tiny_app());
    h.get_by_label("Timeline").click();
    settle(&mut h);
    h.get_by_label_contains("Rising and falling needs periods of at least 3 articles");
}
