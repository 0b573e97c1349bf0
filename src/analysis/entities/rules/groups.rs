//! Groups of people (NORP in OntoNotes terms): religions and their members, residents of a place
//! and a party's members counted as people. They are not PERSON, ORGANIZATION or LOCATION, and
//! the annotation rules leave them out (README, "Entities").
//!
//! - Religions and their adherents, castes: a short closed list ("Hindus", "Islam", "Dalits").
//! - Residents: a capitalised plural that is a place of the lexicon plus a demonym ending
//!   ("Kentuckians" ← Kentucky, "Texans" ← Texas, "Londoners" ← London, "Parisians" ← Paris).
//!   Nationality plurals ("Iraqis") are handled with the nationality adjectives.
//! - Party members: a party plural after a number or a quantifier ("three Democrats", "more than
//!   a dozen Republicans", "fellow Conservatives"); the party acting as a body ("Democrats say",
//!   "the Democrats") stays an ORGANIZATION.

use super::Typer;
use crate::analysis::entities::lexicon::LexKind;
use crate::analysis::entities::tokens::TokKind;

/// Religions, their adherents (singular and plural), and castes.
#[rustfmt::skip]
const RELIGIOUS_GROUPS: &[&str] = &[
    "Islam", "Christianity", "Judaism", "Hinduism", "Buddhism", "Sikhism", "Catholicism",
    "Protestantism", "Mormonism", "Muslim", "Muslims", "Moslem", "Moslems", "Christian",
    "Christians", "Jew", "Jews", "Hindu", "Hindus", "Sikh", "Sikhs", "Buddhist", "Buddhists",
    "Catholic", "Catholics", "Protestant", "Protestants", "Mormon", "Mormons", "Sunni", "Sunnis",
    "Shia", "Shias", "Shiite", "Shiites", "Evangelical", "Evangelicals", "Baptist", "Baptists",
    "Methodist", "Methodists", "Anglican", "Anglicans", "Lutheran", "Lutherans", "Presbyterian",
    "Presbyterians", "Quaker", "Quakers", "Atheist", "Atheists", "Dalit", "Dalits", "Brahmin",
    "Brahmins", "Yazidi", "Yazidis", "Alawite", "Alawites", "Druze",
];

/// Party names in the plural: members when counted, the party when acting.
#[rustfmt::skip]
const PARTY_PLURALS: &[&str] = &[
    "Democrats", "Republicans", "Conservatives", "Liberals", "Tories", "Socialists", "Greens",
    "Nationals", "Communists", "Labourites", "Democrat", "Republican",
];

/// Words that count the people after them.
#[rustfmt::skip]
const QUANTIFIERS: &[&str] = &[
    "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "dozen", "dozens", "few", "several", "many", "some", "most", "fellow", "other",
    "more", "fewer", "hundreds", "thousands", "of", "among", "moderate", "conservative",
    "liberal", "rank-and-file", "individual", "both",
];

/// Demonym endings and the place endings they replace: (demonym ending, place ending).
const DEMONYM_ENDINGS: &[(&str, &str)] = &[
    ("ians", "ia"),
    ("ians", "a"),
    ("ians", "y"),
    ("ians", "is"),
    ("ians", ""),
    ("ans", "as"),
    ("ans", "a"),
    ("ans", ""),
    ("ers", ""),
    ("ites", ""),
    ("ites", "a"),
];

impl Typer<'_, '_> {
    /// Whether the one-word run at token `i` names a group of people rather than an entity.
    pub(super) fn group(&self, i: usize) -> bool {
        let ctx = self.ctx;
        let w = ctx.word(i);
        if RELIGIOUS_GROUPS.contains(&w) {
            return true;
        }
        if PARTY_PLURALS.contains(&w) {
            let prev = i.checked_sub(1).map_or("", |p| ctx.word(p));
            let number = i
                .checked_sub(1)
                .is_some_and(|p| ctx.toks[p].kind == TokKind::Number);
            return number || QUANTIFIERS.contains(&prev.to_lowercase().as_str());
        }
        self.residents(w)
    }

    /// "Kentuckians", "Texans", "Londoners": the residents of a place of the lexicon.
    fn residents(&self, w: &str) -> bool {
        let lex = self.ctx.lex;
        if w.len() < 6 || lex.lookup(w).is_some() {
            return false;
        }
        DEMONYM_ENDINGS.iter().any(|(demonym, place)| {
            w.strip_suffix(demonym).is_some_and(|stem| {
                stem.len() >= 3
                    && matches!(
                        lex.lookup(&format!("{stem}{place}")),
                        Some(LexKind::Country | LexKind::Place)
                    )
            })
        })
    }
}
