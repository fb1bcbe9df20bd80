//! People named in full: "Steve Witkoff", "U.S. special envoy Steve Witkoff",
//! "Judge Peter A. Cahill", "Scott \"Kidd\" Poteet".

use super::SentenceContext;
use crate::claim::{Claim, QualifierBox, Qualifiers, Subject, SubjectKind, Text, Value};
use crate::span::Span;
use compact_str::format_compact;
use regex::Regex;
use std::sync::LazyLock;

pub const FIRST_NAME: &str = "first_name";
pub const NAME_SPELLING: &str = "name_spelling";

/// Words that, written before a capitalised pair, make it a person's name even when
/// the first word is not a known given name ("Judge Paul Cahill").
const TITLES: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Secretary",
    "Senator",
    "Sen.",
    "Rep.",
    "Gov.",
    "Governor",
    "Mayor",
    "Judge",
    "Justice",
    "Ambassador",
    "Envoy",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "Spokesperson",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Sheikh",
    "General",
    "Gen.",
    "Col.",
    "Lt.",
    "Capt.",
    "Commander",
    "Admiral",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Director",
    "Chief",
    "chief",
    "adviser",
    "advisor",
    "Adviser",
    "Attorney",
    "Commissioner",
    "official",
    "officer",
    "pilot",
    "specialist",
    "astronaut",
    "Speaker",
    "Leader",
    "leader",
    "Chairman",
    "Chairwoman",
    "Chair",
    "CEO",
    "founder",
    "lawyer",
    "attorney",
    "head",
    "Head",
    "Pope",
    "Cardinal",
    "Archbishop",
    "Bishop",
    "Rev.",
    "Coach",
    "coach",
    "Captain",
    "Sergeant",
    "Officer",
    "Detective",
    "Inspector",
    "Councillor",
    "Councilman",
    "Councilwoman",
    "Representative",
    "Congressman",
    "Congresswoman",
];

/// Capitalised words that end a place or organisation name, so "George Floyd Square"
/// or "Kennedy Space Center" is not read as a person.
const PLACE_WORDS: &[&str] = &[
    "Square",
    "Street",
    "Avenue",
    "Road",
    "Center",
    "Centre",
    "Station",
    "Airport",
    "Field",
    "Park",
    "Bridge",
    "County",
    "Island",
    "Islands",
    "Bay",
    "River",
    "Lake",
    "Mountain",
    "University",
    "College",
    "School",
    "Hospital",
    "Institute",
    "Foundation",
    "Center's",
    "Stadium",
    "Arena",
    "Hall",
    "Building",
    "Tower",
    "Plaza",
    "Memorial",
    "Library",
    "Museum",
    "Prize",
    "Award",
    "Act",
    "Doctrine",
    "Administration",
    "Corporation",
    "Company",
    "Group",
    "Inc.",
    "Ltd",
    "Fund",
    "Trust",
    "Highway",
    "Boulevard",
    "Port",
    "Harbor",
    "Harbour",
    "Strait",
    "Sea",
    "Ocean",
    "Gulf",
    "Valley",
    "Beach",
    "Heights",
    "Township",
    "City",
    "Province",
    "State",
];

/// Capitalised words that cannot be a surname (they start clauses or are months,
/// weekdays and the like).
const NOT_SURNAMES: &[&str] = &[
    "The", "A", "An", "And", "But", "Or", "In", "On", "At", "Of", "For", "To", "With", "By",
    "Says", "Said", "Is", "Was", "Has", "Had", "Will", "Would", "Jr.", "Sr.", "I", "II", "III",
    "IV", "He", "She", "They", "It", "This", "That", "These", "Those",
];

static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"^(?P<first>\p{Lu}[\p{Ll}\p{Lu}’'-]*\p{Ll}[\p{Ll}’'-]*)"#,
        r#"(?:\s+(?:"|“)(?P<nick>[^"”]{1,30})(?:"|”))?"#,
        r#"(?:\s+\p{Lu}\.)*"#,
        r#"\s+(?P<last>(?:(?:van|von|der|den|de|da|di|del|dos|bin|ibn|al|el|le|la)\s+)*\p{Lu}[\p{Ll}\p{Lu}’'-]*\p{Ll}[\p{Ll}’'-]*)"#,
    ))
    .expect("valid regex")
});

