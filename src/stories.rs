//! Across stories: the one table that joins stories. Every rule compares the
//! claims of one story; a rule with `scope = "person"` also compares one
//! person's claims across stories, but only where the stories corroborate
//! that they name the same person — a shared surname alone never does, since
//! a day's news is full of unrelated people who share one.
//!
//! The table is all a run keeps of a finished story beyond its findings, so it
//! holds only what the comparison reads: per person and story, the first names
//! and identifying marks, and the claims of the compared predicates reduced to
//! their positions and indices into the strings and values the person's
//! claims share. A claim is rebuilt, exactly as it was, only for a person whose
//! stories are corroborated and compared.

use crate::claim::{Claim, QualifierBox, Subject, SubjectKind, Text, Value};
use crate::findings::{fingerprint, Finding};
use crate::graph::ClaimGroup;
use crate::normalize::Sets;
use crate::pipeline::Story;
use crate::rules::{check, Rule, Scope};
use crate::span::Span;
use std::collections::{BTreeMap, BTreeSet};

/// Predicates whose values identify a person beside the name: an office, a
/// party. Two stories giving one surname the same one of these name one person.
const IDENTIFYING: &[&str] = &["office", "party"];

/// What one story says about one person (by person key) that can show it is
/// the person another story names, and its claims the rules compare. Held
/// for every person of every story until the end of a run, so in boxed
/// slices: no spare capacity, no tree nodes.
struct Identity {
    /// In name order, each once.
    first_names: Box<[Text]>,
    /// `predicate\u{1f}value key` of identifying claims; organisations the
    /// person heads as `office_holder\u{1f}organisation key`. In order, each once.
    marks: Box<[Text]>,
    /// The label of the first compared claim: the same whichever claims a
    /// run keeps.
    label: Text,
    /// Mention texts and labels of the compared claims, each once.
    texts: Box<[Text]>,
    /// Values of the compared claims, each once.
    values: Box<[Value]>,
    /// The compared claims, in claim order.
    facts: Box<[Fact]>,
}

/// An [`Identity`] while its story's claims are read.
#[derive(Default)]
struct Building {
    first_names: BTreeSet<Text>,
    marks: BTreeSet<Text>,
    label: Text,
    texts: Vec<Text>,
    values: Vec<Value>,
    facts: Vec<Fact>,
}

/// A compared claim without what it shares with the person's other claims.
struct Fact {
    /// Its index in its story's claims.
    at: u32,
    source: u32,
    text: u32,
    label: u32,
    value: u32,
    /// Its predicate, as an index into [`People::predicates`].
    predicate: u8,
    span: Span,
    sentence: Span,
    qualifiers: QualifierBox,
}

/// What the person table keeps of one story, made while its claims are in hand.
#[derive(Default)]
pub struct StoryPeople(Vec<(Text, Identity)>);

/// The person table: every finished story's [`StoryPeople`].
///
/// Most people of a day's news are named in one story only, and which ones
/// are not is known only once every story is in; so each entry is written to
/// an unnamed temporary file as its story finishes (see [`crate::spool`]),
/// and memory keeps 16 bytes an entry: a hash of the person's key and the
/// story. Entries are read back only for keys more than one story shares.
#[derive(Default)]
pub struct People {
    /// The predicates the person rules compare; none when no rule has `scope = "person"`.
    compared: Vec<&'static str>,
    /// (hash of the person key, story index) of each entry, stories in order;
    /// entry `i` of `entries` holds the key and what that story says of the person.
    table: Vec<(u64, u32)>,
    entries: crate::spool::Spool,
    /// The first entry that could not be read back, for the report to fail on.
    failed: std::sync::OnceLock<String>,
    /// The ids of the rules with `scope = "person"`.
    person_rules: Vec<String>,
    /// (person key's hash, story index, index in `person_rules`) of each
    /// story that disagrees with itself about the person under the rule:
    /// noted as the stories finish, since their findings are then written
    /// out. 24 bytes each; the hash is 128 bits of BLAKE3, so two keys never
    /// share one in practice.
    disagreeing: foldhash::HashSet<(u64, u64, u32, u16)>,
}

