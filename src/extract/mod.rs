//! Sentences in, claims out. One file per family of predicates; each extractor
//! sees one sentence at a time and reports spans relative to the source.

mod administration;
mod age;
mod builder;
mod clock;
mod coref;
mod cues;
pub mod declared;
mod event;
mod lead;
mod office;
mod pattern;
mod person;
mod place;
mod qualifiers;
mod quantity;
mod quote;
mod series;
pub mod slots;
mod term;
pub mod tokens;
mod twin;

use crate::claim::{self, Claim};
use crate::ingest::Source;
use crate::knowledge::Knowledge;
use crate::segment::Sentence;
use crate::span::Span;
use cues::Cue;

pub use age::AGE;
pub use event::EVENT_WEEKDAY;
pub use office::{OFFICE, PARTY};
pub use person::{PersonMention, FIRST_NAME, NAME_SPELLING};
pub use quote::words as quotation_words;

/// Every predicate an extractor can produce; rule files may only name these.
pub const PREDICATES: &[&str] = &[
    person::FIRST_NAME,
    person::NAME_SPELLING,
    administration::HEAD_OF_GOVERNMENT,
    series::ORDINAL,
    series::COUNT,
    quote::QUOTE_SPEAKER,
    event::EVENT_WEEKDAY,
    event::DATE_WEEKDAY,
    event::LANDFALL_CATEGORY,
    event::EVENT_DURATION,
    age::AGE,
    place::EVENT_PLACE,
    place::FACILITY_PLACE,
    clock::EVENT_TIME,
    office::OFFICE,
    office::OFFICE_HOLDER,
    office::PARTY,
    office::TITLE_STYLE,
    office::SEAT,
    term::PRISON_TERM,
    term::REQUESTED_TERM,
    quantity::QUANTITY,
    quantity::LEAD_QUANTITY,
    quantity::EVENT_COUNT,
];

/// A predicate's name as claims hold it. Names declared by rule files are
/// interned: each distinct name is allocated once per process and lives as long
/// as it (rule files are read a few times per run at most).
pub fn predicate(name: &str) -> &'static str {
    if let Some(native) = PREDICATES.iter().find(|p| **p == name) {
        return native;
    }
    interned(name)
}

/// A string claims hold as `&'static str` (a declared predicate, a hedge read
/// back from a claim shard): each distinct one allocated once per process.
pub fn interned(name: &str) -> &'static str {
    use std::collections::BTreeSet;
    use std::sync::Mutex;
    static INTERNED: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut known = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(known) = known.get(name) {
        return known;
    }
    let interned: &'static str = Box::leak(name.to_string().into_boxed_str());
    known.insert(interned);
    interned
}

/// The people a sentence's extractors may tie claims to.
pub struct Named<'a> {
    /// People the sentence names in full.
    pub here: &'a [PersonMention],
    /// People named so far in the source (this sentence included), by byte
    /// offset and surname, so "she said" finds its speaker.
    pub before: &'a [(usize, String)],
    /// Pairs that may be names, if the story's other sources say so.
    pub candidates: &'a [PersonMention],
    /// The people named so far with the roles the source gave them, for
    /// second references ("the agency's director", "she").
    pub roles: &'a coref::Roles,
}

/// What every sentence extractor is: the engine's own families of predicates
/// below, and the rule files' patterns (`declared::Patterns`).
pub trait SentenceExtractor: Sync {
    /// Whether the sentence's cue words let this extractor find anything: a
    /// necessary condition that only saves work.
    fn may_match(&self, _ctx: &SentenceContext) -> bool {
        true
    }

    fn extract(&self, ctx: &SentenceContext, named: &Named, claims: &mut Vec<Claim>);
}

struct FirstNames;
struct Offices;
struct Administrations;
struct Series;
struct Events;
struct Places;
struct Terms;
struct Quantities;

impl SentenceExtractor for FirstNames {
    fn extract(&self, ctx: &SentenceContext, named: &Named, claims: &mut Vec<Claim>) {
        person::first_names(ctx, named.here, named.before, claims);
        person::candidate_names(ctx, named.candidates, named.before, claims);
        person::relatives(ctx, named, claims);
    }
}

impl SentenceExtractor for Offices {
    fn extract(&self, ctx: &SentenceContext, named: &Named, claims: &mut Vec<Claim>) {
        office::extract(ctx, named.here, claims);
        office::surname_titles(ctx, named.here, named.before, claims);
        office::candidacies(ctx, named.here, named.before, claims);
    }
}

