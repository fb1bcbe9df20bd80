//! Ages of people: "Paul Whelan, 54,", "the 32-year-old", "45-year-old Chauvin",
//! "aged 31". Read per source, because "the 32-year-old" refers to the last person
//! named.

use super::coref::{description_at, role_words, InView, Resolution, Roles};
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

/// "At 34, she …" at the start of a sentence or clause: the age of the person
/// the pronoun stands for.
static AT_AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[;:—]\s+)At\s+(?P<age>\d{1,3}),\s+(?:he|she)(?-u:\b)").expect("valid regex")
});

/// The surname of "Xxx Yyy, " (or "Yyy, ") right before `at`, when the source
/// has named that person: the person an appositive describes.
fn apposition_before<'k>(text: &str, at: usize, known: &BTreeSet<&'k str>) -> Option<&'k str> {
    let before = text[..at].trim_end();
    let before = before
        .strip_suffix(" a")
        .or_else(|| before.strip_suffix(" an"))?
        .strip_suffix(',')?;
    let word = before.rsplit(char::is_whitespace).next()?;
    known.get(word).copied()
}

/// "aged 31".
static AGED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)aged\s+(?P<age>\d{1,3})(?-u:\b)").expect("valid regex"));

pub fn extract(
    source_index: usize,
    source: &Source,
    sentences: &[Sentence],
    cues: &[Cues],
    people: &[(usize, String)],
    roles: &Roles,
    knowledge: &crate::knowledge::Knowledge,
) -> Vec<Claim> {
    let known: BTreeSet<&str> = people.iter().map(|(_, s)| s.as_str()).collect();
    let year = source.date.as_ref().and_then(|d| d.get(..4));
    let period = Some(year.unwrap_or(crate::claim::UNDATED).to_string());
    let mut claims = Vec::new();
    // Where the sentence before starts: a pronoun looks back that far.
    let mut last_start = None;
    for (sentence, cues) in sentences.iter().zip(cues) {
        let previous_start = last_start.replace(sentence.span.start());
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
            let after_age = whole.start() + age.len() + "-year-old".len();
            if possessive {
                continue;
            }
            if determiner != "the" && caps.name("name").is_none() {
                // "Xxx Yyy, a 34-year-old nurse,": the appositive's person.
                if let Some(surname) = apposition_before(text, whole.start(), &known) {
                    push(surname, age, whole.start(), after_age);
                }
                continue;
            }
            let named = caps
                .name("name")
                .map(|n| n.as_str())
                .filter(|n| known.contains(n));
            // "the 34-year-old goalkeeper": the one person the source made its
            // goalkeeper; a description that fits two people links nobody.
            let described = if named.is_none() {
                text[after_age..]
                    .strip_prefix(' ')
                    .and_then(|rest| description_at(knowledge, rest))
                    .map(|d| {
                        let words = role_words(knowledge, d);
                        roles.resolve(knowledge, &words, offset + whole.start())
                    })
            } else {
                None
            };
            let surname = match (named, described) {
                (Some(name), _) => Some(name.to_string()),
                (None, Some(Resolution::Person(surname, _))) => Some(surname),
                (None, Some(Resolution::Ambiguous)) => None,
                // A description that fits nobody's title: the one person in
                // view, or with nobody in view the person the source is about.
                (None, Some(Resolution::Unheld)) => {
                    let at = offset + whole.start();
                    let view = [
                        &source.text[previous_start.unwrap_or(offset)..offset],
                        &source.text[offset..at],
                    ];
                    match roles.in_view(&view, at) {
                        InView::One(surname) => Some(surname),
                        InView::Nobody => roles
                            .protagonist(&source.text, at)
                            .or_else(|| super::person::person_before(people, at)),
                        InView::Several => super::person::person_before(people, at),
                    }
                }
                (None, None) => super::person::person_before(people, offset + whole.start()),
            };
            if let Some(surname) = surname {
                let end = caps
                    .name("name")
                    .filter(|_| named.is_some())
                    .map_or(whole.start() + age.len() + "-year-old".len(), |n| n.end());
                push(&surname, age, whole.start(), end);
            }
        }
        // "At 34, she …": the one person in view (the sentence before and this one).
        for caps in captures_if(text.contains("At "), &AT_AGE, text) {
            let whole = caps.get(0).expect("match");
            let from = previous_start.unwrap_or(offset);
            if let Some(surname) = roles.pronoun(people, from, offset + whole.start()) {
                let age = caps.name("age").expect("age");
                push(&surname, age.as_str(), whole.start(), whole.end());
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
            &Roles::default(),
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
