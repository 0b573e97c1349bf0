//! UI tests of linked exploration: the Entities view's selected entity and network, the filter
//! history, brushing, keyness and rising/falling terms.

use egui_kittest::kittest::Queryable;

use crate::helpers::{entities_app, harness, settle, tiny_app, type_into};

#[test]
fn selecting_an_entity_shows_its_alias_and_co_occurring_entity() {
    let mut h = harness(entities_app());
    h.get_by_label("Entities").click();
    h.run();
    // Both entities in the network; their one shared article is below the default minimum of
    // two for a link, until the minimum is lowered to one.
    h.get_by_label("2 of 2 entities shown");
    h.get_by_label("0 links");
    h.get_by_role_and_label(egui::accesskit::Role::SpinButton, "Min. shared articles:")
        .set_value_accesskit(1.0);
    h.run();
    h.get_by_label("1 links");
    h.get_by_label("Tabby").click();
    h.run();
    h.get_by_label("3 mentions in 2 articles");
    h.get_by_label("Aliases (2):");
    h.get_by_label("The cat (2), the cat (1)");
    h.get_by_label("Named with (1 entities, whole corpus)");
    // The co-occurrence row: Rex, an organization, 1 sentence, 1 article, PMI, G².
    h.get_by_label("ORG");
    h.get_by_label("0.585");
    h.get_by_label("1.91");
    // Clicking the co-occurring entity selects it.
    h.get_all_by_label("Rex").last().expect("a Rex row").click();
    h.run();
    h.get_by_label("2 mentions in 1 articles");
    h.get_by_label("A dog (1), the dog (1)");
}

#[test]
fn the_network_caps_its_nodes_with_the_slider() {
    let mut h = harness(entities_app());
    h.get_by_label("Entities").click();
    h.run();
    h.get_by_label("Co-occurrence network");
    h.get_by_label("2 of 2 entities shown");
    h.get_by_role_and_label(egui::accesskit::Role::Slider, "Entities:")
        .set_value_accesskit(1.0);
    h.run();
    // Only the most mentioned entity stays, and with it no link.
    h.get_by_label("1 of 2 entities shown");
    h.get_by_label("0 links");
}
