//! The order stage: where orders come from and whether they are paid.
//!
//! Orders are placed
//! * by chats: a chat that ends (its handling completes) becomes an order
//!   with probability `chat_conversion`; a chat abandoned before its first
//!   response with probability `abandoned_conversion` (default 0),
//! * silently, without a chat (静默下单): a non-homogeneous Poisson process
//!   with the inquiry rate's shape, scaled to an expected count and carrying
//!   the replication's volume multiplier,
//! * by pre-sale balance payments (预售尾款): a Poisson spike, typically in
//!   the first hour of the 11th; such an order is its payment, so it is paid
//!   when placed; it does not carry the volume multiplier (the deposits are
//!   known before the sale),
//! * at fixed times ([`OrderParams::scheduled`]: replays and tests).
//!
//! A chat or silent order is paid at once with probability
//! `paid_at_once_share`; otherwise its buyer is reminded (催付)
//! `remind_after_s` later and then pays, at the reminder, with probability
//! `remind_paid_share`; an order not paid then stays unpaid. Every order
//! ends in exactly one of: paid at once, recovered by the reminder, unpaid.
//! (The fate is drawn when the order is placed. An order that will not pay
//! needs no event: it is counted as reminded and unpaid at once; the
//! reminders of orders that will pay fall due in placement order, so one
//! pending event, for the oldest, is enough.)
//!
//! Each source draws its orders' attributes from its own random stream, six
//! uniforms per order in order-arrival order (payment fate, value, VIP,
//! pre-packed item, review, pack time), so that changing the warehouse or
//! the couriers leaves every order unchanged, and changing chat staffing
//! leaves the silent and pre-sale orders unchanged.

use crate::engine::{EventQueue, StreamRng};
use crate::model::arrivals::PiecewiseRate;
use crate::model::dist::Dist;
use crate::model::event::{priority, Event};
use crate::model::observe::Periods;
use crate::model::record::{OrderRecord, RecordSink};
use rand::Rng;
use serde::Serialize;
use std::collections::VecDeque;

/// Where an order came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum OrderSource {
    /// A chat that ended in a sale (or an abandoned chat that converted).
    Chat = 0,
    /// Placed without a chat.
    Silent = 1,
    /// A pre-sale balance payment.
    Presale = 2,
    /// Placed at a fixed time ([`OrderParams::scheduled`]).
    Scheduled = 3,
}

impl OrderSource {
    /// Every source, in index order.
    pub const ALL: [OrderSource; 4] =
        [OrderSource::Chat, OrderSource::Silent, OrderSource::Presale, OrderSource::Scheduled];
}

/// An order placed at a fixed time, paid or not by the usual rule, with its
/// class fixed (replays of actual orders, hand-computable tests).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScheduledOrder {
    /// Placement time [s from the window start].
    pub at_s: f64,
    /// VIP order.
    pub vip: bool,
    /// For a pre-packed item (needs only a label while pre-packed stock lasts).
    pub prepacked: bool,
}

/// Everything the order stage needs, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderParams {
    /// Share of chats ending with handling that become an order [share].
    pub chat_conversion: f64,
    /// Share of chats abandoned before a first response that still become an
    /// order [share].
    pub abandoned_conversion: f64,
    /// Expected silent orders per second, before the volume multiplier [1/s].
    pub silent_rate: PiecewiseRate,
    /// Expected pre-sale balance payments per second [1/s]; `None`: none.
    pub presale_rate: Option<PiecewiseRate>,
    /// Orders placed at fixed times, sorted by time; empty from scenario files.
    pub scheduled: Vec<ScheduledOrder>,
    /// Share of chat and silent orders paid when placed [share].
    pub paid_at_once_share: f64,
    /// Delay from placing an unpaid order to its payment reminder [s].
    pub remind_after_s: f64,
    /// Share of reminded orders that then pay [share].
    pub remind_paid_share: f64,
    /// Order value [CNY].
    pub value_cny: Dist,
    /// Share of VIP orders [share].
    pub vip_share: f64,
    /// Coefficient of variation of the replication's conversion factor
    /// (lognormal, mean 1) [ratio]; 0: no factor drawn.
    pub conversion_cv: f64,
}

