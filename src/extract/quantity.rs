//! Figures with what they count or measure: "over 19,000 children", "701 sq km
//! (270 sq miles)", "€90bn", "19.3%", "sustained winds of 120 mph", "between 20
//! and 25 people". Units are converted to one per dimension (km, km², km/h, m),
//! hedges become intervals, and the measure is the counted noun or the noun the
//! figure is "of" ("winds of 120 mph"), so different measures never meet.

use super::qualifiers::{hedge_before, hedged_interval};
use super::twin::Twin;
use super::SentenceContext;
use crate::claim::{Claim, Qualifiers, Subject, SubjectKind, Value};
use std::sync::LazyLock;

pub const QUANTITY: &str = "quantity";
/// A `quantity` claim of a source's lead (its headline or the first sentence
/// of its body), where a story's key figure is stated: see [`lead_figures`].
pub const LEAD_QUANTITY: &str = "lead_quantity";
/// A count anchored to an event named in its clause ("a mass stranding of
/// 146 pilot whales", "the fire destroyed 40 homes"): how many of one thing
/// one event involved, worth a warning where a bare count is a note.
pub const EVENT_COUNT: &str = "event_count";

/// Copies of the `quantity` claims made in the lead of a source (`sentences`:
/// its sentences in order, with whether each is a heading): its headline
/// and the first sentence of its body (eight words or more, so a dateline or
/// a standfirst fragment is not taken for it). News states the story's key
/// figure there, so two sources' leads giving one measure different figures
/// is worth a warning, where the same measure anywhere else in the texts is
/// only a note (another day's count, a part of the whole, a comparison).
pub fn lead_figures(
    claims: &[Claim],
    sentences: &[crate::segment::Sentence],
    text: &str,
) -> Vec<Claim> {
    let headline = sentences.iter().find(|s| s.is_heading);
    let first_body = sentences.iter().find(|s| {
        !s.is_heading
            && text[s.span.start()..s.span.end()]
                .split_whitespace()
                .count()
                >= 8
    });
    let lead: Vec<crate::span::Span> = headline
        .into_iter()
        .chain(first_body)
        .map(|s| s.span)
        .collect();
    if lead.is_empty() {
        return Vec::new();
    }
    claims
        .iter()
        .filter(|c| c.predicate == QUANTITY)
        .filter(|c| {
            lead.iter()
                .any(|l| l.start() <= c.span.start() && c.span.start() < l.end())
        })
        .map(|c| Claim {
            predicate: LEAD_QUANTITY,
            ..c.clone()
        })
        .collect()
}

static FIGURE: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(concat!(
        r"(?i)(?:between\s+(?P<from>\d[\d,.]*)\s+and\s+)?(?P<cur>[$€£])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)",
        r"(?:\s*(?P<mult1>million|billion|trillion|bn|thousand)(?-u:\b))?",
        r"(?:\s*(?:-|–|to)\s*(?P<cur2>[$€£])?(?P<to>\d[\d,.]*))?",
        r"(?:\s*(?P<mult>million|billion|trillion|bn|thousand)(?-u:\b))?",
        r"(?:\s*(?P<unit>sq(?:uare)?\.?\s*(?:km|kilometres|kilometers|miles|mi)|km/h|kph|mph|miles\s+per\s+hour|kilometres|kilometers|km|miles|metres|meters|feet|ft|per\s*cent|percent|%|kg|kilograms|tonnes|tons)(?-u:\b)|%)?",
    ))
});

/// FIGURE's groups by index: `Captures::name` hashes the name on every call,
/// which cost as much as the search itself here (a figure reads up to a dozen).
struct FigureGroups {
    from: usize,
    cur: usize,
    num: usize,
    mult1: usize,
    to: usize,
    mult: usize,
    unit: usize,
}

static GROUPS: LazyLock<FigureGroups> = LazyLock::new(|| {
    let index = |name: &str| {
        FIGURE
            .as_written()
            .capture_names()
            .position(|n| n == Some(name))
            .expect("FIGURE names the group")
    };
    FigureGroups {
        from: index("from"),
        cur: index("cur"),
        num: index("num"),
        mult1: index("mult1"),
        to: index("to"),
        mult: index("mult"),
        unit: index("unit"),
    }
});

