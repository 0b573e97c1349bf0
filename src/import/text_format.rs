//! The plain-text article format (`.txt`, `.md`, `.text`, no extension).
//!
//! An optional header line ` date <date> [<time>] <headline>` (leading whitespace optional, `date`
//! in any case, headline possibly empty) gives the date and title; it must be the first non-blank
//! line. The date may be written in any format [`dates::parse_date`] reads (`2016/12/30`,
//! `January 31, 2023`, `Tue, 31 Jan 2023`…); a time after it (`7:11`, `07:11:05`, `7:11 PM`,
//! with an optional zone) is skipped. A line whose first word after `date` looks like the start
//! of a date (a digit, or a month or weekday name followed by a number) is a header even when the
//! date does not parse: the article is then undated with a listed problem, never titled with
//! the date line. Without a header, the first non-blank line is the title when it *looks like*
//! one (see [`is_title_like`]), and the date comes from the file name when it holds one as a
//! token of its own ([`dates::date_from_file_name`]).
//!
//! Nothing inside the body is rewritten (no CRLF normalisation, no trimming of inner lines): the
//! body is an exact slice of the decoded file, so character offsets computed on it map back into
//! the file. Only leading blank lines and trailing whitespace are left out of the slice.

use chrono::NaiveDate;

use super::dates::{self, DateError};

/// Longest line, in characters, taken as a title by the heuristic.
pub const MAX_TITLE_CHARS: usize = 150;

/// A parsed plain-text article, borrowing from the decoded file content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextArticle<'a> {
    pub title: &'a str,
    /// Character offset of `title` in the content; `None` when there is no title.
    pub title_char_offset: Option<usize>,
    pub date: Option<NaiveDate>,
    /// A report sentence when the header line holds an unusable date.
    pub date_problem: Option<String>,
    /// The body: an exact slice of the content (may be empty).
    pub body: &'a str,
    /// Character offset of `body` in the content.
    pub body_char_offset: usize,
}

/// The parts of a ` date <date> [<time>] headline` line, as byte ranges of the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderLine<'a> {
    /// The date as written, without the time after it; when it does not parse, the leading words
    /// that look like a date (digits, month and weekday names).
    pub date_text: &'a str,
    pub headline: &'a str,
    /// Byte offset of `headline` inside the line.
    pub headline_start: usize,
}

/// Most words a header date spans (`Tuesday, 31 January 2023` is four).
const MAX_DATE_WORDS: usize = 7;

/// Recognise a header line: `date` and whitespace, then a word that starts a date (see the
/// module docs), so that prose starting with "Date night…" is not mistaken for a header. The
/// date is the shortest run of words that [`dates::parse_date`] reads; whether it is plausible
/// is checked later.
pub fn parse_header_line(line: &str) -> Option<HeaderLine<'_>> {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    if !trimmed.get(..4)?.eq_ignore_ascii_case("date") {
        return None;
    }
    let after_word = &trimmed[4..];
    let token = after_word.trim_start();
    if token.len() == after_word.len() {
        return None; // "dated…", not "date …"
    }
    let token_start = lead + 4 + (after_word.len() - token.len());
    let words = word_spans(token, MAX_DATE_WORDS + 4);
    if !starts_a_date(token, &words) {
        return None;
    }
    let parsed_end = (1..=words.len().min(MAX_DATE_WORDS))
        .map(|k| words[k - 1].1)
        .find(|&end| dates::parse_date(&token[..end]).is_some());
    let (date_end, headline_from) = match parsed_end {
        Some(end) => (end, skip_time(token, end)),
        None => {
            let dateish = words
                .iter()
                .take_while(|&&(s, e)| is_dateish(&token[s..e]))
                .last()
                .map_or(words[0].1, |w| w.1);
            (dateish, dateish)
        }
    };
    let rest = &token[headline_from..];
    let headline = rest.trim();
    let headline_start = if headline.is_empty() {
        line.len()
    } else {
        token_start + headline_from + (rest.len() - rest.trim_start().len())
    };
    Some(HeaderLine {
        date_text: &token[..date_end],
        headline,
        headline_start,
    })
}

