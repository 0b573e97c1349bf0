//! The built `lexiscope` binary on fixture corpora: exit codes, the CSV set, and numbers in the
//! CSVs checked by hand.

use std::path::Path;

use crate::helpers::{fixture, lexiscope, read_csv};

fn col<'a>(rows: &'a [std::collections::BTreeMap<String, String>], name: &str) -> Vec<&'a str> {
    rows.iter().map(|r| r[name].as_str()).collect()
}

#[test]
fn analyze_mixed_folder_writes_every_csv_with_hand_checked_numbers() {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("stats");
    let mixed = fixture("mixed");
    let o = lexiscope(&[
        "analyze",
        mixed.to_str().expect("utf-8 path"),
        "--out",
        dir.to_str().expect("utf-8 path"),
        "-q",
    ]);
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    for name in [
        "summary.csv",
        "terms.csv",
        "bigrams.csv",
        "trigrams.csv",
        "collocations.csv",
        "entities.csv",
        "entity_aliases.csv",
        "entity_pairs.csv",
        "weekdays.csv",
        "rising_falling.csv",
        "timeline_day.csv",
        "timeline_week.csv",
        "timeline_month.csv",
        "timeline_year.csv",
        "term_trends.csv",
        "entity_trends.csv",
        "documents.csv",
        "facets.csv",
        "languages.csv",
        "import_problems.csv",
        "links.csv",
        "domains.csv",
        "hashtags.csv",
        "handles.csv",
        "boilerplate.csv",
        "near_duplicates.csv",
        "export_params.json",
        "manifest.json",
    ] {
        assert!(dir.join(name).is_file(), "{name} missing");
    }
    // The manifest, written last, lists the 27 files before it.
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).expect("manifest");
    assert_eq!(manifest.matches("\"crc32\"").count(), 27, "{manifest}");
    // Six good articles of 10, 9, 10, 8, 7 and 9 words.
    let summary = read_csv(&dir.join("summary.csv"));
    let get = |k: &str| {
        summary
            .iter()
            .find(|r| r["metric"] == k)
            .map(|r| r["value"].clone())
            .expect("metric present")
    };
    assert_eq!(get("articles"), "6");
    assert_eq!(get("tokens"), "53");
    assert_eq!(get("first_date"), "2023-05-01");
    assert_eq!(get("last_date"), "2023-05-06");
    // "new" is in the café and the tram articles; every other content word is seen once.
    let terms = read_csv(&dir.join("terms.csv"));
    assert_eq!(
        (terms[0]["term"].as_str(), terms[0]["count"].as_str()),
        ("new", "2")
    );
    assert_eq!(terms[0]["doc_freq"], "2");
    assert!(terms[1..].iter().all(|r| r["count"] == "1"));
    assert!(col(&terms, "term").contains(&"münchen"));
    assert!(!col(&terms, "term").contains(&"the"));
    let days = read_csv(&dir.join("timeline_day.csv"));
    assert_eq!(col(&days, "articles"), ["1"; 6]);
    let problems = read_csv(&dir.join("import_problems.csv"));
    assert_eq!(col(&problems, "kind"), ["binary", "empty", "encoding"]);
    let docs = read_csv(&dir.join("documents.csv"));
    assert_eq!(docs.len(), 6);
    assert_eq!(docs[0]["title"], "Harbour reopens after storm");
    assert_eq!(docs[0]["tokens"], "10");
}

