//! Adversarial inputs against normal prose, per byte (issue 7, "Limits"):
//! `cargo bench --bench adversarial`. Each case reports bytes/s; an adversarial
//! case far slower per byte than `prose` is superlinear behaviour to fix.

use crosscheck::ingest::Source;
use crosscheck::knowledge::Knowledge;
use crosscheck::rules::{load, Rule};
use divan::counter::BytesCount;
use divan::Bencher;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

static SETUP: LazyLock<(Vec<Rule>, Knowledge)> =
    LazyLock::new(|| (load::builtin(), Knowledge::builtin()));

/// A tiny deterministic generator, so every run measures the same text.
fn numbers(n: usize) -> impl Iterator<Item = u64> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..n).map(move |_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    })
}

fn prose(bytes: usize) -> String {
    let seed = include_str!("../seeds/000_18b56134848fcb4d.txt");
    let mut text = seed.repeat(bytes / seed.len() + 1);
    let mut end = bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// 10,000 capitalised words in one sentence.
fn capitalised_words() -> String {
    const WORDS: &[&str] = &[
        "Alpha",
        "Bravo",
        "President",
        "Secretary",
        "Steve",
        "Witkoff",
        "Golf",
        "Hotel",
    ];
    let words: Vec<&str> = numbers(10_000)
        .map(|x| WORDS[(x % WORDS.len() as u64) as usize])
        .collect();
    words.join(" ") + ".\n"
}

/// 10,000 numbers on one line.
fn many_numbers() -> String {
    let list: Vec<String> = numbers(10_000).map(|x| (x % 100_000).to_string()).collect();
    format!("The counts were {}.\n", list.join(", "))
}

/// A name repeated 5,000 times, with claims about it.
fn repeated_name() -> String {
    "Steve Witkoff, 54, met Putin for the sixth time. ".repeat(5_000) + "\n"
}

/// A 5 MB single line of claim-bearing sentences.
fn long_line() -> String {
    let sentence = "President Donald Trump met envoy Steve Witkoff, 54, in Miami on Friday for the sixth time. ";
    sentence.repeat(5 * 1024 * 1024 / sentence.len()) + "\n"
}

fn run(bencher: Bencher, text: String) {
    let (rules, knowledge) = &*SETUP;
    bencher
        .counter(BytesCount::of_str(&text))
        .with_inputs(|| vec![Source::from_text("bench.txt", text.clone())])
        .bench_values(|sources| crosscheck::pipeline::analyze(sources, rules, knowledge));
}

#[divan::bench(sample_count = 10)]
fn prose_100k(bencher: Bencher) {
    run(bencher, prose(100_000));
}

#[divan::bench(sample_count = 10)]
fn capitalised_words_10k(bencher: Bencher) {
    run(bencher, capitalised_words());
}

#[divan::bench(sample_count = 10)]
fn numbers_10k_one_line(bencher: Bencher) {
    run(bencher, many_numbers());
}

#[divan::bench(sample_count = 10)]
fn name_repeated_5k(bencher: Bencher) {
    run(bencher, repeated_name());
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn prose_5mb(bencher: Bencher) {
    run(bencher, prose(5 * 1024 * 1024));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn line_5mb(bencher: Bencher) {
    run(bencher, long_line());
}
