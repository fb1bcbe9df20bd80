//! The report's markup, one `maud` component per section. `maud` escapes
//! every `(value)` it interpolates; the only markup passed through unescaped
//! is our own CSS, script and the JSON block, which [`super::script_json`]
//! makes safe inside `<script>`.

use super::focus::short_path;
use super::{acceptance, human, Analysis, Finding};
use crate::rules::Severity;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::collections::BTreeMap;

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];
/// The statuses a finding of this run can have, in the order a reviewer reads them.
const STATUSES: [&str; 3] = ["new", "baselined", "suppressed"];

/// What the page is made of besides the analysis.
pub struct Parts<'a> {
    pub generated: Option<&'a str>,
    pub csp: &'a str,
    pub style: &'a str,
    pub script: &'a str,
    pub data: &'a str,
    /// The source texts and their claim marks, read when a source is shown.
    pub texts: &'a str,
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else if let Some(stem) = word.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {word}s")
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "\u{2716}",
        Severity::Warning => "\u{25B2}",
        Severity::Info => "\u{2139}",
    }
}

/// Severity spelt out beside its icon: never colour or shape alone.
fn severity_badge(severity: Severity, text: &str) -> Markup {
    html! {
        span class={ "sev sev-" (severity.as_str()) } {
            span aria-hidden="true" { (icon(severity)) } " " (text)
        }
    }
}

fn severity_count(analysis: &Analysis, severity: Severity) -> usize {
    analysis
        .findings
        .held()
        .iter()
        .filter(|f| f.severity == severity)
        .count()
}

fn status_count(analysis: &Analysis, status: &str) -> usize {
    analysis
        .findings
        .held()
        .iter()
        .filter(|f| f.status.as_str() == status)
        .count()
}

/// The statuses the findings carry: the usual ones first, then any other, so
/// a status added to the model later is still counted and filterable.
fn statuses(analysis: &Analysis) -> Vec<&'static str> {
    let mut all: Vec<&'static str> = STATUSES.to_vec();
    for f in analysis.findings.held() {
        if !all.contains(&f.status.as_str()) {
            all.push(f.status.as_str());
        }
    }
    all
}

fn accepted(analysis: &Analysis) -> Vec<&Finding> {
    analysis
        .findings
        .held()
        .iter()
        .filter(|f| f.status.as_str() != "new")
        .collect()
}

pub fn page(analysis: &Analysis, parts: &Parts) -> Markup {
    let count = analysis.findings.len();
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(parts.csp);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content={ "crosscheck " (env!("CARGO_PKG_VERSION")) };
                title { "crosscheck: " (plural(count, "finding")) " in " (plural(analysis.sources.len(), "source")) }
                style { (PreEscaped(parts.style)) }
            }
            body {
                a.skip href="#findings" { "Skip to findings" }
                (header(analysis, parts.generated))
                main {
                    (findings_section(analysis))
                    (review_section(analysis))
                    @if super::super::by_story(analysis) { (stories_section(analysis)) }
                    (rules_section(analysis))
                    (sources_section(analysis))
                    (totals_section(analysis))
                }
                footer {
                    p {
                        "Keyboard: " kbd { "j" } " or " kbd { "n" } " next finding, " kbd { "k" } " or " kbd { "p" }
                        " previous, " kbd { "g" } " graph of the current finding, " kbd { "/" } " search, "
                        kbd { "Esc" } " leave a field. Each finding\u{2019}s \u{201C}Link\u{201D} is a URL you can paste into a conversation."
                    }
                }
                script type="application/json" id="report-data" { (PreEscaped(parts.data)) }
                script { (PreEscaped(parts.script)) }
                script type="application/json" id="report-texts" { (PreEscaped(parts.texts)) }
            }
        }
    }
}

