//! Knowledge lists the rules need (given names, nicknames, transliterations,
//! governments and their heads), read from `rules/knowledge/` or built in.

use crate::error::Error;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub const BUILTIN_GIVEN_NAMES: &str = include_str!("../rules/knowledge/given-names.txt");
pub const BUILTIN_NICKNAMES: &str = include_str!("../rules/knowledge/nicknames.toml");
pub const BUILTIN_TRANSLITERATIONS: &str = include_str!("../rules/knowledge/transliterations.toml");
pub const BUILTIN_GOVERNMENTS: &str = include_str!("../rules/knowledge/governments.toml");
pub const BUILTIN_HEADS: &str = include_str!("../rules/knowledge/heads-of-government.toml");
pub const BUILTIN_EVENTS: &str = include_str!("../rules/knowledge/events.toml");
pub const BUILTIN_OFFICES: &str = include_str!("../rules/knowledge/offices.toml");
pub const BUILTIN_NAMES: &str = include_str!("../rules/knowledge/names.toml");
pub const BUILTIN_DEMONYMS: &str = include_str!("../rules/knowledge/demonyms.toml");
pub const BUILTIN_MEASURES: &str = include_str!("../rules/knowledge/measures.toml");

/// The knowledge lists, by file name, with their built-in copies.
pub const LISTS: [(&str, &str); 10] = [
    ("given-names.txt", BUILTIN_GIVEN_NAMES),
    ("nicknames.toml", BUILTIN_NICKNAMES),
    ("transliterations.toml", BUILTIN_TRANSLITERATIONS),
    ("governments.toml", BUILTIN_GOVERNMENTS),
    ("heads-of-government.toml", BUILTIN_HEADS),
    ("events.toml", BUILTIN_EVENTS),
    ("offices.toml", BUILTIN_OFFICES),
    ("names.toml", BUILTIN_NAMES),
    ("demonyms.toml", BUILTIN_DEMONYMS),
    ("measures.toml", BUILTIN_MEASURES),
];

/// Evidence about capitalised words: see `rules/knowledge/names.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NameFile {
    titles: Vec<String>,
    title_modifiers: Vec<String>,
    name_ends: Vec<String>,
    name_starts: Vec<String>,
    kinship: Vec<String>,
    common_words: Vec<String>,
    demonyms: Vec<String>,
    roles: Vec<String>,
}

/// Countries of nationality adjectives and heads of descriptions: see
/// `rules/knowledge/demonyms.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemonymFile {
    heads: Vec<String>,
    countries: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    covers: std::collections::BTreeMap<String, Vec<String>>,
}

/// The words that anchor a figure to its measure: see `rules/knowledge/measures.toml`.
/// Each list is the pattern set `@measure-<list>`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MeasureFile {
    records: Vec<String>,
    recording: Vec<String>,
    value: Vec<String>,
    price: Vec<String>,
    price_extras: Vec<String>,
    custody: Vec<String>,
    holding: Vec<String>,
    catching: Vec<String>,
    vessel_prefixes: Vec<String>,
    vessels: Vec<String>,
}

/// The pattern sets `measures.toml` defines, in the file's order.
pub const MEASURE_SETS: [&str; 10] = [
    "measure-records",
    "measure-recording",
    "measure-value",
    "measure-price",
    "measure-price-extras",
    "measure-custody",
    "measure-holding",
    "measure-catching",
    "measure-vessel-prefixes",
    "measure-vessels",
];

/// Whether a lower-case `word` has the shape of a name for someone who
/// practises something: "-ist" in a word of seven letters or more
/// ("chemist", "ceramicist"), save lists of things ("playlist", "checklist":
/// a consonant before "list"), and "-ician" ("dietician", "electrician").
pub fn is_practitioner(word: &str) -> bool {
    if word.ends_with("ician") {
        return true;
    }
    if word.len() < 7 || !word.ends_with("ist") || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    match word.strip_suffix("list") {
        Some(stem) => stem.ends_with(['a', 'e', 'i', 'o', 'u', 'c']),
        None => true,
    }
}