/// Byte ranges of the first `max` whitespace-separated words of `s`.
fn word_spans(s: &str, max: usize) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (start, c.is_whitespace()) {
            (None, false) => start = Some(i),
            (Some(from), true) => {
                spans.push((from, i));
                start = None;
                if spans.len() == max {
                    break;
                }
            }
            _ => {}
        }
    }
    spans
}

/// Whether the words after `date` start a date: the first begins with a digit, or is a month or
/// weekday name with a word starting with a digit among the next two.
fn starts_a_date(s: &str, words: &[(usize, usize)]) -> bool {
    let starts_with_digit = |w: &(usize, usize)| s[w.0..].starts_with(|c: char| c.is_ascii_digit());
    let Some(first) = words.first() else {
        return false;
    };
    if starts_with_digit(first) {
        return true;
    }
    let name = s[first.0..first.1].trim_end_matches([',', '.']);
    (dates::month_number(name).is_some() || dates::is_weekday(name))
        && words.iter().skip(1).take(2).any(starts_with_digit)
}

/// Whether a word may belong to a date as written: it holds a digit, or is a month or weekday
/// name.
fn is_dateish(word: &str) -> bool {
    let name = word.trim_end_matches([',', '.']);
    word.bytes().any(|b| b.is_ascii_digit())
        || dates::month_number(name).is_some()
        || dates::is_weekday(name)
}

/// The byte offset in `s` after a time that follows a date ending at `from`: `7:11`,
/// `07:11:05`, `10:00:00.5`, optionally glued to `am`/`pm` or a zone, then optionally `AM`/`PM`
/// and a zone word (`+0200`, `-05:00`, `GMT`, `UTC`, `Z`, `EST`, `(EDT)`). `from` when no time
/// follows.
fn skip_time(s: &str, from: usize) -> usize {
    let Some(mut end) = skip_word(s, from, is_time_word) else {
        return from;
    };
    let meridiem = |w: &str| {
        ["am", "pm", "a.m.", "p.m."]
            .iter()
            .any(|m| w.eq_ignore_ascii_case(m))
    };
    end = skip_word(s, end, meridiem).unwrap_or(end);
    skip_word(s, end, is_zone_word).unwrap_or(end)
}

/// The byte offset in `s` after the word that follows `from`, when `accept` takes that word.
fn skip_word(s: &str, from: usize, accept: impl Fn(&str) -> bool) -> Option<usize> {
    let rest = &s[from..];
    let word = rest.split_whitespace().next()?;
    let at = rest.len() - rest.trim_start().len();
    accept(word).then_some(from + at + word.len())
}

/// `H:MM`, `HH:MM:SS` or `HH:MM:SS.fff`, optionally followed directly by `am`/`pm` or a zone.
fn is_time_word(word: &str) -> bool {
    let digits_end = word
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(word.len());
    let (time, tail) = word.split_at(digits_end);
    let time = time.split('.').next().unwrap_or("");
    let parts: Vec<&str> = time.split(':').collect();
    let shaped = (2..=3).contains(&parts.len())
        && (1..=2).contains(&parts[0].len())
        && parts[1..].iter().all(|p| p.len() == 2)
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    shaped
        && (tail.is_empty()
            || tail.eq_ignore_ascii_case("am")
            || tail.eq_ignore_ascii_case("pm")
            || is_zone_word(tail))
}

/// A time zone written after a time: a numeric offset or a common abbreviation.
fn is_zone_word(word: &str) -> bool {
    const NAMES: [&str; 16] = [
        "Z", "GMT", "UTC", "UT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "CET",
        "CEST", "BST", "IST",
    ];
    let word = word.trim_start_matches('(').trim_end_matches(')');
    let numeric = word
        .strip_prefix(['+', '-'])
        .map(|n| n.replace(':', ""))
        .is_some_and(|n| n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()));
    numeric || NAMES.iter().any(|n| word.eq_ignore_ascii_case(n))
}

