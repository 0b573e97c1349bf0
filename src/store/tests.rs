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
    prune(dir.path(), 2);
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["3.lxstore", "4.lxstore", "notes.txt"]);
}