/// A noun right after the figure ("19,000 children", "3 million customers"),
/// skipping adjectives such as "Ukrainian" or "more".
static COUNTED: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(
        r"^\s+(?:(?:\p{Lu}[\p{L}-]*|more|other|additional|new|reported|confirmed|estimated|storm-related|separate)\s+){0,2}(?P<noun>\p{Ll}[\p{Ll}-]{2,})(?-u:\b)",
    )
});

/// "winds of 120 mph", "an apogee of about 1,400 km": the measure before "of",
/// a whole word ("Gusts of 150 mph" opening a sentence is gusts, not "usts").
static MEASURE_OF: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(
        r"(?:^|[^\p{L}’'-])(?P<noun>\p{L}[\p{Ll}-]{2,})\s+of\s+(?:about\s+|around\s+|roughly\s+|up\s+to\s+|more\s+than\s+|nearly\s+|almost\s+|over\s+|some\s+|at\s+least\s+)?$",
    )
});

/// "701 sq km (270 sq miles) of territory": the measure after "of".
static MEASURE_AFTER_OF: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(
        r"^\)?\s*(?:\([^)]*\)\s*)?of\s+(?:(?:\p{Lu}[\p{L}-]*|the|its|their|new)\s+){0,2}(?P<noun>\p{Ll}[\p{Ll}-]{2,})",
    )
});

/// Words after a figure that are not what it counts.
const NOT_MEASURES: &[&str] = &[
    "and", "or", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "per", "than",
    "as", "was", "were", "is", "are", "had", "has", "have", "a.m", "p.m", "years", "year",
    "months", "month", "days", "day", "weeks", "week", "hours", "hour", "minutes", "minute",
    "seconds", "times", "that", "who", "which", "when", "after", "before", "into",
];

