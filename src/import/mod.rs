//! Import of article collections into a [`Corpus`] and its [`ImportReport`].
//!
//! Inputs are any mix of files, folders (walked recursively, hidden entries skipped) and zip
//! archives. Each file is read by format — plain-text articles ([`text_format`]), e-mail (`mail`:
//! `.eml`, `.mbox`, and any text file that starts with mail headers), JSON, JSONL and CSV/TSV
//! records (`structured`), web pages ([`html`]: main text, title and date; HTML in record fields
//! too; stray character references in plain text decoded) — after decoding ([`decode`]); dates are parsed by [`dates`].
//!
//! The work runs in three steps: walk the inputs into a sorted file list (so totals are known for
//! progress), read and parse files in parallel with rayon (checking the cancel token per file
//! and per zip entry), then merge in file order, clean ([`clean`]: boilerplate lines, wire
//! bylines and datelines), drop exact duplicates, cluster near-duplicates and build the report,
//! whose last problem counts the undated articles (one grouped `Date` problem for the whole
//! import).
//! Articles come out sorted by source path then record number, whatever the thread timing, and
//! their ids are their positions. A bad file never stops an import: it becomes a [`Problem`].

mod archive;
pub mod clean;
pub mod dates;
pub mod decode;
mod file;
pub mod html;
pub mod language;
mod mail;
pub mod metadata;
mod records;
mod structured;
pub mod text_format;
mod walk;

use std::hash::Hasher;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

use crate::jobs::{CancelToken, Cancelled, Progress};
use crate::model::{
    Article, CleaningOptions, CleaningReport, Corpus, ImportReport, Problem, ProblemKind,
};
use crate::stage_clock::Stage;

pub use walk::{Format, format_of};

/// How to import.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// Keep exact duplicate articles (and near-duplicate copies) instead of counting them once.
    pub keep_duplicates: bool,
    /// The cleaning steps: boilerplate lines and near-duplicates (see [`clean`]).
    pub cleaning: CleaningOptions,
    /// Field names to use for structured records instead of auto-detection (matched without
    /// regard to case).
    pub title_field: Option<String>,
    pub date_field: Option<String>,
    pub text_field: Option<String>,
    /// Largest file read from disk (zip archives excepted: they are read entry by entry). Checked
    /// from the file's size before it is opened, and again while reading, so a file that grows
    /// or lies about its size (`/proc` files) never takes more.
    pub max_file_bytes: u64,
    /// Largest zip entry read, decompressed.
    pub max_zip_entry_bytes: u64,
    /// Largest total decompressed size read from all the zip archives of one import together
    /// (shared by the parallel readers, so many archives cannot add up past it).
    pub max_zip_total_bytes: u64,
    /// A metadata table to join to the files its rows name, wherever it is (see [`metadata`]).
    pub metadata: Option<PathBuf>,
    /// The column of metadata tables (given or detected) whose values name the files, matched
    /// without regard to case; detected when `None` or when a detected table has no such column.
    pub id_column: Option<String>,
    /// The language of every article that does not name its own (an ISO code or a name), instead
    /// of detecting it (see [`language`]).
    pub language: Option<String>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            keep_duplicates: false,
            cleaning: CleaningOptions::default(),
            title_field: None,
            date_field: None,
            text_field: None,
            max_file_bytes: 512 << 20,
            max_zip_entry_bytes: 256 << 20,
            max_zip_total_bytes: 4 << 30,
            metadata: None,
            id_column: None,
            language: None,
        }
    }
}

/// Decompressed bytes left to read from archives in one import, shared by the parallel readers:
/// an entry reserves its size before it is inflated, so the total stays under the cap whatever
/// the thread timing.
#[derive(Debug)]
pub(crate) struct Budget {
    left: AtomicU64,
    /// The cap the budget started from, for messages.
    pub cap: u64,
}

impl Budget {
    pub(crate) fn new(cap: u64) -> Self {
        Self {
            left: AtomicU64::new(cap),
            cap,
        }
    }

    /// Take `bytes` from the budget; false (and nothing taken) when fewer are left.
    pub(crate) fn reserve(&self, bytes: u64) -> bool {
        self.left
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
                left.checked_sub(bytes)
            })
            .is_ok()
    }

    /// Give back `bytes` reserved but not used.
    pub(crate) fn release(&self, bytes: u64) {
        self.left.fetch_add(bytes, Ordering::AcqRel);
    }
}

/// What reading one input produced, before merging.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
    pub files_seen: u64,
    pub bytes_read: u64,
    /// Metadata tables found among the files, joined after every file is read.
    pub tables: Vec<metadata::Table>,
    /// Bytes of HTML markup left out of article texts (pages and HTML fields).
    pub markup_bytes: u64,
}

