//! The corpus store: an imported and analysed corpus written to disk, so that opening the same
//! unchanged collection again (app or command line) reads it back instead of importing and
//! analysing it again.
//!
//! One file per collection (named by a hash of its paths) holds a header — the sources' paths,
//! sizes and modification times, the import options and analysis settings that produced it —
//! and the payload: the corpus (article texts, metadata, import report) and its whole analysis
//! (vocabulary, per-article index, postings, entities and mentions, statistics, timelines), in
//! `postcard`'s compact binary form. Both parts carry a CRC-32 and the file a format version, so
//! a truncated, corrupted or older store is detected, reported and rebuilt, never trusted.
//!
//! A store is used only when every source file is unchanged (same paths, sizes and modification
//! times, none added or removed) and the import options and settings are the same; otherwise the
//! collection is imported and analysed again, whole (corpus-wide evidence — entity typing,
//! boilerplate lines, near-duplicates — makes a partial update inexact), and the store replaced.
//! Writes are atomic (a temporary file renamed into place). The default folder keeps the
//! [`KEEP_STORES`] most recently written stores.

use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, AnalysisSettings, Analyzed};
use crate::model::Corpus;

/// The first bytes of a store file.
const MAGIC: &[u8; 16] = b"LEXISCOPE-STORE\n";

/// The store format this build writes and reads; any other is rebuilt. 2: the corpus and the
/// analysis are two parts (decoded in parallel), the large (id, count) arrays [`packed`].
pub const FORMAT_VERSION: u32 = 2;

/// How many stores the default folder keeps (the least recently written are deleted).
pub const KEEP_STORES: usize = 8;

/// A folder walk that meets more files than this gives up on the store (the collection is
/// analysed, not stored).
const MAX_SOURCES: usize = 2_000_000;

/// One source file as it was when the store was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub path: PathBuf,
    pub bytes: u64,
    /// Modification time, nanoseconds since 1970 (0 where the system does not say).
    pub modified_ns: u128,
}

/// What produced a store: compared with the collection as it is now before the store is used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// The version of Lexiscope that wrote it.
    pub tool_version: String,
    pub paths: Vec<PathBuf>,
    pub sources: Vec<Stamp>,
    /// The import options, as text (every field that changes what is imported).
    pub import: String,
    #[serde(with = "as_json")]
    pub settings: AnalysisSettings,
}

/// Serde in a binary store for types whose serde skips fields (as [`AnalysisSettings`] does):
/// the value travels as its JSON text.
pub mod as_json {
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::DeserializeOwned};

    pub fn serialize<T: Serialize, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(value).map_err(serde::ser::Error::custom)?;
        text.serialize(s)
    }

    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        d: D,
    ) -> Result<T, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}

/// Why a store was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Miss {
    /// None was written for this collection yet.
    Absent,
    /// Files changed, were added or removed since it was written.
    Changed {
        changed: usize,
        added: usize,
        removed: usize,
    },
    /// Other import options or analysis settings.
    Settings,
    /// Written by another format version or another version of Lexiscope.
    Version(String),
    /// Truncated, corrupted or unreadable: the reason.
    Broken(String),
}

impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Miss::Absent => write!(f, "no store yet"),
            Miss::Changed {
                changed,
                added,
                removed,
            } => write!(
                f,
                "the collection changed ({changed} files changed, {added} added, {removed} removed)"
            ),
            Miss::Settings => write!(f, "other import or analysis settings"),
            Miss::Version(v) => write!(f, "the store was written by {v}"),
            Miss::Broken(why) => write!(f, "the store is damaged ({why}) and is rebuilt"),
        }
    }
}

/// The store of the collection `paths` in `dir`.
pub fn store_path(dir: &Path, paths: &[PathBuf]) -> PathBuf {
    // FNV-1a over the paths: stable across runs and builds.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in paths {
        for b in p.to_string_lossy().bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    dir.join(format!("{h:016x}.lxstore"))
}

