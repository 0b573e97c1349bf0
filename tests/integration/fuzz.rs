//! A seeded fuzz loop that stays in the suite: random and mutated inputs for the query, filter
//! and date parsers, the tokenizer's link/hashtag pre-pass, HTML extraction and the importers
//! (text header, JSON, JSONL, CSV/TSV, mail, HTML, zip),
//! checking that nothing panics and that simple invariants hold. `cargo test` runs a few hundred
//! cases; a long run is `LEXISCOPE_FUZZ_CASES=100000 cargo test --release --test integration
//! fuzz` (`LEXISCOPE_FUZZ_SEED` picks another seed; a failure prints the seed and case to
//! replay).

use std::io::Write;

use lexiscope::analysis::filter::Filter;
use lexiscope::analysis::query::Query;
use lexiscope::import::dates::parse_date;
use lexiscope::import::text_format::parse_header_line;

use crate::helpers::{fixture, import};

/// xorshift64*: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn cases(default: usize) -> usize {
    std::env::var("LEXISCOPE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn seed() -> u64 {
    std::env::var("LEXISCOPE_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15)
}

/// A string of `n` pieces drawn from `pieces`, joined by nothing or a space.
fn compose(rng: &mut Rng, pieces: &[&str], n: usize) -> String {
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(pieces));
        if rng.below(2) == 0 {
            s.push(' ');
        }
    }
    s
}

#[test]
fn fuzz_tokens_links_and_html() {
    const PIECES: &[&str] = &[
        "http://",
        "https://",
        "www.",
        "bit.ly/",
        "x",
        "é",
        "東",
        "#",
        "@",
        "/",
        ".",
        ",",
        ")",
        "(",
        "\"",
        "’",
        "a.b",
        "co",
        "_",
        "1",
        "&amp;",
        "&#",
        ";",
        "<p>",
        "</p>",
        "<a href=",
        ">",
        "<article>",
        "<nav>",
        "\u{AD}",
        "\n",
        "…",
        ":",
    ];
    let mut rng = Rng(seed() ^ 5);
    for case in 0..cases(400) {
        let n = rng.below(24);
        let text = compose(&mut rng, PIECES, n);
        let ctx = format!("seed {} case {case}: {text:?}", seed());
        let spans = lexiscope::text::links::special_spans(&text);
        let mut end = 0;
        for s in &spans {
            assert!(s.start >= end && s.start < s.end, "{ctx}");
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{ctx}"
            );
            end = s.end;
        }
        let mut end = 0;
        for t in lexiscope::text::words(&text) {
            assert!(
                t.start >= end && t.start < t.end && t.end <= text.len(),
                "{ctx}"
            );
            assert!(text.get(t.start..t.end).is_some(), "{ctx}");
            // A word token never lies inside a link or an address.
            assert!(
                spans.iter().all(|s| !matches!(
                    s.kind,
                    lexiscope::text::links::SpanKind::Url | lexiscope::text::links::SpanKind::Email
                ) || t.end <= s.start
                    || t.start >= s.end),
                "{ctx}"
            );
            end = t.end;
        }
        let _ = lexiscope::import::html::extract_page(&text);
        let _ = lexiscope::import::html::decode_entities(&text);
    }
}

#[test]
fn fuzz_query_and_filter_parsers() {
    const PIECES: &[&str] = &[
        "(",
        ")",
        "\"",
        "NOT",
        "-",
        "AND",
        "OR",
        "war",
        "peace",
        "entity:",
        "type:PERSON",
        "x*",
        "*",
        ":",
        "é",
        "\t",
        "title:\"a b\"",
        "from:",
        "to:",
        "from:2020",
        "to:2019-02",
        "from:2021-13-01",
        "to:1999-12-31",
        "北京",
        "'",
        "AND)",
        "((",
    ];
    let mut rng = Rng(seed());
    for case in 0..cases(400) {
        let n = 1 + rng.below(12);
        let text = compose(&mut rng, PIECES, n);
        let ctx = format!("seed {} case {case}: {text:?}", seed());
        if let Ok(q) = Query::parse(&text) {
            // What was parsed parses again to the same tree.
            let again = Query::parse(&q.text).unwrap_or_else(|e| panic!("{ctx}: {e}"));
            assert_eq!(again.root, q.root, "{ctx}");
        }
        if let Ok(f) = Filter::parse(&text) {
            if let (Some(from), Some(to)) = (f.from, f.to) {
                assert!(from <= to, "{ctx}");
            }
            assert_eq!(Filter::parse(&f.to_text()).as_ref(), Ok(&f), "{ctx}");
        }
    }
}

