//! Findings: sets of incompatible value groups, each with every claim behind it.

use crate::rules::Severity;
use crate::spool::{put_option, put_str, put_usize, Reader, Spool};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

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

/// A run's findings in report order (see [`sort`]).
///
/// A run of many stories finds about three findings a story, each with its
/// message, values and claim numbers: held to the end, they grew with the
/// number of stories. So a run that checks stories a group at a time writes
/// each story's findings, sorted, to an unnamed temporary file as the story
/// finishes (stories finish in name order, the report's), and keeps in
/// memory only a [`Key`] a finding; writers read them back in order, one at a
/// time. Findings across stories come at the end and are few: they are held.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// The findings written out, in report order, all before `held`.
    spool: Option<Arc<Spool>>,
    /// One per finding written out.
    keys: Vec<Key>,
    /// Reasons given to findings written out once they were (by index):
    /// only acceptances give one, and they are few.
    reasons: BTreeMap<usize, String>,
    /// The findings in memory, after those written out: every finding of a
    /// run that writes none out.
    held: Vec<Finding>,
}

/// What a run keeps in memory of a finding written out: what summaries and
/// the exit code count, and the status a baseline or acceptance gave it
/// after it was written.
#[derive(Debug, Clone, Copy)]
struct Key {
    /// Its index in the run's stories.
    story: u32,
    severity: Severity,
    status: Status,
}

/// What counts of findings read, without reading a finding back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Brief<'a> {
    pub severity: Severity,
    pub status: Status,
    pub owner: Owner<'a>,
}

/// Whose finding it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner<'a> {
    /// A story's, by index in the run's stories.
    Story(usize),
    /// A story's, by name (a finding held in memory).
    Named(&'a str),
    /// Several stories'.
    Across,
}

impl From<Vec<Finding>> for Findings {
    fn from(held: Vec<Finding>) -> Self {
        Findings {
            held,
            ..Default::default()
        }
    }
}

impl FromIterator<Finding> for Findings {
    fn from_iter<I: IntoIterator<Item = Finding>>(held: I) -> Self {
        Findings::from(held.into_iter().collect::<Vec<_>>())
    }
}

impl Findings {
    pub fn len(&self) -> usize {
        self.keys.len() + self.held.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether some findings were written out (and are read back to be seen).
    pub fn written_out(&self) -> bool {
        !self.keys.is_empty()
    }

    /// Writes out the findings of story `story` (its index in the run's
    /// stories), which follow those of every story written before it in the
    /// report: stories are written in order, each one's findings sorted, and
    /// before any finding is held.
    pub fn write_story(&mut self, story: usize, mut found: Vec<Finding>) {
        debug_assert!(self.held.is_empty(), "written findings come first");
        sort(&mut found);
        let spool = self.spool.get_or_insert_with(Default::default);
        let story = u32::try_from(story).unwrap_or(u32::MAX);
        for finding in &found {
            spool.push_with(|out| encode(finding, out));
            self.keys.push(Key {
                story,
                severity: finding.severity,
                status: finding.status,
            });
        }
    }

    /// Adds a finding, held in memory.
    pub fn push(&mut self, finding: Finding) {
        self.held.push(finding);
    }

    /// Puts the findings in report order. Those written out are in it
    /// already and come first: a run writes out only stories' own findings,
    /// and those across stories, which it holds, come after every story's.
    pub fn sort(&mut self) {
        debug_assert!(
            self.keys.is_empty() || self.held.iter().all(|f| !f.across.is_empty()),
            "only findings across stories are held after written ones"
        );
        sort(&mut self.held);
    }

    /// The findings held in memory: all of them unless some were written out
    /// (see [`Findings::written_out`]), which [`Findings::iter`] reads back.
    pub fn held(&self) -> &[Finding] {
        &self.held
    }

    /// The findings held in memory, to change.
    pub fn held_mut(&mut self) -> &mut [Finding] {
        &mut self.held
    }

    /// Every finding as one list: the held ones, or all of them read back
    /// when some were written out (for callers that need them at once).
    pub fn all(&self) -> Cow<'_, [Finding]> {
        if self.written_out() {
            Cow::Owned(self.iter().map(Cow::into_owned).collect())
        } else {
            Cow::Borrowed(&self.held)
        }
    }

    /// The findings in report order, those written out read back one at a
    /// time. One that cannot be read back is left out, and the failure kept
    /// for [`Findings::failure`].
    pub fn iter(&self) -> impl Iterator<Item = Cow<'_, Finding>> + '_ {
        let mut window = self.spool.as_deref().map(Spool::window);
        (0..self.keys.len())
            .filter_map(move |index| {
                let finding = window.as_mut()?.get_with(index, decode)?;
                Some(Cow::Owned(self.restated(index, finding)))
            })
            .chain(self.held.iter().map(Cow::Borrowed))
    }

    /// A finding read back, with the status and reason given since it was written.
    fn restated(&self, index: usize, mut finding: Finding) -> Finding {
        finding.status = self.keys[index].status;
        if let Some(reason) = self.reasons.get(&index) {
            finding.reason = Some(reason.clone());
        }
        finding
    }

