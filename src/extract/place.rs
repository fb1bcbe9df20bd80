//! Where things are and where events happen: "Tropicana Field in St. Petersburg",
//! "The exchange took place at an airport in Istanbul", "lifted off from Launch
//! Complex 39A", "first came ashore at Borongan".

use super::SentenceContext;
use crate::claim::{Claim, QualifierBox, Subject, SubjectKind, Value};
use crate::normalize::number::parse_ordinal;
use compact_str::format_compact;
use regex::Regex;
use std::sync::LazyLock;

pub const EVENT_PLACE: &str = "event_place";
pub const FACILITY_PLACE: &str = "facility_place";

const PLACE: &str = r"\p{Lu}[\p{L}’'.-]*(?:\s+(?:\p{Lu}[\p{L}’'.-]*|\d+[A-Z]?))*";

/// "Tropicana Field in St. Petersburg", "Esenboğa Airport outside Ankara".
static FACILITY_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<facility>(?:\p{{Lu}}[\p{{L}}’'-]*\s+){{1,3}}(?:Field|Stadium|Arena|Airport|Ballpark|Coliseum|Speedway|Raceway))\s+(?:in|outside|near)\s+(?P<place>{PLACE})"
    ))
    .expect("valid regex")
});

/// The place after an event trigger: "at an airport in Istanbul", "from Launch
/// Complex 39A", "in Ankara", "at Ankara's main airport".
static EVENT_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?P<prep>in|at|near|from|outside|off)\s+(?:an?\s+[a-z-]+\s+(?:in|at|of|near|outside)\s+|the\s+[a-z-]+\s+of\s+)?(?:the\s+)?(?P<place>{PLACE})(?P<possessive>’s|'s)?"
    ))
    .expect("valid regex")
});

/// Words after which an event is another one than the story's ("a separate exchange").
const OTHER_EVENT: &[&str] = &[
    "separate", "another", "previous", "earlier", "later", "next", "last", "similar", "future",
    "planned", "possible",
];

/// Abbreviated months and time zones: times or dates, not places (weekdays and
/// months in full are `super::is_calendar_word`).
const NOT_PLACES: &[&str] = &[
    "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "EDT", "EST", "GMT", "UTC",
    "CET", "BST",
];

/// How far (bytes) after its trigger an event's place may be written.
const WINDOW: usize = 110;

pub fn extract(ctx: &SentenceContext, claims: &mut Vec<Claim>) {
    facilities(ctx, claims);
    let mut seen_classes = Vec::new();
    for &(trigger_start, trigger_end) in &ctx.event_triggers {
        let trigger = &ctx.text[trigger_start..trigger_end];
        let Some(event) = ctx.knowledge.event(trigger) else {
            continue;
        };
        let class = event.class.as_str();
        // One place per event kind and sentence: the first trigger is the event.
        if seen_classes.contains(&class) {
            continue;
        }
        // A kind without one place per story needs its ordinal or day; a kind
        // a story mostly has one of is the story's one without them.
        let needs_occurrence = !event.place && !event.several;
        let Some(frame) = frame(ctx, trigger_start, trigger_end, event, needs_occurrence) else {
            continue;
        };
        let ordinal = frame.ordinal;
        let day = frame.when();
        let window_end = window_end(ctx.text, trigger_end);
        // A trigger that ends in its place's preposition ("met in") leaves
        // the preposition to the place.
        let window_start = trigger
            .rsplit_once(' ')
            .filter(|(_, last)| last.eq_ignore_ascii_case("in") || last.eq_ignore_ascii_case("at"))
            .map_or(trigger_end, |(verb, _)| trigger_start + verb.len());
        let window = &ctx.text[window_start..window_end];
        let window = window.split([';', '—', '(']).next().unwrap_or(window);
        let window = if event.several || event.place_by_day {
            within_the_clause(window)
        } else {
            window
        };
        let Some(place) = place_in(ctx, window, event.place_from) else {
            continue;
        };
        seen_classes.push(class);
        let place_text = trim_place(place.as_str());
        let start = window_start + place.start();
        let aliases = capitalised_runs(&ctx.text[trigger_start..window_end])
            .into_iter()
            .map(|r| ctx.knowledge.skeleton(r).into())
            .collect();
        // "the Tawa sector" and "the Kopje open-pit quarry" name a part and
        // the whole: places compare only with places of the same kind.
        // "Ankara's main airport": what follows a possessive is the place's part.
        let possessive =
            trim_place(place.as_str()).len() < place.as_str().trim_end_matches(['.', ',']).len();
        let kind = (!possessive)
            .then(|| place_kind(&window[place.end()..]))
            .flatten();
        let day = match (day, kind) {
            (Some(day), Some(kind)) => Some(format!("{day}:{kind}")),
            (None, Some(kind)) => Some(kind.to_string()),
            (day, None) => day,
        };
        let (key, label) = key_and_label(class, ordinal, day.as_deref());
        claims.push(Claim {
            source: ctx.source,
            subject: Subject {
                text: trigger.into(),
                kind: SubjectKind::Event,
                key: key.into(),
                label: label.into(),
            },
            predicate: EVENT_PLACE,
            value: Value {
                canonical: place_text.into(),
                key: ctx.knowledge.skeleton(place_text).into(),
                interval: None,
                aliases,
            },
            span: ctx.span(trigger_start.min(start), start + place_text.len()),
            sentence: ctx.sentence_span(),
            qualifiers: QualifierBox::default(),
        });
    }
}

