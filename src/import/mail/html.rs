//! The text of an HTML mail part: tags removed, entities decoded, block elements (`p`, `div`,
//! `br`, headings, list items, table rows…) made line breaks, and the content of `script`,
//! `style`, `head`, `title`, `template` and `noscript` elements and of comments dropped.
//! Whitespace runs inside a line become one space and blank lines are kept at most one in a row.
//!
//! This is deliberately small: mail HTML is read for its words, not laid out.

/// Elements whose content is not text for a reader.
const HIDDEN: [&str; 6] = ["script", "style", "head", "title", "template", "noscript"];

/// Elements that start a new line where they open and where they close.
const BLOCKS: [&str; 33] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Named entities beyond the Latin-1 range that mail commonly uses.
const NAMED: [(&str, char); 21] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("bull", '•'),
    ("euro", '€'),
    ("trade", '™'),
    ("dagger", '†'),
    ("thinsp", ' '),
    ("ensp", ' '),
    ("emsp", ' '),
];

/// The HTML 4 names of the Latin-1 characters U+00A0 to U+00FF, in order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// The readable text of an HTML document or fragment.
pub fn html_to_text(html: &str) -> String {
    let mut raw = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut raw, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some((name, closing, after)) = tag(rest) else {
            // A `<` that opens no tag ("a < b") is text.
            raw.push('<');
            rest = &rest[1..];
            continue;
        };
        rest = after;
        if !closing && HIDDEN.contains(&name.as_str()) {
            rest = skip_element(rest, &name);
        } else if BLOCKS.contains(&name.as_str()) {
            raw.push('\n');
        } else {
            raw.push(' ');
        }
    }
    push_text(&mut raw, rest);
    tidy_lines(&raw)
}

/// The tag at the start of `s` (which starts with `<`): its lower-case name, whether it closes
/// an element, and the text after its `>`. Quoted attribute values may hold `>`. `None` when `s`
/// does not start a tag (`<` followed by no letter, `/` or `!`).
fn tag(s: &str) -> Option<(String, bool, &str)> {
    let body = &s[1..];
    let (closing, name_from) = match body.as_bytes().first()? {
        b'/' => (true, &body[1..]),
        b'!' | b'?' => (false, &body[1..]),
        b if b.is_ascii_alphabetic() => (false, body),
        _ => return None,
    };
    let name_len = name_from
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = name_from[..name_len].to_ascii_lowercase();
    let mut quote: Option<char> = None;
    for (i, c) in name_from[name_len..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some((name, closing, &name_from[name_len + i + 1..])),
            _ => {}
        }
    }
    Some((name, closing, ""))
}

/// The text after the end tag `</name>` in `s` (case-insensitive), or nothing when it is missing.
fn skip_element<'a>(s: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(at) = s[from..].find("</") {
        let start = from + at;
        let candidate = s.as_bytes().get(start + 2..start + 2 + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
            return s[start..].find('>').map_or("", |gt| &s[start + gt + 1..]);
        }
        from = start + 2;
    }
    ""
}

/// Append text between tags to `out`, with its entities decoded.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        match semi.and_then(|i| entity(&rest[1..i]).map(|c| (i, c))) {
            Some((i, c)) => {
                out.push(c);
                rest = &rest[i + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The character an entity name (between `&` and `;`) stands for. Numeric references in the
/// C1 range (`&#150;`) are read as Windows-1252, as browsers do.
fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        if let Ok(byte @ 0x80..=0x9F) = u8::try_from(code) {
            let bytes = [byte];
            let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            return decoded.chars().next();
        }
        return Some(
            char::from_u32(code)
                .filter(|&c| c != '\0')
                .unwrap_or('\u{FFFD}'),
        );
    }
    if let Some(&(_, c)) = NAMED.iter().find(|(n, _)| *n == name) {
        return Some(c);
    }
    let index = LATIN1.iter().position(|n| *n == name)?;
    let c = char::from_u32(0xA0 + u32::try_from(index).ok()?)?;
    Some(if c == '\u{A0}' { ' ' } else { c })
}

/// Lines with whitespace runs made one space and trimmed; at most one blank line in a row, none
/// at the start or end.
fn tidy_lines(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank_pending = false;
    for line in raw.split('\n') {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_pending { "\n\n" } else { "\n" });
        }
        blank_pending = false;
        out.push_str(&words.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_blocks_break_hidden_content_is_dropped() {
        let html = "<html><head><title>Hidden title</title><style>p { color: red }</style>\
                    </head><body><h1>Big&nbsp;news</h1><p>First <b>bold</b> line.<br>Second \
                    line &amp; more</p><script type=\"x\">var a = '<p>';</script><!-- a \
                    comment --><div data-x=\"a>b\">Caf&eacute; &#8364;5 &#x41; &#150; &bogus; \
                    a < b</div></body></html>";
        assert_eq!(
            html_to_text(html),
            "Big news\n\nFirst bold line.\nSecond line & more\n\nCafé €5 A – &bogus; a < b"
        );
    }

    #[test]
    fn broken_html_never_panics() {
        for html in [
            "<",
            "<!--",
            "<script>never closed",
            "<p class=\"open",
            "&",
            "&#;",
            "&#xFFFFFFFFF;",
            "&#0;",
            "é<é>&é;",
            "</>",
        ] {
            let _ = html_to_text(html);
        }
        assert_eq!(html_to_text("&#0; <é>"), "\u{FFFD} <é>");
        // Seeded random pieces: no panic, and no tag survives whole.
        const PIECES: [&str; 16] = [
            "<p>",
            "</p>",
            "<script>",
            "</SCRIPT>",
            "<!--",
            "-->",
            "&amp;",
            "&#x",
            ";",
            "<b",
            ">",
            "\"",
            "é",
            "word",
            " ",
            "<style a='>'>",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            let mut html = String::new();
            for _ in 0..(state % 12) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                html.push_str(PIECES[(state % 16) as usize]);
            }
            let text = html_to_text(&html);
            assert!(!text.contains("<p>") && !text.contains("</p>"), "{html:?}");
        }
    }
}
