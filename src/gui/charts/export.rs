//! "PNG…" and "SVG…" of a chart: the drawn bars or lines (which the panel built from the same
//! rows its "CSV…" exports) become a core [`ChartSpec`], sent as a [`Command::SaveChart`]; the
//! core writes the SVG and the app renders that SVG at 2x for the PNG.

use std::sync::Arc;

use super::{BarSpec, ChartActions, LineSeries};
use crate::export::{ChartKind, ChartSpec};
use crate::gui::command::{ChartFile, ChartFormat, Command};

/// A ranked (horizontal) bar chart's spec, first bar on top.
pub fn ranked_spec(
    title: &str,
    value_axis: &str,
    category_axis: &str,
    bars: &[BarSpec],
) -> ChartSpec {
    ChartSpec {
        title: title.to_owned(),
        value_axis: value_axis.to_owned(),
        category_axis: category_axis.to_owned(),
        kind: ChartKind::Ranked(bars.iter().map(|b| (b.label.clone(), b.value)).collect()),
    }
}

/// A period bar chart's spec: one bar per period label.
pub fn period_bars_spec(title: &str, value_axis: &str, bars: &[BarSpec]) -> ChartSpec {
    ChartSpec {
        title: title.to_owned(),
        value_axis: value_axis.to_owned(),
        category_axis: "period".to_owned(),
        kind: ChartKind::PeriodBars {
            periods: bars.iter().map(|b| b.label.clone()).collect(),
            values: bars.iter().map(|b| b.value).collect(),
        },
    }
}

/// A line chart's spec over `periods`: each series' points placed at their period index (x),
/// periods without a point left as gaps.
pub fn lines_spec(
    title: &str,
    value_axis: &str,
    periods: &[String],
    series: &[LineSeries],
) -> ChartSpec {
    let n = periods.len();
    let series = series
        .iter()
        .map(|s| {
            let mut values = vec![f64::NAN; n];
            for p in &s.points {
                let i = p[0].round();
                if i >= 0.0 && (i as usize) < n {
                    values[i as usize] = p[1];
                }
            }
            (s.name.clone(), values)
        })
        .collect();
    ChartSpec {
        title: title.to_owned(),
        value_axis: value_axis.to_owned(),
        category_axis: "period".to_owned(),
        kind: ChartKind::PeriodLines {
            periods: periods.to_vec(),
            series,
        },
    }
}

impl ChartActions {
    /// Push a [`Command::SaveChart`] for "PNG…" or "SVG…" if either was clicked; the spec is
    /// built only then. `stem` names the file (`top_terms` → `top_terms.svg`).
    pub fn save_chart(
        &self,
        commands: &mut Vec<Command>,
        stem: &str,
        spec: impl FnOnce() -> ChartSpec,
    ) {
        let format = if self.save_svg {
            ChartFormat::Svg
        } else if self.save_png {
            ChartFormat::Png
        } else {
            return;
        };
        let ext = match format {
            ChartFormat::Svg => "svg",
            ChartFormat::Png => "png",
        };
        commands.push(Command::SaveChart(ChartFile {
            spec: Arc::new(spec()),
            format,
            name: format!("{stem}.{ext}"),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::Color32;

    #[test]
    fn lines_leave_gaps_where_a_series_has_no_point() {
        let s = LineSeries {
            name: "war".into(),
            color: Color32::RED,
            points: vec![[0.0, 2.0], [2.0, 5.0]],
        };
        let spec = lines_spec("T", "count", &["a".into(), "b".into(), "c".into()], &[s]);
        let ChartKind::PeriodLines { series, .. } = spec.kind else {
            panic!("lines");
        };
        assert_eq!(series[0].1[0], 2.0);
        assert!(series[0].1[1].is_nan());
        assert_eq!(series[0].1[2], 5.0);
    }

    #[test]
    fn a_click_on_svg_asks_for_an_svg_file() {
        let mut commands = Vec::new();
        let a = ChartActions {
            save_svg: true,
            ..ChartActions::default()
        };
        a.save_chart(&mut commands, "top_terms", || {
            ranked_spec("T", "count", "term", &[])
        });
        let [Command::SaveChart(file)] = commands.as_slice() else {
            panic!("one SaveChart");
        };
        assert_eq!(file.name, "top_terms.svg");
        assert_eq!(file.format, ChartFormat::Svg);
        let mut none = Vec::new();
        ChartActions::default().save_chart(&mut none, "x", || panic!("not built"));
        assert!(none.is_empty());
    }
}
