//! The HTML report: one self-contained file a reviewer opens from disk.
//!
//! Everything is inline (CSS, JS, SVG) and a Content-Security-Policy forbids
//! any network load, so the file behaves the same in a mail attachment, on a
//! CI artefact page or offline. Findings and source texts travel as one JSON
//! block that the script renders on demand, which keeps a 1,000-source report
//! responsive; the header, filters and entity graph are rendered here.
//!
//! Untrusted text (source text, paths, messages built from it) reaches the page
//! only through [`escape`] or, inside the JSON block, through [`script_json`];
//! the script only ever assigns it with `textContent`.

use crate::findings::Finding;
use crate::graph::{ClaimGraph, Node};
use crate::ingest::Source;
use crate::pipeline::Analysis;
use crate::rules::Severity;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// Source text embedded for the per-source view, in bytes; beyond it a source
/// shows a note instead of its text, so a huge corpus still opens quickly.
const TEXT_BUDGET: usize = 2 * 1024 * 1024;
/// Nodes drawn in the entity graph; more would be an unreadable hairball.
const GRAPH_MAX_ENTITIES: usize = 40;
const GRAPH_MAX_SOURCES: usize = 30;
/// The sources table starts folded when it is longer than this.
const SOURCES_OPEN_MAX: usize = 20;
/// Context kept either side of a highlighted value in a quoted sentence.
const CONTEXT_CHARS: usize = 140;

/// `SOURCE_DATE_EPOCH` as a UTC timestamp: the only clock the report may show,
/// so that the same sources give a byte-identical file.
pub fn source_date_epoch() -> Option<String> {
    let raw = std::env::var("SOURCE_DATE_EPOCH").ok()?;
    let secs: i64 = raw.trim().parse().ok()?;
    Some(utc_timestamp(secs))
}

fn utc_timestamp(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let (y, m, d) = crate::calendar::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// JSON that cannot end or confuse the `<script>` element holding it: `<`, `>`
/// and `&` only occur inside JSON strings, where `\u` escapes mean the same;
/// U+2028/2029 are escaped for engines that treat them as line ends.
pub fn script_json<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A CSP source expression that allows exactly this inline element body.
fn csp_hash(body: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(body.as_bytes())))
}

fn severity_icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "\u{2716}",
        Severity::Warning => "\u{25B2}",
        Severity::Info => "\u{2139}",
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The statuses a reviewer filters by. `fixed` entries come from the baseline
/// (`Analysis::fixed`), not from this run's findings.
const STATUSES: [&str; 4] = ["new", "baselined", "suppressed", "fixed"];
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

#[derive(Serialize)]
struct Data<'a> {
    sources: Vec<DataSource<'a>>,
    findings: Vec<DataFinding<'a>>,
    /// Entity groups in display order: label and finding indices.
    groups: Vec<DataGroup>,
    texts: Vec<DataText<'a>>,
    text_budget: usize,
}

#[derive(Serialize)]
struct DataSource<'a> {
    path: &'a str,
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct DataGroup {
    /// The entity's name; in a run of several stories, after its story's.
    entity: String,
    findings: Vec<usize>,
}

#[derive(Serialize)]
struct DataFinding<'a> {
    id: String,
    group: usize,
    rule: &'a str,
    severity: &'static str,
    status: &'static str,
    entity: &'a str,
    predicate: &'a str,
    message: &'a str,
    period: Option<&'a str>,
    reason: Option<&'a str>,
    explanation: String,
    /// Distinct sources behind the finding, for the source filter.
    sources: Vec<usize>,
    values: Vec<DataValue<'a>>,
}

#[derive(Serialize)]
struct DataValue<'a> {
    value: &'a str,
    source_count: usize,
    claims: Vec<DataClaim>,
}

#[derive(Serialize)]
struct DataClaim {
    source: usize,
    line: usize,
    column: usize,
    before: String,
    text: String,
    after: String,
    /// UTF-16 offset of the value in the source text, to find its mark in the source view.
    at: usize,
}

#[derive(Serialize)]
struct DataText<'a> {
    /// `None` when the text budget ran out.
    text: Option<&'a str>,
    /// Claim marks: UTF-16 start, end, conflicting finding (or -1), label.
    marks: Vec<(usize, usize, i64, String)>,
}

/// Converts byte offsets of one text into UTF-16 offsets (what JS strings index).
struct Utf16Index {
    /// (byte offset, utf16 offset) at every char boundary where they diverge, plus the start.
    points: Vec<(usize, usize)>,
}

