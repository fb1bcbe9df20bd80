//! Throughput of each stage and of the whole pipeline on generated corpora at
//! 1×, 10× and 100× sizes (`cargo bench --bench pipeline`).

use crosscheck::extract;
use crosscheck::ingest::Source;
use crosscheck::knowledge::Knowledge;
use crosscheck::{generate, normalize, pipeline, rules, segment};
use divan::counter::BytesCount;
use divan::Bencher;

fn main() {
    divan::main();
}

/// Stories per size: 1× is a small desk's story set, 100× an archive slice.
const SIZES: &[usize] = &[10, 100, 1000];

fn sources(stories: usize) -> Vec<Source> {
    generate::corpus(stories, 1, &Knowledge::builtin())
        .into_iter()
        .map(|(path, text)| Source::from_text(path, text))
        .collect()
}

fn bytes(sources: &[Source]) -> BytesCount {
    BytesCount::new(sources.iter().map(|s| s.text.len()).sum::<usize>())
}

/// A text read into a source: its hash, line index and date (the line index
/// once decoded every character of every source).
#[divan::bench(args = SIZES, sample_count = 5)]
fn ingest(bencher: Bencher, stories: usize) {
    let texts = generate::corpus(stories, 1, &Knowledge::builtin());
    let size = BytesCount::new(texts.iter().map(|(_, text)| text.len()).sum::<usize>());
    bencher
        .counter(size)
        .with_inputs(|| texts.clone())
        .bench_local_values(|texts| {
            texts
                .into_iter()
                .map(|(path, text)| Source::from_text(path, text).sha256.len())
                .sum::<usize>()
        });
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn segment(bencher: Bencher, stories: usize) {
    let sources = sources(stories);
    bencher.counter(bytes(&sources)).bench(|| {
        sources
            .iter()
            .map(|s| segment::sentences(&s.text).len())
            .sum::<usize>()
    });
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn extract(bencher: Bencher, stories: usize) {
    let sources = sources(stories);
    let knowledge = Knowledge::builtin();
    let patterns = extract::declared::Patterns::new(&rules::load::builtin(), &knowledge);
    let sentences: Vec<_> = sources
        .iter()
        .map(|s| segment::sentences(&s.text))
        .collect();
    bencher.counter(bytes(&sources)).bench(|| {
        sources
            .iter()
            .enumerate()
            .map(|(i, s)| extract::extract(i, s, &sentences[i], &knowledge, &patterns).len())
            .sum::<usize>()
    });
}

/// Raw claims of a corpus, as extraction leaves them.
fn extracted(sources: &[Source], knowledge: &Knowledge) -> Vec<crosscheck::claim::Claim> {
    let patterns = extract::declared::Patterns::new(&rules::load::builtin(), knowledge);
    sources
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            extract::extract(i, s, &segment::sentences(&s.text), knowledge, &patterns)
        })
        .collect()
}

/// Joining mentions into entities; the copy of the raw claims each run needs is
/// made outside the timed part.
#[divan::bench(args = SIZES, sample_count = 5)]
fn normalize(bencher: Bencher, stories: usize) {
    let sources = sources(stories);
    let knowledge = Knowledge::builtin();
    let raw = extracted(&sources, &knowledge);
    bencher
        .counter(bytes(&sources))
        .with_inputs(|| raw.clone())
        .bench_local_values(|mut claims| {
            normalize::normalize(&mut claims, &knowledge);
            claims
        });
}

/// The graph, the groups and every rule over them, on normalised claims.
#[divan::bench(args = SIZES, sample_count = 5)]
fn graph_and_rules(bencher: Bencher, stories: usize) {
    let sources = sources(stories);
    let knowledge = Knowledge::builtin();
    let rules = rules::load::builtin();
    let mut claims = extracted(&sources, &knowledge);
    normalize::normalize(&mut claims, &knowledge);
    bencher.counter(bytes(&sources)).bench(|| {
        let graph = crosscheck::graph::ClaimGraph::build(&claims, sources.len());
        graph
            .groups()
            .iter()
            .map(|g| {
                rules
                    .iter()
                    .map(|r| rules::check::apply(r, g, &claims).len())
                    .sum::<usize>()
            })
            .sum::<usize>()
    });
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn end_to_end(bencher: Bencher, stories: usize) {
    let sources = sources(stories);
    let knowledge = Knowledge::builtin();
    let rules = rules::load::builtin();
    bencher.counter(bytes(&sources)).bench(|| {
        let analysis = pipeline::analyze(sources.clone(), &rules, &knowledge);
        crosscheck::report::json::render(&analysis).len()
    });
}

/// The JSON report of a run of many stories: its per-story summaries once
/// scanned every finding for each story (time in stories × findings).
#[divan::bench(args = SIZES, sample_count = 5)]
fn report_by_story(bencher: Bencher, stories: usize) {
    let mut sources = sources(stories);
    for source in &mut sources {
        // The generator's story folder, as ingest names stories by folder.
        source.story = source
            .path
            .rsplit_once('/')
            .map_or("", |(dir, _)| dir)
            .to_string();
    }
    let analysis = pipeline::analyze(sources, &rules::load::builtin(), &Knowledge::builtin());
    bencher.bench(|| crosscheck::report::json::render(&analysis).len());
}