impl SentenceExtractor for Administrations {
    fn extract(&self, ctx: &SentenceContext, _: &Named, claims: &mut Vec<Claim>) {
        administration::extract(ctx, claims);
    }
}

impl SentenceExtractor for Series {
    fn may_match(&self, ctx: &SentenceContext) -> bool {
        ctx.cues.has(Cue::Series)
    }

    fn extract(&self, ctx: &SentenceContext, _: &Named, claims: &mut Vec<Claim>) {
        series::extract(ctx, claims);
    }
}

impl SentenceExtractor for Events {
    fn extract(&self, ctx: &SentenceContext, named: &Named, claims: &mut Vec<Claim>) {
        event::weekdays_of_dates(ctx, claims);
        event::extract(ctx, named.before, claims);
    }
}

impl SentenceExtractor for Places {
    fn extract(&self, ctx: &SentenceContext, _: &Named, claims: &mut Vec<Claim>) {
        place::extract(ctx, claims);
        clock::extract(ctx, claims);
    }
}

impl SentenceExtractor for Terms {
    fn may_match(&self, ctx: &SentenceContext) -> bool {
        ctx.cues.has(Cue::Duration)
    }

    fn extract(&self, ctx: &SentenceContext, named: &Named, claims: &mut Vec<Claim>) {
        term::extract(ctx, named.before, claims);
    }
}

impl SentenceExtractor for Quantities {
    fn may_match(&self, ctx: &SentenceContext) -> bool {
        ctx.cues.has_digit()
    }

    fn extract(&self, ctx: &SentenceContext, _: &Named, claims: &mut Vec<Claim>) {
        quantity::extract(ctx, claims);
    }
}

/// The engine's own sentence extractors, in the order their claims are listed.
/// Quotations and ages read the whole source and run after the sentences.
const NATIVE: &[&dyn SentenceExtractor] = &[
    &FirstNames,
    &Offices,
    &Administrations,
    &Series,
    &Events,
    &Places,
    &Terms,
    &Quantities,
];

/// The owner a possessive names ("the port's" → "the port"), or None.
pub(crate) fn possessive_of(word: &str) -> Option<&str> {
    word.strip_suffix("’s").or_else(|| word.strip_suffix("'s"))
}

/// A word without its possessive ending ("Yyy's", "Yyy’s", "Xxxs'" → "Yyy",
/// "Xxxs").
pub(crate) fn strip_possessive(word: &str) -> &str {
    possessive_of(word)
        .unwrap_or(word)
        .trim_end_matches(['’', '\''])
}

/// One sentence under extraction.
pub struct SentenceContext<'a> {
    pub source: usize,
    pub text: &'a str,
    /// Byte offset of `text` in the source.
    pub offset: usize,
    pub is_heading: bool,
    /// The source's publication date, when it states one.
    pub source_date: Option<&'a str>,
    /// For a source that states no date, its story's (the earliest date of
    /// the story's sources): read only to give a year to a month and day
    /// written without one ("Saturday, October 18"), never to resolve "on
    /// Tuesday" or "yesterday", which need the day the source was written.
    pub story_date: Option<&'a str>,
    pub knowledge: &'a Knowledge,
    /// The cue words the sentence has: which extractors can match in it.
    pub cues: cues::Cues,
    /// The declared extractions' cue words in the sentence, found by the same
    /// search as `cues` (`declared::Patterns::sentence_cues`); None where the
    /// cues were found without them (a sentence read alone, in tests).
    pub declared_cues: Option<&'a [declared::CueWord]>,
    /// Whether extractors may skip the sentence by its cues (false only to test
    /// that the cues skip work and never claims).
    pub gated: bool,
    /// Where the sentence names an event ("sentenced", "came ashore"), as byte
    /// ranges: found once, read by the weekday, category and place extractors.
    pub event_triggers: Vec<(usize, usize)>,
    /// The source's capitalised words used on their own (none for a sentence
    /// read alone): evidence that a pair in no name list is a person.
    pub names: Option<&'a person::SourceNames<'a>>,
    /// The sentence before this one in its source (empty for the first): a
    /// figure may be anchored to a thing only it names.
    pub previous: &'a str,
    /// The days the sentence names, read on first use and shared: the event
    /// extractor and the day key of event places both need them, once per
    /// trigger each.
    days: std::cell::OnceCell<Vec<event::DayRef>>,
}

