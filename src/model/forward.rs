//! The chat stage run forward from a moment of the window: the chats
//! waiting and in hand at that moment put in place, the agents on duty as
//! the shifts say (each person's attendance and breaks drawn as in a full
//! run), and inquiries from that moment on drawn from the forecast rate
//! (or this run's drawn demand, when the forecast has spreads) times a
//! volume multiplier, with this run's handle-time factor. Chats only: the
//! dispatch side is not run. The run is the model's own replication
//! started from the state ([`Replication::run_forward`]), not a copy of it.
//!
//! Before the moment nothing arrives; the shifts start, end and rest as
//! planned, so the agents at the moment are those of a full run. The
//! periods from the first whole one at or after the moment are the rest of
//! the window, judged as a full run judges them ([`tail`]).

use crate::model::arrivals::PiecewiseRate;
use crate::model::chat::ChatStage;
use crate::model::observe::Periods;
use crate::model::record::{ChatOutcome, ChatRecord};
use crate::model::{ModelParams, Replication};
use crate::targets::{ServiceLevelScope, Targets};
use serde::Serialize;

/// A chat in hand at the moment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct InHand {
    /// When it came [s from the window start].
    pub arrival_s: f64,
    /// When it got its first response [s from the window start].
    pub started_s: f64,
}

/// The chats at a moment of the window.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StartState {
    /// The moment [s from the window start].
    pub at_s: f64,
    /// When each chat still waiting for a first response came, earliest
    /// first [s from the window start].
    pub waiting_arrivals_s: Vec<f64>,
    /// The chats being handled, by start.
    pub in_hand: Vec<InHand>,
    /// When the chats answered and ended within [`WRAP_UP_LOOKBACK_S`]
    /// before the moment ended [s from the window start]: their agents may
    /// still be at their after-chat work, which no inquiries export shows.
    pub ended_recently_s: Vec<f64>,
}

/// How far back chats that ended may still hold their agent's after-chat
/// work at the moment [s].
pub const WRAP_UP_LOOKBACK_S: f64 = 1800.0;

/// One chat as seen (exported or recorded): enough to tell where it was
/// at a moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeenChat {
    /// Arrival [s from the window start].
    pub arrival_s: f64,
    /// Wait to the first response, or to leaving [s]; `None`: none yet.
    pub wait_s: Option<f64>,
    /// Handling after the first response [s]; `None`: not ended yet.
    pub handle_s: Option<f64>,
    /// Whether the customer left before a first response.
    pub abandoned: bool,
}

impl SeenChat {
    /// The chat of a simulated record; `None` for a deflected one.
    pub fn of_record(r: &ChatRecord) -> Option<Self> {
        let (wait_s, handle_s, abandoned) = match r.outcome {
            ChatOutcome::Deflected => return None,
            ChatOutcome::Abandoned { wait_s } => (Some(wait_s), None, true),
            ChatOutcome::Unanswered { .. } => (None, None, false),
            ChatOutcome::Answered { wait_s, handle_s, .. } => (Some(wait_s), Some(handle_s), false),
        };
        Some(Self { arrival_s: r.arrival_s, wait_s, handle_s, abandoned })
    }
}

impl StartState {
    /// The state at `at_s` of the offered (not deflected) `chats`: waiting
    /// if it came by then and had neither a first response nor left by then
    /// (or has no wait yet); in hand if answered by then and not finished
    /// (or no handle time yet); ended recently if answered and finished
    /// within [`WRAP_UP_LOOKBACK_S`] before.
    pub fn at(at_s: f64, chats: impl IntoIterator<Item = SeenChat>) -> Self {
        let mut s = Self { at_s, ..Self::default() };
        for c in chats.into_iter().filter(|c| c.arrival_s <= at_s) {
            let first = c.wait_s.map(|w| c.arrival_s + w);
            match first {
                Some(f) if f <= at_s => {
                    let ends = c.handle_s.map(|h| f + h);
                    match ends {
                        _ if c.abandoned => {}
                        Some(e) if e <= at_s => {
                            if e > at_s - WRAP_UP_LOOKBACK_S {
                                s.ended_recently_s.push(e);
                            }
                        }
                        _ => s.in_hand.push(InHand { arrival_s: c.arrival_s, started_s: f }),
                    }
                }
                _ => s.waiting_arrivals_s.push(c.arrival_s),
            }
        }
        s.waiting_arrivals_s.sort_by(f64::total_cmp);
        s.ended_recently_s.sort_by(f64::total_cmp);
        s.in_hand.sort_by(|a, b| a.started_s.total_cmp(&b.started_s));
        s
    }
}

