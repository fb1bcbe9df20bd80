//! Claim shards (`claims --format shard`, `check --from-claims`): stories
//! extracted in separate runs and gathered give the report of one run over
//! the texts, byte for byte, however the stories are cut into shards.

mod common;

use common::{copy_dir, root, run, run_text, subfolders};
use std::path::{Path, PathBuf};

/// A day of many stories: every fixture folder, the shared corpora when they
/// are beside the repository, and 40 generated stories, each a subfolder.
fn day(into: &Path) -> PathBuf {
    let day = into.join("day");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    let corpus = root().join("../shared/corpus");
    if corpus.is_dir() {
        sources.extend(
            std::fs::read_dir(&corpus)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir()),
        );
    } else {
        common::skipped(
            "shards: the shared corpora part of the day",
            &format!("{} not found", corpus.display()),
        );
    }
    for folder in &sources {
        let name = folder.file_name().unwrap().to_string_lossy().to_string();
        // A fixture and a corpus may share a name: both are kept, apart.
        let target = if day.join(&name).exists() {
            day.join(format!("{name}-corpus"))
        } else {
            day.join(&name)
        };
        copy_dir(folder, &target);
    }
    let knowledge = crosscheck::knowledge::Knowledge::builtin();
    for (path, text) in crosscheck::generate::corpus(40, 7, &knowledge) {
        let target = day.join("generated").join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
    day
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Writes one shard of `paths` into `dir` as `name`.
fn shard(cwd: &Path, paths: &[&Path], dir: &Path, name: &str) {
    let out = dir.join(name);
    let mut args = vec!["claims", "--format", "shard", "--output", arg(&out)];
    args.extend(paths.iter().map(|p| arg(p)));
    let (code, _, stderr) = run_text(&args, cwd);
    assert_eq!(code, 0, "{stderr}");
}

/// The report of `check` over `args` in `format`, and its exit code.
fn report(cwd: &Path, format: &str, args: &[&str]) -> (i32, Vec<u8>) {
    let mut all = vec!["check", "--format", format];
    all.extend_from_slice(args);
    let out = run(&all, cwd);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap(), out.stdout)
}

#[test]
fn shards_cut_any_way_give_the_report_of_one_run() {
    let temp = tempfile::tempdir().unwrap();
    let cwd = temp.path();
    let day = day(cwd);
    let rel = Path::new("day");
    // The generated stories are one folder of story folders: depth 2 reads them
    // as stories, and the others' files as one story each.
    std::fs::write(cwd.join("crosscheck.toml"), "[stories]\ndepth = 2\n").unwrap();
    let single = report(cwd, "json", &["day"]);
    let parsed: serde_json::Value = serde_json::from_slice(&single.1).unwrap();
    let stories = parsed["stories"].as_array().unwrap().len();
    assert!(stories >= 60, "{stories} stories");
    assert!(parsed["findings"].as_array().unwrap().len() > 20);

    let folders = subfolders(&day);
    let rel_folders: Vec<PathBuf> = folders
        .iter()
        .map(|f| rel.join(f.file_name().unwrap()))
        .collect();
    let generated: Vec<PathBuf> = subfolders(&day.join("generated"))
        .iter()
        .map(|f| rel.join("generated").join(f.file_name().unwrap()))
        .collect();
    let cuts: Vec<(&str, Vec<Vec<&Path>>)> = vec![
        ("one shard", vec![vec![rel]]),
        // Every story alone (generated stories too).
        (
            "per story",
            rel_folders
                .iter()
                .filter(|f| !f.ends_with("generated"))
                .chain(generated.iter())
                .map(|f| vec![f.as_path()])
                .collect(),
        ),
        // Groups of three folders, the last folder first: order does not matter.
        (
            "groups",
            rel_folders
                .iter()
                .rev()
                .collect::<Vec<_>>()
                .chunks(3)
                .map(|c| c.iter().map(|f| f.as_path()).collect())
                .collect(),
        ),
    ];
    for (cut, groups) in cuts {
        let dir = cwd.join(format!("shards-{}", cut.replace(' ', "-")));
        std::fs::create_dir(&dir).unwrap();
        for (i, group) in groups.iter().enumerate() {
            shard(cwd, group, &dir, &format!("{i:04}.shard"));
        }
        let gathered = report(cwd, "json", &["--from-claims", arg(&dir)]);
        assert!(
            gathered == single,
            "{cut}: the JSON report differs from one run's"
        );
    }
    // Every other report, from the per-story shards.
    for format in ["text", "sarif", "markdown", "github"] {
        let from_texts = report(cwd, format, &["day"]);
        let from_shards = report(cwd, format, &["--from-claims", "shards-per-story"]);
        assert!(from_texts == from_shards, "{format} differs");
    }
}

