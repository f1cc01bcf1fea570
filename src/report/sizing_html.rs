//! The HTML report of `size`: the answer (does the recommended plan meet
//! the targets, verified how), the recommended plan beside the plan from
//! Erlang formulas, the requirement against the plan, and then the
//! recommended plan simulated, with the same parts as `simulate`'s report
//! (targets, key figures, cost, staffing by shift, charts).

use super::html::{ci_share, escape, figures, fill, key_figures, page_foot, page_head, targets_met, Page};
use super::plots::Rendered;
use super::text::{show, Fmt};
use crate::figures as fig;
use crate::result::SimulationReport;
use crate::sizing::{PlanResult, SizingReport};
use crate::stats::Summary;
use std::fmt::Write;

/// The HTML report of sizing `r`; `plan` is the recommended plan simulated
/// (its charts in `page.plots` after the requirement chart).
pub fn render(r: &SizingReport, plan: &SimulationReport, page: &Page) -> String {
    let (l, p) = (page.lang.labels(), page.lang.pages());
    let mut o = String::new();
    page_head(&mut o, &format!("{} — {}", p.sizing_title, r.run.scenario), page.lang);
    let _ = writeln!(o, "<header>\n<h1>{} — {}</h1>", p.sizing_title, escape(&r.run.scenario));
    super::html::run_line(&mut o, &r.run, l);
    let generated = o.len();
    verdict(&mut o, r, page);
    plans_table(&mut o, r, page);
    let plots = page.plots.unwrap_or(&[]);
    let (requirement, rest): (Vec<&Rendered>, Vec<&Rendered>) =
        plots.iter().partition(|x| x.name == "requirement" || x.name == "packer_requirement");
    if !requirement.is_empty() {
        let _ = writeln!(o, "<h2>{}</h2>", p.requirement);
        figures(&mut o, requirement.into_iter(), l);
    }
    let command = format!("peakplan simulate plan.toml -n {} --seed {}", plan.run.replications, plan.run.seed);
    let _ = writeln!(
        o,
        "<section id=\"plan\">\n<h2>{}</h2>\n<p class=\"sub\">{}</p>",
        p.plan_simulated,
        escape(&fill(p.plan_simulated_note, &[("command", &command)]))
    );
    targets_met(&mut o, plan, l);
    key_figures(&mut o, plan, l, page.lang);
    let _ = writeln!(o, "</section>");
    super::html_plan::cost_and_shifts(&mut o, plan, page.lang);
    super::classes_html::section(&mut o, &plan.kpis, &plan.cost, page.lang);
    let _ = writeln!(o, "<section id=\"charts\">\n<h2>{}</h2>", l.charts);
    match page.plots {
        Some(_) => figures(&mut o, rest.into_iter(), l),
        None => {
            let _ = writeln!(o, "<p>{}</p>", l.no_plots);
        }
    }
    let _ = writeln!(o, "</section>");
    super::html::by_period(&mut o, plan, l);
    if (r.run.period_min - 60.0).abs() > 1e-9 {
        let part = o.split_off(generated);
        o.push_str(&super::i18n::per_period_words(&part));
    }
    page_foot(&mut o);
    o
}

fn verdict(o: &mut String, r: &SizingReport, page: &Page) {
    let (l, p) = (page.lang.labels(), page.lang.pages());
    let plan = &r.plan;
    // The fresh replications are the verdict, as in the text summary: a
    // search that stopped short of its own confidence can still give a
    // plan that meets the targets on them.
    let ok = plan.p_meet_all >= r.targets.confidence;
    let n = plan.p_meet_all_ci95;
    let ci = ci_share(&Summary { ci95_low: Some(n.0), ci95_high: Some(n.1), ..Summary::of(&[plan.p_meet_all]) }, l);
    let detail = fill(
        p.sizing_detail,
        &[
            ("n", &r.run.replications.to_string()),
            ("met", &show(plan.p_meet_all, Fmt::Share)),
            ("ci", &ci),
            ("required", &show(r.targets.confidence, Fmt::Share)),
        ],
    );
    let _ = writeln!(
        o,
        "<section id=\"answer\">\n<h2>{}</h2>\n<div class=\"verdict {}\">\n<p class=\"big\">{} {}</p>\n<p>{}</p>\n</div>\n</section>",
        l.answer,
        if ok { "met" } else { "not-met" },
        if ok { "✔" } else { "✘" },
        match (ok, r.feasible) {
            (true, _) => p.sizing_met,
            (false, true) => l.not_met,
            (false, false) => p.sizing_not_met,
        },
        escape(&detail)
    );
}

/// A cell of a mean with its interval [CNY].
fn cny_cell(s: Option<&Summary>) -> String {
    let Some(s) = s else { return "—".into() };
    match (s.ci95_low, s.ci95_high) {
        (Some(lo), Some(hi)) if hi > lo => {
            format!("{} <small>({} – {})</small>", show(s.mean, Fmt::Count), show(lo, Fmt::Count), show(hi, Fmt::Count))
        }
        _ => show(s.mean, Fmt::Count),
    }
}

fn plans_table(o: &mut String, r: &SizingReport, page: &Page) {
    let (l, p) = (page.lang.labels(), page.lang.pages());
    let _ = write!(o, "<h2>{}</h2>\n<table>\n<tr>", p.plans);
    for c in p.plan_columns {
        let _ = write!(o, "<th>{c}</th>");
    }
    let _ = writeln!(o, "</tr>");
    let plans: [&PlanResult; 2] = [&r.plan, &r.formula_plan];
    for (name, plan) in p.plan_names.iter().zip(plans) {
        let (lo, hi) = plan.p_meet_all_ci95;
        let class = if plan.p_meet_all >= r.targets.confidence { "ok" } else { "bad" };
        let _ = writeln!(
            o,
            "<tr><td>{name}</td><td class=\"{class}\">{} <small>({} {} – {})</small></td><td>{}</td><td>{}</td></tr>",
            show(plan.p_meet_all, Fmt::Share),
            l.ci95_short,
            show(lo, Fmt::Share),
            show(hi, Fmt::Share),
            show(plan.labour_cost_cny, Fmt::Count),
            cny_cell(plan.cost.get(fig::TOTAL_CNY)),
        );
    }
    let _ = writeln!(o, "</table>");
}
