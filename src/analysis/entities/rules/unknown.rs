//! Names that no lexicon or head word explains: single words need corpus evidence, and runs
//! are typed by acronyms, particles, first names and the words around them.

use super::{Strength, Typer, plural, sets_first_name};
use crate::analysis::entities::EntityKind;
use crate::analysis::entities::lexicon::{
    LexKind, PARTICLES, PLACE_NOUNS, PLACE_PREPS, SPEECH_VERBS,
};
use crate::analysis::entities::tokens::{ALLCAPS, DOTTED, HEADLINE, SENT_START, TokKind};

impl Typer<'_, '_> {
    /// Single words need more than capitalisation: not a generic capitalised noun, not an ordinary
    /// word of this corpus, and at a sentence start some evidence from elsewhere.
    pub(super) fn single_ok(&self, i: usize, lex: Option<LexKind>, person_cue: bool) -> bool {
        let ctx = self.ctx;
        let t = ctx.toks[i];
        let w = ctx.word(i);
        if ctx.sets.generic.contains(w) || ctx.sets.titles.contains(w) {
            return false;
        }
        if person_cue {
            return true;
        }
        if t.has(ALLCAPS) && !t.has(DOTTED) && lex.is_none() {
            let letters = w.chars().count();
            let lower = w.to_lowercase();
            return (2..=6).contains(&letters)
                && !t.has(HEADLINE)
                && !ctx.lex.stopwords.contains(lower.as_str())
                && self.stats.lower_count(&lower) == 0;
        }
        let weak_lex = matches!(lex, None | Some(LexKind::Place));
        if weak_lex && adjective_like(w) && !sets_first_name(self, i) {
            // "Territorial", "Presidential", "Imperial": adjectives capitalised in formal prose.
            if self.stats.lower_count(w) > 0 {
                return false;
            }
        }
        let counts = self.stats.get(w);
        let common = self.stats.is_common_word(w);
        if t.has(SENT_START) || t.has(HEADLINE) {
            let strong_lex = matches!(lex, Some(LexKind::Country) | Some(LexKind::Org));
            let said = SPEECH_VERBS.contains(&ctx.word(i + 1)) && !w.ends_with('s');
            // A one-word exclamation ("Boo!", "Bravo!") is not a city of the list.
            let alone = i + 1 >= ctx.toks.len()
                || (ctx.toks[i + 1].kind == TokKind::Punct
                    && matches!(ctx.word(i + 1), "!" | "?" | "."));
            let weak_alone = lex == Some(LexKind::Place) && alone && counts.cap_mid == 0;
            return !common
                && !weak_alone
                && (counts.cap_mid > 0 || strong_lex || said || lex.is_some());
        }
        !common || lex == Some(LexKind::Country)
    }

