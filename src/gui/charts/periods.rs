//! Period charts: vertical bars over the periods of a timeline (decimated to a line when there
//! are very many), with a click on a bar and a drag-to-select brush that filters every view.

use std::sync::Arc;

use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, HoverPosition, Line, Plot, PlotPoints};

use super::{BarSpec, ChartResponse, category_label_of, decimate_max, fmt_int, integer_marks};

/// Drag-to-select on a period chart: on while the "Brush" toggle is on or Shift is held (so a
/// plain drag still pans); the dragged range of periods is returned when the drag ends.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Brush {
    pub enabled: bool,
    /// Plot x where the drag started and where it is now.
    drag: Option<(f64, f64)>,
}

impl Brush {
    /// The period indices `lo..=hi` covered by a drag from plot x `a` to `b` over `n` periods,
    /// or `None` when the drag misses every period.
    pub fn periods(a: f64, b: f64, n: usize) -> Option<(usize, usize)> {
        let (lo, hi) = (a.min(b).round(), a.max(b).round());
        if n == 0 || hi < 0.0 || lo > (n - 1) as f64 {
            return None;
        }
        let lo = lo.max(0.0) as usize;
        let hi = (hi as usize).min(n - 1);
        Some((lo, hi))
    }
}

/// A "Brush" toggle for a chart toolbar.
pub fn brush_toggle_ui(ui: &mut Ui, brush: &mut Brush) {
    ui.toggle_value(&mut brush.enabled, "Brush")
        .on_hover_text("Drag across the chart to filter every view to those periods (or hold Shift while dragging)");
}

/// A vertical bar chart over periods (x = period index, labelled on the axis). Very long series
/// are drawn as a decimated line (the maximum of each bucket, so spikes stay visible) with exact
/// values on hover. Clicking a bar returns its period index.
pub fn period_bars_ui(
    ui: &mut Ui,
    id: &str,
    bars: &Arc<Vec<BarSpec>>,
    value_axis: &str,
    reset: bool,
    height: f32,
    brush: &mut Brush,
) -> ChartResponse {
    const MAX_BARS: usize = 1500;
    let brushing = brush.enabled || ui.input(|i| i.modifiers.shift);
    let dragged = brush.drag;
    let n = bars.len();
    let labels = bars.clone();
    let width = ui.available_width().max(100.0);
    let mut plot = Plot::new(id)
        .height(height)
        .allow_scroll(false)
        .y_axis_label(value_axis)
        .include_y(0.0)
        .y_axis_formatter(|mark, _| {
            // Counts: whole numbers only.
            if mark.value.fract().abs() < 1e-9 && mark.value >= 0.0 {
                fmt_int(mark.value as u64)
            } else {
                String::new()
            }
        })
        .x_grid_spacer(move |input| integer_marks(input.bounds, (width / 90.0) as f64))
        .x_axis_formatter(move |mark, _| category_label_of(&labels, mark))
        // Time charts zoom and pan along time only, so bars keep their baseline.
        .allow_zoom([true, false])
        .allow_boxed_zoom(false)
        .allow_drag([!brushing, false]);
    if reset {
        plot = plot.reset();
    }
    let brush_color = ui.visuals().selection.bg_fill;
    let draw_brush = move |plot_ui: &mut egui_plot::PlotUi<'_>| {
        draw_brush_ui(plot_ui, dragged, brush_color);
    };
    let scoped = ui.scope(|ui| {
        if n <= MAX_BARS {
            let chart_bars: Vec<Bar> = bars
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    Bar::new(i as f64, b.value)
                        .width(0.85)
                        .fill(b.color)
                        .name(&b.tooltip)
                })
                .collect();
            let chart = BarChart::new(id, chart_bars)
                .element_formatter(Box::new(|bar, _| bar.name.clone()));
            plot.label_formatter(|_| None).show(ui, |plot_ui| {
                plot_ui.bar_chart(chart);
                draw_brush(plot_ui);
                plot_ui.pointer_coordinate()
            })
        } else {
            let values: Vec<f64> = bars.iter().map(|b| b.value).collect();
            let points = decimate_max(&values, MAX_BARS * 2);
            let color = bars.first().map_or(Color32::GRAY, |b| b.color);
            let tooltips = bars.clone();
            plot.label_formatter(move |pos| match pos {
                HoverPosition::NearDataPoint { position, .. }
                | HoverPosition::Elsewhere { position } => {
                    let i = position.x.round();
                    (i >= 0.0).then(|| tooltips.get(i as usize).map(|b| b.tooltip.clone()))?
                }
            })
            .show(ui, |plot_ui| {
                plot_ui.line(
                    Line::new(id, PlotPoints::from(points))
                        .color(color)
                        .fill(0.0),
                );
                draw_brush(plot_ui);
                plot_ui.pointer_coordinate()
            })
        }
    });
    brushed_response(scoped.inner, scoped.response.rect, bars, brush, brushing)
}

