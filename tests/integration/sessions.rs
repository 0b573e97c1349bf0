//! `--session`: `analyze` and `keyness` run on a session saved by the app (its corpus, settings
//! and filter), with the command line's filter parts taking precedence.

use std::path::Path;

use lexiscope::session::{SavedFilter, Session};

use crate::helpers::lexiscope;

/// `tests/fixtures/pets`: three dated articles; "dog" is a word of the second only, "cat" of the
/// first and third.
fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pets")
}

fn summary_value(out: &Path, key: &str) -> String {
    let text = std::fs::read_to_string(out.join("summary.csv")).expect("summary.csv");
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key},")))
        .unwrap_or_else(|| panic!("no {key} in {text}"))
        .to_owned()
}

#[test]
fn analyze_runs_on_a_saved_sessions_corpus_settings_and_filter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = Session {
        paths: vec![corpus()],
        filter: SavedFilter {
            query: "cat".into(),
            ..SavedFilter::default()
        },
        ..Session::default()
    };
    let file = dir.path().join("cats.lexiscope.json");
    session.save(&file).expect("saved");
    let file = file.to_str().expect("utf-8");

    let out = dir.path().join("out");
    let o = lexiscope(&[
        "analyze",
        "--session",
        file,
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The session's query: the two articles with "cat".
    assert_eq!(summary_value(&out, "articles"), "2");

    // A query on the command line replaces the session's.
    let out2 = dir.path().join("out2");
    let o = lexiscope(&[
        "analyze",
        "--session",
        file,
        "--query",
        "dog",
        "--out",
        out2.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(summary_value(&out2, "articles"), "1");

    // Flags that change the analysis cannot be mixed with a session's settings.
    let o = lexiscope(&[
        "analyze",
        "--session",
        file,
        "--stopwords",
        "none",
        "--out",
        "/tmp/x",
    ]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cannot be used with"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_broken_session_file_is_an_error_that_names_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("broken.json");
    std::fs::write(&file, "{\"format\": \"lexiscope-ses").expect("written");
    let o = lexiscope(&[
        "analyze",
        "--session",
        file.to_str().expect("utf-8"),
        "--out",
        dir.path().join("out").to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is not a Lexiscope session file"), "{err}");
    assert!(!dir.path().join("out").exists());
}
