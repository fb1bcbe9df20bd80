//! People named in full: "Steve Witkoff", "U.S. special envoy Steve Witkoff",
//! "Judge Peter A. Cahill", "Scott \"Kidd\" Poteet".

use super::strip_possessive;
use super::twin::Twin;
use super::SentenceContext;
use crate::claim::{Claim, Qualifiers, Subject, Value};
use crate::knowledge::Knowledge;
use crate::span::Span;
use compact_str::format_compact;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

pub const FIRST_NAME: &str = "first_name";
pub const NAME_SPELLING: &str = "name_spelling";

/// Capitalised words that cannot be a surname (they start clauses or are months,
/// weekdays and the like).
const NOT_SURNAMES: &[&str] = &[
    "The", "A", "An", "And", "But", "Or", "In", "On", "At", "Of", "For", "To", "With", "By",
    "Says", "Said", "Is", "Was", "Has", "Had", "Will", "Would", "Jr.", "Sr.", "I", "II", "III",
    "IV", "He", "She", "They", "It", "This", "That", "These", "Those",
];

static NAME: LazyLock<Twin> = LazyLock::new(|| {
    let particles = PARTICLES.join("|");
    Twin::new(&format!(
        concat!(
            r#"^(?P<first>\p{{Lu}}[\p{{Ll}}\p{{Lu}}’'\-‐‑–]*\p{{Ll}}[\p{{Ll}}’'\-‐‑–]*)"#,
            r#"(?:\s+(?:"|“)(?P<nick>[^"”]{{1,30}})(?:"|”))?"#,
            r#"(?:\s+\p{{Lu}}\.)*"#,
            r#"\s+(?P<last>(?:(?:{particles})\s+)*\p{{Lu}}[\p{{Ll}}\p{{Lu}}’'\-‐‑–]*\p{{Ll}}[\p{{Ll}}’'\-‐‑–]*)"#,
        ),
        particles = particles
    ))
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
    /// Written family name first ("Xxx Yyy Zzz", called "Zzz"): `surname` is
    /// the first two parts and `first` the last.
    pub family_first: bool,
}

/// Possessives open a noun phrase, so the words after them up to a title are
/// the title's own ("its marine mammal coordinator", "the group's operations
/// manager"). An article does not: a verb may follow its noun ("the festival
/// thanked coordinator Xxx").
const POSSESSIVES: &[&str] = &["its", "his", "her", "their", "our", "your"];

/// Words that join phrases, never a title's qualifier ("an official from").
const JOINERS: &[&str] = &[
    "of", "from", "for", "with", "to", "by", "and", "or", "at", "in", "on", "as", "than",
];

/// The lower-case words (at most three, nearest first) that extend a title
/// backwards when a possessive closes them: a title's own qualifiers ("the
/// trust's marine mammal coordinator"). Without it the words may be a verb
/// or a clause ("thanked coordinator"), so nothing is taken.
fn noun_run_after_determiner<'t>(words: &[&'t str]) -> Vec<&'t str> {
    let plain = |w: &str| {
        w.chars().all(|c| c.is_lowercase() || c == '-')
            && !POSSESSIVES.contains(&w)
            && !JOINERS.contains(&w)
            && super::possessive_of(w).is_none()
    };
    let run = words.iter().take(3).take_while(|w| plain(w)).count();
    let closed = words.get(run).is_some_and(|w| {
        POSSESSIVES.contains(&w.to_lowercase().as_str()) || super::possessive_of(w).is_some()
    });
    if run > 0 && closed {
        words[..run].to_vec()
    } else {
        Vec::new()
    }
}

/// The title words directly before `start`: the nearest must be a title word
/// ("envoy", "Judge"); up to four words before it that extend it are kept
/// ("U.S. special envoy", "Interior Secretary", "Tampa Mayor").
fn title_before(knowledge: &Knowledge, text: &str, start: usize) -> Option<String> {
    let before = text[..start].trim_end();
    let words: Vec<&str> = before.split_whitespace().rev().take(8).collect();
    let nearest = *words.first()?;
    // A lower-case occupation is a title too ("engineer Xxx Yyy"), and so is a
    // capitalised one after a title word ("Chief Geologist Xxx Yyy").
    let role = knowledge.is_role(nearest)
        && (nearest.starts_with(char::is_lowercase) || role_continues_a_title(knowledge, &words));
    let (mut title, extended_from) = if knowledge.is_title(nearest) || role {
        (vec![nearest], 1)
    } else if let Some(of) = office_domain_end(knowledge, &words) {
        // "Secretary of State Xxx Yyy", "Minister of Health Xxx Yyy", and a
        // domain of several words: "Director of Public Prosecutions Xxx Yyy".
        (words[..=of + 1].to_vec(), of + 2)
    } else {
        return None;
    };
    for &word in words[extended_from..].iter().take(4) {
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
        let extends = knowledge.is_title(word)
            || knowledge.is_title_modifier(word)
            || capitalised
            || word == "and";
        if !extends {
            // Only a lower-case title takes lower-case qualifiers: before
            // "President" they are the sentence's ("an official from").
            if title
                .last()
                .is_some_and(|w| w.starts_with(char::is_lowercase))
            {
                title.extend(noun_run_after_determiner(&words[extended_from..]));
            }
            break;
        }
        title.push(word);
    }
    // "Interior and Local Government Secretary" keeps its "and"; in "Poteet and
    // mission pilot" the words before "and" are another person.
    if let Some(and) = title.iter().position(|w| *w == "and") {
        let joined = title
            .get(and + 1)
            .is_some_and(|w| knowledge.is_title_modifier(w));
        if !joined {
            title.truncate(and);
        }
    }
    title.reverse();
    Some(title.join(" "))
}

/// Whether `words` (nearest first) start with a capitalised occupation right
/// after a capitalised title word: "Chief Geologist", "Senior Pharmacist".
/// The occupation belongs to the title, never to the name after it.
fn role_continues_a_title(knowledge: &Knowledge, words: &[&str]) -> bool {
    let [role, before, ..] = words else {
        return false;
    };
    role.starts_with(char::is_uppercase)
        && knowledge.is_role(role)
        && before.starts_with(char::is_uppercase)
        && (knowledge.is_title(before) || knowledge.is_title_modifier(before))
}

/// Where "of" stands in `words` (the words before a name, nearest first) when
/// they end in "<title> of <Domain>", the domain being one to three capitalised
/// words: the office's full title runs to the title word after "of".
fn office_domain_end(knowledge: &Knowledge, words: &[&str]) -> Option<usize> {
    // "head of Xxx’s National …" is an office of an organisation named in
    // full, not a title before a name: a possessive ends the domain.
    let domain_word = |w: &&str| {
        w.starts_with(char::is_uppercase)
            && !w.ends_with([',', ';', ':', '.', '"', '”'])
            && !w.contains(['\'', '’'])
            && !knowledge.is_title(w)
    };
    (1..=3).find(|&of| {
        words.len() > of + 1
            && words[of] == "of"
            && words[..of].iter().all(domain_word)
            && knowledge.is_title(words[of + 1])
    })
}

/// What the whole source says about its capitalised words, read once before
/// its sentences: the words it uses on their own ("Yyy said", "Mr Yyy"),
/// as people are named once in full and then by surname.
#[derive(Debug)]
pub struct SourceNames<'a> {
    text: &'a str,
}

impl<'a> SourceNames<'a> {
    pub fn of(text: &'a str) -> Self {
        SourceNames { text }
    }

