//! `lexiscope export --parquet`: the per-article tables, read back with the `parquet` crate, sum
//! to the CSVs of `analyze` on the same corpus (terms.csv counts and article frequencies,
//! timeline_month.csv articles and tokens, entities.csv mentions).

use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, Row};

use crate::helpers::{crate_path, lexiscope, read_csv};

fn rows(path: &Path) -> Vec<Row> {
    let reader =
        SerializedFileReader::new(File::open(path).expect("open")).expect("a parquet file");
    reader
        .get_row_iter(None)
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect()
}

/// Column `name` of a row.
fn field<'a>(row: &'a Row, name: &str) -> &'a Field {
    row.get_column_iter()
        .find(|(n, _)| n.as_str() == name)
        .map(|(_, f)| f)
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn long(row: &Row, name: &str) -> i64 {
    match field(row, name) {
        Field::Long(v) => *v,
        other => panic!("{name}: {other:?}"),
    }
}

fn string(row: &Row, name: &str) -> String {
    match field(row, name) {
        Field::Str(v) => v.clone(),
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn parquet_tables_sum_to_the_csvs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = crate_path("assets/sample");
    let sample = sample.to_str().expect("utf-8");
    let (pq, csv) = (dir.path().join("pq"), dir.path().join("csv"));
    let o = lexiscope(&[
        "export",
        sample,
        "--parquet",
        pq.to_str().expect("utf-8"),
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = lexiscope(&[
        "analyze",
        sample,
        "--out",
        csv.to_str().expect("utf-8"),
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in lexiscope::export::PARQUET_FILES {
        assert!(pq.join(f).exists(), "{f}");
    }
    assert!(pq.join("manifest.json").exists());

    // terms.csv: count = SUM(count), doc_freq = COUNT(*) per term.
    let mut terms: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for r in rows(&pq.join("article_terms.parquet")) {
        let e = terms.entry(string(&r, "term")).or_default();
        e.0 += long(&r, "count");
        e.1 += 1;
    }
    let expected = read_csv(&csv.join("terms.csv"));
    assert_eq!(terms.len(), expected.len());
    for row in &expected {
        let got = terms[&row["term"]];
        assert_eq!(got.0.to_string(), row["count"], "{}", row["term"]);
        assert_eq!(got.1.to_string(), row["doc_freq"], "{}", row["term"]);
    }

    // timeline_month.csv: articles and tokens per month of the dated articles.
    let articles = rows(&pq.join("articles.parquet"));
    assert_eq!(articles.len(), 44);
    let mut months: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for r in &articles {
        if let Field::Date(days) = field(r, "date") {
            // Days since 1970-01-01 (negative before), as Parquet's DATE counts them.
            let d = chrono::NaiveDate::from_num_days_from_ce_opt(719_163 + days).expect("a date");
            let e = months.entry(d.format("%Y-%m").to_string()).or_default();
            e.0 += 1;
            e.1 += long(r, "tokens");
        }
        assert_eq!(string(r, "language"), "en");
    }
    let timeline: Vec<_> = read_csv(&csv.join("timeline_month.csv"))
        .into_iter()
        .filter(|r| r["articles"] != "0")
        .collect();
    assert_eq!(months.len(), timeline.len());
    for row in &timeline {
        let got = months[&row["period"]];
        assert_eq!(
            (got.0.to_string(), got.1.to_string()),
            (row["articles"].clone(), row["tokens"].clone())
        );
    }

    // entities.csv: mentions = SUM(mentions) per entity and type, and the mentions table has one
    // row per mention.
    let mut ents: BTreeMap<(String, String), i64> = BTreeMap::new();
    for r in rows(&pq.join("article_entities.parquet")) {
        *ents
            .entry((string(&r, "entity"), string(&r, "type")))
            .or_default() += long(&r, "mentions");
    }
    let expected = read_csv(&csv.join("entities.csv"));
    assert_eq!(ents.len(), expected.len());
    let total: i64 = ents.values().sum();
    for row in &expected {
        let key = (row["entity"].clone(), row["type"].clone());
        assert_eq!(ents[&key].to_string(), row["mentions"], "{key:?}");
    }
    let mentions = rows(&pq.join("entity_mentions.parquet"));
    assert_eq!(mentions.len() as i64, total);
    assert!(mentions.iter().all(|m| !string(m, "surface").is_empty()));

    // bigrams.csv and trigrams.csv: count = SUM(count), doc_freq = COUNT(*) per n-gram.
    let mut grams: BTreeMap<(i64, String), (i64, i64)> = BTreeMap::new();
    for r in rows(&pq.join("article_ngrams.parquet")) {
        let e = grams
            .entry((long(&r, "n"), string(&r, "ngram")))
            .or_default();
        e.0 += long(&r, "count");
        e.1 += 1;
    }
    for (n, file) in [(2, "bigrams.csv"), (3, "trigrams.csv")] {
        let expected = read_csv(&csv.join(file));
        assert!(!expected.is_empty(), "{file}");
        assert_eq!(grams.keys().filter(|k| k.0 == n).count(), expected.len());
        for row in &expected {
            let got = grams[&(n, row["ngram"].clone())];
            assert_eq!(got.0.to_string(), row["count"], "{}", row["ngram"]);
            assert_eq!(got.1.to_string(), row["doc_freq"], "{}", row["ngram"]);
        }
    }
}
