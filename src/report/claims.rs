//! The `claims` command's output: every triple, for debugging a miss.

use super::locate;
use crate::claim::Claim;
use crate::ingest::Source;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Serialize)]
struct ClaimLine<'a> {
    entity: &'a str,
    entity_label: &'a str,
    subject: &'a str,
    predicate: &'a str,
    value: &'a str,
    value_key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    interval: Option<crate::claim::Interval>,
    qualifiers: &'a crate::claim::Qualifiers,
    #[serde(flatten)]
    location: super::Location,
}

pub fn jsonl(claims: &[Claim], sources: &[Source]) -> String {
    let mut out = String::new();
    for claim in claims {
        let line = ClaimLine {
            entity: &claim.subject.key,
            entity_label: &claim.subject.label,
            subject: &claim.subject.text,
            predicate: claim.predicate,
            value: &claim.value.canonical,
            value_key: &claim.value.key,
            interval: claim.value.interval,
            qualifiers: &claim.qualifiers,
            location: locate(claim, sources),
        };
        out.push_str(&serde_json::to_string(&line).expect("claim serialises"));
        out.push('\n');
    }
    out
}

pub fn text(claims: &[Claim], sources: &[Source]) -> String {
    let mut by_entity: BTreeMap<(&str, &str), Vec<&Claim>> = BTreeMap::new();
    for claim in claims {
        by_entity
            .entry((&claim.subject.key, &claim.subject.label))
            .or_default()
            .push(claim);
    }
    let mut out = String::new();
    for ((key, label), claims) in by_entity {
        let _ = writeln!(out, "{label}  [{key}]");
        for claim in claims {
            let location = locate(claim, sources);
            let mut qualifiers = Vec::new();
            if let Some(h) = &claim.qualifiers.hedge {
                qualifiers.push(format!("hedge={h}"));
            }
            if let Some(t) = &claim.qualifiers.time {
                qualifiers.push(format!("time={t}"));
            }
            if let Some(a) = &claim.qualifiers.attribution {
                qualifiers.push(format!("by={a}"));
            }
            if claim.qualifiers.former {
                qualifiers.push("former".to_string());
            }
            let _ = writeln!(
                out,
                "  {} = {}  {}:{}:{}  \"{}\"{}",
                claim.predicate,
                claim.value.canonical,
                location.shown(),
                location.line,
                location.column,
                location.text,
                if qualifiers.is_empty() {
                    String::new()
                } else {
                    format!("  ({})", qualifiers.join(", "))
                }
            );
        }
    }
    out
}