/// The default store folder: `LEXISCOPE_STORE_DIR`, else the user's cache folder
/// (`$XDG_CACHE_HOME/lexiscope/stores`, `~/.cache/lexiscope/stores`, `%LOCALAPPDATA%` on
/// Windows). `None` when `LEXISCOPE_STORE=off` or no cache folder is known.
pub fn default_dir() -> Option<PathBuf> {
    if std::env::var("LEXISCOPE_STORE").is_ok_and(|v| v.eq_ignore_ascii_case("off")) {
        return None;
    }
    if let Some(dir) = std::env::var_os("LEXISCOPE_STORE_DIR") {
        return Some(PathBuf::from(dir));
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .or_else(|| std::env::var_os("LOCALAPPDATA").map(PathBuf::from))?;
    Some(cache.join("lexiscope").join("stores"))
}

/// The source files of `paths` as they are now (folders walked recursively, hidden entries in
/// them skipped, sorted), or `None` when there are too many to stamp.
pub fn stamps(paths: &[PathBuf]) -> Option<Vec<Stamp>> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = paths.to_vec();
    while let Some(p) = stack.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            // Hidden entries inside folders are skipped, as the import skips them (a changed
            // `.DS_Store` must not make the collection look changed).
            if let Ok(entries) = std::fs::read_dir(&p) {
                let shown = entries
                    .flatten()
                    .filter(|e| !e.file_name().to_string_lossy().starts_with('.'));
                stack.extend(shown.map(|e| e.path()));
            }
            continue;
        }
        // A symbolic link is stamped by what it points to (folders behind links are not
        // walked, so a link cycle cannot loop).
        let meta = std::fs::metadata(&p).unwrap_or(meta);
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        out.push(Stamp {
            path: p,
            bytes: meta.len(),
            modified_ns,
        });
        if out.len() > MAX_SOURCES {
            return None;
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Some(out)
}

/// How the sources differ from the stamps of a store.
fn compare(old: &[Stamp], now: &[Stamp]) -> Option<Miss> {
    let find = |list: &[Stamp], p: &Path| {
        list.binary_search_by(|s| s.path.as_path().cmp(p))
            .ok()
            .map(|i| list[i].clone())
    };
    let removed = old.iter().filter(|s| find(now, &s.path).is_none()).count();
    let (mut added, mut changed) = (0, 0);
    for s in now {
        match find(old, &s.path) {
            None => added += 1,
            Some(o) if o != *s => changed += 1,
            Some(_) => {}
        }
    }
    (added + changed + removed > 0).then_some(Miss::Changed {
        changed,
        added,
        removed,
    })
}

/// Read the store of `paths` in `dir` if it was made by this version with these import options
/// and settings: the stamps of the sources it was made from, and the corpus and analysis (the
/// caller compares the stamps with the sources as they are now).
pub fn read_store(
    dir: &Path,
    paths: &[PathBuf],
    import: &str,
    settings: &AnalysisSettings,
) -> Result<(Vec<Stamp>, Analyzed), Miss> {
    let path = store_path(dir, paths);
    let mut file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Miss::Absent),
        Err(e) => return Err(Miss::Broken(e.to_string())),
    };
    let header: Header = read_header(&mut file)?;
    if header.tool_version != env!("CARGO_PKG_VERSION") {
        return Err(Miss::Version(format!("Lexiscope {}", header.tool_version)));
    }
    if header.paths != paths || header.import != import || header.settings != *settings {
        return Err(Miss::Settings);
    }
    // The corpus and the analysis decode in parallel, each from its own handle.
    let mut fixed = [0u8; 8];
    let corpus_at = file
        .stream_position()
        .map_err(|e| Miss::Broken(e.to_string()))?;
    file.read_exact(&mut fixed)
        .map_err(|_| Miss::Broken("truncated".into()))?;
    let analysis_at = corpus_at
        .saturating_add(12)
        .saturating_add(u64::from_le_bytes(fixed));
    let part = |at: u64| {
        let mut f = std::fs::File::open(&path).map_err(|e| Miss::Broken(e.to_string()))?;
        f.seek(std::io::SeekFrom::Start(at))
            .map_err(|e| Miss::Broken(e.to_string()))?;
        Ok::<_, Miss>(f)
    };
    let (corpus, analysis) = std::thread::scope(|s| {
        let analysis = s.spawn(|| read_payload::<Analysis>(&mut part(analysis_at)?));
        let corpus = read_payload::<Corpus>(&mut part(corpus_at)?);
        let analysis = analysis
            .join()
            .unwrap_or_else(|_| Err(Miss::Broken("the reader stopped".into())));
        Ok::<_, Miss>((corpus?, analysis?))
    })?;
    let analyzed = Analyzed {
        corpus: Arc::new(corpus),
        analysis: Arc::new(analysis),
    };
    Ok((header.sources, analyzed))
}

