//! Alias merging: turn typed mentions into canonical entities.
//!
//! 1. Fixed aliases: "U.S.", "US", "U.S.A.", "United States of America" and "America" all become
//!    the LOCATION "United States" (America is used as the country's name in almost every news and
//!    State of the Union use); "U.N."/"UN" become "United Nations"; "UK"/"Britain" become
//!    "United Kingdom"; "EU" becomes "European Union".
//! 2. Acronyms join their expansion when a text defines them ("Islamic Revolutionary Guard Corps
//!    (IRGC)") or when a multi-word organisation in the same text has those initials ("African
//!    National Congress" … "ANC"). A definition seen in one text applies corpus-wide when the
//!    corpus has only one expansion for the acronym.
//! 3. Persons: middle initials are ignored ("Donald J. Trump" = "Donald Trump"). A shorter name
//!    ("Blinken", "Lopez Obrador", "Lula") joins the one full name of the same text that contains
//!    it as its last words (or, for one word, as a non-first word); failing that, the one full name
//!    of the corpus that ends with it. Two candidate full names (e.g. "Serena Williams" and
//!    "Venus Williams") leave the short form on its own.
//! 4. "the House": the ORGANIZATION "House" joins the one "House of …" organisation of the same
//!    text ("House of Representatives", "House of Commons"), failing that the corpus's dominant one
//!    (at least 80% of the corpus's "House of …" mentions). "White House" is a different name and
//!    never joins.
//!    Datelines and headings in capitals ("WASHINGTON", "TEL AVIV") join the lexicon name they
//!    were typed by ("Washington", "Tel Aviv").
//! 5. The canonical name shown is always a real mention span. For a person it is the most
//!    frequent full form (two or more words; titles and party labels are never part of a span).
//!    For others it is the merged key when it was seen as written (or is a fixed alias or a
//!    defined acronym's expansion), otherwise the fullest variant. Keys that end up with the same
//!    shown name and type are one entity.
//! 6. Types never mix: every key is a (name, type) pair, an acronym takes the type of its
//!    expansion, and only PERSON mentions are joined to person names, so a place or an
//!    organisation is never an alias of a person.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::lexicon::{ALIASES, Lexicon, alias_of};
use super::rules::Cand;
use super::{CorpusEntities, Entity, EntityKind, Mention};

/// Whitespace collapsed to single spaces.
fn normalise(surface: &str) -> String {
    surface.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A person's name without middle initials ("Donald J. Trump" → "Donald Trump").
fn person_key(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let n = words.len();
    words
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            let initial = w.trim_end_matches('.').chars().count() == 1;
            !(initial && *i > 0 && *i + 1 < n)
        })
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ")
}

fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| !matches!(*w, "of" | "and" | "the" | "for" | "on" | "&" | "de"))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

fn is_acronym(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && name.chars().all(|c| c.is_uppercase() || c == '.')
}

/// Full person names indexed by each of their non-first words, for corpus-wide lookups.
fn index_people(people: &FxHashSet<String>) -> FxHashMap<&str, Vec<&String>> {
    let mut index: FxHashMap<&str, Vec<&String>> = FxHashMap::default();
    for p in people {
        for w in p.split(' ').skip(1) {
            index.entry(w).or_default().push(p);
        }
    }
    for v in index.values_mut() {
        v.sort();
        v.dedup();
    }
    index
}

/// The full name among `full` that `short` abbreviates, if exactly one does.
fn unique_expansion<'a>(short: &str, full: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    let sw: Vec<&str> = short.split(' ').collect();
    let mut found: Option<&String> = None;
    for f in full {
        let fw: Vec<&str> = f.split(' ').collect();
        if fw.len() <= sw.len() {
            continue;
        }
        let suffix = fw.ends_with(&sw);
        let inner = sw.len() == 1 && fw[1..].contains(&sw[0]);
        if suffix || inner {
            if found.is_some_and(|g| g != f) {
                return None;
            }
            found = Some(f);
        }
    }
    found
}

