//! The rule loader on arbitrary files (split into two files at the first NUL so
//! duplicate ids across files are reached): an error must be well-formed lines
//! of `file:line:column: reason`, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let files: Vec<(String, String)> = text
        .splitn(2, '\0')
        .enumerate()
        .map(|(i, part)| (format!("r{i}.toml"), part.to_string()))
        .collect();
    if let Err(e) = crosscheck::rules::load::parse_files(&files) {
        for line in e.to_string().lines() {
            assert!(line.starts_with("r0.toml:") || line.starts_with("r1.toml:"), "{line}");
        }
    }
});
