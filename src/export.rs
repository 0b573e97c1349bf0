//! CSV export of the immutable results: one UTF-8 file per table, with a header row.
//!
//! Every file is written under a temporary name in the target folder and renamed into place, so a
//! failure never leaves a half-written file. Text cells that begin with `=`, `+`, `-` or `@` get a
//! leading `'` so spreadsheets do not run them as formulas; numeric cells are written as numbers.
//! The table writers take slices so the GUI can export exactly the rows it shows.

use rayon::prelude::*;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::analysis::entities::EntityPair;
use crate::analysis::keyness::{Burst, BurstParams, KeyItem, Keyness};
use crate::analysis::{
    Analysis, Collocation, EntityStat, NgramStat, TermStat, Timeline, TrendPoint,
};
use crate::model::{Corpus, Granularity, Problem, WEEKDAYS};

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
}

type CsvOut = csv::Writer<BufWriter<File>>;

/// Neutralise a text cell for spreadsheets.
pub fn safe(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

fn num(x: f64) -> String {
    if x.is_finite() {
        format!("{:.6}", x)
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_owned()
    } else {
        String::new()
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Write one CSV file atomically: `fill` writes the rows (the header included).
pub fn write_csv_atomic(
    path: &Path,
    fill: impl FnOnce(&mut CsvOut) -> csv::Result<()>,
) -> Result<(), ExportError> {
    let io_err = |source| ExportError::Io {
        path: path.to_owned(),
        source,
    };
    let csv_err = |source| ExportError::Csv {
        path: path.to_owned(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("export");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let file = File::create(&tmp).map_err(io_err)?;
        let mut w = csv::Writer::from_writer(BufWriter::new(file));
        fill(&mut w).map_err(csv_err)?;
        let buf = w.into_inner().map_err(|e| io_err(e.into_error()))?;
        let file = buf.into_inner().map_err(|e| io_err(e.into_error()))?;
        file.sync_all().map_err(io_err)?;
        std::fs::rename(&tmp, path).map_err(io_err)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `summary.csv`: metric, value.
pub fn write_summary(path: &Path, corpus: &Corpus, a: &Analysis) -> Result<(), ExportError> {
    let s = &a.summary;
    let rows: Vec<(&str, String)> = vec![
        ("corpus", corpus.name.clone()),
        ("files_seen", corpus.report.files_seen.to_string()),
        ("articles", s.articles.to_string()),
        ("tokens", s.tokens.to_string()),
        ("distinct_terms", s.distinct_terms.to_string()),
        ("type_token_ratio", num(s.type_token_ratio)),
        ("hapax", s.hapax.to_string()),
        ("mean_article_tokens", num(s.mean_article_tokens)),
        ("median_article_tokens", num(s.median_article_tokens)),
        ("first_date", date(s.first_date)),
        ("last_date", date(s.last_date)),
        ("undated", s.undated.to_string()),
        ("duplicates_dropped", s.duplicates_dropped.to_string()),
        ("entity_mentions", s.entity_mentions.to_string()),
        ("distinct_entities", s.distinct_entities.to_string()),
        ("import_problems", corpus.report.problems.len().to_string()),
        ("stopwords", a.settings.stopword_languages.join("+")),
        (
            "stemming",
            a.settings
                .stem_language
                .clone()
                .unwrap_or_else(|| "none".into()),
        ),
    ];
    write_csv_atomic(path, |w| {
        w.write_record(["metric", "value"])?;
        for (k, v) in rows {
            w.write_record([k, &safe(&v)])?;
        }
        Ok(())
    })
}

/// `terms.csv`: rank, term, count, per_million, doc_freq, dispersion_dp.
pub fn write_terms(path: &Path, a: &Analysis, terms: &[TermStat]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "rank",
            "term",
            "count",
            "per_million",
            "doc_freq",
            "dispersion_dp",
        ])?;
        for (i, t) in terms.iter().enumerate() {
            w.write_record([
                (i + 1).to_string().as_str(),
                &safe(a.vocab.term(t.term)),
                &t.count.to_string(),
                &num(t.per_million),
                &t.doc_freq.to_string(),
                &num(t.dispersion_dp),
            ])?;
        }
        Ok(())
    })
}

/// `bigrams.csv` / `trigrams.csv`: ngram, count, doc_freq.
pub fn write_ngrams(path: &Path, ngrams: &[NgramStat]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["ngram", "count", "doc_freq"])?;
        for g in ngrams {
            w.write_record([
                &*safe(&g.text),
                &g.count.to_string(),
                &g.doc_freq.to_string(),
            ])?;
        }
        Ok(())
    })
}

