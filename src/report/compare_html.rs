//! The HTML report of `compare`: the scenarios side by side (the chance of
//! meeting all targets, the cost with intervals, staffing, the difference
//! to the choice), the cost chart, and for every scenario the parts every
//! plan's report shows: the cost, staffing and labour by shift, and its
//! charts (total cost, dispatch lead time, agents and packers per period).
//! `compare --sweep` has a page of its own: the points side by side and the
//! cost and P(meet) charts against the headcount factor.

use super::html::{escape, figures, fill, page_foot, page_head, Page};
use super::plots::{Plot, Rendered};
use super::text::{show, Fmt};
use crate::cost::compare::{CompareReport, Measured, SweepReport};
use crate::figures as fig;
use crate::result::SimulationReport;
use crate::stats::Summary;
use std::fmt::Write;

/// The charts shown for each scenario, by their `simulate` names.
pub const PLAN_CHARTS: [&str; 4] = ["total_cost", "dispatch_lead_time", "agents", "packers"];

/// The file stem of scenario `i`'s chart `name` (`plan1-total_cost`, ...).
pub fn plan_chart_name(i: usize, name: &str) -> String {
    format!("plan{}-{name}", i + 1)
}

/// The charts of each scenario's report in [`PLAN_CHARTS`], named with
/// [`plan_chart_name`].
pub fn plan_plots(reports: &[SimulationReport], lang: super::i18n::Lang) -> Vec<Plot> {
    let mut out = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        for p in super::plots::simulation::plots(r, lang) {
            if PLAN_CHARTS.contains(&p.name.as_str()) {
                out.push(Plot { name: plan_chart_name(i, &p.name), chart: p.chart });
            }
        }
    }
    out
}

fn cny_ci(s: Option<&Summary>, fmt: Fmt) -> String {
    let Some(s) = s else { return "—".into() };
    match (s.ci95_low, s.ci95_high) {
        (Some(lo), Some(hi)) if hi > lo => {
            format!("{} <small>({} – {})</small>", show(s.mean, fmt), show(lo, fmt), show(hi, fmt))
        }
        _ => show(s.mean, fmt),
    }
}

/// The HTML report of comparison `r`; `reports[i]` is row `i` simulated.
pub fn render(r: &CompareReport, reports: &[SimulationReport], page: &Page) -> String {
    let (l, p) = (page.lang.labels(), page.lang.pages());
    let mut o = String::new();
    page_head(&mut o, p.compare_title, page.lang);
    let run = fill(p.compare_run, &[("n", &r.replications.to_string()), ("seed", &r.seed.to_string())]);
    let _ = writeln!(o, "<header>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n</header>", p.compare_title, escape(&run));
    let generated = o.len();
    let paired = if r.paired { p.paired } else { p.not_paired };
    let choice = match &r.choice {
        Some(name) => fill(p.chosen, &[("name", name)]),
        None => p.none_chosen.to_string(),
    };
    let class = if r.choice.is_some() { "met" } else { "not-met" };
    let _ = writeln!(
        o,
        "<section id=\"answer\">\n<h2>{}</h2>\n<div class=\"verdict {class}\">\n<p class=\"big\">{}</p>\n<p>{}</p>\n</div>",
        l.answer,
        escape(&choice),
        paired
    );
    table(&mut o, r, page);
    let _ = writeln!(o, "</section>");
    let plots: &[Rendered] = page.plots.unwrap_or(&[]);
    figures(&mut o, plots.iter().filter(|x| x.name == "compare_cost"), l);
    for (i, (row, report)) in r.rows.iter().zip(reports).enumerate() {
        let _ = writeln!(o, "<section id=\"plan{}\">\n<h2>{}</h2>", i + 1, escape(&row.scenario));
        if !row.description.is_empty() {
            let _ = writeln!(o, "<p class=\"sub\">{}</p>", escape(&row.description));
        }
        let _ = writeln!(o, "</section>");
        super::html_plan::cost_and_shifts(&mut o, report, page.lang);
        let prefix = plan_chart_name(i, "");
        figures(&mut o, plots.iter().filter(|x| x.name.starts_with(&prefix)), l);
    }
    if plots.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", l.no_plots);
    }
    if reports.first().is_some_and(|x| (x.run.period_min - 60.0).abs() > 1e-9) {
        let part = o.split_off(generated);
        o.push_str(&super::i18n::per_period_words(&part));
    }
    page_foot(&mut o);
    o
}

