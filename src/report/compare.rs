//! Renderers of a comparison ([`CompareReport`]) and of a sweep
//! ([`SweepReport`]): an 80-column text summary and CSV (UTF-8 with a
//! byte-order mark, one row per scenario or point, so a spreadsheet reads
//! the Chinese names). JSON is [`super::json::render`] of the same structs.

use super::csv::{finish, num, opt};
use super::text::{show, Fmt};
use crate::cost::compare::{CompareReport, Measured, RoleRow, SweepReport};
use crate::figures as fig;
use crate::stats::Summary;
use std::fmt::Write;

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn pct(x: f64) -> String {
    show(x, Fmt::Share)
}

fn cny(x: f64) -> String {
    show(x, Fmt::Count)
}

/// An amount with its sign (`+1,234`, `−1,234`).
fn signed_cny(x: f64) -> String {
    let sign = if x.round() > 0.0 {
        "+"
    } else if x.round() < 0.0 {
        "−"
    } else {
        ""
    };
    format!("{sign}{}", cny(x.abs()))
}

fn mean(m: &Measured, key: &str) -> Option<f64> {
    m.cost.get(key).map(|s| s.mean)
}

fn cost_or_dash(m: &Measured, key: &str) -> String {
    mean(m, key).map_or_else(|| "–".into(), cny)
}

/// A share with its confidence half-width in percentage points, e.g.
/// `89.2% ±1.2`.
fn share_ci(s: Option<&Summary>) -> String {
    match s {
        Some(s) => format!("{} ±{:.1}", pct(s.mean), s.ci95_half_width() * 100.0),
        None => "–".into(),
    }
}

fn mark(chosen: bool) -> &'static str {
    if chosen {
        "*"
    } else {
        " "
    }
}

fn role(o: &mut String, r: Option<&RoleRow>) {
    match r {
        Some(r) => {
            let _ = write!(o, "{:>8}{:>7}{:>9}", r.people, r.temps, cny(r.paid_h));
        }
        None => {
            let _ = write!(o, "{:>8}{:>7}{:>9}", "–", "–", "–");
        }
    }
}

/// The staffing, service and cost blocks, one line per plan labelled by
/// `labels` (at most 17 characters shown).
fn blocks(o: &mut String, labels: &[String], plans: &[(&Measured, bool)]) {
    let name = |i: usize| truncate(&labels[i], 17);
    let _ = writeln!(o, "\nStaffing{:20}agents{:21}packers", "", "");
    let _ = writeln!(
        o,
        "  {:<17}{:>8}{:>7}{:>9}    {:>8}{:>7}{:>9}",
        "", "people", "temps", "paid h", "people", "temps", "paid h"
    );
    for (i, (m, chosen)) in plans.iter().enumerate() {
        let _ = write!(o, "{} {:<17}", mark(*chosen), name(i));
        role(o, Some(&m.staffing.agents));
        let _ = write!(o, "    ");
        role(o, m.staffing.packers.as_ref());
        let _ = writeln!(o);
    }

    let _ = writeln!(
        o,
        "\nService (mean ±95% CI){:>10}{:>14}{:>14}{:>12}",
        "SL",
        fig::ABANDONED.name,
        "within 24 h",
        "P(meet)"
    );
    for (i, (m, chosen)) in plans.iter().enumerate() {
        let verdict = if m.meets { "✓" } else { "✗" };
        let _ = writeln!(
            o,
            "{} {:<17}{:>15}{:>14}{:>14}{:>9} {verdict}",
            mark(*chosen),
            name(i),
            share_ci(m.kpis.get(fig::SERVICE_LEVEL)),
            share_ci(m.kpis.get(fig::ABANDON_SHARE)),
            share_ci(m.kpis.get(fig::DISPATCHED_WITHIN_24H_SHARE)),
            pct(m.p_meet_all),
        );
    }

    let _ = writeln!(
        o,
        "\nCost, means [CNY]{:>10}{:>9}{:>9}{:>9}{:>8}{:>9}{:>9}",
        "labour", "courier", "compens.", "lost mg.", "fixed", "total", "/order"
    );
    for (i, (m, chosen)) in plans.iter().enumerate() {
        let per_order = mean(m, fig::COST_PER_PAID_ORDER_CNY.name).map_or_else(|| "–".into(), |x| format!("{x:.2}"));
        let _ = writeln!(
            o,
            "{} {:<17}{:>8}{:>9}{:>9}{:>9}{:>8}{:>9}{:>9}",
            mark(*chosen),
            name(i),
            cost_or_dash(m, fig::LABOUR_CNY.name),
            cost_or_dash(m, fig::COURIER_CNY.name),
            cost_or_dash(m, fig::COMPENSATION_CNY.name),
            cost_or_dash(m, fig::LOST_MARGIN_CNY.name),
            cost_or_dash(m, fig::FIXED_CNY.name),
            cost_or_dash(m, fig::TOTAL_CNY.name),
            per_order,
        );
    }

    let _ = writeln!(o, "\nTotal cost [CNY]{:>25}{:>23}", "mean [95% CI]", "p5 – p95");
    for (i, (m, chosen)) in plans.iter().enumerate() {
        let Some(t) = m.cost.get(fig::TOTAL_CNY) else { continue };
        let ci = match (t.ci95_low, t.ci95_high) {
            (Some(lo), Some(hi)) => format!("[{} – {}]", cny(lo), cny(hi)),
            _ => String::new(),
        };
        let _ = writeln!(
            o,
            "{} {:<17}{:>9} {:<23}{:>8} – {}",
            mark(*chosen),
            name(i),
            cny(t.mean),
            ci,
            cny(t.p5),
            cny(t.p95)
        );
    }
}

