//! Ordinals and counts of events in a series: "meet Putin for the sixth time this
//! year", "his fifth visit", "the third round of talks", "has met him five times",
//! "the third hurricane to make landfall in Florida this year".
//!
//! The subject of such a claim is the series: the kind of event plus the parties
//! or places it is anchored to. The normaliser joins claims whose anchors overlap.

use super::{qualifiers, PersonMention, SentenceContext};
use crate::claim::{Claim, Interval, Qualifiers, Subject, SubjectKind, Value};
use crate::normalize::number::{
    number_word_pattern, ordinal_word_pattern, parse_number, parse_ordinal,
};
use regex::Regex;
use std::sync::LazyLock;

pub const ORDINAL: &str = "series_ordinal";
pub const COUNT: &str = "series_count";

/// Nouns naming events that come in series, with the class they are compared as
/// (a "trip" and a "visit" to the same party are one series).
const EVENT_NOUNS: &[(&str, &str)] = &[
    ("meeting", "meeting"),
    ("meetings", "meeting"),
    ("talks", "meeting"),
    ("summit", "meeting"),
    ("summits", "meeting"),
    ("sit-down", "meeting"),
    ("encounter", "meeting"),
    ("visit", "visit"),
    ("visits", "visit"),
    ("trip", "visit"),
    ("trips", "visit"),
    ("round", "round"),
    ("rounds", "round"),
    ("call", "call"),
    ("calls", "call"),
    ("exchange", "exchange"),
    ("exchanges", "exchange"),
    ("swap", "exchange"),
    ("swaps", "exchange"),
    ("landfall", "landfall"),
    ("landfalls", "landfall"),
    ("hurricane", "hurricane"),
    ("hurricanes", "hurricane"),
    ("storm", "storm"),
    ("typhoon", "storm"),
    ("flight", "flight"),
    ("flights", "flight"),
    ("mission", "flight"),
    ("launch", "launch"),
    ("spacewalk", "spacewalk"),
    ("term", "term"),
    ("election", "election"),
    ("attack", "attack"),
    ("strike", "strike"),
    ("strikes", "strike"),
    ("debate", "debate"),
    ("meet", "meeting"),
];

/// Verbs whose "for the Nth time" or "N times" counts an event of a class.
const EVENT_VERBS: &[(&str, &str)] = &[
    ("meet", "meeting"),
    ("meets", "meeting"),
    ("met", "meeting"),
    ("meeting", "meeting"),
    ("visit", "visit"),
    ("visits", "visit"),
    ("visited", "visit"),
    ("visiting", "visit"),
    ("travel", "visit"),
    ("traveled", "visit"),
    ("travelled", "visit"),
    ("fly", "flight"),
    ("flies", "flight"),
    ("flew", "flight"),
    ("flying", "flight"),
    ("flown", "flight"),
    ("launch", "launch"),
    ("launched", "launch"),
    ("speak", "call"),
    ("spoke", "call"),
    ("spoken", "call"),
    ("talk", "call"),
    ("talked", "call"),
    ("hit", "landfall"),
    ("struck", "landfall"),
    ("strike", "landfall"),
];

static ORDINAL_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<ord>{}|\d{{1,3}}(?:st|nd|rd|th))\b(?:[\s-]+(?P<mod>[a-z][a-z-]*)){{0,2}}?\s+(?P<noun>[a-z][a-z-]*)\b",
        ordinal_word_pattern()
    ))
    .expect("valid regex")
});

static NTH_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\bfor\s+(?:the|a)\s+(?P<ord>{}|\d{{1,3}}(?:st|nd|rd|th))\s+(?:straight\s+|consecutive\s+)?time\b",
        ordinal_word_pattern()
    ))
    .expect("valid regex")
});

static N_TIMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<num>{}|\d{{1,3}})\s+times\b",
        number_word_pattern()
    ))
    .expect("valid regex")
});

static N_EVENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<num>{}|\d{{1,3}})\s+(?:(?:separate|previous|prior|face-to-face|in-person|direct|rounds of)\s+)?(?P<noun>meetings|visits|trips|rounds|calls|summits|exchanges|swaps|landfalls|flights)\b",
        number_word_pattern()
    ))
    .expect("valid regex")
});

