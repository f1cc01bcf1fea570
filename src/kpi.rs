//! The figures measured in one replication, named with their units. Their
//! names are the stable keys of the JSON and CSV output; `docs/json-reference.md`
//! documents each one.

use crate::figures as fig;
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
    /// Rounds of each listed packer shift repeated after the window
    /// ([`crate::model::warehouse::WarehouseObserver::rounds_repeated`]);
    /// empty without a dispatch side.
    pub rounds_repeated: Vec<u16>,
}

impl RepFigures {
    /// Appends these figures to `samples` as one more replication.
    pub fn push_to(&self, samples: &mut Samples) {
        let scalars: Vec<(&str, f64)> = self.scalars.iter().map(|(n, v)| (n.as_ref(), *v)).collect();
        samples.push(&scalars, &self.series);
        samples.rounds_repeated.push(self.rounds_repeated.clone());
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
    let hours_below = sl.iter().filter(|&&s| !targets.service_level_met(s)).count() as f64;
    let window_sl = ratio(sum(&o.on_time), offered_total, 1.0);
    let meets_sl = targets.replication_service_level_met(&sl, window_sl);
    let meets_ab = abandon_share <= targets.abandon_max;
    let q = |p: f64| if answered > 0.0 { o.response_ms.value_at_quantile(p) as f64 / 1000.0 } else { f64::NAN };
    let busy: f64 = o.busy_slots.area.iter().sum();
    let slots: f64 = o.slots_on_duty.area.iter().sum();
    let agent_hours = o.agents_on_duty.area.iter().sum::<f64>() / 3600.0;
    let available_hours = o.agents_available.area.iter().sum::<f64>() / 3600.0;
    let dispatch = rep.dispatch.as_ref().map(|d| dispatch_figures(d, rep, targets));
    let meets_dispatch = dispatch.as_ref().is_none_or(|(_, _, met)| *met);
    let (class_scalars, meets_classes) = class_figures(rep);
    let meets_chat = meets_sl && meets_ab && meets_classes.is_none_or(|m| m);
    let flag = |b: bool| f64::from(u8::from(b));
    let mut scalars: Vec<(Cow<'static, str>, f64)> = vec![
        (fig::VOLUME_MULTIPLIER.name.into(), rep.volume_multiplier),
        (fig::INQUIRIES.name.into(), sum(&o.arrivals)),
        (fig::DEFLECTED.name.into(), sum(&o.deflected)),
        (fig::OFFERED.name.into(), offered_total),
        (fig::FIRST_CONTACTS.name.into(), offered_total - sum(&o.returns)),
        (fig::RETURNS.name.into(), sum(&o.returns)),
        (fig::ANSWERED.name.into(), answered),
        (fig::ANSWERED_ON_TIME.name.into(), sum(&o.on_time)),
        (fig::ABANDONED.name.into(), sum(&o.abandoned)),
        (fig::UNANSWERED_AT_CLOSE.name.into(), sum(&o.unanswered)),
        (fig::SERVICE_LEVEL.name.into(), window_sl),
        (fig::ABANDON_SHARE.name.into(), abandon_share),
        (fig::RESPONSE_MEAN_S.name.into(), defined_ratio(o.response_sum_s, answered)),
        (fig::RESPONSE_P50_S.name.into(), q(0.50)),
        (fig::RESPONSE_P80_S.name.into(), q(0.80)),
        (fig::RESPONSE_P90_S.name.into(), q(0.90)),
        (fig::RESPONSE_P95_S.name.into(), q(0.95)),
        (fig::RESPONSE_P99_S.name.into(), q(0.99)),
        (fig::OCCUPANCY.name.into(), ratio(busy, slots, 0.0).min(1.0)),
        (fig::AGENT_HOURS.name.into(), agent_hours),
        (fig::AGENT_HOURS_AVAILABLE.name.into(), available_hours),
        (fig::AGENT_HOURS_ON_BREAK.name.into(), o.agents_on_break.area.iter().sum::<f64>() / 3600.0),
        (fig::AGENT_SHRINKAGE_SHARE.name.into(), ratio(agent_hours - available_hours, agent_hours, 0.0)),
        (fig::AGENTS_ABSENT.name.into(), f64::from(o.absent)),
        (fig::AGENTS_LATE.name.into(), f64::from(o.late_starts)),
        (fig::BREAKS_RECALLED.name.into(), f64::from(o.breaks_recalled)),
        (fig::BREAK_HOURS_RECALLED.name.into(), o.break_recalled_s / 3600.0),
        (fig::QUEUE_MAX.name.into(), o.queue_len.max.iter().copied().fold(0.0, f64::max)),
        (fig::PERIODS_BELOW_SERVICE_LEVEL.name.into(), hours_below),
        (fig::MEETS_SERVICE_LEVEL.name.into(), flag(meets_sl)),
        (fig::MEETS_ABANDON_CAP.name.into(), flag(meets_ab)),
        (fig::MEETS_CHAT_TARGETS.name.into(), flag(meets_chat)),
        (fig::MEETS_ALL_TARGETS.name.into(), flag(meets_chat && meets_dispatch)),
    ];
    let mut series = vec![
        (fig::INQUIRIES.name, o.arrivals.iter().map(|&x| f64::from(x)).collect()),
        (fig::OFFERED.name, offered(o)),
        (fig::RETURNS.name, counts(&o.returns)),
        (fig::SERVICE_LEVEL.name, sl),
        (fig::ABANDON_SHARE.name, abandon_series(o)),
        (fig::RESPONSE_MEAN_S.name, response_mean_series(o)),
        (fig::AGENTS_ON_DUTY.name, o.agents_on_duty.means().collect()),
        (fig::AGENTS_AVAILABLE.name, o.agents_available.means().collect()),
        (fig::AGENTS_ON_BREAK.name, o.agents_on_break.means().collect()),
        (fig::OCCUPANCY.name, occupancy_series(o)),
        (fig::QUEUE_MEAN.name, o.queue_len.means().collect()),
        (fig::QUEUE_MAX.name, o.queue_len.max.clone()),
    ];
    if !rep.chat.class_counts.target_misses.is_empty() {
        series.push((fig::CLASS_TARGET_MISSES.name, counts(&rep.chat.class_counts.target_misses)));
    }
    if let Some((d_scalars, d_series, _)) = dispatch {
        scalars.extend(d_scalars);
        series.extend(d_series);
    }
    if let Some(met) = meets_classes {
        scalars.push((fig::MEETS_CLASS_TARGETS.name.into(), flag(met)));
    }
    scalars.extend(class_scalars);
    scalars.push((fig::EVENTS.name.into(), rep.events_processed as f64));
    let rounds_repeated = rep.dispatch.as_ref().map_or_else(Vec::new, |d| d.warehouse.observer.rounds_repeated.clone());
    RepFigures { scalars, series, rounds_repeated }
}

/// The figures of each class of contacts, `class_<class>_<figure>`
/// ([`fig::CLASS_FIGURES`], [`fig::TICKET_FIGURES`] for a ticket class and
/// [`fig::MEETS_TARGET`] for a class with its own target), with more than
/// one class or a ticket class, none otherwise; and whether every class's
/// own target is met (`None`: no class has one).
fn class_figures(rep: &Replication) -> (Vec<(Cow<'static, str>, f64)>, Option<bool>) {
    let classes = rep.chat.classes();
    let mut out = Vec::new();
    let mut all_met = None;
    for (class, c) in classes.iter().zip(&rep.chat.class_counts.counts) {
        let offered = f64::from(c.offered);
        let lost = f64::from(c.abandoned + c.unanswered);
        let service_level = ratio(f64::from(c.on_time), offered, 1.0);
        let abandon_share = ratio(lost, offered, 0.0);
        let values = [
            offered,
            f64::from(c.answered),
            f64::from(c.on_time),
            f64::from(c.abandoned),
            f64::from(c.unanswered),
            service_level,
            abandon_share,
            defined_ratio(c.wait_sum_s, f64::from(c.answered)),
            h(c.busy_s),
        ];
        for (f, v) in fig::CLASS_FIGURES.iter().zip(values) {
            out.push((Cow::Owned(fig::class_figure(&class.name, *f)), v));
        }
        if class.is_ticket() {
            let backlog = [f64::from(c.backlog_peak), f64::from(c.backlog_at_end)];
            for (f, v) in fig::TICKET_FIGURES.iter().zip(backlog) {
                out.push((Cow::Owned(fig::class_figure(&class.name, *f)), v));
            }
        }
        if let Some(t) = &class.target {
            let window = f64::from(c.window_offered);
            let sl = ratio(f64::from(c.window_on_time), window, 1.0);
            let ab = ratio(f64::from(c.window_lost), window, 0.0);
            let met = t.met(sl, ab);
            all_met = Some(all_met.unwrap_or(true) && met);
            for (f, v) in fig::CLASS_TARGET_FIGURES.iter().zip([sl, ab, f64::from(u8::from(met))]) {
                out.push((Cow::Owned(fig::class_figure(&class.name, *f)), v));
            }
        }
    }
    (out, all_met)
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
        (fig::ORDERS_PLACED.name.into(), f64::from(ord.placed_total())),
        (fig::ORDERS_FROM_CHATS.name.into(), by_source(0)),
        (fig::ORDERS_SILENT.name.into(), by_source(1)),
        (fig::ORDERS_PRESALE.name.into(), by_source(2)),
        (fig::ORDERS_SCHEDULED.name.into(), by_source(3)),
        (fig::ORDERS_PAID_AT_ONCE.name.into(), f64::from(ord.paid_at_once)),
        (fig::ORDERS_REMINDED.name.into(), f64::from(ord.reminded)),
        (fig::ORDERS_RECOVERED_BY_REMINDER.name.into(), f64::from(ord.recovered)),
        (fig::ORDERS_UNPAID.name.into(), f64::from(ord.unpaid)),
        (fig::ORDERS_PAID.name.into(), paid),
        (fig::PAID_VALUE_CNY.name.into(), ord.paid_value_cny),
        (fig::SALES_CNY.name.into(), ord.placed_value_cny),
        (fig::ORDERS_REVIEWED.name.into(), f64::from(wh.reviewed)),
        (fig::ORDERS_PACKED.name.into(), packed),
        (fig::ORDERS_LABELLED_PREPACKED.name.into(), f64::from(wh.labelled)),
        (fig::ORDERS_DISPATCHED.name.into(), dispatched),
        (fig::ORDERS_UNDISPATCHED.name.into(), f64::from(co.undispatched_total())),
        (fig::UNDISPATCHED_IN_REVIEW.name.into(), f64::from(co.undispatched[0])),
        (fig::UNDISPATCHED_IN_PACKING.name.into(), f64::from(co.undispatched[1])),
        (fig::UNDISPATCHED_IN_STAGING.name.into(), f64::from(co.undispatched[2])),
    ];
    for (name, &n) in d.courier.kpi_names().zip(&co.by_carrier) {
        scalars.push((Cow::Owned(name.to_string()), f64::from(n)));
    }
    scalars.extend([
        (fig::PICKUPS.name.into(), f64::from(co.pickups)),
        (fig::PICKUPS_LATE.name.into(), f64::from(co.pickups_late)),
        (fig::PICKUPS_MISSED.name.into(), f64::from(co.pickups_missed)),
        (fig::TRUCKS_FULL.name.into(), f64::from(co.trucks_full)),
        (fig::DISPATCH_LEAD_MEAN_H.name.into(), h(defined_ratio(co.lead_sum_s, dispatched))),
        (fig::DISPATCH_LEAD_P50_H.name.into(), lead_q(0.50)),
        (fig::DISPATCH_LEAD_P90_H.name.into(), lead_q(0.90)),
        (fig::DISPATCH_LEAD_P95_H.name.into(), lead_q(0.95)),
        (fig::DISPATCH_LEAD_MAX_H.name.into(), if dispatched > 0.0 { h(co.lead_s.max() as f64) } else { f64::NAN }),
        (fig::DISPATCHED_WITHIN_24H_SHARE.name.into(), within_24h),
        (fig::DISPATCHED_WITHIN_PROMISE_SHARE.name.into(), ratio(f64::from(co.within_promise), paid, 1.0)),
        (fig::LATE_ORDERS.name.into(), f64::from(co.late)),
        (fig::LATE_VALUE_CNY.name.into(), co.late_value_cny),
        (fig::LATE_COMPENSATION_CNY.name.into(), co.compensation_cny),
        (fig::PACK_BACKLOG_MEAN.name.into(), wh.backlog.window_area() / window_s),
        (fig::PACK_BACKLOG_MAX.name.into(), wh.backlog.overall_max()),
        (fig::PACK_WAIT_MEAN_H.name.into(), h(defined_ratio(wh.pack_wait_sum_s, packed))),
        (fig::STAGING_MEAN.name.into(), co.staging.window_area() / window_s),
        (fig::STAGING_MAX.name.into(), co.staging.overall_max()),
        (fig::STAGING_OVERFLOW_MAX.name.into(), f64::from(co.overflow_max)),
        (fig::STAGING_OVERFLOW_PARCELS.name.into(), f64::from(co.overflow_parcels)),
        (fig::PACKER_HOURS.name.into(), h(on_duty_area)),
        (fig::PACKER_HOURS_AVAILABLE.name.into(), h(available_area)),
        (fig::PACKER_HOURS_ON_BREAK.name.into(), h(wh.on_break.total_area())),
        (fig::PACKER_SHRINKAGE_SHARE.name.into(), ratio(on_duty_area - available_area, on_duty_area, 0.0)),
        (fig::PACKERS_ABSENT.name.into(), f64::from(wh.absent)),
        (fig::PACKERS_LATE.name.into(), f64::from(wh.late_starts)),
        (fig::PACK_WORK_H.name.into(), h(wh.busy.total_area())),
        (fig::PACKER_UTILISATION.name.into(), ratio(wh.busy.total_area(), available_area, 0.0).min(1.0)),
        (fig::DRAIN_H.name.into(), h((co.last_dispatch_s - window_s).max(0.0))),
        (fig::MEETS_DISPATCH_TARGET.name.into(), f64::from(u8::from(meets))),
    ]);
    let utilisation = wh.busy.area.iter().zip(&wh.available.area).map(|(&b, &s)| ratio(b, s, 0.0).min(1.0)).collect();
    let series = vec![
        (fig::ORDERS_PLACED.name, counts(&ord.placed)),
        (fig::ORDERS_PAID.name, counts(&ord.paid)),
        (fig::ORDERS_PACKED.name, counts(&wh.packed)),
        (fig::ORDERS_DISPATCHED.name, counts(&co.dispatched)),
        (fig::PACK_BACKLOG_MEAN.name, wh.backlog.means().collect()),
        (fig::PACK_BACKLOG_MAX.name, wh.backlog.max.clone()),
        (fig::STAGING_MEAN.name, co.staging.means().collect()),
        (fig::STAGING_MAX.name, co.staging.max.clone()),
        (fig::PACKERS_ON_DUTY.name, wh.on_duty.means().collect()),
        (fig::PACKERS_AVAILABLE.name, wh.available.means().collect()),
        (fig::PACKERS_ON_BREAK.name, wh.on_break.means().collect()),
        (fig::PACKER_UTILISATION.name, utilisation),
    ];
    (scalars, series, meets)
}
