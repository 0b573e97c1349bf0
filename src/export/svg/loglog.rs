//! A log–log scatter with a line through it (the Zipf chart: rank against count), with ticks at
//! the powers of ten.

use std::fmt::Write as _;

use super::{Area, BAR, GRID, INK, MARGIN, TITLE_H, WIDTH, text, tick_label};
use crate::export::ChartSpec;

/// Draw `points` (x, y > 0; others are skipped) and return the chart's height.
pub(super) fn loglog_svg(out: &mut String, spec: &ChartSpec, points: &[[f64; 2]]) -> f64 {
    let area = Area {
        x: MARGIN + 64.0,
        y: MARGIN + TITLE_H,
        w: WIDTH - 2.0 * MARGIN - 64.0 - 10.0,
        h: 300.0,
    };
    let logs: Vec<[f64; 2]> = points
        .iter()
        .filter(|p| p[0] > 0.0 && p[1] > 0.0 && p[0].is_finite() && p[1].is_finite())
        .map(|p| [p[0].log10(), p[1].log10()])
        .collect();
    let decades = |i: usize| {
        let hi = logs
            .iter()
            .map(|p| p[i])
            .fold(0.0, f64::max)
            .ceil()
            .max(1.0);
        (0.0, hi)
    };
    let ((x0, x1), (y0, y1)) = (decades(0), decades(1));
    let sx = |v: f64| area.x + (v - x0) / (x1 - x0) * area.w;
    let sy = |v: f64| area.y + area.h - (v - y0) / (y1 - y0) * area.h;
    for d in 0..=(x1 as i32) {
        let x = sx(f64::from(d));
        let _ = writeln!(
            out,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{GRID}"/>"#,
            area.y,
            area.y + area.h
        );
        let label = tick_label(10f64.powi(d), 1.0);
        text(out, x, area.y + area.h + 16.0, "middle", "", &label);
    }
    for d in 0..=(y1 as i32) {
        let y = sy(f64::from(d));
        let _ = writeln!(
            out,
            r#"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{GRID}"/>"#,
            area.x,
            area.x + area.w
        );
        let label = tick_label(10f64.powi(d), 1.0);
        text(out, area.x - 6.0, y + 4.0, "end", "", &label);
    }
    let mut d = String::new();
    for (i, p) in logs.iter().enumerate() {
        let _ = write!(
            d,
            "{}{:.2},{:.2} ",
            if i == 0 { "M" } else { "L" },
            sx(p[0]),
            sy(p[1])
        );
    }
    let _ = writeln!(
        out,
        r#"<g class="series" fill="none" stroke="{BAR}" stroke-width="1.5"><path d="{}"/></g>"#,
        d.trim_end()
    );
    for p in &logs {
        let _ = writeln!(
            out,
            r#"<circle class="point" cx="{:.2}" cy="{:.2}" r="1.5" fill="{BAR}"/>"#,
            sx(p[0]),
            sy(p[1])
        );
    }
    let _ = writeln!(
        out,
        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="{INK}"/>"#,
        area.x, area.y, area.w, area.h
    );
    let label_y = area.y + area.h / 2.0;
    let rotate = format!(
        r#" class="axis-label" transform="rotate(-90 {:.1} {label_y:.1})""#,
        MARGIN + 12.0
    );
    text(
        out,
        MARGIN + 12.0,
        label_y,
        "middle",
        &rotate,
        &spec.value_axis,
    );
    let (cx, cy) = (area.x + area.w / 2.0, area.y + area.h + 36.0);
    text(
        out,
        cx,
        cy,
        "middle",
        r#" class="axis-label""#,
        &spec.category_axis,
    );
    cy + MARGIN
}
