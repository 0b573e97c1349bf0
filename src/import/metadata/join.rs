//! Joining metadata tables to the articles of the files they name, and the report of each join.
//!
//! Per row: the date column (found by the names records use: `date`, `published`…) sets the
//! article's date, over a date from the file's header line or name; the title column sets the
//! title when the cell is not empty; every other column but the id column is appended to
//! [`Article::metadata`] in table order, empty cells skipped. A file named by several rows of a
//! table takes the first. Tables are applied in path order, so of two tables naming one file the
//! later path's date and title win.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use chrono::NaiveDate;

use super::index::{NoIdColumn, Scope, Target, TargetIndex, choose_id_column, norm_key};
use super::{Table, folder_of};
use crate::import::ImportOptions;
use crate::import::dates::{self, DateError};
use crate::import::records::{Roles, detect_roles};
use crate::import::walk::{self, Format, Source};
use crate::model::{Article, MetadataTable, Problem, ProblemKind};

/// How many problems of one sort (files without a row, rows without a file) are listed per
/// table before the rest are counted in one more problem.
const LISTED: usize = 20;

/// Join `tables` to `articles` (read from `sources`, the files of an import of the paths
/// `opened`); problems go to `problems`. Returns the report of every table joined, by path.
pub(crate) fn join(
    mut tables: Vec<super::Table>,
    articles: &mut [Article],
    sources: &[Source],
    opened: &[PathBuf],
    opts: &ImportOptions,
    problems: &mut Vec<Problem>,
) -> Vec<MetadataTable> {
    if tables.is_empty() {
        return Vec::new();
    }
    let (index, article_of) = targets(articles, sources);
    let bases: Vec<String> = opened
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| norm_key(&walk::display_path(p)))
        .collect();
    let mut named = vec![false; index.targets.len()];
    let mut joined: Vec<(MetadataTable, Scope)> = Vec::new();
    tables.sort_by(|a, b| a.display.cmp(&b.display));
    for mut table in tables {
        let scope = if table.explicit {
            Scope::Opened(bases.clone())
        } else {
            Scope::Folder(folder_of(&table.display))
        };
        if table.explicit {
            match choose_id_column(
                &table.columns,
                &table.good_rows(),
                &index,
                &scope,
                opts.id_column.as_deref(),
                true,
                false,
            ) {
                Ok((column, _)) => table.id_column = Some(column),
                Err(why) => {
                    problems.push(unjoined(&table, &why, opts.id_column.as_deref()));
                    continue;
                }
            }
        }
        let mut join = Join {
            index: &index,
            scope: &scope,
            article_of: &article_of,
            named: &mut named,
            problems: &mut *problems,
        };
        let summary = join.table(&table, articles, opts);
        joined.push((summary, scope));
    }
    for (summary, scope) in &mut joined {
        let missing: Vec<(String, String)> = (0..index.targets.len())
            .filter(|&t| !named[t] && index.in_scope(t, scope))
            .map(|t| {
                let message = format!("No row of metadata table {} names this file.", summary.path);
                (index.targets[t].source.clone(), message)
            })
            .collect();
        summary.files_without_row = missing.len() as u64;
        list(problems, missing, &summary.path, |n| {
            format!("{n} more files are named by no row of this metadata table.")
        });
    }
    joined.into_iter().map(|(summary, _)| summary).collect()
}

