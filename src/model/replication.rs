//! One replication of the whole model: seeds the random streams, wires the
//! stages to one event queue and runs it until no event is left.

use crate::engine::{stream_rng, EventQueue, StreamRng};
use crate::model::arrivals::{ArrivalStream, PiecewiseRate};
use crate::model::availability::BreakPolicy;
use crate::model::chat::{ChatParams, ChatStage, ChatStreams, ContactClass};
use crate::model::contact_drivers::ContactDrivers;
use crate::model::courier::{Courier, CourierParams};
use crate::model::demand::{Demand, DemandStreams};
use crate::model::dist::Dist;
use crate::model::event::{priority, Event};
use crate::model::forward::{rate_from, ForwardDraws, StartState};
use crate::model::observe::Periods;
use crate::model::orders::{Order, OrderParams, OrderSource, OrderStage, OrderStreams};
use crate::model::record::Records;
use crate::model::trace::{ArrivalTrace, TraceStream, NO_CUSTOMER};
use crate::model::warehouse::{Warehouse, WarehouseParams};
use serde::Serialize;

/// The checked inputs of the model, in internal units (seconds).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelParams {
    /// Observation periods (one per hour of the window by default).
    pub periods: Periods,
    /// Expected inquiry rate over the window [1/s].
    pub inquiry_rate: PiecewiseRate,
    /// The forecast's spreads, drawn per replication around
    /// `inquiry_rate`; `None`: every replication sees the forecast rate.
    pub demand: Option<Demand>,
    /// Actual arrival times to replay instead of drawing inquiries from
    /// `inquiry_rate` (which then only shapes a traffic scale above 1).
    #[serde(skip)]
    pub inquiry_trace: Option<ArrivalTrace>,
    /// Coefficient of variation of the per-replication volume multiplier
    /// (lognormal with mean 1); 0 means no forecast error.
    pub volume_cv: f64,
    /// The chat stage.
    pub chat: ChatParams,
    /// Breaks of agents and packers.
    pub breaks: BreakPolicy,
    /// The dispatch side (orders, warehouse, couriers); `None`: chats only.
    pub dispatch: Option<DispatchParams>,
}

impl ModelParams {
    /// Scales the inquiry traffic by `factor`: the rate, or a replayed
    /// trace (thinned or topped up with arrivals of the rate's shape).
    pub fn scale_inquiries(&mut self, factor: f64) {
        match &mut self.inquiry_trace {
            Some(trace) => trace.scale *= factor,
            None => self.inquiry_rate = self.inquiry_rate.scaled(factor),
        }
        if let Some(d) = &mut self.demand {
            d.scale(factor);
        }
    }
}

/// The checked inputs of the dispatch side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DispatchParams {
    /// Orders.
    pub orders: OrderParams,
    /// The warehouse.
    pub warehouse: WarehouseParams,
    /// Couriers and staging.
    pub courier: CourierParams,
    /// The run closes at the latest this long after the window's end, with
    /// the orders not yet dispatched reported as such [s].
    pub max_drain_s: f64,
}

/// The purpose of each random stream of a replication. Streams are
/// independent, so changing staffing changes none of the customers' draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum StreamId {
    /// The volume multiplier (forecast error).
    Volume = 0,
    /// Inquiry arrival times.
    InquiryArrivals = 1,
    /// Deflection decisions.
    Deflection = 2,
    /// Customer patience.
    Patience = 3,
    /// Chat handle times.
    ChatHandle = 4,
    /// Whether an ended chat becomes an order.
    ChatConversion = 5,
    /// Attributes of chat orders.
    ChatOrders = 6,
    /// Silent order arrival times.
    SilentArrivals = 7,
    /// Attributes of silent orders.
    SilentOrders = 8,
    /// Pre-sale balance payment times.
    PresaleArrivals = 9,
    /// Attributes of pre-sale orders.
    PresaleOrders = 10,
    /// Attributes of scheduled orders.
    ScheduledOrders = 11,
    /// Late and missed pickups.
    Pickups = 12,
    /// Chat wrap-up times.
    WrapUp = 13,
    /// Peak heights and timings.
    PeakDraws = 14,
    /// Per-period overdispersion factors.
    PeriodDraws = 15,
    /// Live-stream bursts.
    BurstDraws = 16,
    /// Returns of customers who abandoned.
    Returns = 17,
    /// The replication's handle-time factor.
    HandleFactor = 18,
    /// The replication's conversion factor.
    ConversionFactor = 19,
    /// The class of each chat (with more than one class).
    ChatClass = 20,
    /// Contacts driven by the orders: whether and when a paid order brings
    /// one (the dispatch side's draws).
    ContactDrivers = 21,
    /// The patience, handle and wrap-up draws of those contacts.
    DrivenContacts = 22,
}

