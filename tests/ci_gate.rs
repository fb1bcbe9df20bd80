//! The CI gate: baselines, fingerprints that survive unrelated change,
//! configuration with reasons, and the CI formats.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("binary runs")
}

/// A copy of the seeds in a scratch folder, as `dir/src`.
fn seeds_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("src")).unwrap();
    for entry in std::fs::read_dir(root().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            dir.path().join("src").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    dir
}

fn report(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_slice(&run(&all, dir).stdout).expect("JSON report")
}

fn fingerprints(report: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn baseline_round_trip_exits_0() {
    let dir = seeds_copy();
    let out = run(
        &["baseline", "src", "--output", "baseline.json"],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let baseline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(baseline["schema"], "crosscheck-baseline/1");
    let entries = baseline["findings"].as_array().unwrap();
    let sorted: Vec<&str> = entries
        .iter()
        .map(|e| e["fingerprint"].as_str().unwrap())
        .collect();
    let mut expected = sorted.clone();
    expected.sort();
    assert_eq!(sorted, expected, "sorted by fingerprint");
    assert!(entries
        .iter()
        .all(|e| e["summary"].is_string() && e["rule"].is_string() && e["values"].is_array()));
    let out = run(&["check", "src", "--baseline", "baseline.json"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let json = report(dir.path(), &["src", "--baseline", "baseline.json"]);
    assert_eq!(json["summary"]["new"], 0);
    assert_eq!(json["summary"]["baselined"], json["summary"]["findings"]);
}

#[test]
fn a_new_contradiction_fails_with_exactly_that_finding_new() {
    let dir = seeds_copy();
    run(
        &["baseline", "src", "--output", "baseline.json"],
        dir.path(),
    );
    std::fs::write(
        dir.path().join("src/005_new.txt"),
        "Judge Peter Cahill opened the hearing.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("src/006_new.txt"),
        "Judge Paul Cahill closed the hearing.\n",
    )
    .unwrap();
    let out = run(&["check", "src", "--baseline", "baseline.json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let json = report(dir.path(), &["src", "--baseline", "baseline.json"]);
    let new: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "new")
        .collect();
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0]["rule"], "person-first-name");
    assert_eq!(new[0]["entity"], "Cahill");
}

#[test]
fn fingerprints_survive_unrelated_edits_crlf_reordering_and_renames() {
    let dir = seeds_copy();
    let before = fingerprints(&report(dir.path(), &["src"]));
    assert!(before.len() >= 2);
    let src = dir.path().join("src");
    // Unrelated edit, re-wrapped lines and CRLF in one source.
    let path = src.join("000_18b56134848fcb4d.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = format!(
        "Editor's note: this story was updated.\n\n{}",
        text.replace(". ", ".\n").replace('\n', "\r\n")
    );
    std::fs::write(&path, edited).unwrap();
    // A rename that keeps content.
    std::fs::rename(
        src.join("001_dd2cd9624834faa1.txt"),
        src.join("zz_renamed.txt"),
    )
    .unwrap();
    let after = fingerprints(&report(dir.path(), &["src"]));
    assert_eq!(before, after);
    // Files named one by one, in another order, from another working directory.
    let mut files: Vec<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().to_string())
        .collect();
    files.sort();
    files.reverse();
    let elsewhere = tempfile::tempdir().unwrap();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    assert_eq!(before, fingerprints(&report(elsewhere.path(), &args)));
}

#[test]
fn a_removed_contradiction_is_listed_as_fixed_and_can_be_pruned() {
    let dir = seeds_copy();
    run(
        &["baseline", "src", "--output", "baseline.json"],
        dir.path(),
    );
    std::fs::remove_file(dir.path().join("src/001_dd2cd9624834faa1.txt")).unwrap();
    let json = report(dir.path(), &["src", "--baseline", "baseline.json"]);
    let fixed = json["fixed"].as_array().expect("fixed entries");
    assert!(
        fixed.iter().any(|e| e["rule"] == "person-first-name"),
        "{fixed:?}"
    );
    assert_eq!(
        json["summary"]["fixed"].as_u64().unwrap() as usize,
        fixed.len()
    );
    let text = String::from_utf8_lossy(
        &run(&["check", "src", "--baseline", "baseline.json"], dir.path()).stdout,
    )
    .to_string();
    assert!(text.contains("fixed[person-first-name]"), "{text}");
    let out = run(
        &["check", "src", "--baseline", "baseline.json", "--prune"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let pruned = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert!(!pruned.contains("Richard"), "{pruned}");
    assert!(report(dir.path(), &["src", "--baseline", "baseline.json"])["fixed"].is_null());
}

#[test]
fn accepted_findings_are_suppressed_with_their_reason() {
    let dir = seeds_copy();
    let json = report(dir.path(), &["src"]);
    let first_name = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "person-first-name")
        .unwrap();
    let fingerprint = first_name["fingerprint"].as_str().unwrap();
    std::fs::write(
        dir.path().join("crosscheck.toml"),
        format!("[[accept]]\nfingerprint = \"{fingerprint}\"\nreason = \"The wire copy has been corrected.\"\n\n[rules.head-of-government]\nenabled = false\n"),
    )
    .unwrap();
    let json = report(dir.path(), &["src"]);
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fingerprint"] == fingerprint)
        .unwrap();
    assert_eq!(finding["status"], "suppressed");
    assert_eq!(finding["reason"], "The wire copy has been corrected.");
    assert!(!json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "head-of-government"));
    assert_eq!(run(&["check", "src"], dir.path()).status.code(), Some(0));
    let text = String::from_utf8_lossy(&run(&["check", "src"], dir.path()).stdout).to_string();
    assert!(
        text.contains("suppressed: The wire copy has been corrected."),
        "{text}"
    );
}

#[test]
fn a_suppression_without_reason_is_a_configuration_error() {
    let dir = seeds_copy();
    std::fs::write(
        dir.path().join("crosscheck.toml"),
        "[[accept]]\nfingerprint = \"0123456789abcdef\"\n",
    )
    .unwrap();
    let out = run(&["check", "src"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("crosscheck.toml:1:1: accepting finding 0123456789abcdef needs a `reason`"),
        "{err}"
    );
    std::fs::write(
        dir.path().join("crosscheck.toml"),
        "[rules.no-such-rule]\nenabled = false\n",
    )
    .unwrap();
    let out = run(&["check", "src"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no rule named `no-such-rule`"));
}

#[test]
fn malformed_or_future_baselines_are_errors() {
    let dir = seeds_copy();
    std::fs::write(
        dir.path().join("bad.json"),
        "{\n  \"schema\": \"crosscheck-baseline/1\",\n  \"findings\": [ }\n",
    )
    .unwrap();
    let out = run(&["check", "src", "--baseline", "bad.json"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("bad.json:3:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(
        dir.path().join("future.json"),
        "{\"schema\": \"crosscheck-baseline/9\", \"findings\": []}",
    )
    .unwrap();
    let out = run(&["check", "src", "--baseline", "future.json"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not supported"));
}

#[test]
fn fail_on_policy() {
    let dir = seeds_copy();
    run(
        &["baseline", "src", "--output", "baseline.json"],
        dir.path(),
    );
    assert_eq!(
        run(
            &[
                "check",
                "src",
                "--baseline",
                "baseline.json",
                "--fail-on",
                "any"
            ],
            dir.path()
        )
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        run(&["check", "src", "--baseline", "baseline.json"], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["check", "src", "--fail-on", "none"], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["check", "src", "--min-severity", "error"], dir.path())
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let out = run(&["check", "seeds", "--format", "sarif"], &root());
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "person-first-name" && r["level"] == "error"));
    assert!(results
        .iter()
        .all(|r| r["partialFingerprints"]["crosscheck/v1"]
            .as_str()
            .unwrap()
            .len()
            == 16));
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules
        .iter()
        .any(|r| r["id"] == "person-first-name" && r["help"]["text"].is_string()));
}

#[test]
fn github_annotations_one_per_claim_location() {
    let out = run(&["check", "seeds", "--format", "github"], &root());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let first_name: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("person-first-name"))
        .collect();
    assert_eq!(first_name.len(), 4, "{text}");
    assert!(first_name.iter().any(|l| l.starts_with("::error file=seeds/001_dd2cd9624834faa1.txt,line=1,col=279,title=crosscheck person-first-name%3A Witkoff::")), "{text}");
    // Style notes are info: notices, not errors.
    assert!(
        text.lines()
            .filter(|l| l.contains("name-spelling"))
            .all(|l| l.starts_with("::notice ")),
        "{text}"
    );
}

#[test]
fn markdown_has_a_summary_table_and_stays_under_the_limit() {
    let out = run(&["check", "seeds", "--format", "markdown"], &root());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.contains("| findings | 2 | 0 | 2 | 4 | 0 | 0 | 0 |"),
        "{text}"
    );
    assert!(text.contains("### error `person-first-name`"));
    assert!(text.len() < 65_536);
}
