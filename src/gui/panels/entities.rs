//! Entities: a table by type (PERSON / ORGANIZATION / LOCATION) with mentions and document
//! frequency, and a bar chart of the top entities coloured by type. Clicking one shows its
//! variants, trend and mentions in the detail panel.

use egui::{RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::{Sort, ViewCx, contains_folded, search_ui, sort_header_ui};
use crate::analysis::{EntityKind, EntityStat};
use crate::gui::app::Command;
use crate::gui::charts::{self, BarSpec, fmt_int};
use crate::gui::exports::CsvExport;
use crate::gui::scope::Series;

/// Columns of the entity table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityCol {
    Name,
    Kind,
    Mentions,
    DocFreq,
    First,
}

/// The Entities view.
pub struct EntitiesPanel {
    search: String,
    /// Shown types, in [`EntityKind::ALL`] order.
    kinds: [bool; 3],
    sort: Sort<EntityCol>,
    key: Option<(u64, String, [bool; 3], Sort<EntityCol>, bool, usize)>,
    rows: Vec<EntityStat>,
    top: Vec<EntityStat>,
    bars: Vec<BarSpec>,
    selected: Option<u32>,
    reset: bool,
}

impl Default for EntitiesPanel {
    fn default() -> Self {
        Self {
            search: String::new(),
            kinds: [true; 3],
            sort: Sort {
                column: EntityCol::Mentions,
                descending: true,
            },
            key: None,
            rows: Vec::new(),
            top: Vec::new(),
            bars: Vec::new(),
            selected: None,
            reset: false,
        }
    }
}

impl EntitiesPanel {
    fn refresh(&mut self, cx: &ViewCx<'_>) {
        let key = (
            cx.scope.key,
            self.search.clone(),
            self.kinds,
            self.sort,
            cx.dark,
            cx.state.top_n,
        );
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let ents = &cx.scope.analysis.entities.entities;
        let needle = self.search.trim().to_lowercase();
        let shown = |k: EntityKind| {
            EntityKind::ALL
                .iter()
                .position(|x| *x == k)
                .is_some_and(|i| self.kinds[i])
        };
        let mut rows: Vec<EntityStat> = cx
            .scope
            .entity_stats()
            .iter()
            .filter(|s| {
                ents.get(s.entity as usize).is_some_and(|e| {
                    shown(e.kind)
                        && (contains_folded(&e.name, &needle)
                            || e.variants.iter().any(|(v, _)| contains_folded(v, &needle)))
                })
            })
            .cloned()
            .collect();
        self.top = rows.iter().take(cx.state.top_n).cloned().collect();
        self.bars = self
            .top
            .iter()
            .filter_map(|s| {
                let e = ents.get(s.entity as usize)?;
                Some(BarSpec {
                    value: s.mentions as f64,
                    tooltip: format!(
                        "{} ({})\n{} mentions\nin {} articles",
                        e.name,
                        e.kind.as_str(),
                        fmt_int(s.mentions),
                        fmt_int(u64::from(s.doc_freq))
                    ),
                    label: e.name.clone(),
                    color: charts::kind_color(e.kind, cx.dark),
                })
            })
            .collect();
        let sort = self.sort;
        let name = |s: &EntityStat| ents.get(s.entity as usize).map_or("", |e| e.name.as_str());
        let kind = |s: &EntityStat| ents.get(s.entity as usize).map(|e| e.kind);
        rows.sort_by(|x, y| {
            let o = match sort.column {
                EntityCol::Name => name(y).cmp(name(x)),
                EntityCol::Kind => kind(y).cmp(&kind(x)),
                EntityCol::Mentions => x.mentions.cmp(&y.mentions),
                EntityCol::DocFreq => x.doc_freq.cmp(&y.doc_freq),
                EntityCol::First => y.first_date.cmp(&x.first_date),
            };
            let o = if sort.descending { o.reverse() } else { o };
            o.then_with(|| y.mentions.cmp(&x.mentions))
                .then_with(|| name(x).cmp(name(y)))
        });
        self.rows = rows;
        self.key = Some(key);
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        self.refresh(cx);
        if cx.scope.analysis.entity_stats.is_empty() {
            ui.label("No entities were found in this corpus.");
            return;
        }
        let width = ui.available_width();
        egui::Panel::left("entities-table")
            .resizable(true)
            .default_size((width * 0.5).max(440.0))
            .show(ui, |ui| self.table_ui(ui, cx));
        egui::CentralPanel::default().show(ui, |ui| self.chart_ui(ui, cx));
    }