impl Outcome {
    pub(crate) fn problem(
        &mut self,
        kind: ProblemKind,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.problems.push(Problem {
            kind,
            message: message.into(),
            path: path.into(),
        });
    }

    fn merge(&mut self, other: Outcome) {
        self.articles.extend(other.articles);
        self.problems.extend(other.problems);
        self.files_seen += other.files_seen;
        self.bytes_read += other.bytes_read;
        self.tables.extend(other.tables);
        self.markup_bytes += other.markup_bytes;
    }
}

/// Import every path (files, folders recursively, zip archives). One bad file never stops the
/// import: it becomes a problem in the report. Progress counts files and on-disk bytes; the
/// cancel token is checked for every file and zip entry.
pub fn import_paths(
    paths: &[PathBuf],
    opts: &ImportOptions,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<Corpus, Cancelled> {
    Ok(import_paths_timed(paths, opts, progress, cancel)?.0)
}

/// [`import_paths`], also returning the wall time of its stages (reading, boilerplate, exact
/// duplicates, near-duplicates) for the benchmark.
pub fn import_paths_timed(
    paths: &[PathBuf],
    opts: &ImportOptions,
    progress: &Progress,
    cancel: &CancelToken,
) -> Result<(Corpus, Vec<Stage>), Cancelled> {
    let mut clock = Laps::default();
    cancel.check()?;
    progress.set_stage("Finding files");
    let mut merged = Outcome::default();
    let sources = walk::walk(paths, opts, &mut merged, cancel)?;
    let explicit_table = metadata::read_explicit(opts, &mut merged);
    let detector = metadata::Detector::new(&sources, opts);
    let bytes_total: u64 = sources.iter().map(|s| s.size_bytes).sum();
    progress
        .files_total
        .store(sources.len() as u64, Ordering::Relaxed);
    progress.bytes_total.store(bytes_total, Ordering::Relaxed);

    progress.set_stage("Reading files");
    let budget = Budget::new(opts.max_zip_total_bytes);
    let outcomes = sources
        .par_iter()
        .map(|source| {
            cancel.check()?;
            let outcome = read_source(source, opts, &detector, &budget, cancel)?;
            Progress::add(&progress.files_done, 1);
            Progress::add(&progress.bytes_done, source.size_bytes);
            Progress::add(&progress.articles, outcome.articles.len() as u64);
            Ok(outcome)
        })
        .collect::<Result<Vec<Outcome>, Cancelled>>()?;
    for outcome in outcomes {
        merged.merge(outcome);
    }
    cancel.check()?;

    let Outcome {
        mut articles,
        mut problems,
        files_seen,
        bytes_read,
        mut tables,
        markup_bytes,
    } = merged;
    tables.extend(explicit_table);
    if !tables.is_empty() {
        progress.set_stage("Joining metadata");
    }
    let metadata_tables =
        metadata::join(tables, &mut articles, &sources, paths, opts, &mut problems);
    clock.lap("read and decode (import)");

    let (articles, cleaning, duplicates_dropped) =
        clean_articles(articles, opts, progress, &mut clock, cancel)?;
    let mut articles = articles;
    for (id, article) in articles.iter_mut().enumerate() {
        article.id = u32::try_from(id).unwrap_or(u32::MAX);
    }
    progress.set_stage("Detecting languages");
    language::tag_languages(&mut articles, opts.language.as_deref(), cancel)?;
    clock.lap("languages (import)");
    problems.sort_by(|a, b| (&a.path, a.kind).cmp(&(&b.path, b.kind)));
    problems.extend(undated_problem(&articles, paths));
    let report = ImportReport {
        files_seen,
        articles_imported: articles.len() as u64,
        duplicates_dropped,
        undated: articles.iter().filter(|a| a.date.is_none()).count() as u64,
        bytes_read,
        problems,
        metadata_tables,
        markup_bytes_stripped: markup_bytes,
        cleaning,
    };
    let corpus = Corpus {
        name: corpus_name(paths),
        sources: paths.iter().map(|p| p.display().to_string()).collect(),
        articles,
        report,
    };
    Ok((corpus, clock.stages))
}

/// Wall times of consecutive stages (no memory peaks: the benchmark takes the import's peak as
/// a whole).
struct Laps {
    last: std::time::Instant,
    stages: Vec<Stage>,
}

impl Default for Laps {
    fn default() -> Self {
        Self {
            last: std::time::Instant::now(),
            stages: Vec::new(),
        }
    }
}

impl Laps {
    fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.stages.push(Stage {
            name,
            seconds: (now - self.last).as_secs_f64(),
            peak_rss_bytes: None,
        });
        self.last = now;
    }
}