    /// Severity, status and story of each finding, in report order, read
    /// from memory.
    pub fn briefs(&self) -> impl Iterator<Item = Brief<'_>> + '_ {
        let written = self.keys.iter().map(|key| Brief {
            severity: key.severity,
            status: key.status,
            owner: Owner::Story(key.story as usize),
        });
        let held = self.held.iter().map(|f| Brief {
            severity: f.severity,
            status: f.status,
            owner: if f.across.is_empty() {
                Owner::Named(&f.story)
            } else {
                Owner::Across
            },
        });
        written.chain(held)
    }

    /// Gives each finding the status (and, when given, the reason) `restate`
    /// returns for it, reading every finding once.
    pub fn restate(
        &mut self,
        mut restate: impl FnMut(&Finding) -> Option<(Status, Option<String>)>,
    ) {
        if let Some(spool) = self.spool.clone() {
            let mut window = spool.window();
            for index in 0..self.keys.len() {
                let Some(finding) = window.get_with(index, decode) else {
                    continue;
                };
                let finding = self.restated(index, finding);
                if let Some((status, reason)) = restate(&finding) {
                    self.keys[index].status = status;
                    if let Some(reason) = reason {
                        self.reasons.insert(index, reason);
                    }
                }
            }
        }
        for finding in &mut self.held {
            if let Some((status, reason)) = restate(finding) {
                finding.status = status;
                if reason.is_some() {
                    finding.reason = reason;
                }
            }
        }
    }

    /// Reads every finding written out back once: `Err` with why when one
    /// cannot be, so that no report is begun that would leave it out.
    pub fn check(&self) -> Result<(), String> {
        let Some(spool) = &self.spool else {
            return Ok(());
        };
        let mut window = spool.window();
        for index in 0..self.keys.len() {
            if window.get_with(index, decode).is_none() {
                break;
            }
        }
        self.failure().map_or(Ok(()), Err)
    }

    /// Why a finding could not be read back, if one could not.
    pub fn failure(&self) -> Option<String> {
        self.spool.as_ref()?.failure()
    }
}

fn encode(f: &Finding, out: &mut Vec<u8>) {
    for s in [
        &f.fingerprint,
        &f.rule,
        &f.entity,
        &f.entity_key,
        &f.predicate,
        &f.message,
        &f.story,
    ] {
        put_str(out, s);
    }
    out.push(f.severity as u8);
    out.push(f.status as u8);
    put_option(out, f.reason.as_deref());
    put_option(out, f.period.as_deref());
    put_usize(out, f.values.len());
    for value in &f.values {
        put_str(out, &value.value);
        put_str(out, &value.key);
        put_usize(out, value.sources);
        put_usize(out, value.claims.len());
        for &claim in &value.claims {
            put_usize(out, claim);
        }
    }
    put_usize(out, f.across.len());
    for story in &f.across {
        put_str(out, story);
    }
}

/// A count read back, refused when it could not fit in what is left (so
/// bytes it did not write never make a huge allocation).
fn read_count(r: &mut Reader) -> Option<usize> {
    r.number().filter(|&n| n <= r.left())
}

