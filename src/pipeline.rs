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
    /// Files found but not read (binary, too large, FIFOs…), set by the caller that read them.
    pub skipped: Vec<crate::ingest::Skipped>,
    /// Where the time went, for `--stats` (never written into reports).
    pub stats: Stats,
}

/// Time spent per stage.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub extract: std::time::Duration,
    pub normalize: std::time::Duration,
    pub rules: std::time::Duration,
}

/// Claims of every source, normalised across sources.
///
/// Sources are segmented and read in parallel (rayon, on the current thread
/// pool); their claims are concatenated in source order, so the result is the
/// same whatever the number of threads.
pub fn claims(sources: &[Source], knowledge: &Knowledge) -> Vec<Claim> {
    claims_timed(sources, knowledge, &mut Stats::default())
}

/// Sources per batch of `claims_timed`: enough to keep every core busy.
const BATCH: usize = 256;

fn claims_timed(sources: &[Source], knowledge: &Knowledge, stats: &mut Stats) -> Vec<Claim> {
    use rayon::prelude::*;
    let started = std::time::Instant::now();
    // Sources are read in batches whose claims are moved into one list as each
    // batch ends: the memory a batch used is reused by the next, so the claims
    // are not held twice (per source, then all together) at the end.
    let mut claims: Vec<Claim> = Vec::new();
    for (batch, batch_sources) in sources.chunks(BATCH).enumerate() {
        let per_source: Vec<Vec<Claim>> = batch_sources
            .par_iter()
            .enumerate()
            .map(|(k, source)| {
                let sentences = segment::sentences(&source.text);
                extract::extract(batch * BATCH + k, source, &sentences, knowledge)
            })
            .collect();
        for source_claims in per_source {
            claims.extend(source_claims);
        }
    }
    stats.extract = started.elapsed();
    let started = std::time::Instant::now();
    normalize::normalize(&mut claims, knowledge);
    stats.normalize = started.elapsed();
    claims
}

pub fn analyze(sources: Vec<Source>, rules: &[Rule], knowledge: &Knowledge) -> Analysis {
    use rayon::prelude::*;
    let mut stats = Stats::default();
    let claims = claims_timed(&sources, knowledge, &mut stats);
    let started = std::time::Instant::now();
    let graph = ClaimGraph::build(&claims, sources.len());
    // The rules of each predicate, in rule order, so a group meets only its own.
    let mut rules_of: foldhash::HashMap<&str, Vec<&Rule>> = foldhash::HashMap::default();
    for rule in rules {
        for predicate in &rule.predicates {
            let listed = rules_of.entry(predicate.as_str()).or_default();
            // A rule naming a predicate twice still applies once.
            if !listed.iter().any(|r| std::ptr::eq(*r, rule)) {
                listed.push(rule);
            }
        }
    }
    // Groups are checked in parallel; their findings are put back in group order.
    // Groups borrow from the claims, not the graph: its memory is freed first.
    let groups = graph.groups();
    let entity_count = graph.entity_count();
    drop(graph);
    let per_group: Vec<Vec<Finding>> = groups
        .par_iter()
        .map(|group| {
            rules_of
                .get(group.predicate)
                .into_iter()
                .flatten()
                .flat_map(|rule| check::apply(rule, group, &claims))
                .collect()
        })
        .collect();
    let mut found: Vec<Finding> = per_group.into_iter().flatten().collect();
    findings::sort(&mut found);
    stats.rules = started.elapsed();
    Analysis {
        entity_count,
        sources,
        claims,
        findings: found,
        rules: rules.to_vec(),
        fixed: Vec::new(),
        stats,
        skipped: Vec::new(),
    }
}