/// The comparison as an 80-column summary.
pub fn text(r: &CompareReport) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "peakplan compare — {} scenarios on common random numbers", r.rows.len());
    if r.paired {
        let _ =
            writeln!(o, "{} replications each (the same customers for every plan), seed {}", r.replications, r.seed);
    } else {
        let _ = writeln!(
            o,
            "{} replications each, seed {}: NOT PAIRED, the scenarios differ in window or traffic,\n\
             so each meets other customers and differences mix plan and demand",
            r.replications, r.seed
        );
    }
    let labels: Vec<String> = r.rows.iter().map(|row| row.scenario.clone()).collect();
    let plans: Vec<(&Measured, bool)> = r.rows.iter().map(|row| (&row.measured, row.chosen)).collect();
    blocks(&mut o, &labels, &plans);

    let _ = writeln!(o);
    match r.rows.iter().find(|row| row.chosen) {
        Some(c) => {
            let _ = writeln!(
                o,
                "* Choice: {} — the cheapest plan meeting all targets in at least",
                truncate(&c.scenario, 30)
            );
            let _ = writeln!(o, "  {} of replications.", pct(c.measured.confidence));
            let _ = writeln!(o, "\nAgainst the choice (paired on the same replications) [CNY]");
            for row in r.rows.iter().filter(|row| !row.chosen) {
                let Some(d) = &row.total_vs_choice_cny else { continue };
                let how = if row.measured.meets {
                    format!("meets the targets too ({})", pct(row.measured.p_meet_all))
                } else if d.mean < 0.0 {
                    format!("cheaper, but misses the targets ({})", pct(row.measured.p_meet_all))
                } else {
                    format!("misses the targets ({})", pct(row.measured.p_meet_all))
                };
                let diff = signed_cny(d.mean);
                let _ = writeln!(
                    o,
                    "  {:<17}{:>9} ±{:<7}{how}",
                    truncate(&row.scenario, 17),
                    diff,
                    cny(d.ci95_half_width())
                );
            }
        }
        None => {
            let _ = writeln!(o, "No scenario meets all targets in the required share of replications:");
            let _ = writeln!(o, "none is chosen.");
        }
    }
    for row in r.rows.iter().filter(|row| !row.measured.over_pools.is_empty()) {
        let _ =
            writeln!(o, "  {} exceeds its pools: {}", truncate(&row.scenario, 30), row.measured.over_pools.join(", "));
    }
    let _ = writeln!(o, "\nSL: service level; P(meet): share of replications meeting all targets,");
    let _ = writeln!(o, "✓ when at least the scenario's confidence. people: fewest who can work the");
    let _ = writeln!(o, "shifts; paid h: packers include shifts repeated after the window.");
    o
}

/// The sweep as an 80-column summary.
pub fn sweep_text(r: &SweepReport) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "peakplan compare --sweep — {}: every headcount × factor", truncate(&r.scenario, 30));
    let _ =
        writeln!(o, "{} replications per point (the same customers for every point), seed {}", r.replications, r.seed);
    let _ = writeln!(
        o,
        "\n  {:<6}{:>7}{:>8}{:>9}{:>8}{:>9}{:>9}{:>10}{:>10}",
        "factor", "agents", "packers", "P(meet)", "SL", "labour", "lost mg.", "total", "p95"
    );
    for p in &r.points {
        let m = &p.measured;
        let sl = m.kpis.get(fig::SERVICE_LEVEL).map_or_else(|| "–".into(), |s| pct(s.mean));
        let verdict = if m.meets { "✓" } else { "✗" };
        let total = m.cost.get(fig::TOTAL_CNY);
        let _ = writeln!(
            o,
            "{} {:<6}{:>7}{:>8}{:>8} {verdict}{:>7}{:>9}{:>9}{:>10}{:>10}",
            mark(p.chosen),
            format!("{:.2}", p.factor),
            m.staffing.agents.people,
            m.staffing.packers.as_ref().map_or_else(|| "–".into(), |r| r.people.to_string()),
            pct(m.p_meet_all),
            sl,
            cost_or_dash(m, fig::LABOUR_CNY.name),
            cost_or_dash(m, fig::LOST_MARGIN_CNY.name),
            total.map_or_else(|| "–".into(), |t| cny(t.mean)),
            total.map_or_else(|| "–".into(), |t| cny(t.p95)),
        );
    }
    let _ = writeln!(o);
    match r.points.iter().find(|p| p.chosen) {
        Some(p) => {
            let _ = writeln!(o, "* Choice: factor {:.2}, the cheapest point meeting all targets in at least", p.factor);
            let _ = writeln!(o, "  {} of replications.", pct(p.measured.confidence));
        }
        None => {
            let _ = writeln!(o, "No point meets all targets in the required share of replications.");
        }
    }
    let _ = writeln!(o, "\nagents, packers: people; costs in CNY, means over replications; p95 of the");
    let _ = writeln!(o, "total across replications; ✓: P(meet) at least the confidence.");
    o
}