fn decode(r: &mut Reader) -> Option<Finding> {
    let mut strings = [(); 7].map(|_| String::new());
    for s in &mut strings {
        *s = r.string()?;
    }
    let [fingerprint, rule, entity, entity_key, predicate, message, story] = strings;
    let severity = match r.byte()? {
        0 => Severity::Info,
        1 => Severity::Warning,
        2 => Severity::Error,
        _ => return None,
    };
    let status = match r.byte()? {
        0 => Status::New,
        1 => Status::Baselined,
        2 => Status::Suppressed,
        _ => return None,
    };
    let reason = r.option()?;
    let period = r.option()?;
    let n = read_count(r)?;
    let mut values = Vec::with_capacity(n);
    for _ in 0..n {
        let (value, key, sources) = (r.string()?, r.string()?, r.number()?);
        let n = read_count(r)?;
        let mut claims = Vec::with_capacity(n);
        for _ in 0..n {
            claims.push(r.number()?);
        }
        values.push(ValueGroup {
            value,
            key,
            claims,
            sources,
        });
    }
    let n = read_count(r)?;
    let mut across = Vec::with_capacity(n);
    for _ in 0..n {
        across.push(r.string()?);
    }
    Some(Finding {
        fingerprint,
        rule,
        severity,
        status,
        reason,
        entity,
        entity_key,
        predicate,
        period,
        message,
        values,
        story,
        across,
    })
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

    /// A finding of story `story`, varied by `i` in every field a report shows.
    fn finding(story: usize, i: usize) -> Finding {
        let severity = [Severity::Info, Severity::Warning, Severity::Error][i % 3];
        Finding {
            fingerprint: format!("{:016x}", i * 7919 % 1000),
            rule: format!("rule-{}", i % 4),
            severity,
            status: [Status::New, Status::Baselined, Status::Suppressed][i % 3],
            reason: (i % 5 == 0).then(|| format!("reason «{i}»")),
            entity: format!("Zoë {}", i % 6),
            entity_key: format!("person:{}", i % 6),
            predicate: "first_name".into(),
            period: (i % 2 == 0).then(|| "2026".into()),
            message: "m".repeat(i % 300),
            values: (0..i % 4)
                .map(|v| ValueGroup {
                    value: format!("v{v}"),
                    key: format!("k{v}"),
                    claims: (0..v * 3).map(|c| c * 1_000_003 + i).collect(),
                    sources: v,
                })
                .collect(),
            story: format!("story-{story:04}"),
            across: Vec::new(),
        }
    }

    /// Stories' findings written out (each story's in any order, stories in
    /// name order) and findings across stories held come back as one sorted
    /// list: the report's order, every field as it was.
    #[test]
    fn written_findings_come_back_in_report_order() {
        let mut findings = Findings::default();
        let mut expected = Vec::new();
        let mut i = 0;
        for story in 0..400 {
            let found: Vec<Finding> = (0..story % 7)
                .map(|_| {
                    i += 1;
                    finding(story, i)
                })
                .collect();
            expected.extend(found.iter().cloned());
            findings.write_story(story, found);
        }
        for k in 0..5 {
            let mut across = finding(0, 10_000 - k);
            across.story = String::new();
            across.across = vec!["story-0001".into(), format!("story-{:04}", 9 - k)];
            expected.push(across.clone());
            findings.push(across);
        }
        findings.sort();
        sort(&mut expected);
        assert!(findings.written_out());
        let spool = findings.spool.as_ref().unwrap();
        assert!(spool.written() > 0, "some findings reached the file");
        assert_eq!(findings.len(), expected.len());
        let back: Vec<Finding> = findings.iter().map(Cow::into_owned).collect();
        assert_eq!(back, expected);
        assert_eq!(findings.all().as_ref(), &expected[..]);
        let briefs: Vec<(Severity, Status)> =
            findings.briefs().map(|b| (b.severity, b.status)).collect();
        let statuses: Vec<(Severity, Status)> =
            expected.iter().map(|f| (f.severity, f.status)).collect();
        assert_eq!(briefs, statuses);
        assert_eq!(findings.check(), Ok(()));
    }

    /// A status and reason given after a finding was written out are those
    /// it is read back with, and those counted.
    #[test]
    fn restated_findings_read_back_restated() {
        let mut findings = Findings::default();
        for story in 0..50 {
            findings.write_story(story, (0..4).map(|i| finding(story, i * 3)).collect());
        }
        findings.restate(|f| {
            (f.story == "story-0007").then(|| (Status::Suppressed, Some("seen".to_string())))
        });
        findings.restate(|f| (f.entity == "Zoë 3").then_some((Status::Baselined, None)));
        for f in findings.iter() {
            if f.entity == "Zoë 3" {
                assert_eq!(f.status, Status::Baselined);
            } else if f.story == "story-0007" {
                assert_eq!(f.status, Status::Suppressed);
                assert_eq!(f.reason.as_deref(), Some("seen"));
            } else {
                assert_eq!(f.status, Status::New);
            }
        }
        let suppressed = findings
            .briefs()
            .filter(|b| b.status == Status::Suppressed)
            .count();
        assert_eq!(
            suppressed,
            findings
                .iter()
                .filter(|f| f.status == Status::Suppressed)
                .count()
        );
        assert!(suppressed > 0);
    }

    /// A finding the temporary file no longer holds is found before any
    /// report begins (the command then exits 2 with nothing written).
    #[test]
    fn a_finding_that_cannot_be_read_back_fails_the_check() {
        let mut findings = Findings::default();
        for story in 0..3000 {
            findings.write_story(story, vec![finding(story, story)]);
        }
        let spool = findings.spool.clone().unwrap();
        assert!(spool.written() > 0);
        spool.cut_file();
        let failure = findings.check().unwrap_err();
        assert!(failure.contains("could not be read back"), "{failure}");
        assert_eq!(findings.failure(), Some(failure));
        assert!(findings.iter().count() < findings.len());
    }

    #[test]
    fn bytes_it_did_not_write_are_refused() {
        let read = |bytes: &[u8]| Spool::read_bytes(bytes, decode);
        let mut bytes = Vec::new();
        encode(&finding(3, 10), &mut bytes);
        assert_eq!(read(&bytes), Some(finding(3, 10)));
        assert_eq!(read(&bytes[..bytes.len() - 1]), None);
        bytes.push(0);
        assert_eq!(read(&bytes), None);
        assert_eq!(read(&[0xff; 40]), None);
        // A count larger than the bytes left is refused, not allocated.
        let mut huge = Vec::new();
        for s in ["f", "r", "e", "k", "p", "m", "s"] {
            put_str(&mut huge, s);
        }
        huge.extend([0, 0, 0, 0]);
        crate::spool::put_number(&mut huge, u64::MAX >> 1);
        assert_eq!(read(&huge), None);
    }
}
