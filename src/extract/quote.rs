//! Quotations and who said them: `"…," Biden said`, `said Ben Crump`,
//! `Ellison said in a statement: "…"`, `"…," she said` (the last person named).
//!
//! Quotations are read per paragraph (a line), because a quotation often spans
//! several sentences.

use super::twin::Twin;
use crate::claim::{Claim, Qualifiers, Subject, SubjectKind, Text, Value};
use crate::ingest::Source;
use crate::knowledge::Knowledge;
use crate::segment::Sentence;
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

pub const QUOTE_SPEAKER: &str = "quote_speaker";

/// Quotations shorter than this many words are too common to identify a statement.
const MIN_WORDS: usize = 5;

pub(super) const SPEECH_VERBS: &str = "said|says|say|added|adds|wrote|writes|told|tells|warned|warns|declared|insisted|explained|stated|radioed|posted|tweeted|remarked|recalled|noted|argued|asked|replied|responded|urged|announced";

/// A capitalised run of up to five words, with the lower-case particles of
/// names between them ("Xxx da Yyy", "Xxx ter Yyy"), or starting with one ("da
/// Yyy said"). A full stop belongs only to initials ("Xxx A. Yyy", "U.S."):
/// after a whole word it ends the sentence, and the next sentence's first word
/// is no part of the name.
///
/// The capital that starts an initial and a word is written once, before the
/// choice between them: the same matches, in the same order of preference, and
/// each of the five optional words compiles one large class fewer.
fn name_pattern() -> String {
    let particles = super::person::PARTICLES.join("|");
    format!(
        r"(?:(?:\p{{Lu}}(?:(?:\.\p{{Lu}})*\.|[\p{{L}}’'-]*)|{particles})\s+){{0,5}}\p{{Lu}}[\p{{L}}’'-]*"
    )
}

static QUOTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""(?P<a>[^"\n]{8,}?)"|“(?P<b>[^”\n]{8,}?)”"#).expect("valid regex")
});

/// `"…," said Ben Crump` — the speaker after the verb; also after a short
/// description of them that ends at a comma (`"…," said her son, Xxx Yyy, 58`,
/// `said the museum's director, Xxx Yyy`): the name is the speaker, not a word
/// of the description.
static AFTER_VERB_NAME: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(&format!(
        r"^\s*,?\s*(?:{SPEECH_VERBS})\s+(?:{description},\s+)?(?P<who>{name})",
        name = name_pattern(),
        description = r"(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he|an?|\p{Lu}[\p{L}-]*['’]s)(?:\s+[\p{Ll}-]+(?:['’]s)?){1,4}"
    ))
});

/// `"…," Biden said` / `"…," she said` / `"…," the statement said`.
static AFTER_NAME_VERB: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(&format!(
        r"^\s*,?\s*(?P<who>{name}|he|she|they|the statement|the spokesman|the spokeswoman|the spokesperson)\s+(?:{SPEECH_VERBS})(?-u:\b)",
        name = name_pattern()
    ))
});

/// `Keith Ellison, whose office led the prosecution, said in a statement: "…"` and
/// `Garland said the punishment would deter others and that "…"`.
static BEFORE: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(&format!(
        r"(?P<who>{name}|(?-u:\b)[Hh]e|(?-u:\b)[Ss]he)(?:,[^,]{{0,90}},)?\s+(?:{SPEECH_VERBS})(?-u:\b)[^.!?]{{0,140}}$",
        name = name_pattern()
    ))
});

/// Words that start a capitalised run without being part of the name.
const NOT_NAMES: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "And", "But", "It", "This", "That", "Then", "When", "As",
];

