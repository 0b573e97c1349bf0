//! The entity editor's corrections: an ordered list of edits (merge, split off an alias, rename,
//! retype, hide) keyed by entity *names*, applied to the extractor's output before anything is
//! built from it.
//!
//! # Why names, and where the edits apply
//!
//! Entity ids are positions in a sorted list and change whenever the corpus or the extractor
//! does, so an edit names the entity it corrects (and, where one name has several types, the
//! type). The engine applies the edits to the [`CorpusEntities`] of an analysis right after
//! extraction, before the co-occurring pairs, the per-article index, the postings and the
//! statistics are built (see [`crate::analysis::analyze`]): every view, the `entity:` filter,
//! keyness, the trends and every export then see the corrected entities with no special case.
//!
//! # Semantics
//!
//! Edits apply in order, each to the result of the ones before it (so a rename followed by a
//! merge into the new name works). An edit names an entity by its shown name, exactly (failing
//! that, ignoring case), and by type when the rule gives one; with no type, the name's most
//! mentioned entity is meant.
//!
//! - `merge`: the entity's mentions and variants join the target, which keeps its name and type.
//! - `split`: the mentions written as the alias (whitespace-collapsed, as listed in the variants)
//!   leave the entity and become an entity named after the alias, of the type given (default:
//!   the entity's type).
//! - `rename`: the entity's shown name becomes the new name.
//! - `retype`: the entity's type (and its mentions') becomes the type given.
//! - `hide`: the entity and its mentions are dropped from every table.
//!
//! After the edits, entities that ended up with the same name and type are one entity (renaming
//! "Doe" to "Jane Doe" merges them; splitting "Cairo" off a person as a LOCATION joins the city).
//! An edit that names no entity, or makes no sense ("merge A into A"), is skipped with a note;
//! the notes are kept in [`crate::analysis::Analysis::entity_edit_notes`].
//!
//! The CSV form shared between teams is in [`EntityRules::from_csv`] and
//! [`EntityRules::to_csv`].

mod csv_form;

#[cfg(test)]
mod tests;

pub use csv_form::RulesFileError;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::entities::{CorpusEntities, Entity, EntityKind};

/// What an edit does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EditAction {
    /// Merge the entity into the target entity.
    Merge,
    /// Split the alias `target` off the entity as an entity of its own.
    Split,
    /// Rename the entity to `target`.
    Rename,
    /// Give the entity the type `target_kind`.
    Retype,
    /// Drop the entity and its mentions.
    Hide,
}

impl EditAction {
    /// Every action, in the order the editor shows them.
    pub const ALL: [EditAction; 5] = [
        Self::Merge,
        Self::Split,
        Self::Rename,
        Self::Retype,
        Self::Hide,
    ];

    /// The action's word in the rules file: `merge`, `split`, `rename`, `retype`, `hide`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Merge => "merge",
            Self::Split => "split",
            Self::Rename => "rename",
            Self::Retype => "retype",
            Self::Hide => "hide",
        }
    }

    /// Parse the words above, case-insensitively.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// One correction.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EntityEdit {
    pub action: EditAction,
    /// The shown name of the entity edited.
    pub entity: String,
    /// Its type, when the name alone is ambiguous; `None`: the name's most mentioned entity.
    #[serde(default)]
    pub kind: Option<EntityKind>,
    /// `merge`: the target entity's name; `split`: the alias; `rename`: the new name; empty for
    /// `retype` and `hide`.
    #[serde(default)]
    pub target: String,
    /// `merge`: the target's type (optional); `split`: the new entity's type (default: the
    /// entity's); `retype`: the new type (required).
    #[serde(default)]
    pub target_kind: Option<EntityKind>,
}

impl EntityEdit {
    /// An edit of `action` on `entity` (of type `kind`), with no target.
    pub fn new(action: EditAction, entity: &str, kind: Option<EntityKind>) -> Self {
        Self {
            action,
            entity: entity.to_owned(),
            kind,
            target: String::new(),
            target_kind: None,
        }
    }

    /// The same edit with a target name.
    pub fn to(mut self, target: &str) -> Self {
        self.target = target.to_owned();
        self
    }

    /// The same edit with a target type.
    pub fn as_kind(mut self, kind: EntityKind) -> Self {
        self.target_kind = Some(kind);
        self
    }

