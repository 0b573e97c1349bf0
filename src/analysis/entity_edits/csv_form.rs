//! The rules file: one edit per row under a header naming the columns, so a team can share its
//! corrections.
//!
//! ```text
//! action,entity,type,target,target_type
//! merge,Doe,PERSON,Jane Doe,
//! split,Jane Doe,PERSON,Cairo,LOCATION
//! rename,Jane Doe,PERSON,Jane A. Doe,
//! retype,Acme,PERSON,,ORGANIZATION
//! hide,Mon,LOCATION,,
//! ```
//!
//! `action` and `entity` columns are required; `type`, `target` and `target_type` may be left
//! out or empty where the action does not need them (see [`super::EntityEdit`]). Columns are
//! found by name, in any order, case-insensitively; extra columns are ignored. A file without
//! that header is an error; a bad row (unknown action or type, no entity, no target where one
//! is needed) is skipped and listed as a warning with its line number.

use serde::{Deserialize, Serialize};

use super::{EditAction, EntityEdit, EntityRules};
use crate::analysis::entities::EntityKind;

/// Why a rules file could not be read at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone, Serialize, Deserialize)]
pub enum RulesFileError {
    #[error("the rules file is empty")]
    Empty,
    #[error(
        "the rules file has no header naming the columns `action` and `entity` \
         (expected `action,entity,type,target,target_type`)"
    )]
    NoHeader,
    #[error("the rules file cannot be read as CSV: {0}")]
    Csv(String),
}

/// The header written by [`EntityRules::to_csv`].
const HEADER: [&str; 5] = ["action", "entity", "type", "target", "target_type"];

/// Column positions found in the header.
struct Columns {
    action: usize,
    entity: usize,
    kind: Option<usize>,
    target: Option<usize>,
    target_kind: Option<usize>,
}

impl Columns {
    fn of(header: &csv::StringRecord) -> Option<Self> {
        let find = |name: &str| {
            header.iter().position(|h| {
                h.trim_start_matches('\u{feff}')
                    .trim()
                    .eq_ignore_ascii_case(name)
            })
        };
        Some(Self {
            action: find("action")?,
            entity: find("entity")?,
            kind: find("type"),
            target: find("target"),
            target_kind: find("target_type"),
        })
    }
}

/// One row as an edit, or why it is not one.
fn edit_of(row: &csv::StringRecord, cols: &Columns) -> Result<Option<EntityEdit>, String> {
    let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or("").trim();
    let action_text = cell(Some(cols.action));
    let entity = cell(Some(cols.entity));
    if row.iter().all(|c| c.trim().is_empty()) {
        return Ok(None);
    }
    let action = EditAction::parse(action_text).ok_or_else(|| {
        format!("unknown action \"{action_text}\" (merge, split, rename, retype or hide)")
    })?;
    if entity.is_empty() {
        return Err("no entity named".into());
    }
    let kind_of = |text: &str| -> Result<Option<EntityKind>, String> {
        if text.is_empty() {
            return Ok(None);
        }
        EntityKind::parse(text).map(Some).ok_or_else(|| {
            format!("unknown type \"{text}\" (PERSON, ORGANIZATION, LOCATION or MISC)")
        })
    };
    let kind = kind_of(cell(cols.kind))?;
    let mut target = cell(cols.target).to_owned();
    let mut target_kind = kind_of(cell(cols.target_kind))?;
    match action {
        EditAction::Merge | EditAction::Split | EditAction::Rename if target.is_empty() => {
            return Err(format!("{} needs a target", action.as_str()));
        }
        EditAction::Retype if target_kind.is_none() => {
            // The new type may also be written in the target column.
            target_kind = kind_of(&target)?;
            if target_kind.is_none() {
                return Err("retype needs a target_type".into());
            }
            target.clear();
        }
        EditAction::Retype | EditAction::Hide => target.clear(),
        _ => {}
    }
    Ok(Some(EntityEdit {
        action,
        entity: entity.to_owned(),
        kind,
        target,
        target_kind,
    }))
}

impl EntityRules {
    /// Read a rules file (see the module docs for the format). Returns the edits read and a
    /// warning for every row skipped (`line N: …`); an error when the file is empty or has no
    /// header naming `action` and `entity`.
    pub fn from_csv(text: &str) -> Result<(EntityRules, Vec<String>), RulesFileError> {
        if text.trim().is_empty() {
            return Err(RulesFileError::Empty);
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| RulesFileError::Csv(e.to_string()))?
            .clone();
        let cols = Columns::of(&header).ok_or(RulesFileError::NoHeader)?;
        let mut rules = EntityRules::default();
        let mut warnings = Vec::new();
        for record in reader.records() {
            match record {
                Ok(row) => {
                    let line = row.position().map_or(0, csv::Position::line);
                    match edit_of(&row, &cols) {
                        Ok(Some(edit)) => rules.edits.push(edit),
                        Ok(None) => {}
                        Err(why) => warnings.push(format!("line {line}: {why}; skipped")),
                    }
                }
                Err(e) => warnings.push(format!("{e}; skipped")),
            }
        }
        Ok((rules, warnings))
    }

    /// The rules file of these edits, header first.
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        let kind = |k: Option<EntityKind>| k.map_or("", EntityKind::as_str);
        // Writing into memory cannot fail; a record that could not be written is left out.
        let _ = w.write_record(HEADER);
        for e in &self.edits {
            let _ = w.write_record([
                e.action.as_str(),
                &e.entity,
                kind(e.kind),
                &e.target,
                kind(e.target_kind),
            ]);
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}
