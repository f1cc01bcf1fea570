//! Text renderings of the actual traffic: the import's row counts and the
//! fitted chat, order and dispatch parameters.

use crate::actuals::fit::orders::{OrderFit, Share};
use crate::actuals::fit::states::StatesFit;
use crate::actuals::fit::ChatFit;
use crate::actuals::RowCounts;
use std::fmt::Write;

/// The rows of one file: read, used, left out, and the bad ones by reason.
pub fn rows(file: &str, c: &RowCounts) -> String {
    let mut s = format!(
        "{file}: {} rows read, {} used, {} excluded by the mapping, {} outside the window, {} bad rows skipped\n",
        c.rows, c.used, c.excluded, c.outside_window, c.bad.skipped
    );
    for r in &c.bad.reasons {
        let lines: Vec<String> = r.first_lines.iter().map(u64::to_string).collect();
        let _ = writeln!(s, "  skipped {} rows: {} (first at lines {})", r.rows, r.reason, lines.join(", "));
    }
    s
}

/// The fitted chat parameters, with their standard errors.
pub fn fit(file: &str, c: &RowCounts, f: &ChatFit) -> String {
    let mut s = rows(file, c);
    let _ = writeln!(
        s,
        "\nVolume: {} chats, {:.1}% closed by auto-reply, {:.1}% of the offered chats abandoned",
        f.inquiries,
        100.0 * f.deflection_share,
        100.0 * f.abandon_share
    );
    if let Some((i, &peak)) = f.profile.iter().enumerate().max_by_key(|(_, &n)| n) {
        let _ = writeln!(
            s,
            "Profile: {} steps of {} min; the busiest step (#{}, from {:.0} min) had {peak} chats",
            f.profile.len(),
            f.profile_step_min,
            i + 1,
            i as f64 * f.profile_step_min
        );
    }
    match &f.patience {
        Some(p) => {
            let se = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{v:.2}"));
            let q = |x: Option<f64>| x.map_or("not reached".to_string(), |v| format!("{v:.0} s"));
            let quantiles: Vec<String> =
                p.quantiles_s.iter().map(|(k, v)| format!("p{:.0} {}", 100.0 * k, q(*v))).collect();
            let _ = writeln!(
                s,
                "Patience (Kaplan–Meier, {} abandoned, {:.1}% of the waits censored: answered before leaving): median {}; {}",
                p.abandoned,
                100.0 * p.censored_share,
                q(p.median_s),
                quantiles.join(", ")
            );
            let _ = writeln!(
                s,
                "  fitted: {} with median {:.1} s, mean {:.1} s (standard error {} s), cv {:.2} ({}); the mean of a long tail lies far above the median",
                p.kind,
                p.fitted_median_s,
                p.mean_s,
                se(p.mean_se_s),
                p.cv,
                se(p.cv_se)
            );
            let _ = writeln!(
                s,
                "  exponential fit: mean {:.1} s; AIC lognormal − exponential {:.1}; ignoring censoring would give {:.1} s",
                p.exponential_mean_s, p.aic_lognormal_minus_exponential, p.naive_mean_s
            );
            let km: Vec<String> = p.kaplan_meier.iter().map(|(t, v)| format!("{t:.0} s {:.1}%", 100.0 * v)).collect();
            let _ = writeln!(s, "  still waiting (Kaplan–Meier): {}", km.join(", "));
        }
        None => {
            s.push_str("Patience: no abandoned chat with a wait, so patience cannot be fitted (kept as in the base)\n")
        }
    }
    s.push_str("Handle time at concurrency one:\n");
    for h in &f.handle {
        let name = if h.group.is_empty() { "(all agents)" } else { &h.group };
        let _ = write!(
            s,
            "  {name}: mean {:.1} s (standard error {:.2} s), cv {:.2}, from {} chats; observed mean {:.1} s",
            h.mean_s, h.mean_se_s, h.cv, h.chats, h.observed_mean_s
        );
        match (h.slowdown_per_extra_chat, h.mean_concurrency) {
            (Some(sd), Some(k)) => {
                let _ = writeln!(s, "; slowdown {sd:.3} per extra chat, {k:.2} chats in hand on average");
            }
            (None, Some(k)) => {
                let _ = writeln!(s, "; {k:.2} chats in hand on average, slowdown not identifiable");
            }
            _ => s.push('\n'),
        }
    }
    if let Some(note) = &f.concurrency_note {
        let _ = writeln!(s, "  (not corrected for concurrent chats: {note})");
    }
    if let Some(a) = &f.availability {
        let _ = writeln!(
            s,
            "Agents (estimated from the contacts: {}): {:.1} agent-hours available, between {:.1} busy and {:.1} present; {:.1} seen (counted for whole periods); occupancy {:.1}%",
            a.estimator,
            a.available_agent_hours,
            a.busy_agent_hours,
            a.present_agent_hours,
            a.seen_agent_hours,
            100.0 * a.occupancy
        );
        match a.wrap_up {
            Some(w) => {
                let _ = writeln!(
                    s,
                    "  wrap-up (gaps begun while contacts waited, {} of {} censored by the queue emptying): {} with mean {:.1} s (standard error {:.2} s), cv {:.2}",
                    w.censored, w.gaps, w.kind, w.mean_s, w.mean_se_s, w.cv
                );
            }
            None => s.push_str("  wrap-up: too few gaps begun while contacts waited to measure it\n"),
        }
    }
    s
}

