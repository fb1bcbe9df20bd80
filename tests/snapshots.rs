//! Every report format (text, json, sarif, markdown, github) on the seeds and
//! on the reviewed fixture (a baseline with a live and a stale entry, a
//! crosscheck.toml with a live and a stale acceptance), as insta snapshots in
//! tests/snapshots/. A change in extraction changes them on purpose: review
//! the difference with `cargo insta review` (or accept it with
//! `cargo insta accept`) and commit the .snap files.

mod common;
use common::{root, run};

const FORMATS: &[&str] = &["text", "json", "sarif", "markdown", "github"];

fn report(args: &[&str], cwd: &std::path::Path) -> String {
    let out = run(args, cwd);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("reports are UTF-8")
}

#[test]
fn seeds_in_every_format() {
    for format in FORMATS {
        let text = report(&["check", "seeds", "--format", format], &root());
        insta::assert_snapshot!(format!("seeds_{format}"), text);
    }
}

#[test]
fn reviewed_fixture_with_baseline_and_acceptances_in_every_format() {
    let dir = root().join("tests/data/reviewed");
    for format in FORMATS {
        let text = report(
            &[
                "check",
                "story",
                "--baseline",
                "baseline.json",
                "--format",
                format,
            ],
            &dir,
        );
        insta::assert_snapshot!(format!("reviewed_{format}"), text);
    }
}

/// A quotation credited to two people: each claim's quotation and, beside
/// it, the speaker's name (named, or the name a pronoun stands for) in every
/// format.
#[test]
fn quote_speakers_in_every_format() {
    for format in FORMATS {
        let text = report(
            &[
                "check",
                "tests/fixtures/quote-speaker-spans",
                "--format",
                format,
            ],
            &root(),
        );
        insta::assert_snapshot!(format!("quote_speakers_{format}"), text);
    }
}