/// `collocations.csv`.
pub fn write_collocations(
    path: &Path,
    a: &Analysis,
    rows: &[Collocation],
) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "word_a",
            "word_b",
            "count",
            "freq_a",
            "freq_b",
            "pmi",
            "log_likelihood",
            "t_score",
        ])?;
        for c in rows {
            w.write_record([
                &*safe(a.vocab.term(c.a)),
                &safe(a.vocab.term(c.b)),
                &c.count.to_string(),
                &c.freq_a.to_string(),
                &c.freq_b.to_string(),
                &num(c.pmi),
                &num(c.log_likelihood),
                &num(c.t_score),
            ])?;
        }
        Ok(())
    })
}

/// `entities.csv`: entity, type, mentions, doc_freq, first_date, last_date, variants.
pub fn write_entities(path: &Path, a: &Analysis, rows: &[EntityStat]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "entity",
            "type",
            "mentions",
            "doc_freq",
            "first_date",
            "last_date",
            "variants",
        ])?;
        for s in rows {
            let e = &a.entities.entities[s.entity as usize];
            let variants: Vec<&str> = e.variants.iter().map(|(v, _)| v.as_str()).collect();
            w.write_record([
                &*safe(&e.name),
                e.kind.as_str(),
                &s.mentions.to_string(),
                &s.doc_freq.to_string(),
                &date(s.first_date),
                &date(s.last_date),
                &safe(&variants.join("; ")),
            ])?;
        }
        Ok(())
    })
}

/// `entity_aliases.csv`: entity, type, variant, count (one row per surface variant).
pub fn write_entity_aliases(
    path: &Path,
    a: &Analysis,
    rows: &[EntityStat],
) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["entity", "type", "variant", "count"])?;
        for s in rows {
            let e = &a.entities.entities[s.entity as usize];
            for (variant, n) in &e.variants {
                w.write_record([
                    &*safe(&e.name),
                    e.kind.as_str(),
                    &safe(variant),
                    &n.to_string(),
                ])?;
            }
        }
        Ok(())
    })
}

/// `entity_pairs.csv`: both entities with their types, same-sentence and same-article counts,
/// PMI and G² over articles.
pub fn write_entity_pairs(
    path: &Path,
    a: &Analysis,
    rows: &[EntityPair],
) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "entity_a",
            "type_a",
            "entity_b",
            "type_b",
            "sentence_count",
            "article_count",
            "pmi",
            "log_likelihood",
        ])?;
        for p in rows {
            let (ea, eb) = (
                &a.entities.entities[p.a as usize],
                &a.entities.entities[p.b as usize],
            );
            w.write_record([
                &*safe(&ea.name),
                ea.kind.as_str(),
                &safe(&eb.name),
                eb.kind.as_str(),
                &p.sentence_count.to_string(),
                &p.article_count.to_string(),
                &num(p.pmi),
                &num(p.log_likelihood),
            ])?;
        }
        Ok(())
    })
}

fn item_kind(a: &Analysis, item: KeyItem) -> &'static str {
    match item {
        KeyItem::Term(_) => "term",
        KeyItem::Entity(e) => a.entities.entities[e as usize].kind.as_str(),
    }
}

/// Keyness table: item, kind (`term` or the entity type), counts and rates in target and
/// reference, signed G², p-value, log ratio, and whether it passes the Bonferroni threshold.
pub fn write_keyness(path: &Path, a: &Analysis, k: &Keyness) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "item",
            "kind",
            "target_count",
            "reference_count",
            "target_per_million",
            "reference_per_million",
            "log_likelihood",
            "p_value",
            "log_ratio",
            "significant_bonferroni",
        ])?;
        for r in &k.rows {
            w.write_record([
                &*safe(a.item_name(r.item)),
                item_kind(a, r.item),
                &r.target_count.to_string(),
                &r.reference_count.to_string(),
                &num(r.target_per_million),
                &num(r.reference_per_million),
                &num(r.log_likelihood),
                &format!("{:.3e}", r.p_value),
                &num(r.log_ratio),
                if r.significant { "yes" } else { "no" },
            ])?;
        }
        Ok(())
    })
}

