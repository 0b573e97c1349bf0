//! Typing rules: split each candidate run into names and give each a type and a strength.
//!
//! Order of evidence, strongest first: the whole run is a lexicon entry; the run ends in a legal
//! suffix ("Inc") or an organisation/place head word ("… Department", "… River"); a title run
//! ("Secretary of State") splits a prefix (typed on its own) from a person; the run starts with a
//! lexicon entry; then, for unknown names, acronyms, particles, first names and the words around
//! the run (a lower-case person cue before it, "said" after it, a place preposition before it).
//! Unknown names without any cue get [`Strength::Default`] and are settled with corpus evidence in
//! [`super::resolve`].

use super::EntityKind;
use super::candidates::Ctx;
use super::lexicon::{
    EVENT_CUES, EVENT_HEADS, LexKind, PARTICLES, PLACE_NOUNS, PLACE_PREPS, SPEECH_VERBS,
    STATE_HEADS, TITLE_OBJECTS,
};
use super::stats::CorpusStats;
use super::tokens::{ALLCAPS, DOTTED, HEADING, HEADLINE, SENT_START, TokKind};

/// How sure a rule is about the type of a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    Default,
    Weak,
    Strong,
}

/// A typed candidate mention (byte offsets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub strength: Strength,
    pub words: u16,
    /// Typed as a place only because a city or region list holds it (a surname can override).
    pub weak_place: bool,
}

pub(crate) struct Typer<'c, 't> {
    pub ctx: &'c Ctx<'t>,
    pub stats: &'c CorpusStats<'c>,
    pub out: Vec<Cand>,
}

impl Typer<'_, '_> {
    fn words_of(&self, run: &[usize]) -> Vec<usize> {
        run.iter()
            .copied()
            .filter(|&i| self.ctx.toks[i].kind == TokKind::Word)
            .collect()
    }

    fn span(&self, run: &[usize]) -> &str {
        let (Some(&a), Some(&b)) = (run.first(), run.last()) else {
            return "";
        };
        self.ctx
            .text
            .get(self.ctx.toks[a].start..self.ctx.toks[b].end)
            .unwrap_or("")
    }

    /// Longest lexicon entry starting at run position 0: its length in run positions.
    fn lexicon_prefix(&self, run: &[usize]) -> Option<(usize, LexKind)> {
        let max = run.len().min(self.ctx.lex.max_words * 2);
        (1..=max)
            .rev()
            .find_map(|n| self.ctx.lex.lookup(self.span(&run[..n])).map(|k| (n, k)))
    }

    fn emit(&mut self, run: &[usize], kind: EntityKind, strength: Strength, weak_place: bool) {
        let (Some(&a), Some(&b)) = (run.first(), run.last()) else {
            return;
        };
        let words = self.words_of(run).len().min(u16::MAX as usize) as u16;
        let (start, end) = (self.ctx.toks[a].start, self.ctx.toks[b].end);
        self.out.push(Cand {
            start,
            end,
            kind,
            strength,
            words,
            weak_place,
        });
    }

