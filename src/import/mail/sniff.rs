//! Telling mail from plain text by its first lines, so that files named without a mail extension
//! (`00123.7848dde1…`, `msg42`, `1.txt`) are read as mail when they start with RFC 822 headers.
//!
//! A file is mail when it starts (after an optional UTF-8 BOM) with an mbox `From ` line followed
//! by a header line, or with a block of header lines (`Name: value`, continuation lines starting
//! with a space or tab) ending at a blank line or the end of the file, of at least two fields, one
//! of which only mail has (`From`, `Received`, `Return-Path`, `Message-ID`, `MIME-Version`,
//! `Delivered-To`, `Newsgroups`). A plain article whose first lines are `Title: …` and `Date: …`
//! is therefore still text.

/// How far into a file the headers are looked for.
const SNIFF_BYTES: usize = 64 * 1024;

/// Header fields that mark a header block as mail rather than `Key: value` lines of an article.
const MAIL_FIELDS: [&str; 7] = [
    "from",
    "received",
    "return-path",
    "message-id",
    "mime-version",
    "delivered-to",
    "newsgroups",
];

/// Whether `bytes` start with an mbox `From ` line (`From sender date`).
pub(crate) fn starts_with_from_line(bytes: &[u8]) -> bool {
    bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .starts_with(b"From ")
}

/// Whether `bytes` (a whole file, undecoded) read as an e-mail message or an mbox.
pub(crate) fn looks_like_mail(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let mut lines = head
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    if starts_with_from_line(head) {
        lines.next();
        return lines.next().and_then(field_name).is_some();
    }
    let mut fields = 0;
    let mut mail_field = false;
    for (i, line) in lines.enumerate() {
        if line.is_empty() {
            break;
        }
        if line.starts_with(b" ") || line.starts_with(b"\t") {
            if i == 0 {
                return false;
            }
            continue;
        }
        let Some(name) = field_name(line) else {
            return false;
        };
        fields += 1;
        mail_field |= MAIL_FIELDS.iter().any(|f| name.eq_ignore_ascii_case(f));
    }
    fields >= 2 && mail_field
}

/// The field name of an RFC 822 header line: printable ASCII other than `:` and space, before a
/// colon, at most 76 characters long.
fn field_name(line: &[u8]) -> Option<&str> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = &line[..colon];
    let valid = !name.is_empty()
        && name.len() <= 76
        && name.iter().all(|&b| b.is_ascii_graphic() && b != b':');
    if valid {
        std::str::from_utf8(name).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_headers_are_told_from_text() {
        let mail: [&[u8]; 5] = [
            b"From: a@b.c\nSubject: Hi\n\nBody",
            b"Return-Path: <a@b.c>\r\nDelivered-To: x@y.z\r\nSubject: folded\r\n  more\r\n\r\nB",
            b"From 12345@example.com  Thu Aug 22 18:26:25 2002\nReturn-Path: <a@b.c>\n\nBody",
            b"\xEF\xBB\xBFMessage-ID: <1@x>\nDate: Thu, 22 Aug 2002 18:26:25 +0700\n\nBody",
            b"Newsgroups: comp.lang.rust\nPath: a!b\n",
        ];
        for bytes in mail {
            assert!(looks_like_mail(bytes), "{}", String::from_utf8_lossy(bytes));
        }
        let text: [&[u8]; 8] = [
            b" date 2023-01-31 Headline\n\nBody",
            b"Title: A story\nDate: 2023-01-31\n\nBody",
            b"From: a@b.c\n\nOnly one field",
            b"From the mountains came a storm.\nIt rained.",
            b"Subject: Hi\nThis line is prose, not a header.\n\nBody",
            b"\tFrom: a@b.c\nSubject: x\n\nBody",
            b"From 12345 without headers\nJust text.",
            b"",
        ];
        for bytes in text {
            assert!(
                !looks_like_mail(bytes),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}