/// The payload: its checksum verified over the file first, then deserialised straight from the
/// file (the whole payload is never held in memory beside what it decodes to). Strings are
/// decoded through a scratch buffer; should one not fit, the payload is read whole instead.
fn read_payload<T: serde::de::DeserializeOwned>(file: &mut std::fs::File) -> Result<T, Miss> {
    let broken = |e: std::io::Error| Miss::Broken(e.to_string());
    let mut fixed = [0u8; 12];
    file.read_exact(&mut fixed).map_err(broken)?;
    let len = u64::from_le_bytes(fixed[..8].try_into().unwrap_or_default());
    let crc = u32::from_le_bytes(fixed[8..].try_into().unwrap_or_default());
    let start = file.stream_position().map_err(broken)?;
    let size = file.metadata().map_err(broken)?.len();
    if start.saturating_add(len) > size {
        return Err(Miss::Broken("truncated".into()));
    }
    let mut hasher = crc32fast::Hasher::new();
    let mut chunk = vec![0u8; 4 << 20];
    let mut left = len;
    while left > 0 {
        let n = chunk.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        file.read_exact(&mut chunk[..n])
            .map_err(|_| Miss::Broken("truncated".into()))?;
        hasher.update(&chunk[..n]);
        left -= n as u64;
    }
    drop(chunk);
    if hasher.finalize() != crc {
        return Err(Miss::Broken("checksum mismatch".into()));
    }
    file.seek(std::io::SeekFrom::Start(start)).map_err(broken)?;
    let scratch_len = usize::try_from((64 << 20) + len / 32).unwrap_or(usize::MAX);
    let mut scratch = vec![0u8; scratch_len];
    let reader = std::io::BufReader::with_capacity(1 << 20, (&mut *file).take(len));
    if let Ok((value, _)) = postcard::from_io::<T, _>((reader, &mut scratch)) {
        return Ok(value);
    }
    drop(scratch);
    file.seek(std::io::SeekFrom::Start(start)).map_err(broken)?;
    let mut bytes = vec![0u8; usize::try_from(len).map_err(|_| Miss::Broken("too large".into()))?];
    file.read_exact(&mut bytes)
        .map_err(|_| Miss::Broken("truncated".into()))?;
    postcard::from_bytes(&bytes).map_err(|e| Miss::Broken(e.to_string()))
}

/// The header of a store: the magic and version, a length, a CRC-32 and the postcard bytes.
fn read_header<T: serde::de::DeserializeOwned>(file: &mut std::fs::File) -> Result<T, Miss> {
    let broken = |e: std::io::Error| Miss::Broken(e.to_string());
    let mut magic = [0u8; 16];
    file.read_exact(&mut magic).map_err(broken)?;
    if &magic != MAGIC {
        return Err(Miss::Broken("not a Lexiscope store".into()));
    }
    let mut v = [0u8; 4];
    file.read_exact(&mut v).map_err(broken)?;
    let version = u32::from_le_bytes(v);
    if version != FORMAT_VERSION {
        return Err(Miss::Version(format!("store format {version}")));
    }
    let mut len = [0u8; 8];
    file.read_exact(&mut len).map_err(broken)?;
    let mut crc = [0u8; 4];
    file.read_exact(&mut crc).map_err(broken)?;
    let len = u64::from_le_bytes(len);
    let size = file.metadata().map_err(broken)?.len();
    if len > size {
        return Err(Miss::Broken("truncated".into()));
    }
    let mut bytes = vec![0u8; usize::try_from(len).map_err(|_| Miss::Broken("too large".into()))?];
    file.read_exact(&mut bytes)
        .map_err(|_| Miss::Broken("truncated".into()))?;
    if crc32fast::hash(&bytes) != u32::from_le_bytes(crc) {
        return Err(Miss::Broken("checksum mismatch".into()));
    }
    postcard::from_bytes(&bytes).map_err(|e| Miss::Broken(e.to_string()))
}