    /// Process one candidate run from [`super::candidates::find_runs`].
    pub fn run(&mut self, run: &[usize], person_cue: bool, depth: u8) {
        if run.first().is_some_and(|&i| self.ctx.toks[i].has(HEADING)) {
            return self.heading(run);
        }
        let run = self.strip(run, person_cue);
        if run.is_empty() || depth > 4 {
            return;
        }
        let ctx = self.ctx;
        let words = self.words_of(run);
        let last = ctx.word(run[run.len() - 1]);
        let sets = ctx.sets;
        let span = self.span(run);
        let nationality = |w: &str| w.split('-').all(|p| ctx.lex.nationalities.contains(p));
        let in_lexicon = ctx.lex.lookup(span).is_some();
        // "Treaty of Ghent", "Constitution of the United States": documents, not entities.
        // The name after "of" is still typed on its own, as the gold set does ("the Constitution
        // of the United States" → United States).
        if run.len() > 2 && sets.law_heads_contains(ctx.word(run[0])) && ctx.word(run[1]) == "of" {
            let rest = if ctx.word(run[2]) == "the" {
                &run[3..]
            } else {
                &run[2..]
            };
            return self.run(rest, false, depth + 1);
        }
        if sets.law_heads_contains(last) || (!in_lexicon && (nationality(last) || self.event(run)))
        {
            return;
        }
        if !in_lexicon && self.bare_title(run) {
            return;
        }
        if matches!(
            last,
            "Majesty" | "Highness" | "Excellency" | "Holiness" | "Majesties"
        ) {
            // "His Britannic Majesty", "Her Royal Highness": forms of address.
            return;
        }
        if let Some(kind) = ctx.lex.lookup(span) {
            if person_cue && kind == LexKind::Place {
                // "Mr. Obama": a title beats a city list.
                return self.emit(run, EntityKind::Person, Strength::Strong, false);
            }
            if words.len() > 1 || self.single_ok(run[0], Some(kind), person_cue) {
                self.emit(
                    run,
                    kind.entity_kind(),
                    Strength::Strong,
                    kind == LexKind::Place,
                );
            }
            return;
        }
        if words.len() > 1 && sets.legal.contains(last) {
            return self.emit(run, EntityKind::Organization, Strength::Strong, false);
        }
        if words.len() > 1 && sets.org_heads.contains(last) {
            return self.emit(run, EntityKind::Organization, Strength::Strong, false);
        }
        if words.len() > 1 && sets.loc_heads.contains(last) {
            return self.emit(run, EntityKind::Location, Strength::Strong, false);
        }
        if let Some(t) = self.title_split(run) {
            let (prefix_end, rest) = t;
            self.run(&run[..prefix_end], false, depth + 1);
            return self.run(&run[rest..], true, depth + 1);
        }
        if let Some(kind) = self.head_of(run) {
            return self.emit(run, kind, Strength::Strong, false);
        }
        if let Some(kind) = self.dateline(run) {
            return self.emit(run, kind, Strength::Strong, false);
        }
        if let Some((n, kind)) = self.lexicon_prefix(run) {
            let first_name = sets_first_name(self, run[0]);
            // "opposition leader Kemi Badenoch": a lower-case person cue beats a city or company
            // list for the first word of a longer name.
            let prev = run[0].checked_sub(1).map_or("", |p| ctx.word(p));
            let cue = person_cue
                || (ctx.sets.lower_person_cues.contains(prev) && kind != LexKind::Country);
            if !(first_name && n == 1 || cue && n < run.len()) {
                if kind == LexKind::Org {
                    // "Southern States": a company-list word before generic nouns is no company.
                    let rest_generic = run[n..].iter().all(|&i| {
                        ctx.toks[i].kind != TokKind::Word || ctx.sets.generic.contains(ctx.word(i))
                    });
                    if rest_generic {
                        return;
                    }
                    return self.emit(run, EntityKind::Organization, Strength::Strong, false);
                }
                // "Denver Nuggets", "New England Patriots": a place and a plural are a team.
                let rest = &run[n..];
                if rest.len() == 1
                    && plural(ctx.word(rest[0]))
                    && !ctx.sets.generic.contains(ctx.word(rest[0]))
                {
                    return self.emit(run, EntityKind::Organization, Strength::Weak, false);
                }
                self.run(&run[..n], false, depth + 1);
                return self.run(rest, person_cue, depth + 1);
            }
        }
        self.unknown(run, person_cue);
    }

