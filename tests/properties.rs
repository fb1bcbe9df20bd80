//! Property tests (issue 7): spans, order independence, determinism and stable
//! fingerprints over generated sources. Case counts are modest so `cargo test`
//! stays quick; raise them with PROPTEST_CASES=1000 when hunting.

use crosscheck::ingest::Source;
use crosscheck::knowledge::Knowledge;
use crosscheck::pipeline::{self, Analysis};
use crosscheck::report::{self, Format};
use crosscheck::rules::{load, Rule};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// 48 cases, or `PROPTEST_CASES`.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(load::builtin)
}

fn knowledge() -> &'static Knowledge {
    static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();
    KNOWLEDGE.get_or_init(Knowledge::builtin)
}

/// Sentences the extractors make claims from, several in conflict with each other.
const CLAIMS: &[&str] = &[
    "Envoy Steve Witkoff met Putin on Friday.",
    "The envoy, Richard Witkoff, flew in.",
    "Paul Whelan, 54, was freed.",
    "Whelan, 52, spoke to reporters.",
    "It was the sixth meeting with Putin this year.",
    "It was the fifth meeting with Putin this year.",
    "Derek Chauvin was sentenced to 22 and a half years in prison.",
    "Chauvin was sentenced to 19 years.",
    "The sentencing took place on Thursday.",
    "President Joe Biden said the talks were good.",
    "US President Donald Trump called the discussions “reasonably good.”",
    "Hurricane Milton made landfall as a Category 3 storm near Siesta Key.",
    "Milton came ashore as a Category 4 hurricane.",
    "The exchange took place at an airport in Ankara.",
    "The prisoner exchange took place in Istanbul.",
    "\"We will not give up the fight for a just peace,\" Zelensky said.",
    "Volodymyr Zelenskyy spoke on Thursday, police said.",
    "Interior Secretary Mar Roxas visited Tacloban.",
    "Defense Secretary Mar Roxas visited Tacloban.",
    "Sen. Lindsey Graham, R-S.C., agreed.",
    "Democratic Sen. Lindsey Graham disagreed.",
    "About 1,200 people were evacuated, officials said.",
    "More than 3,000 people were evacuated.",
];

/// Sentences no extractor should care about.
const UNRELATED: &[&str] = &[
    "the weather was mild that day.",
    "traffic moved slowly through the centre.",
    "it rained in the afternoon and the streets were quiet.",
    "nobody in the crowd seemed surprised.",
];

/// One sentence: mostly claim-bearing, sometimes arbitrary Unicode.
fn sentence() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(CLAIMS).prop_map(str::to_string),
        1 => "\\PC{0,40}",
        1 => "[A-Z][a-z]{0,8}( [A-Z][a-z]{0,8}){0,3}[.!?]? ?[0-9]{0,4}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            sentence(),
            prop::sample::select(&[" ", "\n", "\r\n", "\n\n", "  "][..]),
        ),
        0..10,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .map(|(sentence, sep)| sentence + sep)
            .collect()
    })
}

fn sources() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(text(), 1..5).prop_map(|texts| {
        texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| (format!("news/{i:02}.txt"), text))
            .collect()
    })
}

fn analyze(files: &[(String, String)]) -> Analysis {
    let sources = files
        .iter()
        .map(|(path, text)| Source::from_text(path.clone(), text.clone()))
        .collect();
    pipeline::analyze(sources, rules(), knowledge())
}

fn json(analysis: &Analysis) -> serde_json::Value {
    serde_json::from_str(&report::render(analysis, Format::Json, false)).unwrap()
}

/// The findings with their claims as (source, start, end), independent of the
/// order the sources were given in.
fn findings_by_content(analysis: &Analysis) -> BTreeSet<String> {
    json(analysis)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let mut f = f.clone();
            for value in f["values"].as_array_mut().unwrap() {
                let claims = value["claims"].as_array_mut().unwrap();
                claims.sort_by_key(|c| {
                    (
                        c["source"].as_str().unwrap().to_string(),
                        c["start"].as_u64(),
                        c["end"].as_u64(),
                    )
                });
            }
            f.to_string()
        })
        .collect()
}

