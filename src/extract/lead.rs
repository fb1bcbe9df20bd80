//! What a person named in full is said to lead, read in the sentence that
//! names them: "Xxx Yyy, who led the survey", "the survey is directed by Xxx
//! Yyy", "Xxx Yyy, director of the survey", "the survey's director, Xxx Yyy".
//!
//! Normalize reads it where a source names several people of one surname (a
//! family is kept apart by first name): the one it says leads a thing is the
//! person another source says leads it, so their first names are compared
//! (README, "Who is who", one role across sources). The verbs and nouns are
//! `[lead]` in `rules/knowledge/offices.toml`; the thing led is the head noun
//! of its phrase, so "the survey" and "the regional survey" are one thing,
//! and a rank ("co-director", "former head", "deputy leader") or a lead that
//! ended ("led it until 2019") makes another role, never linked to the lead.

use super::coref::RANK_WORDS;
use crate::knowledge::{fold, Knowledge};

/// Words that end the phrase naming what is led ("the survey of the coast").
const PHRASE_ENDS: &[&str] = &[
    "of", "at", "in", "on", "for", "from", "with", "and", "or", "who", "which", "that", "since",
    "until", "till", "near", "to", "by", "as", "when", "while", "after", "before", "between",
];

/// Determiners that open the phrase naming what is led.
const OPENERS: &[&str] = &["the", "a", "an", "this", "its", "their", "his", "her"];

/// Words between "who" and the verb that keep the lead a present one.
const AUXILIARIES: &[&str] = &[
    "also",
    "now",
    "currently",
    "still",
    "jointly",
    "has",
    "have",
    "is",
    "was",
    "had",
];

/// Auxiliaries of a passive ("the survey is led by").
const PASSIVE: &[&str] = &["is", "was", "are", "were", "been", "being"];

/// Words that make a lead a past one ("who formerly led", "until 2019").
const PAST: &[&str] = &["formerly", "once", "previously", "until", "till", "between"];

/// Words between a name and "who" that start another clause: its "who" is
/// not about the name.
const CLAUSE_BREAKS: &[&str] = &[
    "said", "says", "told", "and", "but", "while", "when", "after", "as", "because",
];

/// A word without the punctuation around it.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
}

/// The role key: rank words (sorted) and "lead" and the thing led.
fn key(mut ranks: Vec<String>, thing: &str) -> Option<String> {
    let thing = fold(bare(thing));
    if thing.is_empty() || !thing.chars().any(char::is_alphabetic) {
        return None;
    }
    ranks.sort();
    ranks.dedup();
    ranks.push("lead".into());
    ranks.push(thing);
    Some(ranks.join(" "))
}

/// The head noun of the phrase opened by a determiner at `words[0]`: the
/// last word before a phrase end, a comma or the end of the clause.
fn head_of(words: &[&str]) -> Option<(String, usize)> {
    let first = words.first()?;
    if !OPENERS.contains(&first.to_lowercase().as_str()) {
        return None;
    }
    let mut head = None;
    for (i, word) in words.iter().enumerate().skip(1).take(4) {
        let plain = bare(word);
        if PHRASE_ENDS.contains(&plain.to_lowercase().as_str()) || plain.is_empty() {
            break;
        }
        head = Some((plain.to_string(), i));
        if word.ends_with([',', ';', ':', '.']) {
            break;
        }
    }
    head
}

/// A lead noun with its ranks: "director", "co-director", "deputy head".
fn lead_noun(knowledge: &Knowledge, words: &[&str], at: usize) -> Option<Vec<String>> {
    let word = bare(words[at]).to_lowercase();
    let (prefix, noun) = match word.split_once('-') {
        Some((prefix, noun)) => (Some(prefix), noun),
        None => (None, word.as_str()),
    };
    if !knowledge.is_lead_noun(noun) {
        return None;
    }
    let mut ranks: Vec<String> = prefix.map(str::to_string).into_iter().collect();
    ranks.extend(
        words[..at]
            .iter()
            .rev()
            .map(|w| bare(w).to_lowercase())
            .take_while(|w| RANK_WORDS.contains(&w.as_str()))
            .collect::<Vec<_>>(),
    );
    Some(ranks)
}