impl People {
    pub fn new(rules: &[Rule]) -> Self {
        let mut compared: Vec<&'static str> = Vec::new();
        for rule in rules.iter().filter(|r| r.scope == Scope::Person) {
            for predicate in &rule.predicates {
                let name = crate::extract::predicate(predicate);
                if !compared.contains(&name) {
                    compared.push(name);
                }
            }
        }
        People {
            compared,
            person_rules: (rules.iter())
                .filter(|r| r.scope == Scope::Person)
                .map(|r| r.id.clone())
                .collect(),
            ..Default::default()
        }
    }

    fn compared(&self, predicate: &str) -> Option<u8> {
        self.compared
            .iter()
            .position(|p| *p == predicate)
            .and_then(|i| u8::try_from(i).ok())
    }

    /// Whether any rule compares people across stories.
    pub fn wanted(&self) -> bool {
        !self.compared.is_empty()
    }

    /// What the table keeps of a story whose claims (normalised, in order)
    /// are `claims`.
    pub fn of_story<'c>(&self, claims: &'c [Claim]) -> StoryPeople {
        let mut people: BTreeMap<&'c str, Building> = BTreeMap::new();
        if !self.wanted() {
            return StoryPeople::default();
        }
        // Shared strings and values are found again through these while the
        // story is in hand; the table keeps only their indices.
        let mut texts: foldhash::HashMap<(&str, &str), u32> = Default::default();
        let mut values: foldhash::HashMap<(&str, &str, &str, Option<&str>), u32> =
            Default::default();
        for (at, claim) in claims.iter().enumerate() {
            if claim.predicate == "office_holder" && claim.value.key.starts_with("person:") {
                // Only people already in the table: a head of an organisation
                // named nowhere else cannot link anything.
                if let Some(identity) = people.get_mut(claim.value.key.as_str()) {
                    identity.marks.insert(compact_str::format_compact!(
                        "office_holder\u{1f}{}",
                        claim.subject.key
                    ));
                }
                continue;
            }
            if claim.subject.kind != SubjectKind::Person {
                continue;
            }
            let person = claim.subject.key.as_str();
            let identity = people.entry(person).or_default();
            let compared = self.compared(claim.predicate);
            if identity.label.is_empty() && compared.is_some() {
                identity.label.clone_from(&claim.subject.label);
            }
            if claim.predicate == crate::extract::FIRST_NAME {
                identity.first_names.insert(claim.value.key.clone());
            }
            // A spelling's key holds the first name it was written with
            // (`person:surname~first`): the same full name in two stories.
            if let Some((_, first)) = person.split_once('~') {
                if !first.is_empty() && !identity.first_names.contains(first) {
                    identity.first_names.insert(first.into());
                }
            }
            if IDENTIFYING.contains(&claim.predicate) && !claim.qualifiers.former {
                identity.marks.insert(compact_str::format_compact!(
                    "{}\u{1f}{}",
                    claim.predicate,
                    claim.value.key
                ));
            }
            let Some(predicate) = compared else {
                continue;
            };
            let mut text_of = |text: &'c Text, identity: &mut Building| -> u32 {
                *texts.entry((person, text.as_str())).or_insert_with(|| {
                    identity.texts.push(text.clone());
                    (identity.texts.len() - 1) as u32
                })
            };
            let text = text_of(&claim.subject.text, identity);
            let label = text_of(&claim.subject.label, identity);
            // Values with an interval or several aliases are kept as they are:
            // few, and an `f64` has no key of its own.
            let value = if claim.value.interval.is_none() && claim.value.aliases.len() <= 1 {
                let alias = claim.value.aliases.first().map(Text::as_str);
                let key = (
                    person,
                    claim.value.canonical.as_str(),
                    claim.value.key.as_str(),
                    alias,
                );
                *values.entry(key).or_insert_with(|| {
                    identity.values.push(claim.value.clone());
                    (identity.values.len() - 1) as u32
                })
            } else {
                identity.values.push(claim.value.clone());
                (identity.values.len() - 1) as u32
            };
            identity.facts.push(Fact {
                at: at as u32,
                source: claim.source as u32,
                text,
                label,
                value,
                predicate,
                span: claim.span,
                sentence: claim.sentence,
                qualifiers: claim.qualifiers.clone(),
            });
        }
        StoryPeople(
            people
                .into_iter()
                // Nothing to compare and nothing that could join two stories
                // that do have something: a mention of a surname alone.
                .filter(|(_, b)| {
                    !(b.facts.is_empty() && b.first_names.is_empty() && b.marks.is_empty())
                })
                .map(|(person, b)| {
                    let identity = Identity {
                        first_names: b.first_names.into_iter().collect(),
                        marks: b.marks.into_iter().collect(),
                        label: b.label,
                        texts: b.texts.into_boxed_slice(),
                        values: b.values.into_boxed_slice(),
                        facts: b.facts.into_boxed_slice(),
                    };
                    (Text::from(person), identity)
                })
                .collect(),
        )
    }

    /// Adds what story `story` (its index in the run's stories) keeps;
    /// stories are added in order.
    pub fn insert(&mut self, story: usize, people: StoryPeople) {
        use std::hash::BuildHasher;
        // Fixed seeds: the same key always hashes the same within the run.
        let hasher = foldhash::fast::FixedState::with_seed(0x5eed);
        for (person, identity) in people.0 {
            let story = u32::try_from(story).unwrap_or(u32::MAX);
            self.table.push((hasher.hash_one(person.as_str()), story));
            self.entries
                .push_with(|out| encode_entry(&person, &identity, out));
        }
    }

    /// Notes which people story `story` (its index in the run's stories)
    /// disagrees with itself about, from its own findings `found`.
    pub fn note(&mut self, story: usize, found: &[Finding]) {
        for finding in found {
            if let Some(key) = self.disagreement(story, &finding.entity_key, &finding.rule) {
                self.disagreeing.insert(key);
            }
        }
    }

    /// Whether story `story` disagrees with itself about `person` under `rule`.
    fn disagrees(&self, story: usize, person: &str, rule: &str) -> bool {
        self.disagreement(story, person, rule)
            .is_some_and(|key| self.disagreeing.contains(&key))
    }

    /// How `disagreeing` holds story `story`'s disagreement about `person`
    /// under `rule`; `None` for a rule that is not a person rule.
    fn disagreement(&self, story: usize, person: &str, rule: &str) -> Option<(u64, u64, u32, u16)> {
        let rule = self.person_rules.iter().position(|id| id == rule)?;
        let hash = blake3::hash(person.as_bytes());
        let half = |at: usize| {
            let mut bytes = [0; 8];
            bytes.copy_from_slice(&hash.as_bytes()[at..at + 8]);
            u64::from_le_bytes(bytes)
        };
        Some((
            half(0),
            half(8),
            u32::try_from(story).ok()?,
            u16::try_from(rule).ok()?,
        ))
    }

    /// Why an entry could not be read back, if one could not.
    pub fn failure(&self) -> Option<String> {
        self.failed
            .get()
            .cloned()
            .or_else(|| self.entries.failure())
    }

    /// Each person more than one story names, in key order, with those
    /// stories' entries in story order, handed to `each` one person at a
    /// time: what is read back of the table is held for one person, not for
    /// all at once (a first pass keeps only the keys of entries whose hash
    /// another entry shares).
    fn for_each_shared(&self, mut each: impl FnMut(Text, Vec<(usize, Identity)>)) {
        let mut order: Vec<usize> = (0..self.table.len()).collect();
        // Stable: entries of one hash stay in story order.
        order.sort_by_key(|&i| self.table[i].0);
        let mut keyed: Vec<(Text, usize)> = Vec::new();
        for same_hash in order.chunk_by(|&a, &b| self.table[a].0 == self.table[b].0) {
            if same_hash.len() < 2 {
                continue;
            }
            for &i in same_hash {
                match self.read(i) {
                    Some((person, _)) => keyed.push((person, i)),
                    None => return,
                }
            }
        }
        drop(order);
        // Keys that only share a hash are told apart here; entries of a key
        // in story order (entries are numbered in story order).
        keyed.sort_unstable();
        for same_key in keyed.chunk_by(|a, b| a.0 == b.0) {
            if same_key.len() < 2 {
                continue;
            }
            let mut entries = Vec::with_capacity(same_key.len());
            for (_, i) in same_key {
                match self.read(*i) {
                    Some((_, identity)) => entries.push((self.table[*i].1 as usize, identity)),
                    None => return,
                }
            }
            each(same_key[0].0.clone(), entries);
        }
    }

    /// Entry `i`, or `None` (with the failure kept) when it cannot be read back.
    fn read(&self, i: usize) -> Option<(Text, Identity)> {
        let read = self.entries.get_with(i, decode_entry);
        if read.is_none() {
            let _ = self.failed.set(format!(
                "an entry of the person table could not be read back (entry {i})"
            ));
        }
        read
    }

    /// Every person more than one story names, as [`People::for_each_shared`] gives them.
    #[cfg(test)]
    fn shared(&self) -> Vec<(Text, Vec<(usize, Identity)>)> {
        let mut shared = Vec::new();
        self.for_each_shared(|person, entries| shared.push((person, entries)));
        shared
    }
}

