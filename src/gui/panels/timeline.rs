//! Timeline: articles per day / week / month / year as a bar chart, and below it trend lines for
//! the terms and entities the user picks (count or per million, optional moving average).
//! Clicking a period lists its articles in Documents.

use std::sync::Arc;

use egui::{RichText, Ui};

use super::ViewCx;
use crate::gui::cache::CacheKey;
use chrono::NaiveDate;

use crate::analysis::Series;
use crate::analysis::{Timeline, TrendPoint};
use crate::export::CsvExport;
use crate::gui::charts::{
    self, BarSpec, LineSeries, decimate_points, fmt_f, fmt_int, moving_average,
};
use crate::gui::command::Command;
use crate::gui::settings::{Periods, PinnedTrend};
use crate::model::Granularity;

/// Longest line drawn per series; longer trends are decimated (peaks kept).
const MAX_LINE_POINTS: usize = 3000;

/// Count or per million.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TrendMode {
    Count,
    #[default]
    PerMillion,
}

/// The Timeline view.
pub struct TimelinePanel {
    pub series: Vec<Series>,
    seeded: bool,
    pub mode: TrendMode,
    /// Moving-average window in periods (1 = off).
    pub smoothing: usize,
    add_text: String,
    add_error: Option<String>,
    /// A typed word that is both a term and an entity: the user picks.
    add_choices: Vec<Series>,
    bars_key: CacheKey<(u64, Granularity, bool)>,
    bars: Arc<Vec<BarSpec>>,
    labels: Arc<Vec<String>>,
    lines_key: CacheKey<(u64, Granularity, Vec<Series>, TrendMode, usize)>,
    lines: Vec<LineSeries>,
    trends: Vec<(String, Option<&'static str>, Vec<TrendPoint>)>,
    reset_bars: bool,
    reset_lines: bool,
    pub brush: charts::Brush,
    pub bursts: super::bursts::Bursts,
    /// Show the rising/falling list beside the charts.
    pub show_bursts: bool,
    /// The burst list the markers were made from (reset when the lines change).
    markers_key: CacheKey<usize>,
    markers: Vec<charts::LineMarker>,
    /// Split the charts by a metadata field.
    pub split: super::timeline_split::TimelineSplit,
}

impl Default for TimelinePanel {
    fn default() -> Self {
        Self {
            series: Vec::new(),
            seeded: false,
            mode: TrendMode::PerMillion,
            smoothing: 1,
            add_text: String::new(),
            add_error: None,
            add_choices: Vec::new(),
            bars_key: CacheKey::default(),
            bars: Arc::default(),
            labels: Arc::default(),
            lines_key: CacheKey::default(),
            lines: Vec::new(),
            trends: Vec::new(),
            reset_bars: false,
            reset_lines: false,
            brush: charts::Brush::default(),
            bursts: super::bursts::Bursts::default(),
            show_bursts: true,
            markers_key: CacheKey::default(),
            markers: Vec::new(),
            split: super::timeline_split::TimelineSplit::default(),
        }
    }
}

/// The points of one trend line: x = period index, y = count or per-million, smoothed with a
/// centred moving average within each run of periods that have articles. A period without
/// articles is a gap (y = NaN), never a zero or an interpolation.
pub fn trend_line(
    points: &[TrendPoint],
    period_articles: &[u32],
    mode: TrendMode,
    smoothing: usize,
) -> Vec<[f64; 2]> {
    let has_articles = |i: usize| period_articles.get(i).is_some_and(|&n| n > 0);
    let value = |p: &TrendPoint| match mode {
        TrendMode::Count => p.count as f64,
        TrendMode::PerMillion => p.per_million,
    };
    let mut out = Vec::with_capacity(points.len());
    let mut i = 0;
    while i < points.len() {
        if !has_articles(i) {
            out.push([i as f64, f64::NAN]);
            i += 1;
            continue;
        }
        let end = (i..points.len())
            .find(|&j| !has_articles(j))
            .unwrap_or(points.len());
        let ys: Vec<f64> = points[i..end].iter().map(value).collect();
        let run: Vec<[f64; 2]> = moving_average(&ys, smoothing)
            .into_iter()
            .enumerate()
            .map(|(k, y)| [(i + k) as f64, y])
            .collect();
        out.extend(decimate_points(run, MAX_LINE_POINTS));
        i = end;
    }
    out
}

/// The dates a brush over periods `lo..=hi` of a timeline covers: from the first day of `lo` to
/// the last day of `hi`.
pub fn brushed_dates(
    tl: &Timeline,
    g: Granularity,
    lo: usize,
    hi: usize,
) -> Option<(NaiveDate, NaiveDate)> {
    let from = *tl.periods.get(lo)?;
    let last = *tl.periods.get(hi.max(lo))?;
    Some((from, g.next_start(last) - chrono::Days::new(1)))
}

/// Filter every view to the brushed periods.
pub fn apply_brush(cx: &mut ViewCx<'_>, tl: &Timeline, g: Granularity, lo: usize, hi: usize) {
    if let Some((from, to)) = brushed_dates(tl, g, lo, hi) {
        cx.commands.push(Command::SetDates {
            from: Some(from),
            to: Some(to),
        });
    }
}

impl TimelinePanel {
    /// Add a series to the trend chart (no duplicates).
    pub fn add_series(&mut self, s: Series) {
        self.seeded = true;
        if !self.series.contains(&s) {
            self.series.push(s);
        }
    }