/// One order on its way from payment to the courier: plain data copied
/// between stages. Uniform draws are kept so that each stage maps them
/// through its own settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Order {
    /// Order number: 0, 1, ... in order of placement within the replication.
    pub id: u32,
    /// Payment time [s] (placement time until paid).
    pub paid_s: f64,
    /// Time packing finished [s] (NaN before).
    pub packed_s: f64,
    /// Value [CNY].
    pub value_cny: f64,
    /// Uniform draw for the pack (or label) time.
    pub pack_u: f64,
    /// Uniform draw: the order is for a pre-packed item when below the
    /// pre-packed share.
    pub prepack_u: f32,
    /// Uniform draw: the order is reviewed when below the review share.
    pub review_u: f32,
    /// VIP order: reviewed, packed and loaded first.
    pub vip: bool,
    /// Where it came from.
    pub source: OrderSource,
}

/// Random streams of the order stage.
pub struct OrderStreams {
    /// Conversion of ended chats, one draw per ended chat in ending order.
    pub conversion: StreamRng,
    /// Attributes of chat orders.
    pub chat: StreamRng,
    /// Attributes of silent orders.
    pub silent: StreamRng,
    /// Attributes of pre-sale orders.
    pub presale: StreamRng,
    /// Attributes of scheduled orders.
    pub scheduled: StreamRng,
}

impl OrderStreams {
    fn of(&mut self, source: OrderSource) -> &mut StreamRng {
        match source {
            OrderSource::Chat => &mut self.chat,
            OrderSource::Silent => &mut self.silent,
            OrderSource::Presale => &mut self.presale,
            OrderSource::Scheduled => &mut self.scheduled,
        }
    }
}

/// What the order stage observed in one replication.
#[derive(Debug, Clone)]
pub struct OrderObserver {
    periods: Periods,
    /// Orders placed, by source (index: [`OrderSource`] as usize).
    pub placed_by_source: [u32; 4],
    /// Orders placed, by period of placement (in the window only).
    pub placed: Vec<u32>,
    /// Orders paid, by period of payment (in the window only).
    pub paid: Vec<u32>,
    /// Orders paid when placed [count].
    pub paid_at_once: u32,
    /// Orders reminded [count].
    pub reminded: u32,
    /// Reminded orders that then paid [count].
    pub recovered: u32,
    /// Reminded orders that did not pay [count].
    pub unpaid: u32,
    /// Value of paid orders [CNY].
    pub paid_value_cny: f64,
    /// Value of orders placed, paid or not: the sales [CNY].
    pub placed_value_cny: f64,
}

impl OrderObserver {
    fn new(periods: Periods) -> Self {
        Self {
            periods,
            placed_by_source: [0; 4],
            placed: vec![0; periods.count],
            paid: vec![0; periods.count],
            paid_at_once: 0,
            reminded: 0,
            recovered: 0,
            unpaid: 0,
            paid_value_cny: 0.0,
            placed_value_cny: 0.0,
        }
    }

    fn reset(&mut self) {
        self.placed_by_source = [0; 4];
        self.placed.fill(0);
        self.paid.fill(0);
        self.paid_at_once = 0;
        self.reminded = 0;
        self.recovered = 0;
        self.unpaid = 0;
        self.paid_value_cny = 0.0;
        self.placed_value_cny = 0.0;
    }

    /// Orders placed [count].
    pub fn placed_total(&self) -> u32 {
        self.placed_by_source.iter().sum()
    }

    /// Orders paid [count].
    pub fn paid_total(&self) -> u32 {
        self.paid_at_once + self.recovered
    }

    #[inline]
    fn paid(&mut self, now: f64, order: &Order) {
        if let Some(i) = self.periods.index_in(now) {
            self.paid[i] += 1;
        }
        self.paid_value_cny += order.value_cny;
    }
}

/// An unpaid order that will pay at its reminder.
#[derive(Debug, Clone, Copy)]
struct Pending {
    order: Order,
    due_s: f64,
}

/// The order stage's state in one replication; reset between replications.
pub struct OrderStage<'p> {
    params: &'p OrderParams,
    /// Unpaid orders that will pay at their reminder, in order of placement;
    /// the reminder delay is constant, so reminders fall due in this order.
    /// Only the oldest has its event in the queue.
    reminders: VecDeque<Pending>,
    next_scheduled: usize,
    /// What was observed in this replication.
    pub observer: OrderObserver,
    /// One record per order, when on (off by default; see
    /// [`OrderStage::set_recording`]).
    pub records: RecordSink<OrderRecord>,
    /// The warehouse's pre-packed share, to class recorded orders.
    prepacked_share: f64,
    /// This replication's factor on the chat conversions (1: as forecast).
    pub conversion_factor: f64,
}

