//! End-to-end: the seeds' HTML report and a hostile source's report in headless
//! Chromium (Debian's package), driven by tests/browser/report.test.mjs with
//! playwright-core. Skips with a notice where Chromium, node or the npm
//! packages are missing; `.ci/run` installs all three before `cargo test`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

fn chromium() -> Option<PathBuf> {
    let debian = Path::new("/usr/bin/chromium");
    if debian.is_file() {
        return Some(debian.to_path_buf());
    }
    on_path("chromium")
}

/// Written past the test harness's capture so a plain `cargo test` shows it.
fn skip(why: &str) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "NOTICE: html_browser skipped: {why}. Install Debian's chromium and run \
         `PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix tests/browser` (what .ci/run does)."
    );
}

fn crosscheck(args: &[&str], output: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        .args(args)
        .arg("--output")
        .arg(output)
        .status()
        .expect("run crosscheck");
    // 1 means "findings found", which is what these inputs are for.
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "crosscheck {args:?}: {status}"
    );
}

/// A generated corpus of at least `sources` sources, written under `out`.
fn generated_corpus(out: &Path, sources: usize) -> String {
    let knowledge = crosscheck::knowledge::Knowledge::builtin();
    let mut stories = 0;
    let mut files = Vec::new();
    while files.len() < sources {
        stories += 10;
        files = crosscheck::generate::corpus(stories, 7, &knowledge);
    }
    let dir = out.join("corpus");
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().expect("a folder")).expect("create folder");
        std::fs::write(&target, text).expect("write source");
    }
    dir.to_string_lossy().into_owned()
}

/// The seeds' baseline keeping one real finding (baselined) and one entry no
/// run finds (fixed).
fn stale_baseline(out: &Path) -> String {
    let path = out.join("baseline.json");
    crosscheck(&["baseline", "seeds"], &path);
    let text = std::fs::read_to_string(&path).expect("read baseline");
    let mut baseline: serde_json::Value = serde_json::from_str(&text).expect("baseline JSON");
    let entries = baseline["findings"].as_array_mut().expect("entries");
    entries.truncate(1);
    entries.push(serde_json::json!({
        "fingerprint": "00000000deadbeef",
        "rule": "person-age",
        "entity": "a person no source names now",
        "values": ["40", "41"],
        "summary": "Sources disagree on the age of a person no source names now: 40 vs 41",
    }));
    std::fs::write(&path, baseline.to_string()).expect("write baseline");
    path.to_string_lossy().into_owned()
}

#[test]
fn report_works_in_headless_chromium() {
    let Some(chromium) = chromium() else {
        return skip("no /usr/bin/chromium and no chromium on PATH");
    };
    let Some(node) = on_path("node") else {
        return skip("node is not on PATH");
    };
    let browser_dir = root().join("tests/browser");
    if !browser_dir
        .join("node_modules/playwright-core/package.json")
        .is_file()
    {
        return skip("tests/browser/node_modules has no playwright-core");
    }
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("html-browser");
    std::fs::create_dir_all(&out).expect("create output folder");
    // The seeds' report rendered now, byte for byte what reports/seeds.html
    // holds when it is current (html_report checks that), so a stale example
    // fails one test with instructions rather than this one as well.
    let report = out.join("seeds.html");
    let json = out.join("seeds.json");
    let hostile = out.join("hostile.html");
    crosscheck(&["check", "seeds", "--format", "html"], &report);
    crosscheck(&["check", "seeds", "--format", "json"], &json);
    crosscheck(
        &["check", "tests/fixtures/hostile", "--format", "html"],
        &hostile,
    );
    let large = out.join("large.html");
    crosscheck(
        &["check", &generated_corpus(&out, 1000), "--format", "html"],
        &large,
    );
    let (review, review_json) = (out.join("review.html"), out.join("review.json"));
    let baseline = stale_baseline(&out);
    for (format, file) in [("html", &review), ("json", &review_json)] {
        crosscheck(
            &[
                "check",
                "seeds",
                "--baseline",
                &baseline,
                "--format",
                format,
            ],
            file,
        );
    }
    let result = Command::new(node)
        .current_dir(&browser_dir)
        .env("CHROMIUM", &chromium)
        .arg("report.test.mjs")
        .arg(&report)
        .arg(&json)
        .arg(&hostile)
        .arg(&out)
        .arg(&large)
        .arg(&review)
        .arg(&review_json)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    println!("{stdout}");
    assert!(
        result.status.success(),
        "browser checks failed ({}):\n{stdout}\n{stderr}",
        result.status
    );
    assert!(out.join("seeds.png").is_file(), "screenshot saved");
    println!("screenshots: {}", out.display());
}
