//! Charts as SVG for papers: a [`ChartSpec`] (plain data: the bars, lines or dispersion rows a
//! chart draws, with its title and axis labels) becomes a self-contained vector SVG whose text is
//! `<text>` (searchable, editable, crisp at any size), written atomically like every export.
//!
//! The layout is fixed and deterministic: the same spec always gives the same bytes, so the GUI's
//! "SVG…" and "PNG…" (which renders this SVG at 2×) agree, and tests can read the file back.
//! No egui here: the GUI builds the spec from the rows behind its chart.

use std::fmt::Write as _;
use std::path::Path;

use super::ExportError;

/// What a chart draws.
#[derive(Clone, Debug, PartialEq)]
pub enum ChartKind {
    /// Horizontal bars ranked top to bottom: (label, value). Values may be negative (keyness).
    Ranked(Vec<(String, f64)>),
    /// One vertical bar per period: the period labels and one value each.
    PeriodBars {
        periods: Vec<String>,
        values: Vec<f64>,
    },
    /// Lines over periods with a legend: (series name, one value per period; NaN is a gap).
    PeriodLines {
        periods: Vec<String>,
        series: Vec<(String, Vec<f64>)>,
    },
    /// One row per article (or value) with a tick at each hit's relative position (0..1).
    Dispersion(Vec<(String, Vec<f64>)>),
    /// Points (x, y) on log–log axes: the Zipf chart's (rank, count). The category axis names x.
    LogLog(Vec<[f64; 2]>),
}

/// A chart ready to be written: what to draw and how to name it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    pub title: String,
    /// The value axis' label with its unit ("count", "articles", "per million tokens").
    pub value_axis: String,
    /// The category axis' label ("term", "period"); may be empty.
    pub category_axis: String,
    pub kind: ChartKind,
}

/// Page width in SVG user units (CSS pixels).
const WIDTH: f64 = 800.0;
const MARGIN: f64 = 16.0;
const TITLE_H: f64 = 36.0;
const FONT: &str = "Ubuntu, 'DejaVu Sans', Helvetica, Arial, sans-serif";
const INK: &str = "#222222";
const GRID: &str = "#dddddd";
const BAR: &str = "#3a6ec0";
const NEGATIVE_BAR: &str = "#c25b00";
/// Line colours, as the app's trend charts cycle them.
const SERIES: [&str; 8] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
];

/// Escape text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A label cut to `max` characters with an ellipsis.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Round "nice" tick values covering `lo..=hi` (about `n` of them) and the step.
pub fn nice_ticks(lo: f64, hi: f64, n: usize) -> (Vec<f64>, f64) {
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo, lo + 1.0) };
    let raw = (hi - lo) / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor() * step;
    let mut ticks = Vec::new();
    let mut k = 0.0;
    while first + k * step <= hi + step * 1e-9 {
        ticks.push(first + k * step);
        k += 1.0;
    }
    if ticks.last().is_some_and(|t| *t < hi) {
        ticks.push(first + k * step);
    }
    (ticks, step)
}

/// A tick label: thousands grouped for whole numbers, a few decimals otherwise.
pub fn tick_label(v: f64, step: f64) -> String {
    let v = if v.abs() < step * 1e-9 { 0.0 } else { v };
    if step >= 1.0 && (v - v.round()).abs() < 1e-9 {
        let n = v.round() as i64;
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if n < 0 { format!("-{out}") } else { out }
    } else {
        // The fewest decimals that show every tick exactly (0.25 needs two).
        let decimals = (0..6)
            .find(|d| {
                let scaled = step * 10f64.powi(*d);
                (scaled - scaled.round()).abs() < 1e-6
            })
            .unwrap_or(6) as usize;
        format!("{v:.decimals$}")
    }
}

/// `<text>` at (x, y).
fn text(out: &mut String, x: f64, y: f64, anchor: &str, extra: &str, s: &str) {
    let _ = writeln!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}"{extra}>{}</text>"#,
        xml_escape(s)
    );
}