    /// An all-caps heading line ("BOULDER DAM", "RELATIONS WITH MEXICO"): capitals say nothing
    /// there, so only lexicon entries are taken, longest first, looked up as written ("NATO") or in
    /// title case ("Mexico").
    fn heading(&mut self, run: &[usize]) {
        let ctx = self.ctx;
        let mut p = 0;
        while p < run.len() {
            let max = (run.len() - p).min(ctx.lex.max_words * 2);
            let found = (1..=max).rev().find_map(|n| {
                let part = &run[p..p + n];
                let last = ctx.toks[part[n - 1]];
                if ctx.toks[part[0]].kind != TokKind::Word || last.kind != TokKind::Word {
                    return None;
                }
                let title = title_case(ctx, part);
                let t = title.as_str();
                if ctx.sets.months_days.contains(t)
                    || ctx.sets.generic.contains(t)
                    || ctx.lex.nationalities.contains(t)
                    || (n == 1 && ctx.lex.stopwords.contains(title.to_lowercase().as_str()))
                    || (n == 1 && self.stats.is_common_word(t))
                {
                    return None;
                }
                let kind = ctx
                    .lex
                    .lookup(self.span(part))
                    .or_else(|| ctx.lex.lookup(&title))?;
                Some((n, kind))
            });
            // Not the first part of a longer name ("BOULDER DAM", "TEXAS RANGERS POLICE").
            let head_after = |n: usize| {
                run.get(p + n).is_some_and(|&i| {
                    let w = title_case(ctx, &[i]);
                    ctx.sets.loc_heads.contains(w.as_str())
                        || ctx.sets.org_heads.contains(w.as_str())
                })
            };
            match found {
                Some((n, _)) if head_after(n) => p += n,
                Some((n, kind)) => {
                    let part = &run[p..p + n];
                    self.emit(part, kind.entity_kind(), Strength::Strong, false);
                    p += n;
                }
                None => p += 1,
            }
        }
    }

    /// An event rather than an entity: a war, a championship, a storm ("World War II",
    /// "Hurricane Ian", "Champions League" is left to the lexicon).
    fn event(&self, run: &[usize]) -> bool {
        let ctx = self.ctx;
        let w = |p: usize| ctx.word(run[p]);
        if EVENT_CUES.contains(&w(0)) && run.len() > 1 {
            return true;
        }
        if run
            .iter()
            .any(|&i| matches!(ctx.word(i), "of" | "for" | "on"))
        {
            return false;
        }
        let n = run.len();
        let last = w(n - 1);
        EVENT_HEADS.contains(&last)
            || (n > 1 && roman_numeral(last) && EVENT_HEADS.contains(&w(n - 2)))
    }

    /// Title words (cut hyphenated titles into parts: "Surgeon-General").
    fn is_title_word(&self, w: &str) -> bool {
        let titles = &self.ctx.sets.titles;
        titles.contains(w) || (w.contains('-') && w.split('-').all(|p| titles.contains(p)))
    }

    /// A title with nothing after it ("Secretary of the Treasury", "Prime Minister", "Chancellor
    /// of the Exchequer"): by the annotation rules not an entity.
    fn bare_title(&self, run: &[usize]) -> bool {
        let ctx = self.ctx;
        // Leading department words belong to the title: "Home Secretary", "Treasury Secretary".
        let mut p = 0;
        while p + 1 < run.len() && TITLE_OBJECTS.contains(&ctx.word(run[p])) {
            p += 1;
        }
        let first = ctx.word(run[p]);
        let next = ctx.word(run[(p + 1).min(run.len() - 1)]);
        if !self.is_title_word(first) || (first == "District" && next == "of") {
            return false;
        }
        while p < run.len() && self.is_title_word(ctx.word(run[p])) {
            p += 1;
        }
        if p < run.len() && ctx.word(run[p]) == "of" {
            p += 1;
            if p < run.len() && ctx.word(run[p]) == "the" {
                p += 1;
            }
            while p < run.len() && self.title_object(ctx.word(run[p])) {
                p += 1;
            }
        }
        p >= run.len()
    }

    /// A word that can be the object of a title ("of State", "of Foreign Affairs").
    fn title_object(&self, w: &str) -> bool {
        let sets = self.ctx.sets;
        TITLE_OBJECTS.contains(&w)
            || sets.generic.contains(w)
            || sets.titles.contains(w)
            || matches!(w, "and" | "&")
    }

