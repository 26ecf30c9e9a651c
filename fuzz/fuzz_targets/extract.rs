#![no_main]
//! Text straight into extraction (no format sniffing), invariants checked.

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        // A name with no extension and text that is not JSON or HTML: plain text.
        let body = format!("Officials speak\n\n{text}");
        common::run("article", body.as_bytes());
    }
});
