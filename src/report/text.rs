//! The human report, in the style of rustc diagnostics:
//!
//! ```text
//! error[person-first-name]: Sources disagree on Witkoff's first name: Steve (3 sources) vs Richard (1 source)
//!   = fingerprint: 5be0c2f3a1d4e6b7
//!   = Steve
//!   --> seeds/000_18b56134848fcb4d.txt:3:30
//!    |
//!  3 | White House envoy Steve Witkoff held a high-stakes video conference …
//!    |                   ^^^^^^^^^^^^^
//! ```
//!
//! After a comparison with a baseline, new findings say `(new)` and baselined
//! ones take one line each (`baselined[rule-id]: message · fingerprint`), so
//! that what needs a look stands out.

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
    let compared = analysis.baseline.is_some();
    for finding in &analysis.findings {
        if let Some(heading) = headings.before(finding) {
            writeln!(out, "{}\n", paint(BOLD, &format!("== {heading} ==")))?;
        }
        if finding.status == crate::findings::Status::Baselined {
            writeln!(
                out,
                "baselined[{}]: {} · {}\n",
                finding.rule, finding.message, finding.fingerprint
            )?;
            continue;
        }
        let head = format!("{}[{}]", finding.severity.as_str(), finding.rule);
        let status = match finding.status {
            crate::findings::Status::New if compared => " (new)".to_string(),
            crate::findings::Status::New => String::new(),
            other => format!(" ({})", other.as_str()),
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
        writeln!(out, "  = fingerprint: {}", finding.fingerprint)?;
        for value in &finding.values {
            writeln!(out, "  = {}", paint(BOLD, &value.value))?;
            for &claim in &value.claims {
                write_location(out, analysis, claim, colour, finding.severity)?;
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
    let by = super::json::BySeverity {
        error: errors,
        warning: warnings,
        info: infos,
    };
    writeln!(
        out,
        "{}",
        counts_line(
            analysis.sources.len(),
            analysis.claim_count(),
            analysis.entity_count,
            &by
        )
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

/// The claim's line of source: its sentence with the value underlined where
/// the claim's own span is (not wherever the same words first occur), and `…`
/// where the shown text does not reach the start or end of the line.
fn write_location(
    out: &mut dyn std::io::Write,
    analysis: &Analysis,
    claim: usize,
    colour: bool,
    severity: Severity,
) -> std::io::Result<()> {
    let located = analysis.located(claim);
    let (line, column) = (located.location.line, located.location.column);
    let line_no = line.to_string();
    let gutter = " ".repeat(line_no.len());
    writeln!(out, "  --> {}:{line}:{column}", located.location.shown())?;
    let crate::location::Excerpt {
        before,
        value,
        after,
    } = &located.excerpt;
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
    // A quotation's speaker: their line, the name underlined with dashes.
    if let (Some(speaker), Some(at)) = (&located.speaker_excerpt, &located.location.speaker) {
        let line_no = format!("{:>width$}", at.line, width = gutter.len());
        writeln!(
            out,
            "   {line_no} | {}{}{}",
            speaker.before, speaker.value, speaker.after
        )?;
        writeln!(
            out,
            "   {gutter} | {}{} speaker",
            " ".repeat(speaker.before.chars().count()),
            "-".repeat(speaker.value.chars().count().max(1))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::ingest::Source;
    use crate::knowledge::Knowledge;

    /// The text report of a.txt (`first`) and b.txt (the envoy Richard).
    fn report_of(first: &str) -> String {
        let sources = vec![
            Source::from_text("a.txt", first.to_string()),
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
        super::render(&analysis, false)
    }

    #[test]
    fn underlines_the_value_under_its_column() {
        let text = report_of("Envoy Steve Witkoff met them.\n");
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

    #[test]
    fn caret_follows_the_claims_own_span_and_marks_a_cut_line() {
        let report = report_of("Results came in. Envoy Steve Witkoff met Steve Witkoff's aides.\n");
        let lines: Vec<&str> = report.lines().collect();
        // Both occurrences are claims: each caret under its own.
        let shown: Vec<String> = (1..lines.len())
            .filter(|&i| lines[i - 1].contains("Envoy Steve Witkoff met"))
            .map(|i| {
                // The sentence starts mid-line: the cut is shown.
                assert!(lines[i - 1].contains("| …Envoy Steve"), "{report}");
                let column = lines[i].find('^').unwrap();
                lines[i - 1].chars().skip(column).collect()
            })
            .collect();
        assert_eq!(shown.len(), 2, "{report}");
        assert!(shown[0].starts_with("Steve Witkoff met"), "{report}");
        assert!(shown[1].starts_with("Steve Witkoff's aides"), "{report}");
    }
}
