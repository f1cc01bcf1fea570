//! The warehouse: paid orders → (review) → packing → parcels for staging.
//!
//! * **Review** (订单审核, optional): a share of paid orders (those with
//!   buyer notes, say) is checked first by a review team of fixed size that
//!   covers the whole run. VIP orders first, then first come first served.
//! * **Packing**: packers belong to groups (trained, temps, ...) with their
//!   own pack time and label time; they work in shifts. A waiting order goes
//!   to an idle packer of the first listed group that has one, VIP orders
//!   first, then first come first served, as long as a packing station is
//!   free (`stations` caps the packers working at once). An order for a
//!   pre-packed item (预包装; share `prepacked_share`) needs only a label,
//!   while the pre-packed stock lasts; a pre-packed parcel is taken from
//!   stock when its packing starts. A packer whose shift ends or whose
//!   break starts finishes the order in hand; absent packers never come and
//!   late ones come late ([availability](crate::model::availability)).
//! * **After the window** no order arrives, but packing goes on until every
//!   paid order is packed: with [`AfterWindow::RepeatLastDay`] each shift
//!   that starts in the window's last 24 hours repeats every 24 hours, as
//!   long as there is work left (and at most until the run's close); with
//!   [`AfterWindow::ListedOnly`] only the listed shifts work.
//!
//! The pack backlog is the number of paid orders not yet packed (in review,
//! waiting, or being packed).

mod observer;
mod packers;
mod slab;
mod staffing;

pub use observer::WarehouseObserver;
pub use packers::Packers;
pub use slab::Slab;

use crate::engine::EventQueue;
use crate::model::availability::{place_breaks, Attendance, BreakPolicy, Role, ShiftBreaks};
use crate::model::dist::Dist;
use crate::model::event::{priority, Event};
use crate::model::observe::Periods;
use crate::model::orders::Order;
use crate::model::shifts::Shift;
use crate::model::vip_queue::VipQueue;
use serde::Serialize;

/// One day [s]: the period of the repeated shifts after the window.
pub const DAY_S: f64 = 86_400.0;

/// A group of packers who work alike.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackerGroup {
    /// Name, unique among groups.
    pub name: String,
    /// Time to pick and pack one order [s].
    pub pack_s: Dist,
    /// Time to label one pre-packed parcel [s].
    pub label_s: Dist,
    /// Absence and late starts of the group's people.
    pub attendance: Attendance,
}

/// The order-review step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewParams {
    /// Share of paid orders reviewed [share].
    pub share: f64,
    /// Reviewers, on duty for the whole run [people].
    pub staff: u32,
    /// Time to review one order [s].
    pub review_s: Dist,
}

/// Who packs after the window's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AfterWindow {
    /// Shifts that start in the window's last 24 hours repeat every 24 hours.
    RepeatLastDay,
    /// Only the listed shifts (which may run past the window).
    ListedOnly,
}

/// Everything the warehouse needs, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WarehouseParams {
    /// Packer groups, in preference order.
    pub groups: Vec<PackerGroup>,
    /// Packer shifts; `headcount` is per group.
    pub shifts: Vec<Shift>,
    /// Who packs after the window.
    pub after_window: AfterWindow,
    /// Share of orders for a pre-packed item [share].
    pub prepacked_share: f64,
    /// Pre-packed parcels in stock at the start [count]; `None`: unlimited.
    pub prepacked_stock: Option<u64>,
    /// Packing stations (packers working at once) [count]; `None`: no cap.
    pub stations: Option<u32>,
    /// The review step; `None`: orders go straight to packing.
    pub review: Option<ReviewParams>,
}

/// The warehouse's state in one replication; reset between replications.
pub struct Warehouse<'p> {
    params: &'p WarehouseParams,
    /// Whether each shift repeats after the window.
    repeats: Vec<bool>,
    close_at_s: f64,
    review_queue: VipQueue<Order>,
    review_idle: u32,
    reviewing: Slab<Order>,
    pack_queue: VipQueue<Order>,
    packers: Packers,
    stations_free: u32,
    packing: Slab<(Order, u16)>,
    stock: u64,
    /// Who of each shift's current round is there, on break or not yet.
    crews: Vec<staffing::Crew>,
    /// The breaks of each shift's packers (times of the listed round).
    breaks: Vec<ShiftBreaks>,
    /// The replication's seed and index, for attendance draws.
    draw_key: (u64, u64),
    /// What was observed in this replication.
    pub observer: WarehouseObserver,
}

