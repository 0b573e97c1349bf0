//! Character references (`&amp;`, `&#191;`, `&eacute;`) left in plain text and record fields,
//! decoded by a light pass: only *well-formed* references change — `&`, a known name or a
//! decimal or hexadecimal number, and `;` — so ordinary text with `&` in it ("AT&T", "R & D",
//! "Q&A;") is left exactly as it is. HTML documents do not need this: the HTML parser decodes
//! their references.

use std::borrow::Cow;

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

/// `text` with its well-formed character references decoded (borrowed when there are none).
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find('&') else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut rest = &text[first..];
    let mut changed = false;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // The longest name or number is 8 characters; look no further for the `;`.
        let semi = rest.bytes().take(12).position(|b| b == b';');
        match semi.and_then(|i| entity(&rest[1..i]).map(|c| (i, c))) {
            Some((i, c)) => {
                out.push(c);
                rest = &rest[i + 1..];
                changed = true;
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// The character an entity name (between `&` and `;`) stands for. Numeric references in the
/// C1 range (`&#150;`) are read as Windows-1252, as browsers do; a number that is no character
/// (`&#0;`, a surrogate, past U+10FFFF) becomes U+FFFD, as in a browser.
fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()?
            }
            Some(_) => return None,
            None if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => {
                number.parse().ok()?
            }
            None => return None,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_references_only() {
        assert_eq!(
            decode_entities("&#191;Qu&eacute; pasa? R&amp;D &#x41;&#150;&nbsp;x"),
            "¿Qué pasa? R&D A– x"
        );
        for plain in [
            "AT&T and R & D",
            "Q&A; fish&chips; &bogus; &#; &#x; &#12a; &amp",
            "no ampersand at all",
        ] {
            assert!(
                matches!(decode_entities(plain), Cow::Borrowed(_)),
                "{plain}"
            );
        }
        assert_eq!(
            decode_entities("&#0;&#xD800;&#99999999;"),
            "\u{FFFD}\u{FFFD}\u{FFFD}"
        );
    }
}