    /// "Bank of England", "Strait of Hormuz": a head word before "of"/"for" types the name;
    /// "North Africa", "Southern California": a compass word before a place is part of it.
    fn head_of(&self, run: &[usize]) -> Option<EntityKind> {
        let ctx = self.ctx;
        let first = ctx.word(run[0]);
        let second = run.get(1).map_or("", |&i| ctx.word(i));
        if second == "of" && STATE_HEADS.contains(&first) && run.len() > 2 {
            // "Republic of Chile", "Kingdom of Saudi Arabia": the state's full name.
            let rest = if ctx.word(run[2]) == "the" {
                &run[3..]
            } else {
                &run[2..]
            };
            let place = !rest.is_empty()
                && ctx
                    .lex
                    .lookup(self.span(rest))
                    .is_some_and(|k| k != LexKind::Org);
            if place {
                return Some(EntityKind::Location);
            }
        }
        if first == "District" && second == "of" {
            return Some(EntityKind::Location);
        }
        if matches!(second, "of" | "for" | "on") && !ctx.sets.titles.contains(first) {
            if ctx.sets.loc_heads.contains(first)
                || matches!(first, "Isle" | "Cape" | "Gulf" | "Lake" | "Mount")
            {
                return Some(EntityKind::Location);
            }
            if ctx.sets.org_heads.contains(first) || ctx.sets.generic.contains(first) {
                return Some(EntityKind::Organization);
            }
        }
        let compass = matches!(
            first,
            "North"
                | "South"
                | "East"
                | "West"
                | "Northern"
                | "Southern"
                | "Eastern"
                | "Western"
                | "Central"
        );
        if compass && run.len() > 1 {
            let rest = &run[1..];
            if self.words_of(rest).len() == rest.len()
                && ctx
                    .lex
                    .lookup(self.span(rest))
                    .is_some_and(|k| k != LexKind::Org)
            {
                return Some(EntityKind::Location);
            }
        }
        None
    }

    /// A dateline in capitals at the start of a line ("KYIV (Reuters) —", "MEXICO CITY —").
    fn dateline(&self, run: &[usize]) -> Option<EntityKind> {
        let ctx = self.ctx;
        let first = ctx.toks[run[0]];
        if !first.has(super::tokens::LINE_START) || !run.iter().all(|&i| ctx.toks[i].has(ALLCAPS)) {
            return None;
        }
        ctx.lex
            .lookup(&title_case(ctx, run))
            .filter(|k| *k != LexKind::Org)
            .map(|_| EntityKind::Location)
    }

