//! Named-entity extraction (PERSON, ORGANIZATION, LOCATION) and alias resolution.
//!
//! INTERFACE CONTRACT (the rest of the crate relies on these items; the implementation is being
//! written in a separate branch and replaces this file).

use serde::{Deserialize, Serialize};

use crate::jobs::{CancelToken, Cancelled};

/// The three entity types of the annotation rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    Person,
    Organization,
    Location,
}

impl EntityKind {
    pub const ALL: [EntityKind; 3] = [Self::Person, Self::Organization, Self::Location];

    /// `PERSON`, `ORGANIZATION` or `LOCATION`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "PERSON",
            Self::Organization => "ORGANIZATION",
            Self::Location => "LOCATION",
        }
    }

    /// Parse the names above, case-insensitively (also `PER`, `ORG`, `LOC`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => Some(Self::Person),
            "ORGANIZATION" | "ORGANISATION" | "ORG" => Some(Self::Organization),
            "LOCATION" | "LOC" => Some(Self::Location),
            _ => None,
        }
    }
}

/// One mention: byte offsets into the text that was given to the extractor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    /// Index into [`CorpusEntities::entities`] (the canonical entity after alias merging).
    pub entity: u32,
}

/// A canonical entity with the surface variants that were merged into it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    /// Surface forms and how often each was seen, most frequent first.
    pub variants: Vec<(String, u64)>,
}

/// Everything the extractor found in a corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CorpusEntities {
    /// Canonical entities, sorted by name then kind (ids are positions here).
    pub entities: Vec<Entity>,
    /// Mentions per input text, sorted by `start`.
    pub mentions: Vec<Vec<Mention>>,
}

/// The entity extractor with its bundled lexicons.
pub struct Extractor {}

impl Extractor {
    /// The extractor built from the lexicons shipped in `assets/lexicons` (built once).
    pub fn bundled() -> &'static Extractor {
        static E: Extractor = Extractor {};
        &E
    }

    /// Extract entities from every text (in parallel), using corpus-level evidence, and merge
    /// aliases into canonical entities.
    pub fn extract_corpus(
        &self,
        texts: &[&str],
        cancel: &CancelToken,
    ) -> Result<CorpusEntities, Cancelled> {
        cancel.check()?;
        Ok(CorpusEntities {
            entities: Vec::new(),
            mentions: vec![Vec::new(); texts.len()],
        })
    }
}
