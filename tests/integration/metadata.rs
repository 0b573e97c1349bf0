//! Metadata tables joined to the text files they name: auto-detected tables (stems, relative
//! paths, CSV, TSV, JSONL), explicit tables (`ImportOptions::metadata`, `--metadata`), the id
//! column choice, the report and its problems, and a table that names nothing staying records.
//! Every corpus is built in a temporary folder; expected values are worked out by hand.

use std::path::{Path, PathBuf};

use lexiscope::import::ImportOptions;
use lexiscope::model::{Corpus, MetadataTable, ProblemKind};

use crate::helpers::{import_with, lexiscope};

/// Write `files` (path relative to `root`, content) under `root`, creating folders.
fn build(root: &Path, files: &[(&str, &str)]) {
    for (rel, content) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(path, content).expect("write");
    }
}

/// A path with the temporary root (and its `/`) removed.
fn rel(root: &Path, path: &str) -> String {
    let prefix = format!("{}/", root.display());
    path.strip_prefix(&prefix).unwrap_or(path).to_owned()
}

/// `(source, date, title, metadata as k=v joined by `;`)` of every article.
fn rows(root: &Path, corpus: &Corpus) -> Vec<(String, String, String, String)> {
    corpus
        .articles
        .iter()
        .map(|a| {
            // The language every import adds is checked in `languages.rs`.
            let meta: Vec<String> = a
                .metadata
                .iter()
                .filter(|(k, _)| k != "language")
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            (
                rel(root, &a.source),
                a.date.map_or_else(|| "-".to_owned(), |d| d.to_string()),
                a.title.clone(),
                meta.join(";"),
            )
        })
        .collect()
}

/// `(path, kind, message)` of every problem, the root removed from paths and messages.
fn problems(root: &Path, corpus: &Corpus) -> Vec<(String, ProblemKind, String)> {
    let prefix = format!("{}/", root.display());
    corpus
        .report
        .problems
        .iter()
        .map(|p| (rel(root, &p.path), p.kind, p.message.replace(&prefix, "")))
        .collect()
}

fn row(s: &str, d: &str, t: &str, m: &str) -> (String, String, String, String) {
    (s.to_owned(), d.to_owned(), t.to_owned(), m.to_owned())
}

fn table(root: &Path, path: &str, id: &str, counts: [u64; 4]) -> MetadataTable {
    MetadataTable {
        path: root.join(path).display().to_string(),
        id_column: id.to_owned(),
        rows: counts[0],
        rows_matched: counts[1],
        rows_without_file: counts[2],
        files_without_row: counts[3],
    }
}

const SPEECHES: [(&str, &str); 4] = [
    (
        "corpus/a.txt",
        " date 2001-01-01 Header A\nAlpha speaks of the harbour.\n",
    ),
    (
        "corpus/b.txt",
        " date 2002-02-02 Header B\nBeta speaks of the council.\n",
    ),
    (
        "corpus/c.txt",
        " date 2003-03-03 Header C\nGamma speaks of the budget.\n",
    ),
    (
        "corpus/d.md",
        " date 2004-04-04 Header D\nDelta speaks of the river.\n",
    ),
];

#[test]
fn a_tsv_of_stems_sets_dates_titles_and_fields_and_is_not_imported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    build(root, &SPEECHES);
    let tsv = "id\tdate\ttitle\tparty\tspeaker\n\
               a\t2010-05-06\tTitle A\tLeft\tAnn\n\
               B\tsoon\tTitle B\t\tBob\n\
               d\t1 March 2011\t\tRight\tDan\n\
               zz\t2012-01-01\tGhost\tLeft\tZed\n";
    build(root, &[("corpus/metadata.tsv", tsv)]);
    let corpus = import_with(&[root.join("corpus")], &ImportOptions::default());
    assert_eq!(
        rows(root, &corpus),
        [
            row(
                "corpus/a.txt",
                "2010-05-06",
                "Title A",
                "party=Left;speaker=Ann"
            ),
            row("corpus/b.txt", "2002-02-02", "Title B", "speaker=Bob"),
            row("corpus/c.txt", "2003-03-03", "Header C", ""),
            row(
                "corpus/d.md",
                "2011-03-01",
                "Header D",
                "party=Right;speaker=Dan"
            ),
        ]
    );
    let r = &corpus.report;
    assert_eq!((r.files_seen, r.articles_imported, r.undated), (5, 4, 0));
    assert_eq!(
        r.metadata_tables,
        [table(root, "corpus/metadata.tsv", "id", [4, 3, 1, 1])]
    );
    assert_eq!(
        problems(root, &corpus),
        [
            (
                "corpus/c.txt".to_owned(),
                ProblemKind::Metadata,
                "No row of metadata table corpus/metadata.tsv names this file.".to_owned()
            ),
            (
                "corpus/metadata.tsv#2".to_owned(),
                ProblemKind::Date,
                "The date \"soon\" could not be read; the files the row names keep the date of \
                 their own text or name, if any."
                    .to_owned()
            ),
            (
                "corpus/metadata.tsv#4".to_owned(),
                ProblemKind::Metadata,
                "The row's id \"zz\" names no imported plain-text file.".to_owned()
            ),
        ]
    );
    // The title no longer points into the file; the header's title did.
    assert_eq!(corpus.articles[0].title_char_offset, None);
    assert_eq!(corpus.articles[2].title_char_offset, Some(17));
}

