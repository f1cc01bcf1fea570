//! `peakplan intraday --out DIR`: the results folder (intraday.json,
//! intraday.csv, summary.txt, report.html and the charts), in English and
//! Chinese, on the synthetic sale of [`super::intraday`] that runs 30%
//! above the forecast from 20:00 on the 11th; `--format csv` prints the
//! CSV file; an --out folder holding anything is refused without --force.

use super::intraday::{export, plan};
use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// `peakplan intraday` on `inquiries` at 21:00 on the 11th under `plan`
/// with `more` flags; its standard output.
fn intraday(inquiries: &Path, plan: &Path, more: &[&str]) -> Vec<u8> {
    let out = Command::cargo_bin("peakplan")
        .unwrap()
        .args(["intraday", "--inquiries", inquiries.to_str().unwrap(), "--at", "2026-11-11 21:00"])
        .args(["--plan", plan.to_str().unwrap(), "--replications", "20", "--threads", "2", "--quiet"])
        .args(more)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The rows of a CSV text (after its byte-order mark).
fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records().map(Result::unwrap).collect()
}

#[test]
fn the_out_folder_holds_every_file_and_they_parse_in_english_and_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan_file = d.join("plan.toml");
    std::fs::write(&plan_file, plan()).unwrap();
    let inquiries = export(d, 1.3, 5);
    for (lang, title) in [("en", "During the sale"), ("zh", "大促进行中")] {
        let out = d.join(format!("out-{lang}"));
        let stdout =
            intraday(&inquiries, &plan_file, &["--out", out.to_str().unwrap(), "--lang", lang, "--format", "json"]);
        // intraday.json is the JSON of standard output.
        let json_text = std::fs::read_to_string(out.join("intraday.json")).unwrap();
        assert_eq!(json_text.as_bytes(), stdout.as_slice(), "{lang}");
        let v: Value = serde_json::from_str(&json_text).unwrap();
        let periods =
            (v["run"]["window_h"].as_f64().unwrap() * 60.0 / v["run"]["period_min"].as_f64().unwrap()) as usize;
        let (before, rest) = (v["periods"].as_array().unwrap().len(), v["rest_inquiries"].as_array().unwrap().len());
        assert_eq!((before, rest, periods), (33, 3, 36), "{lang}");
        // One CSV row per period of the window, the rest's re-forecast above
        // the forecast, the plan's forward service level in every row of the rest.
        let csv_text = std::fs::read_to_string(out.join("intraday.csv")).unwrap();
        let rows = csv_rows(&csv_text);
        assert_eq!(rows.len(), periods, "{lang}");
        assert_eq!(&rows[33][0], "2026-11-11 21:00");
        let cell = |r: usize, c: usize| rows[r][c].parse::<f64>().unwrap();
        assert!(cell(33, 6) > cell(33, 3) && cell(33, 7) > cell(33, 5), "{:?}", rows[33]);
        assert!((0..3).all(|k| (0.0..=1.0).contains(&cell(33 + k, 9))), "{:?}", &rows[33..]);
        assert!(rows[..33].iter().all(|r| r[6].is_empty() && !r[2].is_empty()));
        assert_eq!(
            std::fs::read_to_string(out.join("summary.txt")).unwrap().lines().next().unwrap(),
            "peakplan intraday: double11-default at 2026-11-11 21:00"
        );
        // The page: the verdict first, the moves, two charts inline; PNG and SVG files beside it.
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        assert!(html.contains(title) && html.matches("<svg").count() == 2, "{lang}");
        let (verdict, moves) = (html.find("id=\"verdict\"").unwrap(), html.find("id=\"outlook\"").unwrap());
        let sources: Vec<&str> =
            v["recommendation"]["moves"].as_array().unwrap().iter().map(|m| m["source"].as_str().unwrap()).collect();
        assert!(!sources.is_empty(), "{lang}: the surge gets moves");
        assert!(
            verdict < moves && sources.iter().all(|s| html[verdict..moves].contains(s)),
            "{lang}: the moves are in the verdict"
        );
        for name in ["intraday_inquiries", "intraday_service_level"] {
            let png = std::fs::read(out.join(format!("plots/{name}.png"))).unwrap();
            assert_eq!(&png[1..4], b"PNG", "{name}");
            let svg = std::fs::read_to_string(out.join(format!("plots/{name}.svg"))).unwrap();
            assert!(svg.contains("<svg"), "{name}");
        }
    }
    // --format csv prints intraday.csv.
    let csv_out = intraday(&inquiries, &plan_file, &["--format", "csv"]);
    assert_eq!(String::from_utf8(csv_out).unwrap(), std::fs::read_to_string(d.join("out-en/intraday.csv")).unwrap());
}

#[test]
fn an_existing_out_folder_is_refused_without_force_and_replaced_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inquiries = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/actuals/inquiries.csv");
    let used = d.join("used");
    std::fs::create_dir_all(&used).unwrap();
    std::fs::write(used.join("notes.txt"), "mine").unwrap();
    let run = |more: &[&str]| {
        Command::cargo_bin("peakplan")
            .unwrap()
            .args(["intraday", "--inquiries", inquiries.to_str().unwrap(), "--at", "2026-11-11 21:00"])
            .args(["--replications", "5", "--quiet", "--no-plots", "--out", used.to_str().unwrap()])
            .args(more)
            .output()
            .unwrap()
    };
    let refused = run(&[]);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("used") && err.contains("not empty") && err.contains("--force"), "{err}");
    assert_eq!(crate::common::paths_under(&used), vec![Path::new("notes.txt").to_path_buf()], "nothing written");
    // --force writes the run's files and keeps the others.
    assert!(run(&["--force"]).status.success());
    for f in ["intraday.json", "intraday.csv", "summary.txt", "report.html", "notes.txt"] {
        assert!(used.join(f).is_file(), "{f}");
    }
    assert!(!used.join("plots").exists(), "--no-plots draws no chart");
}
