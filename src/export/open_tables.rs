//! Open tables: the per-article tables every corpus statistic is a sum of, as Parquet files that
//! DuckDB, Spark, pandas/polars or any Parquet engine reads — the hand-off for collections
//! analysed in shards, or for statistics Lexiscope does not compute.
//!
//! - `articles.parquet`: `article_id, source, title, date (DATE, null when undated), tokens`,
//!   then one text column per metadata field (`language` among them; a field named like a
//!   column before it gets a `meta_` prefix).
//! - `article_terms.parquet`: `article_id, term, count` for the content terms (the rows of
//!   `terms.csv`: stopwords and, unless kept, numbers are left out).
//! - `article_entities.parquet`: `article_id, entity, type, mentions`.
//! - `entity_mentions.parquet`: `article_id, entity, type, start, end, surface` (byte offsets into
//!   the article's text, end exclusive).
//! - `article_ngrams.parquet`: `article_id, n, ngram, count` for the bigrams (`n` = 2) and
//!   trigrams (3) of `bigrams.csv` and `trigrams.csv` (those at the minimum count or above). The
//!   articles are tokenised again for it (n-grams are not kept per article).
//!
//! The files are written as one set, with `export_params.json` and `manifest.json` (see
//! [`super::folder`]); Snappy-compressed, row groups of [`ROW_GROUP`] rows.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::basic::{Compression, ConvertedType, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use super::{ExportError, Params, write_bytes_atomic};
use crate::analysis::Analysis;
use crate::model::Corpus;

/// Rows per row group.
pub const ROW_GROUP: usize = 1 << 20;

/// Largest dictionary page of a column.
const DICTIONARY_PAGE: usize = 32 << 20;

/// The files of a Parquet export, in the order written.
pub const FILES: [&str; 5] = [
    "articles.parquet",
    "article_terms.parquet",
    "article_entities.parquet",
    "entity_mentions.parquet",
    "article_ngrams.parquet",
];

/// One column's values.
enum Col {
    Int(Vec<i64>),
    Text(Vec<ByteArray>),
    OptText(Vec<Option<ByteArray>>),
    OptDate(Vec<Option<i32>>),
}

impl Col {
    fn len(&self) -> usize {
        match self {
            Col::Int(v) => v.len(),
            Col::Text(v) => v.len(),
            Col::OptText(v) => v.len(),
            Col::OptDate(v) => v.len(),
        }
    }

    /// The column's Parquet type.
    fn schema(&self, name: &str) -> parquet::errors::Result<Type> {
        let (physical, rep) = match self {
            Col::Int(_) => (Physical::INT64, Repetition::REQUIRED),
            Col::Text(_) => (Physical::BYTE_ARRAY, Repetition::REQUIRED),
            Col::OptText(_) => (Physical::BYTE_ARRAY, Repetition::OPTIONAL),
            Col::OptDate(_) => (Physical::INT32, Repetition::OPTIONAL),
        };
        let b = Type::primitive_type_builder(name, physical).with_repetition(rep);
        match self {
            Col::Text(_) | Col::OptText(_) => b.with_converted_type(ConvertedType::UTF8),
            Col::OptDate(_) => b.with_logical_type(Some(LogicalType::Date)),
            Col::Int(_) => b,
        }
        .build()
    }
}

fn text(s: &str) -> ByteArray {
    ByteArray::from(s.as_bytes().to_vec())
}