/// Whether a first line is taken as a title: at most [`MAX_TITLE_CHARS`] characters, holding a
/// letter, and not ending like prose (`.`, `,`, `;`, `:`). `?` and `!` are allowed because
/// headlines use them ("Who won?"); a salutation such as "Dear members:" is not a title.
pub fn is_title_like(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().count() <= MAX_TITLE_CHARS
        && t.chars().any(char::is_alphabetic)
        && !t.ends_with(['.', ',', ';', ':', '…'])
}

/// Parse a decoded plain-text file. `file_name` (the last path component) is searched for a date
/// when there is no header line.
pub fn parse_text_article<'a>(content: &'a str, file_name: &str) -> TextArticle<'a> {
    let Some((line_start, line, next)) = first_non_blank_line(content, 0) else {
        return TextArticle {
            title: "",
            title_char_offset: None,
            date: None,
            date_problem: None,
            body: "",
            body_char_offset: content.chars().count(),
        };
    };
    let (title, title_start, date, date_problem, body_from) =
        if let Some(header) = parse_header_line(line) {
            let (date, problem) = match header_date(header.date_text) {
                Ok(d) => (Some(d), None),
                Err(e) => (None, Some(e.message(header.date_text))),
            };
            let start = line_start + header.headline_start;
            (header.headline, start, date, problem, next)
        } else {
            let date = dates::date_from_file_name(file_name);
            let has_more = first_non_blank_line(content, next).is_some();
            if has_more && is_title_like(line) {
                let (title, offset_in_line) = strip_heading_marks(line);
                (title, line_start + offset_in_line, date, None, next)
            } else {
                ("", line_start, date, None, line_start)
            }
        };
    let (body, body_start) = match first_non_blank_line(content, body_from) {
        Some((start, _, _)) => (content[start..].trim_end(), start),
        None => ("", content.len()),
    };
    TextArticle {
        title,
        title_char_offset: (!title.is_empty()).then(|| char_offset(content, title_start)),
        date,
        date_problem,
        body,
        body_char_offset: char_offset(content, body_start),
    }
}

/// The header's date, in any format [`dates::parse_date`] reads, checked for plausibility.
fn header_date(text: &str) -> Result<NaiveDate, DateError> {
    let date = dates::parse_date(text).ok_or(DateError::Unparsable)?;
    dates::check_plausible(date, dates::today())
}

/// The trimmed title of a first line and its byte offset in the line, without Markdown heading
/// marks (`# Title` gives `Title`).
fn strip_heading_marks(line: &str) -> (&str, usize) {
    let lead = line.len() - line.trim_start().len();
    let mut t = line.trim();
    let mut offset = lead;
    let hashes = t.len() - t.trim_start_matches('#').len();
    if hashes > 0 && t[hashes..].starts_with([' ', '\t']) {
        let rest = &t[hashes..];
        offset += hashes + (rest.len() - rest.trim_start().len());
        t = rest.trim_start();
    }
    (t, offset)
}

/// The first line at or after byte `from` holding a non-whitespace character: its start, its
/// text without the line ending, and the start of the next line.
fn first_non_blank_line(content: &str, from: usize) -> Option<(usize, &str, usize)> {
    let mut start = from;
    while start < content.len() {
        let rest = content.get(start..)?;
        let (line, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], start + i + 1),
            None => (rest, content.len()),
        };
        if !line.trim().is_empty() {
            return Some((start, line.strip_suffix('\r').unwrap_or(line), next));
        }
        start = next;
    }
    None
}

