//! Word segmentation with phrase and sentence breaks.
//!
//! Text in other scripts goes through `unicode-segmentation`'s UAX #29 word bounds, except runs of
//! Chinese and Japanese characters, which [`super::segment`] cuts into words. Latin-script
//! text (the bulk of Western news, curly quotes and accents included) takes a hand-written scanner
//! that implements the same UAX #29 rules for that range (letters and digits join; `'`, `.` and `:` join letters; `.`, `,`, `;` and `'`
//! join digits; `_` joins anything) at several times the speed. A test checks the two agree.

use unicode_segmentation::UnicodeSegmentation;

use super::links::SpanKind;
use super::segment::{CjkSegmenter, is_cjk};

/// What separates a word from the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Break {
    /// Only whitespace (or nothing: first word).
    None,
    /// Punctuation that does not end a sentence (comma, quote, dash, bracket…).
    Phrase,
    /// End of a sentence or paragraph.
    Sentence,
}

/// A word token: byte range in the text and the break before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordToken {
    pub start: usize,
    pub end: usize,
    pub brk: Break,
}

/// Every word token of `text` (convenience over [`for_each_word`]).
pub fn words(text: &str) -> Vec<WordToken> {
    let mut out = Vec::new();
    for_each_word(text, |t| out.push(t));
    out
}

/// Call `f` for every word token of `text`, in order.
///
/// Links and e-mail addresses are not words: they are skipped, and the word after one starts
/// at least a new phrase. `#hashtags` and `@handles` are single word tokens, sigil included.
/// Both are found first ([`super::links::special_spans`]); the words between them are
/// segmented as usual.
pub fn for_each_word(text: &str, mut f: impl FnMut(WordToken)) {
    let spans = super::links::special_spans(text);
    if spans.is_empty() {
        plain_words(text, text, &mut f);
        return;
    }
    let mut from = 0;
    // After a link, the next token starts at least a new phrase.
    let mut after_link = false;
    // The byte range of the last token given to `f`.
    let mut last: Option<(usize, usize)> = None;
    for span in spans.iter().map(Some).chain([None]) {
        let to = span.map_or(text.len(), |s| s.start);
        plain_words(&text[from..to], text, &mut |t| {
            let brk = if after_link {
                t.brk.max(Break::Phrase)
            } else {
                t.brk
            };
            after_link = false;
            last = Some((t.start + from, t.end + from));
            f(WordToken {
                start: t.start + from,
                end: t.end + from,
                brk,
            });
        });
        let Some(span) = span else { break };
        if matches!(span.kind, SpanKind::Url | SpanKind::Email) {
            after_link = true;
        } else {
            let gap_start = last.map_or(0, |(_, e)| e).max(from);
            let prev = last.map(|(s, e)| &text[s..e]);
            let brk = gap_break(&text[gap_start..span.start], prev);
            let brk = if after_link {
                brk.max(Break::Phrase)
            } else {
                brk
            };
            after_link = false;
            f(WordToken {
                start: span.start,
                end: span.end,
                brk,
            });
            last = Some((span.start, span.end));
        }
        from = span.end;
    }
}

/// Every word of a text without special spans (a part of `whole`, the article), by the scanner
/// its script needs.
fn plain_words(text: &str, whole: &str, f: &mut impl FnMut(WordToken)) {
    if is_latin_text(text) {
        latin_words(text, f);
    } else {
        unicode_words(text, whole, f);
    }
}

/// Short words that end with a period without ending the sentence ("Mr. Smith").
fn is_abbreviation(word: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
        "prof", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "rev", "hon",
    ];
    // Single letters ("J. Smith") and dotted initialisms ("U.S", "U.N") also do not end sentences.
    word.len() == 1
        || (word.len() <= 5 && word.contains('.'))
        || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Classify the punctuation/whitespace run between two words.
