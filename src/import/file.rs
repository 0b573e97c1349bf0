//! One file's bytes to articles: decoding, the empty and binary checks, and the dispatch to the
//! plain-text or structured readers. Shared by files on disk and zip entries.

use super::decode::{self, DecodeError};
use super::walk::Format;
use super::{ImportOptions, Outcome, structured, text_format};
use crate::model::{Article, ProblemKind};

/// Parse the bytes of one file (or zip entry) shown as `source`, whose last path component is
/// `file_name`, into `out`.
pub(crate) fn parse_bytes(
    bytes: Vec<u8>,
    format: Format,
    source: &str,
    file_name: &str,
    opts: &ImportOptions,
    out: &mut Outcome,
) {
    let decoded = match decode::decode(bytes) {
        Ok(d) => d,
        Err(DecodeError::Binary) => {
            let message = "The file holds NUL bytes, so it is binary, not text; it was skipped.";
            out.problem(ProblemKind::Binary, source, message);
            return;
        }
    };
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
        Format::Zip | Format::Unsupported => {
            // Callers route these elsewhere; listed rather than silently dropped.
            let message = "The file type is not read here; it was skipped.";
            out.problem(ProblemKind::Unsupported, source, message);
        }
    }
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
    // `body` is a slice of `content`: keep just that range of the buffer.
    let body_start = parsed.body.as_ptr() as usize - content.as_ptr() as usize;
    let body_end = body_start + parsed.body.len();
    let article = Article {
        source: source.to_owned(),
        title: parsed.title.to_owned(),
        date: parsed.date,
        title_char_offset: parsed.title_char_offset,
        body_char_offset: parsed.body_char_offset,
        ..Article::default()
    };
    let mut text = content;
    text.truncate(body_end);
    text.drain(..body_start);
    out.articles.push(Article { text, ..article });
}