impl<'p> Warehouse<'p> {
    /// The stage for `params`, observing over `periods`; the window ends at
    /// `window_end_s` and no shift repeat starts after `close_at_s`.
    pub fn new(
        params: &'p WarehouseParams,
        breaks: &BreakPolicy,
        periods: Periods,
        window_end_s: f64,
        close_at_s: f64,
    ) -> Self {
        let repeats = params
            .shifts
            .iter()
            .map(|s| {
                params.after_window == AfterWindow::RepeatLastDay
                    && s.start_s >= window_end_s - DAY_S
                    && s.start_s < window_end_s
            })
            .collect();
        Self {
            params,
            repeats,
            close_at_s,
            review_queue: VipQueue::default(),
            review_idle: 0,
            reviewing: Slab::default(),
            pack_queue: VipQueue::default(),
            packers: Packers::new(params.groups.len()),
            stations_free: 0,
            packing: Slab::default(),
            stock: 0,
            crews: params.shifts.iter().map(staffing::Crew::new).collect(),
            breaks: params.shifts.iter().map(|s| place_breaks(s, breaks, Role::Packers)).collect(),
            draw_key: (0, 0),
            observer: WarehouseObserver::new(periods, params.shifts.len()),
        }
    }

    /// Back to the empty state for replication `rep` under `seed`;
    /// schedules the listed shifts and the first repeat of the repeating
    /// ones.
    pub fn reset(&mut self, events: &mut EventQueue<Event>, seed: u64, rep: u64) {
        let p = self.params;
        self.draw_key = (seed, rep);
        self.review_queue.clear();
        self.review_idle = p.review.as_ref().map_or(0, |r| r.staff);
        self.reviewing.clear();
        self.pack_queue.clear();
        self.packers.reset();
        self.stations_free = p.stations.unwrap_or(u32::MAX);
        self.packing.clear();
        self.stock = p.prepacked_stock.unwrap_or(u64::MAX);
        self.observer.reset();
        for (i, s) in p.shifts.iter().enumerate() {
            events.schedule(s.start_s, priority::SHIFT_START, Event::PackerShiftStart(i as u16, 0));
            events.schedule(s.end_s, priority::SHIFT_END, Event::PackerShiftEnd(i as u16));
            if self.repeats[i] && s.start_s + DAY_S <= self.close_at_s {
                events.schedule(s.start_s + DAY_S, priority::SHIFT_START, Event::PackerShiftStart(i as u16, 1));
            }
        }
    }

    /// Paid orders held: in review or waiting for it, waiting for packing or
    /// being packed [count].
    #[inline]
    pub fn holds(&self) -> usize {
        self.review_queue.len() + self.reviewing.len() + self.pack_queue.len() + self.packing.len()
    }

    /// Orders in review or waiting for it [count].
    pub fn in_review(&self) -> usize {
        self.review_queue.len() + self.reviewing.len()
    }

    /// Orders waiting for packing or being packed [count].
    pub fn in_packing(&self) -> usize {
        self.pack_queue.len() + self.packing.len()
    }

