//! The segmenter on arbitrary text: sentences are in order, non-empty, on
//! character boundaries and inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut last_end = 0;
    for s in crosscheck::segment::sentences(text) {
        let span = s.span;
        assert!(last_end <= span.start() && span.start() < span.end() && span.end() <= text.len());
        assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
        last_end = span.end();
    }
});
