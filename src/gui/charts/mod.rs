//! Shared chart helpers over egui_plot: bar charts (vertical for periods, horizontal for ranked
//! terms and entities), line charts with exact hover values, the chart toolbar (reset view,
//! export CSV, save PNG), decimation before drawing, number formatting and the entity colours.
//!
//! Charts are drawn from data the panels cached; nothing here computes statistics.

use std::sync::Arc;

use egui::{Color32, Rect, Ui};
use egui_plot::{
    Bar, BarChart, GridMark, HoverPosition, Legend, Line, MarkerShape, Plot, PlotPoints, Points,
};

use crate::analysis::EntityKind;

mod export;
mod periods;

pub use export::{lines_spec, period_bars_spec, ranked_spec};
pub use periods::{Brush, brush_toggle_ui, period_bars_ui};

/// `3824` → `3,824`.
pub fn fmt_int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A float with a sensible number of decimals for tables and tooltips.
pub fn fmt_f(x: f64) -> String {
    if !x.is_finite() {
        "–".to_owned()
    } else if x.abs() >= 100.0 {
        format!("{x:.1}")
    } else if x.abs() >= 1.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.3}")
    }
}

/// The colour of an entity type, readable on both themes.
pub fn kind_color(kind: EntityKind, dark: bool) -> Color32 {
    match (kind, dark) {
        (EntityKind::Person, false) => Color32::from_rgb(0x1f, 0x6f, 0xc5),
        (EntityKind::Person, true) => Color32::from_rgb(0x6a, 0xb0, 0xff),
        (EntityKind::Organization, false) => Color32::from_rgb(0xc2, 0x5b, 0x00),
        (EntityKind::Organization, true) => Color32::from_rgb(0xff, 0xa5, 0x4c),
        (EntityKind::Location, false) => Color32::from_rgb(0x1b, 0x8a, 0x3c),
        (EntityKind::Location, true) => Color32::from_rgb(0x5c, 0xd6, 0x7f),
        (EntityKind::Misc, false) => Color32::from_rgb(0x6b, 0x6b, 0x6b),
        (EntityKind::Misc, true) => Color32::from_rgb(0xb0, 0xb0, 0xb0),
    }
}

/// Line colours for trend series, cycled.
pub fn series_color(i: usize) -> Color32 {
    const COLORS: [Color32; 8] = [
        Color32::from_rgb(0x1f, 0x77, 0xb4),
        Color32::from_rgb(0xff, 0x7f, 0x0e),
        Color32::from_rgb(0x2c, 0xa0, 0x2c),
        Color32::from_rgb(0xd6, 0x27, 0x28),
        Color32::from_rgb(0x94, 0x67, 0xbd),
        Color32::from_rgb(0x8c, 0x56, 0x4b),
        Color32::from_rgb(0xe3, 0x77, 0xc2),
        Color32::from_rgb(0x17, 0xbe, 0xcf),
    ];
    COLORS[i % COLORS.len()]
}

/// The bar colour of plain (untyped) charts.
pub fn bar_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x6a, 0x9e, 0xe8)
    } else {
        Color32::from_rgb(0x3a, 0x6e, 0xc0)
    }
}

/// What the user asked for in a chart's toolbar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChartActions {
    pub reset: bool,
    pub export_csv: bool,
    pub save_png: bool,
    pub save_svg: bool,
}

/// The toolbar above a chart: a title, then "Reset", "CSV…", "PNG…" and "SVG…". `id`
/// keeps the button labels unique for tests ("Export CSV… (terms chart)" is the hover text).
pub fn chart_toolbar_ui(ui: &mut Ui, title: &str) -> ChartActions {
    let mut a = ChartActions::default();
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            a.save_svg = ui
                .small_button("SVG…")
                .on_hover_text(format!(
                    "Save the {title} chart as an SVG vector image (title, axes, legend; text stays text)"
                ))
                .clicked();
            a.save_png = ui
                .small_button("PNG…")
                .on_hover_text(format!(
                    "Save the {title} chart as a PNG image at 2x (title, axes, legend)"
                ))
                .clicked();
            a.export_csv = ui
                .small_button("CSV…")
                .on_hover_text(format!("Export the rows behind the {title} chart as CSV"))
                .clicked();
            a.reset = ui
                .small_button("Reset")
                .on_hover_text("Reset view (or double-click the chart)")
                .clicked();
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(egui::Label::new(egui::RichText::new(title).strong()).truncate());
            });
        });
    });
    a
}

