//! The command-line contract (shared/spec/cli.md): commands, formats, exit codes.

mod common;

use common::root;
use std::path::Path;
use std::process::Output;

fn crosscheck(args: &[&str], cwd: &Path) -> Output {
    common::run(args, cwd)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

#[test]
fn check_seeds_reports_both_contradictions_and_exits_1() {
    let out = crosscheck(&["check", "seeds"], &root());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("error[person-first-name]: Sources disagree on Witkoff's first name: Steve (3 sources) vs Richard (1 source)"), "{text}");
    assert!(text.contains("error[head-of-government]"), "{text}");
    assert!(
        text.contains("::: seeds/001_dd2cd9624834faa1.txt:1:"),
        "{text}"
    );
    assert!(!text.contains("\x1b["), "no colour when not a terminal");
}

#[test]
fn no_path_means_seeds() {
    let out = crosscheck(&["check", "--format", "json"], &root());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["sources"], 5);
}

#[test]
fn json_report_follows_the_spec() {
    let out = crosscheck(&["check", "seeds", "--format", "json"], &root());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["schema"], "crosscheck-report/1");
    assert_eq!(report["tool"]["name"], "crosscheck");
    let source = &report["sources"][0];
    assert_eq!(source["path"], "seeds/000_18b56134848fcb4d.txt");
    assert_eq!(source["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(
        source["bytes"],
        std::fs::metadata(root().join("seeds/000_18b56134848fcb4d.txt"))
            .unwrap()
            .len()
    );
    for key in [
        "sources",
        "claims",
        "entities",
        "findings",
        "new",
        "baselined",
        "suppressed",
    ] {
        assert!(report["summary"][key].is_u64(), "summary.{key}");
    }
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "person-first-name")
        .unwrap();
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["status"], "new");
    assert_eq!(finding["entity"], "Witkoff");
    assert_eq!(finding["predicate"], "first_name");
    assert_eq!(finding["fingerprint"].as_str().unwrap().len(), 16);
    let values = finding["values"].as_array().unwrap();
    assert!(values.len() >= 2);
    let claim = &values[1]["claims"][0];
    assert_eq!(values[1]["value"], "Richard");
    assert_eq!(claim["text"], "Richard Witkoff");
    let text = std::fs::read_to_string(root().join(claim["source"].as_str().unwrap())).unwrap();
    let (start, end) = (
        claim["start"].as_u64().unwrap() as usize,
        claim["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &text[start..end],
        "Richard Witkoff",
        "spans are byte offsets into the file"
    );
    assert_eq!(claim["line"], 1);
    assert!(
        claim.get("speaker").is_none(),
        "only quotations have a speaker"
    );
}

