//! The entity editor: the corrections the user makes to the selected entity (rename, retype,
//! hide, merge into another, split off an alias) and the list of edits made so far (undo, clear,
//! export and import as a rules CSV).
//!
//! An edit never changes the analysis shown: it adds an [`EntityEdit`] to the corpus's
//! [`EntityRules`] (part of its analysis settings, so saved per corpus) and asks for a
//! re-analysis, which applies the rules right after extraction (see
//! [`crate::analysis::entity_edits`]); every view, the filter, keyness and the exports then see
//! the corrected entities. Entities are named, not numbered, in the edits, so they survive the
//! re-analysis; the entity to select afterwards is kept here by name too.

use egui::{RichText, Ui};

use super::super::ViewCx;
use crate::analysis::EntityKind;
use crate::analysis::entities::Entity;
use crate::analysis::entity_edits::{EditAction, EntityEdit, EntityRules};
use crate::gui::charts::fmt_int;
use crate::gui::command::Command;

/// How many names the "Merge into" box suggests.
const SUGGESTIONS: usize = 5;

/// How many aliases get a row (with its split button).
const ALIAS_ROWS: usize = 20;

/// The editor's state: the text typed into its boxes, for the entity they were typed for.
#[derive(Default)]
pub struct EntityEditor {
    /// The entity the boxes below belong to (they are reset when another is selected).
    shown_for: Option<(String, EntityKind)>,
    rename: String,
    merge_into: String,
    /// The type an alias split off gets (`None`: the entity's own).
    split_kind: Option<EntityKind>,
    /// The entity to select once the re-analysis an edit started has finished.
    pub reselect: Option<(String, EntityKind)>,
}

impl EntityEditor {
    fn reset_for(&mut self, ent: &Entity) {
        let key = (ent.name.clone(), ent.kind);
        if self.shown_for.as_ref() != Some(&key) {
            self.rename.clear();
            self.merge_into.clear();
            self.split_kind = None;
            self.shown_for = Some(key);
        }
    }

    /// Add `edit` to the corpus's rules and re-analyse; select `then` afterwards.
    fn push(&mut self, cx: &mut ViewCx<'_>, edit: EntityEdit, then: Option<(String, EntityKind)>) {
        let mut rules = cx.state.analysis.entity_rules.clone();
        rules.edits.push(edit);
        cx.commands.push(Command::EditEntities(rules));
        self.reselect = then;
    }

