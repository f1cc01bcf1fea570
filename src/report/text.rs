//! The terminal summary: fits an 80-column terminal; figures are means with
//! 95% confidence intervals, and p5–p95 across replications.

use crate::figures::{self as fig, Figure};
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
    let rows: [(&str, Figure, Fmt); 15] = [
        (fig::INQUIRIES.name, fig::INQUIRIES, Fmt::Count),
        (fig::DEFLECTED.name, fig::DEFLECTED, Fmt::Count),
        ("offered to agents", fig::OFFERED, Fmt::Count),
        (fig::ANSWERED.name, fig::ANSWERED, Fmt::Count),
        (fig::ABANDONED.name, fig::ABANDONED, Fmt::Count),
        ("service level", fig::SERVICE_LEVEL, Fmt::Share),
        ("abandonment", fig::ABANDON_SHARE, Fmt::Share),
        ("response mean", fig::RESPONSE_MEAN_S, Fmt::Seconds),
        ("response p50", fig::RESPONSE_P50_S, Fmt::Seconds),
        ("response p80", fig::RESPONSE_P80_S, Fmt::Seconds),
        ("response p90", fig::RESPONSE_P90_S, Fmt::Seconds),
        ("response p95", fig::RESPONSE_P95_S, Fmt::Seconds),
        ("response p99", fig::RESPONSE_P99_S, Fmt::Seconds),
        (fig::OCCUPANCY.name, fig::OCCUPANCY, Fmt::Share),
        ("agent hours", fig::AGENT_HOURS, Fmt::Count),
    ];
    for (label, key, f) in rows {
        if let Some(s) = r.kpi(key) {
            line(&mut o, label, s, f);
        }
    }
    super::classes_text::section(r, &mut o);
    super::availability_text::section(r, &mut o);
    let (t, u) = (&r.targets, super::sizing_text::period_word(r.run.period_min));
    let _ = writeln!(
        o,
        "\nTargets: service level ≥ {} within {} s {}, abandonment ≤ {}",
        show(t.service_level, Fmt::Share),
        t.response_within_s,
        match t.service_level_scope {
            crate::targets::ServiceLevelScope::EveryPeriodJointly => format!("in every {u}"),
            _ => t.scope_words(u),
        },
        show(t.abandon_max, Fmt::Share)
    );
    if r.kpi(fig::MEETS_DISPATCH_TARGET).is_some() {
        let _ = writeln!(o, "  paid orders dispatched within 24 h ≥ {}", show(t.dispatch_24h_min, Fmt::Share));
    }
    let met = r.kpi(fig::MEETS_ALL_TARGETS).map_or(0.0, |s| s.mean);
    let below = r.kpi(fig::PERIODS_BELOW_SERVICE_LEVEL).map_or(0.0, |s| s.mean);
    let verdict = if met >= t.confidence { "MET" } else { "NOT MET" };
    let _ = writeln!(
        o,
        "  all targets met in {} of replications (required {}): {verdict}",
        show(met, Fmt::Share),
        show(t.confidence, Fmt::Share)
    );
    let _ = writeln!(o, "  {u}s below the service-level target: {below:.1} on average");
    hours_table(r, &mut o);
    dispatch(r, &mut o);
    cost(r, &mut o);
    o
}

