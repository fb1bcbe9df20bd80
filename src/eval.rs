//! Scoring findings against a gold file (`shared/spec/gold-format.md`).

use crate::error::Error;
use crate::findings::Finding;
use crate::pipeline::Analysis;
use crate::rules::Severity;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Debug, Deserialize)]
pub struct Gold {
    pub corpus: String,
    #[serde(default)]
    pub conflicts: Vec<GoldConflict>,
    #[serde(default)]
    pub consistent: Vec<GoldGroup>,
    #[serde(default)]
    pub debatable: Vec<GoldGroup>,
}

#[derive(Debug, Deserialize)]
pub struct GoldConflict {
    pub id: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub entity: String,
    #[serde(default)]
    pub note: String,
    pub sides: Vec<GoldSide>,
}

#[derive(Debug, Deserialize)]
pub struct GoldSide {
    pub value: String,
    pub cites: Vec<Cite>,
}

#[derive(Debug, Deserialize)]
pub struct GoldGroup {
    pub id: String,
    #[serde(default)]
    pub note: String,
    pub cites: Vec<Cite>,
}

#[derive(Debug, Deserialize)]
pub struct Cite {
    pub source: String,
    pub quote: String,
    #[serde(default)]
    pub occurrence: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct Score {
    pub corpus: String,
    pub conflicts: usize,
    pub matched: usize,
    pub recall: f64,
    /// Error and warning findings.
    pub findings: usize,
    pub correct: usize,
    pub precision: f64,
    pub missed: Vec<Missed>,
    pub false_alarms: Vec<FalseAlarm>,
}

#[derive(Debug, Serialize)]
pub struct Missed {
    pub id: String,
    pub kind: String,
    pub values: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct FalseAlarm {
    pub rule: String,
    pub message: String,
    /// Which gold entry it cites, if any: `consistent:ID` or nothing.
    pub cites: Vec<String>,
    pub locations: Vec<String>,
}

/// Reads a corpus and its gold file, runs the pipeline and scores the findings.
pub fn run(
    gold_path: &Path,
    corpus: &Path,
    rules: &[crate::rules::Rule],
    knowledge: &crate::knowledge::Knowledge,
) -> Result<Score, Error> {
    let gold = load_gold(gold_path)?;
    let sources = crate::ingest::read_all(&[corpus.to_path_buf()])?;
    let analysis = crate::pipeline::analyze(sources, rules, knowledge);
    let root = crate::ingest::display_path(corpus);
    score(
        &gold,
        &analysis,
        &root,
        &crate::ingest::display_path(gold_path),
    )
}

pub fn load_gold(path: &Path) -> Result<Gold, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::input(
            path,
            format!("cannot read: {}", crate::ingest::io_reason(&e)),
        )
    })?;
    serde_json::from_str(&text).map_err(|e| {
        Error::at(
            &crate::ingest::display_path(path),
            e.line(),
            // serde_json counts 0 before a line's first character (an empty file).
            e.column().max(1),
            format!("invalid gold file: {e}"),
        )
    })
}

/// A gold quote resolved to a source index and byte span.
struct Resolved {
    source: usize,
    span: Span,
}

fn resolve(
    cite: &Cite,
    analysis: &Analysis,
    corpus_root: &str,
    gold_path: &str,
) -> Result<Resolved, Error> {
    let wanted = format!("{}/{}", corpus_root.trim_end_matches('/'), cite.source);
    let source = analysis
        .sources
        .held()
        .iter()
        .position(|s| {
            s.path == wanted
                || s.path.ends_with(&format!("/{}", cite.source))
                || s.path == cite.source
        })
        .ok_or_else(|| {
            Error::usage(format!(
                "{gold_path}: cites `{}`, which is not among the sources",
                cite.source
            ))
        })?;
    let text = &analysis.sources.held()[source].text;
    let occurrence = cite.occurrence.unwrap_or(1).max(1);
    let start = text
        .match_indices(&cite.quote)
        .nth(occurrence - 1)
        .map(|(i, _)| i)
        .ok_or_else(|| {
            Error::usage(format!(
                "{gold_path}: quote `{}` not found in {}",
                cite.quote, cite.source
            ))
        })?;
    Ok(Resolved {
        source,
        span: Span::new(start, start + cite.quote.len()),
    })
}

fn cites(finding: &Finding, analysis: &Analysis, quote: &Resolved) -> bool {
    finding.values.iter().flat_map(|v| &v.claims).any(|&i| {
        let claim = &analysis.claims[i];
        claim.source == quote.source && claim.span.overlaps(&quote.span)
    })
}

