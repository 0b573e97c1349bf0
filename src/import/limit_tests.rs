//! Tests of the import's bounds and of nothing being dropped silently, on inputs built at run
//! time in a temporary folder: sparse files, FIFOs, zip bombs, link loops, odd names.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{ImportOptions, import_paths};
use crate::jobs::{CancelToken, Progress};
use crate::model::{Corpus, ProblemKind};

/// Import, without the grouped count of undated articles (these inputs are undated on purpose;
/// the count is tested in `tests/integration/import.rs`). It must be the last problem.
fn import_with(paths: &[PathBuf], opts: &ImportOptions) -> Corpus {
    let mut corpus = import_paths(paths, opts, &Progress::default(), &CancelToken::new())
        .expect("not cancelled");
    let undated = corpus.articles.iter().filter(|a| a.date.is_none()).count();
    if undated > 0 {
        let last = corpus.report.problems.pop().expect("the undated count");
        assert_eq!(last.kind, ProblemKind::Date);
        assert!(last.message.contains(" undated — "), "{last}");
    }
    corpus
}

/// `(path relative to root, kind)` of every problem, in report order.
fn problems(corpus: &Corpus, root: &Path) -> Vec<(String, ProblemKind)> {
    let prefix = format!("{}/", root.display());
    corpus
        .report
        .problems
        .iter()
        .map(|p| {
            (
                p.path.strip_prefix(&prefix).unwrap_or(&p.path).to_owned(),
                p.kind,
            )
        })
        .collect()
}

fn sources(corpus: &Corpus, root: &Path) -> Vec<String> {
    let prefix = format!("{}/", root.display());
    corpus
        .articles
        .iter()
        .map(|a| {
            a.source
                .strip_prefix(&prefix)
                .unwrap_or(&a.source)
                .to_owned()
        })
        .collect()
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write test file");
}

fn p(path: &str, kind: ProblemKind) -> (String, ProblemKind) {
    (path.to_owned(), kind)
}

#[test]
fn sparse_file_over_the_cap_is_refused_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let huge = dir.path().join("huge.txt");
    // 2 GiB, sparse: no disk used, and reading it would take seconds and 2 GiB of memory.
    let file = std::fs::File::create(&huge).expect("create");
    file.set_len(2 << 30).expect("set_len");
    write(&dir.path().join("small.txt"), "A small article.\n");
    let started = Instant::now();
    let corpus = import_with(&[dir.path().to_owned()], &ImportOptions::default());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the file was read"
    );
    assert_eq!(sources(&corpus, dir.path()), ["small.txt"]);
    assert_eq!(
        problems(&corpus, dir.path()),
        [p("huge.txt", ProblemKind::TooLarge)]
    );
    let message = &corpus.report.problems[0].message;
    assert!(message.contains("2147483648 bytes"), "{message}");
    assert!(message.contains("536870912 bytes"), "{message}");
    assert_eq!(corpus.report.files_seen, 2);
    assert_eq!(corpus.report.bytes_read, 17);
}

#[test]
fn file_over_a_small_cap_is_refused_and_one_at_the_cap_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("at_cap.txt"), "0123456789"); // 10 bytes
    write(&dir.path().join("over_cap.txt"), "0123456789A"); // 11 bytes
    let opts = ImportOptions {
        max_file_bytes: 10,
        ..ImportOptions::default()
    };
    let corpus = import_with(&[dir.path().to_owned()], &opts);
    assert_eq!(sources(&corpus, dir.path()), ["at_cap.txt"]);
    assert_eq!(
        problems(&corpus, dir.path()),
        [p("over_cap.txt", ProblemKind::TooLarge)]
    );
    assert!(corpus.report.problems[0].message.contains("11 bytes"));
}

#[test]
fn read_stops_at_the_cap_when_the_size_is_not_known_ahead() {
    // /proc files report a size of 0 but hold more; the read must still stop at the cap.
    let status = Path::new("/proc/self/status");
    if !status.exists() {
        eprintln!("skipped: no /proc on this system");
        return;
    }
    let err = super::read_capped(status, 16).expect_err("over the cap");
    assert_eq!(err.0, ProblemKind::TooLarge);
    assert!(err.1.contains("size was given as 0 bytes"), "{}", err.1);
    let whole = super::read_capped(status, 1 << 20).expect("under the cap");
    assert!(whole.starts_with(b"Name:"));
}

