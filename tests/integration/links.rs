//! Links, addresses, hashtags and handles as token kinds (tweets fixture), and HTML input (a
//! page, HTML in a JSONL field, entities in plain text). Expected values worked out by hand
//! from the fixtures under `tests/fixtures/links/` and `tests/fixtures/html/`.

use lexiscope::analysis::concordance::concordance;
use lexiscope::analysis::filter::Filter;
use lexiscope::analysis::query::Query;
use lexiscope::analysis::{Analysis, AnalysisSettings, analyze};
use lexiscope::jobs::{CancelToken, Progress};
use lexiscope::model::Corpus;
use lexiscope::text::links::{SpanKind, special_spans};
use lexiscope::text::words;

use crate::helpers::{fixture, import};

fn analysed(path: &str) -> (Corpus, Analysis) {
    let corpus = import(&[fixture(path)]);
    let a = analyze(
        &corpus,
        &AnalysisSettings::default(),
        &Progress::default(),
        &CancelToken::new(),
    )
    .expect("analysis runs");
    (corpus, a)
}

#[test]
fn tweets_token_kinds() {
    let corpus = import(&[fixture("links/tweets.jsonl")]);
    assert_eq!(corpus.articles.len(), 20);
    let kinds = |i: usize| -> Vec<(SpanKind, String)> {
        let t = &corpus.articles[i].text;
        special_spans(t)
            .into_iter()
            .map(|s| (s.kind, t[s.start..s.end].to_owned()))
            .collect()
    };
    use SpanKind::*;
    assert_eq!(
        kinds(7),
        [
            (Handle, "@CDCgov".to_owned()),
            (Handle, "@WHO".to_owned()),
            (Hashtag, "#EbolaResponse".to_owned())
        ]
    );
    assert_eq!(
        kinds(4),
        [
            (Email, "press@who.int".to_owned()),
            (Email, "media@cdc.gov".to_owned())
        ]
    );
    assert_eq!(kinds(19), [(Url, "http://t.co/Zz9".to_owned())]);
    // Word tokens of a tweet: the link is no word, the hashtag one word with its sigil.
    let t = &corpus.articles[5].text;
    let surfaces: Vec<&str> = words(t).iter().map(|w| &t[w.start..w.end]).collect();
    assert_eq!(
        surfaces,
        [
            "New", "vaccine", "trial", "starts", "today", "#ebola", "#vaccine"
        ]
    );
}

#[test]
fn tweets_tables_and_summary() {
    let (_, a) = analysed("links/tweets.jsonl");
    let s = &a.summary;
    assert_eq!(
        (
            s.urls_found,
            s.emails_found,
            s.hashtags_found,
            s.handles_found
        ),
        (14, 3, 15, 6)
    );
    let tagged = |sigil| -> Vec<(String, u64, u32)> {
        a.tagged_terms(&a.terms, sigil)
            .iter()
            .map(|t| (a.vocab.term(t.term).to_owned(), t.count, t.doc_freq))
            .collect()
    };
    let hashtags = tagged('#');
    assert_eq!(hashtags[0], ("#ebola".to_owned(), 9, 9));
    assert_eq!(hashtags.len(), 7);
    assert_eq!(
        tagged('@'),
        [
            ("@who".to_owned(), 3, 3),
            ("@msf".to_owned(), 2, 2),
            ("@cdcgov".to_owned(), 1, 1)
        ]
    );
    let domains: Vec<(&str, u64, u32)> = a
        .links
        .domains
        .iter()
        .map(|d| (d.domain.as_str(), d.count, d.doc_freq))
        .collect();
    assert_eq!(
        domains,
        [
            ("bit.ly", 3, 3),
            ("t.co", 3, 3),
            ("who.int", 3, 3),
            ("msf.org", 2, 2),
            ("nyti.ms", 2, 2),
            ("cdc.gov", 1, 1),
            ("gov.uk", 1, 1),
            ("ow.ly", 1, 1),
            ("pic.twitter.com", 1, 1),
        ]
    );
    let first = &a.links.links[0];
    assert_eq!(
        (
            first.link.as_str(),
            first.domain.as_str(),
            first.count,
            first.doc_freq
        ),
        ("http://bit.ly/2xYzEb", "bit.ly", 2, 2)
    );
    assert_eq!(a.links.links.len(), 16);
    // No piece of a link is a term, anywhere in the vocabulary.
    for piece in [
        "http", "https", "www", "bit.ly", "bit", "ly", "t.co", "co", "ow.ly", "nyti.ms", "ms",
        "com", "org", "int", "gov", "uk", "2xyzeb", "1ebola", "press", "info", "media", "csr",
        "ref", "tw",
    ] {
        assert!(a.vocab.id(piece).is_none(), "{piece} is a term");
    }
    // `ebola` the word: tweets 1, 14 and 15 only (never the `ebola` of a URL).
    let ebola = a.vocab.id("ebola").expect("ebola is a term");
    let row = a.terms.iter().find(|t| t.term == ebola).expect("counted");
    assert_eq!((row.count, row.doc_freq), (3, 3));
}

