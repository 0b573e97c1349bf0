//! Word segmentation for scripts written without spaces between words: the step the tokenizer
//! calls for each run of Chinese or Japanese characters, which UAX #29 would otherwise split into
//! single ideographs (or keep whole, for kana).
//!
//! - **Chinese** runs go through `jieba-rs` (its embedded dictionary of about 350,000 words and
//!   its HMM for unknown words).
//! - **Japanese** runs are cut where the script changes (kanji, hiragana, katakana): kanji
//!   compounds (東京, 市議会) and katakana words (シーズン) come out whole, inflections and particles
//!   as hiragana runs (住 + んでいます). This is a documented approximation. The dictionary-based
//!   segmenters (Lindera, Sudachi, Vibrato) download or load their dictionaries from outside the
//!   package registry at build or run time, which neither users' builds nor CI can rely on, and
//!   the `tinysegmenter` crate was tried and rejected (it builds invalid `char`s: undefined
//!   behaviour that aborts debug builds).
//!
//! Which one is chosen is decided once per text, not per run, so the index and the KWIC view
//! always cut the same article the same way: a text holding any kana is Japanese (Chinese is never
//! written with kana), every other text's ideograph runs are Chinese.
//!
//! Thai, Lao, Khmer and Myanmar are left to UAX #29, which has no dictionary for them: a run of
//! such letters between spaces or punctuation comes out as one "word" (often a phrase). That is
//! the documented limit for those scripts.

use std::sync::OnceLock;

use jieba_rs::Jieba;

/// Whether a character belongs to a script written without spaces that this module segments:
/// CJK ideographs (with the iteration marks), hiragana, katakana (with the prolonged sound mark
/// and half-width forms).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007          // 々 〆 〇
        | 0x3041..=0x309F        // hiragana
        | 0x30A0..=0x30FF        // katakana, ー
        | 0x31F0..=0x31FF        // katakana phonetic extensions
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xF900..=0xFAFF        // compatibility ideographs
        | 0xFF66..=0xFF9F        // half-width katakana
        | 0x20000..=0x3134F      // CJK extensions B–G
    )
}

/// Whether a character is hiragana or katakana (a sign the text is Japanese).
fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x309F | 0x30A0..=0x30FA | 0x30FD..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// How the CJK runs of one text are cut into words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CjkSegmenter {
    /// `jieba-rs`.
    Chinese,
    /// Script-change boundaries.
    Japanese,
}

impl CjkSegmenter {
    /// The segmenter for a whole text: Japanese when it holds any kana, Chinese otherwise.
    pub fn for_text(text: &str) -> Self {
        if text.chars().any(is_kana) {
            Self::Japanese
        } else {
            Self::Chinese
        }
    }

    /// Call `f(start, end)` with the byte range of every word of `run`, a string made only of
    /// characters for which [`is_cjk`] holds. The ranges cover the run, in order.
    pub fn for_each_word(self, run: &str, mut f: impl FnMut(usize, usize)) {
        match self {
            Self::Chinese => {
                for token in jieba().cut(run, true) {
                    let start = token.byte_start;
                    f(start, start + token.word.len());
                }
            }
            Self::Japanese => {
                let mut start = 0;
                let mut class = None;
                for (i, c) in run.char_indices() {
                    let here = japanese_class(c);
                    if class.is_some_and(|k| k != here) {
                        f(start, i);
                        start = i;
                    }
                    class = Some(here);
                }
                if start < run.len() {
                    f(start, run.len());
                }
            }
        }
    }
}

/// The script class of a Japanese character: a word boundary falls where it changes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum JapaneseClass {
    Kanji,
    Hiragana,
    Katakana,
}

fn japanese_class(c: char) -> JapaneseClass {
    match c as u32 {
        0x3041..=0x309F => JapaneseClass::Hiragana,
        0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => JapaneseClass::Katakana,
        _ => JapaneseClass::Kanji,
    }
}

/// The Chinese segmenter, its dictionary loaded on first use (about 0.3 s), shared by all threads.
fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(seg: CjkSegmenter, run: &str) -> Vec<&str> {
        let mut out = Vec::new();
        seg.for_each_word(run, |s, e| out.push(&run[s..e]));
        out
    }

    #[test]
    fn chinese_runs_become_dictionary_words() {
        assert_eq!(
            cut(CjkSegmenter::Chinese, "我们在北京大学学习"),
            ["我们", "在", "北京大学", "学习"]
        );
    }

    #[test]
    fn japanese_runs_split_where_the_script_changes() {
        assert_eq!(
            cut(CjkSegmenter::Japanese, "私は東京に住んでいます"),
            ["私", "は", "東京", "に", "住", "んでいます"]
        );
    }

    #[test]
    fn the_segmenter_is_chosen_per_text() {
        assert_eq!(CjkSegmenter::for_text("東京大学"), CjkSegmenter::Chinese);
        assert_eq!(
            CjkSegmenter::for_text("東京大学。私は学生です"),
            CjkSegmenter::Japanese
        );
        assert!(is_cjk('中') && is_cjk('の') && is_cjk('ー') && !is_cjk('a') && !is_cjk('。'));
    }
}