/// The cleaning steps in order (see [`clean`]): boilerplate, exact duplicates, near-duplicates.
/// Returns the articles kept, the cleaning report and the exact duplicates dropped.
fn clean_articles(
    mut articles: Vec<Article>,
    opts: &ImportOptions,
    progress: &Progress,
    clock: &mut Laps,
    cancel: &CancelToken,
) -> Result<(Vec<Article>, CleaningReport, u64), Cancelled> {
    let c = &opts.cleaning;
    let mut report = CleaningReport {
        options: c.clone(),
        duplicates_kept: opts.keep_duplicates,
        ..CleaningReport::default()
    };
    if !c.keep_boilerplate {
        progress.set_stage("Removing boilerplate");
        clean::remove_boilerplate(&mut articles, c, &mut report);
    }
    clock.lap("boilerplate lines (import)");
    cancel.check()?;

    progress.set_stage("Removing duplicates");
    let (exact, clusters) = exact_duplicates(&articles);
    report.exact_duplicate_clusters = clusters;
    let (mut articles, duplicates_dropped) = if opts.keep_duplicates {
        (articles, 0)
    } else {
        let dropped = exact.iter().filter(|&&d| d).count() as u64;
        let kept = articles
            .into_iter()
            .zip(exact)
            .filter_map(|(a, d)| (!d).then_some(a))
            .collect();
        (kept, dropped)
    };
    clock.lap("exact duplicates (import)");

    if c.find_near_duplicates {
        progress.set_stage("Finding near-duplicates");
        let keep = opts.keep_duplicates || c.keep_near_duplicates;
        articles = clean::near_duplicates(
            articles,
            c.near_duplicate_threshold,
            keep,
            &mut report,
            cancel,
        )?;
    }
    clock.lap("near-duplicates (import)");
    Ok((articles, report, duplicates_dropped))
}

/// One `Date` problem counting the undated articles of the whole import (after duplicates are
/// dropped), listed last under the opened paths; `None` when every article has a date. Undated
/// articles are left out of timelines and date filters, so a person should see how many there
/// are without one problem per article burying the rest.
fn undated_problem(articles: &[Article], paths: &[PathBuf]) -> Option<Problem> {
    let undated = articles.iter().filter(|a| a.date.is_none()).count();
    if undated == 0 {
        return None;
    }
    let counted = if undated == 1 {
        "1 article is undated".to_owned()
    } else {
        format!("{} articles are undated", records::thousands(undated))
    };
    let opened: Vec<String> = paths.iter().map(|p| walk::display_path(p)).collect();
    Some(Problem {
        kind: ProblemKind::Date,
        message: format!("{counted} — no date in a header line, file name or metadata."),
        path: opened.join(", "),
    })
}

fn read_source(
    source: &walk::Source,
    opts: &ImportOptions,
    detector: &metadata::Detector,
    budget: &Budget,
    cancel: &CancelToken,
) -> Result<Outcome, Cancelled> {
    let mut out = Outcome::default();
    if source.format == Format::Zip {
        archive::read_zip(
            &source.path,
            &source.display,
            opts,
            budget,
            cancel,
            &mut out,
        )?;
        return Ok(out);
    }
    out.files_seen = 1;
    if detector.skips(source) {
        // The explicit metadata table, read apart.
        return Ok(out);
    }
    match read_capped(&source.path, opts.max_file_bytes) {
        Ok(bytes) => {
            out.bytes_read = bytes.len() as u64;
            if let Some(table) = detector.detect(source, &bytes) {
                out.tables.push(table);
                return Ok(out);
            }
            let file_name = source
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            file::parse_bytes(
                bytes,
                source.format,
                &source.display,
                &file_name,
                opts,
                &mut out,
            );
        }
        Err((kind, message)) => out.problem(kind, &source.display, message),
    }
    Ok(out)
}

