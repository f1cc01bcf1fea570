//! The terminal summary of `peakplan size` (80 columns, except where long
//! shift names widen the plan and sensitivity tables).

use super::text::{show, Fmt};
use crate::figures::{self as fig, Figure};
use crate::sizing::{PlanResult, Role, SizingReport};
use std::fmt::Write;

fn pct(x: f64) -> String {
    show(x, Fmt::Share)
}

fn plan_table(o: &mut String, groups: &[String], p: &PlanResult, role: Role) {
    let rows: Vec<_> = p.shifts.iter().filter(|s| s.role == role).collect();
    if rows.is_empty() {
        return;
    }
    let title = match role {
        Role::Agents => "agent shift",
        Role::Packers => "packer shift",
    };
    // The name column fits the longest name (designed packer shifts are
    // named `pack MM-DD HH:MM Nh`), at least 16 wide.
    let w = rows.iter().map(|s| s.shift.chars().count() + usize::from(s.fixed) + 1).max().unwrap_or(0).max(16);
    let _ = write!(o, "  {:<w$}{:<12}{:<12}", title, "start", "end");
    for g in groups {
        let _ = write!(o, "{:>8}", truncate(g, 7));
    }
    let _ = writeln!(o, "{:>10}", "cost CNY");
    for s in rows {
        let fixed = if s.fixed { "*" } else { "" };
        let _ = write!(o, "  {:<w$}{:<12}{:<12}", format!("{}{fixed}", s.shift), s.start, s.end);
        for n in &s.headcount {
            let _ = write!(o, "{n:>8}");
        }
        let _ = writeln!(o, "{:>10.0}", s.cost_cny);
    }
}

