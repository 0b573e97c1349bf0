//! Cleaning on the scraped-news fixture (`tests/fixtures/scraped`): 18 articles, 10 of them
//! three syndicated stories in 4, 3 and 3 edited copies (other headline and byline, a sentence
//! trimmed or added, a word changed, extra white space), 8 local stories; an outlet promo (12
//! articles), a share bar (10) and a copyright line (10); wire datelines and bylines.

use std::path::Path;

use lexiscope::import::ImportOptions;
use lexiscope::model::CleaningOptions;

use crate::helpers::{fixture, import, import_with, lexiscope, short};

fn read_rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(path).expect("csv");
    r.records()
        .map(|rec| rec.expect("row").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn boilerplate_lines_bylines_and_datelines_are_removed_and_listed() {
    let corpus = import(&[fixture("scraped")]);
    let c = &corpus.report.cleaning;
    let lines: Vec<(&str, u64)> = c
        .boilerplate
        .iter()
        .map(|l| (l.line.as_str(), l.articles))
        .collect();
    assert_eq!(
        lines,
        [
            ("sign up for the morning digest newsletter", 12),
            ("share this story: facebook | twitter | email", 10),
            ("© # the harbour courier. all rights reserved.", 10),
        ]
    );
    assert_eq!(c.boilerplate_lines_removed, 32);
    // Bylines on 7 of the 10 wire copies; a dateline on each of them.
    assert_eq!((c.bylines_removed, c.datelines_removed), (7, 10));
    for a in &corpus.articles {
        for junk in [
            "Morning Digest",
            "Facebook",
            "All rights reserved",
            "(Reuters)",
            "By ",
        ] {
            assert!(!a.text.contains(junk), "{junk} left in {}", a.source);
        }
    }
    // Kept: the first copy of each story and the 8 local ones.
    assert_eq!(corpus.articles.len(), 11);
    let first = &corpus.articles[0];
    assert!(
        first
            .text
            .starts_with("Egypt and Ethiopia agreed on Monday")
    );
}

#[test]
fn every_planted_copy_is_clustered_and_nothing_else() {
    let corpus = import(&[fixture("scraped")]);
    let c = &corpus.report.cleaning;
    let clusters: Vec<Vec<String>> = c
        .near_duplicate_clusters
        .iter()
        .map(|k| k.members.iter().map(|m| short(&m.source)).collect())
        .collect();
    assert_eq!(
        clusters,
        [
            vec![
                "scraped/01.txt",
                "scraped/02.txt",
                "scraped/03.txt",
                "scraped/04.txt"
            ],
            vec!["scraped/05.txt", "scraped/06.txt", "scraped/07.txt"],
            vec!["scraped/08.txt", "scraped/09.txt", "scraped/10.txt"],
        ]
    );
    assert_eq!(c.near_duplicates_dropped, 7);
    assert_eq!(c.exact_duplicate_clusters, 0);
    let copies: Vec<&str> = corpus
        .articles
        .iter()
        .map(|a| {
            a.metadata
                .iter()
                .find(|(k, _)| k == "copies")
                .map_or("", |(_, v)| v.as_str())
        })
        .collect();
    assert_eq!(
        copies,
        [
            "yes", "yes", "yes", "no", "no", "no", "no", "no", "no", "no", "no"
        ]
    );

    // Counting every copy keeps all 18, still clustered, with their ids.
    let opts = ImportOptions {
        keep_duplicates: true,
        ..ImportOptions::default()
    };
    let all = import_with(&[fixture("scraped")], &opts);
    assert_eq!(all.articles.len(), 18);
    let ids: Vec<Option<u32>> = all.report.cleaning.near_duplicate_clusters[1]
        .members
        .iter()
        .map(|m| m.article_id)
        .collect();
    assert_eq!(ids, [Some(4), Some(5), Some(6)]);
}

#[test]
fn a_corpus_without_copies_has_no_clusters() {
    let corpus = import(&[fixture("mixed")]);
    assert!(corpus.report.cleaning.near_duplicate_clusters.is_empty());
    assert!(corpus.report.cleaning.boilerplate.is_empty());
    // Only the local stories of the scraped fixture: none is a copy of another.
    let dir = tempfile::tempdir().expect("tempdir");
    for n in 11..=18 {
        let name = format!("{n}.txt");
        std::fs::copy(fixture("scraped").join(&name), dir.path().join(&name)).expect("copy");
    }
    let local = import(&[dir.path().to_path_buf()]);
    assert_eq!(local.articles.len(), 8);
    assert!(local.report.cleaning.near_duplicate_clusters.is_empty());
}

#[test]
fn switches_keep_the_boilerplate_and_the_copies() {
    let opts = ImportOptions {
        cleaning: CleaningOptions {
            keep_boilerplate: true,
            find_near_duplicates: false,
            ..CleaningOptions::default()
        },
        ..ImportOptions::default()
    };
    let corpus = import_with(&[fixture("scraped")], &opts);
    assert_eq!(corpus.articles.len(), 18);
    let c = &corpus.report.cleaning;
    assert!(c.boilerplate.is_empty() && c.near_duplicate_clusters.is_empty());
    assert_eq!(c.boilerplate_bytes_removed, 0);
    assert!(
        corpus.articles[0]
            .text
            .starts_with("By Jane Doe, Reuters\nCAIRO (Reuters) — ")
    );
    // No `copies` field without clustering: the only field is the detected language.
    assert!(
        corpus
            .articles
            .iter()
            .all(|a| a.metadata.iter().all(|(k, _)| k == "language"))
    );
}

#[test]
fn analyze_reports_cleaning_and_top_terms_lose_the_junk() {
    let out = tempfile::tempdir().expect("tempdir");
    let scraped = fixture("scraped");
    let run = |dir: &Path, extra: &[&str]| {
        let mut args = vec![
            "analyze",
            scraped.to_str().expect("utf-8"),
            "--out",
            dir.to_str().expect("utf-8"),
            "-q",
        ];
        args.extend_from_slice(extra);
        let o = lexiscope(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let clean = out.path().join("clean");
    let kept = out.path().join("kept");
    run(&clean, &[]);
    run(&kept, &["--keep-boilerplate", "--keep-duplicates"]);
    let terms = |dir: &Path| -> Vec<String> {
        read_rows(&dir.join("terms.csv"))
            .into_iter()
            .take(20)
            .map(|r| r[1].clone())
            .collect()
    };
    let entities = |dir: &Path| -> Vec<String> {
        read_rows(&dir.join("entities.csv"))
            .into_iter()
            .map(|r| r[0].clone())
            .collect()
    };
    let junk = [
        "newsletter",
        "digest",
        "facebook",
        "reserved",
        "reuters",
        "sign",
    ];
    // The junk is there without cleaning (so the check below can fail)…
    assert!(
        junk.iter().all(|j| terms(&kept).iter().any(|t| t == j)),
        "{:?}",
        terms(&kept)
    );
    // …and gone with it.
    for j in junk {
        assert!(
            !terms(&clean).iter().any(|t| t == j),
            "{j} in {:?}",
            terms(&clean)
        );
    }
    for e in [
        "Morning Digest",
        "Harbour Courier",
        "Jane Doe",
        "Reuters",
        "Facebook",
    ] {
        assert!(
            entities(&kept).iter().any(|x| x == e),
            "{e} missing before cleaning"
        );
        assert!(
            !entities(&clean).iter().any(|x| x == e),
            "{e} left after cleaning"
        );
    }
    let summary: Vec<Vec<String>> = read_rows(&clean.join("summary.csv"));
    let get = |k: &str| summary.iter().find(|r| r[0] == k).map(|r| r[1].clone());
    assert_eq!(get("boilerplate_lines").as_deref(), Some("3"));
    assert_eq!(get("near_duplicate_clusters").as_deref(), Some("3"));
    assert_eq!(get("near_duplicates_dropped").as_deref(), Some("7"));
    assert_eq!(get("articles").as_deref(), Some("11"));
    let rows = read_rows(&clean.join("near_duplicates.csv"));
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[0][..2], ["1".to_owned(), "0".to_owned()]);
    assert_eq!(rows[0][3], "1");
    assert_eq!(rows[1][1], "", "a dropped copy has no article id");
    let params = std::fs::read_to_string(clean.join("export_params.json")).expect("params");
    assert!(params.contains("\"keep_boilerplate\": false"), "{params}");
    let params = std::fs::read_to_string(kept.join("export_params.json")).expect("params");
    assert!(params.contains("\"keep_boilerplate\": true"), "{params}");
    assert!(params.contains("\"keep_duplicates\": true"), "{params}");
}

#[test]
fn mention_offsets_still_point_into_the_files_after_cleaning() {
    let o = lexiscope(&[
        "mentions",
        fixture("scraped").to_str().expect("utf-8"),
        "--format",
        "csv",
    ]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    let file = std::fs::read_to_string(fixture("scraped/01.txt")).expect("read");
    let chars: Vec<char> = file.chars().collect();
    let mut checked = 0;
    for line in out.lines().filter(|l| l.contains("scraped/01.txt")) {
        let f: Vec<&str> = line.split(',').collect();
        let (s, e): (usize, usize) = (f[1].parse().expect("start"), f[2].parse().expect("end"));
        let surface: String = chars[s..e].iter().collect();
        assert_eq!(surface, f[4], "{line}");
        checked += 1;
    }
    // "Egypt" and "Ethiopia" in the title and the body, "Blue Nile", "Sudan", … all checked.
    assert!(checked >= 5, "{checked}");
}
