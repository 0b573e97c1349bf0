//! The tables of a Parquet export, each built a chunk of articles at a time (see
//! [`super::write_table`]), so no table is ever held whole in memory. Repeated strings (terms,
//! entity names, n-grams) are encoded once and shared by every row that names them.

use parquet::data_type::ByteArray;

use super::{Col, epoch_days, text};
use crate::analysis::Analysis;
use crate::jobs::CancelToken;
use crate::model::Corpus;

/// Articles per chunk of the per-article tables.
const ARTICLES_PER_CHUNK: usize = 4096;

/// The chunks of a table.
pub(super) type Chunks<'a> = Box<dyn Iterator<Item = Vec<(String, Col)>> + 'a>;

/// Article ranges of [`ARTICLES_PER_CHUNK`] (one empty range for an empty corpus, so a table
/// always has a chunk to take its schema from).
fn article_chunks(n: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    let starts = (0..n.max(1)).step_by(ARTICLES_PER_CHUNK);
    starts.map(move |s| s..(s + ARTICLES_PER_CHUNK).min(n))
}

pub(super) fn articles(corpus: &Corpus, a: &Analysis) -> Chunks<'static> {
    let arts = &corpus.articles;
    let mut cols = vec![
        (
            "article_id".to_owned(),
            Col::Int((0..arts.len() as i64).collect()),
        ),
        (
            "source".to_owned(),
            Col::Text(arts.iter().map(|x| text(&x.source)).collect()),
        ),
        (
            "title".to_owned(),
            Col::Text(arts.iter().map(|x| text(&x.title)).collect()),
        ),
        (
            "date".to_owned(),
            Col::OptDate(arts.iter().map(|x| x.date.and_then(epoch_days)).collect()),
        ),
        (
            "tokens".to_owned(),
            Col::Int(
                (0..arts.len())
                    .map(|i| a.docs.get(i).map_or(0, |d| i64::from(d.tokens)))
                    .collect(),
            ),
        ),
    ];
    for field in &a.facets.fields {
        let taken = cols
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(&field.name));
        let name = if taken {
            format!("meta_{}", field.name)
        } else {
            field.name.clone()
        };
        let values = arts
            .iter()
            .map(|x| {
                x.metadata
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(&field.name))
                    .map(|(_, v)| text(v))
            })
            .collect();
        cols.push((name, Col::OptText(values)));
    }
    Box::new(std::iter::once(cols))
}

pub(super) fn terms(a: &Analysis) -> Chunks<'_> {
    let names: Vec<ByteArray> = a.vocab.terms.iter().map(|t| text(t)).collect();
    Box::new(article_chunks(a.docs.len()).map(move |range| {
        let (mut ids, mut terms, mut counts) = (Vec::new(), Vec::new(), Vec::new());
        for doc in range {
            for &(term, count) in a.doc_content.row(doc) {
                ids.push(doc as i64);
                terms.push(names[term as usize].clone());
                counts.push(i64::from(count));
            }
        }
        vec![
            ("article_id".to_owned(), Col::Int(ids)),
            ("term".to_owned(), Col::Text(terms)),
            ("count".to_owned(), Col::Int(counts)),
        ]
    }))
}

/// Each entity's name and type, encoded once.
fn entity_names(a: &Analysis) -> Vec<(ByteArray, ByteArray)> {
    let ents = &a.entities.entities;
    ents.iter()
        .map(|e| (text(&e.name), text(e.kind.as_str())))
        .collect()
}

pub(super) fn entities(a: &Analysis) -> Chunks<'_> {
    let names = entity_names(a);
    Box::new(article_chunks(a.docs.len()).map(move |range| {
        let (mut ids, mut ents, mut kinds, mut counts) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for doc in range {
            let Some(d) = a.docs.get(doc) else { continue };
            for &(e, n) in &d.entities {
                let Some((name, kind)) = names.get(e as usize) else {
                    continue;
                };
                ids.push(doc as i64);
                ents.push(name.clone());
                kinds.push(kind.clone());
                counts.push(i64::from(n));
            }
        }
        vec![
            ("article_id".to_owned(), Col::Int(ids)),
            ("entity".to_owned(), Col::Text(ents)),
            ("type".to_owned(), Col::Text(kinds)),
            ("mentions".to_owned(), Col::Int(counts)),
        ]
    }))
}

pub(super) fn mentions<'a>(corpus: &'a Corpus, a: &'a Analysis) -> Chunks<'a> {
    let names = entity_names(a);
    Box::new(article_chunks(a.docs.len()).map(move |range| {
        let mut ids = Vec::new();
        let (mut ents, mut kinds, mut surfaces) = (Vec::new(), Vec::new(), Vec::new());
        let (mut starts, mut ends) = (Vec::new(), Vec::new());
        for doc in range {
            let body = corpus.articles.get(doc).map_or("", |x| x.text.as_str());
            for m in a.entities.mentions.get(doc).into_iter().flatten() {
                let Some((name, _)) = names.get(m.entity as usize) else {
                    continue;
                };
                ids.push(doc as i64);
                ents.push(name.clone());
                kinds.push(text(m.kind.as_str()));
                starts.push(m.start as i64);
                ends.push(m.end as i64);
                surfaces.push(text(body.get(m.start..m.end).unwrap_or("")));
            }
        }
        vec![
            ("article_id".to_owned(), Col::Int(ids)),
            ("entity".to_owned(), Col::Text(ents)),
            ("type".to_owned(), Col::Text(kinds)),
            ("start".to_owned(), Col::Int(starts)),
            ("end".to_owned(), Col::Int(ends)),
            ("surface".to_owned(), Col::Text(surfaces)),
        ]
    }))
}

pub(super) fn ngrams<'a>(corpus: &'a Corpus, a: &'a Analysis) -> Chunks<'a> {
    let encode = |g: &[crate::analysis::NgramStat]| -> Vec<ByteArray> {
        g.iter().map(|g| text(&g.text)).collect()
    };
    let (bi, tri) = (encode(&a.bigrams), encode(&a.trigrams));
    // Nothing cancels an export from the command line.
    let cancel = CancelToken::new();
    Box::new(article_chunks(a.docs.len()).map(move |range| {
        let docs = range.start as u32..range.end as u32;
        let rows = a.article_ngrams(corpus, docs, &cancel).unwrap_or_default();
        let (mut ids, mut ns, mut grams, mut counts) = (
            Vec::with_capacity(rows.len()),
            Vec::with_capacity(rows.len()),
            Vec::with_capacity(rows.len()),
            Vec::with_capacity(rows.len()),
        );
        for r in rows {
            let table = if r.n == 3 { &tri } else { &bi };
            let Some(g) = table.get(r.index as usize) else {
                continue;
            };
            ids.push(i64::from(r.article));
            ns.push(i64::from(r.n));
            grams.push(g.clone());
            counts.push(i64::from(r.count));
        }
        vec![
            ("article_id".to_owned(), Col::Int(ids)),
            ("n".to_owned(), Col::Int(ns)),
            ("ngram".to_owned(), Col::Text(grams)),
            ("count".to_owned(), Col::Int(counts)),
        ]
    }))
}
