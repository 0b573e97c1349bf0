//! UI tests of facets: the facet panel's counts under the filter, ticking values (OR within a
//! field), the chips, an unknown field refused, and the Timeline split by a field.

use chrono::NaiveDate;
use egui_kittest::kittest::Queryable;
use lexiscope::gui::App;
use lexiscope::gui::settings::Periods;
use lexiscope::model::{Article, Corpus, Granularity};

use crate::helpers::{analysed, harness, settle, type_into};

/// Four speeches: SPD in 2020 and 2021, FDP in 2020, one without a party in 2021.
fn party_app() -> App {
    let art = |id: u32, year: i32, party: Option<&str>, text: &str| Article {
        id,
        source: format!("s{id}.txt"),
        title: format!("Speech {id}"),
        date: NaiveDate::from_ymd_opt(year, 3, 1),
        text: text.to_owned(),
        metadata: party
            .map(|p| vec![("party".to_owned(), p.to_owned())])
            .unwrap_or_default(),
        ..Article::default()
    };
    let corpus = Corpus {
        name: "speeches".into(),
        articles: vec![
            art(0, 2020, Some("SPD"), "Rents rise. Rents must fall."),
            art(1, 2021, Some("SPD"), "Rents and wages."),
            art(2, 2020, Some("FDP"), "Taxes must fall."),
            art(3, 2021, None, "Wages and taxes."),
        ],
        ..Corpus::default()
    };
    let mut app = analysed(corpus);
    app.state.periods = Periods::Fixed(Granularity::Year);
    app
}

fn query(app: &App) -> String {
    app.filter()
        .query
        .as_ref()
        .map(|q| q.text.clone())
        .unwrap_or_default()
}

#[test]
fn ticking_facet_values_filters_with_or_within_the_field() {
    let mut h = harness(party_app());
    h.run();
    h.get_by_label("party (2)");
    h.get_by_label("SPD  2").click();
    settle(&mut h);
    assert_eq!(query(h.state()), "party:SPD");
    h.get_by_label("2 of 4 articles");
    h.get_by_label("party: SPD ×");
    // The field's own choice is left out of its counts: FDP can still be added.
    h.get_by_label("FDP  1").click();
    settle(&mut h);
    assert_eq!(query(h.state()), "party:SPD OR party:FDP");
    h.get_by_label("3 of 4 articles");
    h.get_by_label("party: SPD | FDP ×").click();
    settle(&mut h);
    assert!(h.state().filter().is_empty());
}

#[test]
fn facet_counts_follow_the_rest_of_the_filter() {
    let mut h = harness(party_app());
    h.run();
    type_into(&mut h, "Query", "taxes");
    h.get_by_label("Apply filter").click();
    settle(&mut h);
    // "taxes" is in articles 2 (FDP) and 3 (no party): SPD has none of them.
    h.get_by_label("FDP  1");
    assert!(h.query_by_label("SPD  2").is_none());
    assert!(h.query_by_label("SPD  1").is_none());
}

#[test]
fn an_unknown_field_is_refused_with_the_known_fields() {
    let mut h = harness(party_app());
    h.run();
    type_into(&mut h, "Query", "path:sport");
    h.get_by_label("Apply filter").click();
    settle(&mut h);
    assert!(h.state().filter().is_empty(), "the filter was not applied");
    h.get_by_label("Query: unknown field 'path:' (known fields: entity, type, title, party)");
}

#[test]
fn the_timeline_splits_articles_by_a_field() {
    let mut h = harness(party_app());
    h.run();
    h.get_by_label("Timeline").click();
    settle(&mut h);
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Split by:")
        .click();
    settle(&mut h);
    h.get_by_label("party").click();
    settle(&mut h);
    h.get_by_label("Articles per year by party");
    let (field, rows) = h.state().timeline_split();
    assert_eq!(field, Some("party"));
    let rows: Vec<(&str, &[u64])> = rows
        .iter()
        .map(|s| (s.label.as_str(), s.counts.as_slice()))
        .collect();
    assert_eq!(
        rows,
        [
            ("SPD", &[1, 1][..]),
            ("FDP", &[1, 0][..]),
            ("(no value)", &[0, 1][..])
        ]
    );
}

/// Draw until the background work of the last frames is done.
fn calm(h: &mut egui_kittest::Harness<'static, App>) {
    for _ in 0..3 {
        h.step();
        assert!(
            h.state_mut()
                .wait_for_jobs(std::time::Duration::from_secs(30))
        );
    }
    h.run_steps(12);
}

#[test]
fn a_metadata_table_named_in_the_settings_is_joined_and_kept_for_the_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let texts = dir.path().join("texts");
    std::fs::create_dir(&texts).expect("mkdir");
    std::fs::write(texts.join("a.txt"), "Rents rise in the city.\n").expect("write");
    std::fs::write(texts.join("b.txt"), "Taxes fall in the country.\n").expect("write");
    // Outside the folder: only joined when named.
    let table = dir.path().join("meta.tsv");
    std::fs::write(
        &table,
        "doc\tdate\tparty\na\t2020-05-01\tSPD\nb\t2021-06-02\tFDP\n",
    )
    .expect("write");
    let mut h = harness(App::new_for_test());
    h.state_mut().open_paths(vec![texts.clone()]);
    calm(&mut h);
    assert_eq!(h.state().corpus().articles.len(), 2);
    assert!(h.query_by_label("party (2)").is_none(), "no fields yet");
    h.get_by_label("Settings…").click();
    h.run();
    type_into(&mut h, "Metadata table:", &table.display().to_string());
    h.get_by_label("Apply and re-analyse").click();
    calm(&mut h);
    let dates: Vec<String> = h
        .state()
        .corpus()
        .articles
        .iter()
        .map(|a| a.date.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(dates, ["2020-05-01", "2021-06-02"]);
    h.get_by_label("party (2)");
    h.get_by_label("SPD  1");
    assert_eq!(
        h.state().state.import.metadata.as_deref(),
        Some(table.as_path())
    );
    // Another corpus starts without the table; coming back restores it.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).expect("mkdir");
    std::fs::write(other.join("c.txt"), "Wages grow.\n").expect("write");
    h.state_mut().open_paths(vec![other]);
    calm(&mut h);
    assert_eq!(h.state().state.import.metadata, None);
    h.state_mut().open_paths(vec![texts]);
    calm(&mut h);
    h.get_by_label("SPD  1");
}