/// The plain-text articles rows can name, and the article of each target.
fn targets(articles: &[Article], sources: &[Source]) -> (TargetIndex, Vec<usize>) {
    let displays = |keep: fn(Format) -> bool| -> HashSet<&str> {
        sources
            .iter()
            .filter(|s| keep(s.format))
            .map(|s| s.display.as_str())
            .collect()
    };
    let (texts, zips) = (displays(super::joinable), displays(|f| f == Format::Zip));
    let mut targets = Vec::new();
    let mut article_of = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        let source = article.source.as_str();
        let target = if texts.contains(source) {
            Some(Target::on_disk(source))
        } else {
            // `archive.zip!inner/path`: the archive's name may hold a `!` too.
            source.match_indices('!').find_map(|(at, _)| {
                let inner = &source[at + 1..];
                let name = inner.rsplit('/').next().unwrap_or(inner);
                (zips.contains(&source[..at]) && super::joinable(walk::format_of(name)))
                    .then(|| Target::in_zip(source, inner))
            })
        };
        if let Some(target) = target {
            targets.push(target);
            article_of.push(i);
        }
    }
    (TargetIndex::new(targets), article_of)
}

/// The problem of an explicit table that could not be joined.
fn unjoined(table: &Table, why: &NoIdColumn, wanted: Option<&str>) -> Problem {
    let message = match (why, wanted) {
        (NoIdColumn::Missing(c), _) => format!(
            "The metadata table has no column named \"{c}\" (its columns: {}); nothing was \
             joined.",
            table.columns.join(", ")
        ),
        (NoIdColumn::TooFew(_), Some(c)) => format!(
            "No value of the column \"{c}\" of the metadata table names an imported plain-text \
             file (by its path relative to an opened folder, its name or its stem); nothing was \
             joined."
        ),
        (NoIdColumn::TooFew(_), None) => "No column of the metadata table names an imported \
                                           plain-text file (by its path relative to an opened \
                                           folder, its name or its stem); nothing was joined."
            .to_owned(),
    };
    Problem {
        kind: ProblemKind::Metadata,
        message,
        path: table.display.clone(),
    }
}

/// Push the first [`LISTED`] of `items` (path, message) as metadata problems, and one problem on
/// `table` counting the rest (`more` makes its message).
fn list(
    problems: &mut Vec<Problem>,
    items: Vec<(String, String)>,
    table: &str,
    more: impl Fn(usize) -> String,
) {
    let extra = items.len().saturating_sub(LISTED);
    for (path, message) in items.into_iter().take(LISTED) {
        problems.push(Problem {
            kind: ProblemKind::Metadata,
            message,
            path,
        });
    }
    if extra > 0 {
        problems.push(Problem {
            kind: ProblemKind::Metadata,
            message: more(extra),
            path: table.to_owned(),
        });
    }
}

/// The date and title columns of a table, never its id column. A date or title field named in
/// the options is used when the table has it; the usual names are looked for otherwise.
fn roles(columns: &[String], id: usize, opts: &ImportOptions) -> Roles {
    let keys: Vec<&str> = columns.iter().map(String::as_str).collect();
    let asked = detect_roles(&keys, opts);
    let usual = detect_roles(&keys, &ImportOptions::default());
    let pick = |a: Option<usize>, u: Option<usize>| a.or(u).filter(|&c| c != id);
    Roles {
        title: pick(asked.title, usual.title),
        date: pick(asked.date, usual.date),
        text: None,
    }
}

/// The state of joining tables to one import's articles.
struct Join<'a> {
    index: &'a TargetIndex,
    scope: &'a Scope,
    /// The article of each target.
    article_of: &'a [usize],
    /// Targets named by a row of any table so far.
    named: &'a mut [bool],
    problems: &'a mut Vec<Problem>,
}

/// What one row gives the files it names.
struct RowValues {
    date: Option<NaiveDate>,
    title: Option<String>,
    metadata: Vec<(String, String)>,
}

