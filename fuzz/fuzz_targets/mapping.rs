//! The mapping file on arbitrary bytes: UTF-8 text goes to
//! `Mapping::from_toml`, which gives a mapping or an error naming the file;
//! a mapping it accepts then reads fixed small exports of every kind (the
//! canonical seeds and a few rows of a tab-separated call-center log), each
//! giving rows or an error naming the export, never a panic or a hang.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use peakplan::actuals::{import_inquiries_from, import_orders_from, import_shipments_from, ImportOptions, Mapping};

const INQUIRIES: &[u8] = include_bytes!("../seeds/csv_inquiries/example.csv");
const BANK: &[u8] = include_bytes!("../seeds/csv_inquiries/bank.tsv");
const ORDERS_SHIPMENTS: &[u8] = include_bytes!("../seeds/csv_orders_shipments/example.csv");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mapping = match Mapping::from_toml(text, "fuzz.mapping.toml") {
        Ok(m) => m,
        Err(e) => {
            assert!(e.starts_with("fuzz.mapping.toml"), "an error names the file: {e}");
            return;
        }
    };
    let split = ORDERS_SHIPMENTS.iter().position(|&b| b == 0).expect("the seed holds orders, NUL, shipments");
    let (orders, shipments) = (&ORDERS_SHIPMENTS[..split], &ORDERS_SHIPMENTS[split + 1..]);
    let s = common::scenario();
    for skip_bad_rows in [false, true] {
        let opts = ImportOptions { mapping: mapping.clone(), skip_bad_rows, keep_trace: true, profile_step_s: 0.0 };
        for (name, bytes) in [("inquiries.csv", INQUIRIES), ("bank.tsv", BANK)] {
            match import_inquiries_from(bytes, name, s, &opts) {
                Ok((mut chats, counts)) => {
                    common::accounted(&counts, skip_bad_rows);
                    common::fit(Some(&mut chats), None);
                }
                Err(e) => common::named(&e, name),
            }
        }
        for (name, bytes) in [("orders.csv", orders), ("bank.tsv", BANK)] {
            let mut actuals = match import_orders_from(bytes, name, s, &opts) {
                Ok((actuals, counts)) => {
                    common::accounted(&counts, skip_bad_rows);
                    actuals
                }
                Err(e) => {
                    common::named(&e, name);
                    continue;
                }
            };
            for (name, bytes) in [("shipments.csv", shipments), ("bank.tsv", BANK)] {
                match import_shipments_from(bytes, name, s, &opts, &mut actuals) {
                    Ok(counts) => common::accounted(&counts, skip_bad_rows),
                    Err(e) => common::named(&e, name),
                }
            }
            common::fit(None, Some(&actuals));
        }
    }
});