/// Proper-noun anchors after a preposition: "with Putin", "between Washington and
/// Moscow", "in Florida", "at Tolosa", "for Resilience".
static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:with|between|and|in|at|to|for|of|on)\s+(?:the\s+)?(?P<name>(?:\p{Lu}[\p{L}.’'-]*)(?:\s+\p{Lu}[\p{L}.’'-]*){0,2})")
        .expect("valid regex")
});

static POSSESSOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?P<name>\p{Lu}[\p{L}.-]*)(?:’s|'s)\s*$").expect("valid regex"));

fn class_of_noun(noun: &str) -> Option<&'static str> {
    let lower = noun.to_lowercase();
    EVENT_NOUNS
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|(_, c)| *c)
}

fn class_of_verbs(text: &str) -> Option<&'static str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .find_map(|w| {
            let lower = w.to_lowercase();
            EVENT_VERBS
                .iter()
                .find(|(v, _)| *v == lower)
                .map(|(_, c)| *c)
        })
}

/// Anchors in the window after a series expression and the possessor before it.
fn anchors(
    ctx: &SentenceContext,
    start: usize,
    end: usize,
    mentions: &[PersonMention],
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let window_end = (end + 80).min(ctx.text.len());
    let window_end = (window_end..=ctx.text.len())
        .find(|&i| ctx.text.is_char_boundary(i))
        .unwrap_or(ctx.text.len());
    let after = &ctx.text[end..window_end];
    let after = after.split([';', '—', '–']).next().unwrap_or(after);
    for caps in ANCHOR.captures_iter(after) {
        let name = caps.name("name").expect("name").as_str();
        if let Some(key) = anchor_key(ctx, name) {
            out.push((key, display(name)));
        }
    }
    if let Some(caps) = POSSESSOR.captures(&ctx.text[..start]) {
        let name = caps.name("name").expect("name").as_str();
        if let Some(key) = anchor_key(ctx, name) {
            out.push((key, display(name)));
        }
    }
    // The object of the event verb ("meet Putin for the sixth time").
    let before = &ctx.text[..start];
    if let Some(obj) = before
        .split_whitespace()
        .rev()
        .take(3)
        .find(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        let verb_before = before
            .trim_end()
            .rsplit(char::is_whitespace)
            .nth(1)
            .unwrap_or("");
        if class_of_verbs(verb_before).is_some() {
            if let Some(key) = anchor_key(ctx, obj) {
                out.push((key, display(obj)));
            }
        }
    }
    // The person the sentence is about, when named in full before the expression.
    if let Some(m) = mentions.iter().rev().find(|m| m.end <= start) {
        out.push((ctx.knowledge.skeleton(&m.surname), m.surname.clone()));
    }
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

fn display(name: &str) -> String {
    name.trim_end_matches(['.', ',', '’', '\''])
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_string()
}

/// The key an anchor name is compared by: a government's id for any of its
/// aliases, otherwise the spelling skeleton of its last word.
fn anchor_key(ctx: &SentenceContext, name: &str) -> Option<String> {
    let name = name
        .trim_end_matches(['.', ',', '’', '\''])
        .trim_end_matches("’s")
        .trim_end_matches("'s");
    if let Some(g) = ctx.knowledge.government_by_alias(name) {
        return Some(format!("government:{}", g.id));
    }
    let last = name.split_whitespace().last()?;
    if [
        "The",
        "A",
        "An",
        "This",
        "That",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    .contains(&last)
    {
        return None;
    }
    if let Some(g) = ctx.knowledge.government_by_alias(last) {
        return Some(format!("government:{}", g.id));
    }
    Some(ctx.knowledge.skeleton(last))
}

pub fn extract(ctx: &SentenceContext, mentions: &[PersonMention], claims: &mut Vec<Claim>) {
    let period = qualifiers::period(ctx.text, None);
    for caps in ORDINAL_NOUN.captures_iter(ctx.text) {
        let noun = caps.name("noun").expect("noun");
        let Some(class) = class_of_noun(noun.as_str()) else {
            continue;
        };
        let ord = caps.name("ord").expect("ord");
        let Some(n) = parse_ordinal(ord.as_str()) else {
            continue;
        };
        // "the first time", "first private spacewalk" are mostly rhetoric.
        if n == 1 {
            continue;
        }
        let whole = caps.get(0).expect("match");
        let anchors = anchors(ctx, whole.start(), whole.end(), mentions);
        push(
            ctx,
            claims,
            ORDINAL,
            class,
            anchors,
            n,
            whole.start(),
            whole.end(),
            period.clone(),
        );
    }
    for caps in NTH_TIME.captures_iter(ctx.text) {
        let whole = caps.get(0).expect("match");
        let Some(n) = parse_ordinal(caps.name("ord").expect("ord").as_str()) else {
            continue;
        };
        if n == 1 {
            continue;
        }
        let Some(class) = class_of_verbs(&ctx.text[..whole.start()]) else {
            continue;
        };
        let anchors = anchors(ctx, whole.start(), whole.end(), mentions);
        push(
            ctx,
            claims,
            ORDINAL,
            class,
            anchors,
            n,
            whole.start(),
            whole.end(),
            period.clone(),
        );
    }
    for caps in N_TIMES.captures_iter(ctx.text) {
        let whole = caps.get(0).expect("match");
        let Some(n) = parse_number(caps.name("num").expect("num").as_str()) else {
            continue;
        };
        let Some(class) = class_of_verbs(&ctx.text[..whole.start()]) else {
            continue;
        };
        let anchors = anchors(ctx, whole.start(), whole.end(), mentions);
        push(
            ctx,
            claims,
            COUNT,
            class,
            anchors,
            n as u32,
            whole.start(),
            whole.end(),
            period.clone(),
        );
    }
    for caps in N_EVENTS.captures_iter(ctx.text) {
        let whole = caps.get(0).expect("match");
        let Some(n) = parse_number(caps.name("num").expect("num").as_str()) else {
            continue;
        };
        let Some(class) = class_of_noun(caps.name("noun").expect("noun").as_str()) else {
            continue;
        };
        let anchors = anchors(ctx, whole.start(), whole.end(), mentions);
        push(
            ctx,
            claims,
            COUNT,
            class,
            anchors,
            n as u32,
            whole.start(),
            whole.end(),
            period.clone(),
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn push(
    ctx: &SentenceContext,
    claims: &mut Vec<Claim>,
    predicate: &str,
    class: &str,
    anchors: Vec<(String, String)>,
    n: u32,
    start: usize,
    end: usize,
    time: Option<String>,
) {
    let keys: Vec<&str> = anchors.iter().map(|(k, _)| k.as_str()).collect();
    let names: Vec<&str> = anchors.iter().map(|(_, d)| d.as_str()).collect();
    claims.push(Claim {
        source: ctx.source,
        subject: Subject {
            text: names.join(", "),
            kind: SubjectKind::Series,
            key: format!("{class}:{}", keys.join("+")),
            label: String::new(),
        },
        predicate: predicate.to_string(),
        value: Value::number(n.to_string(), Interval::exact(f64::from(n))),
        span: ctx.span(start, end),
        sentence: ctx.sentence_span(),
        qualifiers: Qualifiers {
            time,
            ..Qualifiers::default()
        },
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn series(text: &str) -> Vec<(String, String, String, Option<String>)> {
        let knowledge = Knowledge::builtin();
        let ctx = SentenceContext {
            source: 0,
            text,
            offset: 0,
            is_heading: false,
            knowledge: &knowledge,
        };
        let mentions = super::super::person::mentions(&ctx);
        let mut claims = Vec::new();
        extract(&ctx, &mentions, &mut claims);
        claims
            .into_iter()
            .map(|c| {
                (
                    c.predicate,
                    c.subject.key,
                    c.value.canonical,
                    c.qualifiers.time,
                )
            })
            .collect()
    }

    #[test]
    fn ordinal_meetings_with_parties() {
        let got = series(
            "The envoy, Richard Witkoff, is set to meet Putin for the sixth time this year.",
        );
        assert_eq!(
            got,
            vec![(
                ORDINAL.into(),
                "meeting:putin+vitkof".into(),
                "6".into(),
                Some("this-year".into())
            )]
        );
        let got = series("This is Witkoff’s sixth meeting with Putin in a single year.");
        assert_eq!(
            got,
            vec![(
                ORDINAL.into(),
                "meeting:putin+vitkof".into(),
                "6".into(),
                Some("this-year".into())
            )]
        );
    }

    #[test]
    fn counts_of_meetings() {
        let got = series("Witkoff has met him five times.");
        assert_eq!(got[0].0, COUNT);
        assert_eq!(got[0].2, "5");
    }

    #[test]
    fn ordinals_of_other_things_are_not_series() {
        assert!(series("It was the second-largest city and the sixth floor.").is_empty());
        assert!(series("For the first time, he met Putin.").is_empty());
    }
}
