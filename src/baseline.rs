//! The baseline: contradictions an editor has looked at and accepted. CI fails
//! only on findings whose fingerprint the baseline does not hold.

use crate::error::Error;
use crate::findings::{Finding, Findings, Status};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub const SCHEMA: &str = "crosscheck-baseline/1";

/// A reviewed, diff-friendly file: one entry per accepted finding, sorted by
/// fingerprint, with enough words beside the fingerprint for a reviewer to read
/// a change to it in a pull request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub schema: String,
    pub findings: Vec<Entry>,
    /// Where the file was read from and the line of each entry's fingerprint,
    /// so that reports and warnings can point at a stale entry.
    #[serde(skip)]
    pub read_from: Option<Compared>,
}

/// A baseline as a run compared its findings with it: the file, and each
/// accepted fingerprint with the line it is on there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compared {
    pub path: String,
    pub lines: BTreeMap<String, usize>,
}

impl Compared {
    pub fn holds(&self, fingerprint: &str) -> bool {
        self.lines.contains_key(fingerprint)
    }

    /// The entry's line in the baseline file (1 when it cannot be found).
    pub fn line(&self, fingerprint: &str) -> usize {
        self.lines.get(fingerprint).copied().unwrap_or(1)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub entity: String,
    pub values: Vec<String>,
    pub summary: String,
}

impl Baseline {
    pub fn from_findings(findings: &Findings) -> Self {
        let mut entries: Vec<Entry> = findings.iter().map(|f| entry(&f)).collect();
        entries.sort();
        entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        Baseline {
            schema: SCHEMA.to_string(),
            findings: entries,
            read_from: None,
        }
    }

    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).expect("baseline serialises");
        out.push('\n');
        out
    }

    pub fn load(path: &Path) -> Result<Self, Error> {
        let shown = crate::ingest::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::input(
                path,
                format!("cannot read baseline: {}", crate::ingest::io_reason(&e)),
            )
        })?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
            Error::at(
                &shown,
                e.line(),
                // serde_json counts 0 before a line's first character (an empty file).
                e.column().max(1),
                format!("invalid baseline: {e}"),
            )
        })?;
        if baseline.schema != SCHEMA {
            let at = text.find(&baseline.schema).unwrap_or(0);
            let (line, column) = crate::knowledge::line_column(&text, at);
            return Err(Error::at(
                &shown,
                line,
                column,
                format!(
                    "baseline schema `{}` is not supported (this crosscheck reads `{SCHEMA}`)",
                    baseline.schema
                ),
            ));
        }
        let mut baseline = baseline;
        let index = crate::span::LineIndex::new(&text);
        let lines = baseline
            .findings
            .iter()
            .map(|e| {
                let quoted = format!("\"{}\"", e.fingerprint);
                let at = text.find(&quoted).unwrap_or(0);
                (e.fingerprint.clone(), index.line_column(&text, at).0)
            })
            .collect();
        baseline.read_from = Some(Compared { path: shown, lines });
        Ok(baseline)
    }

    /// The comparison a run records: the file and its entries' lines (an
    /// in-memory baseline has no file and reads as line 1).
    pub fn compared(&self) -> Compared {
        self.read_from.clone().unwrap_or_else(|| Compared {
            path: String::new(),
            lines: self
                .findings
                .iter()
                .map(|e| (e.fingerprint.clone(), 1))
                .collect(),
        })
    }

    /// Marks findings the baseline holds as baselined; returns the entries no longer
    /// found (fixed), in fingerprint order.
    pub fn apply(&self, findings: &mut Findings) -> Vec<Entry> {
        // Whether each accepted fingerprint was found: the run's findings are
        // read once, one at a time, and only the baseline's own are kept.
        let mut found: BTreeMap<&str, bool> = self
            .findings
            .iter()
            .map(|e| (e.fingerprint.as_str(), false))
            .collect();
        findings.restate(|finding| {
            let seen = found.get_mut(finding.fingerprint.as_str())?;
            *seen = true;
            (finding.status == Status::New).then_some((Status::Baselined, None))
        });
        self.findings
            .iter()
            .filter(|e| !found.get(e.fingerprint.as_str()).copied().unwrap_or(false))
            .cloned()
            .collect()
    }

    /// The baseline without its fixed entries.
    pub fn pruned(&self, fixed: &[Entry]) -> Self {
        let gone: BTreeSet<&str> = fixed.iter().map(|e| e.fingerprint.as_str()).collect();
        Baseline {
            schema: self.schema.clone(),
            read_from: None,
            findings: self
                .findings
                .iter()
                .filter(|e| !gone.contains(e.fingerprint.as_str()))
                .cloned()
                .collect(),
        }
    }
}

fn entry(finding: &Finding) -> Entry {
    Entry {
        fingerprint: finding.fingerprint.clone(),
        rule: finding.rule.clone(),
        entity: finding.entity.clone(),
        values: finding.values.iter().map(|v| v.value.clone()).collect(),
        summary: finding.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    fn finding(fingerprint: &str) -> Finding {
        Finding {
            fingerprint: fingerprint.into(),
            rule: "r".into(),
            severity: Severity::Error,
            status: Status::New,
            reason: None,
            entity: "E".into(),
            entity_key: "e".into(),
            predicate: "p".into(),
            period: None,
            message: "m".into(),
            values: Vec::new(),
            story: String::new(),
            across: Vec::new(),
        }
    }

    #[test]
    fn baselined_new_and_fixed() {
        let baseline = Baseline::from_findings(&Findings::from(vec![finding("b"), finding("a")]));
        assert_eq!(baseline.findings[0].fingerprint, "a", "sorted");
        // Held in memory, or written out as a story's findings and read back.
        let mut held = Findings::from(vec![finding("a"), finding("c")]);
        let mut written = Findings::default();
        written.write_story(0, vec![finding("a"), finding("c")]);
        for now in [&mut held, &mut written] {
            let fixed = baseline.apply(now);
            let statuses: Vec<Status> = now.iter().map(|f| f.status).collect();
            assert_eq!(statuses, vec![Status::Baselined, Status::New]);
            let briefs: Vec<Status> = now.briefs().map(|b| b.status).collect();
            assert_eq!(briefs, statuses);
            assert_eq!(
                fixed
                    .iter()
                    .map(|e| e.fingerprint.as_str())
                    .collect::<Vec<_>>(),
                vec!["b"]
            );
            assert_eq!(baseline.pruned(&fixed).findings.len(), 1);
        }
    }
}
