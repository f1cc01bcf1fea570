//! Renderers of a replay held against the day it replays: the terminal
//! summary, the CSV of the day's figures and the HTML page (the verdict,
//! the day, the charts of the actual line over the replay's band, and the
//! periods).

use super::html::{escape, inline_svg, page_foot, page_head};
use super::i18n::Lang;
use super::plots::Rendered;
use super::text::{show, Fmt};
use crate::actuals::plan_vs_actual::PlanVsActual;
use crate::actuals::replay_check::{DayFigure, ReplayCheck};
use crate::figures as fig;
use std::fmt::Write;

fn fmt(measure: &str) -> Fmt {
    if measure.ends_with("_s") {
        Fmt::Seconds
    } else {
        Fmt::Share
    }
}

fn opt(x: Option<f64>, f: Fmt) -> String {
    x.map_or_else(|| "—".into(), |v| show(v, f))
}

fn inside(b: Option<bool>, w: &Words) -> &'static str {
    match b {
        Some(true) => w.yes,
        Some(false) => w.no,
        None => "—",
    }
}

fn relative(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |e| format!("{:+.1}%", 100.0 * e))
}

/// The fixed text of the replay's page and summary in one language.
struct Words {
    title: &'static str,
    day_head: [&'static str; 5],
    yes: &'static str,
    no: &'static str,
    charts: &'static str,
    by_period: &'static str,
    period_head: [&'static str; 5],
    outside_mark: &'static str,
}

const EN_WORDS: Words = Words {
    title: "Replay against the actual day",
    day_head: ["measure", "actual", "replay mean (p5 – p95)", "inside", "relative error"],
    yes: "yes",
    no: "no",
    charts: "Charts",
    by_period: "Period by period",
    period_head: [
        "period",
        fig::OFFERED.name,
        "SL actual / replay p5–p95",
        "abandon actual / p5–p95",
        "wait actual / p5–p95",
    ],
    outside_mark: "(! marks an actual outside the replay's p5–p95)",
};

const ZH_WORDS: Words = Words {
    title: "回放与实际对比",
    day_head: ["指标", "实际", "回放均值（p5 – p95）", "落在区间内", "相对误差"],
    yes: "是",
    no: "否",
    charts: "图表",
    by_period: "逐时段",
    period_head: ["时段", "转人工会话", "服务水平 实际 / p5–p95", "放弃率 实际 / p5–p95", "等待 实际 / p5–p95"],
    outside_mark: "（! 表示实际值落在回放的 p5–p95 之外）",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN_WORDS,
        Lang::Zh => &ZH_WORDS,
    }
}

/// How the replay names its simulated band in `lang` (in chart titles).
pub fn replay_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "replay",
        Lang::Zh => "回放",
    }
}

/// The day's figures as rows of text cells; measures by key in English,
/// by the figure's name in Chinese.
fn day_rows(r: &ReplayCheck, lang: Lang) -> Vec<[String; 5]> {
    let w = words(lang);
    r.day
        .iter()
        .map(|d: &DayFigure| {
            let f = fmt(d.measure);
            let name = match lang {
                Lang::En => d.measure,
                Lang::Zh => super::plan_vs_actual::measure_label(d.measure, lang),
            };
            [
                name.to_string(),
                opt(d.actual, f),
                format!("{} ({} – {})", show(d.replay_mean, f), show(d.replay_p5, f), show(d.replay_p95, f)),
                inside(d.inside_band, w).to_string(),
                relative(d.relative_error),
            ]
        })
        .collect()
}

/// The periods: actual against the replay's mean and band, for the service
/// level, the abandonment and the mean wait.
fn period_lines(p: &PlanVsActual, w: &Words, o: &mut String) {
    let idx = |n: &str| p.index(n).expect("a chat measure");
    let cols = [
        idx(fig::OFFERED.name),
        idx(fig::SERVICE_LEVEL.name),
        idx(fig::ABANDON_SHARE.name),
        idx(fig::RESPONSE_MEAN_S.name),
    ];
    let _ = writeln!(
        o,
        "{:<13} {:>8} {:>26} {:>26} {:>24}",
        w.period_head[0], w.period_head[1], w.period_head[2], w.period_head[3], w.period_head[4]
    );
    for row in &p.periods {
        let cell = |i: usize| {
            let c = &row.figures[i];
            let f = fmt(p.measures[i].name);
            let mark = if c.inside_band == Some(false) { "!" } else { " " };
            format!("{} / {}–{}{mark}", opt(c.actual, f), show(c.forecast_p5, f), show(c.forecast_p95, f))
        };
        let offered = opt(row.figures[cols[0]].actual, Fmt::Count);
        let _ = writeln!(
            o,
            "{:<13} {:>8} {:>26} {:>26} {:>24}",
            row.period,
            offered,
            cell(cols[1]),
            cell(cols[2]),
            cell(cols[3])
        );
    }
    let _ = writeln!(o, "{}", w.outside_mark);
}

