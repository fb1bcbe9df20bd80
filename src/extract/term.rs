//! Prison terms and the terms parties ask for: "sentenced to 16 years", "a 22.5-year
//! sentence", "270 months", "Prosecutors had asked for 30 years", "the three decades
//! prosecutors had requested". Durations are compared in months, so "22 and a half
//! years", "22 1/2 years" and "270 months" agree; a term served, a term requested,
//! a guideline range and an eligibility date are different measures and never meet.

use super::SentenceContext;
use crate::claim::{Claim, Interval, Qualifiers, Subject, SubjectKind, Value};
use crate::extract::qualifiers::{hedge_before, hedged_interval};
use crate::normalize::number::{number_word_pattern, parse_number};
use regex::Regex;
use std::sync::LazyLock;

pub const PRISON_TERM: &str = "prison_term";
pub const REQUESTED_TERM: &str = "requested_term";

fn duration_pattern() -> String {
    let words = number_word_pattern();
    format!(
        r"(?P<lo>\d+(?:\.\d+)?(?:\s+1/2|½)?|(?:{words})(?:-(?:{words}))?)(?:\s+and\s+a\s+half)?(?:\s+(?:to|and)\s+(?P<hi>\d+(?:\.\d+)?|{words}))?[\s-]+(?P<unit>years?|months?|decades?)(?-u:\b)|(?P<special>a\s+quarter-century|a\s+quarter\s+century|a\s+decade|a\s+half-century)"
    )
}

static DURATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?i){}", duration_pattern())).expect("valid regex"));

/// Words before a duration that make it a term imposed or served.
static TERM_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:sentenced(?-u:\b)[^.;:]{0,60}?(?-u:\b)to|jailed\s+for|imprisoned\s+for|serving|given|handed|received|gets?|got)\s+(?:an?\s+|the\s+|a\s+total\s+of\s+)?$")
        .expect("valid regex")
});

/// Words after a duration that make it a term: "-year sentence", "in prison".
static TERM_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[\s-]+(?:prison|jail|federal)?[\s-]*(?:sentence|term)(?-u:\b)|\s+in\s+(?:federal\s+|state\s+)?(?:prison|jail|custody))")
        .expect("valid regex")
});

/// "Prosecutors had asked for 30 years", "The state sought 40 years".
static REQUEST_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:asked\s+for|sought|requested|recommended|suggested|proposed|urged)\s*:?\s+(?:a\s+sentence\s+of\s+|a\s+term\s+of\s+|a\s+prison\s+term\s+of\s+)?(?:about\s+|roughly\s+|around\s+)?$")
        .expect("valid regex")
});

/// "the three decades prosecutors had requested".
static REQUEST_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:that\s+)?(?P<party>prosecutors|the\s+prosecution|the\s+state|the\s+government|the\s+defen[cs]e|his\s+lawyers|her\s+lawyers)\s+had\s+(?:asked\s+for|sought|requested|recommended|proposed)")
        .expect("valid regex")
});

/// Words that make a duration some other measure than the term imposed.
const OTHER_MEASURES: &[&str] = &[
    "guideline",
    "guidelines",
    "maximum",
    "faced",
    "faces",
    "could have",
    "could face",
    "eligible",
    "release",
    "parole",
    "up to",
    "minimum",
    "asked",
    "sought",
    "requested",
    "recommended",
    "suggested",
    "proposed",
];

/// Who asks for a term, by the words that name them.
const PARTIES: &[(&str, &str)] = &[
    ("prosecutor", "prosecution"),
    ("prosecution", "prosecution"),
    ("the state", "prosecution"),
    ("the government", "prosecution"),
    ("justice department", "prosecution"),
    ("defense", "defense"),
    ("defence", "defense"),
    ("lawyers", "defense"),
    ("attorneys", "defense"),
    ("probation", "probation"),
    ("presentence", "probation"),
];

