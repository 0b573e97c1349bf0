//! Turning the paths a user gave into a sorted list of files to read: folders are walked
//! recursively, hidden entries (names starting with `.`) are skipped, and each file's format is
//! decided from its extension.
//!
//! Symbolic links to files are followed; symbolic links to folders are not descended into, so a
//! link cycle can never make the walk endless. Paths given explicitly are always read, even when
//! hidden (a user may open `.` or `~/.news`).

use std::path::{Path, PathBuf};

use super::Outcome;
use crate::jobs::{CancelToken, Cancelled};
use crate::model::ProblemKind;

/// How a file is read, decided from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain-text article: `.txt`, `.text`, `.md`, `.markdown`, or no extension.
    Text,
    Json,
    /// `.jsonl` and `.ndjson`.
    JsonLines,
    /// `.csv`; the delimiter is sniffed from the header.
    Csv,
    /// `.tsv` and `.tab`.
    Tsv,
    Zip,
    /// Anything else (HTML, PDF, images, office documents…): listed, not read.
    Unsupported,
}

/// The format of a file called `name` (the last path component).
pub fn format_of(name: &str) -> Format {
    let Some(ext) = Path::new(name).extension().and_then(|e| e.to_str()) else {
        return Format::Text;
    };
    // `2023.01.31` has no real extension.
    if ext.bytes().all(|b| b.is_ascii_digit()) {
        return Format::Text;
    }
    match ext.to_ascii_lowercase().as_str() {
        "txt" | "text" | "md" | "markdown" => Format::Text,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "csv" => Format::Csv,
        "tsv" | "tab" => Format::Tsv,
        "zip" => Format::Zip,
        _ => Format::Unsupported,
    }
}

/// A report sentence for a file whose type is not read.
pub fn unsupported_message(name: &str) -> String {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => "HTML files are not read; save the articles as text, JSON or \
                                     CSV. The file was skipped."
            .to_owned(),
        _ => format!(
            "Files of type .{ext} are not read (text, Markdown, JSON, JSONL, CSV, TSV and zip \
             are); the file was skipped."
        ),
    }
}

/// A file to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    /// The path as shown in sources and problems.
    pub display: String,
    pub size_bytes: u64,
    pub format: Format,
}

/// Collect every readable file under `paths`, sorted by path and without repeats. Unreadable
/// paths and unsupported files become problems in `out` (and unsupported files count as seen).
pub fn walk(
    paths: &[PathBuf],
    out: &mut Outcome,
    cancel: &CancelToken,
) -> Result<Vec<Source>, Cancelled> {
    let mut sources = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, &mut sources, out, cancel)?,
            Ok(meta) => add_file(path, meta.len(), &mut sources, out),
            Err(e) => out.problem(
                ProblemKind::Unreadable,
                path.display().to_string(),
                format!("The path could not be opened: {e}."),
            ),
        }
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    sources.dedup_by(|a, b| a.path == b.path);
    Ok(sources)
}

fn walk_dir(
    dir: &Path,
    sources: &mut Vec<Source>,
    out: &mut Outcome,
    cancel: &CancelToken,
) -> Result<(), Cancelled> {
    cancel.check()?;
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let message = format!("The folder could not be read: {e}.");
            out.problem(ProblemKind::Unreadable, dir.display().to_string(), message);
            return Ok(());
        }
    };
    let mut children: Vec<(PathBuf, std::io::Result<std::fs::FileType>)> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                children.push((entry.path(), entry.file_type()));
            }
            Err(e) => {
                let message = format!("An entry of the folder could not be read: {e}.");
                out.problem(ProblemKind::Unreadable, dir.display().to_string(), message);
            }
        }
    }
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, file_type) in children {
        let file_type = match file_type {
            Ok(t) => t,
            Err(e) => {
                let message = format!("The entry could not be read: {e}.");
                out.problem(ProblemKind::Unreadable, path.display().to_string(), message);
                continue;
            }
        };
        if file_type.is_dir() {
            walk_dir(&path, sources, out, cancel)?;
            continue;
        }
        // Follows file symlinks; a link to a folder is left alone (no cycles).
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => add_file(&path, meta.len(), sources, out),
            Ok(_) => {}
            Err(e) => {
                let message = format!("The file could not be opened: {e}.");
                out.problem(ProblemKind::Unreadable, path.display().to_string(), message);
            }
        }
    }
    Ok(())
}

fn add_file(path: &Path, size_bytes: u64, sources: &mut Vec<Source>, out: &mut Outcome) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let display = path.display().to_string();
    let format = format_of(&name);
    if format == Format::Unsupported {
        out.files_seen += 1;
        out.problem(
            ProblemKind::Unsupported,
            display,
            unsupported_message(&name),
        );
        return;
    }
    sources.push(Source {
        path: path.to_owned(),
        display,
        size_bytes,
        format,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        let cases = [
            ("a.txt", Format::Text),
            ("A.TXT", Format::Text),
            ("README", Format::Text),
            ("notes.md", Format::Text),
            ("2023.01.31", Format::Text),
            ("x.json", Format::Json),
            ("x.ndjson", Format::JsonLines),
            ("x.jsonl", Format::JsonLines),
            ("x.csv", Format::Csv),
            ("x.tsv", Format::Tsv),
            ("x.Zip", Format::Zip),
            ("x.html", Format::Unsupported),
            ("x.png", Format::Unsupported),
            ("x.docx", Format::Unsupported),
        ];
        for (name, format) in cases {
            assert_eq!(format_of(name), format, "{name}");
        }
        assert!(unsupported_message("a.HTM").starts_with("HTML"));
        assert!(unsupported_message("a.png").contains(".png"));
    }
}