/// What a description names its holder the lead of: "director of the
/// survey", "the survey's director" (its words).
fn described(knowledge: &Knowledge, words: &[&str]) -> Option<String> {
    let at = (0..words.len()).find(|&i| lead_noun(knowledge, words, i).is_some())?;
    let ranks = lead_noun(knowledge, words, at)?;
    if words[..at]
        .iter()
        .any(|w| matches!(w.to_lowercase().as_str(), "a" | "an"))
    {
        return None;
    }
    // "director of the survey"
    if words.get(at + 1).is_some_and(|w| *w == "of") && !words[at].ends_with(',') {
        return head_of(&words[at + 2..]).and_then(|(thing, _)| key(ranks, &thing));
    }
    // "the survey's director": the possessive before the noun and its ranks.
    // Not "the trust's executive director" (a kind of director, not the one
    // who leads the trust) nor "a director of the trust" (one of several).
    let before = words[..at]
        .iter()
        .rev()
        .find(|w| !RANK_WORDS.contains(&bare(w).to_lowercase().as_str()))?;
    let thing = super::possessive_of(before)?;
    if thing.starts_with(char::is_uppercase) {
        return None;
    }
    key(ranks, thing)
}

/// What the person named at `start..end` of the sentence `text` leads, as a
/// role key ("lead survey", "co lead survey", "former lead museum").
pub fn lead_of(knowledge: &Knowledge, text: &str, start: usize, end: usize) -> Option<String> {
    let clause_end = text[end..]
        .find(['.', ';', '"', '“', '”', '(', '—', '–'])
        .map_or(text.len(), |i| end + i);
    let after = &text[end..clause_end];
    let past_after = |words: &[&str]| {
        words
            .iter()
            .any(|w| PAST.contains(&bare(w).to_lowercase().as_str()))
    };
    let words: Vec<&str> = after.split_whitespace().collect();
    // "Xxx Yyy, who led the survey", "Xxx Yyy of Zzz, the archaeologist who
    // directs the survey".
    if let Some(who) = words.iter().take(14).position(|w| bare(w) == "who") {
        let breaks = words[..who]
            .iter()
            .any(|w| CLAUSE_BREAKS.contains(&bare(w).to_lowercase().as_str()));
        if !breaks {
            let mut i = who + 1;
            let mut past = false;
            while let Some(w) = words.get(i) {
                let w = bare(w).to_lowercase();
                if AUXILIARIES.contains(&w.as_str()) {
                    i += 1;
                } else if PAST.contains(&w.as_str()) {
                    past = true;
                    i += 1;
                } else if w == "used" && words.get(i + 1).is_some_and(|n| bare(n) == "to") {
                    past = true;
                    i += 2;
                } else {
                    break;
                }
            }
            if words
                .get(i)
                .is_some_and(|w| knowledge.is_lead_verb(bare(w)))
            {
                if let Some((thing, last)) = head_of(&words[i + 1..]) {
                    let past = past || past_after(&words[i + 1 + last..]);
                    let ranks = if past {
                        vec!["former".to_string()]
                    } else {
                        Vec::new()
                    };
                    return key(ranks, &thing);
                }
            }
        }
    }
    // "Xxx Yyy, director of the survey," / "Xxx Yyy, the survey's director,".
    if let Some(rest) = after.strip_prefix(", ") {
        let phrase = rest.split([',', ';']).next().unwrap_or(rest);
        let words: Vec<&str> = phrase.split_whitespace().take(8).collect();
        if let Some(found) = described(knowledge, &words) {
            return Some(found);
        }
    }
    let before = text[..start].trim_end();
    // "The survey is directed by (Dr) Xxx Yyy".
    let words: Vec<&str> = before.split_whitespace().collect();
    let mut i = words.len();
    // Up to two title words before the name ("Dr", "Professor").
    for _ in 0..2 {
        if i > 0 && words[i - 1].starts_with(char::is_uppercase) && words[i - 1] != "By" {
            i -= 1;
        }
    }
    if i >= 4 && words[i - 1] == "by" && knowledge.is_lead_verb(bare(words[i - 2])) {
        // Back over the auxiliary ("is", "has been", "was jointly") to the
        // subject's last word.
        let mut j = i - 2;
        let mut auxiliary = false;
        while j > 0 {
            let w = bare(words[j - 1]).to_lowercase();
            if PASSIVE.contains(&w.as_str()) {
                auxiliary = true;
            } else if !AUXILIARIES.contains(&w.as_str()) {
                break;
            }
            j -= 1;
        }
        let opener = words[..j.saturating_sub(1)]
            .iter()
            .rposition(|w| OPENERS.contains(&w.to_lowercase().as_str()));
        if let Some(s) = opener.filter(|&s| auxiliary && j - s <= 7) {
            // "The clinic at Xxx is run by": the head stops at the phrase end.
            let subject = &words[s..j];
            let thing = head_of(subject).filter(|_| {
                !subject[..subject.len() - 1]
                    .iter()
                    .any(|w| w.ends_with([',', ';', ':']))
            });
            if let Some((thing, _)) = thing {
                let ranks = if past_after(&words_after(after)) {
                    vec!["former".to_string()]
                } else {
                    Vec::new()
                };
                return key(ranks, super::possessive_of(&thing).unwrap_or(&thing));
            }
        }
    }
    // "The survey's director, Xxx Yyy," / "The director of the survey, Xxx Yyy".
    let lead = before.strip_suffix(',')?;
    let from = lead
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '(' | '.' | '—' | '–'))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let words: Vec<&str> = lead[from..].split_whitespace().take(8).collect();
    if words.first().is_some_and(|w| {
        OPENERS.contains(&w.to_lowercase().as_str()) || super::possessive_of(w).is_some()
    }) {
        return described(knowledge, &words);
    }
    None
}