impl Join<'_> {
    /// Join one table whose id column is chosen; returns its report, files without a row not
    /// counted yet.
    fn table(
        &mut self,
        table: &Table,
        articles: &mut [Article],
        opts: &ImportOptions,
    ) -> MetadataTable {
        let id = table.id_column.unwrap_or(0);
        let id_name = table.columns.get(id).cloned().unwrap_or_default();
        let roles = roles(&table.columns, id, opts);
        let mut first_row: HashMap<usize, usize> = HashMap::new();
        let mut without_file = Vec::new();
        let mut matched = 0;
        for (i, row) in table.rows.iter().enumerate() {
            let at = format!("{}#{}", table.display, i + 1);
            let cells = match row {
                Ok(cells) => cells,
                Err(message) => {
                    self.problem(ProblemKind::Parse, &at, message.clone());
                    continue;
                }
            };
            let value = cells.get(id).map_or("", String::as_str);
            let found = self.index.resolve(value, self.scope);
            if found.is_empty() {
                let message = if value.is_empty() {
                    format!("The row has no {id_name}, so it names no file.")
                } else {
                    format!("The row's {id_name} \"{value}\" names no imported plain-text file.")
                };
                without_file.push((at, message));
                continue;
            }
            matched += 1;
            let values = self.row_values(table, cells, id, roles, &at);
            for t in found {
                if let Some(first) = first_row.get(&t) {
                    let message = format!(
                        "The row names {}, which row {first} of the table already names; it was \
                         not joined to it.",
                        self.index.targets[t].source
                    );
                    self.problem(ProblemKind::Metadata, &at, message);
                    continue;
                }
                first_row.insert(t, i + 1);
                self.named[t] = true;
                if let Some(article) = self.article_of.get(t).and_then(|&a| articles.get_mut(a)) {
                    apply(article, &values);
                }
            }
        }
        let rows_without_file = without_file.len() as u64;
        list(self.problems, without_file, &table.display, |n| {
            format!("{n} more rows of this metadata table name no imported plain-text file.")
        });
        MetadataTable {
            path: table.display.clone(),
            id_column: id_name,
            rows: table.rows.len() as u64,
            rows_matched: matched,
            files_without_row: 0,
            rows_without_file,
        }
    }

    /// The date, title and metadata of a row shown as `at`; an unusable date is a problem.
    fn row_values(
        &mut self,
        table: &Table,
        cells: &[String],
        id: usize,
        roles: Roles,
        at: &str,
    ) -> RowValues {
        let cell = |c: Option<usize>| c.and_then(|c| cells.get(c)).filter(|v| !v.is_empty());
        let date = cell(roles.date).and_then(|raw| match dates::parse_plausible_date(raw) {
            Ok(date) => Some(date),
            Err(e) => {
                let column = roles
                    .date
                    .and_then(|c| table.columns.get(c))
                    .map_or("", String::as_str);
                self.problem(ProblemKind::Date, at, date_message(e, raw, column));
                None
            }
        });
        let used = [Some(id), roles.date, roles.title];
        let metadata = table
            .columns
            .iter()
            .zip(cells)
            .enumerate()
            .filter(|(c, (_, v))| !used.contains(&Some(*c)) && !v.is_empty())
            .map(|(_, (k, v))| (k.clone(), v.clone()))
            .collect();
        RowValues {
            date,
            title: cell(roles.title).cloned(),
            metadata,
        }
    }

    fn problem(&mut self, kind: ProblemKind, path: &str, message: String) {
        self.problems.push(Problem {
            kind,
            message,
            path: path.to_owned(),
        });
    }
}

/// Give `article` a row's values.
fn apply(article: &mut Article, values: &RowValues) {
    if let Some(date) = values.date {
        article.date = Some(date);
    }
    if let Some(title) = &values.title {
        article.title.clone_from(title);
        // The title is no longer a span of the file's text.
        article.title_char_offset = None;
    }
    article.metadata.extend(values.metadata.iter().cloned());
}

/// The report sentence for a table date that cannot be used.
fn date_message(e: DateError, raw: &str, column: &str) -> String {
    let why = match e {
        DateError::Unparsable => "could not be read".to_owned(),
        DateError::Implausible(d) => {
            format!("({d}) is before year 1000 or more than a year in the future")
        }
    };
    format!(
        "The {column} \"{raw}\" {why}; the files the row names keep the date of their own text \
         or name, if any."
    )
}
