//! CSV export of the immutable results: one UTF-8 file per table, with a header row.
//!
//! Every file is written under a temporary name in the target folder and renamed into place, so a
//! failure never leaves a half-written file. Text cells that begin with `=`, `+`, `-` or `@` get a
//! leading `'` so spreadsheets do not run them as formulas; numeric cells are written as numbers.
//! The table writers take slices so the GUI can export exactly the rows it shows.

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use crate::analysis::Analysis;
use crate::analysis::keyness::BurstParams;
pub use crate::analysis::periods::auto_granularity;
use crate::model::{Corpus, Granularity};

mod atomic;
mod cleaning;
mod csv_export;
mod folder;
mod links;
mod open_tables;
mod params;
mod svg;
mod tables;

pub use atomic::{
    CsvOut, write_bytes_atomic, write_csv_atomic, write_file_atomic, write_text_atomic,
};
pub use cleaning::{cleaning_summary, write_boilerplate, write_near_duplicates};
pub use csv_export::{CsvExport, TrendRows, dispersion_chart, write_dispersion};
pub use folder::{MANIFEST, write_folder, write_set};
pub use links::{write_domains, write_links, write_tagged};
pub use open_tables::{FILES as PARQUET_FILES, write_parquet};
pub use params::{FilterParams, KeynessParams, Params};
pub use svg::{ChartKind, ChartSpec, chart_svg, write_svg};
pub use tables::*;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Csv { path: PathBuf, source: csv::Error },
    /// The path exists and is not a regular file (a device, a FIFO, a folder): never replaced.
    #[error("will not write over {path}: it is not a regular file")]
    NotRegular { path: PathBuf },
    /// Another run is writing into the same folder.
    #[error(
        "another export (process {pid}) is writing into {path}; wait for it or remove {path}/.lexiscope.lock if that process is gone"
    )]
    Busy { path: PathBuf, pid: String },
}

/// Neutralise a text cell for spreadsheets (see [`crate::text::spreadsheet_safe`]).
pub use crate::text::spreadsheet_safe as safe;

pub(crate) fn num(x: f64) -> String {
    if x.is_finite() {
        format!("{:.6}", x)
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_owned()
    } else {
        String::new()
    }
}

pub(crate) fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Options of a full export.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Granularity of `term_trends.csv` and `entity_trends.csv` (`None`: [`auto_granularity`]).
    pub trend_granularity: Option<Granularity>,
    /// How many top terms and entities get trends.
    pub top_n: usize,
    /// Smallest number of articles (or passages) a pair of entities must share to be written to
    /// `entity_pairs.csv` (1 writes every pair). Pairs seen once are most of the table on large
    /// collections and say little; the app's network hides them by default too.
    pub min_pair_articles: u64,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            trend_granularity: None,
            top_n: 50,
            min_pair_articles: 2,
        }
    }
}

/// One file of a full export: its name and the function that writes it to a path.
type Writer<'w> = (
    String,
    Box<dyn Fn(&Path) -> Result<(), ExportError> + Send + Sync + 'w>,
);

fn writer<'w>(
    name: impl Into<String>,
    write: impl Fn(&Path) -> Result<(), ExportError> + Send + Sync + 'w,
) -> Writer<'w> {
    (name.into(), Box::new(write))
}

/// The word and entity tables, and the per-article and import tables.
fn table_writers<'w>(
    corpus: &'w Corpus,
    a: &'w Analysis,
    opts: &'w ExportOptions,
) -> Vec<Writer<'w>> {
    let mut writers = vec![
        writer("summary.csv", |p| write_summary(p, corpus, a)),
        writer("terms.csv", |p| write_terms(p, a, &a.terms)),
        writer("bigrams.csv", |p| write_ngrams(p, &a.bigrams)),
        writer("trigrams.csv", |p| write_ngrams(p, &a.trigrams)),
        writer("collocations.csv", |p| {
            write_collocations(p, a, &a.collocations)
        }),
        writer("entities.csv", |p| write_entities(p, a, &a.entity_stats)),
        writer("entity_aliases.csv", |p| {
            write_entity_aliases(p, a, &a.entity_stats)
        }),
        writer("entity_pairs.csv", |p| {
            // Sorted by article count, descending: the rows kept are a prefix.
            let keep = a
                .entity_pairs
                .partition_point(|x| x.article_count >= opts.min_pair_articles);
            write_entity_pairs(p, a, &a.entity_pairs[..keep])
        }),
        writer("documents.csv", |p| {
            let all: Vec<u32> = (0..a.docs.len() as u32).collect();
            write_documents(p, corpus, a, &all)
        }),
        writer("facets.csv", |p| write_facets(p, a)),
        writer("languages.csv", |p| write_languages(p, corpus, a)),
        writer("weekdays.csv", |p| write_weekdays(p, a)),
        writer("import_problems.csv", |p| {
            write_problems(p, &corpus.report.problems)
        }),
        writer("links.csv", |p| write_links(p, &a.links.links)),
        writer("domains.csv", |p| write_domains(p, &a.links.domains)),
        writer("hashtags.csv", |p| write_tagged(p, a, &a.terms, '#')),
        writer("handles.csv", |p| write_tagged(p, a, &a.terms, '@')),
        writer("boilerplate.csv", |p| {
            write_boilerplate(p, &corpus.report.cleaning.boilerplate)
        }),
        writer("near_duplicates.csv", |p| {
            write_near_duplicates(p, &corpus.report.cleaning.near_duplicate_clusters)
        }),
    ];
    // Only when the entity editor's corrections are set, so other exports keep their file set:
    // the rules file that produced the entity tables, ready to import again.
    if !a.settings.entity_rules.is_empty() {
        writers.push(writer("entity_rules.csv", |p| {
            write_text_atomic(p, &a.settings.entity_rules.to_csv())
        }));
    }
    // Only when tables were joined, so other exports keep their file set.
    if !corpus.report.metadata_tables.is_empty() {
        writers.push(writer("metadata_tables.csv", |p| {
            write_metadata_tables(p, &corpus.report.metadata_tables)
        }));
    }
    writers
}

