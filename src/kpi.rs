//! The figures measured in one replication, named with their units. Their
//! names are the stable keys of the JSON and CSV output; `docs/json-reference.md`
//! documents each one.

use crate::model::chat::ChatObserver;
use crate::model::Replication;
use crate::targets::Targets;

/// The figures of one replication: scalars and per-period series.
#[derive(Debug, Clone, Default)]
pub struct RepFigures {
    /// `(name, value)` of every scalar figure.
    pub scalars: Vec<(&'static str, f64)>,
    /// `(name, value per period)` of every per-period figure.
    pub series: Vec<(&'static str, Vec<f64>)>,
}

fn ratio(num: f64, den: f64, if_empty: f64) -> f64 {
    if den > 0.0 {
        num / den
    } else {
        if_empty
    }
}

fn sum(v: &[u32]) -> f64 {
    v.iter().map(|&x| f64::from(x)).sum()
}

fn offered(o: &ChatObserver) -> Vec<f64> {
    o.arrivals.iter().zip(&o.deflected).map(|(&a, &d)| f64::from(a - d)).collect()
}

/// Per-period service level: on time / offered (1 where nothing was offered).
fn service_level_series(o: &ChatObserver) -> Vec<f64> {
    offered(o).iter().zip(&o.on_time).map(|(&n, &k)| ratio(f64::from(k), n, 1.0)).collect()
}

fn abandon_series(o: &ChatObserver) -> Vec<f64> {
    offered(o).iter().enumerate().map(|(i, &n)| ratio(f64::from(o.abandoned[i] + o.unanswered[i]), n, 0.0)).collect()
}

fn occupancy_series(o: &ChatObserver) -> Vec<f64> {
    o.busy_slots.area.iter().zip(&o.slots_on_duty.area).map(|(&b, &s)| ratio(b, s, 0.0).min(1.0)).collect()
}

/// Extracts the figures of the replication that `rep` just ran.
pub fn figures(rep: &Replication, targets: &Targets) -> RepFigures {
    let o = &rep.chat.observer;
    let offered_total = sum(&o.arrivals) - sum(&o.deflected);
    let lost = sum(&o.abandoned) + sum(&o.unanswered);
    let answered = sum(&o.answered);
    let sl = service_level_series(o);
    let abandon_share = ratio(lost, offered_total, 0.0);
    let hours_below = sl.iter().filter(|&&s| s < targets.service_level).count() as f64;
    let meets_sl = hours_below == 0.0;
    let meets_ab = abandon_share <= targets.abandon_max;
    let q = |p: f64| if answered > 0.0 { o.response_ms.value_at_quantile(p) as f64 / 1000.0 } else { 0.0 };
    let busy: f64 = o.busy_slots.area.iter().sum();
    let slots: f64 = o.slots_on_duty.area.iter().sum();
    let agent_hours = o.agents_on_duty.area.iter().sum::<f64>() / 3600.0;
    let scalars = vec![
        ("volume_multiplier", rep.volume_multiplier),
        ("inquiries", sum(&o.arrivals)),
        ("deflected", sum(&o.deflected)),
        ("offered", offered_total),
        ("answered", answered),
        ("answered_on_time", sum(&o.on_time)),
        ("abandoned", sum(&o.abandoned)),
        ("unanswered_at_close", sum(&o.unanswered)),
        ("service_level", ratio(sum(&o.on_time), offered_total, 1.0)),
        ("abandon_share", abandon_share),
        ("response_mean_s", ratio(o.response_sum_s, answered, 0.0)),
        ("response_p50_s", q(0.50)),
        ("response_p80_s", q(0.80)),
        ("response_p90_s", q(0.90)),
        ("response_p95_s", q(0.95)),
        ("response_p99_s", q(0.99)),
        ("occupancy", ratio(busy, slots, 0.0).min(1.0)),
        ("agent_hours", agent_hours),
        ("queue_max", o.queue_len.max.iter().copied().fold(0.0, f64::max)),
        ("periods_below_service_level", hours_below),
        ("meets_service_level", f64::from(u8::from(meets_sl))),
        ("meets_abandon_cap", f64::from(u8::from(meets_ab))),
        ("meets_all_targets", f64::from(u8::from(meets_sl && meets_ab))),
        ("events", rep.events_processed as f64),
    ];
    let series = vec![
        ("inquiries", o.arrivals.iter().map(|&x| f64::from(x)).collect()),
        ("offered", offered(o)),
        ("service_level", sl),
        ("abandon_share", abandon_series(o)),
        ("agents_on_duty", o.agents_on_duty.means().collect()),
        ("occupancy", occupancy_series(o)),
        ("queue_mean", o.queue_len.means().collect()),
        ("queue_max", o.queue_len.max.clone()),
    ];
    RepFigures { scalars, series }
}