/// A mention's whitespace-normalised surface and its name before cross-mention merging.
type Named = (String, String);

/// An entity key: canonical name and type.
type NameKind = (String, EntityKind);

/// Acronym definitions: per text (acronym → expansion), and every expansion each acronym has
/// anywhere in the corpus.
struct Acronyms {
    text: Vec<FxHashMap<String, NameKind>>,
    corpus: FxHashMap<String, FxHashSet<NameKind>>,
}

/// Build the canonical entities and the mentions of every text.
pub(crate) fn merge(texts: &[&str], cands: &[Vec<Cand>]) -> CorpusEntities {
    let names = mention_names(texts, cands);
    let (acronyms, corpus_people) = find_acronyms(texts, cands, &names);
    let people_index = index_people(&corpus_people);
    let mut finals = final_names(cands, &names, &acronyms, &people_index);
    house_alias(&mut finals);
    let variants = variant_counts(&finals, &names);
    let (grouped, shown_of) = group_by_shown_name(variants, &acronyms);
    let (entities, ids) = number_entities(grouped, &shown_of);
    let mentions = mentions_of(cands, &finals, &ids);
    CorpusEntities { entities, mentions }
}

/// Canonical (surface, name) of each mention before cross-mention merging: fixed aliases,
/// persons without middle initials, names in capitals in their lexicon spelling.
fn mention_names(texts: &[&str], cands: &[Vec<Cand>]) -> Vec<Vec<Named>> {
    texts
        .par_iter()
        .zip(cands)
        .map(|(text, cs)| {
            cs.iter()
                .map(|c| {
                    let surface = normalise(text.get(c.start..c.end).unwrap_or(""));
                    let name = match alias_of(&surface) {
                        Some(a) => a.to_string(),
                        None if c.kind == EntityKind::Person => person_key(&surface),
                        None => shouted_name(&surface).unwrap_or_else(|| surface.clone()),
                    };
                    (surface, name)
                })
                .collect()
        })
        .collect()
}

/// Acronym definitions, per text and corpus-wide, and the corpus's multi-word person names.
fn find_acronyms(
    texts: &[&str],
    cands: &[Vec<Cand>],
    names: &[Vec<Named>],
) -> (Acronyms, FxHashSet<String>) {
    let mut acronyms = Acronyms {
        text: vec![FxHashMap::default(); texts.len()],
        corpus: FxHashMap::default(),
    };
    let mut corpus_people: FxHashSet<String> = FxHashSet::default();
    for (t, (text, cs)) in texts.iter().zip(cands).enumerate() {
        for (m, c) in cs.iter().enumerate() {
            let name = &names[t][m].1;
            if c.kind == EntityKind::Person && name.contains(' ') {
                corpus_people.insert(name.clone());
            }
            if let Some(acr) = defined_acronym(text, cs, &names[t], m) {
                acronyms.text[t].insert(acr.clone(), (name.clone(), c.kind));
                acronyms
                    .corpus
                    .entry(acr.clone())
                    .or_default()
                    .insert((name.clone(), c.kind));
            }
        }
        initialisms(cs, &names[t], &mut acronyms.text[t]);
    }
    (acronyms, corpus_people)
}

/// The acronym that mention `m` of a text defines: the next mention, alone in parentheses right
/// after it ("Islamic Revolutionary Guard Corps (IRGC)").
fn defined_acronym<'n>(
    text: &str,
    cs: &[Cand],
    names: &'n [Named],
    m: usize,
) -> Option<&'n String> {
    let (c, name) = (&cs[m], &names[m].1);
    let next = cs.get(m + 1)?;
    let between = text.get(c.end..next.start).unwrap_or("");
    let after = text.get(next.end..).unwrap_or("");
    let acr = &names[m + 1].0;
    // Not "TEL AVIV, Israel (AP)": a known acronym keeps its own identity, and a
    // one-word place is not expanded into one.
    let one_word_place = c.kind == EntityKind::Location && !name.contains(' ');
    (between.trim() == "("
        && after.starts_with(')')
        && is_acronym(acr)
        && !is_acronym(name)
        && !one_word_place
        && Lexicon::get().lookup(acr).is_none())
    .then_some(acr)
}