    /// How many times the source uses the capitalised `word` on its own: not
    /// beside another capitalised word, except an honorific or a particle
    /// ("Mr Yyy", "da Yyy"). Searched when a name in no list needs it, which
    /// is rare enough that no table of every word pays for itself.
    pub fn times_alone(&self, word: &str) -> u32 {
        let text = self.text;
        let is_word_char = |c: char| c.is_alphanumeric() || c == '-';
        let capitalised = |w: &str| w.starts_with(char::is_uppercase);
        let mut count = 0;
        for (at, _) in text.match_indices(word) {
            let end = at + word.len();
            if text[..at].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            let after = &text[end..];
            let after = after
                .strip_prefix("'s")
                .or_else(|| after.strip_prefix("’s"))
                .unwrap_or(after);
            if after.chars().next().is_some_and(is_word_char) {
                continue;
            }
            let prev = text[..at].split_whitespace().next_back().unwrap_or("");
            let joined_before = text[..at].ends_with(char::is_whitespace)
                && capitalised(prev)
                && !prev.ends_with([',', '.', ';', ':', '!', '?', '"', '”', ')'])
                && !matches!(prev, "Mr" | "Mrs" | "Ms" | "Dr" | "Prof")
                && !is_particle(&prev.to_lowercase());
            let joined_after =
                after.starts_with(' ') && after.split_whitespace().next().is_some_and(capitalised);
            if !joined_before && !joined_after {
                count += 1;
            }
        }
        count
    }
}

/// Whether `word` is a verb of speech ("said", "told") or the "according" of
/// "according to": beside a capitalised pair, it makes the pair a speaker.
fn is_speech_verb(word: &str) -> bool {
    word == "according"
        || super::quote::SPEECH_VERBS
            .split('|')
            .any(|verb| verb == word)
}

/// Words after "Xxx Yyy, " that describe a person ("Xxx Yyy, a nurse,").
const APPOSITIVE_STARTS: &[&str] = &[
    "a", "an", "the", "A", "An", "The", "who", "whose", "his", "her", "their", "its", "our", "one",
    "himself", "herself", "now", "then", "also", "both", "another", "aged",
];

/// Lower-case words that, written directly before a capitalised pair, say nothing
/// about it being a person (prepositions, articles, conjunctions).
const FUNCTION_WORDS: &[&str] = &[
    "in", "at", "on", "from", "to", "of", "near", "into", "onto", "across", "for", "with", "by",
    "via", "toward", "towards", "outside", "inside", "through", "around", "between", "the", "a",
    "an", "and", "or", "but", "than", "as", "over", "under", "off", "about", "within", "beyond",
    "along", "past", "like", "where", "while", "when", "if", "that", "this", "these", "those",
    "both", "each", "every", "all", "new", "old", "its", "their",
];

/// How strongly the sentence says that the capitalised pair at `start..end` is a
/// person whose given name is in no list: a description or age after it, a
/// description before it, a speech verb beside it, its last word used alone
/// elsewhere in the source, a role noun before it. Two pieces of evidence make a
/// name; none of them alone does (a place can have a description, an
/// organisation can speak).
///
/// Also says whether any piece is one only a person has: a bare description
/// ("Xxx Yyy, a private museum,") fits a place or an organisation as well.
/// Whether `rest` opens with a listed office followed by "of"/"for" within its
/// first three words ("deputy head of …", "Dean of …").
fn office_of_a_domain(knowledge: &Knowledge, rest: &str) -> bool {
    let words: Vec<&str> = rest.split_whitespace().take(4).collect();
    words.windows(2).take(3).any(|pair| {
        matches!(pair[1], "of" | "for") && knowledge.is_unique_office(&pair[0].to_lowercase())
    })
}

/// Whether `rest` (the words after "Xxx Yyy, ") opens with a position
/// written without an article: up to four words before "of"/"at"/"for"/a
/// comma, opening with a title modifier, a role or a title ("chief operating
/// officer of …", "senior engineer at …", "deputy director,"), and headed by a
/// role, an office or a title that is not only a modifier. "Xxx Yyy, chief
/// port of …" (a modifier before a place noun) is not one.
fn bare_office_after(knowledge: &Knowledge, rest: &str) -> bool {
    let phrase: Vec<&str> = rest
        .split([',', ';', ')', '.'])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .take_while(|w| !matches!(*w, "of" | "at" | "for" | "in" | "with" | "and"))
        .take(5)
        .collect();
    let Some((&first, _)) = phrase.split_first() else {
        return false;
    };
    if phrase.len() > 4 {
        return false;
    }
    let opens =
        knowledge.is_title_modifier(first) || knowledge.is_role(first) || knowledge.is_title(first);
    let head = phrase[phrase.len() - 1];
    let headed = knowledge.is_role(head)
        || knowledge.is_unique_office(head)
        || (knowledge.is_title(head) && !knowledge.is_title_modifier(head));
    opens && headed
}

fn evidence(ctx: &SentenceContext, start: usize, end: usize, surname: &str) -> (u32, bool) {
    let text = ctx.text;
    let before = text[..start].trim_end();
    let after = &text[end..];
    let mut score = 0;
    let mut bare_description = 0;
    if let Some(rest) = after
        .strip_prefix(", ")
        .or_else(|| after.strip_prefix(" ("))
        .or_else(|| after.strip_prefix(": "))
    {
        let word = rest
            .split(|c: char| c.is_whitespace() || c == ',' || c == ')')
            .next()
            .unwrap_or("");
        let capitalised_title = word.starts_with(char::is_uppercase)
            && (ctx.knowledge.is_title(word) || ctx.knowledge.is_title_modifier(word));
        if !word.is_empty() && word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit()) {
            // "Xxx Yyy, 45," — an age is said of people only.
            score += 2;
        } else if capitalised_title {
            // "Xxx Yyy, Deputy Director of Research at …,": an office written
            // in capitals after the name, as house styles do.
            score += 2;
        } else if office_of_a_domain(ctx.knowledge, rest) {
            // "Xxx Yyy, head of neurology at …,": an office of a domain, in any
            // case, is said of people only.
            score += 2;
        } else if word.starts_with(char::is_lowercase) && bare_office_after(ctx.knowledge, rest) {
            // "Xxx Yyy, chief operating officer of the port,": a role with no
            // article, as house styles write a position after the name.
            score += 2;
        } else if APPOSITIVE_STARTS.contains(&word) {
            // "Xxx Yyy, the port's chief operating officer,": a description that
            // names an office says more than one that may describe a place.
            let description = rest.split([',', ';', ')', '.']).next().unwrap_or("");
            let names_an_office = description.split_whitespace().take(8).any(|w| {
                let w = strip_possessive(w);
                ctx.knowledge.is_title(w)
                    || ctx.knowledge.is_title(&crate::knowledge::capitalise(w))
                    || ctx.knowledge.is_unique_office(w)
                    || ctx.knowledge.is_role(w)
            });
            if names_an_office {
                score += 2;
            } else {
                score += 1;
                // "who"/"whose" and a possessive pronoun describe people only.
                if !matches!(
                    word,
                    "who" | "whose" | "his" | "her" | "himself" | "herself"
                ) {
                    bare_description = 1;
                }
            }
        }
    }
    let next = after
        .trim_start_matches([',', ' '])
        .split_whitespace()
        .next()
        .unwrap_or("");
    let prev = before.rsplit(char::is_whitespace).next().unwrap_or("");
    if is_speech_verb(next) || is_speech_verb(prev.trim_end_matches(',')) {
        score += 1;
    }
    if kin_before(ctx.knowledge, before) {
        // "her brother Xxx Yyy", "whose eldest daughter, Xxx Yyy": a relative
        // of someone is a person, whatever the given name.
        score += 2;
    } else if before.ends_with(',')
        && (describes_a_person_before(before) || names_a_role_before(ctx.knowledge, before))
    {
        score += 2;
    } else if prev.chars().all(|c| c.is_lowercase() || c == '-')
        && prev.len() > 2
        && !FUNCTION_WORDS.contains(&prev)
        && !prev.ends_with("ed")
        && !prev.ends_with("ing")
    {
        // "nurse Xxx Yyy", "engineer Xxx Yyy": a role noun.
        score += 1;
    }
    // A surname used again on its own is the strongest sign: twice is enough.
    let last_word = surname.rsplit(' ').next().unwrap_or(surname);
    score += ctx
        .names
        .map_or(0, |names| names.times_alone(last_word).min(2));
    (score, score > bare_description)
}