#[test]
fn a_csv_of_relative_paths_in_subfolders_names_its_own_folder_only() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    build(
        root,
        &[
            ("top.txt", "Top level text.\nOutside the table's folder.\n"),
            ("corpus/2019/x.txt", "First x.\nFrom 2019.\n"),
            ("corpus/2020/x.txt", "Second x.\nFrom 2020.\n"),
            ("corpus/2020/y.txt", "The y.\nAlso from 2020.\n"),
            ("corpus/notes/readme.txt", "Notes.\nNot a speech.\n"),
            (
                "corpus/index.csv",
                "category,file,published\n\
                 war,2019/x.txt,2019-06-01\n\
                 peace,./2020\\X.TXT,2020-06-01\n\
                 tax,2020/y.txt,2020-07-01\n\
                 war,2021/z.txt,2021-01-01\n",
            ),
        ],
    );
    let corpus = import_with(&[root.to_owned()], &ImportOptions::default());
    let got: Vec<(String, String, String)> = rows(root, &corpus)
        .into_iter()
        .map(|(s, d, _, m)| (s, d, m))
        .collect();
    let expect = |s: &str, d: &str, m: &str| (s.to_owned(), d.to_owned(), m.to_owned());
    assert_eq!(
        got,
        [
            expect("corpus/2019/x.txt", "2019-06-01", "category=war"),
            expect("corpus/2020/x.txt", "2020-06-01", "category=peace"),
            expect("corpus/2020/y.txt", "2020-07-01", "category=tax"),
            expect("corpus/notes/readme.txt", "-", ""),
            expect("top.txt", "-", ""),
        ]
    );
    assert_eq!(
        corpus.report.metadata_tables,
        [table(root, "corpus/index.csv", "file", [4, 3, 1, 1])]
    );
    let listed: Vec<(String, ProblemKind)> = problems(root, &corpus)
        .into_iter()
        .map(|(p, k, _)| (p, k))
        .collect();
    assert_eq!(
        listed,
        [
            ("corpus/index.csv#4".to_owned(), ProblemKind::Metadata),
            ("corpus/notes/readme.txt".to_owned(), ProblemKind::Metadata),
            // readme.txt and top.txt: one grouped problem on the opened folder.
            (root.display().to_string(), ProblemKind::Date),
        ]
    );
    let undated = &corpus.report.problems[corpus.report.problems.len() - 1];
    assert!(
        undated.message.starts_with("2 articles are undated"),
        "{undated}"
    );
}

/// A JSONL table in `sub/` whose `id` column names `p` and `q` by stem and whose `slug` column
/// names them the other way round, by name.
fn swapped_ids(root: &Path) {
    build(
        root,
        &[
            ("sub/p.txt", " date 2005-05-05 P\nThe p speech.\n"),
            ("sub/q.txt", " date 2006-06-06 Q\nThe q speech.\n"),
            (
                "sub/meta.jsonl",
                "{\"slug\": \"q.txt\", \"id\": \"p\", \"headline\": \"Row one\", \"n\": 1}\n\
                 {\"slug\": \"p.txt\", \"id\": \"q\", \"headline\": \"Row two\", \"n\": 2}\n",
            ),
        ],
    );
}

