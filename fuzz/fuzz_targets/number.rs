//! The number and ordinal parsers on arbitrary words.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = crosscheck::normalize::number::parse_number(text);
    let _ = crosscheck::normalize::number::parse_ordinal(text);
    for word in text.split_whitespace() {
        let _ = crosscheck::normalize::number::parse_number(word);
        let _ = crosscheck::normalize::number::parse_ordinal(word);
    }
});
