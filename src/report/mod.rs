//! Report writers. They only read an `Analysis`; each format is one file.

pub mod claims;
pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::claim::Claim;
use crate::ingest::Source;
use crate::pipeline::Analysis;
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

/// A claim located for a reader: path, byte span, line and column, the words and the sentence.
#[derive(Debug, Clone, Serialize)]
pub struct Location {
    pub source: String,
    /// The record's id when `source` is an archive of records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub sentence: String,
}

pub fn locate(claim: &Claim, sources: &[Source]) -> Location {
    let source = &sources[claim.source];
    let (line, column) = source.line_column(claim.span.start());
    Location {
        source: source.path.clone(),
        record: source.record.clone(),
        start: claim.span.start(),
        end: claim.span.end(),
        line,
        column,
        text: source.text[claim.span.start()..claim.span.end()].to_string(),
        sentence: sentence_around(&source.text, claim),
    }
}

impl Location {
    /// The source as human-readable reports name it (`archive.jsonl#ID` for a record).
    pub fn shown(&self) -> std::borrow::Cow<'_, str> {
        match &self.record {
            Some(id) => format!("{}#{id}", self.source).into(),
            None => self.source.as_str().into(),
        }
    }
}

/// Bytes of context kept either side of a claim in a very long sentence, so that
/// locating thousands of claims in a 5 MB sentence stays linear.
const SENTENCE_CONTEXT: usize = 1024;

/// The claim's sentence on one line; a sentence longer than a few KiB is cut to
/// the claim and its context, with `…` where it was cut.
fn sentence_around(text: &str, claim: &Claim) -> String {
    let (sentence, span) = (claim.sentence, claim.span);
    if sentence.len() <= 4 * SENTENCE_CONTEXT {
        return one_line(&text[sentence.start()..sentence.end()]);
    }
    let mut start = span
        .start()
        .saturating_sub(SENTENCE_CONTEXT)
        .clamp(sentence.start(), sentence.end());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span
        .end()
        .saturating_add(SENTENCE_CONTEXT)
        .clamp(start, sentence.end());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut out = String::new();
    if start > sentence.start() {
        out.push('…');
    }
    out.push_str(&one_line(&text[start..end]));
    if end < sentence.end() {
        out.push('…');
    }
    out
}

/// Collapses runs of whitespace (sentences may span wrapped lines).
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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
pub fn count_severities<'a>(
    findings: impl IntoIterator<Item = &'a crate::findings::Finding>,
) -> json::BySeverity {
    use crate::rules::Severity;
    let mut counts = json::BySeverity {
        error: 0,
        warning: 0,
        info: 0,
    };
    for finding in findings {
        match finding.severity {
            Severity::Error => counts.error += 1,
            Severity::Warning => counts.warning += 1,
            Severity::Info => counts.info += 1,
        }
    }
    counts
}

/// Each story's counts, in story order.
pub fn story_summaries(analysis: &Analysis) -> Vec<StorySummary<'_>> {
    analysis
        .stories
        .iter()
        .map(|story| {
            let own: Vec<&crate::findings::Finding> = analysis
                .findings
                .iter()
                .filter(|f| f.across.is_empty() && f.story == story.name)
                .collect();
            StorySummary {
                name: &story.name,
                sources: story.sources.len(),
                claims: story.claim_count,
                entities: story.entities,
                findings: own.len(),
                by_severity: count_severities(own),
            }
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
