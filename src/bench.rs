//! The reproducible benchmark: a corpus builder that scales a seed corpus (e.g. the State of the
//! Union addresses) to a target size on disk, and a runner that times the full pipeline and each
//! stage, with throughput, peak memory and the interactive re-aggregation latencies.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use chrono::{Duration, NaiveDate};

use crate::analysis::filter::Filter;
use crate::analysis::query::Query;
use crate::analysis::{Analysis, AnalysisSettings, analyze};
use crate::import::{ImportOptions, import_paths};
use crate::jobs::{CancelToken, Progress};
use crate::model::{Corpus, Granularity};
use crate::stage_clock::{Stage, peak_rss_bytes};

mod reopen;
pub use reopen::reopen;

/// `text` without its last `n` words (white-space separated), keeping at least one word and the
/// layout of what stays.
fn drop_final_words(text: &str, n: usize) -> &str {
    let mut kept = text.trim_end();
    for _ in 0..n {
        match kept.rfind(char::is_whitespace) {
            Some(i) if !kept[..i].trim().is_empty() => kept = kept[..i].trim_end(),
            _ => break,
        }
    }
    kept
}

/// Import `paths` with the default options.
fn import(paths: &[PathBuf]) -> anyhow::Result<Corpus> {
    import_paths(
        paths,
        &ImportOptions::default(),
        &Progress::default(),
        &CancelToken::new(),
    )
    .map_err(|_| anyhow::anyhow!("cancelled"))
}

/// Write copies of the seed articles under `out` until `target_bytes` are written.
///
/// Copy `r` of an article has its date shifted by `r` days and drops its paragraph number
/// `r mod paragraphs` and, from the second round through the paragraphs on, `r / paragraphs`
/// final words (articles of one or two paragraphs drop `r` final words), so no two copies are
/// exact duplicates (they would be dropped on import)
/// while the vocabulary and style stay realistic. Returns (files, bytes) written.
pub fn make_corpus(seed: &[PathBuf], out: &Path, target_bytes: u64) -> anyhow::Result<(u64, u64)> {
    let corpus = import(seed)?;
    anyhow::ensure!(
        !corpus.articles.is_empty(),
        "the seed holds no article: {seed:?}"
    );
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let (mut files, mut bytes) = (0u64, 0u64);
    let mut replica = 0u64;
    while bytes < target_bytes {
        let dir = out.join(format!("r{replica:04}"));
        std::fs::create_dir_all(&dir)?;
        for (i, a) in corpus.articles.iter().enumerate() {
            let paragraphs: Vec<&str> = a.text.split("\n\n").collect();
            let r = replica as usize;
            // Drop paragraph r mod n, and once every paragraph has been dropped once, also
            // r / n final words; articles of one or two paragraphs drop r final words.
            let (skip, cut) = if paragraphs.len() > 2 {
                (r % paragraphs.len(), r / paragraphs.len())
            } else {
                (usize::MAX, r)
            };
            let body: Vec<&str> = paragraphs
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != skip)
                .map(|(_, p)| *p)
                .collect();
            let date = a
                .date
                .map(|d| d + Duration::days(replica as i64))
                .unwrap_or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default());
            let body = body.join("\n\n");
            let body = drop_final_words(&body, cut);
            let text = format!(" date {date} {}\n\n{body}\n", a.title);
            std::fs::write(dir.join(format!("{i:05}.txt")), &text)?;
            files += 1;
            bytes += text.len() as u64;
            if bytes >= target_bytes {
                break;
            }
        }
        replica += 1;
    }
    Ok((files, bytes))
}

