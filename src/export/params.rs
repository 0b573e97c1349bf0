//! `export_params.json`: what produced an export (sources, filter, settings, and for a keyness
//! table the two sides compared), in one serde shape written by every export of the app and the
//! command line.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{ExportError, write_text_atomic};
use crate::analysis::filter::Filter;
use crate::analysis::keyness::Keyness;
use crate::analysis::{Analysis, AnalysisSettings};
use crate::model::{CleaningOptions, Corpus, MetadataTable};

/// A filter as written in the parameters: dates as `YYYY-MM-DD`, the query as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FilterParams {
    pub from: Option<String>,
    pub to: Option<String>,
    pub query: Option<String>,
}

impl From<&Filter> for FilterParams {
    fn from(f: &Filter) -> Self {
        Self {
            from: f.from.map(|d| d.to_string()),
            to: f.to.map(|d| d.to_string()),
            query: f.query.as_ref().map(|q| q.text.clone()),
        }
    }
}

/// The two sides of a keyness comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeynessParams {
    /// How the reference was chosen: `Rest`, `Saved`, `Periods` or `Reference` (a filter given
    /// on the command line).
    pub compare: String,
    /// A description of the target, e.g. `the filtered articles (query: iran)`.
    pub target: String,
    pub target_filter: FilterParams,
    pub reference: String,
    /// `None` for "the rest of the corpus".
    pub reference_filter: Option<FilterParams>,
    pub min_freq: u64,
    pub target_articles: usize,
    pub reference_articles: usize,
    pub bonferroni_p: f64,
}

impl KeynessParams {
    /// The parameters of a finished comparison.
    pub fn new(
        compare: &str,
        (target, target_filter): (String, &Filter),
        (reference, reference_filter): (String, Option<&Filter>),
        min_freq: u64,
        k: &Keyness,
    ) -> Self {
        Self {
            compare: compare.to_owned(),
            target,
            target_filter: target_filter.into(),
            reference,
            reference_filter: reference_filter.map(FilterParams::from),
            min_freq,
            target_articles: k.target_articles,
            reference_articles: k.reference_articles,
            bonferroni_p: k.bonferroni_p,
        }
    }
}

/// The contents of `export_params.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    pub lexiscope_version: String,
    /// The paths the corpus was imported from.
    pub sources: Vec<String>,
    /// The filter that selected the exported articles.
    pub filter: FilterParams,
    pub settings: AnalysisSettings,
    /// Articles the exported statistics cover.
    pub articles: u64,
    /// Present for a keyness table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyness: Option<KeynessParams>,
    /// The cleaning switches of the import.
    #[serde(default)]
    pub cleaning: CleaningOptions,
    /// Whether exact duplicates (and near-duplicate copies) were kept.
    #[serde(default)]
    pub keep_duplicates: bool,
    /// The metadata tables joined at import; absent when none was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metadata_tables: Vec<MetadataTable>,
    /// The rules file the entity corrections were read from (`--entity-rules`); the edits
    /// themselves are in `settings.entity_rules`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_rules_file: Option<String>,
}

impl Params {
    /// The parameters of an export of `a` (the analysis of `corpus`, selected by `filter`).
    pub fn new(corpus: &Corpus, a: &Analysis, filter: &Filter) -> Self {
        Self {
            lexiscope_version: env!("CARGO_PKG_VERSION").to_owned(),
            sources: corpus.sources.clone(),
            filter: filter.into(),
            settings: a.settings.clone(),
            articles: a.summary.articles,
            keyness: None,
            cleaning: corpus.report.cleaning.options.clone(),
            keep_duplicates: corpus.report.cleaning.duplicates_kept,
            metadata_tables: corpus.report.metadata_tables.clone(),
            entity_rules_file: None,
        }
    }

    /// The same, naming the rules file the entity corrections were read from.
    pub fn with_entity_rules_file(mut self, path: Option<&Path>) -> Self {
        self.entity_rules_file = path.map(|p| p.display().to_string());
        self
    }

    /// The same, describing a keyness comparison.
    pub fn with_keyness(mut self, keyness: KeynessParams) -> Self {
        self.keyness = Some(keyness);
        self
    }

    /// Pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Write the JSON to `path`, atomically.
    pub fn write(&self, path: &Path) -> Result<(), ExportError> {
        write_text_atomic(path, &self.to_json())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_round_trip_and_keep_the_field_order() {
        let filter = Filter::parse("from:2001 to:2002-06 iraq").expect("filter");
        let corpus = Corpus {
            sources: vec!["news".into()],
            ..Corpus::default()
        };
        let p = Params::new(&corpus, &Analysis::default(), &filter);
        let json = p.to_json();
        let keys: Vec<usize> = [
            "lexiscope_version",
            "sources",
            "filter",
            "settings",
            "articles",
        ]
        .iter()
        .map(|k| json.find(&format!("\"{k}\"")).expect("key present"))
        .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{json}");
        assert!(json.contains("\"from\": \"2001-01-01\""), "{json}");
        assert!(json.contains("\"to\": \"2002-06-30\""), "{json}");
        assert!(!json.contains("keyness"), "{json}");
        let back: Params = serde_json::from_str(&json).expect("parses");
        assert_eq!(back, p);
    }
}
