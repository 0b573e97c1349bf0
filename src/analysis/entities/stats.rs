//! Corpus-level evidence gathered in a first pass: how often each word form is written
//! capitalised in the middle of a sentence, capitalised at a sentence start, and in lower case.
//! A word seen capitalised only at sentence starts (and in lower case elsewhere) is not a name.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::text::pack16 as pack;

use super::tokens::{CAP, HEADLINE, SENT_START, TokKind, tokenize_lines};

/// Counts of one word form.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordCounts {
    /// Capitalised, not at a sentence start and not in a headline.
    pub cap_mid: u32,
    /// Capitalised at a sentence start or in a headline.
    pub cap_start: u32,
    /// Written with a lower-case first letter.
    pub lower: u32,
}

/// Word-form counts over the whole corpus, keyed by the exact form. Forms of up to 16 bytes
/// (nearly all) are keyed by their bytes packed in a `u128`, so a lookup neither follows a
/// pointer into the text nor calls `memcmp`; longer forms are keyed by the string.
#[derive(Debug, Default)]
pub(crate) struct CorpusStats<'a> {
    short: FxHashMap<u128, WordCounts>,
    long: FxHashMap<&'a str, WordCounts>,
}

impl WordCounts {
    fn add(&mut self, other: WordCounts) {
        self.cap_mid += other.cap_mid;
        self.cap_start += other.cap_start;
        self.lower += other.lower;
    }
}

impl<'a> CorpusStats<'a> {
    fn entry(&mut self, word: &'a str) -> &mut WordCounts {
        match pack(word) {
            Some(k) => self.short.entry(k).or_default(),
            None => self.long.entry(word).or_default(),
        }
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Add `other`'s counts into `self`.
    fn absorb(&mut self, other: CorpusStats<'a>) {
        for (k, v) in other.short {
            self.short.entry(k).or_default().add(v);
        }
        for (k, v) in other.long {
            self.long.entry(k).or_default().add(v);
        }
    }
}

impl<'a> CorpusStats<'a> {
    pub fn build(texts: &[&'a str]) -> CorpusStats<'a> {
        // Few, large pieces: every piece's map holds up to the whole vocabulary.
        let min_len = (texts.len() / (4 * rayon::current_num_threads().max(1))).max(1);
        texts
            .par_iter()
            .with_min_len(min_len)
            .fold(CorpusStats::default, |mut map: CorpusStats<'a>, text| {
                let mut buf = Vec::new();
                tokenize_lines(text, &mut buf, |line| {
                    for t in line {
                        if t.kind != TokKind::Word {
                            continue;
                        }
                        let e = map.entry(t.text(text));
                        if t.has(CAP) {
                            if t.has(SENT_START) || t.has(HEADLINE) {
                                e.cap_start += 1;
                            } else {
                                e.cap_mid += 1;
                            }
                        } else {
                            e.lower += 1;
                        }
                    }
                });
                map
            })
            .reduce(CorpusStats::default, |a, b| {
                let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
                big.absorb(small);
                big
            })
    }

    pub fn get(&self, word: &str) -> WordCounts {
        let found = match pack(word) {
            Some(k) => self.short.get(&k),
            None => self.long.get(word),
        };
        found.copied().unwrap_or_default()
    }

    /// How often the lower-case form of `word` occurs.
    pub fn lower_count(&self, word: &str) -> u32 {
        if word.bytes().all(|b| !b.is_ascii_uppercase()) && word.is_ascii() {
            return self.get(word).lower;
        }
        self.get(&word.to_lowercase()).lower
    }

    /// A capitalised word that is mostly an ordinary word in this corpus: its lower-case form is
    /// seen at least as often as it is capitalised mid-sentence.
    pub fn is_common_word(&self, word: &str) -> bool {
        let lower = self.lower_count(word);
        lower > 0 && lower >= self.get(word).cap_mid
    }
}