/// The plot area of a chart: left, top, width, height.
#[derive(Clone, Copy)]
struct Area {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// Render a chart as an SVG document.
pub fn chart_svg(spec: &ChartSpec) -> String {
    let mut body = String::new();
    let height = match &spec.kind {
        ChartKind::Ranked(bars) => ranked_svg(&mut body, spec, bars),
        ChartKind::PeriodBars { periods, values } => {
            let series = [(String::new(), values.clone())];
            period_svg(&mut body, spec, periods, &series, true)
        }
        ChartKind::PeriodLines { periods, series } => {
            period_svg(&mut body, spec, periods, series, false)
        }
        ChartKind::Dispersion(rows) => dispersion_svg(&mut body, spec, rows),
        ChartKind::LogLog(points) => loglog::loglog_svg(&mut body, spec, points),
    };
    let mut out = String::new();
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0}" viewBox="0 0 {WIDTH} {height:.0}" font-family="{FONT}" font-size="12" fill="{INK}">"#
    );
    let _ = writeln!(out, "<title>{}</title>", xml_escape(&spec.title));
    let _ = writeln!(
        out,
        r#"<rect x="0" y="0" width="{WIDTH}" height="{height:.0}" fill="white"/>"#
    );
    text(
        &mut out,
        WIDTH / 2.0,
        MARGIN + 14.0,
        "middle",
        r#" font-size="16" font-weight="bold" class="chart-title""#,
        &spec.title,
    );
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

/// Vertical grid lines and tick labels along the x axis of `area` for values `lo..hi`.
fn value_axis_x(
    out: &mut String,
    area: Area,
    lo: f64,
    hi: f64,
    label: &str,
) -> impl Fn(f64) -> f64 + use<> {
    let (ticks, step) = nice_ticks(lo, hi, 6);
    let (t0, t1) = (
        ticks.first().copied().unwrap_or(lo),
        ticks.last().copied().unwrap_or(hi),
    );
    let scale = move |v: f64| area.x + (v - t0) / (t1 - t0).max(f64::MIN_POSITIVE) * area.w;
    for t in &ticks {
        let x = scale(*t);
        let _ = writeln!(
            out,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{GRID}"/>"#,
            area.y,
            area.y + area.h
        );
        text(
            out,
            x,
            area.y + area.h + 16.0,
            "middle",
            "",
            &tick_label(*t, step),
        );
    }
    text(
        out,
        area.x + area.w / 2.0,
        area.y + area.h + 36.0,
        "middle",
        r#" class="axis-label""#,
        label,
    );
    scale
}

/// Horizontal bars, first on top, labels left of the axis.
fn ranked_svg(out: &mut String, spec: &ChartSpec, bars: &[(String, f64)]) -> f64 {
    const ROW: f64 = 22.0;
    let label_w = bars
        .iter()
        .map(|(l, _)| shorten(l, 32).chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 32) as f64
        * 7.0
        + 12.0;
    let area = Area {
        x: MARGIN + label_w,
        y: MARGIN + TITLE_H,
        w: WIDTH - 2.0 * MARGIN - label_w - 10.0,
        h: ROW * bars.len().max(1) as f64,
    };
    let finite = || bars.iter().map(|b| b.1).filter(|v| v.is_finite());
    let lo = finite().fold(0.0, f64::min);
    let hi = finite().fold(0.0, f64::max);
    let scale = value_axis_x(out, area, lo, hi, &spec.value_axis);
    let zero = scale(0.0);
    out.push_str("<g class=\"bars\">\n");
    for (i, (label, value)) in bars.iter().enumerate() {
        let y = area.y + i as f64 * ROW;
        let v = if value.is_finite() { *value } else { 0.0 };
        let (x0, x1) = (zero.min(scale(v)), zero.max(scale(v)));
        let fill = if v < 0.0 { NEGATIVE_BAR } else { BAR };
        let _ = writeln!(
            out,
            r#"<rect class="bar" x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}"><title>{}: {}</title></rect>"#,
            y + ROW * 0.15,
            x1 - x0,
            ROW * 0.7,
            xml_escape(label),
            tick_label(v, if v.fract() == 0.0 { 1.0 } else { 0.001 })
        );
        text(
            out,
            area.x - 6.0,
            y + ROW * 0.65,
            "end",
            "",
            &shorten(label, 32),
        );
    }
    out.push_str("</g>\n");
    let _ = writeln!(
        out,
        r#"<line x1="{zero:.1}" y1="{:.1}" x2="{zero:.1}" y2="{:.1}" stroke="{INK}"/>"#,
        area.y,
        area.y + area.h
    );
    category_axis_label(out, spec, area)
}

