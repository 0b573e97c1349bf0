//! Series: a term or an entity a user picked, and the questions asked of one — its name, its
//! type, its trend over a timeline (optionally only in a selection of articles), and what a typed
//! word resolves to. All answers come from the engine's postings, never by re-tokenising.

use super::concordance::normalizer_for;
use super::{Analysis, EntityKind, Timeline, TrendPoint};

/// A term or an entity the user picked (for trends, drill-down and concordance).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Series {
    Term(u32),
    Entity(u32),
}

impl Analysis {
    /// The display name of a series: the term, or the entity's canonical name.
    pub fn series_name(&self, s: Series) -> String {
        match s {
            Series::Term(t) => self
                .vocab
                .terms
                .get(t as usize)
                .cloned()
                .unwrap_or_default(),
            Series::Entity(e) => self.entity_name(e).to_owned(),
        }
    }

    /// The entity type of a series (`None` for terms).
    pub fn series_kind(&self, s: Series) -> Option<EntityKind> {
        match s {
            Series::Term(_) => None,
            Series::Entity(e) => self.entities.entities.get(e as usize).map(|x| x.kind),
        }
    }

    /// The (article, count) postings of a series, by article id (a term's are decoded).
    pub fn series_postings(&self, s: Series) -> std::borrow::Cow<'_, [(u32, u32)]> {
        match s {
            Series::Term(t) => self.term_postings.to_vec(t as usize).into(),
            Series::Entity(e) => self
                .entity_postings
                .get(e as usize)
                .map_or(&[][..], Vec::as_slice)
                .into(),
        }
    }

    /// The trend of a series over the periods of `timeline`, counting only the articles
    /// `include` accepts (a filter's selection).
    pub fn series_trend(
        &self,
        s: Series,
        timeline: &Timeline,
        include: impl Fn(u32) -> bool,
    ) -> Vec<TrendPoint> {
        self.trend_over(&self.series_postings(s), timeline, include)
    }

    /// Resolve what a user typed into a series: an entity (by canonical name or variant,
    /// case-insensitive) when one matches, else a term as the analysis counted it.
    pub fn resolve(&self, typed: &str) -> Option<Series> {
        self.resolve_all(typed).into_iter().next()
    }

    /// Every series what a user typed can mean: the entity it names (by canonical name or
    /// variant, case-insensitive) first, then the term as the analysis counted it. A word that is
    /// both (`obama` the term, `Obama` the PERSON) gives both, so the user can choose.
    pub fn resolve_all(&self, typed: &str) -> Vec<Series> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Vec::new();
        }
        let entity = self.entities.entities.iter().position(|e| {
            e.name.eq_ignore_ascii_case(typed)
                || e.variants
                    .iter()
                    .any(|(v, _)| v.eq_ignore_ascii_case(typed))
        });
        let term = self.vocab.id(&normalizer_for(self).term_of(typed));
        entity
            .map(|e| Series::Entity(e as u32))
            .into_iter()
            .chain(term.map(Series::Term))
            .collect()
    }
}