/// Names in order of first appearance over all `lists`.
fn union<'a>(lists: impl Iterator<Item = Vec<&'a str>>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for list in lists {
        for name in list {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// Column names and, per plan, the cells of everything a plan measured.
fn measured_cells(plans: &[&Measured]) -> (Vec<String>, Vec<Vec<String>>) {
    let kpis = union(plans.iter().map(|m| m.kpis.0.iter().map(|(k, _)| k.as_str()).collect()));
    let costs = union(plans.iter().map(|m| m.cost.0.iter().map(|(k, _)| k.as_str()).collect()));
    let mut header: Vec<String> =
        ["meets", "p_meet_all", "p_meet_all_ci95_low", "p_meet_all_ci95_high", "confidence"].map(String::from).into();
    for r in ["agents", "packers"] {
        header.extend(["people", "person_shifts", "temps", "paid_h"].map(|c| format!("{r}_{c}")));
    }
    for k in &kpis {
        header.extend(["mean", "ci95_low", "ci95_high"].map(|c| format!("{k}_{c}")));
    }
    for k in &costs {
        header.extend(["mean", "ci95_low", "ci95_high", "p5", "p95"].map(|c| format!("{k}_{c}")));
    }
    let rows = plans
        .iter()
        .map(|m| {
            let mut row = vec![
                m.meets.to_string(),
                num(m.p_meet_all),
                num(m.p_meet_all_ci95.0),
                num(m.p_meet_all_ci95.1),
                num(m.confidence),
            ];
            for r in [Some(&m.staffing.agents), m.staffing.packers.as_ref()] {
                match r {
                    Some(r) => row.extend([
                        r.people.to_string(),
                        r.person_shifts.to_string(),
                        r.temps.to_string(),
                        num(r.paid_h),
                    ]),
                    None => row.extend(std::iter::repeat_n(String::new(), 4)),
                }
            }
            for k in &kpis {
                match m.kpis.get(k) {
                    Some(s) => row.extend([num(s.mean), opt(s.ci95_low), opt(s.ci95_high)]),
                    None => row.extend(std::iter::repeat_n(String::new(), 3)),
                }
            }
            for k in &costs {
                match m.cost.get(k) {
                    Some(s) => row.extend([num(s.mean), opt(s.ci95_low), opt(s.ci95_high), num(s.p5), num(s.p95)]),
                    None => row.extend(std::iter::repeat_n(String::new(), 5)),
                }
            }
            row
        })
        .collect();
    (header, rows)
}

/// One row per scenario: its name, whether it is the choice, the staffing,
/// the key figures with their intervals and the cost figures with their
/// intervals and p5/p95 (amounts in CNY).
pub fn csv(r: &CompareReport) -> String {
    let plans: Vec<&Measured> = r.rows.iter().map(|row| &row.measured).collect();
    let (cols, cells) = measured_cells(&plans);
    let mut header: Vec<String> = ["scenario", "description", "source", "chosen"].map(String::from).into();
    header.extend(cols);
    header.extend(
        ["total_vs_choice_cny_mean", "total_vs_choice_cny_ci95_low", "total_vs_choice_cny_ci95_high"].map(String::from),
    );
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).expect("memory");
    for (row, cells) in r.rows.iter().zip(cells) {
        let mut rec = vec![row.scenario.clone(), row.description.clone(), row.source.clone(), row.chosen.to_string()];
        rec.extend(cells);
        match &row.total_vs_choice_cny {
            Some(d) => rec.extend([num(d.mean), opt(d.ci95_low), opt(d.ci95_high)]),
            None => rec.extend(std::iter::repeat_n(String::new(), 3)),
        }
        w.write_record(&rec).expect("memory");
    }
    finish(w)
}

/// One row per point of a sweep: the factor, whether it is the choice, then
/// the same columns as [`csv`].
pub fn sweep_csv(r: &SweepReport) -> String {
    let plans: Vec<&Measured> = r.points.iter().map(|p| &p.measured).collect();
    let (cols, cells) = measured_cells(&plans);
    let mut header: Vec<String> = ["scenario", "factor", "chosen"].map(String::from).into();
    header.extend(cols);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).expect("memory");
    for (p, cells) in r.points.iter().zip(cells) {
        let mut rec = vec![r.scenario.clone(), num(p.factor), p.chosen.to_string()];
        rec.extend(cells);
        w.write_record(&rec).expect("memory");
    }
    finish(w)
}
