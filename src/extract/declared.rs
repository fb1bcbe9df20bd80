//! Claims declared in rule files: each `[[extract]]` block's pattern, run on the
//! sentences whose words can match it, and turned into claims by the builder.

use super::builder::{Draft, Period};
use super::cues::{self, Cues};
use super::pattern::{self, Captured, Input, Match, Pattern, SetMatcher};
use super::slots::{SlotContext, SlotKind};
use super::tokens::{tokenize_into, Token};
use super::SentenceContext;
use crate::claim::{Claim, Interval, Subject, SubjectKind, Text, Value};
use crate::knowledge::{fold, Knowledge};
use crate::rules::Rule;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use compact_str::format_compact;
use std::collections::{BTreeMap, HashMap};

/// One `[[extract]]` block of a rule file, parsed and checked.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub predicate: &'static str,
    pub pattern: Pattern,
    /// What the claim is about: the first of these the match provides.
    pub subject: Vec<SubjectSpec>,
    pub value: ValueSpec,
    /// Lower-case words of which the sentence before must hold one (none: no
    /// condition): anchors a figure to a thing that sentence names.
    pub previous_sentence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SubjectSpec {
    /// A slot of the pattern: a person is a person, anything else a thing.
    Capture(usize),
    /// The story's one thing of a kind ("the flight", "the deal", "the $vehicle"),
    /// when the sentence names none.
    Story(Vec<TemplatePart>),
    /// The first person the sentence names before the match (`subject = "the
    /// person"`); none when the sentence names nobody. With `clause`
    /// (`subject = "the person of the clause"`), the first one named in the
    /// match's own clause: after the last ";", ":" or "while" before it.
    SentencePerson { clause: bool },
}

#[derive(Debug, Clone, PartialEq)]
pub enum ValueSpec {
    /// A slot's value; `negate` for a fall ("-$change").
    Capture { capture: usize, negate: bool },
    /// Words and slots: "$yes-$no".
    Template(Vec<TemplatePart>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    Text(String),
    Capture(usize),
}

pub use pattern::parse as pattern_parse;

/// Every set name a pattern uses.
pub fn set_names(pattern: &Pattern, out: &mut std::collections::BTreeSet<String>) {
    pattern::set_names(&pattern.nodes, out);
}

/// Knowledge lists a pattern may use as sets.
pub const KNOWLEDGE_SETS: &[&str] = &["offices", "given-names", "event-words"];

/// Every set name a knowledge list provides: the lists above and the measure
/// lists of `measures.toml`.
pub fn knowledge_sets() -> impl Iterator<Item = &'static str> {
    KNOWLEDGE_SETS
        .iter()
        .chain(crate::knowledge::MEASURE_SETS.iter())
        .copied()
}

fn capture_named(pattern: &Pattern, name: &str) -> Result<usize, String> {
    pattern
        .captures
        .iter()
        .position(|c| c.name == name)
        .ok_or_else(|| {
            let known: Vec<String> = pattern
                .captures
                .iter()
                .map(|c| format!("${}", c.name))
                .collect();
            format!(
                "`${name}` is not a slot of the pattern (its slots: {})",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            )
        })
}

pub fn parse_subject(text: &str, pattern: &Pattern) -> Result<SubjectSpec, String> {
    let text = text.trim();
    if let Some(name) = text.strip_prefix('$').filter(|name| {
        name.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    }) {
        return capture_named(pattern, name).map(SubjectSpec::Capture);
    }
    if text == "the person" {
        return Ok(SubjectSpec::SentencePerson { clause: false });
    }
    if text == "the person of the clause" {
        return Ok(SubjectSpec::SentencePerson { clause: true });
    }
    if text.is_empty() {
        return Err(
            "a subject is `$slot`, `the person` or a story's thing such as `the flight`".into(),
        );
    }
    template(text, pattern).map(SubjectSpec::Story)
}