/// What the agent-state export says of the people, group by group.
pub fn agent_states(f: &StatesFit) -> String {
    let mut s = format!(
        "Agents (from the {}): {:.1} agent-hours logged in, {:.1} available; {} sessions matched to no planned shift\n",
        f.source, f.logged_in_agent_hours, f.available_agent_hours, f.unmatched_sessions
    );
    for g in &f.groups {
        let name = if g.group.is_empty() { "all groups" } else { &g.group };
        let _ = writeln!(
            s,
            "  {name}: {} sessions, {} of {} planned person-shifts matched; absence {}; late starts {}{}",
            g.sessions,
            g.matched_sessions,
            g.planned_person_shifts,
            share(g.absence_share),
            share(g.late_start_share),
            g.late_start_min.map_or(String::new(), |m| format!(", {:.1} min late on average (se {:.1})", m.mean, m.se)),
        );
        let _ = writeln!(
            s,
            "    {:.1} h logged in, {:.1} h on breaks (shrinkage {:.1}%){}",
            g.logged_in_hours,
            g.break_hours,
            100.0 * g.shrinkage,
            g.wrap_up_s.map_or(String::new(), |w| format!(
                "; wrap-up {:.1} s on average (se {:.2} s, cv {:.2}, {} rows)",
                w.mean, w.se, w.cv, w.n
            )),
        );
        for r in &g.break_rules {
            let _ = writeln!(
                s,
                "    break {}: {:.1} min taken on average (planned {:.0}), {} breaks",
                r.rule, r.taken_min.mean, r.planned_min, r.taken_min.n
            );
        }
    }
    s
}

/// A share with its standard error and count, or "not fitted".
fn share(s: Option<Share>) -> String {
    match s {
        Some(s) => format!("{:.1}% of {} (standard error {:.2}%)", 100.0 * s.share, s.of, 100.0 * s.se),
        None => "not fitted".to_string(),
    }
}

/// The fitted order parameters and, with shipments, the dispatch lead
/// times; `written` says whether the scenario has a dispatch side to take
/// them.
pub fn order_fit(f: &OrderFit, written: bool) -> String {
    let sum = |v: &[u64]| v.iter().sum::<u64>();
    let p = &f.per_period;
    let mut s = format!("\nOrders: {} placed in the window, {} of them paid\n", f.orders, f.paid);
    let _ = writeln!(
        s,
        "  by source: {} chat, {} silent, {} pre-sale, {} not given",
        sum(&p.chat),
        sum(&p.silent),
        sum(&p.presale),
        sum(&p.unsourced)
    );
    let _ = writeln!(s, "  chat conversion (chat orders per answered chat): {}", share(f.chat_conversion));
    let volume = |v: Option<crate::actuals::fit::orders::Volume>| {
        v.map_or("not fitted".to_string(), |v| format!("{} (standard error {:.0})", v.orders, v.se))
    };
    let _ = writeln!(s, "  silent total: {}; pre-sale total: {}", volume(f.silent_total), volume(f.presale_total));
    let _ = writeln!(s, "  paid at once: {}", share(f.paid_at_once_share));
    let _ = writeln!(s, "  paid after the reminder: {}", share(f.remind_paid_share));
    match &f.value_cny {
        Some(v) => {
            let _ = writeln!(
                s,
                "  value: mean {:.1} CNY (standard error {:.2} CNY), cv {:.2}, from {} orders",
                v.mean_cny, v.mean_se_cny, v.cv, v.orders
            );
        }
        None => s.push_str("  value: not fitted\n"),
    }
    let _ = writeln!(s, "  VIP: {}", share(f.vip_share));
    let _ = writeln!(s, "  pre-packed item: {}", share(f.prepacked_share));
    if let Some(d) = &f.dispatch {
        let _ = writeln!(
            s,
            "Dispatch: {} paid orders shipped, {} not shipped; {} parcels without a paid order of the window, {} further parcels of a shipped order",
            d.shipped_orders, d.paid_not_shipped, d.without_paid_order, d.further_parcels
        );
        let h = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{v:.1} h"));
        let _ = writeln!(
            s,
            "  lead time from payment to hand-over: p50 {}, p90 {}, p95 {}, p99 {}",
            h(d.lead_p50_h),
            h(d.lead_p90_h),
            h(d.lead_p95_h),
            h(d.lead_p99_h)
        );
        let _ = writeln!(s, "  within 24 h, of the shipped: {}", share(d.within_24h_of_shipped));
        let _ = writeln!(s, "  within 24 h, of all paid: {}", share(d.within_24h_of_paid));
        for c in &d.carriers {
            let name = if c.name.is_empty() { "(no carrier given)" } else { &c.name };
            let (inside, peak) = (sum(&c.per_period), c.per_period.iter().copied().max().unwrap_or(0));
            let _ = writeln!(
                s,
                "  {name}: {inside} parcels in the window (at most {peak} in a period), {} outside it",
                c.outside_window
            );
        }
    }
    for n in &f.notes {
        let _ = writeln!(s, "  note: {n}");
    }
    if !written {
        s.push_str("  (the scenario has no dispatch side, so these are reported but not written into it)\n");
    }
    s
}