#[test]
fn exit_code_two_when_nothing_imports_or_output_unwritable() {
    let out = tempfile::tempdir().expect("tempdir");
    let o = lexiscope(&[
        "analyze",
        fixture("broken/empty.txt").to_str().expect("utf-8"),
        "--out",
        out.path().to_str().expect("utf-8"),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing could be imported"));

    let blocker = out.path().join("file");
    std::fs::write(&blocker, "x").expect("write");
    let o = lexiscope(&[
        "analyze",
        fixture("mixed").to_str().expect("utf-8"),
        "--out",
        blocker.join("sub").to_str().expect("utf-8"),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn filters_and_bad_queries() {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("f");
    let o = lexiscope(&[
        "analyze",
        fixture("mixed").to_str().expect("utf-8"),
        "--out",
        dir.to_str().expect("utf-8"),
        "--from",
        "2023-05-02",
        "--to",
        "2023-05-05",
        "--query",
        "new OR budget",
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Dated 2–5 May and naming "new" or "budget": parliament (9 words), café (10), tram (8).
    let docs = read_csv(&dir.join("documents.csv"));
    let titles = col(&docs, "title");
    assert_eq!(
        titles,
        [
            "Parliament votes on the budget",
            "Café owners protest",
            "New tram line"
        ]
    );
    let params = std::fs::read_to_string(dir.join("export_params.json")).expect("params");
    assert!(params.contains("new OR budget") && params.contains("2023-05-02"));

    let o = lexiscope(&[
        "analyze",
        fixture("mixed").to_str().expect("utf-8"),
        "--out",
        dir.to_str().expect("utf-8"),
        "--query",
        "(new OR",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad --query"));
}

#[test]
fn mentions_give_character_offsets_into_the_decoded_files() {
    let o = lexiscope(&[
        "mentions",
        fixture("mixed").to_str().expect("utf-8"),
        "--format",
        "jsonl",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let find = |file: &str, text: &str| {
        rows.iter()
            .find(|r| r["source"].as_str().is_some_and(|s| s.ends_with(file)) && r["text"] == text)
            .map(|r| (r["start"].as_u64(), r["end"].as_u64(), r["type"].clone()))
    };
    // " date 2023-05-02 " is 17 characters, so the headline's "Parliament" starts at 17.
    assert_eq!(
        find("header.txt", "Parliament"),
        Some((Some(17), Some(27), "ORGANIZATION".into()))
    );
    // Latin-1 file: the 36-character header line, CRLF, CRLF, then "Café owners in " (15).
    assert_eq!(
        find("latin1.txt", "München"),
        Some((Some(55), Some(62), "LOCATION".into()))
    );
    assert!(find("utf16.txt", "Zürich").is_some());
}

#[test]
fn ner_eval_prints_the_gold_report() {
    let o = lexiscope(&["ner-eval"]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("micro") && out.contains("PERSON") && out.contains("LOCATION"));
}

#[test]
fn keyness_of_a_date_range_against_the_rest() {
    let out = tempfile::tempdir().expect("tempdir");
    let file = out.path().join("key.csv");
    let o = lexiscope(&[
        "keyness",
        fixture("mixed").to_str().expect("utf-8"),
        "--target",
        "from:2023-05-01 to:2023-05-03",
        "--min-freq",
        "1",
        "--out",
        file.to_str().expect("utf-8"),
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = read_csv(&file);
    // Target: harbour, parliament, café (29 words); reference: tram, school, festival (24).
    // "new" is once in each.
    let new = rows
        .iter()
        .find(|r| r["item"] == "new")
        .expect("new is tested");
    assert_eq!(
        (
            new["target_count"].as_str(),
            new["reference_count"].as_str()
        ),
        ("1", "1")
    );
    assert_eq!(new["kind"], "term");
    assert!(out.path().join("key.params.json").is_file());
    let o = lexiscope(&[
        "keyness",
        fixture("mixed").to_str().expect("utf-8"),
        "--target",
        "from:yesterday",
        "--out",
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
}

/// The exit codes the README promises: 0 success, 1 bad arguments (clap's own errors included),
/// 2 nothing imported or nothing selected; `-word` queries need no `=`; deep nesting is an error.
#[test]
fn exit_codes_follow_the_contract() {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("stats");
    let (mixed, dir_s) = (fixture("mixed"), dir.to_str().expect("utf-8"));
    let mixed = mixed.to_str().expect("utf-8");
    let code = |args: &[&str]| lexiscope(args).status.code();
    // An unknown flag and a missing value are bad arguments: 1, not clap's 2.
    assert_eq!(
        code(&["analyze", mixed, "--out", dir_s, "--no-such-flag"]),
        Some(1)
    );
    assert_eq!(code(&["analyze", mixed, "--out"]), Some(1));
    assert_eq!(code(&["--help"]), Some(0));
    // A query that starts with '-' is a query, not a flag.
    assert_eq!(
        code(&["analyze", mixed, "--out", dir_s, "--query", "-zebra", "-q"]),
        Some(0)
    );
    // Dates in the wrong order: 1 from analyze and from keyness alike.
    let key = out.path().join("k.csv");
    let key_s = key.to_str().expect("utf-8");
    assert_eq!(
        code(&[
            "analyze", mixed, "--out", dir_s, "--from", "2024", "--to", "2023", "-q"
        ]),
        Some(1)
    );
    assert_eq!(
        code(&[
            "keyness",
            mixed,
            "--target",
            "from:2024-01-01 to:2023-01-01",
            "--out",
            key_s
        ]),
        Some(1)
    );
    // An empty entity value, quoted or not, is a bad query.
    for q in ["entity:", "entity:\"\""] {
        assert_eq!(
            code(&["analyze", mixed, "--out", dir_s, "--query", q]),
            Some(1),
            "{q}"
        );
    }
    // 10,000 nested parentheses: an error message, not a stack overflow (134).
    let deep = format!("{}new{}", "(".repeat(10_000), ")".repeat(10_000));
    let o = lexiscope(&["analyze", mixed, "--out", dir_s, "--query", &deep]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("more than 256 deep"));
    // A filter that matches nothing: 2.
    assert_eq!(
        code(&["analyze", mixed, "--out", dir_s, "--query", "zebra", "-q"]),
        Some(2)
    );
}

/// `--out /dev/null` (the tests run as root in CI) is refused, not replaced by a regular file.
#[cfg(unix)]
#[test]
fn outputs_never_replace_special_files() {
    use std::os::unix::fs::FileTypeExt;
    let mixed = fixture("mixed");
    let o = lexiscope(&[
        "keyness",
        mixed.to_str().expect("utf-8"),
        "--target",
        "new",
        "--out",
        "/dev/null",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a regular file"));
    let meta = std::fs::metadata("/dev/null").expect("exists");
    assert!(meta.file_type().is_char_device());
}

/// The import caps are command-line flags: with a 0 MB file cap every file is refused and
/// listed, and nothing is imported (exit 2).
#[test]
fn the_file_size_cap_is_a_flag() {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("stats");
    let o = lexiscope(&[
        "analyze",
        fixture("mixed").to_str().expect("utf-8"),
        "--out",
        dir.to_str().expect("utf-8"),
        "--max-file-mb",
        "0",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("too_large"));
}

/// `entity_pairs.csv` keeps pairs sharing at least `--min-pair-articles` articles (2 by default);
/// 1 keeps every pair.
#[test]
fn entity_pairs_need_a_minimum_support() {
    let out = tempfile::tempdir().expect("tempdir");
    let sample = crate::helpers::crate_path("assets/sample");
    let run = |dir: &Path, extra: &[&str]| {
        let mut args = vec![
            "analyze",
            sample.to_str().expect("utf-8"),
            "--out",
            dir.to_str().expect("utf-8"),
            "-q",
        ];
        args.extend_from_slice(extra);
        assert_eq!(lexiscope(&args).status.code(), Some(0));
        read_csv(&dir.join("entity_pairs.csv"))
    };
    let all = run(&out.path().join("all"), &["--min-pair-articles", "1"]);
    let kept = run(&out.path().join("kept"), &[]);
    let support = |rows: &[std::collections::BTreeMap<String, String>]| {
        rows.iter()
            .map(|r| r["article_count"].parse::<u64>().expect("count"))
            .collect::<Vec<u64>>()
    };
    let (all_s, kept_s) = (support(&all), support(&kept));
    assert!(all_s.contains(&1), "single-article pairs exist");
    assert!(kept_s.iter().all(|&n| n >= 2));
    assert_eq!(kept_s.len(), all_s.iter().filter(|&&n| n >= 2).count());
    assert!(kept_s.len() < all_s.len());
}