/// Words with `$slot`s in them: "the $vehicle", "$yes-$no".
fn template(text: &str, pattern: &Pattern) -> Result<Vec<TemplatePart>, String> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        if at > 0 {
            parts.push(TemplatePart::Text(rest[..at].to_string()));
        }
        let name_len = rest[at + 1..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len() - at - 1);
        let name = &rest[at + 1..at + 1 + name_len];
        parts.push(TemplatePart::Capture(capture_named(pattern, name)?));
        rest = &rest[at + 1 + name_len..];
    }
    if !rest.is_empty() {
        parts.push(TemplatePart::Text(rest.to_string()));
    }
    Ok(parts)
}

/// A template filled in from a match. A slot the match left empty (an
/// optional part) is left out when `optional_slots`, else there is no value.
fn fill(
    parts: &[TemplatePart],
    found: &Match,
    input: &Input,
    optional_slots: bool,
) -> Option<String> {
    let mut text = String::new();
    for part in parts {
        match part {
            TemplatePart::Text(t) => text.push_str(t),
            TemplatePart::Capture(c) => {
                let Some(captured) = found.captures[*c].as_ref() else {
                    if optional_slots {
                        continue;
                    }
                    return None;
                };
                match &captured.slot {
                    Some(slot) => text.push_str(&slot.value.canonical),
                    None => text.push_str(words_of(input, captured)),
                }
            }
        }
    }
    if optional_slots {
        // "the plan to start " without its object: no stray spaces.
        text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    Some(text)
}

pub fn parse_value(text: &str, pattern: &Pattern) -> Result<ValueSpec, String> {
    let trimmed = text.trim();
    let (negate, rest) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    if let Some(name) = rest.strip_prefix('$') {
        if name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            return capture_named(pattern, name)
                .map(|capture| ValueSpec::Capture { capture, negate });
        }
    }
    let parts = template(trimmed, pattern)?;
    if parts.is_empty() {
        return Err("the value is empty: name a slot, e.g. `value = \"$price\"`".into());
    }
    Ok(ValueSpec::Template(parts))
}

impl super::SentenceExtractor for Patterns {
    fn may_match(&self, _ctx: &SentenceContext) -> bool {
        !self.compiled.is_empty()
    }

    fn extract(&self, ctx: &SentenceContext, named: &super::Named, claims: &mut Vec<Claim>) {
        self.extract_sentence(ctx, named, claims);
    }
}

/// Per-thread buffers of [`Patterns::extract_sentence`].
struct Scratch {
    active: Vec<bool>,
    tokens: Vec<Token>,
    hits: Vec<Vec<usize>>,
    /// Cue words found, when the sentence's context does not hold them.
    found: Vec<(usize, usize, usize)>,
    /// The cue words found, in the order a leftmost-longest search takes them.
    order: Vec<(usize, usize, usize)>,
}

/// A cue word's start, end and index (into `Patterns::cue_targets`).
pub type CueWord = (usize, usize, usize);

/// One extraction ready to run: its sets resolved.
struct Compiled {
    extraction: Extraction,
    sets: BTreeMap<String, SetMatcher>,
    /// Where matches can start, when the pattern has a word to find them by.
    anchor: Option<pattern::Anchor>,
}

/// Every declared extraction of the loaded rules, with the cue search that
/// picks the ones a sentence can match.
pub struct Patterns {
    compiled: Vec<Compiled>,
    /// The native extractors' cue words (`cues::words`) and the cue words of
    /// the gated extractions in one automaton: one overlapping search a
    /// sentence finds both (`sentence_cues`), where two searches used to.
    cue_search: AhoCorasick,
    /// Per pattern of `cue_search`: the native cues it is a word of (as
    /// `Cues::bit`s) and the cue word of extractions it is (into `cue_targets`).
    cue_kinds: Vec<(u32, Option<usize>)>,
    /// Per cue word: the extractions it lets run.
    cue_targets: Vec<Vec<usize>>,
    /// Extractions without a cue word: run on every sentence.
    always: Vec<usize>,
    /// Anchor words (lower case) and the extractions anchored on each.
    anchored: foldhash::HashMap<Text, Vec<usize>>,
}

