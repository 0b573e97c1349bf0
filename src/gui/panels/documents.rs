//! Documents: the article list of the scope (title, date, length), filterable by text and by a
//! period picked in a chart, and a reader that shows the selected article with its entities
//! highlighted by type (a `LayoutJob` over the mention byte spans) and a concordance match marked.

use std::sync::Arc;

use chrono::NaiveDate;
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use chrono::Datelike;
use rayon::prelude::*;

use super::{Sort, ViewCx, contains_folded, search_ui, sort_header_ui};
use crate::analysis::EntityKind;
use crate::analysis::entities::Mention;
use crate::export::CsvExport;
use crate::gui::cache::CacheKey;
use crate::gui::charts::{self, fmt_int};
use crate::gui::command::Command;

/// Columns of the article list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocCol {
    Title,
    Date,
    Tokens,
}

/// A period picked in a chart.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub label: String,
}

/// The laid-out text of the open article.
struct Reader {
    key: (u32, bool, Option<(usize, usize)>, i32),
    galley: Arc<egui::Galley>,
    /// Where the highlighted match starts (characters), for scrolling to it.
    match_char: Option<usize>,
}

/// The Documents view.
pub struct DocumentsPanel {
    search: String,
    period: Option<Period>,
    sort: Sort<DocCol>,
    key: CacheKey<(u64, String, Option<Period>, Sort<DocCol>)>,
    rows: Vec<u32>,
    pub selected: Option<u32>,
    span: Option<(usize, usize)>,
    scroll_to_match: bool,
    scroll_to_row: bool,
    reader: Option<Reader>,
    copies: super::copies::CopiesIndex,
}

impl Default for DocumentsPanel {
    fn default() -> Self {
        Self {
            search: String::new(),
            period: None,
            sort: Sort {
                column: DocCol::Date,
                descending: false,
            },
            key: CacheKey::default(),
            rows: Vec::new(),
            selected: None,
            span: None,
            scroll_to_match: false,
            scroll_to_row: false,
            reader: None,
            copies: super::copies::CopiesIndex::default(),
        }
    }
}

/// The highlight colour of an entity type (a translucent background).
fn kind_background(kind: EntityKind, dark: bool) -> Color32 {
    charts::kind_color(kind, dark).gamma_multiply(if dark { 0.45 } else { 0.28 })
}

