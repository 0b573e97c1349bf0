//! Bytes to text: byte-order marks (UTF-8, UTF-16 LE/BE), UTF-16 without a mark (recognised by
//! its NUL bytes, see [`sniff_utf16`]), plain UTF-8, and Windows-1252 as the fallback for
//! everything else, with `encoding_rs`. Also the binary check (NUL characters).
//!
//! The byte-order mark is removed, so character offsets into the decoded text count from the
//! first character after it, which is how an editor shows the file.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Decoded file content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding the bytes were read as.
    pub encoding: &'static Encoding,
    /// True when the bytes were not valid in the encoding their BOM (or UTF-8) promised, and were
    /// read as Windows-1252 or with replacement characters: worth a note in the report.
    pub lossy: bool,
    /// True when the bytes had no byte-order mark but were recognised as UTF-16: worth a note.
    pub guessed_utf16: bool,
}

/// Why bytes could not be turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The content holds NUL characters: a binary file, not text.
    Binary,
}

/// Decode file content: BOM first, then UTF-8, else Windows-1252 (`lossy` set). Valid UTF-8
/// without a BOM (the common case) becomes the text without a copy.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let bom = Encoding::for_bom(&bytes);
    let guessed = match bom {
        None if memchr::memchr(0, &bytes).is_some() => sniff_utf16(&bytes),
        _ => None,
    };
    let (text, encoding, lossy) = if let Some((encoding, bom_len)) = bom.or(guessed.map(|e| (e, 0)))
    {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = encoding.decode_without_bom_handling(rest);
        (text.into_owned(), encoding, had_errors)
    } else if memchr::memchr(0, &bytes).is_some() {
        // Checked before UTF-8 validation: NUL is valid UTF-8 but never in an article.
        return Err(DecodeError::Binary);
    } else {
        match String::from_utf8(bytes) {
            // No NUL bytes, checked above.
            Ok(s) => {
                return Ok(Decoded {
                    text: s,
                    encoding: UTF_8,
                    lossy: false,
                    guessed_utf16: false,
                });
            }
            Err(e) => {
                let (text, _) = WINDOWS_1252.decode_without_bom_handling(e.as_bytes());
                (text.into_owned(), WINDOWS_1252, true)
            }
        }
    };
    if memchr::memchr(0, text.as_bytes()).is_some() {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text,
        encoding,
        lossy,
        guessed_utf16: guessed.is_some(),
    })
}

/// UTF-16 without a byte-order mark, recognised in the first 4 KiB: in text of mostly Latin
/// script every other byte is NUL. Over 40% of the odd bytes NUL (little-endian) or of the even
/// bytes (big-endian), while the other half is almost never NUL and at least 90% printable
/// (tab, line breaks, ASCII from space, or bytes over 0x9F). Binary data has NUL bytes in both
/// halves or unprintable bytes beside them.
pub fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(4096) & !1).unwrap_or_default();
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let half = |odd: usize| head.iter().skip(odd).step_by(2).copied();
    let nuls = |odd: usize| half(odd).filter(|&b| b == 0).count();
    let printable = |odd: usize| {
        half(odd)
            .filter(|&b| matches!(b, b'\t' | b'\n' | b'\r' | 0x20..=0x7E | 0xA0..=0xFF))
            .count()
    };
    let (even_nul, odd_nul) = (nuls(0), nuls(1));
    let text_half = if odd_nul * 10 > pairs * 4 && even_nul * 20 < pairs {
        0
    } else if even_nul * 10 > pairs * 4 && odd_nul * 20 < pairs {
        1
    } else {
        return None;
    };
    (printable(text_half) * 10 >= pairs * 9).then_some(if text_half == 0 {
        UTF_16LE
    } else {
        UTF_16BE
    })
}

/// A sentence for the report about UTF-16 read without a byte-order mark.
pub fn guessed_message(decoded: &Decoded) -> String {
    format!(
        "The file has no byte-order mark but every other byte is NUL, as in {} text; it was read \
         as {}.",
        decoded.encoding.name(),
        decoded.encoding.name()
    )
}

/// A sentence for the report about a lossy decode.
pub fn lossy_message(decoded: &Decoded) -> String {
    if decoded.encoding == WINDOWS_1252 {
        "The file is not valid UTF-8 and has no byte-order mark; it was read as Windows-1252 \
         (Latin-1)."
            .to_owned()
    } else if decoded.encoding == UTF_16LE || decoded.encoding == UTF_16BE {
        format!(
            "The file has a {} byte-order mark but invalid content; bad characters were replaced.",
            decoded.encoding.name()
        )
    } else {
        "The file has a UTF-8 byte-order mark but invalid content; bad characters were replaced."
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes.to_vec()).expect("decodable test bytes")
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = ok("Café\r\n".as_bytes());
        assert_eq!(
            (plain.text.as_str(), plain.encoding, plain.lossy),
            ("Café\r\n", UTF_8, false)
        );
        let bom = ok(b"\xEF\xBB\xBFCaf\xC3\xA9");
        assert_eq!(
            (bom.text.as_str(), bom.encoding, bom.lossy),
            ("Café", UTF_8, false)
        );
    }

    #[test]
    fn utf16_both_byte_orders() {
        let le = ok(b"\xFF\xFEC\x00a\x00f\x00\xE9\x00");
        assert_eq!(
            (le.text.as_str(), le.encoding, le.lossy),
            ("Café", UTF_16LE, false)
        );
        let be = ok(b"\xFE\xFF\x00C\x00a\x00f\x00\xE9");
        assert_eq!(
            (be.text.as_str(), be.encoding, be.lossy),
            ("Café", UTF_16BE, false)
        );
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252() {
        let latin = ok(b"Caf\xE9 \x93quoted\x94");
        assert_eq!(latin.text, "Café \u{201C}quoted\u{201D}");
        assert_eq!(latin.encoding, WINDOWS_1252);
        assert!(latin.lossy);
        assert!(lossy_message(&latin).contains("Windows-1252"));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\x00\x00".to_vec()),
            Err(DecodeError::Binary)
        );
        assert_eq!(decode(b"text\x00more".to_vec()), Err(DecodeError::Binary));
        // UTF-16 holds NUL bytes legitimately, but not NUL characters.
        assert_eq!(
            decode(b"\xFF\xFEa\x00\x00\x00".to_vec()),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = "Café in Zürich\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let got = ok(&le);
        assert_eq!((got.text.as_str(), got.encoding), (text, UTF_16LE));
        assert!(got.guessed_utf16 && !got.lossy);
        assert_eq!(
            guessed_message(&got),
            "The file has no byte-order mark but every other byte is NUL, as in UTF-16LE text; \
             it was read as UTF-16LE."
        );
        let got = ok(&be);
        assert_eq!((got.text.as_str(), got.encoding), (text, UTF_16BE));
        // Little-endian 32-bit numbers have NUL bytes in both halves; control bytes beside the
        // NULs are not text either.
        assert_eq!(sniff_utf16(&[5, 0, 0, 0, 7, 0, 0, 0, 9, 0, 0, 0]), None);
        assert_eq!(sniff_utf16(b"\x01\x00\x02\x00\x03\x00\x04\x00"), None);
        assert_eq!(
            decode(b"\x01\x00\x02\x00\x03\x00\x04\x00".to_vec()),
            Err(DecodeError::Binary)
        );
        assert!(!ok(b"plain").guessed_utf16);
    }

    #[test]
    fn empty_input_decodes_to_empty_text() {
        assert_eq!(ok(b"").text, "");
        assert_eq!(ok(b"\xEF\xBB\xBF").text, "");
    }
}
