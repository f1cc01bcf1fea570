//! Plots and the HTML report: chart data is the result's data, user text is
//! escaped, the default report folder never overwrites a run, and the SVG
//! and PNG files are real images.

use crate::common::simulate;
use assert_cmd::Command;
use peakplan::report::html::escape;
use peakplan::report::plots::{self, simulation, Chart, Layer};
use peakplan::{Scenario, SimulationReport};
use serde_json::Value;
use std::path::Path;

fn peakplan() -> Command {
    Command::cargo_bin("peakplan").unwrap()
}

/// The chart files `simulate` writes for every scenario (`warehouse` too
/// when the scenario has a dispatch side).
const PLOTS: [&str; 6] = ["service_level", "response_time", "inquiries", "agents", "queue", "abandonment"];

/// Runs `simulate` with `args` in `dir` as working folder.
fn simulate_in(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    peakplan().current_dir(dir).arg("simulate").args(args).assert()
}

/// `x` equals the JSON number `v` (serde_json parses decimals to within one
/// unit in the last place, so equality is up to that).
fn same(x: f64, v: &Value) -> bool {
    let y = v.as_f64().expect("a number");
    (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs())
}

fn json_at<'a>(v: &'a Value, path: &[&str]) -> &'a Value {
    path.iter().fold(v, |v, k| &v[k])
}

#[test]
fn service_level_chart_draws_the_json_figures() {
    let dir = tempfile::tempdir().unwrap();
    simulate_in(dir.path(), &["-n", "8", "--seed", "5", "--quiet", "--no-plots", "--out", "r"]).success();
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r/report.json")).unwrap()).unwrap();

    // The same run in process: the result the charts are drawn from.
    let s = Scenario::default_double11();
    let r = SimulationReport::new(&s, 5, &simulate(&s, 5, 8, None));
    let band = simulation::service_level_band(&r);
    let periods = json["periods"].as_array().unwrap();
    let sl = json_at(&json, &["per_period", "service_level"]).as_array().unwrap();
    assert_eq!(band.len(), periods.len());
    assert_eq!(band.len(), sl.len());
    for ((p, label), s) in band.iter().zip(periods).zip(sl) {
        assert_eq!(p.period, label.as_str().unwrap());
        assert!(same(p.p5, &s["p5"]) && same(p.mean, &s["mean"]) && same(p.p95, &s["p95"]), "{p:?} vs {s}");
    }

    // The chart draws exactly that band, that mean and the JSON's target.
    let Chart::Series(chart) = simulation::service_level_chart(&r, peakplan::report::i18n::Lang::En) else {
        panic!("a series chart")
    };
    let [Layer::Band { low, high, .. }, Layer::Line { y, .. }, Layer::Reference { y: target, .. }] = &chart.layers[..]
    else {
        panic!("band, mean, target: {:?}", chart.layers)
    };
    assert_eq!(low, &band.iter().map(|p| p.p5).collect::<Vec<_>>());
    assert_eq!(high, &band.iter().map(|p| p.p95).collect::<Vec<_>>());
    assert_eq!(y, &band.iter().map(|p| p.mean).collect::<Vec<_>>());
    assert!(same(*target, &json["targets"]["service_level"]));
}

#[test]
fn response_histogram_in_the_json_is_what_the_chart_draws() {
    let s = Scenario::default_double11();
    let r = SimulationReport::new(&s, 3, &simulate(&s, 3, 4, None));
    let json: Value = serde_json::from_str(&peakplan::report::json::render(&r).unwrap()).unwrap();
    let bins = json["response_histogram"].as_array().unwrap();
    let total: u64 = bins.iter().map(|b| b["count"].as_u64().unwrap()).sum();
    assert_eq!(total, json["response_pooled"]["answered"].as_u64().unwrap());
    assert_eq!(bins[0]["lower_s"].as_f64(), Some(0.0));
    assert!(bins.windows(2).all(|w| w[0]["upper_s"] == w[1]["lower_s"]), "buckets are adjacent");

    let Chart::Distribution(chart) = simulation::response_time_chart(&r, peakplan::report::i18n::Lang::En) else {
        panic!("a distribution chart")
    };
    let drawn: Vec<(f64, f64, f64)> = chart.buckets.iter().map(|b| (b.lower, b.upper, b.count)).collect();
    assert_eq!(drawn.len(), bins.len().min(peakplan::result::RESPONSE_BINS));
    for ((lo, hi, n), b) in drawn.iter().zip(bins) {
        assert!(same(*lo, &b["lower_s"]) && same(*hi, &b["upper_s"]) && same(*n, &b["count"]), "{b}");
    }
    assert_eq!(chart.total(), total as f64, "the tail bucket is drawn too");
    assert!(same(chart.markers[0].x, &json["targets"]["response_within_s"]));
}