#[test]
fn a_jsonl_table_prefers_an_id_column_unless_one_is_named() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    swapped_ids(root);
    let corpus = import_with(&[root.join("sub")], &ImportOptions::default());
    assert_eq!(
        rows(root, &corpus),
        [
            row("sub/p.txt", "2005-05-05", "Row one", "slug=q.txt;n=1"),
            row("sub/q.txt", "2006-06-06", "Row two", "slug=p.txt;n=2"),
        ]
    );
    assert_eq!(corpus.report.problems, []);
    let opts = ImportOptions {
        id_column: Some("SLUG".to_owned()),
        ..ImportOptions::default()
    };
    let corpus = import_with(&[root.join("sub")], &opts);
    assert_eq!(
        rows(root, &corpus),
        [
            row("sub/p.txt", "2005-05-05", "Row two", "id=q;n=2"),
            row("sub/q.txt", "2006-06-06", "Row one", "id=p;n=1"),
        ]
    );
    assert_eq!(
        corpus.report.metadata_tables,
        [table(root, "sub/meta.jsonl", "slug", [2, 2, 0, 0])]
    );
    // An id column the table lacks is ignored for detected tables.
    let opts = ImportOptions {
        id_column: Some("nope".to_owned()),
        ..ImportOptions::default()
    };
    let corpus = import_with(&[root.join("sub")], &opts);
    assert_eq!(corpus.report.metadata_tables[0].id_column, "id");
}

#[test]
fn a_table_naming_no_file_is_still_imported_as_records() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    build(
        root,
        &[
            ("c/a.txt", "A text.\nWith a body.\n"),
            (
                "c/records.csv",
                "title,date,text\nOne,2020-01-01,The first record.\nTwo,2020-01-02,The second.\n",
            ),
            // One row in three names a file: under half.
            ("c/few.json", r#"[{"id": "a"}, {"id": "x"}, {"id": "y"}]"#),
        ],
    );
    let corpus = import_with(&[root.join("c")], &ImportOptions::default());
    let sources: Vec<String> = rows(root, &corpus).into_iter().map(|r| r.0).collect();
    assert_eq!(sources, ["c/a.txt", "c/records.csv#1", "c/records.csv#2"]);
    assert_eq!(corpus.report.metadata_tables, []);
    let listed: Vec<(String, ProblemKind)> = problems(root, &corpus)
        .into_iter()
        .map(|(p, k, _)| (p, k))
        .collect();
    // a.txt is undated (the records are dated): one grouped problem on the opened folder.
    assert_eq!(
        listed,
        [
            ("c/few.json".to_owned(), ProblemKind::Parse),
            ("c".to_owned(), ProblemKind::Date)
        ]
    );
}

#[test]
fn an_explicit_table_outside_the_folder_names_paths_names_and_zip_entries() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    build(
        root,
        &[
            ("corpus/a.txt", " date 1990-01-01 A\nAlpha body.\n"),
            ("corpus/sub/b.txt", " date 1990-01-02 B\nBeta body.\n"),
            ("corpus/sub/c.txt", " date 1990-01-03 C\nGamma body.\n"),
            (
                "elsewhere/meta.csv",
                "Doc,Date,Party\na,2000-01-02,L\nsub/b.txt,2000-03-04,R\nzip.txt,1999-12-31,C\nnone,2001-01-01,X\n",
            ),
        ],
    );
    let zip_path = root.join("news.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("zip file"));
    zip.start_file("in/zip.txt", zip::write::SimpleFileOptions::default())
        .expect("entry");
    std::io::Write::write_all(&mut zip, b" date 1990-01-04 Z\nZipped body.\n")
        .expect("write entry");
    zip.finish().expect("zip written");
    let opts = ImportOptions {
        metadata: Some(root.join("elsewhere/meta.csv")),
        id_column: Some("doc".to_owned()),
        ..ImportOptions::default()
    };
    let corpus = import_with(&[root.join("corpus"), zip_path], &opts);
    assert_eq!(
        rows(root, &corpus),
        [
            row("corpus/a.txt", "2000-01-02", "A", "Party=L"),
            row("corpus/sub/b.txt", "2000-03-04", "B", "Party=R"),
            row("corpus/sub/c.txt", "1990-01-03", "C", ""),
            row("news.zip!in/zip.txt", "1999-12-31", "Z", "Party=C"),
        ]
    );
    assert_eq!(
        corpus.report.metadata_tables,
        [table(root, "elsewhere/meta.csv", "Doc", [4, 3, 1, 1])]
    );
    assert_eq!(
        corpus.report.files_seen, 4,
        "the table is not a file of the corpus"
    );
}