pub fn extract(
    source_index: usize,
    source: &Source,
    sentences: &[Sentence],
    people: &[(usize, String)],
    knowledge: &Knowledge,
) -> Vec<Claim> {
    let mut claims = Vec::new();
    let text = &source.text;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        // The quotation is the match without its marks: found by the match
        // alone, as resolving the groups costs a backtracking search a line.
        for whole in QUOTATION.find_iter(line) {
            let mark = if whole.as_str().starts_with('"') {
                '"'.len_utf8()
            } else {
                '“'.len_utf8()
            };
            let (inner_start, inner_end) = (whole.start() + mark, whole.end() - mark);
            let inner = &line[inner_start..inner_end];
            if word_pieces(inner).count() < MIN_WORDS {
                continue;
            }
            let Some((speaker, named_at)) = speaker(line, whole.start(), whole.end()) else {
                continue;
            };
            // The speaker's span is where the reader finds the name: the words
            // credited, or for "she" or "the spokesman" the name they stand for.
            let earlier = || named_before(text, people, line_start + whole.start());
            let resolved = match speaker.as_str() {
                "he" | "she" | "they" | "He" | "She" | "They" => earlier(),
                s if s.starts_with("the ") => nearest_named_speaker(line, whole.start())
                    .map(|(surname, at)| (surname, at.offset(line_start)))
                    .or_else(earlier),
                s => Some((surname_of(s), named_at.offset(line_start))),
            };
            let Some((surname, speaker_span)) = resolved else {
                continue;
            };
            let start = line_start + inner_start;
            let quotation = Span::new(start, line_start + inner_end);
            // Sentences are disjoint and in source order: the only one that can hold
            // `start` is found by bisection, not by a scan per quotation.
            let at = sentences.partition_point(|s| s.span.end().max(s.span.start() + 1) <= start);
            let sentence = sentences
                .get(at)
                .filter(|s| s.span.start() <= start)
                .map_or(quotation, |s| s.span);
            // The compared value is the speaker: where the sentence names them
            // beside the quotation, the evidence runs from one to the other, so
            // a reader (or a scorer) pointing at "said Xxx Yyy" and one pointing
            // at the quoted words both land on this claim.
            let span = if sentence.start() <= speaker_span.start()
                && speaker_span.end() <= sentence.end()
            {
                Span::new(
                    quotation.start().min(speaker_span.start()),
                    quotation.end().max(speaker_span.end()),
                )
            } else {
                quotation
            };
            claims.push(Claim {
                source: source_index,
                subject: Subject {
                    text: inner.into(),
                    kind: SubjectKind::Quotation,
                    key: words_key(inner).into(),
                    label: Text::default(),
                },
                predicate: QUOTE_SPEAKER,
                value: Value::text(surname.clone(), knowledge.skeleton(&surname)),
                span,
                sentence,
                qualifiers: Qualifiers {
                    speaker: Some(speaker_span),
                    ..Qualifiers::default()
                }
                .into(),
            });
        }
        line_start += line.len();
    }
    claims
}

/// The words of a quotation as written: runs of letters, digits and apostrophes.
fn word_pieces(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
}

/// [`words`] joined by spaces, the quotation's key, written into one string:
/// a string per word cost more than the quotation search itself.
fn words_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in word_pieces(text) {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // The whole word at once: a final sigma lower-cases by its place.
            key.push_str(&word.to_lowercase().replace('’', "'"));
        }
    }
    key
}

/// Lower-case words of a quotation, punctuation dropped, for matching it across sources.
pub fn words(text: &str) -> Vec<String> {
    word_pieces(text)
        .map(|w| {
            let lower = w.to_lowercase();
            if lower.contains('’') {
                lower.replace('’', "'")
            } else {
                lower
            }
        })
        .collect()
}

/// The person named last before `offset` and where their name is: from the
/// mention's start to the end of its surname (a mention may start with a
/// given name or a title).
fn named_before(text: &str, people: &[(usize, String)], offset: usize) -> Option<(String, Span)> {
    let name_end = |(at, surname): &(usize, String)| {
        let mut to = (at + 200).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let window = text.get(*at..to).unwrap_or("");
        at + window
            .find(surname.as_str())
            .map_or_else(|| first_word_len(window), |i| i + surname.len())
    };
    let mut i = people.iter().rposition(|(at, _)| *at < offset)?;
    let end = name_end(&people[i]);
    // A full name is listed at its start and again at its surname: the span
    // takes the whole name.
    while i > 0 && people[i - 1].1 == people[i].1 && name_end(&people[i - 1]) == end {
        i -= 1;
    }
    let (at, surname) = &people[i];
    Some((surname.clone(), Span::new(*at, end)))
}

