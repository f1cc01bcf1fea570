//! Couriers: packed parcels wait in staging and are handed over at pickups.
//!
//! Each carrier collects at daily clock times (its scheduled pickups) with a
//! truck of limited capacity [parcels]. At a scheduled pickup the truck is
//! missed with probability `missed_share`, late with probability
//! `late_share` (it then arrives after a drawn delay), and on time
//! otherwise. A truck that arrives loads staged parcels, VIP first and then
//! in packing order, up to its capacity: a parcel waits for the first truck
//! with room. Any carrier takes any parcel.
//!
//! Staging holds `staging_capacity` parcels. When it is full, either the
//! excess is stacked in overflow (爆仓: counted and reported, still shipped)
//! or packing stops until a pickup makes room ([`WhenStagingFull`]).
//!
//! The **dispatch lead time** of an order is from its payment to the moment
//! it is handed over to a courier. An order paid but not handed over when
//! the run closes counts as late. After the window, a carrier keeps its
//! daily pickups (unless it has none after the window) while work is left.
//!
//! The pickup draws (two uniforms per scheduled pickup, in time order) come
//! from their own stream, so staffing changes do not change them.

use crate::engine::{EventQueue, StreamRng};
use crate::model::dist::Dist;
use crate::model::event::{priority, Event};
use crate::model::observe::{round_to_u64, Periods, TimeWeighted};
use crate::model::orders::Order;
use crate::model::record::{RecordSink, ShipmentRecord};
use crate::model::vip_queue::VipQueue;
use crate::model::warehouse::DAY_S;
use hdrhistogram::Histogram;
use rand::Rng;
use serde::Serialize;

/// Largest recordable dispatch lead time [s] (about three years); larger
/// values are recorded at this value.
pub const MAX_LEAD_S: u64 = 100_000_000;

/// An empty lead-time histogram [s] with the bounds every run uses.
pub fn empty_lead_histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, MAX_LEAD_S, 3).expect("valid histogram bounds")
}

/// One carrier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Carrier {
    /// Name, unique among carriers.
    pub name: String,
    /// Name of its dispatched-count figure, `dispatched_via_<name>`.
    pub kpi_name: String,
    /// Scheduled pickups in the window [s from the window start], sorted.
    pub pickups_s: Vec<f64>,
    /// Scheduled pickups in the first 24 hours after the window [s from the
    /// window start], sorted; they repeat every 24 hours. Empty: no pickup
    /// after the window.
    pub daily_after_s: Vec<f64>,
    /// Parcels one truck takes [count].
    pub truck_capacity: u32,
    /// Probability that a scheduled pickup is late [share].
    pub late_share: f64,
    /// Probability that a scheduled pickup is missed [share].
    pub missed_share: f64,
    /// Delay of a late pickup [s].
    pub late_by_s: Dist,
}

impl Carrier {
    /// Time of scheduled pickup number `i` [s], or `None` after the last.
    pub fn pickup_time(&self, i: u32) -> Option<f64> {
        let i = i as usize;
        if let Some(&t) = self.pickups_s.get(i) {
            return Some(t);
        }
        let m = self.daily_after_s.len();
        if m == 0 {
            return None;
        }
        let k = i - self.pickups_s.len();
        Some(self.daily_after_s[k % m] + (k / m) as f64 * DAY_S)
    }
}

/// What happens when staging is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WhenStagingFull {
    /// Parcels are stacked in overflow (爆仓), counted, and still shipped.
    Overflow,
    /// No packing starts unless its parcel will have room in staging.
    StopPacking,
}

/// Compensation paid for an order not dispatched within the promise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compensation {
    /// Share of the order value [share].
    pub share: f64,
    /// At least [CNY].
    pub min_cny: f64,
    /// At most [CNY].
    pub max_cny: f64,
}

impl Compensation {
    /// Compensation for a late order of value `value_cny` [CNY].
    #[inline]
    pub fn for_value(&self, value_cny: f64) -> f64 {
        (self.share * value_cny).clamp(self.min_cny, self.max_cny)
    }
}

/// Everything the courier stage needs, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CourierParams {
    /// Carriers.
    pub carriers: Vec<Carrier>,
    /// Parcels staging holds [count]; `None`: unlimited.
    pub staging_capacity: Option<u32>,
    /// What happens when staging is full.
    pub when_full: WhenStagingFull,
    /// Dispatch within this many seconds of payment is within the promise [s].
    pub promise_s: f64,
    /// Compensation for a late order.
    pub compensation: Compensation,
}

