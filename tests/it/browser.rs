//! Every kind of HTML report (simulate, size, compare, compare --sweep,
//! actuals compare, actuals replay, intraday) rendered in headless Chromium: it loads without console
//! errors, every image and chart has a size, it fits a 1280-pixel window
//! (no horizontal scroll), and a Chinese page draws its Chinese text with
//! the font it embeds. Skipped, with a message, where no Chromium is found
//! (`.ci/run` installs Debian's `chromium`; `PEAKPLAN_CHROMIUM` names
//! another browser command).
//!
//! The probe is a script added to a copy of each page (the page's policy
//! forbids scripts; the copy allows inline ones); it writes its findings
//! into the page, which `--dump-dom` prints. Chromium runs with a font
//! configuration holding DejaVu only, when the machine has it, so that
//! Chinese glyphs can come from the page's embedded font alone, as on a
//! fresh machine.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The browser command, if any is installed.
fn chromium() -> Option<PathBuf> {
    let names = std::env::var("PEAKPLAN_CHROMIUM")
        .ok()
        .into_iter()
        .chain(["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"].map(String::from));
    let path = std::env::var_os("PATH")?;
    names.flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(&n)).collect::<Vec<_>>()).find(|p| p.is_file())
}

const PROBE: &str = r#"
window.addEventListener('load', async () => {
  await document.fonts.ready;
  const out = {};
  out.broken_images = [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).length;
  out.empty_charts = [...document.querySelectorAll('svg')].filter(s => s.getBoundingClientRect().width <= 0).length;
  out.charts = document.querySelectorAll('svg').length;
  out.scroll_width = document.documentElement.scrollWidth;
  const c = document.createElement('canvas').getContext('2d');
  c.font = '40px "peakplan-sc"'; out.cjk_width = c.measureText('服务水平').width;
  c.font = '40px "no-such-font"'; out.fallback_width = c.measureText('服务水平').width;
  out.fonts = [...document.fonts].map(f => f.family.replace(/"/g, '') + ':' + f.status);
  const p = document.createElement('pre'); p.id = 'probe'; p.textContent = JSON.stringify(out);
  document.body.appendChild(p);
});
"#;

/// A copy of `html` beside it with the probe, its policy allowing it.
fn with_probe(html: &Path) -> PathBuf {
    let text = std::fs::read_to_string(html).unwrap();
    let text = text.replacen("default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';", 1).replacen(
        "</body>",
        &format!("<script>{PROBE}</script></body>"),
        1,
    );
    let out = html.with_extension("probe.html");
    std::fs::write(&out, text).unwrap();
    out
}

/// A font configuration with DejaVu only, when the machine has it.
fn latin_fonts(dir: &Path) -> Option<PathBuf> {
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu");
    if !dejavu.is_dir() {
        return None;
    }
    let conf = dir.join("fonts.conf");
    let cache = dir.join("font-cache");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig><dir>{}</dir>\
             <cachedir>{}</cachedir></fontconfig>\n",
            dejavu.display(),
            cache.display()
        ),
    )
    .unwrap();
    Some(conf)
}

/// Loads `html` in `browser` and returns the probe's findings and the
/// browser's console lines.
fn load(browser: &Path, html: &Path, work: &Path) -> (Value, Vec<String>) {
    let page = with_probe(html);
    let mut cmd = std::process::Command::new(browser);
    if let Some(conf) = latin_fonts(work) {
        cmd.env("FONTCONFIG_FILE", conf);
    }
    let out = cmd
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions"])
        .args(["--disable-background-networking", "--disable-component-update", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", work.join("profile").display()))
        .args(["--window-size=1280,900", "--virtual-time-budget=5000", "--enable-logging=stderr", "--v=0"])
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let probe = dom
        .split("<pre id=\"probe\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_else(|| panic!("{}: the page did not load (no probe in the DOM)", html.display()));
    let probe = probe.replace("&quot;", "\"").replace("&amp;", "&");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let console = stderr.lines().filter(|l| l.contains("CONSOLE")).map(String::from).collect();
    (serde_json::from_str(&probe).unwrap(), console)
}

/// Runs peakplan with `parts` (joined), `--out` `out` and quietly, from
/// the project folder.
fn run(parts: &[&[&str]], out: &Path) {
    let args: Vec<&str> = parts.concat();
    Command::cargo_bin("peakplan")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .arg("--out")
        .arg(out)
        .args(["--quiet", "--threads", "2"])
        .assert()
        .success();
}

#[test]
fn every_html_report_loads_cleanly_in_chromium() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no Chromium found (apt-get install chromium, or set PEAKPLAN_CHROMIUM)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let ex: &[&str] = &["--inquiries", "examples/actuals/inquiries.csv", "--orders", "examples/actuals/orders.csv"];
    let small: &[&str] =
        &["--search-replications", "10", "--verify-replications", "10", "--sensitivity-replications", "10"];
    let compare: &[&str] = &["compare", "scenarios/double11.toml", "scenarios/double11-lean.toml", "-n", "3"];
    let zh: &[&str] = &["--lang", "zh"];
    // (the command, its folder, the page, whether it is Chinese)
    let sweep: &[&str] = &["compare", "scenarios/double11.toml", "--sweep", "0.9:1.1:0.1", "-n", "2"];
    let intraday: &[&str] = &[
        "intraday",
        "--inquiries",
        "examples/actuals/inquiries.csv",
        "--at",
        "2026-11-11 21:00",
        "--replications",
        "5",
    ];
    let pages: [(Vec<&[&str]>, &str, &str, bool); 10] = [
        (vec![&["simulate", "-n", "3"]], "sim", "report.html", false),
        (vec![&["size"], small, zh], "size", "report.html", true),
        (vec![compare], "cmp", "report.html", false),
        (vec![compare, zh], "cmpzh", "report.html", true),
        (vec![sweep, zh], "sweep", "report.html", true),
        (vec![&["actuals", "compare", "-n", "3"], ex, zh], "vs", "plan_vs_actual.html", true),
        (vec![&["actuals", "replay", "-n", "3"], ex], "replay", "replay_vs_actual.html", false),
        (vec![&["actuals", "replay", "-n", "3"], ex, zh], "replayzh", "replay_vs_actual.html", true),
        (vec![intraday], "intraday", "report.html", false),
        (vec![intraday, zh], "intradayzh", "report.html", true),
    ];
    for (parts, folder, page, chinese) in &pages {
        run(parts, &d.join(folder));
        let html = format!("{folder}/{page}");
        let (probe, console) = load(&browser, &d.join(&html), d);
        assert!(console.is_empty(), "{html}: console messages: {console:?}");
        assert_eq!(probe["broken_images"], 0, "{html}: {probe}");
        assert_eq!(probe["empty_charts"], 0, "{html}: {probe}");
        assert!(probe["charts"].as_u64().unwrap() > 0, "{html}: no chart: {probe}");
        assert!(probe["scroll_width"].as_f64().unwrap() <= 1280.0, "{html}: wider than 1280 px: {probe}");
        if *chinese {
            assert!(probe["fonts"].as_array().unwrap().iter().any(|f| f == "peakplan-sc:loaded"), "{html}: {probe}");
            // Four ideographs of the embedded font are four ems wide; a
            // missing glyph is drawn as a narrower box.
            let w = probe["cjk_width"].as_f64().unwrap();
            assert!((w - 160.0).abs() < 2.0, "{html}: Chinese text has no glyphs: {probe}");
        }
    }
}
