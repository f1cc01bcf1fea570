//! Renderers of a replay held against the day it replays: the terminal
//! summary, the CSV of the day's figures and the HTML page (the verdict,
//! the day, the charts of the actual line over the replay's band, and the
//! periods).

use super::html::{escape, inline_svg, page_foot, page_head};
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

fn inside(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "—",
    }
}

fn relative(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |e| format!("{:+.1}%", 100.0 * e))
}

/// The day's figures as rows of text cells.
fn day_rows(r: &ReplayCheck) -> Vec<[String; 5]> {
    r.day
        .iter()
        .map(|d: &DayFigure| {
            let f = fmt(d.measure);
            [
                d.measure.to_string(),
                opt(d.actual, f),
                format!("{} ({} – {})", show(d.replay_mean, f), show(d.replay_p5, f), show(d.replay_p95, f)),
                inside(d.inside_band).to_string(),
                relative(d.relative_error),
            ]
        })
        .collect()
}

const DAY_HEAD: [&str; 5] = ["measure", "actual", "replay mean (p5 – p95)", "inside", "relative error"];

/// The periods: actual against the replay's mean and band, for the service
/// level, the abandonment and the mean wait.
fn period_lines(p: &PlanVsActual, o: &mut String) {
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
        "period",
        fig::OFFERED.name,
        "SL actual / replay p5–p95",
        "abandon actual / p5–p95",
        "wait actual / p5–p95"
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
    let _ = writeln!(o, "(! marks an actual outside the replay's p5–p95)");
}

/// The terminal summary: the verdict, the day, the periods.
pub fn text(r: &ReplayCheck) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "\nThe replay against the day — {}", r.periods.actuals_file);
    let _ = writeln!(o, "{}", r.verdict);
    let _ = writeln!(o, "({})\n", r.staffing);
    let _ =
        writeln!(o, "{:<18}{:>10}{:>30}{:>8}{:>16}", DAY_HEAD[0], DAY_HEAD[1], DAY_HEAD[2], DAY_HEAD[3], DAY_HEAD[4]);
    for l in day_rows(r) {
        let _ = writeln!(o, "{:<18}{:>10}{:>30}{:>8}{:>16}", l[0], l[1], l[2], l[3], l[4]);
    }
    o.push('\n');
    period_lines(&r.periods, &mut o);
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

/// The HTML page: the verdict, the day, the charts, the periods.
pub fn html(r: &ReplayCheck, plots: Option<&[Rendered]>) -> String {
    let p = &r.periods;
    let mut o = String::new();
    let title = format!("Replay against the actual day — {}", p.plan.scenario);
    page_head(&mut o, &title, super::i18n::Lang::En);
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
    let _ = writeln!(o, "<section id=\"verdict\">\n<h2>{}</h2>", escape(&r.verdict));
    let _ = writeln!(o, "<p class=\"sub\">{}</p>\n<table>\n<tr>", escape(&r.staffing));
    for h in DAY_HEAD {
        let _ = write!(o, "<th>{h}</th>");
    }
    let _ = writeln!(o, "</tr>");
    for l in day_rows(r) {
        let class = if l[3] == "no" { " class=\"bad\"" } else { "" };
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
        let _ = writeln!(o, "<section id=\"charts\">\n<h2>Charts</h2>");
        for c in plots {
            let _ =
                writeln!(o, "<figure id=\"plot-{}\">\n{}\n</figure>", escape(&c.name), inline_svg(&c.svg, &c.title));
        }
        let _ = writeln!(o, "</section>");
    }
    let mut table = String::new();
    period_lines(p, &mut table);
    let _ =
        writeln!(o, "<section id=\"by-period\">\n<h2>Period by period</h2>\n<pre>{}</pre>\n</section>", escape(&table));
    page_foot(&mut o);
    o
}
