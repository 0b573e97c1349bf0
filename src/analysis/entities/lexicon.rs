//! The lexicons: gazetteers shipped in `assets/lexicons` (parsed once, see [`Lexicon::get`]) plus
//! the small hand-written word lists the rules use (titles, organisation and place head words,
//! particles, generic capitalised nouns, aliases). The hand lists are general English news
//! conventions, not tuned to any passage.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::EntityKind;

/// Where a lexicon entry comes from; the kind follows from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LexKind {
    /// Countries, continents, US states and well-known regions: always places.
    Country,
    /// Cities and first-level subdivisions: places, but weaker than a person cue.
    Place,
    /// Companies and well-known organisations.
    Org,
}

impl LexKind {
    pub fn entity_kind(self) -> EntityKind {
        match self {
            Self::Country | Self::Place => EntityKind::Location,
            Self::Org => EntityKind::Organization,
        }
    }
}

/// All lexicons, keyed by their exact surface form.
pub(crate) struct Lexicon {
    pub names: FxHashMap<&'static str, LexKind>,
    pub first_names: FxHashSet<&'static str>,
    /// Nationality adjectives and plurals, capitalised ("American", "Americans").
    pub nationalities: FxHashSet<String>,
    pub stopwords: FxHashSet<&'static str>,
    /// Longest entry, in words.
    pub max_words: usize,
}

/// Well-known organisations and places missing from (or ambiguous in) the shipped lists. These are
/// general news vocabulary: government bodies, international organisations, armed groups, parties
/// and regions that any news corpus names.
#[rustfmt::skip]
const EXTRA_ORGS: &[&str] = &[
    "Congress", "Senate", "House of Representatives", "White House", "Pentagon", "Kremlin",
    "Supreme Court", "Federal Reserve", "Fed", "United Nations", "UN", "U.N.", "NATO", "EU", "E.U.",
    "European Union", "European Commission", "European Parliament", "FBI", "CIA", "NSA", "IRS",
    "FDA", "EPA", "SEC", "FTC", "NASA", "FEMA", "IMF", "WHO", "OPEC", "Hamas", "Hezbollah",
    "Taliban", "Houthis", "Houthi", "Caricom", "Morena", "Islamic State", "ISIS", "al-Qaeda",
    "al Qaeda", "Republicans", "Democrats", "GOP", "Labour", "Tories", "Reuters",
    "Associated Press", "AP", "BBC", "CNN", "NBC", "CBS", "ABC", "ABC News", "Fox News",
    "Bloomberg", "Interpol", "Red Cross", "World Bank", "World Health Organization", "Parliament",
    "Bundestag", "Knesset", "Duma", "Politburo", "Vatican", "Scotland Yard", "Wall Street Journal",
    "New York Times", "Washington Post", "Al Jazeera", "Treasury", "State Department",
    "Justice Department", "Defense Department", "Homeland Security", "Capitol Police",
    "Army", "Navy", "Air Force", "Marine Corps", "Coast Guard", "National Guard", "Al Qaida",
    "Al Qaeda", "al-Qaida", "Al-Qaeda", "Al-Qaida", "Axis", "Warsaw Pact",
];
#[rustfmt::skip]
const EXTRA_PLACES: &[&str] = &[
    "America", "United States", "United States of America", "U.S.", "US", "U.S.A.", "USA",
    "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "UK", "U.K.",
    "Russia", "Iran", "Syria", "Venezuela", "Bolivia", "Tanzania", "Vietnam", "Laos", "Moldova",
    "South Korea", "North Korea", "Taiwan", "Palestine", "Burma", "Czech Republic", "Ivory Coast",
    "Congo", "Holland", "Gaza", "Gaza Strip", "West Bank", "Middle East", "Near East", "Far East",
    "Europe", "Asia", "Africa", "North America", "South America", "Latin America",
    "Central America", "Balkans", "Caribbean", "Pacific", "Atlantic", "Mediterranean", "Arctic",
    "Antarctic", "Capitol Hill", "Persian Gulf", "Gulf of Mexico", "Red Sea", "Black Sea", "Baltic",
    "Sahara", "Siberia", "Crimea", "Donbas", "Kashmir", "Tibet", "Kurdistan", "Golan Heights",
    "Sinai", "Horn of Africa", "Sahel", "Western Hemisphere", "Silicon Valley", "Midwest",
    "New England", "Turkey", "Kyiv", "Kiev", "Washington", "D.C.", "Manhattan", "Brooklyn", "Bronx",
    "Queens", "Hong Kong", "Great Lakes", "West Point", "Americas", "Korea", "District of Columbia", "St. Louis", "St. Paul",
    "St. Petersburg", "Bavaria", "Saxony", "Prussia", "Baden-Wuerttemberg", "Baden-Württemberg",
    // Historical states are places (countries) too.
    "Soviet Union", "USSR", "U.S.S.R.", "Yugoslavia", "Czechoslovakia", "East Germany",
    "West Germany", "Ottoman Empire", "Austria-Hungary", "Austro-Hungarian Empire",
    "Russian Empire", "German Empire", "British Empire", "Holy Roman Empire", "Papal States",
    "Two Sicilies", "Confederate States", "Confederate States of America", "Confederacy",
    "Persia", "Siam", "Ceylon", "Rhodesia", "Zaire", "Formosa", "Porto Rico", "Sandwich Islands",
    "Transvaal", "Orange Free State", "New Granada", "Gran Colombia", "Dutch East Indies",
    "East Pakistan", "South Vietnam", "North Vietnam", "Tanganyika", "Abyssinia",
];

