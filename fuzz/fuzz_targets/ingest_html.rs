#![no_main]
//! Bytes read as a .html file, then extracted; invariants checked.

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::run("input.html", data);
});
