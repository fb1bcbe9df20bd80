//! The whole pipeline and every report writer on arbitrary text (split into two
//! sources at the first NUL so cross-source rules run too).
#![no_main]
use crosscheck::ingest::Source;
use crosscheck::knowledge::Knowledge;
use crosscheck::report::{self, Format};
use crosscheck::rules::{load, Rule};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn setup() -> &'static (Vec<Rule>, Knowledge) {
    static SETUP: OnceLock<(Vec<Rule>, Knowledge)> = OnceLock::new();
    SETUP.get_or_init(|| (load::builtin(), Knowledge::builtin()))
}

fuzz_target!(|text: &str| {
    let (rules, knowledge) = setup();
    let sources: Vec<Source> = text
        .splitn(2, '\0')
        .enumerate()
        .map(|(i, part)| Source::from_text(format!("s{i}.txt"), part.to_string()))
        .collect();
    let analysis = crosscheck::pipeline::analyze(sources, rules, knowledge);
    for claim in &analysis.claims {
        let text = &analysis.sources.held()[claim.source].text;
        assert!(text.get(claim.span.range()).is_some());
        assert!(text.get(claim.sentence.range()).is_some());
    }
    for format in [Format::Text, Format::Json, Format::Html] {
        let _ = report::render(&analysis, format, false);
    }
    let _ = report::claims::jsonl(&analysis.claims, analysis.sources.held());
    let _ = report::claims::text(&analysis.claims, analysis.sources.held());
});
