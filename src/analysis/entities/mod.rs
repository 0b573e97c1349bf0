//! Named-entity extraction (PERSON, ORGANIZATION, LOCATION, and MISC for names of unknown type)
//! and alias resolution.
//!
//! # Approach
//!
//! A deterministic, rule-based extractor with bundled gazetteers and corpus-level evidence; no
//! statistical model, so results are reproducible, explainable and fast (tens of MB/s per core).
//!
//! 1. **Corpus evidence** (`stats`): one parallel pass counts, for every word form, how often it
//!    is capitalised mid-sentence, capitalised at a sentence start (or in a headline), and written
//!    in lower case. A word capitalised only where capitals are forced, and seen in lower case
//!    elsewhere, is an ordinary word ("Yesterday", "Government").
//! 2. **Candidates** (`candidates`): maximal runs of capitalised words, joined over particles
//!    ("bin Salman", "de Blasio"), initials, "Mr." style abbreviations, "&", and "of"/"for"/"and"
//!    inside organisation and place names ("Bank of England"). Possessive 's is stripped by the
//!    tokenizer (`tokens`), which also knows sentence starts and dotted acronyms ("U.S.").
//! 3. **Rules** (`rules`): leading function words, "The", nationality adjectives and
//!    sentence-initial common words are dropped; the whole run is looked up in the lexicons
//!    (`lexicon`: countries, US states, cities, subdivisions, continents, companies plus a short
//!    hand list of news organisations and regions); legal suffixes (Inc, Ltd, GmbH) and head words
//!    ("… Department", "… River", "University of …") type the run; titles ("President",
//!    "Secretary of State", "Mr.") are cut off and make the rest a PERSON; first names, particles,
//!    acronyms, "said" after and place prepositions before decide the rest.
//! 4. **Corpus typing** (`resolve`): weak or cue-less candidates take the type their surface form
//!    has with strong evidence elsewhere; a single word that ends a PERSON name elsewhere is a
//!    PERSON.
//! 5. **Aliases** (`aliases`): fixed aliases (U.S./US/America → United States), acronym
//!    definitions, and surname → full name within an article, then corpus-wide when unambiguous.
//!
//! Co-occurrence statistics are in [`pairs`], the gold-set scorer in [`eval`], and the mention
//! export in [`mentions`].

mod aliases;
mod candidates;
pub mod eval;
mod lexicon;
pub mod mentions;
pub mod pairs;
mod resolve;
mod rules;
mod stats;
mod tokens;

pub use eval::{EvalReport, evaluate_gold};
pub use mentions::{MentionFormat, write_mentions};
pub use pairs::{EntityPair, entity_pairs, sentence_spans};

use serde::{Deserialize, Serialize};

use std::sync::OnceLock;

use rayon::prelude::*;

use crate::jobs::{CancelToken, Cancelled};
use crate::stage_clock::StageClock;

/// The entity types: the three of the annotation rules, and `MISC` for a name whose type no
/// evidence settles (see the README, "Entities").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    Person,
    Organization,
    Location,
    /// A capitalised name with no evidence for a type: shown, filterable and exported, but never
    /// guessed as a PERSON.
    Misc,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [Self::Person, Self::Organization, Self::Location, Self::Misc];

    /// `PERSON`, `ORGANIZATION`, `LOCATION` or `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "PERSON",
            Self::Organization => "ORGANIZATION",
            Self::Location => "LOCATION",
            Self::Misc => "MISC",
        }
    }

    /// Parse the names above, case-insensitively (also `PER`, `ORG`, `LOC`, `UNKNOWN`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => Some(Self::Person),
            "ORGANIZATION" | "ORGANISATION" | "ORG" => Some(Self::Organization),
            "LOCATION" | "LOC" => Some(Self::Location),
            "MISC" | "UNKNOWN" => Some(Self::Misc),
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
pub struct Extractor {
    lexicon: &'static lexicon::Lexicon,
    sets: &'static lexicon::WordSets,
}

impl Extractor {
    /// The extractor built from the lexicons shipped in `assets/lexicons` (built once).
    pub fn bundled() -> &'static Extractor {
        static E: OnceLock<Extractor> = OnceLock::new();
        E.get_or_init(|| Extractor {
            lexicon: lexicon::Lexicon::get(),
            sets: lexicon::WordSets::get(),
        })
    }

    /// Extract entities from every text (in parallel), using corpus-level evidence, and merge
    /// aliases into canonical entities.
    pub fn extract_corpus(
        &self,
        texts: &[&str],
        cancel: &CancelToken,
    ) -> Result<CorpusEntities, Cancelled> {
        self.extract_corpus_timed(texts, cancel, &mut StageClock::new())
    }

    /// [`extract_corpus`](Self::extract_corpus), timing its steps as stages on `clock`.
    pub fn extract_corpus_timed(
        &self,
        texts: &[&str],
        cancel: &CancelToken,
        clock: &mut StageClock,
    ) -> Result<CorpusEntities, Cancelled> {
        cancel.check()?;
        let stats = stats::CorpusStats::build(texts);
        clock.lap("entities: capitalisation evidence");
        cancel.check()?;
        let mut cands: Vec<Vec<rules::Cand>> = texts
            .par_iter()
            .map(|text| {
                if cancel.is_cancelled() {
                    return Vec::new();
                }
                self.candidates(text, &stats)
            })
            .collect();
        clock.lap("entities: candidates and rules");
        cancel.check()?;
        resolve::resolve(texts, &mut cands);
        cancel.check()?;
        let merged = aliases::merge(texts, &cands);
        clock.lap("entities: corpus typing and aliases");
        Ok(merged)
    }

    /// Typed candidates of one text (before corpus-level typing).
    fn candidates(&self, text: &str, stats: &stats::CorpusStats<'_>) -> Vec<rules::Cand> {
        let toks = tokens::tokenize(text);
        let ctx = candidates::Ctx {
            text,
            toks: &toks,
            lex: self.lexicon,
            sets: self.sets,
        };
        let mut typer = rules::Typer {
            ctx: &ctx,
            stats,
            out: Vec::new(),
        };
        for run in candidates::find_runs(&ctx) {
            typer.run(&run, false, 0);
        }
        let mut out = typer.out;
        out.sort_by_key(|c| (c.start, c.end));
        out.dedup_by_key(|c| c.start);
        out
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod trust_tests;