/// What tells one occurrence of an event kind from another in a sentence: its
/// ordinal ("first landfall") and, for kinds a story holds several of, its day;
/// a year other than the source's makes it another occurrence.
struct Frame {
    ordinal: Option<u32>,
    /// The day the clause gives, for kinds a story holds several of.
    day: Option<String>,
    /// The year, when it is not the source's.
    year: Option<String>,
}

impl Frame {
    /// The day and the year as one key part ("monday/1994").
    fn when(&self) -> Option<String> {
        match (&self.year, &self.day) {
            (Some(year), Some(day)) => Some(format!("{day}/{year}")),
            (Some(year), None) => Some(year.clone()),
            (None, day) => day.clone(),
        }
    }
}

/// The occurrence a trigger names, or None when it names another event than
/// the story's ("a separate exchange"), a trade ("in exchange for"), a plan,
/// or (with `needs_occurrence`) neither an ordinal nor a day.
fn frame(
    ctx: &SentenceContext,
    trigger_start: usize,
    trigger_end: usize,
    event: &crate::knowledge::EventClass,
    needs_occurrence: bool,
) -> Option<Frame> {
    let before = ctx.text[..trigger_start].trim_end();
    let previous = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    let trade = previous == "in" && ctx.text[trigger_end..].trim_start().starts_with("for ");
    if OTHER_EVENT.contains(&previous.as_str()) || trade {
        return None;
    }
    // "may eventually launch from X": a possibility has no place or time yet.
    let ordinal = parse_ordinal(&previous);
    // Kinds a story holds several of are told apart by their day: without
    // one, a place or a time cannot be pinned to one occurrence.
    let day = if (event.place_by_day || event.several) && ordinal.is_none() {
        super::event::day_key(ctx, trigger_start, trigger_end)
    } else {
        None
    };
    if needs_occurrence && ordinal.is_none() && day.is_none() {
        return None;
    }
    // After the cheap tests: the plan and possibility patterns are the costly ones.
    let clause = super::event::clause_before(before, before.len());
    if super::event::planned_or_possible(clause) {
        return None;
    }
    let year = super::event::other_year(ctx, trigger_start, trigger_end);
    Some(Frame { ordinal, day, year })
}

fn key_and_label(class: &str, ordinal: Option<u32>, day: Option<&str>) -> (String, String) {
    match (ordinal, day) {
        (Some(n), _) => (format!("event:{class}#{n}"), format!("the {class} (#{n})")),
        (None, Some(day)) => (
            format!("event:{class}@{day}"),
            format!("the {class} ({day})"),
        ),
        (None, None) => (format!("event:{class}"), format!("the {class}")),
    }
}

/// The key and label of the event occurrence a trigger names, as its place
/// claim is keyed (without the place's kind): None when the trigger names
/// another event, a plan, or one of several meetings without its day.
pub(super) fn event_key(
    ctx: &SentenceContext,
    trigger_start: usize,
    trigger_end: usize,
    event: &crate::knowledge::EventClass,
) -> Option<(String, String)> {
    let frame = frame(ctx, trigger_start, trigger_end, event, event.place_by_day)?;
    // A kind a story mostly has one of is told apart by its place (see
    // `event::one_occurrence_per_source`), not by the day of its time.
    let when = if event.several {
        frame.year.clone()
    } else {
        frame.when()
    };
    Some(key_and_label(&event.class, frame.ordinal, when.as_deref()))
}