/// Where a replication's inquiries come from: drawn, or replayed.
enum InquirySource<'a> {
    Drawn(ArrivalStream<'a>),
    Replayed(TraceStream<'a>),
}

impl<'a> InquirySource<'a> {
    /// Replays `trace` (shaped, when scaled, by the forecast rate beside
    /// it) or, without one, draws from `rate` times `volume`.
    fn new(trace: Option<(&'a ArrivalTrace, &'a PiecewiseRate)>, rate: &'a PiecewiseRate, volume: f64) -> Self {
        match trace {
            Some((trace, forecast)) => InquirySource::Replayed(TraceStream::new(trace, forecast)),
            None => InquirySource::Drawn(ArrivalStream::new(rate, volume)),
        }
    }

    /// The next arrival time [s] and its traced customer's index.
    #[inline]
    fn next_arrival(&mut self, rng: &mut StreamRng) -> Option<(f64, u32)> {
        match self {
            InquirySource::Drawn(s) => s.next_arrival(rng).map(|t| (t, NO_CUSTOMER)),
            InquirySource::Replayed(s) => s.next_arrival(rng),
        }
    }
}

/// The stages of the dispatch side in one replication.
pub struct DispatchStages<'p> {
    /// Orders: sources and payment.
    pub orders: OrderStage<'p>,
    /// Review and packing.
    pub warehouse: Warehouse<'p>,
    /// Staging and pickups.
    pub courier: Courier<'p>,
    /// After-sales contacts that paid orders bring.
    pub contacts: ContactDrivers<'p>,
    window_end_s: f64,
}

impl<'p> DispatchStages<'p> {
    fn new(params: &'p DispatchParams, classes: &'p [ContactClass], breaks: &BreakPolicy, periods: Periods) -> Self {
        let end = periods.length_s * periods.count as f64;
        let close_at = end + params.max_drain_s;
        Self {
            orders: OrderStage::new(&params.orders, periods),
            contacts: ContactDrivers::new(classes),
            warehouse: Warehouse::new(&params.warehouse, breaks, periods, end, close_at),
            courier: Courier::new(&params.courier, periods, end, close_at),
            window_end_s: end,
        }
    }

    fn reset(&mut self, events: &mut EventQueue<Event>, seed: u64, rep: u64) {
        self.contacts.reset(stream_rng(seed, rep, StreamId::ContactDrivers as u64));
        self.orders.reset(events);
        self.warehouse.reset(events, seed, rep);
        self.courier.reset(events);
    }

    /// Whether work is left at `now`: orders may still be placed or paid
    /// (the window is open, a chat is in progress or waiting, a reminder is
    /// due, a scheduled order is to come), or an order is not yet dispatched.
    fn work_left(&self, now: f64, chat: &ChatStage) -> bool {
        now < self.window_end_s
            || chat.observer.busy_slots.value() > 0.0
            || chat.observer.queue_len.value() > 0.0
            || self.orders.pending_reminders() > 0
            || self.orders.scheduled_left() > 0
            || self.warehouse.holds() > 0
            || self.courier.staged() > 0
    }

    /// A paid order goes to the warehouse.
    #[inline]
    fn paid(&mut self, now: f64, order: Option<Order>, events: &mut EventQueue<Event>) {
        if let Some(order) = order {
            self.contacts.order_paid(now, events);
            self.warehouse.receive(now, order, events);
        }
    }

    /// A truck may have left at `now`: the contacts its parcels bring.
    #[inline]
    fn handed_over(&mut self, now: f64, events: &mut EventQueue<Event>) {
        let (on_time, late) = self.courier.last_load;
        self.contacts.dispatched(now, on_time, late, events);
    }

    /// Starts whatever packing can start now.
    #[inline]
    fn pump(&mut self, now: f64, events: &mut EventQueue<Event>) {
        let limit = self.courier.packing_limit();
        self.warehouse.start_packing(now, events, limit);
    }

