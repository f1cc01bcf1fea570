//! The HTML report: one self-contained file (styles and SVG charts inline,
//! nothing fetched), the answer first (are the targets met, with what
//! probability, the key figures with intervals, the plan), then the charts,
//! then the scenario that produced it. Every piece of user-provided text is
//! escaped with [`escape`]; chart SVGs escape their own text.

use super::i18n::{Labels, Lang};
use super::plots::Rendered;
use super::text::{show, Fmt};
use crate::figures::{self as fig, Figure};
use crate::result::SimulationReport;
use crate::stats::Summary;
use std::fmt::Write;

/// `s` made safe as HTML text and as a double- or single-quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// What the report shows besides the result.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// The scenario as simulated, as TOML text.
    pub scenario_toml: &'a str,
    /// Drawn charts (their PNGs are linked as `plots/<name>.png`); `None`
    /// when plots were skipped.
    pub plots: Option<&'a [Rendered]>,
    /// Files written beside the report, linked relative to it.
    pub files: &'a [&'a str],
    /// Language of the text.
    pub lang: Lang,
}

/// Nothing may be fetched: styles and charts are inline. A browser reports
/// any attempt as a console error, which the screenshot script checks.
/// Fonts only from the page itself (the Chinese page embeds its font).
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

const STYLE: &str = r#"
:root { color-scheme: light; }
body { margin: 0; background: #f5f6f8; color: #1f2328;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei",
    "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 10px; border-bottom: 1px solid #d8dee4; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
.sub { color: #57606a; margin: 0; }
.verdict { border-radius: 8px; padding: 14px 18px; margin: 16px 0; border: 2px solid; }
.verdict.met { background: #e8f5ec; border-color: #1a7f37; }
.verdict.not-met { background: #fdecea; border-color: #cf222e; }
.verdict p { margin: 4px 0; }
.verdict .big { font-size: 21px; font-weight: 700; }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { padding: 4px 9px; border-bottom: 1px solid #e5e8eb; text-align: right; white-space: nowrap; }
th { background: #f0f2f4; font-weight: 600; white-space: normal; vertical-align: bottom; }
th:first-child, td:first-child { text-align: left; }
td.ok { color: #1a7f37; } td.bad { color: #cf222e; font-weight: 600; }
tr.below td { background: #fff1f0; }
figure { margin: 18px 0 26px; }
figure svg { display: block; width: 100%; height: auto; border: 1px solid #e5e8eb; }
figcaption { color: #424a53; margin-top: 6px; }
pre { background: #f6f8fa; border: 1px solid #e5e8eb; padding: 12px; overflow-x: auto; font-size: 13px; }
details summary { cursor: pointer; font-weight: 600; margin: 8px 0; }
footer { color: #57606a; margin-top: 32px; font-size: 13px; }
"#;

pub(crate) fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    pairs.iter().fold(template.to_string(), |s, (k, v)| s.replace(&format!("{{{k}}}"), v))
}

/// A probability's interval, clipped to 0–100%.
pub(crate) fn ci_share(s: &Summary, l: &Labels) -> String {
    match (s.ci95_low, s.ci95_high) {
        (Some(lo), Some(hi)) => {
            let (lo, hi) = (show(lo.clamp(0.0, 1.0), Fmt::Share), show(hi.clamp(0.0, 1.0), Fmt::Share));
            format!("{} {lo} – {hi}", l.ci95_short)
        }
        _ => format!("{} —", l.ci95_short),
    }
}

/// The style that gives a Chinese page the bundled Chinese font (embedded,
/// so that the page reads the same on a machine without Chinese fonts), for
/// its text and its charts.
fn cjk_style() -> &'static str {
    static STYLE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    STYLE.get_or_init(|| {
        use base64::Engine as _;
        let data = base64::engine::general_purpose::STANDARD.encode(super::plots::CJK_OTF);
        let family = super::plots::CJK_FAMILY;
        format!(
            "@font-face {{ font-family: \"{family}\"; src: url(data:font/otf;base64,{data}) format(\"opentype\"); }}\n\
             body {{ font-family: \"{family}\", sans-serif; }}\n"
        )
    })
}

/// Opens a page: the document head (title escaped, the styles, the
/// content-security policy, a Chinese page's font) and the body's main
/// element.
pub(crate) fn page_head(o: &mut String, title: &str, lang: Lang) {
    let font = if lang == Lang::Zh { cjk_style() } else { "" };
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <link rel=\"icon\" href=\"data:,\">\n<title>{}</title>\n<style>{STYLE}{font}</style>\n</head>\n<body>\n<main>\n",
        lang.html_lang(),
        escape(title)
    );
}

/// Closes a page opened with [`page_head`], with the generator's footer.
pub(crate) fn page_foot(o: &mut String) {
    let _ = writeln!(o, "<footer>peakplan {}</footer>\n</main>\n</body>\n</html>", env!("CARGO_PKG_VERSION"));
}

/// The line under a page's title that says what was run (window start and
/// zone, length, replications, seed), closing the page's header.
pub(crate) fn run_line(o: &mut String, run: &crate::result::RunInfo, l: &Labels) {
    let _ = writeln!(
        o,
        "<p class=\"sub\">{} {} · {} {} · {} {} · {} {}</p>\n</header>",
        escape(&run.window_start),
        escape(&run.time_zone),
        show_num(run.window_h),
        l.hours,
        run.replications,
        l.run_facts[6],
        l.run_facts[7],
        run.seed
    );
}

/// The HTML report of `r`.
pub fn render(r: &SimulationReport, page: &Page) -> String {
    let l = page.lang.labels();
    let mut o = String::new();
    let name = escape(&r.run.scenario);
    page_head(&mut o, &format!("{} — {}", l.title, r.run.scenario), page.lang);
    let _ = writeln!(o, "<header>\n<h1>{} — {name}</h1>", l.title);
    if !r.run.description.is_empty() {
        let _ = writeln!(o, "<p class=\"sub\">{}</p>", escape(&r.run.description));
    }
    run_line(&mut o, &r.run, l);
    let generated = o.len();
    answer(&mut o, r, l, page.lang);
    super::html_plan::cost_and_shifts(&mut o, r, page.lang);
    super::classes_html::section(&mut o, &r.kpis, &r.cost, page.lang);
    charts(&mut o, page, l);
    by_period(&mut o, r, l);
    // The labels speak of hours; other periods are named as such (in the
    // generated parts only, never in the scenario's own text).
    if (r.run.period_min - 60.0).abs() > 1e-9 {
        let part = o.split_off(generated);
        o.push_str(&super::i18n::per_period_words(&part));
    }
    scenario(&mut o, r, page, l);
    let _ = writeln!(
        o,
        "<footer>{}</footer>\n</main>\n</body>\n</html>",
        fill(l.generated_by, &[("version", env!("CARGO_PKG_VERSION"))])
    );
    o
}

pub(crate) fn show_num(x: f64) -> String {
    super::plots::draw::number(x)
}

fn answer(o: &mut String, r: &SimulationReport, l: &Labels, lang: Lang) {
    let t = &r.targets;
    let all = r.kpi(fig::MEETS_ALL_TARGETS);
    let met = all.map_or(0.0, |s| s.mean);
    let ok = met >= t.confidence;
    let _ = writeln!(o, "<section id=\"answer\">\n<h2>{}</h2>", l.answer);
    let detail = fill(
        l.met_detail,
        &[
            ("met", &show(met, Fmt::Share)),
            ("ci", &all.map(|s| ci_share(s, l)).unwrap_or_default()),
            ("required", &show(t.confidence, Fmt::Share)),
        ],
    );
    let _ = writeln!(
        o,
        "<div class=\"verdict {}\">\n<p class=\"big\">{} {}</p>\n<p>{}</p>\n</div>",
        if ok { "met" } else { "not-met" },
        if ok { "✔" } else { "✘" },
        if ok { l.met } else { l.not_met },
        escape(&detail)
    );
    targets_met(o, r, l);
    key_figures(o, r, l, lang);
    plan_headcount(o, r, l);
}

/// Each target and how often it was met.
pub(crate) fn targets_met(o: &mut String, r: &SimulationReport, l: &Labels) {
    let t = &r.targets;
    let _ = writeln!(o, "<h3>{}</h3>\n<table>\n<tr><th>{}</th><th>{}</th></tr>", l.targets, l.target, l.probability);
    let rows = [
        (
            fill(
                l.target_service_level,
                &[("sl", &show(t.service_level, Fmt::Share)), ("s", &show_num(t.response_within_s))],
            ),
            fig::MEETS_SERVICE_LEVEL.name,
        ),
        (fill(l.target_abandon, &[("cap", &show(t.abandon_max, Fmt::Share))]), fig::MEETS_ABANDON_CAP.name),
        (fill(l.target_dispatch, &[("min", &dispatch_min(r))]), fig::MEETS_DISPATCH_TARGET.name),
        (l.target_all.to_string(), fig::MEETS_ALL_TARGETS.name),
    ];
    for (label, key) in rows {
        if let Some(s) = r.kpi(key) {
            let class = if s.mean >= t.confidence { "ok" } else { "bad" };
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"{class}\">{} <small>({})</small></td></tr>",
                escape(&label),
                show(s.mean, Fmt::Share),
                ci_share(s, l)
            );
        }
    }
    let _ = writeln!(o, "</table>");
}

/// How a figure's value is written.
pub(crate) type Show = fn(f64) -> String;

/// A table of figures: per row its label, mean, 95% interval of the mean
/// and the spread between replications; figures absent from the result
/// (a chat-only scenario has no orders) are left out.
pub(crate) fn summary_table<'a>(
    o: &mut String,
    l: &Labels,
    rows: impl IntoIterator<Item = (&'a str, Option<&'a Summary>, Show)>,
) {
    let _ = writeln!(
        o,
        "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        l.figure, l.mean, l.ci95, l.spread
    );
    for (label, s, f) in rows {
        let Some(s) = s else { continue };
        let interval = match (s.ci95_low, s.ci95_high) {
            (Some(lo), Some(hi)) => format!("{} – {}", f(lo), f(hi)),
            _ => "—".into(),
        };
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{interval}</td><td>{} – {}</td></tr>",
            escape(label),
            f(s.mean),
            f(s.p5),
            f(s.p95)
        );
    }
    let _ = writeln!(o, "</table>");
}

/// Key figures with intervals.
pub(crate) fn key_figures(o: &mut String, r: &SimulationReport, l: &Labels, lang: Lang) {
    let _ = writeln!(o, "<h3>{}</h3>", l.key_figures);
    let count: Show = |x| show(x, Fmt::Count);
    // A share's interval (Student's t) may reach past 0 or 1: clipped.
    let share: Show = |x| show(x.clamp(0.0, 1.0), Fmt::Share);
    let secs: Show = |x| show(x, Fmt::Seconds);
    let decimal: Show = |x| if x.is_finite() { format!("{x:.1}") } else { "—".into() };
    let hours: Show = |x| show(x, Fmt::Hours);
    let figures: [(Figure, Show); 24] = [
        (fig::INQUIRIES, count),
        (fig::OFFERED, count),
        (fig::ANSWERED, count),
        (fig::ABANDONED, count),
        (fig::SERVICE_LEVEL, share),
        (fig::ABANDON_SHARE, share),
        (fig::RESPONSE_MEAN_S, secs),
        (fig::RESPONSE_P90_S, secs),
        (fig::RESPONSE_P95_S, secs),
        (fig::OCCUPANCY, share),
        (fig::AGENT_HOURS, count),
        (fig::AGENT_HOURS_AVAILABLE, count),
        (fig::AGENT_SHRINKAGE_SHARE, share),
        (fig::AGENTS_ABSENT, decimal),
        (fig::QUEUE_MAX, count),
        (fig::PERIODS_BELOW_SERVICE_LEVEL, decimal),
        (fig::ORDERS_PAID, count),
        (fig::DISPATCHED_WITHIN_24H_SHARE, share),
        (fig::DISPATCH_LEAD_P95_H, hours),
        (fig::ORDERS_UNDISPATCHED, count),
        (fig::PACK_BACKLOG_MAX, count),
        (fig::PACKER_HOURS, count),
        (fig::PACKER_HOURS_AVAILABLE, count),
        (fig::PACKER_SHRINKAGE_SHARE, share),
    ];
    summary_table(o, l, figures.iter().map(|&(key, f)| (lang.figure(key), r.kpi(key), f)));
}

/// The plan: headcount per group.
fn plan_headcount(o: &mut String, r: &SimulationReport, l: &Labels) {
    let period_h = r.run.period_min / 60.0;
    let _ = writeln!(
        o,
        "<h3>{}</h3>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        l.plan, l.group, l.peak_on_duty, l.agent_hours
    );
    let n = r.periods.len();
    let mut total = vec![0.0; n];
    for g in &r.planned_agents {
        let peak = g.on_duty_per_period.iter().copied().fold(0.0, f64::max);
        let hours: f64 = g.on_duty_per_period.iter().sum::<f64>() * period_h;
        total.iter_mut().zip(&g.on_duty_per_period).for_each(|(t, x)| *t += x);
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&g.group),
            show_num((peak * 10.0).round() / 10.0),
            show(hours, Fmt::Count)
        );
    }
    let peak = total.iter().copied().fold(0.0, f64::max);
    let hours: f64 = total.iter().sum::<f64>() * period_h;
    let _ = writeln!(
        o,
        "<tr><th>{}</th><th>{}</th><th>{}</th></tr>\n</table>\n</section>",
        l.total,
        show_num((peak * 10.0).round() / 10.0),
        show(hours, Fmt::Count)
    );
}

/// The dispatch target's share as text, read from the serialised targets so
/// that a chat-only result renders alike.
fn dispatch_min(r: &SimulationReport) -> String {
    serde_json::to_value(&r.targets)
        .ok()
        .and_then(|v| v.get("dispatch_24h_min").and_then(|x| x.as_f64()))
        .map_or_else(|| "—".into(), |x| show(x, Fmt::Share))
}

/// The SVG document without an XML prolog, labelled for screen readers.
pub(crate) fn inline_svg(svg: &str, title: &str) -> String {
    let start = svg.find("<svg").unwrap_or(0);
    let body = &svg[start..];
    match body.strip_prefix("<svg") {
        Some(rest) => format!("<svg role=\"img\" aria-label=\"{}\"{rest}", escape(title)),
        None => body.to_string(),
    }
}

fn charts(o: &mut String, page: &Page, l: &Labels) {
    let _ = writeln!(o, "<section id=\"charts\">\n<h2>{}</h2>", l.charts);
    let Some(plots) = page.plots else {
        let _ = writeln!(o, "<p>{}</p>\n</section>", l.no_plots);
        return;
    };
    if !l.charts_note.is_empty() {
        let _ = writeln!(o, "<p class=\"sub\">{}</p>", l.charts_note);
    }
    figures(o, plots.iter(), l);
    let _ = writeln!(o, "</section>");
}

/// Each drawn chart as a figure: the SVG inline, its caption and a link to
/// its PNG file.
pub(crate) fn figures<'a>(o: &mut String, plots: impl Iterator<Item = &'a Rendered>, l: &Labels) {
    for p in plots {
        figure(o, p, l.caption(&p.name).unwrap_or(""), l);
    }
}

/// One drawn chart as a figure: the SVG inline, `caption` and a link to
/// its PNG file.
pub(crate) fn figure(o: &mut String, p: &Rendered, caption: &str, l: &Labels) {
    let _ = writeln!(o, "<figure id=\"plot-{}\">\n{}", escape(&p.name), inline_svg(&p.svg, &p.title));
    let link = if p.png.is_some() {
        format!(" <a href=\"plots/{}.png\">{}</a>", escape(&p.name), l.png)
    } else {
        String::new()
    };
    let _ = writeln!(o, "<figcaption>{caption}{link}</figcaption>\n</figure>");
}

/// The hour-by-hour table.
pub(crate) fn by_period(o: &mut String, r: &SimulationReport, l: &Labels) {
    let get = |k: &str| r.series(k);
    let (Some(inq), Some(agents), Some(sl), Some(ab)) = (
        get(fig::INQUIRIES.name),
        get(fig::AGENTS_ON_DUTY.name),
        get(fig::SERVICE_LEVEL.name),
        get(fig::ABANDON_SHARE.name),
    ) else {
        return;
    };
    let _ = writeln!(o, "<section id=\"by-period\">\n<details>\n<summary>{}</summary>\n<table>\n<tr>", l.by_period);
    for c in l.by_period_columns {
        let _ = write!(o, "<th>{c}</th>");
    }
    let _ = writeln!(o, "</tr>");
    for (i, label) in r.periods.iter().enumerate() {
        let below = !r.targets.service_level_met(sl[i].mean);
        let _ = writeln!(
            o,
            "<tr{}><td>{}{}</td><td>{}</td><td>{}</td><td>{:.1}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if below { " class=\"below\"" } else { "" },
            escape(label),
            if below { format!(" <small>({})</small>", l.below_target) } else { String::new() },
            show(r.forecast_inquiries_per_period[i], Fmt::Count),
            show(inq[i].mean, Fmt::Count),
            agents[i].mean,
            show(sl[i].mean, Fmt::Share),
            show(sl[i].p5, Fmt::Share),
            show(ab[i].mean, Fmt::Share),
        );
    }
    let _ = writeln!(o, "</table>\n</details>\n</section>");
}

fn scenario(o: &mut String, r: &SimulationReport, page: &Page, l: &Labels) {
    let run = &r.run;
    let _ = writeln!(o, "<section id=\"scenario\">\n<h2>{}</h2>\n<table>", l.scenario);
    let facts = [
        escape(&run.scenario),
        escape(&run.description),
        escape(&run.source),
        escape(&run.window_start),
        escape(&run.time_zone),
        format!("{} {}", show_num(run.period_min), l.minutes),
        run.replications.to_string(),
        run.seed.to_string(),
    ];
    for (k, v) in l.run_facts.iter().zip(facts) {
        let _ = writeln!(o, "<tr><td>{k}</td><td style=\"text-align:left;white-space:normal\">{v}</td></tr>");
    }
    let _ = writeln!(
        o,
        "</table>\n<details>\n<summary>{}</summary>\n<pre>{}</pre>\n</details>",
        l.scenario_file,
        escape(page.scenario_toml)
    );
    if !page.files.is_empty() {
        let _ = write!(o, "<h3>{}</h3>\n<p>", l.files);
        for (i, f) in page.files.iter().enumerate() {
            let sep = if i > 0 { " · " } else { "" };
            let _ = write!(o, "{sep}<a href=\"{0}\">{0}</a>", escape(f));
        }
        let _ = writeln!(o, "</p>");
    }
    let _ = writeln!(o, "</section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_and_quotes() {
        assert_eq!(escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assert_eq!(escape("a & \"b\""), "a &amp; &quot;b&quot;");
        assert_eq!(escape("双十一 shop"), "双十一 shop");
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }

    #[test]
    fn inline_svg_drops_the_prolog_and_keeps_the_document() {
        let svg = "<?xml version=\"1.0\"?>\n<svg width=\"10\"><text>x</text></svg>";
        assert_eq!(inline_svg(svg, "a<b"), "<svg role=\"img\" aria-label=\"a&lt;b\" width=\"10\"><text>x</text></svg>");
    }
}