fn event_triggers(text: &str, knowledge: &Knowledge) -> Vec<(usize, usize)> {
    knowledge
        .event_triggers
        .as_ref()
        .map_or_else(Vec::new, |triggers| {
            triggers
                .find_iter(text)
                .filter(|m| {
                    !knowledge
                        .event_non_triggers
                        .iter()
                        .any(|phrase| phrase.eq_ignore_ascii_case(m.as_str()))
                })
                .filter(|m| !modifies_a_noun(text, m.end(), knowledge))
                .map(|m| (m.start(), m.end()))
                .collect()
        })
}

/// Whether the word right after a trigger makes the trigger a modifier of
/// another noun ("the fire service", "outage map"): events.toml's
/// `modifier_heads`.
fn modifies_a_noun(text: &str, end: usize, knowledge: &Knowledge) -> bool {
    if knowledge.event_modifier_heads.is_empty() {
        return false;
    }
    let after = text[end..].strip_prefix([' ', '-']).unwrap_or("");
    let word: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    !word.is_empty() && knowledge.event_modifier_heads.contains(&word)
}

/// Adds to a sentence's `triggers` the second references ("the raid") of the
/// kinds of event its source has named so far by a trigger (`named`, updated
/// with this sentence's): a noun that names a police raid in one story names
/// the robbery in another, so it is read only as a definite reference back to
/// an event the source has already introduced.
fn second_references<'k>(
    text: &str,
    knowledge: &'k Knowledge,
    named: &mut Vec<&'k str>,
    triggers: &mut Vec<(usize, usize)>,
) {
    let Some(seconds) = knowledge.event_second_references.as_ref() else {
        return;
    };
    for &(start, end) in triggers.iter() {
        if let Some(event) = knowledge.event(&text[start..end]) {
            if !named.contains(&event.class.as_str()) {
                named.push(event.class.as_str());
            }
        }
    }
    if named.is_empty() {
        return;
    }
    let found = triggers.len();
    for noun in seconds.find_iter(text) {
        let before = text[..noun.start()].trim_end_matches([' ', '\u{a0}']);
        let definite = before.len() < noun.start()
            && ["the", "this", "that"].iter().any(|article| {
                before.len() >= article.len()
                    && before.is_char_boundary(before.len() - article.len())
                    && before[before.len() - article.len()..].eq_ignore_ascii_case(article)
                    && !before[..before.len() - article.len()]
                        .ends_with(|c: char| c.is_alphanumeric())
            });
        if definite
            && knowledge
                .event(noun.as_str())
                .is_some_and(|event| named.contains(&event.class.as_str()))
        {
            triggers.push((noun.start(), noun.end()));
        }
    }
    if triggers.len() > found {
        triggers.sort_unstable();
    }
}

/// At most the last `max` bytes of `text[..end]`, cut on a char boundary: the
/// context an extractor looks back into. Bounded so that a sentence of megabytes
/// does not make every claim in it scan the whole sentence again.
pub fn tail(text: &str, end: usize, max: usize) -> &str {
    let mut start = end.saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..end]
}

/// Weekdays and months: capitalised words that are never a name, a place or a party.
const CALENDAR_WORDS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
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
];

pub fn is_calendar_word(word: &str) -> bool {
    CALENDAR_WORDS.contains(&word)
}

/// "January" for 1 … "December" for 12.
pub fn month_name(month: i64) -> &'static str {
    CALENDAR_WORDS[(6 + month.clamp(1, 12)) as usize]
}

/// Where `part`, a slice of `whole`, starts in it.
pub fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(whole.as_ptr() as usize)
        .min(whole.len())
}

/// The largest char boundary at or below `at`.
pub fn char_floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl<'a> SentenceContext<'a> {
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(start, end).offset(self.offset)
    }

    /// A sentence on its own, for tests of one extractor.
    #[cfg(test)]
    pub fn standalone(text: &'a str, knowledge: &'a Knowledge) -> Self {
        SentenceContext {
            source: 0,
            text,
            offset: 0,
            is_heading: false,
            source_date: None,
            story_date: None,
            knowledge,
            cues: cues::Cues::of(text),
            declared_cues: None,
            gated: true,
            event_triggers: event_triggers(text, knowledge),
            names: None,
            previous: "",
            days: std::cell::OnceCell::new(),
        }
    }

    pub fn sentence_span(&self) -> Span {
        Span::new(self.offset, self.offset + self.text.len())
    }
}