/// `rising_falling.csv`: period, item, kind, direction, count, per_million,
/// baseline_per_million, z.
pub fn write_bursts(
    path: &Path,
    a: &Analysis,
    g: Granularity,
    rows: &[Burst],
) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record([
            "period",
            "start_date",
            "item",
            "kind",
            "direction",
            "count",
            "per_million",
            "baseline_per_million",
            "z",
        ])?;
        for b in rows {
            w.write_record([
                g.label(b.period).as_str(),
                &b.period.to_string(),
                &safe(a.item_name(b.item)),
                item_kind(a, b.item),
                if b.z > 0.0 { "rising" } else { "falling" },
                &b.count.to_string(),
                &num(b.per_million),
                &num(b.baseline_per_million),
                &num(b.z),
            ])?;
        }
        Ok(())
    })
}

/// `timeline_<granularity>.csv`: period, start_date, articles, tokens.
pub fn write_timeline(path: &Path, tl: &Timeline) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["period", "start_date", "articles", "tokens"])?;
        for i in 0..tl.periods.len() {
            w.write_record([
                tl.label(i),
                tl.periods[i].to_string(),
                tl.articles[i].to_string(),
                tl.tokens[i].to_string(),
            ])?;
        }
        Ok(())
    })
}

/// Long-format trends (`term_trends.csv`, `entity_trends.csv`): period, name, count,
/// per_million (plus `type` for entities), every period of the granularity included.
pub fn write_trends(
    path: &Path,
    g: Granularity,
    name_header: &str,
    series: &[(String, Option<&str>, Vec<TrendPoint>)],
) -> Result<(), ExportError> {
    let typed = series.iter().any(|(_, t, _)| t.is_some());
    write_csv_atomic(path, |w| {
        let mut header = vec!["period", "start_date", name_header];
        if typed {
            header.push("type");
        }
        header.extend(["count", "per_million"]);
        w.write_record(&header)?;
        for (name, kind, points) in series {
            for p in points {
                let mut row = vec![
                    g.label(p.period),
                    p.period.to_string(),
                    safe(name).into_owned(),
                ];
                if typed {
                    row.push(kind.unwrap_or("").to_owned());
                }
                row.extend([p.count.to_string(), num(p.per_million)]);
                w.write_record(&row)?;
            }
        }
        Ok(())
    })
}

/// `documents.csv`: id, source, title, date, tokens, top_terms (TF-IDF, `; `-separated).
pub fn write_documents(
    path: &Path,
    corpus: &Corpus,
    a: &Analysis,
    docs: &[u32],
) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["id", "source", "title", "date", "tokens", "top_terms"])?;
        for &d in docs {
            let art = &corpus.articles[d as usize];
            let idx = &a.docs[d as usize];
            let top: Vec<&str> = idx
                .top_terms
                .iter()
                .map(|&(t, _)| a.vocab.term(t))
                .collect();
            w.write_record([
                art.id.to_string().as_str(),
                &safe(&art.source),
                &safe(&art.title),
                &date(art.date),
                &idx.tokens.to_string(),
                &safe(&top.join("; ")),
            ])?;
        }
        Ok(())
    })
}

/// `import_problems.csv`: kind, message, path.
pub fn write_problems(path: &Path, problems: &[Problem]) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["kind", "message", "path"])?;
        for p in problems {
            w.write_record([p.kind.as_str(), &safe(&p.message), &safe(&p.path)])?;
        }
        Ok(())
    })
}

/// `weekdays.csv`: weekday, articles.
pub fn write_weekdays(path: &Path, a: &Analysis) -> Result<(), ExportError> {
    write_csv_atomic(path, |w| {
        w.write_record(["weekday", "articles"])?;
        for (day, n) in WEEKDAYS.iter().zip(a.weekdays) {
            w.write_record([day.to_string(), n.to_string()])?;
        }
        Ok(())
    })
}

