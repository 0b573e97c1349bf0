//! Structured files: JSON (an array of records, an object holding one, or a single record),
//! JSON Lines / NDJSON, and CSV/TSV with a header row.
//!
//! Each record becomes one article whose source is `path#N` (N = 1-based record number: array
//! index + 1, the N-th non-blank line of a JSONL file, the N-th data row of a CSV). Field roles,
//! metadata and problem grouping are in `records`.

use serde_json::{Map, Value};

use super::records::{Records, Scalar, TEXT_NAMES, detect_roles};
use super::{ImportOptions, Outcome};
use crate::model::ProblemKind;

fn scalar(value: &Value) -> Scalar<'_> {
    match value {
        Value::String(s) => Scalar::Str(s),
        Value::Number(n) => Scalar::Num(n),
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Null | Value::Array(_) | Value::Object(_) => Scalar::Other,
    }
}

fn add_object(records: &mut Records<'_>, object: &Map<String, Value>, opts: &ImportOptions) {
    let fields: Vec<(&str, Scalar<'_>)> = object
        .iter()
        .map(|(k, v)| (k.as_str(), scalar(v)))
        .collect();
    let keys: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
    records.add(&fields, detect_roles(&keys, opts));
}

fn add_values(records: &mut Records<'_>, items: &[Value], opts: &ImportOptions) {
    for item in items {
        match item {
            Value::Object(object) => add_object(records, object, opts),
            _ => records.bad("The array element is not an object; it was skipped.".to_owned()),
        }
    }
}

/// Parse a `.json` file. A file that is not one JSON value but whose lines are JSON objects is
/// read as JSON Lines.
pub(crate) fn parse_json(content: &str, path: &str, opts: &ImportOptions, out: &mut Outcome) {
    let value: Value = match serde_json::from_str(content) {
        Ok(v) => v,
        Err(e) => {
            if looks_like_json_lines(content) {
                parse_json_lines(content, path, opts, out);
            } else {
                let message = format!("The file is not valid JSON: {e}.");
                out.problem(ProblemKind::Parse, path, message);
            }
            return;
        }
    };
    let mut records = Records::new(path, out);
    match &value {
        Value::Array(items) => add_values(&mut records, items, opts),
        Value::Object(object) => {
            let keys: Vec<&str> = object.keys().map(String::as_str).collect();
            let has_text = detect_roles(&keys, opts)
                .text
                .and_then(|i| object.values().nth(i))
                .is_some_and(|v| !matches!(scalar(v), Scalar::Other));
            let array = object.values().find_map(|v| match v {
                Value::Array(items) if items.iter().any(Value::is_object) => Some(items),
                _ => None,
            });
            match array {
                Some(items) if !has_text => add_values(&mut records, items, opts),
                _ => add_object(&mut records, object, opts),
            }
        }
        _ => {
            let message = "The JSON file holds neither an array nor an object of records.";
            records.out.problem(ProblemKind::Parse, path, message);
        }
    }
    records.finish();
}

fn looks_like_json_lines(content: &str) -> bool {
    let mut lines = content.lines().filter(|l| !l.trim().is_empty());
    let first_is_object = lines
        .next()
        .is_some_and(|l| serde_json::from_str::<Map<String, Value>>(l).is_ok());
    first_is_object && lines.next().is_some()
}

/// Parse a `.jsonl` / `.ndjson` file: one JSON object per non-blank line.
pub(crate) fn parse_json_lines(content: &str, path: &str, opts: &ImportOptions, out: &mut Outcome) {
    let mut records = Records::new(path, out);
    for (line_index, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(object)) => add_object(&mut records, &object, opts),
            Ok(_) => records.bad(format!(
                "Line {} is not a JSON object; it was skipped.",
                line_index + 1
            )),
            Err(e) => records.bad(format!(
                "Line {} is not valid JSON ({e}); it was skipped.",
                line_index + 1
            )),
        }
    }
    records.finish();
}