/// One bar of a chart, with the exact text shown on hover.
#[derive(Clone, Debug, PartialEq)]
pub struct BarSpec {
    pub value: f64,
    /// Axis label (term, period).
    pub label: String,
    /// Hover text with exact values.
    pub tooltip: String,
    pub color: Color32,
}

/// What happened in a chart this frame.
#[derive(Clone, Copy, Debug, Default)]
pub struct ChartResponse {
    /// The index of the bar or point the user clicked.
    pub clicked: Option<usize>,
    /// Where the chart was drawn (for PNG export).
    pub rect: Option<Rect>,
    /// The periods `lo..=hi` a brush selected (period charts).
    pub brushed: Option<(usize, usize)>,
    /// The plot's visible range after this frame, `[x_min, x_max, y_min, y_max]` (period
    /// charts).
    pub bounds: Option<[f64; 4]>,
}

/// Label for a category axis: the label at an integer mark, nothing between marks.
fn category_label(labels: &[String], mark: GridMark) -> String {
    let v = mark.value;
    if (v - v.round()).abs() > 1e-6 || v < 0.0 {
        return String::new();
    }
    labels.get(v.round() as usize).cloned().unwrap_or_default()
}

/// Like [`category_label`], reading the labels of bars.
fn category_label_of(bars: &[BarSpec], mark: GridMark) -> String {
    let v = mark.value;
    if (v - v.round()).abs() > 1e-6 || v < 0.0 {
        return String::new();
    }
    bars.get(v.round() as usize)
        .map(|b| b.label.clone())
        .unwrap_or_default()
}

/// Grid marks at every integer inside the bounds, with a step that grows when zoomed out so
/// labels never pile up.
fn integer_marks(bounds: (f64, f64), max_marks: f64) -> Vec<GridMark> {
    let (lo, hi) = (bounds.0.max(0.0).floor(), bounds.1.ceil());
    let span = (hi - lo).max(1.0);
    let (mut step, mut k) = (1.0, 0);
    while span / step > max_marks.max(1.0) {
        k += 1;
        step = [1.0, 2.0, 5.0][k % 3] * 10f64.powi((k / 3) as i32);
    }
    let mut out = Vec::new();
    let mut v = (lo / step).floor() * step;
    while v <= hi {
        if v >= 0.0 {
            out.push(GridMark {
                value: v,
                step_size: step,
            });
        }
        v += step;
    }
    out
}

/// Grid marks at round values (1, 2 or 5 × 10^k apart) across the bounds, negative values
/// included, at most about `max_marks` of them: the value axis of bar charts.
fn value_marks(bounds: (f64, f64), max_marks: f64) -> Vec<GridMark> {
    let (lo, hi) = bounds;
    let span = hi - lo;
    if !span.is_finite() || span <= 0.0 {
        return Vec::new();
    }
    let raw = span / max_marks.max(1.0);
    let base = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * base)
        .find(|&st| st >= raw)
        .unwrap_or(10.0 * base);
    // Integer multiples of the step: no drift from adding it up.
    let (first, last) = ((lo / step).ceil() as i64, (hi / step).floor() as i64);
    (first..=last.min(first + 1000))
        .map(|k| GridMark {
            value: k as f64 * step,
            step_size: step,
        })
        .collect()
}

