use super::*;

fn stamp(path: &str, bytes: u64, modified_ns: u128) -> Stamp {
    Stamp {
        path: PathBuf::from(path),
        bytes,
        modified_ns,
    }
}

#[test]
fn changes_are_counted_by_kind() {
    let old = [
        stamp("/c/a", 10, 1),
        stamp("/c/b", 20, 1),
        stamp("/c/c", 30, 1),
    ];
    assert_eq!(compare(&old, &old), None);
    // b edited (new time), c removed, d added.
    let now = [
        stamp("/c/a", 10, 1),
        stamp("/c/b", 20, 2),
        stamp("/c/d", 5, 1),
    ];
    assert_eq!(
        compare(&old, &now),
        Some(Miss::Changed {
            changed: 1,
            added: 1,
            removed: 1
        })
    );
}

#[test]
fn the_store_file_is_named_by_the_paths_alone() {
    let dir = Path::new("/cache");
    let a = store_path(dir, &[PathBuf::from("/x/news")]);
    assert_eq!(a, store_path(dir, &[PathBuf::from("/x/news")]));
    assert_ne!(
        a,
        store_path(dir, &[PathBuf::from("/x/new"), PathBuf::from("s")])
    );
    assert_eq!(a.extension().and_then(|e| e.to_str()), Some("lxstore"));
}

#[test]
fn stamps_walk_folders_and_sort_by_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
    std::fs::write(dir.path().join("b.txt"), "bb").expect("write");
    std::fs::write(dir.path().join("sub/a.txt"), "a").expect("write");
    // Hidden entries are not read by the import, so they are not stamped either.
    std::fs::write(dir.path().join(".DS_Store"), "junk").expect("write");
    std::fs::create_dir_all(dir.path().join(".git")).expect("mkdir");
    std::fs::write(dir.path().join(".git/HEAD"), "ref").expect("write");
    let s = stamps(&[dir.path().to_path_buf()]).expect("stamped");
    let names: Vec<(String, u64)> = s
        .iter()
        .map(|s| {
            let rel = s.path.strip_prefix(dir.path()).expect("inside");
            (rel.display().to_string(), s.bytes)
        })
        .collect();
    assert_eq!(
        names,
        [("b.txt".to_owned(), 2), ("sub/a.txt".to_owned(), 1)]
    );
    assert!(s.iter().all(|s| s.modified_ns > 0));
}

#[test]
fn pruning_keeps_the_newest_stores_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..5u64 {
        let p = dir.path().join(format!("{i}.lxstore"));
        std::fs::write(&p, "x").expect("write");
        let t = UNIX_EPOCH + std::time::Duration::from_secs(1_000_000 + i);
        std::fs::File::options()
            .write(true)
            .open(&p)
            .and_then(|f| f.set_modified(t))
            .expect("set time");
    }
    std::fs::write(dir.path().join("notes.txt"), "kept").expect("write");
    // A write that never finished: removed once an hour old; a running one is left alone.
    for (name, secs) in [("old.tmp42", 1_000_000), ("new.tmp43", 0)] {
        let p = dir.path().join(name);
        std::fs::write(&p, "half").expect("write");
        if secs > 0 {
            let t = UNIX_EPOCH + std::time::Duration::from_secs(secs);
            std::fs::File::options()
                .write(true)
                .open(&p)
                .and_then(|f| f.set_modified(t))
                .expect("set time");
        }
    }
    prune(dir.path(), 2);
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["3.lxstore", "4.lxstore", "new.tmp43", "notes.txt"]);
}

#[test]
fn a_changed_collection_is_read_stale_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("c");
    std::fs::create_dir(&src).expect("mkdir");
    std::fs::write(src.join("a.txt"), "Date: 2020-01-01\n\nThe cat sat.\n").expect("write");
    let paths = vec![src.clone()];
    let (corpus, analysis) = crate::bench::load(&paths).expect("analysed");
    let analyzed = Analyzed {
        corpus: Arc::new(corpus),
        analysis: Arc::new(analysis),
    };
    let opts = crate::import::ImportOptions::default();
    let settings = analyzed.analysis.settings.clone();
    let store = dir.path().join("store");
    let now = stamps(&paths).expect("stamped");
    keep(&store, &paths, &opts, now, &analyzed).expect("written");
    assert!(matches!(
        lookup(Some(&store), &paths, &opts, &settings, true),
        Lookup::Hit(_)
    ));
    std::fs::write(src.join("b.txt"), "The dog ran.\n").expect("write");
    match lookup(Some(&store), &paths, &opts, &settings, true) {
        Lookup::Stale {
            analyzed: old,
            miss,
            stamps,
        } => {
            assert_eq!(old.corpus.articles.len(), 1);
            assert_eq!(old.analysis.summary, analyzed.analysis.summary);
            let added = Miss::Changed {
                changed: 0,
                added: 1,
                removed: 0,
            };
            assert_eq!(miss, added);
            assert_eq!(stamps.len(), 2);
        }
        _ => panic!("expected the stale store"),
    }
    assert!(matches!(
        lookup(Some(&store), &paths, &opts, &settings, false),
        Lookup::Miss {
            miss: Miss::Changed { added: 1, .. },
            ..
        }
    ));
    // Other settings: never shown, stale or not.
    let other = AnalysisSettings {
        keep_numbers: true,
        ..settings
    };
    assert!(matches!(
        lookup(Some(&store), &paths, &opts, &other, true),
        Lookup::Miss { .. }
    ));
}