#[test]
fn html_escapes_user_text() {
    assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
    let dir = tempfile::tempdir().unwrap();
    let text = r#"
name = "<script>alert(1)</script>"
description = "<img src=x onerror=alert(2)> & co \"quoted\" 'single'"
[window]
start = "2026-11-10 00:00"
length_h = 4
[arrivals]
baseline_per_h = 300
volume_cv = 0
[chat]
deflection_share = 0
patience_s = { kind = "exponential", mean = 120 }
[[chat.groups]]
name = "<b>trained</b>"
max_concurrent = 2
slowdown_per_extra_chat = 0
handle_s = { kind = "exponential", mean = 300 }
[[chat.shifts]]
name = "<i>all day</i>"
start = "2026-11-10 00:00"
end = "2026-11-10 04:00"
agents = { "<b>trained</b>" = 10 }
[run]
seed = 7
"#;
    std::fs::write(dir.path().join("evil.toml"), text).unwrap();
    simulate_in(dir.path(), &["evil.toml", "-n", "2", "--quiet"]).success();

    // The default folder's name is sanitised too.
    let run = dir.path().join("reports/_script_alert_1_script_/seed7-n2");
    let html = std::fs::read_to_string(run.join("report.html")).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt; &amp; co &quot;quoted&quot; &#39;single&#39;"));
    assert!(html.contains("&lt;b&gt;trained&lt;/b&gt;"));
    assert!(html.contains("&lt;i&gt;all day&lt;/i&gt;"), "the scenario listing is escaped");
    for raw in ["<script", "<img", "<b>", "<i>"] {
        assert!(!html.contains(raw), "unescaped {raw} in report.html");
    }
}

#[test]
fn default_folder_is_new_for_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["-n", "3", "--no-plots"];
    let first = simulate_in(dir.path(), &args).success();
    let said = String::from_utf8_lossy(&first.get_output().stderr).to_string();
    let base = Path::new("reports").join("double11-default");
    assert!(said.contains(&base.join("seed20261111-n3").display().to_string()), "stderr names the folder: {said}");
    let before = std::fs::read(dir.path().join(&base).join("seed20261111-n3/report.json")).unwrap();
    simulate_in(dir.path(), &args).success();
    simulate_in(dir.path(), &["-n", "3", "--no-plots", "--quiet", "--seed", "9"]).success();
    for run in ["seed20261111-n3", "seed20261111-n3-2", "seed9-n3"] {
        for f in ["report.json", "kpis.csv", "per_period.csv", "summary.txt", "report.html"] {
            assert!(dir.path().join(&base).join(run).join(f).is_file(), "{run}/{f} missing");
        }
    }
    assert_eq!(std::fs::read(dir.path().join(&base).join("seed20261111-n3/report.json")).unwrap(), before);
    assert!(!dir.path().join(&base).join("seed20261111-n3/plots").exists(), "--no-plots writes no chart");
}

/// Width and height from a PNG's header, after checking its signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn charts_are_written_as_svg_and_png_and_inlined_in_the_html() {
    let dir = tempfile::tempdir().unwrap();
    simulate_in(dir.path(), &["-n", "4", "--quiet", "--out", "r", "--lang", "zh"]).success();
    let out = dir.path().join("r");
    for name in PLOTS {
        let svg = std::fs::read_to_string(out.join(format!("plots/{name}.svg"))).unwrap();
        assert!(svg.contains("<svg") && svg.trim_end().ends_with("</svg>"), "{name}.svg");
        assert!(svg.len() > 5_000 && svg.contains("<text"), "{name}.svg has drawing and text");
        let png = std::fs::read(out.join(format!("plots/{name}.png"))).unwrap();
        assert_eq!(png_size(&png), (plots::draw::WIDTH, plots::draw::HEIGHT), "{name}.png");
        assert!(png.len() > 10_000, "{name}.png is {} bytes", png.len());
    }
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let svgs = std::fs::read_dir(out.join("plots"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension() == Some("svg".as_ref()))
        .count();
    assert!(svgs >= PLOTS.len());
    assert_eq!(html.matches("<svg").count(), svgs, "every chart is inline");
    assert!(html.contains("lang=\"zh-CN\"") && html.contains("结论"), "Chinese labels");
    assert!(!html.contains(" src=") && !html.contains("<script") && !html.contains("<link rel=\"stylesheet\""));
}