/// What a drawn period chart reports: a click on a bar, the end of a brush drag; the brush
/// follows the pointer while dragging.
fn brushed_response(
    resp: egui_plot::PlotResponse<Option<egui_plot::PlotPoint>>,
    rect: egui::Rect,
    bars: &[BarSpec],
    brush: &mut Brush,
    brushing: bool,
) -> ChartResponse {
    let b = resp.transform.bounds();
    let mut out = ChartResponse {
        rect: Some(rect),
        bounds: Some([b.min()[0], b.max()[0], b.min()[1], b.max()[1]]),
        ..ChartResponse::default()
    };
    if resp.response.clicked()
        && let Some(p) = resp.inner
    {
        let i = p.x.round();
        let has_value = i >= 0.0 && bars.get(i as usize).is_some_and(|b| b.value > 0.0);
        if has_value && (p.x - i).abs() <= 0.5 {
            out.clicked = Some(i as usize);
        }
    }
    let r = &resp.response;
    if brushing && let Some(p) = resp.inner {
        if r.drag_started() {
            brush.drag = Some((p.x, p.x));
        } else if r.dragged()
            && let Some((a, _)) = brush.drag
        {
            brush.drag = Some((a, p.x));
        }
    }
    if r.drag_stopped()
        && let Some((a, b)) = brush.drag.take()
    {
        out.brushed = Brush::periods(a, b, bars.len());
    }
    if !brushing && !r.dragged() {
        brush.drag = None;
    }
    out
}
/// The dragged range of a brush, shaded over the plot.
fn draw_brush_ui(plot_ui: &mut egui_plot::PlotUi<'_>, dragged: Option<(f64, f64)>, color: Color32) {
    if let Some((a, b)) = dragged {
        let bounds = plot_ui.plot_bounds();
        let (y0, y1) = (bounds.min()[1], bounds.max()[1]);
        let (x0, x1) = (a.min(b) - 0.5, a.max(b) + 0.5);
        plot_ui.polygon(
            egui_plot::Polygon::new(
                "brush",
                PlotPoints::from(vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]]),
            )
            .fill_color(color.gamma_multiply(0.35))
            .stroke(egui::Stroke::new(1.0, color)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;

    /// Draw 20 bars of heights 0..19 and return the harness (its state: the last bounds).
    fn chart() -> Harness<'static, Option<[f64; 4]>> {
        let bars: Arc<Vec<BarSpec>> = Arc::new(
            (0..20)
                .map(|i| BarSpec {
                    value: f64::from(i),
                    label: format!("{}", 2000 + i),
                    tooltip: String::new(),
                    color: Color32::GRAY,
                })
                .collect(),
        );
        let mut brush = Brush::default();
        let mut h = Harness::builder()
            .with_size(egui::vec2(600.0, 400.0))
            .build_ui_state(
                move |ui, bounds: &mut Option<[f64; 4]>| {
                    let r = period_bars_ui(
                        ui,
                        "zoom-test",
                        &bars,
                        "articles",
                        false,
                        300.0,
                        &mut brush,
                    );
                    *bounds = r.bounds;
                },
                None,
            );
        h.run();
        h
    }

    #[test]
    fn ctrl_scroll_zooms_along_time_only_and_plain_scroll_leaves_the_chart() {
        let mut h = chart();
        let [x0, x1, y0, y1] = h.state().expect("bounds");
        // Every bar is in view and the baseline is shown.
        assert!(
            x0 < 0.0 && x1 > 19.0 && y0 <= 0.0 && y1 >= 19.0,
            "{x0} {x1} {y0} {y1}"
        );
        h.hover_at(egui::pos2(300.0, 150.0));
        h.run();
        // A plain wheel turn scrolls the page, not the chart.
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -120.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
        assert_eq!(h.state().expect("bounds"), [x0, x1, y0, y1]);
        // Ctrl+scroll (a zoom) narrows the time range and keeps the value axis.
        h.event(egui::Event::Zoom(2.0));
        h.run();
        let [a0, a1, b0, b1] = h.state().expect("bounds");
        let (before, after) = (x1 - x0, a1 - a0);
        assert!(
            (after - before / 2.0).abs() < 0.05 * before,
            "x range {before} -> {after}"
        );
        assert_eq!([b0, b1], [y0, y1], "the value axis moved");
    }
}
