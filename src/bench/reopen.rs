//! `bench reopen`: open a collection from its store as the app and the command line do, and time
//! it, with the memory it takes and the re-aggregation latencies on the stored analysis (no
//! analysis runs in the process being measured, so its memory is the reopened corpus's own).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::analysis::{AnalysisSettings, Analyzed};
use crate::import::ImportOptions;
use crate::stage_clock::{peak_rss_bytes, rss_bytes};
use crate::store;

/// Read the store of `paths` from `dir` (analysing and storing the collection first when there
/// is none; then run again to time the reopen) and report the reopen.
pub fn reopen(paths: &[PathBuf], dir: &Path) -> anyhow::Result<String> {
    let (opts, settings) = (ImportOptions::default(), AnalysisSettings::default());
    let before = rss_bytes().unwrap_or(0);
    let t = Instant::now();
    let (miss, stamps) = match store::lookup(Some(dir), paths, &opts, &settings, false) {
        store::Lookup::Hit(analyzed) => return Ok(report(&analyzed, t, before)),
        store::Lookup::Miss { miss, stamps } => (miss, stamps),
        store::Lookup::Stale { miss, stamps, .. } => (miss, Some(stamps)),
    };
    let stamps = stamps.ok_or_else(|| anyhow::anyhow!("the sources could not be stamped"))?;
    let (corpus, analysis) = super::load(paths)?;
    let analyzed = Analyzed {
        corpus: Arc::new(corpus),
        analysis: Arc::new(analysis),
    };
    let file = store::keep(dir, paths, &opts, stamps, &analyzed)
        .map_err(|e| anyhow::anyhow!("the store was not written: {e}"))?;
    Ok(format!(
        "no usable store ({miss}): analysed and stored in {:.1} s as {}; run again to time the \
         reopen\n",
        t.elapsed().as_secs_f64(),
        file.display()
    ))
}

fn report(analyzed: &Analyzed, t: Instant, rss_before: u64) -> String {
    let secs = t.elapsed().as_secs_f64();
    let mb = |b: u64| b as f64 / 1e6;
    let corpus_mb = mb(analyzed.corpus.report.bytes_read.max(1));
    let peak = mb(peak_rss_bytes().unwrap_or(0));
    let resident = mb(rss_bytes().unwrap_or(0).saturating_sub(rss_before));
    let (date_ms, query_ms) = super::filter_latencies(&analyzed.corpus, &analyzed.analysis);
    format!(
        "corpus: {corpus_mb:.1} MB, {} articles\n\
         reopen from the store: {secs:.2} s (sources stamped, both parts checksummed and \
         decoded)\n\
         peak resident memory: {peak:.0} MB ({:.2}x the corpus); resident after the reopen: \
         {resident:.0} MB ({:.2}x)\n\
         re-aggregation: date range {date_ms:.1} ms, term query {query_ms:.1} ms\n",
        analyzed.corpus.articles.len(),
        peak / corpus_mb,
        resident / corpus_mb,
    )
}