/// A value axis label: thousands as `12k`, millions as `1.5M`, small values as written.
pub fn compact_number(v: f64) -> String {
    let a = v.abs();
    let (x, unit) = if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e4 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let rounded = (x * 10.0).round() / 10.0;
    if (rounded - rounded.round()).abs() < 1e-9 {
        format!("{}{unit}", rounded.round() as i64)
    } else {
        format!("{rounded:.1}{unit}")
    }
}

/// Height of one bar of a ranked chart, so that every label is legible.
const RANKED_ROW: f32 = 20.0;

/// How many ranked bars fit in a chart of this height with a legible label each.
pub fn ranked_capacity(height: f32) -> usize {
    (((height - 40.0) / RANKED_ROW).floor() as usize).max(3)
}

/// A horizontal bar chart of ranked items (top terms, top entities): the first bar on top, its
/// label on the y axis. Clicking a bar returns its index.
pub fn ranked_bars_ui(
    ui: &mut Ui,
    id: &str,
    bars: &[BarSpec],
    value_axis: &str,
    reset: bool,
    height: f32,
) -> ChartResponse {
    let n = bars.len();
    let labels: Vec<String> = bars.iter().rev().map(|b| b.label.clone()).collect();
    let chart_bars: Vec<Bar> = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            Bar::new((n - 1 - i) as f64, b.value)
                .width(0.75)
                .fill(b.color)
                .name(&b.tooltip)
        })
        .collect();
    let label_width = labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 24) as f32
        * 7.0;
    let y_axis = egui_plot::AxisHints::new_y()
        .min_thickness(label_width)
        .label_spacing(12.0..=16.0)
        .formatter(move |mark, _| category_label(&labels, mark));
    let width = ui.available_width().max(100.0);
    let x_axis = egui_plot::AxisHints::new_x()
        .label(value_axis)
        .formatter(|mark, _| compact_number(mark.value));
    let mut plot = Plot::new(id)
        .height(height)
        .allow_scroll(false)
        .show_grid([true, false])
        .custom_x_axes(vec![x_axis])
        .x_grid_spacer(move |input| value_marks(input.bounds, ((width - 80.0) / 55.0) as f64))
        .include_x(0.0)
        .include_y(-0.5)
        .include_y(n as f64 - 0.5)
        .custom_y_axes(vec![y_axis])
        .y_grid_spacer(move |input| integer_marks(input.bounds, (height / RANKED_ROW) as f64))
        .label_formatter(|_| None);
    if reset {
        plot = plot.reset();
    }
    let chart = BarChart::new(id, chart_bars)
        .horizontal()
        .element_formatter(Box::new(|bar, _| bar.name.clone()));
    let scoped = ui.scope(|ui| {
        plot.show(ui, |plot_ui| {
            plot_ui.bar_chart(chart);
            plot_ui.pointer_coordinate()
        })
    });
    let resp = scoped.inner;
    let mut out = ChartResponse {
        rect: Some(scoped.response.rect),
        ..ChartResponse::default()
    };
    if resp.response.clicked()
        && let Some(p) = resp.inner
    {
        let row = p.y.round();
        if (p.y - row).abs() <= 0.4 && row >= 0.0 && (row as usize) < n {
            out.clicked = Some(n - 1 - row as usize);
        }
    }
    out
}

/// Keep at most about `max_points` points of a series (x = index): the maximum of each bucket,
/// at the bucket's arg-max, so peaks survive.
pub fn decimate_max(values: &[f64], max_points: usize) -> Vec<[f64; 2]> {
    let points: Vec<[f64; 2]> = values
        .iter()
        .enumerate()
        .map(|(i, v)| [i as f64, *v])
        .collect();
    decimate_points(points, max_points)
}

/// [`decimate_max`] for points with their own x.
pub fn decimate_points(points: Vec<[f64; 2]>, max_points: usize) -> Vec<[f64; 2]> {
    let max_points = max_points.max(2);
    if points.len() <= max_points {
        return points;
    }
    let bucket = points.len().div_ceil(max_points);
    points
        .chunks(bucket)
        .filter_map(|chunk| {
            chunk
                .iter()
                .copied()
                .reduce(|best, p| if p[1] > best[1] { p } else { best })
        })
        .collect()
}