fn gap_break(gap: &str, prev_word: Option<&str>) -> Break {
    let mut brk = Break::None;
    let mut newlines = 0;
    for c in gap.chars() {
        match c {
            '\n' => {
                newlines += 1;
                if newlines >= 2 {
                    return Break::Sentence;
                }
            }
            '.' | '!' | '?' | '。' | '！' | '？' | '…' => {
                let abbreviation = c == '.' && prev_word.is_some_and(is_abbreviation);
                brk = if abbreviation {
                    brk.max(Break::Phrase)
                } else {
                    Break::Sentence
                };
            }
            c if c.is_whitespace() => {}
            _ => brk = brk.max(Break::Phrase),
        }
    }
    brk
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Underscore,
    MidLetter, // ':', '·'
    MidNumLet, // '.', '\'', '‘', '’'
    MidNum,    // ',', ';'
    /// Soft hyphen and zero-width joiners: invisible, they never break a word (UAX #29 WB4).
    Format,
    Other,
}

fn ascii_class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Underscore,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidNumLet,
        b',' | b';' => Class::MidNum,
        _ => Class::Other,
    }
}

/// Class of a character of a Latin-script text (see [`is_latin_text`]).
fn class_at(text: &str, i: usize) -> (Class, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (ascii_class(b), 1);
    }
    let Some(c) = text[i..].chars().next() else {
        return (Class::Other, 1);
    };
    let class = match c {
        '\u{2018}' | '\u{2019}' => Class::MidNumLet,
        '\u{00B7}' => Class::MidLetter,
        '\u{00AD}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Class::Format,
        c if c.is_alphabetic() => Class::Letter,
        _ => Class::Other,
    };
    (class, c.len_utf8())
}

/// Whether every non-ASCII character is one the fast scanner classifies exactly as UAX #29
/// does: Latin letters (U+00C0–U+024F and Latin-1 letters) and common punctuation, spaces and
/// symbols (U+00A0–U+00BF, U+2000–U+206F, U+20A0–U+20CF). Other scripts take the full UAX #29
/// path, which also handles combining marks and ideographs.
fn is_latin_text(text: &str) -> bool {
    if text.is_ascii() {
        return true;
    }
    text.chars().all(|c| {
        let u = c as u32;
        u < 0x80
            || (0xA0..=0x24F).contains(&u) && !matches!(u, 0xB2 | 0xB3 | 0xB9 | 0xBC..=0xBE)
            || (0x2000..=0x206F).contains(&u) && !matches!(u, 0x200B | 0x200C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2061..=0x206F)
            || (0x20A0..=0x20CF).contains(&u)
    })
}

