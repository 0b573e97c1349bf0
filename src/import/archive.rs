//! Zip archives: each entry is read like a file of the same name, under the source
//! `archive.zip!inner/path`. Folders inside the archive are walked like folders on disk (hidden
//! entries skipped, entries sorted by name).
//!
//! Memory is bounded whatever the archives claim: an entry whose declared size is over
//! [`ImportOptions::max_zip_entry_bytes`], or that would take the import past
//! [`ImportOptions::max_zip_total_bytes`] (one budget shared by every archive and thread: the
//! declared size is reserved before inflating), is refused unread, and every read is capped with
//! [`Read::take`] so an entry whose header lies about its size is cut off and refused too.
//! Archives inside archives are not opened.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use super::walk::{self, Format};
use super::{Budget, ImportOptions, Outcome, file};
use crate::jobs::{CancelToken, Cancelled};
use crate::model::ProblemKind;

/// Read every entry of the zip archive at `path`, shown as `display`, into `out`.
pub(crate) fn read_zip(
    path: &Path,
    display: &str,
    opts: &ImportOptions,
    budget: &Budget,
    cancel: &CancelToken,
    out: &mut Outcome,
) -> Result<(), Cancelled> {
    let opened = File::open(path)
        .map_err(|e| {
            (
                ProblemKind::Unreadable,
                format!("The archive could not be opened: {e}."),
            )
        })
        .and_then(|f| {
            zip::ZipArchive::new(BufReader::new(f)).map_err(|e| {
                let message = format!("The zip archive could not be read: {e}.");
                (ProblemKind::Archive, message)
            })
        });
    let mut archive = match opened {
        Ok(a) => a,
        Err((kind, message)) => {
            out.files_seen += 1;
            out.problem(kind, display, message);
            return Ok(());
        }
    };
    if archive.has_duplicate_names() {
        list_repeated_names(path, archive.central_directory_start(), display, out);
    }
    for (index, name, safe) in entry_names(&archive, display, out) {
        cancel.check()?;
        out.files_seen += 1;
        let source = format!("{display}!{name}");
        // The format comes from the name without a `#2` suffix.
        let file_name = safe.rsplit('/').next().unwrap_or(&safe);
        let format = walk::format_of(file_name);
        match format {
            Format::Unsupported => {
                let message = walk::unsupported_message(file_name);
                out.problem(ProblemKind::Unsupported, source, message);
                continue;
            }
            Format::Zip => {
                let message = "Archives inside archives are not opened; unpack it first.";
                out.problem(ProblemKind::Archive, source, message);
                continue;
            }
            _ => {}
        }
        match read_entry(&mut archive, index, opts.max_zip_entry_bytes, budget) {
            Ok(bytes) => {
                out.bytes_read += bytes.len() as u64;
                file::parse_bytes(bytes, format, &source, file_name, opts, out);
            }
            Err(message) => out.problem(ProblemKind::Archive, source, message),
        }
    }
    Ok(())
}

/// Read one entry within the caps; `Err` holds the report sentence. The entry's bytes stay
/// taken from `budget` (they are kept as article text).
fn read_entry<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    index: usize,
    entry_cap: u64,
    budget: &Budget,
) -> Result<Vec<u8>, String> {
    let entry = archive
        .by_index(index)
        .map_err(|e| format!("The entry could not be read: {e}."))?;
    let declared = entry.size();
    if declared > entry_cap {
        return Err(format!(
            "The entry is {declared} bytes uncompressed, over the cap of {entry_cap} bytes; it was \
             not read."
        ));
    }
    let over_total = |bytes: u64| {
        format!(
            "Reading this entry ({bytes} bytes) would take the import past its overall cap of {} \
             decompressed bytes from archives (max_zip_total_bytes); it was not read.",
            budget.cap
        )
    };
    if !budget.reserve(declared) {
        return Err(over_total(declared));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(declared.min(1 << 20)).unwrap_or(0));
    let read = entry
        .take(entry_cap.saturating_add(1))
        .read_to_end(&mut bytes);
    let actual = bytes.len() as u64;
    if let Err(e) = read {
        budget.release(declared);
        return Err(format!("The entry is corrupt: {e}."));
    }
    if actual > entry_cap {
        budget.release(declared);
        return Err(format!(
            "The entry holds more than the {declared} bytes its header declares and more than \
             the cap of {entry_cap} bytes; it was refused."
        ));
    }
    if actual > declared && !budget.reserve(actual - declared) {
        budget.release(declared);
        return Err(over_total(actual));
    }
    if actual < declared {
        budget.release(declared - actual);
    }
    Ok(bytes)
}