/// Legal-form suffixes that end an organisation name (subset of cleanco 2.3, MIT).
#[rustfmt::skip]
pub(crate) const LEGAL_SUFFIXES: &[&str] = &[
    "Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "LLC", "LLP", "PLC", "Plc", "plc",
    "AG", "GmbH", "SA", "S.A.", "NV", "N.V.", "BV", "SE", "SpA", "AB", "ASA", "Oyj", "KK", "Pty",
    "LP", "Limited", "Corporation", "Incorporated", "Holdings",
];

/// Titles and honorifics: cues for a following person name, never part of it.
#[rustfmt::skip]
pub(crate) const TITLES: &[&str] = &[
    "President", "Mr", "Mrs", "Ms", "Miss", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt",
    "Capt", "Cmdr", "Adm", "Rev", "Prof", "Senator", "Representative", "Congressman",
    "Congresswoman", "Governor", "Mayor", "Secretary", "Minister", "Premier", "Chancellor",
    "General", "Admiral", "Colonel", "Captain", "Major", "Lieutenant", "Sergeant", "Commander",
    "King", "Queen", "Prince", "Princess", "Pope", "Emperor", "Sultan", "Emir", "Sheikh",
    "Ayatollah", "Judge", "Justice", "Sir", "Dame", "Lord", "Lady", "Cardinal", "Archbishop",
    "Bishop", "Father", "Sister", "Brother", "Chairman", "Chairwoman", "Chair", "Director",
    "Ambassador", "Attorney", "Spokesman", "Spokeswoman", "Coach", "Detective", "Officer", "Chief",
    "Leader", "Speaker", "Vice", "Prime", "Deputy", "Foreign", "Defense", "Defence", "Interior",
    "Finance", "Energy", "Health", "Trade", "Commerce", "Labor", "Crown", "Supreme",
    "Secretary-General", "District", "Acting", "Former", "Senior", "Justices", "Professor",
    "Trooper", "Agent", "Councilman", "Councilwoman", "Alderman", "Sheriff", "Commissioner",
    "Superintendent", "Executive", "Nominee", "Candidate", "Madam", "Mister", "Assistant",
    "Postmaster-General", "Attorney-General", "Postmaster", "Comptroller", "Solicitor",
    "Solicitor-General", "Surgeon", "Hon", "Honorable", "Honourable", "Lady",
];

/// Lower-case words right before a name that announce a person ("chief executive Satya Nadella").
#[rustfmt::skip]
pub(crate) const LOWER_PERSON_CUES: &[&str] = &[
    "president", "senator", "secretary", "minister", "governor", "mayor", "executive", "chairman",
    "spokesman", "spokeswoman", "coach", "judge", "officer", "director", "leader", "founder", "ceo",
    "chief", "economist", "analyst", "analysts", "lawyer", "attorney", "prosecutor", "commander",
    "general", "sister", "brother", "wife", "husband", "son", "daughter", "mother", "father",
    "girlfriend", "boyfriend", "player", "striker", "midfielder", "quarterback", "chancellor",
    "premier", "king", "queen", "prince", "actor", "actress", "singer", "author", "writer",
    "candidate", "rival", "opponent", "colleague", "deputy", "ambassador", "envoy", "dr", "suspect",
    "victim", "manager", "teammate", "champion",
];