/// The article text as a layout job: entity mentions on a type-coloured background, the match
/// (if any) on yellow and underlined.
pub fn highlight_job(
    text: &str,
    mentions: &[Mention],
    span: Option<(usize, usize)>,
    dark: bool,
    font: FontId,
    text_color: Color32,
) -> LayoutJob {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for m in mentions {
        cuts.extend([m.start, m.end]);
    }
    if let Some((s, e)) = span {
        cuts.extend([s, e]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let plain = TextFormat::simple(font.clone(), text_color);
    let mut job = LayoutJob::default();
    let mut mi = 0;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        while mi < mentions.len() && mentions[mi].end <= a {
            mi += 1;
        }
        let mention = mentions[mi..]
            .iter()
            .take_while(|m| m.start <= a)
            .find(|m| m.start <= a && b <= m.end);
        let in_match = span.is_some_and(|(s, e)| s <= a && b <= e);
        let format = if in_match {
            TextFormat {
                background: Color32::from_rgb(0xff, 0xe0, 0x66),
                color: Color32::BLACK,
                underline: egui::Stroke::new(1.5, Color32::BLACK),
                ..plain.clone()
            }
        } else if let Some(m) = mention {
            TextFormat {
                background: kind_background(m.kind, dark),
                ..plain.clone()
            }
        } else {
            plain.clone()
        };
        job.append(piece, 0.0, format);
    }
    job
}

impl DocumentsPanel {
    /// Show the articles of one period.
    pub fn show_period(&mut self, from: NaiveDate, to: NaiveDate, label: String) {
        self.period = Some(Period { from, to, label });
    }

    /// Open an article in the reader, optionally marking a byte span.
    /// The article the reader shows and the byte span it highlights.
    pub fn reading(&self) -> (Option<u32>, Option<(usize, usize)>) {
        (self.selected, self.span)
    }

    pub fn open(&mut self, doc: u32, span: Option<(usize, usize)>) {
        self.selected = Some(doc);
        self.span = span;
        self.scroll_to_match = span.is_some();
        self.scroll_to_row = true;
    }

    fn refresh(&mut self, cx: &ViewCx<'_>) {
        let key = (
            cx.scope.key,
            self.search.clone(),
            self.period.clone(),
            self.sort,
        );
        if self.key.is(&key) {
            return;
        }
        let corpus = &cx.scope.corpus;
        let a = &cx.scope.analysis;
        let needle = self.search.trim().to_lowercase();
        let base: Vec<u32> = match cx.scope.selected() {
            Some(d) => d.to_vec(),
            None => (0..corpus.articles.len() as u32).collect(),
        };
        let mut rows: Vec<u32> =
            base.into_iter()
                .filter(|&d| {
                    let Some(art) = corpus.articles.get(d as usize) else {
                        return false;
                    };
                    let in_period = self.period.as_ref().is_none_or(|p| {
                        art.date.is_some_and(|date| p.from <= date && date <= p.to)
                    });
                    in_period
                        && (contains_folded(&art.title, &needle)
                            || contains_folded(&art.source, &needle))
                })
                .collect();
        let s = self.sort;
        let tokens = |d: u32| a.docs.get(d as usize).map_or(0, |x| x.tokens);
        // In parallel, and dates and token counts as plain keys: 100k rows sort within a frame.
        let by = |o: std::cmp::Ordering| if s.descending { o.reverse() } else { o };
        match s.column {
            DocCol::Title => {
                // By the name the list shows (the title, else the path), computed once per row.
                let mut named: Vec<(String, u32)> = rows
                    .iter()
                    .map(|&d| (corpus.article_name(&corpus.articles[d as usize]), d))
                    .collect();
                named.par_sort_unstable_by(|x, y| by(x.0.cmp(&y.0)).then_with(|| x.1.cmp(&y.1)));
                rows = named.into_iter().map(|(_, d)| d).collect();
            }
            DocCol::Date | DocCol::Tokens => {
                let key = |d: u32| match s.column {
                    DocCol::Date => corpus.articles[d as usize]
                        .date
                        .map_or(i64::MIN, |x| i64::from(x.num_days_from_ce())),
                    _ => i64::from(tokens(d)),
                };
                let mut keyed: Vec<(i64, u32)> = rows.iter().map(|&d| (key(d), d)).collect();
                keyed.par_sort_unstable_by(|x, y| by(x.0.cmp(&y.0)).then_with(|| x.1.cmp(&y.1)));
                rows = keyed.into_iter().map(|(_, d)| d).collect();
            }
        }
        self.rows = rows;
        self.key.set(key);
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        self.refresh(cx);
        self.copies
            .update(cx.scope.key, &cx.scope.corpus.report.cleaning);
        let width = ui.available_width();
        egui::Panel::left("documents-list")
            .resizable(true)
            .default_size((width * 0.42).max(380.0))
            .show(ui, |ui| self.list_ui(ui, cx));
        egui::CentralPanel::default().show(ui, |ui| self.reader_ui(ui, cx));
    }

    fn list_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        ui.horizontal_wrapped(|ui| {
            search_ui(
                ui,
                "Find article",
                &mut self.search,
                "title or file name (Ctrl+F)",
                cx.focus_search,
            );
            if ui.button("Export CSV…").clicked() {
                cx.commands
                    .push(Command::ExportCsv(CsvExport::Documents(self.rows.clone())));
            }
        });
        ui.horizontal(|ui| {
            ui.label(format!("{} articles", fmt_int(self.rows.len() as u64)));
            let mut clear = false;
            if let Some(p) = &self.period {
                clear = ui
                    .button(format!("Period: {} ×", p.label))
                    .on_hover_text("Show every period again")
                    .clicked();
            }
            if clear {
                self.period = None;
            }
        });
        let corpus = cx.scope.corpus.clone();
        let a = cx.scope.analysis.clone();
        let row_h = egui::TextStyle::Body
            .resolve(ui.style())
            .size
            .max(ui.spacing().interact_size.y);
        let mut sort = self.sort;
        let mut clicked = None;
        let mut table = TableBuilder::new(ui)
            .id_salt("documents-table")
            .striped(true)
            .sense(Sense::click())
            .column(Column::remainder().at_least(160.0).clip(true))
            .column(Column::exact(90.0))
            .column(Column::exact(70.0))
            .column(Column::exact(55.0));
        if self.scroll_to_row {
            if let Some(pos) = self.rows.iter().position(|&d| Some(d) == self.selected) {
                table = table.scroll_to_row(pos, Some(egui::Align::Center));
            }
            self.scroll_to_row = false;
        }
        table
            .header(22.0, |mut h| {
                h.col(|ui| {
                    sort_header_ui(ui, "Title", DocCol::Title, &mut sort);
                });
                h.col(|ui| {
                    sort_header_ui(ui, "Date", DocCol::Date, &mut sort);
                });
                h.col(|ui| {
                    sort_header_ui(ui, "Tokens", DocCol::Tokens, &mut sort);
                });
                h.col(|ui| {
                    ui.strong("Copies")
                        .on_hover_text("Articles in its near-duplicate cluster (itself included)");
                });
            })
            .body(|body| {
                body.rows(row_h, self.rows.len(), |mut row| {
                    let Some(&d) = self.rows.get(row.index()) else {
                        return;
                    };
                    let Some(art) = corpus.articles.get(d as usize) else {
                        return;
                    };
                    row.set_selected(self.selected == Some(d));
                    row.col(|ui| name_ui(ui, &corpus, art));
                    row.col(|ui| {
                        ui.label(art.date.map_or("–".to_owned(), |d| d.to_string()));
                    });
                    row.col(|ui| {
                        ui.label(fmt_int(u64::from(
                            a.docs.get(d as usize).map_or(0, |x| x.tokens),
                        )));
                    });
                    row.col(|ui| {
                        let cluster = self.copies.cluster(&corpus.report.cleaning, d);
                        ui.label(cluster.map_or(String::new(), |c| c.members.len().to_string()));
                    });
                    if row.response().clicked() {
                        clicked = Some(d);
                    }
                });
            });
        self.sort = sort;
        if let Some(d) = clicked {
            self.selected = Some(d);
            self.span = None;
        }
    }

    fn reader_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        let Some(doc) = self.selected else {
            ui.label("Select an article in the list to read it.");
            return;
        };
        let corpus = cx.scope.corpus.clone();
        let a = cx.scope.analysis.clone();
        let Some(art) = corpus.articles.get(doc as usize) else {
            return;
        };
        self.article_header_ui(ui, cx, art, doc);
        if let Some(cluster) = self.copies.cluster(&corpus.report.cleaning, doc)
            && let Some(open) = super::copies::copies_ui(ui, cluster, doc)
        {
            self.open(open, None);
        }
        ui.separator();
        let mentions = a
            .entities
            .mentions
            .get(doc as usize)
            .map_or(&[][..], |m| m.as_slice());
        egui::ScrollArea::vertical()
            .id_salt(("reader", doc))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let wrap = ui.available_width();
                let key = (doc, cx.dark, self.span, wrap.round() as i32);
                if self.reader.as_ref().is_none_or(|r| r.key != key) {
                    let font = egui::TextStyle::Body.resolve(ui.style());
                    let mut job = highlight_job(
                        &art.text,
                        mentions,
                        self.span,
                        cx.dark,
                        font,
                        ui.visuals().text_color(),
                    );
                    job.wrap.max_width = wrap;
                    let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
                    let match_char = self
                        .span
                        .and_then(|(s, _)| art.text.get(..s).map(|p| p.chars().count()));
                    self.reader = Some(Reader {
                        key,
                        galley,
                        match_char,
                    });
                }
                let Some(reader) = &self.reader else {
                    return;
                };
                let resp = ui.add(egui::Label::new(reader.galley.clone()).selectable(true));
                if self.scroll_to_match
                    && let Some(c) = reader.match_char
                {
                    let r = reader.galley.pos_from_cursor(CCursor::new(c));
                    let rect = r.translate(resp.rect.min.to_vec2());
                    ui.scroll_to_rect(rect, Some(egui::Align::Center));
                    self.scroll_to_match = false;
                }
            });
    }

    /// The article's title, date, size, source, metadata, key terms and the highlight legend.
    fn article_header_ui(
        &self,
        ui: &mut Ui,
        cx: &ViewCx<'_>,
        art: &crate::model::Article,
        doc: u32,
    ) {
        let a = &cx.scope.analysis;
        ui.heading(cx.scope.corpus.article_name(art));
        ui.horizontal_wrapped(|ui| {
            ui.label(art.date.map_or("undated".to_owned(), |d| d.to_string()));
            ui.label("·");
            ui.label(format!(
                "{} tokens",
                fmt_int(u64::from(a.docs.get(doc as usize).map_or(0, |x| x.tokens)))
            ));
            ui.label("·");
            ui.label(RichText::new(&art.source).weak());
        });
        for (k, v) in &art.metadata {
            ui.label(format!("{k}: {v}"));
        }
        if let Some(idx) = a.docs.get(doc as usize)
            && !idx.top_terms.is_empty()
        {
            let top: Vec<&str> = idx
                .top_terms
                .iter()
                .map(|&(t, _)| a.vocab.term(t))
                .collect();
            ui.label(RichText::new(format!("Key terms: {}", top.join(", "))).italics());
        }
        ui.horizontal(|ui| {
            ui.label("Highlights:");
            for k in EntityKind::ALL {
                ui.label(
                    RichText::new(format!(" {} ", k.as_str()))
                        .background_color(kind_background(k, cx.dark)),
                );
            }
            if self.span.is_some() {
                ui.label(
                    RichText::new(" match ")
                        .background_color(Color32::from_rgb(0xff, 0xe0, 0x66))
                        .color(Color32::BLACK),
                );
            }
        });
    }
}