pub fn extract(ctx: &SentenceContext, people: &[(usize, String)], claims: &mut Vec<Claim>) {
    for caps in DURATION.captures_iter(ctx.text) {
        let whole = caps.get(0).expect("match");
        let Some(months) = duration(&caps) else {
            continue;
        };
        let left_start = super::char_floor(ctx.text, whole.start().saturating_sub(80));
        let left = &ctx.text[left_start..whole.start()];
        let right_end = super::char_floor(ctx.text, (whole.end() + 60).min(ctx.text.len()));
        let right = &ctx.text[whole.end()..right_end];
        let hedge = hedge_before(ctx.text, whole.start());
        let interval = hedged_interval(months.0, months.1, hedge.map(|(_, b)| b));
        // The words before the term with its hedge taken off: "sentenced to
        // nearly 20 years" is sentenced to a term as "sentenced to 20 years" is.
        let unhedged = hedge.map_or(left, |(word, _)| {
            let trimmed = left.trim_end();
            trimmed
                .len()
                .checked_sub(word.len())
                .and_then(|cut| trimmed.get(..cut))
                .unwrap_or(left)
        });
        if let Some(verb) = REQUEST_BEFORE.find(unhedged) {
            if let Some(party) = party_in(super::tail(ctx.text, left_start + verb.start(), 200)) {
                let start = left_start + verb.start();
                claims.push(claim(
                    ctx,
                    start,
                    whole.end(),
                    REQUESTED_TERM,
                    &format!("term:request:{party}"),
                    &format!("term the {party} asked for"),
                    months,
                    interval,
                ));
            }
            continue;
        }
        if let Some(after) = REQUEST_AFTER.captures(right) {
            if let Some(party) = party_in(&after["party"]) {
                let end = whole.end() + after.get(0).expect("match").end();
                claims.push(claim(
                    ctx,
                    whole.start(),
                    end,
                    REQUESTED_TERM,
                    &format!("term:request:{party}"),
                    &format!("term the {party} asked for"),
                    months,
                    interval,
                ));
            }
            continue;
        }
        if !(TERM_BEFORE.is_match(unhedged) || TERM_AFTER.is_match(right)) {
            continue;
        }
        let clause = clause_around(ctx.text, whole.start(), whole.end()).to_lowercase();
        if OTHER_MEASURES.iter().any(|w| clause.contains(w)) {
            continue;
        }
        let Some(person) =
            super::person::who_serves(ctx, super::tail(ctx.text, whole.start(), 300), people)
        else {
            continue;
        };
        let key = format!("term:{}", ctx.knowledge.skeleton(&person));
        claims.push(claim(
            ctx,
            whole.start(),
            whole.end(),
            PRISON_TERM,
            &key,
            &format!("{person}'s prison term"),
            months,
            interval,
        ));
    }
}

#[allow(clippy::too_many_arguments)]
fn claim(
    ctx: &SentenceContext,
    start: usize,
    end: usize,
    predicate: &'static str,
    key: &str,
    label: &str,
    months: (f64, f64),
    interval: Interval,
) -> Claim {
    Claim {
        source: ctx.source,
        subject: Subject {
            text: label.into(),
            kind: SubjectKind::Measure,
            key: key.into(),
            label: label.into(),
        },
        predicate,
        value: Value {
            canonical: show(months).into(),
            key: show(months).into(),
            interval: Some(interval),
            aliases: Box::default(),
        },
        span: ctx.span(start, end),
        sentence: ctx.sentence_span(),
        qualifiers: Qualifiers {
            hedge: hedge_before(ctx.text, start).map(|(w, _)| w),
            ..Qualifiers::default()
        }
        .into(),
    }
}

/// A term in months as a reader would write it.
fn show((lo, hi): (f64, f64)) -> String {
    let one = |m: f64| {
        if m % 12.0 == 0.0 {
            format!("{} years", m / 12.0)
        } else {
            format!("{} months", m)
        }
    };
    if lo == hi {
        one(lo)
    } else {
        format!("{} to {}", one(lo), one(hi))
    }
}

/// The stated duration in months, as a (low, high) pair.
fn duration(caps: &regex::Captures) -> Option<(f64, f64)> {
    if let Some(special) = caps.name("special") {
        let lower = special.as_str().to_lowercase();
        let years = if lower.contains("quarter") {
            25.0
        } else if lower.contains("half") {
            50.0
        } else {
            10.0
        };
        return Some((years * 12.0, years * 12.0));
    }
    let unit = caps.name("unit")?.as_str().to_lowercase();
    let per = if unit.starts_with("month") {
        1.0
    } else if unit.starts_with("decade") {
        120.0
    } else {
        12.0
    };
    let whole = caps.get(0)?.as_str().to_lowercase();
    let half = if whole.contains("and a half") || whole.contains("1/2") || whole.contains('½') {
        0.5
    } else {
        0.0
    };
    let lo_text = caps
        .name("lo")?
        .as_str()
        .trim_end_matches("1/2")
        .trim_end_matches('½')
        .trim();
    let lo = parse_number(lo_text)? + half;
    let hi = caps
        .name("hi")
        .and_then(|h| parse_number(h.as_str()))
        .unwrap_or(lo);
    Some((lo * per, hi.max(lo) * per))
}

