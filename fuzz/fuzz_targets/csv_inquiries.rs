//! The inquiries importer on arbitrary bytes: whatever the file holds, it
//! gives chats or an error naming the file (and a line from 1), never a
//! panic or a hang; every row read is accounted for. Each input is read
//! twice, stopping at the first bad row and skipping bad rows, and what is
//! read is fitted and written into a scenario, as `actuals fit` does.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use peakplan::actuals::{import_inquiries_from, ImportOptions};

fuzz_target!(|data: &[u8]| {
    for skip_bad_rows in [false, true] {
        let opts = ImportOptions { skip_bad_rows, keep_trace: true, ..ImportOptions::default() };
        match import_inquiries_from(data, "inquiries.csv", common::scenario(), &opts) {
            Ok((mut chats, counts)) => {
                common::accounted(&counts, skip_bad_rows);
                common::fit(Some(&mut chats), None);
            }
            Err(e) => common::named(&e, "inquiries.csv"),
        }
    }
});
