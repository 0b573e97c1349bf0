//! E-mail import on `tests/fixtures/mail/`: `.eml` files in every transfer encoding, an HTML-only
//! message, a Windows-1252 message, a three-message mbox and an extensionless SpamAssassin-style
//! file. Every expected value was read off the fixture by hand.

use lexiscope::model::{Article, Corpus, ProblemKind};

use crate::helpers::{dates, fixture, import, problems, sources, titles};

fn mail_corpus() -> Corpus {
    import(&[fixture("mail")])
}

fn article<'a>(corpus: &'a Corpus, source: &str) -> &'a Article {
    corpus
        .articles
        .iter()
        .find(|a| a.source.ends_with(source))
        .unwrap_or_else(|| panic!("no article from {source}"))
}

fn meta<'a>(a: &'a Article, key: &str) -> Option<&'a str> {
    a.metadata
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Words that only headers hold: none may reach an article's text.
const HEADER_WORDS: [&str; 12] = [
    "Content-Type",
    "MIME-Version",
    "Received",
    "Return-Path",
    "Message-ID",
    "Delivered-To",
    "X-Mailer",
    "charset",
    "Subject:",
    "From:",
    "boundary",
    "Content-Transfer-Encoding",
];

#[test]
fn mail_folder_gives_one_article_per_message() {
    let corpus = mail_corpus();
    assert_eq!(
        sources(&corpus),
        [
            "mail/00123.7848dde101aa985090474a91ec93fcf0",
            "mail/archive.mbox#1",
            "mail/archive.mbox#2",
            "mail/archive.mbox#3",
            "mail/base64.eml",
            "mail/cp1252.eml",
            "mail/html_only.eml",
            "mail/plain.eml",
            "mail/quoted.eml",
        ]
    );
    assert_eq!(
        titles(&corpus),
        [
            "Cheap ferry tickets",
            "First message",
            "Second message",
            "Third message",
            "Budget vote",
            "Smart quotes",
            "Weekly digest",
            "Café opens on the harbour front",
            "Quoted printable",
        ]
    );
    // Dates as written in the sender's zone: plain.eml is 23:30 on 31 January at -0500 (1
    // February in UTC); the third mbox message's "someday soon" is a listed problem.
    assert_eq!(
        dates(&corpus),
        [
            "2002-08-22",
            "2023-02-06",
            "2023-02-07",
            "-",
            "2023-02-02",
            "2023-02-04",
            "2023-02-03",
            "2023-01-31",
            "2023-02-01",
        ]
    );
    let listed = problems(&corpus);
    assert!(
        listed.contains(&("mail/archive.mbox#3".to_owned(), ProblemKind::Date)),
        "{listed:?}"
    );
    let bad_date = corpus
        .report
        .problems
        .iter()
        .find(|p| p.path.ends_with("archive.mbox#3"))
        .expect("date problem");
    assert!(bad_date.message.contains("\"someday soon\""), "{bad_date}");
    for a in &corpus.articles {
        for word in HEADER_WORDS {
            assert!(!a.text.contains(word), "{word} leaked into {}", a.source);
        }
    }
}

#[test]
fn plain_mail_decodes_encoded_words_and_keeps_addresses_as_metadata() {
    let corpus = mail_corpus();
    let a = article(&corpus, "plain.eml");
    assert_eq!(
        a.text,
        "Dear board,\n\nThe new cafe opened on the harbour front this morning.\nQueues reached \
         the lighthouse."
    );
    assert_eq!(meta(a, "from"), Some("Ana Martínez <ana@example.org>"));
    assert_eq!(
        meta(a, "to"),
        Some("Harbour Board <board@example.net>, bo@example.net")
    );
    assert_eq!(meta(a, "cc"), Some("clerk@example.net"));
    assert_eq!(
        meta(a, "list"),
        Some("Harbour news <harbour.lists.example.net>")
    );
    let keys: Vec<&str> = a.metadata.iter().map(|(k, _)| k.as_str()).collect();
    // The language detected at import comes last.
    assert_eq!(keys, ["from", "to", "cc", "list", "language"]);
    assert_eq!(meta(a, "language"), Some("en"));
}

#[test]
fn transfer_encodings_and_charsets_are_decoded() {
    let corpus = mail_corpus();
    assert_eq!(
        article(&corpus, "quoted.eml").text,
        "Café prices rose by ten per cent, a long soft-broken line that goes on and on until it \
         ends here.\nNaïve readers paid €3."
    );
    assert_eq!(
        article(&corpus, "base64.eml").text,
        "Budget vote passed.\nThe council approved the harbour budget on Thursday.\nFinal tally: \
         nine to two."
    );
    assert_eq!(
        article(&corpus, "cp1252.eml").text,
        "“Bientôt” said the café owner – twice.\nPrices: €10 each."
    );
}

#[test]
fn html_only_mail_is_read_as_text() {
    let corpus = mail_corpus();
    let a = article(&corpus, "html_only.eml");
    assert_eq!(
        a.text,
        "Weekly digest\n\nFerry timetables change on Monday & Tuesday.\n\nCafé hours stay the \
         same."
    );
    for hidden in ["Digest title", "color", "tracking", "<", "&amp;"] {
        assert!(!a.text.contains(hidden), "{hidden}");
    }
}

#[test]
fn mbox_messages_are_split_and_unescaped() {
    let corpus = mail_corpus();
    let first = article(&corpus, "archive.mbox#1");
    assert_eq!(
        first.text,
        "Opening line of the first message.\nFrom the archive, a quoted line.\nClosing line one."
    );
    assert_eq!(meta(first, "from"), Some("ana@example.org"));
    // multipart/alternative: the plain part is the text, the HTML alternative is not added.
    assert_eq!(
        article(&corpus, "archive.mbox#2").text,
        "Plain alternative wins here."
    );
    let third = article(&corpus, "archive.mbox#3");
    assert_eq!(third.date, None);
    assert!(third.text.starts_with("Third body starts"));
    assert!(third.text.ends_with("ends here."));
}

#[test]
fn extensionless_file_with_mail_headers_is_mail() {
    let corpus = mail_corpus();
    let a = article(&corpus, "00123.7848dde101aa985090474a91ec93fcf0");
    assert_eq!(
        a.text,
        "Dear traveller, ferry tickets are cheap this week.\nReply now to book."
    );
    assert_eq!(meta(a, "from"), Some("Deals <deals@example.com>"));
    assert_eq!(meta(a, "to"), Some("zzzz@example.com"));
}