/// A full-name mention of a person in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonMention {
    /// The whole name as written, relative to the sentence.
    pub start: usize,
    pub end: usize,
    pub first: String,
    pub nickname: Option<String>,
    pub surname: String,
    /// Title words written just before the name ("special envoy", "Judge").
    pub title: Option<String>,
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
        .trim_end_matches(['’', '\''])
}

/// Lower-case words that extend a title ("special envoy", "senior adviser").
const TITLE_MODIFIERS: &[&str] = &[
    "special",
    "senior",
    "deputy",
    "acting",
    "former",
    "chief",
    "national",
    "security",
    "foreign",
    "interior",
    "defense",
    "defence",
    "district",
    "federal",
    "state",
    "top",
    "presidential",
    "mission",
    "medical",
    "vice",
    "prime",
    "assistant",
    "associate",
    "general",
    "executive",
];

/// The title words directly before `start`: the nearest must be a title word
/// ("envoy", "Judge"); up to four words before it that extend it are kept
/// ("U.S. special envoy", "Interior Secretary", "Tampa Mayor").
fn title_before(text: &str, start: usize) -> Option<String> {
    let before = text[..start].trim_end();
    let mut words = before.split_whitespace().rev();
    let nearest = words.next()?;
    if !TITLES.contains(&nearest) {
        return None;
    }
    let mut title = vec![nearest];
    for word in words.take(4) {
        let capitalised = word.chars().next().is_some_and(char::is_uppercase)
            && !matches!(
                word,
                "The"
                    | "A"
                    | "An"
                    | "And"
                    | "But"
                    | "In"
                    | "On"
                    | "At"
                    | "By"
                    | "With"
                    | "When"
                    | "As"
            )
            && !word.ends_with([',', ';', ':', '.', '"', '”'])
            || matches!(word, "U.S." | "U.K." | "U.N." | "E.U.");
        let extends = TITLES.contains(&word)
            || TITLE_MODIFIERS.contains(&word.to_lowercase().as_str())
            || capitalised
            || word == "and";
        if !extends {
            break;
        }
        title.push(word);
    }
    // "Interior and Local Government Secretary" keeps its "and"; in "Poteet and
    // mission pilot" the words before "and" are another person.
    if let Some(and) = title.iter().position(|w| *w == "and") {
        let joined = title
            .get(and + 1)
            .is_some_and(|w| TITLE_MODIFIERS.contains(&w.to_lowercase().as_str()));
        if !joined {
            title.truncate(and);
        }
    }
    title.reverse();
    Some(title.join(" "))
}

pub fn mentions(ctx: &SentenceContext) -> Vec<PersonMention> {
    let text = ctx.text;
    let mut out: Vec<PersonMention> = Vec::new();
    let mut search_from = 0;
    for (i, c) in text.char_indices() {
        if i < search_from || !c.is_uppercase() {
            continue;
        }
        if i > 0
            && text[..i]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_alphanumeric() || p == '-')
        {
            continue;
        }
        // Most capitalised words start a sentence or name a place; only a word
        // followed (after initials, a quoted nickname or a particle) by another
        // capitalised word can start a full name. Checked cheaply before the regex.
        if !next_word_can_continue_a_name(&text[i..]) {
            continue;
        }
        let Some(caps) = NAME.captures(&text[i..]) else {
            continue;
        };
        let first = caps.name("first").map_or("", |m| m.as_str());
        let last_match = caps.name("last").expect("last is required");
        let surname = strip_possessive(last_match.as_str());
        if NOT_SURNAMES.contains(&surname)
            || NOT_SURNAMES.contains(&first)
            || super::is_calendar_word(surname)
        {
            continue;
        }
        let title = title_before(text, i);
        let known_given = ctx.knowledge.is_given_name(first);
        if !known_given && (title.is_none() || ctx.is_heading) {
            continue;
        }
        let end = i + last_match.end();
        if followed_by_place_word(&text[end..]) {
            search_from = end;
            continue;
        }
        // A surname that is itself a given name with nothing after it is more likely
        // two first names in a list ("Jane and Mary").
        let name_end = i + last_match.start() + surname.len();
        out.push(PersonMention {
            start: i,
            end: name_end,
            first: first.to_string(),
            nickname: caps.name("nick").map(|m| m.as_str().to_string()),
            surname: surname.to_string(),
            title,
        });
        search_from = end;
    }
    out
}