/// The words after a trigger of a kind a story holds several of, up to the
/// comma where another clause starts: the place of such an event is written
/// in its own clause or in a phrase set off by commas that starts with a
/// preposition or a participle ("the final meeting, held in Xxx on Monday,";
/// "the vote on Friday, carried 7-2,"). "…, commits the town to a depot at
/// Xxx" is another clause, and the depot's place is not the vote's.
fn within_the_clause(window: &str) -> &str {
    let mut end = window.find(',').unwrap_or(window.len());
    while end < window.len() {
        let rest = &window[end + 1..];
        let first = rest.split_whitespace().next().unwrap_or("");
        let qualifies = matches!(
            first,
            "in" | "at" | "near" | "outside" | "off" | "on" | "held"
        ) || (first.len() > 4 && first.ends_with("ed"));
        if !qualifies {
            break;
        }
        end = rest.find(',').map_or(window.len(), |n| end + 1 + n);
    }
    &window[..end]
}

/// Where the words after a trigger that may hold its place end: [`WINDOW`]
/// bytes on, moved to the end of the word there, so a place is never cut
/// inside a word.
fn window_end(text: &str, trigger_end: usize) -> usize {
    let at = super::char_floor(text, (trigger_end + WINDOW).min(text.len()));
    text[at..]
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map_or(text.len(), |n| at + n)
}

/// The first place `window` (the words after an event's trigger) puts the
/// event in: "at an airport in Istanbul", "in the Tawa sector".
fn place_in<'t>(ctx: &SentenceContext, window: &'t str, from: bool) -> Option<regex::Match<'t>> {
    EVENT_AT.captures_iter(window).find_map(|c| {
        let place = c.name("place")?;
        // "from" places a launch ("lifted off from"), not an exchange
        // "brokered with help from" a country: events.toml says which.
        if &c["prep"] == "from" && !from {
            return None;
        }
        let first = place.as_str().split_whitespace().next().unwrap_or("");
        // "at Peruvian silver mine": an adjective of nationality is no place.
        (!is_not_place(trim_place(first))
            && !ctx.knowledge.is_never_a_name(trim_place(first))
            && trim_place(place.as_str()).chars().count() > 1)
            .then_some(place)
    })
}

/// The place written in the clause right after an event's trigger ("meeting
/// in Bergen on Monday" → "Bergen"): what tells two
/// meetings of one story apart when their days are compared.
pub(super) fn place_key_after(
    ctx: &SentenceContext,
    trigger_end: usize,
    from: bool,
) -> Option<String> {
    let window_end = window_end(ctx.text, trigger_end);
    let window = &ctx.text[trigger_end..window_end];
    let window = window.split([';', '—', '(', ',']).next().unwrap_or(window);
    place_in(ctx, window, from).map(|place| trim_place(place.as_str()).to_string())
}

fn facilities(ctx: &SentenceContext, claims: &mut Vec<Claim>) {
    if !ctx.cues.has(super::cues::Cue::Facility) {
        return;
    }
    for caps in FACILITY_IN.captures_iter(ctx.text) {
        let facility = caps.name("facility").expect("facility");
        let place = caps.name("place").expect("place");
        let place_text = trim_place(place.as_str());
        if is_not_place(trim_place(
            place_text.split_whitespace().next().unwrap_or(""),
        )) {
            continue;
        }
        let facility_text = facility.as_str().trim_start_matches("The ");
        claims.push(Claim {
            source: ctx.source,
            subject: Subject {
                text: facility_text.into(),
                kind: SubjectKind::Measure,
                key: format_compact!("facility:{}", ctx.knowledge.skeleton(facility_text)),
                label: facility_text.into(),
            },
            predicate: FACILITY_PLACE,
            value: Value {
                canonical: place_text.into(),
                key: ctx.knowledge.skeleton(place_text).into(),
                interval: None,
                aliases: capitalised_runs(&ctx.text[place.start()..])
                    .iter()
                    .take(3)
                    .map(|r| ctx.knowledge.skeleton(r).into())
                    .collect(),
            },
            span: ctx.span(facility.start(), place.start() + place_text.len()),
            sentence: ctx.sentence_span(),
            qualifiers: QualifierBox::default(),
        });
    }
}