impl Utf16Index {
    fn new(text: &str) -> Self {
        let mut points = vec![(0, 0)];
        let mut units = 0;
        for (i, c) in text.char_indices() {
            if c.len_utf8() != c.len_utf16() {
                points.push((i + c.len_utf8(), units + c.len_utf16()));
            }
            units += c.len_utf16();
        }
        Utf16Index { points }
    }

    fn at(&self, byte: usize) -> usize {
        let i = match self.points.binary_search_by_key(&byte, |p| p.0) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let (b, u) = self.points[i];
        u + (byte - b)
    }
}

fn one_line(text: &str) -> String {
    super::one_line(text)
}

fn trim_start_chars(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_string();
    }
    let skip = count - max;
    format!("…{}", text.chars().skip(skip).collect::<String>())
}

fn trim_end_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    format!("{}…", text.chars().take(max).collect::<String>())
}

/// The sentence split around the value; the whole sentence when the span falls outside it.
fn quote(source: &Source, claim: &crate::claim::Claim) -> (String, String, String) {
    let (sentence, span) = (claim.sentence, claim.span);
    let pieces = (
        source.text.get(sentence.start()..span.start()),
        source.text.get(span.start()..span.end()),
        source.text.get(span.end()..sentence.end()),
    );
    match pieces {
        (Some(before), Some(value), Some(after)) => {
            let before = one_line(before);
            let after = one_line(after);
            let before = if before.is_empty() {
                before
            } else {
                format!("{before} ")
            };
            let after =
                if after.is_empty() || after.starts_with([',', '.', ';', ':', '’', '\'', ')']) {
                    after
                } else {
                    format!(" {after}")
                };
            (
                trim_start_chars(&before, CONTEXT_CHARS),
                one_line(value),
                trim_end_chars(&after, CONTEXT_CHARS),
            )
        }
        _ => (
            String::new(),
            String::new(),
            one_line(source.text.get(sentence.range()).unwrap_or("")),
        ),
    }
}

/// Entity groups in display order: the group holding the most severe finding
/// first (findings arrive sorted by severity), then by entity name.
/// Findings arrive grouped by story, so each story's entities stay together;
/// one surname in two stories is two groups.
fn entity_groups(findings: &[Finding]) -> Vec<(String, Vec<usize>)> {
    let mut order: Vec<(String, String)> = Vec::new();
    let mut members: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        let key = (f.story_label(), f.entity_key.clone());
        let entry = members.entry(key.clone()).or_default();
        if entry.is_empty() {
            order.push(key);
        }
        entry.push(i);
    }
    order
        .into_iter()
        .filter_map(|key| {
            let mut idx = members.remove(&key)?;
            let (_, key) = key;
            idx.sort_by(|&a, &b| {
                findings[b]
                    .severity
                    .cmp(&findings[a].severity)
                    .then(a.cmp(&b))
            });
            Some((key, idx))
        })
        .collect()
}