/// The title and one summary line; everything else is further down.
fn header(analysis: &Analysis, generated: Option<&str>) -> Markup {
    let accepted = accepted(analysis).len();
    let newest = analysis
        .sources
        .held()
        .iter()
        .filter_map(|s| s.date.as_deref())
        .max();
    html! {
        header {
            h1 { "Consistency report" }
            p #summary {
                @for severity in SEVERITIES {
                    @let n = severity_count(analysis, severity);
                    @if n > 0 || severity != Severity::Info {
                        @let word = if severity == Severity::Info { format!("{n} info") } else { plural(n, severity.as_str()) };
                        (severity_badge(severity, &word)) " \u{00B7} "
                    }
                }
                strong { (status_count(analysis, "new")) " new" }
                " \u{00B7} "
                a href="#review" { (accepted) " accepted" }
                " \u{00B7} "
                a href="#review" { (analysis.fixed.len()) " fixed" }
            }
            p.muted.meta {
                (plural(analysis.sources.len(), "source")) " checked, "
                (plural(analysis.claim_count(), "claim")) " about "
                (plural(analysis.entity_count, "entity"))
                @if let Some(when) = generated {
                    " \u{00B7} generated " (when)
                } @else if let Some(newest) = newest {
                    " \u{00B7} newest source dated " (newest)
                }
                " \u{00B7} crosscheck " (env!("CARGO_PKG_VERSION"))
            }
            nav aria-label="Report sections" {
                ul {
                    li { a href="#findings" { "Findings" } }
                    li { a href="#review" { "Fixed and accepted" } }
                    @if super::super::by_story(analysis) { li { a href="#stories" { "Stories" } } }
                    li { a href="#rules" { "Rules" } }
                    li { a href="#sources" { "Sources" } }
                    li { a href="#totals" { "Totals" } }
                }
            }
        }
    }
}

/// Search and count first, the finer filters folded: the first finding must
/// be on screen when the page opens, on a phone too.
fn findings_section(analysis: &Analysis) -> Markup {
    let findings = analysis.findings.held();
    let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sources: BTreeMap<usize, usize> = BTreeMap::new();
    let mut stories: BTreeMap<String, usize> = BTreeMap::new();
    for f in findings {
        *rules.entry(f.rule.as_str()).or_default() += 1;
        let mut stated: Vec<usize> = f
            .values
            .iter()
            .flat_map(|v| v.claims.iter().filter_map(|&c| analysis.claims.get(c)))
            .map(|c| c.source)
            .collect();
        stated.sort_unstable();
        stated.dedup();
        for s in stated {
            *sources.entry(s).or_default() += 1;
        }
        *stories.entry(f.story_label()).or_default() += 1;
    }
    let by_story = super::super::by_story(analysis);
    html! {
        section #findings aria-labelledby="findings-h" {
            h2 #findings-h { "Findings" }
            form #filters role="search" aria-label="Filter findings" {
                div.bar {
                    label.search { "Search " input type="search" #search placeholder="name, value, words\u{2026}" autocomplete="off"; }
                    p #count aria-live="polite" data-shown=(findings.len()) data-drawn="0" {
                        (plural(findings.len(), "finding"))
                    }
                }
                details #more-filters {
                    summary { "Filters" }
                    div.filters {
                        fieldset {
                            legend { "Severity" }
                            @for severity in SEVERITIES {
                                @let n = severity_count(analysis, severity);
                                @if n > 0 {
                                    label {
                                        input type="checkbox" name="severity" value=(severity.as_str()) checked;
                                        " " (severity_badge(severity, &capitalised(severity.as_str()))) " (" (n) ")"
                                    }
                                }
                            }
                        }
                        fieldset {
                            legend { "Status" }
                            @for status in statuses(analysis) {
                                @let n = status_count(analysis, status);
                                @if n > 0 {
                                    label {
                                        input type="checkbox" name="status" value=(status) checked;
                                        " " (capitalised(status)) " (" (n) ")"
                                    }
                                }
                            }
                        }
                        div.selects {
                            label {
                                "Rule "
                                select #filter-rule {
                                    option value="" { "All rules" }
                                    @for (rule, n) in &rules { option value=(rule) { (rule) " (" (n) ")" } }
                                }
                            }
                            label {
                                "Source "
                                select #filter-source {
                                    option value="" { "All sources" }
                                    @for (s, n) in &sources {
                                        @if let Some(source) = analysis.sources.held().get(*s) {
                                            option value=(s) { (source.path) " (" (n) ")" }
                                        }
                                    }
                                }
                            }
                            @if by_story {
                                label {
                                    "Story "
                                    select #filter-story {
                                        option value="" { "All stories" }
                                        @for (story, n) in &stories { option value=(story) { (story) " (" (n) ")" } }
                                    }
                                }
                            }
                            button type="reset" #reset { "Clear filters" }
                        }
                    }
                }
            }
            div #finding-list {}
            noscript {
                p.note { "The findings list needs JavaScript. The same findings are in the JSON report: " code { "crosscheck check --format json" } "." }
            }
        }
    }
}

