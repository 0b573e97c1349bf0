//! The cleaning report in the Problems view, the copies list of the reader, and the cleaning
//! switch of the settings window, on the scraped-news fixture (three wire stories in 4, 3 and 3
//! copies; a promo line, a share bar and a copyright line).

use std::path::PathBuf;
use std::time::Duration;

use egui_kittest::kittest::Queryable;
use lexiscope::gui::App;

use crate::helpers::{app, harness};

fn open_scraped(h: &mut egui_kittest::Harness<'static, App>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scraped");
    h.state_mut().open_paths(vec![path]);
    assert!(h.state_mut().wait_for_jobs(Duration::from_secs(60)));
    for _ in 0..3 {
        h.step();
        assert!(h.state_mut().wait_for_jobs(Duration::from_secs(20)));
    }
    h.run_steps(8);
}

#[test]
fn problems_view_lists_the_boilerplate_removed() {
    let mut h = harness(app());
    open_scraped(&mut h);
    h.get_by_label("Problems (0)").click();
    h.run();
    h.get_by_label(
        "3 boilerplate lines removed (32 times, 1,786 bytes), 7 bylines, 10 datelines · 0 \
         exact-duplicate groups · 3 near-duplicate clusters (7 copies dropped)",
    );
    h.get_by_label("sign up for the morning digest newsletter");
    h.get_by_label("12");
    h.get_by_label("share this story: facebook | twitter | email");
}

#[test]
fn the_reader_lists_the_copies_of_an_article() {
    let mut h = harness(app());
    open_scraped(&mut h);
    h.get_by_label("Documents").click();
    h.run();
    h.get_by_label("Egypt and Ethiopia resume Nile dam talks")
        .click();
    h.run();
    h.get_by_label("Copies of this article (3)");
    // The three dropped copies, by headline, with their similarity.
    h.get_by_label("Nile dam talks to restart");
    h.get_by_label("Dam talks back on");
    h.get_by_label("Egypt, Ethiopia agree to talk");
    h.get_by_label("97% similar");
    assert_eq!(h.query_all_by_label("91% similar").count(), 2);
    assert_eq!(h.query_all_by_label("(dropped: counted once)").count(), 3);
    // A local story has no copies.
    h.get_by_label("Ferry timetable changes in January").click();
    h.run();
    assert!(
        h.query_by_label_contains("Copies of this article")
            .is_none()
    );
}

#[test]
fn the_settings_switch_keeps_boilerplate_and_copies() {
    let mut h = harness(app());
    open_scraped(&mut h);
    assert_eq!(h.state().corpus().articles.len(), 11);
    h.get_by_label("Settings…").click();
    h.run();
    h.get_by_label("Remove boilerplate lines, bylines and datelines")
        .click();
    h.get_by_label("Count a cluster of copies once").click();
    h.run();
    h.get_by_label("Apply and re-analyse").click();
    h.step();
    assert!(h.state_mut().wait_for_jobs(Duration::from_secs(60)));
    for _ in 0..3 {
        h.step();
        assert!(h.state_mut().wait_for_jobs(Duration::from_secs(20)));
    }
    h.run_steps(8);
    let c = &h.state().corpus().report.cleaning;
    assert!(c.options.keep_boilerplate && c.options.keep_near_duplicates);
    assert!(c.boilerplate.is_empty());
    // Every copy is counted again.
    assert_eq!(h.state().corpus().articles.len(), 18);
    h.get_by_label("Problems (0)").click();
    h.run();
    h.get_by_label_contains("boilerplate kept (switched off)");
}