/// Organisation acronyms of a text not defined in it that are the initials of exactly one
/// multi-word organisation or place of the text ("African National Congress" … "ANC").
fn initialisms(cs: &[Cand], names: &[Named], text_acr: &mut FxHashMap<String, NameKind>) {
    // The text's multi-word names by their initials, built once: looking each acronym up is then
    // constant time, so a long text costs linear, not quadratic, time.
    let mut by_initials: FxHashMap<String, FxHashSet<(&String, EntityKind)>> = FxHashMap::default();
    for (c, n) in cs.iter().zip(names) {
        if !matches!(c.kind, EntityKind::Person | EntityKind::Misc) && n.1.contains(' ') {
            by_initials
                .entry(initials(&n.1))
                .or_default()
                .insert((&n.1, c.kind));
        }
    }
    for (c, n) in cs.iter().zip(names) {
        if c.kind == EntityKind::Organization && is_acronym(&n.0) && !text_acr.contains_key(&n.0) {
            let key: String = n.0.chars().filter(|c| c.is_alphabetic()).collect();
            if let Some(hits) = by_initials.get(&key)
                && hits.len() == 1
                && let Some(h) = hits.iter().next()
            {
                text_acr.insert(n.0.clone(), (h.0.clone(), h.1));
            }
        }
    }
}

/// Final canonical name per mention: acronyms expanded, short person names joined to their full
/// name (texts in parallel; everything shared is read-only).
fn final_names(
    cands: &[Vec<Cand>],
    names: &[Vec<Named>],
    acronyms: &Acronyms,
    people_index: &FxHashMap<&str, Vec<&String>>,
) -> Vec<Vec<NameKind>> {
    cands
        .par_iter()
        .enumerate()
        .map(|(t, cs)| {
            // The text's full person names indexed by their non-first words, as for the corpus:
            // a short name is compared only with the full names that contain its last word.
            let people: FxHashSet<String> = cs
                .iter()
                .zip(&names[t])
                .filter(|(c, n)| c.kind == EntityKind::Person && n.1.contains(' '))
                .map(|(_, n)| n.1.clone())
                .collect();
            let local_index = index_people(&people);
            let mut out = Vec::with_capacity(cs.len());
            for (c, (surface, name)) in cs.iter().zip(&names[t]) {
                // An acronym takes its expansion's name and type: an alias never makes an entity
                // of two types.
                let expansion = acronyms.text[t].get(surface).or_else(|| {
                    acronyms
                        .corpus
                        .get(surface)
                        .filter(|s| s.len() == 1)
                        .and_then(|s| s.iter().next())
                });
                let key = match expansion {
                    Some(full) => full.clone(),
                    None if c.kind == EntityKind::Person => (
                        expand_person(name.clone(), &local_index, people_index),
                        c.kind,
                    ),
                    None => (name.clone(), c.kind),
                };
                out.push(key);
            }
            out
        })
        .collect()
}

/// A short person name joined to the one full name of its text (`local_index`) that ends with it,
/// failing that (and unless the text has several) to the one such name of the corpus.
fn expand_person(
    name: String,
    local_index: &FxHashMap<&str, Vec<&String>>,
    people_index: &FxHashMap<&str, Vec<&String>>,
) -> String {
    // Every full name a short name can abbreviate contains its last word after the first word.
    let last = name.rsplit(' ').next().unwrap_or("");
    let people = local_index.get(last).map(Vec::as_slice).unwrap_or(&[]);
    let local = unique_expansion(&name, people.iter().copied());
    let ambiguous_local = local.is_none()
        && people.iter().any(|p| {
            p.len() > name.len()
                && p.ends_with(name.as_str())
                && p.as_bytes()[p.len() - name.len() - 1] == b' '
        });
    if let Some(full) = local {
        return full.clone();
    }
    if !ambiguous_local {
        let pool = people_index.get(last).map(Vec::as_slice).unwrap_or(&[]);
        if let Some(full) = unique_expansion(&name, pool.iter().copied()) {
            return full.clone();
        }
    }
    name
}