/// A button that copies `text`; the script wires every `button.copy`.
fn copy_button(what: &str, text: &str) -> Markup {
    html! { button.copy type="button" data-copy=(text) { "Copy " (what) } }
}

/// Fixed baseline entries and accepted findings, each with what a reviewer
/// needs to act on it: status, fingerprint, reason.
fn review_section(analysis: &Analysis) -> Markup {
    let accepted = accepted(analysis);
    html! {
        section #review aria-labelledby="review-h" {
            h2 #review-h { "Fixed and accepted" }
            @if analysis.fixed.is_empty() && accepted.is_empty() {
                p.muted { "Nothing fixed or accepted: no baseline entry has gone and no finding is baselined or suppressed." }
            }
            @if !analysis.fixed.is_empty() {
                h3 { "Fixed since the baseline (" (analysis.fixed.len()) ")" }
                p.muted { "The baseline accepted these contradictions; this run no longer finds them. Remove them from the baseline with " code { "crosscheck baseline" } "." }
                ul.review {
                    @for entry in &analysis.fixed {
                        li.fixed {
                            span.status.status-fixed { "Fixed" } " "
                            a.rule href={ "#rule-" (entry.rule) } { (entry.rule) } " "
                            span.message { (entry.summary) }
                            div.fp { "Fingerprint " code { (entry.fingerprint) } " " (copy_button("fingerprint", &entry.fingerprint)) }
                        }
                    }
                }
            }
            @if !accepted.is_empty() {
                h3 { "Accepted (" (accepted.len()) ")" }
                ul.review {
                    @for f in &accepted {
                        li.accepted {
                            span class={ "status status-" (f.status.as_str()) } { (capitalised(f.status.as_str())) } " "
                            a.rule href={ "#rule-" (f.rule) } { (f.rule) } " "
                            a.message href={ "#f-" (f.fingerprint) } { (f.message) }
                            @if let Some(reason) = &f.reason { p.reason { strong { "Reason: " } (reason) } }
                            div.fp {
                                "Fingerprint " code { (f.fingerprint) } " "
                                (copy_button("fingerprint", &f.fingerprint)) " "
                                (copy_button("crosscheck.toml lines", &acceptance(f)))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Each story with its counts, its findings (a filter) and its sources.
fn stories_section(analysis: &Analysis) -> Markup {
    let summaries = super::super::story_summaries(analysis);
    let across: Vec<&Finding> = analysis
        .findings
        .held()
        .iter()
        .filter(|f| !f.across.is_empty())
        .collect();
    html! {
        section #stories aria-labelledby="stories-h" {
            h2 #stories-h { "Stories" }
            div.scroll tabindex="0" role="region" aria-label="Findings by story" {
                table.stories {
                    caption { "Findings by story" }
                    thead { tr {
                        th scope="col" { "Story" } th.num scope="col" { "Sources" }
                        th.num scope="col" { "Errors" } th.num scope="col" { "Warnings" } th.num scope="col" { "Info" }
                        th scope="col" { "Findings" }
                    } }
                    tbody {
                        @for s in &summaries {
                            tr {
                                th scope="row" { (s.name) }
                                td.num { (s.sources) }
                                td.num { (s.by_severity.error) } td.num { (s.by_severity.warning) } td.num { (s.by_severity.info) }
                                td { @if s.findings > 0 { button.story type="button" data-story=(s.name) { "Show " (plural(s.findings, "finding")) } } @else { "none" } }
                            }
                        }
                        @if !across.is_empty() {
                            @let counts = super::super::count_severities(across.iter().map(|f| f.severity));
                            tr {
                                th scope="row" { "Across stories" } td.num {}
                                td.num { (counts.error) } td.num { (counts.warning) } td.num { (counts.info) }
                                td { (plural(across.len(), "finding")) }
                            }
                        }
                    }
                }
            }
            @for story in &analysis.stories {
                details.story-sources {
                    summary { (story.name) ": " (plural(story.sources.len(), "source")) }
                    ul { @for &i in &story.sources { @if let Some(s) = analysis.sources.held().get(i) { li.path { (s.path) } } } }
                }
            }
        }
    }
}

/// Every rule applied, explained once; findings link here.
fn rules_section(analysis: &Analysis) -> Markup {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in analysis.findings.held() {
        *counts.entry(f.rule.as_str()).or_default() += 1;
    }
    let with = analysis
        .rules
        .iter()
        .filter(|r| counts.contains_key(r.id.as_str()))
        .count();
    html! {
        section #rules aria-labelledby="rules-h" {
            h2 #rules-h { "Rules" }
            details #rules-list {
                summary { (plural(analysis.rules.len(), "rule")) " applied, " (with) " with findings" }
                dl.rules {
                    @for rule in &analysis.rules {
                        @let n = counts.get(rule.id.as_str()).copied().unwrap_or(0);
                        dt id={ "rule-" (rule.id) } {
                            code { (rule.id) } " "
                            (severity_badge(rule.severity, &capitalised(rule.severity.as_str())))
                            span.muted { " \u{00B7} " (plural(n, "finding")) " \u{00B7} checks " (rule.predicates.iter().map(|p| human(p)).collect::<Vec<_>>().join(", ")) " \u{00B7} " (rule.origin) }
                        }
                        dd { (super::one_line(&rule.explanation)) }
                    }
                }
            }
        }
    }
}

/// The sources checked (folded when long) and a reader that shows one in context.
fn sources_section(analysis: &Analysis) -> Markup {
    html! {
        section #sources aria-labelledby="sources-h" {
            h2 #sources-h { "Sources" }
            details #sources-table {
                summary { (plural(analysis.sources.len(), "source")) " checked" }
                div.scroll tabindex="0" role="region" aria-label="Sources checked" {
                    table.sources {
                        thead { tr {
                            th scope="col" { "Source" } th scope="col" { "Date" } th.num scope="col" { "Bytes" }
                            th scope="col" { "SHA-256" } th.num scope="col" { "Claims" }
                        } }
                        tbody {
                            @for (source, claims) in analysis.sources.held().iter().zip(&analysis.claims_per_source) {
                                tr {
                                    td.path { (source.path) }
                                    td { (source.date.as_deref().unwrap_or("\u{2014}")) }
                                    td.num { (source.bytes()) }
                                    td { code title=(source.sha256) { (source.sha256.get(..12).unwrap_or(&source.sha256)) } }
                                    td.num { (claims) }
                                }
                            }
                        }
                    }
                }
            }
            p {
                "Read a source in context: extracted claims are " mark.claim { "highlighted" }
                ", claims in a contradiction are " mark.claim.conflict { "marked" } " and link to their finding."
            }
            label {
                "Source "
                select #source-pick {
                    @for (i, source) in analysis.sources.held().iter().enumerate() {
                        option value=(i) title=(source.path) { (short_path(&source.path)) }
                    }
                }
            }
            div #source-view tabindex="-1" {}
        }
    }
}

/// Counts by severity and status, fixed baseline entries included.
fn totals_section(analysis: &Analysis) -> Markup {
    html! {
        section #totals aria-labelledby="totals-h" {
            h2 #totals-h { "Totals" }
            details {
                summary { "Findings by severity and status" }
                div.totals {
                    table {
                        caption { "Findings by severity" }
                        tbody {
                            @for severity in SEVERITIES {
                                tr { th scope="row" { (severity_badge(severity, &capitalised(severity.as_str()))) } td { (severity_count(analysis, severity)) } }
                            }
                        }
                    }
                    table {
                        caption { "Findings by status" }
                        tbody {
                            @for status in statuses(analysis) {
                                tr { th scope="row" { span class={ "status status-" (status) } { (capitalised(status)) } } td { (status_count(analysis, status)) } }
                            }
                            tr { th scope="row" { span.status.status-fixed { "Fixed" } } td { (analysis.fixed.len()) } }
                        }
                    }
                }
            }
        }
    }
}
