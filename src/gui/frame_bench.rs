//! Frame-time benchmark of the desktop app: with a corpus loaded, draw every view headless and
//! time each frame's CPU work (the app's UI code, egui layout, and tessellation into triangles).
//! GPU upload and painting are not included: they depend on the driver, not on the corpus.
//!
//! Every view is shown, its background work (filtering, searches) is let finish, and then frames
//! are drawn while the pointer sweeps the window (hover tooltips on charts, row highlights in
//! tables), once without a filter and once with a date-range filter applied.

use std::time::{Duration, Instant};

use egui::{Event, Pos2, RawInput, Rect, pos2, vec2};

use super::{App, Command, View};
use crate::analysis::Analysis;
use crate::analysis::filter::Filter;
use crate::model::Corpus;

/// Frame times of one view.
#[derive(Clone, Debug)]
pub struct ViewFrames {
    pub view: &'static str,
    /// Whether a date-range filter was applied.
    pub filtered: bool,
    pub frames: usize,
    /// The first frame after switching to the view (it may build caches).
    pub first_ms: f64,
    pub median_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    /// Triangle vertices of the last frame (what was drawn, to tell an empty view).
    pub vertices: usize,
}

const SIZE: egui::Vec2 = vec2(1280.0, 820.0);

/// One frame's input: the window size, time, and the pointer at `pointer`.
fn input(frame: usize, pointer: Pos2) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SIZE)),
        time: Some(frame as f64 / 60.0),
        predicted_dt: 1.0 / 60.0,
        events: vec![Event::PointerMoved(pointer)],
        focused: true,
        ..RawInput::default()
    }
}

/// Draw one frame and tessellate it; returns its wall time in milliseconds and the number of
/// vertices drawn.
fn frame(ctx: &egui::Context, app: &mut App, n: usize, pointer: Pos2) -> (f64, usize) {
    let t = Instant::now();
    let mut out = ctx.run_ui(input(n, pointer), |ui| app.frame(ui));
    // No GPU here: texture uploads (the font atlas) are dropped, not applied.
    out.textures_delta.clear();
    let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
    let ms = t.elapsed().as_secs_f64() * 1e3;
    let vertices = prims
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum();
    (ms, vertices)
}

/// Where the pointer is on frame `i` of `n`: a sweep across the central area, row by row.
fn sweep(i: usize, n: usize) -> Pos2 {
    let cols = 12usize;
    let rows = n.div_ceil(cols).max(1);
    let (c, r) = (i % cols, i / cols);
    pos2(
        60.0 + (SIZE.x - 120.0) * c as f32 / (cols - 1) as f32,
        140.0 + (SIZE.y - 220.0) * r as f32 / rows.max(2).saturating_sub(1) as f32,
    )
}

/// Draw until the view's background work has finished; returns the first frame's time.
fn settle(ctx: &egui::Context, app: &mut App, n: &mut usize) -> f64 {
    let mut first = None;
    for _ in 0..20 {
        let (t, _) = frame(ctx, app, *n, pos2(5.0, 5.0));
        first.get_or_insert(t);
        *n += 1;
        if !app.is_busy() {
            break;
        }
        app.wait_for_jobs(Duration::from_secs(60));
    }
    frame(ctx, app, *n, pos2(5.0, 5.0));
    *n += 1;
    first.unwrap_or(0.0)
}

/// `n` counts frames over the whole run (egui's clock must not go backwards).
fn measure(
    ctx: &egui::Context,
    app: &mut App,
    n: &mut usize,
    view: View,
    frames: usize,
    filtered: bool,
) -> ViewFrames {
    app.set_view(view);
    let first_ms = settle(ctx, app, n);
    let mut vertices = 0;
    let mut times: Vec<f64> = (0..frames)
        .map(|i| {
            let (t, v) = frame(ctx, app, *n + i, sweep(i, frames));
            vertices = v;
            // A frame may start background work; let it finish before the next one.
            app.wait_for_jobs(Duration::from_secs(60));
            t
        })
        .collect();
    *n += frames;
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    ViewFrames {
        view: view.label(),
        filtered,
        frames,
        first_ms,
        median_ms: at(0.5),
        p95_ms: at(0.95),
        max_ms: times.last().copied().unwrap_or(0.0),
        vertices,
    }
}

/// Time `frames` frames of every view over `corpus`, first unfiltered, then with `filter`
/// applied (when given).
pub fn frame_times(
    corpus: Corpus,
    analysis: Analysis,
    frames: usize,
    filter: Option<Filter>,
) -> Vec<ViewFrames> {
    let frames = frames.max(1);
    let ctx = egui::Context::default();
    let mut app = App::with_corpus(corpus, analysis);
    let mut n = 0;
    let mut out: Vec<ViewFrames> = View::ALL
        .into_iter()
        .map(|v| measure(&ctx, &mut app, &mut n, v, frames, false))
        .collect();
    if let Some(f) = filter {
        app.commands.push(Command::ApplyFilter(f));
        let _ = settle(&ctx, &mut app, &mut n);
        out.extend(
            View::ALL
                .into_iter()
                .map(|v| measure(&ctx, &mut app, &mut n, v, frames, true)),
        );
    }
    out
}

/// The table printed by `lexiscope bench ui`.
pub fn render(rows: &[ViewFrames]) -> String {
    use std::fmt::Write as _;
    let mut s = format!(
        "{:<13} {:>6} {:>9} {:>7} {:>10} {:>9} {:>9} {:>10}\n",
        "view", "filter", "first ms", "frames", "median ms", "p95 ms", "max ms", "vertices"
    );
    for r in rows {
        let _ = writeln!(
            s,
            "{:<13} {:>6} {:>9.2} {:>7} {:>10.2} {:>9.2} {:>9.2} {:>10}",
            r.view,
            if r.filtered { "dates" } else { "none" },
            r.first_ms,
            r.frames,
            r.median_ms,
            r.p95_ms,
            r.max_ms,
            r.vertices
        );
    }
    s
}
