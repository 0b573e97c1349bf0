//! A fast, allocation-free tokenizer tuned for name finding.
//!
//! It scans bytes (with an ASCII fast path and `char` decoding only for non-ASCII), and produces word
//! tokens with the few facts the rules need: capitalisation, sentence-initial position, a stripped
//! possessive `'s`, dotted abbreviations ("U.S.") and a following period. Punctuation that matters
//! to names (`&`, `(`, `)`, `,`) is kept as tokens; everything else only breaks sequences.
//! Lines that look like headlines or headings are flagged by [`headlines`].

mod headlines;

use headlines::mark_headlines;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Number,
    Punct,
}

/// The first letter is upper case.
pub(crate) const CAP: u16 = 1;
/// Every letter is upper case and there are at least two letters.
pub(crate) const ALLCAPS: u16 = 1 << 1;
/// The token starts a sentence, a line, a quotation or follows a colon or dash: its capital letter
/// says nothing about it being a name.
pub(crate) const SENT_START: u16 = 1 << 2;
/// A possessive `'s` (or a bare `'` after an `s`) followed the token and was left out of it.
pub(crate) const POSSESSIVE: u16 = 1 << 3;
/// A dotted abbreviation such as `U.S.` (the dots are part of the token).
pub(crate) const DOTTED: u16 = 1 << 4;
/// The token is immediately followed by a period that is not part of it.
pub(crate) const PERIOD_AFTER: u16 = 1 << 5;
/// The token is the first of a line.
pub(crate) const LINE_START: u16 = 1 << 6;
/// The line holding this token is written mostly in capitals or mostly in Title Case (a headline),
/// so capitalisation there is not evidence.
pub(crate) const HEADLINE: u16 = 1 << 7;
/// The token starts a line that begins a new block: after a blank line, or after a short line (a
/// heading, a byline, a dateline of its own). Names never run across such a line break, while
/// hard-wrapped prose (long lines) may continue a name on the next line.
pub(crate) const BLOCK_START: u16 = 1 << 8;
/// The line holding this token is written entirely in capitals (every word of two or more letters):
/// a section heading ("BOULDER DAM", "RELATIONS WITH MEXICO") or a shouted dateline. Only
/// lexicon-known names are taken from such lines.
pub(crate) const HEADING: u16 = 1 << 9;

/// Lines shorter than this (in bytes) end a block: prose wrapped by hand is longer.
const SHORT_LINE: usize = 50;

/// One token: byte offsets into the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    pub flags: u16,
}

impl Token {
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Words after which a period does not end the sentence (titles and legal forms); shared with
/// the sentence splitter in `pairs`.
pub(super) fn is_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Gen"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Cmdr"
            | "Adm"
            | "Jr"
            | "Sr"
            | "Rev"
            | "Prof"
            | "Inc"
            | "Corp"
            | "Co"
            | "Ltd"
            | "Mt"
            | "Ft"
            | "ST"
            | "MT"
            | "FT"
            | "No"
            | "vs"
            | "Messrs"
            | "Hon"
    )
}

/// Tokenize `text`. Never panics; offsets always fall on char boundaries.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut all: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_lines(text, &mut Vec::new(), |line| all.extend_from_slice(line));
    all
}

