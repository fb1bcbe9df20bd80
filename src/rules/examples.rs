//! Running the examples rule files carry: sources that must make a rule report
//! and sources that must not, each example checked as a story of its own with
//! every loaded rule, as `check` would see it.

use super::Rule;
use crate::ingest::Source;
use crate::knowledge::Knowledge;
use crate::pipeline;

/// One example that did not do what its rule file says, as a line to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub rule: String,
    pub origin: String,
    pub message: String,
}

/// How many examples ran, and the ones that failed.
pub fn run(rules: &[Rule], knowledge: &Knowledge) -> (usize, Vec<Failure>) {
    let mut ran = 0;
    let mut failures = Vec::new();
    for rule in rules {
        for (n, example) in rule.examples.iter().enumerate() {
            ran += 1;
            let flags = !example.flags.is_empty();
            let texts = if flags {
                &example.flags
            } else {
                &example.passes
            };
            let sources: Vec<Source> = texts
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    Source::from_text(format!("example-{}/{}.txt", n + 1, i + 1), text.clone())
                })
                .collect();
            let analysis = pipeline::analyze(sources, rules, knowledge);
            let own: Vec<String> = analysis
                .findings
                .iter()
                .filter(|f| f.rule == rule.id)
                .map(|f| f.message.clone())
                .collect();
            let message = match (flags, own.first()) {
                (true, None) => {
                    let read: Vec<String> = analysis
                        .claims
                        .iter()
                        .filter(|c| rule.predicates.iter().any(|p| p == c.predicate))
                        .map(|c| {
                            format!("{} {} = {}", c.subject.text, c.predicate, c.value.canonical)
                        })
                        .collect();
                    format!(
                        "example {} should be flagged and is not (claims read: {})",
                        n + 1,
                        if read.is_empty() {
                            "none".to_string()
                        } else {
                            read.join("; ")
                        }
                    )
                }
                (false, Some(found)) => {
                    format!("example {} should pass and is flagged: {found}", n + 1)
                }
                _ => continue,
            };
            failures.push(Failure {
                rule: rule.id.clone(),
                origin: rule.origin.clone(),
                message,
            });
        }
    }
    (ran, failures)
}