/// Write `articles` short news-style articles under `out`: each joins two to four paragraphs
/// drawn from the seed articles and gets a date between 2015-01-01 and 2024-12-31 and a headline
/// made of its first words. Deterministic (a fixed pseudo-random sequence), so every run builds
/// the same corpus. Returns (files, bytes) written.
pub fn make_news_corpus(seed: &[PathBuf], out: &Path, articles: u64) -> anyhow::Result<(u64, u64)> {
    let corpus = import(seed)?;
    let paragraphs: Vec<&str> = corpus
        .articles
        .iter()
        .flat_map(|a| a.text.split("\n\n"))
        .map(str::trim)
        .filter(|p| p.split_whitespace().count() >= 20)
        .collect();
    anyhow::ensure!(
        !paragraphs.is_empty(),
        "the seed holds no paragraph of 20 words or more: {seed:?}"
    );
    // SplitMix64: small, fast and good enough to pick paragraphs and dates.
    let mut state = 0x5EED_u64;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let first = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    let days =
        (NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default() - first).num_days() as u64;
    let bytes = (0..articles).try_fold(0u64, |bytes, i| -> anyhow::Result<u64> {
        let dir = out.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let n = 2 + next() % 3;
        let body: Vec<&str> = (0..n)
            .map(|_| paragraphs[(next() % paragraphs.len() as u64) as usize])
            .collect();
        let date = first + Duration::days((next() % (days + 1)) as i64);
        let headline: Vec<&str> = body[0].split_whitespace().take(8).collect();
        let text = format!(
            " date {date} {}\n\n{}\n",
            headline.join(" "),
            body.join("\n\n")
        );
        std::fs::write(dir.join(format!("{i:06}.txt")), &text)?;
        Ok(bytes + text.len() as u64)
    })?;
    Ok((articles, bytes))
}