fn char_offset(content: &str, byte: usize) -> usize {
    content.get(..byte).map_or(0, |s| s.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    /// The title and body found at their recorded character offsets.
    fn at_offsets(content: &str, a: &TextArticle<'_>) -> (String, String) {
        let chars: Vec<char> = content.chars().collect();
        let take = |from: usize, len: usize| chars[from..from + len].iter().collect::<String>();
        let title = a
            .title_char_offset
            .map(|o| take(o, a.title.chars().count()))
            .unwrap_or_default();
        (title, take(a.body_char_offset, a.body.chars().count()))
    }

    #[test]
    fn header_line_with_and_without_leading_space() {
        for line in [
            " date 1790-01-08 George Washington - State of the Union",
            "date 1790-01-08 George Washington - State of the Union",
            "\t DATE   1790-01-08   George Washington - State of the Union  ",
        ] {
            let h = parse_header_line(line).expect("header");
            assert_eq!(h.date_text, "1790-01-08");
            assert_eq!(h.headline, "George Washington - State of the Union");
            assert_eq!(&line[h.headline_start..][..h.headline.len()], h.headline);
        }
        let empty = parse_header_line("date 2023-1-5").expect("header without headline");
        assert_eq!((empty.date_text, empty.headline), ("2023-1-5", ""));
        for not_header in [
            "Date night in Paris",
            "dated 2023-01-01 x",
            "date: 2023-01-01",
            "date may be moved",
            "date Tuesday night",
            "",
            "da",
        ] {
            assert_eq!(parse_header_line(not_header), None, "{not_header:?}");
        }
    }

    #[test]
    fn header_dates_in_every_record_format_with_times_skipped() {
        let cases = [
            (
                " date 2016/12/30 7:11 Headline here",
                "2016/12/30",
                "Headline here",
            ),
            (
                "date 2016/12/30 07:11:05 Headline",
                "2016/12/30",
                "Headline",
            ),
            ("date 2016-12-30 7:11 PM Headline", "2016-12-30", "Headline"),
            ("date 2016-12-30 7:11pm Headline", "2016-12-30", "Headline"),
            (
                "date 2016-12-30 10:00:00+02:00 Headline",
                "2016-12-30",
                "Headline",
            ),
            (
                "date 2016-12-30 10:00 +0200 Headline",
                "2016-12-30",
                "Headline",
            ),
            ("date 30.12.2016 Headline", "30.12.2016", "Headline"),
            ("date 20161230 Headline", "20161230", "Headline"),
            (
                "date December 30, 2016 Headline",
                "December 30, 2016",
                "Headline",
            ),
            (
                "date Dec. 30 2016 7:11 AM EST Headline",
                "Dec. 30 2016",
                "Headline",
            ),
            ("date 30 Dec 2016 Headline", "30 Dec 2016", "Headline"),
            (
                "date Fri, 30 Dec 2016 07:11:05 +0000 Headline",
                "Fri, 30 Dec 2016",
                "Headline",
            ),
            (
                "date Friday, December 30, 2016 Headline",
                "Friday, December 30, 2016",
                "Headline",
            ),
            (
                "date 2016-12-30T07:11:05Z Headline",
                "2016-12-30T07:11:05Z",
                "Headline",
            ),
            (
                "date 2016-12-30 12 killed in storm",
                "2016-12-30",
                "12 killed in storm",
            ),
            ("date 2016-12-30 7:11", "2016-12-30", ""),
        ];
        for (line, date_text, headline) in cases {
            let h = parse_header_line(line).expect(line);
            assert_eq!((h.date_text, h.headline), (date_text, headline), "{line:?}");
            if !headline.is_empty() {
                assert_eq!(&line[h.headline_start..], headline, "{line:?}");
            }
            let a = parse_text_article(line, "x.txt");
            assert_eq!(a.date, d(2016, 12, 30), "{line:?}");
            assert_eq!(a.date_problem, None, "{line:?}");
        }
    }

    #[test]
    fn date_like_header_that_does_not_parse_is_a_problem_not_a_title() {
        let cases = [
            ("date 2016/13/45 Headline\nBody", "2016/13/45", "Headline"),
            (
                "date December 45, 2016 Headline\nBody",
                "December 45, 2016",
                "Headline",
            ),
            ("date 12 people died\nBody", "12", "people died"),
            ("date 2016-12 Headline\nBody", "2016-12", "Headline"),
        ];
        for (content, date_text, title) in cases {
            let h = parse_header_line(content.lines().next().unwrap_or("")).expect(content);
            assert_eq!(h.date_text, date_text, "{content:?}");
            let a = parse_text_article(content, "2023-01-01.txt");
            assert_eq!(
                (a.date, a.title, a.body),
                (None, title, "Body"),
                "{content:?}"
            );
            let problem = a.date_problem.expect("a date problem");
            assert!(problem.contains(&format!("\"{date_text}\"")), "{problem}");
        }
    }

    #[test]
    fn header_article_gives_date_title_and_exact_offsets() {
        let content = " date 1790-01-08 Café talk\r\n\r\n  First line.\r\nSecond line.\r\n\r\n";
        let a = parse_text_article(content, "whatever-2020-01-01.txt");
        assert_eq!(a.date, d(1790, 1, 8));
        assert_eq!(a.title, "Café talk");
        assert_eq!(a.title_char_offset, Some(17));
        assert_eq!(a.body, "  First line.\r\nSecond line.");
        assert_eq!(a.body_char_offset, 30);
        assert_eq!(
            at_offsets(content, &a),
            (a.title.to_owned(), a.body.to_owned())
        );
        assert_eq!(a.date_problem, None);
    }

    #[test]
    fn header_with_bad_date_is_undated_with_a_problem() {
        let a = parse_text_article("date 2023-02-30 Title\nBody", "2023-01-01.txt");
        assert_eq!((a.date, a.title, a.body), (None, "Title", "Body"));
        assert!(a.date_problem.is_some());
        let a = parse_text_article("date 0999-01-01 Old\nBody", "x.txt");
        assert_eq!(a.date, None);
        assert!(a.date_problem.expect("problem").contains("year 1000"));
    }

    #[test]
    fn header_without_headline_has_empty_title() {
        let a = parse_text_article("date 2023-01-31\n\nBody text.", "x");
        assert_eq!((a.title, a.title_char_offset), ("", None));
        assert_eq!(
            (a.date, a.body, a.body_char_offset),
            (d(2023, 1, 31), "Body text.", 17)
        );
    }

    #[test]
    fn title_heuristic() {
        assert!(is_title_like("Storm hits the coast"));
        assert!(is_title_like("Who won the election?"));
        assert!(is_title_like("  Breaking!  "));
        assert!(!is_title_like("This is the first sentence of the article."));
        assert!(!is_title_like(
            "Fellow-Citizens of the Senate and House of Representatives:"
        ));
        assert!(!is_title_like("1234 5678"));
        assert!(!is_title_like(""));
        assert!(!is_title_like(&"word ".repeat(40)));
    }

    #[test]
    fn headerless_article_takes_short_first_line_and_file_name_date() {
        let content = "\n\nStorm hits the coast\n\nThe storm arrived at dawn.\n";
        let a = parse_text_article(content, "2023_01_31-storm.txt");
        assert_eq!(
            (a.title, a.title_char_offset),
            ("Storm hits the coast", Some(2))
        );
        assert_eq!(
            (a.body, a.body_char_offset),
            ("The storm arrived at dawn.", 24)
        );
        assert_eq!(a.date, d(2023, 1, 31));
        assert_eq!(
            at_offsets(content, &a),
            (a.title.to_owned(), a.body.to_owned())
        );
    }

    #[test]
    fn headerless_article_with_prose_first_line_has_no_title() {
        let content = "The storm arrived at dawn.\nIt left at noon.";
        let a = parse_text_article(content, "storm.txt");
        assert_eq!((a.title, a.title_char_offset, a.date), ("", None, None));
        assert_eq!((a.body, a.body_char_offset), (content, 0));
    }

    #[test]
    fn single_short_line_is_body_not_title() {
        let a = parse_text_article("Just one line", "x.txt");
        assert_eq!((a.title, a.body), ("", "Just one line"));
    }

    #[test]
    fn markdown_heading_marks_are_not_part_of_the_title() {
        let content = "# State of the Union, 1790–2026\n\nText.";
        let a = parse_text_article(content, "SOURCE.md");
        assert_eq!(
            (a.title, a.title_char_offset),
            ("State of the Union, 1790–2026", Some(2))
        );
        assert_eq!(at_offsets(content, &a).0, a.title);
    }

    #[test]
    fn blank_content_gives_empty_body() {
        let a = parse_text_article(" \r\n\t\n", "x.txt");
        assert_eq!((a.body, a.title), ("", ""));
        let a = parse_text_article("date 2023-01-31 Only a header", "x.txt");
        assert_eq!((a.body, a.title), ("", "Only a header"));
    }
}
