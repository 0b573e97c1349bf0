//! UI tests of the Concordance's dispersion plot: its rows (hits first), a click opening the
//! reader at the nearest hit, the filter narrowing it, and its CSV, SVG and PNG files.

use egui_kittest::kittest::Queryable;
use lexiscope::gui::View;
use lexiscope::gui::picker::{FakePicker, PickOutcome};

use crate::helpers::{harness, settle, tiny_app, type_into};

/// The tiny corpus searched for "cat", shown as a dispersion plot; the picker answers `saves`.
fn dispersion_of_cat(
    saves: Vec<std::path::PathBuf>,
) -> egui_kittest::Harness<'static, lexiscope::gui::App> {
    let mut picker = FakePicker::default();
    for p in saves {
        picker.answers.push_back(PickOutcome::Picked(vec![p]));
    }
    let mut app = tiny_app();
    app.set_picker(Box::new(picker));
    let mut h = harness(app);
    h.get_by_label("Concordance").click();
    h.run();
    type_into(&mut h, "Search words", "cat");
    h.get_by_label("Search").click();
    h.step();
    settle(&mut h);
    h.get_by_label("Dispersion").click();
    h.run();
    h
}

#[test]
fn dispersion_rows_sort_by_hits_and_open_the_reader() {
    let mut h = dispersion_of_cat(Vec::new());
    // "cat" twice in "Cats" (bytes 4 and 17 of 25), once in "Dogs" (byte 19 of 43).
    h.get_by_label("3 hits in 2 articles");
    let cats = h.get_by_label("2023-01-02 Cats").rect();
    let dogs = h.get_by_label("2023-01-09 Dogs").rect();
    assert!(cats.top() < dogs.top(), "most hits first");
    let track = h.get_by_label("Hits in Cats").rect();
    assert!(track.width() > 300.0, "the track takes the row's width");
    // A click in the middle (0.5) is nearest the second hit (17/25 = 0.68, not 4/25 = 0.16).
    h.get_by_label("Hits in Cats").click();
    h.run();
    assert_eq!(h.state().view(), View::Documents);
    assert_eq!(h.state().reading(), (Some(0), Some((17, 20))));
}

#[test]
fn dispersion_follows_the_filter() {
    let mut h = dispersion_of_cat(Vec::new());
    // The filter bar's query (typed without `type_into`: the search's spinner may still turn).
    h.get_by_label("Query").click();
    h.step();
    h.get_by_label("Query").type_text("dog");
    h.step();
    h.get_by_label("Apply filter").click();
    // The filter's job makes a new scope; the next frame starts a new search in it.
    for _ in 0..3 {
        h.step();
        assert!(
            h.state_mut()
                .wait_for_jobs(std::time::Duration::from_secs(20))
        );
    }
    h.run();
    // Only the second article is left: one hit.
    h.get_by_label("1 hits in 1 articles");
    assert!(h.query_by_label("2023-01-02 Cats").is_none());
    h.get_by_label("Hits in Dogs");
}

#[test]
fn dispersion_exports_csv_svg_and_png() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (csv, svg, png) = (
        dir.path().join("dispersion.csv"),
        dir.path().join("dispersion.svg"),
        dir.path().join("dispersion.png"),
    );
    let mut h = dispersion_of_cat(vec![csv.clone(), svg.clone(), png.clone()]);
    for button in ["CSV…", "SVG…", "PNG…"] {
        h.get_by_label(button).click();
        h.run();
        settle(&mut h);
    }
    let text = std::fs::read_to_string(&csv).expect("dispersion.csv");
    assert_eq!(
        text,
        "article_id,date,source,title,tokens,hits,positions\n\
         0,2023-01-02,a0.txt,Cats,6,2,0.1600; 0.6800\n\
         1,2023-01-09,a1.txt,Dogs,10,1,0.4419\n"
    );
    let text = std::fs::read_to_string(&svg).expect("dispersion.svg");
    assert!(
        text.contains("<title>Dispersion of &quot;cat&quot;</title>"),
        "{text}"
    );
    assert_eq!(text.matches("class=\"hit\"").count(), 3);
    let bytes = std::fs::read(&png).expect("dispersion.png");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: the SVG's 800 units wide, drawn at 2x.
    let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    assert_eq!(width, 1600);
}
