//! Zip archives: each entry is read like a file of the same name, under the source
//! `archive.zip!inner/path`. Folders inside the archive are walked like folders on disk (hidden
//! entries skipped, entries sorted by name).
//!
//! Memory is bounded whatever the archive claims: an entry whose declared size is over
//! [`ImportOptions::max_zip_entry_bytes`], or that would take the archive past
//! [`ImportOptions::max_zip_total_bytes`], is refused unread, and every read is capped with
//! [`Read::take`] so an entry whose header lies about its size is cut off and refused too.
//! Archives inside archives are not opened.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use super::walk::{self, Format};
use super::{ImportOptions, Outcome, file};
use crate::jobs::{CancelToken, Cancelled};
use crate::model::ProblemKind;

/// Read every entry of the zip archive at `path`, shown as `display`, into `out`.
pub(crate) fn read_zip(
    path: &Path,
    display: &str,
    opts: &ImportOptions,
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
    let mut total_bytes: u64 = 0;
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
        match read_entry(&mut archive, index, total_bytes, opts) {
            Ok(bytes) => {
                total_bytes += bytes.len() as u64;
                out.bytes_read += bytes.len() as u64;
                file::parse_bytes(bytes, format, &source, file_name, opts, out);
            }
            Err(message) => out.problem(ProblemKind::Archive, source, message),
        }
    }
    Ok(())
}

/// Read one entry within the caps; `Err` holds the report sentence.
fn read_entry<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    index: usize,
    total_bytes: u64,
    opts: &ImportOptions,
) -> Result<Vec<u8>, String> {
    let entry = archive
        .by_index(index)
        .map_err(|e| format!("The entry could not be read: {e}."))?;
    let declared = entry.size();
    let entry_cap = opts.max_zip_entry_bytes;
    let total_left = opts.max_zip_total_bytes.saturating_sub(total_bytes);
    if declared > entry_cap {
        return Err(format!(
            "The entry is {declared} bytes uncompressed, over the cap of {entry_cap} bytes; it was \
             not read."
        ));
    }
    if declared > total_left {
        return Err(format!(
            "Reading this entry ({declared} bytes) would take the archive past its cap of {} \
             decompressed bytes; it was not read.",
            opts.max_zip_total_bytes
        ));
    }
    let cap = entry_cap.min(total_left);
    let mut bytes = Vec::with_capacity(usize::try_from(declared.min(1 << 20)).unwrap_or(0));
    entry
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("The entry is corrupt: {e}."))?;
    if bytes.len() as u64 > cap {
        return Err(format!(
            "The entry holds more than the {declared} bytes its header declares and more than \
             the cap of {cap} bytes; it was refused."
        ));
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
