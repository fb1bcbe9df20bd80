//! The stage order in one screen:
//! ingest → segment → extract → normalize → graph → rules → findings.

use crate::claim::Claim;
use crate::extract;
use crate::findings::{self, Finding};
use crate::graph::ClaimGraph;
use crate::ingest::Source;
use crate::knowledge::Knowledge;
use crate::normalize;
use crate::rules::{check, Rule};
use crate::segment;

/// Everything one run learned about its sources.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub sources: Vec<Source>,
    pub claims: Vec<Claim>,
    pub entity_count: usize,
    pub findings: Vec<Finding>,
    /// The rules the run applied, so writers can name them and show their explanations.
    pub rules: Vec<Rule>,
    /// Baseline entries no longer found: contradictions fixed since they were accepted.
    pub fixed: Vec<crate::baseline::Entry>,
}

/// Claims of every source, normalised across sources.
///
/// Sources are segmented and read in parallel (rayon, on the current thread
/// pool); their claims are concatenated in source order, so the result is the
/// same whatever the number of threads.
pub fn claims(sources: &[Source], knowledge: &Knowledge) -> Vec<Claim> {
    use rayon::prelude::*;
    let per_source: Vec<Vec<Claim>> = sources
        .par_iter()
        .enumerate()
        .map(|(index, source)| {
            let sentences = segment::sentences(&source.text);
            extract::extract(index, source, &sentences, knowledge)
        })
        .collect();
    let mut claims: Vec<Claim> = per_source.into_iter().flatten().collect();
    normalize::normalize(&mut claims, knowledge);
    claims
}

pub fn analyze(sources: Vec<Source>, rules: &[Rule], knowledge: &Knowledge) -> Analysis {
    let claims = claims(&sources, knowledge);
    let graph = ClaimGraph::build(&claims, sources.len());
    let mut found = Vec::new();
    for group in graph.groups() {
        for rule in rules {
            found.extend(check::apply(rule, &group, &claims));
        }
    }
    findings::sort(&mut found);
    Analysis {
        entity_count: graph.entity_count(),
        sources,
        claims,
        findings: found,
        rules: rules.to_vec(),
        fixed: Vec::new(),
    }
}