    fn close(&mut self, now: f64) {
        self.warehouse.close(now);
        let w = &self.warehouse;
        self.courier.close(now, w.in_review(), w.in_packing(), w.remaining());
    }
}

/// Random streams of the dispatch side.
struct DispatchDraws<'a> {
    orders: OrderStreams,
    pickups: StreamRng,
    silent: Option<ArrivalStream<'a>>,
    silent_rng: StreamRng,
    presale: Option<ArrivalStream<'a>>,
    presale_rng: StreamRng,
}

impl<'a> DispatchDraws<'a> {
    /// The streams of `d` from `stream`, silent orders scaled by the
    /// replication's `volume` multiplier; `drawn`: the replication's drawn
    /// inquiry rate and the silent orders per inquiry, when its traffic is
    /// drawn around the forecast.
    fn new(
        d: &'a DispatchParams,
        stream: impl Fn(StreamId) -> StreamRng,
        volume: f64,
        drawn: Option<(&'a PiecewiseRate, f64)>,
    ) -> Self {
        let silent = match drawn {
            None => ArrivalStream::new(&d.orders.silent_rate, volume),
            Some((rate, per_inquiry)) => ArrivalStream::new(rate, volume * per_inquiry),
        };
        Self {
            orders: OrderStreams {
                conversion: stream(StreamId::ChatConversion),
                chat: stream(StreamId::ChatOrders),
                silent: stream(StreamId::SilentOrders),
                presale: stream(StreamId::PresaleOrders),
                scheduled: stream(StreamId::ScheduledOrders),
            },
            pickups: stream(StreamId::Pickups),
            silent: (drawn.is_none() || d.orders.silent_rate.expected_total() > 0.0).then_some(silent),
            silent_rng: stream(StreamId::SilentArrivals),
            presale: d.orders.presale_rate.as_ref().map(|r| ArrivalStream::new(r, 1.0)),
            presale_rng: stream(StreamId::PresaleArrivals),
        }
    }

    /// Schedules the next order of `source` (silent or pre-sale), if any.
    fn schedule_next(&mut self, source: OrderSource, events: &mut EventQueue<Event>) {
        let (s, rng) = match source {
            OrderSource::Silent => (&mut self.silent, &mut self.silent_rng),
            OrderSource::Presale => (&mut self.presale, &mut self.presale_rng),
            _ => unreachable!("chat and scheduled orders come with their own events"),
        };
        if let Some(next) = s.as_mut().and_then(|s| s.next_arrival(rng)) {
            events.schedule(next, priority::ARRIVAL, Event::OrderArrival(source));
        }
    }
}

impl DispatchStages<'_> {
    /// A chat ended at `t`, answered or not: perhaps an order.
    #[inline]
    fn chat_ended(&mut self, t: f64, answered: bool, r: &mut DispatchDraws, events: &mut EventQueue<Event>) {
        let order = self.orders.chat_ended(t, answered, &mut r.orders, events);
        self.paid(t, order, events);
        self.pump(t, events);
    }

    /// Handles dispatch-side `event` at `t`; `chat` tells whether chats
    /// are still in progress.
    fn handle(
        &mut self,
        t: f64,
        event: Event,
        r: &mut DispatchDraws,
        chat: &ChatStage,
        events: &mut EventQueue<Event>,
    ) {
        match event {
            Event::OrderArrival(OrderSource::Scheduled) => {
                let order = self.orders.scheduled_arrives(t, &mut r.orders, events);
                self.paid(t, order, events);
            }
            Event::OrderArrival(source) => {
                let order = self.orders.place(t, source, &mut r.orders, events);
                self.paid(t, order, events);
                r.schedule_next(source, events);
            }
            Event::PaymentReminder => {
                let order = self.orders.remind(t, events);
                self.paid(t, Some(order), events);
            }
            Event::ReviewDone(slot) => self.warehouse.review_done(t, slot, events),
            Event::PackDone(slot) => {
                let parcel = self.warehouse.pack_done(t, slot);
                self.courier.stage(t, parcel);
            }
            Event::PackerShiftStart(shift, round) => {
                let work_left = round == 0 || self.work_left(t, chat);
                self.warehouse.shift_starts(t, shift, round, work_left, events);
            }
            Event::PackerShiftEnd(shift) => self.warehouse.shift_ends(t, shift),
            Event::PackerBreak(shift, i) => self.warehouse.break_change(t, shift, i, events),
            Event::PackerArrives(shift, person) => self.warehouse.arrives(t, shift, person),
            Event::PickupDue(carrier, index) => {
                let work_left = self.work_left(t, chat);
                self.courier.pickup_due(t, carrier, index, work_left, &mut r.pickups, events);
                self.handed_over(t, events);
            }
            Event::TruckArrives(carrier) => {
                self.courier.load(t, carrier);
                self.handed_over(t, events);
            }
            _ => unreachable!("chat events are handled by the chat stage"),
        }
        self.pump(t, events);
    }
}