/// Period bars (one series, `bars`) or period lines (a legend below the plot).
fn period_svg(
    out: &mut String,
    spec: &ChartSpec,
    periods: &[String],
    series: &[(String, Vec<f64>)],
    bars: bool,
) -> f64 {
    let legend_rows = if bars { 0 } else { series.len().div_ceil(4) };
    let area = Area {
        x: MARGIN + 64.0,
        y: MARGIN + TITLE_H,
        w: WIDTH - 2.0 * MARGIN - 64.0 - 10.0,
        h: 300.0,
    };
    let hi = series
        .iter()
        .flat_map(|s| s.1.iter())
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let (ticks, step) = nice_ticks(0.0, hi, 5);
    let top = *ticks.last().unwrap_or(&1.0);
    let y_of = |v: f64| area.y + area.h - v / top.max(f64::MIN_POSITIVE) * area.h;
    for t in &ticks {
        let y = y_of(*t);
        let _ = writeln!(
            out,
            r#"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{GRID}"/>"#,
            area.x,
            area.x + area.w
        );
        text(out, area.x - 6.0, y + 4.0, "end", "", &tick_label(*t, step));
    }
    let n = periods.len().max(1);
    let slot = area.w / n as f64;
    let x_of = |i: usize| area.x + (i as f64 + 0.5) * slot;
    // Period labels: as many as fit, about 90 units apart.
    let every = ((90.0 / slot).ceil() as usize).max(1);
    for (i, p) in periods.iter().enumerate().filter(|(i, _)| i % every == 0) {
        text(out, x_of(i), area.y + area.h + 16.0, "middle", "", p);
    }
    if bars {
        period_bars(out, area, periods, series, slot, &x_of, &y_of);
    } else {
        period_lines(out, periods, series, &x_of, &y_of);
    }
    let _ = writeln!(
        out,
        r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{INK}"/>"#,
        area.x,
        area.y + area.h,
        area.x + area.w,
        area.y + area.h
    );
    let label_y = area.y + area.h / 2.0;
    text(
        out,
        MARGIN + 12.0,
        label_y,
        "middle",
        &format!(
            r#" class="axis-label" transform="rotate(-90 {:.1} {label_y:.1})""#,
            MARGIN + 12.0
        ),
        &spec.value_axis,
    );
    let cat = if spec.category_axis.is_empty() {
        "period"
    } else {
        &spec.category_axis
    };
    text(
        out,
        area.x + area.w / 2.0,
        area.y + area.h + 36.0,
        "middle",
        r#" class="axis-label""#,
        cat,
    );
    let legend_y = area.y + area.h + 56.0;
    if !bars {
        legend(out, series, area.x, legend_y);
    }
    legend_y + legend_rows as f64 * 20.0 + MARGIN
}

fn period_bars(
    out: &mut String,
    area: Area,
    periods: &[String],
    series: &[(String, Vec<f64>)],
    slot: f64,
    x_of: &impl Fn(usize) -> f64,
    y_of: &impl Fn(f64) -> f64,
) {
    let Some((_, values)) = series.first() else {
        return;
    };
    out.push_str("<g class=\"bars\">\n");
    let w = (slot * 0.8).max(0.5);
    for (i, v) in values.iter().enumerate() {
        let v = if v.is_finite() { v.max(0.0) } else { 0.0 };
        let y = y_of(v);
        let _ = writeln!(
            out,
            r#"<rect class="bar" x="{:.2}" y="{y:.2}" width="{w:.2}" height="{:.2}" fill="{BAR}"><title>{}: {}</title></rect>"#,
            x_of(i) - w / 2.0,
            area.y + area.h - y,
            xml_escape(periods.get(i).map_or("", String::as_str)),
            tick_label(v, 1.0)
        );
    }
    out.push_str("</g>\n");
}