/// The delimiter of a `.csv` file: a comma unless the header line has no comma but tabs or
/// semicolons.
pub(crate) fn sniff_csv_delimiter(content: &str) -> u8 {
    let header = content.lines().next().unwrap_or_default();
    if header.contains(',') {
        b','
    } else if header.contains('\t') {
        b'\t'
    } else if header.contains(';') {
        b';'
    } else {
        b','
    }
}

/// Where a quote opens that is never closed: `(line of the quote, byte where its row starts)`.
/// Follows the CSV reader's rules: a quote opens a field only at its start, `""` inside quotes is
/// a quote, and a row ends at a line break outside quotes. Such a quote makes the rest of the file
/// one field, silently, so it is looked for first.
fn unclosed_quote(content: &str, delimiter: u8) -> Option<(usize, usize)> {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        InField,
        Quoted,
        QuoteInQuoted,
    }
    let bytes = content.as_bytes();
    memchr::memchr(b'"', bytes)?;
    let (mut state, mut row_start, mut quote_at) = (State::FieldStart, 0, 0);
    for (i, &b) in bytes.iter().enumerate() {
        let line_end = b == b'\n' || b == b'\r';
        state = match state {
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::FieldStart if b == b'"' => {
                quote_at = i;
                State::Quoted
            }
            _ if b == delimiter => State::FieldStart,
            _ if line_end => {
                row_start = i + 1;
                State::FieldStart
            }
            _ => State::InField,
        };
    }
    (state == State::Quoted).then(|| {
        let line = memchr::memchr_iter(b'\n', &bytes[..quote_at]).count() + 1;
        (line, row_start)
    })
}