/// The common noun that says what kind of place a name is, read from the
/// lower-case words right after it ("sector" in "Tawa sector of the quarry",
/// "quarry" in "Kopje open-pit limestone quarry in the hills"): the last of
/// up to three such words before a preposition, article or clause word.
fn place_kind(after: &str) -> Option<&str> {
    const STOPS: &[&str] = &[
        "in", "on", "at", "of", "to", "for", "from", "with", "by", "near", "as", "and", "or",
        "but", "the", "a", "an", "this", "that", "which", "who", "where", "when", "after",
        "before", "while", "since", "until", "was", "were", "is", "are", "has", "had", "have",
        "into", "off", "outside", "about", "over", "under", "during", "amid", "between", "against",
        "without", "within", "through", "across", "via", "than", "then",
    ];
    let lower = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '-');
    let mut kind = None;
    for (n, word) in after.split_whitespace().enumerate() {
        let bare = word.trim_end_matches([',', '.', ';', ':']);
        if STOPS.contains(&word) {
            return kind;
        }
        // Up to three words, ending at a stop word or a punctuation mark: a
        // run going on into a name or a verb phrase says nothing of the kind.
        if n == 3 || !lower(bare) || STOPS.contains(&bare) {
            return None;
        }
        if bare.len() < word.len() {
            return Some(bare);
        }
        kind = Some(bare);
    }
    kind
}

fn is_not_place(word: &str) -> bool {
    NOT_PLACES.contains(&word) || super::is_calendar_word(word)
}

/// A place name without a trailing possessive or stop.
fn trim_place(place: &str) -> &str {
    place
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_end_matches(['.', ','])
}

/// Every run of capitalised words, and each of their words, in `text`.
fn capitalised_runs(text: &str) -> Vec<&str> {
    static RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(PLACE).expect("valid regex"));
    let mut out = Vec::new();
    for m in RUN.find_iter(text) {
        let run = trim_place(m.as_str());
        out.push(run);
        out.extend(
            run.split_whitespace()
                .filter(|w| w.len() > 2)
                .map(trim_place),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn places(text: &str) -> Vec<(String, String)> {
        let knowledge = Knowledge::builtin();
        let ctx = SentenceContext::standalone(text, &knowledge);
        let mut claims = Vec::new();
        extract(&ctx, &mut claims);
        claims
            .into_iter()
            .map(|c| (c.subject.key.to_string(), c.value.canonical.to_string()))
            .collect()
    }

    #[test]
    fn event_places() {
        assert_eq!(
            places("The exchange took place at an airport in Istanbul, where planes landed."),
            vec![("event:exchange".into(), "Istanbul".into())]
        );
        assert_eq!(
            places("The swap was carried out at Ankara's main airport."),
            vec![("event:exchange".into(), "Ankara".into())]
        );
        assert_eq!(places("The rocket lifted off at 5:23 a.m. EDT from Launch Complex 39A at NASA's Kennedy Space Center."), vec![("event:launch".into(), "Launch Complex 39A".into())]);
    }

    #[test]
    fn plans_and_possibilities_have_no_place_yet() {
        assert!(places("The probe may one day launch from Kourou as well.").is_empty());
        assert!(
            places("Officials said the ferry would cross to Mahé, weather permitting.").is_empty()
        );
        assert_eq!(
            places(
                "The probe will be assembled in Bremen, and it lifted off from Kourou in a test."
            )
            .len(),
            1
        );
    }

    #[test]
    fn other_events_and_times_are_not_places() {
        assert!(places("He came back in a separate exchange in Abu Dhabi.").is_empty());
        assert!(places("The exchange happened on Thursday.").is_empty());
    }

    #[test]
    fn months_are_not_places() {
        assert!(places("It was the third prisoner exchange between Washington and Moscow this year, following the release of Trevor Reed in April.").is_empty());
    }

    #[test]
    fn meetings_take_a_place_beside_their_day_only() {
        assert!(places("The delegates held talks in Oslo before flying home.").is_empty());
        assert_eq!(
            places("The talks in Oslo on Monday ended without a deal."),
            vec![("event:meeting@monday".into(), "Oslo".into())]
        );
        // A participant's origin is not the event's place.
        assert!(places("A surveyor from Lima joined the talks on Monday.").is_empty());
    }

    #[test]
    fn places_are_compared_with_places_of_their_kind() {
        assert_eq!(
            places("The embankment collapsed in the Tawa sector of the quarry."),
            vec![("event:collapse@sector".into(), "Tawa".into())]
        );
        assert_eq!(
            places("The embankment collapsed at the Kopje open-pit limestone quarry in the hills."),
            vec![("event:collapse@quarry".into(), "Kopje".into())]
        );
        assert!(places("The roof collapsed at Peruvian silver mine.").is_empty());
        assert!(
            places("When another bridge collapsed in Lyon in 1994, no one was hurt.")
                .iter()
                .all(|(key, _)| key.ends_with("1994"))
        );
    }

    #[test]
    fn facilities() {
        assert_eq!(
            places("Crowds sheltered at Tropicana Field in St. Petersburg."),
            vec![("facility:tropikanafield".into(), "St. Petersburg".into())]
        );
    }
}