/// Last words of organisation names.
#[rustfmt::skip]
pub(crate) const ORG_HEADS: &[&str] = &[
    "Department", "Ministry", "Committee", "Commission", "Court", "Party", "Council", "Agency",
    "Bank", "University", "College", "School", "Academy", "Association", "Corps", "Forces", "Army",
    "Navy", "Police", "Office", "Authority", "Board", "Administration", "Institute", "Foundation",
    "Fund", "Company", "Group", "Airlines", "Airways", "Times", "News", "Post", "Journal", "League",
    "Programme", "Program", "Organization", "Organisation", "Alliance", "Federation", "Societies",
    "Society", "Assembly", "Parliament", "Bureau", "Service", "Services", "Motors", "Industries",
    "Technologies", "Systems", "Partners", "Capital", "Securities", "Pharmaceuticals",
    "Laboratories", "Bancorp", "Trust", "Union", "Congress", "Guard", "Brigade", "Brigades",
    "Front", "Movement", "Network", "Church", "Club", "Team", "Chiefs", "Commons", "Lords",
    "Cabinet", "Tribunal", "Center", "Centre", "Division", "Legislature", "Senate",
    "Communications", "Media", "Press", "Entertainment", "Energy", "Steel", "Steelworkers",
    "Research", "Health", "Museum", "Prosecutor", "Fire", "Patrol", "Examiner", "Bloc", "Coalition",
    "Community", "Republicans", "Democrats",
];

/// Last words of place names.
#[rustfmt::skip]
pub(crate) const LOC_HEADS: &[&str] = &[
    "River", "Mountains", "Mountain", "Mount", "Lake", "Sea", "Ocean", "Oceans", "Strait", "Gulf",
    "Bay", "Island", "Islands", "Valley", "Canyon", "County", "Province", "Street", "Avenue",
    "Road", "Boulevard", "Square", "Park", "Bridge", "Hospital", "Stadium", "Arena", "Airport",
    "Jail", "Prison", "Palace", "Canal", "Peninsula", "Desert", "Coast", "Hills", "Heights", "City",
    "Hemisphere", "Indies", "Region", "Plaza", "Field", "Garden", "Gardens", "Highway",
    "Interstate", "Beach", "Falls", "Harbor", "Harbour", "Creek", "Forest", "Basin", "Plains",
    "Territory", "Township", "Borough", "Village", "Straits", "Channel", "Pass", "Cathedral",
    "Mosque", "Temple", "Hall", "Meadows", "Reserve", "Kingdom", "Empire", "Republic",
    "Dam",
];

/// Capitalised common nouns that are not names on their own (frequent in formal prose such as
/// State of the Union addresses).
#[rustfmt::skip]
pub(crate) const GENERIC_CAPS: &[&str] = &[
    "Government", "Nation", "Nations", "Federal", "Union", "Constitution", "Executive", "State",
    "States", "Republic", "Administration", "Territory", "Territories", "Legislature", "Chamber",
    "Members", "Member", "Congressional", "National", "Secretary", "President", "Department",
    "Ministry", "Court", "Courts", "Treaty", "Act", "Amendment", "God", "Almighty", "Providence",
    "Chief", "Magistrate", "Commonwealth", "People", "Committee", "Commission", "Hemisphere",
    "Islands", "Protocol", "Category", "Hurricane", "Storm", "Empire", "Isthmus", "Medicare",
    "Medicaid", "Social", "Bureau", "Office", "Agency", "Party", "City", "County",
    "Province", "Governor", "Governors", "Senator", "Senators", "Representatives", "Justice",
    "Speaker", "Majesty", "Excellency", "Highness", "Sir", "Madam", "Mr", "Mrs", "Ms", "Dr", "Vice",
    "Fellow", "Citizens", "Fellow-Citizens", "Tonight", "Today", "Yesterday", "Tomorrow",
    "Internet", "Earth", "Heaven", "Lord", "Christ", "Bible", "Message", "Report", "Budget",
    "Program", "Plan", "Service", "Services", "Corps", "Forces", "Force", "Capitol", "Police",
    "Board", "Council", "Mission", "Northern", "Southern", "Eastern", "Western", "North", "South",
    "East", "West", "Central", "Official", "Officials", "Minister", "Prime", "General", "Director",
    "Ambassador", "Chairman", "Reserve", "Security", "Defense", "Treasury", "Interior", "Labor",
    "Commerce", "Energy", "Health", "Education", "Agriculture", "Transportation", "Veterans",
    "Indian", "Indians", "Native", "Revolution", "War", "Civil", "World", "Cold", "Great",
    "Depression", "Declaration", "Independence", "Bureau", "Cabinet", "Organization", "Democratic",
    "Republican", "Communist", "Socialist", "Islamic", "Christian", "Muslim", "Jewish", "Catholic",
    "Protestant", "English", "French", "Spanish", "Latin", "Arabic", "Christmas", "Easter",
    "Thanksgiving", "Ramadan", "Hanukkah", "Passover", "Halloween", "OK", "TV", "AM", "PM", "GDP",
    "CEO", "COVID", "AI", "DNA", "HIV", "AIDS", "CO2", "ID", "VIP",
    // Plurals of the generic nouns above, frequent in formal prose ("both Houses").
    "Houses", "Republics", "Provinces", "Powers", "Colonies", "Legislators", "Governments",
    "Departments", "Commissions", "Committees", "Officers", "Districts", "Counties", "Cities",
    "Ministers", "Secretaries", "Presidents", "Chambers", "Agencies", "Bureaus",
    "Administrations", "Legislatures", "Parties", "Armies", "Navies", "Congresses",
    "Presidency", "Order", "Divine", "FY", "Year",
];

