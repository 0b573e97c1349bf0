//! Language identification of one text (with `whatlang`, trigram and script based, 69
//! languages) and the one mapping from language names and codes to the ISO 639-1 codes the rest
//! of the tool uses (`language:de` in queries, the `language` column of the exports).
//!
//! A text is tagged only when the detector is confident: short or mixed texts come out
//! [`UNDETERMINED`] (`und`, the ISO 639-2 code for "undetermined") rather than a guess. The
//! analysis then treats an undetermined article as written in the corpus majority language for
//! its stopwords and stemming (see `analysis::languages`), but the metadata stays honest.

use whatlang::Lang;

mod corpus;
pub use corpus::CorpusDetector;

/// The metadata field holding an article's language.
pub const FIELD: &str = "language";

/// The code of a text whose language could not be determined (ISO 639-2 `und`).
pub const UNDETERMINED: &str = "und";

/// Only the first this many bytes of a text are read to detect its language: a news article
/// says what language it is in within its first paragraph (some 150 words of Latin script, 300
/// CJK characters), and detection stays a small part of the import (at 8 KiB it took half of
/// the import of 20,000 short articles).
const DETECT_PREFIX_BYTES: usize = 1024;

/// Fewer letters than this are too few to name a language.
const MIN_LETTERS: usize = 12;

/// The ISO 639-1 code of the language of `text` (ISO 639-3 where the language has no
/// two-letter code), or `None` when the detector is not confident.
pub fn detect(text: &str) -> Option<&'static str> {
    let prefix = prefix(text, DETECT_PREFIX_BYTES);
    if prefix.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let info = whatlang::detect(prefix)?;
    info.is_reliable().then(|| iso639_1(info.lang()))
}

/// The first `bytes` bytes of `text`, cut back to a character boundary.
fn prefix(text: &str, bytes: usize) -> &str {
    let mut end = text.len().min(bytes);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Two-letter code of a `whatlang` language (its three-letter code when it has none).
fn iso639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        // Bokmål: the stopword list and the Snowball stemmer are filed under Norwegian.
        Lang::Nob => "no",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
        #[allow(unreachable_patterns)]
        other => other.code(),
    }
}

/// The ISO 639-1 code of a language written as a code (`de`, `DE`, `de-AT`, `deu`, `ger`) or a
/// name in English or in the language itself (`German`, `Deutsch`); `None` when unknown.
pub fn normalize_code(value: &str) -> Option<&'static str> {
    let v = value.trim().to_lowercase();
    if v.is_empty() {
        return None;
    }
    if v == UNDETERMINED {
        return Some(UNDETERMINED);
    }
    // Region and script subtags (`de-AT`, `zh_Hans`) do not change the language.
    let primary = v.split(['-', '_']).next().unwrap_or(&v);
    if let Some(code) = Lang::all()
        .iter()
        .map(|&l| iso639_1(l))
        .find(|c| *c == primary)
    {
        return Some(code);
    }
    if let Some(l) = super::LANGUAGES.iter().find(|l| l.code == primary) {
        return Some(l.code);
    }
    // Bibliographic codes that differ from whatlang's terminological ones.
    let biblio = match primary {
        "ger" => Some(Lang::Deu),
        "fre" => Some(Lang::Fra),
        "chi" | "zho" => Some(Lang::Cmn),
        "dut" => Some(Lang::Nld),
        "cze" => Some(Lang::Ces),
        "gre" => Some(Lang::Ell),
        "per" | "fas" => Some(Lang::Pes),
        "rum" => Some(Lang::Ron),
        "nor" | "nno" => Some(Lang::Nob),
        _ => None,
    };
    biblio
        .or_else(|| Lang::from_code(primary))
        .or_else(|| {
            Lang::all()
                .iter()
                .copied()
                .find(|l| l.eng_name().eq_ignore_ascii_case(&v) || l.name().to_lowercase() == v)
        })
        .map(iso639_1)
        .or_else(|| {
            super::LANGUAGES
                .iter()
                .find(|l| l.name == v)
                .map(|l| l.code)
        })
}

/// The English name of a language code (`de` → `German`), or the code itself when unknown.
pub fn language_name(code: &str) -> String {
    match code {
        UNDETERMINED => return "undetermined".to_owned(),
        // whatlang names the language of its Han-script texts Mandarin; written text is Chinese.
        "zh" => return "Chinese".to_owned(),
        _ => {}
    }
    Lang::all()
        .iter()
        .find(|&&l| iso639_1(l) == code)
        .map(|l| l.eng_name().to_owned())
        .unwrap_or_else(|| code.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_normalise_to_iso_639_1() {
        for (given, code) in [
            ("de", "de"),
            ("DE", "de"),
            ("de-AT", "de"),
            ("deu", "de"),
            ("ger", "de"),
            ("German", "de"),
            ("Deutsch", "de"),
            ("zh_Hans", "zh"),
            ("chi", "zh"),
            ("japanese", "ja"),
            ("nob", "no"),
            ("und", "und"),
        ] {
            assert_eq!(normalize_code(given), Some(code), "{given}");
        }
        assert_eq!(normalize_code("klingon"), None);
        assert_eq!(normalize_code(""), None);
        assert_eq!(language_name("de"), "German");
        assert_eq!(language_name("und"), "undetermined");
        assert_eq!(language_name("xx"), "xx");
    }

    #[test]
    fn short_texts_are_not_guessed() {
        assert_eq!(detect("Hallo"), None);
        assert_eq!(detect("12345 67890 !!!"), None);
        assert_eq!(detect(""), None);
    }
}