/// Whether `before` (the text before a capitalised pair) ends in a kinship
/// word that someone owns: "her brother", "his daughter,", "whose 28-year-old
/// son", "the couple's eldest son". Up to two describing words may stand
/// between the owner and the relation; an organisation's "its" owns no
/// relative ("its parent").
fn kin_before(knowledge: &Knowledge, before: &str) -> bool {
    let mut words = before.trim_end_matches(',').split_whitespace().rev();
    let Some(relation) = words.next() else {
        return false;
    };
    if !relation.starts_with(char::is_lowercase) || !knowledge.is_kinship(relation) {
        return false;
    }
    for word in words.take(3) {
        let lower = word.to_lowercase();
        if matches!(
            lower.as_str(),
            "his" | "her" | "their" | "whose" | "our" | "my"
        ) || ((word.ends_with("'s") || word.ends_with("’s"))
            && !matches!(lower.as_str(), "it's" | "it’s"))
        {
            return true;
        }
        let describes = word
            .chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-')
            && !FUNCTION_WORDS.contains(&word)
            && !JOINERS.contains(&word);
        if !describes {
            return false;
        }
    }
    false
}

/// Whether `before` ends in a determiner and a role or title at a comma, inside a
/// longer clause: "… when the auctioneer, Xxx Yyy, …", "… praised its head
/// coach, Xxx Yyy". The head noun must be a person's role: "… reached the
/// town, Xxx Yyy" describes a place.
fn names_a_role_before(knowledge: &Knowledge, before: &str) -> bool {
    let words: Vec<&str> = before[..before.len() - 1]
        .split_whitespace()
        .rev()
        .take(4)
        .collect();
    let Some((head, rest)) = words.split_first() else {
        return false;
    };
    let is_role = knowledge.is_role(head)
        || (head.starts_with(char::is_lowercase) && knowledge.is_title(head));
    if !is_role {
        return false;
    }
    for word in rest {
        let lower = word.to_lowercase();
        if matches!(
            lower.as_str(),
            "the" | "its" | "his" | "her" | "their" | "our"
        ) || word.ends_with("'s")
            || word.ends_with("’s")
        {
            return true;
        }
        if !word.chars().all(|c| c.is_lowercase() || c == '-') {
            return false;
        }
    }
    false
}

/// Whether the clause ending at the comma of `before` is a description that an
/// appositive name follows: "The envoy, Xxx Yyy", "The crew's pilot, Xxx Yyy".
fn describes_a_person_before(before: &str) -> bool {
    let clause_start = before[..before.len() - 1]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '(' | '—' | '–' | '.'))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let words: Vec<&str> = before[clause_start..before.len() - 1]
        .split_whitespace()
        .collect();
    let Some((first, rest)) = words.split_first() else {
        return false;
    };
    let opens = matches!(
        first.to_lowercase().as_str(),
        "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our"
    ) || first.ends_with("'s")
        || first.ends_with("’s");
    opens
        && !rest.is_empty()
        && rest.len() <= 5
        && rest.iter().all(|w| {
            w.chars().all(|c| c.is_lowercase() || c == '-')
                || w.ends_with("'s")
                || w.ends_with("’s")
        })
}

#[cfg(test)]
pub fn mentions(ctx: &SentenceContext) -> Vec<PersonMention> {
    mentions_and_candidates(ctx).0
}

/// The sentence's names, and beside them its candidates: pairs in no list that
/// pass every test of shape but have only one piece of evidence in their own
/// source. A candidate is a name only if another source of the story names a
/// person of that surname (decided when the story's claims are normalised), so
/// it never speaks, ages or holds an office here.
pub fn mentions_and_candidates(ctx: &SentenceContext) -> (Vec<PersonMention>, Vec<PersonMention>) {
    let text = ctx.text;
    let knowledge = ctx.knowledge;
    let mut out: Vec<PersonMention> = Vec::new();
    let mut candidates: Vec<PersonMention> = Vec::new();
    let mut search_from = 0;
    // Every suffix of an ASCII sentence is ASCII: checked once.
    let name = NAME.with_ascii(text.is_ascii());
    for (i, c) in text.char_indices() {
        if i < search_from || !c.is_uppercase() {
            continue;
        }
        if i > 0
            && text[..i]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_alphanumeric() || is_hyphen(p))
        {
            continue;
        }
        // Most capitalised words start a sentence or name a place; only a word
        // followed (after initials, a quoted nickname or a particle) by another
        // capitalised word can start a full name. Checked cheaply before the regex.
        if !next_word_can_continue_a_name(&text[i..]) {
            continue;
        }
        let Some(caps) = name.captures(&text[i..]) else {
            continue;
        };
        let first = caps.name("first").map_or("", |m| m.as_str());
        let last_match = caps.name("last").expect("last is required");
        let surname = strip_possessive(last_match.as_str());
        if NOT_SURNAMES.contains(&surname)
            || NOT_SURNAMES.contains(&first)
            || super::is_calendar_word(surname)
            // "Minister Xxx Yyy": a title is never a given name; the name after it
            // is tried next.
            || knowledge.is_title(first)
            || (!knowledge.is_given_name(first) && starts_inside_a_title(knowledge, text, i, first))
        {
            continue;
        }
        let known_given = knowledge.is_given_name(first);
        // "Chief Technology Officer Xxx": a title word ends no name of an unknown
        // given name.
        if !known_given && knowledge.is_title(surname) {
            continue;
        }
        let title = title_before(knowledge, text, i);
        let end = i + last_match.end();
        // "Director of National Intelligence Xxx Yyy": a pair that runs on into
        // a third capitalised word right after "<title> of <Domain>" starts
        // inside the domain; the name is tried from the next word.
        if !known_given
            && title.as_deref().is_some_and(|t| t.contains(" of "))
            && continues_capitalised(&text[end..])
        {
            continue;
        }
        let name_end = i + last_match.start() + surname.len();
        let nickname = caps.name("nick").map(|m| m.as_str().to_string());
        let evidence = if ctx.is_heading {
            if known_given {
                2
            } else {
                0
            }
        } else if known_given || title.is_some() || nickname.is_some() {
            2
        } else if !knowledge.starts_a_non_person_name(first)
            && !knowledge.ends_a_non_person_name(surname)
            && !knowledge.is_never_a_name(first)
            && !is_particle(&first.to_lowercase())
            && !knowledge.is_never_a_name(surname)
            && ctx.knowledge.government_by_alias(first).is_none()
            && !continues_capitalised(&text[end..])
        {
            // A given name in no list: a person only when the text says so, and
            // never a pair that starts or ends like a place or organisation or
            // runs on into a longer capitalised name.
            // Written family name first ("Xxx Yyy-zzz", then "Xxx said"): the
            // family name is the part used alone.
            let called_by = if written_family_first(ctx, first, surname) {
                first
            } else {
                surname
            };
            match evidence(ctx, i, name_end, called_by) {
                (score, _) if score >= 2 => score,
                // One piece: a candidate only when it is a person's kind of piece.
                (score, true) => score,
                _ => 0,
            }
        } else {
            0
        };
        if evidence == 0 {
            continue;
        }
        if followed_by_place_word(knowledge, &text[end..]) {
            search_from = end;
            continue;
        }
        let mut mention = PersonMention {
            start: i,
            end: name_end,
            first: first.to_string(),
            nickname,
            surname: surname.to_string(),
            title,
            family_first: false,
        };
        let mut end = end;
        if name_end == end && !surname.contains(' ') && mention.nickname.is_none() {
            if let Some(third) = third_part(ctx, &text[end..]) {
                if read_three_parts(ctx, &mut mention, third) {
                    end += third.len() + 1;
                    mention.end = end;
                }
            }
        }
        if end == name_end
            && mention.nickname.is_none()
            && written_family_first(ctx, &mention.first, &mention.surname)
        {
            std::mem::swap(&mut mention.first, &mut mention.surname);
            mention.family_first = true;
        }
        if evidence >= 2 {
            out.push(mention);
        } else {
            candidates.push(mention);
        }
        search_from = end;
    }
    (out, candidates)
}