impl Patterns {
    pub fn new(rules: &[Rule], knowledge: &Knowledge) -> Self {
        let mut compiled = Vec::new();
        // Cue words and the extractions each lets run; extractions with none.
        let mut words: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut always = Vec::new();
        for rule in rules {
            for extraction in &rule.extract {
                let mut names = std::collections::BTreeSet::new();
                pattern::set_names(&extraction.pattern.nodes, &mut names);
                let sets: BTreeMap<String, SetMatcher> = names
                    .into_iter()
                    .filter_map(|name| {
                        let matcher = match rule.sets.get(&name) {
                            Some(words) => SetMatcher::Phrases(
                                words.iter().map(|w| pattern::phrase(w)).collect(),
                            ),
                            None => knowledge_set(&name, knowledge)?,
                        };
                        Some((name, matcher))
                    })
                    .collect();
                let phrases = |name: &str| match sets.get(name) {
                    Some(SetMatcher::Phrases(p)) => Some(p.clone()),
                    _ => None,
                };
                let anchor = extraction.pattern.anchor(&phrases);
                match pattern::cue_words(&extraction.pattern.nodes, &phrases) {
                    Some(cues) => cues
                        .into_iter()
                        .for_each(|w| words.entry(w).or_default().push(compiled.len())),
                    None => always.push(compiled.len()),
                }
                compiled.push(Compiled {
                    extraction: extraction.clone(),
                    sets,
                    anchor,
                });
            }
        }
        // Each word once, as the search compares them (ASCII case folded).
        let mut cue_targets: Vec<Vec<usize>> = Vec::new();
        let mut cue_kinds: Vec<(u32, Option<usize>)> = Vec::new();
        let mut cue_patterns: Vec<String> = Vec::new();
        let mut pattern_of: HashMap<String, usize> = HashMap::new();
        let natives = cues::words()
            .into_iter()
            .map(|(cue, word)| (word, Cues::bit(cue), None));
        let gated = words
            .into_iter()
            .map(|(word, targets)| (word, 0, Some(targets)));
        for (word, bits, targets) in natives.chain(gated) {
            let at = *pattern_of
                .entry(word.to_ascii_lowercase())
                .or_insert_with(|| {
                    cue_patterns.push(word);
                    cue_kinds.push((0, None));
                    cue_kinds.len() - 1
                });
            cue_kinds[at].0 |= bits;
            let Some(targets) = targets else { continue };
            match cue_kinds[at].1 {
                // Two words that differ only in ASCII case are one word to the
                // search: it lets both words' extractions run.
                Some(earlier) => cue_targets[earlier].extend(targets),
                None => {
                    cue_kinds[at].1 = Some(cue_targets.len());
                    cue_targets.push(targets);
                }
            }
        }
        let cue_search = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(&cue_patterns)
            .expect("cue words build an automaton");
        let mut anchored: foldhash::HashMap<Text, Vec<usize>> = foldhash::HashMap::default();
        for (i, c) in compiled.iter().enumerate() {
            for word in c.anchor.iter().flat_map(|a| &a.words) {
                anchored.entry(word.clone()).or_default().push(i);
            }
        }
        Patterns {
            compiled,
            cue_search,
            cue_kinds,
            cue_targets,
            always,
            anchored,
        }
    }

    /// The cues of `text` (as [`Cues::of`] finds them) and, into `found`, the
    /// cue words of the declared extractions in it, every occurrence: one
    /// overlapping search for both.
    pub fn sentence_cues(&self, text: &str, found: &mut Vec<CueWord>) -> Cues {
        found.clear();
        if cues::has_ascii_lookalike(text) {
            return Cues::all();
        }
        let mut bits = 0;
        for m in self.cue_search.find_overlapping_iter(text) {
            let (native, word) = self.cue_kinds[m.pattern().as_usize()];
            bits |= native;
            if let Some(word) = word {
                found.push((m.start(), m.end(), word));
            }
        }
        Cues::found(bits, text)
    }

