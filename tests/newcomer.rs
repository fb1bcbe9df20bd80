//! A newcomer's first hour (issue 15): SARIF as GitHub code scanning reads it,
//! fingerprints in every report and `crosscheck accept`, stale acceptances and
//! baseline entries, legacy encodings, `--jobs`, the text report's wording and
//! error messages. The reviewed fixture (tests/data/reviewed) has a baseline
//! with one live and one stale entry, and a crosscheck.toml with one live and
//! one stale acceptance.

mod common;
use common::{root, run, run_text};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn reviewed() -> PathBuf {
    root().join("tests/data/reviewed")
}

fn sarif(args: &[&str], cwd: &Path) -> Value {
    let out = run(args, cwd);
    serde_json::from_slice(&out.stdout).expect("SARIF is JSON")
}

fn schema_errors(log: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    validator
        .iter_errors(log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn sarif_locations_links_and_encoded_uris() {
    let log = sarif(&["check", "story", "--format", "sarif"], &reviewed());
    assert!(schema_errors(&log).is_empty(), "{:#?}", schema_errors(&log));
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        // GitHub shows one location: the first claim; the others are related,
        // each linked from the message by its id.
        assert_eq!(result["locations"].as_array().unwrap().len(), 1, "{result}");
        let related = result["relatedLocations"].as_array().unwrap();
        let message = result["message"]["text"].as_str().unwrap();
        for location in related {
            let id = location["id"].as_u64().unwrap();
            assert!(message.contains(&format!("]({id})")), "{message}");
        }
        // No baseline: no baseline state.
        assert!(result.get("baselineState").is_none(), "{result}");
    }
    let uris: Vec<&str> = results
        .iter()
        .flat_map(|r| {
            r["locations"]
                .as_array()
                .unwrap()
                .iter()
                .chain(r["relatedLocations"].as_array().unwrap())
        })
        .map(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains(&"story/town%20paper%20%232.txt"), "{uris:?}");
    assert!(uris.iter().all(|u| !u.contains(' ') && !u.contains('#')));
    let driver = &log["runs"][0]["tool"]["driver"];
    assert!(!driver.to_string().contains("example.invalid"));
    let rule = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "person-age")
        .unwrap();
    assert!(rule["help"]["text"]
        .as_str()
        .unwrap()
        .contains("crosscheck accept FINGERPRINT"));
}

#[test]
fn sarif_baseline_states_and_suppressions() {
    let log = sarif(
        &[
            "check",
            "story",
            "--format",
            "sarif",
            "--baseline",
            "baseline.json",
        ],
        &reviewed(),
    );
    assert!(schema_errors(&log).is_empty(), "{:#?}", schema_errors(&log));
    let results = log["runs"][0]["results"].as_array().unwrap();
    let by_rule = |rule: &str, state: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == rule && r["baselineState"] == state)
            .unwrap_or_else(|| panic!("no {state} {rule} in {results:#?}"))
    };
    // In the baseline: unchanged, suppressed as accepted in the baseline.
    let age = by_rule("person-age", "unchanged");
    assert_eq!(age["suppressions"][0]["kind"], "external");
    // Accepted in crosscheck.toml but not in the baseline: new, and
    // suppressed with the reviewer's reason.
    let name = by_rule("person-first-name", "new");
    assert_eq!(name["suppressions"][0]["kind"], "external");
    assert_eq!(
        name["suppressions"][0]["justification"],
        "the newsletter uses the coach's middle name"
    );
    // The stale baseline entry: absent, pointing at its line in the baseline.
    let fixed = by_rule("person-first-name", "absent");
    assert_eq!(
        fixed["partialFingerprints"]["crosscheck/v1"],
        "00000000000000aa"
    );
    assert_eq!(
        fixed["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "baseline.json"
    );
}

#[test]
fn sarif_uris_encode_non_ascii_and_reserved_characters() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("Zürich news?");
    std::fs::create_dir(&story).unwrap();
    for (name, first) in [("a 100%.txt", "Helena"), ("b.txt", "Viktor")] {
        std::fs::write(
            story.join(name),
            format!("Coach {first} Marsh led the club to the title.\n"),
        )
        .unwrap();
    }
    let log = sarif(&["check", ".", "--format", "sarif"], dir.path());
    assert!(schema_errors(&log).is_empty());
    let text = log.to_string();
    assert!(
        text.contains("Z%C3%BCrich%20news%3F/a%20100%25.txt"),
        "{text}"
    );
}

#[test]
fn text_and_markdown_show_fingerprints_and_baseline_status() {
    let (code, text, err) = run_text(
        &["check", "story", "--baseline", "baseline.json"],
        &reviewed(),
    );
    assert_eq!(code, 0, "{err}");
    // Baselined: one line with its fingerprint, not the full snippets.
    assert!(
        text.lines().any(|l| l.starts_with("baselined[person-age]: ") && l.ends_with(" · 7a5e084263732de5")),
        "{text}"
    );
    assert!(
        text.contains("  = fingerprint: 1655d7b4083e6566\n"),
        "{text}"
    );
    // Stale entries and acceptances are warned about, with file and line.
    assert!(err.contains("warning: baseline.json:5: baseline entry 00000000000000aa (person-first-name) matches no finding"), "{err}");
    assert!(
        err.contains(
            "warning: crosscheck.toml:7:1: accepted finding 00000000000000bb matches no finding"
        ),
        "{err}"
    );
    let (_, markdown, _) = run_text(&["check", "story", "--format", "markdown"], &reviewed());
    assert!(markdown.contains("7a5e084263732de5"), "{markdown}");
}

