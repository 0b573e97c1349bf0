//! Metadata tables: a CSV, TSV, JSON or JSONL table with one row per plain-text file (an id
//! column naming the file, plus date, title, speaker, party…), joined to the articles of the
//! files it names instead of being imported as records.
//!
//! A table is found in two ways. **Auto-detected**: a table file of at most
//! [`MAX_AUTO_TABLE_BYTES`] in a folder that holds plain-text files (at any depth) is read as a
//! table before anything else; when one of its columns names, in at least half of its rows (and
//! at least one), plain-text files under the table's folder, the best such column is its id
//! column and the table is joined, not imported. Otherwise the file is read as records, as
//! always. **Explicit**: [`ImportOptions::metadata`] names a table anywhere; its rows may name
//! any plain-text file of the import (by its path relative to an opened folder, its path inside a
//! zip archive, its name or its stem), and a table that names none is a
//! [`ProblemKind::Metadata`] problem. [`ImportOptions::id_column`] picks the id column of both.
//! How a cell names a file is in `index`. Tables inside zip archives are not auto-detected
//! (they are read as records).
//!
//! The join (`join`) runs after every file is read and before exact duplicates are dropped.

mod index;
mod join;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::walk::{self, Format, Source};
use super::{ImportOptions, Outcome, decode, structured};
use crate::model::ProblemKind;
use index::{Scope, Target, TargetIndex, choose_id_column, norm_key};

pub(crate) use join::join;

/// The largest table auto-detected as metadata (64 MiB); larger tables are read as records.
pub const MAX_AUTO_TABLE_BYTES: u64 = 64 << 20;

/// A table read from a file, before it is joined.
#[derive(Clone, Debug, Default)]
pub(crate) struct Table {
    /// The table's path as shown.
    pub display: String,
    /// Given with [`ImportOptions::metadata`] (not auto-detected).
    pub explicit: bool,
    pub columns: Vec<String>,
    /// Row N (1-based) is `rows[N - 1]`: its cells by column (empty when missing), or the reason
    /// it could not be read.
    pub rows: Vec<Result<Vec<String>, String>>,
    /// The id column, once chosen.
    pub id_column: Option<usize>,
}

impl Table {
    /// The rows that could be read.
    fn good_rows(&self) -> Vec<&[String]> {
        self.rows.iter().filter_map(|r| r.as_deref().ok()).collect()
    }
}

/// The text of a JSON scalar; empty for null, arrays and objects.
fn cell(value: &Value) -> String {
    match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null | Value::Array(_) | Value::Object(_) => String::new(),
    }
}

/// Read `content` as a table of the given format (anything but JSON and JSONL is CSV with a
/// sniffed delimiter); `None` when it holds no column.
pub(crate) fn parse_table(content: &str, format: Format, display: &str) -> Option<Table> {
    let mut table = Table {
        display: display.to_owned(),
        ..Table::default()
    };
    match format {
        Format::Json => match serde_json::from_str::<Value>(content) {
            Ok(value) => json_rows(&mut table, json_items(&value)),
            Err(_) => json_lines(&mut table, content),
        },
        Format::JsonLines => json_lines(&mut table, content),
        Format::Tsv => csv_rows(&mut table, content, b'\t'),
        _ => csv_rows(
            &mut table,
            content,
            structured::sniff_csv_delimiter(content),
        ),
    }
    (!table.columns.is_empty()).then_some(table)
}

/// The records of a JSON value: an array, or the first array of objects inside an object.
fn json_items(value: &Value) -> &[Value] {
    match value {
        Value::Array(items) => items,
        Value::Object(object) => object
            .values()
            .find_map(|v| match v {
                Value::Array(items) if items.iter().any(Value::is_object) => Some(items.as_slice()),
                _ => None,
            })
            .unwrap_or_default(),
        _ => &[],
    }
}

fn json_rows<'v>(table: &mut Table, items: impl IntoIterator<Item = &'v Value>) {
    let objects: Vec<Result<&serde_json::Map<String, Value>, String>> = items
        .into_iter()
        .map(|item| match item {
            Value::Object(object) => Ok(object),
            _ => Err("The row is not a JSON object; it was skipped.".to_owned()),
        })
        .collect();
    add_objects(table, objects);
}

fn json_lines(table: &mut Table, content: &str) {
    let objects: Vec<Result<serde_json::Map<String, Value>, String>> = content
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(object)) => Ok(object),
            Ok(_) => Err("The line is not a JSON object; it was skipped.".to_owned()),
            Err(e) => Err(format!("The line is not valid JSON ({e}); it was skipped.")),
        })
        .collect();
    add_objects(
        table,
        objects.iter().map(|o| o.as_ref().map_err(Clone::clone)),
    );
}

/// Rows from JSON objects; the columns are every key, in the order first met.
fn add_objects<'o>(
    table: &mut Table,
    objects: impl IntoIterator<Item = Result<&'o serde_json::Map<String, Value>, String>>,
) {
    let objects: Vec<_> = objects.into_iter().collect();
    for object in objects.iter().flatten() {
        for key in object.keys() {
            if !table.columns.contains(key) {
                table.columns.push(key.clone());
            }
        }
    }
    for object in objects {
        table.rows.push(object.map(|o| {
            table
                .columns
                .iter()
                .map(|c| o.get(c).map(cell).unwrap_or_default())
                .collect()
        }));
    }
}

