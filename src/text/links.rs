//! Links, e-mail addresses, `#hashtags` and `@handles`: the spans of a text that are not words.
//!
//! The word tokenizer runs this pre-pass first ([`special_spans`]) and never splits these spans
//! into word pieces: links and addresses are not words at all (they go to their own tables),
//! while hashtags and handles are single word tokens with their sigil (`#ebola`, `@who`).
//!
//! The rules, chosen to catch what news and social-media text holds without touching prose:
//!
//! - **URL**: `http://`, `https://` or `www.` at the start of a word, then everything up to
//!   whitespace, a quote or `<`/`>`; final punctuation (`.`, `,`, `;`, `:`, `!`, `?`, quotes,
//!   `…`) and an unbalanced closing bracket are left out. A *bare domain with a path*
//!   (`bit.ly/xyz`, `nyti.ms/1a2b`) is a URL too: two or more dot-separated labels, the last of
//!   2 to 24 ASCII letters, then `/` and at least one more character. A bare domain without a
//!   path (`Amazon.com`) stays a word: in prose it is usually a name.
//! - **E-mail**: `local@domain.tld`, the local part of letters, digits and `._%+-`, the domain
//!   as for bare domains.
//! - **Hashtag**: `#` at the start of a word followed by letters, digits and `_` (any script)
//!   with at least one letter (`#1` and `#2020` are not hashtags, as on Twitter).
//! - **Handle**: `@` at the start of a word followed by 1 to 30 ASCII letters, digits or `_`,
//!   with at least one letter.
//!
//! "At the start of a word" means the previous character is not a letter, digit, `_`, `&` or
//! one of the sigils, so `C#`, `AT&T`, `&#191;` and `a@b` are never hashtags or handles.

/// What kind of special span.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum SpanKind {
    Url,
    Email,
    Hashtag,
    Handle,
}

impl SpanKind {
    /// The lower-case name used in tables (`url`, `email`, `hashtag`, `handle`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Url => "url",
            Self::Email => "email",
            Self::Hashtag => "hashtag",
            Self::Handle => "handle",
        }
    }
}

/// A special span: its kind and byte range in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub kind: SpanKind,
    pub start: usize,
    pub end: usize,
}

/// Whether the text can hold a special span at all (a quick byte check, so ordinary prose skips
/// the pre-pass).
pub fn may_hold_spans(text: &str) -> bool {
    memchr::memchr3(b'@', b'#', b'/', text.as_bytes()).is_some()
        || memchr::memmem::find(text.as_bytes(), b"www.").is_some()
        || memchr::memmem::find(text.as_bytes(), b"WWW.").is_some()
}

/// Every special span of `text`, in order, not overlapping.
pub fn special_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    if !may_hold_spans(text) {
        return out;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    // Spans found so far end here: look-backs (e-mail local parts, bare domains) stop at it.
    let mut floor = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let found = match b {
            b'h' | b'H' | b'w' | b'W' if at_word_start(text, i) => url_at(text, i),
            b'@' => email_at(text, i, floor).or_else(|| handle_at(text, i)),
            b'#' => hashtag_at(text, i),
            b'/' => bare_domain_at(text, i, floor),
            _ => None,
        };
        match found {
            Some(span) => {
                out.push(span);
                floor = span.end;
                i = span.end;
            }
            None => i += 1,
        }
    }
    out
}

/// The character ending just before byte `i`, if any.
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Whether a span may start at `i`: the previous character is not part of a word.
fn at_word_start(text: &str, i: usize) -> bool {
    char_before(text, i)
        .is_none_or(|c| !(c.is_alphanumeric() || matches!(c, '_' | '&' | '#' | '@' | '/' | '.')))
}

/// A URL starting at `i` with a scheme or `www.`.
fn url_at(text: &str, i: usize) -> Option<Span> {
    let rest = text.get(i..)?.as_bytes();
    let prefix = ["https://", "http://", "www."].into_iter().find(|p| {
        rest.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    })?;
    let end = url_end(text, i + prefix.len());
    (end > i + prefix.len()).then_some(Span {
        kind: SpanKind::Url,
        start: i,
        end,
    })
}