fn build_data<'a>(
    analysis: &'a Analysis,
    order: &[usize],
    groups: &[(String, Vec<usize>)],
) -> Data<'a> {
    let explanations: BTreeMap<&str, String> = analysis
        .rules
        .iter()
        .map(|r| (r.id.as_str(), one_line(&r.explanation)))
        .collect();
    let indexes: Vec<Utf16Index> = analysis
        .sources
        .iter()
        .map(|s| Utf16Index::new(&s.text))
        .collect();
    // Display position of each finding, so marks in the source view link to it.
    let mut position = vec![0usize; analysis.findings.len()];
    for (pos, &i) in order.iter().enumerate() {
        position[i] = pos;
    }
    let mut conflicting: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, f) in analysis.findings.iter().enumerate() {
        for v in &f.values {
            for &c in &v.claims {
                conflicting.entry(c).or_insert(position[i]);
            }
        }
    }
    let mut ids = BTreeSet::new();
    let mut group_of = vec![0usize; analysis.findings.len()];
    for (g, (_, members)) in groups.iter().enumerate() {
        for &m in members {
            group_of[m] = g;
        }
    }
    let findings = order
        .iter()
        .map(|&i| {
            let f = &analysis.findings[i];
            let mut id = f.fingerprint.clone();
            let mut n = 2;
            while !ids.insert(id.clone()) {
                id = format!("{}-{n}", f.fingerprint);
                n += 1;
            }
            let sources: BTreeSet<usize> = f
                .values
                .iter()
                .flat_map(|v| v.claims.iter().filter_map(|&c| analysis.claims.get(c)))
                .map(|c| c.source)
                .collect();
            DataFinding {
                id,
                group: group_of[i],
                rule: &f.rule,
                severity: f.severity.as_str(),
                status: f.status.as_str(),
                entity: &f.entity,
                predicate: &f.predicate,
                message: &f.message,
                period: f.period.as_deref(),
                reason: f.reason.as_deref(),
                explanation: explanations
                    .get(f.rule.as_str())
                    .cloned()
                    .unwrap_or_default(),
                sources: sources.into_iter().collect(),
                values: f
                    .values
                    .iter()
                    .map(|v| DataValue {
                        value: &v.value,
                        source_count: v.sources,
                        claims: v
                            .claims
                            .iter()
                            .filter_map(|&c| {
                                let claim = analysis.claims.get(c)?;
                                let source = analysis.sources.get(claim.source)?;
                                let (line, column) = source.line_column(claim.span.start());
                                let (before, text, after) = quote(source, claim);
                                Some(DataClaim {
                                    source: claim.source,
                                    line,
                                    column,
                                    before,
                                    text,
                                    after,
                                    at: indexes[claim.source].at(claim.span.start()),
                                })
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    let mut marks: Vec<Vec<(usize, usize, i64, String)>> = vec![Vec::new(); analysis.sources.len()];
    for (i, claim) in analysis.claims.iter().enumerate() {
        let Some(index) = indexes.get(claim.source) else {
            continue;
        };
        let finding = conflicting
            .get(&i)
            .map_or(-1, |&p| i64::try_from(p).unwrap_or(-1));
        marks[claim.source].push((
            index.at(claim.span.start()),
            index.at(claim.span.end()),
            finding,
            format!(
                "{} · {}: {}",
                claim.subject.label, claim.predicate, claim.value.canonical
            ),
        ));
    }
    let mut budget = TEXT_BUDGET;
    let texts = analysis
        .sources
        .iter()
        .zip(marks)
        .map(|(source, mut marks)| {
            // Overlapping marks cannot nest in the view; the earlier, longer one wins.
            marks.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
            let mut end = 0;
            marks.retain(|m| {
                let keep = m.0 >= end && m.1 > m.0;
                if keep {
                    end = m.1;
                }
                keep
            });
            let text = if source.text.len() <= budget {
                budget -= source.text.len();
                Some(source.text.as_str())
            } else {
                budget = 0;
                None
            };
            DataText { text, marks }
        })
        .collect();
    Data {
        sources: analysis
            .sources
            .iter()
            .map(|s| DataSource {
                path: &s.path,
                date: s.date.as_deref(),
            })
            .collect(),
        findings,
        groups: groups
            .iter()
            .map(|(_, members)| DataGroup {
                entity: members.first().map_or(String::new(), |&i| {
                    let f = &analysis.findings[i];
                    if super::by_story(analysis) {
                        format!("{} · {}", f.story_label(), f.entity)
                    } else {
                        f.entity.clone()
                    }
                }),
                findings: members.iter().map(|&i| position[i]).collect(),
            })
            .collect(),
        texts,
        text_budget: TEXT_BUDGET,
    }
}

/// Renders the report. `generated` is the time to print (from
/// `SOURCE_DATE_EPOCH`); without it the newest source date stands in.
pub fn render(analysis: &Analysis, generated: Option<&str>) -> String {
    let groups = entity_groups(&analysis.findings);
    let order: Vec<usize> = groups.iter().flat_map(|(_, m)| m.iter().copied()).collect();
    let data = build_data(analysis, &order, &groups);
    let csp = format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(SCRIPT),
        csp_hash(STYLE)
    );
    let count = analysis.findings.len();
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"crosscheck {}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        out,
        "<title>crosscheck: {count} finding{} in {} source{}</title>",
        plural(count),
        analysis.sources.len(),
        plural(analysis.sources.len())
    );
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    out.push_str("<a class=\"skip\" href=\"#findings\">Skip to findings</a>\n");
    header(&mut out, analysis, generated);
    out.push_str(
        "<nav aria-label=\"Report sections\"><ul>\
         <li><a href=\"#findings\">Findings</a></li>\
         <li><a href=\"#graph\">Entity graph</a></li>\
         <li><a href=\"#sources\">Sources</a></li></ul></nav>\n<main>\n",
    );
    findings_section(&mut out, analysis);
    graph_section(&mut out, analysis);
    sources_section(&mut out, analysis);
    out.push_str("</main>\n<footer><p>Keyboard: <kbd>j</kbd> or <kbd>n</kbd> next finding, <kbd>k</kbd> or <kbd>p</kbd> previous, <kbd>/</kbd> search, <kbd>Esc</kbd> leave a field. Each finding’s “Link” is a URL you can paste into a conversation.</p></footer>\n");
    let _ = writeln!(
        out,
        "<script type=\"application/json\" id=\"report-data\">{}</script>",
        script_json(&data)
    );
    let _ = writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>");
    out
}

/// Each story's counts, and those of the findings across stories.
fn story_table(out: &mut String, analysis: &Analysis) {
    out.push_str("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Findings by story\"><table class=\"stories\">\n<caption>Findings by story</caption>\n<thead><tr><th scope=\"col\">Story</th><th scope=\"col\" class=\"num\">Sources</th><th scope=\"col\" class=\"num\">Errors</th><th scope=\"col\" class=\"num\">Warnings</th><th scope=\"col\" class=\"num\">Info</th></tr></thead>\n<tbody>\n");
    let across = super::count_severities(analysis.findings.iter().filter(|f| !f.across.is_empty()));
    let rows = super::story_summaries(analysis)
        .into_iter()
        .map(|s| (escape(s.name), s.sources.to_string(), s.by_severity))
        .chain([("Across stories".to_string(), String::new(), across)]);
    for (name, sources, counts) in rows {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{name}</th><td class=\"num\">{sources}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            counts.error, counts.warning, counts.info
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn header(out: &mut String, analysis: &Analysis, generated: Option<&str>) {
    let findings = &analysis.findings;
    out.push_str("<header>\n<h1>Consistency report</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"lede\">{} source{} checked, {} claim{} about {} entit{}: <strong>{} finding{}</strong> where the sources contradict each other.</p>",
        analysis.sources.len(),
        plural(analysis.sources.len()),
        analysis.claim_count(),
        plural(analysis.claim_count()),
        analysis.entity_count,
        if analysis.entity_count == 1 { "y" } else { "ies" },
        findings.len(),
        plural(findings.len())
    );
    out.push_str("<dl class=\"meta\">\n");
    match generated {
        Some(when) => {
            let _ = writeln!(out, "<dt>Generated</dt><dd>{}</dd>", escape(when));
        }
        None => {
            if let Some(newest) = analysis
                .sources
                .iter()
                .filter_map(|s| s.date.as_deref())
                .max()
            {
                let _ = writeln!(
                    out,
                    "<dt>Newest source date</dt><dd>{}</dd>",
                    escape(newest)
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "<dt>Tool</dt><dd>crosscheck {}</dd>",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("<dt>Rules</dt><dd><ul class=\"inline\">");
    for rule in &analysis.rules {
        let _ = write!(
            out,
            "<li><code>{}</code> <span class=\"muted\">({}, {})</span></li>",
            escape(&rule.id),
            rule.severity.as_str(),
            escape(&rule.origin)
        );
    }
    out.push_str("</ul></dd>\n</dl>\n");

    out.push_str(
        "<div class=\"totals\">\n<table>\n<caption>Findings by severity</caption>\n<tbody>",
    );
    for severity in SEVERITIES {
        let n = findings.iter().filter(|f| f.severity == severity).count();
        let _ = write!(
            out,
            "<tr><th scope=\"row\"><span class=\"sev sev-{0}\"><span aria-hidden=\"true\">{1}</span> {2}</span></th><td>{n}</td></tr>",
            severity.as_str(),
            severity_icon(severity),
            capitalised(severity.as_str())
        );
    }
    out.push_str("</tbody>\n</table>\n<table>\n<caption>Findings by status</caption>\n<tbody>");
    for status in statuses(findings) {
        // Fixed contradictions are baseline entries, not findings of this run.
        let n = if status == "fixed" {
            analysis.fixed.len()
        } else {
            status_count(findings, status)
        };
        let _ = write!(
            out,
            "<tr><th scope=\"row\"><span class=\"status status-{status}\">{}</span></th><td>{n}</td></tr>",
            capitalised(status)
        );
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    if super::by_story(analysis) {
        story_table(out, analysis);
    }

    let open = if analysis.sources.len() <= SOURCES_OPEN_MAX {
        " open"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<details class=\"checked\"{open}><summary>What was checked: {} source{}</summary>",
        analysis.sources.len(),
        plural(analysis.sources.len())
    );
    out.push_str("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Sources checked\"><table class=\"sources\">\n<thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Date</th><th scope=\"col\" class=\"num\">Bytes</th><th scope=\"col\">SHA-256</th><th scope=\"col\" class=\"num\">Claims</th></tr></thead>\n<tbody>\n");
    for (source, &claims) in analysis.sources.iter().zip(&analysis.claims_per_source) {
        let _ = writeln!(
            out,
            "<tr><td class=\"path\">{}</td><td>{}</td><td class=\"num\">{}</td><td><code title=\"{}\">{}</code></td><td class=\"num\">{claims}</td></tr>",
            escape(&source.path),
            escape(source.date.as_deref().unwrap_or("—")),
            source.bytes(),
            escape(&source.sha256),
            escape(source.sha256.get(..12).unwrap_or(&source.sha256)),
        );
    }
    out.push_str("</tbody>\n</table></div>\n</details>\n</header>\n");
}

fn status_count(findings: &[Finding], status: &str) -> usize {
    findings
        .iter()
        .filter(|f| f.status.as_str() == status)
        .count()
}

/// The usual statuses plus any other the findings carry, so a status added to
/// the model later is counted and filterable without touching this writer.
fn statuses(findings: &[Finding]) -> Vec<&'static str> {
    let mut all: Vec<&'static str> = STATUSES.to_vec();
    for f in findings {
        if !all.contains(&f.status.as_str()) {
            all.push(f.status.as_str());
        }
    }
    all
}

fn findings_section(out: &mut String, analysis: &Analysis) {
    let findings = &analysis.findings;
    out.push_str("<section id=\"findings\" aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">Findings</h2>\n");
    out.push_str("<form id=\"filters\" role=\"search\" aria-label=\"Filter findings\">\n");
    out.push_str("<fieldset><legend>Severity</legend>");
    for severity in SEVERITIES {
        let n = findings.iter().filter(|f| f.severity == severity).count();
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" name=\"severity\" value=\"{0}\" checked> <span class=\"sev sev-{0}\"><span aria-hidden=\"true\">{1}</span> {2}</span> ({n})</label>",
            severity.as_str(),
            severity_icon(severity),
            capitalised(severity.as_str())
        );
    }
    out.push_str("</fieldset>\n<fieldset><legend>Status</legend>");
    for status in statuses(findings) {
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" name=\"status\" value=\"{status}\" checked> {} ({})</label>",
            capitalised(status),
            status_count(findings, status)
        );
    }
    out.push_str("</fieldset>\n<div class=\"selects\">\n<label>Rule <select id=\"filter-rule\"><option value=\"\">All rules</option>");
    let rules: BTreeSet<&str> = analysis
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .chain(findings.iter().map(|f| f.rule.as_str()))
        .collect();
    for rule in rules {
        let n = findings.iter().filter(|f| f.rule == rule).count();
        let _ = write!(
            out,
            "<option value=\"{0}\">{0} ({n})</option>",
            escape(rule)
        );
    }
    out.push_str("</select></label>\n<label>Source <select id=\"filter-source\"><option value=\"\">All sources</option>");
    for (i, source) in analysis.sources.iter().enumerate() {
        let _ = write!(
            out,
            "<option value=\"{i}\">{}</option>",
            escape(&source.path)
        );
    }
    out.push_str("</select></label>\n<label>Search <input type=\"search\" id=\"search\" placeholder=\"name, value, words…\" autocomplete=\"off\"></label>\n<button type=\"reset\" id=\"reset\">Clear filters</button>\n</div>\n</form>\n");
    let _ = writeln!(
        out,
        "<p id=\"count\" aria-live=\"polite\" data-shown=\"{count}\">{count} of {count} findings shown</p>",
        count = findings.len()
    );
    out.push_str("<div id=\"finding-list\"></div>\n<noscript><p class=\"note\">The findings list needs JavaScript. The same findings are in the JSON report: <code>crosscheck check --format json</code>.</p></noscript>\n</section>\n");
}

struct GraphEdge {
    claims: usize,
    /// Conflicting values this source states about the entity.
    conflicts: BTreeSet<String>,
}

fn graph_section(out: &mut String, analysis: &Analysis) {
    out.push_str("<section id=\"graph\" aria-labelledby=\"graph-h\">\n<h2 id=\"graph-h\">Entity graph</h2>\n");
    let graph = ClaimGraph::build(&analysis.claims, analysis.sources.len());
    let mut conflict_values: BTreeMap<usize, &str> = BTreeMap::new();
    for f in &analysis.findings {
        for v in &f.values {
            for &c in &v.claims {
                conflict_values.entry(c).or_insert(&v.value);
            }
        }
    }
    // (entity node, source) → claims and conflicting values, from the graph's
    // entity → claim → source paths.
    let mut edges: BTreeMap<(String, usize), GraphEdge> = BTreeMap::new();
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    let mut predicates: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for &entity in &graph.entities {
        let Node::Entity { key, label } = &graph.graph[entity] else {
            continue;
        };
        labels.insert(key.to_string(), label.to_string());
        for stated in graph.graph.edges(entity) {
            use petgraph::visit::EdgeRef;
            let claim = stated.weight().claim;
            let Node::Source(source) = graph.graph[stated.target()] else {
                continue;
            };
            predicates
                .entry(key.to_string())
                .or_default()
                .insert(analysis.claims[claim].predicate.to_string());
            let edge = edges.entry((key.to_string(), source)).or_insert(GraphEdge {
                claims: 0,
                conflicts: BTreeSet::new(),
            });
            edge.claims += 1;
            if let Some(value) = conflict_values.get(&claim) {
                edge.conflicts.insert((*value).to_string());
            }
        }
    }
    if edges.is_empty() {
        out.push_str("<p class=\"note\">No claims were extracted, so there is no graph to draw.</p>\n</section>\n");
        return;
    }
    // Keep the entities that matter most: conflicting first, then the most claimed.
    let mut entity_weight: BTreeMap<&str, (bool, usize)> = BTreeMap::new();
    for ((key, _), edge) in &edges {
        let w = entity_weight.entry(key.as_str()).or_default();
        w.0 |= !edge.conflicts.is_empty();
        w.1 += edge.claims;
    }
    let mut ranked: Vec<(&str, (bool, usize))> = entity_weight.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let total_entities = ranked.len();
    let kept: BTreeSet<&str> = ranked
        .iter()
        .take(GRAPH_MAX_ENTITIES)
        .map(|(k, _)| *k)
        .collect();
    // Sources without claims are drawn too: "this source said nothing checkable" is news.
    let mut source_weight: BTreeMap<usize, (bool, usize)> = (0..analysis.sources.len())
        .map(|s| (s, (false, 0)))
        .collect();
    for ((key, source), edge) in &edges {
        if kept.contains(key.as_str()) {
            let w = source_weight.entry(*source).or_default();
            w.0 |= !edge.conflicts.is_empty();
            w.1 += edge.claims;
        }
    }
    let total_sources = source_weight.len();
    let mut ranked_sources: Vec<(usize, (bool, usize))> = source_weight.into_iter().collect();
    ranked_sources.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut sources: Vec<usize> = ranked_sources
        .iter()
        .take(GRAPH_MAX_SOURCES)
        .map(|(s, _)| *s)
        .collect();
    sources.sort_unstable();
    let row_of_source: BTreeMap<usize, usize> = sources
        .iter()
        .enumerate()
        .map(|(row, &s)| (s, row))
        .collect();
    // Entities sit beside the sources they are claimed in (barycentre order),
    // which keeps crossings few without an iterative layout.
    let mut entities: Vec<(f64, &str)> = kept
        .iter()
        .filter_map(|&key| {
            let rows: Vec<usize> = edges
                .keys()
                .filter(|(k, s)| k == key && row_of_source.contains_key(s))
                .map(|(_, s)| row_of_source[s])
                .collect();
            if rows.is_empty() {
                return None;
            }
            let mean = rows.iter().sum::<usize>() as f64 / rows.len() as f64;
            Some((mean, key))
        })
        .collect();
    entities.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));

    const ROW: f64 = 34.0;
    const TOP: f64 = 40.0;
    const SOURCE_X: f64 = 10.0;
    const NODE_W: f64 = 230.0;
    const ENTITY_X: f64 = 520.0;
    const WIDTH: f64 = 760.0;
    let source_gap = if sources.len() < entities.len() {
        ROW * entities.len() as f64 / sources.len().max(1) as f64
    } else {
        ROW
    };
    let entity_gap = if entities.len() < sources.len() {
        ROW * sources.len() as f64 / entities.len().max(1) as f64
    } else {
        ROW
    };
    let source_y = |row: usize| TOP + source_gap * row as f64 + source_gap / 2.0;
    let entity_y = |row: usize| TOP + entity_gap * row as f64 + entity_gap / 2.0;
    let height = TOP + ROW * sources.len().max(entities.len()) as f64 + 20.0;

    if total_entities > entities.len() || total_sources > sources.len() {
        let _ = writeln!(
            out,
            "<p class=\"note\"><strong>Large corpus:</strong> the graph shows {} of {} entities and {} of {} sources (those with contradictions first, then the most claimed). The findings list and the source view hold everything.</p>",
            entities.len(),
            total_entities,
            sources.len(),
            total_sources
        );
    }
    let conflict_entities = entities
        .iter()
        .filter(|(_, k)| {
            edges
                .iter()
                .any(|((ek, _), e)| ek == k && !e.conflicts.is_empty())
        })
        .count();
    // Focusable so keyboard users can scroll it sideways on a narrow screen.
    out.push_str(
        "<div class=\"scroll graph-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Entity graph, scrolls sideways\">\n",
    );
    let _ = writeln!(
        out,
        "<svg id=\"entity-graph\" viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" aria-labelledby=\"graph-title graph-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"graph-title\">Entities and the sources that make claims about them</title>\n<desc id=\"graph-desc\">{} sources on the left, {} entities on the right; {} entities have contradicting claims, drawn with a thick dashed red line labelled with the value each source states.</desc>",
        sources.len(),
        entities.len(),
        conflict_entities
    );
    let _ = writeln!(
        out,
        "<text class=\"col\" x=\"{SOURCE_X}\" y=\"22\">Sources</text><text class=\"col\" x=\"{ENTITY_X}\" y=\"22\">Entities</text>"
    );
    let row_of_entity: BTreeMap<&str, usize> = entities
        .iter()
        .enumerate()
        .map(|(row, (_, k))| (*k, row))
        .collect();
    // Plain edges first so the highlighted ones are drawn on top.
    let mut source_labels: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for pass in [false, true] {
        for ((key, source), edge) in &edges {
            let (Some(&er), Some(&sr)) =
                (row_of_entity.get(key.as_str()), row_of_source.get(source))
            else {
                continue;
            };
            let conflict = !edge.conflicts.is_empty();
            if conflict != pass {
                continue;
            }
            let (x1, y1) = (SOURCE_X + NODE_W, source_y(sr));
            let (x2, y2) = (ENTITY_X, entity_y(er));
            let mid = (x1 + x2) / 2.0;
            let title = format!(
                "{} → {}: {} claim{}{}",
                analysis
                    .sources
                    .get(*source)
                    .map_or("", |s| s.path.as_str()),
                labels.get(key).map_or("", String::as_str),
                edge.claims,
                plural(edge.claims),
                if conflict {
                    format!(
                        "; contradicting value: {}",
                        edge.conflicts
                            .iter()
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                } else {
                    String::new()
                }
            );
            let _ = writeln!(
                out,
                "<path class=\"edge{}\" d=\"M{x1:.0} {y1:.1} C{mid:.0} {y1:.1} {mid:.0} {y2:.1} {x2:.0} {y2:.1}\"><title>{}</title></path>",
                if conflict { " conflict" } else { "" },
                escape(&title)
            );
            if conflict {
                let value = edge
                    .conflicts
                    .iter()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                let entity = labels.get(key).map_or(key.as_str(), String::as_str);
                source_labels.entry(sr).or_default().push(format!(
                    "{}: {}",
                    trim_end_chars(entity, 22),
                    trim_end_chars(&value, 18)
                ));
            }
        }
    }
    // Values sit stacked beside the source that states them: labels at the
    // middle of the edges collide where edges converge.
    let mut labels_svg = String::new();
    const LINE: f64 = 15.0;
    let capacity = ((source_gap / 16.0).floor() as usize).max(1);
    for (row, lines) in &mut source_labels {
        if lines.len() > capacity {
            let hidden = lines.len() + 1 - capacity;
            lines.truncate(capacity - 1);
            lines.push(format!("+{hidden} more (hover the lines)"));
        }
        let y = source_y(*row);
        let n = lines.len() as f64;
        // Above the edges when there is room, else centred on the node.
        let first = if n * LINE + 8.0 <= source_gap / 2.0 {
            y - 8.0 - LINE * (n - 1.0)
        } else {
            y + 4.0 - LINE * (n - 1.0) / 2.0
        };
        for (i, line) in lines.iter().enumerate() {
            let _ = writeln!(
                labels_svg,
                "<text class=\"edge-label\" x=\"{:.0}\" y=\"{:.1}\">{}</text>",
                SOURCE_X + NODE_W + 8.0,
                first + LINE * i as f64,
                escape(line)
            );
        }
    }
    out.push_str(&labels_svg);
    for (row, &source) in sources.iter().enumerate() {
        let path = analysis.sources.get(source).map_or("", |s| s.path.as_str());
        let name = path.rsplit('/').next().unwrap_or(path);
        let y = source_y(row);
        let _ = writeln!(
            out,
            "<g class=\"node source\"><title>{}</title><rect x=\"{SOURCE_X}\" y=\"{:.1}\" width=\"{NODE_W}\" height=\"24\" rx=\"3\"/><text x=\"{:.0}\" y=\"{:.1}\">{}</text></g>",
            escape(path),
            y - 12.0,
            SOURCE_X + 8.0,
            y + 5.0,
            escape(&trim_end_chars(name, 30))
        );
    }
    for (row, (_, key)) in entities.iter().enumerate() {
        let conflict = edges
            .iter()
            .any(|((k, _), e)| k == key && !e.conflicts.is_empty());
        let mut label = labels.get(*key).map_or(*key, String::as_str).to_string();
        // Two entities drawn under one name are told apart by what is claimed of them.
        if entities
            .iter()
            .filter(|(_, other)| labels.get(*other).map(String::as_str) == Some(label.as_str()))
            .count()
            > 1
        {
            if let Some(p) = predicates.get(*key) {
                label = format!(
                    "{label} · {}",
                    p.iter().cloned().collect::<Vec<_>>().join(", ")
                );
            }
        }
        let label = label.as_str();
        let y = entity_y(row);
        let shown = if conflict {
            format!("\u{26A0} {}", trim_end_chars(label, 22))
        } else {
            trim_end_chars(label, 28)
        };
        let _ = writeln!(
            out,
            "<g class=\"node entity{}\"><title>{}{}</title><rect x=\"{ENTITY_X}\" y=\"{:.1}\" width=\"{NODE_W}\" height=\"24\" rx=\"12\"/><text x=\"{:.0}\" y=\"{:.1}\">{}</text></g>",
            if conflict { " conflict" } else { "" },
            escape(label),
            if conflict { " (sources contradict each other)" } else { "" },
            y - 12.0,
            ENTITY_X + 10.0,
            y + 5.0,
            escape(&shown)
        );
    }
    out.push_str("</svg>\n</div>\n");
    out.push_str("<p class=\"legend\"><span class=\"key plain\" aria-hidden=\"true\"></span> a source makes claims about an entity &nbsp; <span class=\"key conflict\" aria-hidden=\"true\"></span> thick dashed: a claim in a contradiction, labelled with its value &nbsp; <span aria-hidden=\"true\">\u{26A0}</span> entity with a contradiction. Hover a line or box for details.</p>\n</section>\n");
}

fn sources_section(out: &mut String, analysis: &Analysis) {
    out.push_str("<section id=\"sources\" aria-labelledby=\"sources-h\">\n<h2 id=\"sources-h\">Sources</h2>\n");
    out.push_str("<p>Read a source in context: extracted claims are <mark class=\"claim\">highlighted</mark>, claims in a contradiction are <mark class=\"claim conflict\">marked</mark> and link to their finding.</p>\n");
    out.push_str("<label>Source <select id=\"source-pick\">");
    for (i, source) in analysis.sources.iter().enumerate() {
        let _ = write!(
            out,
            "<option value=\"{i}\">{}</option>",
            escape(&source.path)
        );
    }
    out.push_str("</select></label>\n<div id=\"source-view\" tabindex=\"-1\"></div>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(escape("Zelenskyy – “ok”"), "Zelenskyy – “ok”");
    }

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let json = script_json(&["</script><!--", "a & b", "\u{2028}\u{2029}"]);
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        assert!(!json.contains('\u{2028}') && !json.contains('\u{2029}'));
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ["</script><!--", "a & b", "\u{2028}\u{2029}"]);
    }

    #[test]
    fn base64_matches_known_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn timestamps_are_utc() {
        assert_eq!(utc_timestamp(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc_timestamp(1_764_633_600), "2025-12-02 00:00:00 UTC");
        assert_eq!(utc_timestamp(951_825_661), "2000-02-29 12:01:01 UTC");
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let text = "aé😀b";
        let index = Utf16Index::new(text);
        assert_eq!(index.at(0), 0);
        assert_eq!(index.at(1), 1);
        assert_eq!(index.at(3), 2);
        assert_eq!(index.at(7), 4);
        assert_eq!(index.at(8), 5);
    }
}