    /// A one-line description, e.g. `merge "Doe" (PERSON) into "Jane Doe"`.
    pub fn describe(&self) -> String {
        let kind = |k: Option<EntityKind>| k.map(|k| format!(" ({})", k.as_str()));
        let who = format!("\"{}\"{}", self.entity, kind(self.kind).unwrap_or_default());
        let tk = kind(self.target_kind).unwrap_or_default();
        match self.action {
            EditAction::Merge => format!("merge {who} into \"{}\"{tk}", self.target),
            EditAction::Split => format!("split \"{}\"{tk} off {who}", self.target),
            EditAction::Rename => format!("rename {who} to \"{}\"", self.target),
            EditAction::Retype => format!(
                "retype {who} as {}",
                self.target_kind.map_or("?", EntityKind::as_str)
            ),
            EditAction::Hide => format!("hide {who}"),
        }
    }
}

/// The ordered list of corrections of one corpus (part of the analysis settings, so saved per
/// corpus and recorded in `export_params.json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityRules {
    pub edits: Vec<EntityEdit>,
}

impl EntityRules {
    /// No edits.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// Apply the edits, in order, to the entities found in `texts` (the texts the extractor
    /// read, to tell which mentions are written as a split-off alias). Returns a note for every
    /// edit that was skipped. With no edits, `ce` is left exactly as it is.
    pub fn apply(&self, ce: &mut CorpusEntities, texts: &[&str]) -> Vec<String> {
        if self.edits.is_empty() {
            return Vec::new();
        }
        let mut work = Work::new(std::mem::take(ce));
        let mut notes = Vec::new();
        for (i, edit) in self.edits.iter().enumerate() {
            if let Err(why) = work.edit(edit, texts) {
                notes.push(format!("edit {} ({}): {why}", i + 1, edit.describe()));
            }
        }
        *ce = work.finish();
        notes
    }
}

/// An entity while the edits apply.
struct Slot {
    entity: Entity,
    /// Merged into another entity (its mentions point there through `Work::redirect`).
    merged: bool,
    hidden: bool,
}

impl Slot {
    fn mentions(&self) -> u64 {
        self.entity.variants.iter().map(|v| v.1).sum()
    }
}

/// The entities being edited: mentions keep the ids they had (or got from a split), and
/// `redirect` maps every id to the live entity it now belongs to.
struct Work {
    slots: Vec<Slot>,
    redirect: Vec<u32>,
    mentions: Vec<Vec<super::entities::Mention>>,
}

