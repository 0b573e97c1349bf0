//! The mention export behind `lexiscope mentions`: every mention with its source path, character
//! offsets into the decoded source file, type, surface text and canonical entity.
//!
//! Titles and bodies of all articles are extracted together as one corpus (so corpus evidence
//! applies), and byte offsets are turned into Unicode character offsets and shifted by
//! `Article::title_char_offset` / `Article::body_char_offset`. Titles that were not read from the
//! file's text (no `title_char_offset`) are skipped, since their offsets would not point into it.

use std::io::{self, Write};

use serde::Serialize;

use super::{Extractor, Mention};
use crate::analysis::entity_edits::EntityRules;
use crate::jobs::CancelToken;
use crate::model::Corpus;

/// Output format of [`write_mentions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionFormat {
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

#[derive(Serialize)]
struct Row<'a> {
    source: &'a str,
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: &'static str,
    text: &'a str,
    entity: &'a str,
}

/// Char offsets of each mention's start and end (mentions sorted by start).
fn char_offsets(text: &str, mentions: &[Mention]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(mentions.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    let to_char = |target: usize, byte: &mut usize, chars: &mut usize| {
        if target >= *byte {
            *chars += text.get(*byte..target).map_or(0, |s| s.chars().count());
        } else {
            *chars -= text.get(target..*byte).map_or(0, |s| s.chars().count());
        }
        *byte = target;
        *chars
    };
    for m in mentions {
        let s = to_char(m.start, &mut byte, &mut chars);
        let e = to_char(m.end, &mut byte, &mut chars);
        out.push((s, e));
    }
    out
}

/// Write every mention found in the corpus, with the entity editor's corrections (`rules`)
/// applied; returns the number of mentions written and the notes on edits that were skipped.
pub fn write_mentions(
    corpus: &Corpus,
    rules: &EntityRules,
    format: MentionFormat,
    out: &mut dyn Write,
) -> io::Result<(u64, Vec<String>)> {
    // (article index, char offset of the text in the file, text)
    let mut parts: Vec<(usize, usize, &str)> = Vec::new();
    for (i, a) in corpus.articles.iter().enumerate() {
        if let Some(off) = a.title_char_offset
            && !a.title.is_empty()
        {
            parts.push((i, off, a.title.as_str()));
        }
        parts.push((i, a.body_char_offset, a.text.as_str()));
    }
    let texts: Vec<&str> = parts.iter().map(|p| p.2).collect();
    let mut ce = Extractor::bundled()
        .extract_corpus(&texts, &CancelToken::new())
        .map_err(|e| io::Error::other(e.to_string()))?;
    let notes = rules.apply(&mut ce, &texts);
    let emit_all = |emit: &mut dyn FnMut(&Row<'_>) -> io::Result<()>| -> io::Result<u64> {
        let mut written = 0u64;
        for ((article, offset, text), mentions) in parts.iter().zip(&ce.mentions) {
            let source = corpus.articles[*article].source.as_str();
            for (m, (s, e)) in mentions.iter().zip(char_offsets(text, mentions)) {
                emit(&Row {
                    source,
                    start: offset + s,
                    end: offset + e,
                    kind: m.kind.as_str(),
                    text: text.get(m.start..m.end).unwrap_or(""),
                    entity: ce
                        .entities
                        .get(m.entity as usize)
                        .map_or("", |x| x.name.as_str()),
                })?;
                written += 1;
            }
        }
        Ok(written)
    };
    let written = match format {
        MentionFormat::Jsonl => emit_all(&mut |row| {
            serde_json::to_writer(&mut *out, row)?;
            out.write_all(b"\n")
        }),
        MentionFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(out);
            w.write_record(["source", "start", "end", "type", "text", "entity"])
                .map_err(io::Error::other)?;
            let n = emit_all(&mut |row| {
                let safe = crate::text::spreadsheet_safe;
                let (start, end) = (row.start.to_string(), row.end.to_string());
                w.write_record([
                    &*safe(row.source),
                    &start,
                    &end,
                    row.kind,
                    &safe(row.text),
                    &safe(row.entity),
                ])
                .map_err(io::Error::other)
            })?;
            w.flush()?;
            Ok(n)
        }
    }?;
    Ok((written, notes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    #[test]
    fn offsets_are_characters_into_the_file() {
        let file =
            " date 2024-01-02 Blinken in Cairo\n\nÉtienne met Antony Blinken in Cairo on Monday.";
        let body_off = file.chars().position(|c| c == 'É').expect("body");
        let article = Article {
            source: "a.txt".into(),
            title: "Blinken in Cairo".into(),
            title_char_offset: Some(17),
            text: file.split("\n\n").nth(1).expect("body").into(),
            body_char_offset: body_off,
            ..Article::default()
        };
        let corpus = Corpus {
            articles: vec![article],
            ..Corpus::default()
        };
        let mut buf = Vec::new();
        let (n, _) = write_mentions(
            &corpus,
            &EntityRules::default(),
            MentionFormat::Jsonl,
            &mut buf,
        )
        .expect("write");
        assert!(n >= 2);
        let chars: Vec<char> = file.chars().collect();
        for line in String::from_utf8(buf).expect("utf8").lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            let s = v["start"].as_u64().expect("start") as usize;
            let e = v["end"].as_u64().expect("end") as usize;
            let surface: String = chars[s..e].iter().collect();
            assert_eq!(surface, v["text"].as_str().expect("text"));
        }
        let mut csv_buf = Vec::new();
        write_mentions(
            &corpus,
            &EntityRules::default(),
            MentionFormat::Csv,
            &mut csv_buf,
        )
        .expect("csv");
        let csv_text = String::from_utf8(csv_buf).expect("utf8");
        assert!(csv_text.starts_with("source,start,end,type,text,entity"));
        assert!(csv_text.contains("Antony Blinken"));
    }
}
