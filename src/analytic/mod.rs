//! Analytic (closed-form and numerically exact) queueing models used to size
//! customer-service staffing without running the simulator.
//!
//! * [`erlang_c`](mod@erlang_c) — M/M/c, callers wait forever (Erlang C, via Erlang B).
//! * [`erlang_a`] — M/M/c+M, callers abandon after an exponential patience
//!   (Erlang A / Palm), computed exactly from the birth–death chain.
//! * [`cobham`] — M/M/c with several classes and non-preemptive priority
//!   (Cobham's formula for each class's mean wait).
//! * [`chat_concurrency`] — a documented approximation that maps chat agents
//!   handling several chats at once onto an M/M/c(+M) problem.
//! * [`staffing`] — least headcount meeting service targets, shrinkage,
//!   and the headcount table printed by `peakplan erlang`.
//!
//! Conventions: times are in seconds and rates are per second throughout
//! (the CLI converts from per hour). Every probability returned is finite and
//! in `[0, 1]`; an unstable Erlang C system is reported through
//! [`QueueMetrics::stable`] and `mean_wait_s = None`, never as NaN or infinity.

pub mod chat_concurrency;
pub mod cobham;
pub mod erlang_a;
pub mod erlang_c;
pub mod staffing;

pub use chat_concurrency::ChatConcurrency;
pub use cobham::priority_mean_waits_s;
pub use erlang_a::ErlangA;
pub use erlang_c::{erlang_b, erlang_c, ErlangC};
pub use staffing::{
    headcount_table, payroll_agents, required_agents, ModelKind, StaffingModel, Target, TABLE_ABOVE, TABLE_BELOW,
};

/// Errors of the analytic models; every variant stems from the inputs.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalyticError {
    /// An input is out of its domain (`name` is the parameter name).
    #[error("invalid {name}: {reason}")]
    InvalidInput {
        /// Parameter name, e.g. `arrival_rate_per_s`.
        name: &'static str,
        /// Human-readable explanation including the offending value.
        reason: String,
    },
    /// No headcount up to `searched_up_to` agents meets the targets
    /// (e.g. a service-level share of exactly 1, or a zero mean wait).
    #[error("target cannot be met: no headcount up to {searched_up_to} agents meets it")]
    Unreachable {
        /// Largest headcount that was evaluated \[agents\].
        searched_up_to: u32,
    },
    /// The computation would need more states or work than the built-in
    /// limits allow (e.g. an extremely long patience in an overloaded system).
    #[error("problem too large: {0}")]
    TooLarge(String),
}

/// The demand side shared by every model: Poisson arrivals and exponential
/// handle times.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Demand {
    arrival_rate_per_s: f64,
    mean_handle_s: f64,
}

impl Demand {
    /// Validates `arrival_rate_per_s ≥ 0` \[1/s\] and `mean_handle_s > 0` \[s\]
    /// (both finite).
    pub fn new(arrival_rate_per_s: f64, mean_handle_s: f64) -> Result<Self, AnalyticError> {
        Ok(Self {
            arrival_rate_per_s: non_negative("arrival_rate_per_s", arrival_rate_per_s)?,
            mean_handle_s: positive("mean_handle_s", mean_handle_s)?,
        })
    }

    /// Arrival rate `λ` \[1/s\].
    pub fn arrival_rate_per_s(&self) -> f64 {
        self.arrival_rate_per_s
    }

    /// Mean handle time `h` \[s\].
    pub fn mean_handle_s(&self) -> f64 {
        self.mean_handle_s
    }

    /// Offered load `λ·h` \[Erlangs\].
    pub fn offered_load_erlangs(&self) -> f64 {
        self.arrival_rate_per_s * self.mean_handle_s
    }
}

/// Steady-state performance of one headcount.
///
/// `service_level` is the share of *all* arrivals that are answered within
/// `within_s` seconds; under Erlang A callers who abandon count as failures
/// (see [`QueueMetrics::service_level_among_answered`] for the other common
/// convention).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct QueueMetrics {
    /// Headcount evaluated \[agents\].
    pub agents: u32,
    /// `false` only for Erlang C with offered load ≥ servers (queue grows
    /// without bound); Erlang A is always stable.
    pub stable: bool,
    /// Probability that an arrival has to wait (PASTA: all servers busy).
    pub p_wait: f64,
    /// Service-level threshold \[s\] that `service_level` refers to.
    pub within_s: f64,
    /// Share of all arrivals answered within `within_s` seconds.
    pub service_level: f64,
    /// Mean wait in queue over all arrivals \[s\], including zero waits and,
    /// under Erlang A, the time abandoners waited; `None` when unstable.
    pub mean_wait_s: Option<f64>,
    /// Share of arrivals that abandon before service (0 under Erlang C).
    pub abandon_share: f64,
    /// Mean share of servers busy (carried load / servers); 0 with 0 agents.
    pub occupancy: f64,
}

impl QueueMetrics {
    /// Share of *answered* arrivals answered within `within_s` seconds,
    /// i.e. `service_level / (1 − abandon_share)`; 0 if nobody is answered.
    pub fn service_level_among_answered(&self) -> f64 {
        let answered = 1.0 - self.abandon_share;
        if answered > 0.0 {
            (self.service_level / answered).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// Metrics of a system that receives no arrivals (offered load 0).
pub(crate) fn idle_metrics(agents: u32, within_s: f64) -> QueueMetrics {
    QueueMetrics {
        agents,
        stable: true,
        p_wait: 0.0,
        within_s,
        service_level: 1.0,
        mean_wait_s: Some(0.0),
        abandon_share: 0.0,
        occupancy: 0.0,
    }
}

/// Returns `metrics` if every figure is finite, else reports the inputs as
/// numerically unrepresentable (only reachable with absurd magnitudes such
/// as a mean wait beyond 1e308 s).
pub(crate) fn checked(metrics: QueueMetrics) -> Result<QueueMetrics, AnalyticError> {
    let figures = [metrics.p_wait, metrics.service_level, metrics.abandon_share, metrics.occupancy];
    if figures.iter().all(|v| v.is_finite()) && metrics.mean_wait_s.is_none_or(f64::is_finite) {
        Ok(metrics)
    } else {
        Err(AnalyticError::TooLarge(format!("inputs are beyond floating-point range: {metrics:?}")))
    }
}

/// Checks that `value` is finite, strictly positive and has a finite
/// reciprocal (times are turned into rates).
pub(crate) fn positive(name: &'static str, value: f64) -> Result<f64, AnalyticError> {
    if value.is_finite() && value > 0.0 && value.recip().is_finite() {
        Ok(value)
    } else {
        Err(invalid(name, format!("must be finite and > 0, got {value}")))
    }
}

/// Checks that `value` is finite and non-negative.
pub(crate) fn non_negative(name: &'static str, value: f64) -> Result<f64, AnalyticError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(invalid(name, format!("must be finite and >= 0, got {value}")))
    }
}

/// Checks that `value` is a share in `[0, 1]`.
pub(crate) fn share(name: &'static str, value: f64) -> Result<f64, AnalyticError> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(invalid(name, format!("must be in [0, 1], got {value}")))
    }
}

/// Builds an [`AnalyticError::InvalidInput`].
pub(crate) fn invalid(name: &'static str, reason: String) -> AnalyticError {
    AnalyticError::InvalidInput { name, reason }
}