/// The chat stage's streams from `stream`.
pub(super) fn chat_streams(stream: impl Fn(StreamId) -> StreamRng) -> ChatStreams {
    ChatStreams {
        deflection: stream(StreamId::Deflection),
        patience: stream(StreamId::Patience),
        handle: stream(StreamId::ChatHandle),
        wrap: stream(StreamId::WrapUp),
        returns: stream(StreamId::Returns),
        class: stream(StreamId::ChatClass),
        driven: stream(StreamId::DrivenContacts),
    }
}

/// The dispatch side's streams of a replication of `params` from `stream`
/// (`None` for a chat-only model), silent orders scaled by `volume`;
/// `drawn_rate`: the replication's inquiry rate drawn around the forecast,
/// which the silent orders follow.
fn dispatch_draws<'a>(
    params: &'a ModelParams,
    drawn_rate: Option<&'a PiecewiseRate>,
    stream: impl Fn(StreamId) -> StreamRng,
    volume: f64,
) -> Option<DispatchDraws<'a>> {
    let d = params.dispatch.as_ref()?;
    let per_inquiry = d.orders.silent_rate.expected_total() / params.inquiry_rate.expected_total();
    let drawn = drawn_rate.map(|r| (r, if per_inquiry.is_finite() { per_inquiry } else { 0.0 }));
    Some(DispatchDraws::new(d, stream, volume, drawn))
}

/// A contact of `class` ended at `t`, `answered` or not: a chat may become
/// an order; an after-sales contact (driven by the orders) does not.
fn contact_ended(
    t: f64,
    class: u8,
    answered: bool,
    chat: &ChatStage,
    dispatch: (&mut Option<DispatchStages>, &mut Option<DispatchDraws>),
    events: &mut EventQueue<Event>,
) {
    if let (false, Some(d), Some(r)) = (chat.is_driven(class), dispatch.0, dispatch.1) {
        d.chat_ended(t, answered, r, events);
    }
}

/// A reusable worker that runs replications of one model. Keeps its memory
/// between replications: the hot path does not allocate.
pub struct Replication<'p> {
    params: &'p ModelParams,
    events: EventQueue<Event>,
    volume: Option<Dist>,
    /// The chat stage, with its observations of the last replication.
    pub chat: ChatStage<'p>,
    /// The dispatch side, with its observations of the last replication;
    /// `None` for a chat-only model.
    pub dispatch: Option<DispatchStages<'p>>,
    /// The volume multiplier drawn for the last replication.
    pub volume_multiplier: f64,
    /// The inquiry rate drawn for the last replication around the forecast
    /// [1/s]; `None` when the forecast has no spread.
    pub drawn_rate: Option<PiecewiseRate>,
    /// Events processed in the last replication [count].
    pub events_processed: u64,
    /// Time of the last event of the last replication [s].
    pub end_s: f64,
}

impl<'p> Replication<'p> {
    /// A worker for `params`.
    pub fn new(params: &'p ModelParams) -> Self {
        Self {
            params,
            events: EventQueue::new(),
            volume: (params.volume_cv > 0.0)
                .then(|| Dist::lognormal(1.0, params.volume_cv).expect("volume_cv checked by validation")),
            chat: ChatStage::new(&params.chat, &params.breaks, params.periods),
            dispatch: params
                .dispatch
                .as_ref()
                .map(|d| DispatchStages::new(d, &params.chat.classes, &params.breaks, params.periods)),
            volume_multiplier: 1.0,
            drawn_rate: None,
            events_processed: 0,
            end_s: 0.0,
        }
    }