pub fn score(
    gold: &Gold,
    analysis: &Analysis,
    corpus_root: &str,
    gold_path: &str,
) -> Result<Score, Error> {
    let conflicts: Vec<Vec<Vec<Resolved>>> = gold
        .conflicts
        .iter()
        .map(|c| {
            c.sides
                .iter()
                .map(|s| {
                    s.cites
                        .iter()
                        .map(|q| resolve(q, analysis, corpus_root, gold_path))
                        .collect()
                })
                .collect::<Result<_, _>>()
        })
        .collect::<Result<_, _>>()?;
    let consistent: Vec<Vec<Resolved>> = gold
        .consistent
        .iter()
        .map(|g| {
            g.cites
                .iter()
                .map(|q| resolve(q, analysis, corpus_root, gold_path))
                .collect()
        })
        .collect::<Result<_, _>>()?;
    let debatable: Vec<Vec<Resolved>> = gold
        .debatable
        .iter()
        .map(|g| {
            g.cites
                .iter()
                .map(|q| resolve(q, analysis, corpus_root, gold_path))
                .collect()
        })
        .collect::<Result<_, _>>()?;

    let matches = |finding: &Finding, conflict: &[Vec<Resolved>]| {
        conflict
            .iter()
            .filter(|side| side.iter().any(|q| cites(finding, analysis, q)))
            .count()
            >= 2
    };
    let all = analysis.findings.all();
    let scored: Vec<&Finding> = all
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect();
    let mut matched = BTreeSet::new();
    let mut correct = 0;
    let mut neutral = 0;
    let mut false_alarms = Vec::new();
    for finding in &scored {
        let hits: Vec<usize> = (0..conflicts.len())
            .filter(|&c| matches(finding, &conflicts[c]))
            .collect();
        if !hits.is_empty() {
            correct += 1;
            matched.extend(hits);
            continue;
        }
        let cites_debatable = debatable
            .iter()
            .any(|g| g.iter().any(|q| cites(finding, analysis, q)));
        if cites_debatable {
            neutral += 1;
            continue;
        }
        let cited: Vec<String> = gold
            .consistent
            .iter()
            .zip(&consistent)
            .filter(|(_, quotes)| quotes.iter().any(|q| cites(finding, analysis, q)))
            .map(|(g, _)| format!("consistent:{}", g.id))
            .collect();
        let locations = finding
            .values
            .iter()
            .flat_map(|v| {
                v.claims.iter().map(move |&i| {
                    let claim = &analysis.claims[i];
                    let source = &analysis.sources.held()[claim.source];
                    let (line, _) = source.line_column(claim.span.start());
                    format!("{} = {}:{}", v.value, source.path, line)
                })
            })
            .collect();
        false_alarms.push(FalseAlarm {
            rule: finding.rule.clone(),
            message: finding.message.clone(),
            cites: cited,
            locations,
        });
    }
    let missed = gold
        .conflicts
        .iter()
        .enumerate()
        .filter(|(i, _)| !matched.contains(i))
        .map(|(_, c)| Missed {
            id: c.id.clone(),
            kind: c.kind.clone(),
            values: c.sides.iter().map(|s| s.value.clone()).collect(),
        })
        .collect();
    let counted = scored.len() - neutral;
    Ok(Score {
        corpus: gold.corpus.clone(),
        conflicts: conflicts.len(),
        matched: matched.len(),
        recall: if conflicts.is_empty() {
            1.0
        } else {
            matched.len() as f64 / conflicts.len() as f64
        },
        findings: counted,
        correct,
        precision: if counted == 0 {
            1.0
        } else {
            correct as f64 / counted as f64
        },
        missed,
        false_alarms,
    })
}

pub fn render_text(score: &Score) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "corpus: {}", score.corpus);
    let _ = writeln!(
        out,
        "recall: {:.2} ({}/{} conflicts)",
        score.recall, score.matched, score.conflicts
    );
    let _ = writeln!(
        out,
        "precision: {:.2} ({}/{} error and warning findings)",
        score.precision, score.correct, score.findings
    );
    for missed in &score.missed {
        let _ = writeln!(
            out,
            "missed: {} [{}] {}",
            missed.id,
            missed.kind,
            missed.values.join(" vs ")
        );
    }
    for alarm in &score.false_alarms {
        let cites = if alarm.cites.is_empty() {
            String::new()
        } else {
            format!(" (cites {})", alarm.cites.join(", "))
        };
        let _ = writeln!(
            out,
            "false alarm: [{}] {}{}",
            alarm.rule, alarm.message, cites
        );
        for location in &alarm.locations {
            let _ = writeln!(out, "    {location}");
        }
    }
    out
}
