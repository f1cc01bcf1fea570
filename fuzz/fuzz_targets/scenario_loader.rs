//! The scenario loader on arbitrary input: whatever the bytes, it returns a
//! scenario or an error naming the file, and never panics or hangs. Text
//! goes to `Scenario::from_toml` (bytes that are not UTF-8 are refused by
//! `Scenario::load` before parsing, which the tests cover). A scenario it
//! accepts is also written back as TOML and its periods labelled, as the
//! report does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peakplan::Scenario;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Scenario::from_toml(text, "fuzz.toml") {
        Ok(s) => {
            let _ = toml::to_string(&s.raw);
            let _ = s.window.period_labels();
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.toml"), "an error names the file: {e}"),
    }
});