/// How often each entity key was written as each surface form.
fn variant_counts(
    finals: &[Vec<NameKind>],
    names: &[Vec<Named>],
) -> FxHashMap<NameKind, FxHashMap<String, u64>> {
    let mut variants: FxHashMap<NameKind, FxHashMap<String, u64>> = FxHashMap::default();
    for (t, f) in finals.iter().enumerate() {
        for (m, key) in f.iter().enumerate() {
            *variants
                .entry(key.clone())
                .or_default()
                .entry(names[t][m].0.clone())
                .or_default() += 1;
        }
    }
    variants
}

/// Shown names: real mention spans (see the module docs). Returns the variant counts grouped by
/// (shown name, kind), and each key's (shown name, kind).
fn group_by_shown_name(
    mut variants: FxHashMap<NameKind, FxHashMap<String, u64>>,
    acronyms: &Acronyms,
) -> (
    FxHashMap<NameKind, FxHashMap<String, u64>>,
    FxHashMap<NameKind, NameKind>,
) {
    let expansions: FxHashSet<&String> = acronyms
        .text
        .iter()
        .flat_map(|m| m.values())
        .chain(acronyms.corpus.values().flatten())
        .map(|(n, _)| n)
        .collect();
    let mut grouped: FxHashMap<NameKind, FxHashMap<String, u64>> = FxHashMap::default();
    let mut shown_of: FxHashMap<NameKind, NameKind> = FxHashMap::default();
    let mut keys: Vec<NameKind> = variants.keys().cloned().collect();
    keys.sort();
    for k in keys {
        let v = variants.remove(&k).unwrap_or_default();
        let known = v.contains_key(&k.0)
            || expansions.contains(&k.0)
            || ALIASES.iter().any(|(_, c)| *c == k.0);
        let shown = if k.1 == EntityKind::Person {
            canonical_person(&v).unwrap_or_else(|| k.0.clone())
        } else if known {
            k.0.clone()
        } else {
            v.iter()
                .max_by(|a, b| {
                    let wa = a.0.split(' ').count();
                    let wb = b.0.split(' ').count();
                    wa.cmp(&wb).then(a.1.cmp(b.1)).then_with(|| b.0.cmp(a.0))
                })
                .map(|(s, _)| s.clone())
                .unwrap_or_else(|| k.0.clone())
        };
        let g = grouped.entry((shown.clone(), k.1)).or_default();
        for (surface, n) in v {
            *g.entry(surface).or_default() += n;
        }
        shown_of.insert(k.clone(), (shown, k.1));
    }
    (grouped, shown_of)
}

/// The entities, sorted by (shown name, kind), variants most frequent first; and the entity id
/// of every key.
fn number_entities(
    mut grouped: FxHashMap<NameKind, FxHashMap<String, u64>>,
    shown_of: &FxHashMap<NameKind, NameKind>,
) -> (Vec<Entity>, FxHashMap<NameKind, u32>) {
    let mut shown_keys: Vec<NameKind> = grouped.keys().cloned().collect();
    shown_keys.sort();
    let shown_ids: FxHashMap<NameKind, u32> = shown_keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.clone(), i as u32))
        .collect();
    let ids: FxHashMap<NameKind, u32> = shown_of
        .iter()
        .map(|(k, s)| (k.clone(), shown_ids.get(s).copied().unwrap_or(0)))
        .collect();
    let entities = shown_keys
        .into_iter()
        .map(|k| {
            let mut v: Vec<(String, u64)> =
                grouped.remove(&k).unwrap_or_default().into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            Entity {
                name: k.0,
                kind: k.1,
                variants: v,
            }
        })
        .collect();
    (entities, ids)
}

