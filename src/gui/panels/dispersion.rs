//! The Concordance's "Dispersion" sub-view (AntConc's Plot): one row per article with a hit, a
//! tick at each hit's relative position in the article; sorted by hits, date or source; a click
//! on a row opens the reader at the hit nearest the pointer. The hits are the Concordance
//! search's own (a background job that follows the filter); this panel only groups them with
//! [`crate::analysis::dispersion`] (cached per result and sort) and draws the rows it can see.

use std::sync::Arc;

use egui::{Color32, Rect, RichText, Sense, Stroke, Ui, vec2};

use super::ViewCx;
use crate::analysis::concordance::KwicLine;
use crate::analysis::dispersion::{DispersionRow, DispersionSort, dispersion};
use crate::export::{CsvExport, dispersion_chart};
use crate::gui::cache::CacheKey;
use crate::gui::charts::{self, fmt_int};
use crate::gui::command::Command;

/// Height of one article's row.
const ROW_H: f32 = 20.0;
/// Width of the article column left of the tracks.
const LABEL_W: f32 = 300.0;
/// Width of the hits column between the article and its track.
const HITS_W: f32 = 44.0;
/// Room kept right of the tracks for the scroll bar.
const SCROLLBAR_W: f32 = 16.0;
/// How many rows an SVG/PNG export draws (the CSV has them all).
const CHART_ROWS: usize = 200;

/// The dispersion plot's own state.
#[derive(Default)]
pub struct DispersionPanel {
    pub sort: DispersionSort,
    rows: Arc<Vec<DispersionRow>>,
    key: CacheKey<(usize, DispersionSort)>,
}

impl DispersionPanel {
    /// The rows for these lines, regrouped only when the lines or the sort changed.
    pub fn rows(&mut self, cx: &ViewCx<'_>, lines: &Arc<Vec<KwicLine>>) -> Arc<Vec<DispersionRow>> {
        let key = (Arc::as_ptr(lines) as usize, self.sort);
        if !self.key.is(&key) {
            let scope = cx.scope;
            self.rows = Arc::new(dispersion(&scope.corpus, &scope.analysis, lines, self.sort));
            self.key.set(key);
        }
        self.rows.clone()
    }

    /// The plot of `lines` (the hits of `what`).
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, lines: &Arc<Vec<KwicLine>>, what: &str) {
        let rows = self.rows(cx, lines);
        let title = format!("Dispersion of \"{what}\"");
        ui.horizontal(|ui| {
            ui.label("Sort rows by:");
            for s in DispersionSort::ALL {
                ui.selectable_value(&mut self.sort, s, s.label());
            }
            ui.separator();
            ui.label(format!(
                "{} hits in {} articles",
                fmt_int(lines.len() as u64),
                fmt_int(rows.len() as u64)
            ));
        });
        let actions = charts::chart_toolbar_ui(ui, &title);
        if actions.export_csv {
            cx.commands
                .push(Command::ExportCsv(CsvExport::Dispersion(rows.to_vec())));
        }
        let corpus = cx.scope.corpus.clone();
        actions.save_chart(cx.commands, "dispersion", || {
            let mut spec = dispersion_chart(&corpus, &rows, &title, CHART_ROWS);
            if rows.len() > CHART_ROWS {
                spec.title = format!("{title}: first {CHART_ROWS} of {} articles", rows.len());
            }
            spec
        });
        if rows.is_empty() {
            ui.label("No hits in the filtered articles.");
            return;
        }
        scale_ui(ui);
        self.rows_ui(ui, cx, &rows);
    }

    /// The visible rows only (`show_rows`), so 100,000 articles scroll as smoothly as ten.
    fn rows_ui(&self, ui: &mut Ui, cx: &mut ViewCx<'_>, rows: &[DispersionRow]) {
        let corpus = cx.scope.corpus.clone();
        let ink = ui.visuals().text_color();
        let track_fill = ui.visuals().faint_bg_color;
        let border = ui.visuals().widgets.noninteractive.bg_stroke;
        let mut open = None;
        egui::ScrollArea::vertical()
            .id_salt("dispersion-rows")
            .auto_shrink([false, false])
            .show_rows(ui, ROW_H, rows.len(), |ui, range| {
                for row in &rows[range] {
                    let Some(art) = corpus.articles.get(row.doc as usize) else {
                        continue;
                    };
                    let name = corpus.article_name(art);
                    let date = art.date.map(|d| d.to_string()).unwrap_or_default();
                    ui.horizontal(|ui| {
                        ui.set_height(ROW_H);
                        ui.add_sized(
                            vec2(LABEL_W, ROW_H),
                            egui::Label::new(format!("{date} {name}")).truncate(),
                        )
                        .on_hover_text(format!(
                            "{name}\n{date}\n{} hits in {} tokens",
                            fmt_int(row.hits() as u64),
                            fmt_int(u64::from(row.tokens))
                        ));
                        ui.add_sized(
                            vec2(HITS_W, ROW_H),
                            egui::Label::new(RichText::new(fmt_int(row.hits() as u64)).strong()),
                        );
                        let width = (ui.available_width() - SCROLLBAR_W).max(40.0);
                        let (rect, resp) =
                            ui.allocate_exact_size(vec2(width, ROW_H - 4.0), Sense::click());
                        let resp =
                            resp.on_hover_text("Click to read the article at the nearest hit");
                        resp.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Button,
                                true,
                                format!("Hits in {name}"),
                            )
                        });
                        paint_track(ui, rect, row, ink, track_fill, border.color);
                        if resp.clicked() {
                            let x = resp.interact_pointer_pos().map(|p| p.x);
                            open = nearest_hit(row, rect, x).map(|span| (row.doc, span));
                        }
                    });
                }
            });
        if let Some((doc, span)) = open {
            cx.commands.push(Command::OpenArticle {
                doc,
                span: Some(span),
            });
        }
    }
}

