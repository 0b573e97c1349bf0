//! A folder export as one set. A run takes the folder's lock (`.lexiscope.lock`, created
//! exclusively; a lock left by a process that is gone is taken over), removes temporary files of
//! dead runs and the old `manifest.json`, writes every CSV and `export_params.json` (each
//! atomically), and writes `manifest.json` last: the files of the set with their sizes and CRC-32.
//! A folder whose `manifest.json` is missing or does not match its files holds an incomplete or
//! mixed set (a full disk, a kill); two runs never write into one folder at once.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{ExportError, ExportOptions, Params, write_all, write_text_atomic};
use crate::analysis::Analysis;
use crate::model::Corpus;

/// The name of the file written last, listing the complete set.
pub const MANIFEST: &str = "manifest.json";
const LOCK: &str = ".lexiscope.lock";

/// One file of the set.
#[derive(Serialize)]
struct Entry {
    file: String,
    bytes: u64,
    crc32: String,
}

/// The lock of a folder, released when dropped.
struct FolderLock(PathBuf);

impl Drop for FolderLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Whether process `pid` still runs (Linux `/proc`; elsewhere every process is taken to run,
/// so a lock is never taken from a live run).
fn alive(pid: &str) -> bool {
    if !Path::new("/proc/self").exists() {
        return true;
    }
    pid.parse::<u32>()
        .is_ok_and(|p| Path::new(&format!("/proc/{p}")).exists())
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Take the folder's lock, taking over one left by a process that is gone.
fn lock(dir: &Path) -> Result<FolderLock, ExportError> {
    let path = dir.join(LOCK);
    for _ in 0..2 {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                use std::io::Write;
                write!(f, "{}", std::process::id()).map_err(io(&path))?;
                return Ok(FolderLock(path));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let pid = std::fs::read_to_string(&path).unwrap_or_default();
                if alive(pid.trim()) {
                    return Err(ExportError::Busy {
                        path: dir.to_owned(),
                        pid: pid.trim().to_owned(),
                    });
                }
                std::fs::remove_file(&path).map_err(io(&path))?;
            }
            Err(e) => return Err(io(&path)(e)),
        }
    }
    Err(ExportError::Busy {
        path: dir.to_owned(),
        pid: "?".into(),
    })
}

/// Remove `.NAME.PID.tmp` files whose process is gone (a run killed mid-write).
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let pid = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".tmp"))
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, pid)| pid.to_owned());
        if let Some(pid) = pid
            && pid.chars().all(|c| c.is_ascii_digit())
            && !alive(&pid)
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The manifest entry of a written file.
fn entry(path: &Path) -> Result<Entry, ExportError> {
    let data = std::fs::read(path).map_err(io(path))?;
    Ok(Entry {
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bytes: data.len() as u64,
        crc32: format!("{:08x}", crc32fast::hash(&data)),
    })
}

/// Write the full export of `a` into `dir` as one set (see the module docs): every CSV,
/// `export_params.json`, then `manifest.json`. Returns the files written, the manifest last.
pub fn write_folder(
    dir: &Path,
    corpus: &Corpus,
    a: &Analysis,
    opts: &ExportOptions,
    params: &Params,
) -> Result<Vec<PathBuf>, ExportError> {
    write_set(dir, params, |dir| write_all(dir, corpus, a, opts))
}

/// Write a set of files into `dir` (see the module docs): the lock, then the files `write`
/// writes (each atomically), `export_params.json`, and `manifest.json` last. Returns the files
/// written, the manifest last.
pub fn write_set(
    dir: &Path,
    params: &Params,
    write: impl FnOnce(&Path) -> Result<Vec<PathBuf>, ExportError>,
) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let _lock = lock(dir)?;
    remove_stale_temp_files(dir);
    let manifest = dir.join(MANIFEST);
    match std::fs::remove_file(&manifest) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&manifest)(e)),
        _ => {}
    }
    let mut files = write(dir)?;
    let params_path = dir.join("export_params.json");
    params.write(&params_path)?;
    files.push(params_path);
    let entries = files
        .iter()
        .map(|f| entry(f))
        .collect::<Result<Vec<Entry>, ExportError>>()?;
    let json = serde_json::json!({
        "lexiscope_version": env!("CARGO_PKG_VERSION"),
        "complete": true,
        "files": entries,
    });
    write_text_atomic(
        &manifest,
        &serde_json::to_string_pretty(&json).unwrap_or_default(),
    )?;
    files.push(manifest);
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::filter::Filter;

    fn export(dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
        let corpus = Corpus {
            articles: vec![crate::model::Article {
                source: "a.txt".into(),
                text: "The harbour froze in the cold winter.".into(),
                ..crate::model::Article::default()
            }],
            ..Corpus::default()
        };
        let a = crate::analysis::analyze(
            &corpus,
            &crate::analysis::AnalysisSettings::default(),
            &crate::jobs::Progress::default(),
            &crate::jobs::CancelToken::new(),
        )
        .expect("analysis runs");
        let opts = ExportOptions {
            top_n: 5,
            ..ExportOptions::default()
        };
        write_folder(
            dir,
            &corpus,
            &a,
            &opts,
            &Params::new(&corpus, &a, &Filter::default()),
        )
    }

    #[test]
    fn the_manifest_comes_last_and_lists_every_file_with_its_checksum() {
        let dir = tempfile::tempdir().expect("tempdir");
        // Temp files of a dead run (pid 0 never runs a user process) are cleaned up; a live
        // run's (ours) are left alone.
        let stale = dir.path().join(".terms.csv.0.tmp");
        let live = dir
            .path()
            .join(format!(".x.csv.{}.tmp", std::process::id()));
        std::fs::write(&stale, "half").expect("write");
        std::fs::write(&live, "ours").expect("write");
        let files = export(dir.path()).expect("exports");
        assert_eq!(files.last().map(|f| f.ends_with(MANIFEST)), Some(true));
        assert!(!stale.exists() && live.exists());
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join(MANIFEST)).expect("m"))
                .expect("json");
        let listed = manifest["files"].as_array().expect("files");
        assert_eq!(listed.len(), files.len() - 1);
        let terms = listed
            .iter()
            .find(|e| e["file"] == "terms.csv")
            .expect("terms listed");
        let data = std::fs::read(dir.path().join("terms.csv")).expect("terms");
        assert_eq!(terms["bytes"], data.len() as u64);
        assert_eq!(terms["crc32"], format!("{:08x}", crc32fast::hash(&data)));
        assert!(!dir.path().join(LOCK).exists(), "the lock is released");
    }

    #[test]
    fn a_live_lock_refuses_a_second_run_and_a_dead_one_is_taken_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(LOCK), std::process::id().to_string()).expect("lock");
        assert!(matches!(export(dir.path()), Err(ExportError::Busy { .. })));
        std::fs::write(dir.path().join(LOCK), "0").expect("dead lock");
        export(dir.path()).expect("a dead run's lock is taken over");
    }
}
