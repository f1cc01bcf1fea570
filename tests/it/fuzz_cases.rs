//! Inputs found by (or written for) the fuzz targets of `fuzz/`, replayed
//! on every test run: `tests/fuzz_cases/<target>/` holds one file per case,
//! and each must give a result or an error naming the file, never a panic.
//! A crash found by fuzzing is added by copying its file there. Each case
//! is read as its target reads it (from memory) and, where the command line
//! would read such a file, from its path too.

use peakplan::actuals::{
    import_inquiries, import_inquiries_from, import_orders, import_orders_from, import_shipments_from, ImportError,
    ImportOptions, Mapping, RowCounts,
};
use peakplan::Scenario;
use std::path::Path;

/// The files of `tests/fuzz_cases/<target>/`, sorted.
fn cases(target: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_cases").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn scenario_loader_cases_give_a_scenario_or_a_named_error() {
    let files = cases("scenario_loader");
    assert!(!files.is_empty());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        // What the fuzz target does with text ...
        if let Ok(text) = std::str::from_utf8(&bytes) {
            if let Err(e) = Scenario::from_toml(text, "case.toml") {
                assert!(e.to_string().starts_with("case.toml"), "{}: {e}", path.display());
            }
        }
        // ... and the file as the command line reads it.
        if let Err(e) = Scenario::load(&path) {
            assert!(e.to_string().starts_with(&path.display().to_string()), "{e}");
        }
    }
}

/// An import's outcome as the fuzz targets check it: an error names `file`
/// (and a line from 1); rows read are each counted once, none skipped
/// unless asked.
fn check<T>(result: &Result<T, ImportError>, counts: impl Fn(&T) -> &RowCounts, file: &str, skip: bool) {
    match result {
        Ok(r) => {
            let c = counts(r);
            assert_eq!(c.rows, c.used + c.excluded + c.outside_window + c.bad.skipped, "{file}: {c:?}");
            assert!(skip || c.bad.skipped == 0, "{file}: {c:?}");
        }
        Err(e) => {
            assert!(e.to_string().starts_with(file), "{e}");
            assert!(e.line.is_none_or(|l| l >= 1), "{e}");
        }
    }
}

/// The options of a replay: stopping at the first bad row, or skipping.
fn options(mapping: &Mapping, skip_bad_rows: bool) -> ImportOptions {
    ImportOptions { mapping: mapping.clone(), skip_bad_rows, keep_trace: true, profile_step_s: 0.0 }
}

/// Reads orders, then shipments joined to them, as `csv_orders_shipments`
/// and `mapping` do.
fn orders_then_shipments(orders: &[u8], shipments: &[u8], names: [&str; 2], opts: &ImportOptions) {
    let s = Scenario::default_double11();
    let result = import_orders_from(orders, names[0], &s, opts);
    check(&result, |r| &r.1, names[0], opts.skip_bad_rows);
    if let Ok((mut actuals, _)) = result {
        let shipped = import_shipments_from(shipments, names[1], &s, opts, &mut actuals);
        check(&shipped, |c| c, names[1], opts.skip_bad_rows);
    }
}

/// Splits a `csv_orders_shipments` input at its first NUL byte.
fn split(bytes: &[u8]) -> (&[u8], &[u8]) {
    match bytes.iter().position(|&b| b == 0) {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, &[]),
    }
}

/// Calls `replay` on every case of `target` (its path and bytes) with each
/// bad-row policy and the canonical columns.
fn replay_cases(target: &str, replay: impl Fn(&Path, &[u8], &ImportOptions)) {
    let files = cases(target);
    assert!(!files.is_empty());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        for skip in [false, true] {
            replay(&path, &bytes, &options(&Mapping::default(), skip));
        }
    }
}

#[test]
fn csv_inquiries_cases_give_chats_or_a_named_error() {
    let s = Scenario::default_double11();
    replay_cases("csv_inquiries", |path, bytes, opts| {
        let skip = opts.skip_bad_rows;
        check(&import_inquiries_from(bytes, "case.csv", &s, opts), |r| &r.1, "case.csv", skip);
        check(&import_inquiries(path, &s, opts), |r| &r.1, &path.display().to_string(), skip);
    });
}

#[test]
fn csv_orders_shipments_cases_give_orders_or_a_named_error() {
    let s = Scenario::default_double11();
    replay_cases("csv_orders_shipments", |path, bytes, opts| {
        let (orders, shipments) = split(bytes);
        orders_then_shipments(orders, shipments, ["orders.csv", "shipments.csv"], opts);
        // The whole file, NUL bytes and all, as the command line reads it.
        let name = path.display().to_string();
        check(&import_orders(path, &s, opts), |r| &r.1, &name, opts.skip_bad_rows);
    });
}

#[test]
fn mapping_cases_give_a_mapping_that_reads_or_a_named_error() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let read = |p: &str| std::fs::read(seeds.join(p)).unwrap();
    let (inquiries, bank, orders) =
        (read("csv_inquiries/example.csv"), read("csv_inquiries/bank.tsv"), read("csv_orders_shipments/example.csv"));
    let (orders, shipments) = split(&orders);
    let s = Scenario::default_double11();
    let files = cases("mapping");
    assert!(!files.is_empty());
    for path in files {
        let name = path.display().to_string();
        let loaded = Mapping::load(&path);
        if let Err(e) = &loaded {
            assert!(e.starts_with(&name), "{e}");
        }
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let mapping = match Mapping::from_toml(&text, "case.toml") {
            Ok(m) => m,
            Err(e) => {
                assert!(e.starts_with("case.toml"), "{e}");
                continue;
            }
        };
        for skip in [false, true] {
            let opts = options(&mapping, skip);
            for (file, bytes) in [("inquiries.csv", &inquiries[..]), ("bank.tsv", &bank[..])] {
                check(&import_inquiries_from(bytes, file, &s, &opts), |r| &r.1, file, skip);
            }
            orders_then_shipments(orders, shipments, ["orders.csv", "shipments.csv"], &opts);
            orders_then_shipments(&bank, &bank, ["bank.tsv", "bank.tsv"], &opts);
        }
    }
}