use crate::spool::{put_number, put_str, put_usize, Reader};

fn put_texts(out: &mut Vec<u8>, texts: &[Text]) {
    put_usize(out, texts.len());
    for text in texts {
        put_str(out, text);
    }
}

fn put_option(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => {
            out.push(1);
            put_str(out, text);
        }
        None => out.push(0),
    }
}

fn put_span(out: &mut Vec<u8>, span: Span) {
    put_usize(out, span.start());
    put_usize(out, span.end());
}

/// One entry of the table as bytes: every field, exactly.
fn encode_entry(person: &str, identity: &Identity, out: &mut Vec<u8>) {
    put_str(out, person);
    put_texts(out, &identity.first_names);
    put_texts(out, &identity.marks);
    put_str(out, &identity.label);
    put_texts(out, &identity.texts);
    put_usize(out, identity.values.len());
    for value in &identity.values {
        put_str(out, &value.canonical);
        put_str(out, &value.key);
        match value.interval {
            Some(interval) => {
                out.push(1);
                put_number(out, interval.lo.to_bits());
                put_number(out, interval.hi.to_bits());
            }
            None => out.push(0),
        }
        put_texts(out, &value.aliases);
    }
    put_usize(out, identity.facts.len());
    for fact in &identity.facts {
        for n in [fact.at, fact.source, fact.text, fact.label, fact.value] {
            put_number(out, u64::from(n));
        }
        out.push(fact.predicate);
        put_span(out, fact.span);
        put_span(out, fact.sentence);
        let q = &*fact.qualifiers;
        put_option(out, q.hedge);
        put_option(out, q.time.as_deref());
        put_option(out, q.attribution.as_deref());
        out.push(u8::from(q.former) | u8::from(q.relative) << 1 | u8::from(q.candidate) << 2);
        match q.speaker {
            Some(span) => {
                out.push(1);
                put_span(out, span);
            }
            None => out.push(0),
        }
        put_option(out, q.role.as_deref());
    }
}