fn next_word_can_continue_a_name(from: &str) -> bool {
    let mut words = from.split_whitespace();
    let _first = words.next();
    words.next().is_some_and(|w| {
        w.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“')
            || matches!(
                w,
                "van"
                    | "von"
                    | "der"
                    | "den"
                    | "de"
                    | "da"
                    | "di"
                    | "del"
                    | "dos"
                    | "bin"
                    | "ibn"
                    | "al"
                    | "el"
                    | "le"
                    | "la"
            )
    })
}

fn followed_by_place_word(rest: &str) -> bool {
    let next = rest.split_whitespace().next().unwrap_or("");
    if !rest.starts_with(' ') {
        return false;
    }
    let bare = next.trim_end_matches([',', '.', ';', ':']);
    PLACE_WORDS.contains(&bare) || PLACE_WORDS.contains(&strip_possessive(bare))
}

pub fn first_names(ctx: &SentenceContext, mentions: &[PersonMention], claims: &mut Vec<Claim>) {
    for m in mentions {
        let (canonical, key) = ctx.knowledge.given_name_value(&m.first);
        // The full name as written: one person spelled two ways is a style note.
        let written = format!("{} {}", m.first, m.surname);
        claims.push(Claim {
            source: ctx.source,
            subject: Subject {
                text: m.surname.as_str().into(),
                kind: SubjectKind::Person,
                key: Text::default(),
                label: Text::default(),
            },
            predicate: NAME_SPELLING,
            value: Value {
                canonical: written.as_str().into(),
                key: written.into(),
                interval: None,
                aliases: Box::new([key.as_str().into()]),
            },
            span: ctx.span(m.start, m.end),
            sentence: ctx.sentence_span(),
            qualifiers: QualifierBox::default(),
        });
        claims.push(Claim {
            source: ctx.source,
            subject: Subject {
                text: m.surname.as_str().into(),
                kind: SubjectKind::Person,
                key: Text::default(),
                label: Text::default(),
            },
            predicate: FIRST_NAME,
            value: Value {
                canonical: canonical.into(),
                key: key.into(),
                interval: None,
                aliases: Box::default(),
            },
            span: ctx.span(m.start, m.end),
            sentence: ctx.sentence_span(),
            qualifiers: Qualifiers {
                former: false,
                attribution: m
                    .nickname
                    .as_deref()
                    .map(|n| format_compact!("nickname:{n}")),
                ..Qualifiers::default()
            }
            .into(),
        });
    }
}

/// Every use of a surname already named in full ("Castor said"), by offset.
pub fn surname_mentions(text: &str, full: &[(usize, String)]) -> Vec<(usize, String)> {
    if full.is_empty() {
        return Vec::new();
    }
    let surnames: std::collections::HashSet<&str> = full.iter().map(|(_, s)| s.as_str()).collect();
    // Surnames read from full names start with a capital: other words need no lookup.
    word_indices(text)
        .filter(|(_, word)| word.starts_with(char::is_uppercase))
        .filter_map(|(i, word)| {
            let bare = strip_possessive(word);
            surnames.contains(bare).then(|| (i, bare.to_string()))
        })
        .collect()
}

/// Words as runs of letters, apostrophes and hyphens, with their byte offsets.
fn word_indices(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |c: char| c.is_alphabetic() || c == '\'' || c == '’' || c == '-';
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|&(_, c)| is_word(c))?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, &text[start..end]))
    })
}

/// The byte range of a mention, for tests and other extractors.
impl PersonMention {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// "Kurmasheva was sentenced … to", "He was serving".
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<subj>\p{Lu}[\p{L}’'-]+|(?-u:\b)[Hh]e|(?-u:\b)[Ss]he)(?:,[^,]{0,60},)?,?\s+(?:was\s+|is\s+|had\s+been\s+|has\s+been\s+|will\s+be\s+|who\s+was\s+|who\s+is\s+)(?:\p{Ll}+\s+){0,2}?(?:sentenced|received|serving|jailed|given|handed|got|gets)(?-u:\b)")
        .expect("valid regex")
});

/// "The judge sentenced Hall to 270 months".
static OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)sentenced\s+(?P<obj>\p{Lu}[\p{L}’'-]+)\s+(?:to|on|in|last|this)(?-u:\b)")
        .expect("valid regex")
});

