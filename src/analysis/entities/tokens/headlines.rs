//! Headline and heading lines: capitalisation there is not evidence of a name, so their tokens
//! are flagged ([`HEADLINE`], [`HEADING`]) for the rules.

use super::{ALLCAPS, CAP, HEADING, HEADLINE, LINE_START, TokKind, Token};

/// Flag the tokens of lines that look like headlines or shouting: at least four words of which
/// at least 80% are capitalised (Title Case) or at least 60% are in capitals. Lines whose every
/// word of two or more letters is in capitals are headings ([`HEADING`], also [`HEADLINE`]).
pub(super) fn mark_headlines(text: &str, toks: &mut [Token]) {
    let bytes = text.as_bytes();
    let mut line_start = 0;
    while line_start < toks.len() {
        // One pass over the line: words of two or more letters and how many are in capitals;
        // words longer than three bytes and how many are capitalised or in capitals.
        let (mut long, mut long_caps) = (0usize, 0usize);
        let (mut n, mut cap, mut all) = (0usize, 0usize, 0usize);
        let mut line_end = line_start;
        while line_end < toks.len() && (line_end == line_start || !toks[line_end].has(LINE_START)) {
            let t = &toks[line_end];
            line_end += 1;
            if t.kind != TokKind::Word {
                continue;
            }
            let len = t.end - t.start;
            // A one-byte token is one letter; an ASCII first letter means a longer token has a
            // second one.
            let two_letters =
                len >= 2 && (bytes[t.start].is_ascii() || t.text(text).chars().nth(1).is_some());
            if two_letters {
                long += 1;
                long_caps += usize::from(t.has(ALLCAPS));
            }
            if len > 3 {
                n += 1;
                cap += usize::from(t.has(CAP));
                all += usize::from(t.has(ALLCAPS));
            }
        }
        let heading = long > 0 && long_caps == long;
        // Punctuation tokens are one character.
        let ends_with_period = toks[line_end - 1].kind == TokKind::Punct
            && matches!(bytes[toks[line_end - 1].start], b'.' | b'?' | b'!');
        let headline = n >= 4 && (all * 10 >= n * 6 || (cap * 10 >= n * 8 && !ends_with_period));
        if headline || heading {
            let f = if heading {
                HEADLINE | HEADING
            } else {
                HEADLINE
            };
            for t in &mut toks[line_start..line_end] {
                t.flags |= f;
            }
        }
        line_start = line_end;
    }
}