/// Write the store of a collection into `dir` (created if missing), replacing the one before,
/// all at once. `sources` are the stamps taken before the import began, so a file changed while
/// it was read makes the next open analyse again. The payload is streamed into the file (its
/// length and checksum filled in after), never held whole in memory.
pub fn save(dir: &Path, header: &Header, analyzed: &Analyzed) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = store_path(dir, &header.paths);
    let other = |e: postcard::Error| std::io::Error::other(e.to_string());
    let head = postcard::to_stdvec(header).map_err(other)?;
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let result = (|| {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        f.write_all(MAGIC)?;
        f.write_all(&FORMAT_VERSION.to_le_bytes())?;
        f.write_all(&(head.len() as u64).to_le_bytes())?;
        f.write_all(&crc32fast::hash(&head).to_le_bytes())?;
        f.write_all(&head)?;
        let mut file = f.into_inner().map_err(|e| e.into_error())?;
        write_part(&mut file, &*analyzed.corpus)?;
        write_part(&mut file, &*analyzed.analysis)?;
        file.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map(|()| path)
}

/// Stream one part (its length and checksum, then its postcard bytes) at the end of `file`,
/// filling in the length and checksum once the bytes are written.
fn write_part<T: Serialize>(file: &mut std::fs::File, value: &T) -> std::io::Result<()> {
    let at = file.stream_position()?;
    file.write_all(&[0u8; 12])?;
    let summing = Summing {
        inner: &mut *file,
        crc: crc32fast::Hasher::new(),
        len: 0,
    };
    let buffered = postcard::to_io(value, std::io::BufWriter::with_capacity(1 << 20, summing))
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let summing = buffered.into_inner().map_err(|e| e.into_error())?;
    let (len, crc) = (summing.len, summing.crc.finalize());
    file.seek(std::io::SeekFrom::Start(at))?;
    file.write_all(&len.to_le_bytes())?;
    file.write_all(&crc.to_le_bytes())?;
    file.seek(std::io::SeekFrom::End(0))?;
    Ok(())
}

/// A writer that counts and checksums what passes through it.
struct Summing<W> {
    inner: W,
    crc: crc32fast::Hasher,
    len: u64,
}

impl<W: Write> Write for Summing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Delete all but the `keep` most recently written stores of `dir`, and the temporary files of
/// writes that never finished (a process stopped mid-write) once they are an hour old.
pub fn prune(dir: &Path, keep: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut stores: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for e in entries.flatten() {
        let (path, Ok(Ok(modified))) = (e.path(), e.metadata().map(|m| m.modified())) else {
            continue;
        };
        let ext = path.extension().map(|x| x.to_string_lossy().into_owned());
        match ext.as_deref() {
            Some("lxstore") => stores.push((modified, path)),
            Some(x) if x.starts_with("tmp") => {
                let age = modified.elapsed().unwrap_or_default();
                if age > std::time::Duration::from_secs(3600) {
                    let _ = std::fs::remove_file(path);
                }
            }
            _ => {}
        }
    }
    stores.sort_by_key(|s| std::cmp::Reverse(s.0));
    for (_, p) in stores.into_iter().skip(keep) {
        let _ = std::fs::remove_file(p);
    }
}

/// What a look in the store found.
pub enum Lookup {
    /// The stored corpus and analysis, unchanged.
    Hit(Analyzed),
    /// The collection changed since its store was written (`miss` says how); the stored
    /// corpus and analysis, to show while it is analysed again (asked for with `stale_ok`).
    Stale {
        analyzed: Analyzed,
        miss: Miss,
        stamps: Vec<Stamp>,
    },
    /// Analyse; `stamps` (when the sources could be stamped) go with the store written after.
    Miss {
        miss: Miss,
        stamps: Option<Vec<Stamp>>,
    },
}

/// Look for the store of `paths` in `dir` (`None`: stores are off). The sources are stamped
/// while the store is read; with `stale_ok`, the store of a collection that changed since is
/// returned too (see [`Lookup::Stale`]).
pub fn lookup(
    dir: Option<&Path>,
    paths: &[PathBuf],
    import: &crate::import::ImportOptions,
    settings: &AnalysisSettings,
    stale_ok: bool,
) -> Lookup {
    let Some(dir) = dir else {
        return Lookup::Miss {
            miss: Miss::Absent,
            stamps: None,
        };
    };
    // The sources are stamped while the store is read (stamping a large folder takes a while);
    // nothing is used before the two are compared.
    let (now, read) = std::thread::scope(|s| {
        let stamping = s.spawn(|| stamps(paths));
        let read = read_store(dir, paths, &import_key(import), settings);
        (stamping.join().ok().flatten(), read)
    });
    let Some(now) = now else {
        return Lookup::Miss {
            miss: Miss::Absent,
            stamps: None,
        };
    };
    match read {
        Err(miss) => Lookup::Miss {
            miss,
            stamps: Some(now),
        },
        Ok((sources, analyzed)) => match compare(&sources, &now) {
            None => Lookup::Hit(analyzed),
            Some(miss) if stale_ok => Lookup::Stale {
                analyzed,
                miss,
                stamps: now,
            },
            Some(miss) => Lookup::Miss {
                miss,
                stamps: Some(now),
            },
        },
    }
}

/// Write the store of a freshly analysed collection (and, in the default folder, forget the
/// oldest stores). Returns why it could not be written.
pub fn keep(
    dir: &Path,
    paths: &[PathBuf],
    import: &crate::import::ImportOptions,
    stamps: Vec<Stamp>,
    analyzed: &Analyzed,
) -> Result<PathBuf, String> {
    let header = Header {
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        paths: paths.to_vec(),
        sources: stamps,
        import: import_key(import),
        settings: analyzed.analysis.settings.clone(),
    };
    let written = save(dir, &header, analyzed).map_err(|e| e.to_string())?;
    if default_dir().as_deref() == Some(dir) {
        prune(dir, KEEP_STORES);
    }
    Ok(written)
}

/// The import options as the store compares them.
fn import_key(import: &crate::import::ImportOptions) -> String {
    format!("{import:?}")
}

pub mod packed;
#[cfg(test)]
mod tests;
