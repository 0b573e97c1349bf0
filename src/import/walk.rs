//! Turning the paths a user gave into a sorted list of files to read: folders are walked
//! recursively, hidden entries (names starting with `.`) are skipped, and each file's format is
//! decided from its extension.
//!
//! Symbolic links are followed, to files and to folders. Links to folders are walked after every
//! real folder, so a folder reached both ways is listed under its real path, and every folder is
//! walked once (by canonical path): a link back to a folder that contains it (a loop) or to a
//! folder already walked is listed as a problem, never walked again. Only regular files are
//! read: FIFOs, devices and sockets are listed and never opened (opening a FIFO blocks until a
//! writer comes). Files over [`ImportOptions::max_file_bytes`] are listed and not read. Paths
//! given explicitly are always read, even when hidden (a user may open `.` or `~/.news`).

use std::collections::{HashMap, VecDeque};
use std::fs::Metadata;
use std::path::{Path, PathBuf};

use super::{ImportOptions, Outcome};
use crate::jobs::{CancelToken, Cancelled};
use crate::model::ProblemKind;

/// How a file is read, decided from its name. A `Text` file whose content starts with RFC 822
/// headers is read as mail all the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain-text article: `.txt`, `.text`, `.md`, `.markdown`, or no real extension (none, all
    /// digits as in `2023.01.31`, or a hash of 8 or more hex digits as in `00123.7848dde1…`).
    Text,
    /// E-mail: `.eml` (one message) and `.mbox` (a mailbox of messages).
    Mail,
    Json,
    /// `.jsonl` and `.ndjson`.
    JsonLines,
    /// `.csv`; the delimiter is sniffed from the header.
    Csv,
    /// `.tsv` and `.tab`.
    Tsv,
    Zip,
    /// A web page: `.html`, `.htm`, `.xhtml` (its main text, title and date; see `html`).
    Html,
    /// Anything else (PDF, images, office documents…): listed, not read.
    Unsupported,
}

/// The format of a file called `name` (the last path component).
pub fn format_of(name: &str) -> Format {
    let Some(ext) = Path::new(name).extension().and_then(|e| e.to_str()) else {
        return Format::Text;
    };
    // `2023.01.31` and `00123.7848dde101aa985090474a91ec93fcf0` have no real extension.
    let hash = ext.len() >= 8 && ext.bytes().all(|b| b.is_ascii_hexdigit());
    if hash || ext.bytes().all(|b| b.is_ascii_digit()) {
        return Format::Text;
    }
    match ext.to_ascii_lowercase().as_str() {
        "txt" | "text" | "md" | "markdown" => Format::Text,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "csv" => Format::Csv,
        "tsv" | "tab" => Format::Tsv,
        "zip" => Format::Zip,
        "eml" | "mbox" => Format::Mail,
        "html" | "htm" | "xhtml" => Format::Html,
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
    format!(
        "Files of type .{ext} are not read (text, Markdown, e-mail, HTML, JSON, JSONL, CSV, TSV \
         and zip are); the file was skipped."
    )
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
/// paths, special files, files over the size cap, link loops and unsupported files become
/// problems in `out` (and files among them count as seen).
pub fn walk(
    paths: &[PathBuf],
    opts: &ImportOptions,
    out: &mut Outcome,
    cancel: &CancelToken,
) -> Result<Vec<Source>, Cancelled> {
    let mut walker = Walker {
        sources: Vec::new(),
        out,
        cancel,
        max_file_bytes: opts.max_file_bytes,
        walked: HashMap::new(),
        links: VecDeque::new(),
    };
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walker.dir(path)?,
            Ok(meta) => walker.file(path, &meta),
            Err(e) => walker.out.problem(
                ProblemKind::Unreadable,
                display_path(path),
                format!("The path could not be opened: {e}."),
            ),
        }
    }
    // Links last: a folder reached both by a link and directly is walked under its real path.
    while let Some(link) = walker.links.pop_front() {
        walker.dir(&link)?;
    }
    let mut sources = walker.sources;
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    sources.dedup_by(|a, b| a.path == b.path);
    Ok(sources)
}

/// The state of one walk.
struct Walker<'a> {
    sources: Vec<Source>,
    out: &'a mut Outcome,
    cancel: &'a CancelToken,
    max_file_bytes: u64,
    /// The canonical path of every folder walked, with the path it was walked as.
    walked: HashMap<PathBuf, String>,
    /// Links to folders met so far, walked after the real folders.
    links: VecDeque<PathBuf>,
}

