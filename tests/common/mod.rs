//! What the integration tests share: where the repository is and how the
//! binary is run. Each test binary uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary run with `args` in `cwd`.
pub fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("binary runs")
}

/// The binary run with `args` in `cwd`: exit code, standard output, standard error.
pub fn run_text(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let out = run(args, cwd);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Says that a test did not run and why, where a person sees it: `cargo test`
/// captures a passing test's output, so the notice also goes straight to the
/// terminal (`/dev/tty`, when there is one) and is appended to
/// `target/tmp/skipped-tests.txt`, which `.ci/run` prints after the tests.
pub fn skipped(test: &str, why: &str) {
    use std::io::Write;
    let line = format!("NOTICE: {test} skipped: {why}");
    eprintln!("{line}");
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        let _ = writeln!(tty, "{line}");
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    if let Ok(mut log) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("skipped-tests.txt"))
    {
        let _ = writeln!(log, "{line}");
    }
}

/// A folder copied with everything below it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

/// The folders directly in `dir`, in name order.
pub fn subfolders(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut folders: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    folders
}