fn party_in(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    PARTIES
        .iter()
        .filter_map(|(word, party)| lower.rfind(word).map(|at| (at, *party)))
        .max_by_key(|(at, _)| *at)
        .map(|(_, party)| party)
}

fn clause_around(text: &str, start: usize, end: usize) -> &str {
    const BREAKS: &[char] = &[',', ';', '—', '(', ')'];
    let back = super::tail(text, start, 300);
    let from = back
        .rfind(BREAKS)
        .map_or(start - back.len(), |i| start - back.len() + i + 1);
    let ahead = super::char_floor(text, (end + 300).min(text.len()));
    let to = text[end..ahead].find(BREAKS).map_or(ahead, |i| end + i);
    text.get(from..to).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn terms(text: &str) -> Vec<(String, String)> {
        let knowledge = Knowledge::builtin();
        let ctx = SentenceContext::standalone(text, &knowledge);
        let mut claims = Vec::new();
        extract(&ctx, &[(0, "Dorn".to_string())], &mut claims);
        claims
            .into_iter()
            .map(|c| (c.subject.key.to_string(), c.value.canonical.to_string()))
            .collect()
    }

    #[test]
    fn a_hedged_term_needs_nothing_after_it() {
        for hedge in ["nearly", "about", "more than", "at least"] {
            let text = format!("Dorn was sentenced to {hedge} 20 years on Friday.");
            let found = terms(&text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].0, "term:dorn");
        }
        // A hedged request is a request.
        assert_eq!(
            terms("Prosecutors had asked for at least 12 years.")[0].0,
            "term:request:prosecution"
        );
    }

    #[test]
    fn forms_of_one_term_agree() {
        assert_eq!(
            terms("Dorn was sentenced on Friday to 22 and a half years in prison."),
            vec![("term:dorn".into(), "270 months".into())]
        );
        assert_eq!(
            terms("Dorn was jailed for 22 1/2 years."),
            vec![("term:dorn".into(), "270 months".into())]
        );
        assert_eq!(
            terms("Dorn received a 22.5-year sentence."),
            vec![("term:dorn".into(), "270 months".into())]
        );
        assert_eq!(
            terms("Dorn was sentenced to 270 months."),
            vec![("term:dorn".into(), "270 months".into())]
        );
        assert_eq!(
            terms("Dorn will spend a quarter-century in federal custody."),
            vec![("term:dorn".into(), "25 years".into())]
        );
    }

    #[test]
    fn requests_are_keyed_by_party() {
        assert_eq!(
            terms("Prosecutors had asked for 30 years."),
            vec![("term:request:prosecution".into(), "30 years".into())]
        );
        assert_eq!(
            terms("It fell short of the three decades prosecutors had requested."),
            vec![("term:request:prosecution".into(), "30 years".into())]
        );
        assert_eq!(
            terms("His lawyers proposed 63 to 78 months."),
            vec![(
                "term:request:defense".into(),
                "63 months to 78 months".into()
            )]
        );
    }

    #[test]
    fn the_person_named_in_the_sentence_serves_the_term() {
        let knowledge = Knowledge::builtin();
        let text = "Bout, 55, was serving 25 years.";
        let ctx = SentenceContext::standalone(text, &knowledge);
        let mut claims = Vec::new();
        extract(
            &ctx,
            &[(0, "Whelan".to_string()), (0, "Bout".to_string())],
            &mut claims,
        );
        assert_eq!(claims[0].subject.key, "term:but");
    }

    #[test]
    fn guidelines_and_eligibility_are_other_measures() {
        assert!(terms("The guidelines called for about 12 and a half years.").is_empty());
        assert!(terms("He will be eligible for release after 15 years in prison.").is_empty());
    }
}
