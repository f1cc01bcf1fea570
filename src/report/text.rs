//! The terminal summary: fits an 80-column terminal; figures are means with
//! 95% confidence intervals, and p5–p95 across replications.

use crate::result::SimulationReport;
use crate::stats::Summary;
use std::fmt::Write;

/// How a figure is shown.
#[derive(Clone, Copy)]
pub(crate) enum Fmt {
    /// A whole number with thousands separators.
    Count,
    /// A share as a percentage with one decimal.
    Share,
    /// Seconds with one decimal.
    Seconds,
    /// Hours with one decimal.
    Hours,
    /// An amount with two decimals.
    Decimal,
}

/// `x` written as `f` says; a figure that is not defined (NaN: no
/// replication defines it) is written `—`.
pub(crate) fn show(x: f64, f: Fmt) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    match f {
        Fmt::Count => {
            let s = format!("{:.0}", x);
            let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(c);
            }
            format!("{sign}{out}")
        }
        Fmt::Share => format!("{:.1}%", x * 100.0),
        Fmt::Seconds => format!("{:.1} s", x),
        Fmt::Hours => format!("{:.1} h", x),
        Fmt::Decimal => format!("{:.2}", x),
    }
}

fn line(out: &mut String, label: &str, s: &Summary, f: Fmt) {
    let ci = match (s.ci95_low, s.ci95_high) {
        (Some(lo), Some(hi)) => format!("[{} – {}]", show(lo, f), show(hi, f)),
        _ => String::new(),
    };
    let _ = writeln!(out, "  {label:<16}{:>10} {ci:<25}{:>10} – {}", show(s.mean, f), show(s.p5, f), show(s.p95, f));
}

/// The summary of a simulation run.
pub fn render(r: &SimulationReport) -> String {
    let mut o = String::new();
    let run = &r.run;
    let _ = writeln!(o, "peakplan simulate — {}", run.scenario);
    if !run.description.is_empty() {
        let _ = writeln!(o, "{}", run.description);
    }
    let _ = writeln!(
        o,
        "Window {} {} for {} h; {} replications, seed {}",
        run.window_start, run.time_zone, run.window_h, run.replications, run.seed
    );
    let _ = writeln!(o, "\nChats{:>35}{:>27}", "mean [95% CI]", "p5 – p95");
    let rows: [(&str, &str, Fmt); 15] = [
        ("inquiries", "inquiries", Fmt::Count),
        ("deflected", "deflected", Fmt::Count),
        ("offered to agents", "offered", Fmt::Count),
        ("answered", "answered", Fmt::Count),
        ("abandoned", "abandoned", Fmt::Count),
        ("service level", "service_level", Fmt::Share),
        ("abandonment", "abandon_share", Fmt::Share),
        ("response mean", "response_mean_s", Fmt::Seconds),
        ("response p50", "response_p50_s", Fmt::Seconds),
        ("response p80", "response_p80_s", Fmt::Seconds),
        ("response p90", "response_p90_s", Fmt::Seconds),
        ("response p95", "response_p95_s", Fmt::Seconds),
        ("response p99", "response_p99_s", Fmt::Seconds),
        ("occupancy", "occupancy", Fmt::Share),
        ("agent hours", "agent_hours", Fmt::Count),
    ];
    for (label, key, f) in rows {
        if let Some(s) = r.kpi(key) {
            line(&mut o, label, s, f);
        }
    }
    super::availability_text::section(r, &mut o);
    let t = &r.targets;
    let _ = writeln!(
        o,
        "\nTargets: service level ≥ {} within {} s in every hour, abandonment ≤ {}",
        show(t.service_level, Fmt::Share),
        t.response_within_s,
        show(t.abandon_max, Fmt::Share)
    );
    let met = r.kpi("meets_all_targets").map_or(0.0, |s| s.mean);
    let below = r.kpi("periods_below_service_level").map_or(0.0, |s| s.mean);
    let verdict = if met >= t.confidence { "MET" } else { "NOT MET" };
    let _ = writeln!(
        o,
        "  all targets met in {} of replications (required {}): {verdict}",
        show(met, Fmt::Share),
        show(t.confidence, Fmt::Share)
    );
    let _ = writeln!(o, "  hours below the service-level target: {below:.1} on average");
    let _ = writeln!(
        o,
        "\n{:<12}{:>7}{:>8}{:>7}{:>6}{:>5}{:>8}{:>8}{:>7}{:>6}",
        "hour", "inq", "offered", "agents", "avail", "occ", "SL", "SL p5", "aband", "queue"
    );
    let get = |k: &str| r.per_period.get(k);
    let (Some(inq), Some(off), Some(ag), Some(av), Some(occ), Some(sl), Some(ab), Some(qm)) = (
        get("inquiries"),
        get("offered"),
        get("agents_on_duty"),
        get("agents_available"),
        get("occupancy"),
        get("service_level"),
        get("abandon_share"),
        get("queue_mean"),
    ) else {
        return o;
    };
    for (i, label) in r.periods.iter().enumerate() {
        let flag = if sl[i].mean < t.service_level { " <" } else { "" };
        let _ = writeln!(
            o,
            "{label:<12}{:>7.0}{:>8.0}{:>7.1}{:>6.1}{:>5.0}{:>8}{:>8}{:>7}{:>6.1}{flag}",
            inq[i].mean,
            off[i].mean,
            ag[i].mean,
            av[i].mean,
            occ[i].mean * 100.0,
            show(sl[i].mean, Fmt::Share),
            show(sl[i].p5, Fmt::Share),
            show(ab[i].mean, Fmt::Share),
            qm[i].mean,
        );
    }
    let _ = writeln!(o, "(agents: paid, on duty; avail: present and not on a break; SL: service level,\n mean and p5 over replications; <: hour below target)");
    dispatch(r, &mut o);
    cost(r, &mut o);
    o
}

