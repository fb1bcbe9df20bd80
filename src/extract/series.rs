//! Ordinals and counts of events in a series: "meet Putin for the sixth time this
//! year", "his fifth visit", "the third round of talks", "has met him five times",
//! "the third hurricane to make landfall in Florida this year".
//!
//! The subject of such a claim is the series: the kind of event plus the parties
//! or places it is anchored to. The normaliser joins claims whose anchors overlap.

use super::{qualifiers, SentenceContext};
use crate::claim::{Claim, Interval, Qualifiers, Subject, SubjectKind, Text, Value};
use crate::normalize::number::{
    number_word_pattern, ordinal_word_pattern, parse_number, parse_ordinal,
};
use compact_str::format_compact;
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
    ("conviction", "conviction"),
    ("convictions", "conviction"),
    ("indictment", "indictment"),
    ("arrest", "arrest"),
    ("victory", "victory"),
    ("win", "victory"),
    ("title", "title"),
    ("defeat", "defeat"),
    ("loss", "defeat"),
    ("earthquake", "earthquake"),
    ("quake", "earthquake"),
    ("shooting", "shooting"),
    ("eruption", "eruption"),
    ("crash", "crash"),
    ("outbreak", "outbreak"),
    ("impeachment", "impeachment"),
    ("veto", "veto"),
    ("summit", "meeting"),
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
    let mut nouns: Vec<&str> = EVENT_NOUNS.iter().map(|(n, _)| *n).collect();
    nouns.sort_by_key(|n| std::cmp::Reverse(n.len()));
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<ord>{}|\d{{1,3}}(?:st|nd|rd|th))(?:[\s-]+[a-z][a-z-]*){{0,2}}?\s+(?P<noun>{})(?-u:\b)",
        ordinal_word_pattern(),
        nouns.join("|")
    ))
    .expect("valid regex")
});

static NTH_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)for\s+(?:the|a)\s+(?P<ord>{}|\d{{1,3}}(?:st|nd|rd|th))\s+(?:straight\s+|consecutive\s+)?time(?-u:\b)",
        ordinal_word_pattern()
    ))
    .expect("valid regex")
});

static N_TIMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<num>{}|\d{{1,3}})\s+times(?-u:\b)",
        number_word_pattern()
    ))
    .expect("valid regex")
});

static N_EVENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<num>{}|\d{{1,3}})\s+(?:(?:separate|previous|prior|face-to-face|in-person|direct|rounds of)\s+)?(?P<noun>meetings|visits|trips|rounds|calls|summits|exchanges|swaps|landfalls|flights)(?-u:\b)",
        number_word_pattern()
    ))
    .expect("valid regex")
});

/// The proper noun a series expression is tied to, written right after it:
/// "with Putin", "between Washington and Moscow", ", at Tolosa", "for Resilience",
/// "to hit Florida", "to make landfall in Florida".
static ANCHOR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^,?\s*(?:of\s+(?:talks|negotiations)\s+)?",
        r"(?:(?:with|between|at|in|for|against|on|to)\s+|to\s+[a-z]+(?:\s+[a-z]+)?\s+(?:in\s+|on\s+|at\s+)?)",
        r"(?:the\s+)?(?P<first>\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,2})",
        r"(?:\s+and\s+(?:the\s+)?(?P<second>\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,2}))?",
    ))
    .expect("valid regex")
});

/// "Witkoff’s sixth meeting": the possessor right before the expression.
static POSSESSOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<name>\p{Lu}[\p{L}.-]*)(?:’s|'s)\s*(?:the\s+)?$").expect("valid regex")
});

/// "The exchange was the second", "The swap marks the third": the event noun is the
/// subject and the ordinal stands alone.
/// "convicted … on seven counts", "guilty on three counts of fraud".
static CONVICTION_COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:on|of)\s+(?P<num>{}|\d{{1,3}})\s+(?:criminal\s+|federal\s+|felony\s+)?counts(?-u:\b)",
        number_word_pattern()
    ))
    .expect("valid regex")
});

static CONVICTION_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:convicted|convicts|guilty|conviction)(?-u:\b)")
        .expect("valid regex")
});