/// A person's shown name: the most frequent of the variants of two or more words (a full form),
/// failing that the most frequent variant; ties go to the longer, then the alphabetically first.
/// Titles and party labels are never in a span, so never in the name.
fn canonical_person(variants: &FxHashMap<String, u64>) -> Option<String> {
    let full = variants.keys().any(|s| s.contains(' '));
    variants
        .iter()
        .filter(|(s, _)| !full || s.contains(' '))
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then(a.0.split(' ').count().cmp(&b.0.split(' ').count()))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(s, _)| s.clone())
}

/// Every text's mentions with their entity ids, sorted by position.
fn mentions_of(
    cands: &[Vec<Cand>],
    finals: &[Vec<NameKind>],
    ids: &FxHashMap<NameKind, u32>,
) -> Vec<Vec<Mention>> {
    cands
        .iter()
        .zip(finals)
        .map(|(cs, f)| {
            let mut ms: Vec<Mention> = cs
                .iter()
                .zip(f)
                .map(|(c, key)| Mention {
                    start: c.start,
                    end: c.end,
                    kind: key.1,
                    entity: ids.get(key).copied().unwrap_or(0),
                })
                .collect();
            ms.sort_by_key(|m| (m.start, m.end));
            ms
        })
        .collect()
}

/// "House" (ORGANIZATION) joins the one "House of …" organisation of its text, or else the
/// corpus's dominant one (≥ 80% of "House of …" mentions).
fn house_alias(finals: &mut [Vec<(String, EntityKind)>]) {
    let is_house_of = |n: &str| n.starts_with("House of ") && n.len() > 9;
    let mut corpus: FxHashMap<&str, u64> = FxHashMap::default();
    for f in finals.iter() {
        for (n, k) in f {
            if *k == EntityKind::Organization && is_house_of(n) {
                *corpus.entry(n.as_str()).or_default() += 1;
            }
        }
    }
    let total: u64 = corpus.values().sum();
    let dominant = corpus
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .filter(|(_, n)| **n * 5 >= total * 4)
        .map(|(name, _)| name.to_string());
    for f in finals.iter_mut() {
        let mut local: Vec<&String> = f
            .iter()
            .filter(|(n, k)| *k == EntityKind::Organization && is_house_of(n))
            .map(|(n, _)| n)
            .collect();
        local.sort();
        local.dedup();
        let target = match local.as_slice() {
            [one] => Some((*one).clone()),
            [] => dominant.clone(),
            _ => None,
        };
        let Some(target) = target else { continue };
        for (n, k) in f.iter_mut() {
            if *k == EntityKind::Organization && n == "House" {
                *n = target.clone();
            }
        }
    }
}

/// The lexicon spelling of a name written in capitals ("TEL AVIV" → "Tel Aviv"), when the
/// capitals are not themselves a lexicon entry ("NATO").
fn shouted_name(surface: &str) -> Option<String> {
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 || surface.chars().any(char::is_lowercase) {
        return None;
    }
    let lex = Lexicon::get();
    if lex.lookup(surface).is_some() {
        return None;
    }
    let mut title = String::with_capacity(surface.len());
    let mut first = true;
    for c in surface.chars() {
        if first {
            title.extend(c.to_uppercase());
        } else {
            title.extend(c.to_lowercase());
        }
        first = !c.is_alphabetic() && c != '\'';
    }
    let title = title
        .split(' ')
        .map(|w| match w {
            "Of" | "The" | "And" | "De" | "Del" | "Da" | "Do" => w.to_lowercase(),
            _ => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    lex.lookup(&title).is_some().then(|| {
        // Fixed aliases apply to the spelled-out form too ("U.S.A." stays, "BRITAIN" → UK).
        alias_of(&title).map_or(title.clone(), str::to_string)
    })
}