/// What the courier stage observed in one replication.
#[derive(Debug, Clone)]
pub struct CourierObserver {
    periods: Periods,
    promise_s: f64,
    /// Parcels in staging (overflow included).
    pub staging: TimeWeighted,
    /// Orders dispatched, by period of hand-over (in the window only).
    pub dispatched: Vec<u32>,
    /// Orders dispatched [count].
    pub dispatched_total: u32,
    /// Orders dispatched, by carrier.
    pub by_carrier: Vec<u32>,
    /// Dispatch lead times [s].
    pub lead_s: Histogram<u64>,
    /// Sum of dispatch lead times [s].
    pub lead_sum_s: f64,
    /// Orders dispatched within 24 h of payment [count].
    pub within_24h: u32,
    /// Orders dispatched within the promise [count].
    pub within_promise: u32,
    /// Orders not dispatched within the promise, those undispatched at the
    /// close included [count].
    pub late: u32,
    /// Value of late orders [CNY].
    pub late_value_cny: f64,
    /// Compensation for late orders [CNY].
    pub compensation_cny: f64,
    /// Largest number of parcels above the staging capacity [count].
    pub overflow_max: u32,
    /// Parcels staged while staging was full [count].
    pub overflow_parcels: u32,
    /// Scheduled pickups due [count].
    pub pickups: u32,
    /// Scheduled pickups that were late [count].
    pub pickups_late: u32,
    /// Scheduled pickups that were missed [count].
    pub pickups_missed: u32,
    /// Trucks that left with parcels still waiting for lack of room [count].
    pub trucks_full: u32,
    /// Orders undispatched at the close, by where they were: review,
    /// packing, staging [count].
    pub undispatched: [u32; 3],
    /// Time of the last hand-over [s] (0 if none).
    pub last_dispatch_s: f64,
}

impl CourierObserver {
    fn new(periods: Periods, carriers: usize, promise_s: f64) -> Self {
        Self {
            periods,
            promise_s,
            staging: TimeWeighted::new(periods),
            dispatched: vec![0; periods.count],
            dispatched_total: 0,
            by_carrier: vec![0; carriers],
            lead_s: empty_lead_histogram(),
            lead_sum_s: 0.0,
            within_24h: 0,
            within_promise: 0,
            late: 0,
            late_value_cny: 0.0,
            compensation_cny: 0.0,
            overflow_max: 0,
            overflow_parcels: 0,
            pickups: 0,
            pickups_late: 0,
            pickups_missed: 0,
            trucks_full: 0,
            undispatched: [0; 3],
            last_dispatch_s: 0.0,
        }
    }

    fn reset(&mut self) {
        self.staging.reset();
        self.dispatched.fill(0);
        self.dispatched_total = 0;
        self.by_carrier.fill(0);
        self.lead_s.reset();
        self.lead_sum_s = 0.0;
        self.within_24h = 0;
        self.within_promise = 0;
        self.late = 0;
        self.late_value_cny = 0.0;
        self.compensation_cny = 0.0;
        self.overflow_max = 0;
        self.overflow_parcels = 0;
        self.pickups = 0;
        self.pickups_late = 0;
        self.pickups_missed = 0;
        self.trucks_full = 0;
        self.undispatched = [0; 3];
        self.last_dispatch_s = 0.0;
    }

    /// Orders undispatched at the close [count].
    pub fn undispatched_total(&self) -> u32 {
        self.undispatched.iter().sum()
    }

    #[inline]
    fn late_order(&mut self, order: &Order, c: &Compensation) {
        self.late += 1;
        self.late_value_cny += order.value_cny;
        self.compensation_cny += c.for_value(order.value_cny);
    }
}

/// The courier stage's state in one replication; reset between replications.
pub struct Courier<'p> {
    params: &'p CourierParams,
    window_end_s: f64,
    close_at_s: f64,
    staging: VipQueue<Order>,
    /// What was observed in this replication.
    pub observer: CourierObserver,
    /// One record per parcel handed over, when on (off by default).
    pub records: RecordSink<ShipmentRecord>,
    /// Parcels the last truck took within the promise and after it
    /// [count]; (0, 0) after a pickup that took none.
    pub last_load: (u32, u32),
}

impl<'p> Courier<'p> {
    /// The stage for `params`, observing over `periods`; the window ends at
    /// `window_end_s` and no pickup is scheduled after `close_at_s`.
    pub fn new(params: &'p CourierParams, periods: Periods, window_end_s: f64, close_at_s: f64) -> Self {
        Self {
            params,
            window_end_s,
            close_at_s,
            staging: VipQueue::default(),
            observer: CourierObserver::new(periods, params.carriers.len(), params.promise_s),
            records: RecordSink::default(),
            last_load: (0, 0),
        }
    }

    /// Back to the empty state; schedules each carrier's first pickup.
    pub fn reset(&mut self, events: &mut EventQueue<Event>) {
        self.staging.clear();
        self.observer.reset();
        self.records.clear();
        for (c, carrier) in self.params.carriers.iter().enumerate() {
            if let Some(t) = carrier.pickup_time(0).filter(|&t| t <= self.close_at_s) {
                events.schedule(t, priority::PICKUP, Event::PickupDue(c as u16, 0));
            }
        }
    }