/// Bylines sit near the top of a source.
const BYLINE_LINES: usize = 10;

/// "By Ana Ruiz", "By Ana Ruiz and Li Wei, Metro desk": a line of its own near
/// the top, "By" and capitalised names up to an optional comma, no full stop.
/// "By the numbers" and "By Tuesday afternoon, officials…" are not bylines.
fn is_byline(sentence: &str, before: &str) -> bool {
    let line = sentence.trim();
    let Some(rest) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
    else {
        return false;
    };
    if line.contains('\n')
        || line.ends_with(['.', '!', '?', '"', '”', ':'])
        || before.matches('\n').count() >= BYLINE_LINES
        || !(before.is_empty() || before.ends_with('\n'))
    {
        return false;
    }
    let names = rest.split(',').next().unwrap_or("");
    let words: Vec<&str> = names.split_whitespace().collect();
    (2..=8).contains(&words.len())
        && words
            .iter()
            .all(|w| *w == "and" || *w == "&" || w.chars().next().is_some_and(char::is_uppercase))
}

pub fn extract(
    source_index: usize,
    source: &Source,
    sentences: &[Sentence],
    knowledge: &Knowledge,
    patterns: &declared::Patterns,
) -> Vec<Claim> {
    extract_in_story(source_index, source, sentences, knowledge, patterns, None)
}

/// [`extract`] for a source of a story dated `story_date` (see
/// [`SentenceContext::story_date`]; used only when the source has no date).
pub fn extract_in_story(
    source_index: usize,
    source: &Source,
    sentences: &[Sentence],
    knowledge: &Knowledge,
    patterns: &declared::Patterns,
    story_date: Option<&str>,
) -> Vec<Claim> {
    extract_gated(
        source_index,
        source,
        sentences,
        knowledge,
        patterns,
        true,
        story_date,
    )
}

/// With `gated` false every extractor runs on every sentence: the reference the
/// cue gates are tested against (they may skip work, never claims).
fn extract_gated(
    source_index: usize,
    source: &Source,
    sentences: &[Sentence],
    knowledge: &Knowledge,
    patterns: &declared::Patterns,
    gated: bool,
    story_date: Option<&str>,
) -> Vec<Claim> {
    let mut claims = Vec::new();
    // People named so far, by byte offset, so "she said" finds its speaker.
    let mut people: Vec<(usize, String)> = Vec::new();
    // Each sentence's cues, kept for the extractors that read the whole source.
    let mut sentence_cues = Vec::with_capacity(sentences.len());
    let names = person::SourceNames::of(&source.text);
    // Who holds which office or role, so later descriptions find them.
    let mut roles = coref::Roles::default();
    // Kinds of event the source has named so far, for their second references.
    let mut named_events: Vec<&str> = Vec::new();
    let mut previous = "";
    // The first names of the people named in full, so a given name used on
    // its own is known to be one of them.
    let mut firsts: Vec<String> = Vec::new();
    // The declared extractions' cue words in the sentence in hand.
    let mut declared_cues = Vec::new();
    for sentence in sentences {
        let text = &source.text[sentence.span.start()..sentence.span.end()];
        let mut triggers = event_triggers(text, knowledge);
        second_references(text, knowledge, &mut named_events, &mut triggers);
        let ctx = SentenceContext {
            source: source_index,
            text,
            offset: sentence.span.start(),
            is_heading: sentence.is_heading,
            source_date: source.date.as_deref(),
            story_date: if source.date.is_none() {
                story_date
            } else {
                None
            },
            knowledge,
            cues: if gated {
                patterns.sentence_cues(text, &mut declared_cues)
            } else {
                declared_cues.clear();
                cues::Cues::all()
            },
            declared_cues: Some(&declared_cues),
            gated,
            event_triggers: triggers,
            names: Some(&names),
            previous,
            days: std::cell::OnceCell::new(),
        };
        previous = text;
        sentence_cues.push(ctx.cues);
        // A byline names who wrote the story, not anyone in it: two stories'
        // reporters who share a surname are not one misnamed person.
        if is_byline(text, &source.text[..sentence.span.start()]) {
            continue;
        }
        let first_claim = claims.len();
        let (mentions, candidates) = person::mentions_and_candidates(&ctx);
        roles.note(&ctx, &mentions, &candidates);
        firsts.extend(mentions.iter().chain(&candidates).map(|m| m.first.clone()));
        people.extend(
            mentions
                .iter()
                .map(|m| (ctx.offset + m.start, m.surname.clone())),
        );
        let named = Named {
            here: &mentions,
            before: &people,
            candidates: &candidates,
            roles: &roles,
        };
        for extractor in NATIVE
            .iter()
            .copied()
            .chain([patterns as &dyn SentenceExtractor])
        {
            if extractor.may_match(&ctx) {
                extractor.extract(&ctx, &named, &mut claims);
            }
        }
        // "…, police said": the claims of the clause it closes are that party's.
        if claims.len() == first_claim {
            continue;
        }
        if let Some((party, start, end)) = qualifiers::attribution_scope(ctx.text) {
            let scope = ctx.offset + start..ctx.offset + end;
            for claim in &mut claims[first_claim..] {
                if !scope.contains(&claim.span.start()) {
                    continue;
                }
                claim
                    .qualifiers
                    .make_mut()
                    .attribution
                    .get_or_insert_with(|| party.as_str().into());
            }
        }
    }
    event::one_occurrence_per_source(knowledge, &mut claims);
    let lead = quantity::lead_figures(&claims, sentences, &source.text);
    claims.extend(lead);
    people.extend(person::surname_mentions(&source.text, &people));
    people.sort();
    // "…between Xxx and Zzz": given names the source uses on their own ride on
    // its first-name claims as aliases, so normalize can tell that a source
    // naming "Www Yyy" while calling an Xxx by name names two people of Yyy
    // when another source has "Xxx Yyy" (split stories, family members).
    if claims.iter().any(|c| c.predicate == FIRST_NAME) {
        let alone = person::given_names_alone(knowledge, &source.text, &firsts, &people);
        if !alone.is_empty() {
            for claim in claims
                .iter_mut()
                .filter(|c| c.predicate == FIRST_NAME && !c.qualifiers.relative)
            {
                let others: Vec<claim::Text> = alone
                    .iter()
                    .filter(|k| **k != claim.value.key.as_str())
                    .map(|k| k.as_str().into())
                    .collect();
                claim.value.aliases = others.into_boxed_slice();
            }
        }
    }
    claims.extend(quote::extract(
        source_index,
        source,
        sentences,
        &people,
        knowledge,
    ));
    claims.extend(age::extract(
        source_index,
        source,
        sentences,
        &sentence_cues,
        &people,
        &roles,
        knowledge,
    ));
    claims
}