/// The entries to read, as `(index, shown name, safe name)` sorted by shown name: folders and
/// hidden entries left out, unsafe names made safe and repeated names made distinct (`a.txt#2`),
/// each change listed.
fn entry_names<R: Read + std::io::Seek>(
    archive: &zip::ZipArchive<R>,
    display: &str,
    out: &mut Outcome,
) -> Vec<(usize, String, String)> {
    let mut entries: Vec<(usize, String)> = Vec::new();
    for index in 0..archive.len() {
        match archive.name_for_index(index) {
            Some(Ok(name)) if !name.ends_with('/') && !is_hidden(&name) => {
                entries.push((index, name.into_owned()));
            }
            Some(Ok(_)) | None => {}
            Some(Err(e)) => {
                out.files_seen += 1;
                let message = format!("Entry {} has a name that cannot be read: {e}.", index + 1);
                out.problem(ProblemKind::Archive, display, message);
            }
        }
    }
    entries.sort_by(|a, b| a.1.cmp(&b.1));
    let mut taken: std::collections::HashSet<String> =
        entries.iter().map(|(_, n)| n.clone()).collect();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut named = Vec::with_capacity(entries.len());
    for (index, name) in entries {
        let safe = safe_name(&name);
        if safe != name {
            let message = format!(
                "The entry is named `{name}`, with parts that point outside the archive or \
                 nowhere (`..`, `.`, a leading `/`); it was read as `{safe}`."
            );
            out.problem(ProblemKind::Archive, format!("{display}!{safe}"), message);
        }
        let mut unique = safe.clone();
        let mut n = 1;
        // A suffixed name must not be the name of another entry either.
        while seen.contains(&unique) || (unique != safe && taken.contains(&unique)) {
            n += 1;
            unique = format!("{safe}#{n}");
        }
        seen.insert(unique.clone());
        if unique != safe {
            let message = format!(
                "Another entry of the archive is also named `{safe}`; this one was read as \
                 `{unique}`."
            );
            out.problem(ProblemKind::Archive, format!("{display}!{unique}"), message);
        }
        taken.insert(unique.clone());
        named.push((index, unique, safe));
    }
    named.sort_by(|a, b| a.1.cmp(&b.1));
    named
}

/// An entry name without empty, `.` and `..` parts (no leading `/`, nothing pointing outside the
/// archive); `_` if nothing is left.
fn safe_name(name: &str) -> String {
    let parts: Vec<&str> = name
        .split(['/', '\\'])
        .filter(|part| !matches!(*part, "" | "." | ".."))
        .collect();
    if parts.is_empty() {
        "_".to_owned()
    } else if parts.len() == name.split(['/', '\\']).count() {
        // Nothing removed: keep the name exactly (backslashes included).
        name.to_owned()
    } else {
        parts.join("/")
    }
}

/// List the names that appear on more than one entry of the central directory. The zip reader
/// keeps one entry per name (the last), so the others cannot be read; they are named here. The
/// directory is read again from the file, at most 64 MiB of it.
fn list_repeated_names(path: &Path, dir_start: u64, display: &str, out: &mut Outcome) {
    let mut counts: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    let mut directory = Vec::new();
    let read = File::open(path).and_then(|mut f| {
        std::io::Seek::seek(&mut f, std::io::SeekFrom::Start(dir_start))?;
        f.take(64 << 20).read_to_end(&mut directory)
    });
    let mut rest = directory.as_slice();
    // A central directory record: signature, 42 bytes of fields, then name, extra and comment.
    while read.is_ok() && rest.len() >= 46 && rest.starts_with(b"PK\x01\x02") {
        let u16_at = |i: usize| u64::from(u16::from_le_bytes([rest[i], rest[i + 1]]));
        let name_len = u16_at(28) as usize;
        let record_len = 46 + name_len + u16_at(30) as usize + u16_at(32) as usize;
        let Some(name) = rest.get(46..46 + name_len) else {
            break;
        };
        *counts
            .entry(String::from_utf8_lossy(name).into_owned())
            .or_default() += 1;
        rest = rest.get(record_len..).unwrap_or_default();
    }
    let repeated: Vec<(String, u64)> = counts.into_iter().filter(|(_, n)| *n > 1).collect();
    if repeated.is_empty() {
        let message = "Some entries of the archive share a name; the zip reader keeps only the \
                       last of each, so the others were not read.";
        out.problem(ProblemKind::Archive, display, message);
    }
    for (name, count) in repeated {
        out.files_seen += count - 1;
        let message = format!(
            "The archive holds {count} entries with this name; the zip reader keeps only the \
             last, so {} of them were not read.",
            count - 1
        );
        out.problem(ProblemKind::Archive, format!("{display}!{name}"), message);
    }
}

/// Whether any component of an entry name is hidden (starts with `.`), like `__MACOSX/._a.txt`.
/// `.` and `..` are not hidden names but path steps, made safe by `safe_name`.
fn is_hidden(name: &str) -> bool {
    name.split(['/', '\\'])
        .any(|part| part.starts_with('.') && part != "." && part != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_entries_are_recognised_at_any_depth() {
        assert!(is_hidden(".DS_Store"));
        assert!(is_hidden("__MACOSX/._a.txt"));
        assert!(is_hidden("news/.git/config"));
        assert!(!is_hidden("news/a.txt"));
        assert!(!is_hidden("../a.txt"));
        assert!(!is_hidden("./news/a.txt"));
    }

    #[test]
    fn unsafe_names_lose_their_empty_dot_and_dot_dot_parts() {
        assert_eq!(safe_name("news/a.txt"), "news/a.txt");
        assert_eq!(safe_name("../../etc/a.txt"), "etc/a.txt");
        assert_eq!(safe_name("/abs/./a.txt"), "abs/a.txt");
        assert_eq!(safe_name("a\\..\\b.txt"), "a/b.txt");
        assert_eq!(safe_name(".."), "_");
    }
}
