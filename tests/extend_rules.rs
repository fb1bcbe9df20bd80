//! Rule folders extend the built-in rules: a new id adds a check, a built-in
//! id replaces that rule, `--no-default-rules` (or `default_rules = false`)
//! starts from none; `crosscheck rules --export DIR` writes the built-ins;
//! rule files report every mistake with `file:line:column`.

mod common;

use std::path::Path;

/// A check of its own: the number of hives an apiary lost.
const HIVE_RULE: &str = r#"
id = "hive-losses"
predicates = ["hives_lost"]
compare = "numeric"
severity = "error"
period = "ignore"
message = "Sources disagree on how many hives {entity} lost: {values}"

[[extract]]
pattern = '$apiary:organisation _{0,3} lost $n:number hives'
subject = "$apiary"
value = "$n"
"#;

/// A built-in rule's id with another severity: replaces the built-in rule.
const AGE_RULE: &str = r#"
id = "person-age"
predicates = ["age"]
compare = "numeric"
severity = "info"
message = "Ages of {entity} differ: {values}"
"#;

fn crosscheck(args: &[&str], dir: &Path) -> (i32, String, String) {
    common::run_text(args, dir)
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// The listing line of rule `id`, when it is listed.
fn line<'a>(listing: &'a str, id: &str) -> Option<&'a str> {
    listing
        .lines()
        .find(|l| l.split_whitespace().next() == Some(id))
}

/// Each finding of a JSON report as (rule, severity).
fn findings(report: &str) -> Vec<(String, String)> {
    let report: serde_json::Value = serde_json::from_str(report).expect("a JSON report");
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| (f["rule"].to_string(), f["severity"].to_string()))
        .collect()
}

fn builtin_count() -> usize {
    crosscheck::rules::load::BUILTIN_RULES.len()
}

#[test]
fn a_rule_folder_adds_to_the_built_in_rules_and_replaces_by_id() {
    let dir = folder(&[
        ("mine/hive-losses.toml", HIVE_RULE),
        ("mine/person-age.toml", AGE_RULE),
    ]);
    let (code, out, err) = crosscheck(&["rules", "--rules", "mine"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), builtin_count() + 1, "{out}");
    let first_name = line(&out, "person-first-name").expect("built-in rule kept");
    assert!(first_name.ends_with("built-in"), "{out}");
    let hives = line(&out, "hive-losses").expect("rule added");
    assert!(hives.ends_with("added by mine/hive-losses.toml"), "{out}");
    let age = line(&out, "person-age").expect("rule replaced");
    assert!(age.ends_with("replaced by mine/person-age.toml"), "{out}");
    assert!(age.contains(" info "), "{out}");
    assert_eq!(out.matches("person-age ").count(), 1, "{out}");
}

#[test]
fn a_local_rules_folder_adds_too() {
    let dir = folder(&[("rules/hive-losses.toml", HIVE_RULE)]);
    let (code, out, err) = crosscheck(&["rules"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), builtin_count() + 1, "{out}");
    assert!(line(&out, "hive-losses").is_some(), "{out}");
}

#[test]
fn a_replaced_rule_is_the_one_that_runs() {
    let dir = folder(&[
        ("mine/person-age.toml", AGE_RULE),
        (
            "story/a.txt",
            "Maren Okafor, 54, was released on Thursday, officials said.\n",
        ),
        (
            "story/b.txt",
            "Maren Okafor, 52, flew home after his release, officials said.\n",
        ),
    ]);
    let (_, builtin, _) = crosscheck(&["check", "story", "--format", "json"], dir.path());
    let (_, mine, err) = crosscheck(
        &["check", "story", "--rules", "mine", "--format", "json"],
        dir.path(),
    );
    let severity = |out: &str| {
        findings(out)
            .into_iter()
            .find(|(rule, _)| rule == "\"person-age\"")
            .map(|(_, severity)| severity.trim_matches('"').to_string())
    };
    let builtin = severity(&builtin);
    assert!(
        builtin.is_some() && builtin.as_deref() != Some("info"),
        "{builtin:?}"
    );
    assert_eq!(severity(&mine).as_deref(), Some("info"), "{mine}{err}");
}