#[test]
fn an_explicit_table_naming_nothing_or_lacking_the_column_is_a_problem() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    build(
        root,
        &[
            ("corpus/a.txt", " date 2001-01-01 A\nAlpha.\n"),
            ("corpus/meta.tsv", "id\tdate\nnope\t2020-01-01\n"),
        ],
    );
    let explicit = |id_column: Option<&str>| ImportOptions {
        metadata: Some(root.join("corpus/meta.tsv")),
        id_column: id_column.map(str::to_owned),
        ..ImportOptions::default()
    };
    let corpus = import_with(&[root.join("corpus")], &explicit(None));
    assert_eq!(
        rows(root, &corpus),
        [row("corpus/a.txt", "2001-01-01", "A", "")]
    );
    assert_eq!(corpus.report.metadata_tables, []);
    assert_eq!(
        problems(root, &corpus),
        [(
            "corpus/meta.tsv".to_owned(),
            ProblemKind::Metadata,
            "No column of the metadata table names an imported plain-text file (by its path \
             relative to an opened folder, its name or its stem); nothing was joined."
                .to_owned()
        )]
    );
    let corpus = import_with(&[root.join("corpus")], &explicit(Some("file")));
    assert_eq!(
        problems(root, &corpus)[0].2,
        "The metadata table has no column named \"file\" (its columns: id, date); nothing was \
         joined."
    );
    let missing = ImportOptions {
        metadata: Some(root.join("corpus/absent.csv")),
        ..ImportOptions::default()
    };
    let corpus = import_with(&[root.join("corpus")], &missing);
    let listed = problems(root, &corpus);
    assert_eq!(
        (listed[0].0.as_str(), listed[0].1),
        ("corpus/absent.csv", ProblemKind::Metadata)
    );
}

#[test]
fn many_files_without_a_row_are_listed_twenty_then_counted() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    let files: Vec<(String, String)> = (0..25)
        .map(|i| {
            (
                format!("c/f{i:02}.txt"),
                format!("Text number {i}.\nBody {i}.\n"),
            )
        })
        .chain([(
            "c/meta.csv".to_owned(),
            "file,speaker\nf00,Ann\n".to_owned(),
        )])
        .collect();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    build(root, &files);
    let corpus = import_with(&[root.join("c")], &ImportOptions::default());
    assert_eq!(
        corpus.report.metadata_tables,
        [table(root, "c/meta.csv", "file", [1, 1, 0, 24])]
    );
    let listed = problems(root, &corpus);
    // 20 files listed, one "more" problem, then the grouped undated problem (the table has no
    // date column, so all 25 are undated).
    assert_eq!(listed.len(), 22);
    assert_eq!(listed[21].1, ProblemKind::Date);
    assert!(
        listed[21].2.starts_with("25 articles are undated"),
        "{}",
        listed[21].2
    );
    assert_eq!(listed[0].0, "c/f01.txt");
    assert_eq!(listed[19].0, "c/f20.txt");
    assert_eq!(
        (listed[20].0.as_str(), listed[20].2.as_str()),
        (
            "c/meta.csv",
            "4 more files are named by no row of this metadata table."
        )
    );
}

#[test]
fn cli_metadata_and_id_column_flags_reach_documents_csv_and_the_summary() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    swapped_ids(root);
    let out: PathBuf = root.join("out");
    let utf8 = |p: &Path| p.to_str().expect("utf-8 path").to_owned();
    let (sub, table_path) = (utf8(&root.join("sub")), utf8(&root.join("sub/meta.jsonl")));
    let o = lexiscope(&[
        "analyze",
        &sub,
        "--out",
        &utf8(&out),
        "--metadata",
        &table_path,
        "--id-column",
        "slug",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "stderr: {stderr}");
    let expected = format!(
        "metadata table {table_path} (id column slug): 2 rows, 2 joined; 0 rows without a file, 0 \
         files without a row"
    );
    assert!(stderr.contains(&expected), "stderr: {stderr}");
    let mut docs = csv::Reader::from_path(out.join("documents.csv")).expect("documents.csv");
    let got: Vec<(String, String)> = docs
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[2].to_owned(), r[3].to_owned())
        })
        .collect();
    let want = |t: &str, d: &str| (t.to_owned(), d.to_owned());
    assert_eq!(
        got,
        [want("Row two", "2005-05-05"), want("Row one", "2006-06-06")]
    );
    let tables = std::fs::read_to_string(out.join("metadata_tables.csv")).expect("tables csv");
    assert_eq!(
        tables,
        format!(
            "path,id_column,rows,rows_matched,rows_without_file,files_without_row\n\
             {table_path},slug,2,2,0,0\n"
        )
    );
    let o = lexiscope(&[
        "analyze",
        &sub,
        "--out",
        &utf8(&out),
        "--metadata",
        "/nonexistent.csv",
    ]);
    assert_eq!(o.status.code(), Some(1));
}