/// Median of a few timings of `f`, in milliseconds.
fn time_ms(repeats: usize, mut f: impl FnMut()) -> f64 {
    let mut v: Vec<f64> = (0..repeats.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Everything one benchmark run measured.
pub struct BenchReport {
    pub bytes: u64,
    pub articles: u64,
    pub tokens: u64,
    pub import_seconds: f64,
    pub analysis_seconds: f64,
    /// Peak resident memory while importing (since the process started), when measurable.
    pub import_peak_rss_bytes: Option<u64>,
    /// The import's stages: reading, boilerplate, exact and near-duplicates.
    pub import_stages: Vec<Stage>,
    pub stages: Vec<Stage>,
    /// Peak resident memory over the whole run (0 where it cannot be measured).
    pub peak_rss_bytes: u64,
    pub date_filter_ms: f64,
    pub query_filter_ms: f64,
    pub timeline_view_ms: f64,
    pub words_view_ms: f64,
    pub threads: usize,
    /// The corpus store: seconds to write it, its size, seconds to read it back (the reopen of an
    /// unchanged collection, stamps checked); `None` where it could not be written.
    pub store: Option<(f64, u64, f64)>,
}

/// Import and analyse `paths`, then time the interactive re-aggregations.
pub fn run(paths: &[PathBuf], settings: &AnalysisSettings) -> anyhow::Result<BenchReport> {
    crate::stage_clock::enable_stage_peaks();
    let cancel = CancelToken::new();
    let t = Instant::now();
    // Every cleaning step runs and is timed, but near-duplicate copies are kept: the scaled
    // corpora of `make-corpus` are copies by design, and dropping them would shrink the analysis
    // this benchmark times.
    let opts = ImportOptions {
        cleaning: crate::model::CleaningOptions {
            keep_near_duplicates: true,
            ..crate::model::CleaningOptions::default()
        },
        ..ImportOptions::default()
    };
    let (corpus, import_stages) =
        crate::import::import_paths_timed(paths, &opts, &Progress::default(), &cancel)
            .map_err(|_| anyhow::anyhow!("cancelled"))?;
    let import_seconds = t.elapsed().as_secs_f64();
    let import_peak_rss_bytes = peak_rss_bytes();
    let t = Instant::now();
    let mut analysis = analyze(&corpus, settings, &Progress::default(), &cancel)?;
    let analysis_seconds = t.elapsed().as_secs_f64();
    // The analysis takes a peak per stage (resetting the high-water mark as it goes); without
    // that, the process-wide mark covers everything.
    let stage_peak = analysis
        .stages
        .iter()
        .filter_map(|s| s.peak_rss_bytes)
        .max();
    let peak = match stage_peak {
        Some(p) => p.max(import_peak_rss_bytes.unwrap_or(0)),
        None => peak_rss_bytes().unwrap_or(0),
    };
    let (date_filter_ms, query_filter_ms) = filter_latencies(&corpus, &analysis);
    let month = Granularity::Month;
    let timeline_view_ms = time_ms(15, || {
        let docs = analysis.select(&corpus, &half_range_filter(&analysis));
        let sub = analysis.aggregate(&docs);
        std::hint::black_box(sub.timelines.len());
        if let Some(t) = analysis.terms.first() {
            std::hint::black_box(analysis.term_trend(t.term, month));
        }
    });
    let words_view_ms = time_ms(15, || {
        let top: Vec<&str> = analysis
            .terms
            .iter()
            .filter(|t| analysis.vocab.term(t.term).contains('a'))
            .take(100_000)
            .map(|t| analysis.vocab.term(t.term))
            .collect();
        std::hint::black_box(top.len());
    });
    let (bytes, articles, tokens) = (
        corpus.report.bytes_read,
        analysis.summary.articles,
        analysis.summary.tokens,
    );
    let stages = std::mem::take(&mut analysis.stages);
    // Last, with the corpus and analysis moved (no copy that would raise the memory peak).
    let store = store_round_trip(paths, &opts, corpus, analysis);
    Ok(BenchReport {
        store,
        bytes,
        articles,
        tokens,
        import_seconds,
        analysis_seconds,
        import_peak_rss_bytes,
        import_stages,
        stages,
        peak_rss_bytes: peak,
        date_filter_ms,
        query_filter_ms,
        timeline_view_ms,
        words_view_ms,
        threads: rayon::current_num_threads(),
    })
}

/// Write the store of the analysed corpus into a temporary folder and read it back, timed.
fn store_round_trip(
    paths: &[PathBuf],
    opts: &ImportOptions,
    corpus: Corpus,
    analysis: Analysis,
) -> Option<(f64, u64, f64)> {
    use crate::store;
    let analyzed = crate::analysis::Analyzed {
        corpus: std::sync::Arc::new(corpus),
        analysis: std::sync::Arc::new(analysis),
    };
    let dir = std::env::temp_dir().join(format!("lexiscope-bench-store-{}", std::process::id()));
    let timed = (|| {
        let stamps = store::stamps(paths)?;
        let t = Instant::now();
        let file = store::keep(&dir, paths, opts, stamps, &analyzed).ok()?;
        let write = t.elapsed().as_secs_f64();
        let size = std::fs::metadata(&file).ok()?.len();
        let t = Instant::now();
        let settings = &analyzed.analysis.settings;
        let store::Lookup::Hit(read) = store::lookup(Some(&dir), paths, opts, settings, false)
        else {
            return None;
        };
        let read_secs = t.elapsed().as_secs_f64();
        std::hint::black_box(read.analysis.summary.tokens);
        Some((write, size, read_secs))
    })();
    let _ = std::fs::remove_dir_all(&dir);
    timed
}

/// Import and analyse `paths` with the default settings.
pub fn load(paths: &[PathBuf]) -> anyhow::Result<(Corpus, Analysis)> {
    let cancel = CancelToken::new();
    let corpus = import(paths)?;
    let analysis = analyze(
        &corpus,
        &AnalysisSettings::default(),
        &Progress::default(),
        &cancel,
    )?;
    Ok((corpus, analysis))
}

/// A filter on the middle half of the corpus' date range.
pub fn half_range_filter(a: &Analysis) -> Filter {
    let (Some(f), Some(l)) = (a.summary.first_date, a.summary.last_date) else {
        return Filter::default();
    };
    let span = (l - f).num_days();
    Filter {
        from: Some(f + Duration::days(span / 4)),
        to: Some(f + Duration::days(span * 3 / 4)),
        query: None,
    }
}

/// Median time of select + aggregate for a date range and for a two-term query.
fn filter_latencies(corpus: &Corpus, a: &Analysis) -> (f64, f64) {
    let date = half_range_filter(a);
    let date_ms = time_ms(15, || {
        let docs = a.select(corpus, &date);
        std::hint::black_box(a.aggregate(&docs));
    });
    let terms: Vec<&str> = a
        .terms
        .iter()
        .skip(20)
        .take(2)
        .map(|t| a.vocab.term(t.term))
        .collect();
    let query = Query::parse(&terms.join(" OR ")).ok().map(|q| Filter {
        query: Some(q),
        ..Filter::default()
    });
    let query_ms = query.map_or(0.0, |f| {
        time_ms(15, || {
            let docs = a.select(corpus, &f);
            std::hint::black_box(a.aggregate(&docs));
        })
    });
    (date_ms, query_ms)
}

impl BenchReport {
    /// A plain-text table for the terminal and the README.
    pub fn render(&self) -> String {
        let mb = self.bytes as f64 / 1e6;
        let total = self.import_seconds + self.analysis_seconds;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "corpus: {:.1} MB, {} articles, {} words; {} threads",
            mb, self.articles, self.tokens, self.threads
        );
        let _ = writeln!(
            s,
            "{:<40} {:>9} {:>9} {:>11} {:>13}",
            "stage", "seconds", "MB/s", "M words/s", "peak RSS MB"
        );
        let mut row = |name: &str, secs: f64, peak: Option<u64>| {
            let secs = secs.max(1e-9);
            let peak = peak.map_or("-".to_string(), |p| format!("{:.0}", p as f64 / 1e6));
            let _ = writeln!(
                s,
                "{:<40} {:>9.3} {:>9.1} {:>11.2} {:>13}",
                name,
                secs,
                mb / secs,
                self.tokens as f64 / secs / 1e6,
                peak
            );
        };
        for stage in &self.import_stages {
            row(stage.name, stage.seconds, None);
        }
        row(
            "import (all stages)",
            self.import_seconds,
            self.import_peak_rss_bytes,
        );
        for stage in &self.stages {
            row(stage.name, stage.seconds, stage.peak_rss_bytes);
        }
        let whole = Some(self.peak_rss_bytes).filter(|&p| p > 0);
        let analysis_peak = self.stages.iter().filter_map(|s| s.peak_rss_bytes).max();
        row(
            "analysis (all stages)",
            self.analysis_seconds,
            analysis_peak,
        );
        row("full pipeline", total, whole);
        let cleaning: f64 = self
            .import_stages
            .iter()
            .filter(|s| s.name.contains("boilerplate") || s.name.contains("duplicates"))
            .map(|s| s.seconds)
            .sum();
        let _ = writeln!(
            s,
            "cleaning (boilerplate, exact and near-duplicates): {:.3} s, {:.1}% of the full pipeline",
            cleaning,
            100.0 * cleaning / total.max(1e-9)
        );
        let _ = writeln!(
            s,
            "peak resident memory: {:.0} MB ({:.2}x the corpus size)",
            self.peak_rss_bytes as f64 / 1e6,
            self.peak_rss_bytes as f64 / self.bytes.max(1) as f64
        );
        if let Some((write, size, read)) = self.store {
            let _ = writeln!(
                s,
                "corpus store: written in {write:.3} s, {:.0} MB ({:.2}x the corpus); read back (reopen) in {read:.3} s",
                size as f64 / 1e6,
                size as f64 / self.bytes.max(1) as f64
            );
        }
        let _ = writeln!(
            s,
            "re-aggregation: date range {:.1} ms, term query {:.1} ms; timeline view {:.1} ms; words view {:.1} ms",
            self.date_filter_ms, self.query_filter_ms, self.timeline_view_ms, self.words_view_ms
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::drop_final_words;

    #[test]
    fn final_words_are_dropped_and_the_layout_kept() {
        assert_eq!(drop_final_words("a b\n\nc d e\n", 2), "a b\n\nc");
        assert_eq!(drop_final_words("a b\n\nc", 1), "a b");
        assert_eq!(drop_final_words("one two", 5), "one");
        assert_eq!(drop_final_words("a b c", 0), "a b c");
    }
}
