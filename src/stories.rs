//! Across stories: the one table that joins stories. Every rule compares the
//! claims of one story; a rule with `scope = "person"` also compares one
//! person's claims across stories, but only where the stories corroborate
//! that they name the same person — a shared surname alone never does, since
//! a day's news is full of unrelated people who share one.

use crate::claim::{Claim, SubjectKind};
use crate::findings::{fingerprint, Finding};
use crate::graph::ClaimGroup;
use crate::normalize::Sets;
use crate::pipeline::Story;
use crate::rules::{check, Rule, Scope};
use std::collections::{BTreeMap, BTreeSet};

/// Predicates whose values identify a person beside the name: an office, a
/// party. Two stories giving one surname the same one of these name one person.
const IDENTIFYING: &[&str] = &["office", "party"];

/// What one story says about one person (by surname key) that can show it is
/// the person another story names.
#[derive(Default)]
struct Identity<'a> {
    first_names: BTreeSet<&'a str>,
    /// `predicate\u{1f}value key` of identifying claims; organisations the
    /// person heads as `office_holder\u{1f}organisation key`.
    marks: BTreeSet<String>,
    /// Claims of cross-story rules' predicates, by predicate.
    claims: BTreeMap<&'a str, Vec<usize>>,
    label: &'a str,
}

/// Which claims the person table reads, so a run that lets go of a story's
/// claims once it is checked keeps these.
pub struct Linking {
    compared: BTreeSet<String>,
}

impl Linking {
    pub fn new(rules: &[Rule]) -> Self {
        Linking {
            compared: rules
                .iter()
                .filter(|r| r.scope == Scope::Person)
                .flat_map(|r| r.predicates.iter().cloned())
                .collect(),
        }
    }

    pub fn reads(&self, claim: &Claim) -> bool {
        if self.compared.is_empty() {
            return false;
        }
        if claim.predicate == "office_holder" {
            return claim.value.key.starts_with("person:");
        }
        claim.subject.kind == SubjectKind::Person
            && (self.compared.contains(claim.predicate)
                || claim.predicate == crate::extract::FIRST_NAME
                || IDENTIFYING.contains(&claim.predicate))
    }
}

/// Findings across stories for the rules with `scope = "person"`: one finding
/// per person and rule whose corroborated stories disagree. A story that
/// already disagrees with itself on the person is left to its own finding.
/// Findings within stories are never changed: a finding across stories has a
/// fingerprint of its own.
pub fn link(
    rules: &[Rule],
    claims: &[Claim],
    stories: &[Story],
    within: &[Finding],
) -> Vec<Finding> {
    let person_rules: Vec<&Rule> = rules.iter().filter(|r| r.scope == Scope::Person).collect();
    if stories.len() < 2 || person_rules.is_empty() {
        return Vec::new();
    }
    let compared: BTreeSet<&str> = person_rules
        .iter()
        .flat_map(|r| r.predicates.iter().map(String::as_str))
        .collect();
    // person key → story index → what that story says of the person.
    let mut table: BTreeMap<&str, BTreeMap<usize, Identity>> = BTreeMap::new();
    for (s, story) in stories.iter().enumerate() {
        for i in story.claims.clone() {
            let claim = &claims[i];
            if claim.predicate == "office_holder" && claim.value.key.starts_with("person:") {
                // Only people already in the table: a head of an organisation
                // named nowhere else cannot link anything.
                if let Some(identity) = table
                    .get_mut(claim.value.key.as_str())
                    .and_then(|by_story| by_story.get_mut(&s))
                {
                    identity
                        .marks
                        .insert(format!("office_holder\u{1f}{}", claim.subject.key));
                }
                continue;
            }
            if claim.subject.kind != SubjectKind::Person {
                continue;
            }
            let identity = table
                .entry(claim.subject.key.as_str())
                .or_default()
                .entry(s)
                .or_default();
            // The label of a compared claim: the same whichever claims a run keeps.
            if identity.label.is_empty() && compared.contains(claim.predicate) {
                identity.label = &claim.subject.label;
            }
            if claim.predicate == crate::extract::FIRST_NAME {
                identity.first_names.insert(&claim.value.key);
            }
            // A spelling's key holds the first name it was written with
            // (`person:surname~first`): the same full name in two stories.
            if let Some((_, first)) = claim.subject.key.split_once('~') {
                if !first.is_empty() {
                    identity.first_names.insert(first);
                }
            }
            if IDENTIFYING.contains(&claim.predicate) && !claim.qualifiers.former {
                identity
                    .marks
                    .insert(format!("{}\u{1f}{}", claim.predicate, claim.value.key));
            }
            if compared.contains(claim.predicate) {
                identity.claims.entry(claim.predicate).or_default().push(i);
            }
        }
    }
    // A story that already disagrees with itself about the person is not
    // compared: its own finding says so, and its values cannot stand for it.
    let disagrees: BTreeSet<(&str, &str, &str)> = within
        .iter()
        .map(|f| (f.story.as_str(), f.entity_key.as_str(), f.rule.as_str()))
        .collect();
    let mut found = Vec::new();
    for (person, by_story) in &table {
        if by_story.len() < 2 {
            continue;
        }
        let listed: Vec<(&usize, &Identity)> = by_story.iter().collect();
        // Stories sharing a first name or a mark are joined through the first
        // story that has it: linear in the table, not quadratic in stories.
        let mut sets = Sets::new(listed.len());
        let mut first_with: BTreeMap<(bool, &str), usize> = BTreeMap::new();
        for (member, (_, identity)) in listed.iter().enumerate() {
            let names = identity.first_names.iter().map(|n| (true, *n));
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
                for predicate in &rule.predicates {
                    let in_play: Vec<(usize, &Identity)> = members
                        .iter()
                        .map(|&m| (*listed[m].0, listed[m].1))
                        .filter(|(s, _)| {
                            !disagrees.contains(&(stories[*s].name.as_str(), *person, &rule.id))
                        })
                        .filter(|(_, identity)| identity.claims.contains_key(predicate.as_str()))
                        .collect();
                    if in_play.len() < 2 {
                        continue;
                    }
                    let group = ClaimGroup {
                        entity_key: person,
                        entity_label: in_play[0].1.label,
                        predicate,
                        claims: in_play
                            .iter()
                            .flat_map(|(_, identity)| identity.claims[predicate.as_str()].clone())
                            .collect(),
                    };
                    // Stories hold consecutive runs of the claims, in order.
                    let story_of = |claim: usize| {
                        let s = stories.partition_point(|story| story.claims.end <= claim);
                        (s < stories.len()).then_some(s)
                    };
                    for mut finding in check::apply(rule, &group, claims) {
                        let joined: BTreeSet<usize> = finding
                            .values
                            .iter()
                            .flat_map(|v| &v.claims)
                            .filter_map(|&c| story_of(c))
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
                        found.push(finding);
                    }
                }
            }
        }
    }
    found
}
