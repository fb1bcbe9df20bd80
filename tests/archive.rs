//! Archives of article records (JSON Lines): the same texts as records give
//! the same findings as files, every location names its record, and a bad
//! record stops the run naming its line.

mod common;

use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A fixture of several stories (one subfolder each, a finding across stories).
const STORIES: &str = "tests/fixtures/day-of-stories";

/// The fixture's files as (story, file name, text), stories and files in name order.
fn fixture_texts() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut stories: Vec<PathBuf> = std::fs::read_dir(common::root().join(STORIES))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    stories.sort();
    for story in stories {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&story)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let name = story.file_name().unwrap().to_string_lossy().to_string();
        for file in files {
            let file_name = file.file_name().unwrap().to_string_lossy().to_string();
            out.push((
                name.clone(),
                file_name,
                std::fs::read_to_string(&file).unwrap(),
            ));
        }
    }
    out
}

/// The texts as records `{id: story/file, story, text}`, in the given order.
fn records(texts: &[(String, String, String)]) -> String {
    texts
        .iter()
        .map(|(story, file, text)| {
            json!({"id": format!("{story}/{file}"), "story": story, "text": text}).to_string()
                + "\n"
        })
        .collect()
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn json_report(args: &[&str], cwd: &Path) -> Value {
    let out = common::run(args, cwd);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Each finding as (fingerprint, values with their claims' record, span, line, column, text).
fn findings(report: &Value, record_of: impl Fn(&Value) -> String) -> Vec<String> {
    let mut out: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let values: Vec<String> = f["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| {
                    let claims: Vec<String> = v["claims"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|c| {
                            format!(
                                "{} {}-{} {}:{} {} | {}",
                                record_of(c),
                                c["start"],
                                c["end"],
                                c["line"],
                                c["column"],
                                c["text"],
                                c["sentence"]
                            )
                        })
                        .collect();
                    format!("{} [{}]", v["value"], claims.join("; "))
                })
                .collect();
            format!("{} {} {}", f["fingerprint"], f["rule"], values.join(" / "))
        })
        .collect();
    out.sort();
    out
}

/// The record id a file of the fixture becomes: `story/file`.
fn file_as_record(c: &Value) -> String {
    let path = c["source"].as_str().unwrap();
    path.strip_prefix(&format!("{STORIES}/"))
        .unwrap()
        .to_string()
}

fn record_id(c: &Value) -> String {
    assert!(c["source"].as_str().unwrap().ends_with(".jsonl"), "{c}");
    c["record"].as_str().unwrap().to_string()
}