fn words_after(after: &str) -> Vec<&str> {
    after.split_whitespace().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(text: &str, name: &str) -> Option<String> {
        let knowledge = Knowledge::builtin();
        let start = text.find(name).unwrap();
        lead_of(&knowledge, text, start, start + name.len())
    }

    #[test]
    fn a_lead_is_read_from_a_clause_a_passive_or_a_description() {
        let name = "Xxx Yyy";
        for (text, role) in [
            (
                "Xxx Yyy, who led the survey, said it was over.",
                "lead survey",
            ),
            (
                "Xxx Yyy of Zzz College, the botanist who directs the regional survey, spoke.",
                "lead survey",
            ),
            (
                "The survey is directed by Dr Xxx Yyy, a botanist.",
                "lead survey",
            ),
            (
                "The clinic at Zzz is run by Xxx Yyy, a nurse.",
                "lead clinic",
            ),
            ("Xxx Yyy, director of the survey, said so.", "lead survey"),
            ("Xxx Yyy, the survey's director, said so.", "lead survey"),
            ("The survey's director, Xxx Yyy, said so.", "lead survey"),
            (
                "Xxx Yyy, co-director of the survey, said so.",
                "co lead survey",
            ),
            (
                "Xxx Yyy, the former head of the clinic, said so.",
                "former lead clinic",
            ),
            (
                "Xxx Yyy, who led the clinic until 2019, said so.",
                "former lead clinic",
            ),
            (
                "Xxx Yyy, who formerly ran the clinic, said so.",
                "former lead clinic",
            ),
        ] {
            assert_eq!(lead(text, name).as_deref(), Some(role), "{text}");
        }
    }

    #[test]
    fn a_lead_of_someone_else_is_not_the_names() {
        for text in [
            "Xxx Yyy said the team that led the survey had finished.",
            "Xxx Yyy, a nurse, and Www Zzz, who runs the clinic, spoke.",
            "Xxx Yyy, the site engineer, found it.",
            "Xxx Yyy, the trust's executive director, spoke.",
            "Xxx Yyy, a non-executive director of the trust, spoke.",
            "Xxx Yyy, who found the slab, called the director.",
        ] {
            assert_eq!(lead(text, "Xxx Yyy"), None, "{text}");
        }
    }
}
