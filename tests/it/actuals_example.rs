//! `peakplan actuals example`: the synthetic export has the canonical
//! headers of `docs/actuals-format.md`, one row per chat, order and parcel
//! of the replication it simulates, is reproducible, and is never written
//! over or written from bad input.

use assert_cmd::Command;
use peakplan::kpi::figures;
use peakplan::model::Replication;
use peakplan::Scenario;
use std::path::Path;

/// The canonical columns of `file` (`inquiries.csv`, ...), in the order of
/// its table in `docs/actuals-format.md`.
fn documented_columns(file: &str) -> Vec<String> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/actuals-format.md")).unwrap();
    let section = doc.split("\n## ").find(|s| s.starts_with(&format!("{file}:"))).expect("a section per file");
    let section = section.split("\n## ").next().unwrap();
    section.lines().filter_map(|l| l.strip_prefix("| `")?.split('`').next().map(str::to_string)).collect()
}

fn peakplan() -> Command {
    Command::cargo_bin("peakplan").unwrap()
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The header and the number of data rows of a CSV file.
fn header_and_rows(text: &str) -> (Vec<String>, usize) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    (header, r.records().map(|row| row.unwrap()).count())
}

#[test]
fn the_export_has_the_canonical_columns_and_a_row_per_customer() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    let args = ["actuals", "example", "--replication", "2", "--out", out.to_str().unwrap()];
    peakplan().args(args).args(["--seed", "5"]).assert().success();

    let s = Scenario::default_double11();
    let mut rep = Replication::new(&s.model);
    rep.run(5, 2);
    let f = figures(&rep, &s.targets);
    let k = |name: &str| f.scalars.iter().find(|(n, _)| n == name).unwrap().1 as usize;
    for (file, rows) in [
        ("inquiries.csv", k("inquiries")),
        ("orders.csv", k("orders_placed")),
        ("shipments.csv", k("orders_dispatched")),
    ] {
        let (header, n) = header_and_rows(&read(&out, file));
        assert_eq!(header, documented_columns(file), "{file}");
        assert_eq!(n, rows, "{file}");
    }
    let readme = read(&out, "README.md");
    assert!(readme.contains("seed 5") && readme.contains("replication 2"), "{readme}");
    assert!(readme.contains(&format!("{:.6}", rep.volume_multiplier)), "{readme}");
    assert!(readme.contains(&format!("--seed 5 --replication 2 --out {}", out.display())), "{readme}");

    // Existing files are kept unless --force; with it the same bytes come
    // back (the export is reproducible).
    let before = read(&out, "inquiries.csv");
    let again = peakplan().args(args).args(["--seed", "6"]).assert().code(2);
    assert!(String::from_utf8_lossy(&again.get_output().stderr).contains("--force"));
    assert_eq!(read(&out, "inquiries.csv"), before);
    peakplan().args(args).args(["--seed", "5", "--force"]).assert().success();
    assert_eq!(read(&out, "inquiries.csv"), before);
    let leftovers = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(leftovers, 4, "no temporary file is left behind");
}

#[test]
fn a_bad_scenario_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    let text = peakplan::scenario::DEFAULT_TOML.replacen("deflection_share = 0.20", "deflection_share = 1.5", 1);
    std::fs::write(&bad, text).unwrap();
    let out = dir.path().join("export");
    let run = peakplan()
        .args(["actuals", "example", "--scenario", bad.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(err.contains("bad.toml") && err.contains("deflection_share"), "{err}");
    assert!(!out.exists());
}
