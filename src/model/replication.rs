//! One replication of the whole model: seeds the random streams, wires the
//! stages to one event queue and runs it until no event is left.

use crate::engine::{stream_rng, EventQueue};
use crate::model::arrivals::{ArrivalStream, PiecewiseRate};
use crate::model::chat::{ChatParams, ChatStage, ChatStreams};
use crate::model::dist::Dist;
use crate::model::event::{priority, Event};
use crate::model::observe::Periods;
use serde::Serialize;

/// The checked inputs of the model, in internal units (seconds).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelParams {
    /// Observation periods (one per hour of the window by default).
    pub periods: Periods,
    /// Expected inquiry rate over the window [1/s].
    pub inquiry_rate: PiecewiseRate,
    /// Coefficient of variation of the per-replication volume multiplier
    /// (lognormal with mean 1); 0 means no forecast error.
    pub volume_cv: f64,
    /// The chat stage.
    pub chat: ChatParams,
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
}

/// A reusable worker that runs replications of one model. Keeps its memory
/// between replications: the hot path does not allocate.
pub struct Replication<'p> {
    params: &'p ModelParams,
    events: EventQueue<Event>,
    volume: Option<Dist>,
    /// The chat stage, with its observations of the last replication.
    pub chat: ChatStage<'p>,
    /// The volume multiplier drawn for the last replication.
    pub volume_multiplier: f64,
    /// Events processed in the last replication [count].
    pub events_processed: u64,
}

impl<'p> Replication<'p> {
    /// A worker for `params`.
    pub fn new(params: &'p ModelParams) -> Self {
        Self {
            params,
            events: EventQueue::new(),
            volume: (params.volume_cv > 0.0)
                .then(|| Dist::lognormal(1.0, params.volume_cv).expect("volume_cv checked by validation")),
            chat: ChatStage::new(&params.chat, params.periods),
            volume_multiplier: 1.0,
            events_processed: 0,
        }
    }

    /// Runs replication `rep` under `seed`; the observations are left in the
    /// stages' observers.
    pub fn run(&mut self, seed: u64, rep: u64) {
        let stream = |id: StreamId| stream_rng(seed, rep, id as u64);
        self.volume_multiplier = match &self.volume {
            Some(d) => d.sample(&mut stream(StreamId::Volume)),
            None => 1.0,
        };
        let mut arrival_rng = stream(StreamId::InquiryArrivals);
        let mut chat_rng = ChatStreams {
            deflection: stream(StreamId::Deflection),
            patience: stream(StreamId::Patience),
            handle: stream(StreamId::ChatHandle),
        };
        let mut arrivals = ArrivalStream::new(&self.params.inquiry_rate, self.volume_multiplier);

        let events = &mut self.events;
        events.reset();
        self.chat.reset(events);
        if let Some(t) = arrivals.next_arrival(&mut arrival_rng) {
            events.schedule(t, priority::ARRIVAL, Event::InquiryArrival);
        }
        let mut processed = 0u64;
        let mut now = 0.0;
        while let Some((t, event)) = events.pop() {
            now = t;
            processed += 1;
            match event {
                Event::InquiryArrival => {
                    self.chat.arrive(t, events, &mut chat_rng);
                    if let Some(next) = arrivals.next_arrival(&mut arrival_rng) {
                        events.schedule(next, priority::ARRIVAL, Event::InquiryArrival);
                    }
                }
                Event::ChatPatience(seq) => self.chat.patience_ends(t, seq),
                Event::ChatDone(agent) => self.chat.done(t, agent, events),
                Event::AgentShiftStart(s) => self.chat.shift_change(t, s, true, events),
                Event::AgentShiftEnd(s) => self.chat.shift_change(t, s, false, events),
            }
        }
        self.chat.close(now.max(self.params.periods.length_s * self.params.periods.count as f64));
        self.events_processed = processed;
    }
}
