//! Findings: sets of incompatible value groups, each with every claim behind it.

use crate::rules::Severity;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    New,
    Baselined,
    Suppressed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Baselined => "baselined",
            Status::Suppressed => "suppressed",
        }
    }
}

/// One value the sources state, and the claims (indices into the run's claims) behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueGroup {
    pub value: String,
    pub key: String,
    pub claims: Vec<usize>,
    /// Distinct sources behind this value.
    pub sources: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub fingerprint: String,
    pub rule: String,
    pub severity: Severity,
    pub status: Status,
    /// Why a finding was suppressed (from configuration).
    pub reason: Option<String>,
    pub entity: String,
    pub entity_key: String,
    pub predicate: String,
    /// The period the compared claims are about, when they state one.
    pub period: Option<String>,
    pub message: String,
    pub values: Vec<ValueGroup>,
    /// The story whose sources this finding compares; empty for a finding
    /// across stories.
    pub story: String,
    /// For a finding across stories, the stories it joins, in name order;
    /// empty for a finding within one story.
    pub across: Vec<String>,
}

impl Finding {
    /// Moves the finding's claim indices into another list of claims (a
    /// story's claims placed in the run's list, or only the claims kept).
    pub fn renumber_claims(&mut self, new_index: impl Fn(usize) -> usize) {
        for value in &mut self.values {
            for claim in &mut value.claims {
                *claim = new_index(*claim);
            }
        }
    }

    /// Where the finding belongs in a report grouped by story: its story, or
    /// the stories it joins.
    pub fn story_label(&self) -> String {
        if self.across.is_empty() {
            self.story.clone()
        } else {
            self.across.join(" + ")
        }
    }
}

/// A contradiction's identity, not its position: rule, normalised entity,
/// predicate, period and the sorted normalised values. No paths, offsets or
/// line numbers, so it survives edits elsewhere, renames, reordering and
/// moving to another machine.
pub fn fingerprint(
    rule: &str,
    entity_key: &str,
    predicate: &str,
    period: Option<&str>,
    value_keys: &[&str],
) -> String {
    let mut keys: Vec<&str> = value_keys.to_vec();
    keys.sort_unstable();
    keys.dedup();
    let mut hasher = blake3::Hasher::new();
    for part in [rule, entity_key, predicate, period.unwrap_or("")] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    for key in keys {
        hasher.update(key.as_bytes());
        hasher.update(&[0x1f]);
    }
    hasher.finalize().to_hex()[..16].to_string()
}

/// Sorts findings for output: by story (findings across stories last), then
/// severity (highest first), entity, rule and fingerprint. With one story this
/// is the order of a run before stories existed.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (!a.across.is_empty())
            .cmp(&!b.across.is_empty())
            .then_with(|| a.story.cmp(&b.story))
            .then_with(|| a.across.cmp(&b.across))
            .then_with(|| b.severity.cmp(&a.severity))
            .then_with(|| a.entity.cmp(&b.entity))
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_value_order() {
        let a = fingerprint("r", "person:x", "first_name", None, &["steven", "richard"]);
        let b = fingerprint("r", "person:x", "first_name", None, &["richard", "steven"]);
        assert_eq!(a, b);
        assert_eq!(a.len(), 16);
        assert_ne!(
            a,
            fingerprint("r", "person:y", "first_name", None, &["steven", "richard"])
        );
    }
}