/// The inquiry rate of `rate` from `at_s` on (zero before).
pub fn rate_from(rate: &PiecewiseRate, at_s: f64) -> PiecewiseRate {
    if at_s <= 0.0 {
        return rate.clone();
    }
    let mut segments = vec![(0.0, 0.0)];
    if at_s < rate.end() {
        segments.push((at_s, rate.rate_at(at_s)));
        segments.extend(rate.segments().filter(|&(s, _)| s > at_s));
    }
    PiecewiseRate::new(segments, rate.end().max(at_s + 1.0))
}

/// A reusable worker running the chat stage forward from a moment: the
/// model's own replication run from a state
/// ([`Replication::run_forward`]), so a forward run handles every event as
/// a full run does.
pub struct Forward<'p> {
    run: Replication<'p>,
}

/// The random draws of one forward run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForwardDraws {
    /// Master seed and replication of the agents' attendance (who comes,
    /// who is late), as in a full run under them.
    pub agents: (u64, u64),
    /// Master seed and replication of the customers after the moment.
    pub customers: (u64, u64),
    /// The volume multiplier of the rest of the window.
    pub volume: f64,
}

impl<'p> Forward<'p> {
    /// A worker for `params`.
    pub fn new(params: &'p ModelParams) -> Self {
        Self { run: Replication::new(params) }
    }

    /// Runs forward from `state` under `draws`.
    pub fn run(&mut self, state: &StartState, draws: ForwardDraws) {
        self.run.run_forward(state, draws);
    }

    /// The rest of the window's figures of the last run, judged by `targets`.
    pub fn tail(&self, at_s: f64, targets: &Targets) -> Tail {
        tail(&self.run.chat, at_s, targets)
    }
}

/// The rest of the window in one run: the periods from the first whole one
/// at or after the moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tail {
    /// Index of the first period of the rest.
    pub first_period: usize,
    /// Chats offered to agents per period of the rest [count].
    pub offered: Vec<f64>,
    /// Service level per period of the rest [share] (1 where none offered).
    pub service_level: Vec<f64>,
    /// Abandoned (or unanswered at the close) over the rest [share].
    pub abandon_share: f64,
    /// Service level over the rest [share].
    pub window_service_level: f64,
    /// Whether the rest meets the chat targets (service level under the
    /// scope, over the rest's periods; abandonment over the rest).
    pub meets: bool,
}

/// The first period of the rest of the window from `at_s`: the first whole
/// period at or after it.
pub fn first_rest_period(periods: Periods, at_s: f64) -> usize {
    (((at_s / periods.length_s) - 1e-9).ceil().max(0.0) as usize).min(periods.count)
}

/// The rest of the window from `at_s` as `chat` observed it.
pub fn tail(chat: &ChatStage, at_s: f64, targets: &Targets) -> Tail {
    let o = &chat.observer;
    let p = o.periods();
    let first = first_rest_period(p, at_s);
    let idx = first..p.count;
    let offered: Vec<f64> = idx.clone().map(|i| f64::from(o.arrivals[i] - o.deflected[i])).collect();
    let on_time: Vec<f64> = idx.clone().map(|i| f64::from(o.on_time[i])).collect();
    let lost: f64 = idx.map(|i| f64::from(o.abandoned[i] + o.unanswered[i])).sum();
    let ratio = |a: f64, b: f64, empty: f64| if b > 0.0 { a / b } else { empty };
    let service_level: Vec<f64> = on_time.iter().zip(&offered).map(|(&k, &n)| ratio(k, n, 1.0)).collect();
    let total: f64 = offered.iter().sum();
    let abandon_share = ratio(lost, total, 0.0);
    let window_service_level = ratio(on_time.iter().sum(), total, 1.0);
    let sl_met = match targets.service_level_scope {
        ServiceLevelScope::Window => targets.service_level_met(window_service_level),
        _ => service_level.iter().all(|&s| targets.service_level_met(s)),
    };
    let meets = sl_met && abandon_share <= targets.abandon_max;
    Tail { first_period: first, offered, service_level, abandon_share, window_service_level, meets }
}