/// The word for one reporting period: "hour" for 60-minute periods,
/// "period" otherwise.
pub fn period_word(period_min: f64) -> &'static str {
    if (period_min - 60.0).abs() < 1e-9 {
        "hour"
    } else {
        "period"
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Which hours bind, and what the joint rule asks against the others.
fn binding(o: &mut String, r: &SizingReport) {
    let (sc, u) = (&r.scope_shares, period_word(r.run.period_min));
    let _ = writeln!(
        o,
        "  chat targets met: every {u} jointly {}, worst single {u} {}, window as a whole {}",
        pct(sc.every_period_jointly),
        pct(sc.each_period_worst),
        pct(sc.window)
    );
    if !r.targets.service_level_scope.is_default() {
        let _ = writeln!(
            o,
            "  (the scenario judges the service level {})",
            r.targets.scope_words(period_word(r.run.period_min))
        );
    }
    if r.binding_periods.is_empty() {
        return;
    }
    let _ = writeln!(o, "  {u}s missed (share of replications; as the only {u} missed):");
    for chunk in r.binding_periods.chunks(3) {
        let cells: Vec<String> =
            chunk.iter().map(|b| format!("{} {} ({})", b.period, pct(b.fail_share), pct(b.only_fail_share))).collect();
        let _ = writeln!(o, "    {}", cells.join(", "));
    }
}

/// The summary of a sizing run.
pub fn render(r: &SizingReport) -> String {
    let mut o = String::new();
    heading(&mut o, r);
    recommended(&mut o, r);
    formula_plan(&mut o, r);
    sensitivity(&mut o, r);
    per_hour(&mut o, r);
    footer(&mut o, r);
    o
}

/// The scenario and its targets.
fn heading(o: &mut String, r: &SizingReport) {
    let t = &r.targets;
    let _ = writeln!(o, "peakplan size — {}", r.run.scenario);
    let _ = writeln!(
        o,
        "Targets: service level ≥ {} within {} s {}, abandonment ≤ {},",
        pct(t.service_level),
        t.response_within_s,
        t.scope_words(period_word(r.run.period_min)),
        pct(t.abandon_max),
    );
    if !r.packer_groups.is_empty() {
        let _ = writeln!(o, "         paid orders dispatched within 24 h ≥ {},", pct(t.dispatch_24h_min));
    }
    let _ = writeln!(o, "         met in ≥ {} of replications", pct(t.confidence));
}

/// The packer requirement curve against the plan's packers.
fn packer_curve_line(o: &mut String, r: &SizingReport, c: &crate::sizing::packer_curve::PackerCurve) {
    let period_h = r.run.period_min / 60.0;
    let required = c.packer_hours(period_h * 3600.0);
    let work: f64 = c.work.iter().sum::<f64>() * period_h;
    let planned: f64 = r.periods.iter().filter_map(|p| p.packer_plan_capacity).sum::<f64>() * period_h;
    if c.met {
        let _ = writeln!(
            o,
            "  packers: the requirement curve needs {required:.0} reference packer-hours in the window:\n    \
             each {u}'s packing work as it comes ({work:.0} in all) × {:.0}%, rounded up; the\n    \
             rest waits for a later pickup. The plan has {planned:.0} on duty",
            100.0 * c.scale,
            u = period_word(r.run.period_min)
        );
    } else {
        let _ = writeln!(
            o,
            "  packers: even a packer at every station in every {} meets the dispatch target\n    \
             in only {} of replications (couriers or stations bind); the curve needs\n    \
             {required:.0} reference packer-hours for that; the plan has {planned:.0} on duty",
            period_word(r.run.period_min),
            pct(c.share_ample)
        );
    }
}

/// The recommended plan: shifts, cost, how often it meets the targets.
fn recommended(o: &mut String, r: &SizingReport) {
    let t = &r.targets;
    let p = &r.plan;
    let verdict = if p.p_meet_all >= t.confidence { "MEETS the targets" } else { "DOES NOT meet the targets" };
    let _ = writeln!(o, "\nRecommended plan ({verdict}; * = fixed by the planner)");
    plan_table(o, &r.agent_groups, p, Role::Agents);
    plan_table(o, &r.packer_groups, p, Role::Packers);
    let _ = writeln!(
        o,
        "  labour of the listed shifts {:.0} CNY for {:.0} agent-hours and {:.0} packer-hours",
        p.labour_cost_cny, p.agent_hours, p.packer_hours
    );
    let _ = writeln!(o, "  {}", r.efficiency.summary_line());
    if let Some(c) = &r.packer_curve {
        packer_curve_line(o, r, c);
    }
    if let Some(rep) = p.cost.get(fig::LABOUR_PACKER_REPEATS_CNY) {
        let _ = writeln!(o, "  packer shifts repeated after the window {:.0} CNY (mean; not listed above)", rep.mean);
    }
    plan_cost(o, p);
    let _ = writeln!(
        o,
        "  all targets met in {} of {} fresh replications (95% CI {} – {})",
        pct(p.p_meet_all),
        r.run.replications,
        pct(p.p_meet_all_ci95.0),
        pct(p.p_meet_all_ci95.1)
    );
    if let (Some(sl), Some(ab)) = (p.kpis.get(fig::SERVICE_LEVEL), p.kpis.get(fig::ABANDON_SHARE)) {
        let _ = writeln!(
            o,
            "  service level {} (p5 {}), abandonment {} (p95 {})",
            pct(sl.mean),
            pct(sl.p5),
            pct(ab.mean),
            pct(ab.p95)
        );
    }
    if let (Some(d24), Some(lead)) =
        (p.kpis.get(fig::DISPATCHED_WITHIN_24H_SHARE), p.kpis.get(fig::DISPATCH_LEAD_P95_H))
    {
        // No lead time exists when no parcel left (every pickup missed).
        let lead = if lead.mean.is_finite() {
            format!("lead time p95 {:.1} h", lead.mean)
        } else {
            "no parcel dispatched".to_string()
        };
        let _ = writeln!(o, "  dispatched within 24 h {} (p5 {}), {lead}", pct(d24.mean), pct(d24.p5));
    }
    if !r.feasible && r.plan.p_meet_all >= r.targets.confidence {
        let _ = writeln!(
            o,
            "\n  The last search round stopped before its own replications showed the confidence (further\n  \
             additions stopped helping there), so the people it added were not tightened away again;\n  \
             the fresh replications above are the verdict."
        );
    } else if !r.feasible {
        let _ = writeln!(o, "\n  No plan within the limits meets the targets; this is the best found.");
    }
    for (period, missing) in &r.shortfall {
        let _ = writeln!(o, "  short at {period}: {missing:.1} reference agents beyond the limits");
    }
    let _ = writeln!(o, "  hardest {}s: {}", period_word(r.run.period_min), r.hardest_periods.join(", "));
    binding(o, r);
    targets_met(o, p);
    pools(o, r);
    super::classes_text::table(&p.kpis, &p.cost, o);
}

/// Each target's share of the fresh replications meeting it, the least met
/// marked as the one that binds (none when every target holds in all).
fn targets_met(o: &mut String, p: &PlanResult) {
    let mut rows: Vec<(String, f64)> = Vec::new();
    let overall = [
        ("service level", fig::MEETS_SERVICE_LEVEL),
        ("abandonment", fig::MEETS_ABANDON_CAP),
        ("dispatch", fig::MEETS_DISPATCH_TARGET),
    ];
    for (label, f) in overall {
        if let Some(s) = p.kpis.get(f) {
            rows.push((label.to_string(), s.mean));
        }
    }
    for class in super::classes_text::classes(&p.kpis) {
        if let Some(s) = p.kpis.get(fig::class_figure(class, fig::MEETS_TARGET)) {
            rows.push((format!("{class}'s own"), s.mean));
        }
    }
    let least = rows.iter().map(|r| r.1).fold(1.0, f64::min);
    let cells: Vec<String> = rows
        .iter()
        .map(|(label, share)| {
            let mark = if *share <= least && least < 1.0 { " <- binds" } else { "" };
            format!("{label} {}{mark}", pct(*share))
        })
        .collect();
    let _ = writeln!(o, "  each target met in (fresh replications): {}", cells.join(", "));
}

/// People per group next to its pool, the binding pools marked.
fn pools(o: &mut String, r: &SizingReport) {
    if r.pools.is_empty() {
        return;
    }
    let _ = writeln!(o, "  people per group (pool; most paid hours per person):");
    for u in &r.pools {
        let pool = u.pool_people.map_or("no limit".to_string(), |n| n.to_string());
        let hours = u.max_hours.map_or(String::new(), |h| format!("; {h:.0} h"));
        let mark = if u.binding { "  <- pool binds" } else { "" };
        let _ = writeln!(o, "    {:?} {}: {} people (pool {pool}{hours}){mark}", u.role, u.group, u.people);
    }
}

/// The cost of plan `p` across replications.
fn plan_cost(o: &mut String, p: &PlanResult) {
    let c = |f: Figure| p.cost.get(f).map_or(0.0, |s| s.mean);
    if let Some(total) = p.cost.get(fig::TOTAL_CNY) {
        let _ = writeln!(o, "  total cost {:.0} CNY (p5 {:.0}, p95 {:.0}); means:", total.mean, total.p5, total.p95);
        let _ = write!(o, "    labour {:.0}", c(fig::LABOUR_CNY));
        if p.cost.get(fig::LABOUR_PACKER_REPEATS_CNY).is_some() {
            let repeats = c(fig::LABOUR_PACKER_REPEATS_CNY);
            let _ =
                write!(o, " (listed {:.0} + repeated after the window {:.0})", c(fig::LABOUR_CNY) - repeats, repeats);
        }
        let _ = writeln!(o, ",\n    courier {:.0}, compensation {:.0},", c(fig::COURIER_CNY), c(fig::COMPENSATION_CNY));
        let _ = writeln!(o, "    lost margin {:.0}, fixed {:.0}", c(fig::LOST_MARGIN_CNY), c(fig::FIXED_CNY));
    }
}

/// The plan per-hour Erlang formulas give, and the hours it misses.
fn formula_plan(o: &mut String, r: &SizingReport) {
    let (t, p, u) = (&r.targets, &r.plan, period_word(r.run.period_min));
    let f = &r.formula_plan;
    let _ = writeln!(
        o,
        "\nPlan from per-{u} Erlang formulas: listed labour {:.0} CNY ({:+.0} CNY), targets met in {}",
        f.labour_cost_cny,
        f.labour_cost_cny - p.labour_cost_cny,
        pct(f.p_meet_all)
    );
    if f.replications < r.run.replications {
        let _ =
            writeln!(o, "  (on the first {} replications: its 95% interval settled the verdict there)", f.replications);
    }
    let total = |x: &PlanResult| x.cost.get(fig::TOTAL_CNY).map(|s| s.mean);
    if let (Some(ft), Some(pt)) = (total(f), total(p)) {
        let _ = writeln!(o, "  total cost {ft:.0} CNY ({:+.0} CNY against the recommended plan)", ft - pt);
    }
    let sizes =
        if r.packer_groups.is_empty() { "agents" } else { "agents only: its packers are the recommended plan's" };
    let _ = writeln!(
        o,
        "  (it sizes {sizes};\n   the labour compared is that of the listed shifts;\n   the formulas see the forecast's \
         first contacts only: no returns, no drawn peaks or bursts)"
    );
    let missed: Vec<&str> = r
        .periods
        .iter()
        .filter(|row| row.formula_share_meeting < t.confidence)
        .map(|row| row.period.as_str())
        .collect();
    let _ = writeln!(o, "  {u}s it misses in over {} of replications:", pct(1.0 - t.confidence));
    if missed.is_empty() {
        let _ = writeln!(o, "    none");
    }
    for chunk in missed.chunks(5) {
        let _ = writeln!(o, "    {}", chunk.join(", "));
    }
}

/// The sensitivity table.
fn sensitivity(o: &mut String, r: &SizingReport) {
    let _ = writeln!(o, "\nSensitivity (on the first {} of the fresh replications)", r.sensitivity_replications);
    // With a dispatch side, the share dispatched within 24 h: what a packer
    // change moves (the chat figures cannot).
    let dispatch = r.sensitivity.iter().any(|s| s.dispatched_within_24h_mean.is_some());
    let (w, d24) = if dispatch { (22, format!("{:>7}", "24h")) } else { (28, String::new()) };
    // Wide enough for the longest change (designed shift names are long),
    // the table then runs past 80 columns rather than cut the names.
    let w = r.sensitivity.iter().map(|s| s.change.chars().count() + 1).max().unwrap_or(0).max(w);
    let _ = writeln!(
        o,
        "  {:<w$}{:>8}{:>14}{:>8}{:>9}{d24}{:>10}",
        "change", "P(meet)", "95% CI", "SL", "abandon", "cost CNY"
    );
    for s in &r.sensitivity {
        let mark = if s.meets { "" } else { " ✗" };
        let (lo, hi) = s.p_meet_all_ci95;
        let d24 = s.dispatched_within_24h_mean.map_or(String::new(), |x| format!("{:>7}", pct(x)));
        let _ = writeln!(
            o,
            "  {:<w$}{:>8}{:>14}{:>8}{:>9}{d24}{:>10.0}{mark}",
            s.change,
            pct(s.p_meet_all),
            format!("{:.1}–{}", lo * 100.0, pct(hi)),
            pct(s.service_level_mean),
            pct(s.abandon_share_mean),
            s.labour_cost_cny
        );
    }
    let early: Vec<String> = r
        .sensitivity
        .iter()
        .filter(|s| s.replications < r.sensitivity_replications)
        .map(|s| format!("{} on {}", s.change, s.replications))
        .collect();
    if !early.is_empty() {
        let _ = writeln!(o, "  (settled by their 95% interval on fewer replications: {})", early.join(", "));
    }
}

/// Per period: agents required and service level.
fn per_hour(o: &mut String, r: &SizingReport) {
    let u = period_word(r.run.period_min);
    let _ = writeln!(o, "\nPer {u}: agents required (reference group) and service level");
    let _ = writeln!(
        o,
        "  {:<12}{:>6}{:>7}{:>7}{:>8}{:>8}{:>7}{:>8}{:>8}",
        u, "inq", "req", "Erlang", "plan", "SL", "met", "Erl.pl", "Erl.met"
    );
    for row in &r.periods {
        let _ = writeln!(
            o,
            "  {:<12}{:>6.0}{:>7}{:>7}{:>8.1}{:>8}{:>7.0}{:>8.1}{:>8.0}",
            row.period,
            row.forecast_inquiries,
            row.required_sim,
            row.required_formula,
            row.plan_capacity,
            pct(row.service_level_mean),
            row.share_meeting * 100.0,
            row.formula_plan_capacity,
            row.formula_share_meeting * 100.0
        );
    }
    let _ = writeln!(o, "  (met: % of replications meeting the {u}'s targets; Erl.pl: Erlang plan)");
}

/// How much was simulated.
fn footer(o: &mut String, r: &SizingReport) {
    let _ = writeln!(
        o,
        "\n{} candidate plans simulated ({} for the requirement curve), {} search\nreplications each; verification on {} fresh replications, sensitivity on the\nfirst {} of them.",
        r.evaluations, r.curve_evaluations, r.search_replications, r.run.replications, r.sensitivity_replications
    );
}
