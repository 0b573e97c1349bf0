//! Writing one file so that nobody ever sees half of it, and nothing that is not ours is
//! replaced: the data goes to a temporary file beside the target (`.NAME.PID.tmp`), which is
//! synced and renamed over it. A target that is a symlink is followed deliberately (the file it
//! points to is replaced, the link stays); a target that exists and is not a regular file
//! (`/dev/null`, a FIFO, a folder) is refused.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::ExportError;

/// A CSV writer over a buffered temporary file.
pub type CsvOut = csv::Writer<BufWriter<File>>;

/// The file to write for `path`: the symlink's target when it is one, refused when it exists and
/// is not a regular file.
fn target_of(path: &Path) -> Result<PathBuf, ExportError> {
    let mut target = path.to_owned();
    // Follow a chain of links by hand (bounded), so a dangling link still names where to write.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&target).map_err(|source| ExportError::Io {
                    path: target.clone(),
                    source,
                })?;
                target = match target.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            Ok(m) if !m.is_file() => return Err(ExportError::NotRegular { path: target }),
            _ => return Ok(target),
        }
    }
    Err(ExportError::NotRegular { path: target })
}

/// The temporary file beside `target`.
fn temp_beside(target: &Path) -> PathBuf {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("export");
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Write through a temporary file and rename it over the target; on any error the temporary file
/// is removed and the target left as it was.
fn write_via_temp(
    path: &Path,
    write: impl FnOnce(&Path) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let target = target_of(path)?;
    let tmp = temp_beside(&target);
    let result = write(&tmp).and_then(|()| {
        std::fs::rename(&tmp, &target).map_err(|source| ExportError::Io {
            path: target.clone(),
            source,
        })
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Write one file atomically through a buffered writer: `fill` writes it and hands the writer
/// back (the file is synced before it is renamed into place).
pub fn write_file_atomic(
    path: &Path,
    fill: impl FnOnce(BufWriter<File>) -> Result<BufWriter<File>, ExportError>,
) -> Result<(), ExportError> {
    write_via_temp(path, |tmp| {
        let io_err = |source| ExportError::Io {
            path: path.to_owned(),
            source,
        };
        let file = File::create(tmp).map_err(io_err)?;
        let written = fill(BufWriter::with_capacity(1 << 20, file))?;
        let file = written.into_inner().map_err(|e| io_err(e.into_error()))?;
        file.sync_all().map_err(io_err)
    })
}

/// Write one CSV file atomically: `fill` writes the rows (the header included).
pub fn write_csv_atomic(
    path: &Path,
    fill: impl FnOnce(&mut CsvOut) -> csv::Result<()>,
) -> Result<(), ExportError> {
    write_file_atomic(path, |buf| {
        let mut w = csv::Writer::from_writer(buf);
        fill(&mut w).map_err(|source| ExportError::Csv {
            path: path.to_owned(),
            source,
        })?;
        w.into_inner().map_err(|e| ExportError::Io {
            path: path.to_owned(),
            source: e.into_error(),
        })
    })
}

/// Write any small text file atomically (e.g. `export_params.json`).
pub fn write_text_atomic(path: &Path, text: &str) -> Result<(), ExportError> {
    write_bytes_atomic(path, text.as_bytes())
}

/// Write any small file atomically (an image).
pub fn write_bytes_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_via_temp(path, |tmp| {
        File::create(tmp)
            .and_then(|mut f| {
                f.write_all(bytes)?;
                f.sync_all()
            })
            .map_err(|source| ExportError::Io {
                path: path.to_owned(),
                source,
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn special_files_are_never_replaced() {
        let e = write_text_atomic(Path::new("/dev/null"), "x").expect_err("refused");
        assert!(matches!(e, ExportError::NotRegular { .. }), "{e}");
        use std::os::unix::fs::FileTypeExt;
        let meta = std::fs::metadata("/dev/null").expect("exists");
        assert!(meta.file_type().is_char_device(), "still the device");
        let dir = tempfile::tempdir().expect("tempdir");
        let e = write_text_atomic(dir.path(), "x").expect_err("a folder is refused");
        assert!(matches!(e, ExportError::NotRegular { .. }), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_followed_and_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        std::fs::write(&real, "old").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_text_atomic(&link, "new").expect("writes");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).expect("read"), "new");
        // A dangling link names where to write.
        let gone = dir.path().join("gone.csv");
        let dangling = dir.path().join("dangling.csv");
        std::os::unix::fs::symlink("gone.csv", &dangling).expect("symlink");
        write_text_atomic(&dangling, "made").expect("writes");
        assert_eq!(std::fs::read_to_string(&gone).expect("read"), "made");
    }
}
