//! The corpus store through the command line: a second `analyze` of an unchanged collection reads
//! the store and writes byte-identical CSVs; an edited, added or removed file, or a truncated,
//! corrupted or other-version store, is reported and the collection analysed again.

use std::path::{Path, PathBuf};

use crate::helpers::{crate_path, lexiscope};

/// A copy of the bundled sample's first 6 speeches in a temporary folder.
fn collection(dir: &Path) -> PathBuf {
    let corpus = dir.join("speeches");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let mut files: Vec<PathBuf> = std::fs::read_dir(crate_path("assets/sample"))
        .expect("sample")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for f in files.iter().take(6) {
        std::fs::copy(f, corpus.join(f.file_name().expect("name"))).expect("copy");
    }
    corpus
}

/// `analyze` with the store in `store`; returns its standard error.
fn analyze(corpus: &Path, store: &Path, out: &Path) -> String {
    let o = lexiscope(&[
        "analyze",
        corpus.to_str().expect("utf-8"),
        "--store",
        store.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    err
}

/// Every file of an export folder, by name.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("out")
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).expect("read"))
        })
        .collect();
    v.sort();
    v
}

fn the_store(store: &Path) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(store)
        .expect("store folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "lxstore"))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

#[test]
fn an_unchanged_collection_is_read_from_the_store_with_identical_csvs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = collection(dir.path());
    let store = dir.path().join("store");
    let first = analyze(&corpus, &store, &dir.path().join("a"));
    assert!(first.contains("store: wrote"), "{first}");
    let second = analyze(&corpus, &store, &dir.path().join("b"));
    assert!(
        second.contains("store: read speeches from the store"),
        "{second}"
    );
    let (a, b) = (files(&dir.path().join("a")), files(&dir.path().join("b")));
    assert_eq!(a.len(), 28);
    for ((name_a, bytes_a), (name_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(name_a, name_b);
        assert!(
            bytes_a == bytes_b,
            "{name_a} differs after reading the store"
        );
    }
}

#[test]
fn edited_added_and_removed_files_are_analysed_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = collection(dir.path());
    let store = dir.path().join("store");
    let out = dir.path().join("out");
    analyze(&corpus, &store, &out);
    let mut names: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("list")
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    // Edit one file (longer, so its size changes too).
    let mut text = std::fs::read_to_string(&names[0]).expect("read");
    text.push_str("\nA closing line.\n");
    std::fs::write(&names[0], text).expect("edit");
    let err = analyze(&corpus, &store, &out);
    assert!(
        err.contains("(1 files changed, 0 added, 0 removed)"),
        "{err}"
    );
    // Unchanged since: read from the store.
    assert!(analyze(&corpus, &store, &out).contains("from the store"));
    std::fs::write(corpus.join("extra.txt"), "A new speech about the harbour.").expect("add");
    let err = analyze(&corpus, &store, &out);
    assert!(
        err.contains("(0 files changed, 1 added, 0 removed)"),
        "{err}"
    );
    std::fs::remove_file(&names[1]).expect("remove");
    let err = analyze(&corpus, &store, &out);
    assert!(
        err.contains("(0 files changed, 0 added, 1 removed)"),
        "{err}"
    );
    let summary = std::fs::read_to_string(out.join("summary.csv")).expect("summary");
    assert!(summary.contains("articles,6\n"), "{summary}");
}

#[test]
fn a_damaged_or_other_version_store_is_reported_and_rebuilt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = collection(dir.path());
    let store = dir.path().join("store");
    let out = dir.path().join("out");
    analyze(&corpus, &store, &out);
    let file = the_store(&store);
    let good = std::fs::read(&file).expect("read");

    // Truncated.
    std::fs::write(&file, &good[..good.len() / 2]).expect("cut");
    let err = analyze(&corpus, &store, &out);
    assert!(err.contains("the store is damaged (truncated)"), "{err}");
    assert!(analyze(&corpus, &store, &out).contains("from the store"));

    // One byte flipped in the payload: near the end (the analysis part) and in the middle.
    for at in [good.len() - 100, good.len() / 2] {
        let mut flipped = good.clone();
        flipped[at] ^= 0x55;
        std::fs::write(&file, &flipped).expect("flip");
        let err = analyze(&corpus, &store, &out);
        assert!(
            err.contains("the store is damaged (checksum mismatch)"),
            "{at}: {err}"
        );
        assert!(analyze(&corpus, &store, &out).contains("from the store"));
    }

    // Another format version (the 4 bytes after the 16-byte magic).
    let mut other = good.clone();
    other[16..20].copy_from_slice(&99u32.to_le_bytes());
    std::fs::write(&file, &other).expect("version");
    let err = analyze(&corpus, &store, &out);
    assert!(err.contains("written by store format 99"), "{err}");
    assert!(analyze(&corpus, &store, &out).contains("from the store"));

    // Not a store at all.
    std::fs::write(&file, "hello").expect("junk");
    let err = analyze(&corpus, &store, &out);
    assert!(err.contains("the store is damaged"), "{err}");
}

#[test]
fn other_settings_do_not_use_the_store_and_no_store_leaves_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = collection(dir.path());
    let store = dir.path().join("store");
    let out = dir.path().join("out");
    analyze(&corpus, &store, &out);
    let o = lexiscope(&[
        "analyze",
        corpus.to_str().expect("utf-8"),
        "--store",
        store.to_str().expect("utf-8"),
        "--stem",
        "english",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("other import or analysis settings"), "{err}");
    let o = lexiscope(&[
        "analyze",
        corpus.to_str().expect("utf-8"),
        "--no-store",
        "--out",
        dir.path().join("plain").to_str().expect("utf-8"),
    ]);
    assert!(o.status.success());
    assert!(!String::from_utf8_lossy(&o.stderr).contains("store:"));
}
