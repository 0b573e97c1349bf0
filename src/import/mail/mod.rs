//! E-mail: `.eml` files, mbox files and any text file that starts with RFC 822 headers (such as
//! the SpamAssassin-style archives whose files are named `00123.7848dde1…` with no extension).
//!
//! MIME parsing, transfer decoding (quoted-printable, base64), RFC 2047 encoded words and
//! charsets are left to the `mail-parser` crate; this module decides what becomes the article:
//!
//! - `Subject:` is the title; `Date:` the date (as written, in the sender's zone; an unparsable
//!   or implausible date is a `Date` problem and the article is undated). Without a `Date:`
//!   header the date of the mbox `From ` line is used, then a date in the file name.
//! - `From:`, `To:`, `Cc:`, `List-Id:` and `Newsgroups:` become the metadata fields `from`,
//!   `to`, `cc`, `list` and `newsgroups` (addresses written `Name <address>`, joined by `, `).
//! - The text is every inline `text/plain` part, decoded; when a message has none, the text of
//!   its HTML part ([`crate::import::html::html_to_text`]). Headers never reach the text.
//! - A file that starts with a `From ` line is an mbox: one article per message, with `>From `
//!   lines unescaped. When it holds more than one message, each article's source is
//!   `file.mbox#N` (1-based).

mod sniff;

use std::borrow::Cow;

use chrono::NaiveDate;
use mail_parser::{Address, Message, MessageParser, MessagePart, MimeHeaders, PartType};

pub(crate) use sniff::looks_like_mail;

use super::Outcome;
use super::dates::{self, DateError};
use crate::model::{Article, ProblemKind};

/// Parse the raw bytes of a mail file (one message or an mbox) shown as `source`, whose last
/// path component is `file_name`, into `out`.
pub(crate) fn parse_mail(bytes: &[u8], source: &str, file_name: &str, out: &mut Outcome) {
    if memchr::memchr(0, bytes).is_some() {
        let message = "The file holds NUL bytes, so it is binary, not text; it was skipped.";
        out.problem(ProblemKind::Binary, source, message);
        return;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        let message = "The file is empty or holds only whitespace; it was skipped.";
        out.problem(ProblemKind::Empty, source, message);
        return;
    }
    let file_date = dates::date_from_file_name(file_name);
    if !sniff::starts_with_from_line(bytes) {
        read_message(bytes, source, file_date, out);
        return;
    }
    let messages = split_mbox(bytes);
    let numbered = messages.len() > 1;
    for (i, (from_line, contents)) in messages.iter().enumerate() {
        let shown = if numbered {
            Cow::Owned(format!("{source}#{}", i + 1))
        } else {
            Cow::Borrowed(source)
        };
        let fallback = from_line_date(from_line).or(file_date);
        read_message(contents, &shown, fallback, out);
    }
}

/// The messages of an mbox: each one's `From ` line and its contents, with `>From ` (and
/// `>>From `…) lines unescaped by one `>`. Text before the first `From ` line is ignored.
fn split_mbox(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut messages: Vec<(String, Vec<u8>)> = Vec::new();
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if line.starts_with(b"From ") {
            messages.push((String::from_utf8_lossy(line).trim().to_owned(), Vec::new()));
            continue;
        }
        let Some((_, contents)) = messages.last_mut() else {
            continue;
        };
        let quotes = line.iter().take_while(|&&b| b == b'>').count();
        if quotes > 0 && line[quotes..].starts_with(b"From ") {
            contents.extend_from_slice(&line[1..]);
        } else {
            contents.extend_from_slice(line);
        }
    }
    messages
}

/// The date of an mbox `From sender Thu Aug 22 18:26:25 2002` line (month, day and year words).
fn from_line_date(line: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = line.split_whitespace().skip(2).collect();
    let year = words
        .iter()
        .rev()
        .find(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))?;
    let month = words
        .iter()
        .position(|w| dates::month_number(w).is_some())?;
    let day = words.get(month + 1)?;
    let date = dates::parse_date(&format!("{} {day} {year}", words[month]))?;
    dates::check_plausible(date, dates::today()).ok()
}

/// Read one message into an article. `fallback_date` (the mbox `From ` line's date, or the file
/// name's) is used when the message has no `Date:` header.
fn read_message(bytes: &[u8], source: &str, fallback_date: Option<NaiveDate>, out: &mut Outcome) {
    let Some(message) = MessageParser::default().parse(bytes) else {
        let text = "The message could not be parsed as e-mail; it was skipped.";
        out.problem(ProblemKind::Parse, source, text);
        return;
    };
    let date = match message_date(&message) {
        Ok(Some(date)) => Some(date),
        Ok(None) => fallback_date,
        Err(text) => {
            out.problem(ProblemKind::Date, source, text);
            None
        }
    };
    let (text, reread) = body_text(&message);
    if reread {
        let text = "A text part declared no charset and was not valid UTF-8; it was read as \
                    Windows-1252.";
        out.problem(ProblemKind::Encoding, source, text);
    }
    let text = text.trim();
    if text.is_empty() {
        let text = "The message has no text (no text/plain or HTML part with words); it was \
                    skipped.";
        out.problem(ProblemKind::Empty, source, text);
        return;
    }
    out.articles.push(Article {
        source: source.to_owned(),
        title: message
            .subject()
            .map(collapse_whitespace)
            .unwrap_or_default(),
        date,
        text: text.to_owned(),
        metadata: metadata(&message),
        ..Article::default()
    });
}