#[test]
fn a_user_rule_may_compare_a_predicate_a_built_in_rule_extracts() {
    let rule = "id = \"fines-only\"\npredicates = [\"fine_amount\"]\ncompare = \"amount\"\nseverity = \"error\"\nmessage = \"Fines of {entity} differ: {values}\"\n";
    let dir = folder(&[("mine/fines-only.toml", rule)]);
    let (code, out, err) = crosscheck(&["rules", "--rules", "mine"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(line(&out, "fines-only").is_some(), "{out}");
}

#[test]
fn no_default_rules_starts_from_none() {
    let dir = folder(&[("mine/hive-losses.toml", HIVE_RULE)]);
    let (code, out, err) = crosscheck(
        &["rules", "--rules", "mine", "--no-default-rules"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        line(&out, "hive-losses")
            .unwrap()
            .ends_with("added by mine/hive-losses.toml"),
        "{out}"
    );
    // With no rule at all there is nothing to run: a one-line error.
    let (code, _, err) = crosscheck(&["check", "--no-default-rules", "."], dir.path());
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn the_configuration_can_turn_the_built_in_rules_off() {
    let dir = folder(&[
        ("mine/hive-losses.toml", HIVE_RULE),
        ("mine/person-age.toml", AGE_RULE),
        ("crosscheck.toml", "default_rules = false\n"),
        (
            "story/a.txt",
            "Maren Okafor, 54, was released on Thursday, officials said.\n",
        ),
        (
            "story/b.txt",
            "Maren Okafor, 52, flew home, officials said.\n",
        ),
    ]);
    let (code, out, err) = crosscheck(&["rules", "--rules", "mine"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
    // Without the built-ins, a rule with a built-in id adds, it replaces nothing.
    assert!(
        line(&out, "person-age")
            .unwrap()
            .ends_with("added by mine/person-age.toml"),
        "{out}"
    );
    let (code, out, err) = crosscheck(
        &["check", "story", "--rules", "mine", "--format", "json"],
        dir.path(),
    );
    // The replaced age rule is the only one that reports: as `info`, which
    // does not fail the run.
    assert_eq!(code, 0, "{out}{err}");
    let found = findings(&out);
    assert_eq!(found.len(), 1, "{out}");
    assert_eq!(found[0].0, "\"person-age\"", "{out}");
    // An unknown key is still an error naming the file, line and column.
    std::fs::write(dir.path().join("crosscheck.toml"), "default_rule = false\n").unwrap();
    let (code, _, err) = crosscheck(&["rules", "--rules", "mine"], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: crosscheck.toml:1:1: unknown field `default_rule`"),
        "{err}"
    );
}

#[test]
fn a_folder_of_knowledge_lists_alone_keeps_the_built_in_rules() {
    let dir = folder(&[("mine/knowledge/given-names.txt", "Ilsabet\n")]);
    let (code, out, err) = crosscheck(&["rules", "--rules", "mine"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), builtin_count(), "{out}");
    let empty = folder(&[("mine/notes.txt", "nothing here\n")]);
    let (code, _, err) = crosscheck(&["rules", "--rules", "mine"], empty.path());
    assert_eq!(code, 2);
    assert!(err.contains("mine: no rule files"), "{err}");
}

#[test]
fn two_folders_replacing_one_rule_is_a_duplicate() {
    let dir = folder(&[("a/person-age.toml", AGE_RULE), ("b/age.toml", AGE_RULE)]);
    let (code, _, err) = crosscheck(&["rules", "--rules", "a", "--rules", "b"], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("b/age.toml:2:6: duplicate rule id `person-age` (also in a/person-age.toml)"),
        "{err}"
    );
}

#[test]
fn a_rules_file_instead_of_a_folder_is_one_line() {
    let dir = folder(&[("age.toml", AGE_RULE)]);
    let (code, _, err) = crosscheck(&["rules", "--rules", "age.toml"], dir.path());
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        "error: age.toml: is a file; `--rules` takes a folder of rule files"
    );
}

#[test]
fn export_writes_the_built_in_rules_and_knowledge_lists() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = crosscheck(&["rules", "--export", "start"], dir.path());
    assert_eq!(code, 0, "{err}");
    for (name, text) in crosscheck::rules::load::BUILTIN_RULES {
        let written = std::fs::read_to_string(dir.path().join("start").join(name)).unwrap();
        assert_eq!(&written, text, "{name}");
    }
    for (name, text) in crosscheck::knowledge::LISTS {
        let written =
            std::fs::read_to_string(dir.path().join("start/knowledge").join(name)).unwrap();
        assert_eq!(written, text, "{name}");
    }
    // No temporary file is left behind.
    let entries = std::fs::read_dir(dir.path().join("start")).unwrap().count();
    assert_eq!(entries, builtin_count() + 1);
    // The exported files load, each replacing its built-in rule.
    let (code, out, err) = crosscheck(&["rules", "--rules", "start"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), builtin_count(), "{out}");
    assert!(
        out.lines().all(|l| l.contains("replaced by start/")),
        "{out}"
    );
}

#[test]
fn export_refuses_to_overwrite_unless_forced() {
    let dir = folder(&[("start/person-age.toml", "# my own edits\n")]);
    let (code, out, err) = crosscheck(&["rules", "--export", "start"], dir.path());
    assert_eq!(code, 2, "{out}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("start/person-age.toml: exists"), "{err}");
    // Nothing was written: the refusal comes before any file.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("start"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("start/person-age.toml")).unwrap(),
        "# my own edits\n"
    );
    let (code, _, err) = crosscheck(&["rules", "--export", "start", "--force"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(dir.path().join("start/person-age.toml"))
            .unwrap()
            .contains("id = \"person-age\"")
    );
    // A file where the folder should be.
    let (code, _, err) = crosscheck(&["rules", "--export", "start/person-age.toml"], dir.path());
    assert_eq!(code, 2);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn an_unknown_placeholder_is_named_with_the_valid_ones() {
    let rule = AGE_RULE.replace("{entity}", "{entiti}");
    let dir = folder(&[("mine/person-age.toml", &rule)]);
    let (code, _, err) = crosscheck(&["rules", "--rules", "mine"], dir.path());
    assert_eq!(code, 2);
    let line = rule.lines().position(|l| l.starts_with("message")).unwrap() + 1;
    let column = rule
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("{entiti}")
        .unwrap()
        + 1;
    assert_eq!(
        err.trim(),
        format!(
            "error: mine/person-age.toml:{line}:{column}: unknown placeholder `{{entiti}}` in `message` (valid: {{entity}}, {{values}}, {{predicate}})"
        )
    );
}

#[test]
fn a_comparator_that_cannot_fit_the_values_is_an_error() {
    let rule = "id = \"names\"\npredicates = [\"first_name\"]\ncompare = \"numeric\"\nseverity = \"error\"\nmessage = \"m\"\n";
    let dir = folder(&[("mine/names.toml", rule)]);
    let (code, _, err) = crosscheck(&["rules", "--rules", "mine"], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.trim().starts_with(
            "error: mine/names.toml:3:11: `compare = \"numeric\"` does not fit predicate `first_name`"
        ),
        "{err}"
    );
    // A numeric comparator on numbers, and a predicate of one's own, are fine.
    let dir = folder(&[("mine/age.toml", AGE_RULE), ("mine/hives.toml", HIVE_RULE)]);
    let (code, _, err) = crosscheck(&["rules", "--rules", "mine"], dir.path());
    assert_eq!(code, 0, "{err}");
}

#[test]
fn every_mistake_of_one_file_is_reported() {
    let rule = "id = \"names\"\npredicates = [\"first_name\"]\ncompare = \"numeric\"\nseverity = \"loud\"\ncolour = \"red\"\nmessage = \"{entiti}: {values}\"\n\n[[examples]]\nflag = [\"a\", \"b\"]\n";
    let dir = folder(&[("mine/names.toml", rule)]);
    let (code, _, err) = crosscheck(&["rules", "--rules", "mine"], dir.path());
    assert_eq!(code, 2);
    let lines: Vec<&str> = err.trim().lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    let at: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_start_matches("error: ").split(": ").next().unwrap())
        .collect();
    assert_eq!(
        at,
        [
            "mine/names.toml:3:11",
            "mine/names.toml:4:12",
            "mine/names.toml:5:1",
            "mine/names.toml:6:12",
            "mine/names.toml:9:1",
        ],
        "{err}"
    );
    assert!(lines[0].contains("does not fit"), "{err}");
    assert!(lines[1].contains("unknown variant `loud`"), "{err}");
    assert!(lines[2].contains("unknown key `colour`"), "{err}");
    assert!(lines[3].contains("unknown placeholder `{entiti}`"), "{err}");
    assert!(lines[4].contains("unknown key `flag`"), "{err}");
}

#[test]
fn a_comparator_that_cannot_fit_a_slot_of_ones_own_is_an_error() {
    let rule = HIVE_RULE.replace("value = \"$n\"", "value = \"$apiary\"");
    let dir = folder(&[("mine/hive-losses.toml", &rule)]);
    let (code, _, err) = crosscheck(&["rules", "--rules", "mine"], dir.path());
    assert_eq!(code, 2);
    let line = rule.lines().position(|l| l.starts_with("value")).unwrap() + 1;
    assert_eq!(
        err.trim(),
        format!(
            "error: mine/hive-losses.toml:{line}:9: `$apiary` reads words, which `compare = \"numeric\"` cannot compare"
        )
    );
}