/// A story whose sources the shards split, a source in two shards, a bad
/// line, an unknown version: one line naming the file (and line), exit 2.
#[test]
fn bad_shards_are_one_line_errors_with_file_and_line() {
    let temp = tempfile::tempdir().unwrap();
    let cwd = temp.path();
    let story = cwd.join("harvest");
    std::fs::create_dir(&story).unwrap();
    std::fs::write(
        story.join("a.txt"),
        "The cooperative's chair, Amaru Quispe, 52, opened the barley fair.\n",
    )
    .unwrap();
    std::fs::write(
        story.join("b.txt"),
        "Amaru Quispe, 54, the cooperative's chair, said the barley was late.\n",
    )
    .unwrap();
    shard(cwd, &[Path::new("harvest")], cwd, "whole.shard");
    shard(cwd, &[Path::new("harvest/a.txt")], cwd, "a.shard");
    shard(cwd, &[Path::new("harvest/b.txt")], cwd, "b.shard");
    let good = std::fs::read_to_string(cwd.join("whole.shard")).unwrap();
    let lines: Vec<&str> = good.lines().collect();
    assert!(lines[0].contains("\"version\":1"), "{}", lines[0]);
    let write = |name: &str, text: String| std::fs::write(cwd.join(name), text).unwrap();
    write("no-header.shard", lines[1..].join("\n"));
    write(
        "version.shard",
        std::iter::once(lines[0].replace("\"version\":1", "\"version\":99"))
            .chain(lines[1..].iter().map(|l| l.to_string()))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let mut broken: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    broken[2] = broken[2][..broken[2].len() / 2].to_string();
    write("broken.shard", broken.join("\n"));
    let claim = lines
        .iter()
        .position(|l| l.contains("\"kind\":\"claim\""))
        .unwrap();
    let mut outside: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let value: serde_json::Value = serde_json::from_str(&outside[claim]).unwrap();
    let mut value = value;
    value["span"] = serde_json::json!([5, 900000]);
    outside[claim] = value.to_string();
    write("outside.shard", outside.join("\n"));

    let cases: Vec<(Vec<&str>, String)> = vec![
        (vec!["no-header.shard"], "no-header.shard:1:".to_string()),
        (vec!["version.shard"], "version.shard:1:".to_string()),
        (vec!["broken.shard"], "broken.shard:3:".to_string()),
        (
            vec!["outside.shard"],
            format!("outside.shard:{}:", claim + 1),
        ),
        (vec!["a.shard", "b.shard"], "story `harvest`".to_string()),
        (vec!["whole.shard", "a.shard"], "also in".to_string()),
        (vec!["missing.shard"], "missing.shard".to_string()),
    ];
    for (files, expected) in cases {
        let mut args = vec!["check", "--from-claims"];
        args.extend(files.iter());
        let (code, stdout, stderr) = run_text(&args, cwd);
        assert_eq!(code, 2, "{files:?}: {stderr}");
        assert!(stdout.is_empty());
        assert_eq!(stderr.trim().lines().count(), 1, "{files:?}: {stderr}");
        assert!(stderr.contains(&expected), "{files:?}: {stderr}");
    }
    // The HTML report needs the whole texts.
    let (code, _, stderr) = run_text(
        &["check", "--from-claims", "--format", "html", "whole.shard"],
        cwd,
    );
    assert_eq!(code, 2, "{stderr}");
    // The good shard finds the age the two sources disagree on.
    let (code, stdout, _) = run_text(&["check", "--from-claims", "whole.shard"], cwd);
    let (code_texts, stdout_texts, _) = run_text(&["check", "harvest"], cwd);
    assert_eq!((code, &stdout), (code_texts, &stdout_texts));
}

/// Excerpts put back at their offsets keep lines and columns the texts
/// give, with multi-byte characters and CRLF line ends, and lines without
/// claims are left out of the shard.
#[test]
fn a_shard_keeps_only_the_lines_claims_are_on() {
    let temp = tempfile::tempdir().unwrap();
    let cwd = temp.path();
    let story = cwd.join("festival");
    std::fs::create_dir(&story).unwrap();
    let filler = "Ticket sales opened early — über-fans queued overnight.\r\n\r\n";
    std::fs::write(
        story.join("a.md"),
        format!(
            "{filler}{filler}Festival director Ngozi Adeyemi-Okafor, 47, announced the line-up.\r\n{filler}"
        ),
    )
    .unwrap();
    std::fs::write(
        story.join("b.md"),
        format!("{filler}Ngozi Adeyemi-Okafor, 44, the festival's director, spoke.\r\n"),
    )
    .unwrap();
    shard(cwd, &[Path::new("festival")], cwd, "f.shard");
    let text = std::fs::read_to_string(cwd.join("f.shard")).unwrap();
    assert!(!text.contains("Ticket sales"), "{text}");
    for format in ["json", "text", "sarif"] {
        assert!(
            report(cwd, format, &["festival"])
                == report(cwd, format, &["--from-claims", "f.shard"]),
            "{format}"
        );
    }
}

/// Records of archives keep their record ids and outlets through a shard, and
/// come in the single run's order: files first, then each archive's records
/// as the shards of that archive give them.
#[test]
fn records_of_archives_go_through_shards() {
    let temp = tempfile::tempdir().unwrap();
    let cwd = temp.path();
    let record = |id: &str, story: &str, outlet: &str, text: &str| {
        serde_json::json!({"id": id, "story": story, "date": "2025-03-04", "outlet": outlet, "text": text})
            .to_string()
    };
    let vaccine = [
        record(
            "v1",
            "vaccine",
            "Clinic Weekly",
            "Dr. Ilse Brandtner, 61, leads the measles drive in the valley.",
        ),
        record(
            "v2",
            "vaccine",
            "Valley Post",
            "The drive's head, Ilse Brandtner, 63, said clinics open at dawn.",
        ),
    ];
    let match_day = [
        record(
            "m1",
            "final",
            "Sport Daily",
            "Coach Tomasz Wierzba, 45, named his side for the cup final.",
        ),
        record(
            "m2",
            "final",
            "Ground Report",
            "Tomasz Wierzba, 45, said the pitch was heavy after rain.",
        ),
    ];
    std::fs::write(cwd.join("a.jsonl"), vaccine.join("\n") + "\n").unwrap();
    std::fs::write(cwd.join("b.jsonl"), match_day.join("\n") + "\n").unwrap();
    std::fs::create_dir(cwd.join("notes")).unwrap();
    std::fs::write(
        cwd.join("notes/desk.txt"),
        "Ilse Brandtner, 61, leads the drive, the desk noted.\n",
    )
    .unwrap();
    shard(cwd, &[Path::new("b.jsonl")], cwd, "2.shard");
    shard(cwd, &[Path::new("a.jsonl")], cwd, "1.shard");
    shard(cwd, &[Path::new("notes")], cwd, "0.shard");
    let single = report(cwd, "json", &["notes", "a.jsonl", "b.jsonl"]);
    let text: String = String::from_utf8(single.1.clone()).unwrap();
    assert!(text.contains("\"record\": \"v2\""), "{text}");
    let gathered = report(
        cwd,
        "json",
        &["--from-claims", "0.shard", "1.shard", "2.shard"],
    );
    assert!(gathered == single, "the archive's report differs");
    for format in ["sarif", "text"] {
        let from_records = report(cwd, format, &["notes", "a.jsonl", "b.jsonl"]);
        let from_shards = report(
            cwd,
            format,
            &["--from-claims", "0.shard", "1.shard", "2.shard"],
        );
        assert!(from_records == from_shards, "{format} differs");
    }
}