pub fn extract(ctx: &SentenceContext, claims: &mut Vec<Claim>) {
    let g = &*GROUPS;
    // Every slice of an ASCII sentence is ASCII: checked once.
    let ascii = ctx.text.is_ascii();
    for caps in FIGURE.with_ascii(ascii).captures_iter(ctx.text) {
        let whole = caps.get(0).expect("match");
        let num = caps.get(g.num).expect("num");
        // Inside a word or a longer token ("Crew-1", "9:23", "Inspiration4").
        let before = ctx.text[..whole.start()].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '–' | '.')) {
            continue;
        }
        let after = &ctx.text[whole.end()..];
        if after.starts_with([':', '-']) && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let Some(mut value) = parse(num.as_str()) else {
            continue;
        };
        // "Category 3" is a class on a scale, read by its own rule.
        if ctx.text[..whole.start()].trim_end().ends_with("Category") {
            continue;
        }
        // Years are dates, not quantities.
        if caps.get(g.unit).is_none()
            && caps.get(g.mult).is_none()
            && caps.get(g.mult1).is_none()
            && caps.get(g.cur).is_none()
            && (1900.0..=2100.0).contains(&value)
            && !num.as_str().contains(',')
        {
            continue;
        }
        // A range's scale, written once at its end ("$6–8 million"), is both
        // ends'; written at each end ("$6 million to $8 million"), each its own.
        let scale_of = |group: usize| match caps.get(group).map(|m| m.as_str().to_lowercase()) {
            Some(m) if m == "thousand" => 1e3,
            Some(m) if m == "million" => 1e6,
            Some(m) if m == "billion" || m == "bn" => 1e9,
            Some(m) if m == "trillion" => 1e12,
            _ => 1.0,
        };
        let (first_multiplier, multiplier) =
            match (caps.get(g.mult1).is_some(), caps.get(g.mult).is_some()) {
                (true, true) => (scale_of(g.mult1), scale_of(g.mult)),
                (true, false) => (scale_of(g.mult1), scale_of(g.mult1)),
                _ => (scale_of(g.mult), scale_of(g.mult)),
            };
        value *= first_multiplier;
        let unit = caps.get(g.unit).map(|u| u.as_str().to_lowercase());
        let (dimension, factor) = match unit.as_deref().map(canonical_unit) {
            Some(Some(found)) => found,
            Some(None) => continue,
            None => match caps.get(g.cur) {
                Some(c) => (currency(c.as_str()), 1.0),
                None => ("", 1.0),
            },
        };
        value *= factor;
        let upper = caps
            .get(g.to)
            .and_then(|t| parse(t.as_str()))
            .map(|t| t * multiplier * factor);
        let lower = caps
            .get(g.from)
            .and_then(|t| parse(t.as_str()))
            .map(|t| t * first_multiplier * factor);
        let measure = if dimension.is_empty() || dimension.starts_with("currency") {
            COUNTED.with_ascii(ascii).captures(after).and_then(|c| {
                let noun = c.name("noun")?;
                (!NOT_MEASURES.contains(&noun.as_str())).then(|| {
                    if dimension.is_empty() {
                        head_noun(noun.as_str(), &after[noun.end()..])
                    } else {
                        // Money is "of" a thing: "a $4.3bn deal", "an $11.8 million total".
                        singular(noun.as_str())
                    }
                })
            })
        } else {
            None
        }
        .or_else(|| {
            let before = super::tail(ctx.text, whole.start(), 120);
            MEASURE_OF
                .with_ascii(ascii)
                .captures(before)
                .map(|c| singular(&c["noun"]))
        })
        .or_else(|| {
            MEASURE_AFTER_OF
                .with_ascii(ascii)
                .captures(after)
                .map(|c| singular(&c["noun"]))
                .filter(|n| !NOT_MEASURES.contains(&n.as_str()))
        });
        let Some(measure) = measure else { continue };
        if dimension.is_empty() && caps.get(g.cur).is_none() && value < 2.0 {
            continue;
        }
        let (lo, hi) = match (lower, upper) {
            (Some(l), _) => (l, value),
            (_, Some(u)) => (value, u),
            _ => (value, value),
        };
        let interval = hedged_interval(
            lo,
            hi,
            hedge_before(ctx.text, whole.start()).map(|(_, b)| b),
        );
        let unit_label = if dimension.is_empty() {
            String::new()
        } else {
            format!(" {dimension}")
        };
        let shown = if lo == hi {
            format!("{}{unit_label}", show(lo))
        } else {
            format!("{} to {}{unit_label}", show(lo), show(hi))
        };
        // "45 people had died" and "320 people had been injured" count different things.
        let outcome = outcome_near(super::tail(ctx.text, whole.start(), 60), after);
        let measure = match outcome {
            Some(o) => format!("{measure} {o}"),
            None => measure,
        };
        // "52 people in Kent and Sussex": a total over several places, not
        // the figure of one of them.
        let measure = match super::qualifiers::places_together(after) {
            Some(places) => format!("{measure} in {places}"),
            None => measure,
        };
        let key = if dimension.is_empty() {
            format!("quantity:{measure}")
        } else {
            format!("quantity:{measure}:{dimension}")
        };
        let event = if dimension.is_empty() {
            super::event::count_anchor(ctx, whole.start(), whole.end())
        } else {
            None
        };
        let claim = Claim {
            source: ctx.source,
            subject: Subject {
                text: measure.as_str().into(),
                kind: SubjectKind::Measure,
                key: key.into(),
                label: measure.as_str().into(),
            },
            predicate: QUANTITY,
            value: Value {
                canonical: shown.as_str().into(),
                key: shown.into(),
                interval: Some(interval),
                aliases: Box::default(),
            },
            span: ctx.span(whole.start(), whole.end()),
            sentence: ctx.sentence_span(),
            qualifiers: Qualifiers {
                hedge: hedge_before(ctx.text, whole.start()).map(|(w, _)| w),
                ..Qualifiers::default()
            }
            .into(),
        };
        if let Some(event) = event {
            let label = format!("the count of {measure} in the {event}");
            claims.push(Claim {
                subject: Subject {
                    text: label.as_str().into(),
                    kind: SubjectKind::Measure,
                    key: format!("count:{event}:{measure}").into(),
                    label: label.into(),
                },
                predicate: EVENT_COUNT,
                ..claim.clone()
            });
        }
        claims.push(claim);
    }
}

/// What happened to the people or things counted, from the words right after the
/// figure ("people had died") or right before it ("killing at least 42 people").
fn outcome_near(before: &str, after: &str) -> Option<&'static str> {
    const OUTCOMES: &[(&str, &str)] = &[
        ("killed", "dead"),
        ("killing", "dead"),
        ("died", "dead"),
        ("dead", "dead"),
        ("deaths", "dead"),
        ("injured", "injured"),
        ("injuring", "injured"),
        ("wounded", "injured"),
        ("hurt", "injured"),
        ("missing", "missing"),
        ("displaced", "displaced"),
        ("evacuated", "displaced"),
        ("homeless", "displaced"),
        ("arrested", "arrested"),
        ("detained", "arrested"),
        ("freed", "freed"),
        ("released", "freed"),
        ("rescued", "rescued"),
        ("deported", "deported"),
        ("relocated", "relocated"),
        ("collapsed", "destroyed"),
        ("destroyed", "destroyed"),
        ("damaged", "damaged"),
    ];
    let find = |words: Vec<&str>| {
        words.into_iter().find_map(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            OUTCOMES.iter().find(|(k, _)| *k == w).map(|(_, o)| *o)
        })
    };
    find(after.split_whitespace().take(5).collect())
        .or_else(|| find(before.split_whitespace().rev().take(3).collect()))
}