impl<'p> OrderStage<'p> {
    /// The stage for `params`, observing over `periods`.
    pub fn new(params: &'p OrderParams, periods: Periods) -> Self {
        Self {
            params,
            reminders: VecDeque::new(),
            next_scheduled: 0,
            observer: OrderObserver::new(periods),
            records: RecordSink::default(),
            prepacked_share: 0.0,
            conversion_factor: 1.0,
        }
    }

    /// Turns per-order records on or off. `prepacked_share` is the
    /// warehouse's: a recorded order is for a pre-packed item when its draw
    /// is below it, as the warehouse decides.
    pub fn set_recording(&mut self, on: bool, prepacked_share: f64) {
        self.records.set_on(on);
        self.prepacked_share = prepacked_share;
    }

    /// The record of `order`, placed at `placed_s` and paid at `paid_s`.
    #[inline]
    fn record(&mut self, order: &Order, placed_s: f64, paid_s: Option<f64>, reminded: bool) {
        self.records.push_with(|| OrderRecord {
            id: order.id,
            placed_s,
            paid_s,
            source: order.source,
            reminded,
            value_cny: order.value_cny,
            vip: order.vip,
            prepacked: f64::from(order.prepack_u) < self.prepacked_share,
        });
    }

    /// Back to the empty state; schedules the first scheduled order.
    pub fn reset(&mut self, events: &mut EventQueue<Event>) {
        self.reminders.clear();
        self.observer.reset();
        self.records.clear();
        self.next_scheduled = 0;
        if let Some(o) = self.params.scheduled.first() {
            events.schedule(o.at_s, priority::ARRIVAL, Event::OrderArrival(OrderSource::Scheduled));
        }
    }

    /// Unpaid orders waiting for the reminder at which they will pay [count].
    pub fn pending_reminders(&self) -> usize {
        self.reminders.len()
    }

    /// Scheduled orders not yet placed [count].
    pub fn scheduled_left(&self) -> usize {
        self.params.scheduled.len() - self.next_scheduled
    }

    /// A chat ended at `now`, answered and handled (`answered`) or abandoned;
    /// returns the order if it converted and was paid at once.
    #[inline]
    pub fn chat_ended(
        &mut self,
        now: f64,
        answered: bool,
        rng: &mut OrderStreams,
        events: &mut EventQueue<Event>,
    ) -> Option<Order> {
        let u: f64 = rng.conversion.random();
        let share = if answered { self.params.chat_conversion } else { self.params.abandoned_conversion };
        if u < share * self.conversion_factor {
            self.place(now, OrderSource::Chat, rng, events)
        } else {
            None
        }
    }

    /// The next scheduled order is placed at `now`; returns it if paid at once.
    pub fn scheduled_arrives(
        &mut self,
        now: f64,
        rng: &mut OrderStreams,
        events: &mut EventQueue<Event>,
    ) -> Option<Order> {
        let s = self.params.scheduled[self.next_scheduled];
        self.next_scheduled += 1;
        if let Some(next) = self.params.scheduled.get(self.next_scheduled) {
            events.schedule(next.at_s, priority::ARRIVAL, Event::OrderArrival(OrderSource::Scheduled));
        }
        self.place_as(now, OrderSource::Scheduled, Some(s), rng, events)
    }

    /// An order from `source` is placed at `now`. Returns it when paid at
    /// once; otherwise schedules its reminder and returns `None`.
    #[inline]
    pub fn place(
        &mut self,
        now: f64,
        source: OrderSource,
        rng: &mut OrderStreams,
        events: &mut EventQueue<Event>,
    ) -> Option<Order> {
        self.place_as(now, source, None, rng, events)
    }

    /// [`OrderStage::place`], with the class (VIP, pre-packed) taken from
    /// `class` when given.
    #[inline]
    fn place_as(
        &mut self,
        now: f64,
        source: OrderSource,
        class: Option<ScheduledOrder>,
        rng: &mut OrderStreams,
        events: &mut EventQueue<Event>,
    ) -> Option<Order> {
        let p = self.params;
        let r = rng.of(source);
        let pay_u: f64 = r.random();
        let value_u: f64 = r.random();
        let vip_u: f64 = r.random();
        let prepack_u: f32 = r.random();
        let review_u: f32 = r.random();
        let pack_u: f64 = r.random();
        let mut order = Order {
            id: self.observer.placed_total(),
            paid_s: now,
            packed_s: f64::NAN,
            value_cny: p.value_cny.quantile(value_u),
            pack_u,
            prepack_u,
            review_u,
            vip: vip_u < p.vip_share,
            source,
        };
        if let Some(c) = class {
            order.vip = c.vip;
            order.prepack_u = if c.prepacked { 0.0 } else { 1.0 };
        }
        self.observer.placed_by_source[source as usize] += 1;
        self.observer.placed_value_cny += order.value_cny;
        if let Some(i) = self.observer.periods.index_in(now) {
            self.observer.placed[i] += 1;
        }
        let a = p.paid_at_once_share;
        if source == OrderSource::Presale || pay_u < a {
            self.observer.paid_at_once += 1;
            self.observer.paid(now, &order);
            self.record(&order, now, Some(now), false);
            return Some(order);
        }
        if pay_u >= a + (1.0 - a) * p.remind_paid_share {
            self.observer.reminded += 1;
            self.observer.unpaid += 1;
            self.record(&order, now, None, true);
            return None;
        }
        let due_s = now + p.remind_after_s;
        if self.reminders.is_empty() {
            events.schedule(due_s, priority::ARRIVAL, Event::PaymentReminder);
        }
        self.reminders.push_back(Pending { order, due_s });
        None
    }

