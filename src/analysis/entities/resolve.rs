//! Corpus-level typing: settle the candidates the local rules were unsure about with what the
//! rest of the corpus says.
//!
//! - A surface form typed with strong evidence somewhere (a title, a head word, a lexicon entry)
//!   gives that type to its weak and cue-less occurrences (majority of strong votes).
//! - A single word that is the last word of a multi-word PERSON name elsewhere is a PERSON
//!   ("Blinken" after "Antony Blinken"); over a city list entry ("Lincoln") only when the word
//!   alone is a PERSON somewhere with strong evidence ("President Lincoln"), so a place is never
//!   absorbed by a name it happened to follow ("Jane Doe Cairo").
//! - Remaining weak candidates keep their local cue; cue-less names with no vote stay `MISC`
//!   (the rules drop single words that are also written in lower case).

use rustc_hash::{FxHashMap, FxHashSet};

use super::EntityKind;
use super::rules::{Cand, Strength};

fn kind_index(k: EntityKind) -> usize {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Location => 2,
        EntityKind::Misc => 3,
    }
}

fn argmax(votes: [u32; 4]) -> Option<EntityKind> {
    // A MISC vote is no evidence: only the three real types win.
    let best = (0..3).max_by_key(|&i| (votes[i], std::cmp::Reverse(i)))?;
    (votes[best] > 0).then_some(EntityKind::ALL[best])
}

/// Re-type (and filter) the candidates of every text in place.
pub(crate) fn resolve(texts: &[&str], cands: &mut [Vec<Cand>]) {
    let mut strong: FxHashMap<&str, [u32; 4]> = FxHashMap::default();
    let mut weak: FxHashMap<&str, [u32; 4]> = FxHashMap::default();
    let mut surnames: FxHashSet<&str> = FxHashSet::default();
    for (text, cs) in texts.iter().zip(cands.iter()) {
        for c in cs {
            let surface = text.get(c.start..c.end).unwrap_or("");
            // A name-shaped run of two or three words counts as a person here too: its last
            // word alone is then that person's surname.
            if c.kind == EntityKind::Person
                && c.words >= 2
                && let Some(last) = surface.rsplit(' ').next()
            {
                surnames.insert(last);
            }
            let map = match c.strength {
                Strength::Strong if !c.weak_place => &mut strong,
                Strength::Default => continue,
                _ => &mut weak,
            };
            map.entry(surface).or_default()[kind_index(c.kind)] += 1;
        }
    }
    for (text, cs) in texts.iter().zip(cands.iter_mut()) {
        cs.retain_mut(|c| {
            let surface = text.get(c.start..c.end).unwrap_or("");
            let surname = c.words == 1 && surnames.contains(surface);
            if c.strength == Strength::Strong && !c.weak_place {
                return true;
            }
            // A place of the lexicon is never absorbed by a person's surname ("Cairo" after a
            // byline "Jane Doe Cairo") unless the word itself is a person somewhere with strong
            // evidence ("President Lincoln").
            let person_alone = strong.get(surface).is_some_and(|v| v[0] > 0);
            if surname && (!c.weak_place || person_alone) {
                c.kind = EntityKind::Person;
                return true;
            }
            if let Some(k) = strong.get(surface).and_then(|v| argmax(*v)) {
                c.kind = k;
                return true;
            }
            if c.strength >= Strength::Weak {
                return true;
            }
            if let Some(k) = weak.get(surface).and_then(|v| argmax(*v)) {
                c.kind = k;
                return true;
            }
            // Cue-less and never seen with evidence: keep multi-word names as persons; single
            // words only when never written in lower case (checked by the rules already).
            true
        });
    }
}