/// One plan's row: its name (marked when chosen), P(meet all) with its
/// interval, total and labour cost, cost per paid order, people, and the
/// difference to the choice.
fn row(o: &mut String, page: &Page, name: &str, m: &Measured, chosen: bool, vs: Option<&Summary>) {
    let (l, p) = (page.lang.labels(), page.lang.pages());
    let (lo, hi) = m.p_meet_all_ci95;
    let class = if m.meets { "ok" } else { "bad" };
    let mark = if chosen { format!(" <strong>({})</strong>", p.choice_mark) } else { String::new() };
    let _ = writeln!(
        o,
        "<tr><td>{}{mark}</td><td class=\"{class}\">{} <small>({} {} – {})</small></td><td>{}</td><td>{}</td>\
         <td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        escape(name),
        show(m.p_meet_all, Fmt::Share),
        l.ci95_short,
        show(lo, Fmt::Share),
        show(hi, Fmt::Share),
        cny_ci(m.cost.get(fig::TOTAL_CNY), Fmt::Count),
        cny_ci(m.cost.get(fig::LABOUR_CNY), Fmt::Count),
        m.cost.get(fig::COST_PER_PAID_ORDER_CNY).map_or("—".into(), |s| format!("{:.2}", s.mean)),
        m.staffing.agents.people,
        m.staffing.packers.as_ref().map_or("—".into(), |x| x.people.to_string()),
        vs.filter(|_| !chosen).map_or("—".into(), |d| cny_ci(Some(d), Fmt::Count)),
    );
}

/// The header row of the plans' table, its first column `first`.
fn header(o: &mut String, page: &Page, first: &str) {
    let _ = write!(o, "<table>\n<tr><th>{first}</th>");
    for c in &page.lang.pages().compare_columns[1..] {
        let _ = write!(o, "<th>{c}</th>");
    }
    let _ = writeln!(o, "</tr>");
}

fn table(o: &mut String, r: &CompareReport, page: &Page) {
    header(o, page, page.lang.pages().compare_columns[0]);
    for x in &r.rows {
        row(o, page, &x.scenario, &x.measured, x.chosen, x.total_vs_choice_cny.as_ref());
    }
    let _ = writeln!(o, "</table>");
}

/// The HTML report of sweep `r`: the points side by side (the difference
/// to the choice paired on the common replications) and the sweep's charts.
pub fn render_sweep(r: &SweepReport, page: &Page) -> String {
    let (l, p) = (page.lang.labels(), page.lang.pages());
    let mut o = String::new();
    let title = format!("{} — {}", p.sweep_title, r.scenario);
    page_head(&mut o, &title, page.lang);
    let run = fill(p.compare_run, &[("n", &r.replications.to_string()), ("seed", &r.seed.to_string())]);
    let _ = writeln!(o, "<header>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n</header>", escape(&title), escape(&run));
    let chosen = r.points.iter().find(|x| x.chosen);
    let verdict = match chosen {
        Some(c) => fill(p.sweep_chosen, &[("factor", &super::html::show_num(c.factor))]),
        None => p.none_chosen.to_string(),
    };
    let class = if chosen.is_some() { "met" } else { "not-met" };
    let _ = writeln!(
        o,
        "<section id=\"answer\">\n<h2>{}</h2>\n<div class=\"verdict {class}\">\n<p class=\"big\">{}</p>\n<p>{}</p>\n</div>",
        l.answer,
        escape(&verdict),
        p.paired
    );
    header(&mut o, page, p.factor);
    for x in &r.points {
        let vs = chosen.map(|c| x.measured.minus(&c.measured));
        row(&mut o, page, &super::html::show_num(x.factor), &x.measured, x.chosen, vs.as_ref());
    }
    let _ = writeln!(o, "</table>\n</section>");
    match page.plots {
        Some(plots) => figures(&mut o, plots.iter(), l),
        None => {
            let _ = writeln!(o, "<p>{}</p>", l.no_plots);
        }
    }
    page_foot(&mut o);
    o
}