/// The `Date:` header as a plausible calendar date as written: `Ok(None)` without the header,
/// `Err(report sentence)` when it is unparsable or implausible.
fn message_date(message: &Message<'_>) -> Result<Option<NaiveDate>, String> {
    let Some(raw) = message.header_raw("Date") else {
        return Ok(None);
    };
    let raw = collapse_whitespace(raw);
    let parsed = message.date().and_then(|d| {
        NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
    });
    let date = parsed
        .or_else(|| dates::parse_date(&raw))
        .ok_or_else(|| DateError::Unparsable.message(&raw))?;
    dates::check_plausible(date, dates::today())
        .map(Some)
        .map_err(|e| e.message(&raw))
}

/// The text of a message: its inline `text/plain` parts joined by blank lines or, when it has
/// none, its HTML parts as text. The flag tells whether a part was re-read as Windows-1252.
fn body_text(message: &Message<'_>) -> (String, bool) {
    let mut plain: Vec<Cow<'_, str>> = Vec::new();
    let mut html: Vec<String> = Vec::new();
    let mut reread = false;
    for part in message.text_bodies() {
        match &part.body {
            PartType::Text(text) => {
                let fixed = windows_1252_fallback(message, part, text);
                reread |= fixed.is_some();
                plain.push(fixed.map_or(Cow::Borrowed(text.as_ref()), Cow::Owned));
            }
            PartType::Html(h) => html.push(super::html::html_to_text(h)),
            _ => {}
        }
    }
    if plain.iter().all(|t| t.trim().is_empty()) {
        for part in message.html_bodies() {
            if let PartType::Html(h) = &part.body
                && html.is_empty()
            {
                html.push(super::html::html_to_text(h));
            }
        }
        return (html.join("\n\n"), reread);
    }
    (plain.join("\n\n"), reread)
}

/// The text of a part that declared no charset and held bytes that are not UTF-8 (decoded with
/// replacement characters by the parser), re-read from its raw bytes as Windows-1252. Only
/// unencoded (7bit/8bit) parts are re-read: their raw bytes are the text.
fn windows_1252_fallback(
    message: &Message<'_>,
    part: &MessagePart<'_>,
    text: &str,
) -> Option<String> {
    let declared = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .is_some();
    if declared || !text.contains('\u{FFFD}') || part.encoding != mail_parser::Encoding::None {
        return None;
    }
    let start = usize::try_from(part.offset_body).ok()?;
    let end = usize::try_from(part.offset_end).ok()?;
    let raw = message.raw_message().get(start..end)?;
    if std::str::from_utf8(raw).is_ok() {
        return None;
    }
    let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw);
    Some(decoded.into_owned())
}

/// The metadata fields of a message, in a fixed order: `from`, `to`, `cc`, `list`, `newsgroups`.
fn metadata(message: &Message<'_>) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let addresses = [
        ("from", message.from()),
        ("to", message.to()),
        ("cc", message.cc()),
        ("list", message.list_id().as_address()),
    ];
    for (name, value) in addresses {
        if let Some(value) = value.map(format_addresses).filter(|v| !v.is_empty()) {
            fields.push((name.to_owned(), value));
        }
    }
    if let Some(groups) = message.header_raw("Newsgroups") {
        let groups = collapse_whitespace(groups);
        if !groups.is_empty() {
            fields.push(("newsgroups".to_owned(), groups));
        }
    }
    fields
}

/// Addresses as `Name <address>` (or either part alone), joined by `, `.
fn format_addresses(address: &Address<'_>) -> String {
    let shown: Vec<String> = address
        .iter()
        .filter_map(|a| {
            let name = a.name().map(collapse_whitespace).filter(|n| !n.is_empty());
            let address = a.address().map(str::trim).filter(|a| !a.is_empty());
            match (name, address) {
                (Some(n), Some(a)) => Some(format!("{n} <{a}>")),
                (Some(n), None) => Some(n),
                (None, Some(a)) => Some(a.to_owned()),
                (None, None) => None,
            }
        })
        .collect();
    shown.join(", ")
}

/// `s` with runs of whitespace (folded header lines) made one space, trimmed.
fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