/// Whether `text` is `phrase` or ends in it as whole words ("interior
/// secretary" ends in "secretary", "undersecretary" does not). A phrase
/// ending in " *" stands for its words and any one word after them: "chief *"
/// is ended in by "chief engineer" and "the utility's chief economist".
fn ends_in_words(text: &str, phrase: &str) -> bool {
    if let Some(leading) = phrase.strip_suffix(" *") {
        return text
            .rsplit_once(' ')
            .is_some_and(|(rest, last)| !last.is_empty() && ends_in_words(rest, leading));
    }
    text.strip_suffix(phrase)
        .is_some_and(|before| before.is_empty() || before.ends_with(' '))
}

/// Words that make a title another, lower office ("deputy minister").
pub const RANK_WORDS: &[&str] = &[
    "deputy",
    "vice",
    "assistant",
    "associate",
    "under",
    "junior",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficeFile {
    offices: Vec<String>,
    #[serde(default)]
    exclusive: Vec<Vec<String>>,
    #[serde(default)]
    exclusive_within_a_body: Vec<Vec<String>>,
    #[serde(default)]
    seats: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    lead: LeadFile,
}

/// The words that say a person leads something: see `[lead]` in
/// `rules/knowledge/offices.toml`.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LeadFile {
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventClass {
    pub class: String,
    pub triggers: Vec<String>,
    /// Whether a story has one place for this event, so differing places conflict.
    #[serde(default)]
    pub place: bool,
    /// Whether the event happens to a person (a sentencing): each person's is
    /// another event.
    #[serde(default)]
    pub person: bool,
    /// Whether a storm's category is stated at this event ("came ashore as a
    /// Category 3"): one category per event, compared across sources.
    #[serde(default)]
    pub category: bool,
    /// Whether "from X" names where the event happens ("lifted off from Cape
    /// Canaveral"); for other events "from" names someone's origin or helper.
    #[serde(default)]
    pub place_from: bool,
    /// Whether a story may hold several of this kind, told apart by their
    /// days: a place is read only beside a day, and compared only with places
    /// given for the same day.
    #[serde(default)]
    pub place_by_day: bool,
    /// Whether a story mostly has one of this kind but may have several (an
    /// outage, a fire, a detection): a day the clause gives tells occurrences
    /// apart (places and times compare per day, or between mentions without
    /// one), and a place the clause gives tells their days apart; a mention
    /// without either is the story's one.
    #[serde(default)]
    pub several: bool,
    /// Whether the event lasts a while ("the blackout lasted nine hours", "a
    /// 12-day strike"): its length is read and compared.
    #[serde(default)]
    pub lasts: bool,
    /// Nouns that name an event of this kind only as a second reference:
    /// written definite ("the raid") in a source that has already named the
    /// event by one of its triggers.
    #[serde(default)]
    pub second_references: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventFile {
    /// Nouns after which a trigger is a modifier, not an event ("the fire
    /// service", "flood defences").
    #[serde(default)]
    modifier_heads: Vec<String>,
    /// Phrases holding a trigger that name no event ("the summit of the
    /// volcano"): read in place of the trigger, and dropped.
    #[serde(default)]
    not_events: Vec<String>,
    event: Vec<EventClass>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Government {
    pub id: String,
    pub label: String,
    pub aliases: Vec<String>,
    #[serde(default)]
    pub adjectives: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    pub given: String,
    pub surname: String,
    pub government: String,
    pub titles: Vec<String>,
    pub from: String,
    #[serde(default)]
    pub to: String,
}

impl Head {
    /// Whether the term covers any part of `year`.
    pub fn served_in(&self, year: &str) -> bool {
        let from = self.from.get(..4).unwrap_or("");
        let to = if self.to.is_empty() {
            "9999"
        } else {
            self.to.get(..4).unwrap_or("9999")
        };
        from <= year && year <= to
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NicknameFile {
    groups: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TransliterationFile {
    rules: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GovernmentFile {
    government: Vec<Government>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadFile {
    head: Vec<Head>,
}

#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    given_names: HashSet<String>,
    /// skeleton of a variant → canonical form of its group
    nicknames: HashMap<String, String>,
    transliterations: Vec<(String, String)>,
    pub governments: Vec<Government>,
    pub heads: Vec<Head>,
    pub events: Vec<EventClass>,
    /// Every event trigger, and every phrase of `not_events`, as one
    /// case-insensitive whole-word pattern (longest first).
    pub event_triggers: Option<regex::Regex>,
    /// Phrases that hold a trigger and name no event, lower case.
    pub event_non_triggers: HashSet<String>,
    /// Every event's second references as one case-insensitive whole-word
    /// pattern (the extractor checks the "the" before them).
    pub event_second_references: Option<regex::Regex>,
    /// Nouns after which a trigger only modifies another noun ("fire service"),
    /// lower case.
    pub event_modifier_heads: HashSet<String>,
    /// Offices only one person holds, lower case ("interior secretary" ends in one).
    pub offices: Vec<String>,
    /// Groups of offices one person cannot hold together (a crew's roles).
    pub exclusive_offices: Vec<Vec<String>>,
    /// Groups of a body's officers one person cannot hold together in the same
    /// body ("president" and "general secretary" of one union): compared only
    /// when both titles name that body.
    exclusive_within_a_body: Vec<Vec<String>>,
    /// Seats on a body by side ("outside" → "external member", …), the phrases
    /// folded with hyphens as spaces, as `normalise_title` writes titles.
    seats: Vec<(String, Vec<String>)>,
    /// Verbs ("led", "directs") and nouns ("director") that say a person
    /// leads something, lower case.
    lead_verbs: foldhash::HashSet<String>,
    lead_nouns: foldhash::HashSet<String>,
    /// Words before a name that make it a person's ("Judge", "envoy"), as written.
    titles: foldhash::HashSet<String>,
    /// Lower-case words that extend a title backwards ("special", "deputy").
    title_modifiers: foldhash::HashSet<String>,
    /// Capitalised words that end a place or organisation name ("Square", "Labs").
    name_ends: foldhash::HashSet<String>,
    /// Capitalised words that start a place or event name ("Mount", "Hurricane").
    name_starts: foldhash::HashSet<String>,
    /// Words naming a relative ("daughter"), lower case.
    kinship: foldhash::HashSet<String>,
    /// The kinship words as one search, so a sentence without any is skipped
    /// without looking at its words.
    kinship_finder: Option<aho_corasick::AhoCorasick>,
    /// Capitalised words that are never a name: sentence starters and
    /// nationality adjectives ("After", "Kenyan").
    never_names: foldhash::HashSet<String>,
    /// Occupations and roles, lower case ("engineer", "nurse").
    roles: foldhash::HashSet<String>,
    /// Words that head a description of one person ("winner"), folded.
    description_heads: foldhash::HashSet<String>,
    /// Nationality adjective → country, both folded ("malawian" → "malawi").
    countries: foldhash::HashMap<String, String>,
    /// A description head → the offices it stands for ("leader" → "president", …).
    covers: foldhash::HashMap<String, Vec<String>>,
    /// The measure lists of `measures.toml`, in the order of `MEASURE_SETS`.
    pub measures: Vec<Vec<String>>,
}

/// Whether `needle` occurs in `hay`. Transliteration rules are a letter or
/// two matched against a name of a few letters, for every name a run reads:
/// comparing bytes in place costs a fraction of `str::contains`, which builds a
/// substring searcher per call (3 % of a run on generated stories). Same answer.
fn contains_short(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    match needle {
        [] => true,
        [byte] => hay.contains(byte),
        _ => hay
            .windows(needle.len())
            .any(|w| w.iter().zip(needle).all(|(a, b)| a == b)),
    }
}

impl Knowledge {
    pub fn builtin() -> Self {
        Self::parse_all(
            LISTS.map(|(name, text)| (format!("<built-in>/knowledge/{name}"), text.to_string())),
        )
        .expect("built-in knowledge lists are valid")
    }

    /// Reads `dir/<file>` for each list, falling back to the built-in copy for a
    /// list the folder does not have.
    pub fn load(dir: &Path) -> Result<Self, Error> {
        let mut texts = Vec::new();
        for (name, builtin) in LISTS {
            let path = dir.join(name);
            if path.is_file() {
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    Error::input(
                        &path,
                        format!("cannot read: {}", crate::ingest::io_reason(&e)),
                    )
                })?;
                texts.push((crate::ingest::display_path(&path), text));
            } else {
                texts.push((format!("<built-in>/knowledge/{name}"), builtin.to_string()));
            }
        }
        let array: [(String, String); 10] = texts.try_into().expect("one text per list");
        Self::parse_all(array)
    }

    fn parse_all(files: [(String, String); 10]) -> Result<Self, Error> {
        let [given, nick, translit, govs, heads, events, offices, names, demonyms, measures] =
            files;
        let mut knowledge = Knowledge {
            given_names: given
                .1
                .lines()
                .map(|l| l.split('#').next().unwrap_or("").trim().to_lowercase())
                .filter(|l| !l.is_empty())
                .collect(),
            ..Knowledge::default()
        };
        let translit: TransliterationFile = parse_toml(&translit.0, &translit.1)?;
        knowledge.transliterations = translit.rules;
        let nick: NicknameFile = parse_toml(&nick.0, &nick.1)?;
        for group in nick.groups {
            let Some(canonical) = group.first().map(|c| capitalise(c)) else {
                continue;
            };
            for variant in &group {
                let skeleton = knowledge.skeleton(variant);
                knowledge.nicknames.insert(skeleton, canonical.clone());
            }
        }
        let govs: GovernmentFile = parse_toml(&govs.0, &govs.1)?;
        knowledge.governments = govs.government;
        let heads: HeadFile = parse_toml(&heads.0, &heads.1)?;
        knowledge.heads = heads.head;
        let events: EventFile = parse_toml(&events.0, &events.1)?;
        knowledge.events = events.event;
        knowledge.event_modifier_heads = events
            .modifier_heads
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        knowledge.event_non_triggers = events.not_events.iter().map(|p| p.to_lowercase()).collect();
        // A phrase of `not_events` starts earlier than the trigger inside it or
        // is longer, so the search reads it in the trigger's place.
        let mut triggers: Vec<String> = knowledge
            .events
            .iter()
            .flat_map(|e| e.triggers.iter().map(|t| regex::escape(t)))
            .chain(events.not_events.iter().map(|p| regex::escape(p)))
            .collect();
        triggers.sort_by_key(|t| std::cmp::Reverse(t.len()));
        knowledge.event_triggers =
            regex::Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", triggers.join("|"))).ok();
        let mut seconds: Vec<String> = knowledge
            .events
            .iter()
            .flat_map(|e| e.second_references.iter().map(|t| regex::escape(t)))
            .collect();
        seconds.sort_by_key(|t| std::cmp::Reverse(t.len()));
        knowledge.event_second_references = (!seconds.is_empty())
            .then(|| {
                regex::Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", seconds.join("|"))).ok()
            })
            .flatten();
        let offices: OfficeFile = parse_toml(&offices.0, &offices.1)?;
        knowledge.offices = offices
            .offices
            .into_iter()
            .map(|o| o.to_lowercase())
            .collect();
        knowledge.exclusive_offices = offices
            .exclusive
            .into_iter()
            .map(|group| group.into_iter().map(|o| o.to_lowercase()).collect())
            .collect();
        knowledge.exclusive_within_a_body = offices
            .exclusive_within_a_body
            .into_iter()
            .map(|group| group.into_iter().map(|o| o.to_lowercase()).collect())
            .collect();
        knowledge.seats = offices
            .seats
            .into_iter()
            .map(|(side, phrases)| {
                let phrases = phrases
                    .iter()
                    .map(|p| fold(p).replace('-', " "))
                    .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                    .collect();
                (side, phrases)
            })
            .collect();
        let lowercased = |words: &[String]| words.iter().map(|w| w.to_lowercase()).collect();
        knowledge.lead_verbs = lowercased(&offices.lead.verbs);
        knowledge.lead_nouns = lowercased(&offices.lead.nouns);
        let names: NameFile = parse_toml(&names.0, &names.1)?;
        knowledge.titles = names.titles.into_iter().collect();
        knowledge.title_modifiers = names
            .title_modifiers
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect();
        knowledge.name_ends = names.name_ends.into_iter().collect();
        knowledge.name_starts = names.name_starts.into_iter().collect();
        knowledge.kinship = names
            .kinship
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect();
        knowledge.kinship_finder = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&knowledge.kinship)
            .ok();
        knowledge.roles = names.roles.into_iter().map(|w| w.to_lowercase()).collect();
        knowledge.never_names = names
            .common_words
            .into_iter()
            .chain(names.demonyms)
            .collect();
        let demonyms: DemonymFile = parse_toml(&demonyms.0, &demonyms.1)?;
        knowledge.description_heads = demonyms.heads.iter().map(|w| fold(w)).collect();
        knowledge.countries = demonyms
            .countries
            .into_iter()
            .map(|(adjective, country)| (fold(&adjective), fold(&country)))
            .collect();
        knowledge.covers = demonyms
            .covers
            .into_iter()
            .map(|(head, offices)| (fold(&head), offices.iter().map(|o| fold(o)).collect()))
            .collect();
        let measures: MeasureFile = parse_toml(&measures.0, &measures.1)?;
        knowledge.measures = [
            measures.records,
            measures.recording,
            measures.value,
            measures.price,
            measures.price_extras,
            measures.custody,
            measures.holding,
            measures.catching,
            measures.vessel_prefixes,
            measures.vessels,
        ]
        .into_iter()
        .map(|list| list.into_iter().map(|w| w.to_lowercase()).collect())
        .collect();
        Ok(knowledge)
    }

    /// What a title is compared with: the exclusive group it belongs to, or else its
    /// last word ("interior secretary" → "secretary").
    pub fn office_kind(&self, normalised: &str) -> String {
        match self
            .exclusive_offices
            .iter()
            .position(|group| group.iter().any(|o| ends_in_words(normalised, o)))
        {
            Some(i) => format!("group:{i}"),
            None => normalised
                .rsplit(' ')
                .next()
                .unwrap_or(normalised)
                .to_string(),
        }
    }

    /// What a body's officer is also compared with: the other officers of the
    /// body the title names ("union general secretary" → the officers of
    /// "union"), ranks aside ("union deputy general secretary" is another
    /// office of the union). None when the title names no body: "president"
    /// and "general secretary" of two bodies may be one person's two offices.
    pub fn office_body_kind(&self, normalised: &str) -> Option<String> {
        let (len, group) = self
            .exclusive_within_a_body
            .iter()
            .enumerate()
            .flat_map(|(i, group)| {
                group
                    .iter()
                    .filter(|o| ends_in_words(normalised, o))
                    .map(move |o| (o.len(), i))
            })
            .max()?;
        let body: Vec<&str> = normalised[..normalised.len() - len]
            .split_whitespace()
            .filter(|w| !RANK_WORDS.contains(w))
            .collect();
        (!body.is_empty()).then(|| format!("body:{group}:{}", body.join(" ")))
    }

    /// The side of a body a normalised title seats its holder on ("council
    /// external member" → "outside"): the side of the longest listed seat
    /// phrase the title ends in, so "non executive director" is not read as
    /// "executive director".
    pub fn seat_side(&self, normalised: &str) -> Option<&str> {
        self.seats
            .iter()
            .flat_map(|(side, phrases)| {
                phrases
                    .iter()
                    .filter(|p| ends_in_words(normalised, p))
                    .map(move |p| (p.len(), side.as_str()))
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, side)| side)
    }

    /// Whether a title ends in an office only one person holds.
    pub fn is_unique_office(&self, title: &str) -> bool {
        let lower = fold(title);
        self.offices.iter().any(|o| ends_in_words(&lower, o))
    }

    /// Whether `word`, as written, is a title that may stand before a name.
    pub fn is_title(&self, word: &str) -> bool {
        self.titles.contains(word)
    }

    /// Whether `word` (any case) extends a title backwards ("deputy").
    pub fn is_title_modifier(&self, word: &str) -> bool {
        contains_any_case(&self.title_modifiers, word)
    }

    /// Whether `text` may name a relative: a cheap test before reading its words.
    pub fn may_name_a_relative(&self, text: &str) -> bool {
        self.kinship_finder
            .as_ref()
            .is_some_and(|finder| finder.is_match(text))
    }

    /// Whether a capitalised `word` ends a place or organisation name.
    pub fn ends_a_non_person_name(&self, word: &str) -> bool {
        self.name_ends.contains(word)
    }

    /// Whether a capitalised `word` starts a place, organisation or event name.
    pub fn starts_a_non_person_name(&self, word: &str) -> bool {
        self.name_starts.contains(word)
    }

    /// Whether `word` (any case) is an occupation or role ("engineer").
    /// The country a folded nationality adjective names ("malawian" → "malawi").
    pub fn country_of(&self, adjective: &str) -> Option<&str> {
        self.countries.get(adjective).map(String::as_str)
    }

    /// Whether the folded `word` can head a description of one person: an
    /// office, an occupation, a title or a listed head ("winner"), or a word
    /// shaped like a practitioner's in no list ("ceramicist", "volcanologist",
    /// "dietician"): the lists are evidence, not a gate.
    pub fn heads_a_description(&self, word: &str) -> bool {
        self.description_heads.contains(word)
            || self.offices.iter().any(|o| o == word)
            || self.roles.contains(word)
            || self.titles.contains(&capitalise(word))
            || is_practitioner(word)
    }

    /// Whether a description headed by `head` may stand for an office ending in
    /// `office_head` ("leader" for "president"): the same word, or one it covers.
    pub fn head_covers(&self, head: &str, office_head: &str) -> bool {
        head == office_head
            || self
                .covers
                .get(head)
                .is_some_and(|offices| offices.iter().any(|o| o == office_head))
    }

    pub fn is_role(&self, word: &str) -> bool {
        contains_any_case(&self.roles, word)
    }

    /// Whether a capitalised `word` is never part of a name ("After", "Kenyan").
    pub fn is_never_a_name(&self, word: &str) -> bool {
        self.never_names.contains(word)
    }

    /// Whether `word` (any case) says someone leads something ("led", "directs").
    pub fn is_lead_verb(&self, word: &str) -> bool {
        contains_any_case(&self.lead_verbs, word)
    }

    /// Whether `word` (any case) names who leads something ("director").
    pub fn is_lead_noun(&self, word: &str) -> bool {
        contains_any_case(&self.lead_nouns, word)
    }

    /// Whether `word` (any case) names a relative ("daughter").
    pub fn is_kinship(&self, word: &str) -> bool {
        contains_any_case(&self.kinship, word)
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(&word.to_lowercase()) || self.given_names.contains(&fold(word))
    }

    /// A spelling-independent key for a name: accents stripped, lower case, doubled
    /// letters collapsed, transliteration rules applied.
    pub fn skeleton(&self, name: &str) -> String {
        let mut collapsed = String::with_capacity(name.len());
        let mut push = |c: char| {
            if c.is_ascii_alphabetic() && !collapsed.ends_with(c) {
                collapsed.push(c);
            }
        };
        // ASCII below DEL is what `deunicode` leaves as it is: no folded copy needed.
        if name.bytes().all(|b| b < 0x7f) {
            name.chars()
                .map(|c| c.to_ascii_lowercase())
                .for_each(&mut push);
        } else {
            fold(name).chars().for_each(&mut push);
        }
        let mut s = collapsed;
        for (from, to) in &self.transliterations {
            if let Some(suffix) = from.strip_suffix('$') {
                if let Some(stem) = s.strip_suffix(suffix) {
                    s = format!("{stem}{to}");
                }
            } else if contains_short(&s, from) {
                s = s.replace(from.as_str(), to);
            }
        }
        s
    }

    /// Display form (as written) and comparison key of a given name: nickname and
    /// transliteration variants of one name share the key.
    pub fn given_name_value(&self, name: &str) -> (String, String) {
        let skeleton = self.skeleton(name);
        match self.nicknames.get(&skeleton) {
            Some(canonical) => (name.to_string(), self.skeleton(canonical)),
            None => (name.to_string(), skeleton),
        }
    }

    /// The event class a trigger phrase names ("came ashore" → landfall).
    pub fn event_class(&self, trigger: &str) -> Option<&str> {
        self.event(trigger).map(|e| e.class.as_str())
    }

    /// The event class of this name (events.toml's `class`).
    pub fn event_of_class(&self, class: &str) -> Option<&EventClass> {
        self.events.iter().find(|e| e.class == class)
    }

    pub fn event(&self, trigger: &str) -> Option<&EventClass> {
        let wanted = trigger
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        self.events
            .iter()
            .find(|e| e.triggers.iter().any(|t| t.eq_ignore_ascii_case(&wanted)))
            .or_else(|| {
                self.events.iter().find(|e| {
                    e.second_references
                        .iter()
                        .any(|t| t.eq_ignore_ascii_case(&wanted))
                })
            })
    }

    pub fn government(&self, id: &str) -> Option<&Government> {
        self.governments.iter().find(|g| g.id == id)
    }

    /// The government an alias ("Washington", "U.S.") stands for.
    pub fn government_by_alias(&self, word: &str) -> Option<&Government> {
        self.governments
            .iter()
            .find(|g| g.aliases.iter().any(|a| a == word) || g.adjectives.iter().any(|a| a == word))
    }

    /// Heads of government with this surname (by skeleton, so Erdoğan finds Erdogan).
    pub fn heads_named(&self, surname: &str) -> impl Iterator<Item = &Head> {
        let key = self.skeleton(surname);
        self.heads
            .iter()
            .filter(move |h| self.skeleton(&h.surname) == key)
    }
}

/// Accent-stripped lower case, for lookups only (never for spans).
/// Whether a set of lower-case words holds `word` in any case; most words are
/// already lower case and need no copy.
fn contains_any_case(set: &foldhash::HashSet<String>, word: &str) -> bool {
    if word.chars().any(char::is_uppercase) {
        set.contains(&word.to_lowercase())
    } else {
        set.contains(word)
    }
}

pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// `word` with its first letter in upper case ("deputy" → "Deputy").
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Parses a TOML file, turning a parse error into `file:line:column: message`.
pub fn parse_toml<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, Error> {
    toml::from_str(text).map_err(|e| toml_error(path, text, &e))
}

pub fn toml_error(path: &str, text: &str, e: &toml::de::Error) -> Error {
    let (line, column) = e
        .span()
        .map(|span| line_column(text, span.start))
        .unwrap_or((1, 1));
    Error::at(path, line, column, e.message().trim().replace('\n', " "))
}

pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    crate::span::LineIndex::new(text).line_column(text, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_needles_are_found_as_str_contains_finds_them() {
        for hay in ["", "a", "ab", "kh", "okhotnikov", "çck", "ouou"] {
            for needle in ["", "a", "k", "kh", "ck", "ou", "ouo", "çc", "abc"] {
                assert_eq!(
                    super::contains_short(hay, needle),
                    hay.contains(needle),
                    "{hay} {needle}"
                );
            }
        }
    }

    #[test]
    fn transliterations_share_a_skeleton() {
        let k = Knowledge::builtin();
        assert_eq!(k.skeleton("Zelensky"), k.skeleton("Zelenskyy"));
        assert_eq!(k.skeleton("Zelenskiy"), k.skeleton("Zelensky"));
        assert_eq!(k.skeleton("Erdoğan"), k.skeleton("Erdogan"));
        assert_eq!(k.skeleton("Viktor"), k.skeleton("Victor"));
        assert_ne!(k.skeleton("Peter"), k.skeleton("Paul"));
        assert_ne!(k.skeleton("Lewis"), k.skeleton("Lawrence"));
    }

    #[test]
    fn nicknames_share_a_key_and_different_names_do_not() {
        let k = Knowledge::builtin();
        assert_eq!(
            k.given_name_value("Steve").1,
            k.given_name_value("Steven").1
        );
        assert_eq!(k.given_name_value("Yuri").1, k.given_name_value("Yury").1);
        assert_ne!(
            k.given_name_value("Steve").1,
            k.given_name_value("Richard").1
        );
        assert_ne!(
            k.given_name_value("Scott").1,
            k.given_name_value("Steven").1
        );
        assert_ne!(k.given_name_value("Jane").1, k.given_name_value("Kathy").1);
    }

    #[test]
    fn heads_have_terms() {
        let k = Knowledge::builtin();
        let biden: Vec<_> = k.heads_named("Biden").collect();
        assert_eq!(biden.len(), 1);
        assert!(biden[0].served_in("2023"));
        assert!(!biden[0].served_in("2026"));
    }
}