fn read_texts(r: &mut Reader) -> Option<Box<[Text]>> {
    let n = r.number()?;
    (0..n).map(|_| r.string().map(Text::from)).collect()
}

fn read_option(r: &mut Reader) -> Option<Option<String>> {
    Some(if r.flag()? { Some(r.string()?) } else { None })
}

fn read_span(r: &mut Reader) -> Option<Span> {
    let (start, end) = (r.number()?, r.number()?);
    (start <= end).then(|| Span::new(start, end))
}

fn read_u32(r: &mut Reader) -> Option<u32> {
    u32::try_from(r.number()?).ok()
}

/// What [`encode_entry`] wrote.
fn decode_entry(r: &mut Reader) -> Option<(Text, Identity)> {
    let person = Text::from(r.string()?);
    let first_names = read_texts(r)?;
    let marks = read_texts(r)?;
    let label = Text::from(r.string()?);
    let texts = read_texts(r)?;
    let values = (0..r.number()?)
        .map(|_| {
            let canonical = Text::from(r.string()?);
            let key = Text::from(r.string()?);
            let interval = if r.flag()? {
                let lo = f64::from_bits(r.number()? as u64);
                let hi = f64::from_bits(r.number()? as u64);
                Some(crate::claim::Interval { lo, hi })
            } else {
                None
            };
            Some(Value {
                canonical,
                key,
                interval,
                aliases: read_texts(r)?,
            })
        })
        .collect::<Option<Box<[Value]>>>()?;
    let facts = (0..r.number()?)
        .map(|_| {
            let (at, source, text, label, value) = (
                read_u32(r)?,
                read_u32(r)?,
                read_u32(r)?,
                read_u32(r)?,
                read_u32(r)?,
            );
            let predicate = r.byte()?;
            let (span, sentence) = (read_span(r)?, read_span(r)?);
            let hedge = read_option(r)?.map(|h| crate::extract::interned(&h));
            let time = read_option(r)?.map(Text::from);
            let attribution = read_option(r)?.map(Text::from);
            let flags = r.byte()?;
            let speaker = if r.flag()? { Some(read_span(r)?) } else { None };
            let role = read_option(r)?.map(Text::from);
            let qualifiers = crate::claim::Qualifiers {
                hedge,
                time,
                attribution,
                former: flags & 1 != 0,
                relative: flags & 2 != 0,
                candidate: flags & 4 != 0,
                speaker,
                role,
            };
            Some(Fact {
                at,
                source,
                text,
                label,
                value,
                predicate,
                span,
                sentence,
                qualifiers: qualifiers.into(),
            })
        })
        .collect::<Option<Box<[Fact]>>>()?;
    Some((
        person,
        Identity {
            first_names,
            marks,
            label,
            texts,
            values,
            facts,
        },
    ))
}

