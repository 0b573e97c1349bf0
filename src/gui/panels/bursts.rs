//! Rising and falling terms and entities for the Timeline view: per period, the items whose rate
//! jumped or dropped against their own trailing window (the z-score detector documented in
//! [`crate::analysis::keyness`]), computed for the whole corpus in a background job once per
//! corpus and granularity. The list links to the trend chart (click adds the item) and the
//! Timeline marks the bursts of the picked series with triangles.

use std::sync::Arc;

use egui::{Color32, RichText, Ui};

use crate::analysis::keyness::{Burst, BurstParams, KeyItem};
use crate::analysis::{Analysis, Series};
use crate::gui::cache::CacheKey;
use crate::gui::charts::{fmt_f, fmt_int};
use crate::gui::scope::Scope;
use crate::jobs::Latest;
use crate::model::Granularity;

/// Items listed per period and direction.
const PER_PERIOD: usize = 6;

/// The detector's results for one corpus and granularity.
pub struct Bursts {
    /// The corpus (its scope's corpus key) and granularity the rows are for.
    key: CacheKey<(u64, Granularity)>,
    job: Latest<Vec<Burst>>,
    pub rows: Arc<Vec<Burst>>,
}

impl Default for Bursts {
    fn default() -> Self {
        Self {
            key: CacheKey::default(),
            job: Latest::new("lexiscope-bursts"),
            rows: Arc::default(),
        }
    }
}

/// The series a burst belongs to.
pub fn series_of(item: KeyItem) -> Series {
    match item {
        KeyItem::Term(t) => Series::Term(t),
        KeyItem::Entity(e) => Series::Entity(e),
    }
}

/// Colours of rising and falling marks.
pub fn direction_color(rising: bool, dark: bool) -> Color32 {
    match (rising, dark) {
        (true, false) => Color32::from_rgb(0x1b, 0x8a, 0x3c),
        (true, true) => Color32::from_rgb(0x5c, 0xd6, 0x7f),
        (false, false) => Color32::from_rgb(0xc0, 0x30, 0x30),
        (false, true) => Color32::from_rgb(0xff, 0x70, 0x70),
    }
}

impl Bursts {
    /// Start the detector when the corpus or the granularity changed.
    pub fn refresh(&mut self, scope: &Scope, g: Granularity, ctx: &egui::Context) {
        if !self.key.changed((scope.corpus_key, g)) {
            return;
        }
        self.rows = Arc::default();
        let a = scope.analysis.clone();
        let ctx = ctx.clone();
        let work = move |_: &crate::jobs::Progress, _: &crate::jobs::CancelToken| {
            Ok(a.bursts(g, &BurstParams::default()))
        };
        self.job.start((), work, move || ctx.request_repaint());
    }

    /// Read the finished detector; `Err` when it failed.
    pub fn poll(&mut self) -> Result<(), String> {
        match self.job.poll() {
            Some(Ok(rows)) => self.rows = Arc::new(rows),
            Some(Err(msg)) => return Err(format!("Rising and falling failed: {msg}")),
            None => {}
        }
        Ok(())
    }

    pub fn busy(&self) -> bool {
        self.job.busy()
    }

    /// The list per period (only periods for which `shown` is true, e.g. those of the filter);
    /// returns an item the user clicked.
    pub fn list_ui(
        &self,
        ui: &mut Ui,
        a: &Analysis,
        g: Granularity,
        dark: bool,
        shown: impl Fn(chrono::NaiveDate) -> bool,
    ) -> Option<Series> {
        if self.busy() {
            ui.horizontal(|ui| {
                crate::gui::widgets::spinner(ui);
                ui.label("Finding rising and falling items…");
            });
            return None;
        }
        if self.rows.is_empty() {
            let p = BurstParams::default();
            let judged = a
                .timeline(g)
                .articles
                .iter()
                .filter(|&&n| n >= p.min_articles)
                .count();
            ui.label(if judged > p.min_baseline {
                format!(
                    "Nothing rose or fell sharply (|z| ≥ {} against up to {} earlier periods).",
                    p.z_threshold, p.window
                )
            } else {
                format!(
                    "Rising and falling needs periods of at least {} articles, and {} such \
                     periods before one to compare it with; this corpus has {judged} by {}. \
                     A coarser granularity gathers more articles per period.",
                    p.min_articles,
                    p.min_baseline,
                    g.as_str()
                )
            });
            return None;
        }
        let mut clicked = None;
        egui::ScrollArea::vertical()
            .id_salt("bursts")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut start = 0;
                let rows = &self.rows;
                while start < rows.len() {
                    let period = rows[start].period;
                    let end = rows[start..]
                        .iter()
                        .position(|b| b.period != period)
                        .map_or(rows.len(), |n| start + n);
                    let group = &rows[start..end];
                    if !shown(period) {
                        start = end;
                        continue;
                    }
                    ui.label(RichText::new(g.display_label(period)).strong());
                    for rising in [true, false] {
                        let items: Vec<&Burst> = group
                            .iter()
                            .filter(|b| (b.z > 0.0) == rising)
                            .take(PER_PERIOD)
                            .collect();
                        if items.is_empty() {
                            continue;
                        }
                        ui.horizontal_wrapped(|ui| {
                            let color = direction_color(rising, dark);
                            ui.label(RichText::new(if rising { "rising:" } else { "falling:" }).color(color));
                            for b in items {
                                let name = a.item_name(b.item);
                                let resp = ui
                                    .add(egui::Button::new(RichText::new(name).color(color)).small())
                                    .on_hover_text(format!(
                                        "{name}: {} times, {} per million\nbaseline {} per million, z = {}\nclick: add to the trends",
                                        fmt_int(b.count),
                                        fmt_f(b.per_million),
                                        fmt_f(b.baseline_per_million),
                                        fmt_f(b.z)
                                    ));
                                if resp.clicked() {
                                    clicked = Some(series_of(b.item));
                                }
                            }
                        });
                    }
                    start = end;
                }
            });
        clicked
    }
}