/// Tokenize `text` one line at a time: `f` gets the tokens from one that starts a line up to the
/// next one that does (punctuation opening a line stays with the line before), with their
/// headline flags set. Nothing grows with the text: `buf` holds one line and is reused, which
/// is all a pass that only counts needs.
pub(crate) fn tokenize_lines(text: &str, buf: &mut Vec<Token>, mut f: impl FnMut(&[Token])) {
    let bytes = text.as_bytes();
    buf.clear();
    let out = buf;
    let mut flush = |out: &mut Vec<Token>| {
        mark_headlines(text, out);
        f(out);
        out.clear();
    };
    let mut i = 0;
    let mut next_flags = SENT_START | LINE_START | BLOCK_START;
    let mut line_start = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            if b == b'\n' {
                if next_flags & LINE_START != 0 || i - line_start < SHORT_LINE {
                    next_flags |= BLOCK_START;
                }
                next_flags |= SENT_START | LINE_START;
                line_start = i + 1;
            }
            i += 1;
            continue;
        }
        let (c, clen) = if b.is_ascii() {
            (b as char, 1)
        } else {
            match char_at(text, i) {
                Some(c) => (c, c.len_utf8()),
                None => {
                    i += 1;
                    continue;
                }
            }
        };
        if c.is_alphabetic() {
            let (tok, next) = word_token(text, i, next_flags);
            i = next;
            if tok.has(LINE_START) && !out.is_empty() {
                flush(out);
            }
            out.push(tok);
            next_flags = 0;
        } else if c.is_numeric() {
            let start = i;
            i = number_end(bytes, i + clen);
            if next_flags & LINE_START != 0 && !out.is_empty() {
                flush(out);
            }
            out.push(Token {
                start,
                end: i,
                kind: TokKind::Number,
                flags: next_flags,
            });
            next_flags = 0;
        } else {
            let start = i;
            i += clen;
            let prev_word = out
                .last()
                .filter(|t| t.kind == TokKind::Word && t.end == start);
            if ends_sentence(text, c, i, prev_word) {
                next_flags |= SENT_START;
            }
            out.push(Token {
                start,
                end: i,
                kind: TokKind::Punct,
                flags: 0,
            });
        }
    }
    if !out.is_empty() {
        flush(out);
    }
}

/// The word token starting at `start` (an alphabetic char) and where scanning goes on: past a
/// possessive 's / ’s, or a bare apostrophe after a plural, which are left out of the word.
fn word_token(text: &str, start: usize, flags: u16) -> (Token, usize) {
    let bytes = text.as_bytes();
    let mut tok = scan_word(text, start, flags);
    let mut i = tok.end;
    // Skip a possessive 's / ’s, or a bare apostrophe after a plural (’ starts with 0xE2).
    if matches!(bytes.get(i), Some(b'\'' | 0xE2))
        && let Some(a) = char_at(text, i).filter(|&a| is_apostrophe(a))
    {
        let after = i + a.len_utf8();
        let s_next = matches!(bytes.get(after), Some(b's') | Some(b'S'));
        let letter_after_s = char_at(text, after + 1).is_some_and(char::is_alphanumeric);
        if s_next && !letter_after_s {
            tok.flags |= POSSESSIVE;
            i = after + 1;
        } else if !char_at(text, after).is_some_and(char::is_alphanumeric)
            && text[tok.start..tok.end].ends_with('s')
        {
            tok.flags |= POSSESSIVE;
            i = after;
        }
    }
    if bytes.get(i) == Some(&b'.') && !tok.has(DOTTED) {
        tok.flags |= PERIOD_AFTER;
    }
    (tok, i)
}