#[cfg(unix)]
#[test]
fn fifo_and_devices_are_refused_without_opening() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("in")).expect("mkdir");
    // One FIFO met in a folder, one given as a path.
    let inner = dir.path().join("in/pipe.txt");
    let fifo = dir.path().join("given.txt");
    match std::process::Command::new("mkfifo")
        .arg(&inner)
        .arg(&fifo)
        .status()
    {
        Ok(status) if status.success() => {}
        other => {
            eprintln!("skipped: mkfifo is not available ({other:?})");
            return;
        }
    }
    write(&dir.path().join("in/ok.txt"), "Fine article.\n");
    let paths = vec![
        dir.path().join("in"),
        fifo.clone(),
        PathBuf::from("/dev/zero"),
    ];
    let (done, got) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let corpus = import_with(&paths, &ImportOptions::default());
        let _ = done.send(corpus);
    });
    // Opening a FIFO blocks until a writer comes: a hang here means it was opened.
    let corpus = got
        .recv_timeout(Duration::from_secs(10))
        .expect("the import hung on the FIFO");
    assert_eq!(sources(&corpus, dir.path()), ["in/ok.txt"]);
    assert_eq!(
        problems(&corpus, dir.path()),
        [
            p("/dev/zero", ProblemKind::Unsupported),
            p("given.txt", ProblemKind::Unsupported),
            p("in/pipe.txt", ProblemKind::Unsupported),
        ]
    );
    let messages: Vec<&str> = corpus
        .report
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "The path is a character device, not a regular file; it was not opened.",
            "The path is a named pipe (FIFO), not a regular file; it was not opened.",
            "The path is a named pipe (FIFO), not a regular file; it was not opened.",
        ]
    );
}

/// A zip at `path` holding `entries` (name, content), deflated.
fn make_zip(path: &Path, entries: &[(&str, &[u8])]) {
    let file = std::fs::File::create(path).expect("create zip");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        zip.start_file(*name, options).expect("start entry");
        zip.write_all(content).expect("write entry");
    }
    zip.finish().expect("finish zip");
}

#[test]
fn decompressed_cap_is_shared_by_every_archive_of_an_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Each entry: 10 000 bytes inflated from a few dozen; three archives of three entries.
    let body = |c: u8| {
        let mut b = b"Article text ".to_vec();
        b.resize(10_000, c);
        b
    };
    let (a, b, c) = (body(b'a'), body(b'b'), body(b'c'));
    for name in ["one.zip", "two.zip", "three.zip"] {
        let entries: [(&str, &[u8]); 3] = [("1.txt", &a), ("2.txt", &b), ("3.txt", &c)];
        make_zip(&dir.path().join(name), &entries);
    }
    let opts = ImportOptions {
        keep_duplicates: true,
        max_zip_total_bytes: 45_000,
        ..ImportOptions::default()
    };
    let corpus = import_with(&[dir.path().to_owned()], &opts);
    // 4 entries fit in 45 000 bytes, whichever archives the threads reached first; each of the 5
    // others is refused and listed, none is dropped silently.
    assert_eq!(corpus.articles.len(), 4);
    assert_eq!(corpus.report.bytes_read, 40_000);
    assert_eq!(corpus.report.files_seen, 9);
    let refused: Vec<_> = corpus.report.problems.iter().collect();
    assert_eq!(refused.len(), 5);
    for problem in refused {
        assert_eq!(problem.kind, ProblemKind::Archive);
        assert!(
            problem.message.contains("overall cap of 45000"),
            "{}",
            problem.message
        );
    }
    // Per archive the old cap would have let all nine through.
    let per_archive = ImportOptions {
        max_zip_total_bytes: 90_000,
        ..opts
    };
    assert_eq!(
        import_with(&[dir.path().to_owned()], &per_archive)
            .articles
            .len(),
        9
    );
}

/// Replace every `from` in the file at `path` by `to` (same length): names a zip writer refuses
/// to write (`..` parts, repeats) are made by renaming entries in the finished archive.
fn patch(path: &Path, from: &[u8], to: &[u8]) {
    let mut bytes = std::fs::read(path).expect("read zip");
    let mut i = 0;
    while let Some(at) = bytes[i..].windows(from.len()).position(|w| w == from) {
        bytes[i + at..i + at + from.len()].copy_from_slice(to);
        i += at + from.len();
    }
    std::fs::write(path, bytes).expect("write zip");
}