#[test]
fn records_give_the_findings_their_files_give() {
    let dir = tempfile::tempdir().unwrap();
    let texts = fixture_texts();
    let archive = write(dir.path(), "day.jsonl", &records(&texts));
    let root = common::root();
    let as_files = json_report(&["check", "--format", "json", STORIES], &root);
    let as_records = json_report(
        &["check", "--format", "json", archive.to_str().unwrap()],
        &root,
    );
    let expected = findings(&as_files, file_as_record);
    assert!(!expected.is_empty());
    assert_eq!(findings(&as_records, record_id), expected);
    // Every source names its archive and record; the summary counts are the same.
    assert_eq!(as_records["summary"], as_files["summary"]);
    let sources = as_records["sources"].as_array().unwrap();
    assert_eq!(sources.len(), texts.len());
    assert!(sources.iter().all(|s| s["record"].is_string()));
    // The finding across stories is there too, naming the record stories.
    assert!(as_records["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["across_stories"].as_array().is_some_and(|a| a.len() == 2)));
}

#[test]
fn stories_out_of_order_are_grouped_and_ndjson_and_flag_are_archives() {
    let dir = tempfile::tempdir().unwrap();
    let texts = fixture_texts();
    let in_order = write(dir.path(), "a.jsonl", &records(&texts));
    // Interleave the stories (each story's records keep their order): the
    // run groups them by story all the same.
    let mut rank = std::collections::BTreeMap::<String, usize>::new();
    let mut mixed: Vec<(usize, (String, String, String))> = texts
        .iter()
        .map(|t| {
            let n = rank.entry(t.0.clone()).or_default();
            *n += 1;
            (*n, t.clone())
        })
        .collect();
    // First records of every story, then the second ones…
    mixed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1 .0.cmp(&a.1 .0)));
    let mixed: Vec<_> = mixed.into_iter().map(|(_, t)| t).collect();
    assert_ne!(mixed, texts);
    let mut by_story = mixed.clone();
    by_story.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(by_story, texts, "each story keeps its order");
    let shuffled = write(dir.path(), "b.ndjson", &records(&mixed));
    let other_name = write(dir.path(), "c.txt", &records(&mixed));
    let root = common::root();
    let expected = findings(
        &json_report(
            &["check", "--format", "json", in_order.to_str().unwrap()],
            &root,
        ),
        record_id,
    );
    let shuffled = json_report(
        &["check", "--format", "json", shuffled.to_str().unwrap()],
        &root,
    );
    assert_eq!(
        findings(&shuffled, |c| c["record"].as_str().unwrap().to_string()),
        expected
    );
    let forced = json_report(
        &[
            "check",
            "--format",
            "json",
            "--input-format",
            "jsonl",
            other_name.to_str().unwrap(),
        ],
        &root,
    );
    assert_eq!(
        findings(&forced, |c| c["record"].as_str().unwrap().to_string()),
        expected
    );
}

#[test]
fn standard_input_is_an_archive() {
    let texts = fixture_texts();
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["check", "--format", "json", "-"])
        .current_dir(common::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = records(&texts);
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let from_stdin = findings(&report, |c| {
        assert_eq!(c["source"], "-");
        c["record"].as_str().unwrap().to_string()
    });
    let as_files = json_report(&["check", "--format", "json", STORIES], &common::root());
    assert_eq!(from_stdin, findings(&as_files, file_as_record));
}

