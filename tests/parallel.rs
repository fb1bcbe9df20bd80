//! Output is byte-identical whatever the number of threads.

use std::path::PathBuf;
use std::process::Command;

fn check_json(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("binary runs");
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn one_thread_and_all_cores_give_the_same_bytes() {
    let one = check_json(&["check", "seeds", "--format", "json", "--jobs", "1"]);
    let all = check_json(&["check", "seeds", "--format", "json"]);
    assert_eq!(one, all);

    let dir = tempfile::tempdir().unwrap();
    let knowledge = crosscheck::knowledge::Knowledge::builtin();
    for (path, text) in crosscheck::generate::corpus(30, 3, &knowledge) {
        let target: PathBuf = dir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
    let path = dir.path().to_str().unwrap();
    let one = check_json(&["check", path, "--format", "json", "--jobs", "1"]);
    let four = check_json(&["check", path, "--format", "json", "--jobs", "4"]);
    assert!(!one.is_empty());
    assert_eq!(one, four);
}

/// The counters a progress bar draws end at the run's own totals, whatever the
/// number of threads that filled them.
#[test]
fn progress_counts_every_source_claim_and_finding() {
    use crosscheck::pipeline::{analyze_watched, Progress, Stage};
    use std::sync::atomic::Ordering;
    let knowledge = crosscheck::knowledge::Knowledge::builtin();
    let sources: Vec<crosscheck::ingest::Source> = crosscheck::generate::corpus(12, 5, &knowledge)
        .into_iter()
        .map(|(path, text)| crosscheck::ingest::Source::from_text(path, text))
        .collect();
    let count = sources.len();
    let progress = Progress::default();
    assert_eq!(progress.stage(), Stage::Extracting);
    let analysis = analyze_watched(
        sources,
        &crosscheck::rules::load::builtin(),
        &knowledge,
        &progress,
    );
    assert_eq!(progress.stage(), Stage::Done);
    assert_eq!(progress.sources_done.load(Ordering::Relaxed), count);
    assert_eq!(
        progress.claims.load(Ordering::Relaxed),
        analysis.claims.len()
    );
    assert!(!analysis.findings.is_empty());
    assert_eq!(
        progress.findings.load(Ordering::Relaxed),
        analysis.findings.len()
    );
}