static NOUN_WAS_ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<noun>[a-z-]+)\s+(?:was|is|will be|would be|marks|marked|becomes|became)\s+(?:the|its|his|her|their)\s+(?P<ord>{}|\d{{1,3}}(?:st|nd|rd|th))(?-u:\b)(?P<rest>\s+[a-z-]+)?",
        ordinal_word_pattern()
    ))
    .expect("valid regex")
});

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

/// What ties a series expression to its parties or place: the proper nouns right
/// after it, its possessor, and the object of the event verb before it
/// ("meet Chancellor Otto Brandt for the sixth time").
fn anchors(ctx: &SentenceContext, start: usize, end: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(caps) = ANCHOR_AFTER.captures(&ctx.text[end..]) {
        for name in ["first", "second"].iter().filter_map(|g| caps.name(g)) {
            if let Some(key) = anchor_key(ctx, name.as_str()) {
                out.push((key, display(name.as_str())));
            }
        }
    }
    let before = super::tail(ctx.text, start, 200);
    if let Some(caps) = POSSESSOR.captures(before) {
        let name = caps.name("name").expect("name").as_str();
        if let Some(key) = anchor_key(ctx, name) {
            out.push((key, display(name)));
        }
    }
    if let Some(object) = verb_object(before) {
        if let Some(key) = anchor_key(ctx, object) {
            out.push((key, display(object)));
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// The last capitalised word before `before`'s end when the words before it (past
/// titles and given names) lead back to an event verb: "meet Chancellor Otto Brandt".
fn verb_object(before: &str) -> Option<&str> {
    let mut words = before.split_whitespace().rev();
    let object = words.next()?;
    if !object.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    for word in words.take(4) {
        if word.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        return class_of_verbs(word).map(|_| object);
    }
    None
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
    if ["The", "A", "An", "This", "That"].contains(&last) || super::is_calendar_word(last) {
        return None;
    }
    if let Some(g) = ctx.knowledge.government_by_alias(last) {
        return Some(format!("government:{}", g.id));
    }
    // "with the Malawian leader": a nationality adjective stands for its
    // country, the party a visit to Malawi also names.
    if let Some(country) = ctx.knowledge.country_of(&crate::knowledge::fold(last)) {
        let written = crate::knowledge::capitalise(country);
        if let Some(g) = ctx.knowledge.government_by_alias(&written) {
            return Some(format!("government:{}", g.id));
        }
        return Some(ctx.knowledge.skeleton(country));
    }
    Some(ctx.knowledge.skeleton(last))
}

pub fn extract(ctx: &SentenceContext, claims: &mut Vec<Claim>) {
    let first_claim = claims.len();
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
        let anchors = anchors(ctx, whole.start(), whole.end());
        push(
            ctx,
            claims,
            ORDINAL,
            class,
            anchors,
            n,
            whole.start(),
            whole.end(),
            qualifiers::period_near(ctx.text, whole.start(), whole.end(), ctx.source_date),
        );
    }
    let already_read: Vec<(usize, usize)> = claims[first_claim..]
        .iter()
        .map(|c| (c.span.start() - ctx.offset, c.span.end() - ctx.offset))
        .collect();
    for caps in NOUN_WAS_ORDINAL.captures_iter(ctx.text) {
        // "was the third prisoner exchange" is read by the pattern above.
        let ord_at = caps.name("ord").expect("ord").start();
        if already_read.iter().any(|&(s, e)| s <= ord_at && ord_at < e) {
            continue;
        }
        let Some(class) = class_of_noun(caps.name("noun").expect("noun").as_str()) else {
            continue;
        };
        let ord = caps.name("ord").expect("ord");
        let Some(n) = parse_ordinal(ord.as_str()).filter(|&n| n > 1) else {
            continue;
        };
        let anchors = anchors(ctx, ord.start(), ord.end());
        let whole = caps.get(0).expect("match");
        push(
            ctx,
            claims,
            ORDINAL,
            class,
            anchors,
            n,
            ord.start(),
            ord.end(),
            qualifiers::period_near(ctx.text, whole.start(), whole.end(), ctx.source_date),
        );
    }
    if CONVICTION_WORDS.is_match(ctx.text) {
        for caps in CONVICTION_COUNTS.captures_iter(ctx.text) {
            let whole = caps.get(0).expect("match");
            let Some(n) = parse_number(caps.name("num").expect("num").as_str()) else {
                continue;
            };
            let period =
                qualifiers::period_near(ctx.text, whole.start(), whole.end(), ctx.source_date);
            push(
                ctx,
                claims,
                COUNT,
                "conviction count",
                Vec::new(),
                n as u32,
                whole.start(),
                whole.end(),
                period,
            );
        }
    }
    // "met for the sixth time", "has met Putin five times", "after three meetings".
    let verbs = |whole: &regex::Match| class_of_verbs(super::tail(ctx.text, whole.start(), 200));
    read_figures(ctx, claims, &NTH_TIME, ORDINAL, |caps| {
        verbs(&caps.get(0).expect("match"))
    });
    read_figures(ctx, claims, &N_TIMES, COUNT, |caps| {
        verbs(&caps.get(0).expect("match"))
    });
    read_figures(ctx, claims, &N_EVENTS, COUNT, |caps| {
        class_of_noun(caps.name("noun").expect("noun").as_str())
    });
}

/// Series claims from one pattern: the figure its `ord` (an ordinal other than
/// "first") or `num` group states, about the series `class_of` finds for the
/// match and the parties named around it.
fn read_figures(
    ctx: &SentenceContext,
    claims: &mut Vec<Claim>,
    pattern: &Regex,
    predicate: &'static str,
    class_of: impl Fn(&regex::Captures) -> Option<&'static str>,
) {
    for caps in pattern.captures_iter(ctx.text) {
        let whole = caps.get(0).expect("match");
        let n = match (caps.name("ord"), caps.name("num")) {
            (Some(ord), _) => parse_ordinal(ord.as_str()).filter(|&n| n != 1),
            (None, Some(num)) => parse_number(num.as_str()).map(|n| n as u32),
            (None, None) => None,
        };
        let Some(n) = n else {
            continue;
        };
        let Some(class) = class_of(&caps) else {
            continue;
        };
        let anchors = anchors(ctx, whole.start(), whole.end());
        push(
            ctx,
            claims,
            predicate,
            class,
            anchors,
            n,
            whole.start(),
            whole.end(),
            qualifiers::period_near(ctx.text, whole.start(), whole.end(), ctx.source_date),
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn push(
    ctx: &SentenceContext,
    claims: &mut Vec<Claim>,
    predicate: &'static str,
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
            text: names.join(", ").into(),
            kind: SubjectKind::Series,
            key: format_compact!("{class}:{}", keys.join("+")),
            label: Text::default(),
        },
        predicate,
        value: Value::number(n.to_string(), Interval::exact(f64::from(n))),
        span: ctx.span(start, end),
        sentence: ctx.sentence_span(),
        qualifiers: Qualifiers {
            time: time.map(Into::into),
            ..Qualifiers::default()
        }
        .into(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn series(text: &str) -> Vec<(String, String, String, Option<String>)> {
        let knowledge = Knowledge::builtin();
        let ctx = SentenceContext::standalone(text, &knowledge);

        let mut claims = Vec::new();
        extract(&ctx, &mut claims);
        claims
            .into_iter()
            .map(|c| {
                (
                    c.predicate.to_string(),
                    c.subject.key.to_string(),
                    c.value.canonical.to_string(),
                    c.qualifiers.time.as_deref().map(String::from),
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
                "meeting:putin".into(),
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
        let got = series("The exchange was the second between the two countries this year.");
        assert_eq!(
            got,
            vec![(
                ORDINAL.into(),
                "exchange:".into(),
                "2".into(),
                Some("this-year".into())
            )]
        );
        let got =
            series("It was the third prisoner exchange between Washington and Moscow this year.");
        assert_eq!(
            got[0].1,
            "exchange:government:russia+government:united-states"
        );
    }

    #[test]
    fn a_nationality_adjective_anchors_its_country() {
        let adjective = series("It was his third visit with the Malawian leader this year.");
        let country = series("It was his third visit to Malawi this year.");
        assert_eq!(adjective[0].1, country[0].1);
        assert!(!adjective[0].1.contains("malawian"), "{adjective:?}");
    }

    #[test]
    fn counts_of_conviction() {
        let got = series("A jury convicted him in November on seven counts of fraud.");
        assert_eq!(
            got,
            vec![(COUNT.into(), "conviction count:".into(), "7".into(), None)]
        );
        assert!(series("The plan counts on seven counts of luck.").is_empty());
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