/// A copy of the reviewed story in a temporary folder, for runs that write.
fn reviewed_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("story")).unwrap();
    for entry in std::fs::read_dir(reviewed().join("story")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            dir.path().join("story").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    dir
}

#[test]
fn new_findings_are_marked_new_after_a_baseline() {
    let dir = reviewed_copy();
    let (code, _, err) = run_text(&["baseline", "story", "--output", "base.json"], dir.path());
    assert_eq!(code, 0);
    assert_eq!(
        err,
        "wrote base.json: 2 findings accepted as the baseline\n"
    );
    // A third source brings a new contradiction.
    std::fs::write(
        dir.path().join("story/radio.txt"),
        "Date: 2026-05-05\n\nAssistant coach Tomas Berg, 38, spoke on the radio.\n",
    )
    .unwrap();
    let (code, text, _) = run_text(&["check", "story", "--baseline", "base.json"], dir.path());
    assert_eq!(code, 1);
    assert!(
        text.contains("Berg's age: 35 (2 sources) vs 38 (1 source) (new)\n"),
        "{text}"
    );
    std::fs::remove_file(dir.path().join("story/radio.txt")).unwrap();
    std::fs::write(
        dir.path().join("story/town paper #2.txt"),
        "Nothing to compare.\n",
    )
    .unwrap();
    let (code, _, err) = run_text(
        &["check", "story", "--baseline", "base.json", "--prune"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.ends_with("pruned base.json: 2 fixed entries removed, 0 entries kept\n"),
        "{err}"
    );
}

#[test]
fn accept_writes_the_acceptance_a_run_then_applies() {
    let dir = reviewed_copy();
    let (_, json, _) = run_text(&["check", "story", "--format", "json"], dir.path());
    let report: Value = serde_json::from_str(&json).unwrap();
    let fingerprint = report["findings"][0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let (code, _, err) = run_text(
        &["accept", &fingerprint, "--reason", "reviewed"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&format!(
        "accepted finding {fingerprint} in crosscheck.toml"
    )));
    let (_, json, _) = run_text(&["check", "story", "--format", "json"], dir.path());
    let report: Value = serde_json::from_str(&json).unwrap();
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fingerprint"] == fingerprint.as_str())
        .unwrap();
    assert_eq!(finding["status"], "suppressed");
    let (code, _, err) = run_text(&["accept", "not-hex", "--reason", "x"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("is not a fingerprint"), "{err}");
}

#[test]
fn windows_1252_is_read_with_a_warning_and_other_files_listed() {
    let dir = tempfile::tempdir().unwrap();
    // "Coach Zoë Marsh" in Windows-1252 (ë is 0xEB), and in UTF-8 with
    // another first name.
    std::fs::write(
        dir.path().join("legacy.txt"),
        b"Coach Zo\xeb Marsh led the club.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("new.txt"),
        "Coach Viktor Marsh led the club.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("page.html"), "<p>Coach Viktor Marsh</p>\n").unwrap();
    let out = run(&["check", ".", "--format", "json"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "warning: legacy.txt: not UTF-8 (invalid byte at offset 8): read as Windows-1252"
        ),
        "{err}"
    );
    assert!(
        err.contains("warning: page.html: skipped: not a .txt or .md file"),
        "{err}"
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["skipped"][0]["path"], "page.html");
    assert!(report.to_string().contains("Zoë"), "{report}");
}

#[test]
fn jobs_are_capped_with_a_note() {
    let (code, _, err) = run_text(&["--jobs", "100000", "check", "story"], &reviewed());
    assert_eq!(code, 1);
    assert!(err.starts_with("note: --jobs 100000 capped at "), "{err}");
}

#[test]
fn singular_counts_read_as_singular() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Coach Viktor Marsh led the club.\n",
    )
    .unwrap();
    let (_, text, _) = run_text(&["check", "."], dir.path());
    assert!(text.starts_with("1 source, "), "{text}");
    assert!(
        !text.contains("1 entities") && !text.contains("1 sources"),
        "{text}"
    );
}

#[test]
fn write_and_folder_errors_say_what_is_wrong() {
    let (code, _, err) = run_text(
        &["check", "story", "--output", "/proc/version"],
        &reviewed(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("permission denied") && !err.contains("no such file"),
        "{err}"
    );
    let (code, _, err) = run_text(&["check", "story", "--output", "story"], &reviewed());
    assert_eq!(code, 2);
    assert!(
        err.contains("story: cannot write: is a folder, not a file"),
        "{err}"
    );
    let (code, _, err) = run_text(&["check", "story", "--rules", "baseline.json"], &reviewed());
    assert_eq!(code, 2);
    assert!(
        err.contains("baseline.json: is a file; `--rules` takes a folder"),
        "{err}"
    );
}

#[test]
fn several_reports_from_one_run() {
    let dir = reviewed_copy();
    let (code, text, err) = run_text(
        &[
            "check",
            "story",
            "--report",
            "sarif=out.sarif",
            "--report",
            "markdown=out.md",
        ],
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(text.starts_with("error["), "{text}");
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.sarif")).unwrap())
            .unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(std::fs::read_to_string(dir.path().join("out.md"))
        .unwrap()
        .contains("person-age"));
    let (code, _, err) = run_text(&["check", "story", "--report", "pdf=x"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("unknown format `pdf`"), "{err}");
}

#[test]
fn an_empty_gold_file_names_a_real_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gold.json"), "").unwrap();
    let (code, _, err) = run_text(&["eval", "--gold", "gold.json", "."], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("gold.json:1:1: invalid gold file"), "{err}");
}