/// The 0 … 1 scale above the tracks.
fn scale_ui(ui: &mut Ui) {
    ui.horizontal(|ui| {
        let weak = ui.visuals().weak_text_color();
        ui.add_sized(
            vec2(LABEL_W, 16.0),
            egui::Label::new(RichText::new("Article").strong()),
        );
        ui.add_sized(
            vec2(HITS_W, 16.0),
            egui::Label::new(RichText::new("Hits").strong()),
        );
        let width = (ui.available_width() - SCROLLBAR_W).max(40.0);
        let (rect, _) = ui.allocate_exact_size(vec2(width, 14.0), Sense::hover());
        let color = weak;
        let font = egui::TextStyle::Body.resolve(ui.style());
        for (f, align) in [
            (0.0, egui::Align2::LEFT_CENTER),
            (0.5, egui::Align2::CENTER_CENTER),
            (1.0, egui::Align2::RIGHT_CENTER),
        ] {
            let label = match f {
                0.0 => "start",
                1.0 => "end",
                _ => "middle of the article",
            };
            let pos = egui::pos2(rect.left() + f * rect.width(), rect.center().y);
            ui.painter().text(pos, align, label, font.clone(), color);
        }
    });
}

/// A row's track and its ticks.
fn paint_track(
    ui: &Ui,
    rect: Rect,
    row: &DispersionRow,
    ink: Color32,
    fill: Color32,
    border: Color32,
) {
    let painter = ui.painter_at(rect.expand(1.0));
    painter.rect_filled(rect, 2.0, fill);
    painter.rect_stroke(
        rect,
        2.0,
        Stroke::new(1.0, border),
        egui::StrokeKind::Inside,
    );
    let stroke = Stroke::new(1.5, ink);
    let (top, bottom) = (rect.top() + 2.0, rect.bottom() - 2.0);
    let mut last_x = f32::NEG_INFINITY;
    for p in &row.positions {
        let x = rect.left() + (*p as f32).clamp(0.0, 1.0) * rect.width();
        // Hits closer than half a pixel draw one tick: thousands of hits in one article stay cheap.
        if x - last_x < 0.5 {
            continue;
        }
        last_x = x;
        painter.line_segment([egui::pos2(x, top), egui::pos2(x, bottom)], stroke);
    }
}

/// The span of the hit nearest pointer x in a row drawn in `rect` (the first hit without a
/// pointer, as when a screen reader clicks).
pub fn nearest_hit(row: &DispersionRow, rect: Rect, x: Option<f32>) -> Option<(usize, usize)> {
    let Some(x) = x else {
        return row.spans.first().copied();
    };
    let f = f64::from(((x - rect.left()) / rect.width().max(1.0)).clamp(0.0, 1.0));
    row.positions
        .iter()
        .zip(&row.spans)
        .min_by(|a, b| (a.0 - f).abs().total_cmp(&(b.0 - f).abs()))
        .map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_opens_the_nearest_hit() {
        let row = DispersionRow {
            doc: 0,
            tokens: 4,
            spans: vec![(0, 3), (10, 13)],
            positions: vec![0.0, 0.5],
        };
        let rect = Rect::from_min_size(egui::pos2(100.0, 0.0), vec2(200.0, 16.0));
        assert_eq!(nearest_hit(&row, rect, Some(120.0)), Some((0, 3)));
        assert_eq!(nearest_hit(&row, rect, Some(190.0)), Some((10, 13)));
        assert_eq!(nearest_hit(&row, rect, Some(900.0)), Some((10, 13)));
        assert_eq!(nearest_hit(&row, rect, None), Some((0, 3)));
    }
}