    /// The oldest pending reminder falls due at `now`: the order pays.
    /// Schedules the next reminder's event.
    #[inline]
    pub fn remind(&mut self, now: f64, events: &mut EventQueue<Event>) -> Order {
        let Pending { mut order, .. } = self.reminders.pop_front().expect("a reminder event per pending order");
        if let Some(next) = self.reminders.front() {
            events.schedule(next.due_s, priority::ARRIVAL, Event::PaymentReminder);
        }
        self.observer.reminded += 1;
        self.observer.recovered += 1;
        self.record(&order, order.paid_s, Some(now), true);
        order.paid_s = now;
        self.observer.paid(now, &order);
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stream_rng;

    fn params(at_once: f64, recovered: f64) -> OrderParams {
        OrderParams {
            chat_conversion: 0.5,
            abandoned_conversion: 0.0,
            silent_rate: PiecewiseRate::constant(0.0, 3600.0),
            presale_rate: None,
            scheduled: Vec::new(),
            paid_at_once_share: at_once,
            remind_after_s: 3600.0,
            remind_paid_share: recovered,
            value_cny: Dist::fixed(399.0).unwrap(),
            vip_share: 0.1,
            conversion_cv: 0.0,
        }
    }

    fn streams() -> OrderStreams {
        OrderStreams {
            conversion: stream_rng(1, 0, 0),
            chat: stream_rng(1, 0, 1),
            silent: stream_rng(1, 0, 2),
            presale: stream_rng(1, 0, 3),
            scheduled: stream_rng(1, 0, 4),
        }
    }

    #[test]
    fn payment_fates_have_the_set_shares_and_add_up() {
        let p = params(0.6, 0.25);
        let periods = Periods { length_s: 3600.0, count: 2 };
        let mut stage = OrderStage::new(&p, periods);
        let mut events = EventQueue::new();
        stage.reset(&mut events);
        let mut rng = streams();
        let n = 40_000;
        let mut paid = 0;
        for _ in 0..n {
            paid += u32::from(stage.place(0.0, OrderSource::Silent, &mut rng, &mut events).is_some());
        }
        while let Some((t, e)) = events.pop() {
            assert_eq!(e, Event::PaymentReminder);
            assert_eq!(t, 3600.0);
            stage.remind(t, &mut events);
            paid += 1;
        }
        let o = &stage.observer;
        assert_eq!(o.placed_total(), n);
        assert_eq!(o.paid_total(), paid);
        assert_eq!(o.paid_at_once + o.reminded, n);
        assert_eq!(o.recovered + o.unpaid, o.reminded);
        assert_eq!(o.paid.iter().sum::<u32>(), paid);
        // Expected paid share 0.6 + 0.4 × 0.25 = 0.7; binomial standard error.
        let share = f64::from(paid) / f64::from(n);
        let se = (0.7f64 * 0.3 / f64::from(n)).sqrt();
        assert!((share - 0.7).abs() < 4.0 * se, "{share}");
        assert_eq!(stage.pending_reminders(), 0);
    }

    #[test]
    fn presale_orders_are_paid_when_placed() {
        let p = params(0.0, 0.0);
        let mut stage = OrderStage::new(&p, Periods { length_s: 3600.0, count: 1 });
        let mut events = EventQueue::new();
        stage.reset(&mut events);
        let mut rng = streams();
        for _ in 0..100 {
            assert!(stage.place(5.0, OrderSource::Presale, &mut rng, &mut events).is_some());
        }
        assert!(events.is_empty());
        assert_eq!(stage.observer.paid_value_cny, 39_900.0);
    }
}
