//! Entities: a table by type (PERSON / ORGANIZATION / LOCATION) with mentions and document
//! frequency; the selected entity's aliases, timeline and co-occurring entities ([`selected`]);
//! and, in the middle, either the co-occurrence network ([`network`]) or a bar chart of the top
//! entities coloured by type. Clicking an entity anywhere here selects it.

pub mod editor;
pub mod network;
pub mod selected;

use egui::{RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use rayon::prelude::*;

use super::{Sort, ViewCx, contains_folded, search_ui, sort_header_ui};
use crate::analysis::{EntityKind, EntityStat};
use crate::export::CsvExport;
use crate::gui::cache::CacheKey;
use crate::gui::charts::{self, BarSpec, fmt_int};
use crate::gui::command::Command;

/// Columns of the entity table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityCol {
    Name,
    Kind,
    Mentions,
    DocFreq,
    First,
}

/// What the middle of the view shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EntitiesChart {
    #[default]
    Network,
    TopBars,
}

/// Default and largest number of nodes in the network.
pub const DEFAULT_NODES: usize = 30;
pub const MAX_NODES: usize = 150;

/// Below this width the details panel opens only for a selected entity.
const NARROW: f32 = 1000.0;

/// The width the network keeps between the side panels (when the window allows).
const NETWORK_MIN: f32 = 280.0;

/// The Entities view.
pub struct EntitiesPanel {
    pub chart: EntitiesChart,
    /// Nodes shown in the network.
    pub max_nodes: usize,
    /// Fewest articles a pair must share to be drawn as an edge.
    pub min_shared_articles: u64,
    pub network: network::Network,
    details: selected::SelectedEntity,
    search: String,
    /// Shown types, in [`EntityKind::ALL`] order.
    kinds: [bool; EntityKind::ALL.len()],
    sort: Sort<EntityCol>,
    key: CacheKey<(
        u64,
        String,
        [bool; EntityKind::ALL.len()],
        Sort<EntityCol>,
        bool,
        usize,
    )>,
    rows: Vec<EntityStat>,
    top: Vec<EntityStat>,
    bars: Vec<BarSpec>,
    selected: Option<u32>,
    reset: bool,
}

