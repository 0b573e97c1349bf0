//! One file's bytes to articles: decoding, the empty and binary checks, and the dispatch to the
//! plain-text or structured readers. Shared by files on disk and zip entries.

use super::decode::{self, DecodeError};
use super::walk::Format;
use super::{ImportOptions, Outcome, dates, html, mail, structured, text_format};
use crate::model::{Article, ProblemKind};

/// Parse the bytes of one file (or zip entry) shown as `source`, whose last path component is
/// `file_name`, into `out`. Mail files, and plain-text files whose content starts with RFC 822
/// headers (whatever their name), are read as mail from their raw bytes: each MIME part names
/// its own charset.
pub(crate) fn parse_bytes(
    bytes: Vec<u8>,
    format: Format,
    source: &str,
    file_name: &str,
    opts: &ImportOptions,
    out: &mut Outcome,
) {
    if format == Format::Mail || (format == Format::Text && mail::looks_like_mail(&bytes)) {
        mail::parse_mail(&bytes, source, file_name, out);
        return;
    }
    let decoded = match decode::decode(bytes) {
        Ok(d) => d,
        Err(DecodeError::Binary) => {
            let message = "The file holds NUL bytes, so it is binary, not text; it was skipped.";
            out.problem(ProblemKind::Binary, source, message);
            return;
        }
    };
    if decoded.guessed_utf16 {
        let message = decode::guessed_message(&decoded);
        out.problem(ProblemKind::Encoding, source, message);
    }
    if decoded.lossy {
        out.problem(
            ProblemKind::Encoding,
            source,
            decode::lossy_message(&decoded),
        );
    }
    if decoded.text.trim().is_empty() {
        let message = "The file is empty or holds only whitespace; it was skipped.";
        out.problem(ProblemKind::Empty, source, message);
        return;
    }
    let content = decoded.text.as_str();
    match format {
        Format::Text => parse_text(decoded.text, source, file_name, out),
        Format::Json => structured::parse_json(content, source, opts, out),
        Format::JsonLines => structured::parse_json_lines(content, source, opts, out),
        Format::Csv => {
            let delimiter = structured::sniff_csv_delimiter(content);
            structured::parse_csv(content, delimiter, source, opts, out);
        }
        Format::Tsv => structured::parse_csv(content, b'\t', source, opts, out),
        Format::Html => parse_html(content, source, out),
        Format::Mail => mail::parse_mail(content.as_bytes(), source, file_name, out),
        Format::Zip | Format::Unsupported => {
            // Callers route these elsewhere; listed rather than silently dropped.
            let message = "The file type is not read here; it was skipped.";
            out.problem(ProblemKind::Unsupported, source, message);
        }
    }
}

/// A web page: its main text, title and date (see [`html`]). A page with no article text is
/// listed as empty.
fn parse_html(content: &str, source: &str, out: &mut Outcome) {
    let page = html::extract_page(content);
    if let Some(raw) = &page.unreadable_date {
        let message = dates::parse_plausible_date(raw)
            .err()
            .map_or_else(String::new, |e| e.message(raw));
        out.problem(ProblemKind::Date, source, message);
    }
    if page.text.trim().is_empty() {
        let message = "The page has no article text (after navigation, ads and scripts are \
                       left out); it was skipped.";
        out.problem(ProblemKind::Empty, source, message);
        return;
    }
    out.markup_bytes += content.len().saturating_sub(page.text.len()) as u64;
    out.articles.push(Article {
        source: source.to_owned(),
        title: page.title,
        date: page.date,
        text: page.text,
        ..Article::default()
    });
}

/// A plain-text article; its text reuses `content`'s buffer (the header line is cut off in
/// place), so the body is not copied.
fn parse_text(content: String, source: &str, file_name: &str, out: &mut Outcome) {
    let parsed = text_format::parse_text_article(&content, file_name);
    if let Some(message) = parsed.date_problem {
        out.problem(ProblemKind::Date, source, message);
    }
    if parsed.body.trim().is_empty() {
        let message = "The file has a title line but no article text; it was skipped.";
        out.problem(ProblemKind::Empty, source, message);
        return;
    }
    // `body` is a slice of `content`: keep just that range of the buffer (copy it otherwise).
    let body_range = (parsed.body.as_ptr() as usize)
        .checked_sub(content.as_ptr() as usize)
        .map(|start| start..start + parsed.body.len())
        .filter(|r| content.get(r.clone()).is_some());
    let article = Article {
        source: source.to_owned(),
        title: parsed.title.to_owned(),
        date: parsed.date,
        title_char_offset: parsed.title_char_offset,
        body_char_offset: parsed.body_char_offset,
        ..Article::default()
    };
    let text = match body_range {
        None => parsed.body.to_owned(),
        Some(range) => {
            let mut text = content;
            text.truncate(range.end);
            text.drain(..range.start);
            // A buffer that grew while reading (zip entries) may be much larger than the text.
            if text.capacity() > text.len() + text.len() / 8 + 64 {
                text.shrink_to_fit();
            }
            text
        }
    };
    let text = match html::decode_entities(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(decoded) => decoded,
    };
    let title = html::decode_entities(&article.title).into_owned();
    out.articles.push(Article {
        text,
        title,
        ..article
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_articles_keep_exactly_the_parsed_body() {
        let cases: [&[u8]; 5] = [
            b" date 2023-01-31 Arriving amid the violence\nBody line one.\n\nLine two.\n",
            b" date 2023-01-31 Headline\r\nBody with CRLF.\r\n\r\n",
            b"\xEF\xBB\xBF date 2023-02-01 After a BOM\nBody.",
            b"No header at all, just text.\n",
            b"Title line only\n\n   \n",
        ];
        for bytes in cases {
            let mut out = Outcome::default();
            parse_bytes(
                bytes.to_vec(),
                Format::Text,
                "f.txt",
                "f.txt",
                &ImportOptions::default(),
                &mut out,
            );
            let decoded = decode::decode(bytes.to_vec()).expect("text");
            let parsed = text_format::parse_text_article(&decoded.text, "f.txt");
            if parsed.body.trim().is_empty() {
                assert!(out.articles.is_empty(), "{bytes:?}");
                continue;
            }
            assert_eq!(out.articles.len(), 1, "{bytes:?}");
            let a = &out.articles[0];
            assert_eq!(a.text, parsed.body, "{bytes:?}");
            assert_eq!(a.title, parsed.title, "{bytes:?}");
            assert_eq!(a.date, parsed.date, "{bytes:?}");
        }
    }
}