/// The end of a number whose first char ends at `i`: letters and digits, and `.` or `,` before a
/// digit ("1,000.5").
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        let d = bytes[i];
        if d.is_ascii_alphanumeric()
            || ((d == b'.' || d == b',') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Whether the punctuation `c` (ending at byte `end`) ends a sentence, so that the next token
/// starts one. `prev_word` is the word it touches, if any.
fn ends_sentence(text: &str, c: char, end: usize, prev_word: Option<&Token>) -> bool {
    let bytes = text.as_bytes();
    match c {
        '.' => {
            // A period after an initial ("J.") or a title ("Mr.") does not end a sentence,
            // unless a line break follows.
            let w = prev_word.map(|t| &text[t.start..t.end]).unwrap_or("");
            let initial = w.len() == 1 && w.bytes().all(|b| b.is_ascii_uppercase());
            !(initial || is_abbreviation(w))
        }
        '!' | '?' | ';' => true,
        ':' | '"' | '\u{201c}' | '\u{2018}' | '\u{2014}' | '\u{2013}' | '(' | '[' => true,
        '-' => bytes.get(end) == Some(&b' ') || bytes.get(end) == Some(&b'-'),
        _ => false,
    }
}

/// Scan one word starting at `start` (an alphabetic char).
fn scan_word(text: &str, start: usize, flags: u16) -> Token {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut first_upper = None;
    let mut dotted = false;
    // Where the first ASCII hyphen joined two parts, if one did.
    let mut first_hyphen = None;
    // ASCII fast path: no char decoding for plain letters and digits.
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() {
            if b.is_ascii_alphabetic() {
                letters += 1;
                let up = b.is_ascii_uppercase();
                upper += usize::from(up);
                if first_upper.is_none() {
                    first_upper = Some(up);
                }
            }
            i += 1;
            continue;
        }
        let c = if b.is_ascii() {
            b as char
        } else {
            match char_at(text, i) {
                Some(c) => c,
                None => break,
            }
        };
        if c.is_alphanumeric() {
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    upper += 1;
                }
                if first_upper.is_none() {
                    first_upper = Some(c.is_uppercase());
                }
            }
            i += c.len_utf8();
            continue;
        }
        // The char after `c`, read only where it matters (most words end at a space).
        let after_c = i + c.len_utf8();
        let next = || char_at(text, after_c);
        // Hyphenated words and names ("Guinea-Bissau", "al-Assad").
        if (c == '-' || c == '\u{2011}') && next().is_some_and(char::is_alphanumeric) {
            if compound_break(text, start, i, after_c) {
                break;
            }
            if c == '-' && first_hyphen.is_none() {
                first_hyphen = Some(i);
            }
            i += c.len_utf8();
            continue;
        }
        // Inner apostrophes ("O'Brien", "don't"), but not a possessive 's.
        if is_apostrophe(c) && next().is_some_and(char::is_alphabetic) {
            let after = i + c.len_utf8();
            let possessive = matches!(bytes.get(after), Some(b's') | Some(b'S'))
                && !char_at(text, after + 1).is_some_and(char::is_alphanumeric);
            if !possessive {
                i = after;
                continue;
            }
        }
        // Dotted abbreviations: U.S., U.N., U.S.A. (single capitals each followed by a dot).
        if c == '.' && letters == 1 && upper == 1 && i == start + 1 || (dotted && c == '.') {
            let n1 = bytes.get(i + 1).copied();
            let n2 = bytes.get(i + 2).copied();
            if n1.is_some_and(|b| b.is_ascii_uppercase()) && n2 == Some(b'.') {
                dotted = true;
                letters += 1;
                upper += 1;
                i += 2;
                continue;
            }
            if dotted {
                i += 1; // the final dot belongs to the abbreviation
            }
        }
        break;
    }
    let shape = WordShape {
        letters,
        upper,
        first_upper,
        dotted,
        first_hyphen,
    };
    Token {
        start,
        end: i,
        kind: TokKind::Word,
        flags: flags | shape.flags(text, start, i),
    }
}

/// Lower-case second parts that make a compound modifier of a name: "Berlin-based", "UN-backed",
/// "Reagan-era", "Taliban-held". The name part is the token; the rest is an ordinary word.
#[rustfmt::skip]
const COMPOUND_SUFFIXES: &[&str] = &[
    "based", "led", "backed", "era", "born", "run", "held", "owned", "made", "built", "bound",
    "style", "type", "like", "wide", "friendly", "linked", "allied", "funded", "sponsored",
    "controlled", "dominated", "occupied", "brokered", "designed", "inspired", "registered",
    "listed", "affiliated", "related", "centric", "focused", "only", "area", "specific", "class",
    "level", "sized", "size", "proof", "free", "born", "bred", "trained", "educated", "speaking",
    "leaning", "aligned", "oriented", "produced", "themed", "branded", "flagged", "operated",
];

/// Lower-case prefixes before a hyphen and a name: "anti-Iraqi", "pro-Russian", "ex-Google".
#[rustfmt::skip]
const COMPOUND_PREFIXES: &[&str] = &[
    "anti", "pro", "post", "pre", "ex", "non", "pan", "mid", "trans", "neo", "un", "sub", "semi",
    "inter", "intra", "co", "cross", "counter", "over", "under", "all", "super", "ultra",
];

