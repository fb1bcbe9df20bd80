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
#[derive(Default)]
pub struct People {
    /// The predicates the person rules compare; none when no rule has `scope = "person"`.
    compared: Vec<&'static str>,
    /// (person key, story index, what that story says of the person), stories in order.
    table: Vec<(Text, usize, Identity)>,
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
            table: Vec::new(),
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
        self.table.extend(
            people
                .0
                .into_iter()
                .map(|(person, identity)| (person, story, identity)),
        );
    }
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
pub fn link(rules: &[Rule], people: &People, stories: &[Story], within: &[Finding]) -> Vec<Across> {
    let person_rules: Vec<&Rule> = rules.iter().filter(|r| r.scope == Scope::Person).collect();
    if stories.len() < 2 || person_rules.is_empty() {
        return Vec::new();
    }
    // A story that already disagrees with itself about the person is not
    // compared: its own finding says so, and its values cannot stand for it.
    let disagrees: BTreeSet<(&str, &str, &str)> = within
        .iter()
        .map(|f| (f.story.as_str(), f.entity_key.as_str(), f.rule.as_str()))
        .collect();
    // Each person's stories together, in story order (the table holds them
    // in story order, and the sort is stable).
    let mut order: Vec<usize> = (0..people.table.len()).collect();
    order.sort_by(|&a, &b| people.table[a].0.cmp(&people.table[b].0));
    let mut found = Vec::new();
    for by_story in order.chunk_by(|&a, &b| people.table[a].0 == people.table[b].0) {
        if by_story.len() < 2 {
            continue;
        }
        let person = people.table[by_story[0]].0.as_str();
        let listed: Vec<(&usize, &Identity)> = by_story
            .iter()
            .map(|&e| (&people.table[e].1, &people.table[e].2))
            .collect();
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
                        .filter(|(s, _)| {
                            !disagrees.contains(&(stories[*s].name.as_str(), person, &rule.id))
                        })
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
    }
    found
}