    /// Turns per-customer records on or off for the next replications: one
    /// per chat, order and shipment, taken with [`Replication::take_records`].
    /// Off by default; recording changes none of the figures.
    pub fn set_recording(&mut self, on: bool) {
        self.chat.set_recording(on);
        if let (Some(d), Some(p)) = (&mut self.dispatch, &self.params.dispatch) {
            d.orders.set_recording(on, p.warehouse.prepacked_share);
            d.courier.records.set_on(on);
        }
    }

    /// Takes the records of the last replication (empty when recording is
    /// off).
    pub fn take_records(&mut self) -> Records {
        let (orders, shipments) = match &mut self.dispatch {
            Some(d) => (d.orders.records.take(), d.courier.records.take()),
            None => (Vec::new(), Vec::new()),
        };
        Records { chats: self.chat.records.take(), agent_states: self.chat.state_log.sink.take(), orders, shipments }
    }

    /// The inquiry rate of this replication drawn around the forecast, from
    /// `stream`; `None` when the forecast has no spread or a replayed trace
    /// (the actual traffic) gives the arrivals.
    fn draw_demand(&self, stream: impl Fn(StreamId) -> StreamRng) -> Option<PiecewiseRate> {
        match (&self.params.demand, &self.params.inquiry_trace) {
            (Some(demand), None) => Some(demand.draw(DemandStreams {
                peaks: &mut stream(StreamId::PeakDraws),
                periods: &mut stream(StreamId::PeriodDraws),
                bursts: &mut stream(StreamId::BurstDraws),
            })),
            _ => None,
        }
    }

    /// This replication's volume multiplier from `stream`: 1 where the
    /// scenario sets no forecast error (nothing drawn).
    fn draw_volume(&self, stream: impl Fn(StreamId) -> StreamRng) -> f64 {
        self.volume.as_ref().map_or(1.0, |d| d.sample(&mut stream(StreamId::Volume)))
    }

    /// Draws this replication's handle-time factor (set on the chat stage)
    /// and returns its conversion factor, from `stream`: 1 where the
    /// scenario sets no spread (nothing drawn).
    fn draw_factors(&mut self, stream: impl Fn(StreamId) -> StreamRng) -> f64 {
        let factor = |cv: f64, id| match Dist::lognormal(1.0, cv) {
            Ok(d) if cv > 0.0 => d.sample(&mut stream(id)),
            _ => 1.0,
        };
        self.chat.handle_factor = factor(self.params.chat.handle_time_cv, StreamId::HandleFactor);
        self.params.dispatch.as_ref().map_or(1.0, |d| factor(d.orders.conversion_cv, StreamId::ConversionFactor))
    }

    /// Runs replication `rep` under `seed`; the observations are left in the
    /// stages' observers.
    pub fn run(&mut self, seed: u64, rep: u64) {
        self.run_from(seed, rep, None);
    }

    /// Runs the chat stage forward from `state` under `draws`: nothing
    /// arrives before the state's moment, where its chats are put in place,
    /// and the customers after it (their arrivals from the forecast or the
    /// drawn demand from that moment on, times `draws.volume`; their
    /// handle-time factor; their patience and handle times) come from
    /// `draws.customers`, the agents' attendance and breaks from
    /// `draws.agents`. The dispatch side is not run (its state at the
    /// moment is not known), so no order-driven contact arrives.
    pub fn run_forward(&mut self, state: &StartState, draws: ForwardDraws) {
        let (seed, rep) = draws.customers;
        self.run_from(seed, rep, Some((state, draws)));
    }