    /// The claims the declared patterns read in one sentence. `named` holds the
    /// people named so far in the source and the roles it gave them.
    fn extract_sentence(
        &self,
        ctx: &SentenceContext,
        named: &super::Named,
        claims: &mut Vec<Claim>,
    ) {
        // Buffers reused from sentence to sentence on each thread: extraction
        // allocates per claim, not per sentence.
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = const {
                std::cell::RefCell::new(Scratch {
                    active: Vec::new(),
                    tokens: Vec::new(),
                    hits: Vec::new(),
                    found: Vec::new(),
                    order: Vec::new(),
                })
            };
        }
        SCRATCH.with_borrow_mut(|scratch| {
            let active = &mut scratch.active;
            active.clear();
            // Ungated, or letters that fold to ASCII: `Cues::of` turned every
            // cue on, and every pattern runs.
            active.resize(self.compiled.len(), ctx.cues.every());
            for &i in &self.always {
                active[i] = true;
            }
            if !ctx.cues.every() {
                let found: &[CueWord] = match ctx.declared_cues {
                    Some(found) => found,
                    None => {
                        self.sentence_cues(ctx.text, &mut scratch.found);
                        &scratch.found
                    }
                };
                // The words a leftmost-longest search for these words alone
                // takes: from where the last one ended, the longest of those
                // that start first. (A word hidden that way, "up" of
                // "follow-up", lets nothing run, as before.)
                let order = &mut scratch.order;
                order.clear();
                order.extend_from_slice(found);
                order.sort_unstable_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
                let mut from = 0;
                for &(start, end, word) in order.iter() {
                    if start < from {
                        continue;
                    }
                    from = end;
                    // A cue is a whole token, never part of a longer word (cue words
                    // are ASCII, so a match's ends are char boundaries).
                    let before = ctx.text[..start].chars().next_back();
                    let after = ctx.text[end..].chars().next();
                    if before.is_some_and(char::is_alphanumeric)
                        || after.is_some_and(char::is_alphanumeric)
                    {
                        continue;
                    }
                    for &i in &self.cue_targets[word] {
                        active[i] = true;
                    }
                }
            }
            if active.contains(&true) {
                self.extract_tokens(
                    ctx,
                    &scratch.active,
                    &mut scratch.tokens,
                    &mut scratch.hits,
                    named,
                    claims,
                );
            }
        });
    }

    fn extract_tokens(
        &self,
        ctx: &SentenceContext,
        active: &[bool],
        tokens: &mut Vec<Token>,
        hits: &mut Vec<Vec<usize>>,
        named: &super::Named,
        claims: &mut Vec<Claim>,
    ) {
        let first_claim = claims.len();
        tokenize_into(ctx.text, tokens);
        let tokens: &[Token] = tokens;
        // Per extraction: the tokens its anchor's words are at, from one lookup per token.
        hits.resize_with(self.compiled.len(), Vec::new);
        hits.iter_mut().for_each(Vec::clear);
        for (at, token) in tokens.iter().enumerate() {
            if let Some(targets) = self.anchored.get(&token.lower) {
                for &i in targets {
                    hits[i].push(at);
                }
            }
        }
        let is_given_name = |word: &str| ctx.knowledge.is_given_name(word);
        for ((compiled, _), hits) in self
            .compiled
            .iter()
            .zip(active)
            .zip(hits.iter())
            .filter(|((_, on), _)| **on)
        {
            let sets = |name: &str| compiled.sets.get(name);
            let input = Input {
                slots: SlotContext {
                    text: ctx.text,
                    tokens,
                    source_date: ctx.source_date,
                },
                sets: &sets,
                is_given_name: &is_given_name,
            };
            let found_all = match &compiled.anchor {
                // Anchored, and none of its anchor's words in the sentence.
                Some(_) if hits.is_empty() => continue,
                Some(anchor) => compiled
                    .extraction
                    .pattern
                    .matches_from(&input, Pattern::starts_near(anchor.before, hits)),
                None => compiled.extraction.pattern.matches(&input),
            };
            for found in found_all {
                if let Some(claim) = claim(&compiled.extraction, &found, &input, ctx, named) {
                    claims.push(claim);
                }
            }
        }
        // Two patterns reading the same words ("voted 6-3" and "6-3 in favour")
        // state one claim, not two.
        let mut kept = first_claim;
        for i in first_claim..claims.len() {
            let repeated = claims[first_claim..kept].iter().any(|earlier| {
                earlier.predicate == claims[i].predicate
                    && earlier.subject.key == claims[i].subject.key
                    && earlier.subject.text == claims[i].subject.text
                    && earlier.value.key == claims[i].value.key
                    && earlier.span.start() < claims[i].span.end()
                    && claims[i].span.start() < earlier.span.end()
            });
            if !repeated {
                claims.swap(kept, i);
                kept += 1;
            }
        }
        claims.truncate(kept);
    }
}