/// Whether a two-part name ("Xxx Yyy") is written family name first, read
/// from its shape and from how the source uses its parts, never from a list
/// of family names:
/// - the second part is a given name of two syllables joined by a hyphen with
///   the second in lower case ("Yyy-zzz"), as Korean and Taiwanese given
///   names are romanised, and the first is a single word; or
/// - the source calls the person by the first part alone and never by the
///   second, and the first is no known given name.
fn written_family_first(ctx: &SentenceContext, first: &str, second: &str) -> bool {
    if first.contains(['-', ' ']) || second.contains(' ') || ctx.knowledge.is_given_name(first) {
        return false;
    }
    let syllables = second.split_once('-').is_some_and(|(head, tail)| {
        head.chars().count() >= 2
            && head.chars().skip(1).all(char::is_lowercase)
            && tail.chars().count() >= 2
            && tail.chars().all(char::is_lowercase)
    });
    syllables
        || ctx
            .names
            .is_some_and(|names| names.times_alone(first) > 0 && names.times_alone(second) == 0)
}

/// Whether the capitalised `first` at `at` is an occupation continuing the
/// title before it ("Chief Geologist Xxx Yyy"): the pair starts inside the
/// title, and the name is tried from the next word.
fn starts_inside_a_title(knowledge: &Knowledge, text: &str, at: usize, first: &str) -> bool {
    let Some(before) = text[..at].split_whitespace().next_back() else {
        return false;
    };
    text[..at].ends_with(' ') && role_continues_a_title(knowledge, &[first, before])
}

/// The third word of a three-part name ("Xxx Yyy Zzz"), if `rest` (the text
/// after a two-part name) starts with one: a capitalised word shaped like a
/// name that is no title, calendar word or place or organisation word, and
/// after which the capitalised run stops.
fn third_part<'t>(ctx: &SentenceContext, rest: &'t str) -> Option<&'t str> {
    let after_space = rest.strip_prefix(' ')?;
    let word_end = after_space
        .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\'' || c == '’'))
        .unwrap_or(after_space.len());
    let word = &after_space[..word_end];
    let shaped = word.starts_with(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase)
        && !word.contains(['\'', '’']);
    let knowledge = ctx.knowledge;
    if !shaped
        || NOT_SURNAMES.contains(&word)
        || super::is_calendar_word(word)
        || knowledge.is_title(word)
        || knowledge.ends_a_non_person_name(word)
        || knowledge.is_never_a_name(word)
        || continues_capitalised(&after_space[word_end..])
    {
        return None;
    }
    Some(word)
}

/// Which of three parts ("Xxx Yyy Zzz") is the family name, as the source
/// says by the part it calls the person by alone; true when it is not the
/// second part (the reading of a name followed by another word so far, and of
/// names with two surnames, "Xxx Yyy Zzz" called "Yyy").
///
/// - Called by the last part ("Zzz said"), never by the first, and the first
///   is no known given name: written family name first. The first two parts
///   are the key across sources and the last is the given name.
/// - Called by the last part and never by the middle one: given name first
///   with a middle name; the last part is the surname.
fn read_three_parts(ctx: &SentenceContext, m: &mut PersonMention, third: &str) -> bool {
    let Some(names) = ctx.names else {
        return false;
    };
    if names.times_alone(third) == 0 {
        return false;
    }
    let first = m.first.clone();
    if !ctx.knowledge.is_given_name(&first) && names.times_alone(&first) == 0 {
        // The family name with the middle part: a few family names are shared
        // by a large part of a country, and the middle part (often a
        // generation or gender name) keeps two namesakes apart.
        m.surname = format!("{first} {}", m.surname);
        m.first = third.to_string();
        m.family_first = true;
        true
    } else if names.times_alone(&m.surname) == 0 {
        m.surname = third.to_string();
        true
    } else {
        false
    }
}

/// Whether the next word continues a capitalised run ("Xxx Yyy Zzz"), which for
/// a given name in no list is more often an organisation or place.
fn continues_capitalised(rest: &str) -> bool {
    rest.starts_with(' ')
        && rest
            .split_whitespace()
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
}

/// The lower-case particles of names ("da", "van", "ter"): part of the surname
/// they stand before.
pub(super) const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "das", "di", "del", "della", "do", "dos", "du", "des",
    "bin", "bint", "ibn", "abu", "al", "el", "le", "la", "ter", "ten", "zu",
];

/// Whether `word` is one of the lower-case particles of names.
fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

fn next_word_can_continue_a_name(from: &str) -> bool {
    let mut words = from.split_whitespace();
    let _first = words.next();
    words.next().is_some_and(|w| {
        w.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“') || is_particle(w)
    })
}

fn followed_by_place_word(knowledge: &Knowledge, rest: &str) -> bool {
    let next = rest.split_whitespace().next().unwrap_or("");
    if !rest.starts_with(' ') {
        return false;
    }
    let bare = next.trim_end_matches([',', '.', ';', ':']);
    knowledge.ends_a_non_person_name(bare)
        || knowledge.ends_a_non_person_name(strip_possessive(bare))
}

