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
    let mut entries: Vec<(usize, String)> = (0..archive.len())
        .filter_map(|i| {
            let name = archive.name_for_index(i)?.ok()?.into_owned();
            Some((i, name))
        })
        .filter(|(_, name)| !name.ends_with('/') && !is_hidden(name))
        .collect();
    entries.sort_by(|a, b| a.1.cmp(&b.1));
    for (index, name) in entries {
        cancel.check()?;
        out.files_seen += 1;
        let source = format!("{display}!{name}");
        let file_name = name.rsplit('/').next().unwrap_or(&name);
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

/// Whether any component of an entry name is hidden (starts with `.`), like `__MACOSX/._a.txt`.
fn is_hidden(name: &str) -> bool {
    name.split('/').any(|part| part.starts_with('.'))
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
    }
}