/// One line of a line chart.
pub struct LineSeries {
    pub name: String,
    pub color: Color32,
    /// (x, y) points; x is a period index for trends.
    pub points: Vec<[f64; 2]>,
}

/// A mark on a line chart: a triangle pointing up (rising) or down (falling) at a period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineMarker {
    pub x: f64,
    pub y: f64,
    pub rising: bool,
    pub color: Color32,
}

/// Split a line at its gaps (points whose y is NaN: periods without articles), so that a line
/// never bridges a period with nothing in it.
pub fn line_segments(points: &[[f64; 2]]) -> Vec<&[[f64; 2]]> {
    points
        .split(|p| p[1].is_nan())
        .filter(|run| !run.is_empty())
        .collect()
}

/// A line chart over periods with a legend; hovering shows `hover(series, x index)`. Clicking
/// returns the period index nearest the pointer. `markers` are drawn over the lines.
#[allow(clippy::too_many_arguments)]
pub fn period_lines_ui(
    ui: &mut Ui,
    id: &str,
    series: &[LineSeries],
    period_labels: &Arc<Vec<String>>,
    value_axis: &str,
    reset: bool,
    height: f32,
    markers: &[LineMarker],
    hover: impl Fn(&str, usize) -> Option<String>,
) -> ChartResponse {
    let labels = period_labels.clone();
    let width = ui.available_width().max(100.0);
    let mut plot = Plot::new(id)
        .height(height)
        .allow_scroll(false)
        // Time runs along x: zoom and pan along time only.
        .allow_zoom([true, false])
        .allow_boxed_zoom(false)
        .allow_drag([true, false])
        .legend(Legend::default())
        .y_axis_label(value_axis)
        .include_y(0.0)
        .x_grid_spacer(move |input| integer_marks(input.bounds, (width / 90.0) as f64))
        .x_axis_formatter(move |mark, _| category_label(&labels, mark))
        .label_formatter(|pos| match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => {
                let i = position.x.round();
                if i < 0.0 {
                    return None;
                }
                hover(plot_name, i as usize)
            }
            HoverPosition::Elsewhere { .. } => None,
        });
    if reset {
        plot = plot.reset();
    }
    let scoped = ui.scope(|ui| {
        plot.show(ui, |plot_ui| {
            for s in series {
                // One legend entry per series: its segments share the name.
                for run in line_segments(&s.points) {
                    if let [only] = run {
                        // A period between two gaps: a dot, or it would not show at all.
                        plot_ui.points(
                            Points::new(s.name.clone(), vec![*only])
                                .radius(3.0)
                                .color(s.color),
                        );
                    } else {
                        plot_ui.line(
                            Line::new(s.name.clone(), PlotPoints::from(run.to_vec()))
                                .color(s.color)
                                .width(2.0),
                        );
                    }
                }
            }
            for m in markers {
                let shape = if m.rising {
                    MarkerShape::Up
                } else {
                    MarkerShape::Down
                };
                // No name: the marks explain themselves in the list beside the chart and stay
                // out of the legend; the line under them answers hovering.
                plot_ui.points(
                    Points::new("", vec![[m.x, m.y]])
                        .shape(shape)
                        .filled(true)
                        .radius(6.0)
                        .color(m.color)
                        .allow_hover(false),
                );
            }
            plot_ui.pointer_coordinate()
        })
    });
    let resp = scoped.inner;
    let mut out = ChartResponse {
        rect: Some(scoped.response.rect),
        ..ChartResponse::default()
    };
    if resp.response.clicked()
        && let Some(p) = resp.inner
    {
        let i = p.x.round();
        if i >= 0.0 && (i as usize) < period_labels.len() {
            out.clicked = Some(i as usize);
        }
    }
    out
}

