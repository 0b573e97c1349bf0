use super::*;

fn session() -> Session {
    Session {
        paths: vec![PathBuf::from("/corpora/speeches")],
        analysis: AnalysisSettings {
            stopword_languages: vec!["german".into()],
            ..AnalysisSettings::default()
        },
        filter: SavedFilter {
            from: "1940".into(),
            to: "1945-12-31".into(),
            query: "party:SPD war".into(),
        },
        view: "Keyness".into(),
        periods: Periods::Fixed(Granularity::Month),
        trends: Some(vec![PinnedTrend {
            entity: true,
            name: "Willy Brandt".into(),
        }]),
        ..Session::default()
    }
}

#[test]
fn a_saved_session_reads_back_equal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("war.lexiscope.json");
    let s = session();
    s.save(&path).expect("saved");
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.contains("\"format\": \"lexiscope-session\""), "{text}");
    assert_eq!(Session::load(&path).expect("loads"), s);
}

#[test]
fn relative_paths_are_read_from_the_session_files_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.json");
    let text = r#"{"format": "lexiscope-session", "version": 1, "paths": ["texts"],
                   "import": {"metadata": "meta/index.tsv"}}"#;
    std::fs::write(&path, text).expect("written");
    let s = Session::load(&path).expect("loads");
    assert_eq!(s.paths, [dir.path().join("texts")]);
    assert_eq!(s.import.metadata, Some(dir.path().join("meta/index.tsv")));
    // What the file leaves out takes the defaults.
    assert_eq!(s.filter, SavedFilter::default());
    assert_eq!(s.periods, Periods::Auto);
}

#[test]
fn broken_foreign_newer_and_empty_files_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).expect("written");
        p
    };
    let full = serde_json::to_string(&session()).expect("json");
    let truncated = write("cut.json", &full[..full.len() / 2]);
    assert!(matches!(
        Session::load(&truncated),
        Err(SessionError::NotASession { .. })
    ));
    let foreign = write("other.json", r#"{"paths": ["/x"]}"#);
    let err = Session::load(&foreign).expect_err("refused");
    assert!(err.to_string().contains("no \"format\""), "{err}");
    let newer = write(
        "newer.json",
        r#"{"format": "lexiscope-session", "version": 99, "paths": ["/x"]}"#,
    );
    assert!(matches!(
        Session::load(&newer),
        Err(SessionError::Newer { version: 99, .. })
    ));
    let empty = write("empty.json", r#"{"format": "lexiscope-session"}"#);
    assert!(matches!(
        Session::load(&empty),
        Err(SessionError::NoCorpus { .. })
    ));
    assert!(matches!(
        Session::load(&dir.path().join("missing.json")),
        Err(SessionError::Read { .. })
    ));
}

#[test]
fn a_filter_survives_the_text_form() {
    let filter = Filter::from_parts("1940", "1945", "war OR peace").expect("parses");
    let saved = SavedFilter::of(&filter);
    assert_eq!(saved.from, "1940-01-01");
    assert_eq!(saved.to, "1945-12-31");
    assert_eq!(saved.query, "war OR peace");
    assert_eq!(saved.parse().expect("parses"), filter);
    assert!(SavedFilter::default().is_empty());
    assert!(!saved.is_empty());
}