#[cfg(test)]
mod tests {
    #[test]
    fn bylines_are_lines_of_names_near_the_top() {
        use super::is_byline;
        assert!(is_byline("By Ana Ruiz", ""));
        assert!(is_byline(
            "By Ana Ruiz and Li Wei, Metro desk",
            "Headline\n\n"
        ));
        assert!(!is_byline("By the numbers", ""));
        assert!(!is_byline("By Tuesday afternoon, officials had left.", ""));
        assert!(!is_byline("By Ana Ruiz", "Text. "));
        assert!(!is_byline("By Ana Ruiz", &"\n".repeat(12)));
    }

    use super::*;
    use std::path::Path;

    /// Every `.txt` and `.md` file under `dir`, recursively.
    fn texts(dir: &Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                texts(&path, out);
            } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push((path.display().to_string(), text));
                }
            }
        }
    }

    #[test]
    fn cue_gates_skip_work_but_never_claims() {
        let knowledge = Knowledge::builtin();
        let patterns = declared::Patterns::new(&crate::rules::load::builtin(), &knowledge);
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut corpus = Vec::new();
        texts(&root.join("seeds"), &mut corpus);
        texts(&root.join("tests/fixtures"), &mut corpus);
        texts(&root.join("../shared/corpus"), &mut corpus);
        corpus.extend(crate::generate::corpus(40, 11, &knowledge));
        assert!(corpus.len() > 100, "only {} texts found", corpus.len());
        let mut claims = 0;
        for (i, (path, text)) in corpus.into_iter().enumerate() {
            let source = Source::from_text(path.clone(), text);
            let sentences = crate::segment::sentences(&source.text);
            let gated = extract_gated(i, &source, &sentences, &knowledge, &patterns, true, None);
            let every = extract_gated(i, &source, &sentences, &knowledge, &patterns, false, None);
            assert_eq!(gated, every, "{path}");
            claims += gated.len();
        }
        assert!(claims > 1000, "only {claims} claims compared");
    }
}