    /// The trend lines to remember for this corpus, by name; `None` before the Timeline has
    /// chosen any (it then starts from the top terms).
    pub fn pinned(&self, a: &crate::analysis::Analysis) -> Option<Vec<PinnedTrend>> {
        self.seeded.then(|| {
            self.series
                .iter()
                .map(|&s| PinnedTrend {
                    entity: matches!(s, Series::Entity(_)),
                    name: a.series_name(s),
                })
                .collect()
        })
    }

    /// Show the remembered trend lines (those the analysis no longer counts are left out).
    pub fn restore_pinned(&mut self, pinned: &[PinnedTrend], a: &crate::analysis::Analysis) {
        self.series = pinned
            .iter()
            .filter_map(|p| {
                if p.entity {
                    let e = a.entities.entities.iter().position(|e| e.name == p.name)?;
                    Some(Series::Entity(e as u32))
                } else {
                    a.vocab.id(&p.name).map(Series::Term)
                }
            })
            .collect();
        self.seeded = true;
    }

    fn refresh(&mut self, cx: &ViewCx<'_>) {
        let g = cx.granularity();
        if !self.seeded {
            self.seeded = true;
            self.series = cx
                .scope
                .terms()
                .iter()
                .take(3)
                .map(|t| Series::Term(t.term))
                .collect();
        }
        let bars_key = (cx.scope.key, g, cx.dark);
        if !self.bars_key.is(&bars_key) {
            let tl = cx.scope.timeline(g);
            let color = charts::bar_color(cx.dark);
            let labels: Vec<String> = (0..tl.periods.len())
                .map(|i| tl.display_label(i, false))
                .collect();
            self.bars = Arc::new(
                labels
                    .iter()
                    .enumerate()
                    .map(|(i, label)| BarSpec {
                        value: f64::from(tl.articles[i]),
                        tooltip: format!(
                            "{}\n{} articles\n{} tokens",
                            tl.display_label(i, true),
                            fmt_int(u64::from(tl.articles[i])),
                            fmt_int(tl.tokens[i])
                        ),
                        label: label.clone(),
                        color,
                    })
                    .collect(),
            );
            self.labels = Arc::new(labels);
            self.bars_key.set(bars_key);
        }
        let lines_key = (
            cx.scope.key,
            g,
            self.series.clone(),
            self.mode,
            self.smoothing,
        );
        if !self.lines_key.is(&lines_key) {
            self.trends = self
                .series
                .iter()
                .map(|&s| {
                    (
                        cx.scope.analysis.series_name(s),
                        cx.scope.analysis.series_kind(s).map(|k| k.as_str()),
                        cx.scope.trend(s, g),
                    )
                })
                .collect();
            let articles = &cx.scope.timeline(g).articles;
            let (mode, smoothing) = (self.mode, self.smoothing);
            self.lines = self
                .trends
                .iter()
                .enumerate()
                .map(|(i, (name, _, points))| LineSeries {
                    name: name.clone(),
                    color: charts::series_color(i),
                    points: trend_line(points, articles, mode, smoothing),
                })
                .collect();
            self.lines_key.set(lines_key);
            self.markers_key.clear();
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        if super::no_dates_ui(ui, cx.scope) {
            return;
        }
        self.refresh(cx);
        let g = cx.granularity();
        self.bursts.refresh(cx.scope, g, ui.ctx());
        if self.show_bursts {
            egui::Panel::right("bursts-panel")
                .resizable(true)
                .default_size(300.0)
                .min_size(220.0)
                .show(ui, |ui| self.bursts_ui(ui, cx));
        }
        egui::CentralPanel::default().show(ui, |ui| self.charts_ui(ui, cx));
    }

    fn bursts_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        let g = cx.granularity();
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Rising and falling, by {}", g.as_str())).strong())
                .on_hover_text(
                    "Whole corpus: a term's or entity's rate in a period against its mean over \
                     the 8 periods before (z ≥ 3, seen at least 5 times). Click one to add it to \
                     the trends; its bursts are marked there with triangles.",
                );
            if ui
                .small_button("CSV…")
                .on_hover_text("Export the rising and falling list")
                .clicked()
            {
                cx.commands.push(Command::ExportCsv(CsvExport::Bursts(
                    g,
                    self.bursts.rows.clone(),
                )));
            }
        });
        ui.label(
            RichText::new(format!(
                "{} changes",
                fmt_int(self.bursts.rows.len() as u64)
            ))
            .weak(),
        );
        let tl = cx.scope.timeline(g);
        let in_scope = |d| !cx.scope.is_filtered() || tl.period_index(d).is_some();
        if let Some(s) = self
            .bursts
            .list_ui(ui, &cx.scope.analysis, g, cx.dark, in_scope)
        {
            self.add_series(s);
        }
    }

    /// Triangles on the trend lines where a picked series rose or fell.
    fn refresh_markers(&mut self, cx: &ViewCx<'_>) {
        let key = Arc::as_ptr(&self.bursts.rows) as usize;
        if self.markers_key.is(&key) {
            return;
        }
        let tl = cx.scope.timeline(cx.granularity());
        self.markers = self
            .bursts
            .rows
            .iter()
            .filter_map(|b| {
                let s = super::bursts::series_of(b.item);
                let i = self.series.iter().position(|x| *x == s)?;
                let x = tl.period_index(b.period)? as f64;
                let line = self.lines.get(i)?;
                let y = line.points.iter().find(|p| p[0] == x)?[1];
                Some(charts::LineMarker {
                    x,
                    y,
                    rising: b.z > 0.0,
                    color: super::bursts::direction_color(b.z > 0.0, cx.dark),
                })
            })
            .collect();
        self.markers_key.set(key);
    }

    fn charts_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        let g = cx.granularity();
        ui.horizontal_wrapped(|ui| {
            ui.label("Periods:");
            let auto = cx.scope.auto_granularity;
            let choices =
                std::iter::once(Periods::Auto).chain(Granularity::ALL.map(Periods::Fixed));
            for x in choices {
                ui.selectable_value(&mut cx.state.periods, x, x.label(auto));
            }
            let undated = cx.scope.analysis.summary.undated;
            if undated > 0 {
                ui.label(
                    RichText::new(format!("({} undated articles not shown)", fmt_int(undated)))
                        .weak(),
                );
            }
            ui.toggle_value(&mut self.show_bursts, "Rising and falling");
            ui.separator();
            self.split.picker_ui(ui, cx);
        });
        self.split
            .refresh(cx, g, &self.series, self.mode, self.smoothing);
        let total_h = ui.available_height();
        let bars_h = (total_h * 0.38).max(150.0);
        if self.split.facet(cx).is_some() {
            self.split.articles_ui(ui, cx, &self.labels, g, bars_h);
            ui.separator();
            self.trends_ui(ui, cx);
            return;
        }
        let title = format!("Articles per {}", g.as_str());
        let actions = ui
            .horizontal(|ui| {
                charts::brush_toggle_ui(ui, &mut self.brush);
                charts::chart_toolbar_ui(ui, &title)
            })
            .inner;
        let resp = charts::period_bars_ui(
            ui,
            "timeline-bars",
            &self.bars,
            "articles",
            self.reset_bars || actions.reset,
            bars_h,
            &mut self.brush,
        );
        self.reset_bars = false;
        if let Some((lo, hi)) = resp.brushed {
            let tl = cx.scope.timeline(g).clone();
            apply_brush(cx, &tl, g, lo, hi);
        }
        if let Some(i) = resp.clicked {
            self.show_period(cx, i);
        }
        if actions.export_csv {
            let tl = cx.scope.timeline(g).clone();
            cx.commands
                .push(Command::ExportCsv(CsvExport::Timeline(tl)));
        }
        let stem = format!("timeline_{}", g.as_str());
        actions.save_chart(cx.commands, &stem, || {
            charts::period_bars_spec(&title, "articles", &self.bars)
        });
        ui.separator();
        self.trends_ui(ui, cx);
    }

    fn show_period(&self, cx: &mut ViewCx<'_>, i: usize) {
        let g = cx.granularity();
        let tl = cx.scope.timeline(g);
        if let Some(&from) = tl.periods.get(i) {
            let to = g.next_start(from) - chrono::Days::new(1);
            cx.commands.push(Command::ShowPeriod {
                from,
                to,
                label: tl.display_label(i, true),
            });
        }
    }

    fn trends_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        self.refresh_markers(cx);
        self.series_picker_ui(ui, cx);
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut self.mode, TrendMode::PerMillion, "Per million");
            ui.selectable_value(&mut self.mode, TrendMode::Count, "Count");
            ui.separator();
            let l = ui.label("Smoothing (moving average, periods):");
            ui.add(egui::Slider::new(&mut self.smoothing, 1..=15))
                .labelled_by(l.id);
        });
        self.trend_chart_ui(ui, cx);
    }

    /// Add what was typed (comma-separated): each part's one meaning, or, for a word that is both
    /// a term and an entity, a choice between them.
    fn add_typed(&mut self, cx: &ViewCx<'_>) {
        self.add_error = None;
        self.add_choices.clear();
        let typed = std::mem::take(&mut self.add_text);
        for part in typed.split(',') {
            match cx.scope.analysis.resolve_all(part).as_slice() {
                [] if part.trim().is_empty() => {}
                [] => {
                    self.add_error =
                        Some(format!("'{}' is not a counted term or entity", part.trim()));
                }
                [one] => self.add_series(*one),
                several => self.add_choices.extend_from_slice(several),
            }
        }
    }

    /// The choice between the term and the entity a typed word stands for.
    fn choices_ui(&mut self, ui: &mut Ui, cx: &ViewCx<'_>) {
        if self.add_choices.is_empty() {
            return;
        }
        ui.label("Add as:");
        let mut picked = None;
        for &s in &self.add_choices {
            let a = &cx.scope.analysis;
            let kind = a.series_kind(s).map_or("term", |k| k.as_str());
            if ui
                .button(format!("{} ({kind})", a.series_name(s)))
                .clicked()
            {
                picked = Some(s);
            }
        }
        if let Some(s) = picked {
            self.add_choices.retain(|&c| c != s);
            self.add_series(s);
            // The word's other meaning is no longer asked for once one is picked.
            self.add_choices.clear();
        }
    }

    /// "Add term or entity", and the picked series as removable chips.
    fn series_picker_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        ui.horizontal_wrapped(|ui| {
            let r = crate::gui::widgets::labelled_edit(
                ui,
                "Add term or entity",
                &mut self.add_text,
                "e.g. war, congress",
                160.0,
            );
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Add").clicked() || enter {
                self.add_typed(cx);
            }
            self.choices_ui(ui, cx);
            let mut remove = None;
            for (i, s) in self.series.iter().enumerate() {
                let name = cx.scope.analysis.series_name(*s);
                let text = RichText::new(format!("{name} ×")).color(charts::series_color(i));
                if ui
                    .button(text)
                    .on_hover_text(format!("Remove {name} from the chart"))
                    .clicked()
                {
                    remove = Some(i);
                }
            }
            if let Some(i) = remove {
                self.series.remove(i);
            }
            if let Some(e) = &self.add_error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
        });
    }

    /// The trend lines of the picked series, with their toolbar.
    fn trend_chart_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        let actions = charts::chart_toolbar_ui(ui, "Trends");
        if self.series.is_empty() {
            ui.label("Add terms or entities above, or click one anywhere in the app and press \"Add to Timeline\".");
            return;
        }
        let split = self.split.facet(cx).is_some();
        let (lines, trends, markers) = if split {
            (&self.split.trend_lines, &self.split.trends, &[][..])
        } else {
            (&self.lines, &self.trends, self.markers.as_slice())
        };
        let smoothing = self.smoothing;
        let labels = self.labels.clone();
        let hover = |name: &str, i: usize| {
            let (_, _, points) = trends.iter().find(|(n, _, _)| n == name)?;
            let p = points.get(i)?;
            let mut s = format!(
                "{name}\n{}\ncount {}\n{} per million",
                labels.get(i).cloned().unwrap_or_default(),
                fmt_int(p.count),
                fmt_f(p.per_million)
            );
            if smoothing > 1 {
                s.push_str(&format!("\n(line smoothed over {smoothing} periods)"));
            }
            Some(s)
        };
        let h = (ui.available_height() - 8.0).max(160.0);
        let axis = match self.mode {
            TrendMode::Count => "count",
            TrendMode::PerMillion => "per million tokens",
        };
        let resp = charts::period_lines_ui(
            ui,
            "trend-lines",
            lines,
            &self.labels,
            axis,
            self.reset_lines || actions.reset,
            h,
            markers,
            hover,
        );
        self.reset_lines = false;
        if let Some(i) = resp.clicked {
            self.show_period(cx, i);
        }
        if actions.export_csv {
            cx.commands.push(Command::ExportCsv(CsvExport::Trends(
                cx.granularity(),
                trends.clone(),
            )));
        }
        actions.save_chart(cx.commands, "trends", || {
            charts::lines_spec("Trends", axis, &self.labels, lines)
        });
    }
}
