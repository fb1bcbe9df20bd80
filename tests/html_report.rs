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
        input_format: Default::default(),
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
    assert!(stamped.contains("generated 2025-12-02 00:00:00 UTC"));
}

#[test]
fn hostile_sources_render_as_text() {
    let report = html::render(&analyze("tests/fixtures/hostile"), None);
    assert_eq!(
        report.matches("<script").count(),
        3,
        "data block, app and texts only"
    );
    assert_eq!(report.matches("</script>").count(), 3);
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
        // The SVG namespace is a name the script creates elements in, not a place to fetch.
        let outside_data = report.replace("http://www.w3.org/2000/svg", "");
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
        "id=\"review\"",
        "id=\"rules\"",
        "id=\"sources\"",
        "id=\"totals\"",
        "role=\"search\"",
        "@media print",
    ] {
        assert!(report.contains(needle), "missing {needle}");
    }
    for finding in analysis.findings.held() {
        assert!(report.contains(&format!("\"id\":\"{}\"", finding.fingerprint)));
    }
    for source in analysis.sources.held() {
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
fn findings_come_first_and_the_rest_is_folded_below() {
    let report = html::render(&analyze("seeds"), None);
    let at = |needle: &str| {
        report
            .find(needle)
            .unwrap_or_else(|| panic!("missing {needle}"))
    };
    let order = [
        "id=\"summary\"",
        "id=\"findings\"",
        "id=\"finding-list\"",
        "id=\"review\"",
        "id=\"rules\"",
        "id=\"sources\"",
        "id=\"totals\"",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
    }
    // Rules, the sources table and totals open on demand.
    for section in ["id=\"rules\"", "id=\"sources\"", "id=\"totals\""] {
        let rest = &report[at(section)..];
        let end = rest.find("</section>").expect("section ends");
        assert!(rest[..end].contains("<details"), "{section} is folded");
        assert!(
            !rest[..end].contains("<details open"),
            "{section} starts closed"
        );
    }
    // Nothing between the summary and the findings lists rules or sources.
    let top = &report[at("id=\"summary\"")..at("id=\"finding-list\"")];
    assert!(!top.contains("<table"));
    assert!(!top.contains("origin"));
}

/// The option labels of one `<select>`.
fn options(report: &str, select: &str) -> Vec<String> {
    let start = report
        .find(&format!("<select id=\"{select}\">"))
        .unwrap_or_else(|| panic!("no {select}"));
    let body = &report[start..start + report[start..].find("</select>").expect("closed")];
    body.split("<option")
        .skip(1)
        .map(|o| o[o.find('>').expect("tag") + 1..o.find("</option>").expect("end")].to_string())
        .collect()
}

#[test]
fn filters_list_only_what_occurs_with_honest_counts() {
    let analysis = analyze("seeds");
    let report = html::render(&analysis, None);
    let rules = options(&report, "filter-rule");
    assert_eq!(rules[0], "All rules");
    let used: std::collections::BTreeSet<&str> = analysis
        .findings
        .held()
        .iter()
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(rules.len() - 1, used.len(), "{rules:?}");
    for rule in used {
        let n = analysis.findings.iter().filter(|f| f.rule == rule).count();
        assert!(rules.contains(&format!("{rule} ({n})")), "{rule} ({n})");
    }
    assert!(rules.iter().all(|r| !r.ends_with("(0)")));
    let sources = options(&report, "filter-source");
    assert!(sources.len() > 1 && sources.iter().all(|o| !o.ends_with("(0)")));
    assert!(
        !report.contains("(0)</label>"),
        "no filter box for a status or severity that does not occur"
    );
    // The first count says how many findings there are; the script then says
    // how many of them it has drawn.
    let n = analysis.findings.len();
    assert!(report.contains(&format!(
        "data-shown=\"{n}\" data-drawn=\"0\">{n} findings</p>"
    )));
}

#[test]
fn each_rule_is_explained_once() {
    let analysis = analyze("seeds");
    let report = html::render(&analysis, None);
    let data = report_data(&report).to_string();
    for rule in &analysis.rules {
        let explanation = crosscheck::report::one_line(&rule.explanation);
        let escaped = explanation
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        assert_eq!(
            report.matches(&format!("<dd>{escaped}</dd>")).count(),
            1,
            "{} explained once",
            rule.id
        );
        let head: String = explanation.chars().take(60).collect();
        assert!(
            !data.contains(&head),
            "{}: not repeated per finding",
            rule.id
        );
        assert!(report.contains(&format!("id=\"rule-{}\"", rule.id)));
    }
}

/// The seeds' findings with the first suppressed (for `reason`) and the second baselined.
fn seeds_with_accepted(reason: &str) -> Analysis {
    use crosscheck::findings::Status;
    let mut analysis = analyze("seeds");
    assert!(analysis.findings.len() >= 2);
    let held = analysis.findings.held_mut();
    held[0].status = Status::Suppressed;
    held[0].reason = Some(reason.into());
    held[1].status = Status::Baselined;
    analysis
}

#[test]
fn fixed_and_accepted_findings_are_listed_with_fingerprints_and_reasons() {
    let mut analysis = seeds_with_accepted("two different \"events\" <really>");
    analysis.fixed.push(crosscheck::baseline::Entry {
        fingerprint: "0123456789abcdef".into(),
        rule: "person-age".into(),
        entity: "Someone".into(),
        values: vec!["41".into(), "44".into()],
        summary: "Sources disagree on Someone's age".into(),
    });
    let report = html::render(&analysis, None);
    let review = &report[report.find("id=\"review\"").unwrap()..];
    let review = &review[..review.find("</section>").unwrap()];
    assert!(review.contains("Fixed since the baseline (1)"));
    assert!(review.contains("<code>0123456789abcdef</code>"));
    assert!(review.contains("data-copy=\"0123456789abcdef\""));
    assert!(
        review.contains("Sources disagree on Someone&#39;s age")
            || review.contains("Sources disagree on Someone's age")
    );
    assert!(review.contains("Accepted (2)"));
    for f in &analysis.findings.held()[..2] {
        assert!(review.contains(&format!("<code>{}</code>", f.fingerprint)));
    }
    assert!(review.contains("two different &quot;events&quot; &lt;really&gt;"));
    // The acceptance lines are TOML a reviewer can paste, escaped for the attribute.
    let accept = html::acceptance(&analysis.findings.held()[0]);
    assert!(
        accept.contains("reason = \"two different \\\"events\\\" <really>\""),
        "{accept}"
    );
    let parsed: toml::Value = toml::from_str(&accept).expect("valid TOML");
    assert_eq!(
        parsed["accept"][0]["fingerprint"].as_str(),
        Some(analysis.findings.held()[0].fingerprint.as_str())
    );
    assert!(review.contains("Copy crosscheck.toml lines"));
}

#[test]
fn messages_are_those_of_the_json_report_and_links_stay_in_the_file() {
    let analysis = analyze("seeds");
    let report = html::render(&analysis, None);
    let json: serde_json::Value =
        serde_json::from_str(&crosscheck::report::json::render(&analysis)).expect("JSON report");
    let data = report_data(&report);
    let messages: Vec<&str> = data["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    for finding in json["findings"].as_array().unwrap() {
        let message = finding["message"].as_str().unwrap();
        assert!(messages.contains(&message), "{message}");
    }
    for attr in ["href=\"", "src=\""] {
        for (at, _) in report.match_indices(attr) {
            let value = &report[at + attr.len()..];
            assert!(
                value.starts_with('#'),
                "{attr}{}",
                &value[..value.find('"').unwrap()]
            );
        }
    }
}

/// The report's JSON data block.
fn report_data(report: &str) -> serde_json::Value {
    let open = "<script type=\"application/json\" id=\"report-data\">";
    let start = report.find(open).expect("data block") + open.len();
    let end = start + report[start..].find("</script>").expect("closed");
    serde_json::from_str(&report[start..end]).expect("data is JSON")
}

#[test]
fn a_findings_graph_is_its_entity_its_values_and_their_sources() {
    let analysis = analyze("seeds");
    let data = report_data(&html::render(&analysis, None));
    for f in data["findings"].as_array().unwrap() {
        let graph = &f["graph"];
        let nodes = graph["nodes"].as_array().unwrap();
        let of_kind = |kind: &str| -> Vec<String> {
            nodes
                .iter()
                .filter(|n| n[3] == kind)
                .map(|n| n[4].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(of_kind("e"), [f["entity"].as_str().unwrap().to_string()]);
        let mut values: Vec<String> = f["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["value"].as_str().unwrap().to_string())
            .collect();
        let mut drawn = of_kind("v");
        values.sort();
        drawn.sort();
        assert_eq!(drawn, values);
        let mut sources: Vec<String> = f["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let path = data["sources"][s.as_u64().unwrap() as usize]["path"]
                    .as_str()
                    .unwrap();
                let parts: Vec<&str> = path.split('/').collect();
                parts[parts.len().saturating_sub(2)..].join("/")
            })
            .collect();
        let mut drawn = of_kind("s");
        sources.sort();
        drawn.sort();
        assert_eq!(drawn, sources, "folder and file name of each source");
        // Human words, never internal keys.
        assert!(!f["what"].as_str().unwrap().contains('_'));
        // Boxes never overlap.
        let boxes: Vec<(u64, u64, u64)> = nodes
            .iter()
            .map(|n| {
                (
                    n[0].as_u64().unwrap(),
                    n[1].as_u64().unwrap(),
                    n[2].as_u64().unwrap(),
                )
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let apart =
                    a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + 26 <= b.1 || b.1 + 26 <= a.1;
                assert!(apart, "{a:?} {b:?}");
            }
        }
        // Every edge runs from one column to the next.
        for e in graph["edges"].as_array().unwrap() {
            let (a, b) = (
                &nodes[e[0].as_u64().unwrap() as usize],
                &nodes[e[1].as_u64().unwrap() as usize],
            );
            assert!(a[0].as_u64() < b[0].as_u64());
        }
    }
}

#[test]
fn a_value_stated_by_many_sources_draws_a_few_and_counts_the_rest() {
    // A made-up fund manager whose age twenty sources state: the graph draws
    // six sources per value and one "+N more" box.
    let files: Vec<(String, String)> = (0..24)
        .map(|i| {
            let age = if i < 20 { 52 } else { 55 };
            (
                format!("desk/{i:02}.txt"),
                format!("Fund manager Oskar Lindqvist, {age}, closed the fund on Monday.\n"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let analysis = analyze_texts(&refs);
    assert!(!analysis.findings.is_empty(), "the ages conflict");
    let data = report_data(&html::render(&analysis, None));
    let nodes = data["findings"][0]["graph"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    let sources = nodes.iter().filter(|n| n[3] == "s").count();
    assert!(sources <= 6 + 4 + 1, "{sources} source boxes");
    assert!(
        nodes.iter().any(|n| n[4] == "+14 more sources"),
        "{nodes:?}"
    );
}

fn write_file(dir: &std::path::Path, path: &str, text: &str) {
    let target = dir.join(path);
    std::fs::create_dir_all(target.parent().expect("a folder")).expect("create folder");
    std::fs::write(target, text).expect("write source");
}

#[test]
fn several_stories_get_a_story_list_and_a_story_filter() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (path, text) in [
        (
            "harvest/a.txt",
            "Farmer Amaka Obi, 61, sold the crop on Monday.\n",
        ),
        (
            "harvest/b.txt",
            "Farmer Amaka Obi, 64, sold the crop on Monday.\n",
        ),
        (
            "museum/a.txt",
            "Curator Ines Duarte, 38, opened the hall on Monday.\n",
        ),
        (
            "museum/b.txt",
            "Curator Ines Duarte, 38, opened the hall on Monday.\n",
        ),
    ] {
        write_file(dir.path(), path, text);
    }
    let analysis = analyze(dir.path().to_str().unwrap());
    assert_eq!(analysis.stories.len(), 2);
    let report = html::render(&analysis, None);
    assert!(report.contains("id=\"stories\""));
    let stories = options(&report, "filter-story");
    assert_eq!(stories[0], "All stories");
    assert!(stories.iter().all(|s| !s.ends_with("(0)")), "{stories:?}");
    // Stories are named by their folders.
    assert!(report.contains("/harvest\""));
    assert_eq!(
        report.matches("data-story=").count(),
        1,
        "a button for the story with findings only"
    );
    assert!(report.contains("/museum: 2 sources"));
    assert!(report.contains("/harvest: 2 sources"));
}

#[test]
fn a_thousand_source_report_stays_under_five_megabytes() {
    let knowledge = Knowledge::builtin();
    let mut files = Vec::new();
    let mut stories = 0;
    while files.len() < 1000 {
        stories += 10;
        files = crosscheck::generate::corpus(stories, 7, &knowledge);
    }
    // Read as the CLI reads a folder, keeping the claims a report shows.
    let dir = tempfile::tempdir().expect("temporary folder");
    for (path, text) in files {
        write_file(dir.path(), &path, &text);
    }
    let analysis = analyze(dir.path().to_str().unwrap());
    assert!(analysis.sources.len() >= 1000);
    let report = html::render(&analysis, None);
    assert!(report.len() < 5_000_000, "{} bytes", report.len());
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
    // Each text is 1 MB; the 1.5 MiB budget holds one of them.
    assert_eq!(report.matches("\"text\":\"The envoy").count(), 1);
    assert_eq!(report.matches("\"text\":null").count(), 2);
    assert!(report.len() < 2 * big.len() + 200_000);
}

#[test]
fn totals_count_every_status_the_findings_carry() {
    let analysis = seeds_with_accepted("accepted <by> the desk");
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
