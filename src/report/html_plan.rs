//! The parts of an HTML report that every plan shows, whichever command
//! made it (`simulate`, `size`, `compare`): the cost, broken down with
//! intervals, and the staffing and labour of every shift by group.

use super::html::{escape, fill, summary_table, Show};
use super::i18n::Lang;
use super::text::{show, Fmt};
use crate::cost::ShiftLabour;
use crate::figures::{self as fig, Figure};
use crate::result::SimulationReport;
use std::fmt::Write;

/// The cost figures of the breakdown, in reading order.
const COST_FIGURES: [Figure; 12] = [
    fig::TOTAL_CNY,
    fig::LABOUR_CNY,
    fig::LABOUR_AGENTS_CNY,
    fig::LABOUR_PACKERS_CNY,
    fig::LABOUR_PACKER_REPEATS_CNY,
    fig::COURIER_CNY,
    fig::COMPENSATION_CNY,
    fig::LOST_MARGIN_CNY,
    fig::FIXED_CNY,
    fig::TRAINING_CNY,
    fig::PREPACK_MATERIAL_CNY,
    fig::COST_PER_PAID_ORDER_CNY,
];

/// Whole yuan, with thousands separators.
fn cny(x: f64) -> String {
    show(x, Fmt::Count)
}

/// Yuan with two decimals (the cost per order).
fn cny_cents(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.2}")
    } else {
        "—".into()
    }
}

/// The cost section and the staffing by shift of `r`; nothing before the
/// cost is attached.
pub fn cost_and_shifts(o: &mut String, r: &SimulationReport, lang: Lang) {
    let (l, p) = (lang.labels(), lang.pages());
    if r.cost.0.is_empty() {
        return;
    }
    let _ = writeln!(o, "<section class=\"cost\">\n<h2>{}</h2>\n<p class=\"sub\">{}</p>", p.cost, p.cost_note);
    let rows = COST_FIGURES.iter().map(|&f| {
        let show: Show = if f == fig::COST_PER_PAID_ORDER_CNY { cny_cents } else { cny };
        (lang.figure(f), r.cost.get(f), show)
    });
    summary_table(o, l, rows);
    let _ = writeln!(o, "<h3>{}</h3>", p.by_shift);
    let shifts = r.cost_detail.as_ref().map_or(&[][..], |d| d.labour_by_shift.as_slice());
    for (role, heading) in ["agents", "packers"].into_iter().zip(p.roles) {
        let of_role: Vec<&ShiftLabour> = shifts.iter().filter(|s| s.role == role).collect();
        if !of_role.is_empty() {
            let _ = writeln!(o, "<h4>{heading}</h4>");
            shift_table(o, &of_role, lang);
        }
    }
    if let Some(s) = r.cost.get(fig::LABOUR_PACKER_REPEATS_CNY).filter(|s| s.mean > 0.0) {
        let _ = writeln!(o, "<p class=\"sub\">{}</p>", escape(&fill(p.repeats_note, &[("cny", &cny(s.mean))])));
    }
    let _ = writeln!(o, "</section>");
}

/// One role's shifts: per shift its time, paid hours, and per group the
/// people and their labour; a total row.
fn shift_table(o: &mut String, shifts: &[&ShiftLabour], lang: Lang) {
    let p = lang.pages();
    let groups: Vec<&str> = shifts[0].groups.iter().map(|g| g.group.as_str()).collect();
    let _ = write!(o, "<table>\n<tr>");
    for c in p.shift_columns {
        let _ = write!(o, "<th>{c}</th>");
    }
    for g in &groups {
        for c in p.group_columns {
            let _ = write!(o, "<th>{}<br>{c}</th>", escape(g));
        }
    }
    let _ = writeln!(o, "<th>{}</th></tr>", p.shift_total);
    let mut totals = vec![(0u32, 0.0f64); groups.len()];
    for s in shifts {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{} – {}</td><td>{}</td>",
            escape(&s.shift),
            escape(&s.start),
            escape(&s.end),
            super::html::show_num((s.paid_h * 100.0).round() / 100.0)
        );
        for (t, g) in totals.iter_mut().zip(&s.groups) {
            *t = (t.0 + g.headcount, t.1 + g.cost_cny);
            let _ = write!(o, "<td>{}</td><td>{}</td>", g.headcount, cny(g.cost_cny));
        }
        let _ = writeln!(o, "<td>{}</td></tr>", cny(s.cost_cny()));
    }
    let _ = write!(o, "<tr><th>{}</th><th></th><th></th>", p.all_shifts);
    for (n, c) in &totals {
        let _ = write!(o, "<th>{n}</th><th>{}</th>", cny(*c));
    }
    let all = totals.iter().fold(0.0, |acc, t| acc + t.1);
    let _ = writeln!(o, "<th>{}</th></tr>\n</table>", cny(all));
}