#[test]
fn a_bad_record_is_an_error_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = r#"{"id":"a","text":"A text."}"#;
    for (bad, reason) in [
        ("{not json", "not a JSON record"),
        (r#"{"id":"b"}"#, "no `text` field"),
        (r#"{"id":2,"text":"x"}"#, "`id` is not a string"),
        (r#"{"text":"x"}"#, "no `id` field"),
        (r#"{"id":"a","text":"x"}"#, "duplicate `id` \"a\""),
        (
            r#"{"id":"b","text":"x","date":"2023-02-29"}"#,
            "not a day as YYYY-MM-DD",
        ),
        (
            r#"{"id":"b","text":"x","date":"yesterday"}"#,
            "not a day as YYYY-MM-DD",
        ),
        ("[1,2]", "not a JSON object"),
    ] {
        let archive = write(dir.path(), "bad.jsonl", &format!("{good}\n\n{bad}\n"));
        for args in [
            vec!["check", archive.to_str().unwrap()],
            vec!["baseline", archive.to_str().unwrap()],
            vec!["claims", archive.to_str().unwrap()],
        ] {
            let (code, stdout, stderr) = common::run_text(&args, dir.path());
            assert_eq!(code, 2, "{bad}: {stderr}");
            assert!(stdout.is_empty(), "{bad}: {stdout}");
            let expected = format!("error: {}:3: ", archive.display());
            assert!(stderr.starts_with(&expected), "{bad}: {stderr}");
            assert!(stderr.contains(reason), "{bad}: {stderr}");
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
        }
    }
}

#[test]
fn field_names_come_from_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let texts = fixture_texts();
    let renamed: String = texts
        .iter()
        .map(|(story, file, text)| {
            json!({
                "article_id": format!("{story}/{file}"),
                "event": story,
                "body": text,
                "published": "2025-03-04",
                "outlet": "Wire",
            })
            .to_string()
                + "\n"
        })
        .collect();
    let archive = write(dir.path(), "renamed.jsonl", &renamed);
    let config = write(
        dir.path(),
        "crosscheck.toml",
        "[input]\nid = \"article_id\"\nstory = \"event\"\ntext = \"body\"\ndate = \"published\"\n",
    );
    let report = json_report(
        &[
            "check",
            "--format",
            "json",
            "--config",
            config.to_str().unwrap(),
            archive.to_str().unwrap(),
        ],
        &common::root(),
    );
    let source = &report["sources"][0];
    assert_eq!(source["record"], format!("{}/{}", texts[0].0, texts[0].1));
    assert_eq!(source["story"], texts[0].0.as_str());
    assert_eq!(source["date"], "2025-03-04");
    assert_eq!(source["outlet"], "Wire");
    // Without the configuration the same file has no `id` field.
    let (code, _, stderr) =
        common::run_text(&["check", archive.to_str().unwrap()], &common::root());
    assert_eq!(code, 2);
    assert!(
        stderr.contains("renamed.jsonl:1: no `id` field"),
        "{stderr}"
    );
    // An unknown key in `[input]` is an error, as everywhere in the file.
    let config = write(dir.path(), "crosscheck.toml", "[input]\nbody = \"text\"\n");
    let (code, _, stderr) = common::run_text(
        &[
            "check",
            "--config",
            config.to_str().unwrap(),
            archive.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn reports_name_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let texts = fixture_texts();
    // An id with characters a URI must encode.
    let lines: String = texts
        .iter()
        .map(|(story, file, text)| {
            json!({"id": format!("{story} {file}?#"), "story": story, "text": text}).to_string()
                + "\n"
        })
        .collect();
    let archive = write(dir.path(), "day.jsonl", &lines);
    let (_, sarif, _) = common::run_text(&["check", "--format", "sarif", "day.jsonl"], dir.path());
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(uri.starts_with("day.jsonl?record="), "{uri}");
    assert!(uri.ends_with(".txt%3F%23"), "{uri}");
    assert!(!uri.contains(' ') && !uri[1..].contains('#'), "{uri}");
    let (_, text, _) = common::run_text(&["check", "day.jsonl"], dir.path());
    assert!(text.contains("--> day.jsonl#"), "{text}");
    let (_, markdown, _) =
        common::run_text(&["check", "--format", "markdown", "day.jsonl"], dir.path());
    assert!(markdown.contains("`day.jsonl#"), "{markdown}");
    let (_, claims, _) =
        common::run_text(&["claims", "--format", "jsonl", "day.jsonl"], dir.path());
    let first: Value = serde_json::from_str(claims.lines().next().unwrap()).unwrap();
    assert_eq!(first["source"], "day.jsonl");
    assert!(first["record"].as_str().unwrap().ends_with("?#"));
    drop(archive);
}

/// `check` reads texts story by story unless an HTML report is asked for (it
/// shows every claim): the other reports must be the same either way, for
/// folders and for archives.
#[test]
fn reading_story_by_story_changes_no_report() {
    let dir = tempfile::tempdir().unwrap();
    let archive = write(dir.path(), "day.jsonl", &records(&fixture_texts()));
    let html = dir.path().join("report.html");
    let root = common::root();
    for input in [STORIES, archive.to_str().unwrap()] {
        for format in ["json", "text", "sarif", "markdown", "github"] {
            // Read twice (story by story) however small the input.
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
                .args(["check", "--format", format, input])
                .env("CROSSCHECK_READ_TWICE_ABOVE", "0")
                .current_dir(&root)
                .output()
                .unwrap();
            let streamed = String::from_utf8_lossy(&out.stdout).into_owned();
            let report = format!("html={}", html.display());
            let (_, whole, _) = common::run_text(
                &["check", "--format", format, "--report", &report, input],
                &root,
            );
            assert!(!streamed.is_empty());
            assert_eq!(streamed, whole, "{input} {format}");
        }
    }
}
