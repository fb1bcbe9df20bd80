//! Output is byte-identical whatever the number of threads.

use std::path::PathBuf;
use std::process::Command;

fn check_json(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("binary runs");
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn one_thread_and_all_cores_give_the_same_bytes() {
    let one = check_json(&["check", "seeds", "--format", "json", "--jobs", "1"]);
    let all = check_json(&["check", "seeds", "--format", "json"]);
    assert_eq!(one, all);

    let dir = tempfile::tempdir().unwrap();
    let knowledge = crosscheck::knowledge::Knowledge::builtin();
    for (path, text) in crosscheck::generate::corpus(30, 3, &knowledge) {
        let target: PathBuf = dir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
    let path = dir.path().to_str().unwrap();
    let one = check_json(&["check", path, "--format", "json", "--jobs", "1"]);
    let four = check_json(&["check", path, "--format", "json", "--jobs", "4"]);
    assert!(!one.is_empty());
    assert_eq!(one, four);
}