/// Parse a CSV/TSV file with a header row. A quote that is never closed would swallow the rest of
/// the file into one field: the rows before its row are read, and the rest is listed.
pub(crate) fn parse_csv(
    content: &str,
    delimiter: u8,
    path: &str,
    opts: &ImportOptions,
    out: &mut Outcome,
) {
    let content = match unclosed_quote(content, delimiter) {
        Some((line, row_start)) => {
            let lines = content.lines().count();
            let message = format!(
                "A quote opened on line {line} is never closed, so the rest of the file (to line \
                 {lines}) would be one field; the rows from that row on were not imported."
            );
            out.problem(ProblemKind::Parse, path, message);
            content.get(..row_start).unwrap_or_default()
        }
        None => content,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(content.as_bytes());
    let headers = match reader.headers() {
        Ok(h) if h.is_empty() => return,
        Ok(h) => h.clone(),
        Err(e) => {
            let message = format!("The header row could not be read: {e}.");
            out.problem(ProblemKind::Parse, path, message);
            return;
        }
    };
    let keys: Vec<&str> = headers.iter().map(str::trim).collect();
    let roles = detect_roles(&keys, opts);
    if roles.text.is_none() {
        let message = format!(
            "No text column ({}) was found among the columns {}; nothing was imported from it.",
            TEXT_NAMES[..4].join(", "),
            keys.join(", ")
        );
        out.problem(ProblemKind::Parse, path, message);
        return;
    }
    let mut records = Records::new(path, out);
    for row in reader.records() {
        match row {
            Ok(row) => {
                let fields: Vec<(&str, Scalar<'_>)> = keys
                    .iter()
                    .enumerate()
                    .map(|(i, k)| (*k, row.get(i).map_or(Scalar::Other, Scalar::Str)))
                    .collect();
                records.add(&fields, roles);
            }
            Err(e) => records.bad(format!("The row could not be read: {e}.")),
        }
    }
    records.finish();
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn run(f: impl FnOnce(&mut Outcome)) -> Outcome {
        let mut out = Outcome::default();
        f(&mut out);
        out
    }

    fn kinds(out: &Outcome) -> Vec<(ProblemKind, &str)> {
        out.problems
            .iter()
            .map(|p| (p.kind, p.path.as_str()))
            .collect()
    }

    #[test]
    fn json_array_keeps_metadata_in_record_order() {
        let json = r#"[{"id": 7, "title": " A ", "score": 1.5, "date": "2023-01-31T10:00:00Z",
                        "tags": ["x"], "text": "Body one", "live": true, "none": null},
                       {"headline": "B", "published": 1675159200, "content": "Body two"}]"#;
        let out = run(|o| parse_json(json, "f.json", &ImportOptions::default(), o));
        assert_eq!(out.problems, vec![]);
        let a = &out.articles[0];
        assert_eq!(
            (a.source.as_str(), a.title.as_str(), a.text.as_str()),
            ("f.json#1", "A", "Body one")
        );
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2023, 1, 31));
        let meta: Vec<(&str, &str)> = a
            .metadata
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(meta, [("id", "7"), ("score", "1.5"), ("live", "true")]);
        let b = &out.articles[1];
        assert_eq!((b.source.as_str(), b.title.as_str()), ("f.json#2", "B"));
        assert_eq!(b.date, NaiveDate::from_ymd_opt(2023, 1, 31));
    }

    #[test]
    fn json_object_holding_records_or_being_one() {
        let holder = r#"{"meta": {"n": 2}, "items": [{"text": "a"}, {"text": "b"}]}"#;
        let out = run(|o| parse_json(holder, "h.json", &ImportOptions::default(), o));
        assert_eq!(out.articles.len(), 2);
        assert_eq!(kinds(&out), [(ProblemKind::Date, "h.json")]);
        let single = r#"{"title": "T", "date": "2023-01-31", "text": "Only", "links": [{"x": 1}]}"#;
        let out = run(|o| parse_json(single, "s.json", &ImportOptions::default(), o));
        assert_eq!(out.articles.len(), 1);
        assert_eq!(out.articles[0].source, "s.json#1");
        assert_eq!(out.problems, vec![]);
    }

    #[test]
    fn json_problems_per_record_and_per_file() {
        let json = r#"[{"text": "ok", "date": "2023-01-31"}, 5, {"text": "  ", "date": "2023-01-31"},
                       {"title": "no text", "date": "2023-01-31"}, {"text": "bad date", "date": "soon"},
                       {"text": "no date"}]"#;
        let out = run(|o| parse_json(json, "p.json", &ImportOptions::default(), o));
        assert_eq!(out.articles.len(), 3);
        assert_eq!(
            kinds(&out),
            [
                (ProblemKind::Parse, "p.json#2"),
                (ProblemKind::Empty, "p.json#3"),
                (ProblemKind::Date, "p.json#5"),
                (ProblemKind::Empty, "p.json#4"),
                (ProblemKind::Date, "p.json#6"),
            ]
        );
        let out = run(|o| parse_json("[{\"text\": ", "broken.json", &ImportOptions::default(), o));
        assert_eq!(kinds(&out), [(ProblemKind::Parse, "broken.json")]);
        let out = run(|o| parse_json("[{\"x\": 1}]", "nt.json", &ImportOptions::default(), o));
        assert_eq!(kinds(&out), [(ProblemKind::Parse, "nt.json")]);
    }

    #[test]
    fn json_lines_and_json_lines_in_a_json_file() {
        let lines = "{\"text\": \"a\", \"date\": \"2023-01-31\"}\n\n{oops\n[1]\n{\"text\": \"b\", \"date\": \"2023-02-01\"}\n";
        let out = run(|o| parse_json_lines(lines, "l.jsonl", &ImportOptions::default(), o));
        let sources: Vec<&str> = out.articles.iter().map(|a| a.source.as_str()).collect();
        assert_eq!(sources, ["l.jsonl#1", "l.jsonl#4"]);
        assert_eq!(
            kinds(&out),
            [
                (ProblemKind::Parse, "l.jsonl#2"),
                (ProblemKind::Parse, "l.jsonl#3")
            ]
        );
        let out = run(|o| parse_json(lines, "l.json", &ImportOptions::default(), o));
        assert_eq!(out.articles.len(), 2);
    }

    #[test]
    fn csv_with_sniffed_delimiters() {
        assert_eq!(sniff_csv_delimiter("a,b\n"), b',');
        assert_eq!(sniff_csv_delimiter("a\tb\n"), b'\t');
        assert_eq!(sniff_csv_delimiter("a;b\n"), b';');
        let csv =
            "Title;Date;Text;Source\nOne;31 Jan 2023;\"Body; with semicolon\";AP\nTwo;;Body two;\n";
        let out = run(|o| {
            parse_csv(
                csv,
                sniff_csv_delimiter(csv),
                "c.csv",
                &ImportOptions::default(),
                o,
            )
        });
        assert_eq!(out.articles.len(), 2);
        assert_eq!(out.articles[0].text, "Body; with semicolon");
        assert_eq!(
            out.articles[0].metadata,
            [("Source".to_owned(), "AP".to_owned())]
        );
        assert_eq!(out.articles[1].date, None);
        assert_eq!(kinds(&out), [(ProblemKind::Date, "c.csv#2")]);
        let out = run(|o| parse_csv("a,b\n1,2\n", b',', "n.csv", &ImportOptions::default(), o));
        assert_eq!(kinds(&out), [(ProblemKind::Parse, "n.csv")]);
    }

    #[test]
    fn unclosed_quote_keeps_the_rows_before_it_and_is_listed() {
        let csv = "title,date,text\n\
                   One,2023-01-31,\"Body, \"\"quoted\"\"\nover two lines\"\n\
                   Two,2023-02-01,Say 5\" of snow\n\
                   Three,2023-02-02,\"Never closed, body\n\
                   Four,2023-02-03,swallowed\n\
                   Five,2023-02-04,swallowed too\n";
        let out = run(|o| parse_csv(csv, b',', "q.csv", &ImportOptions::default(), o));
        let texts: Vec<&str> = out.articles.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Body, \"quoted\"\nover two lines", "Say 5\" of snow"]
        );
        assert_eq!(kinds(&out), [(ProblemKind::Parse, "q.csv")]);
        assert_eq!(
            out.problems[0].message,
            "A quote opened on line 5 is never closed, so the rest of the file (to line 7) would \
             be one field; the rows from that row on were not imported."
        );
        assert_eq!(unclosed_quote("a,b\n\"x\"\"\n", b','), Some((2, 4)));
        assert_eq!(unclosed_quote("a,b\n\"x\"\"\"\n", b','), None);
        assert_eq!(unclosed_quote("a\tb\nx\t\"y\tz", b'\t'), Some((2, 4)));
        // In the header row: nothing is read, the problem is listed.
        let out = run(|o| {
            parse_csv(
                "\"text,date\nA,B\n",
                b',',
                "h.csv",
                &ImportOptions::default(),
                o,
            )
        });
        assert_eq!(
            (out.articles.len(), kinds(&out)),
            (0, vec![(ProblemKind::Parse, "h.csv")])
        );
    }

    #[test]
    fn numeric_and_odd_dates() {
        let json = r#"[{"date": 20230131, "text": "a"}, {"date": 1675159200, "text": "b"},
                       {"date": true, "text": "c"}, {"date": 99999999999999, "text": "d"}]"#;
        let out = run(|o| parse_json(json, "n.json", &ImportOptions::default(), o));
        let dates: Vec<Option<NaiveDate>> = out.articles.iter().map(|a| a.date).collect();
        let jan31 = NaiveDate::from_ymd_opt(2023, 1, 31);
        assert_eq!(dates, [jan31, jan31, None, None]);
        assert_eq!(
            kinds(&out),
            [
                (ProblemKind::Date, "n.json#3"),
                (ProblemKind::Date, "n.json#4")
            ]
        );
    }
}