fn knowledge_set(name: &str, knowledge: &Knowledge) -> Option<SetMatcher> {
    Some(match name {
        "offices" => SetMatcher::Phrases(
            knowledge
                .offices
                .iter()
                .map(|o| pattern::phrase(o))
                .collect(),
        ),
        "given-names" => SetMatcher::GivenName,
        "event-words" => SetMatcher::Phrases(
            knowledge
                .events
                .iter()
                .flat_map(|e| e.triggers.iter())
                .map(|t| pattern::phrase(t))
                .collect(),
        ),
        // The lists of measures.toml, one set each.
        _ => {
            let at = crate::knowledge::MEASURE_SETS
                .iter()
                .position(|set| *set == name)?;
            SetMatcher::Phrases(
                knowledge
                    .measures
                    .get(at)?
                    .iter()
                    .map(|w| pattern::phrase(w))
                    .collect(),
            )
        }
    })
}

/// Byte range of tokens `start..end` in the sentence.
fn bytes(input: &Input, start: usize, end: usize) -> (usize, usize) {
    let tokens = input.slots.tokens;
    (tokens[start].start, tokens[end - 1].end)
}

fn words_of<'t>(input: &Input<'t>, captured: &Captured) -> &'t str {
    let (start, end) = bytes(input, captured.start, captured.end);
    &input.slots.text[start..end]
}

/// Whether `text` holds `word` (lower case) as a whole word, in any case.
fn has_word(text: &str, word: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = find_ascii_case_insensitive(&bytes[from..], word.as_bytes()) {
        let (start, end) = (from + found, from + found + word.len());
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = start + 1;
    }
    false
}

fn find_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

fn claim(
    extraction: &Extraction,
    found: &Match,
    input: &Input,
    ctx: &SentenceContext,
    named: &super::Named,
) -> Option<Claim> {
    if !extraction.previous_sentence.is_empty()
        && !extraction
            .previous_sentence
            .iter()
            .any(|word| has_word(ctx.previous, word))
    {
        return None;
    }
    let (match_start, match_end) = bytes(input, found.start, found.end);
    let subject = extraction
        .subject
        .iter()
        .find_map(|spec| subject(spec, extraction, found, input, ctx, named, match_start))?;
    let mut period = Period::OfClause;
    let (value, start, end, hedge, rounded, negate) = match &extraction.value {
        ValueSpec::Capture { capture, negate } => {
            let captured = found.captures[*capture].as_ref()?;
            let (start, end) = bytes(input, captured.start, captured.end);
            match &captured.slot {
                Some(slot) => {
                    let kind = extraction.pattern.captures[*capture].kind.as_ref();
                    let rounded = matches!(
                        kind,
                        Some(
                            SlotKind::Number
                                | SlotKind::Money
                                | SlotKind::Percent
                                | SlotKind::Duration
                                | SlotKind::Measure
                                | SlotKind::Points
                        )
                    );
                    // A length of time is read against the spell it measures:
                    // a year in its clause ("detained in August 2022 and spent
                    // 900 days in custody") says when that spell began, not
                    // that it is another one. An era is itself a period.
                    if matches!(kind, Some(SlotKind::Era | SlotKind::Duration)) {
                        period = Period::IsTheValue;
                    }
                    if matches!(kind, Some(SlotKind::Date)) {
                        period = if slot.relative {
                            Period::Undated
                        } else {
                            Period::IsTheValue
                        };
                    }
                    (slot.value.clone(), start, end, slot.hedge, rounded, *negate)
                }
                None => {
                    let words = words_of(input, captured);
                    (
                        Value::text(words, fold(words)),
                        start,
                        end,
                        None,
                        false,
                        false,
                    )
                }
            }
        }
        ValueSpec::Template(parts) => {
            let text = fill(parts, found, input, false)?;
            let key = fold(&text);
            (
                Value::text(text, key),
                match_start,
                match_end,
                None,
                false,
                false,
            )
        }
    };
    let former = found.start > 0
        && input.slots.tokens[found.start.saturating_sub(3)..found.start]
            .iter()
            .any(|t| matches!(t.lower.as_str(), "former" | "ex" | "then"));
    let mut claim = Draft {
        subject,
        predicate: extraction.predicate,
        value,
        start,
        end,
        hedge,
        rounded,
        former,
        period,
    }
    .build(ctx);
    if negate {
        let value = &mut claim.value;
        value.canonical = format_compact!("-{}", value.canonical);
        value.key = format_compact!("-{}", value.key);
        value.interval = value.interval.map(|i| Interval {
            lo: -i.hi,
            hi: -i.lo,
        });
    }
    Some(claim)
}

