//! Ages of people: "Paul Whelan, 54,", "the 32-year-old", "45-year-old Chauvin",
//! "aged 31". Read per source, because "the 32-year-old" refers to the last person
//! named.

use super::cues::{captures_if, Cue, Cues};
use crate::claim::{Claim, Interval, Qualifiers, Subject, Value};
use crate::ingest::Source;
use crate::segment::Sentence;
use crate::span::Span;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

pub const AGE: &str = "age";

/// "Whelan, 54," / "Derek Chauvin, 45, was".
static NAME_COMMA_AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<name>\p{Lu}[\p{L}’'-]+),\s+(?P<age>\d{1,3})(?:,|\s+(?:was|is|who|and|has|had|said|says)(?-u:\b)|\))")
        .expect("valid regex")
});

/// "the 32-year-old", "a 45-year-old" (the last person named), "45-year-old Chauvin".
static YEAR_OLD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<age>\d{1,3})-year-old(?:\s+(?:\p{Ll}+\s+){0,2}?(?P<name>\p{Lu}[\p{L}’'-]+))?")
        .expect("valid regex")
});

/// "aged 31".
static AGED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)aged\s+(?P<age>\d{1,3})(?-u:\b)").expect("valid regex"));

pub fn extract(
    source_index: usize,
    source: &Source,
    sentences: &[Sentence],
    cues: &[Cues],
    people: &[(usize, String)],
    knowledge: &crate::knowledge::Knowledge,
) -> Vec<Claim> {
    let known: BTreeSet<&str> = people.iter().map(|(_, s)| s.as_str()).collect();
    let year = source.date.as_ref().and_then(|d| d.get(..4));
    let period = Some(year.unwrap_or(crate::claim::UNDATED).to_string());
    let mut claims = Vec::new();
    for (sentence, cues) in sentences.iter().zip(cues) {
        // Every age pattern needs a figure; most sentences have none.
        if !cues.has_digit() {
            continue;
        }
        let text = &source.text[sentence.span.start()..sentence.span.end()];
        let offset = sentence.span.start();
        // Read only for sentences that state an age: most do not.
        let attribution = std::cell::OnceCell::new();
        let mut push = |surname: &str, age: &str, start: usize, end: usize| {
            let Ok(years) = age.parse::<u32>() else {
                return;
            };
            if !(1..=120).contains(&years) {
                return;
            }
            claims.push(Claim {
                source: source_index,
                subject: Subject::person(surname),
                predicate: AGE,
                value: Value::number(years.to_string(), Interval::exact(f64::from(years))),
                span: Span::new(offset + start, offset + end),
                sentence: sentence.span,
                qualifiers: Qualifiers {
                    time: period.clone().map(Into::into),
                    attribution: attribution
                        .get_or_init(|| super::qualifiers::attribution(text))
                        .clone()
                        .map(Into::into),
                    ..Qualifiers::default()
                }
                .into(),
            });
        };
        // Each pattern runs only where its fixed words (or ", ") are.
        let comma_space = text
            .match_indices(',')
            .any(|(i, _)| text[i + 1..].starts_with(char::is_whitespace));
        for caps in captures_if(comma_space, &NAME_COMMA_AGE, text) {
            let name = caps.name("name").expect("name");
            let age = caps.name("age").expect("age");
            // "Keane, 44," names a person even in a source that never gives her first
            // name; places with a number after them are rare and governments known.
            let is_place = knowledge.government_by_alias(name.as_str()).is_some();
            if known.contains(name.as_str()) || !is_place {
                push(name.as_str(), age.as_str(), name.start(), age.end());
            }
        }
        for caps in captures_if(cues.has(Cue::YearOld), &YEAR_OLD, text) {
            let whole = caps.get(0).expect("match");
            let age = caps.name("age").expect("age").as_str();
            // "Floyd's 7-year-old daughter", "a 7-year-old girl": someone else's age.
            let before = super::tail(text, whole.start(), 32)
                .trim_end()
                .to_lowercase();
            let determiner = before.rsplit(char::is_whitespace).next().unwrap_or("");
            let possessive = determiner.ends_with("’s")
                || determiner.ends_with("'s")
                || matches!(determiner, "his" | "her" | "their" | "its");
            if possessive || (determiner != "the" && caps.name("name").is_none()) {
                continue;
            }
            let named = caps
                .name("name")
                .map(|n| n.as_str())
                .filter(|n| known.contains(n));
            let surname = match named {
                Some(name) => Some(name.to_string()),
                None => super::person::person_before(people, offset + whole.start()),
            };
            if let Some(surname) = surname {
                let end = caps
                    .name("name")
                    .filter(|_| named.is_some())
                    .map_or(whole.start() + age.len() + "-year-old".len(), |n| n.end());
                push(&surname, age, whole.start(), end);
            }
        }
        for caps in captures_if(cues.has(Cue::Aged), &AGED, text) {
            let whole = caps.get(0).expect("match");
            if let Some(surname) = super::person::person_before(people, offset + whole.start()) {
                push(
                    &surname,
                    caps.name("age").expect("age").as_str(),
                    whole.start(),
                    whole.end(),
                );
            }
        }
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ages(text: &str, people: &[(usize, &str)]) -> Vec<(String, String)> {
        let source = Source::from_text("a.txt", text.to_string());
        let sentences = crate::segment::sentences(text);
        let people: Vec<(usize, String)> =
            people.iter().map(|(i, s)| (*i, s.to_string())).collect();
        let cues: Vec<Cues> = sentences
            .iter()
            .map(|s| Cues::of(&text[s.span.start()..s.span.end()]))
            .collect();
        extract(
            0,
            &source,
            &sentences,
            &cues,
            &people,
            &crate::knowledge::Knowledge::builtin(),
        )
        .into_iter()
        .map(|c| (c.subject.text.to_string(), c.value.canonical.to_string()))
        .collect()
    }

    #[test]
    fn ages_after_names_and_year_old() {
        let text =
            "Paul Whelan, 54, is held. Derek Chauvin, 45, was sentenced. The 32-year-old wept.";
        let got = ages(text, &[(0, "Whelan"), (26, "Chauvin")]);
        assert_eq!(
            got,
            vec![
                ("Whelan".into(), "54".into()),
                ("Chauvin".into(), "45".into()),
                ("Chauvin".into(), "32".into())
            ]
        );
    }

    #[test]
    fn relatives_ages_are_not_the_persons() {
        assert!(ages(
            "The court saw George Floyd's 7-year-old daughter.",
            &[(0, "Floyd")]
        )
        .is_empty());
        assert!(ages("Floyd met a 7-year-old girl.", &[(0, "Floyd")]).is_empty());
    }

    #[test]
    fn places_with_numbers_are_not_ages() {
        assert!(ages("Moscow, 54, was mentioned.", &[(0, "Whelan")]).is_empty());
    }
}