/// The per-hour table of the chat stage.
fn hours_table(r: &SimulationReport, o: &mut String) {
    let u = super::sizing_text::period_word(r.run.period_min);
    let _ = writeln!(
        o,
        "\n{:<12}{:>7}{:>8}{:>7}{:>6}{:>5}{:>8}{:>8}{:>7}{:>6}",
        u,
        "inq",
        fig::OFFERED.name,
        "agents",
        "avail",
        "occ",
        "SL",
        "SL p5",
        "aband",
        "queue"
    );
    let get = |f: Figure| r.series(f);
    let (Some(inq), Some(off), Some(ag), Some(av), Some(occ), Some(sl), Some(ab), Some(qm)) = (
        get(fig::INQUIRIES),
        get(fig::OFFERED),
        get(fig::AGENTS_ON_DUTY),
        get(fig::AGENTS_AVAILABLE),
        get(fig::OCCUPANCY),
        get(fig::SERVICE_LEVEL),
        get(fig::ABANDON_SHARE),
        get(fig::QUEUE_MEAN),
    ) else {
        return;
    };
    for (i, label) in r.periods.iter().enumerate() {
        let flag = if !r.targets.service_level_met(sl[i].mean) { " <" } else { "" };
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
    let _ = writeln!(o, "(agents: paid, on duty; avail: present and not on a break; SL: service level,\n mean and p5 over replications; <: {u} below target)");
}

/// The "Cost" block: the cost breakdown across replications and the
/// staffing it pays for.
pub(crate) fn cost(r: &SimulationReport, o: &mut String) {
    let c = &r.cost;
    if c.get(fig::TOTAL_CNY).is_none() {
        return;
    }
    let _ = writeln!(o, "\nCost [CNY]{:>30}{:>27}", "mean [95% CI]", "p5 – p95");
    let rows: [(&str, Figure, Fmt); 13] = [
        ("total", fig::TOTAL_CNY, Fmt::Count),
        ("labour", fig::LABOUR_CNY, Fmt::Count),
        ("  agents", fig::LABOUR_AGENTS_CNY, Fmt::Count),
        ("  packers", fig::LABOUR_PACKERS_CNY, Fmt::Count),
        ("    after window", fig::LABOUR_PACKER_REPEATS_CNY, Fmt::Count),
        ("courier", fig::COURIER_CNY, Fmt::Count),
        ("compensation", fig::COMPENSATION_CNY, Fmt::Count),
        ("lost margin", fig::LOST_MARGIN_CNY, Fmt::Count),
        ("  lost orders", fig::LOST_ORDERS, Fmt::Count),
        ("fixed", fig::FIXED_CNY, Fmt::Count),
        ("  training", fig::TRAINING_CNY, Fmt::Count),
        ("  pre-pack mat.", fig::PREPACK_MATERIAL_CNY, Fmt::Count),
        ("per paid order", fig::COST_PER_PAID_ORDER_CNY, Fmt::Decimal),
    ];
    for (label, key, f) in rows {
        if let Some(s) = c.get(key) {
            line(o, label, s, f);
        }
    }
    let mean = |f: Figure| c.get(f).map_or(0.0, |s| s.mean);
    let _ = writeln!(o, "\nStaffing{:>16}{:>15}{:>10}", "people", "person-shifts", "paid h");
    let roles = [
        ("agents", fig::AGENT_PEOPLE, fig::AGENT_PERSON_SHIFTS, fig::AGENT_PAID_H),
        ("packers", fig::PACKER_PEOPLE, fig::PACKER_PERSON_SHIFTS, fig::PACKER_PAID_H),
    ];
    for (label, people, shifts, paid_h) in roles {
        if c.get(people).is_some() {
            let _ = writeln!(
                o,
                "  {label:<14}{:>8}{:>15}{:>10}",
                show(mean(people), Fmt::Count),
                show(mean(shifts), Fmt::Count),
                show(mean(paid_h), Fmt::Count)
            );
        }
    }
    let _ = writeln!(
        o,
        "(people: fewest who can work the shifts; {} temporary workers trained",
        show(mean(fig::TEMPS_TRAINED), Fmt::Count)
    );
    if c.get(fig::PACKER_SHIFT_REPEATS).is_some() {
        let _ = writeln!(
            o,
            " once each; packers' paid h include {:.1} shifts repeated after the window)",
            mean(fig::PACKER_SHIFT_REPEATS)
        );
    } else {
        let _ = writeln!(o, " once each)");
    }
}

/// The "Orders and dispatch" block, when the scenario has a dispatch side.
fn dispatch(r: &SimulationReport, o: &mut String) {
    if r.kpi(fig::ORDERS_PLACED).is_none() {
        return;
    }
    let _ = writeln!(o, "\nOrders and dispatch{:>21}{:>27}", "mean [95% CI]", "p5 – p95");
    let rows: [(&str, Figure, Fmt); 11] = [
        ("orders placed", fig::ORDERS_PLACED, Fmt::Count),
        ("paid at once", fig::ORDERS_PAID_AT_ONCE, Fmt::Count),
        ("reminded", fig::ORDERS_REMINDED, Fmt::Count),
        ("paid on reminder", fig::ORDERS_RECOVERED_BY_REMINDER, Fmt::Count),
        ("paid", fig::ORDERS_PAID, Fmt::Count),
        ("packed", fig::ORDERS_PACKED, Fmt::Count),
        ("dispatched", fig::ORDERS_DISPATCHED, Fmt::Count),
        ("undispatched", fig::ORDERS_UNDISPATCHED, Fmt::Count),
        ("lead mean", fig::DISPATCH_LEAD_MEAN_H, Fmt::Hours),
        ("lead p95", fig::DISPATCH_LEAD_P95_H, Fmt::Hours),
        ("within 24 h", fig::DISPATCHED_WITHIN_24H_SHARE, Fmt::Share),
    ];
    for (label, key, f) in rows {
        if let Some(s) = r.kpi(key) {
            line(o, label, s, f);
        }
    }
    let promise = format!("within {} h", r.targets.promise_h);
    let rows: [(&str, Figure, Fmt); 8] = [
        (&promise, fig::DISPATCHED_WITHIN_PROMISE_SHARE, Fmt::Share),
        ("late orders", fig::LATE_ORDERS, Fmt::Count),
        ("late value CNY", fig::LATE_VALUE_CNY, Fmt::Count),
        ("compensation CNY", fig::LATE_COMPENSATION_CNY, Fmt::Count),
        ("backlog max", fig::PACK_BACKLOG_MAX, Fmt::Count),
        ("staging max", fig::STAGING_MAX, Fmt::Count),
        ("staging overflow", fig::STAGING_OVERFLOW_MAX, Fmt::Count),
        ("packer util.", fig::PACKER_UTILISATION, Fmt::Share),
    ];
    for (label, key, f) in rows {
        if let Some(s) = r.kpi(key) {
            line(o, label, s, f);
        }
    }
    let _ = writeln!(o, "Dispatched per carrier");
    for (carrier, s) in r.kpis.0.iter().filter_map(|(k, s)| Some((fig::carrier_of(k)?, s))) {
        let label: String = carrier.chars().take(16).collect();
        line(o, &label, s, Fmt::Count);
    }
    let met = r.kpi(fig::MEETS_DISPATCH_TARGET).map_or(0.0, |s| s.mean);
    let _ = writeln!(
        o,
        "\nTarget: {} of paid orders handed to a courier within 24 h; met in {}",
        show(r.targets.dispatch_24h_min, Fmt::Share),
        show(met, Fmt::Share)
    );
    let _ = writeln!(o, "  of replications. Lead time: payment to hand-over. Means over replications.");
    let get = |f: Figure| r.series(f);
    let (Some(paid), Some(packed), Some(bl), Some(blx), Some(pk), Some(ut), Some(st), Some(stx), Some(di)) = (
        get(fig::ORDERS_PAID),
        get(fig::ORDERS_PACKED),
        get(fig::PACK_BACKLOG_MEAN),
        get(fig::PACK_BACKLOG_MAX),
        get(fig::PACKERS_ON_DUTY),
        get(fig::PACKER_UTILISATION),
        get(fig::STAGING_MEAN),
        get(fig::STAGING_MAX),
        get(fig::ORDERS_DISPATCHED),
    ) else {
        return;
    };
    let _ = writeln!(
        o,
        "\n{:<12}{:>7}{:>7}{:>8}{:>7}{:>8}{:>6}{:>8}{:>7}{:>7}",
        super::sizing_text::period_word(r.run.period_min),
        "paid",
        "packed",
        "backlog",
        "max",
        "packers",
        "util",
        "staging",
        "max",
        "disp"
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