#[test]
fn fuzz_date_parser() {
    const PIECES: &[&str] = &[
        "2023",
        "-",
        "/",
        ".",
        "01",
        "31",
        "13",
        "00",
        "Jan",
        "January",
        "Feb",
        "29",
        "1999",
        "T",
        "12:00",
        "Z",
        "+0200",
        ",",
        "Mon",
        "1700000000",
        "99999999999999",
        "date",
        "7:11",
        "PM",
        "GMT",
        "Tuesday",
        "é",
        "\t",
    ];
    let mut rng = Rng(seed() ^ 1);
    for case in 0..cases(1000) {
        let n = 1 + rng.below(8);
        let text = compose(&mut rng, PIECES, n);
        // No panic; a parsed date is a real calendar date (chrono guarantees it) — and parsing
        // is deterministic.
        let a = parse_date(&text);
        assert_eq!(
            a,
            parse_date(&text),
            "seed {} case {case}: {text:?}",
            seed()
        );
        // The same pieces as a header line: the headline is found where it says it is.
        let line = format!(" date {text} Headline");
        if let Some(h) = parse_header_line(&line) {
            let at = line.get(h.headline_start..).unwrap_or("");
            assert!(
                at.starts_with(h.headline),
                "seed {} case {case}: {line:?}",
                seed()
            );
            assert!(
                line.contains(h.date_text),
                "seed {} case {case}: {line:?}",
                seed()
            );
        }
    }
}

/// Bytes of a fixture with random bytes overwritten, cut or repeated.
fn mutate(rng: &mut Rng, mut data: Vec<u8>) -> Vec<u8> {
    for _ in 0..1 + rng.below(6) {
        if data.is_empty() {
            break;
        }
        let i = rng.below(data.len());
        match rng.below(4) {
            0 => data[i] = rng.next() as u8,
            1 => data.truncate(i),
            2 => data.insert(i, [b'"', b',', b'\n', b'{', 0xff, 0][rng.below(6)]),
            _ => {
                let piece = data[i..].iter().take(20).copied().collect::<Vec<u8>>();
                data.splice(i..i, piece);
            }
        }
    }
    data
}

#[test]
fn fuzz_importers_with_mutated_fixtures() {
    const SEEDS: &[&str] = &[
        "formats/header.txt",
        "formats/records.json",
        "formats/records.jsonl",
        "formats/records.csv",
        "formats/records.tsv",
        "formats/holder.json",
        "mixed/utf16.txt",
        "mixed/latin1.txt",
        "mail/plain.eml",
        "mail/quoted.eml",
        "mail/html_only.eml",
        "mail/archive.mbox",
        "mail/00123.7848dde101aa985090474a91ec93fcf0",
        "html/ebola-article.html",
        "links/tweets.jsonl",
        "links/fields.jsonl",
    ];
    let mut rng = Rng(seed() ^ 2);
    let rounds = cases(400) / 20;
    for round in 0..rounds.max(1) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut written = 0;
        for (i, name) in SEEDS.iter().enumerate() {
            let data = std::fs::read(fixture(name)).expect("fixture");
            let ext = name.rsplit('.').next().unwrap_or("txt");
            let path = dir.path().join(format!("f{i}.{ext}"));
            std::fs::write(&path, mutate(&mut rng, data)).expect("write");
            written += 1;
        }
        // A zip of mutated entries, and a file of random bytes.
        let zip_path = dir.path().join("z.zip");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("zip"));
        for (i, name) in SEEDS.iter().take(3).enumerate() {
            let data = std::fs::read(fixture(name)).expect("fixture");
            let ext = name.rsplit('.').next().unwrap_or("txt");
            zip.start_file(
                format!("e{i}.{ext}"),
                zip::write::SimpleFileOptions::default(),
            )
            .expect("entry");
            zip.write_all(&mutate(&mut rng, data)).expect("entry data");
        }
        zip.finish().expect("zip finishes");
        let noise: Vec<u8> = (0..1 + rng.below(2000)).map(|_| rng.next() as u8).collect();
        std::fs::write(dir.path().join("noise.txt"), noise).expect("write");
        // A zip counts its entries as files.
        written += 3 + 1;
        let corpus = import(&[dir.path().to_path_buf()]);
        let ctx = format!("seed {} round {round}", seed());
        assert_eq!(corpus.report.files_seen, written, "{ctx}");
        for (i, a) in corpus.articles.iter().enumerate() {
            assert_eq!(a.id as usize, i, "{ctx}");
        }
    }
}
