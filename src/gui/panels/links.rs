//! Words › Links & tags: the scope's `#hashtags` and `@handles` (clicking one opens its
//! concordance) and the corpus' links and top domains, as small tables of the top rows.

use egui::{RichText, Ui};

use super::ViewCx;
use crate::analysis::TermStat;
use crate::gui::cache::CacheKey;
use crate::gui::charts::fmt_int;
use crate::gui::command::Command;

/// Rows shown per table (the CSV export of `analyze` has them all).
const SHOWN: usize = 100;

/// The Links & tags sub-view.
#[derive(Default)]
pub struct LinksView {
    key: CacheKey<u64>,
    hashtags: Vec<TermStat>,
    handles: Vec<TermStat>,
}

impl LinksView {
    fn refresh(&mut self, cx: &ViewCx<'_>) {
        if !self.key.changed(cx.scope.key) {
            return;
        }
        let a = &cx.scope.analysis;
        let terms = cx.scope.terms();
        self.hashtags = a.tagged_terms(terms, '#');
        self.handles = a.tagged_terms(terms, '@');
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        self.refresh(cx);
        let s = &cx.scope.analysis.summary;
        ui.label(format!(
            "{} links and {} e-mail addresses in the corpus (not counted as words); {} hashtags \
             and {} handles in the selection (each one term). Click a hashtag or handle for \
             its concordance.",
            fmt_int(s.urls_found),
            fmt_int(s.emails_found),
            fmt_int(self.hashtags.iter().map(|t| t.count).sum()),
            fmt_int(self.handles.iter().map(|t| t.count).sum()),
        ));
        ui.separator();
        let mut clicked = None;
        ui.columns(3, |cols| {
            clicked = tags_ui(&mut cols[0], "Hashtags", &self.hashtags, cx).or(tags_ui(
                &mut cols[1],
                "Handles",
                &self.handles,
                cx,
            ));
            links_ui(&mut cols[2], cx);
        });
        if let Some(term) = clicked {
            cx.commands.push(Command::Concordance(term));
        }
    }
}

/// A table of hashtag or handle terms; the term clicked, if any.
fn tags_ui(ui: &mut Ui, title: &str, rows: &[TermStat], cx: &ViewCx<'_>) -> Option<String> {
    ui.strong(title);
    let a = &cx.scope.analysis;
    let mut clicked = None;
    egui::ScrollArea::vertical().id_salt(title).show(ui, |ui| {
        egui::Grid::new(title).striped(true).show(ui, |ui| {
            ui.label(RichText::new("Term").weak());
            ui.label(RichText::new("Count").weak());
            ui.label(RichText::new("Docs").weak());
            ui.end_row();
            for t in rows.iter().take(SHOWN) {
                let term = a.vocab.term(t.term);
                if ui.link(term).clicked() {
                    clicked = Some(term.to_owned());
                }
                ui.label(fmt_int(t.count));
                ui.label(fmt_int(u64::from(t.doc_freq)));
                ui.end_row();
            }
        });
        if rows.is_empty() {
            ui.label(RichText::new("none").weak());
        }
    });
    clicked
}

/// The top domains, then the top links, of the whole corpus.
fn links_ui(ui: &mut Ui, cx: &ViewCx<'_>) {
    let links = &cx.scope.analysis.links;
    ui.strong("Domains and links");
    egui::ScrollArea::vertical()
        .id_salt("links")
        .show(ui, |ui| {
            egui::Grid::new("domains").striped(true).show(ui, |ui| {
                ui.label(RichText::new("Domain").weak());
                ui.label(RichText::new("Links").weak());
                ui.label(RichText::new("Docs").weak());
                ui.end_row();
                for d in links.domains.iter().take(SHOWN) {
                    ui.label(&d.domain);
                    ui.label(fmt_int(d.count));
                    ui.label(fmt_int(u64::from(d.doc_freq)));
                    ui.end_row();
                }
            });
            ui.separator();
            egui::Grid::new("links").striped(true).show(ui, |ui| {
                for l in links.links.iter().take(SHOWN) {
                    ui.label(&l.link).on_hover_text(l.kind.name());
                    ui.label(fmt_int(l.count));
                    ui.end_row();
                }
            });
            if links.links.is_empty() {
                ui.label(RichText::new("no links").weak());
            }
        });
}
