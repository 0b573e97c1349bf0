//! The files a metadata table's rows can name, indexed by path, name and stem, and the choice of
//! a table's id column.
//!
//! Keys are compared after [`norm_key`]: trimmed, backslashes read as `/`, empty and `.` parts
//! dropped (so a leading `./` is ignored), lower-cased. A value names a file by, in this order of
//! preference: its path relative to the table's folder (or to an opened folder, for an explicit
//! table), its path inside a zip archive (explicit tables only), its name, its stem (the name
//! without its last extension). A name or stem shared by several files names all of them.

use std::collections::{HashMap, HashSet};

/// Normalised column names (as `records` normalises field names) preferred as the id column
/// when two columns name as many files.
const ID_NAMES: &[&str] = &[
    "id",
    "docid",
    "documentid",
    "doc",
    "document",
    "file",
    "filename",
    "filepath",
    "path",
    "fileid",
    "key",
    "name",
];

/// A key as compared: see the module docs.
pub(crate) fn norm_key(value: &str) -> String {
    let slashed = value.trim().replace('\\', "/");
    let parts: Vec<&str> = slashed
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    parts.join("/").to_lowercase()
}

/// A column name lower-cased without `_`, `-`, `.` and spaces.
pub(crate) fn norm_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' ' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// One plain-text file a row can name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Target {
    /// The file's source as shown (`folder/a.txt`, `news.zip!a.txt`).
    pub source: String,
    /// The normalised path: on disk, the whole shown path; in an archive, the path inside it.
    pub path: String,
    pub name: String,
    pub stem: String,
    pub in_zip: bool,
}

impl Target {
    /// A file on disk shown as `display`.
    pub(crate) fn on_disk(display: &str) -> Self {
        Self::new(display, display, false)
    }

    /// An entry shown as `source`, at `inner` inside its archive.
    pub(crate) fn in_zip(source: &str, inner: &str) -> Self {
        Self::new(source, inner, true)
    }

    fn new(source: &str, path: &str, in_zip: bool) -> Self {
        let path = norm_key(path);
        let name = path.rsplit('/').next().unwrap_or_default().to_owned();
        let stem = match name.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem.to_owned(),
            _ => name.clone(),
        };
        Self {
            source: source.to_owned(),
            path,
            name,
            stem,
            in_zip,
        }
    }

    /// Whether the file is on disk under the folder `base` (normalised; `""` holds everything).
    fn under(&self, base: &str) -> bool {
        !self.in_zip
            && (base.is_empty()
                || self
                    .path
                    .strip_prefix(base)
                    .is_some_and(|rest| rest.starts_with('/')))
    }
}

/// Which files a table may name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// An auto-detected table: the files on disk under its folder (normalised).
    Folder(String),
    /// An explicit table: every file, relative paths taken from the opened folders (normalised).
    Opened(Vec<String>),
}

/// The targets, indexed by every key that can name them.
#[derive(Debug, Default)]
pub(crate) struct TargetIndex {
    pub targets: Vec<Target>,
    by_path: HashMap<String, usize>,
    by_zip_path: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
    by_stem: HashMap<String, Vec<usize>>,
    /// Every folder on disk holding a target, at any depth (normalised).
    folders: HashSet<String>,
}

impl TargetIndex {
    pub(crate) fn new(targets: Vec<Target>) -> Self {
        let mut index = Self::default();
        for (i, t) in targets.iter().enumerate() {
            if t.in_zip {
                index.by_zip_path.entry(t.path.clone()).or_default().push(i);
            } else {
                index.by_path.entry(t.path.clone()).or_insert(i);
                let mut folder = t.path.as_str();
                while let Some((parent, _)) = folder.rsplit_once('/') {
                    if !index.folders.insert(parent.to_owned()) {
                        break;
                    }
                    folder = parent;
                }
                index.folders.insert(String::new());
            }
            index.by_name.entry(t.name.clone()).or_default().push(i);
            index.by_stem.entry(t.stem.clone()).or_default().push(i);
        }
        index.targets = targets;
        index
    }