#[test]
fn unsafe_and_repeated_zip_entry_names_are_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let zip = dir.path().join("z.zip");
    make_zip(
        &zip,
        &[
            ("qq/evil.txt", b"Evil text.\n"),
            ("dup/a.txt", b"First copy.\n"),
            ("dup/b.txt", b"Second copy.\n"),
            ("evil.txt", b"Real evil.\n"),
        ],
    );
    patch(&zip, b"qq/evil.txt", b"../evil.txt");
    patch(&zip, b"dup/b.txt", b"dup/a.txt");
    let corpus = import_with(std::slice::from_ref(&zip), &ImportOptions::default());
    let texts: Vec<(String, &str)> = sources(&corpus, dir.path())
        .into_iter()
        .zip(corpus.articles.iter().map(|a| a.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            ("z.zip!dup/a.txt".to_owned(), "Second copy."),
            ("z.zip!evil.txt".to_owned(), "Evil text."),
            ("z.zip!evil.txt#2".to_owned(), "Real evil."),
        ]
    );
    let listed: Vec<(String, &str)> = problems(&corpus, dir.path())
        .into_iter()
        .map(|(path, _)| path)
        .zip(corpus.report.problems.iter().map(|p| p.message.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (
                "z.zip!dup/a.txt".to_owned(),
                "The archive holds 2 entries with this name; the zip reader keeps only the last, \
                 so 1 of them were not read."
            ),
            (
                "z.zip!evil.txt".to_owned(),
                "The entry is named `../evil.txt`, with parts that point outside the archive or \
                 nowhere (`..`, `.`, a leading `/`); it was read as `evil.txt`."
            ),
            (
                "z.zip!evil.txt#2".to_owned(),
                "Another entry of the archive is also named `evil.txt`; this one was read as \
                 `evil.txt#2`."
            ),
        ]
    );
    assert!(
        corpus
            .report
            .problems
            .iter()
            .all(|p| p.kind == ProblemKind::Archive)
    );
    assert_eq!(corpus.report.files_seen, 4);
}

#[cfg(unix)]
#[test]
fn linked_folders_are_followed_once_and_loops_listed() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("corpus");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(root.join("real/deep")).expect("mkdir");
    std::fs::create_dir_all(&outside).expect("mkdir");
    write(&root.join("real/deep/a.txt"), "Article A.\n");
    write(&outside.join("b.txt"), "Article B.\n");
    symlink(&outside, root.join("linked")).expect("symlink");
    // A loop, and a second way into a folder already walked.
    symlink(&root, root.join("real/deep/up")).expect("symlink");
    symlink(root.join("real"), root.join("again")).expect("symlink");
    let corpus = import_with(std::slice::from_ref(&root), &ImportOptions::default());
    assert_eq!(
        sources(&corpus, dir.path()),
        ["corpus/linked/b.txt", "corpus/real/deep/a.txt"]
    );
    let listed: Vec<(String, &str)> = problems(&corpus, dir.path())
        .into_iter()
        .map(|(path, _)| path)
        .zip(corpus.report.problems.iter().map(|p| p.message.as_str()))
        .collect();
    let root_shown = root.display().to_string();
    assert_eq!(
        listed,
        [
            (
                "corpus/again".to_owned(),
                format!(
                    "The folder is the same as {root_shown}/real, which was already read; it \
                     was not read twice."
                )
                .as_str()
            ),
            (
                "corpus/real/deep/up".to_owned(),
                format!(
                    "The folder links back to {root_shown}, a folder that contains it (a loop); \
                     it was not walked again."
                )
                .as_str()
            ),
        ]
    );
}

#[cfg(target_os = "linux")]
#[test]
fn names_that_are_not_utf8_stay_distinct() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    // `café` in Latin-1 and in a broken UTF-8 form: both would show as `caf�.txt` lossily.
    let latin1 = dir.path().join(OsStr::from_bytes(b"caf\xE9.txt"));
    let other = dir.path().join(OsStr::from_bytes(b"caf\xE8.txt"));
    if std::fs::write(&latin1, "Latin one.\n").is_err() {
        eprintln!("skipped: the file system refuses names that are not UTF-8");
        return;
    }
    write(&other, "Latin two.\n");
    write(&dir.path().join("back\\slash.txt"), "Backslash.\n");
    let corpus = import_with(&[dir.path().to_owned()], &ImportOptions::default());
    assert_eq!(
        sources(&corpus, dir.path()),
        ["back\\\\slash.txt", "caf\\xE8.txt", "caf\\xE9.txt"]
    );
    assert_eq!(corpus.report.problems, []);
}
