//! The human report, in the style of rustc diagnostics:
//!
//! ```text
//! error[person-first-name]: Sources disagree on Witkoff's first name: Steve (3 sources) vs Richard (1 source)
//!   = Steve
//!   --> seeds/000_18b56134848fcb4d.txt:3:30
//!    |
//!  3 | White House envoy Steve Witkoff held a high-stakes video conference …
//!    |                   ^^^^^^^^^^^^^
//! ```

use super::{locate, Location};
use crate::pipeline::Analysis;
use crate::rules::Severity;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";

fn severity_colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
        Severity::Info => "\x1b[1;36m",
    }
}

/// Sentences longer than this are cut around the value.
const MAX_SENTENCE_CHARS: usize = 160;

/// Writes the report as it goes.
pub fn write(
    analysis: &Analysis,
    colour: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let paint = |code: &str, text: &str| {
        if colour {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    let mut headings = super::StoryHeadings::new(analysis);
    for finding in &analysis.findings {
        if let Some(heading) = headings.before(finding) {
            writeln!(out, "{}\n", paint(BOLD, &format!("== {heading} ==")))?;
        }
        let head = format!("{}[{}]", finding.severity.as_str(), finding.rule);
        let status = if finding.status == crate::findings::Status::New {
            String::new()
        } else {
            format!(" ({})", finding.status.as_str())
        };
        writeln!(
            out,
            "{}: {}{}",
            paint(severity_colour(finding.severity), &head),
            paint(BOLD, &finding.message),
            status
        )?;
        if let Some(reason) = &finding.reason {
            writeln!(out, "  = suppressed: {reason}")?;
        }
        for value in &finding.values {
            writeln!(out, "  = {}", paint(BOLD, &value.value))?;
            for &claim in &value.claims {
                let location = locate(&analysis.claims[claim], &analysis.sources);
                write_location(out, &location, colour, finding.severity)?;
            }
        }
        out.write_all(b"\n")?;
    }
    for fixed in &analysis.fixed {
        writeln!(
            out,
            "fixed[{}]: {} (baseline entry {} no longer found)",
            fixed.rule, fixed.summary, fixed.fingerprint
        )?;
    }
    if !analysis.fixed.is_empty() {
        out.write_all(b"\n")?;
    }
    let errors = analysis
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = analysis
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let infos = analysis.findings.len() - errors - warnings;
    if !analysis.skipped.is_empty() {
        let n = analysis.skipped.len();
        writeln!(
            out,
            "{}: {n} file{} skipped, not checked:",
            paint(severity_colour(Severity::Warning), "warning"),
            if n == 1 { "" } else { "s" }
        )?;
        for skipped in &analysis.skipped {
            writeln!(out, "  {}: {}", skipped.path, skipped.reason)?;
        }
        out.write_all(b"\n")?;
    }
    if super::by_story(analysis) {
        for story in super::story_summaries(analysis) {
            writeln!(
                out,
                "story {}: {}",
                story.name,
                counts_line(
                    story.sources,
                    story.claims,
                    story.entities,
                    &story.by_severity
                )
            )?;
        }
        let across =
            super::count_severities(analysis.findings.iter().filter(|f| !f.across.is_empty()));
        writeln!(
            out,
            "across stories: {} error{}, {} warning{}, {} info",
            across.error,
            plural(across.error),
            across.warning,
            plural(across.warning),
            across.info
        )?;
        write!(out, "{} stories, ", analysis.stories.len())?;
    }
    writeln!(
        out,
        "{} sources, {} claims, {} entities: {} error{}, {} warning{}, {} info",
        analysis.sources.len(),
        analysis.claim_count(),
        analysis.entity_count,
        errors,
        if errors == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" },
        infos
    )?;
    // Statuses matter once a baseline or configuration is in play.
    let status =
        |st: crate::findings::Status| analysis.findings.iter().filter(|f| f.status == st).count();
    let (baselined, suppressed) = (
        status(crate::findings::Status::Baselined),
        status(crate::findings::Status::Suppressed),
    );
    if baselined + suppressed + analysis.fixed.len() > 0 {
        writeln!(
            out,
            "{} new, {baselined} baselined, {suppressed} suppressed, {} fixed",
            status(crate::findings::Status::New),
            analysis.fixed.len()
        )?;
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `4 sources, 96 claims, 50 entities: 1 error, 0 warnings, 2 info`
fn counts_line(
    sources: usize,
    claims: usize,
    entities: usize,
    by: &super::json::BySeverity,
) -> String {
    format!(
        "{sources} source{}, {claims} claim{}, {entities} entit{}: {} error{}, {} warning{}, {} info",
        plural(sources),
        plural(claims),
        if entities == 1 { "y" } else { "ies" },
        by.error,
        plural(by.error),
        by.warning,
        plural(by.warning),
        by.info
    )
}

pub fn render(analysis: &Analysis, colour: bool) -> String {
    super::written(|out| write(analysis, colour, out))
}

fn write_location(
    out: &mut dyn std::io::Write,
    location: &Location,
    colour: bool,
    severity: Severity,
) -> std::io::Result<()> {
    let line_no = location.line.to_string();
    let gutter = " ".repeat(line_no.len());
    writeln!(
        out,
        "  --> {}:{}:{}",
        location.source, location.line, location.column
    )?;
    // Show the sentence with the value underlined.
    let sentence = &location.sentence;
    let (before, value, after) = match sentence.find(&super::one_line(&location.text)) {
        Some(i) => {
            let value_text = super::one_line(&location.text);
            (
                &sentence[..i],
                value_text.clone(),
                &sentence[i + value_text.len()..],
            )
        }
        None => ("", String::new(), sentence.as_str()),
    };
    let (before, after) = trim_context(before, after, value.chars().count());
    writeln!(out, "   {gutter} |")?;
    writeln!(out, "   {line_no} | {before}{value}{after}")?;
    let marker = "^".repeat(value.chars().count().max(1));
    let marker = if colour {
        format!("{}{marker}{RESET}", severity_colour(severity))
    } else {
        marker
    };
    writeln!(
        out,
        "   {gutter} | {}{marker}",
        " ".repeat(before.chars().count())
    )?;
    Ok(())
}

/// Shortens the context either side of the value so the line stays readable.
fn trim_context(before: &str, after: &str, value_chars: usize) -> (String, String) {
    let budget = MAX_SENTENCE_CHARS.saturating_sub(value_chars) / 2;
    let before_chars: Vec<char> = before.chars().collect();
    let before = if before_chars.len() > budget {
        format!(
            "…{}",
            before_chars[before_chars.len() - budget..]
                .iter()
                .collect::<String>()
        )
    } else {
        before.to_string()
    };
    let after_chars: Vec<char> = after.chars().collect();
    let after = if after_chars.len() > budget {
        format!("{}…", after_chars[..budget].iter().collect::<String>())
    } else {
        after.to_string()
    };
    (before, after)
}

#[cfg(test)]
mod tests {
    use crate::ingest::Source;
    use crate::knowledge::Knowledge;

    #[test]
    fn underlines_the_value_under_its_column() {
        let sources = vec![
            Source::from_text("a.txt", "Envoy Steve Witkoff met them.\n".to_string()),
            Source::from_text(
                "b.txt",
                "The envoy, Richard Witkoff, flew in.\n".to_string(),
            ),
        ];
        let analysis = crate::pipeline::analyze(
            sources,
            &crate::rules::load::builtin(),
            &Knowledge::builtin(),
        );
        let text = super::render(&analysis, false);
        assert!(
            text.starts_with("error[person-first-name]: Sources disagree on Witkoff's first name"),
            "{text}"
        );
        assert!(text.contains("  --> b.txt:1:12\n"), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.ends_with("The envoy, Richard Witkoff, flew in."))
            .expect("sentence shown");
        let carets = lines[at + 1];
        let column = carets.find('^').unwrap();
        assert_eq!(
            &lines[at][column..column + "Richard Witkoff".len()],
            "Richard Witkoff"
        );
        assert_eq!(carets.matches('^').count(), "Richard Witkoff".len());
        assert!(
            text.trim_end().ends_with(": 1 error, 0 warnings, 0 info"),
            "{text}"
        );
    }
}