/// Centred moving average over `window` points (1 = no smoothing).
pub fn moving_average(values: &[f64], window: usize) -> Vec<f64> {
    if window <= 1 || values.is_empty() {
        return values.to_vec();
    }
    let half = window / 2;
    let mut prefix = Vec::with_capacity(values.len() + 1);
    prefix.push(0.0);
    for v in values {
        prefix.push(prefix.last().copied().unwrap_or(0.0) + v);
    }
    (0..values.len())
        .map(|i| {
            let lo = i.saturating_sub(half);
            let hi = (i + window - half).min(values.len());
            (prefix[hi] - prefix[lo]) / (hi - lo) as f64
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(fmt_int(0), "0");
        assert_eq!(fmt_int(999), "999");
        assert_eq!(fmt_int(3824), "3,824");
        assert_eq!(fmt_int(1_234_567), "1,234,567");
    }

    #[test]
    fn decimation_keeps_peaks() {
        let mut v = vec![1.0; 10_000];
        v[4321] = 50.0;
        let d = decimate_max(&v, 100);
        assert!(d.len() <= 100);
        assert!(d.iter().any(|p| p == &[4321.0, 50.0]));
    }

    #[test]
    fn moving_average_by_hand() {
        assert_eq!(moving_average(&[1.0, 2.0, 3.0], 1), [1.0, 2.0, 3.0]);
        // Window 3: [1,2]/2, [1,2,3]/3, [2,3]/2.
        assert_eq!(moving_average(&[1.0, 2.0, 3.0], 3), [1.5, 2.0, 2.5]);
    }

    #[test]
    fn brush_covers_the_periods_under_the_drag() {
        assert_eq!(Brush::periods(1.2, 3.6, 10), Some((1, 4)));
        assert_eq!(Brush::periods(3.6, 1.2, 10), Some((1, 4)));
        assert_eq!(Brush::periods(-3.0, 0.2, 10), Some((0, 0)));
        assert_eq!(Brush::periods(8.0, 40.0, 10), Some((8, 9)));
        assert_eq!(Brush::periods(12.0, 40.0, 10), None);
        assert_eq!(Brush::periods(0.0, 1.0, 0), None);
    }

    #[test]
    fn value_marks_are_round_and_cover_signed_ranges() {
        let at = |b, n| -> Vec<f64> { value_marks(b, n).iter().map(|m| m.value).collect() };
        assert_eq!(at((0.0, 7729.0), 3.0), [0.0, 5000.0]);
        assert_eq!(at((0.0, 7729.0), 5.0), [0.0, 2000.0, 4000.0, 6000.0]);
        assert_eq!(at((-60.0, 520.0), 4.0), [0.0, 200.0, 400.0]);
        assert_eq!(at((-0.3, 0.25), 5.0), [-0.2, 0.0, 0.2]);
        assert!(value_marks((1.0, 1.0), 4.0).is_empty());
        assert_eq!(compact_number(7000.0), "7000");
        assert_eq!(compact_number(12_400.0), "12.4k");
        assert_eq!(compact_number(-25_000.0), "-25k");
        assert_eq!(compact_number(1_500_000.0), "1.5M");
        assert_eq!(compact_number(0.5), "0.5");
    }

    #[test]
    fn integer_marks_thin_out() {
        let m = integer_marks((0.0, 10.0), 20.0);
        assert_eq!(m.len(), 11);
        let m = integer_marks((0.0, 1000.0), 10.0);
        assert!(m.len() <= 11, "{}", m.len());
    }

    #[test]
    fn lines_break_at_gaps() {
        let nan = f64::NAN;
        let pts = [
            [0.0, 1.0],
            [1.0, 2.0],
            [2.0, nan],
            [3.0, 4.0],
            [4.0, nan],
            [5.0, nan],
        ];
        let runs = line_segments(&pts);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0], &[[0.0, 1.0], [1.0, 2.0]]);
        assert_eq!(runs[1], &[[3.0, 4.0]]);
    }
}