fn parse(text: &str) -> Option<f64> {
    text.trim_end_matches([',', '.'])
        .replace(',', "")
        .parse()
        .ok()
}

/// One unit per dimension, with the factor into it.
fn canonical_unit(unit: &str) -> Option<(&'static str, f64)> {
    let unit: String = unit.split_whitespace().collect::<Vec<_>>().join(" ");
    let squared = unit.starts_with("sq");
    Some(match unit.as_str() {
        _ if squared && (unit.contains("mi")) => ("km²", 2.589_988),
        _ if squared => ("km²", 1.0),
        "km/h" | "kph" => ("km/h", 1.0),
        "mph" | "miles per hour" => ("km/h", 1.609_344),
        "km" | "kilometres" | "kilometers" => ("km", 1.0),
        "miles" => ("km", 1.609_344),
        "metres" | "meters" => ("m", 1.0),
        "feet" | "ft" => ("m", 0.3048),
        "%" | "percent" | "per cent" | "percent " => ("%", 1.0),
        "kg" | "kilograms" => ("kg", 1.0),
        "tonnes" | "tons" => ("kg", 1000.0),
        _ => return None,
    })
}

fn currency(symbol: &str) -> &'static str {
    match symbol {
        "$" => "currency:USD",
        "€" => "currency:EUR",
        _ => "currency:GBP",
    }
}

/// What a count counts, from the first lower-case word after the figure and
/// the words that follow it: a compound's last plural with the noun before
/// it ("146 long-finned pilot whales" and "146 pilot whales" count pilot
/// whales; "12 solar projects" and "2 wind projects" stay two measures). A
/// hyphenated or participial word before the head is an adjective
/// ("long-finned", "trained"), not a kind. A first word that is plural is the noun; a later word that is not
/// may be a verb ("400 homes lost power", "30 people died"), so without a
/// later plural the first word is the noun.
fn head_noun(first: &str, rest: &str) -> String {
    let plural = |word: &str| {
        word.len() > 3
            && word.ends_with('s')
            && !word.ends_with("ss")
            && !word.ends_with("us")
            && !word.ends_with("is")
    };
    // A count's first word that is already plural is what it counts.
    if plural(first) {
        return singular(first);
    }
    // Only words after a space: punctuation ends the noun phrase.
    let mut words = rest.split(' ');
    if words.next() != Some("") {
        return singular(first);
    }
    let mut before = first;
    for written in words.take(2) {
        let word = written.trim_end_matches([',', '.', ';', ':', ')']);
        // A participle starts the clause ("26 people changing hands").
        let plain = !word.is_empty()
            && word.chars().all(|c| c.is_lowercase() || c == '-')
            && !word.ends_with("ing")
            && !NOT_MEASURES.contains(&word);
        if !plain {
            break;
        }
        if plural(word) {
            return if before.contains('-') || before.ends_with("ed") {
                singular(word)
            } else {
                format!("{} {}", before.to_lowercase(), singular(word))
            };
        }
        if word.len() != written.len() {
            break;
        }
        before = word;
    }
    singular(first)
}

fn singular(noun: &str) -> String {
    let noun = noun.to_lowercase();
    if let Some(stem) = noun.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if let Some(stem) = noun.strip_suffix("oes") {
        return format!("{stem}o");
    }
    if noun.ends_with("ss") {
        return noun;
    }
    noun.strip_suffix('s').map(str::to_string).unwrap_or(noun)
}

