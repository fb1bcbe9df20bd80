//! Report writers. They only read an `Analysis`; each format is one file.

pub mod claims;
pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::claim::Claim;
use crate::findings::Owner;
use crate::ingest::Source;
use crate::pipeline::Analysis;
use crate::rules::Severity;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Markdown,
    Html,
    Github,
}

pub use crate::location::{one_line, Located, Location};

/// Where a claim of `sources` is.
pub fn locate(claim: &Claim, sources: &[Source]) -> Location {
    crate::location::locate(claim, &sources[claim.source])
}

/// One story's line in a report's per-story summary.
#[derive(Debug, Clone, Serialize)]
pub struct StorySummary<'a> {
    pub name: &'a str,
    pub sources: usize,
    pub claims: usize,
    pub entities: usize,
    pub findings: usize,
    pub by_severity: json::BySeverity,
}

/// Whether a report shows its findings story by story: a run of one story
/// reads exactly as it did before stories existed.
pub fn by_story(analysis: &Analysis) -> bool {
    analysis.stories.len() > 1
}

/// Tells a writer where a story's findings start in a report of several
/// stories (findings arrive grouped by story), and what to call the group.
pub struct StoryHeadings {
    on: bool,
    shown: Option<String>,
}

impl StoryHeadings {
    pub fn new(analysis: &Analysis) -> Self {
        StoryHeadings {
            on: by_story(analysis),
            shown: None,
        }
    }

    /// `story: NAME` or `across stories: A + B` when `finding` starts a group.
    pub fn before(&mut self, finding: &crate::findings::Finding) -> Option<String> {
        let label = finding.story_label();
        if !self.on || self.shown.as_ref() == Some(&label) {
            return None;
        }
        let what = if finding.across.is_empty() {
            "story"
        } else {
            "across stories"
        };
        let heading = format!("{what}: {label}");
        self.shown = Some(label);
        Some(heading)
    }
}

/// Counts by severity of some findings.
pub fn count_severities(severities: impl IntoIterator<Item = Severity>) -> json::BySeverity {
    let mut counts = json::BySeverity {
        error: 0,
        warning: 0,
        info: 0,
    };
    for severity in severities {
        counts.add(severity);
    }
    counts
}

/// Counts by severity of the findings across stories.
pub fn across_severities(analysis: &Analysis) -> json::BySeverity {
    count_severities(
        (analysis.findings.briefs())
            .filter(|b| b.owner == Owner::Across)
            .map(|b| b.severity),
    )
}

/// Each story's counts, in story order.
pub fn story_summaries(analysis: &Analysis) -> Vec<StorySummary<'_>> {
    // Findings counted by story in one pass over what memory keeps of them:
    // scanning every finding for each story took time in stories × findings
    // (13 % of a 6,600-story run), and reading them back would decode each.
    let mut own = vec![count_severities([]); analysis.stories.len()];
    for brief in analysis.findings.briefs() {
        let story = match brief.owner {
            Owner::Story(story) => Some(story),
            // Stories are in name order, each name once.
            Owner::Named(name) => (analysis.stories)
                .binary_search_by(|s| s.name.as_str().cmp(name))
                .ok(),
            Owner::Across => None,
        };
        if let Some(own) = story.and_then(|s| own.get_mut(s)) {
            own.add(brief.severity);
        }
    }
    analysis
        .stories
        .iter()
        .zip(own)
        .map(|(story, own)| StorySummary {
            name: &story.name,
            sources: story.sources.len(),
            claims: story.claim_count,
            entities: story.entities,
            findings: own.error + own.warning + own.info,
            by_severity: own,
        })
        .collect()
}

/// Writes the report to `out` as it is produced where the format allows (text,
/// JSON, SARIF, GitHub annotations; Markdown is capped at a comment's size);
/// other formats are rendered whole, then written.
pub fn write(
    analysis: &Analysis,
    format: Format,
    colour: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(analysis, out),
        Format::Github => github::write(analysis, out),
        Format::Sarif => sarif::write(analysis, out),
        Format::Text => text::write(analysis, colour, out),
        _ => out.write_all(render(analysis, format, colour).as_bytes()),
    }?;
    // A claim that could not be read back was shown empty: the report fails
    // (an `--output` file is then not written) rather than pass for whole.
    let failure = (analysis.failure.clone())
        .or_else(|| analysis.sources.failure())
        .or_else(|| analysis.findings.failure())
        .or_else(|| analysis.spool.as_ref()?.failure());
    match failure {
        Some(failure) => Err(std::io::Error::other(failure)),
        None => Ok(()),
    }
}

/// Whether everything a report of `analysis` shows can be read back from the
/// run's temporary files, each claim read once: `Err` with why when not. A
/// report to standard output cannot be taken back once begun, so it is
/// checked before a byte of it is written.
pub fn readable(analysis: &Analysis) -> Result<(), String> {
    if let Some(failure) = &analysis.failure {
        return Err(failure.clone());
    }
    analysis.sources.check()?;
    analysis.findings.check()?;
    match &analysis.spool {
        Some(spool) => spool.check(),
        None => Ok(()),
    }
}

/// Pretty-printed JSON and a final line break, written as it is serialised.
fn write_pretty(value: &impl Serialize, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// What a writer writes, as a string (writers only write UTF-8).
fn written(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    write(&mut out).expect("writing to memory succeeds");
    String::from_utf8(out).expect("reports are UTF-8")
}

pub fn render(analysis: &Analysis, format: Format, colour: bool) -> String {
    match format {
        Format::Text => text::render(analysis, colour),
        Format::Json => json::render(analysis),
        Format::Html => html::render(analysis, html::source_date_epoch().as_deref()),
        Format::Sarif => sarif::render(analysis),
        Format::Markdown => markdown::render(analysis),
        Format::Github => github::render(analysis),
    }
}
