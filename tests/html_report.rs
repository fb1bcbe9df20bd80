//! The HTML report's structure and safety, and the checked-in example
//! `reports/seeds.html`, which must match what the code renders today.

use crosscheck::cli::{self, InputArgs};
use crosscheck::ingest::Source;
use crosscheck::knowledge::Knowledge;
use crosscheck::pipeline::{self, Analysis};
use crosscheck::report::html;
use crosscheck::rules::load;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sources as the CLI reads them: cargo runs tests from the crate root,
/// so relative paths (and rule origins) come out as in the documented command.
fn analyze(path: &str) -> Analysis {
    cli::analyze(&InputArgs {
        no_default_rules: false,
        paths: vec![PathBuf::from(path)],
        rules: Vec::new(),
    })
    .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn analyze_texts(files: &[(&str, &str)]) -> Analysis {
    let sources = files
        .iter()
        .map(|(path, text)| Source::from_text(*path, text.to_string()))
        .collect();
    pipeline::analyze(sources, &load::builtin(), &Knowledge::builtin())
}

#[test]
fn checked_in_seeds_report_is_current() {
    let rendered = html::render(&analyze("seeds"), None);
    let path = root().join("reports/seeds.html");
    if std::env::var_os("UPDATE_REPORTS").is_some() {
        std::fs::write(&path, &rendered).expect("write reports/seeds.html");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == rendered,
        "reports/seeds.html is stale; regenerate it with\n  \
         cargo run -- check seeds --format html --output reports/seeds.html\n\
         (without SOURCE_DATE_EPOCH) or UPDATE_REPORTS=1 cargo test --test html_report"
    );
}

#[test]
fn same_sources_give_identical_bytes() {
    let a = html::render(&analyze("seeds"), None);
    let b = html::render(&analyze("seeds"), None);
    assert_eq!(a, b);
    assert!(
        !a.contains("Generated"),
        "no clock without SOURCE_DATE_EPOCH"
    );
    let stamped = html::render(&analyze("seeds"), Some("2025-12-02 00:00:00 UTC"));
    assert!(stamped.contains("<dt>Generated</dt><dd>2025-12-02 00:00:00 UTC</dd>"));
}

#[test]
fn hostile_sources_render_as_text() {
    let report = html::render(&analyze("tests/fixtures/hostile"), None);
    assert_eq!(
        report.matches("<script").count(),
        2,
        "data block and app only"
    );
    assert_eq!(report.matches("</script>").count(), 2);
    assert_eq!(report.matches("<style").count(), 1);
    assert_eq!(report.matches("</style>").count(), 1);
    assert!(!report.contains("<img"));
    assert!(!report.contains("<b onmouseover"));
    // The fixture does produce a finding, so its sentences are in the data.
    assert!(report.contains("Richard Witkoff"));
    assert!(report.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
}

#[test]
fn file_names_and_text_are_escaped_in_markup() {
    let analysis = analyze_texts(&[
        (
            "a\"><img src=x onerror=alert(1)>.txt",
            "US Special Envoy Steve Witkoff met officials on Thursday.\n",
        ),
        (
            "b</style>.txt",
            "The envoy, Richard Witkoff, is set to meet Putin.\n",
        ),
    ]);
    assert_eq!(analysis.findings.len(), 1, "{:?}", analysis.findings);
    let report = html::render(&analysis, None);
    assert!(!report.contains("<img"));
    assert_eq!(report.matches("</style>").count(), 1);
    assert!(report.contains("a&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt"));
    assert!(report.contains("b&lt;/style&gt;.txt"));
}

#[test]
fn csp_forbids_the_network_and_pins_the_inline_code() {
    let report = html::render(&analyze("seeds"), None);
    let head = &report[..report.find("<style>").expect("style")];
    let csp_at = head
        .find("http-equiv=\"Content-Security-Policy\"")
        .expect("CSP meta before any style or script");
    let csp = &head[csp_at..];
    let csp = &csp[csp.find("content=\"").expect("content")..csp.find("\">").expect("end")];
    assert!(csp.contains("default-src 'none'"));
    assert!(csp.contains("img-src data:"));
    assert!(!csp.contains("unsafe-inline") && !csp.contains("http"));
    assert_eq!(
        csp.matches("'sha256-").count(),
        2,
        "script and style hashes"
    );
    for forbidden in ["http://", "https://", "@import", "url(", "<link", " src=\""] {
        let outside_data = report.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assert!(
            !outside_data.contains(forbidden),
            "{forbidden} in the report"
        );
    }
}

#[test]
fn structure_has_landmarks_sections_and_every_finding() {
    let analysis = analyze("seeds");
    let report = html::render(&analysis, None);
    for needle in [
        "<html lang=\"en\">",
        "<header>",
        "<nav aria-label=",
        "<main>",
        "<footer>",
        "<h1>",
        "id=\"findings\"",
        "id=\"graph\"",
        "id=\"sources\"",
        "<svg id=\"entity-graph\"",
        "role=\"search\"",
        "@media print",
    ] {
        assert!(report.contains(needle), "missing {needle}");
    }
    for finding in &analysis.findings {
        assert!(report.contains(&format!("\"id\":\"{}\"", finding.fingerprint)));
    }
    for source in &analysis.sources {
        assert!(report.contains(&source.sha256[..12]));
        assert!(report.contains(&format!(">{}</td>", source.bytes())));
    }
    // Severity is spelt out beside its icon, never colour alone.
    assert!(report.contains("<span aria-hidden=\"true\">\u{2716}</span> Error"));
    for status in ["New", "Baselined", "Suppressed", "Fixed"] {
        assert!(report.contains(&format!(">{status}</span></th><td>")));
    }
}

#[test]
fn a_large_graph_is_capped_with_a_note() {
    let files: Vec<(String, String)> = (0..60)
        .map(|i| {
            (
                format!("s{i:03}.txt"),
                format!("US Special Envoy Steve Witkoff{i} met officials on Thursday.\n"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let report = html::render(&analyze_texts(&refs), None);
    let nodes = report.matches("<g class=\"node").count();
    assert!(nodes <= 70, "{nodes} nodes drawn");
    assert!(report.contains("Large corpus:"));
}

#[test]
fn source_text_beyond_the_budget_is_left_out_with_a_note() {
    let big = "The envoy met officials. ".repeat(40_000);
    let files: Vec<(String, String)> = (0..3)
        .map(|i| (format!("big{i}.txt"), big.clone()))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let report = html::render(&analyze_texts(&refs), None);
    // Each text is 1 MB; the 2 MiB budget holds two of them.
    assert_eq!(report.matches("\"text\":\"The envoy").count(), 2);
    assert_eq!(report.matches("\"text\":null").count(), 1);
    assert!(report.len() < 2 * big.len() + 200_000);
}

#[test]
fn totals_count_every_status_the_findings_carry() {
    use crosscheck::findings::Status;
    let mut analysis = analyze("seeds");
    assert!(analysis.findings.len() >= 2);
    analysis.findings[0].status = Status::Suppressed;
    analysis.findings[0].reason = Some("accepted <by> the desk".into());
    analysis.findings[1].status = Status::Baselined;
    let report = html::render(&analysis, None);
    let new = analysis.findings.len() - 2;
    for (status, n) in [
        ("New", new),
        ("Baselined", 1),
        ("Suppressed", 1),
        ("Fixed", 0),
    ] {
        assert!(
            report.contains(&format!(">{status}</span></th><td>{n}</td>")),
            "{status} total"
        );
    }
    assert!(report.contains("accepted \\u003cby\\u003e the desk"));
}
