//! The figures measured in one replication, named with their units. Their
//! names are the stable keys of the JSON and CSV output; `docs/json-reference.md`
//! documents each one.

use crate::model::chat::ChatObserver;
use crate::model::{DispatchStages, Replication};
use crate::stats::Samples;
use crate::targets::Targets;
use std::borrow::Cow;

/// The figures of one replication: scalars and per-period series.
#[derive(Debug, Clone, Default)]
pub struct RepFigures {
    /// `(name, value)` of every scalar figure. Names are fixed, except the
    /// per-carrier counts `dispatched_via_<carrier>`.
    pub scalars: Vec<(Cow<'static, str>, f64)>,
    /// `(name, value per period)` of every per-period figure.
    pub series: Vec<(&'static str, Vec<f64>)>,
}

impl RepFigures {
    /// Appends these figures to `samples` as one more replication.
    pub fn push_to(&self, samples: &mut Samples) {
        let scalars: Vec<(&str, f64)> = self.scalars.iter().map(|(n, v)| (n.as_ref(), *v)).collect();
        samples.push(&scalars, &self.series);
    }
}

fn ratio(num: f64, den: f64, if_empty: f64) -> f64 {
    if den > 0.0 {
        num / den
    } else {
        if_empty
    }
}

/// A figure that exists only when `den` > 0 (a mean over answered chats,
/// over dispatched orders): `num / den`, or NaN, "not defined in this
/// replication", which summaries leave out and JSON never holds.
fn defined_ratio(num: f64, den: f64) -> f64 {
    ratio(num, den, f64::NAN)
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

/// Per-period mean first response of the answered chats (not defined
/// where none was answered).
fn response_mean_series(o: &ChatObserver) -> Vec<f64> {
    o.response_sum_per_period_s.iter().zip(&o.answered).map(|(&s, &n)| defined_ratio(s, f64::from(n))).collect()
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
    let q = |p: f64| if answered > 0.0 { o.response_ms.value_at_quantile(p) as f64 / 1000.0 } else { f64::NAN };
    let busy: f64 = o.busy_slots.area.iter().sum();
    let slots: f64 = o.slots_on_duty.area.iter().sum();
    let agent_hours = o.agents_on_duty.area.iter().sum::<f64>() / 3600.0;
    let available_hours = o.agents_available.area.iter().sum::<f64>() / 3600.0;
    let dispatch = rep.dispatch.as_ref().map(|d| dispatch_figures(d, rep, targets));
    let meets_dispatch = dispatch.as_ref().is_none_or(|(_, _, met)| *met);
    let meets_chat = meets_sl && meets_ab;
    let flag = |b: bool| f64::from(u8::from(b));
    let mut scalars: Vec<(Cow<'static, str>, f64)> = vec![
        ("volume_multiplier".into(), rep.volume_multiplier),
        ("inquiries".into(), sum(&o.arrivals)),
        ("deflected".into(), sum(&o.deflected)),
        ("offered".into(), offered_total),
        ("answered".into(), answered),
        ("answered_on_time".into(), sum(&o.on_time)),
        ("abandoned".into(), sum(&o.abandoned)),
        ("unanswered_at_close".into(), sum(&o.unanswered)),
        ("service_level".into(), ratio(sum(&o.on_time), offered_total, 1.0)),
        ("abandon_share".into(), abandon_share),
        ("response_mean_s".into(), defined_ratio(o.response_sum_s, answered)),
        ("response_p50_s".into(), q(0.50)),
        ("response_p80_s".into(), q(0.80)),
        ("response_p90_s".into(), q(0.90)),
        ("response_p95_s".into(), q(0.95)),
        ("response_p99_s".into(), q(0.99)),
        ("occupancy".into(), ratio(busy, slots, 0.0).min(1.0)),
        ("agent_hours".into(), agent_hours),
        ("agent_hours_available".into(), available_hours),
        ("agent_hours_on_break".into(), o.agents_on_break.area.iter().sum::<f64>() / 3600.0),
        ("agent_shrinkage_share".into(), ratio(agent_hours - available_hours, agent_hours, 0.0)),
        ("agents_absent".into(), f64::from(o.absent)),
        ("agents_late".into(), f64::from(o.late_starts)),
        ("breaks_recalled".into(), f64::from(o.breaks_recalled)),
        ("break_hours_recalled".into(), o.break_recalled_s / 3600.0),
        ("queue_max".into(), o.queue_len.max.iter().copied().fold(0.0, f64::max)),
        ("periods_below_service_level".into(), hours_below),
        ("meets_service_level".into(), flag(meets_sl)),
        ("meets_abandon_cap".into(), flag(meets_ab)),
        ("meets_chat_targets".into(), flag(meets_chat)),
        ("meets_all_targets".into(), flag(meets_chat && meets_dispatch)),
    ];
    let mut series = vec![
        ("inquiries", o.arrivals.iter().map(|&x| f64::from(x)).collect()),
        ("offered", offered(o)),
        ("service_level", sl),
        ("abandon_share", abandon_series(o)),
        ("response_mean_s", response_mean_series(o)),
        ("agents_on_duty", o.agents_on_duty.means().collect()),
        ("agents_available", o.agents_available.means().collect()),
        ("agents_on_break", o.agents_on_break.means().collect()),
        ("occupancy", occupancy_series(o)),
        ("queue_mean", o.queue_len.means().collect()),
        ("queue_max", o.queue_len.max.clone()),
    ];
    if let Some((d_scalars, d_series, _)) = dispatch {
        scalars.extend(d_scalars);
        series.extend(d_series);
    }
    scalars.push(("events".into(), rep.events_processed as f64));
    RepFigures { scalars, series }
}

fn counts(v: &[u32]) -> Vec<f64> {
    v.iter().map(|&x| f64::from(x)).collect()
}

/// Hours from seconds.
fn h(s: f64) -> f64 {
    s / 3600.0
}

type DispatchFigures = (Vec<(Cow<'static, str>, f64)>, Vec<(&'static str, Vec<f64>)>, bool);

/// The figures of the dispatch side, and whether it met its target.
fn dispatch_figures(d: &DispatchStages, rep: &Replication, targets: &Targets) -> DispatchFigures {
    let (ord, wh, co) = (&d.orders.observer, &d.warehouse.observer, &d.courier.observer);
    let window_s = rep.chat.observer.periods().length_s * rep.chat.observer.periods().count as f64;
    let paid = f64::from(ord.paid_total());
    let dispatched = f64::from(co.dispatched_total);
    let within_24h = ratio(f64::from(co.within_24h), paid, 1.0);
    let meets = within_24h >= targets.dispatch_24h_min;
    let lead_q = |p: f64| if dispatched > 0.0 { h(co.lead_s.value_at_quantile(p) as f64) } else { f64::NAN };
    let packed = f64::from(wh.packed_total);
    let on_duty_area = wh.on_duty.total_area();
    let available_area = wh.available.total_area();
    let by_source = |s: usize| f64::from(ord.placed_by_source[s]);
    let mut scalars: Vec<(Cow<'static, str>, f64)> = vec![
        ("orders_placed".into(), f64::from(ord.placed_total())),
        ("orders_from_chats".into(), by_source(0)),
        ("orders_silent".into(), by_source(1)),
        ("orders_presale".into(), by_source(2)),
        ("orders_scheduled".into(), by_source(3)),
        ("orders_paid_at_once".into(), f64::from(ord.paid_at_once)),
        ("orders_reminded".into(), f64::from(ord.reminded)),
        ("orders_recovered_by_reminder".into(), f64::from(ord.recovered)),
        ("orders_unpaid".into(), f64::from(ord.unpaid)),
        ("orders_paid".into(), paid),
        ("paid_value_cny".into(), ord.paid_value_cny),
        ("orders_reviewed".into(), f64::from(wh.reviewed)),
        ("orders_packed".into(), packed),
        ("orders_labelled_prepacked".into(), f64::from(wh.labelled)),
        ("orders_dispatched".into(), dispatched),
        ("orders_undispatched".into(), f64::from(co.undispatched_total())),
        ("undispatched_in_review".into(), f64::from(co.undispatched[0])),
        ("undispatched_in_packing".into(), f64::from(co.undispatched[1])),
        ("undispatched_in_staging".into(), f64::from(co.undispatched[2])),
    ];
    for (name, &n) in d.courier.kpi_names().zip(&co.by_carrier) {
        scalars.push((Cow::Owned(name.to_string()), f64::from(n)));
    }
    scalars.extend([
        ("pickups".into(), f64::from(co.pickups)),
        ("pickups_late".into(), f64::from(co.pickups_late)),
        ("pickups_missed".into(), f64::from(co.pickups_missed)),
        ("trucks_full".into(), f64::from(co.trucks_full)),
        ("dispatch_lead_mean_h".into(), h(defined_ratio(co.lead_sum_s, dispatched))),
        ("dispatch_lead_p50_h".into(), lead_q(0.50)),
        ("dispatch_lead_p90_h".into(), lead_q(0.90)),
        ("dispatch_lead_p95_h".into(), lead_q(0.95)),
        ("dispatch_lead_max_h".into(), if dispatched > 0.0 { h(co.lead_s.max() as f64) } else { f64::NAN }),
        ("dispatched_within_24h_share".into(), within_24h),
        ("dispatched_within_promise_share".into(), ratio(f64::from(co.within_promise), paid, 1.0)),
        ("late_orders".into(), f64::from(co.late)),
        ("late_value_cny".into(), co.late_value_cny),
        ("late_compensation_cny".into(), co.compensation_cny),
        ("pack_backlog_mean".into(), wh.backlog.window_area() / window_s),
        ("pack_backlog_max".into(), wh.backlog.overall_max()),
        ("pack_wait_mean_h".into(), h(defined_ratio(wh.pack_wait_sum_s, packed))),
        ("staging_mean".into(), co.staging.window_area() / window_s),
        ("staging_max".into(), co.staging.overall_max()),
        ("staging_overflow_max".into(), f64::from(co.overflow_max)),
        ("staging_overflow_parcels".into(), f64::from(co.overflow_parcels)),
        ("packer_hours".into(), h(on_duty_area)),
        ("packer_hours_available".into(), h(available_area)),
        ("packer_hours_on_break".into(), h(wh.on_break.total_area())),
        ("packer_shrinkage_share".into(), ratio(on_duty_area - available_area, on_duty_area, 0.0)),
        ("packers_absent".into(), f64::from(wh.absent)),
        ("packers_late".into(), f64::from(wh.late_starts)),
        ("packer_utilisation".into(), ratio(wh.busy.total_area(), available_area, 0.0).min(1.0)),
        ("drain_h".into(), h((co.last_dispatch_s - window_s).max(0.0))),
        ("meets_dispatch_target".into(), f64::from(u8::from(meets))),
    ]);
    let utilisation = wh.busy.area.iter().zip(&wh.available.area).map(|(&b, &s)| ratio(b, s, 0.0).min(1.0)).collect();
    let series = vec![
        ("orders_placed", counts(&ord.placed)),
        ("orders_paid", counts(&ord.paid)),
        ("orders_packed", counts(&wh.packed)),
        ("orders_dispatched", counts(&co.dispatched)),
        ("pack_backlog_mean", wh.backlog.means().collect()),
        ("pack_backlog_max", wh.backlog.max.clone()),
        ("staging_mean", co.staging.means().collect()),
        ("staging_max", co.staging.max.clone()),
        ("packers_on_duty", wh.on_duty.means().collect()),
        ("packers_available", wh.available.means().collect()),
        ("packers_on_break", wh.on_break.means().collect()),
        ("packer_utilisation", utilisation),
    ];
    (scalars, series, meets)
}