    /// Every order held, in no particular order.
    pub fn remaining(&self) -> impl Iterator<Item = &Order> + '_ {
        let (rq, pq) = (&self.review_queue, &self.pack_queue);
        rq.iter().chain(self.reviewing.iter()).chain(pq.iter()).chain(self.packing.iter().map(|(o, _)| o))
    }

    /// A paid order arrives at `now`: to review or to the packing line.
    /// Call [`Warehouse::start_packing`] afterwards.
    #[inline]
    pub fn receive(&mut self, now: f64, order: Order, events: &mut EventQueue<Event>) {
        self.observer.received += 1;
        self.observer.backlog.add(now, 1.0);
        match &self.params.review {
            Some(r) if f64::from(order.review_u) < r.share => {
                self.review_queue.push(order.vip, order);
                self.start_reviews(now, events);
            }
            _ => self.pack_queue.push(order.vip, order),
        }
    }

    fn start_reviews(&mut self, now: f64, events: &mut EventQueue<Event>) {
        let Some(r) = &self.params.review else { return };
        while self.review_idle > 0 {
            let Some(order) = self.review_queue.pop() else { return };
            self.review_idle -= 1;
            // Below the share the review draw is uniform on [0, share).
            let u = f64::from(order.review_u) / r.share;
            let slot = self.reviewing.insert(order);
            events.schedule(now + r.review_s.quantile(u), priority::COMPLETION, Event::ReviewDone(slot));
        }
    }

    /// The order in review slot `slot` is reviewed at `now`. Call
    /// [`Warehouse::start_packing`] afterwards.
    #[inline]
    pub fn review_done(&mut self, now: f64, slot: u32, events: &mut EventQueue<Event>) {
        let order = self.reviewing.take(slot);
        self.review_idle += 1;
        self.observer.reviewed += 1;
        self.pack_queue.push(order.vip, order);
        self.start_reviews(now, events);
    }

    /// Starts packing waiting orders while a packer and a station are free,
    /// keeping at most `max_packing` orders in packing at once.
    #[inline]
    pub fn start_packing(&mut self, now: f64, events: &mut EventQueue<Event>, max_packing: usize) {
        while self.stations_free > 0 && self.packing.len() < max_packing && !self.pack_queue.is_empty() {
            let Some(g) = self.packers.take() else { return };
            let order = self.pack_queue.pop().expect("queue is not empty");
            let group = &self.params.groups[g as usize];
            let prepacked = f64::from(order.prepack_u) < self.params.prepacked_share && self.stock > 0;
            let duration = if prepacked {
                self.stock -= 1;
                self.observer.labelled += 1;
                group.label_s.quantile(order.pack_u)
            } else {
                group.pack_s.quantile(order.pack_u)
            };
            self.stations_free -= 1;
            let slot = self.packing.insert((order, g));
            events.schedule(now + duration, priority::COMPLETION, Event::PackDone(slot));
            self.observer.busy.add(now, 1.0);
        }
    }

    /// The order in packing slot `slot` is packed at `now`; returns the
    /// parcel. Call [`Warehouse::start_packing`] afterwards.
    #[inline]
    pub fn pack_done(&mut self, now: f64, slot: u32) -> Order {
        let (mut order, g) = self.packing.take(slot);
        self.packers.release(g);
        self.stations_free += 1;
        self.observer.busy.add(now, -1.0);
        self.observer.packed(now, order.paid_s);
        order.packed_s = now;
        order
    }

    /// Round `round` of shift `shift` starts at `now`. A repeat (round ≥ 1)
    /// happens only if `work_left`, and schedules its end and the next round.
    /// Call [`Warehouse::start_packing`] afterwards.
    pub fn shift_starts(&mut self, now: f64, shift: u16, round: u16, work_left: bool, events: &mut EventQueue<Event>) {
        let s = &self.params.shifts[shift as usize];
        if round > 0 {
            if !work_left {
                return;
            }
            self.observer.rounds_repeated[shift as usize] += 1;
            events.schedule(now + (s.end_s - s.start_s), priority::SHIFT_END, Event::PackerShiftEnd(shift));
            let next = s.start_s + f64::from(round + 1) * DAY_S;
            if next <= self.close_at_s && round < u16::MAX {
                events.schedule(next, priority::SHIFT_START, Event::PackerShiftStart(shift, round + 1));
            }
        }
        self.observer.on_duty.add(now, f64::from(s.total()));
        self.crew_starts(now, shift, round, events);
    }

    /// A round of shift `shift` ends at `now`.
    pub fn shift_ends(&mut self, now: f64, shift: u16) {
        let s = &self.params.shifts[shift as usize];
        self.observer.on_duty.add(now, -f64::from(s.total()));
        self.crew_ends(now, shift);
    }

    /// Closes the replication at `now`: integrates the levels.
    pub fn close(&mut self, now: f64) {
        self.observer.close(now);
    }
}
