//! Every rule file's own examples, run as `crosscheck rules --test` runs them:
//! texts that must make the rule report and texts that must not.

use crosscheck::knowledge::Knowledge;
use crosscheck::rules::{examples, load};
use std::path::PathBuf;

#[test]
fn every_rule_files_examples_hold() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules");
    let rules = load::load_dir(&dir).expect("rules load");
    let knowledge = Knowledge::load(&dir.join("knowledge")).expect("knowledge loads");
    let (ran, failures) = examples::run(&rules, &knowledge);
    let report: Vec<String> = failures
        .iter()
        .map(|f| format!("{}: [{}] {}", f.origin, f.rule, f.message))
        .collect();
    assert!(report.is_empty(), "{}", report.join("\n"));
    assert!(ran >= 20, "only {ran} examples ran");
}

#[test]
fn every_rule_file_shows_both_a_flag_and_a_pass() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules");
    let rules = load::load_dir(&dir).expect("rules load");
    assert!(rules.len() >= 30, "only {} rule files", rules.len());
    let mut missing = Vec::new();
    for rule in rules {
        let flags = rule.examples.iter().filter(|e| !e.flags.is_empty()).count();
        let passes = rule
            .examples
            .iter()
            .filter(|e| !e.passes.is_empty())
            .count();
        if flags == 0 || passes == 0 {
            missing.push(format!(
                "{}: {flags} flagging and {passes} passing examples",
                rule.origin
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "every rule file needs at least one flagging and one passing example:\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_failing_example_is_reported_with_the_claims_read() {
    let file = r#"
id = "crop-yield"
predicates = ["crop_yield"]
compare = "numeric"
severity = "error"
message = "Sources disagree on {entity}: {values}"

[[extract]]
pattern = 'yield of $t:number tonnes'
subject = "the harvest"
value = "$t"

[[examples]]
flags = ["A yield of 40 tonnes was recorded.", "A yield of 40.2 tonnes was recorded."]
"#;
    let rules = load::parse_files(&[("crop.toml".to_string(), file.to_string())]).expect("valid");
    let (ran, failures) = examples::run(&rules, &Knowledge::builtin());
    assert_eq!(ran, 1);
    assert_eq!(
        failures.len(),
        1,
        "40 and 40.2 tonnes agree within rounding: {failures:?}"
    );
    assert!(
        failures[0].message.contains("crop_yield = 40"),
        "{:?}",
        failures[0]
    );
}
