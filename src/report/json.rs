//! The JSON report, exactly as `shared/spec/report-format.md` describes (schema v1).

use crate::ingest::Source;
use crate::pipeline::Analysis;
use crate::rules::Severity;
use serde::Serialize;

pub const SCHEMA: &str = "crosscheck-report/1";

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub schema: &'static str,
    pub tool: Tool,
    pub sources: Sources<'a>,
    pub summary: Summary,
    /// Each story with its own counts (one story when the sources are one).
    pub stories: Vec<super::StorySummary<'a>>,
    pub findings: Findings<'a>,
    /// Baseline entries no longer found (only with `--baseline`).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub fixed: &'a [crate::baseline::Entry],
    /// Files found but not read, with the reason (always present, often empty).
    pub skipped: &'a [crate::ingest::Skipped],
}

#[derive(Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Serialize)]
pub struct JsonSource<'a> {
    pub path: &'a str,
    /// The record's id, for a record of an archive (`path` is the archive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<&'a str>,
    pub sha256: &'a str,
    pub bytes: usize,
    pub claims: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    /// The story the source belongs to (left out when it has none).
    #[serde(skip_serializing_if = "str::is_empty")]
    pub story: &'a str,
    /// The outlet a record names (its `source` or `outlet` field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<&'a str>,
}

#[derive(Serialize)]
pub struct Summary {
    pub sources: usize,
    pub claims: usize,
    pub entities: usize,
    pub findings: usize,
    pub new: usize,
    pub baselined: usize,
    pub suppressed: usize,
    pub fixed: usize,
    pub by_severity: BySeverity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BySeverity {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl BySeverity {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }
}

#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub fingerprint: &'a str,
    pub rule: &'a str,
    pub severity: &'static str,
    pub status: &'static str,
    pub entity: &'a str,
    pub predicate: &'a str,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
    /// The story whose sources disagree (left out for a finding across stories).
    #[serde(skip_serializing_if = "str::is_empty")]
    pub story: &'a str,
    /// For a finding across stories, the stories it joins.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub across_stories: &'a [String],
    pub values: Vec<JsonValue<'a>>,
}

#[derive(Serialize)]
pub struct JsonValue<'a> {
    pub value: &'a str,
    pub claims: Locations<'a>,
}

/// A value's claims, located one at a time as they are written: the report never
/// holds every location at once.
pub struct Locations<'a> {
    pub claims: &'a [usize],
    pub analysis: &'a Analysis,
}

impl Serialize for Locations<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.claims
                .iter()
                .map(|&i| self.analysis.located(i).into_owned().location),
        )
    }
}

/// The sources, each made into its JSON as it is written: a run of many
/// stories never holds them all twice.
pub struct Sources<'a>(&'a Analysis);

impl Serialize for Sources<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let analysis = self.0;
        serializer.collect_seq(
            (analysis.sources.iter())
                .zip(analysis.claims_per_source.iter().copied())
                .map(|(s, claims)| OneSource(s, claims)),
        )
    }
}

/// A source read back (or held) and its claims, made into JSON.
struct OneSource<'a>(std::borrow::Cow<'a, Source>, usize);

impl Serialize for OneSource<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let s = &self.0;
        JsonSource {
            path: &s.path,
            record: s.record.as_deref(),
            sha256: &s.sha256,
            bytes: s.bytes(),
            claims: self.1,
            date: s.date.as_deref(),
            story: &s.story,
            outlet: s.outlet.as_deref(),
        }
        .serialize(serializer)
    }
}

/// The findings, each made into its JSON as it is written.
pub struct Findings<'a>(&'a Analysis);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let analysis = self.0;
        serializer.collect_seq(analysis.findings.iter().map(|f| OneFinding(f, analysis)))
    }
}

/// A finding, as read back, made into its JSON.
struct OneFinding<'a>(std::borrow::Cow<'a, crate::findings::Finding>, &'a Analysis);

impl Serialize for OneFinding<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (f, analysis) = (&*self.0, self.1);
        JsonFinding {
            fingerprint: &f.fingerprint,
            rule: &f.rule,
            severity: f.severity.as_str(),
            status: f.status.as_str(),
            entity: &f.entity,
            predicate: &f.predicate,
            message: &f.message,
            period: f.period.as_deref(),
            reason: f.reason.as_deref(),
            story: &f.story,
            across_stories: &f.across,
            values: f
                .values
                .iter()
                .map(|v| JsonValue {
                    value: &v.value,
                    claims: Locations {
                        claims: &v.claims,
                        analysis,
                    },
                })
                .collect(),
        }
        .serialize(serializer)
    }
}

pub fn summary(analysis: &Analysis) -> Summary {
    use crate::findings::Status;
    let count_status = |s: Status| analysis.findings.briefs().filter(|f| f.status == s).count();
    let count_severity = |s: Severity| {
        analysis
            .findings
            .briefs()
            .filter(|f| f.severity == s)
            .count()
    };
    Summary {
        sources: analysis.sources.len(),
        claims: analysis.claim_count(),
        entities: analysis.entity_count,
        findings: analysis.findings.len(),
        new: count_status(Status::New),
        baselined: count_status(Status::Baselined),
        suppressed: count_status(Status::Suppressed),
        fixed: analysis.fixed.len(),
        by_severity: BySeverity {
            error: count_severity(Severity::Error),
            warning: count_severity(Severity::Warning),
            info: count_severity(Severity::Info),
        },
    }
}

pub fn report(analysis: &Analysis) -> JsonReport<'_> {
    JsonReport {
        schema: SCHEMA,
        tool: Tool {
            name: "crosscheck",
            version: env!("CARGO_PKG_VERSION"),
        },
        sources: Sources(analysis),
        summary: summary(analysis),
        stories: super::story_summaries(analysis),
        findings: Findings(analysis),
        fixed: &analysis.fixed,
        skipped: &analysis.skipped,
    }
}

/// Writes the report as it is serialised.
pub fn write(analysis: &Analysis, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    super::write_pretty(&report(analysis), out)
}

pub fn render(analysis: &Analysis) -> String {
    super::written(|out| write(analysis, out))
}