/// Whether the full name at `m` is introduced as a relative of someone of the
/// same surname already named ("Yyy, whose wife, Xxx Yyy,", "his mother, Xxx
/// Yyy"): then the surname is shared by several people.
fn introduced_as_relative(
    ctx: &SentenceContext,
    m: &PersonMention,
    before: &[(usize, String)],
) -> bool {
    let lead = ctx.text[..m.start].trim_end().trim_end_matches(',');
    let mut words = lead.rsplit(char::is_whitespace);
    let relation = words.next().unwrap_or("");
    let owner = words.next().unwrap_or("");
    // "his mother, Xxx Yyy": the relative of someone the source is about.
    let possessed = matches!(
        owner.to_lowercase().as_str(),
        "his" | "her" | "their" | "whose"
    ) || owner.ends_with("'s")
        || owner.ends_with("’s");
    let kin_before = ctx.knowledge.is_kinship(relation)
        && (possessed
            || ctx.text[..m.start].contains(m.surname.as_str())
            || before
                .iter()
                .any(|(at, s)| *at < ctx.offset + m.start && *s == m.surname));
    // "Xxx Yyy, who married Yyy in 2019,", "Xxx Yyy, Zzz's widow,": the
    // description after the name makes them family of another Yyy.
    let description = ctx.text[m.end..]
        .strip_prefix(", ")
        .map_or("", |rest| rest.split([',', ';', '.']).next().unwrap_or(""));
    let kin_after = description.split_whitespace().any(|w| {
        let w = strip_possessive(w);
        w == "married" || ctx.knowledge.is_kinship(w)
    }) && description.contains(m.surname.rsplit(' ').next().unwrap_or(&m.surname));
    // "Xxx Yyy, the painter's son,", "Xxx Yyy, her husband,": named as someone's
    // relative, so the story's person of that surname is another one.
    let words: Vec<&str> = description.split_whitespace().take(5).collect();
    // "Xxx Yyy, whose sister runs the pharmacy,": the relative is someone
    // else, and the family shares the surname all the same.
    let someones_kin = words.windows(2).any(|pair| {
        let owner = pair[0];
        let possessed = matches!(
            owner.to_lowercase().as_str(),
            "his" | "her" | "their" | "whose"
        ) || owner.ends_with("'s")
            || owner.ends_with("’s");
        possessed && ctx.knowledge.is_kinship(pair[1])
    });
    kin_before || kin_after || someones_kin
}

pub fn first_names(
    ctx: &SentenceContext,
    mentions: &[PersonMention],
    before: &[(usize, String)],
    claims: &mut Vec<Claim>,
) {
    name_claims(ctx, mentions, before, false, claims);
}

/// The claims of candidates (see [`mentions_and_candidates`]): marked as such,
/// so the story decides whether they are names.
pub fn candidate_names(
    ctx: &SentenceContext,
    candidates: &[PersonMention],
    before: &[(usize, String)],
    claims: &mut Vec<Claim>,
) {
    name_claims(ctx, candidates, before, true, claims);
}

fn name_claims(
    ctx: &SentenceContext,
    mentions: &[PersonMention],
    before: &[(usize, String)],
    candidate: bool,
    claims: &mut Vec<Claim>,
) {
    for m in mentions {
        let relative = introduced_as_relative(ctx, m, before);
        // A relative is another person of a surname: never a candidate, as the
        // story's other people of that surname say nothing about it.
        if candidate && (relative || names_kin(ctx)) {
            continue;
        }
        let (canonical, key) = ctx.knowledge.given_name_value(&m.first);
        // The full name as written: one person spelled two ways is a style note.
        let written = if m.family_first {
            ctx.text[m.start..m.end].to_string()
        } else {
            format!("{} {}", m.first, m.surname)
        };
        claims.push(Claim {
            source: ctx.source,
            subject: Subject::person(&m.surname),
            predicate: NAME_SPELLING,
            value: Value {
                canonical: written.as_str().into(),
                key: plain_typography(&written).into(),
                interval: None,
                aliases: Box::new([key.as_str().into()]),
            },
            span: ctx.span(m.start, m.end),
            sentence: ctx.sentence_span(),
            qualifiers: Qualifiers {
                candidate,
                ..Qualifiers::default()
            }
            .into(),
        });
        let qualifiers = Qualifiers {
            attribution: m
                .nickname
                .as_deref()
                .map(|n| format_compact!("nickname:{n}")),
            relative,
            candidate,
            role: super::lead::lead_of(ctx.knowledge, ctx.text, m.start, m.end).map(Into::into),
            ..Qualifiers::default()
        };
        claims.push(first_name_claim(
            ctx,
            &m.surname,
            (canonical, key),
            (m.start, m.end),
            qualifiers,
        ));
    }
}