    fn table_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        ui.horizontal_wrapped(|ui| {
            search_ui(
                ui,
                "Find entity",
                &mut self.search,
                "name or variant (Ctrl+F)",
                cx.focus_search,
            );
            if ui.button("Export CSV…").clicked() {
                cx.commands
                    .push(Command::ExportCsv(CsvExport::Entities(self.rows.clone())));
            }
        });
        ui.horizontal(|ui| {
            for (i, k) in EntityKind::ALL.iter().enumerate() {
                let text = RichText::new(k.as_str()).color(charts::kind_color(*k, cx.dark));
                ui.checkbox(&mut self.kinds[i], text);
            }
            ui.label(format!("{} entities", fmt_int(self.rows.len() as u64)));
        });
        let ents = cx.scope.analysis.entities.entities.clone();
        let row_h = egui::TextStyle::Body
            .resolve(ui.style())
            .size
            .max(ui.spacing().interact_size.y);
        let mut sort = self.sort;
        let mut clicked = None;
        TableBuilder::new(ui)
            .id_salt("entities-table")
            .striped(true)
            .sense(Sense::click())
            .column(Column::remainder().at_least(140.0).clip(true))
            .column(Column::exact(110.0))
            .column(Column::exact(80.0))
            .column(Column::exact(60.0))
            .column(Column::exact(90.0))
            .header(22.0, |mut h| {
                h.col(|ui| {
                    sort_header_ui(ui, "Entity", EntityCol::Name, &mut sort);
                });
                h.col(|ui| {
                    sort_header_ui(ui, "Type", EntityCol::Kind, &mut sort);
                });
                h.col(|ui| {
                    sort_header_ui(ui, "Mentions", EntityCol::Mentions, &mut sort);
                });
                h.col(|ui| {
                    sort_header_ui(ui, "Docs", EntityCol::DocFreq, &mut sort);
                });
                h.col(|ui| {
                    sort_header_ui(ui, "First seen", EntityCol::First, &mut sort);
                });
            })
            .body(|body| {
                body.rows(row_h, self.rows.len(), |mut row| {
                    let Some(s) = self.rows.get(row.index()) else {
                        return;
                    };
                    let Some(e) = ents.get(s.entity as usize) else {
                        return;
                    };
                    let color = charts::kind_color(e.kind, cx.dark);
                    row.set_selected(self.selected == Some(s.entity));
                    row.col(|ui| {
                        ui.label(RichText::new(&e.name).color(color));
                    });
                    row.col(|ui| {
                        ui.label(RichText::new(e.kind.as_str()).color(color));
                    });
                    row.col(|ui| {
                        ui.label(fmt_int(s.mentions));
                    });
                    row.col(|ui| {
                        ui.label(fmt_int(u64::from(s.doc_freq)));
                    });
                    row.col(|ui| {
                        ui.label(s.first_date.map_or("–".to_owned(), |d| d.to_string()));
                    });
                    if row.response().clicked() {
                        clicked = Some(s.entity);
                    }
                });
            });
        self.sort = sort;
        if let Some(e) = clicked {
            self.selected = Some(e);
            cx.commands.push(Command::Drill(Series::Entity(e)));
        }
    }

    fn chart_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        let h = (ui.available_height() - 60.0).max(200.0);
        let shown = self.bars.len().min(charts::ranked_capacity(h));
        let title = format!("Top {shown} entities");
        let actions = charts::chart_toolbar_ui(ui, &title);
        ui.horizontal(|ui| {
            for k in EntityKind::ALL {
                let color = charts::kind_color(k, cx.dark);
                super::swatch_ui(ui, color);
                ui.label(RichText::new(k.as_str()).color(color));
            }
        });
        let resp = charts::ranked_bars_ui(
            ui,
            "entity-bars",
            &self.bars[..shown],
            "mentions",
            self.reset || actions.reset,
            h,
        );
        self.reset = false;
        if let Some(i) = resp.clicked
            && let Some(s) = self.top.get(i)
        {
            self.selected = Some(s.entity);
            cx.commands.push(Command::Drill(Series::Entity(s.entity)));
        }
        if actions.export_csv {
            let rows = self.top.iter().take(shown).cloned().collect();
            cx.commands
                .push(Command::ExportCsv(CsvExport::Entities(rows)));
        }
        if actions.save_png
            && let Some(rect) = resp.rect
        {
            cx.commands.push(Command::SavePng {
                rect,
                name: "top_entities.png".into(),
            });
        }
    }
}