/// Last words of events (wars, championships, crises), not entities ("Civil War", "World
/// Cup"); also before a roman numeral ("World War II").
#[rustfmt::skip]
pub(crate) const EVENT_HEADS: &[&str] = &[
    "War", "Wars", "Revolution", "Championship", "Championships", "Olympics", "Cup", "Bowl",
    "Crisis", "Depression", "Festival", "Summit", "Massacre", "Uprising", "Rebellion", "Expo",
];

/// First words of events: named storms and military operations ("Hurricane Ian").
#[rustfmt::skip]
pub(crate) const EVENT_CUES: &[&str] = &[
    "Hurricane", "Storm", "Typhoon", "Cyclone", "Tropical", "Operation",
];

/// Words before "of" that make a state's full name with a following country ("Republic of
/// Chile", "Kingdom of Saudi Arabia").
#[rustfmt::skip]
pub(crate) const STATE_HEADS: &[&str] = &[
    "Republic", "Kingdom", "Empire", "Commonwealth", "Principality", "Duchy", "Sultanate",
    "Emirate", "Federation",
];

/// Objects of titles after "of" ("Secretary of Foreign Affairs", "Chancellor of the Exchequer",
/// "Chief of Engineers"): with the title they make a bare title, not a name.
#[rustfmt::skip]
pub(crate) const TITLE_OBJECTS: &[&str] = &[
    "State", "Affairs", "Intelligence", "Development", "Services", "Resources", "Operations",
    "Engineers", "Staff", "Exchequer", "Security", "Homeland", "Home", "Internal", "External",
    "Public", "Works", "Posts", "Mines", "Planning", "Information", "Communications", "Finance",
    "Economy", "Economic", "Industry", "Trade", "Culture", "Environment", "Housing", "Urban",
    "Immigration", "Justice", "Treasury", "Interior", "Commerce", "Labor", "Labour", "War", "Navy",
    "Army", "Air", "Agriculture", "Health", "Education", "Transportation", "Transport", "Energy",
    "Veterans", "Defense", "Defence", "Foreign", "Human", "First", "Welfare", "Science", "Technology",
    "Ordnance", "Police", "Protocol", "Representatives", "Commons", "Lords", "Staffs", "Mint",
    "Currency", "Census", "Patents", "Pensions", "Customs", "Revenue", "Navigation",
];

#[rustfmt::skip]
pub(crate) const MONTHS_DAYS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
];

/// Lower-case words allowed inside a name between capitalised words.
#[rustfmt::skip]
pub(crate) const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "ter",
    "la", "le", "bin", "ibn", "al", "el", "y", "e",
];

/// Verbs that follow a person's name in reporting ("Blinken said").
#[rustfmt::skip]
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "added", "wrote", "asked", "testified", "argued", "insisted",
    "explained", "recalled", "noted", "stated", "declared", "tweeted", "replied", "admitted",
    "acknowledged", "warned", "urged", "thanked",
];

/// Prepositions that often introduce a place.
#[rustfmt::skip]
pub(crate) const PLACE_PREPS: &[&str] = &[
    "in", "near", "across", "outside", "from", "toward", "towards",
];