/// Read a regular file of at most `cap` bytes; `Err` holds the problem. The walk checked the type
/// and size already; they are checked again here because the file may have changed since, and
/// the read itself stops after `cap + 1` bytes, so a file that grows, or whose size is not known
/// ahead (`/proc`), never takes more memory than the cap.
fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, (ProblemKind, String)> {
    let unreadable = |e: std::io::Error| {
        let message = format!("The file could not be read: {e}.");
        (ProblemKind::Unreadable, message)
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        let message = "The path is not a regular file any more; it was not opened.".to_owned();
        return Err((ProblemKind::Unsupported, message));
    }
    if meta.len() > cap {
        return Err((
            ProblemKind::TooLarge,
            walk::too_large_message(meta.len(), cap),
        ));
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > cap {
        let message = format!(
            "The file holds more than the cap of {cap} bytes per file (max_file_bytes), though \
             its size was given as {} bytes; it was not read.",
            meta.len()
        );
        return Err((ProblemKind::TooLarge, message));
    }
    Ok(bytes)
}

/// The display name of a corpus: the file or folder name of the first path.
pub fn corpus_name(paths: &[PathBuf]) -> String {
    let Some(first) = paths.first() else {
        return String::new();
    };
    let named = first
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .or_else(|| {
            let canonical = std::fs::canonicalize(first).ok()?;
            Some(canonical.file_name()?.to_string_lossy().into_owned())
        });
    named.unwrap_or_else(|| first.display().to_string())
}

/// The text an exact-duplicate check compares: lower-cased, whitespace runs collapsed to one
/// space, no leading or trailing whitespace.
pub fn normalised_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split_whitespace().enumerate().flat_map(|(i, word)| {
        let space = (i > 0).then_some(' ');
        space
            .into_iter()
            .chain(word.chars().flat_map(char::to_lowercase))
    })
}

/// A hash of [`normalised_chars`], computed over a UTF-8 buffer in one pass (a per-character
/// hasher call is many times slower on large corpora).
fn normalised_hash(text: &str) -> u64 {
    let mut buf = Vec::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !buf.is_empty() {
            buf.push(b' ');
        }
        pending_space = false;
        if c.is_ascii() {
            buf.push((c as u8).to_ascii_lowercase());
        } else {
            for lower in c.to_lowercase() {
                let mut utf8 = [0; 4];
                buf.extend_from_slice(lower.encode_utf8(&mut utf8).as_bytes());
            }
        }
    }
    let mut hasher = FxHasher::default();
    hasher.write(&buf);
    hasher.finish()
}

/// For every article, whether an earlier one has the same normalised text; and how many groups
/// of two or more such articles there are.
fn exact_duplicates(articles: &[Article]) -> (Vec<bool>, u64) {
    let hashes: Vec<u64> = articles
        .par_iter()
        .map(|a| normalised_hash(&a.text))
        .collect();
    let mut by_hash: FxHashMap<u64, Vec<(usize, bool)>> = FxHashMap::default();
    let mut duplicate = vec![false; articles.len()];
    let mut groups = 0;
    for (i, hash) in hashes.into_iter().enumerate() {
        let bucket = by_hash.entry(hash).or_default();
        let first = bucket.iter_mut().find(|(k, _)| {
            normalised_chars(&articles[*k].text).eq(normalised_chars(&articles[i].text))
        });
        match first {
            Some((_, grouped)) => {
                duplicate[i] = true;
                groups += u64::from(!*grouped);
                *grouped = true;
            }
            None => bucket.push((i, false)),
        }
    }
    (duplicate, groups)
}

/// Keep the first of every group of articles with the same normalised text; returns the kept
/// articles (in order) and how many were dropped.
#[cfg(test)]
fn drop_duplicates(articles: Vec<Article>) -> (Vec<Article>, u64) {
    let (duplicate, _) = exact_duplicates(&articles);
    let dropped = duplicate.iter().filter(|&&d| d).count() as u64;
    let kept = articles
        .into_iter()
        .zip(duplicate)
        .filter_map(|(a, d)| (!d).then_some(a))
        .collect();
    (kept, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article {
            text: text.to_owned(),
            ..Article::default()
        }
    }

    #[test]
    fn duplicates_compare_case_and_whitespace_insensitively() {
        let texts = [
            "The  cat\r\nsat.",
            "the cat sat.",
            " THE CAT SAT. ",
            "The cat sat!",
            "Cat",
        ];
        let (kept, dropped) = drop_duplicates(texts.iter().map(|t| article(t)).collect());
        let kept: Vec<&str> = kept.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(kept, ["The  cat\r\nsat.", "The cat sat!", "Cat"]);
        assert_eq!(dropped, 2);
        let normalised: String = normalised_chars("  Ab\tCD  É\n").collect();
        assert_eq!(normalised, "ab cd é");
        assert_eq!(normalised_hash("  Ab\tCD  É\n"), normalised_hash("ab cd é"));
        assert_ne!(normalised_hash("ab cd é"), normalised_hash("abcd é"));
    }

    #[test]
    fn corpus_name_is_the_last_component() {
        assert_eq!(corpus_name(&[PathBuf::from("a/b/sotu")]), "sotu");
        assert_eq!(
            corpus_name(&[PathBuf::from("news.zip"), PathBuf::from("x")]),
            "news.zip"
        );
        assert_eq!(corpus_name(&[]), "");
    }
}

#[cfg(test)]
mod limit_tests;