/// The terminal summary: the verdict, the day, the periods.
pub fn text(r: &ReplayCheck) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "\nThe replay against the day — {}", r.periods.actuals_file);
    let _ = writeln!(o, "{}", r.verdict);
    let _ = writeln!(o, "({})\n", r.staffing);
    let h = EN_WORDS.day_head;
    let _ = writeln!(o, "{:<18}{:>10}{:>30}{:>8}{:>16}", h[0], h[1], h[2], h[3], h[4]);
    for l in day_rows(r, Lang::En) {
        let _ = writeln!(o, "{:<18}{:>10}{:>30}{:>8}{:>16}", l[0], l[1], l[2], l[3], l[4]);
    }
    o.push('\n');
    period_lines(&r.periods, &EN_WORDS, &mut o);
    o
}

/// The day's figures, one row per measure (UTF-8 with a byte-order mark);
/// the periods are in `replay_vs_actual_periods.csv`
/// ([`super::plan_vs_actual::csv`]).
pub fn csv(r: &ReplayCheck) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let head = ["measure", "actual", "replay_mean", "replay_p5", "replay_p95", "inside_band", "relative_error"];
    w.write_record(head).expect("memory");
    let num = |x: Option<f64>| x.map_or_else(String::new, |v| v.to_string());
    for d in &r.day {
        w.write_record([
            d.measure.to_string(),
            num(d.actual),
            d.replay_mean.to_string(),
            d.replay_p5.to_string(),
            d.replay_p95.to_string(),
            d.inside_band.map_or_else(String::new, |b| u8::from(b).to_string()),
            num(d.relative_error),
        ])
        .expect("memory");
    }
    super::csv::finish(w)
}

/// The verdict in `lang`: [`ReplayCheck::verdict`] in English, said again
/// from the same figures in Chinese.
pub fn verdict(r: &ReplayCheck, lang: Lang) -> String {
    match lang {
        Lang::En => r.verdict.clone(),
        Lang::Zh => {
            let head = match r.within {
                Some(w) => format!("该日的回放误差在 {:.1}% 以内", 100.0 * w),
                None => "导出数据无法说明该日的回放误差".into(),
            };
            format!(
                "{head}（服务水平 {}，放弃率 {}，平均等待 {}）；在 {} 个时段中，有 {} 个时段的实际服务水平落在回放的 \
                 p5–p95 区间内。",
                relative(r.day[0].relative_error),
                relative(r.day[1].relative_error),
                relative(r.day[2].relative_error),
                r.service_level_periods,
                r.service_level_periods_inside
            )
        }
    }
}

/// The HTML page in `lang`: the verdict, the day, the charts, the periods.
pub fn html(r: &ReplayCheck, plots: Option<&[Rendered]>, lang: Lang) -> String {
    let p = &r.periods;
    let w = words(lang);
    let mut o = String::new();
    let title = format!("{} — {}", w.title, p.plan.scenario);
    page_head(&mut o, &title, lang);
    let _ = writeln!(
        o,
        "<header>\n<h1>{}</h1>\n<p class=\"sub\">{} · {} {} · {} h · {} replications · seed {}</p>\n</header>",
        escape(&title),
        escape(&p.actuals_file),
        escape(&p.plan.window_start),
        escape(&p.plan.time_zone),
        p.plan.window_h,
        p.plan.replications,
        p.plan.seed
    );
    let _ = writeln!(o, "<section id=\"verdict\">\n<h2>{}</h2>", escape(&verdict(r, lang)));
    let _ = writeln!(o, "<p class=\"sub\">{}</p>\n<table>\n<tr>", escape(&r.staffing));
    for h in w.day_head {
        let _ = write!(o, "<th>{}</th>", escape(h));
    }
    let _ = writeln!(o, "</tr>");
    for l in day_rows(r, lang) {
        let class = if l[3] == w.no { " class=\"bad\"" } else { "" };
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td{class}>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&l[0]),
            escape(&l[1]),
            escape(&l[2]),
            escape(&l[3]),
            escape(&l[4])
        );
    }
    let _ = writeln!(o, "</table>\n</section>");
    if let Some(plots) = plots {
        let _ = writeln!(o, "<section id=\"charts\">\n<h2>{}</h2>", w.charts);
        for c in plots {
            let _ =
                writeln!(o, "<figure id=\"plot-{}\">\n{}\n</figure>", escape(&c.name), inline_svg(&c.svg, &c.title));
        }
        let _ = writeln!(o, "</section>");
    }
    let mut table = String::new();
    period_lines(p, w, &mut table);
    let _ =
        writeln!(o, "<section id=\"by-period\">\n<h2>{}</h2>\n<pre>{}</pre>\n</section>", w.by_period, escape(&table));
    page_foot(&mut o);
    o
}