/// Last words of laws, treaties and documents: such runs are not entities.
#[rustfmt::skip]
pub(crate) const LAW_HEADS: &[&str] = &[
    "Act", "Acts", "Amendment", "Treaty", "Protocol", "Convention", "Accord", "Accords",
    "Agreement", "Doctrine", "Declaration", "Charter", "Bill", "Code", "Statutes", "Statute",
    "Constitution",
];

/// Nouns before "of" that introduce a place ("the city of Derna").
#[rustfmt::skip]
pub(crate) const PLACE_NOUNS: &[&str] = &[
    "city", "town", "village", "state", "province", "region", "capital", "district", "county",
    "island", "port", "suburb", "neighborhood", "neighbourhood",
];

/// Surface aliases folded into one canonical name before merging.
pub(crate) const ALIASES: &[(&str, &str)] = &[
    ("U.S.", "United States"),
    ("US", "United States"),
    ("U.S.A.", "United States"),
    ("USA", "United States"),
    ("United States of America", "United States"),
    ("America", "United States"),
    ("U.N.", "United Nations"),
    ("UN", "United Nations"),
    ("U.K.", "United Kingdom"),
    ("UK", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("E.U.", "European Union"),
    ("EU", "European Union"),
    ("Fed", "Federal Reserve"),
    ("Kiev", "Kyiv"),
    ("D.C.", "Washington"),
];

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

fn tsv_names(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

impl Lexicon {
    /// The lexicon built from the files compiled into the binary (parsed on first use).
    pub fn get() -> &'static Lexicon {
        LEXICON.get_or_init(Self::build)
    }

    fn build() -> Lexicon {
        let names = gazetteer_names();
        let max_words = names
            .keys()
            .map(|n| n.split(' ').count())
            .max()
            .unwrap_or(1);
        let first_names: FxHashSet<&'static str> =
            tsv_names(include_str!("../../../assets/lexicons/first_names.tsv")).collect();
        let nationalities = nationalities(&names);
        let stopwords = name_free_stopwords(&names, &first_names);
        Lexicon {
            names,
            first_names,
            nationalities,
            stopwords,
            max_words,
        }
    }

    pub fn lookup(&self, name: &str) -> Option<LexKind> {
        if let Some(k) = self.names.get(name) {
            return Some(*k);
        }
        // "St. Louis" = "St Louis" = "Saint Louis".
        let rest = name
            .strip_prefix("St. ")
            .or_else(|| name.strip_prefix("St "))
            .or_else(|| name.strip_prefix("Saint "))?;
        ["St. ", "St ", "Saint "]
            .iter()
            .find_map(|p| self.names.get(format!("{p}{rest}").as_str()).copied())
    }
}

/// Every gazetteer name with its kind. Later lists override earlier ones, so a name in several
/// lists takes the strongest kind: cities and subdivisions, then organisations, then countries,
/// states and continents, then the hand lists.
fn gazetteer_names() -> FxHashMap<&'static str, LexKind> {
    let mut names: FxHashMap<&'static str, LexKind> = FxHashMap::default();
    let place_files = [
        include_str!("../../../assets/lexicons/cities.tsv"),
        include_str!("../../../assets/lexicons/subdivisions.tsv"),
    ];
    for file in place_files {
        for n in tsv_names(file) {
            names.insert(n, LexKind::Place);
        }
    }
    for n in tsv_names(include_str!("../../../assets/lexicons/organisations.tsv")) {
        names.insert(n, LexKind::Org);
    }
    let country_files = [
        include_str!("../../../assets/lexicons/countries.tsv"),
        include_str!("../../../assets/lexicons/us_states.tsv"),
        include_str!("../../../assets/lexicons/continents.tsv"),
    ];
    for file in country_files {
        for n in tsv_names(file) {
            names.insert(n, LexKind::Country);
        }
    }
    for n in EXTRA_PLACES {
        names.insert(n, LexKind::Country);
    }
    for n in EXTRA_ORGS {
        names.insert(n, LexKind::Org);
    }
    names
}

/// Nationality words not derived from the shipped list: demonyms of another shape, religious
/// and regional groups.
#[rustfmt::skip]
const EXTRA_NATIONALITIES: &[&str] = &[
    "Swede", "Swedes", "Briton", "Britons", "Scot", "Scots", "Dane", "Danes", "Pole", "Poles",
    "Turk", "Turks", "Finn", "Finns", "Arab", "Arabs", "Kurd", "Kurds", "European", "Europeans",
    "African", "Africans", "Asian", "Asians", "Palestinian", "Palestinians", "Latino", "Latinos",
    "Hispanic", "Hispanics", "Soviet", "Western", "Arabian", "Persian", "Ottoman", "Sunni", "Shia",
    "Shiite", "Jew", "Jews", "Muslims", "Christians", "Catholics", "Britannic", "Saudi", "Saudis",
    "Emirati", "Emiratis", "Soviets", "Philippine", "Asiatic", "Hawaiian", "Texan", "Texans",
];

