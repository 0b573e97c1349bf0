//! Stage 5 of the pipeline: the per-article index (content and other terms apart, entity
//! counts) and its inversion into term and entity postings.

use rustc_hash::FxHashMap;

use super::counts::DocTerms;
use crate::analysis::entities::EntityPair;
use crate::analysis::postings::Postings;
use crate::analysis::{Analysis, CorpusEntities, DocIndex, RowsBuilder, Vocabulary, ranks_by};

/// Fill the index of `analysis` (articles, term rows, postings, entity ranks) and move the
/// vocabulary and the entities into it.
pub(super) fn build_index(
    analysis: &mut Analysis,
    doc_terms: Vec<DocTerms>,
    vocab: Vocabulary,
    entities: CorpusEntities,
    entity_pairs: Vec<EntityPair>,
) {
    // Sized up front: growing by doubling would copy the index and briefly hold it twice.
    let split = |terms: &[(u32, u32)]| terms.partition_point(|&(t, _)| t < vocab.content_terms);
    let content_len: usize = doc_terms.iter().map(|(_, t)| split(t)).sum();
    let all_len: usize = doc_terms.iter().map(|(_, t)| t.len()).sum();
    let mut content_rows = RowsBuilder::with_capacity(doc_terms.len(), content_len);
    let mut other_rows = RowsBuilder::with_capacity(doc_terms.len(), all_len - content_len);
    analysis.docs = doc_terms
        .into_iter()
        .zip(&entities.mentions)
        .map(|((tokens, terms), mentions)| {
            let mut ents: FxHashMap<u32, u32> = FxHashMap::default();
            for m in mentions {
                *ents.entry(m.entity).or_default() += 1;
            }
            let mut entities: Vec<(u32, u32)> = ents.into_iter().collect();
            entities.sort_unstable();
            let at = split(&terms);
            content_rows.push(&terms[..at]);
            other_rows.push(&terms[at..]);
            DocIndex {
                tokens,
                entities,
                top_terms: Vec::new(),
            }
        })
        .collect();
    analysis.doc_content = content_rows.finish();
    analysis.doc_other = other_rows.finish();
    analysis.term_postings =
        Postings::from_lists(&postings(analysis.docs.len(), vocab.terms.len(), |d| {
            analysis.terms_of(d)
        }));
    analysis.entity_postings = postings(analysis.docs.len(), entities.entities.len(), |d| {
        &analysis.docs[d as usize].entities
    });
    analysis.vocab = vocab;
    let ents = &entities.entities;
    analysis.entity_rank = ranks_by(ents.len(), |e| ents[e as usize].name.as_str());
    analysis.entities = entities;
    analysis.entity_pairs = entity_pairs;
}

/// Invert per-article (id, count) lists into id → (article, count), ascending article.
fn postings<'a, I: IntoIterator<Item = &'a (u32, u32)>>(
    n_docs: usize,
    n_ids: usize,
    get: impl Fn(u32) -> I,
) -> Vec<Vec<(u32, u32)>> {
    // Count first, so every list is allocated at its exact size (growing by doubling leaves
    // about a third of the index unused on large corpora).
    let mut sizes = vec![0usize; n_ids];
    for doc in 0..n_docs as u32 {
        for &(id, _) in get(doc) {
            sizes[id as usize] += 1;
        }
    }
    let mut out: Vec<Vec<(u32, u32)>> = sizes.into_iter().map(Vec::with_capacity).collect();
    for doc in 0..n_docs as u32 {
        for &(id, c) in get(doc) {
            out[id as usize].push((doc, c));
        }
    }
    out
}
