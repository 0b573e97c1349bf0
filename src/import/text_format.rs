//! The plain-text article format (`.txt`, `.md`, `.text`, no extension).
//!
//! An optional header line ` date YYYY-MM-DD <headline>` (leading whitespace optional, `date` in
//! any case, headline possibly empty) gives the date and title; it must be the first non-blank
//! line. Without it, the first non-blank line is the title when it *looks like* one (see
//! [`is_title_like`]), and the date comes from the file name when it holds one.
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

/// The parts of a ` date YYYY-MM-DD headline` line, as byte ranges of the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderLine<'a> {
    /// The date as written (`YYYY-MM-DD`, one- or two-digit month and day accepted).
    pub date_text: &'a str,
    pub headline: &'a str,
    /// Byte offset of `headline` inside the line.
    pub headline_start: usize,
}

/// Recognise a header line. The date token must look like `YYYY-MM-DD`, so that prose starting
/// with "Date night…" is not mistaken for a header; whether it is a real date is checked later.
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
    let token_end = token.find(char::is_whitespace).unwrap_or(token.len());
    let date_text = &token[..token_end];
    if !looks_like_iso_date(date_text) {
        return None;
    }
    let rest = &token[token_end..];
    let headline = rest.trim();
    let headline_start = if headline.is_empty() {
        line.len()
    } else {
        // Byte offset of `rest` in the line plus the whitespace skipped before the headline.
        let rest_start = lead + 4 + (after_word.len() - token.len()) + token_end;
        rest_start + (rest.len() - rest.trim_start().len())
    };
    Some(HeaderLine {
        date_text,
        headline,
        headline_start,
    })
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

/// The header's date, strictly `YYYY-MM-DD`, checked for plausibility.
fn header_date(text: &str) -> Result<NaiveDate, DateError> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| DateError::Unparsable)?;
    dates::check_plausible(date, dates::today())
}

fn looks_like_iso_date(token: &str) -> bool {
    let mut parts = token.split('-');
    let digits = |p: Option<&str>, min: usize, max: usize| {
        p.is_some_and(|p| (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    };
    digits(parts.next(), 4, 4)
        && digits(parts.next(), 1, 2)
        && digits(parts.next(), 1, 2)
        && parts.next().is_none()
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
            "",
            "da",
        ] {
            assert_eq!(parse_header_line(not_header), None, "{not_header:?}");
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
