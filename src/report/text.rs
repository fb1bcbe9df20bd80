//! The human report, in the style of rustc's and cargo's diagnostics and
//! rendered by the crate they use, annotate-snippets:
//!
//! ```text
//! error[person-first-name]: Sources disagree on Witkoff's first name: Steve (3 sources) vs Richard (1 source)
//!  --> seeds/000_18b56134848fcb4d.txt:3:32
//!   |
//! 3 | WASHINGTON – White House envoy Steve Witkoff held a high-stakes video conference on Thursday with senior officials from Ukraine and k...
//!   |                                ^^^^^^^^^^^^^ Steve
//!   |
//!  ::: seeds/001_dd2cd9624834faa1.txt:1:279
//!   |
//! 1 | ...dramatically for any diplomatic outreach. The envoy, Richard Witkoff, is set to meet Putin for the sixth time this year, a frequen...
//!   |                                                         ^^^^^^^^^^^^^^^ Richard
//!   |
//!   = fingerprint: 58ac5ef3d88fdc41
//! ```
//!
//! Each claim is a snippet of the lines its value is on, headed by its own
//! `source:line:column` (`-->` for the first, `:::` for the others, as rustc
//! names further files) and underlined where the claim's own span is, labelled
//! with the value it was read as; the claims come value by value.
//!
//! After a comparison with a baseline, new findings say `(new)` and baselined
//! ones take one line each (`baselined[rule-id]: message · fingerprint`), so
//! that what needs a look stands out.

