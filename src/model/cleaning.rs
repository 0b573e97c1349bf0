//! What the cleaning steps of an import did, and the switches they ran with: boilerplate lines
//! and wire-copy bylines and datelines removed, exact and near-duplicate clusters found and
//! dropped. Plain data, so the CLI, the app and the exports all read one report.

use serde::{Deserialize, Serialize};

/// The cleaning switches of an import (recorded in the import report and `export_params.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CleaningOptions {
    /// Keep boilerplate lines, bylines and datelines instead of removing them.
    pub keep_boilerplate: bool,
    /// A line counts as boilerplate when at least this many articles hold it…
    pub boilerplate_min_articles: u64,
    /// …and at least this share of all articles (0.005 = 0.5%).
    pub boilerplate_min_share: f64,
    /// Lines of fewer words are kept (headings), except a short list of page-furniture lines
    /// such as "Read more" or "Advertisement".
    pub boilerplate_min_words: usize,
    /// Lines of more words are prose, never boilerplate.
    pub boilerplate_max_words: usize,
    /// Look for near-duplicates (copies with small edits).
    pub find_near_duplicates: bool,
    /// Keep every near-duplicate copy instead of counting a cluster once (its representative).
    pub keep_near_duplicates: bool,
    /// Smallest Jaccard similarity of word 5-shingles for two articles to be copies.
    pub near_duplicate_threshold: f64,
}

impl Default for CleaningOptions {
    fn default() -> Self {
        Self {
            keep_boilerplate: false,
            boilerplate_min_articles: 10,
            boilerplate_min_share: 0.005,
            boilerplate_min_words: 3,
            boilerplate_max_words: 60,
            find_near_duplicates: true,
            keep_near_duplicates: false,
            near_duplicate_threshold: 0.7,
        }
    }
}

/// One boilerplate line removed, as normalised (lower case, digit runs as `#`, single spaces).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoilerplateLine {
    pub line: String,
    /// Articles the line was removed from.
    pub articles: u64,
}

/// One article of a near-duplicate cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterMember {
    /// The article's id in the corpus; `None` when the copy was dropped.
    pub article_id: Option<u32>,
    pub source: String,
    pub title: String,
    /// Jaccard similarity of word 5-shingles to the cluster's representative (1 for it).
    pub similarity: f64,
}

/// Articles that are copies of each other with small edits; the first member is the
/// representative (the earliest dated, then the first in corpus order).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NearDuplicateCluster {
    pub members: Vec<ClusterMember>,
}

/// What cleaning did in one import.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CleaningReport {
    /// The switches the import ran with.
    pub options: CleaningOptions,
    /// Whether exact duplicates and near-duplicate copies were kept (`--keep-duplicates`).
    pub duplicates_kept: bool,
    /// The boilerplate lines found, by article count (descending), then line.
    pub boilerplate: Vec<BoilerplateLine>,
    /// Boilerplate line occurrences removed.
    pub boilerplate_lines_removed: u64,
    /// Bytes of text removed as boilerplate, bylines and datelines.
    pub boilerplate_bytes_removed: u64,
    /// Leading "By Name, Outlet" lines removed.
    pub bylines_removed: u64,
    /// Leading "CITY (Agency) —" prefixes removed.
    pub datelines_removed: u64,
    /// Groups of two or more articles with the same normalised text.
    pub exact_duplicate_clusters: u64,
    /// Near-duplicate clusters of two or more articles, in corpus order of representatives.
    pub near_duplicate_clusters: Vec<NearDuplicateCluster>,
    /// Copies dropped because their cluster counts once.
    pub near_duplicates_dropped: u64,
}

impl CleaningReport {
    /// For every article id in a near-duplicate cluster: the cluster's index.
    pub fn cluster_of_articles(&self) -> rustc_hash::FxHashMap<u32, usize> {
        self.near_duplicate_clusters
            .iter()
            .enumerate()
            .flat_map(|(c, cluster)| {
                cluster
                    .members
                    .iter()
                    .filter_map(move |m| m.article_id.map(|id| (id, c)))
            })
            .collect()
    }
}