    /// Runs replication `rep` under `seed`, from the window's start or,
    /// with `forward`, from a state (see [`Replication::run_forward`]).
    fn run_from(&mut self, seed: u64, rep: u64, forward: Option<(&StartState, ForwardDraws)>) {
        let stream = |id: StreamId| stream_rng(seed, rep, id as u64);
        self.volume_multiplier = forward.map_or_else(|| self.draw_volume(stream), |(_, draws)| draws.volume);
        let mut arrival_rng = stream(StreamId::InquiryArrivals);
        let mut chat_rng = chat_streams(stream);
        self.drawn_rate = self.draw_demand(stream);
        let conversion = self.draw_factors(stream);
        let rate = self.drawn_rate.as_ref().unwrap_or(&self.params.inquiry_rate);
        // A forward run draws from the moment on, never from a trace.
        let rest = forward.map(|(state, _)| rate_from(rate, state.at_s));
        let trace =
            self.params.inquiry_trace.as_ref().filter(|_| rest.is_none()).map(|t| (t, &self.params.inquiry_rate));
        let mut arrivals = InquirySource::new(trace, rest.as_ref().unwrap_or(rate), self.volume_multiplier);

        let events = &mut self.events;
        events.reset();
        let (agent_seed, agent_rep) = forward.map_or((seed, rep), |(_, draws)| draws.agents);
        self.chat.reset(events, agent_seed, agent_rep);
        if let Some((t, customer)) = arrivals.next_arrival(&mut arrival_rng) {
            events.schedule(t, priority::ARRIVAL, Event::InquiryArrival(customer));
        }
        if let Some((state, _)) = forward {
            events.schedule(state.at_s, priority::STATE, Event::StateAtMoment);
        }

        // The dispatch side: its streams and its two arrival processes.
        let volume = self.volume_multiplier * conversion;
        let mut d_rng = match forward {
            None => dispatch_draws(self.params, self.drawn_rate.as_ref(), stream, volume),
            Some(_) => None,
        };
        if let (Some(d), Some(r)) = (&mut self.dispatch, &mut d_rng) {
            d.reset(events, seed, rep);
            d.orders.conversion_factor = conversion;
            r.schedule_next(OrderSource::Silent, events);
            r.schedule_next(OrderSource::Presale, events);
        }

        let horizon = self.params.periods.length_s * self.params.periods.count as f64;
        let mut processed = 0u64;
        let mut now = 0.0;
        while let Some((t, event)) = events.pop() {
            now = t;
            processed += 1;
            match event {
                Event::InquiryArrival(customer) => {
                    // The next arrival first: it is soon, so it takes the
                    // place of the one just popped at the top of the queue
                    // (the chat's events have other priorities, so the order
                    // of scheduling does not change the order of delivery).
                    if let Some((next, c)) = arrivals.next_arrival(&mut arrival_rng) {
                        events.schedule(next, priority::ARRIVAL, Event::InquiryArrival(c));
                    }
                    let ranks = self.params.inquiry_trace.as_ref().and_then(|tr| tr.customer(customer));
                    self.chat.arrive(t, events, &mut chat_rng, ranks);
                }
                Event::ChatPatience(seq, class) => {
                    // A customer who will come back has not ended the chat
                    // yet; an after-sales contact neither returns nor orders.
                    let Some(returns) = self.chat.patience_ends(t, seq, class) else { continue };
                    let back = !self.chat.is_driven(class)
                        && self.chat.will_return(t, returns, class, horizon, events, &mut chat_rng);
                    if !back {
                        contact_ended(t, class, false, &self.chat, (&mut self.dispatch, &mut d_rng), events);
                    }
                }
                Event::ChatReturn(returns, class) => self.chat.come_back(t, returns, class, events, &mut chat_rng),
                Event::ContactArrival(class) => self.chat.arrive_driven(t, class, events, &mut chat_rng),
                Event::ChatDone(agent, class) | Event::ChatEnds(agent, class) => {
                    if event == Event::ChatDone(agent, class) {
                        self.chat.done(t, agent, events);
                    }
                    contact_ended(t, class, true, &self.chat, (&mut self.dispatch, &mut d_rng), events);
                }
                Event::WrapUpDone(agent) => self.chat.done(t, agent, events),
                Event::AgentShiftStart(s) => self.chat.shift_change(t, s, true, events),
                Event::AgentShiftEnd(s) => self.chat.shift_change(t, s, false, events),
                Event::AgentBreak(s, i) => self.chat.break_change(t, s, i, events),
                Event::AgentArrives(agent) => self.chat.arrives(t, agent, events),
                Event::StateAtMoment => {
                    if let Some((state, _)) = forward {
                        self.chat.seed(state.at_s, state, &mut chat_rng, events);
                    }
                }
                _ => {
                    let (Some(d), Some(r)) = (&mut self.dispatch, &mut d_rng) else {
                        unreachable!("dispatch events come only from the dispatch side")
                    };
                    d.handle(t, event, r, &self.chat, events);
                }
            }
        }
        self.chat.close(now.max(horizon));
        if let (Some(d), Some(_)) = (&mut self.dispatch, &d_rng) {
            d.close(now.max(horizon));
        }
        self.events_processed = processed;
        self.end_s = now;
    }
}