    /// Names of the per-carrier dispatched counts, in carrier order.
    pub fn kpi_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.params.carriers.iter().map(|c| c.kpi_name.as_str())
    }

    /// Parcels in staging [count].
    #[inline]
    pub fn staged(&self) -> usize {
        self.staging.len()
    }

    /// Most orders the warehouse may hold in packing now so that every
    /// parcel finds room in staging.
    #[inline]
    pub fn packing_limit(&self) -> usize {
        match (self.params.when_full, self.params.staging_capacity) {
            (WhenStagingFull::StopPacking, Some(cap)) => (cap as usize).saturating_sub(self.staging.len()),
            _ => usize::MAX,
        }
    }

    /// A packed parcel enters staging at `now`.
    #[inline]
    pub fn stage(&mut self, now: f64, order: Order) {
        let o = &mut self.observer;
        if let Some(cap) = self.params.staging_capacity {
            if self.staging.len() >= cap as usize {
                o.overflow_parcels += 1;
            }
            o.overflow_max = o.overflow_max.max((self.staging.len() + 1).saturating_sub(cap as usize) as u32);
        }
        self.staging.push(order.vip, order);
        o.staging.add(now, 1.0);
    }

    /// Scheduled pickup `index` of `carrier` is due at `now`. The next one
    /// is scheduled if it falls in the window, or if `work_left`.
    pub fn pickup_due(
        &mut self,
        now: f64,
        carrier: u16,
        index: u32,
        work_left: bool,
        rng: &mut StreamRng,
        events: &mut EventQueue<Event>,
    ) {
        self.last_load = (0, 0);
        let c = &self.params.carriers[carrier as usize];
        if let Some(next) = c.pickup_time(index + 1) {
            if next <= self.close_at_s && (next < self.window_end_s || work_left) {
                events.schedule(next, priority::PICKUP, Event::PickupDue(carrier, index + 1));
            }
        }
        let u: f64 = rng.random();
        let v: f64 = rng.random();
        self.observer.pickups += 1;
        if u < c.missed_share {
            self.observer.pickups_missed += 1;
        } else if u < c.missed_share + c.late_share {
            self.observer.pickups_late += 1;
            events.schedule(now + c.late_by_s.quantile(v), priority::PICKUP, Event::TruckArrives(carrier));
        } else {
            self.load(now, carrier);
        }
    }

    /// A truck of `carrier` loads at `now`.
    pub fn load(&mut self, now: f64, carrier: u16) {
        let cap = self.params.carriers[carrier as usize].truck_capacity;
        let comp = &self.params.compensation;
        let o = &mut self.observer;
        let records = &mut self.records;
        self.last_load = (0, 0);
        let mut n = 0u32;
        while n < cap {
            let Some(order) = self.staging.pop() else { break };
            n += 1;
            let lead = now - order.paid_s;
            o.lead_s.saturating_record(round_to_u64(lead).min(MAX_LEAD_S));
            o.lead_sum_s += lead;
            o.within_24h += u32::from(lead <= DAY_S);
            if lead <= o.promise_s {
                o.within_promise += 1;
                self.last_load.0 += 1;
            } else {
                o.late_order(&order, comp);
                self.last_load.1 += 1;
            }
            records.push_with(|| ShipmentRecord {
                order_id: order.id,
                paid_s: order.paid_s,
                packed_s: order.packed_s,
                handed_over_s: now,
                carrier,
                vip: order.vip,
            });
        }
        if n == 0 {
            return;
        }
        o.by_carrier[carrier as usize] += n;
        o.dispatched_total += n;
        if let Some(i) = o.periods.index_in(now) {
            o.dispatched[i] += n;
        }
        o.last_dispatch_s = now;
        o.staging.add(now, -f64::from(n));
        if n == cap && !self.staging.is_empty() {
            o.trucks_full += 1;
        }
    }

    /// Closes the replication at `now`: parcels still in staging and the
    /// warehouse's orders `in_review` and `in_packing` are undispatched and
    /// late.
    pub fn close<'a>(&mut self, now: f64, in_review: usize, in_packing: usize, held: impl Iterator<Item = &'a Order>) {
        let comp = &self.params.compensation;
        let o = &mut self.observer;
        o.undispatched = [in_review as u32, in_packing as u32, self.staging.len() as u32];
        for order in held {
            o.late_order(order, comp);
        }
        for order in self.staging.iter() {
            o.late_order(order, comp);
        }
        o.staging.advance(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pickups_repeat_daily_after_the_window() {
        let c = Carrier {
            name: "x".into(),
            kpi_name: crate::figures::dispatched_via("x"),
            pickups_s: vec![100.0, 200.0],
            daily_after_s: vec![300.0, 400.0],
            truck_capacity: 1,
            late_share: 0.0,
            missed_share: 0.0,
            late_by_s: Dist::fixed(0.0).unwrap(),
        };
        let times: Vec<_> = (0..6).map(|i| c.pickup_time(i).unwrap()).collect();
        assert_eq!(times, vec![100.0, 200.0, 300.0, 400.0, 300.0 + DAY_S, 400.0 + DAY_S]);
        let none = Carrier { daily_after_s: Vec::new(), ..c };
        assert_eq!(none.pickup_time(2), None);
    }

    #[test]
    fn compensation_is_clamped() {
        let c = Compensation { share: 0.05, min_cny: 5.0, max_cny: 30.0 };
        assert_eq!(c.for_value(50.0), 5.0);
        assert_eq!(c.for_value(399.0), 0.05 * 399.0);
        assert_eq!(c.for_value(2000.0), 30.0);
    }
}
