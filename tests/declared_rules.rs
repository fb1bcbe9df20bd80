//! A check written as a rule file alone: a predicate the engine has never heard
//! of, read by a pattern and compared by a rule, with no Rust touched.

mod common;

use std::path::Path;

const HIVE_RULE: &str = r#"
# Beekeeping: the number of hives one apiary lost over the winter.
id = "hive-losses"
predicates = ["hives_lost"]
compare = "numeric"
severity = "error"
period = "ignore"
message = "Sources disagree on how many hives {entity} lost: {values}"

[sets]
losses = ["lost", "losing", "wiped out"]

[[extract]]
pattern = '$apiary:organisation _{0,3} @losses $n:number hives'
subject = "$apiary"
value = "$n"

[[examples]]
flags = ["Hillcrest Apiary lost 340 hives in the frost.", "Hillcrest Apiary lost 430 hives."]
[[examples]]
passes = ["Hillcrest Apiary lost about 340 hives.", "Hillcrest Apiary lost 350 hives."]
"#;

fn crosscheck(args: &[&str], dir: &Path) -> (i32, String, String) {
    common::run_text(args, dir)
}

#[test]
fn a_new_predicate_from_a_rule_file_finds_its_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("my-rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(rules.join("hive-losses.toml"), HIVE_RULE).unwrap();
    let story = dir.path().join("story");
    std::fs::create_dir(&story).unwrap();
    std::fs::write(
        story.join("a.txt"),
        "Beekeepers at Hillcrest Apiary lost 340 hives over the winter, the association said.\n",
    )
    .unwrap();
    std::fs::write(
        story.join("b.txt"),
        "After a late frost, Hillcrest Apiary reported losing 430 hives.\n",
    )
    .unwrap();

    let (code, out, err) = crosscheck(&["rules", "--rules", "my-rules"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("hive-losses") && out.contains("hives_lost"),
        "{out}"
    );

    let (code, out, err) = crosscheck(
        &["check", "story", "--rules", "my-rules", "--format", "json"],
        dir.path(),
    );
    assert_eq!(code, 1, "{out}{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The built-in rules run too (they may see the figures as quantities);
    // the rule file's own check reports the conflict once.
    let findings: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "hive-losses")
        .collect();
    assert_eq!(findings.len(), 1, "{out}");
    let message = findings[0]["message"].as_str().unwrap();
    assert!(
        message.contains("340") && message.contains("430"),
        "{message}"
    );

    let (code, out, err) = crosscheck(&["rules", "--rules", "my-rules", "--test"], dir.path());
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(" passed, 0 failed"), "{out}");
}

#[test]
fn a_broken_pattern_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("my-rules");
    std::fs::create_dir(&rules).unwrap();
    let broken = HIVE_RULE.replace("$n:number hives", "$n:numbr hives");
    std::fs::write(rules.join("hive-losses.toml"), &broken).unwrap();
    let (code, _, err) = crosscheck(&["rules", "--rules", "my-rules"], dir.path());
    assert_eq!(code, 2, "{err}");
    let line = broken
        .lines()
        .position(|l| l.starts_with("pattern"))
        .unwrap()
        + 1;
    let column = broken.lines().nth(line - 1).unwrap().find("numbr").unwrap() + 1;
    assert!(
        err.contains(&format!(
            "hive-losses.toml:{line}:{column}: in pattern: unknown slot type `numbr`"
        )),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn every_mistake_in_an_extract_block_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("my-rules");
    std::fs::create_dir(&rules).unwrap();
    let broken = HIVE_RULE
        .replace("subject = \"$apiary\"", "subject = \"$farm\"")
        .replace("@losses", "@lossses")
        .replace("value = \"$n\"", "value = \"$count\"");
    std::fs::write(rules.join("hive-losses.toml"), &broken).unwrap();
    let (code, _, err) = crosscheck(&["rules", "--rules", "my-rules"], dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown set `@lossses`"), "{err}");
    assert!(
        err.contains("`$farm` is not a slot of the pattern"),
        "{err}"
    );
    assert!(
        err.contains("`$count` is not a slot of the pattern"),
        "{err}"
    );
}

/// Code reads what the knowledge files say of an event class, never its name:
/// renaming the class that rates storms keeps storm categories compared.
#[test]
fn renaming_an_event_class_changes_nothing_but_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = dir.path().join("rules");
    std::fs::create_dir_all(rules.join("knowledge")).unwrap();
    for entry in std::fs::read_dir(root.join("rules")).unwrap().flatten() {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), rules.join(entry.file_name())).unwrap();
        }
    }
    for entry in std::fs::read_dir(root.join("rules/knowledge"))
        .unwrap()
        .flatten()
    {
        let mut text = std::fs::read_to_string(entry.path()).unwrap();
        if entry.file_name() == "events.toml" {
            assert!(text.contains("class = \"landfall\""));
            text = text.replace("class = \"landfall\"", "class = \"coming-ashore\"");
        }
        std::fs::write(rules.join("knowledge").join(entry.file_name()), text).unwrap();
    }
    let story = dir.path().join("story");
    std::fs::create_dir(&story).unwrap();
    std::fs::write(
        story.join("a.txt"),
        "Cyclone Ilsa made landfall as a Category 3 storm near the port.\n",
    )
    .unwrap();
    std::fs::write(
        story.join("b.txt"),
        "The cyclone came ashore as a Category 5 storm, forecasters said.\n",
    )
    .unwrap();
    let (code, out, err) = crosscheck(
        &["check", "story", "--rules", "rules", "--format", "json"],
        dir.path(),
    );
    assert_eq!(code, 1, "{out}{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules_found: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules_found.contains(&"landfall-category"), "{out}");
}

/// A block with several patterns reads its subject once per pattern; a mistake
/// in it is still reported once.
#[test]
fn a_subject_mistake_is_reported_once_for_all_patterns() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("my-rules");
    std::fs::create_dir(&rules).unwrap();
    let broken = HIVE_RULE
        .replace(
            "pattern = '$apiary:organisation _{0,3} @losses $n:number hives'",
            "pattern = ['$apiary:organisation _{0,3} @losses $n:number hives', '$apiary:organisation _{0,3} @losses $n:number colonies']",
        )
        .replace("subject = \"$apiary\"", "subject = \"$farm\"");
    std::fs::write(rules.join("hive-losses.toml"), &broken).unwrap();
    let (code, _, err) = crosscheck(&["rules", "--rules", "my-rules"], dir.path());
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.matches("`$farm` is not a slot").count(), 1, "{err}");
}
