//! The cleaning tables: `boilerplate.csv` (the lines removed, with their article counts) and
//! `near_duplicates.csv` (the clusters of copies), plus the cleaning rows of `summary.csv`.

use std::path::Path;

use super::{ExportError, num, safe, write_csv_atomic};
use crate::model::{BoilerplateLine, CleaningReport, NearDuplicateCluster};

/// `boilerplate.csv`: line, articles (normalised lines, most frequent first).
pub fn write_boilerplate(path: &Path, lines: &[BoilerplateLine]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["line", "articles"])?;
        for l in lines {
            w.write_record([safe(&l.line).as_ref(), &l.articles.to_string()])?;
        }
        Ok(())
    })
}

/// `near_duplicates.csv`: cluster, article_id, source, similarity — one row per article of a
/// cluster, the representative first (similarity 1); `article_id` is empty for a dropped copy.
pub fn write_near_duplicates(
    path: &Path,
    clusters: &[NearDuplicateCluster],
) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["cluster", "article_id", "source", "similarity"])?;
        for (c, cluster) in clusters.iter().enumerate() {
            for m in &cluster.members {
                w.write_record([
                    (c + 1).to_string().as_str(),
                    &m.article_id.map(|id| id.to_string()).unwrap_or_default(),
                    &safe(&m.source),
                    &num(m.similarity),
                ])?;
            }
        }
        Ok(())
    })
}

/// The cleaning rows of `summary.csv`, as (metric, value).
pub fn cleaning_summary(c: &CleaningReport) -> Vec<(&'static str, String)> {
    let on_off = |on: bool| if on { "on" } else { "off" }.to_owned();
    vec![
        ("boilerplate_removal", on_off(!c.options.keep_boilerplate)),
        ("boilerplate_lines", c.boilerplate.len().to_string()),
        (
            "boilerplate_lines_removed",
            c.boilerplate_lines_removed.to_string(),
        ),
        (
            "boilerplate_bytes_removed",
            c.boilerplate_bytes_removed.to_string(),
        ),
        ("bylines_removed", c.bylines_removed.to_string()),
        ("datelines_removed", c.datelines_removed.to_string()),
        (
            "exact_duplicate_clusters",
            c.exact_duplicate_clusters.to_string(),
        ),
        (
            "near_duplicate_search",
            on_off(c.options.find_near_duplicates),
        ),
        (
            "near_duplicate_clusters",
            c.near_duplicate_clusters.len().to_string(),
        ),
        (
            "near_duplicate_articles",
            c.near_duplicate_clusters
                .iter()
                .map(|k| k.members.len())
                .sum::<usize>()
                .to_string(),
        ),
        (
            "near_duplicates_dropped",
            c.near_duplicates_dropped.to_string(),
        ),
    ]
}