/// Whether the hyphen at `hyphen` (inside the word that started at `start`, followed by a char
/// at `after`) separates a name from a modifier: a capitalised part before one of
/// [`COMPOUND_SUFFIXES`] (or any lower-case past participle in -ed), or one of
/// [`COMPOUND_PREFIXES`] before a capital. The word then ends at the hyphen.
fn compound_break(text: &str, start: usize, hyphen: usize, after: usize) -> bool {
    let bytes = text.as_bytes();
    let head = &text[start..hyphen];
    let first_upper = head.chars().next().is_some_and(char::is_uppercase);
    if first_upper {
        let mut end = after;
        while bytes.get(end).is_some_and(u8::is_ascii_lowercase) {
            end += 1;
        }
        // The second part must be a whole lower-case word (not "Ching-te" + more letters).
        let whole = !bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
        let tail = &text[after..end];
        return whole
            && (COMPOUND_SUFFIXES.contains(&tail) || (tail.len() > 4 && tail.ends_with("ed")));
    }
    COMPOUND_PREFIXES.contains(&head) && bytes.get(after).is_some_and(u8::is_ascii_uppercase)
}

/// What [`scan_word`] learnt about the letters of a word.
struct WordShape {
    letters: usize,
    upper: usize,
    /// Whether the first letter is upper case.
    first_upper: Option<bool>,
    /// A dotted abbreviation ("U.S.").
    dotted: bool,
    /// Byte offset of the first ASCII hyphen that joined two parts, if one did.
    first_hyphen: Option<usize>,
}

impl WordShape {
    /// The capitalisation flags of the word `text[start..end]`.
    fn flags(&self, text: &str, start: usize, end: usize) -> u16 {
        let mut f = 0;
        if self.first_upper == Some(true) {
            f |= CAP;
        }
        if self.letters >= 2 && self.upper == self.letters {
            f |= ALLCAPS;
        }
        if self.dotted {
            f |= DOTTED | CAP | ALLCAPS;
        }
        // Particles written with a hyphen before a capital: "al-Assad", "bin-Laden", "el-Sisi".
        if self.first_upper == Some(false)
            && let Some(h) = self.first_hyphen
        {
            let (head, tail) = (&text[start..h], &text[h + 1..end]);
            if matches!(
                head,
                "al" | "el" | "ad" | "as" | "an" | "ash" | "at" | "az" | "bin" | "ibn" | "abu"
            ) && tail.chars().next().is_some_and(char::is_uppercase)
            {
                f |= CAP;
            }
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn possessive_and_abbreviations() {
        let t = "Antony Blinken's trip to the U.S. and Mr. O'Brien's al-Assad.";
        assert_eq!(
            words(t),
            [
                "Antony", "Blinken", "trip", "to", "the", "U.S.", "and", "Mr", ".", "O'Brien",
                "al-Assad", "."
            ]
        );
        let toks = tokenize(t);
        assert!(toks[1].has(POSSESSIVE));
        assert!(toks[5].has(DOTTED));
        assert!(!toks[9].has(SENT_START), "Mr. does not end a sentence");
        assert!(toks[10].has(CAP), "al-Assad counts as capitalised");
    }

    #[test]
    fn sentence_starts() {
        let t = "He left. Yesterday it rained.\nThe end";
        let toks = tokenize(t);
        let starts: Vec<_> = toks
            .iter()
            .filter(|t| t.has(SENT_START))
            .map(|t| t.text(t_ref(t)))
            .collect();
        fn t_ref(_: &Token) -> &'static str {
            "He left. Yesterday it rained.\nThe end"
        }
        assert_eq!(starts, ["He", "Yesterday", "The"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "",
            "'",
            "’s",
            "U.",
            "A.B",
            "-",
            "é'ś",
            "日本語のテキスト。東京",
            "\u{0}\u{feff}x",
        ] {
            let _ = tokenize(t);
        }
    }
}