/// A hyphen as typesetters write it: the hyphen-minus, the Unicode hyphens
/// and the en dash a name may be set with ("Mary–Kate" for "Mary-Kate").
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// A written name with its typographic variants made one: a curly and a
/// straight apostrophe, the hyphens and the en dash, and the spaces a name
/// may be set with are one character to a reader, not two spellings.
fn plain_typography(written: &str) -> String {
    written
        .chars()
        .map(|c| match c {
            '’' | '‘' | 'ʼ' => '\'',
            c if is_hyphen(c) => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect()
}

/// Whether the sentence names a family tie ("whose son", "her brother"): a
/// surname there may be shared by several people, so a pair with little
/// evidence is left alone rather than tied to a namesake of another source.
fn names_kin(ctx: &SentenceContext) -> bool {
    ctx.knowledge.may_name_a_relative(ctx.text)
        && word_indices(ctx.text).any(|(_, w)| ctx.knowledge.is_kinship(strip_possessive(w)))
}

/// The claim that the person of `surname` has the given name `(canonical, key)`.
fn first_name_claim(
    ctx: &SentenceContext,
    surname: &str,
    (canonical, key): (String, String),
    (start, end): (usize, usize),
    qualifiers: Qualifiers,
) -> Claim {
    Claim {
        source: ctx.source,
        subject: Subject::person(surname),
        predicate: FIRST_NAME,
        value: Value {
            canonical: canonical.into(),
            key: key.into(),
            interval: None,
            aliases: Box::default(),
        },
        span: ctx.span(start, end),
        sentence: ctx.sentence_span(),
        qualifiers: qualifiers.into(),
    }
}

/// Relatives named by a given name alone: "whose father Xxx", "his daughter
/// Xxx", "Yyy's son Xxx". Each is a first-name claim about the surname of the
/// person they are a relative of, so the source names two people of that
/// surname and their facts are kept apart (a family is never one person).
pub fn relatives(ctx: &SentenceContext, named: &super::Named, claims: &mut Vec<Claim>) {
    let text = ctx.text;
    if !ctx.knowledge.may_name_a_relative(text) {
        return;
    }
    let words: Vec<(usize, &str)> = word_indices(text).collect();
    for (index, window) in words.windows(2).enumerate().skip(1) {
        let [(_, relation), (at, given)] = window else {
            continue;
        };
        // "whose son Xxx", and with a describing word or two between the owner
        // and the relation: "whose 28-year-old son Xxx", "her eldest daughter Xxx".
        let mut owner = "";
        for (_, word) in words[index.saturating_sub(3)..index].iter().rev() {
            owner = word;
            let describes = !is_owner(word)
                && !matches!(*word, "the" | "a" | "an" | "and" | "or" | "of")
                && word.chars().next().is_some_and(|c| !c.is_uppercase());
            if !describes {
                break;
            }
        }
        if !ctx.knowledge.is_kinship(relation)
            || !given.starts_with(char::is_uppercase)
            || ctx.knowledge.is_title(given)
            || super::is_calendar_word(given)
            || NOT_SURNAMES.contains(given)
        {
            continue;
        }
        let given_end = at + given.len();
        // "his son Xxx Yyy" names the relative in full: a mention of its own.
        if continues_capitalised(&text[given_end..]) {
            continue;
        }
        let owner_name = strip_possessive(owner);
        let surname =
            if owner_name.len() < owner.len() && owner_name.starts_with(char::is_uppercase) {
                // "Yyy's son Xxx": the relative of the person named Yyy.
                named
                    .before
                    .iter()
                    .rev()
                    .find(|(_, s)| s == owner_name)
                    .map(|(_, s)| s.clone())
            } else if is_owner(owner) {
                person_before(named.before, ctx.offset + at)
            } else {
                None
            };
        let Some(surname) = surname else {
            continue;
        };
        claims.push(first_name_claim(
            ctx,
            &surname,
            ctx.knowledge.given_name_value(given),
            (*at, given_end),
            Qualifiers {
                relative: true,
                ..Qualifiers::default()
            },
        ));
    }
}

/// A possessive word that makes the next kinship word someone's relative.
fn is_owner(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "his" | "her" | "whose" | "their"
    )
}

/// Every use of a surname already named in full ("Castor said"), by offset.
pub fn surname_mentions(text: &str, full: &[(usize, String)]) -> Vec<(usize, String)> {
    if full.is_empty() {
        return Vec::new();
    }
    // A surname with particles ("da Yyy") is found by its last word, which
    // starts with a capital like every other surname: other words need no lookup.
    let mut by_last_word: HashMap<&str, &str> = HashMap::new();
    for (_, surname) in full {
        let last = surname.rsplit(' ').next().unwrap_or(surname);
        by_last_word.entry(last).or_insert(surname.as_str());
    }
    capitalised_words(text)
        .filter_map(|(i, word)| {
            let surname = by_last_word.get(strip_possessive(word))?;
            Some((i, (*surname).to_string()))
        })
        .collect()
}

/// Words before a place's name: what follows them is not a person's.
const PLACE_PREPOSITIONS: &[&str] = &["in", "from", "at", "near", "to", "of", "outside"];

/// The capitalised words a source uses on their own ("between Xxx and Zzz"),
/// which may be the given names of people it never names in full: the first
/// names of its full names, its people's surnames, titles, weekdays, months
/// and words never a name are left out. No list decides which word is a
/// given name: normalize reads a word only where another source of the story
/// gives it as the first name of a surname this source names. Keys as
/// first-name claims hold them, sorted and once each. A source that calls
/// someone Xxx on their own is not saying that Xxx Yyy of another source has
/// another first name when it names a Zzz Yyy: it names two people (see
/// normalize, shared surnames).
pub fn given_names_alone(
    knowledge: &Knowledge,
    text: &str,
    firsts: &[String],
    people: &[(usize, String)],
) -> Vec<String> {
    // A particle joins the words around it into one name ("Xxx bin Yyy").
    let joined = |word: &str| word.starts_with(char::is_uppercase) || is_particle(word);
    let words: Vec<(usize, &str)> = word_indices(text).collect();
    let mut alone: Vec<&str> = Vec::new();
    for (i, &(at, raw)) in words.iter().enumerate() {
        let word = strip_possessive(raw);
        if !word.starts_with(char::is_uppercase) || word.len() < 2 {
            continue;
        }
        // Beside another capitalised word or a particle, separated by one
        // space only, the word is part of a name ("Xxx Yyy"), not one alone.
        // So is a word after an abbreviation ("St. Xxx", "Mt. Xxx"), and a
        // word after a preposition of place names a place ("from Xxx").
        let before = i.checked_sub(1).map(|j| words[j]).filter(|(b, w)| {
            let gap = &text[b + w.len()..at];
            (gap == " " && joined(w))
                || (gap == ". " && joined(w) && w.chars().count() <= 3)
                || (gap == " " && PLACE_PREPOSITIONS.contains(w))
        });
        let after = words
            .get(i + 1)
            .filter(|(b, _)| text[at + raw.len()..*b] == *" ")
            .filter(|(_, w)| joined(w));
        if before.is_some() || after.is_some() {
            continue;
        }
        if knowledge.is_never_a_name(word)
            || knowledge.is_title(word)
            || super::is_calendar_word(word)
            || word.chars().all(|c| !c.is_lowercase())
        {
            continue;
        }
        alone.push(word);
    }
    alone.sort_unstable();
    alone.dedup();
    let mut keys: Vec<String> = alone
        .into_iter()
        .filter(|word| {
            !firsts.iter().any(|f| f == word)
                && !people
                    .iter()
                    .any(|(_, s)| s.rsplit(' ').next().is_some_and(|last| last == *word))
        })
        .map(|word| knowledge.given_name_value(word).1)
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Words as runs of letters, apostrophes and hyphens, with their byte offsets.
///
/// Every source is read this way once (its surnames), so ASCII bytes are
/// classified as bytes and only other characters decoded: a peekable iterator
/// of decoded characters cost 4 % of a run on generated stories.
fn word_indices(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |c: char| c.is_alphabetic() || c == '\'' || c == '’' || c == '-';
    let bytes = text.as_bytes();
    // Whether the character at `at` is part of a word, and its length.
    let word_char_at = move |at: usize| match bytes[at] {
        b if b.is_ascii() => (b.is_ascii_alphabetic() || b == b'\'' || b == b'-', 1),
        _ => text[at..]
            .chars()
            .next()
            .map_or((false, 1), |c| (is_word(c), c.len_utf8())),
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            if at >= bytes.len() {
                return None;
            }
            let (word, len) = word_char_at(at);
            if word {
                break;
            }
            at += len;
        }
        let start = at;
        while at < bytes.len() {
            let (word, len) = word_char_at(at);
            if !word {
                break;
            }
            at += len;
        }
        Some((start, &text[start..at]))
    })
}

/// The words of [`word_indices`] that start with a capital letter. A source's
/// other words are never split out: the scan stops only at a capital (or a
/// character beyond ASCII) and reads a word from there if it starts one.
/// Splitting every word of every source to keep one in ten cost more than
/// any extractor but three.
fn capitalised_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |c: char| c.is_alphabetic() || c == '\'' || c == '’' || c == '-';
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            // `at` stays on a char boundary: it moves past an ASCII byte or a
            // whole decoded character.
            let c = match bytes[at] {
                b if b.is_ascii_uppercase() => char::from(b),
                b if b.is_ascii() => {
                    at += 1;
                    continue;
                }
                _ => text[at..].chars().next()?,
            };
            let start = at;
            at += c.len_utf8();
            let starts_word = !text[..start].chars().next_back().is_some_and(is_word);
            if !(c.is_uppercase() && is_word(c) && starts_word) {
                continue;
            }
            while let Some(c) = text[at..].chars().next().filter(|&c| is_word(c)) {
                at += c.len_utf8();
            }
            return Some((start, &text[start..at]));
        }
        None
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