fn subject(
    spec: &SubjectSpec,
    extraction: &Extraction,
    found: &Match,
    input: &Input,
    ctx: &SentenceContext,
    named: &super::Named,
    match_start: usize,
) -> Option<Subject> {
    let (people, roles) = (named.before, named.roles);
    match spec {
        SubjectSpec::Capture(capture) => {
            let captured = found.captures[*capture].as_ref()?;
            let words = words_of(input, captured);
            let is_person = extraction.pattern.captures[*capture]
                .kind
                .as_ref()
                .is_some_and(SlotKind::is_person);
            if is_person {
                // "Race Director of the …", "Chief of the …": capitalised words
                // ending in a title are an office, not a person, unless a known
                // given name opens them (a surname may be a title word).
                let surname = surname_of(words);
                let first = words.split_whitespace().next().unwrap_or("");
                if ctx.knowledge.is_title(surname) && !ctx.knowledge.is_given_name(first) {
                    return None;
                }
                Some(person(surname))
            } else {
                Some(Subject {
                    text: words.into(),
                    kind: SubjectKind::Thing,
                    key: format_compact!("thing:{}", fold(words)),
                    label: words.into(),
                })
            }
        }
        SubjectSpec::Story(parts) => {
            let noun = fill(parts, found, input, true)?;
            let key = format_compact!("story:{}", fold(&noun));
            Some(Subject {
                text: noun.as_str().into(),
                kind: SubjectKind::Event,
                key,
                label: noun.into(),
            })
        }
        SubjectSpec::SentencePerson { clause } => {
            // The sentence's first person before the words (its subject, as a
            // rule: "X, who died in A, was born in B"). A clause that names
            // nobody may open with a second reference ("She was born…", "the
            // Lagos mechanic spent…"): the person the coreference sieve links
            // it to, or no claim, since a wrong guess is a false alarm.
            // In a clause of its own ("…; Y spent …", "…, while Y was held …")
            // the clause's subject is another person's.
            let tokens = input.slots.tokens;
            let from = if *clause {
                (0..found.start)
                    .rev()
                    .find(|&t| match tokens[t].lower.as_str() {
                        ";" | ":" | "whereas" => true,
                        // "while filming …" is the same person's doing, not a
                        // clause with a subject of its own ("while Y was held").
                        "while" => !tokens.get(t + 1).is_some_and(|next| {
                            next.is_word() && !next.is_capitalised() && next.lower.ends_with("ing")
                        }),
                        _ => false,
                    })
                    .map_or(0, |t| t + 1)
            } else {
                0
            };
            let clause_start = ctx.offset + tokens.get(from).map_or(0, |t| t.start);
            let at = ctx.offset + match_start;
            let named = people
                .iter()
                .find(|(offset, _)| *offset >= clause_start && *offset < at)
                .map(|(offset, surname)| (*offset, surname.as_str()));
            let read = first_full_name(input, from, found.start)
                .map(|(offset, name)| (ctx.offset + offset, name));
            let first = match (named, read) {
                (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
                (a, b) => a.or(b),
            };
            // "Mensah won …" after "Ama Mensah" earlier in the source: a surname
            // the source has already given in full names that person.
            let first = first.or_else(|| {
                (from..found.start).find_map(|at| {
                    let token = &tokens[at];
                    if !token.is_capitalised() {
                        return None;
                    }
                    let word = &input.slots.text[token.start..token.end];
                    people
                        .iter()
                        .take_while(|(offset, _)| *offset < ctx.offset)
                        .any(|(_, surname)| surname == word)
                        .then_some((ctx.offset + token.start, word))
                })
            });
            match first {
                Some((_, name)) => Some(person(surname_of(name))),
                None => second_reference(input, from, found.start, ctx, roles)
                    .map(|surname| person(&surname)),
            }
        }
    }
}

/// The person a clause's subject stands for when it is a second reference:
/// "he" or "she", or a description after "the" ("the Lagos mechanic", "the
/// agency's director"), written where a subject stands (the clause's first
/// words, or after a comma that ends an opening phrase) between tokens `from`
/// and `end`. A description is linked by the sieve of `coref`; one that fits
/// nobody's title, and a pronoun, are the one person in view.
fn second_reference(
    input: &Input,
    from: usize,
    end: usize,
    ctx: &SentenceContext,
    roles: &super::coref::Roles,
) -> Option<String> {
    use super::coref::{description_at, role_words, InView, Resolution};
    let tokens = input.slots.tokens;
    let text = input.slots.text;
    let at = (from..end).find(|&t| {
        (t == from || tokens[t - 1].lower == ",")
            && matches!(tokens[t].lower.as_str(), "the" | "he" | "she")
    })?;
    let token = &tokens[at];
    let offset = ctx.offset + token.start;
    let in_view = || match roles.in_view(&[ctx.previous, &text[..token.start]], offset) {
        InView::One(surname) => Some(surname),
        InView::Nobody | InView::Several => None,
    };
    if token.lower != "the" {
        return in_view();
    }
    let description = description_at(ctx.knowledge, text[token.end..].trim_start())?;
    let words = role_words(ctx.knowledge, description);
    match roles.resolve(ctx.knowledge, &words, offset) {
        Resolution::Person(surname, _) => Some(surname),
        Resolution::Ambiguous => None,
        Resolution::Unheld => in_view(),
    }
}

fn person(surname: &str) -> Subject {
    Subject {
        text: surname.into(),
        kind: SubjectKind::Person,
        key: Text::default(),
        label: Text::default(),
    }
}

/// The first name of two words or more between tokens `from` and `end`
/// ("Sidiki Traoré"), not counting a leading "The", as (byte offset in the
/// sentence, name).
fn first_full_name<'t>(input: &Input<'t>, from: usize, end: usize) -> Option<(usize, &'t str)> {
    let tokens = input.slots.tokens;
    (from..end).find_map(|at| {
        if matches!(
            tokens[at].lower.as_str(),
            "the" | "a" | "an" | "this" | "that"
        ) {
            return None;
        }
        let read = input.slots.read(&SlotKind::Person, at)?;
        (read.end - at >= 2 && read.end <= end).then(|| {
            let (start, stop) = bytes(input, at, read.end);
            (start, &input.slots.text[start..stop])
        })
    })
}

/// The last word of a name, without a possessive: what people are keyed by.
fn surname_of(name: &str) -> &str {
    let name = name.trim_end_matches("’s").trim_end_matches("'s");
    name.rsplit(' ').next().unwrap_or(name)
}