    /// Rename, retype, hide and merge controls for `ent`.
    pub fn entity_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, ent: &Entity) {
        self.reset_for(ent);
        let me = (ent.name.clone(), ent.kind);
        let edit = |action| EntityEdit::new(action, &ent.name, Some(ent.kind));
        ui.horizontal(|ui| {
            let l = ui.label("Rename to");
            ui.add(
                egui::TextEdit::singleline(&mut self.rename)
                    .hint_text(&ent.name)
                    .desired_width(150.0),
            )
            .labelled_by(l.id);
            let name = self.rename.trim().to_owned();
            let ok = !name.is_empty() && name != ent.name;
            if ui.add_enabled(ok, egui::Button::new("Rename")).clicked() {
                let then = Some((name.clone(), ent.kind));
                self.push(cx, edit(EditAction::Rename).to(&name), then);
            }
        });
        ui.horizontal(|ui| {
            let mut kind = ent.kind;
            egui::ComboBox::from_label("Type")
                .selected_text(kind.as_str())
                .show_ui(ui, |ui| {
                    for k in EntityKind::ALL {
                        ui.selectable_value(&mut kind, k, k.as_str());
                    }
                });
            if kind != ent.kind {
                let then = Some((ent.name.clone(), kind));
                self.push(cx, edit(EditAction::Retype).as_kind(kind), then);
            }
            if ui
                .button("Hide entity")
                .on_hover_text("Drop this entity and its mentions from every table and export")
                .clicked()
            {
                self.push(cx, edit(EditAction::Hide), None);
            }
        });
        self.merge_ui(ui, cx, ent, me);
    }

    /// The "Merge into" box: a name typed (with suggestions from the corpus's entities).
    fn merge_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut ViewCx<'_>,
        ent: &Entity,
        me: (String, EntityKind),
    ) {
        let scope = cx.scope;
        let ents = &scope.analysis.entities.entities;
        let typed = self.merge_into.trim().to_lowercase();
        let target = ents
            .iter()
            .filter(|x| x.name.to_lowercase() == typed && !(x.name == me.0 && x.kind == me.1))
            .max_by_key(|x| u8::from(x.kind == ent.kind))
            .map(|x| (x.name.clone(), x.kind));
        ui.horizontal(|ui| {
            let l = ui.label("Merge into");
            ui.add(
                egui::TextEdit::singleline(&mut self.merge_into)
                    .hint_text("another entity's name")
                    .desired_width(150.0),
            )
            .labelled_by(l.id);
            let merge = ui
                .add_enabled(target.is_some(), egui::Button::new("Merge"))
                .on_hover_text("Its mentions and aliases join the other entity");
            if merge.clicked()
                && let Some((name, kind)) = target.clone()
            {
                let e = EntityEdit::new(EditAction::Merge, &ent.name, Some(ent.kind))
                    .to(&name)
                    .as_kind(kind);
                self.merge_into.clear();
                self.push(cx, e, Some((name, kind)));
            }
        });
        if typed.is_empty() || target.is_some() {
            return;
        }
        let mut names: Vec<&Entity> = ents
            .iter()
            .filter(|x| x.name.to_lowercase().contains(&typed) && x.name != ent.name)
            .take(SUGGESTIONS)
            .collect();
        names.sort_by(|a, b| a.name.cmp(&b.name));
        ui.horizontal_wrapped(|ui| {
            if names.is_empty() {
                ui.label(RichText::new("No entity of that name.").weak());
            }
            for x in names {
                if ui.small_button(&x.name).clicked() {
                    self.merge_into.clone_from(&x.name);
                }
            }
        });
    }

    /// The aliases of `ent`, one row each with a button that splits it off.
    pub fn aliases_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>, ent: &Entity) {
        self.reset_for(ent);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("Aliases ({}):", ent.variants.len())).strong());
            if ent.variants.is_empty() {
                ui.label("none recorded");
            }
        });
        // An entity of one alias has nothing to split off: its alias is listed without a button.
        if ent.variants.len() < 2 {
            for (alias, n) in &ent.variants {
                ui.label(format!("{alias} ({})", fmt_int(*n)));
            }
            return;
        }
        ui.horizontal(|ui| {
            let l = ui.label("Split off as");
            egui::ComboBox::from_id_salt("split-kind")
                .selected_text(self.split_kind.map_or("same type", EntityKind::as_str))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.split_kind, None, "same type");
                    for k in EntityKind::ALL {
                        ui.selectable_value(&mut self.split_kind, Some(k), k.as_str());
                    }
                })
                .response
                .labelled_by(l.id);
        });
        let mut split = None;
        for (alias, n) in ent.variants.iter().take(ALIAS_ROWS) {
            ui.horizontal(|ui| {
                if ui
                    .small_button("Split off")
                    .on_hover_text(format!("Make \"{alias}\" an entity of its own"))
                    .clicked()
                {
                    split = Some(alias.clone());
                }
                ui.label(format!("{alias} ({})", fmt_int(*n)));
            });
        }
        if ent.variants.len() > ALIAS_ROWS {
            ui.label(format!("… and {} more", ent.variants.len() - ALIAS_ROWS));
        }
        if let Some(alias) = split {
            let mut e = EntityEdit::new(EditAction::Split, &ent.name, Some(ent.kind)).to(&alias);
            e.target_kind = self.split_kind;
            self.push(cx, e, Some((ent.name.clone(), ent.kind)));
        }
    }

    /// The corpus's edits, newest last, with Undo, Clear, Export and Import; and the notes on
    /// edits that named no entity.
    pub fn edits_ui(&mut self, ui: &mut Ui, cx: &mut ViewCx<'_>) {
        let rules = cx.state.analysis.entity_rules.clone();
        let notes = cx.scope.analysis.entity_edit_notes.clone();
        egui::CollapsingHeader::new(format!("Edits ({})", rules.edits.len()))
            .id_salt("entity-edits")
            .show(ui, |ui| {
                if rules.is_empty() {
                    ui.label(
                        "No corrections yet. Select an entity to rename, retype, hide or merge \
                         it, or split off an alias; or import a rules file.",
                    );
                }
                for (i, e) in rules.edits.iter().enumerate() {
                    ui.label(format!("{}. {}", i + 1, e.describe()));
                }
                for n in &notes {
                    ui.label(RichText::new(n).color(ui.visuals().warn_fg_color));
                }
                ui.horizontal_wrapped(|ui| {
                    let some = !rules.is_empty();
                    if ui
                        .add_enabled(some, egui::Button::new("Undo edit"))
                        .clicked()
                    {
                        let mut fewer = rules.clone();
                        fewer.edits.pop();
                        self.reselect = None;
                        cx.commands.push(Command::EditEntities(fewer));
                    }
                    if ui
                        .add_enabled(some, egui::Button::new("Clear edits"))
                        .clicked()
                    {
                        self.reselect = None;
                        cx.commands
                            .push(Command::EditEntities(EntityRules::default()));
                    }
                    if ui
                        .add_enabled(some, egui::Button::new("Export rules…"))
                        .on_hover_text("Save the edits as a rules CSV to share")
                        .clicked()
                    {
                        cx.commands.push(Command::ExportEntityRules(rules.clone()));
                    }
                    if ui
                        .button("Import rules…")
                        .on_hover_text("Add the edits of a rules CSV after these")
                        .clicked()
                    {
                        cx.commands.push(Command::ImportEntityRules);
                    }
                });
            });
    }
}
