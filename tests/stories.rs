//! A day's news in one run: each story is compared only with itself, and a
//! person's name only across stories that corroborate who the person is.

mod common;

use common::{copy_dir, root, subfolders};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

fn crosscheck(args: &[&str], cwd: &Path) -> Output {
    common::run(args, cwd)
}

/// The JSON report of a run (exit code 0 or 1, never 2).
fn json(args: &[&str], cwd: &Path) -> serde_json::Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = crosscheck(&all, cwd);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON report")
}

fn findings(report: &serde_json::Value) -> &Vec<serde_json::Value> {
    report["findings"].as_array().expect("findings")
}

/// (fingerprint, message) of the error and warning findings.
fn failing(report: &serde_json::Value) -> BTreeSet<(String, String)> {
    findings(report)
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| {
            (
                f["fingerprint"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn fixture() -> PathBuf {
    root().join("tests/fixtures/day-of-stories")
}

#[test]
fn a_day_of_stories_gives_only_the_misnamed_minister() {
    let report = json(&[fixture().to_str().unwrap()], &root());
    let all = findings(&report);
    assert_eq!(all.len(), 1, "{all:#?}");
    let finding = &all[0];
    assert_eq!(finding["rule"], "person-first-name");
    assert_eq!(finding["severity"], "error");
    assert!(finding.get("story").is_none(), "{finding}");
    let across: Vec<&str> = finding["across_stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(across.len(), 2, "{finding}");
    assert!(across[0].ends_with("/port-expansion") && across[1].ends_with("/rail-tender"));
    // Ten stories, each with its own counts.
    let stories = report["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 10);
    assert!(stories
        .iter()
        .all(|s| s["findings"] == 0 && s["sources"] == 2));
    assert!(report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["story"].as_str().is_some_and(|n| n.contains("/"))));
}

/// The fixture's traps are real: checked as one story (`[stories] depth = 0`),
/// the storms, trials, launches, chancellors and namesakes all collide.
#[test]
fn the_same_sources_as_one_story_mix_their_events() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("crosscheck.toml"), "[stories]\ndepth = 0\n").unwrap();
    let report = json(&[fixture().to_str().unwrap()], dir.path());
    let rules: BTreeSet<&str> = findings(&report)
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for rule in [
        "event-weekday",
        "series-count",
        "event-place",
        "head-of-government",
        "landfall-category",
        "person-first-name",
    ] {
        assert!(rules.contains(rule), "{rule} missing from {rules:?}");
    }
    assert!(findings(&report).len() >= 8);
    assert_eq!(report["stories"].as_array().unwrap().len(), 1);
}

/// Fingerprints of a story's findings are the same whether it is checked
/// alone or beside other stories, and a lone story keeps today's fingerprints.
#[test]
fn a_story_keeps_its_fingerprints_beside_others() {
    let day = tempfile::tempdir().unwrap();
    let mut alone = BTreeSet::new();
    for name in [
        "event-weekday-differs",
        "conviction-counts-differs",
        "age-differs",
        "office-differs",
    ] {
        let from = root().join("tests/fixtures").join(name);
        alone.extend(failing(&json(&[from.to_str().unwrap()], &root())));
        copy_dir(&from, &day.path().join(name));
    }
    assert!(alone.len() >= 4, "{alone:?}");
    let together = json(&[day.path().to_str().unwrap()], &root());
    assert_eq!(failing(&together), alone);
    assert!(findings(&together)
        .iter()
        .all(|f| f["story"].as_str().is_some()));
}

#[test]
fn a_story_key_in_front_matter_overrides_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    // One folder, two stories: two ferries that left on different days.
    write(
        "a.txt",
        "---\nstory: north-ferry\n---\nThe ferry Alvsborg left Tallmark on Monday.\n",
    );
    write(
        "b.txt",
        "---\nstory: south-ferry\n---\nThe ferry Alvsborg left Rennick on Monday.\n",
    );
    let report = json(&[dir.path().to_str().unwrap()], &root());
    let stories: Vec<&str> = report["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(stories, ["north-ferry", "south-ferry"]);
    assert!(findings(&report).is_empty(), "{report:#}");
    // The same key in two folders joins them into one story.
    let other = tempfile::tempdir().unwrap();
    for (folder, town) in [("x", "Tallmark"), ("y", "Rennick")] {
        std::fs::create_dir(other.path().join(folder)).unwrap();
        std::fs::write(
            other.path().join(folder).join("s.txt"),
            format!("---\nstory: one-ferry\n---\nThe ferry Alvsborg left {town} on Monday.\n"),
        )
        .unwrap();
    }
    let report = json(&[other.path().to_str().unwrap()], &root());
    assert_eq!(report["stories"].as_array().unwrap().len(), 1);
    assert_eq!(findings(&report)[0]["rule"], "journey", "{report:#}");
    assert_eq!(findings(&report)[0]["story"], "one-ferry");
}

#[test]
fn a_bad_story_depth_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("crosscheck.toml"),
        "[stories]\ndepth = \"deep\"\n",
    )
    .unwrap();
    let seeds = root().join("seeds");
    let out = crosscheck(&["check", seeds.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: crosscheck.toml:2:"), "{err}");
}

#[test]
fn every_report_groups_findings_by_story() {
    let path = fixture();
    let path = path.to_str().unwrap();
    let text = crosscheck(&["check", path], &root());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("== across stories: "), "{text}");
    assert!(
        text.contains(
            "/cyclone-orla: 2 sources, 5 claims, 3 entities: 0 errors, 0 warnings, 0 info"
        ),
        "{text}"
    );
    assert!(text.contains("across stories: 1 error, 0 warnings, 0 info"));
    assert!(text.contains("10 stories, 20 sources"), "{text}");
    let markdown = crosscheck(&["check", path, "--format", "markdown"], &root());
    let markdown = String::from_utf8_lossy(&markdown.stdout);
    assert!(markdown.contains("| story | sources | error | warning | info |"));
    assert!(markdown.contains("## across stories: "), "{markdown}");
    let sarif = crosscheck(&["check", path, "--format", "sarif"], &root());
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["properties"]["stories"].as_array().unwrap().len(), 10);
    assert_eq!(
        run["results"][0]["properties"]["acrossStories"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let html = crosscheck(&["check", path, "--format", "html"], &root());
    let html = String::from_utf8_lossy(&html.stdout);
    assert!(html.contains("<caption>Findings by story</caption>"));
}

/// The measure: the shared corpora checked together as subfolders of
/// one folder give exactly the error and warning findings of the separate
/// runs, plus findings across stories about one corroborated person at most.
#[test]
fn shared_corpora_together_give_the_findings_of_separate_runs() {
    let corpus = root().join("../shared/corpus");
    if !corpus.is_dir() {
        common::skipped(
            "shared_corpora_together_give_the_findings_of_separate_runs",
            &format!("{} not found", corpus.display()),
        );
        return;
    }
    let day = tempfile::tempdir().unwrap();
    let mut separate = BTreeSet::new();
    let mut stories = 0;
    for folder in subfolders(&corpus) {
        separate.extend(failing(&json(&[folder.to_str().unwrap()], &root())));
        copy_dir(&folder, &day.path().join(folder.file_name().unwrap()));
        stories += 1;
    }
    let together = json(&[day.path().to_str().unwrap()], &root());
    assert_eq!(together["stories"].as_array().unwrap().len(), stories);
    let within: Vec<&serde_json::Value> = findings(&together)
        .iter()
        .filter(|f| f.get("across_stories").is_none())
        .collect();
    let within_failing: BTreeSet<(String, String)> = within
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| {
            (
                f["fingerprint"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(within_failing, separate);
    let people: BTreeSet<&str> = findings(&together)
        .iter()
        .filter(|f| f.get("across_stories").is_some())
        .map(|f| f["entity"].as_str().unwrap())
        .collect();
    assert!(people.len() <= 1, "across stories: {people:?}");
}

/// Letting go of each story's claims once it is checked (what `check` does
/// for every format but HTML) gives the same report, byte for byte, as
/// keeping them all.
#[test]
fn keeping_only_the_claims_findings_need_changes_no_report() {
    use crosscheck::pipeline::{analyze_kept, Keep, Progress};
    use crosscheck::report::{render, Format};
    let day = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), &day.path().join("day"));
    let corpus = root().join("../shared/corpus");
    if corpus.is_dir() {
        copy_dir(&corpus, &day.path().join("corpus"));
    }
    for name in ["event-weekday-differs", "same-surname-two-people"] {
        copy_dir(
            &root().join("tests/fixtures").join(name),
            &day.path().join(name),
        );
    }
    let rules = crosscheck::rules::load::builtin();
    let knowledge = crosscheck::knowledge::Knowledge::builtin();
    let options = crosscheck::ingest::Options {
        story_depth: 2,
        ..Default::default()
    };
    let sources = crosscheck::ingest::read_all_with(&[day.path().to_path_buf()], &options)
        .unwrap()
        .sources;
    let run = |keep| {
        analyze_kept(
            sources.clone(),
            &rules,
            &knowledge,
            &Progress::default(),
            keep,
        )
    };
    let (all, kept) = (run(Keep::All), run(Keep::Findings));
    // Of a story checked, no claim stays in memory (the person table keeps
    // its own facts): only the claims behind its findings, located and
    // written out, one entry each, across stories included.
    assert!(kept.claims.is_empty());
    let spool = kept.spool.as_ref().expect("located claims written out");
    // So are the findings of each story, read back in the report's order.
    assert!(kept.findings.written_out());
    let behind: BTreeSet<usize> = kept
        .findings
        .iter()
        .flat_map(|f| {
            let claims = f.values.iter().flat_map(|v| v.claims.iter().copied());
            claims.collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(behind, (0..spool.len()).collect::<BTreeSet<_>>());
    assert!(kept.findings.iter().any(|f| !f.across.is_empty()));
    // Every story's findings come back in the order of a run that held them
    // all (claim numbers aside: they count other lists).
    let shown = |analysis: &crosscheck::pipeline::Analysis| -> Vec<(String, String, String)> {
        (analysis.findings.iter())
            .map(|f| (f.story_label(), f.fingerprint.clone(), f.message.clone()))
            .collect()
    };
    assert_eq!(shown(&all), shown(&kept));
    assert!(!all.findings.written_out());
    assert!(all.stories.len() >= 12, "{}", all.stories.len());
    for format in [Format::Json, Format::Text, Format::Sarif, Format::Markdown] {
        assert_eq!(render(&all, format, false), render(&kept, format, false));
    }
}

/// The same full name corroborates one person: a spelling across stories is a
/// style note of its own; without a shared first name or office, nothing.
#[test]
fn a_spelling_across_stories_needs_the_same_full_name() {
    let day = tempfile::tempdir().unwrap();
    let sources = [
        ("bridge", "Mayor Ilse Marchetti opened the bridge."),
        (
            "bridge",
            "It cost more than planned, Mayor Ilse Marchetti said.",
        ),
        ("library", "Mayor Ilse Marcheti cut the ribbon."),
        ("library", "The library was full, Mayor Ilse Marcheti said."),
        ("orchard", "Grower Tobin Marcheti picked the first apples."),
        (
            "orchard",
            "The harvest was early, grower Tobin Marcheti said.",
        ),
    ];
    for (i, (story, text)) in sources.iter().enumerate() {
        std::fs::create_dir_all(day.path().join(story)).unwrap();
        std::fs::write(day.path().join(story).join(format!("{i}.txt")), text).unwrap();
    }
    let report = json(&[day.path().to_str().unwrap()], &root());
    let all = findings(&report);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["rule"], "name-spelling");
    assert_eq!(all[0]["severity"], "info");
    assert_eq!(all[0]["across_stories"].as_array().unwrap().len(), 2);
}