/// The time tables: every timeline, the trends of the top items, rising and falling.
fn time_writers<'w>(a: &'w Analysis, opts: &'w ExportOptions) -> Vec<Writer<'w>> {
    let g = opts
        .trend_granularity
        .unwrap_or_else(|| auto_granularity(a));
    // Bursts need several periods: never per day.
    let burst_g = if g == Granularity::Day {
        Granularity::Week
    } else {
        g
    };
    let mut writers: Vec<Writer<'w>> = Granularity::ALL
        .into_iter()
        .map(|g| {
            writer(format!("timeline_{}.csv", g.as_str()), move |p| {
                write_timeline(p, a.timeline(g))
            })
        })
        .collect();
    writers.push(writer("term_trends.csv", move |p| {
        let series: Vec<_> = a
            .terms
            .iter()
            .take(opts.top_n)
            .map(|t| {
                (
                    a.vocab.term(t.term).to_owned(),
                    None,
                    a.term_trend(t.term, g),
                )
            })
            .collect();
        write_trends(p, g, "term", &series)
    }));
    writers.push(writer("entity_trends.csv", move |p| {
        let series: Vec<_> = a
            .entity_stats
            .iter()
            .take(opts.top_n)
            .map(|s| {
                let e = &a.entities.entities[s.entity as usize];
                let trend = a.entity_trend(s.entity, g);
                (e.name.clone(), Some(e.kind.as_str()), trend)
            })
            .collect();
        write_trends(p, g, "entity", &series)
    }));
    writers.push(writer("rising_falling.csv", move |p| {
        let bursts = a.bursts(burst_g, &BurstParams::default());
        write_bursts(p, a, burst_g, &bursts)
    }));
    writers
}

/// Write the full CSV set into `dir` (created if missing). Returns the files written, in the
/// order of the README's table.
pub fn write_all(
    dir: &Path,
    corpus: &Corpus,
    a: &Analysis,
    opts: &ExportOptions,
) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut writers = table_writers(corpus, a, opts);
    // The time tables go between the entity tables and documents.csv, as before.
    let tail = writers.split_off(8);
    writers.extend(time_writers(a, opts));
    writers.extend(tail);
    // Every file is written on its own (each atomically), the big ones in parallel.
    let written: Vec<PathBuf> = writers.iter().map(|(name, _)| dir.join(name)).collect();
    writers
        .par_iter()
        .zip(&written)
        .map(|((_, write), path)| write(path))
        .collect::<Result<Vec<()>, ExportError>>()?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe("-x"), "'-x");
        assert_eq!(safe("@home"), "'@home");
        assert_eq!(safe("plain"), "plain");
        assert_eq!(safe("\tcmd"), "'\tcmd");
        assert_eq!(safe("\r=1"), "'\r=1");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(-0.125), "-0.125");
    }

    #[test]
    fn failed_write_leaves_no_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.csv");
        let res = write_csv_atomic(&path, |w| {
            w.write_record(["a"])?;
            Err(csv::Error::from(std::io::Error::other("disk full")))
        });
        assert!(res.is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("read").collect();
        assert!(left.is_empty(), "left behind: {left:?}");
        write_csv_atomic(&path, |w| w.write_record(["a", "b"])).expect("writes");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "a,b\n");
    }
}