#[test]
fn generic_charts_draw_over_numeric_positions() {
    // The helpers `size` and `compare` will use: a curve over headcounts.
    let chart = Chart::Series(plots::SeriesChart {
        title: "P(targets met) against headcount".into(),
        x: plots::XAxis::Values { label: "agents [people]".into(), values: vec![10.0, 12.0, 14.0, 16.0] },
        y: plots::Axis::share("probability [%]"),
        layers: vec![Layer::Line {
            label: "all targets".into(),
            y: vec![0.1, 0.5, 0.9, 0.99],
            colour: plots::chart::palette::BLUE,
            dashed: false,
        }],
    });
    let svg = plots::svg(&chart).unwrap();
    assert!(svg.contains("P(targets met) against headcount"));
    let png = plots::png(&chart).unwrap();
    assert_eq!(png_size(&png), (plots::draw::WIDTH, plots::draw::HEIGHT));
}

/// The rows of a CSV text (byte-order mark dropped), header first.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = ::csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    std::iter::once(header).chain(r.records().map(|x| x.unwrap().iter().map(String::from).collect())).collect()
}

#[test]
fn long_csv_holds_the_wide_values() {
    use peakplan::report::csv as sheets;
    let s = Scenario::default_double11();
    let r = peakplan::cost::costed_report(&s, 3, &simulate(&s, 3, 3, None)).unwrap();
    let (wide, long, periods) =
        (csv_rows(&sheets::kpis(&r)), csv_rows(&sheets::kpis_long(&r)), csv_rows(&sheets::per_period(&r)));
    assert_eq!(long[0], ["figure", "period", "statistic", "value"]);
    // kpis.csv has the cost rows.
    assert!(wide.iter().any(|row| row[0] == "total_cny"), "cost rows in kpis.csv");
    // Every cell of kpis.csv is one row of the long form, and back.
    let window: Vec<&Vec<String>> = long[1..].iter().filter(|row| row[1].is_empty()).collect();
    assert_eq!(window.len(), (wide.len() - 1) * (wide[0].len() - 1));
    for row in &wide[1..] {
        for (stat, value) in wide[0][1..].iter().zip(&row[1..]) {
            assert!(window.iter().any(|l| l[0] == row[0] && &l[2] == stat && &l[3] == value), "{} {stat}", row[0]);
        }
    }
    // Periods carry their year, and the per-period means are per_period.csv's.
    assert_eq!(periods[1][0], "2026-11-10 12:00");
    let col = periods[0].iter().position(|c| c == "service_level_mean").unwrap();
    for p in &periods[1..] {
        let hit = long.iter().find(|l| l[0] == "service_level" && l[1] == p[0] && l[2] == "mean").unwrap();
        assert_eq!(hit[3], p[col], "{}", p[0]);
    }
}

#[test]
fn periods_past_new_year_carry_the_next_year() {
    let s = Scenario::default_double11();
    let mut r = peakplan::cost::costed_report(&s, 3, &simulate(&s, 3, 2, None)).unwrap();
    r.run.window_start = "2026-12-31 23:00".into();
    r.periods = vec!["12-31 23:00".into(), "01-01 00:00".into()];
    assert_eq!(peakplan::report::csv::dated_periods(&r), ["2026-12-31 23:00", "2027-01-01 00:00"]);
}

/// Every character of `dir`'s Rust sources from U+2E80 on (the Chinese of
/// labels and charts).
fn chinese_of(dir: &Path, out: &mut std::collections::BTreeSet<char>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            chinese_of(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.extend(std::fs::read_to_string(&path).unwrap().chars().filter(|&c| c >= '\u{2E80}'));
        }
    }
}

#[test]
fn the_cjk_font_covers_every_chinese_label() {
    let font = ttf_parser::Face::parse(plots::CJK_OTF, 0).expect("the bundled Chinese font parses");
    let mut chars = std::collections::BTreeSet::new();
    chinese_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut chars);
    assert!(chars.len() > 100, "the labels were read: {}", chars.len());
    let missing: String = chars.into_iter().filter(|&c| font.glyph_index(c).is_none()).collect();
    assert!(missing.is_empty(), "run scripts/make-cjk-font.sh: the font lacks {missing}");
    // A Chinese chart is drawn with it, an English one with DejaVu Sans.
    let s = Scenario::default_double11();
    let r = peakplan::cost::costed_report(&s, 1, &simulate(&s, 1, 2, None)).unwrap();
    let zh = simulation::service_level_chart(&r, peakplan::report::i18n::Lang::Zh);
    let en = simulation::service_level_chart(&r, peakplan::report::i18n::Lang::En);
    assert_eq!((plots::family(&zh), plots::family(&en)), (plots::CJK_FAMILY, "sans-serif"));
    assert!(plots::svg(&zh).unwrap().contains(plots::CJK_FAMILY));
}
