//! The HTML report: one self-contained file a reviewer opens from disk.
//!
//! Everything is inline (CSS, JS, SVG) and a Content-Security-Policy forbids
//! any network load, so the file behaves the same in a mail attachment, on a
//! CI artefact page or offline. Findings come first; rules, stories, sources
//! and totals follow in sections a reviewer opens when needed.
//!
//! The markup is written with `maud` templates ([`page`]), which escape every
//! interpolated value unless it is explicitly marked as markup; findings
//! travel as a JSON block ([`script_json`]) that the script renders on demand
//! with `textContent`, and source texts as a second block after the script,
//! so the browser draws the first findings before reading the texts; that
//! keeps a 1,000-source report responsive. The writer reads the run's findings only: the graph of a
//! finding is its entity, its values and the sources stating them, laid out
//! by [`layout`] here and drawn by the script when a reviewer opens it.

mod focus;
mod layout;
mod page;

use crate::findings::Finding;
use crate::ingest::Source;
use crate::pipeline::Analysis;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// Source text embedded for the per-source view, in bytes; beyond it a source
/// shows a note instead of its text, so a huge corpus still opens quickly.
/// With the findings' quotes and graphs this keeps a 1,000-source report
/// under 5 MB.
const TEXT_BUDGET: usize = 3 * 1024 * 1024 / 2;
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