/// Bytes of the first word of `text` (up to a space or punctuation other than
/// an apostrophe or hyphen).
fn first_word_len(text: &str) -> usize {
    text.find(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.')))
        .unwrap_or(text.len())
}

/// Who a quotation is credited to, as written, and where in `line` the name is.
fn speaker(line: &str, open: usize, close: usize) -> Option<(String, Span)> {
    let after = &line[close..];
    // A quotation closed by a full stop is a finished sentence: the next sentence
    // ("Organisers said …") is not its attribution. After "?" or "!" only a
    // lower-case verb or pronoun continues it ("…?" she asked).
    let inner = line[..close].trim_end_matches(['"', '”']).trim_end();
    let continues = if inner.ends_with('.') {
        false
    } else if inner.ends_with(['?', '!']) {
        after.trim_start().starts_with(char::is_lowercase)
    } else {
        true
    };
    if continues {
        let ascii = after.is_ascii();
        if let Some(c) = AFTER_VERB_NAME.with_ascii(ascii).captures(after) {
            return clean_name(c.name("who")?, close);
        }
        if let Some(c) = AFTER_NAME_VERB.with_ascii(ascii).captures(after) {
            return clean_name(c.name("who")?, close);
        }
    }
    let before = super::tail(line, open, 400);
    if let Some(c) = BEFORE.on(before).captures(before) {
        return clean_name(c.name("who")?, open - before.len());
    }
    None
}

/// Drops leading function words and a possessive; None if nothing name-like is
/// left. The span is the name's, `offset` being where the matched text starts.
fn clean_name(found: regex::Match, offset: usize) -> Option<(String, Span)> {
    let raw = found.as_str();
    let mut words: Vec<(usize, &str)> = raw
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - raw.as_ptr() as usize, w))
        .collect();
    while words.first().is_some_and(|(_, w)| NOT_NAMES.contains(w)) {
        words.remove(0);
    }
    let name = words.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" ");
    let name = name
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_string();
    let (first, _) = *words.first()?;
    let (last, word) = *words.last()?;
    let cut = word.len() - word.trim_end_matches("’s").trim_end_matches("'s").len();
    let start = offset + found.start() + first;
    let end = (offset + found.start() + last + word.len() - cut).max(start);
    (!name.is_empty()).then(|| (name, Span::new(start, end)))
}

/// The surname of a speaker's name: its last word with the particles before it
/// ("Xxx da Yyy" → "da Yyy"), as person mentions key it.
fn surname_of(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !matches!(*w, "Jr." | "Sr." | "II" | "III"))
        .collect();
    let Some(last) = words.len().checked_sub(1) else {
        return name.to_string();
    };
    let mut first = last;
    while first > 0 && words[first - 1].starts_with(char::is_lowercase) {
        first -= 1;
    }
    words[first..].join(" ")
}