/// The fast scanner for Latin-script text.
fn latin_words(text: &str, f: &mut impl FnMut(WordToken)) {
    let n = text.len();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut gap_start = 0;
    let mut prev: Option<(usize, usize)> = None;
    while i < n {
        let (c, len) = class_at(text, i);
        if !matches!(c, Class::Letter | Class::Digit | Class::Underscore) {
            i += len;
            continue;
        }
        let start = i;
        let mut last = c;
        i += len;
        while i < n {
            // Fast path: a run of ASCII letters, digits and underscores.
            let run = bytes[i..]
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
                .unwrap_or(n - i);
            if run > 0 {
                i += run;
                last = ascii_class(bytes[i - 1]);
                continue;
            }
            let (c, len) = class_at(text, i);
            match c {
                Class::Letter | Class::Digit | Class::Underscore => {
                    last = c;
                    i += len;
                }
                Class::Format => i += len,
                Class::MidLetter | Class::MidNumLet | Class::MidNum if i + len < n => {
                    let (next, next_len) = class_at(text, i + len);
                    let joins_letters = last == Class::Letter
                        && next == Class::Letter
                        && matches!(c, Class::MidLetter | Class::MidNumLet);
                    let joins_digits = last == Class::Digit
                        && next == Class::Digit
                        && matches!(c, Class::MidNum | Class::MidNumLet);
                    if joins_letters || joins_digits {
                        i += len + next_len;
                        last = next;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        // A word made only of underscores is not a word.
        if bytes[start..i].iter().any(|b| *b != b'_') {
            let brk = gap_break(&text[gap_start..start], prev.map(|(s, e)| &text[s..e]));
            f(WordToken { start, end: i, brk });
            prev = Some((start, i));
            gap_start = i;
        }
    }
}

fn unicode_words(text: &str, whole: &str, f: &mut impl FnMut(WordToken)) {
    // Chosen on the first run of Chinese or Japanese characters, once for the whole article (so
    // the parts between links are cut as the article is).
    let mut cjk: Option<CjkSegmenter> = None;
    let mut gap_start = 0;
    let mut prev: Option<&str> = None;
    let mut segs = text.split_word_bound_indices().peekable();
    while let Some((start, seg)) = segs.next() {
        if !seg.chars().any(char::is_alphanumeric) {
            continue;
        }
        let brk = gap_break(&text[gap_start..start], prev);
        if seg.chars().all(is_cjk) {
            // UAX #29 splits ideographs one by one: join the whole run and segment it.
            let mut end = start + seg.len();
            while let Some(&(next_start, next)) = segs.peek() {
                if next_start != end || !next.chars().all(is_cjk) {
                    break;
                }
                end += next.len();
                segs.next();
            }
            let segmenter = *cjk.get_or_insert_with(|| CjkSegmenter::for_text(whole));
            let mut pieces: Vec<(usize, usize)> = Vec::new();
            segmenter.for_each_word(&text[start..end], |s, e| {
                pieces.push((start + s, start + e))
            });
            for (i, &(s, e)) in pieces.iter().enumerate() {
                let brk = if i == 0 { brk } else { Break::None };
                f(WordToken {
                    start: s,
                    end: e,
                    brk,
                });
                prev = Some(&text[s..e]);
            }
            gap_start = end;
            continue;
        }
        let end = start + seg.len();
        f(WordToken { start, end, brk });
        prev = Some(seg);
        gap_start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str) -> Vec<(&str, Break)> {
        words(text)
            .into_iter()
            .map(|t| (&text[t.start..t.end], t.brk))
            .collect()
    }

    #[test]
    fn words_and_breaks() {
        let got = surfaces("Mr. Smith's U.S. trip, in 2023. It cost $1,000.50!\n\nNew");
        use Break::*;
        assert_eq!(
            got,
            vec![
                ("Mr", None),
                ("Smith's", Phrase),
                ("U.S", None),
                ("trip", Phrase),
                ("in", Phrase),
                ("2023", None),
                ("It", Sentence),
                ("cost", None),
                ("1,000.50", Phrase),
                ("New", Sentence),
            ]
        );
    }

    #[test]
    fn unicode_text_uses_uax29() {
        let got = surfaces("Überraschung: Ça va? Да, 東京.");
        let words: Vec<_> = got.iter().map(|(w, _)| *w).collect();
        assert_eq!(words, ["Überraschung", "Ça", "va", "Да", "東京"]);
        assert_eq!(got[3].1, Break::Sentence);
    }

    #[test]
    fn ascii_fast_path_agrees_with_uax29() {
        let samples = [
            "Don't stop: the U.S.A. and U.K. met at 10:30 on 3.14, 1,000; a_b __ x.",
            "e-mail well-known 'quoted' \"double\" (paren) [x] {y} a.b.c 1.2.3 a1b2 3rd",
            "end.  Start...again!?yes 12,34,56 ab:cd ab::cd a'b'c 'tis",
            "Don’t “quote” — café naïve Zürich’s ‘single’ l·l co\u{AD}op 5\u{A0}000 €5 …end",
            "Ångström Øresund ŁÓDŹ ß §3 ©2024 a—b a–b « guillemets » ¿qué? ¡sí!",
        ];
        for s in samples {
            assert!(is_latin_text(s));
            let mut fast = Vec::new();
            latin_words(s, &mut |t| fast.push(&s[t.start..t.end]));
            let slow: Vec<&str> = s
                .split_word_bounds()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .collect();
            assert_eq!(fast, slow, "sample: {s}");
        }
    }
}
