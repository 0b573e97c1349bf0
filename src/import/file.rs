//! One file's bytes to articles: decoding, the empty and binary checks, and the dispatch to the
//! plain-text or structured readers. Shared by files on disk and zip entries.

use super::decode::{self, DecodeError};
use super::walk::Format;
use super::{ImportOptions, Outcome, structured, text_format};
use crate::model::{Article, ProblemKind};

/// Parse the bytes of one file (or zip entry) shown as `source`, whose last path component is
/// `file_name`, into `out`.
pub(crate) fn parse_bytes(
    bytes: &[u8],
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
    let content = decoded.text.as_str();
    if content.trim().is_empty() {
        let message = "The file is empty or holds only whitespace; it was skipped.";
        out.problem(ProblemKind::Empty, source, message);
        return;
    }
    match format {
        Format::Text => parse_text(content, source, file_name, out),
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

fn parse_text(content: &str, source: &str, file_name: &str, out: &mut Outcome) {
    let parsed = text_format::parse_text_article(content, file_name);
    if let Some(message) = parsed.date_problem {
        out.problem(ProblemKind::Date, source, message);
    }
    if parsed.body.trim().is_empty() {
        let message = "The file has a title line but no article text; it was skipped.";
        out.problem(ProblemKind::Empty, source, message);
        return;
    }
    out.articles.push(Article {
        source: source.to_owned(),
        title: parsed.title.to_owned(),
        date: parsed.date,
        text: parsed.body.to_owned(),
        title_char_offset: parsed.title_char_offset,
        body_char_offset: parsed.body_char_offset,
        ..Article::default()
    });
}