/// The speaker of the nearest `X said` before `open` in the same paragraph,
/// and where the name is in `line`.
fn nearest_named_speaker(line: &str, open: usize) -> Option<(String, Span)> {
    static NAMED: LazyLock<Twin> = LazyLock::new(|| {
        Twin::new(&format!(
            r"(?P<who>{name})\s+(?:{SPEECH_VERBS})(?-u:\b)",
            name = name_pattern()
        ))
    });
    let before = super::tail(line, open, 400);
    NAMED
        .on(before)
        .captures_iter(before)
        .filter_map(|c| clean_name(c.name("who")?, open - before.len()))
        .last()
        .map(|(n, at)| (surname_of(&n), at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_the_words_joined() {
        for text in [
            "We will not stop, ever.",
            "It’s the team’s WIN -- 100% of it",
            "ΟΔΟΣ ΚΑΙ ΠΟΛΗ’Σ",
            "İstanbul's mayor, Ümit",
            "",
            " , ",
        ] {
            assert_eq!(words_key(text), words(text).join(" "), "{text}");
            assert_eq!(word_pieces(text).count(), words(text).len(), "{text}");
        }
    }

    fn speakers(text: &str, people: &[(usize, String)]) -> Vec<String> {
        let knowledge = Knowledge::builtin();
        let source = Source::from_text("a.txt", text.to_string());
        let sentences = crate::segment::sentences(text);
        extract(0, &source, &sentences, people, &knowledge)
            .into_iter()
            .map(|c| c.value.canonical.to_string())
            .collect()
    }

    #[test]
    fn speaker_after_or_before_the_quotation() {
        assert_eq!(
            speakers("\"She is safe, she is in the air,\" Biden said.", &[]),
            vec!["Biden"]
        );
        assert_eq!(
            speakers(
                "\"No sentence can return him to us,\" said Ben Crump, the lawyer.",
                &[]
            ),
            vec!["Crump"]
        );
        assert_eq!(speakers("Keith Ellison, whose office led it, said in a statement: \"No sentence can return him to us.\"", &[]), vec!["Ellison"]);
    }

    #[test]
    fn a_description_between_the_verb_and_the_name() {
        assert_eq!(
            speakers(
                "\"We never thought the mill would close,\" said her brother, Tamati Ruatapu, 63.",
                &[]
            ),
            vec!["Ruatapu"]
        );
        assert_eq!(
            speakers(
                "\"The seed bank has kept every variety alive,\" said the project's director, Anela Kahale.",
                &[]
            ),
            vec!["Kahale"]
        );
        // The sentence after the name is no part of it.
        assert_eq!(
            speakers(
                "\"The seed bank has kept every variety alive,\" said Anela Kahale. The vault is cold.",
                &[]
            ),
            vec!["Kahale"]
        );
        // Without a name after the description, nobody is named.
        assert!(speakers(
            "\"The seed bank has kept every variety alive,\" said the project's director.",
            &[]
        )
        .is_empty());
    }

    #[test]
    fn the_next_sentence_is_not_the_attribution() {
        let text = "David Lammy said: \"We will keep talking until we have a deal.\" Organisers said 1,000 people came.";
        assert_eq!(speakers(text, &[]), vec!["Lammy"]);
    }

    #[test]
    fn pronouns_resolve_to_the_last_person_named() {
        let text = "Governor Ron DeSantis spoke. \"If you choose to stay, you're going to die,\" he warned.";
        assert_eq!(
            speakers(text, &[(0, "DeSantis".to_string())]),
            vec!["DeSantis"]
        );
    }

    /// The speaker's span as written in `text`, one per quotation.
    fn speaker_words(text: &str, people: &[(usize, String)]) -> Vec<String> {
        let knowledge = Knowledge::builtin();
        let source = Source::from_text("a.txt", text.to_string());
        let sentences = crate::segment::sentences(text);
        extract(0, &source, &sentences, people, &knowledge)
            .into_iter()
            .map(|c| text[c.qualifiers.speaker.expect("a speaker").range()].to_string())
            .collect()
    }

    #[test]
    fn the_speakers_span_is_the_name() {
        assert_eq!(
            speaker_words(
                "\"The seed bank has kept every variety alive,\" said the project's director, Anela Kahale.",
                &[]
            ),
            vec!["Anela Kahale"]
        );
        assert_eq!(
            speaker_words(
                "Anela Kahale said on Monday that \"the seed bank has kept every variety alive.\"",
                &[]
            ),
            vec!["Anela Kahale"]
        );
        // A pronoun's span is the name it stands for, whole.
        let text = "The curator, Anela Kahale, opened the vault. \"The seed bank has kept every variety alive,\" she said.";
        let at = text.find("Anela").unwrap();
        let surname = text.find("Kahale").unwrap();
        assert_eq!(
            speaker_words(
                text,
                &[(at, "Kahale".to_string()), (surname, "Kahale".to_string())]
            ),
            vec!["Anela Kahale"]
        );
    }

    #[test]
    fn short_quotations_are_ignored() {
        assert!(speakers("He called it \"reasonably good,\" Trump said.", &[]).is_empty());
    }
}
