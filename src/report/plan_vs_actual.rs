//! Renderers of the plan against the actuals: the terminal summary, the
//! per-period CSV and the self-contained HTML page.

use super::html::{escape, inline_svg, page_foot, page_head};
use super::i18n::Lang;
use super::plots::Rendered;
use super::text::{show, Fmt};
use crate::actuals::plan_vs_actual::{Comparison, PlanVsActual};
use crate::figures as fig;
use std::fmt::Write;

fn fmt(unit: &str) -> Fmt {
    match unit {
        "share" => Fmt::Share,
        "s" => Fmt::Seconds,
        _ => Fmt::Count,
    }
}

fn opt(x: Option<f64>, f: Fmt) -> String {
    x.map_or_else(|| "—".into(), |v| show(v, f))
}

/// The verdict lines: forecast error and band coverage per measure.
fn accuracy_lines(r: &PlanVsActual) -> Vec<[String; 6]> {
    r.accuracy
        .iter()
        .filter(|a| a.periods > 0)
        .map(|a| {
            let f = fmt(a.unit);
            [
                a.measure.to_string(),
                opt(a.mape, Fmt::Share),
                opt(a.mape_peaks, Fmt::Share),
                opt(a.mean_abs_error, f),
                opt(a.inside_band_share, Fmt::Share),
                opt(a.total_bias, Fmt::Share),
            ]
        })
        .collect()
}

const ACCURACY_HEAD: [&str; 6] = ["measure", "MAPE", "MAPE peaks", "mean abs error", "inside p5–p95", "total bias"];

/// The terminal summary.
pub fn text(r: &PlanVsActual) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "peakplan actuals compare — plan {} against {}", r.plan.scenario, r.actuals_file);
    let _ = writeln!(
        o,
        "Forecast: {} replications, seed {}; window {} {} for {} h\n",
        r.plan.replications, r.plan.seed, r.plan.window_start, r.plan.time_zone, r.plan.window_h
    );
    let _ = writeln!(
        o,
        "{:<18}{:>8}{:>12}{:>16}{:>15}{:>12}",
        ACCURACY_HEAD[0], ACCURACY_HEAD[1], ACCURACY_HEAD[2], ACCURACY_HEAD[3], ACCURACY_HEAD[4], ACCURACY_HEAD[5]
    );
    for l in accuracy_lines(r) {
        let _ = writeln!(o, "{:<18}{:>8}{:>12}{:>16}{:>15}{:>12}", l[0], l[1], l[2], l[3], l[4], l[5]);
    }
    let _ = writeln!(o, "(peaks: the quarter of the periods with the most forecast inquiries, marked *;");
    let _ = writeln!(o, " ! marks an actual outside the forecast's p5–p95 band)\n");
    let idx = |n: &str| r.index(n).expect("a chat measure");
    let cols = [idx(fig::OFFERED.name), idx(fig::SERVICE_LEVEL.name), idx(fig::ABANDON_SHARE.name), idx("agents")];
    let _ = writeln!(
        o,
        "{:<13} {:>22} {:>22} {:>22} {:>11}",
        "period", "offered fcst / actual", "SL fcst / actual", "abandon fcst / actual", "agents avail f/a"
    );
    for p in &r.periods {
        let cell = |i: usize| {
            let c: &Comparison = &p.figures[i];
            let f = fmt(r.measures[i].unit);
            let mark = if c.inside_band == Some(false) { "!" } else { " " };
            format!("{} / {}{mark}", show(c.forecast_mean, f), opt(c.actual, f))
        };
        let star = if p.peak { "*" } else { " " };
        let _ = writeln!(
            o,
            "{}{star:<1}{:<1} {:>22} {:>22} {:>22} {:>11}",
            p.period,
            "",
            cell(cols[0]),
            cell(cols[1]),
            cell(cols[2]),
            cell(cols[3])
        );
    }
    o
}

/// One row per period: for every measure its forecast mean, p5, p95, the
/// actual and whether it fell inside the band (UTF-8 with a byte-order mark,
/// for spreadsheets).
pub fn csv(r: &PlanVsActual) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head = vec!["period".to_string(), "peak".into()];
    for m in &r.measures {
        for s in ["forecast_mean", "forecast_p5", "forecast_p95", "actual", "inside_band"] {
            head.push(format!("{}_{s}", m.name));
        }
    }
    w.write_record(&head).expect("memory");
    for p in &r.periods {
        let mut row = vec![p.period.clone(), u8::from(p.peak).to_string()];
        for c in &p.figures {
            row.extend([
                c.forecast_mean.to_string(),
                c.forecast_p5.to_string(),
                c.forecast_p95.to_string(),
                c.actual.map_or_else(String::new, |a| a.to_string()),
                c.inside_band.map_or_else(String::new, |b| u8::from(b).to_string()),
            ]);
        }
        w.write_record(&row).expect("memory");
    }
    super::csv::finish(w)
}

