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
    // One row per alias, each with its "Split off" button (the entity editor).
    h.get_by_label("The cat (2)");
    h.get_by_label("the cat (1)");
    assert_eq!(h.query_all_by_label("Split off").count(), 2);
    h.get_by_label("Named with (1 entities, whole corpus)");
    // The co-occurrence row: Rex, an organization, 1 sentence, 1 article, PMI, G².
    // "ORG" twice: Rex's row in the table and in the co-occurrence list.
    assert_eq!(h.query_all_by_label("ORG").count(), 2);
    h.get_by_label("0.585");
    h.get_by_label("1.91");
    // Clicking the co-occurring entity selects it.
    h.get_all_by_label("Rex").last().expect("a Rex row").click();
    h.run();
    h.get_by_label("2 mentions in 1 articles");
    h.get_by_label("A dog (1)");
    h.get_by_label("the dog (1)");
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

#[test]
fn back_and_forward_walk_through_earlier_filters() {
    let mut h = harness(tiny_app());
    type_into(&mut h, "From", "2023-01-01");
    type_into(&mut h, "To", "2023-01-03");
    h.get_by_label("Apply filter").click();
    settle(&mut h);
    // Only the first article is dated 2023-01-02.
    h.get_by_label("1 of 3 articles");
    h.get_by_label("2023-01-01 – 2023-01-03 ×");
    // A second filter: the query alone.
    h.get_by_label("Clear filter").click();
    settle(&mut h);
    assert!(h.query_by_label_contains("of 3 articles").is_none());
    type_into(&mut h, "Query", "dog OR dogs");
    h.get_by_label("Apply filter").click();
    settle(&mut h);
    h.get_by_label("2 of 3 articles");
    h.get_by_label("query: dog OR dogs ×");
    // Back twice: no filter, then the date range, with its text back in the filter bar.
    h.get_by_label("Back").click();
    settle(&mut h);
    assert!(h.query_by_label_contains("of 3 articles").is_none());
    h.get_by_label("Back").click();
    settle(&mut h);
    h.get_by_label("1 of 3 articles");
    let f = h.state().filter().clone();
    assert_eq!(f.from.map(|d| d.to_string()).as_deref(), Some("2023-01-01"));
    assert_eq!(f.to.map(|d| d.to_string()).as_deref(), Some("2023-01-03"));
    assert!(f.query.is_none());
    h.get_by_label("2023-01-01 – 2023-01-03 ×");
    // Forward twice: the query again.
    h.get_by_label("Forward").click();
    settle(&mut h);
    h.get_by_label("Forward").click();
    settle(&mut h);
    h.get_by_label("2 of 3 articles");
    // Removing the query chip drops the query; Back brings it back.
    h.get_by_label("query: dog OR dogs ×").click();
    settle(&mut h);
    assert!(h.query_by_label_contains("of 3 articles").is_none());
    h.get_by_label("Back").click();
    settle(&mut h);
    h.get_by_label("2 of 3 articles");
}

#[test]
fn brushed_periods_become_a_date_range() {
    use lexiscope::gui::panels::timeline::brushed_dates;
    use lexiscope::model::Granularity;
    let app = tiny_app();
    let tl = app.analysis().timeline(Granularity::Week).clone();
    // Weeks of 2023-01-02 and 2023-01-09 (Mondays).
    assert_eq!(tl.periods.len(), 2);
    let (from, to) = brushed_dates(&tl, Granularity::Week, 0, 1).expect("a range");
    assert_eq!(
        (from.to_string(), to.to_string()),
        ("2023-01-02".into(), "2023-01-15".into())
    );
    let (from, to) = brushed_dates(&tl, Granularity::Week, 1, 1).expect("a range");
    assert_eq!(
        (from.to_string(), to.to_string()),
        ("2023-01-09".into(), "2023-01-15".into())
    );
    assert!(brushed_dates(&tl, Granularity::Week, 2, 3).is_none());
}

#[test]
fn dragging_across_the_timeline_with_the_brush_filters_every_view() {
    let mut h = harness(tiny_app());
    h.get_by_label("Timeline").click();
    settle(&mut h);
    h.get_by_label("Brush").click();
    h.run();
    // The bar chart sits below its title; drag across its middle.
    let title = h.get_by_label("Articles per year").rect();
    let y = title.bottom() + 100.0;
    let (x0, x1) = (title.left() + 120.0, title.left() + 900.0);
    h.hover_at(egui::pos2(x0, y));
    h.run();
    h.drag_at(egui::pos2(x0, y));
    h.run();
    for i in 1..=6 {
        h.hover_at(egui::pos2(x0 + (x1 - x0) * i as f32 / 6.0, y));
        h.run();
    }
    h.drop_at(egui::pos2(x1, y));
    settle(&mut h);
    // The year 2023 holds both dated articles; the undated one is left out.
    h.get_by_label("2 of 3 articles");
    h.get_by_label("2023-01-01 – 2023-12-31 ×");
}

#[test]
fn keyness_of_the_filtered_articles_matches_the_hand_computed_g2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("keyness.csv");
    let mut picker = lexiscope::gui::picker::FakePicker::default();
    picker
        .answers
        .push_back(lexiscope::gui::picker::PickOutcome::Picked(vec![
            target.clone(),
        ]));
    let mut app = tiny_app();
    app.set_picker(Box::new(picker));
    let mut h = harness(app);
    type_into(&mut h, "Query", "dog");
    h.get_by_label("Apply filter").click();
    settle(&mut h);
    h.get_by_label("Keyness").click();
    h.step();
    settle(&mut h);
    // Target: the second article (10 tokens); reference: the other two (6 + 3 = 9 tokens).
    h.get_by_label("Target: 1 articles, 10 tokens · Reference: 2 articles, 9 tokens");
    // Every item is seen fewer than 5 times: lower the minimum frequency to 1.
    h.get_by_role_and_label(egui::accesskit::Role::SpinButton, "Min. frequency:")
        .set_value_accesskit(1.0);
    h.step();
    settle(&mut h);
    // "dog": a = 2 of c = 10 in the target, b = 0 of d = 9 in the reference.
    // E1 = 10·2/19 = 1.0526, so G² = 2·(2·ln(2/1.0526)) = 4·ln 1.9 = 2.5674.
    h.get_by_label("2.57");
    // "slept": a = 1, b = 0: G² = 2·ln 1.9 = 1.2837.
    h.get_by_label("1.28");
    // "cat": a = 1 of 10, b = 2 of 9: E1 = 30/19, E2 = 27/19,
    // G² = 2·(ln(19/30) + 2·ln(38/27)) = 0.4533, under-represented: −0.453.
    h.get_by_label("-0.453");
    // Export writes the table and the parameters next to it.
    h.get_by_label("Export CSV…").click();
    h.run_steps(8);
    assert!(
        h.state_mut()
            .wait_for_jobs(std::time::Duration::from_secs(20))
    );
    let csv = std::fs::read_to_string(&target).expect("keyness.csv");
    assert!(
        csv.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("dog,term,2,0,")),
        "{csv}"
    );
    let params =
        std::fs::read_to_string(dir.path().join("export_params.json")).expect("export_params");
    assert!(params.contains("\"query\": \"dog\""), "{params}");
    assert!(params.contains("\"min_freq\": 1"), "{params}");
    // Clicking a row opens its concordance restricted to the target.
    h.get_by_label("dog").click();
    h.step();
    settle(&mut h);
    h.get_by_label_contains("Only in the filtered articles");
    h.get_by_label("2 lines in 1 articles");
}
