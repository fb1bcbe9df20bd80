//! Accuracy, measured: the seeds, every trap fixture, and every shared corpus
//! against the floor recorded in tests/accuracy-floor.json.

mod common;

use crosscheck::eval::{self, Score};
use crosscheck::knowledge::Knowledge;
use crosscheck::rules::{load, Rule};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The repository's own rule files (not the built-in copies), so a broken file fails here.
fn rules() -> (Vec<Rule>, Knowledge) {
    let dir = root().join("rules");
    (
        load::load_dir(&dir).expect("rules load"),
        Knowledge::load(&dir.join("knowledge")).expect("knowledge loads"),
    )
}

fn score(gold: &Path, corpus: &Path) -> Score {
    let (rules, knowledge) = rules();
    eval::run(gold, corpus, &rules, &knowledge)
        .unwrap_or_else(|e| panic!("{}: {e}", gold.display()))
}

#[test]
fn seeds_find_both_contradictions_and_no_trap() {
    let s = score(
        &root().join("tests/data/seeds.gold.json"),
        &root().join("seeds"),
    );
    assert_eq!(s.recall, 1.0, "{}", eval::render_text(&s));
    assert!(s.precision >= 0.9, "{}", eval::render_text(&s));
    // No error or warning may rest only on a `consistent` trap.
    let traps: Vec<_> = s
        .false_alarms
        .iter()
        .filter(|a| !a.cites.is_empty())
        .collect();
    assert!(traps.is_empty(), "{}", eval::render_text(&s));
}

#[test]
fn every_fixture_scores_perfectly() {
    let dir = root().join("tests/fixtures");
    let mut golds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    golds.sort();
    assert!(golds.len() >= 8, "fixtures missing");
    let mut failures = Vec::new();
    for gold in golds {
        let name = gold
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".gold.json")
            .to_string();
        let s = score(&gold, &dir.join(&name));
        if s.recall < 1.0 || s.precision < 1.0 {
            failures.push(eval::render_text(&s));
        }
    }
    assert!(
        failures.is_empty(),
        "fixtures failing:\n{}",
        failures.join("\n")
    );
}

#[derive(serde::Deserialize)]
struct Floor {
    recall: f64,
    precision: f64,
}

/// Recall and precision may rise, never fall below what the project has reached.
#[test]
fn shared_corpora_stay_above_the_recorded_floor() {
    let corpus_dir = root().join("../shared/corpus");
    if !corpus_dir.is_dir() {
        common::skipped(
            "shared_corpora_stay_above_the_recorded_floor",
            &format!(
                "{} not found; shared corpus accuracy not measured",
                corpus_dir.display()
            ),
        );
        return;
    }
    let floors: std::collections::BTreeMap<String, Floor> = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/accuracy-floor.json")).unwrap(),
    )
    .unwrap();
    let mut report = String::new();
    let mut failed = false;
    // Every shared corpus has a floor, so a new one is measured from its first day.
    for entry in std::fs::read_dir(&corpus_dir).unwrap().flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some(name) = file.strip_suffix(".gold.json") {
            if !floors.contains_key(name) {
                failed = true;
                report.push_str(&format!("{name}: no floor in tests/accuracy-floor.json\n"));
            }
        }
    }
    for (name, floor) in &floors {
        // "unseen/NAME" is a story of tests/unseen/, written for the purpose.
        let dir = match name.strip_prefix("unseen/") {
            Some(story) => root().join("tests/unseen").join(story),
            None => corpus_dir.join(name),
        };
        let s = score(&dir.with_extension("gold.json"), &dir);
        report.push_str(&format!(
            "{name}: recall {:.2} (floor {:.2}), precision {:.2} (floor {:.2})\n",
            s.recall, floor.recall, s.precision, floor.precision
        ));
        if s.recall + 1e-9 < floor.recall || s.precision + 1e-9 < floor.precision {
            failed = true;
            report.push_str(&eval::render_text(&s));
        }
    }
    assert!(!failed, "accuracy fell below the floor:\n{report}");
}

/// Hedges, unit conversions and parties' figures must not raise even a note.
#[test]
fn quantity_traps_raise_no_note_at_all() {
    let (rules, knowledge) = rules();
    let sources =
        crosscheck::ingest::read_all(&[root().join("tests/fixtures/quantity-traps")]).unwrap();
    let analysis = crosscheck::pipeline::analyze(sources, &rules, &knowledge);
    let quantities = analysis
        .claims
        .iter()
        .filter(|c| c.predicate == "quantity")
        .count();
    assert!(quantities >= 10, "the figures are read: {quantities}");
    let notes: Vec<&str> = analysis
        .findings
        .held()
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(notes.is_empty(), "{notes:?}");
}