/// A quote-speaker finding locates each quotation and, beside it, the name
/// credited: written after the verb, or the name a pronoun stands for.
#[test]
fn quotation_claims_carry_the_speakers_span() {
    let out = crosscheck(
        &[
            "check",
            "tests/fixtures/quote-speaker-spans",
            "--format",
            "json",
        ],
        &root(),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "quote-speaker")
        .expect("a quote-speaker finding");
    let mut speakers = Vec::new();
    for value in finding["values"].as_array().unwrap() {
        for claim in value["claims"].as_array().unwrap() {
            let path = claim["source"].as_str().unwrap();
            let text = std::fs::read_to_string(root().join(path)).unwrap();
            let speaker = &claim["speaker"];
            let mut keys: Vec<&str> = speaker
                .as_object()
                .expect("a speaker object")
                .keys()
                .map(String::as_str)
                .collect();
            keys.sort_unstable();
            assert_eq!(keys, ["column", "end", "line", "start", "text"]);
            let (start, end) = (
                speaker["start"].as_u64().unwrap() as usize,
                speaker["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[start..end], speaker["text"].as_str().unwrap());
            let line = text[..start].matches('\n').count() + 1;
            assert_eq!(speaker["line"], line);
            // The quotation keeps its own span.
            let quoted = &text[claim["start"].as_u64().unwrap() as usize
                ..claim["end"].as_u64().unwrap() as usize];
            assert!(quoted.starts_with("Every family"), "{quoted}");
            speakers.push((
                value["value"].as_str().unwrap().to_string(),
                speaker["text"].as_str().unwrap().to_string(),
                line,
            ));
        }
    }
    speakers.sort();
    // b.txt's "he" is the treasurer named two lines above the quotation.
    assert_eq!(
        speakers,
        [
            ("Brandt".to_string(), "Tomasz Brandt".to_string(), 4),
            ("Marten".to_string(), "Ilse Marten".to_string(), 6),
            ("Marten".to_string(), "Ilse Marten".to_string(), 6),
        ]
    );
}

#[test]
fn json_is_byte_identical_across_runs() {
    let a = crosscheck(&["check", "seeds", "--format", "json"], &root());
    let b = crosscheck(&["check", "seeds", "--format", "json"], &root());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn consistent_sources_exit_0() {
    let out = crosscheck(&["check", "tests/fixtures/nickname-no-conflict"], &root());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn fail_on_none_and_min_severity() {
    let out = crosscheck(&["check", "seeds", "--fail-on", "none"], &root());
    assert_eq!(out.status.code(), Some(0));
    // Style notes are info: they never fail at the default threshold.
    let out = crosscheck(
        &["check", "tests/fixtures/spelling-is-a-style-note"],
        &root(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("info[name-spelling]"));
    let out = crosscheck(
        &[
            "check",
            "tests/fixtures/spelling-is-a-style-note",
            "--min-severity",
            "info",
        ],
        &root(),
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn works_from_any_folder_with_built_in_rules() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    let out = crosscheck(&["check", seeds.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("person-first-name"));
    let out = crosscheck(&["rules"], dir.path());
    assert!(stdout(&out)
        .lines()
        .any(|l| l.starts_with("person-first-name") && l.ends_with("built-in")));
}

#[test]
fn invalid_utf8_names_file_and_offset() {
    // 0x81 is undefined in Windows-1252 too: the file is skipped with a hint.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"Hello \x81 world").unwrap();
    let out = crosscheck(&["check", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "warning: bad.txt: skipped: invalid UTF-8 at byte offset 6, and not Windows-1252"
        ),
        "{err}"
    );
    assert!(
        err.contains("error: no sources: the 1 file was skipped"),
        "{err}"
    );
}

#[test]
fn impossible_source_dates_are_one_warning_line_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hives.txt"),
        "\u{feff}Beekeepers count winter losses\nDate: 2023-02-29\n\nThe survey closed.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("orchard.txt"),
        "Orchards bloom early\nApril 31, 2023\n\nGrowers were surprised.\n",
    )
    .unwrap();
    let out = crosscheck(&["check", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("warning: hives.txt:2: date 2023-02-29 does not exist"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("warning: orchard.txt:2: date 2023-04-31 does not exist"),
        "{err}"
    );
}

#[test]
fn missing_path_exits_2() {
    let out = crosscheck(&["check", "no/such/folder"], &root());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/folder: cannot read: no such file or folder"));
}

#[test]
fn broken_rule_file_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "id = \"x\"\npredicates = [\"first_name\"]\ncompare = \"functional\"\nseverity = \"loud\"\nmessage = \"m\"\n",
    )
    .unwrap();
    let out = crosscheck(&["rules", "--rules", dir.path().to_str().unwrap()], &root());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("bad.toml:4:12:"), "{err}");
    let out = crosscheck(
        &["check", "seeds", "--rules", dir.path().to_str().unwrap()],
        &root(),
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_usage_exits_2() {
    let out = crosscheck(&["check", "--format", "pdf"], &root());
    assert_eq!(out.status.code(), Some(2));
    let out = crosscheck(&["frobnicate"], &root());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.json");
    let out = crosscheck(
        &[
            "check",
            "seeds",
            "--format",
            "json",
            "--output",
            target.to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(report["summary"]["sources"], 5);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn claims_jsonl_has_triples_with_spans() {
    let out = crosscheck(&["claims", "seeds", "--format", "jsonl"], &root());
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let witkoff = lines
        .iter()
        .find(|l| l["predicate"] == "first_name" && l["text"] == "Richard Witkoff")
        .unwrap();
    assert_eq!(witkoff["entity"], "person:vitkof");
    assert_eq!(witkoff["value"], "Richard");
    assert!(witkoff["sentence"].as_str().unwrap().contains("sixth time"));
    let text = stdout(&crosscheck(&["claims", "seeds"], &root()));
    assert!(text.contains("Witkoff  [person:vitkof]"), "{text}");
}

#[test]
fn eval_prints_recall_and_precision() {
    let out = crosscheck(
        &["eval", "--gold", "tests/data/seeds.gold.json", "seeds"],
        &root(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("recall: 1.00 (2/2 conflicts)"), "{text}");
    assert!(text.contains("precision: 1.00"), "{text}");
}

#[test]
fn built_in_rules_match_the_rule_files() {
    let on_disk = crosscheck::rules::load::load_dir(&root().join("rules")).unwrap();
    let built_in = crosscheck::rules::load::builtin();
    let ids = |rules: &[crosscheck::rules::Rule]| {
        rules
            .iter()
            .map(|r| (r.id.clone(), r.message.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&on_disk),
        ids(&built_in),
        "add new rule files to BUILTIN_RULES in src/rules/load.rs"
    );
}

#[test]
fn a_toll_that_changes_with_its_sources_dates_is_a_note_of_an_update() {
    // Eleven injured in Monday's report, seventeen in Tuesday's: updated.
    let out = crosscheck(
        &[
            "check",
            "--format",
            "json",
            "tests/fixtures/toll-updated-note",
        ],
        &root(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tolls: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "people-count")
        .collect();
    assert_eq!(tolls.len(), 1, "{report}");
    assert_eq!(tolls[0]["severity"], "info");
    let message = tolls[0]["message"].as_str().unwrap();
    assert!(
        message.contains("updated") && message.contains("2028-08-21 to 2028-08-22"),
        "{message}"
    );
    // Two reports of one day that disagree stay a contradiction.
    let out = crosscheck(
        &[
            "check",
            "--format",
            "json",
            "tests/fixtures/toll-updated-between-days",
        ],
        &root(),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let toll = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "people-count")
        .expect("a people-count finding");
    assert_eq!(toll["severity"], "warning", "{toll}");
}