/// Write one table (named columns of equal length) into a Parquet file.
fn write_table(path: &Path, cols: &[(String, Col)]) -> Result<(), ExportError> {
    let err = |e: parquet::errors::ParquetError| ExportError::Io {
        path: path.to_owned(),
        source: std::io::Error::other(e.to_string()),
    };
    let fields = cols
        .iter()
        .map(|(name, c)| c.schema(name).map(Arc::new))
        .collect::<Result<Vec<_>, _>>()
        .map_err(err)?;
    let schema = Type::group_type_builder("schema")
        .with_fields(fields)
        .build()
        .map_err(err)?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        // Term, entity and n-gram columns repeat a large vocabulary: a dictionary page big
        // enough to hold it keeps them dictionary-encoded (the default 1 MiB falls back to
        // plain strings; the n-gram table was 5x larger).
        .set_dictionary_page_size_limit(DICTIONARY_PAGE)
        .build();
    let rows = cols.first().map_or(0, |(_, c)| c.len());
    let mut buf = Vec::new();
    let mut writer =
        SerializedFileWriter::new(&mut buf, Arc::new(schema), Arc::new(props)).map_err(err)?;
    let mut start = 0;
    while start < rows || (rows == 0 && start == 0) {
        let end = (start + ROW_GROUP).min(rows);
        let mut group = writer.next_row_group().map_err(err)?;
        let mut i = 0;
        while let Some(mut w) = group.next_column().map_err(err)? {
            write_slice(&mut w, &cols[i].1, start..end).map_err(err)?;
            w.close().map_err(err)?;
            i += 1;
        }
        group.close().map_err(err)?;
        if rows == 0 {
            break;
        }
        start = end;
    }
    writer.close().map_err(err)?;
    write_bytes_atomic(path, &buf)
}

/// Rows `range` of a column into its column writer (definition levels for the optional ones).
fn write_slice(
    w: &mut parquet::file::writer::SerializedColumnWriter<'_>,
    col: &Col,
    range: std::ops::Range<usize>,
) -> parquet::errors::Result<()> {
    let levels =
        |present: &mut dyn Iterator<Item = bool>| -> Vec<i16> { present.map(i16::from).collect() };
    match col {
        Col::Int(v) => w.typed::<Int64Type>().write_batch(&v[range], None, None)?,
        Col::Text(v) => w
            .typed::<ByteArrayType>()
            .write_batch(&v[range], None, None)?,
        Col::OptText(v) => {
            let part = &v[range];
            let def = levels(&mut part.iter().map(Option::is_some));
            let values: Vec<ByteArray> = part.iter().flatten().cloned().collect();
            w.typed::<ByteArrayType>()
                .write_batch(&values, Some(&def), None)?
        }
        Col::OptDate(v) => {
            let part = &v[range];
            let def = levels(&mut part.iter().map(Option::is_some));
            let values: Vec<i32> = part.iter().flatten().copied().collect();
            w.typed::<Int32Type>()
                .write_batch(&values, Some(&def), None)?
        }
    };
    Ok(())
}

/// Days since 1970-01-01.
fn epoch_days(d: chrono::NaiveDate) -> Option<i32> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((d - epoch).num_days()).ok()
}

fn articles_table(corpus: &Corpus, a: &Analysis) -> Vec<(String, Col)> {
    let arts = &corpus.articles;
    let mut cols = vec![
        (
            "article_id".to_owned(),
            Col::Int((0..arts.len() as i64).collect()),
        ),
        (
            "source".to_owned(),
            Col::Text(arts.iter().map(|x| text(&x.source)).collect()),
        ),
        (
            "title".to_owned(),
            Col::Text(arts.iter().map(|x| text(&x.title)).collect()),
        ),
        (
            "date".to_owned(),
            Col::OptDate(arts.iter().map(|x| x.date.and_then(epoch_days)).collect()),
        ),
        (
            "tokens".to_owned(),
            Col::Int(
                (0..arts.len())
                    .map(|i| a.docs.get(i).map_or(0, |d| i64::from(d.tokens)))
                    .collect(),
            ),
        ),
    ];
    for field in &a.facets.fields {
        let taken = cols
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(&field.name));
        let name = if taken {
            format!("meta_{}", field.name)
        } else {
            field.name.clone()
        };
        let values = arts
            .iter()
            .map(|x| {
                x.metadata
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(&field.name))
                    .map(|(_, v)| text(v))
            })
            .collect();
        cols.push((name, Col::OptText(values)));
    }
    cols
}

fn terms_table(a: &Analysis) -> Vec<(String, Col)> {
    let (mut ids, mut terms, mut counts) = (Vec::new(), Vec::new(), Vec::new());
    for doc in 0..a.docs.len() {
        for &(term, count) in a.doc_content.row(doc) {
            ids.push(doc as i64);
            terms.push(text(a.vocab.term(term)));
            counts.push(i64::from(count));
        }
    }
    vec![
        ("article_id".to_owned(), Col::Int(ids)),
        ("term".to_owned(), Col::Text(terms)),
        ("count".to_owned(), Col::Int(counts)),
    ]
}

