//! Unit tests of the mail reader: dates, fallbacks and the edge cases fixtures do not cover.

use chrono::NaiveDate;

use super::*;

fn read(bytes: &[u8], file_name: &str) -> Outcome {
    let mut out = Outcome::default();
    parse_mail(bytes, "f", file_name, &mut out);
    out
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

#[test]
fn date_falls_back_to_the_from_line_then_the_file_name() {
    let no_date = b"From a@b.c Sat Mar  4 09:00:00 2023\nFrom: a@b.c\nSubject: S\n\nBody.\n";
    let out = read(no_date, "2020-01-01.mbox");
    assert_eq!(out.articles[0].date, d(2023, 3, 4));
    let out = read(b"From: a@b.c\nSubject: S\n\nBody.\n", "2020-01-01.eml");
    assert_eq!(out.articles[0].date, d(2020, 1, 1));
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    // A Date header always wins, even an unusable one (a listed problem, never the file name's).
    let out = read(
        b"Date: 31 Feb 2023\nSubject: S\n\nBody.\n",
        "2020-01-01.eml",
    );
    assert_eq!(out.articles[0].date, None);
    assert_eq!(out.problems[0].kind, ProblemKind::Date);
    let out = read(b"Date: Mon, 1 Jan 0900 10:00 +0000\n\nBody.\n", "x.eml");
    assert_eq!(out.articles[0].date, None);
    assert!(
        out.problems[0].message.contains("year 1000"),
        "{:?}",
        out.problems
    );
}

#[test]
fn date_headers_as_mail_writes_them() {
    let cases = [
        ("Thu, 22 Aug 2002 18:26:25 +0700 (ICT)", d(2002, 8, 22)),
        ("Thu, 22 Aug 02 18:26:25 -0400", d(2002, 8, 22)),
        ("22 Aug 2002 23:59:59 -1200", d(2002, 8, 22)),
        ("  Thu,\n 22 Aug 2002 18:26:25 GMT", d(2002, 8, 22)),
        ("2002-08-22", d(2002, 8, 22)),
        ("2002-08-22T18:26:25+07:00", d(2002, 8, 22)),
    ];
    for (raw, expected) in cases {
        let mail = format!("Subject: S\nDate: {raw}\n\nBody.\n");
        let out = read(mail.as_bytes(), "x.eml");
        assert_eq!(out.articles[0].date, expected, "{raw:?}");
        assert!(out.problems.is_empty(), "{raw:?}: {:?}", out.problems);
    }
}

#[test]
fn undeclared_eight_bit_text_is_read_as_windows_1252() {
    let out = read(b"From: a@b.c\nSubject: S\n\ncaf\xe9 \x93ok\x94\n", "x.eml");
    assert_eq!(out.articles[0].text, "café “ok”");
    assert_eq!(out.problems[0].kind, ProblemKind::Encoding);
    let out = read("From: a@b.c\nSubject: S\n\ncafé\n".as_bytes(), "x.eml");
    assert_eq!(out.articles[0].text, "café");
    assert!(out.problems.is_empty());
}

#[test]
fn empty_binary_and_textless_mail_are_problems() {
    let cases: [(&[u8], ProblemKind); 4] = [
        (b"", ProblemKind::Empty),
        (b" \n\r\n", ProblemKind::Empty),
        (b"From: a@b.c\n\0\n", ProblemKind::Binary),
        (b"From: a@b.c\nSubject: S\n\n   \n", ProblemKind::Empty),
    ];
    for (bytes, kind) in cases {
        let out = read(bytes, "x.eml");
        assert!(out.articles.is_empty(), "{bytes:?}");
        assert_eq!(out.problems.len(), 1, "{bytes:?}");
        assert_eq!(out.problems[0].kind, kind, "{bytes:?}");
    }
}

#[test]
fn single_message_mbox_keeps_the_plain_source_and_escapes_only_from_lines() {
    let mbox =
        b"From x Mon Feb  6 09:00:00 2023\nSubject: One\n\n>From here\n>>From there\n> quoted\n";
    let out = read(mbox, "x.mbox");
    assert_eq!(out.articles.len(), 1);
    assert_eq!(out.articles[0].source, "f");
    assert_eq!(out.articles[0].text, "From here\n>From there\n> quoted");
    assert_eq!(
        from_line_date("From ana@example.org Mon Feb  6 09:00:00 2023"),
        d(2023, 2, 6)
    );
    assert_eq!(from_line_date("From ana@example.org"), None);
    assert_eq!(from_line_date("From a Mon Feb 31 09:00:00 2023"), None);
}
