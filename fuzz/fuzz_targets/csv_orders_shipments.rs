//! The orders and shipments importers on arbitrary bytes: the part before
//! the first NUL byte is the orders export, the rest the shipments export
//! joined to it. Whatever they hold, the import gives orders or an error
//! naming the file (and a line from 1), never a panic or a hang; every row
//! read is accounted for. Each input is read stopping at the first bad row
//! and skipping bad rows, and the orders read are fitted.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use peakplan::actuals::{import_orders_from, import_shipments_from, ImportOptions};

fuzz_target!(|data: &[u8]| {
    let (orders, shipments) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let s = common::scenario();
    for skip_bad_rows in [false, true] {
        let opts = ImportOptions { skip_bad_rows, ..ImportOptions::default() };
        let mut actuals = match import_orders_from(orders, "orders.csv", s, &opts) {
            Ok((actuals, counts)) => {
                common::accounted(&counts, skip_bad_rows);
                actuals
            }
            Err(e) => {
                common::named(&e, "orders.csv");
                continue;
            }
        };
        match import_shipments_from(shipments, "shipments.csv", s, &opts, &mut actuals) {
            Ok(counts) => common::accounted(&counts, skip_bad_rows),
            Err(e) => common::named(&e, "shipments.csv"),
        }
        common::fit(None, Some(&actuals));
    }
});
