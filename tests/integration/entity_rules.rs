//! `--entity-rules`: the entity editor's corrections applied by the built binary to `analyze`,
//! `mentions` and `keyness`, on three small articles written into a temporary folder. The
//! figures are those of the engine's own test (`entity_edits::tests`), checked by hand: Angela
//! Merkel 3 mentions ("Angela Merkel", "Merkel" twice) in 2 articles, Berlin 2 in 2, Emmanuel
//! Macron 2 in 2, Paris 2 in 1.

use std::path::Path;

use crate::helpers::lexiscope;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

/// The three articles (with lower-case headlines, which name nobody).
fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir).expect("mkdir");
    write(
        dir,
        "a.txt",
        "date 2024-01-01 report one\n\nAngela Merkel visited Paris on Monday. Merkel met Emmanuel Macron in Paris.\n",
    );
    write(
        dir,
        "b.txt",
        "date 2024-01-02 report two\n\nMerkel spoke in Berlin on Tuesday.\n",
    );
    write(
        dir,
        "c.txt",
        "date 2024-01-03 report three\n\nMacron flew to Berlin.\n",
    );
}

const RULES: &str = "action,entity,type,target,target_type\n\
                     split,Angela Merkel,PERSON,Merkel,\n\
                     rename,Emmanuel Macron,,E. Macron,\n\
                     hide,Berlin,,,\n\
                     retype,Paris,,,MISC\n\
                     explode,Paris,,,\n\
                     hide,Atlantis,,,\n";

/// (entity, type, mentions, doc_freq) rows of `entities.csv`.
fn entity_rows(path: &Path) -> Vec<(String, String, String, String)> {
    let mut r = csv::Reader::from_path(path).expect("csv opens");
    r.deserialize::<std::collections::BTreeMap<String, String>>()
        .map(|row| {
            let row = row.expect("row");
            (
                row["entity"].clone(),
                row["type"].clone(),
                row["mentions"].clone(),
                row["doc_freq"].clone(),
            )
        })
        .collect()
}

#[test]
fn analyze_applies_the_rules_to_every_table_and_records_them() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (src, out) = (tmp.path().join("news"), tmp.path().join("out"));
    corpus(&src);
    let rules = tmp.path().join("rules.csv");
    std::fs::write(&rules, RULES).expect("rules");
    let path = |p: &Path| p.to_str().expect("utf-8").to_owned();
    let o = lexiscope(&[
        "analyze",
        &path(&src),
        "--out",
        &path(&out),
        "-q",
        "--entity-rules",
        &path(&rules),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("line 6: unknown action \"explode\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("edit 5 (hide \"Atlantis\"): no entity named \"Atlantis\""),
        "{stderr}"
    );
    let s = |x: &str| x.to_owned();
    assert_eq!(
        entity_rows(&out.join("entities.csv")),
        [
            (s("E. Macron"), s("PERSON"), s("2"), s("2")),
            (s("Merkel"), s("PERSON"), s("2"), s("2")),
            (s("Paris"), s("MISC"), s("2"), s("1")),
            (s("Angela Merkel"), s("PERSON"), s("1"), s("1")),
        ]
    );
    // The rules that were read, ready to import again, and in the parameters.
    let written = std::fs::read_to_string(out.join("entity_rules.csv")).expect("rules written");
    assert_eq!(
        written,
        "action,entity,type,target,target_type\n\
         split,Angela Merkel,PERSON,Merkel,\n\
         rename,Emmanuel Macron,,E. Macron,\n\
         hide,Berlin,,,\n\
         retype,Paris,,,MISC\n\
         hide,Atlantis,,,\n"
    );
    let params: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("export_params.json")).expect("params"),
    )
    .expect("json");
    assert_eq!(
        params["settings"]["entity_rules"].as_array().map(Vec::len),
        Some(5)
    );
    assert_eq!(params["settings"]["entity_rules"][2]["action"], "Hide");
    assert_eq!(params["entity_rules_file"], path(&rules));
    // The entity filter sees the edited names.
    let filtered = tmp.path().join("filtered");
    let o = lexiscope(&[
        "analyze",
        &path(&src),
        "--out",
        &path(&filtered),
        "-q",
        "--entity-rules",
        &path(&rules),
        "--query",
        "entity:Merkel",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let summary = std::fs::read_to_string(filtered.join("summary.csv")).expect("summary");
    assert!(summary.contains("articles,2"), "{summary}");
}

#[test]
fn mentions_and_keyness_apply_the_rules_and_a_bad_file_is_an_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let src = tmp.path().join("news");
    corpus(&src);
    let rules = tmp.path().join("rules.csv");
    std::fs::write(&rules, RULES).expect("rules");
    let path = |p: &Path| p.to_str().expect("utf-8").to_owned();
    let o = lexiscope(&[
        "mentions",
        &path(&src),
        "--format",
        "csv",
        "--entity-rules",
        &path(&rules),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    // 9 mentions less Berlin's 2; Merkel's bare mentions are their own entity now.
    assert_eq!(out.lines().count(), 1 + 7, "{out}");
    assert!(!out.contains("Berlin"), "{out}");
    assert!(out.contains(",PERSON,Merkel,Merkel\n"), "{out}");
    assert!(out.contains(",MISC,Paris,Paris\n"), "{out}");
    let key = tmp.path().join("key.csv");
    let o = lexiscope(&[
        "keyness",
        &path(&src),
        "--target",
        "from:2024-01-01 to:2024-01-01",
        "--min-freq",
        "1",
        "--out",
        &path(&key),
        "-q",
        "--entity-rules",
        &path(&rules),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let table = std::fs::read_to_string(&key).expect("keyness");
    assert!(table.contains("E. Macron"), "{table}");
    assert!(!table.contains("Berlin"), "{table}");
    // A file that is not a rules file stops before the import, with exit code 1.
    std::fs::write(&rules, "merge,Doe,PERSON,Jane Doe\n").expect("bad rules");
    let o = lexiscope(&[
        "analyze",
        &path(&src),
        "--out",
        &path(&tmp.path().join("never")),
        "--entity-rules",
        &path(&rules),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no header naming the columns"));
}