fn fingerprints(analysis: &Analysis) -> BTreeSet<String> {
    analysis
        .findings
        .iter()
        .map(|f| f.fingerprint.clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn spans_are_char_boundaries_and_json_text_is_the_slice(files in sources()) {
        let analysis = analyze(&files);
        for claim in &analysis.claims {
            let text = &analysis.sources.held()[claim.source].text;
            for span in [claim.span, claim.sentence] {
                prop_assert!(span.start() <= span.end() && span.end() <= text.len(), "{span:?}");
                prop_assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
            }
            prop_assert!(claim.sentence.start() <= claim.span.start() && claim.span.end() <= claim.sentence.end());
        }
        let report = json(&analysis);
        for finding in report["findings"].as_array().unwrap() {
            for value in finding["values"].as_array().unwrap() {
                for claim in value["claims"].as_array().unwrap() {
                    let (path, _) = files.iter().find(|(p, _)| *p == claim["source"]).unwrap();
                    let text = &files.iter().find(|(p, _)| p == path).unwrap().1;
                    let start = claim["start"].as_u64().unwrap() as usize;
                    let end = claim["end"].as_u64().unwrap() as usize;
                    prop_assert_eq!(&text[start..end], claim["text"].as_str().unwrap());
                }
            }
        }
    }

    #[test]
    fn findings_do_not_depend_on_source_order(files in sources(), seed in any::<u64>()) {
        let mut shuffled = files.clone();
        // A deterministic shuffle from the seed.
        let n = shuffled.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) >> 33) as usize % (i + 1);
            shuffled.swap(i, j);
        }
        let a = analyze(&files);
        let b = analyze(&shuffled);
        prop_assert_eq!(findings_by_content(&a), findings_by_content(&b));
        prop_assert_eq!(a.claims.len(), b.claims.len());
    }

    #[test]
    fn output_is_byte_identical_across_runs(files in sources()) {
        let a = analyze(&files);
        let b = analyze(&files);
        for format in [Format::Text, Format::Json, Format::Html] {
            prop_assert!(report::render(&a, format, false) == report::render(&b, format, false));
        }
    }

    #[test]
    fn unrelated_sentences_keep_existing_fingerprints(
        files in sources(),
        inserts in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), prop::sample::select(UNRELATED)), 1..6),
    ) {
        let before = fingerprints(&analyze(&files));
        let mut edited = files.clone();
        for (file, at, sentence) in inserts {
            let which = file.index(edited.len());
            let text = &mut edited[which].1;
            // Insert as a paragraph of its own, at a line start.
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            let at = starts[at.index(starts.len())];
            text.insert_str(at, &format!("\n{sentence}\n\n"));
        }
        let after = fingerprints(&analyze(&edited));
        prop_assert!(before.is_subset(&after), "lost {:?}", before.difference(&after).collect::<Vec<_>>());
    }
}

/// The command line: a folder, its files one by one and in reverse order give
/// the same report, byte for byte.
#[test]
fn folder_or_separate_files_give_the_same_report() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(6));
    runner
        .run(&sources(), |files| {
            let dir = tempfile::tempdir().unwrap();
            for (path, text) in &files {
                let path = dir.path().join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
            let run = |args: &[String]| {
                std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
                    .arg("check")
                    .args(args)
                    .args(["--format", "json"])
                    .current_dir(dir.path())
                    .output()
                    .unwrap()
            };
            let folder = run(&["news".to_string()]);
            let mut paths: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
            let separate = run(&paths);
            paths.reverse();
            let reversed = run(&paths);
            prop_assert_ne!(folder.status.code(), Some(101));
            prop_assert_eq!(&folder.stdout, &separate.stdout);
            prop_assert_eq!(&folder.stdout, &reversed.stdout);
            Ok(())
        })
        .unwrap();
}

/// Found by the property below: a claim with no entity label (a weekday of "the
/// exchange") read first must not blank the entity's label in the message.
#[test]
fn an_entity_label_does_not_depend_on_which_source_comes_first() {
    let ankara = "The exchange took place at an airport in Ankara.".to_string();
    let istanbul =
        "Envoy Steve Witkoff met Putin on Friday. The prisoner exchange took place in Istanbul."
            .to_string();
    for files in [
        vec![
            ("news/00.txt".to_string(), ankara.clone()),
            ("news/01.txt".to_string(), istanbul.clone()),
        ],
        vec![
            ("news/00.txt".to_string(), istanbul),
            ("news/01.txt".to_string(), ankara),
        ],
    ] {
        let analysis = analyze(&files);
        let place = analysis
            .findings
            .iter()
            .find(|f| f.rule == "event-place")
            .expect("the two places conflict");
        assert!(
            place.message.contains("where the exchange is"),
            "{}",
            place.message
        );
    }
}

/// A header line: date-like fragments (some impossible), labels, datelines
/// and arbitrary Unicode, in any mix.
fn header_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "(Date|DATE|date|Published|Updated)?:? ?[0-9]{1,4}[-/ ][0-9]{1,2}[-/ ][0-9]{1,4}",
        "(Monday, )?(Sept?\\.?|February|Apr|May) [0-9]{1,3},? [0-9]{0,5}( \\| [A-Z][a-z]+ desk)?",
        "[0-9]{1,2}(st|th)? (of )?(March|Feb\\.|December) [0-9]{0,4}",
        "[A-Z]{2,9}(, [A-Z][a-z]+)?,? (Aug\\.|June) [0-9]{1,2}(, [0-9]{4})? \\(Wire\\) —",
        "\\PC{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases() * 4))]

    /// The header reader never panics, and a date it reads is a day that exists.
    #[test]
    fn source_dates_are_real_days(lines in prop::collection::vec(header_line(), 0..10), bom in any::<bool>()) {
        let text = format!("{}{}", if bom { "\u{feff}" } else { "" }, lines.join("\n"));
        let read = crosscheck::calendar::source_date(&text);
        if let Some(date) = &read.date {
            let day = crosscheck::calendar::day_of(date).expect("a YYYY-MM-DD date");
            let (y, m, d) = crosscheck::calendar::civil_from_days(day);
            prop_assert_eq!(format!("{y:04}-{m:02}-{d:02}"), date.clone());
        }
        for warning in &read.warnings {
            prop_assert!(warning.line >= 1 && warning.line <= lines.len().max(1));
        }
    }
}