/// A reviewer's words for an internal key: `first_name` reads "first name".
/// Predicates and rule ids are written as snake or kebab case by convention
/// (rules/*.toml), so this holds for predicates added by any rule folder.
pub fn human(key: &str) -> String {
    key.split(['_', '-'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `crosscheck.toml` lines that accept a finding; the reason is the one
/// given (a suppressed finding) or a prompt to write one.
pub fn acceptance(finding: &Finding) -> String {
    let reason = finding
        .reason
        .as_deref()
        .unwrap_or("why this is not a contradiction");
    format!(
        "[[accept]]\nfingerprint = {}\nreason = {}\n",
        toml_string(&finding.fingerprint),
        toml_string(reason)
    )
}

/// A TOML basic string (JSON's escapes are valid TOML ones).
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

#[derive(Serialize)]
struct Data<'a> {
    sources: Vec<DataSource<'a>>,
    findings: Vec<DataFinding<'a>>,
    /// Entity groups in display order: label, finding indices, entity graph.
    groups: Vec<DataGroup>,
    /// Written in a block of its own after the script, so the browser draws the
    /// findings before it has read the source texts.
    #[serde(skip)]
    texts: Vec<DataText<'a>>,
    text_budget: usize,
}

#[derive(Serialize)]
struct DataSource<'a> {
    /// `archive.jsonl#ID` for a record of an archive.
    path: std::borrow::Cow<'a, str>,
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct DataGroup {
    /// The entity's name; in a run of several stories, after its story's.
    entity: String,
    findings: Vec<usize>,
    /// The entity's values across its findings, when it has more than one.
    graph: Option<focus::Graph>,
}

#[derive(Serialize)]
struct DataFinding<'a> {
    id: String,
    fingerprint: &'a str,
    group: usize,
    rule: &'a str,
    severity: &'static str,
    status: &'static str,
    entity: &'a str,
    /// What the values are, in a reviewer's words.
    what: String,
    message: &'a str,
    period: Option<&'a str>,
    reason: Option<&'a str>,
    /// The story label (empty in a run of one story).
    story: String,
    accept: String,
    /// Distinct sources behind the finding, for the source filter.
    sources: Vec<usize>,
    values: Vec<DataValue<'a>>,
    graph: focus::Graph,
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
    /// Where a quotation's speaker is named.
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<DataSpeaker>,
}

#[derive(Serialize)]
struct DataSpeaker {
    line: usize,
    column: usize,
    text: String,
    /// UTF-16 offset of the name in the source text.
    at: usize,
}

/// A claim's speaker, when it has one the text holds.
fn speaker_span(source: &Source, claim: &crate::claim::Claim) -> Option<crate::span::Span> {
    let span = claim.qualifiers.speaker?;
    source.text.get(span.range()).map(|_| span)
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

use super::one_line;

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
    let by_story = super::by_story(analysis);
    let indexes: Vec<Utf16Index> = analysis
        .sources
        .held()
        .iter()
        .map(|s| Utf16Index::new(&s.text))
        .collect();
    // Display position of each finding, so marks in the source view link to it.
    let mut position = vec![0usize; analysis.findings.len()];
    for (pos, &i) in order.iter().enumerate() {
        position[i] = pos;
    }
    let mut conflicting: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, f) in analysis.findings.held().iter().enumerate() {
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
            let f = &analysis.findings.held()[i];
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
                fingerprint: &f.fingerprint,
                group: group_of[i],
                rule: &f.rule,
                severity: f.severity.as_str(),
                status: f.status.as_str(),
                entity: &f.entity,
                what: human(&f.predicate),
                message: &f.message,
                period: f.period.as_deref(),
                reason: f.reason.as_deref(),
                story: if by_story {
                    f.story_label()
                } else {
                    String::new()
                },
                accept: acceptance(f),
                graph: focus::finding(analysis, f),
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
                                let source = analysis.sources.held().get(claim.source)?;
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
                                    speaker: speaker_span(source, claim).map(|span| {
                                        let (line, column) = source.line_column(span.start());
                                        DataSpeaker {
                                            line,
                                            column,
                                            text: one_line(&source.text[span.range()]),
                                            at: indexes[claim.source].at(span.start()),
                                        }
                                    }),
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
        // The speaker's name is marked too, linked to the same finding.
        if let Some(span) = analysis
            .sources
            .held()
            .get(claim.source)
            .and_then(|source| speaker_span(source, claim))
        {
            marks[claim.source].push((
                index.at(span.start()),
                index.at(span.end()),
                finding,
                format!("speaker: {}", claim.value.canonical),
            ));
        }
    }
    let mut budget = TEXT_BUDGET;
    let texts = analysis
        .sources
        .held()
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
            // Marks only mean something on a text the report holds.
            if text.is_none() {
                marks.clear();
            }
            DataText { text, marks }
        })
        .collect();
    Data {
        sources: analysis
            .sources
            .held()
            .iter()
            .map(|s| DataSource {
                path: s.shown(),
                date: s.date.as_deref(),
            })
            .collect(),
        findings,
        groups: groups
            .iter()
            .map(|(_, members)| DataGroup {
                entity: members.first().map_or(String::new(), |&i| {
                    let f = &analysis.findings.held()[i];
                    if super::by_story(analysis) {
                        format!("{} · {}", f.story_label(), f.entity)
                    } else {
                        f.entity.clone()
                    }
                }),
                findings: members.iter().map(|&i| position[i]).collect(),
                graph: focus::entity(analysis, members),
            })
            .collect(),
        texts,
        text_budget: TEXT_BUDGET,
    }
}

/// Renders the report. `generated` is the time to print (from
/// `SOURCE_DATE_EPOCH`); without it the newest source date stands in.
pub fn render(analysis: &Analysis, generated: Option<&str>) -> String {
    // The page is made from every finding at once. A run that writes it
    // keeps its findings in memory (and every claim: the page shows them
    // all); one that wrote them out has them read back here.
    if analysis.findings.written_out() {
        let mut whole = analysis.clone();
        whole.findings = crate::findings::Findings::from(analysis.findings.all().into_owned());
        return render(&whole, generated);
    }
    let groups = entity_groups(analysis.findings.held());
    let order: Vec<usize> = groups.iter().flat_map(|(_, m)| m.iter().copied()).collect();
    let built = build_data(analysis, &order, &groups);
    let data = script_json(&built);
    let texts = script_json(&built.texts);
    let csp = format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(SCRIPT),
        csp_hash(STYLE)
    );
    let parts = page::Parts {
        generated,
        csp: &csp,
        style: STYLE,
        script: SCRIPT,
        data: &data,
        texts: &texts,
    };
    let mut out = page::page(analysis, &parts).into_string();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