impl Walker<'_> {
    fn dir(&mut self, dir: &Path) -> Result<(), Cancelled> {
        self.cancel.check()?;
        let display = display_path(dir);
        let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
        if let Some(first) = self.walked.get(&canonical) {
            // The same folder given twice (or inside another given folder): its files are
            // listed once anyway, nothing to report.
            if *first != display {
                let message = repeat_message(dir, &canonical, first);
                self.out.problem(ProblemKind::Unreadable, display, message);
            }
            return Ok(());
        }
        self.walked.insert(canonical, display.clone());
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                let message = format!("The folder could not be read: {e}.");
                self.out.problem(ProblemKind::Unreadable, display, message);
                return Ok(());
            }
        };
        let mut children: Vec<(PathBuf, std::io::Result<std::fs::FileType>)> = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => {
                    if entry.file_name().as_encoded_bytes().starts_with(b".") {
                        continue;
                    }
                    children.push((entry.path(), entry.file_type()));
                }
                Err(e) => {
                    let message = format!("An entry of the folder could not be read: {e}.");
                    self.out
                        .problem(ProblemKind::Unreadable, display.clone(), message);
                }
            }
        }
        children.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, file_type) in children {
            match file_type {
                Ok(t) if t.is_dir() => self.dir(&path)?,
                Ok(t) => self.child(&path, t.is_symlink()),
                Err(e) => {
                    let message = format!("The entry could not be read: {e}.");
                    self.out
                        .problem(ProblemKind::Unreadable, display_path(&path), message);
                }
            }
        }
        Ok(())
    }

    /// A folder entry that is not a folder itself: a file, a special file or a link.
    fn child(&mut self, path: &Path, is_link: bool) {
        // `metadata` follows links and never opens the file (a FIFO would block).
        match std::fs::metadata(path) {
            Ok(meta) if is_link && meta.is_dir() => self.links.push_back(path.to_owned()),
            Ok(meta) => self.file(path, &meta),
            Err(e) => {
                let message = if is_link {
                    format!("The symbolic link could not be followed: {e}.")
                } else {
                    format!("The file could not be opened: {e}.")
                };
                self.out
                    .problem(ProblemKind::Unreadable, display_path(path), message);
            }
        }
    }

    /// A path that is not a folder: listed as a source, or as a problem.
    fn file(&mut self, path: &Path, meta: &Metadata) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let display = display_path(path);
        let format = format_of(&name);
        let refusal = if !meta.is_file() {
            Some((ProblemKind::Unsupported, special_file_message(meta)))
        } else if format == Format::Unsupported {
            Some((ProblemKind::Unsupported, unsupported_message(&name)))
        } else if format != Format::Zip && meta.len() > self.max_file_bytes {
            // Archives are read entry by entry under their own caps, never whole.
            Some((
                ProblemKind::TooLarge,
                too_large_message(meta.len(), self.max_file_bytes),
            ))
        } else {
            None
        };
        if let Some((kind, message)) = refusal {
            self.out.files_seen += 1;
            self.out.problem(kind, display, message);
            return;
        }
        self.sources.push(Source {
            path: path.to_owned(),
            display,
            size_bytes: meta.len(),
            format,
        });
    }
}

/// The report sentence for a folder reached a second time, under another path, by a link.
fn repeat_message(dir: &Path, canonical: &Path, first: &str) -> String {
    let parent = dir.parent().and_then(|p| std::fs::canonicalize(p).ok());
    if parent.is_some_and(|p| p.starts_with(canonical)) {
        format!(
            "The folder links back to {first}, a folder that contains it (a loop); it was not \
             walked again."
        )
    } else {
        format!("The folder is the same as {first}, which was already read; it was not read twice.")
    }
}

/// The report sentence for a path that is not a regular file.
fn special_file_message(meta: &Metadata) -> String {
    format!(
        "The path is {}, not a regular file; it was not opened.",
        special_file_kind(meta)
    )
}

#[cfg(unix)]
fn special_file_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_meta: &Metadata) -> &'static str {
    "a special file"
}

/// The report sentence for a file over [`ImportOptions::max_file_bytes`].
pub(crate) fn too_large_message(size: u64, cap: u64) -> String {
    format!(
        "The file is {size} bytes, over the cap of {cap} bytes per file (max_file_bytes); it \
         was not read."
    )
}

/// A path as shown in sources and problems: like [`Path::display`], but lossless on Unix (see
/// `escape_bytes`).
pub(crate) fn display_path(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        escape_bytes(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// `bytes` as text: valid UTF-8 as is except that a backslash is doubled, other bytes as
/// `\xNN`. The form reads back unambiguously, so two names never show the same (names with a
/// backslash are rare on Unix; every other name shows unchanged).
pub(crate) fn escape_bytes(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes)
        && !s.contains('\\')
    {
        return s.to_owned();
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
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
            ("00123.7848dde101aa985090474a91ec93fcf0", Format::Text),
            ("x.deadbeef", Format::Text),
            ("x.mp3", Format::Unsupported),
            ("x.cafe", Format::Unsupported),
            ("x.eml", Format::Mail),
            ("Inbox.MBOX", Format::Mail),
            ("x.json", Format::Json),
            ("x.ndjson", Format::JsonLines),
            ("x.jsonl", Format::JsonLines),
            ("x.csv", Format::Csv),
            ("x.tsv", Format::Tsv),
            ("x.Zip", Format::Zip),
            ("x.html", Format::Html),
            ("a.HTM", Format::Html),
            ("x.xhtml", Format::Html),
            ("x.png", Format::Unsupported),
            ("x.docx", Format::Unsupported),
        ];
        for (name, format) in cases {
            assert_eq!(format_of(name), format, "{name}");
        }
        assert!(unsupported_message("a.png").contains(".png"));
    }
}