/// Whitespace collapsed to single spaces (as the extractor lists variants).
fn normalise(surface: &str) -> String {
    surface.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Add `from`'s variant counts into `into`.
fn add_variants(into: &mut Vec<(String, u64)>, from: Vec<(String, u64)>) {
    for (surface, n) in from {
        match into.iter_mut().find(|v| v.0 == surface) {
            Some(v) => v.1 += n,
            None => into.push((surface, n)),
        }
    }
}

impl Work {
    fn new(ce: CorpusEntities) -> Self {
        let n = ce.entities.len() as u32;
        Self {
            slots: ce
                .entities
                .into_iter()
                .map(|entity| Slot {
                    entity,
                    merged: false,
                    hidden: false,
                })
                .collect(),
            redirect: (0..n).collect(),
            mentions: ce.mentions,
        }
    }

    /// The live entity `name` (of type `kind` if given): exact name first, then ignoring case;
    /// among several, the most mentioned (then the first).
    fn find(&self, name: &str, kind: Option<EntityKind>) -> Result<u32, String> {
        let name = name.trim();
        let live = |s: &Slot| !s.merged && kind.is_none_or(|k| s.entity.kind == k);
        let best = |exact: bool| {
            self.slots
                .iter()
                .enumerate()
                .filter(|(_, s)| live(s))
                .filter(|(_, s)| {
                    if exact {
                        s.entity.name == name
                    } else {
                        s.entity.name.to_lowercase() == name.to_lowercase()
                    }
                })
                .max_by(|a, b| a.1.mentions().cmp(&b.1.mentions()).then(b.0.cmp(&a.0)))
                .map(|(i, _)| i as u32)
        };
        best(true)
            .or_else(|| best(false))
            .ok_or_else(|| match kind {
                Some(k) => format!("no {} entity named \"{name}\"", k.as_str()),
                None => format!("no entity named \"{name}\""),
            })
    }

    fn edit(&mut self, edit: &EntityEdit, texts: &[&str]) -> Result<(), String> {
        let id = self.find(&edit.entity, edit.kind)?;
        let target = edit.target.trim();
        match edit.action {
            EditAction::Merge => {
                let into = self.find(target, edit.target_kind)?;
                if into == id {
                    return Err("an entity cannot be merged into itself".into());
                }
                self.merge(id, into);
            }
            EditAction::Split => {
                let new_id = self.split(id, target, edit.target_kind, texts)?;
                self.join_equal(new_id);
            }
            EditAction::Rename if target.is_empty() => return Err("no new name".into()),
            EditAction::Rename => {
                target.clone_into(&mut self.slots[id as usize].entity.name);
                self.join_equal(id);
            }
            EditAction::Retype => {
                let kind = edit.target_kind.ok_or("no new type")?;
                self.slots[id as usize].entity.kind = kind;
                self.join_equal(id);
            }
            EditAction::Hide => self.slots[id as usize].hidden = true,
        }
        Ok(())
    }

    /// Merge entity `from` into `into`: its variants are added, its mentions follow.
    fn merge(&mut self, from: u32, into: u32) {
        let variants = std::mem::take(&mut self.slots[from as usize].entity.variants);
        add_variants(&mut self.slots[into as usize].entity.variants, variants);
        self.slots[from as usize].merged = true;
        for r in &mut self.redirect {
            if *r == from {
                *r = into;
            }
        }
    }

    /// Merge into `id` every other live entity of the same name and type, so that later edits
    /// see one entity (as the result will).
    fn join_equal(&mut self, id: u32) {
        let (name, kind) = {
            let e = &self.slots[id as usize].entity;
            (e.name.clone(), e.kind)
        };
        let same: Vec<u32> = (0..self.slots.len() as u32)
            .filter(|&j| {
                let s = &self.slots[j as usize];
                j != id && !s.merged && s.entity.kind == kind && s.entity.name == name
            })
            .collect();
        for j in same {
            // A hidden entity stays hidden: what joins it is hidden too.
            if self.slots[j as usize].hidden {
                self.slots[id as usize].hidden = true;
            }
            self.merge(j, id);
        }
    }

    /// Move the mentions of entity `id` written as `alias` to a new entity named `alias`;
    /// returns the new entity's id.
    fn split(
        &mut self,
        id: u32,
        alias: &str,
        kind: Option<EntityKind>,
        texts: &[&str],
    ) -> Result<u32, String> {
        let alias = normalise(alias);
        let slot = &mut self.slots[id as usize];
        let at = slot
            .entity
            .variants
            .iter()
            .position(|v| v.0 == alias)
            .ok_or_else(|| format!("\"{}\" has no alias \"{alias}\"", slot.entity.name))?;
        let variant = slot.entity.variants.remove(at);
        let kind = kind.unwrap_or(slot.entity.kind);
        let new_id = self.slots.len() as u32;
        self.slots.push(Slot {
            entity: Entity {
                name: alias.clone(),
                kind,
                variants: vec![variant],
            },
            merged: false,
            hidden: false,
        });
        self.redirect.push(new_id);
        for (text, mentions) in texts.iter().zip(&mut self.mentions) {
            for m in mentions.iter_mut() {
                if self.redirect[m.entity as usize] == id
                    && normalise(text.get(m.start..m.end).unwrap_or("")) == alias
                {
                    m.entity = new_id;
                }
            }
        }
        Ok(new_id)
    }

    /// The edited entities, sorted by (name, type) with equal keys joined, and the mentions
    /// renumbered (those of hidden entities dropped).
    fn finish(self) -> CorpusEntities {
        let mut grouped: FxHashMap<(String, EntityKind), Vec<(String, u64)>> = FxHashMap::default();
        for s in self.slots.iter().filter(|s| !s.merged && !s.hidden) {
            let key = (s.entity.name.clone(), s.entity.kind);
            add_variants(grouped.entry(key).or_default(), s.entity.variants.clone());
        }
        let mut keys: Vec<(String, EntityKind)> = grouped.keys().cloned().collect();
        keys.sort();
        let new_id: FxHashMap<&(String, EntityKind), u32> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k, i as u32))
            .collect();
        // Old slot → new id (None: hidden).
        let slot_id: Vec<Option<u32>> = self
            .slots
            .iter()
            .map(|s| {
                let key = (s.entity.name.clone(), s.entity.kind);
                (!s.merged && !s.hidden)
                    .then(|| new_id.get(&key).copied())
                    .flatten()
            })
            .collect();
        let kinds: Vec<EntityKind> = keys.iter().map(|k| k.1).collect();
        let mentions = self
            .mentions
            .into_iter()
            .map(|ms| {
                ms.into_iter()
                    .filter_map(|mut m| {
                        let live = *self.redirect.get(m.entity as usize)?;
                        m.entity = (*slot_id.get(live as usize)?)?;
                        m.kind = kinds[m.entity as usize];
                        Some(m)
                    })
                    .collect()
            })
            .collect();
        let entities = keys
            .iter()
            .map(|k| {
                let mut variants = grouped.remove(k).unwrap_or_default();
                variants.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                Entity {
                    name: k.0.clone(),
                    kind: k.1,
                    variants,
                }
            })
            .collect();
        CorpusEntities { entities, mentions }
    }
}