/// The person named last in `text` (by surname), among the people the source
/// has named. A surname opening with a particle ("da Yyy") is capitalised
/// where it opens a sentence ("Da Yyy, in contrast, …"): found either way.
fn person_in(text: &str, people: &[(usize, String)]) -> Option<String> {
    let surnames: std::collections::BTreeSet<&str> =
        people.iter().map(|(_, s)| s.as_str()).collect();
    surnames
        .into_iter()
        .filter_map(|s| {
            let opening = s
                .starts_with(char::is_lowercase)
                .then(|| crate::knowledge::capitalise(s))
                .and_then(|capital| text.rfind(&capital));
            text.rfind(s).max(opening).map(|at| (at, s))
        })
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

    #[test]
    fn a_kinship_word_someone_owns_is_evidence_of_a_person() {
        let knowledge = Knowledge::builtin();
        for before in [
            "She came with her brother",
            "He stood beside his daughter,",
            "the farmer, whose 28-year-old son",
            "the couple's eldest son",
        ] {
            assert!(kin_before(&knowledge, before), "{before}");
        }
        for before in ["the bank and its parent", "the brother", "brother", "her"] {
            assert!(!kin_before(&knowledge, before), "{before}");
        }
        // A given name in no list, after a relation: a name, not a candidate.
        let text = "Wairimu Kamau and her brother Njoroge Kamau opened the auction.";
        let ctx = SentenceContext::standalone(text, &knowledge);
        let (names, candidates) = mentions_and_candidates(&ctx);
        assert!(names.iter().any(|m| m.first == "Njoroge"), "{names:?}");
        assert!(candidates.is_empty(), "{candidates:?}");
    }

    #[test]
    fn two_part_names_written_family_name_first() {
        let knowledge = Knowledge::builtin();
        let read = |text: &str| {
            let ctx = SentenceContext::standalone(text, &knowledge);
            mentions(&ctx)
                .into_iter()
                .map(|m| (m.first, m.surname, m.family_first))
                .collect::<Vec<_>>()
        };
        // A given name romanised as two syllables: the family name comes first.
        assert_eq!(
            read("Yoon Da-hye, the ferry operator's safety manager, said so."),
            [("Da-hye".to_string(), "Yoon".to_string(), true)]
        );
        // Capitalised syllables after the hyphen are a Western double name.
        assert_eq!(
            read("Marie-Claire Dubois, the ferry operator's safety manager, said so."),
            [("Marie-Claire".to_string(), "Dubois".to_string(), false)]
        );
        // An occupation after a title word is the title's, not a given name.
        let got = read("Senior Pharmacist Yoon Da-hye checked the batch.");
        assert_eq!(got, [("Da-hye".to_string(), "Yoon".to_string(), true)]);
    }

    #[test]
    fn typographic_variants_are_one_spelling() {
        assert_eq!(
            plain_typography("Marie–Thérèse N’Diaye"),
            "Marie-Thérèse N'Diaye"
        );
        assert_eq!(
            plain_typography("Aoife O\u{2019}Callaghan\u{2011}Reyes"),
            "Aoife O'Callaghan-Reyes"
        );
        let knowledge = Knowledge::builtin();
        let ctx =
            SentenceContext::standalone("Councillor Marie–Thérèse N’Diaye spoke.", &knowledge);
        let names = mentions(&ctx);
        assert_eq!(names.len(), 1);
        assert_eq!(names[0].first, "Marie–Thérèse");
    }

    #[test]
    fn a_particle_surname_is_found_where_it_opens_a_sentence() {
        let people = vec![(0, "Moreau".to_string()), (40, "da Silva".to_string())];
        let text = "Moreau's sentence was short. Da Silva, in contrast, is serving";
        assert_eq!(person_in(text, &people).as_deref(), Some("da Silva"));
        let text = "The term for da Silva was long; Moreau is serving";
        assert_eq!(person_in(text, &people).as_deref(), Some("Moreau"));
    }

    #[test]
    fn words_are_runs_of_letters_apostrophes_and_hyphens() {
        let text = "Okafor’s team—l'Ébo, «Silva» 3rd-place x\u{301}y naïve ";
        let by_chars: Vec<(usize, &str)> = {
            let is_word = |c: char| c.is_alphabetic() || c == '\'' || c == '’' || c == '-';
            let mut words = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (is_word(c), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        words.push((s, &text[s..i]));
                        start = None;
                    }
                    _ => {}
                }
            }
            words
        };
        assert_eq!(word_indices(text).collect::<Vec<_>>(), by_chars);
        assert_eq!(word_indices("").count(), 0);
    }

    #[test]
    fn capitalised_words_are_the_words_that_start_with_a_capital() {
        for text in [
            "Okafor’s team—l'Ébo, «Silva» 3rd-place x\u{301}y naïve ",
            "iPhone McDonald O'Neill-Smith 3D Ⅻ ⓐⒷ ÉLAN éTÉ -Ana 'Bo’s Zoë.",
            "Ⓐbc \u{1F130}x Σίσυφος ΣΟΦΙΑ ǅemal X",
            "",
            "Ab",
        ] {
            let expected: Vec<(usize, &str)> = word_indices(text)
                .filter(|(_, w)| w.starts_with(char::is_uppercase))
                .collect();
            assert_eq!(
                capitalised_words(text).collect::<Vec<_>>(),
                expected,
                "{text}"
            );
        }
    }

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

    /// Names in no list, read with the evidence of the whole text they are in.
    fn names_in(text: &str) -> Vec<(String, String)> {
        let knowledge = Knowledge::builtin();
        let source_names = SourceNames::of(text);
        let mut found = Vec::new();
        for sentence in crate::segment::sentences(text) {
            let mut ctx = SentenceContext::standalone(
                &text[sentence.span.start()..sentence.span.end()],
                &knowledge,
            );
            ctx.names = Some(&source_names);
            found.extend(mentions(&ctx).into_iter().map(|m| (m.first, m.surname)));
        }
        found
    }

    #[test]
    fn unknown_given_names_are_names_when_the_text_says_so() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        // An age after the name, then the surname on its own.
        assert_eq!(
            names_in("Yerlan Abenov, 58, runs the depot. Abenov said the trucks were late."),
            vec![pair("Yerlan", "Abenov")]
        );
        // A description before the name and the surname used again.
        assert_eq!(
            names_in(
                "The agronomist, Thandiwe Mokoena, counted the plots. Mokoena was not surprised."
            ),
            vec![pair("Thandiwe", "Mokoena")]
        );
        // A role noun before it and a speech verb after it.
        assert_eq!(
            names_in(
                "The clinic hired nurse Siosaia Taufa last year. Taufa said the ward was full."
            ),
            vec![pair("Siosaia", "Taufa")]
        );
        // A profile line and an occupation before the name.
        assert_eq!(
            names_in("Ihaia Tamatea: The newspaper's reporter was detained in May."),
            vec![pair("Ihaia", "Tamatea")]
        );
        assert_eq!(
            names_in("The crew thanked engineer Wiremu Paki."),
            vec![pair("Wiremu", "Paki")]
        );
        // Particles belong to the surname.
        assert_eq!(
            names_in("Keoni ter Kahale, a ferry captain, said the crossing was calm. Ter Kahale laughed."),
            vec![pair("Keoni", "ter Kahale")]
        );
    }

    /// Names and candidates of a text read sentence by sentence, as (first, surname).
    type Pairs = Vec<(String, String)>;

    fn candidates_in(text: &str) -> (Pairs, Pairs) {
        let knowledge = Knowledge::builtin();
        let source_names = SourceNames::of(text);
        let (mut names, mut candidates) = (Vec::new(), Vec::new());
        for sentence in crate::segment::sentences(text) {
            let mut ctx = SentenceContext::standalone(
                &text[sentence.span.start()..sentence.span.end()],
                &knowledge,
            );
            ctx.names = Some(&source_names);
            let (here, maybe) = mentions_and_candidates(&ctx);
            names.extend(here.into_iter().map(|m| (m.first, m.surname)));
            candidates.extend(maybe.into_iter().map(|m| (m.first, m.surname)));
        }
        (names, candidates)
    }

    #[test]
    fn one_personal_piece_of_evidence_makes_a_candidate() {
        let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
        assert_eq!(
            candidates_in("Anela Kahale, who runs the seed bank, sorted the beans."),
            (vec![], pair("Anela", "Kahale"))
        );
        // A bare description fits a place or an organisation as well.
        assert_eq!(
            candidates_in("The grain left from Kora Kahale, a river port, at dawn."),
            (vec![], vec![])
        );
    }

    #[test]
    fn roles_and_capitalised_offices_around_a_name() {
        let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
        // A role inside a longer clause, before the name.
        assert_eq!(
            names_in("The prize went to the team after the head teacher, Ngozi Olatunji-Bello, read the scores."),
            pair("Ngozi", "Olatunji-Bello")
        );
        // A place is not a role: one piece at most.
        assert!(names_in(
            "Crowds cheered when the convoy reached the town, Alto Quebrada, by noon."
        )
        .is_empty());
        // An office written in capitals after the name.
        assert_eq!(
            names_in("Hineira Tawhai, Deputy Director of Research at the institute, said so."),
            pair("Hineira", "Tawhai")
        );
    }

    #[test]
    fn named_as_someones_relative() {
        let knowledge = Knowledge::builtin();
        let text = "Tavita Leiataua, the captain's daughter, steered the boat.";
        let mut ctx = SentenceContext::standalone(text, &knowledge);
        let names = SourceNames::of("Leiataua said so.");
        ctx.names = Some(&names);
        assert!(names_a_relative(&ctx));
    }

    /// Whether the sentence's own first-name claims mark someone as a relative.
    fn names_a_relative(ctx: &SentenceContext) -> bool {
        let here = mentions(ctx);
        let mut claims = Vec::new();
        first_names(ctx, &here, &[], &mut claims);
        claims
            .iter()
            .any(|c| c.predicate == FIRST_NAME && c.qualifiers.relative)
    }

    #[test]
    fn three_part_names_by_the_part_the_source_calls_them_by() {
        let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
        // Family name first, called by the last part: keyed by the first two.
        assert_eq!(
            names_in("Chairwoman Vo Thi Ngoc opened the port. Ngoc said the cranes were new."),
            pair("Ngoc", "Vo Thi")
        );
        // A known given name first with a middle name, called by the last part.
        assert_eq!(
            names_in("Judge Sarah Jane Whitcombe ruled. Whitcombe said the law was clear."),
            pair("Sarah", "Whitcombe")
        );
        // Two surnames, called by the first of them: the middle part is the key.
        assert_eq!(
            names_in("Minister Julia Herrera Soto spoke. Herrera said the dam would open."),
            pair("Julia", "Herrera")
        );
        // Nothing said alone: read as before.
        assert_eq!(
            names_in("Judge Sarah Jane Whitcombe ruled on Monday."),
            pair("Sarah", "Jane")
        );
    }

    #[test]
    fn one_piece_of_evidence_is_not_enough() {
        // A place with a description, an organisation that speaks, a sentence
        // opener before a surname, a nationality adjective.
        assert!(names_in("The convoy reached Alto Paraíso, a farming town, by noon.").is_empty());
        assert!(names_in("Marrow Labs said the trial would resume.").is_empty());
        assert_eq!(
            names_in("Wanjiru Kiprop, 40, coached the team. After Kiprop left, Several Ugandan players quit. Kiprop said so."),
            vec![("Wanjiru".to_string(), "Kiprop".to_string())]
        );
    }

    #[test]
    fn title_words_are_never_given_names() {
        assert_eq!(
            names("Deputy Prime Minister Ifeoma Nwachukwu opened the bridge."),
            vec![(
                "Ifeoma".into(),
                "Nwachukwu".into(),
                Some("Deputy Prime Minister".into())
            )]
        );
        assert_eq!(
            names("Chief Operating Officer Ruslana Obi resigned."),
            vec![(
                "Ruslana".into(),
                "Obi".into(),
                Some("Chief Operating Officer".into())
            )]
        );
        // A domain of several words belongs to the title, not to the name.
        assert_eq!(
            names("Director of Public Prosecutions Wairimu Njoroge filed the charges."),
            vec![(
                "Wairimu".into(),
                "Njoroge".into(),
                Some("Director of Public Prosecutions".into())
            )]
        );
        // An organisation named in full after "head of" is no title before a name.
        assert!(names("He met the head of Tonga’s National Rugby Union on Monday.").is_empty());
        assert_eq!(
            names("Secretary of Agriculture Amaru Quispe visited the farms."),
            vec![(
                "Amaru".into(),
                "Quispe".into(),
                Some("Secretary of Agriculture".into())
            )]
        );
    }

    /// The first-name claims of one sentence, its relatives' included.
    fn first_names_with_relatives(knowledge: &Knowledge, text: &str) -> Vec<Claim> {
        let ctx = SentenceContext::standalone(text, knowledge);
        let here = mentions(&ctx);
        let before: Vec<(usize, String)> =
            here.iter().map(|m| (m.start, m.surname.clone())).collect();
        let named = crate::extract::Named {
            here: &here,
            before: &before,
            candidates: &[],
            roles: &crate::extract::coref::Roles::default(),
        };
        let mut claims = Vec::new();
        first_names(&ctx, &here, &before, &mut claims);
        relatives(&ctx, &named, &mut claims);
        claims
    }

    #[test]
    fn relatives_named_by_a_given_name_are_other_people() {
        let knowledge = Knowledge::builtin();
        let text = "Tenzin Dorje, 71, still herds yaks, and his daughter Lhamo runs the dairy.";
        let claims = first_names_with_relatives(&knowledge, text);
        let firsts: Vec<(&str, &str)> = claims
            .iter()
            .filter(|c| c.predicate == FIRST_NAME)
            .map(|c| (c.subject.text.as_str(), c.value.canonical.as_str()))
            .collect();
        assert_eq!(firsts, vec![("Dorje", "Tenzin"), ("Dorje", "Lhamo")]);
        assert!(claims.iter().all(|c| c.predicate != FIRST_NAME
            || c.qualifiers.relative == (c.value.canonical == "Lhamo")));
        // A description after the name can say it too.
        let text = "Dr. Pema Dorje, who married Dorje in 1990, runs the dairy.";
        assert!(names_a_relative(&SentenceContext::standalone(
            text, &knowledge
        )));
    }

    #[test]
    fn a_describing_word_may_stand_between_owner_and_relation() {
        let knowledge = Knowledge::builtin();
        let relatives_in = |text: &str| -> Vec<(String, String)> {
            first_names_with_relatives(&knowledge, text)
                .iter()
                .filter(|c| c.predicate == FIRST_NAME && c.qualifiers.relative)
                .map(|c| (c.subject.text.to_string(), c.value.canonical.to_string()))
                .collect()
        };
        for text in [
            "Dr. Yerlan Saparov, whose 19-year-old son Aibek plays the viola, spoke first.",
            "Dr. Yerlan Saparov, whose eldest son Aibek plays the viola, spoke first.",
        ] {
            assert_eq!(
                relatives_in(text),
                vec![("Saparov".to_string(), "Aibek".to_string())],
                "{text}"
            );
        }
        // With no owner before the relation, the relative is nobody's in particular.
        assert!(relatives_in("Dr. Yerlan Saparov spoke after the son Aibek played.").is_empty());
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