#[test]
fn hashtags_are_searchable_and_kwic_skips_links() {
    let (corpus, a) = analysed("links/tweets.jsonl");
    let select = |q: &str| {
        let f = Filter {
            query: Some(Query::parse(q).expect("query parses")),
            ..Filter::default()
        };
        a.select(&corpus, &f)
    };
    assert_eq!(select("#ebola"), [0, 1, 2, 3, 5, 10, 12, 15, 18]);
    assert_eq!(select("@who"), [2, 7, 18]);
    assert_eq!(select("ebola"), [0, 13, 14]);
    let lines = concordance(&a, &corpus, None, "ebola", 3);
    let hits: Vec<(u32, &str)> = lines.iter().map(|l| (l.doc, l.matched.as_str())).collect();
    assert_eq!(hits, [(0, "Ebola"), (13, "Ebola"), (14, "ebola")]);
    for l in &lines {
        let text = &corpus.articles[l.doc as usize].text;
        assert!(
            special_spans(text)
                .iter()
                .all(|s| l.end <= s.start || l.start >= s.end),
            "a hit inside a link: {l:?}"
        );
    }
    let tags = concordance(&a, &corpus, None, "#Ebola", 2);
    assert_eq!(tags.len(), 9);
    assert_eq!(tags[1].matched, "#Ebola");
    assert_eq!(tags[1].left, "in Guinea");
}

#[test]
fn html_page_file_gives_the_article_title_and_date() {
    let corpus = import(&[fixture("html")]);
    assert_eq!(corpus.articles.len(), 1);
    let a = &corpus.articles[0];
    assert_eq!(a.title, "Ebola clinic opens in Monrovia");
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2014-10-08"));
    assert!(a.text.starts_with("A new Ebola treatment clinic opened"));
    assert!(a.text.ends_with("said Dr. Moses Kollie."));
    assert_eq!(a.text.matches("\n\n").count(), 2, "three paragraphs");
    let page = std::fs::read_to_string(fixture("html/ebola-article.html")).expect("fixture");
    assert_eq!(
        corpus.report.markup_bytes_stripped,
        (page.len() - a.text.len()) as u64
    );
}

#[test]
fn html_in_a_jsonl_field_and_entities_in_plain_text() {
    // Articles come out by source path: entities.txt, then the records of fields.jsonl.
    let corpus = import(&[fixture("links/fields.jsonl"), fixture("links/entities.txt")]);
    let texts: Vec<(&str, &str)> = corpus
        .articles
        .iter()
        .map(|a| (a.title.as_str(), a.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (
                "Entities & plain text",
                "¿Qué pasa? Fish & chips, AT&T and R & D."
            ),
            (
                "Clinic & lab open",
                "The clinic opened on Wednesday.\n\nIt has 120 beds."
            ),
            ("Plain", "¿Qué pasa? R&D at AT&T & Q&A; stays."),
        ]
    );
    let field = "<p>The clinic opened on <b>Wednesday</b>.</p><div class=\"share-bar\"><a \
                 href=\"#\">Share</a></div><p>It has 120&nbsp;beds.</p>";
    let kept = "The clinic opened on Wednesday.\n\nIt has 120 beds.";
    assert_eq!(
        corpus.report.markup_bytes_stripped,
        (field.len() - kept.len()) as u64
    );
}