/// The granularity for trend tables: the finest that keeps the number of periods readable.
pub fn auto_granularity(a: &Analysis) -> Granularity {
    let span_days = match (a.summary.first_date, a.summary.last_date) {
        (Some(f), Some(l)) => (l - f).num_days(),
        _ => 0,
    };
    match span_days {
        d if d > 365 * 20 => Granularity::Year,
        d if d > 365 * 2 => Granularity::Month,
        d if d > 90 => Granularity::Week,
        _ => Granularity::Day,
    }
}

/// Options of a full export.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Granularity of `term_trends.csv` and `entity_trends.csv` (`None`: [`auto_granularity`]).
    pub trend_granularity: Option<Granularity>,
    /// How many top terms and entities get trends.
    pub top_n: usize,
}

/// Write the full CSV set into `dir` (created if missing). Returns the files written.
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
    let g = opts
        .trend_granularity
        .unwrap_or_else(|| auto_granularity(a));
    // Bursts need several periods: never per day.
    let burst_g = if g == Granularity::Day {
        Granularity::Week
    } else {
        g
    };
    type Writer<'w> = Box<dyn Fn(&Path) -> Result<(), ExportError> + Send + Sync + 'w>;
    let mut jobs: Vec<(String, Writer<'_>)> = vec![
        (
            "summary.csv".into(),
            Box::new(|p| write_summary(p, corpus, a)),
        ),
        (
            "terms.csv".into(),
            Box::new(|p| write_terms(p, a, &a.terms)),
        ),
        (
            "bigrams.csv".into(),
            Box::new(|p| write_ngrams(p, &a.bigrams)),
        ),
        (
            "trigrams.csv".into(),
            Box::new(|p| write_ngrams(p, &a.trigrams)),
        ),
        (
            "collocations.csv".into(),
            Box::new(|p| write_collocations(p, a, &a.collocations)),
        ),
        (
            "entities.csv".into(),
            Box::new(|p| write_entities(p, a, &a.entity_stats)),
        ),
        (
            "entity_aliases.csv".into(),
            Box::new(|p| write_entity_aliases(p, a, &a.entity_stats)),
        ),
        (
            "entity_pairs.csv".into(),
            Box::new(|p| write_entity_pairs(p, a, &a.entity_pairs)),
        ),
    ];
    for g in Granularity::ALL {
        jobs.push((
            format!("timeline_{}.csv", g.as_str()),
            Box::new(move |p| write_timeline(p, a.timeline(g))),
        ));
    }
    jobs.push((
        "term_trends.csv".into(),
        Box::new(move |p| {
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
        }),
    ));
    jobs.push((
        "entity_trends.csv".into(),
        Box::new(move |p| {
            let series: Vec<_> = a
                .entity_stats
                .iter()
                .take(opts.top_n)
                .map(|s| {
                    let e = &a.entities.entities[s.entity as usize];
                    (
                        e.name.clone(),
                        Some(e.kind.as_str()),
                        a.entity_trend(s.entity, g),
                    )
                })
                .collect();
            write_trends(p, g, "entity", &series)
        }),
    ));
    jobs.push((
        "rising_falling.csv".into(),
        Box::new(move |p| {
            let bursts = a.bursts(burst_g, &BurstParams::default());
            write_bursts(p, a, burst_g, &bursts)
        }),
    ));
    jobs.push((
        "documents.csv".into(),
        Box::new(|p| {
            let all: Vec<u32> = (0..a.docs.len() as u32).collect();
            write_documents(p, corpus, a, &all)
        }),
    ));
    jobs.push(("weekdays.csv".into(), Box::new(|p| write_weekdays(p, a))));
    jobs.push((
        "import_problems.csv".into(),
        Box::new(|p| write_problems(p, &corpus.report.problems)),
    ));
    // Every file is written on its own (each atomically), the big ones in parallel.
    let written: Vec<PathBuf> = jobs.iter().map(|(name, _)| dir.join(name)).collect();
    jobs.par_iter()
        .zip(&written)
        .map(|((_, write), path)| write(path))
        .collect::<Result<Vec<()>, ExportError>>()?;
    Ok(written)
}

/// Write any small text file atomically (e.g. `export_params.json`).
pub fn write_text_atomic(path: &Path, text: &str) -> Result<(), ExportError> {
    let io_err = |source| ExportError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let res = File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(io_err);
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res
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
