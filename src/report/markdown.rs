//! A pull-request comment: a summary table, then each finding with its values
//! and where they are stated. Kept under GitHub's comment size limit.

use crate::pipeline::Analysis;
use std::fmt::Write;

/// GitHub rejects comments over 65,536 characters; leave room for the note.
pub const LIMIT: usize = 65_000;

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub fn render(analysis: &Analysis) -> String {
    let mut out = String::from("## crosscheck\n\n");
    let summary = super::json::summary(analysis);
    let _ = writeln!(
        out,
        "| | error | warning | info | new | baselined | suppressed | fixed |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    let _ = writeln!(
        out,
        "| findings | {} | {} | {} | {} | {} | {} | {} |\n",
        summary.by_severity.error,
        summary.by_severity.warning,
        summary.by_severity.info,
        summary.new,
        summary.baselined,
        summary.suppressed,
        summary.fixed
    );
    if super::by_story(analysis) {
        let _ = writeln!(out, "| story | sources | error | warning | info |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        for story in super::story_summaries(analysis) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(story.name),
                story.sources,
                story.by_severity.error,
                story.by_severity.warning,
                story.by_severity.info
            );
        }
        let across = super::across_severities(analysis);
        let _ = writeln!(
            out,
            "| across stories | | {} | {} | {} |\n",
            across.error, across.warning, across.info
        );
    }
    let mut headings = super::StoryHeadings::new(analysis);
    for (shown, finding) in analysis.findings.iter().enumerate() {
        let finding = &*finding;
        let mut block = String::new();
        if let Some(heading) = headings.before(finding) {
            let _ = writeln!(block, "## {}\n", cell(&heading));
        }
        let _ = writeln!(
            block,
            "### {} `{}` — {}\n\n{} (status: {}{}, fingerprint: `{}`)\n",
            finding.severity.as_str(),
            finding.rule,
            cell(&finding.entity),
            cell(&finding.message),
            finding.status.as_str(),
            finding
                .reason
                .as_deref()
                .map(|r| format!(", reason: {}", cell(r)))
                .unwrap_or_default(),
            finding.fingerprint
        );
        for value in &finding.values {
            let _ = writeln!(block, "- **{}**", cell(&value.value));
            for &claim in &value.claims {
                let located = analysis.located(claim);
                let location = &located.location;
                // A quotation's speaker, marked in bold where they are named.
                let speaker = location
                    .speaker
                    .as_ref()
                    .map(|s| {
                        format!(
                            " — speaker **{}** `{}:{}:{}`",
                            cell(&s.text),
                            location.shown(),
                            s.line,
                            s.column
                        )
                    })
                    .unwrap_or_default();
                let _ = writeln!(
                    block,
                    "  - `{}:{}:{}` {}{speaker}",
                    location.shown(),
                    location.line,
                    location.column,
                    cell(&location.sentence)
                );
            }
        }
        block.push('\n');
        if out.len() + block.len() > LIMIT {
            let _ = writeln!(
                out,
                "_…{} more finding(s) not shown: the comment would exceed GitHub's size limit. See the full report._",
                analysis.findings.len() - shown
            );
            return out;
        }
        out.push_str(&block);
    }
    for fixed in &analysis.fixed {
        let _ = writeln!(out, "- fixed: `{}` {}", fixed.rule, cell(&fixed.summary));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::findings::{Finding, Status, ValueGroup};
    use crate::ingest::Source;
    use crate::knowledge::Knowledge;
    use crate::rules::Severity;

    #[test]
    fn truncates_below_the_comment_limit_with_a_note() {
        let sources = vec![
            Source::from_text("a.txt", "Steve Witkoff met them.\n".to_string()),
            Source::from_text("b.txt", "Richard Witkoff met them.\n".to_string()),
        ];
        let mut analysis = crate::pipeline::analyze(
            sources,
            &crate::rules::load::builtin(),
            &Knowledge::builtin(),
        );
        let template = Finding {
            fingerprint: String::new(),
            rule: "person-first-name".into(),
            severity: Severity::Error,
            status: Status::New,
            reason: None,
            entity: "Witkoff".into(),
            entity_key: "person:vitkof".into(),
            predicate: "first_name".into(),
            period: None,
            message: "Sources disagree on Witkoff's first name: Steve vs Richard".into(),
            values: vec![ValueGroup {
                value: "Steve".into(),
                key: "s".into(),
                claims: vec![0],
                sources: 1,
            }],
            story: String::new(),
            across: Vec::new(),
        };
        analysis.findings = (0..2000)
            .map(|i| Finding {
                fingerprint: format!("{i:016x}"),
                ..template.clone()
            })
            .collect();
        let text = super::render(&analysis);
        assert!(text.len() <= super::LIMIT + 200, "{}", text.len());
        assert!(text.contains("more finding(s) not shown"));
    }
}