    /// Whether any file on disk lies under the folder `base` (normalised).
    pub(crate) fn has_files_under(&self, base: &str) -> bool {
        self.folders.contains(base)
    }

    /// Whether `target` is in `scope`.
    pub(crate) fn in_scope(&self, target: usize, scope: &Scope) -> bool {
        match scope {
            Scope::Folder(base) => self.targets.get(target).is_some_and(|t| t.under(base)),
            Scope::Opened(_) => target < self.targets.len(),
        }
    }

    /// The targets a cell names (see the module docs), none for an empty cell.
    pub(crate) fn resolve(&self, value: &str, scope: &Scope) -> Vec<usize> {
        let key = norm_key(value);
        if key.is_empty() {
            return Vec::new();
        }
        let joined = |base: &str| {
            if base.is_empty() {
                key.clone()
            } else {
                format!("{base}/{key}")
            }
        };
        let bases: &[String] = match scope {
            Scope::Folder(base) => std::slice::from_ref(base),
            Scope::Opened(bases) => bases,
        };
        for base in bases {
            if let Some(&i) = self.by_path.get(&joined(base)) {
                return vec![i];
            }
        }
        if let Scope::Opened(_) = scope {
            if let Some(&i) = self.by_path.get(&key) {
                return vec![i];
            }
            if let Some(found) = self.by_zip_path.get(&key) {
                return found.clone();
            }
        }
        for map in [&self.by_name, &self.by_stem] {
            let found: Vec<usize> = map
                .get(&key)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&i| self.in_scope(i, scope))
                .collect();
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    /// How many of `cells` name at least one target.
    fn matches<'c>(&self, cells: impl Iterator<Item = &'c str>, scope: &Scope) -> usize {
        cells
            .filter(|cell| !self.resolve(cell, scope).is_empty())
            .count()
    }
}

/// Why no id column was chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NoIdColumn {
    /// The column asked for (`id_column`) is not in the table.
    Missing(String),
    /// No column names enough files; holds the best count of rows naming a file.
    TooFew(usize),
}

/// The id column of a table with `columns` and `rows` (cells by column): the column whose cells
/// name the most files in `scope`, with ties going to a column named like an id (`id`, `file`,
/// `path`…) and then to the leftmost. `wanted` (matched without regard to case) limits the choice
/// to that column when the table has it; `required` makes its absence an error. The column must
/// name a file in at least one row, and in at least half the rows when `half` is set. Returns the
/// column and how many rows name a file.
pub(crate) fn choose_id_column(
    columns: &[String],
    rows: &[&[String]],
    index: &TargetIndex,
    scope: &Scope,
    wanted: Option<&str>,
    required: bool,
    half: bool,
) -> Result<(usize, usize), NoIdColumn> {
    let asked = wanted.and_then(|w| {
        columns
            .iter()
            .position(|c| c.trim().eq_ignore_ascii_case(w.trim()))
    });
    let candidates: Vec<usize> = match (asked, wanted) {
        (Some(c), _) => vec![c],
        (None, Some(w)) if required => return Err(NoIdColumn::Missing(w.to_owned())),
        _ => (0..columns.len()).collect(),
    };
    let mut best: Option<(usize, usize, bool)> = None;
    for c in candidates {
        let cells = rows.iter().map(|r| r.get(c).map_or("", String::as_str));
        let count = index.matches(cells, scope);
        let id_like = ID_NAMES.contains(&norm_name(&columns[c]).as_str());
        let better = match best {
            None => true,
            Some((_, n, like)) => count > n || (count == n && id_like && !like),
        };
        if better {
            best = Some((c, count, id_like));
        }
    }
    let (column, count) = best.map_or((0, 0), |(c, n, _)| (c, n));
    if count == 0 || (half && count * 2 < rows.len()) {
        return Err(NoIdColumn::TooFew(count));
    }
    Ok((column, count))
}
