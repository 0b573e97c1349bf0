//! Helpers shared by the integration tests: fixture paths, one-call imports, and short views of
//! sources and problems that read well in assertion diffs.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use lexiscope::import::{ImportOptions, import_paths};
use lexiscope::jobs::{CancelToken, Progress};
use lexiscope::model::{Corpus, ProblemKind};

/// Run the built `lexiscope` binary. Stores are off (`LEXISCOPE_STORE=off`) unless a test names
/// a folder with `--store`, so no test reads or writes the user's cache.
pub fn lexiscope(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lexiscope"))
        .env("LEXISCOPE_STORE", "off")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Rows of a CSV file as maps from header to cell.
pub fn read_csv(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).expect("csv opens");
    let headers = r.headers().expect("header row").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("valid row");
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// The fixtures folder, `tests/fixtures/`.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A path under `tests/fixtures/`.
pub fn fixture(relative: &str) -> PathBuf {
    fixtures_dir().join(relative)
}

/// A path relative to the crate root (`assets/sample`, `tests/fixtures/…`).
pub fn crate_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Import with default options; a cancellation (which cannot happen here) fails the test.
pub fn import(paths: &[PathBuf]) -> Corpus {
    import_with(paths, &ImportOptions::default())
}

/// Import with the given options.
pub fn import_with(paths: &[PathBuf], opts: &ImportOptions) -> Corpus {
    import_paths(paths, opts, &Progress::default(), &CancelToken::new()).expect("not cancelled")
}

/// A source or problem path with the fixtures folder prefix removed (`mixed/empty.txt`).
pub fn short(path: &str) -> String {
    let prefix = format!("{}/", fixtures_dir().display());
    path.strip_prefix(&prefix).unwrap_or(path).to_owned()
}

/// `(short path, kind)` of every problem, in report order.
pub fn problems(corpus: &Corpus) -> Vec<(String, ProblemKind)> {
    corpus
        .report
        .problems
        .iter()
        .map(|p| (short(&p.path), p.kind))
        .collect()
}

/// Short sources of the articles, in corpus order.
pub fn sources(corpus: &Corpus) -> Vec<String> {
    corpus.articles.iter().map(|a| short(&a.source)).collect()
}

/// Titles of the articles, in corpus order.
pub fn titles(corpus: &Corpus) -> Vec<&str> {
    corpus.articles.iter().map(|a| a.title.as_str()).collect()
}

/// Dates of the articles as `YYYY-MM-DD` (or `-` when undated), in corpus order.
pub fn dates(corpus: &Corpus) -> Vec<String> {
    corpus
        .articles
        .iter()
        .map(|a| a.date.map_or_else(|| "-".to_owned(), |d| d.to_string()))
        .collect()
}
