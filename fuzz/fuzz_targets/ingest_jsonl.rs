#![no_main]
//! Bytes read as a .jsonl file, then extracted; invariants checked.

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::run("input.jsonl", data);
});