/// Nationality adjectives and plurals, capitalised: the shipped list (less the country names it
/// holds), [`EXTRA_NATIONALITIES`], and adjectives derived from one-word country names.
fn nationalities(names: &FxHashMap<&'static str, LexKind>) -> FxHashSet<String> {
    let mut nationalities = FxHashSet::default();
    for n in tsv_names(include_str!("../../../assets/lexicons/nationalities.tsv")) {
        let cap = capitalised(n);
        // The list holds a few country names too ("guinea-Bissau"): places win.
        if !matches!(
            names.get(cap.as_str()),
            Some(LexKind::Country | LexKind::Place)
        ) {
            nationalities.insert(format!("{cap}s"));
            nationalities.insert(cap);
        }
    }
    for n in EXTRA_NATIONALITIES {
        nationalities.insert(n.to_string());
    }
    // "Iraqi", "Yemeni", "Pakistani": a country name with -i is its adjective.
    for (n, k) in names {
        if *k == LexKind::Country && !n.contains(' ') && !n.ends_with('i') {
            nationalities.insert(format!("{n}i"));
            nationalities.insert(format!("{n}is"));
        }
        // "Alaskan", "Samoan".
        if *k == LexKind::Country && !n.contains(' ') && n.ends_with('a') {
            nationalities.insert(format!("{n}n"));
            nationalities.insert(format!("{n}ns"));
        }
    }
    nationalities
}

/// English stopwords that are not names. stopwords-iso also lists names ("bill", "will",
/// "wells", "microsoft", "shell"): keep only words that are not names in the lexicons.
fn name_free_stopwords(
    names: &FxHashMap<&'static str, LexKind>,
    first_names: &FxHashSet<&'static str>,
) -> FxHashSet<&'static str> {
    stop_words::get("en")
        .iter()
        .copied()
        .filter(|w| {
            let cap = capitalised(w);
            !names.contains_key(cap.as_str())
                && !first_names.contains(cap.as_str())
                && !matches!(
                    *w,
                    "microsoft" | "research" | "group" | "general" | "inc" | "ltd" | "co"
                )
        })
        .collect()
}

/// `w` with its first character upper-cased ("iraq" → "Iraq").
fn capitalised(w: &str) -> String {
    let mut cap = String::with_capacity(w.len() + 1);
    let mut chars = w.chars();
    if let Some(c) = chars.next() {
        cap.extend(c.to_uppercase());
        cap.push_str(chars.as_str());
    }
    cap
}

/// Small sets built once from the constant lists above.
pub(crate) struct WordSets {
    pub laws: FxHashSet<&'static str>,
    pub titles: FxHashSet<&'static str>,
    pub org_heads: FxHashSet<&'static str>,
    pub loc_heads: FxHashSet<&'static str>,
    pub generic: FxHashSet<&'static str>,
    pub months_days: FxHashSet<&'static str>,
    pub legal: FxHashSet<&'static str>,
    pub lower_person_cues: FxHashSet<&'static str>,
}

impl WordSets {
    pub fn get() -> &'static WordSets {
        static SETS: OnceLock<WordSets> = OnceLock::new();
        SETS.get_or_init(|| WordSets {
            laws: LAW_HEADS.iter().copied().collect(),
            titles: TITLES.iter().copied().collect(),
            org_heads: ORG_HEADS.iter().copied().collect(),
            loc_heads: LOC_HEADS.iter().copied().collect(),
            generic: GENERIC_CAPS.iter().copied().collect(),
            months_days: MONTHS_DAYS.iter().copied().collect(),
            legal: LEGAL_SUFFIXES.iter().copied().collect(),
            lower_person_cues: LOWER_PERSON_CUES.iter().copied().collect(),
        })
    }
}

impl WordSets {
    pub fn law_heads_contains(&self, w: &str) -> bool {
        self.laws.contains(w)
    }
}

/// The canonical spelling of a surface form after the fixed aliases ("U.S." → "United States").
pub(crate) fn alias_of(surface: &str) -> Option<&'static str> {
    ALIASES.iter().find(|(a, _)| *a == surface).map(|(_, c)| *c)
}