/// Where the URL whose body starts at `from` ends: at whitespace, a quote or an angle bracket,
/// without final punctuation or an unbalanced closing bracket.
fn url_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let stop = rest
        .char_indices()
        .find(|&(_, c)| {
            c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '<' | '>'
                        | '"'
                        | '`'
                        | '\u{201C}'
                        | '\u{201D}'
                        | '\u{2018}'
                        | '\u{2019}'
                        | '\u{AB}'
                        | '\u{BB}'
                )
        })
        .map_or(rest.len(), |(j, _)| j);
    let mut body = &rest[..stop];
    while let Some(last) = body.chars().next_back() {
        let unbalanced = |open: char| body.matches(open).count() < body.matches(last).count();
        let trim = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '\u{2026}' => true,
            ')' => unbalanced('('),
            ']' => unbalanced('['),
            '}' => unbalanced('{'),
            _ => false,
        };
        if !trim {
            break;
        }
        body = &body[..body.len() - last.len_utf8()];
    }
    from + body.len()
}

/// Whether `s` is a domain name: two or more non-empty labels of ASCII letters, digits and `-`,
/// the last of 2 to 24 letters.
fn is_domain(s: &str) -> bool {
    let mut labels = s.split('.');
    let Some(tld) = labels.next_back() else {
        return false;
    };
    let mut count = 0;
    for label in labels {
        if label.is_empty()
            || !label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return false;
        }
        count += 1;
    }
    count >= 1 && (2..=24).contains(&tld.len()) && tld.bytes().all(|b| b.is_ascii_alphabetic())
}

/// The start of the run of bytes before `i` (not below `floor`) that satisfy `ok`.
fn run_back(bytes: &[u8], i: usize, floor: usize, ok: impl Fn(u8) -> bool) -> usize {
    let mut s = i;
    while s > floor && ok(bytes[s - 1]) {
        s -= 1;
    }
    s
}

/// The end of the domain name starting at `from` (ASCII letters, digits, `-` and inner `.`).
fn domain_end(bytes: &[u8], from: usize) -> usize {
    let mut e = from;
    while e < bytes.len()
        && (bytes[e].is_ascii_alphanumeric() || bytes[e] == b'-' || bytes[e] == b'.')
    {
        e += 1;
    }
    while e > from && bytes[e - 1] == b'.' {
        e -= 1;
    }
    e
}

/// An e-mail address whose `@` is at byte `at`.
fn email_at(text: &str, at: usize, floor: usize) -> Option<Span> {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let mut start = run_back(bytes, at, floor, local);
    while start < at && bytes[start] == b'.' {
        start += 1;
    }
    let end = domain_end(bytes, at + 1);
    let ok = start < at && at_word_start(text, start) && is_domain(&text[at + 1..end]);
    ok.then_some(Span {
        kind: SpanKind::Email,
        start,
        end,
    })
}

/// A `@handle` whose `@` is at byte `at`.
fn handle_at(text: &str, at: usize) -> Option<Span> {
    if !at_word_start(text, at) {
        return None;
    }
    let bytes = text.as_bytes();
    let name = bytes[at + 1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    let end = at + 1 + name;
    // A longer run, or one that goes on in another script, is not a handle.
    let continues = text[end..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric);
    let has_letter = bytes[at + 1..end].iter().any(u8::is_ascii_alphabetic);
    (name > 0 && name <= 30 && has_letter && !continues).then_some(Span {
        kind: SpanKind::Handle,
        start: at,
        end,
    })
}

/// A `#hashtag` whose `#` is at byte `at`.
fn hashtag_at(text: &str, at: usize) -> Option<Span> {
    if !at_word_start(text, at) {
        return None;
    }
    let mut end = at + 1;
    let mut has_letter = false;
    for c in text[at + 1..].chars() {
        if c.is_alphabetic() {
            has_letter = true;
        } else if !(c.is_numeric() || c == '_' || is_mark(c)) {
            break;
        }
        end += c.len_utf8();
    }
    has_letter.then_some(Span {
        kind: SpanKind::Hashtag,
        start: at,
        end,
    })
}

/// Combining marks (Devanagari vowel signs, Arabic harakat…), which belong inside hashtags.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0900..=0x0DFF)
        && !c.is_alphanumeric()
}

