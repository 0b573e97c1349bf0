//! Unit tests of metadata tables: keys, the target index, the id column choice and table parsing.

use super::index::{NoIdColumn, Scope, Target, TargetIndex, choose_id_column, norm_key};
use super::{Detector, Format, folder_of, parse_table};
use crate::import::ImportOptions;
use crate::import::walk::Source;
use crate::model::ImportReport;

fn index() -> TargetIndex {
    TargetIndex::new(vec![
        Target::on_disk("c/a.txt"),
        Target::on_disk("c/sub/a.txt"),
        Target::on_disk("c/sub/B.md"),
        Target::on_disk("d/a.txt"),
        Target::in_zip("news.zip!in/a.txt", "in/a.txt"),
    ])
}

#[test]
fn keys_ignore_case_dot_parts_and_backslashes() {
    assert_eq!(norm_key(" ./Sub\\A.TXT "), "sub/a.txt");
    assert_eq!(norm_key("././x//y/"), "x/y");
    assert_eq!(norm_key("  "), "");
    assert_eq!(folder_of("./corpus/meta.tsv"), "corpus");
    assert_eq!(folder_of("meta.tsv"), "");
    let t = Target::on_disk("C/Sub/2023.01.31");
    assert_eq!(
        (t.path.as_str(), t.name.as_str()),
        ("c/sub/2023.01.31", "2023.01.31")
    );
    assert_eq!(t.stem, "2023.01");
    assert_eq!(Target::on_disk(".hidden").stem, ".hidden");
}

#[test]
fn values_name_files_by_path_then_name_then_stem_within_the_scope() {
    let index = index();
    let folder = Scope::Folder("c".to_owned());
    assert_eq!(index.resolve("sub/a.txt", &folder), [1]);
    assert_eq!(index.resolve("./A.txt", &folder), [0]);
    assert_eq!(index.resolve("a", &folder), [0, 1]);
    assert_eq!(index.resolve("b", &folder), [2]);
    assert_eq!(index.resolve("b.MD", &folder), [2]);
    assert_eq!(index.resolve("x", &folder), Vec::<usize>::new());
    assert_eq!(index.resolve("", &folder), Vec::<usize>::new());
    assert!(index.has_files_under("c") && index.has_files_under("c/sub"));
    assert!(!index.has_files_under("c/s") && !index.has_files_under("in"));
    let opened = Scope::Opened(vec!["c".to_owned()]);
    assert_eq!(index.resolve("sub\\a.txt", &opened), [1]);
    assert_eq!(index.resolve("d/a.txt", &opened), [3]);
    assert_eq!(index.resolve("in/a.txt", &opened), [4]);
    assert_eq!(index.resolve("a", &opened), [0, 1, 3, 4]);
    assert!(index.in_scope(4, &opened) && !index.in_scope(4, &folder));
}

#[test]
fn the_id_column_names_most_files_and_ties_go_to_id_names() {
    let index = index();
    let scope = Scope::Folder("c".to_owned());
    let columns: Vec<String> = ["label", "ID", "other"].map(String::from).to_vec();
    let rows: Vec<Vec<String>> = [["a", "a", "x"], ["b", "b", "a"], ["q", "q", "q"]]
        .iter()
        .map(|r| r.map(String::from).to_vec())
        .collect();
    let rows: Vec<&[String]> = rows.iter().map(Vec::as_slice).collect();
    let choose = |wanted: Option<&str>, required: bool, half: bool| {
        choose_id_column(&columns, &rows, &index, &scope, wanted, required, half)
    };
    assert_eq!(choose(None, false, true), Ok((1, 2)));
    assert_eq!(choose(Some("OTHER"), false, false), Ok((2, 1)));
    assert_eq!(
        choose(Some("other"), false, true),
        Err(NoIdColumn::TooFew(1))
    );
    assert_eq!(choose(Some("nope"), false, true), Ok((1, 2)));
    assert_eq!(
        choose(Some("nope"), true, false),
        Err(NoIdColumn::Missing("nope".to_owned()))
    );
    let elsewhere = Scope::Folder("e".to_owned());
    let none = choose_id_column(&columns, &rows, &index, &elsewhere, None, false, false);
    assert_eq!(none, Err(NoIdColumn::TooFew(0)));
}

