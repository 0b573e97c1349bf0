//! Layout at the smallest supported window, 1024×700, on the bundled sample (real entities, a
//! network, long speeches): every view's key widgets are on screen and none overlaps another.

use std::path::PathBuf;
use std::time::Duration;

use egui::Rect;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lexiscope::gui::App;

use crate::helpers::{settle, type_into};

const SIZE: egui::Vec2 = egui::vec2(1024.0, 700.0);

fn sample_harness() -> Harness<'static, App> {
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let mut app = App::new_for_test();
    app.open_paths(vec![sample]);
    assert!(
        app.wait_for_jobs(Duration::from_secs(300)),
        "the sample loads"
    );
    let mut h = Harness::builder()
        .with_size(SIZE)
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut App| app.frame(ui), app);
    h.run();
    h
}

/// The rect of the one widget labelled `label` (or, for `~text`, whose label contains `text`),
/// checked to lie wholly inside the window.
fn on_screen(h: &Harness<'static, App>, label: &str) -> Rect {
    let r = match label.strip_prefix('~') {
        Some(part) => h.get_by_label_contains(part).rect(),
        None => h.get_by_label(label).rect(),
    };
    let screen = Rect::from_min_size(egui::Pos2::ZERO, SIZE);
    assert!(
        screen.expand(0.5).contains_rect(r),
        "{label:?} at {r:?} is not wholly inside the {SIZE:?} window"
    );
    r
}

/// Every pair of the named widgets is apart (touching edges allowed).
fn apart(h: &Harness<'static, App>, labels: &[&str]) {
    let rects: Vec<(&str, Rect)> = labels.iter().map(|l| (*l, on_screen(h, l))).collect();
    for (i, (a, ra)) in rects.iter().enumerate() {
        for (b, rb) in &rects[i + 1..] {
            let overlap = ra.shrink(0.5).intersect(rb.shrink(0.5));
            assert!(
                !overlap.is_positive(),
                "{a:?} at {ra:?} overlaps {b:?} at {rb:?}"
            );
        }
    }
}

fn open_view(h: &mut Harness<'static, App>, view: &str) {
    h.get_by_label(view).click();
    settle(h);
}

#[test]
fn every_view_fits_a_1024_by_700_window() {
    let mut h = sample_harness();
    // Overview: the summary and the top lists side by side or stacked, never on top of each
    // other (three equal columns put "mean … · median …" across the top terms).
    apart(
        &h,
        &[
            "Tokens per article",
            "mean 8044.7 · median 7096.0",
            "Top terms",
            "Top entities",
            "Near-duplicate copies",
        ],
    );

    open_view(&mut h, "Words");
    apart(&h, &["Find term", "DP", "Export CSV…", "~Top "]);

    open_view(&mut h, "Entities");
    let network = on_screen(&h, "Co-occurrence network");
    assert!(network.width() >= 300.0, "network squeezed to {network:?}");
    apart(&h, &["Co-occurrence network", "First seen", "Find entity"]);
    h.get_by_label("United States").click();
    h.run();
    let network = on_screen(&h, "Co-occurrence network");
    assert!(network.width() >= 200.0, "network squeezed to {network:?}");
    apart(
        &h,
        &["Co-occurrence network", "First seen", "Close details ×"],
    );
    // The details panel starts right of the network (it once covered its right half).
    let details = on_screen(&h, "Close details ×");
    assert!(
        network.max.x <= details.min.x,
        "the network {network:?} runs under the details panel {details:?}"
    );
    h.get_by_label("Close details ×").click();
    h.run();
    assert!(on_screen(&h, "Co-occurrence network").width() >= 300.0);

    open_view(&mut h, "Timeline");
    apart(
        &h,
        &["Articles per year", "Trends", "Rising and falling, by year"],
    );

    // Keyness of the war years: G², p and the log ratio stay on screen beside the chart.
    type_into(&mut h, "Query", "war");
    h.get_by_label("Apply filter").click();
    settle(&mut h);
    open_view(&mut h, "Keyness");
    apart(
        &h,
        &[
            "p",
            "Sig.",
            "All columns",
            "Over- and under-represented (G²)",
        ],
    );
    for node in h.query_all_by_label("Log ratio") {
        assert!(
            node.rect().max.x <= SIZE.x,
            "Log ratio at {:?}",
            node.rect()
        );
    }

    open_view(&mut h, "Documents");
    apart(
        &h,
        &[
            "Find article",
            "Tokens",
            "Select an article in the list to read it.",
        ],
    );

    open_view(&mut h, "Concordance");
    apart(&h, &["Search words", "Search"]);
}