/// An article's name in the list; an untitled one (named by its path) is followed by the first
/// words of its text, so that rows of untitled files can be told apart at a glance.
fn name_ui(ui: &mut Ui, corpus: &crate::model::Corpus, art: &crate::model::Article) {
    let name = corpus.article_name(art);
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let strong = egui::TextFormat::simple(font.clone(), ui.visuals().text_color());
    job.append(&name, 0.0, strong);
    if art.title.trim().is_empty() {
        let weak = egui::TextFormat::simple(font, ui.visuals().weak_text_color());
        job.append(&format!("  {}", art.opening_words()), 0.0, weak);
    }
    ui.add(egui::Label::new(job).truncate());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_splits_text_at_mentions_and_match() {
        let text = "Abraham Lincoln spoke in Washington today.";
        let mentions = [
            Mention {
                start: 0,
                end: 15,
                kind: EntityKind::Person,
                entity: 0,
            },
            Mention {
                start: 25,
                end: 35,
                kind: EntityKind::Location,
                entity: 1,
            },
        ];
        let job = highlight_job(
            text,
            &mentions,
            Some((16, 21)),
            false,
            FontId::proportional(14.0),
            Color32::BLACK,
        );
        assert_eq!(job.text, text);
        let pieces: Vec<&str> = job
            .sections
            .iter()
            .map(|s| &text[s.byte_range.start.0..s.byte_range.end.0])
            .collect();
        assert_eq!(
            pieces,
            [
                "Abraham Lincoln",
                " ",
                "spoke",
                " in ",
                "Washington",
                " today."
            ]
        );
        let bg = |i: usize| job.sections[i].format.background;
        assert_eq!(bg(0), kind_background(EntityKind::Person, false));
        assert_eq!(bg(1), Color32::TRANSPARENT);
        assert_eq!(bg(2), Color32::from_rgb(0xff, 0xe0, 0x66));
        assert_eq!(bg(4), kind_background(EntityKind::Location, false));
    }
}