    /// Drop leading function words, nationality adjectives and sentence-initial common words, and
    /// trailing connectors.
    fn strip<'r>(&self, mut run: &'r [usize], person_cue: bool) -> &'r [usize] {
        let ctx = self.ctx;
        while let Some(&first) = run.first() {
            let t = ctx.toks[first];
            let w = ctx.word(first);
            if t.kind != TokKind::Word || !t.has(super::tokens::CAP) {
                run = &run[1..];
                continue;
            }
            if ctx.sets.titles.contains(w)
                || (run.len() > 1 && self.lexicon_prefix(run).is_some_and(|(n, _)| n > 1))
            {
                break;
            }
            let lower = w.to_lowercase();
            let acronym_in_lexicon = t.has(ALLCAPS) && ctx.lex.lookup(w).is_some();
            let last = ctx.word(run[run.len() - 1]);
            let named = run.len() > 1
                && (ctx.sets.org_heads.contains(last) || ctx.sets.loc_heads.contains(last));
            if !person_cue
                && !named
                && ctx.lex.stopwords.contains(lower.as_str())
                && !acronym_in_lexicon
            {
                run = &run[1..];
                continue;
            }
            if ctx.lex.nationalities.contains(w) {
                let last = ctx.word(run[run.len() - 1]);
                let head = ctx.sets.org_heads.contains(last) || ctx.sets.loc_heads.contains(last);
                if run.len() > 1 && head {
                    break;
                }
                run = &run[1..];
                continue;
            }
            let initial = t.has(SENT_START) || t.has(HEADLINE);
            let adjective = matches!(w, "Democratic" | "Republican" | "Conservative" | "Liberal");
            let next_first_name = run.len() > 1 && sets_first_name(self, run[1]);
            let unknown_initial = initial
                && ctx.lex.lookup(w).is_none()
                && (self.stats.is_common_word(w)
                    || (next_first_name
                        && self.stats.get(w).cap_mid == 0
                        && !sets_first_name(self, run[0])));
            if run.len() > 1 && (unknown_initial || (adjective && next_first_name)) {
                run = &run[1..];
                continue;
            }
            break;
        }
        while let Some(&last) = run.last() {
            let t = ctx.toks[last];
            if t.kind == TokKind::Word && t.has(super::tokens::CAP) {
                break;
            }
            run = &run[..run.len() - 1];
        }
        run
    }

    /// Find a title run ("Secretary of State", "Prime Minister", "Mr.") followed by a name. Returns
    /// the end of the prefix before the titles and the start of the name.
    fn title_split(&self, run: &[usize]) -> Option<(usize, usize)> {
        let ctx = self.ctx;
        let is_title = |p: usize| {
            let w = ctx.word(run[p]);
            // "District Judge" but not "District of Columbia".
            self.is_title_word(w)
                && !(w == "District" && run.get(p + 1).is_some_and(|&n| ctx.word(n) == "of"))
        };
        let start = (0..run.len()).find(|&p| is_title(p))?;
        let mut p = start;
        while p < run.len() {
            let w = ctx.word(run[p]);
            if is_title(p) {
                p += 1;
            } else if w == "of" && p + 1 < run.len() {
                // "Secretary of State", "Minister of Foreign Affairs": the object is part of the title.
                p += 1;
                if ctx.word(run[p]) == "the" {
                    p += 1;
                }
                p += 1;
                while p < run.len() && self.title_object(ctx.word(run[p])) {
                    p += 1;
                }
            } else {
                break;
            }
        }
        (p < run.len() && ctx.toks[run[p]].kind == TokKind::Word).then_some((start, p))
    }

    /// Single words need more than capitalisation: not a generic capitalised noun, not an ordinary
    /// word of this corpus, and at a sentence start some evidence from elsewhere.
    fn single_ok(&self, i: usize, lex: Option<LexKind>, person_cue: bool) -> bool {
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
    fn unknown(&mut self, run: &[usize], person_cue: bool) {
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
        } else if SPEECH_VERBS.contains(&next) {
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
            (EntityKind::Person, Strength::Default)
        };
        self.emit(run, kind, strength, false);
    }
}

/// The words of a run in title case ("MEXICO CITY" → "Mexico City"), for lexicon lookups.
fn title_case(ctx: &Ctx<'_>, run: &[usize]) -> String {
    let mut out = String::new();
    for &i in run {
        if ctx.toks[i].kind != TokKind::Word {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let w = ctx.word(i);
        if matches!(w, "OF" | "THE" | "AND" | "DE" | "DEL" | "DA" | "DO") && !out.is_empty() {
            out.push_str(&w.to_lowercase());
            continue;
        }
        let mut first = true;
        for c in w.chars() {
            if first {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            first = !c.is_alphabetic() && c != '\'';
        }
    }
    out
}

/// "II", "IV", "XIII".
fn roman_numeral(w: &str) -> bool {
    !w.is_empty() && w.len() <= 5 && w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// Adjective endings: a capitalised word with one of them that is also written in lower case is
/// an adjective, not a name.
fn adjective_like(w: &str) -> bool {
    w.len() > 4
        && ["al", "ic", "ive", "ous", "ary", "ist", "ish", "ese", "ern"]
            .iter()
            .any(|s| w.ends_with(s))
}

fn sets_first_name(typer: &Typer<'_, '_>, i: usize) -> bool {
    typer.ctx.lex.first_names.contains(typer.ctx.word(i))
}

/// A capitalised plural ("Lakers", "Houthis"), not a name ending in -ss, -us or -is.
fn plural(w: &str) -> bool {
    w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && w.len() > 3
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