fn period_lines(
    out: &mut String,
    periods: &[String],
    series: &[(String, Vec<f64>)],
    x_of: &impl Fn(usize) -> f64,
    y_of: &impl Fn(f64) -> f64,
) {
    for (k, (name, values)) in series.iter().enumerate() {
        let color = SERIES[k % SERIES.len()];
        let _ = writeln!(
            out,
            r#"<g class="series" data-name="{}" fill="none" stroke="{color}" stroke-width="2">"#,
            xml_escape(name)
        );
        // A gap (NaN) breaks the line; a period between two gaps is a dot.
        let mut d = String::new();
        let mut pen_down = false;
        for (i, v) in values
            .iter()
            .enumerate()
            .take(periods.len().max(values.len()))
        {
            if v.is_finite() {
                let _ = write!(
                    d,
                    "{}{:.2},{:.2} ",
                    if pen_down { "L" } else { "M" },
                    x_of(i),
                    y_of(*v)
                );
                pen_down = true;
            } else {
                pen_down = false;
            }
        }
        if !d.is_empty() {
            let _ = writeln!(out, r#"<path d="{}"/>"#, d.trim_end());
        }
        for (i, v) in values.iter().enumerate().filter(|(_, v)| v.is_finite()) {
            let _ = writeln!(
                out,
                r#"<circle class="point" cx="{:.2}" cy="{:.2}" r="2" fill="{color}" stroke="none"/>"#,
                x_of(i),
                y_of(*v)
            );
        }
        out.push_str("</g>\n");
    }
}

/// The legend: a coloured swatch and the name of each series, four per row.
fn legend(out: &mut String, series: &[(String, Vec<f64>)], x: f64, y: f64) {
    out.push_str("<g class=\"legend\">\n");
    let col_w = (WIDTH - x - MARGIN) / 4.0;
    for (k, (name, _)) in series.iter().enumerate() {
        let (cx, cy) = (x + (k % 4) as f64 * col_w, y + (k / 4) as f64 * 20.0);
        let color = SERIES[k % SERIES.len()];
        let _ = writeln!(
            out,
            r#"<line x1="{cx:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="3"/>"#,
            cy - 4.0,
            cx + 18.0,
            cy - 4.0
        );
        text(
            out,
            cx + 24.0,
            cy,
            "start",
            r#" class="legend-entry""#,
            &shorten(name, 22),
        );
    }
    out.push_str("</g>\n");
}

/// Dispersion rows: a label, a track 0..1, a tick per hit.
fn dispersion_svg(out: &mut String, spec: &ChartSpec, rows: &[(String, Vec<f64>)]) -> f64 {
    const ROW: f64 = 18.0;
    let label_w = 220.0;
    let area = Area {
        x: MARGIN + label_w,
        y: MARGIN + TITLE_H,
        w: WIDTH - 2.0 * MARGIN - label_w - 10.0,
        h: ROW * rows.len().max(1) as f64,
    };
    let _ = value_axis_x(out, area, 0.0, 1.0, &spec.value_axis);
    out.push_str("<g class=\"rows\">\n");
    for (i, (label, positions)) in rows.iter().enumerate() {
        let y = area.y + i as f64 * ROW;
        let _ = writeln!(
            out,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#f4f4f4" stroke="#cccccc"/>"##,
            area.x,
            y + 2.0,
            area.w,
            ROW - 4.0
        );
        text(
            out,
            area.x - 6.0,
            y + ROW * 0.7,
            "end",
            "",
            &shorten(label, 30),
        );
        for p in positions.iter().filter(|p| p.is_finite()) {
            let x = area.x + p.clamp(0.0, 1.0) * area.w;
            let _ = writeln!(
                out,
                r#"<line class="hit" x1="{x:.2}" y1="{:.1}" x2="{x:.2}" y2="{:.1}" stroke="{INK}"/>"#,
                y + 3.0,
                y + ROW - 3.0
            );
        }
    }
    out.push_str("</g>\n");
    category_axis_label(out, spec, area)
}

/// Write a chart as an SVG file, atomically.
pub fn write_svg(path: &Path, spec: &ChartSpec) -> Result<(), ExportError> {
    super::write_text_atomic(path, &chart_svg(spec))
}

mod loglog;
#[cfg(test)]
mod tests;

/// The category axis's name above the plot area; returns the drawing's height.
fn category_axis_label(out: &mut String, spec: &ChartSpec, area: Area) -> f64 {
    if !spec.category_axis.is_empty() {
        text(
            out,
            MARGIN,
            area.y - 6.0,
            "start",
            r#" class="axis-label""#,
            &spec.category_axis,
        );
    }
    area.y + area.h + 36.0 + MARGIN
}
