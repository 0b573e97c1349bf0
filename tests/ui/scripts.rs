//! UI tests of languages and scripts: the Overview's language block on the multilingual fixture,
//! and CJK and Arabic text drawn with real glyphs (not the missing-glyph box) once the system
//! fallback fonts are installed, where the machine has them.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lexiscope::analysis::{AnalysisSettings, analyze};
use lexiscope::gui::App;
use lexiscope::import::{ImportOptions, import_paths};
use lexiscope::jobs::{CancelToken, Progress};

use crate::helpers::{harness, settle};

fn languages_app() -> App {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/languages");
    let corpus = import_paths(
        &[dir],
        &ImportOptions::default(),
        &Progress::default(),
        &CancelToken::new(),
    )
    .expect("not cancelled");
    let a = analyze(
        &corpus,
        &AnalysisSettings::default(),
        &Progress::default(),
        &CancelToken::new(),
    )
    .expect("analysis runs");
    App::with_corpus(corpus, a)
}

#[test]
fn overview_shows_the_language_mix_the_lists_and_the_entity_note() {
    // Arabic and CJK titles without the system fonts draw as boxes here; the glyph test checks them.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1300.0, 850.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut App| app.frame(ui), languages_app());
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Languages: German (de) 2")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("de: stopwords german, stemmer none")
            .is_some()
    );
    // Nine articles in languages other than English (und excepted) have no entities.
    assert!(
        h.query_by_label_contains("Entities: English articles only (9 articles")
            .is_some()
    );
}

/// The atlas cell (min and max texel corners) the first glyph of `text` is drawn from.
fn glyph_cell(ctx: &egui::Context, text: &str) -> ([u16; 2], [u16; 2]) {
    let galley = ctx.fonts_mut(|f| {
        f.layout_no_wrap(
            text.to_owned(),
            egui::FontId::proportional(24.0),
            egui::Color32::WHITE,
        )
    });
    let uv = galley.rows[0].row.glyphs[0].uv_rect;
    (uv.min, uv.max)
}

#[test]
fn cjk_and_arabic_draw_real_glyphs_where_fonts_are_installed() {
    let mut h = harness(App::new_for_test());
    h.run();
    let ctx = h.ctx.clone();
    let loaded = lexiscope::gui::fonts::install(&ctx);
    h.run();
    let font = egui::FontId::proportional(24.0);
    let has = |c: char| ctx.fonts_mut(|f| f.has_glyph(&font, c));
    if !has('中') || !has('ع') {
        println!(
            "note: skipped, no installed CJK or Arabic font (loaded {loaded:?}); \
             install fonts-noto-cjk and fonts-dejavu-core"
        );
        return;
    }
    // A private-use character no font draws comes out as the missing-glyph box ("tofu"; kittest
    // panics on it unless told otherwise); real letters of each script come from their own,
    // different atlas cells.
    ctx.set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    h.run();
    let missing = glyph_cell(&ctx, "\u{E000}");
    ctx.set_missing_glyph_policy(egui::MissingGlyphPolicy::Panic);
    h.run();
    let cells: Vec<([u16; 2], [u16; 2])> = ["中", "語", "ع", "ب", "あ"]
        .iter()
        .map(|t| glyph_cell(&ctx, t))
        .collect();
    for (i, cell) in cells.iter().enumerate() {
        assert_ne!(*cell, missing, "glyph {i} is the missing-glyph box");
        assert!(cell.0 != cell.1, "glyph {i} is empty");
    }
    for i in 0..cells.len() {
        for j in i + 1..cells.len() {
            assert_ne!(cells[i], cells[j], "glyphs {i} and {j} share a cell");
        }
    }
}