fn csv_rows(table: &mut Table, content: &str, delimiter: u8) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(content.as_bytes());
    match reader.headers() {
        Ok(h) => table.columns = h.iter().map(|c| c.trim().to_owned()).collect(),
        Err(_) => return,
    }
    let width = table.columns.len();
    for row in reader.records() {
        table.rows.push(
            row.map(|r| {
                (0..width)
                    .map(|i| r.get(i).unwrap_or_default().trim().to_owned())
                    .collect()
            })
            .map_err(|e| format!("The row could not be read: {e}.")),
        );
    }
}

/// Whether a file of this format can be a table.
fn is_table_format(format: Format) -> bool {
    matches!(
        format,
        Format::Csv | Format::Tsv | Format::Json | Format::JsonLines
    )
}

/// The normalised folder of a shown path (`""` for a bare name).
fn folder_of(display: &str) -> String {
    let key = norm_key(display);
    key.rsplit_once('/')
        .map(|(folder, _)| folder.to_owned())
        .unwrap_or_default()
}

/// Decides, while files are read, which table files are metadata tables (shared read-only by
/// the readers).
#[derive(Debug, Default)]
pub(crate) struct Detector {
    /// The plain-text files on disk.
    index: TargetIndex,
    /// Files that are the explicit table: skipped by the readers.
    skip: Vec<PathBuf>,
    id_column: Option<String>,
    max_bytes: u64,
}

/// Whether files of `format` hold one article a table row can describe: plain text and mail (an
/// mbox of several messages names its articles `file.mbox#N`, which no row names).
pub(crate) fn joinable(format: Format) -> bool {
    matches!(format, Format::Text | Format::Mail | Format::Html)
}

impl Detector {
    /// A detector for the files `sources` of an import with `opts`.
    pub(crate) fn new(sources: &[Source], opts: &ImportOptions) -> Self {
        let max_bytes = MAX_AUTO_TABLE_BYTES.min(opts.max_file_bytes);
        // Most imports hold no table at all: no index is built for them.
        let any_table = sources
            .iter()
            .any(|s| is_table_format(s.format) && s.size_bytes <= max_bytes);
        let targets = sources
            .iter()
            .filter(|s| any_table && joinable(s.format))
            .map(|s| Target::on_disk(&s.display))
            .collect();
        let skip = opts.metadata.as_deref().map_or_else(Vec::new, |table| {
            let canonical = std::fs::canonicalize(table).ok();
            sources
                .iter()
                .filter(|s| s.path.file_name() == table.file_name())
                .filter(|s| canonical.is_some() && std::fs::canonicalize(&s.path).ok() == canonical)
                .map(|s| s.path.clone())
                .collect()
        });
        Self {
            index: TargetIndex::new(targets),
            skip,
            id_column: opts.id_column.clone(),
            max_bytes,
        }
    }

    /// Whether `source` is the explicit table (read apart, not as a file of the corpus).
    pub(crate) fn skips(&self, source: &Source) -> bool {
        self.skip.contains(&source.path)
    }

    /// Whether `source` may be a metadata table, before it is read.
    pub(crate) fn is_candidate(&self, source: &Source) -> bool {
        is_table_format(source.format)
            && source.size_bytes <= self.max_bytes
            && self.index.has_files_under(&folder_of(&source.display))
    }

    /// The table in `bytes` (the file `source`) when it is a metadata table; `None` otherwise
    /// (the file is then read as records).
    pub(crate) fn detect(&self, source: &Source, bytes: &[u8]) -> Option<Table> {
        if !self.is_candidate(source) || bytes.len() as u64 > self.max_bytes {
            return None;
        }
        let decoded = decode::decode(bytes.to_vec()).ok()?;
        let mut table = parse_table(&decoded.text, source.format, &source.display)?;
        let scope = Scope::Folder(folder_of(&source.display));
        let rows = table.good_rows();
        let (column, _) = choose_id_column(
            &table.columns,
            &rows,
            &self.index,
            &scope,
            self.id_column.as_deref(),
            false,
            true,
        )
        .ok()?;
        table.id_column = Some(column);
        Some(table)
    }
}

/// Read the explicit table of `opts` (if any); a table that cannot be read is a problem in `out`.
pub(crate) fn read_explicit(opts: &ImportOptions, out: &mut Outcome) -> Option<Table> {
    let path: &Path = opts.metadata.as_deref()?;
    let display = walk::display_path(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = match super::read_capped(path, opts.max_file_bytes) {
        Ok(bytes) => bytes,
        Err((_, message)) => {
            let message = format!("The metadata table could not be read. {message}");
            out.problem(ProblemKind::Metadata, display, message);
            return None;
        }
    };
    let parsed = decode::decode(bytes)
        .ok()
        .and_then(|d| parse_table(&d.text, walk::format_of(&name), &display));
    let Some(mut table) = parsed else {
        let message = "The metadata table holds no header row or record; nothing was joined.";
        out.problem(ProblemKind::Metadata, display, message);
        return None;
    };
    table.explicit = true;
    Some(table)
}
