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
//! [`super::folder`]); Snappy-compressed, streamed a chunk of articles at a time (row groups of
//! at most [`ROW_GROUP`] rows), so memory stays bounded whatever the corpus size.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::basic::{Compression, ConvertedType, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

mod tables;

use super::{ExportError, Params};
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

/// Write one table into a Parquet file, streamed: `chunks` yields its rows a chunk at a time
/// (named columns of equal length, the same names and types in every chunk; at least one,
/// possibly empty, which gives the schema), each written as row groups of at most [`ROW_GROUP`]
/// rows and dropped before the next is built.
fn write_table(
    path: &Path,
    chunks: &mut dyn Iterator<Item = Vec<(String, Col)>>,
) -> Result<(), ExportError> {
    let err = |e: parquet::errors::ParquetError| ExportError::Io {
        path: path.to_owned(),
        source: std::io::Error::other(e.to_string()),
    };
    let Some(first) = chunks.next() else {
        return Err(err(parquet::errors::ParquetError::General(
            "a table without columns".into(),
        )));
    };
    let fields = first
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
    super::write_file_atomic(path, |file| {
        let mut writer =
            SerializedFileWriter::new(file, Arc::new(schema), Arc::new(props)).map_err(err)?;
        let (mut any_rows, mut empty) = (false, None);
        for cols in std::iter::once(first).chain(chunks) {
            let rows = cols.first().map_or(0, |(_, c)| c.len());
            if rows == 0 {
                empty = Some(cols);
                continue;
            }
            let mut start = 0;
            while start < rows {
                let end = (start + ROW_GROUP).min(rows);
                write_group(&mut writer, &cols, start..end).map_err(err)?;
                start = end;
            }
            any_rows = true;
        }
        // An empty table still has its schema and one empty row group.
        if let (false, Some(cols)) = (any_rows, empty) {
            write_group(&mut writer, &cols, 0..0).map_err(err)?;
        }
        writer.into_inner().map_err(err)
    })
}

/// Rows `range` of `cols` as one row group.
fn write_group<W: std::io::Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    cols: &[(String, Col)],
    range: std::ops::Range<usize>,
) -> parquet::errors::Result<()> {
    let mut group = writer.next_row_group()?;
    let mut i = 0;
    while let Some(mut w) = group.next_column()? {
        if let Some((_, col)) = cols.get(i) {
            write_slice(&mut w, col, range.clone())?;
        }
        w.close()?;
        i += 1;
    }
    group.close()?;
    Ok(())
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

/// Write the five tables of `corpus` and its analysis into `dir` as one set (with
/// `export_params.json` and `manifest.json`). Returns the files written, the manifest last.
pub fn write_parquet<'a>(
    dir: &Path,
    corpus: &'a Corpus,
    a: &'a Analysis,
    params: &Params,
) -> Result<Vec<PathBuf>, ExportError> {
    super::folder::write_set(dir, params, |dir| {
        // One table at a time, each streamed a chunk of articles at a time.
        let build: [&dyn Fn() -> tables::Chunks<'a>; 5] = [
            &|| tables::articles(corpus, a),
            &|| tables::terms(a),
            &|| tables::entities(a),
            &|| tables::mentions(corpus, a),
            &|| tables::ngrams(corpus, a),
        ];
        let mut files = Vec::new();
        for (name, table) in FILES.iter().zip(build) {
            let path = dir.join(name);
            write_table(&path, &mut table())?;
            files.push(path);
        }
        Ok(files)
    })
}