impl Identity {
    /// The compared claim `fact`, as the story's claims held it.
    fn claim(&self, person: &str, predicate: &'static str, fact: &Fact) -> Claim {
        Claim {
            source: fact.source as usize,
            subject: Subject {
                text: self.texts[fact.text as usize].clone(),
                kind: SubjectKind::Person,
                key: person.into(),
                label: self.texts[fact.label as usize].clone(),
            },
            predicate,
            value: self.values[fact.value as usize].clone(),
            span: fact.span,
            sentence: fact.sentence,
            qualifiers: fact.qualifiers.clone(),
        }
    }
}

/// Findings across stories of one person and predicate, with the claims they
/// point at (rebuilt from the table; the findings' claim indices are into
/// `claims`) and where each claim is: its story and its index in the story's
/// claims.
pub struct Across {
    pub findings: Vec<Finding>,
    pub claims: Vec<Claim>,
    pub at: Vec<(usize, usize)>,
}

/// Findings across stories for the rules with `scope = "person"`: one finding
/// per person and rule whose corroborated stories disagree. A story that
/// already disagrees with itself on the person is left to its own finding.
/// Findings within stories are never changed: a finding across stories has a
/// fingerprint of its own.
pub fn link(rules: &[Rule], people: &People, stories: &[Story]) -> Vec<Across> {
    let person_rules: Vec<&Rule> = rules.iter().filter(|r| r.scope == Scope::Person).collect();
    if stories.len() < 2 || person_rules.is_empty() {
        return Vec::new();
    }
    // Each person's stories together, in story order.
    let mut found = Vec::new();
    people.for_each_shared(|person, entries| {
        let person = person.as_str();
        let listed: Vec<(&usize, &Identity)> = entries.iter().map(|(s, i)| (s, i)).collect();
        // Stories sharing a first name or a mark are joined through the first
        // story that has it: linear in the table, not quadratic in stories.
        let mut sets = Sets::new(listed.len());
        let mut first_with: BTreeMap<(bool, &str), usize> = BTreeMap::new();
        for (member, (_, identity)) in listed.iter().enumerate() {
            let names = identity.first_names.iter().map(|n| (true, n.as_str()));
            let marks = identity.marks.iter().map(|m| (false, m.as_str()));
            for evidence in names.chain(marks) {
                let first = *first_with.entry(evidence).or_insert(member);
                sets.join(first, member);
            }
        }
        let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for member in 0..listed.len() {
            clusters.entry(sets.find(member)).or_default().push(member);
        }
        for members in clusters.values().filter(|m| m.len() > 1) {
            for rule in &person_rules {
                for name in &rule.predicates {
                    let predicate = crate::extract::predicate(name);
                    let Some(index) = people.compared(predicate) else {
                        continue;
                    };
                    let in_play: Vec<(usize, &Identity)> = members
                        .iter()
                        .map(|&m| (*listed[m].0, listed[m].1))
                        // A story that already disagrees with itself about the
                        // person is not compared: its own finding says so, and
                        // its values cannot stand for it.
                        .filter(|(s, _)| !people.disagrees(*s, person, &rule.id))
                        .filter(|(_, identity)| identity.facts.iter().any(|f| f.predicate == index))
                        .collect();
                    if in_play.len() < 2 {
                        continue;
                    }
                    let mut claims = Vec::new();
                    let mut at = Vec::new();
                    for (s, identity) in &in_play {
                        for fact in identity.facts.iter().filter(|f| f.predicate == index) {
                            claims.push(identity.claim(person, predicate, fact));
                            at.push((*s, fact.at as usize));
                        }
                    }
                    let group = ClaimGroup {
                        entity_key: person,
                        entity_label: &in_play[0].1.label,
                        predicate,
                        claims: (0..claims.len()).collect(),
                    };
                    let mut findings = Vec::new();
                    for mut finding in check::apply(rule, &group, &claims) {
                        let joined: BTreeSet<usize> = finding
                            .values
                            .iter()
                            .flat_map(|v| &v.claims)
                            .map(|&c| at[c].0)
                            .collect();
                        if joined.len() < 2 {
                            continue;
                        }
                        finding.across = joined.iter().map(|&s| stories[s].name.clone()).collect();
                        let keys: Vec<&str> =
                            finding.values.iter().map(|v| v.key.as_str()).collect();
                        // Its own identity: the same person and values within one
                        // story are another finding, with the fingerprint it always had.
                        finding.fingerprint = fingerprint(
                            &rule.id,
                            &format!("across-stories\u{1f}{}", finding.entity_key),
                            &finding.predicate,
                            finding.period.as_deref(),
                            &keys,
                        );
                        finding.message = format!(
                            "{} (across stories: {})",
                            finding.message,
                            finding.across.join(", ")
                        );
                        findings.push(finding);
                    }
                    if !findings.is_empty() {
                        found.push(Across {
                            findings,
                            claims,
                            at,
                        });
                    }
                }
            }
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;

    /// A story's claims, normalised as a run has them.
    fn story(texts: &[&str]) -> Vec<Claim> {
        let sources: Vec<Source> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Source::from_text(format!("{i}.txt"), t.to_string()))
            .collect();
        let rules = crate::rules::load::builtin();
        crate::pipeline::claims(&sources, &rules, &crate::knowledge::Knowledge::builtin())
    }

    /// What the table says of a person, as claims and evidence.
    fn shown(people: &People, person: &str, identity: &Identity) -> String {
        let claims: Vec<Claim> = identity
            .facts
            .iter()
            .map(|f| identity.claim(person, people.compared[f.predicate as usize], f))
            .collect();
        format!(
            "{:?} {:?} {} {claims:?}",
            identity.first_names, identity.marks, identity.label
        )
    }

    /// A finished story leaves in memory a hash and a story number per
    /// person; what the table read of the story comes back from the
    /// temporary file unchanged, and only for people another story names.
    #[test]
    fn finished_stories_keep_only_an_index_in_memory() {
        let rules = crate::rules::load::builtin();
        let mut people = People::new(&rules);
        let stories = [
            story(&[
                "Mayor Ilse Marchetti, 52, opened the bridge, said to cost about $4m.",
                "\"It is open at last,\" Mayor Ilse Marcheti said on Tuesday.",
            ]),
            story(&["Mayor Ilse Marchetti cut the ribbon of the library."]),
            story(&["Governor Tobin Vantongeren picked the first apples."]),
        ];
        let mut expected: BTreeMap<Text, Vec<(usize, String)>> = BTreeMap::new();
        for (s, claims) in stories.iter().enumerate() {
            let of_story = people.of_story(claims);
            for (person, identity) in &of_story.0 {
                let seen = shown(&people, person, identity);
                expected.entry(person.clone()).or_default().push((s, seen));
            }
            people.insert(s, of_story);
        }
        // In memory: one (hash, story) pair an entry, nothing of the story's claims.
        assert!(people.table.len() >= 3);
        assert_eq!(std::mem::size_of_val(&people.table[0]), 16);
        assert_eq!(
            people.table.len(),
            expected.values().map(Vec::len).sum::<usize>()
        );
        expected.retain(|_, stories| stories.len() > 1);
        assert!(!expected.is_empty(), "a person two stories name");
        let shared: BTreeMap<Text, Vec<(usize, String)>> = people
            .shared()
            .into_iter()
            .map(|(person, entries)| {
                let seen = entries
                    .iter()
                    .map(|(s, identity)| (*s, shown(&people, &person, identity)))
                    .collect();
                (person, seen)
            })
            .collect();
        assert_eq!(shared, expected);
        assert_eq!(people.failure(), None);
    }
}