fn show(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{:.1}", v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    /// The claims of one predicate a sentence gives.
    fn claims_of(text: &str, predicate: &str) -> Vec<Claim> {
        let knowledge = Knowledge::builtin();
        let ctx = SentenceContext::standalone(text, &knowledge);
        let mut claims = Vec::new();
        extract(&ctx, &mut claims);
        claims.retain(|c| c.predicate == predicate);
        claims
    }

    fn figures(text: &str) -> Vec<(String, String, f64, f64)> {
        claims_of(text, QUANTITY)
            .into_iter()
            .map(|c| {
                let i = c.value.interval.unwrap();
                (
                    c.subject.key.to_string(),
                    c.value.canonical.to_string(),
                    i.lo,
                    i.hi,
                )
            })
            .collect()
    }

    #[test]
    fn a_count_beside_an_event_is_that_events_count() {
        let counts = |text: &str| {
            claims_of(text, EVENT_COUNT)
                .into_iter()
                .map(|c| c.subject.key.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            counts("A stranding of 146 pilot whales was reported at the spit."),
            vec!["count:stranding:pilot whale"]
        );
        assert_eq!(
            counts("It is the largest stranding since 2017, when more than 600 whales beached."),
            vec!["count:stranding of 2017:whale"]
        );
        assert_eq!(
            counts("On Monday another blaze destroyed 5 sheds."),
            vec!["count:other fire:shed destroyed"]
        );
        // No event in the figure's clause: a bare count.
        assert!(counts("Volunteers planted 48 olive trees.").is_empty());
    }

    #[test]
    fn a_count_counts_its_compounds_plural_head() {
        let key = |text: &str| figures(text)[0].0.clone();
        assert_eq!(
            key("A pod of 164 long-finned pilot whales came ashore."),
            "quantity:pilot whale"
        );
        assert_eq!(
            key("Some 146 pilot whales stranded overnight."),
            "quantity:pilot whale"
        );
        assert_eq!(
            key("The lab tested 600 coral samples, 40 of them."),
            "quantity:coral sample"
        );
        // The kind before the head keeps two kinds of one thing apart.
        assert_eq!(
            key("It approved 12 solar projects."),
            "quantity:solar project"
        );
        // A verb or a participle after the noun is not its head.
        assert_eq!(key("About 400 homes lost power."), "quantity:home");
        assert_eq!(key("Police said 30 people died."), "quantity:people dead");
        assert_eq!(
            key("The auction saw 26 people changing hands."),
            "quantity:people"
        );
        // Punctuation ends the noun phrase; money is of its first noun.
        assert_eq!(
            key("It included 11,480 women, both records."),
            "quantity:women"
        );
        assert_eq!(
            key("The $4.3bn deal means job losses."),
            "quantity:deal:currency:USD"
        );
        // A measure before "of" is a whole word, even opening a sentence.
        assert_eq!(
            key("Gusts of 150 mph tore the roofs off."),
            "quantity:gust:km/h"
        );
    }

    #[test]
    fn hedged_counts_of_a_noun() {
        let got = figures("Ukraine reports over 19,000 children forcibly sent to Russia.");
        assert_eq!(got[0].0, "quantity:children");
        assert_eq!((got[0].2, got[0].3), (19000.0, f64::INFINITY));
        let got = figures("the kidnapping of 20,000 Ukrainian children");
        assert_eq!(got[0].0, "quantity:children");
        assert!(got[0].2 <= 20000.0 && got[0].3 >= 20000.0);
    }

    #[test]
    fn units_are_converted() {
        let got = figures("Russian forces have seized 701 sq km (270 sq miles) of territory.");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got.iter()
                .all(|g| g.0 == "quantity:territory:km²" || g.0.ends_with(":km²")),
            "{got:?}"
        );
        let (a, b) = (&got[0], &got[1]);
        assert!(
            a.2 <= b.3 && b.2 <= a.3,
            "701 sq km and 270 sq miles overlap: {got:?}"
        );
        let got = figures("maximum sustained winds of 120 mph");
        assert_eq!(got[0].0, "quantity:wind:km/h");
    }

    #[test]
    fn a_range_scale_applies_to_both_ends() {
        for text in [
            "a pre-sale estimate of $3–5 million for the vase",
            "a pre-sale estimate of $3 million to $5 million for the vase",
            "a pre-sale estimate of $3-5 million for the vase",
        ] {
            let got = figures(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(
                (got[0].2 <= 3e6, got[0].3 >= 5e6),
                (true, true),
                "{text}: {got:?}"
            );
            assert!(got[0].2 > 2e6 && got[0].3 < 6e6, "{text}: {got:?}");
        }
    }

    #[test]
    fn years_times_and_names_are_not_quantities() {
        assert!(figures("In 2023 the court ruled.").is_empty());
        assert!(figures("It lifted off at 5:23 a.m. on the Crew-1 flight.").is_empty());
    }
}