/// The "Cost" block: the cost breakdown across replications and the
/// staffing it pays for.
pub(crate) fn cost(r: &SimulationReport, o: &mut String) {
    let c = &r.cost;
    if c.get("total_cny").is_none() {
        return;
    }
    let _ = writeln!(o, "\nCost [CNY]{:>30}{:>27}", "mean [95% CI]", "p5 – p95");
    let rows: [(&str, &str, Fmt); 12] = [
        ("total", "total_cny", Fmt::Count),
        ("labour", "labour_cny", Fmt::Count),
        ("  agents", "labour_agents_cny", Fmt::Count),
        ("  packers", "labour_packers_cny", Fmt::Count),
        ("courier", "courier_cny", Fmt::Count),
        ("compensation", "compensation_cny", Fmt::Count),
        ("lost margin", "lost_margin_cny", Fmt::Count),
        ("  lost orders", "lost_orders", Fmt::Count),
        ("fixed", "fixed_cny", Fmt::Count),
        ("  training", "training_cny", Fmt::Count),
        ("  pre-pack mat.", "prepack_material_cny", Fmt::Count),
        ("per paid order", "cost_per_paid_order_cny", Fmt::Decimal),
    ];
    for (label, key, f) in rows {
        if let Some(s) = c.get(key) {
            line(o, label, s, f);
        }
    }
    let mean = |k: &str| c.get(k).map_or(0.0, |s| s.mean);
    let _ = writeln!(o, "\nStaffing{:>16}{:>15}{:>10}", "people", "person-shifts", "paid h");
    for (label, role) in [("agents", "agent"), ("packers", "packer")] {
        if c.get(&format!("{role}_people")).is_some() {
            let _ = writeln!(
                o,
                "  {label:<14}{:>8}{:>15}{:>10}",
                show(mean(&format!("{role}_people")), Fmt::Count),
                show(mean(&format!("{role}_person_shifts")), Fmt::Count),
                show(mean(&format!("{role}_paid_h")), Fmt::Count)
            );
        }
    }
    let _ = writeln!(
        o,
        "(people: fewest who can work the shifts; {} temporary workers trained",
        show(mean("temps_trained"), Fmt::Count)
    );
    if c.get("packer_shift_repeats").is_some() {
        let _ = writeln!(
            o,
            " once each; packers' paid h include {:.1} shifts repeated after the window)",
            mean("packer_shift_repeats")
        );
    } else {
        let _ = writeln!(o, " once each)");
    }
}