#[test]
fn tables_are_read_from_csv_tsv_json_and_json_lines() {
    let csv = parse_table("id;date\n a ;2020-01-02\nb\n", Format::Csv, "m.csv").expect("csv");
    assert_eq!(csv.columns, ["id", "date"]);
    let rows: Vec<&[String]> = csv.good_rows();
    assert_eq!(rows, [&["a", "2020-01-02"][..], &["b", ""][..]]);
    let tsv = parse_table("id\tx\n1\t2\n", Format::Tsv, "m.tsv").expect("tsv");
    assert_eq!(tsv.good_rows(), [&["1", "2"][..]]);
    let json = r#"{"n": 2, "docs": [{"id": "a", "n": 1}, 5, {"id": "b", "ok": true, "t": null}]}"#;
    let json = parse_table(json, Format::Json, "m.json").expect("json");
    assert_eq!(json.columns, ["id", "n", "ok", "t"]);
    assert_eq!(json.rows.len(), 3);
    assert_eq!(
        json.rows[0],
        Ok(["a", "1", "", ""].map(String::from).to_vec())
    );
    assert!(json.rows[1].is_err());
    assert_eq!(
        json.rows[2],
        Ok(["b", "", "true", ""].map(String::from).to_vec())
    );
    let lines = "{\"file\": \"a.txt\"}\n\n{oops\n{\"file\": \"b\", \"party\": \"L\"}\n";
    let lines = parse_table(lines, Format::JsonLines, "m.jsonl").expect("jsonl");
    assert_eq!(lines.columns, ["file", "party"]);
    let ok: Vec<bool> = lines.rows.iter().map(Result::is_ok).collect();
    assert_eq!(ok, [true, false, true]);
    assert!(parse_table("", Format::Csv, "e.csv").is_none());
    assert!(parse_table("[1, 2]", Format::Json, "n.json").is_none());
}

#[test]
fn odd_tables_never_panic_and_name_nothing() {
    let text = Source {
        path: "c/a.txt".into(),
        display: "c/a.txt".to_owned(),
        size_bytes: 3,
        format: Format::Text,
    };
    let table = |format| Source {
        path: "c/t".into(),
        display: "c/t".to_owned(),
        size_bytes: 10,
        format,
    };
    let sources = [text.clone(), table(Format::Csv)];
    let detector = Detector::new(&sources, &ImportOptions::default());
    let inputs: [&[u8]; 9] = [
        b"",
        b"\"",
        b"{",
        b"id\n\\\\\n",
        b"[{\"a\": [1]}, {\"a\": {\"b\": 2}}]",
        b"\xFF\xFE\x00",
        b"id,id\n../..,/\n",
        b"{\"id\": \"b\"}\n[]\n",
        b"a\tb\n\"\t\"\n",
    ];
    for bytes in inputs {
        for format in [Format::Csv, Format::Tsv, Format::Json, Format::JsonLines] {
            assert!(
                detector.detect(&table(format), bytes).is_none(),
                "{bytes:?}"
            );
        }
    }
    // A JSONL table naming `a` is found; the same bytes as a text file are not a table.
    let jsonl = b"{\"id\": \"A\"}\n";
    assert!(detector.detect(&table(Format::JsonLines), jsonl).is_some());
    assert!(detector.detect(&text, jsonl).is_none());
}

#[test]
fn old_reports_without_tables_still_load() {
    let json = r#"{"files_seen": 2, "articles_imported": 1, "duplicates_dropped": 0,
                   "undated": 1, "bytes_read": 10, "problems": []}"#;
    let report: ImportReport = serde_json::from_str(json).expect("loads");
    assert_eq!((report.files_seen, report.metadata_tables.len()), (2, 0));
}