/// The person a sentencing verb in `text` is about ("Chauvin was sentenced",
/// "sentenced Chauvin to", "He was sentenced" → the last person named), if stated.
pub fn sentenced_person(
    ctx: &SentenceContext,
    text: &str,
    people: &[(usize, String)],
) -> Option<String> {
    let object = OBJECT
        .captures_iter(text)
        .last()
        .and_then(|c| c.name("obj"));
    let subject = SUBJECT
        .captures_iter(text)
        .last()
        .and_then(|c| c.name("subj"));
    let named = match (object, subject) {
        (Some(o), Some(s)) => Some(if o.start() > s.start() { o } else { s }),
        (o, s) => o.or(s),
    }?;
    match named.as_str().trim_end_matches("’s").trim_end_matches("'s") {
        "He" | "he" | "She" | "she" => person_before(
            people,
            ctx.offset + super::offset_in(ctx.text, text) + named.start(),
        ),
        name if is_person_like(ctx, name) => Some(name.to_string()),
        _ => None,
    }
}

/// Who serves a term stated at the end of `before`: the object or subject of the
/// sentencing verb, a pronoun's last-named person, else the person named last.
pub fn who_serves(
    ctx: &SentenceContext,
    before: &str,
    people: &[(usize, String)],
) -> Option<String> {
    let offset = ctx.offset + super::offset_in(ctx.text, before) + before.len();
    sentenced_person(ctx, before, people)
        .or_else(|| person_in(before, people))
        .or_else(|| person_before(people, offset))
}

/// A capitalised word that can name a person: not a function word, weekday,
/// month or government.
fn is_person_like(ctx: &SentenceContext, name: &str) -> bool {
    const NOT_PEOPLE: &[&str] = &["The", "A", "An", "It", "They", "This", "In", "On"];
    !NOT_PEOPLE.contains(&name)
        && !super::is_calendar_word(name)
        && ctx.knowledge.government_by_alias(name).is_none()
}

/// The person named last in `text` (by surname), among the people the source has named.
fn person_in(text: &str, people: &[(usize, String)]) -> Option<String> {
    let surnames: std::collections::BTreeSet<&str> =
        people.iter().map(|(_, s)| s.as_str()).collect();
    surnames
        .into_iter()
        .filter_map(|s| text.rfind(s).map(|at| (at, s)))
        .max()
        .map(|(_, s)| s.to_string())
}

pub fn person_before(people: &[(usize, String)], offset: usize) -> Option<String> {
    people
        .iter()
        .rev()
        .find(|(at, _)| *at < offset)
        .map(|(_, s)| s.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn names(text: &str) -> Vec<(String, String, Option<String>)> {
        let knowledge = Knowledge::builtin();
        let ctx = SentenceContext::standalone(text, &knowledge);
        mentions(&ctx)
            .into_iter()
            .map(|m| (m.first, m.surname, m.title))
            .collect()
    }

    #[test]
    fn full_names_after_titles() {
        assert_eq!(
            names("U.S. special envoy Steve Witkoff said the talks were good."),
            vec![(
                "Steve".into(),
                "Witkoff".into(),
                Some("U.S. special envoy".into())
            )]
        );
        assert_eq!(
            names("Hennepin County District Judge Peter A. Cahill announced it."),
            vec![(
                "Peter".into(),
                "Cahill".into(),
                Some("Hennepin County District Judge".into())
            )]
        );
    }

    #[test]
    fn unknown_given_name_needs_a_title() {
        assert_eq!(
            names("Judge Zorblat Quux ruled."),
            vec![("Zorblat".into(), "Quux".into(), Some("Judge".into()))]
        );
        assert!(names("Zorblat Quux ruled.").is_empty());
    }

    #[test]
    fn places_named_after_people_are_not_people() {
        assert!(names("Crowds gathered at George Floyd Square on Friday.").is_empty());
    }

    #[test]
    fn quoted_nicknames_and_possessives() {
        let knowledge = Knowledge::builtin();
        let text = "Scott \"Kidd\" Poteet’s flight";
        let ctx = SentenceContext::standalone(text, &knowledge);
        let m = &mentions(&ctx)[0];
        assert_eq!(
            (m.first.as_str(), m.surname.as_str(), m.nickname.as_deref()),
            ("Scott", "Poteet", Some("Kidd"))
        );
        assert_eq!(&text[m.start..m.end], "Scott \"Kidd\" Poteet");
    }
}