use crate::findings::Finding;
use crate::location::Located;
use crate::pipeline::Analysis;
use crate::rules::Severity;
use annotate_snippets::{AnnotationKind, Element, Level, Renderer, Snippet};
use std::borrow::Cow;
use std::ops::Range;

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
    for finding in analysis.findings.iter() {
        let finding = &*finding;
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
        let status = match finding.status {
            crate::findings::Status::New if compared => " (new)".to_string(),
            crate::findings::Status::New => String::new(),
            other => format!(" ({})", other.as_str()),
        };
        writeln!(out, "{}\n", diagnostic(analysis, finding, &status, colour))?;
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
    let summary = super::json::summary(analysis);
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
        let across = super::across_severities(analysis);
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
        "{}",
        counts_line(
            summary.sources,
            summary.claims,
            summary.entities,
            &summary.by_severity
        )
    )?;
    // Statuses matter once a baseline or configuration is in play.
    let (baselined, suppressed) = (summary.baselined, summary.suppressed);
    if baselined + suppressed + summary.fixed > 0 {
        writeln!(
            out,
            "{} new, {baselined} baselined, {suppressed} suppressed, {} fixed",
            summary.new, summary.fixed
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

/// One underline in a claim's snippet.
#[derive(Debug, Clone)]
pub struct Underline {
    /// Bytes of the claim's source text.
    pub span: Range<usize>,
    pub label: String,
    /// The claim's own value (`^^^`, in the finding's colour, and what the
    /// snippet's heading names); any other span (`---`) is context for it.
    pub own: bool,
}

/// What a claim's snippet underlines: its value, labelled with the value it
/// was read as. Each claim takes a list so that context (a quote's speaker)
/// can be underlined beside it, as an `own: false` underline whose span the
/// claim's excerpt covers ([`crate::location::Excerpt::around`] takes every
/// span); a span outside the excerpt is left out.
fn underlines(located: &Located, value: &str) -> Vec<Underline> {
    let own = Underline {
        span: located.location.start..located.location.end,
        label: value.to_string(),
        own: true,
    };
    let speaker = located.location.speaker.as_ref().map(|at| Underline {
        span: at.start..at.end,
        label: "speaker".to_string(),
        own: false,
    });
    std::iter::once(own).chain(speaker).collect()
}

/// One finding as annotate-snippets renders it: the `severity[rule-id]:
/// message` title, a snippet per claim, then its notes.
fn diagnostic(analysis: &Analysis, finding: &Finding, status: &str, colour: bool) -> String {
    diagnostic_with(analysis, finding, status, colour, underlines)
}

/// [`diagnostic`] with what each claim's snippet underlines.
fn diagnostic_with(
    analysis: &Analysis,
    finding: &Finding,
    status: &str,
    colour: bool,
    underlines: impl Fn(&Located, &str) -> Vec<Underline>,
) -> String {
    let claims: Vec<(Cow<'_, Located>, &str)> = finding
        .values
        .iter()
        .flat_map(|value| {
            value
                .claims
                .iter()
                .map(|&claim| (analysis.located(claim), value.value.as_str()))
        })
        .collect();
    let marks: Vec<Vec<Underline>> = claims
        .iter()
        .map(|(located, value)| underlines(located, value))
        .collect();
    let paths: Vec<String> = claims
        .iter()
        .map(|(located, _)| annotate_snippets::normalize_untrusted_str(&located.location.shown()))
        .collect();
    let mut elements: Vec<Element<'_>> = claims
        .iter()
        .zip(&marks)
        .zip(&paths)
        .map(|(((located, _), marks), path)| snippet(located, marks, path).into())
        .collect();
    if let Some(reason) = &finding.reason {
        elements.push(
            Level::NOTE
                .no_name()
                .message(format!("suppressed: {}", one_line(reason)))
                .into(),
        );
    }
    elements.push(
        Level::NOTE
            .no_name()
            .message(format!("fingerprint: {}", finding.fingerprint))
            .into(),
    );
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let title = format!("{}{status}", one_line(&finding.message));
    let report = [level
        .primary_title(title)
        .id(finding.rule.as_str())
        .elements(elements)];
    let renderer = if colour {
        Renderer::styled().hyperlink(false)
    } else {
        Renderer::plain()
    };
    let headings: Vec<String> = claims
        .iter()
        .zip(&paths)
        .map(|((located, _), path)| {
            format!(
                "{path}:{}:{}",
                located.location.line, located.location.column
            )
        })
        .collect();
    name_claims(&renderer.render(&report), &headings)
}

/// The claim's excerpt with its underlines, named by its path.
fn snippet<'a>(
    located: &'a Located,
    marks: &'a [Underline],
    path: &'a str,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let excerpt = &located.excerpt;
    let within = |span: &Range<usize>| {
        let start = span.start.checked_sub(excerpt.at)?;
        let end = span.end.checked_sub(excerpt.at)?.max(start);
        let words = excerpt.text.get(start..end)?;
        // The words are underlined, not blanks a span takes in at its ends.
        let trimmed = words.trim();
        if trimmed.is_empty() {
            return Some(start..end);
        }
        let start = start + (words.len() - words.trim_start().len());
        Some(start..start + trimmed.len())
    };
    Snippet::source(excerpt.text.as_str())
        .line_start(excerpt.line)
        .path(path)
        .annotations(marks.iter().filter_map(|mark| {
            let kind = if mark.own {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            Some(kind.span(within(&mark.span)?).label(mark.label.as_str()))
        }))
}

/// A message on one line (the renderer would indent its further lines).
fn one_line(text: &str) -> Cow<'_, str> {
    if text.contains(['\n', '\r']) {
        crate::location::one_line(text).into()
    } else {
        text.into()
    }
}

/// Sets each snippet's heading to its claim's own `source:line:column`
/// (`headings`, in snippet order). annotate-snippets counts the line and
/// column of a snippet's first underline in the text it was given, which
/// differs when an excerpt of a long line starts mid-line, or when another
/// span (a speaker) comes before the claim's.
fn name_claims(rendered: &str, headings: &[String]) -> String {
    let mut headings = headings.iter();
    let mut out = String::with_capacity(rendered.len());
    for line in rendered.split_inclusive('\n') {
        match heading_start(line).zip(headings.as_slice().first()) {
            Some((at, heading)) => {
                headings.next();
                out.push_str(&line[..at]);
                out.push_str(heading);
                if line.ends_with('\n') {
                    out.push('\n');
                }
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Where the name follows `-->` or `:::` in a snippet's heading line. Only
/// a heading starts with spaces and one of those marks: source lines start
/// with their number, underlines and notes with the gutter.
fn heading_start(line: &str) -> Option<usize> {
    let at = skip_styles(line, line.len() - line.trim_start_matches(' ').len());
    let mark = line.get(at..at + 4)?;
    (mark == "--> " || mark == "::: ").then(|| skip_styles(line, at + 4))
}

/// `at` moved past any colour codes (`ESC [ … m`) starting there.
fn skip_styles(line: &str, mut at: usize) -> usize {
    while line[at..].starts_with("\x1b[") {
        match line[at..].find('m') {
            Some(end) => at += end + 1,
            None => break,
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use crate::ingest::Source;
    use crate::knowledge::Knowledge;
    use crate::pipeline::Analysis;

    /// a.txt (`first`) and b.txt (the envoy Richard), analysed.
    fn analysis_of(first: &str) -> Analysis {
        let sources = vec![
            Source::from_text("a.txt", first.to_string()),
            Source::from_text(
                "b.txt",
                "The envoy, Richard Witkoff, flew in.\n".to_string(),
            ),
        ];
        crate::pipeline::analyze(
            sources,
            &crate::rules::load::builtin(),
            &Knowledge::builtin(),
        )
    }

    fn report_of(first: &str) -> String {
        super::render(&analysis_of(first), false)
    }

    /// Each snippet heading naming `path` and the words its caret line
    /// underlines on the source line above it (as many characters as carets).
    fn underlined<'a>(report: &'a str, path: &str) -> Vec<(&'a str, String)> {
        let lines: Vec<&str> = report.lines().collect();
        let mut found = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let heading = line.trim_start();
            if !(heading.starts_with("--> ") || heading.starts_with("::: ")) {
                continue;
            }
            if !heading[4..].starts_with(&format!("{path}:")) {
                continue;
            }
            let (source, carets) = (lines[i + 2], lines[i + 3]);
            let at = carets.chars().position(|c| c == '^').expect("a caret");
            let n = carets.chars().filter(|&c| c == '^').count();
            let words: String = source.chars().skip(at).take(n).collect();
            found.push((&heading[4..], words));
        }
        found
    }

    #[test]
    fn underlines_the_value_under_its_column() {
        let text = report_of("Envoy Steve Witkoff met them.\n");
        assert!(
            text.starts_with("error[person-first-name]: Sources disagree on Witkoff's first name"),
            "{text}"
        );
        // The first claim's file is `-->`, any further one `:::`, as rustc has it.
        assert!(text.contains("\n --> b.txt:1:12\n"), "{text}");
        assert!(text.contains("\n ::: a.txt:1:7\n"), "{text}");
        assert_eq!(
            underlined(&text, "b.txt"),
            [("b.txt:1:12", "Richard Witkoff".to_string())]
        );
        assert!(text.contains("^^^^^^^^^^^^^^^ Richard\n"), "{text}");
        assert!(text.contains("  = fingerprint: "), "{text}");
        assert!(
            text.trim_end().ends_with(": 1 error, 0 warnings, 0 info"),
            "{text}"
        );
    }

    #[test]
    fn caret_follows_the_claims_own_span_and_keeps_the_line_before_the_sentence() {
        let report = report_of("Results came in. Envoy Steve Witkoff met Steve Witkoff's aides.\n");
        let shown = underlined(&report, "a.txt");
        assert_eq!(shown.len(), 2, "{report}");
        // Both occurrences are claims: each caret under its own, each heading
        // its own column.
        assert_eq!(shown[0].0, "a.txt:1:24");
        assert_eq!(shown[1].0, "a.txt:1:42");
        for (_, words) in &shown {
            assert_eq!(words, "Steve Witkoff", "{report}");
        }
        let carets: Vec<usize> = report
            .lines()
            .filter(|l| l.contains("^^^ Steve"))
            .map(|l| l.find('^').unwrap())
            .collect();
        assert_eq!(carets.len(), 2, "{report}");
        assert!(carets[0] < carets[1], "{report}");
        // The sentence starts mid-line: the line is shown from its start.
        assert!(
            report.contains("1 | Results came in. Envoy Steve Witkoff met"),
            "{report}"
        );
    }

    #[test]
    fn columns_count_characters_and_carets_sit_under_multibyte_text() {
        let report = report_of("À Zürich, l’envoyé Steve Witkoff a parlé.\n");
        let column = "À Zürich, l’envoyé ".chars().count() + 1;
        assert_eq!(
            underlined(&report, "a.txt"),
            [(
                format!("a.txt:1:{column}").as_str(),
                "Steve Witkoff".to_string()
            )],
            "{report}"
        );
    }

    #[test]
    fn a_long_line_is_cut_visibly_and_keeps_its_true_column() {
        // Longer than the excerpt's context, so the excerpt starts mid-line too.
        let filler = "Filler words without any claim in them at all. ".repeat(60);
        let report = report_of(&format!("{filler}Envoy Steve Witkoff met them. {filler}\n"));
        let column = filler.chars().count() + "Envoy ".len() + 1;
        let shown = underlined(&report, "a.txt");
        assert_eq!(shown.len(), 1, "{report}");
        assert_eq!(shown[0].0, format!("a.txt:1:{column}"));
        assert_eq!(shown[0].1, "Steve Witkoff");
        let line = report
            .lines()
            .find(|l| l.starts_with("1 | ") && l.contains("Steve Witkoff met"))
            .expect("the line shown");
        assert!(line.starts_with("1 | ..."), "{line}");
        assert!(line.ends_with("..."), "{line}");
        assert!(line.chars().count() < 200, "{line}");
    }

    #[test]
    fn tabs_and_crlf_line_ends() {
        let report = report_of("Results.\r\n\tEnvoy\tSteve Witkoff met them.\r\n");
        assert!(!report.contains('\r'), "{report:?}");
        assert!(!report.contains('\t'), "{report:?}");
        // A tab is one character of the column, shown as spaces.
        assert_eq!(
            underlined(&report, "a.txt"),
            [("a.txt:2:8", "Steve Witkoff".to_string())],
            "{report}"
        );
    }

    #[test]
    fn colour_only_when_asked_and_output_is_deterministic() {
        let analysis = analysis_of("Envoy Steve Witkoff met them.\n");
        let plain = super::render(&analysis, false);
        assert!(!plain.contains('\x1b'), "{plain}");
        assert_eq!(plain, super::render(&analysis, false));
        let coloured = super::render(&analysis, true);
        assert!(coloured.contains('\x1b'), "{coloured:?}");
        // Headings are still the claims' own once colour codes surround them.
        assert!(coloured.contains("b.txt:1:12\n"), "{coloured:?}");
        assert_eq!(coloured, super::render(&analysis, true));
    }

    #[test]
    fn a_claim_takes_several_underlines_and_its_heading_stays_its_own() {
        let first = "The envoy spoke.\nEnvoy Steve Witkoff met them.\n";
        let mut analysis = analysis_of(first);
        let finding = analysis.findings.held()[0].clone();
        let claim = finding
            .values
            .iter()
            .flat_map(|v| v.claims.iter().copied())
            .find(|&c| analysis.sources.held()[analysis.claims[c].source].path == "a.txt")
            .expect("a claim of a.txt");
        let located = analysis.located(claim).into_owned();
        assert_eq!(located.location.source, "a.txt");
        // Context on the line before the claim's (where a quote's speaker may be).
        let context = 4..9;
        let source = &analysis.sources.held()[analysis.claims[claim].source];
        let excerpt = crate::location::Excerpt::around(
            source,
            &[
                context.clone(),
                located.location.start..located.location.end,
            ],
        );
        analysis.located.insert(
            claim,
            crate::location::Located {
                excerpt,
                ..located.clone()
            },
        );
        let report = super::diagnostic_with(&analysis, &finding, "", false, |located, value| {
            let mut marks = super::underlines(located, value);
            marks.push(super::Underline {
                span: context.clone(),
                label: "context".to_string(),
                own: false,
            });
            marks
        });
        assert!(report.contains("\n ::: a.txt:2:7\n"), "{report}");
        assert!(report.contains("1 | The envoy spoke."), "{report}");
        assert!(report.contains("----- context"), "{report}");
        assert!(report.contains("^^^^^^^^^^^^^ Steve"), "{report}");
    }
}