    /// Type a run that no lexicon or head word explains.
    pub(super) fn unknown(&mut self, run: &[usize], person_cue: bool) {
        let ctx = self.ctx;
        let words = self.words_of(run);
        let first = run[0];
        let prev = first.checked_sub(1).map(|p| ctx.word(p)).unwrap_or("");
        let next = ctx.word(run[run.len() - 1] + 1);
        if words.iter().all(|&i| {
            let w = ctx.word(i);
            ctx.sets.generic.contains(w)
                || ctx.sets.titles.contains(w)
                || ctx.lex.nationalities.contains(w)
                || matches!(w, "of" | "the" | "and" | "for")
        }) {
            return;
        }
        if words.len() == 1 && !self.single_ok(first, None, person_cue) {
            return;
        }
        let t = ctx.toks[first];
        let has_particle = run.iter().any(|&i| PARTICLES.contains(&ctx.word(i)));
        let has_amp = run.iter().any(|&i| ctx.word(i) == "&");
        let (kind, strength) = if (words.len() == 1 && t.has(ALLCAPS)) || has_amp {
            (EntityKind::Organization, Strength::Strong)
        } else if person_cue
            || has_particle
            || ctx.word(first).contains('-')
                && ctx.word(first).starts_with(|c: char| c.is_lowercase())
            || (words.len() > 1 && sets_first_name(self, first))
            || ctx.sets.lower_person_cues.contains(prev)
        {
            (EntityKind::Person, Strength::Strong)
        } else if SPEECH_VERBS.contains(&next) || self.age_after(run[run.len() - 1]) {
            // "Blinken said"; "David Hudak, 41, was arrested": an age in apposition.
            (EntityKind::Person, Strength::Weak)
        } else if camel_case(ctx.word(first)) {
            (EntityKind::Organization, Strength::Weak)
        } else if PLACE_PREPS.contains(&prev)
            || (prev == "of"
                && PLACE_NOUNS.contains(&first.checked_sub(2).map_or("", |p| ctx.word(p))))
        {
            (EntityKind::Location, Strength::Weak)
        } else if words.len() > 1
            && matches!(
                ctx.word(first),
                "St" | "Saint" | "San" | "Santa" | "Fort" | "Port" | "Mount" | "Lake" | "Cape"
            )
        {
            // "St. Lawrence", "Fort Sumter", "Lake Tahoe": place prefixes.
            (EntityKind::Location, Strength::Weak)
        } else if words.len() == 1 && sets_first_name(self, first) {
            (EntityKind::Person, Strength::Weak)
        } else if words.len() == 1 && plural(ctx.word(first)) {
            (EntityKind::Organization, Strength::Default)
        } else {
            // No cue at all: a multi-word run ending in an ordinary word of this corpus ("Eastern
            // Branch", "Old World", "APP Note") is a capitalised phrase, not a name.
            // A single cue-less word must never be written in lower case ("Branch", "Kingdom").
            let last = ctx.word(run[run.len() - 1]);
            if words.len() > 1 && self.stats.is_common_word(last)
                || words.len() == 1 && self.stats.lower_count(last) > 0
            {
                return;
            }
            // A run of two or three Title-Case words shaped like "Given Surname" is weak
            // evidence of a person (news names people far more than anything else this way);
            // anything else without evidence is shown as MISC, never guessed as a PERSON. Corpus
            // votes (`resolve`) may still type either.
            let name_shaped = (2..=3).contains(&words.len())
                && words.iter().all(|&i| {
                    let t = ctx.toks[i];
                    !t.has(ALLCAPS) && ctx.word(i).chars().all(|c| c.is_alphabetic() || c == '-')
                });
            if name_shaped {
                (EntityKind::Person, Strength::Default)
            } else {
                (EntityKind::Misc, Strength::Default)
            }
        };
        self.emit(run, kind, strength, false);
    }
}

impl Typer<'_, '_> {
    /// ", 41," right after token `i`: an age in apposition, which only people have.
    fn age_after(&self, i: usize) -> bool {
        let ctx = self.ctx;
        let tok = |k: usize| ctx.toks.get(k);
        tok(i + 1).is_some_and(|t| t.kind == TokKind::Punct && ctx.word(i + 1) == ",")
            && tok(i + 2).is_some_and(|t| t.kind == TokKind::Number && ctx.word(i + 2).len() <= 3)
            && tok(i + 3).is_some_and(|t| t.kind == TokKind::Punct && ctx.word(i + 3) == ",")
    }
}

/// Adjective endings: a capitalised word with one of them that is also written in lower case is
/// an adjective, not a name.
fn adjective_like(w: &str) -> bool {
    w.len() > 4
        && ["al", "ic", "ive", "ous", "ary", "ist", "ish", "ese", "ern"]
            .iter()
            .any(|s| w.ends_with(s))
}

/// Inner capitals after lower-case letters mark brand names ("NetChoice", "ByteDance"), except
/// surname prefixes (McCall, MacArthur, DeChambeau, LaGuardia, DiMaggio, O'Brien).
fn camel_case(w: &str) -> bool {
    if ["Mc", "Mac", "De", "Di", "La", "Le", "Van", "O'"]
        .iter()
        .any(|p| w.starts_with(p))
    {
        return false;
    }
    let b = w.as_bytes();
    b.windows(2)
        .skip(1)
        .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
}