impl Default for EntitiesPanel {
    fn default() -> Self {
        Self {
            chart: EntitiesChart::Network,
            max_nodes: DEFAULT_NODES,
            min_shared_articles: 2,
            network: network::Network::default(),
            details: selected::SelectedEntity::default(),
            search: String::new(),
            kinds: [true; EntityKind::ALL.len()],
            sort: Sort {
                column: EntityCol::Mentions,
                descending: true,
            },
            key: CacheKey::default(),
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
        if self.key.is(&key) {
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
        // Names compare by their precomputed alphabetical rank: no string comparisons, so a
        // corpus with a hundred thousand entities sorts within a frame.
        let rank: std::borrow::Cow<'_, [u32]> = match &cx.scope.analysis.entity_rank {
            r if r.len() == ents.len() => r.as_slice().into(),
            // Entities set without ranks (as tests do): rank them here.
            _ => crate::analysis::ranks_by(ents.len(), |e| ents[e as usize].name.as_str()).into(),
        };
        let name = |s: &EntityStat| rank.get(s.entity as usize).copied().unwrap_or(s.entity);
        let kind = |s: &EntityStat| ents.get(s.entity as usize).map(|e| e.kind);
        rows.par_sort_by(|x, y| {
            let o = match sort.column {
                EntityCol::Name => name(y).cmp(&name(x)),
                EntityCol::Kind => kind(y).cmp(&kind(x)),
                EntityCol::Mentions => x.mentions.cmp(&y.mentions),
                EntityCol::DocFreq => x.doc_freq.cmp(&y.doc_freq),
                EntityCol::First => y.first_date.cmp(&x.first_date),
            };
            let o = if sort.descending { o.reverse() } else { o };
            o.then_with(|| y.mentions.cmp(&x.mentions))
                .then_with(|| name(x).cmp(&name(y)))
        });
        self.rows = rows;
        self.key.set(key);
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        self.refresh(cx);
        if cx.scope.analysis.entity_stats.is_empty() {
            ui.label("No entities were found in this corpus.");
            return;
        }
        let width = ui.available_width();
        // Table, details and network side by side need about 1,000 points; in a narrower
        // window the details panel opens only for a selected entity (with a close button).
        let narrow = width < NARROW;
        // The table is a side panel, capped so that the network keeps room.
        egui::Panel::left("entities-table")
            .resizable(true)
            .default_size((width * 0.3).clamp(300.0, 420.0))
            .size_range(240.0..=(width * 0.42).max(240.0))
            .show(ui, |ui| self.table_ui(ui, cx));
        // The network and the details share the rest by explicit rects, so neither can spill
        // over the other (a side panel lets content wider than its width spill).
        egui::CentralPanel::default().show(ui, |ui| {
            let full = ui.available_rect_before_wrap();
            let details = !narrow || self.selected.is_some();
            let details_w = if details {
                (full.width() * 0.4)
                    .clamp(230.0, 380.0)
                    .min((full.width() - NETWORK_MIN).max(230.0))
            } else {
                0.0
            };
            let gap = if details { 12.0 } else { 0.0 };
            let split = full.max.x - details_w - gap;
            let left = egui::Rect::from_min_max(full.min, egui::pos2(split, full.max.y));
            let right = egui::Rect::from_min_max(egui::pos2(split + gap, full.min.y), full.max);
            ui.scope_builder(egui::UiBuilder::new().max_rect(left), |ui| {
                ui.shrink_clip_rect(left);
                self.chart_area_ui(ui, cx, narrow);
            });
            if details {
                let x = split + gap / 2.0;
                ui.painter().vline(
                    x,
                    full.y_range(),
                    ui.visuals().widgets.noninteractive.bg_stroke,
                );
                ui.scope_builder(egui::UiBuilder::new().max_rect(right), |ui| {
                    ui.shrink_clip_rect(right);
                    egui::ScrollArea::vertical()
                        .id_salt("entity-details")
                        .auto_shrink([false, false])
                        .show(ui, |ui| self.selected_ui(ui, cx, narrow));
                });
            }
            ui.allocate_rect(full, egui::Sense::hover());
        });
    }

    /// The network or the top-entities chart, with their switch.
    fn chart_area_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, narrow: bool) {
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut self.chart, EntitiesChart::Network, "Network");
            ui.selectable_value(&mut self.chart, EntitiesChart::TopBars, "Top entities");
            if narrow && self.selected.is_none() {
                ui.label(RichText::new("Click an entity for its details").weak());
            }
        });
        if narrow && self.selected.is_none() {
            self.details.editor.edits_ui(ui, cx);
        }
        match self.chart {
            EntitiesChart::Network => self.network_ui(ui, cx),
            EntitiesChart::TopBars => self.chart_ui(ui, cx),
        }
    }

    /// The right panel: the rules made so far, then the selected entity (or how to pick one).
    fn selected_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, narrow: bool) {
        if narrow
            && ui
                .button("Close details ×")
                .on_hover_text("Give the network the room again")
                .clicked()
        {
            self.selected = None;
            return;
        }
        self.details.editor.edits_ui(ui, cx);
        ui.separator();
        match self.selected {
            Some(e) => {
                if let Some(other) = self.details.ui(ui, cx, e) {
                    self.selected = Some(other);
                }
            }
            None => {
                ui.add_space(20.0);
                ui.label(
                    "Click an entity in the table or the network to see its aliases, \
                     its timeline and the entities named with it, and to correct it.",
                );
            }
        }
    }

    /// Select an entity (as a click in the table or the network does).
    pub fn select(&mut self, entity: u32) {
        self.selected = Some(entity);
    }

    /// The entity to select again after a re-analysis, by name and type: the one an edit asked
    /// for, else the one selected now (in `analysis`, the analysis shown).
    pub fn selection_to_keep(
        &self,
        analysis: &crate::analysis::Analysis,
    ) -> Option<(String, EntityKind)> {
        if let Some(keep) = &self.details.editor.reselect {
            return Some(keep.clone());
        }
        let e = analysis.entities.entities.get(self.selected? as usize)?;
        Some((e.name.clone(), e.kind))
    }

    /// Select the entity `name` of type `kind` in `analysis`, if there is one.
    pub fn restore_selection(
        &mut self,
        keep: Option<(String, EntityKind)>,
        analysis: &crate::analysis::Analysis,
    ) {
        let Some((name, kind)) = keep else { return };
        self.selected = analysis
            .entities
            .entities
            .iter()
            .position(|e| e.name == name && e.kind == kind)
            .map(|i| i as u32);
    }

    fn network_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        self.network
            .refresh(cx.scope, self.max_nodes, self.min_shared_articles);
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Entities:");
            ui.add(egui::Slider::new(&mut self.max_nodes, 1..=MAX_NODES))
                .labelled_by(l.id)
                .on_hover_text("How many of the most mentioned entities are drawn");
            let l = ui.label("Min. shared articles:");
            ui.add(egui::DragValue::new(&mut self.min_shared_articles).range(1..=1000))
                .labelled_by(l.id)
                .on_hover_text(
                    "A link is drawn when the two entities share at least this many articles",
                );
            if ui
                .button("Re-layout")
                .on_hover_text("Unpin every node and lay the network out again")
                .clicked()
            {
                self.network.relayout();
            }
        });
        let net = &self.network;
        let capped = if net.edges_available > net.edges.len() {
            format!(
                " (strongest {} of {})",
                net.edges.len(),
                fmt_int(net.edges_available as u64)
            )
        } else {
            String::new()
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} of {} entities shown",
                    fmt_int(net.nodes.len() as u64),
                    fmt_int(net.total_entities as u64)
                ))
                .strong(),
            );
            ui.label(format!("{} links{capped}", fmt_int(net.edges.len() as u64)));
            for k in EntityKind::ALL {
                let color = charts::kind_color(k, cx.dark);
                super::swatch_ui(ui, color);
                ui.label(RichText::new(k.as_str()).color(color));
            }
        })
        .response
        .on_hover_text(network::legend_text(net));
        let resp = self.network.ui(ui, cx.dark, self.selected);
        if let Some(e) = resp.clicked {
            self.selected = Some(e);
        }
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
        // The analysis is shared (an Arc): no copy of the entity list per frame.
        let analysis = cx.scope.analysis.clone();
        let ents = &analysis.entities.entities;
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
            .column(Column::remainder().at_least(110.0).clip(true))
            .column(Column::exact(44.0))
            .column(Column::exact(80.0))
            .column(Column::exact(48.0))
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
                        ui.label(RichText::new(selected::short_kind(e.kind)).color(color))
                            .on_hover_text(e.kind.as_str());
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
        }
        if actions.export_csv {
            let rows = self.top.iter().take(shown).cloned().collect();
            cx.commands
                .push(Command::ExportCsv(CsvExport::Entities(rows)));
        }
        actions.save_chart(cx.commands, "top_entities", || {
            charts::ranked_spec(&title, "mentions", "entity", &self.bars[..shown])
        });
    }
}