/// The fixed text of the HTML page in one language.
struct Words {
    title: &'static str,
    accuracy: &'static str,
    head: [&'static str; 6],
    note: &'static str,
    charts: &'static str,
    by_period: &'static str,
    period: &'static str,
    forecast: &'static str,
    actual: &'static str,
}

const EN_WORDS: Words = Words {
    title: "Plan against actuals",
    accuracy: "How good was the forecast",
    head: ACCURACY_HEAD,
    note: "Peaks: the quarter of the periods with the most forecast inquiries. MAPE: mean absolute percentage error \
           of the forecast mean. Inside p5–p95: share of periods whose actual figure fell inside the band of the \
           forecast's replications.",
    charts: "Charts",
    by_period: "Period by period",
    period: "period",
    forecast: "forecast (p5–p95)",
    actual: "actual",
};

const ZH_WORDS: Words = Words {
    title: "计划与实际对比",
    accuracy: "预测准确度",
    head: ["指标", "平均绝对百分比误差", "高峰时段误差", "平均绝对误差", "落在 5%–95% 区间内", "总量偏差"],
    note: "高峰：预测咨询量最多的四分之一时段。平均绝对百分比误差：预测均值的误差。落在区间内：实际值落在预测各次仿真 \
           5%–95% 分位区间内的时段占比。",
    charts: "图表",
    by_period: "逐时段",
    period: "时段",
    forecast: "预测（5%–95%）",
    actual: "实际",
};

/// The label of measure `name` in `lang`: the report's figure name, and
/// for `agents` the agents available.
pub(super) fn measure_label(name: &str, lang: Lang) -> &str {
    match (name, lang) {
        ("agents", Lang::En) => "agents available",
        ("agents", Lang::Zh) => "可用坐席",
        _ => match (crate::figures::Figure::named(name), lang) {
            (Some(f), Lang::En) => f.en,
            (Some(f), Lang::Zh) => f.zh,
            (None, _) => name,
        },
    }
}

/// The HTML page in `lang`: accuracy first, then the charts, then the
/// periods; rows and columns labelled by the figures' names, not their keys.
pub fn html(r: &PlanVsActual, plots: Option<&[Rendered]>, lang: Lang) -> String {
    let w = match lang {
        Lang::En => &EN_WORDS,
        Lang::Zh => &ZH_WORDS,
    };
    let mut o = String::new();
    let title = format!("{} — {}", w.title, r.plan.scenario);
    page_head(&mut o, &title, lang);
    let _ = writeln!(
        o,
        "<header>\n<h1>{}</h1>\n<p class=\"sub\">{} · {} {} · {} h · {} replications · seed {}</p>\n</header>",
        escape(&title),
        escape(&r.actuals_file),
        escape(&r.plan.window_start),
        escape(&r.plan.time_zone),
        r.plan.window_h,
        r.plan.replications,
        r.plan.seed
    );
    let _ = writeln!(o, "<section id=\"accuracy\">\n<h2>{}</h2>\n<table>\n<tr>", w.accuracy);
    for h in w.head {
        let _ = write!(o, "<th>{h}</th>");
    }
    let _ = writeln!(o, "</tr>");
    for mut l in accuracy_lines(r) {
        l[0] = measure_label(&l[0], lang).to_string();
        let _ = write!(o, "<tr>");
        for c in l {
            let _ = write!(o, "<td>{}</td>", escape(&c));
        }
        let _ = writeln!(o, "</tr>");
    }
    let _ = writeln!(o, "</table>\n<p class=\"sub\">{}</p>\n</section>", w.note);
    if let Some(plots) = plots {
        let _ = writeln!(o, "<section id=\"charts\">\n<h2>{}</h2>", w.charts);
        for p in plots {
            let _ =
                writeln!(o, "<figure id=\"plot-{}\">\n{}\n</figure>", escape(&p.name), inline_svg(&p.svg, &p.title));
        }
        let _ = writeln!(o, "</section>");
    }
    let _ = writeln!(
        o,
        "<section id=\"by-period\">\n<h2>{}</h2>\n<div style=\"overflow-x:auto\">\n<table>\n<tr><th>{}</th>",
        w.by_period, w.period
    );
    for m in &r.measures {
        let label = escape(measure_label(m.name, lang));
        let _ = write!(o, "<th>{label} {}</th><th>{label} {}</th>", w.forecast, w.actual);
    }
    let _ = writeln!(o, "</tr>");
    for p in &r.periods {
        let star = if p.peak { " *" } else { "" };
        let _ = write!(o, "<tr><td>{}{star}</td>", escape(&p.period));
        for (c, m) in p.figures.iter().zip(&r.measures) {
            let f = fmt(m.unit);
            let class = match c.inside_band {
                Some(false) => " class=\"bad\"",
                _ => "",
            };
            let _ = write!(
                o,
                "<td>{} ({} – {})</td><td{class}>{}</td>",
                show(c.forecast_mean, f),
                show(c.forecast_p5, f),
                show(c.forecast_p95, f),
                opt(c.actual, f)
            );
        }
        let _ = writeln!(o, "</tr>");
    }
    let _ = writeln!(o, "</table>\n</div>\n</section>");
    page_foot(&mut o);
    o
}
