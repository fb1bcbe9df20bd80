//! Who leads a government, as a source frames it: "the Biden administration",
//! "President Donald Trump", "Prime Minister Keir Starmer". Names are looked up in
//! the heads-of-government knowledge list, never hard-coded.

use super::cues::{captures_if, Cue};
use super::{qualifiers, SentenceContext};
use crate::claim::{Claim, Qualifiers, Subject, SubjectKind, Value};
use crate::knowledge::Head;
use compact_str::format_compact;
use regex::Regex;
use std::sync::LazyLock;

pub const HEAD_OF_GOVERNMENT: &str = "head_of_government";

/// "the Biden administration", "the Biden-Harris administration", "Trump White House".
static ADMINISTRATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<surname>\p{Lu}[\p{L}’'-]*?)(?:[-–]\p{Lu}\p{L}+)?(?:’s|'s)?\s+(?:administration|Administration|White House|government|cabinet)(?-u:\b)")
        .expect("valid regex")
});

/// "President Donald Trump", "U.S. President Joe Biden", "former President Biden",
/// "Prime Minister Keir Starmer".
static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<title>President|Prime Minister|Chancellor|Premier)\s+(?:(?P<given>\p{Lu}\p{L}+)\s+)?(?:\p{Lu}\.\s+)*(?P<surname>\p{Lu}[\p{L}’'-]+)")
        .expect("valid regex")
});

/// Words before a title that put its holder in the past.
const PAST_MARKERS: &[&str] = &[
    "former", "ex-", "then-", "late", "previous", "onetime", "one-time",
];

pub fn extract(ctx: &SentenceContext, claims: &mut Vec<Claim>) {
    for caps in captures_if(ctx.cues.has(Cue::Government), &ADMINISTRATION, ctx.text) {
        let whole = caps.get(0).expect("match");
        let surname = caps.name("surname").expect("surname").as_str();
        let Some(head) = ctx.knowledge.heads_named(surname).next() else {
            continue;
        };
        let former = is_past(ctx.text, whole.start());
        let time = qualifiers::period_near(ctx.text, whole.start(), whole.end(), None)
            .or_else(|| source_year(ctx));
        push(ctx, claims, head, whole.start(), whole.end(), former, time);
    }
    for caps in captures_if(ctx.cues.has(Cue::HeadTitle), &TITLED, ctx.text) {
        let whole = caps.get(0).expect("match");
        let title = caps.name("title").expect("title").as_str();
        let surname = caps.name("surname").expect("surname").as_str();
        let surname = surname.trim_end_matches("’s").trim_end_matches("'s");
        let given = caps.name("given").map(|g| g.as_str());
        let heads: Vec<&Head> = ctx
            .knowledge
            .heads_named(surname)
            .filter(|h| h.titles.iter().any(|t| t == title))
            .filter(|h| {
                given.is_none_or(|g| {
                    ctx.knowledge.given_name_value(g).1
                        == ctx.knowledge.given_name_value(&h.given).1
                })
            })
            .collect();
        let Some(head) = heads.first() else {
            continue;
        };
        // Start the span at a country word written before the title ("US President").
        let start = country_prefix_start(ctx, whole.start());
        let former = is_past(ctx.text, start);
        let time = qualifiers::period_near(ctx.text, start, whole.end(), None)
            .or_else(|| source_year(ctx));
        push(ctx, claims, head, start, whole.end(), former, time);
    }
}

/// Without a year in the text, a claim about who governs is about the source's
/// own year, unless the sentence names one of the story's events: then it is
/// about the event's time ([`crate::claim::EVENT_PERIOD`]).
fn source_year(ctx: &SentenceContext) -> Option<String> {
    let year = ctx.source_date.and_then(|d| d.get(..4))?;
    // Kinds a story holds several of (meetings, visits) name no one event;
    // nor do the general kinds (an outage, an inauguration), which any story
    // may mention beside its own.
    let story_event = ctx.event_triggers.iter().any(|&(start, end)| {
        ctx.knowledge
            .event(&ctx.text[start..end])
            .is_some_and(|event| !event.place_by_day && !event.several)
    });
    Some(if !story_event {
        year.to_string()
    } else {
        crate::claim::EVENT_PERIOD.to_string()
    })
}

fn is_past(text: &str, start: usize) -> bool {
    let before = super::tail(text, start, 24).trim_end().to_lowercase();
    PAST_MARKERS
        .iter()
        .any(|m| before.ends_with(m.trim_end_matches('-')) || before.ends_with(m))
        || before.ends_with("ex-")
        || before.ends_with("then-")
}

fn country_prefix_start(ctx: &SentenceContext, start: usize) -> usize {
    let trimmed = ctx.text[..start].trim_end();
    // The space may be wider than a byte (a no-break space).
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &trimmed[word_start..];
    if ctx.knowledge.government_by_alias(word).is_some() {
        word_start
    } else {
        start
    }
}

fn push(
    ctx: &SentenceContext,
    claims: &mut Vec<Claim>,
    head: &Head,
    start: usize,
    end: usize,
    former: bool,
    time: Option<String>,
) {
    let government = ctx.knowledge.government(&head.government);
    let label = government.map_or(head.government.clone(), |g| g.label.clone());
    claims.push(Claim {
        source: ctx.source,
        subject: Subject {
            text: ctx.text[start..end].into(),
            kind: SubjectKind::Government,
            key: format_compact!("government:{}", head.government),
            label: label.into(),
        },
        predicate: HEAD_OF_GOVERNMENT,
        value: Value::text(head.surname.clone(), ctx.knowledge.skeleton(&head.surname)),
        span: ctx.span(start, end),
        sentence: ctx.sentence_span(),
        qualifiers: Qualifiers {
            time: time.map(Into::into),
            former,
            ..Qualifiers::default()
        }
        .into(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn heads(text: &str) -> Vec<(String, bool, Option<String>, String)> {
        let knowledge = Knowledge::builtin();
        let ctx = SentenceContext::standalone(text, &knowledge);
        let mut claims = Vec::new();
        extract(&ctx, &mut claims);
        claims
            .into_iter()
            .map(|c| {
                (
                    c.value.canonical.to_string(),
                    c.qualifiers.former,
                    c.qualifiers.time.as_deref().map(String::from),
                    text[c.span.start()..c.span.end()].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn administration_and_titled_heads() {
        assert_eq!(
            heads("the balancing act facing the Biden administration."),
            vec![("Biden".into(), false, None, "Biden administration".into())]
        );
        assert_eq!(
            heads("US President Donald Trump called the talks good."),
            vec![(
                "Trump".into(),
                false,
                None,
                "US President Donald Trump".into()
            )]
        );
    }

    #[test]
    fn former_and_dated_references_are_marked() {
        assert_eq!(
            heads("Former President Joe Biden said."),
            vec![("Biden".into(), true, None, "President Joe Biden".into())]
        );
        let dated = heads("the Biden administration's 2023 sanctions");
        assert_eq!(dated[0].2.as_deref(), Some("2023"));
    }

    #[test]
    fn a_wide_space_before_the_title_is_not_cut_inside() {
        // Found by tests/properties.rs: a no-break space is two bytes.
        assert_eq!(
            heads("EPq\u{a0}President Joe Biden said the talks were good.")[0].3,
            "President Joe Biden"
        );
    }

    #[test]
    fn unknown_names_and_other_titles_are_not_heads() {
        assert!(heads("President Zorblat Quux spoke.").is_empty());
        assert!(heads("the Quux administration").is_empty());
    }
}