/// The "Orders and dispatch" block, when the scenario has a dispatch side.
fn dispatch(r: &SimulationReport, o: &mut String) {
    if r.kpi("orders_placed").is_none() {
        return;
    }
    let _ = writeln!(o, "\nOrders and dispatch{:>21}{:>27}", "mean [95% CI]", "p5 – p95");
    let rows: [(&str, &str, Fmt); 11] = [
        ("orders placed", "orders_placed", Fmt::Count),
        ("paid at once", "orders_paid_at_once", Fmt::Count),
        ("reminded", "orders_reminded", Fmt::Count),
        ("paid on reminder", "orders_recovered_by_reminder", Fmt::Count),
        ("paid", "orders_paid", Fmt::Count),
        ("packed", "orders_packed", Fmt::Count),
        ("dispatched", "orders_dispatched", Fmt::Count),
        ("undispatched", "orders_undispatched", Fmt::Count),
        ("lead mean", "dispatch_lead_mean_h", Fmt::Hours),
        ("lead p95", "dispatch_lead_p95_h", Fmt::Hours),
        ("within 24 h", "dispatched_within_24h_share", Fmt::Share),
    ];
    for (label, key, f) in rows {
        if let Some(s) = r.kpi(key) {
            line(o, label, s, f);
        }
    }
    let promise = format!("within {} h", r.targets.promise_h);
    let rows: [(&str, &str, Fmt); 8] = [
        (&promise, "dispatched_within_promise_share", Fmt::Share),
        ("late orders", "late_orders", Fmt::Count),
        ("late value CNY", "late_value_cny", Fmt::Count),
        ("compensation CNY", "late_compensation_cny", Fmt::Count),
        ("backlog max", "pack_backlog_max", Fmt::Count),
        ("staging max", "staging_max", Fmt::Count),
        ("staging overflow", "staging_overflow_max", Fmt::Count),
        ("packer util.", "packer_utilisation", Fmt::Share),
    ];
    for (label, key, f) in rows {
        if let Some(s) = r.kpi(key) {
            line(o, label, s, f);
        }
    }
    let _ = writeln!(o, "Dispatched per carrier");
    for (name, s) in r.kpis.0.iter().filter(|(k, _)| k.starts_with("dispatched_via_")) {
        let label: String = name["dispatched_via_".len()..].chars().take(16).collect();
        line(o, &label, s, Fmt::Count);
    }
    let met = r.kpi("meets_dispatch_target").map_or(0.0, |s| s.mean);
    let _ = writeln!(
        o,
        "\nTarget: {} of paid orders handed to a courier within 24 h; met in {}",
        show(r.targets.dispatch_24h_min, Fmt::Share),
        show(met, Fmt::Share)
    );
    let _ = writeln!(o, "  of replications. Lead time: payment to hand-over. Means over replications.");
    let get = |k: &str| r.per_period.get(k);
    let (Some(paid), Some(packed), Some(bl), Some(blx), Some(pk), Some(ut), Some(st), Some(stx), Some(di)) = (
        get("orders_paid"),
        get("orders_packed"),
        get("pack_backlog_mean"),
        get("pack_backlog_max"),
        get("packers_on_duty"),
        get("packer_utilisation"),
        get("staging_mean"),
        get("staging_max"),
        get("orders_dispatched"),
    ) else {
        return;
    };
    let _ = writeln!(
        o,
        "\n{:<12}{:>7}{:>7}{:>8}{:>7}{:>8}{:>6}{:>8}{:>7}{:>7}",
        "hour", "paid", "packed", "backlog", "max", "packers", "util", "staging", "max", "disp"
    );
    for (i, label) in r.periods.iter().enumerate() {
        let _ = writeln!(
            o,
            "{label:<12}{:>7.0}{:>7.0}{:>8.0}{:>7.0}{:>8.1}{:>6.0}{:>8.0}{:>7.0}{:>7.0}",
            paid[i].mean,
            packed[i].mean,
            bl[i].mean,
            blx[i].mean,
            pk[i].mean,
            ut[i].mean * 100.0,
            st[i].mean,
            stx[i].mean,
            di[i].mean,
        );
    }
    let _ = writeln!(o, "(backlog: paid, not yet packed; staging: packed, not yet picked up; util in %)");
}