/// A bare domain with a path (`bit.ly/xyz`) whose first `/` is at byte `slash`.
fn bare_domain_at(text: &str, slash: usize, floor: usize) -> Option<Span> {
    let bytes = text.as_bytes();
    let host = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'.';
    let start = run_back(bytes, slash, floor, host);
    if start == slash || !at_word_start(text, start) || !is_domain(&text[start..slash]) {
        return None;
    }
    let end = url_end(text, slash + 1);
    (end > slash + 1).then_some(Span {
        kind: SpanKind::Url,
        start,
        end,
    })
}

/// The domain of a URL or e-mail address, lower case, without `www.`: what the top-domains
/// table groups by (`https://www.BBC.co.uk/news` → `bbc.co.uk`).
pub fn domain_of(kind: SpanKind, link: &str) -> String {
    let host = match kind {
        SpanKind::Email => link.rsplit('@').next().unwrap_or(""),
        _ => {
            let body = ["https://", "http://"]
                .into_iter()
                .find(|p| {
                    link.as_bytes()
                        .get(..p.len())
                        .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
                })
                .map_or(link, |p| &link[p.len()..]);
            let end = body.find(['/', '?', '#', ':']).unwrap_or(body.len());
            let host = &body[..end];
            host.rsplit('@').next().unwrap_or(host)
        }
    };
    let host = host.to_ascii_lowercase();
    match host.strip_prefix("www.") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(SpanKind, &str)> {
        special_spans(text)
            .into_iter()
            .map(|s| (s.kind, &text[s.start..s.end]))
            .collect()
    }

    #[test]
    fn finds_each_kind_with_exact_ends() {
        use SpanKind::*;
        let text = "Read http://bit.ly/2xYz. (see https://www.who.int/news?id=3) or www.bbc.co.uk/x, \
                    mail press@who.int; #Ebola #ÉbolaRDC @WHO_Africa nyti.ms/1a2B!";
        assert_eq!(
            spans(text),
            [
                (Url, "http://bit.ly/2xYz"),
                (Url, "https://www.who.int/news?id=3"),
                (Url, "www.bbc.co.uk/x"),
                (Email, "press@who.int"),
                (Hashtag, "#Ebola"),
                (Hashtag, "#ÉbolaRDC"),
                (Handle, "@WHO_Africa"),
                (Url, "nyti.ms/1a2B"),
            ]
        );
    }

    #[test]
    fn prose_is_left_alone() {
        for text in [
            "AT&T and C# cost 24/7, and/or 1/2 of U.S./Mexico trade; Amazon.com rose.",
            "We're #1 in 2020 (#2020); a @ b; x@y; mail@ home; &#191; &amp; http:// alone",
            "Fractions 3.5/4 and dates 12/05/2023 and e.g./i.e. are words.",
        ] {
            assert_eq!(spans(text), [], "{text}");
        }
    }

    #[test]
    fn brackets_and_domains() {
        assert_eq!(
            spans("(https://en.wikipedia.org/wiki/Ebola_(virus))"),
            [(SpanKind::Url, "https://en.wikipedia.org/wiki/Ebola_(virus)")]
        );
        assert_eq!(
            domain_of(SpanKind::Url, "HTTPS://www.BBC.co.uk/news"),
            "bbc.co.uk"
        );
        assert_eq!(domain_of(SpanKind::Url, "bit.ly/2xYz"), "bit.ly");
        assert_eq!(domain_of(SpanKind::Url, "http://user@t.co:80/a"), "t.co");
        assert_eq!(domain_of(SpanKind::Email, "press@WHO.int"), "who.int");
    }
}