fn entities_table(a: &Analysis) -> Vec<(String, Col)> {
    let ents = &a.entities.entities;
    let (mut ids, mut names, mut kinds, mut counts) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (doc, d) in a.docs.iter().enumerate() {
        for &(e, n) in &d.entities {
            let Some(ent) = ents.get(e as usize) else {
                continue;
            };
            ids.push(doc as i64);
            names.push(text(&ent.name));
            kinds.push(text(ent.kind.as_str()));
            counts.push(i64::from(n));
        }
    }
    vec![
        ("article_id".to_owned(), Col::Int(ids)),
        ("entity".to_owned(), Col::Text(names)),
        ("type".to_owned(), Col::Text(kinds)),
        ("mentions".to_owned(), Col::Int(counts)),
    ]
}

fn mentions_table(corpus: &Corpus, a: &Analysis) -> Vec<(String, Col)> {
    let ents = &a.entities.entities;
    let mut ids = Vec::new();
    let (mut names, mut kinds, mut surfaces) = (Vec::new(), Vec::new(), Vec::new());
    let (mut starts, mut ends) = (Vec::new(), Vec::new());
    for (doc, mentions) in a.entities.mentions.iter().enumerate() {
        let body = corpus.articles.get(doc).map_or("", |x| x.text.as_str());
        for m in mentions {
            let Some(ent) = ents.get(m.entity as usize) else {
                continue;
            };
            ids.push(doc as i64);
            names.push(text(&ent.name));
            kinds.push(text(m.kind.as_str()));
            starts.push(m.start as i64);
            ends.push(m.end as i64);
            surfaces.push(text(body.get(m.start..m.end).unwrap_or("")));
        }
    }
    vec![
        ("article_id".to_owned(), Col::Int(ids)),
        ("entity".to_owned(), Col::Text(names)),
        ("type".to_owned(), Col::Text(kinds)),
        ("start".to_owned(), Col::Int(starts)),
        ("end".to_owned(), Col::Int(ends)),
        ("surface".to_owned(), Col::Text(surfaces)),
    ]
}

fn ngrams_table(corpus: &Corpus, a: &Analysis) -> Vec<(String, Col)> {
    // Nothing cancels an export from the command line.
    let rows = a
        .article_ngrams(corpus, &crate::jobs::CancelToken::new())
        .unwrap_or_default();
    let (mut ids, mut ns, mut grams, mut counts) = (
        Vec::with_capacity(rows.len()),
        Vec::with_capacity(rows.len()),
        Vec::with_capacity(rows.len()),
        Vec::with_capacity(rows.len()),
    );
    for r in rows {
        let table = if r.n == 3 { &a.trigrams } else { &a.bigrams };
        let Some(g) = table.get(r.index as usize) else {
            continue;
        };
        ids.push(i64::from(r.article));
        ns.push(i64::from(r.n));
        grams.push(text(&g.text));
        counts.push(i64::from(r.count));
    }
    vec![
        ("article_id".to_owned(), Col::Int(ids)),
        ("n".to_owned(), Col::Int(ns)),
        ("ngram".to_owned(), Col::Text(grams)),
        ("count".to_owned(), Col::Int(counts)),
    ]
}

/// Write the five tables of `corpus` and its analysis into `dir` as one set (with
/// `export_params.json` and `manifest.json`). Returns the files written, the manifest last.
pub fn write_parquet(
    dir: &Path,
    corpus: &Corpus,
    a: &Analysis,
    params: &Params,
) -> Result<Vec<PathBuf>, ExportError> {
    super::folder::write_set(dir, params, |dir| {
        // One table at a time: each is built, written and dropped before the next.
        let build: [&dyn Fn() -> Vec<(String, Col)>; 5] = [
            &|| articles_table(corpus, a),
            &|| terms_table(a),
            &|| entities_table(a),
            &|| mentions_table(corpus, a),
            &|| ngrams_table(corpus, a),
        ];
        let mut files = Vec::new();
        for (name, table) in FILES.iter().zip(build) {
            let path = dir.join(name);
            write_table(&path, &table())?;
            files.push(path);
        }
        Ok(files)
    })
}
