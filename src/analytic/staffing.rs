//! Staffing: the least headcount that meets service targets, under Erlang C
//! or Erlang A, optionally for chat agents with concurrency, plus shrinkage
//! and the headcount table shown by `peakplan erlang`.
//!
//! # Search
//! Every target is monotone in the headcount (more agents never hurt), so
//! the search starts from a lower bound that provably fails or is the answer
//! and gallops upwards (+1, +2, +4, …) before bisecting. Lower bounds, with
//! `L` the agent-equivalent offered load ([`StaffingModel::agent_load_erlangs`]):
//!
//! * Erlang C: stability, `c ≥ ⌊L⌋ + 1`;
//! * Erlang A: carried load is below `c`, i.e. `c > L·(1 − P_ab)`; a service
//!   level share `s` needs `1 − P_ab ≥ s`, an abandonment cap `α` needs
//!   `P_ab ≤ α`, a mean-wait cap `w` needs `P_ab = θ·E[W] ≤ θ·w`;
//! * occupancy cap `ρ_max`: `c ≥ L / ρ_max` (for Erlang A this uses the
//!   offered, not the carried, load and is therefore conservative).
//!
//! Targets are compared with a 1e-12 tolerance so that a target met exactly
//! is not lost to rounding; a service-level share of exactly 1 (or a zero
//! mean wait) is therefore read as "within 1e-12" and yields a large but
//! finite headcount. The search gives up with [`AnalyticError::Unreachable`]
//! past `L + 40·√L + 100` agents, and refuses loads whose search would pass
//! [`MAX_AGENTS`].

use super::{
    chat_concurrency::ChatConcurrency, invalid, non_negative, positive, share, AnalyticError, Demand, ErlangA, ErlangC,
    QueueMetrics,
};

/// Rows shown below the required headcount in the table \[agents\].
pub const TABLE_BELOW: u32 = 2;
/// Rows shown above the required headcount in the table \[agents\].
pub const TABLE_ABOVE: u32 = 3;
/// Largest headcount the staffing search considers \[agents\].
pub const MAX_AGENTS: u32 = 1_000_000;
/// Slack when comparing metrics with targets (absorbs rounding).
const TARGET_TOLERANCE: f64 = 1e-12;

/// Which queueing model a [`StaffingModel`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// M/M/c, infinite patience.
    ErlangC,
    /// M/M/c+M, exponential patience.
    ErlangA,
}

impl ModelKind {
    /// Short human-readable description.
    pub fn description(self) -> &'static str {
        match self {
            Self::ErlangC => "Erlang C (M/M/c, no abandonment)",
            Self::ErlangA => "Erlang A (M/M/c+M, exponential patience)",
        }
    }
}

/// A staffing target; a headcount meets it when the metric is on the right
/// side of the bound.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// At least `share` of all arrivals answered within `within_s` seconds.
    ServiceLevel {
        /// Required share in `[0, 1]`.
        share: f64,
        /// Answer-time threshold \[s\].
        within_s: f64,
    },
    /// Mean wait over all arrivals of at most `max_s` seconds.
    MeanWait {
        /// Upper bound \[s\].
        max_s: f64,
    },
    /// At most `max` of the arrivals abandon.
    AbandonShare {
        /// Upper bound in `[0, 1]`.
        max: f64,
    },
}

impl Target {
    /// Checks the bounds (shares in `[0, 1]`, times finite and ≥ 0).
    pub fn validate(&self) -> Result<(), AnalyticError> {
        match *self {
            Self::ServiceLevel { share: s, within_s } => {
                share("service_level.share", s)?;
                non_negative("service_level.within_s", within_s)?;
            }
            Self::MeanWait { max_s } => {
                non_negative("mean_wait.max_s", max_s)?;
            }
            Self::AbandonShare { max } => {
                share("abandon_share.max", max)?;
            }
        }
        Ok(())
    }

    /// Whether `metrics` (evaluated at this target's threshold) meet it;
    /// an unstable system meets no target.
    pub fn is_met(&self, metrics: &QueueMetrics) -> bool {
        metrics.stable
            && match *self {
                Self::ServiceLevel { share, .. } => metrics.service_level >= share - TARGET_TOLERANCE,
                Self::MeanWait { max_s } => {
                    metrics.mean_wait_s.is_some_and(|w| w <= max_s + TARGET_TOLERANCE * max_s.max(1.0))
                }
                Self::AbandonShare { max } => metrics.abandon_share <= max + TARGET_TOLERANCE,
            }
    }
}

/// The queue behind a [`StaffingModel`], on slots.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Queue {
    C(ErlangC),
    A(ErlangA),
}

/// Demand and service description used for staffing: arrivals, handle time,
/// optional patience (switches to Erlang A) and chat concurrency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StaffingModel {
    mean_handle_s: f64,
    concurrency: ChatConcurrency,
    queue: Queue,
}

impl StaffingModel {
    /// Builds the model: `arrival_rate_per_s ≥ 0` \[1/s\], `mean_handle_s > 0`
    /// \[s\] (solo handle time for chats), `mean_patience_s` \[s\] (`Some`
    /// selects Erlang A), `concurrency` ([`ChatConcurrency::SINGLE`] for
    /// voice).
    pub fn new(
        arrival_rate_per_s: f64,
        mean_handle_s: f64,
        mean_patience_s: Option<f64>,
        concurrency: ChatConcurrency,
    ) -> Result<Self, AnalyticError> {
        let mean_handle_s = positive("mean_handle_s", mean_handle_s)?;
        let effective = concurrency.effective_handle_s(mean_handle_s)?;
        let queue = match mean_patience_s {
            None => Queue::C(ErlangC::new(arrival_rate_per_s, effective)?),
            Some(p) => Queue::A(ErlangA::new(arrival_rate_per_s, effective, p)?),
        };
        Ok(Self { mean_handle_s, concurrency, queue })
    }

    /// Queueing model in use.
    pub fn kind(&self) -> ModelKind {
        match self.queue {
            Queue::C(_) => ModelKind::ErlangC,
            Queue::A(_) => ModelKind::ErlangA,
        }
    }

    /// Arrivals and the handle time after the concurrency slowdown, i.e. the
    /// demand on the pooled slots.
    pub fn demand(&self) -> Demand {
        match self.queue {
            Queue::C(q) => q.demand(),
            Queue::A(q) => q.demand(),
        }
    }

    /// Solo mean handle time as given \[s\].
    pub fn mean_handle_s(&self) -> f64 {
        self.mean_handle_s
    }

    /// Mean patience \[s\]; `None` under Erlang C.
    pub fn mean_patience_s(&self) -> Option<f64> {
        match self.queue {
            Queue::C(_) => None,
            Queue::A(q) => Some(q.mean_patience_s()),
        }
    }

    /// Chat concurrency settings.
    pub fn concurrency(&self) -> ChatConcurrency {
        self.concurrency
    }

    /// Handle time after the concurrency slowdown \[s\].
    pub fn effective_handle_s(&self) -> f64 {
        self.demand().mean_handle_s()
    }

    /// Offered load on the slots, `λ·h_eff` \[Erlangs\] (`λ·h` for voice).
    pub fn offered_load_erlangs(&self) -> f64 {
        self.demand().offered_load_erlangs()
    }

    /// Offered load in agents, `λ·h_eff / k` \[Erlangs\]: the headcount that
    /// would be 100 % busy.
    pub fn agent_load_erlangs(&self) -> f64 {
        self.offered_load_erlangs() / f64::from(self.concurrency.max_concurrent())
    }

    /// Metrics with `agents` agents (the pooled `agents·k` slots), service
    /// level at `within_s` seconds; `agents` is reported, not slots.
    pub fn evaluate(&self, agents: u32, within_s: f64) -> Result<QueueMetrics, AnalyticError> {
        let servers = self.concurrency.servers_for_agents(agents)?;
        let mut metrics = match self.queue {
            Queue::C(q) => q.evaluate(servers, within_s)?,
            Queue::A(q) => q.evaluate(servers, within_s)?,
        };
        metrics.agents = agents;
        Ok(metrics)
    }

    /// Whether `agents` respects `occupancy_cap` (`None`: no cap), i.e.
    /// [`Self::agent_load_erlangs`]` / agents ≤ cap`, as [`required_agents`]
    /// applies it.
    pub fn within_occupancy_cap(&self, agents: u32, occupancy_cap: Option<f64>) -> bool {
        occupancy_cap.is_none_or(|cap| f64::from(agents) >= occupancy_floor(self.agent_load_erlangs(), cap))
    }

    /// Whether `agents` meets every target (and, under Erlang C, stability).
    ///
    /// A service-level target is decided without computing the service level
    /// at its threshold when `SL(0) = 1 − P(wait)` already meets it or the
    /// answered share `1 − P_ab ≥ SL(t)` already misses it.
    pub fn meets(&self, agents: u32, targets: &[Target]) -> Result<bool, AnalyticError> {
        let base = self.evaluate(agents, 0.0)?;
        if !base.stable {
            return Ok(false);
        }
        for target in targets {
            let met = match *target {
                Target::ServiceLevel { share, within_s } if within_s > 0.0 => {
                    let answered = 1.0 - base.abandon_share;
                    if target.is_met(&base) {
                        true
                    } else if answered < share - TARGET_TOLERANCE {
                        false
                    } else {
                        target.is_met(&self.evaluate(agents, within_s)?)
                    }
                }
                _ => target.is_met(&base),
            };
            if !met {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// Least headcount \[agents\] meeting all `targets` (plus stability under
/// Erlang C) and, if given, `occupancy_cap` in `(0, 1]` (`c ≥ L / cap`).
/// Returns 0 when there are no arrivals.
pub fn required_agents(
    model: &StaffingModel,
    targets: &[Target],
    occupancy_cap: Option<f64>,
) -> Result<u32, AnalyticError> {
    for target in targets {
        target.validate()?;
    }
    if let Some(cap) = occupancy_cap {
        if !(cap > 0.0 && cap <= 1.0) {
            return Err(invalid("occupancy_cap", format!("must be in (0, 1], got {cap}")));
        }
    }
    let load = model.agent_load_erlangs();
    if load == 0.0 {
        return Ok(0);
    }
    let lower = lower_bound(model, targets, occupancy_cap, load);
    let limit = (load + 40.0 * load.sqrt() + 100.0).ceil().max(lower);
    if limit > f64::from(MAX_AGENTS) {
        return Err(AnalyticError::TooLarge(format!(
            "offered load {load:.0} Erlangs needs a search beyond {MAX_AGENTS} agents"
        )));
    }
    // Both are integral and within u32 range by the check above.
    least_meeting(lower as u32, limit as u32, |c| model.meets(c, targets))
}

/// A headcount no larger than the answer (see module docs) \[agents\].
fn lower_bound(model: &StaffingModel, targets: &[Target], cap: Option<f64>, load: f64) -> f64 {
    let by_targets = match model.mean_patience_s() {
        None => load.floor() + 1.0,
        Some(patience_s) => targets
            .iter()
            .map(|t| {
                let answered = match *t {
                    Target::ServiceLevel { share, .. } => share,
                    Target::AbandonShare { max } => 1.0 - max,
                    Target::MeanWait { max_s } => 1.0 - (max_s / patience_s).min(1.0),
                };
                (load * answered).floor()
            })
            .fold(0.0, f64::max),
    };
    by_targets.max(cap.map_or(0.0, |cap| occupancy_floor(load, cap)))
}

/// Least headcount with `load / c ≤ cap` \[agents\].
fn occupancy_floor(load: f64, cap: f64) -> f64 {
    let c = (load / cap).ceil();
    // Undo a rounding-induced extra agent, e.g. 8.5 / 0.85 = 10.000…02.
    if c >= 1.0 && load / (c - 1.0) <= cap * (1.0 + TARGET_TOLERANCE) {
        c - 1.0
    } else {
        c
    }
}

/// Least `c` in `[lower, limit]` with `meets(c)`, for a monotone `meets`.
///
/// A probe that fails with [`AnalyticError::TooLarge`] (an overloaded
/// system whose queue is too long to evaluate) is treated as not meeting
/// the targets; the answer is returned only if the headcount just below it
/// was actually evaluated and failed, otherwise that error is returned.
fn least_meeting(
    lower: u32,
    limit: u32,
    mut meets: impl FnMut(u32) -> Result<bool, AnalyticError>,
) -> Result<u32, AnalyticError> {
    // Ok(true) pass, Ok(false) fail, Err(e) fail that could not be evaluated.
    let mut probe = |c: u32| -> Result<Result<bool, AnalyticError>, AnalyticError> {
        match meets(c) {
            Ok(met) => Ok(Ok(met)),
            Err(e @ AnalyticError::TooLarge(_)) => Ok(Err(e)),
            Err(e) => Err(e),
        }
    };
    let mut fail = match probe(lower)? {
        Ok(true) => return Ok(lower),
        verdict => (lower, verdict.err()),
    };
    let mut step = 1u32;
    let mut pass = loop {
        let c = fail.0.saturating_add(step).min(limit);
        match probe(c)? {
            Ok(true) => break c,
            verdict if c >= limit => {
                return Err(verdict.err().unwrap_or(AnalyticError::Unreachable { searched_up_to: limit }));
            }
            verdict => fail = (c, verdict.err()),
        }
        step = step.saturating_mul(2);
    };
    while pass - fail.0 > 1 {
        let mid = fail.0 + (pass - fail.0) / 2;
        match probe(mid)? {
            Ok(true) => pass = mid,
            verdict => fail = (mid, verdict.err()),
        }
    }
    match fail.1 {
        None => Ok(pass),
        Some(e) => Err(e), // cannot certify that `pass − 1` misses the targets
    }
}

/// Headcount on payroll so that `required` agents remain after `shrinkage`
/// in `[0, 1)` (share of paid time not on the phones):
/// `ceil(required / (1 − shrinkage))` \[agents\].
pub fn payroll_agents(required: u32, shrinkage: f64) -> Result<u32, AnalyticError> {
    if !(0.0..1.0).contains(&shrinkage) {
        return Err(invalid("shrinkage", format!("must be in [0, 1), got {shrinkage}")));
    }
    let available = 1.0 - shrinkage;
    let need = f64::from(required);
    let mut payroll = (need / available).ceil();
    // Undo a rounding-induced extra agent, e.g. 28 / 0.7 = 40.000…01.
    if payroll >= 1.0 && (payroll - 1.0) * available >= need * (1.0 - TARGET_TOLERANCE) {
        payroll -= 1.0;
    }
    if payroll > f64::from(u32::MAX) {
        return Err(AnalyticError::TooLarge(format!(
            "{required} agents at shrinkage {shrinkage} exceed {} on payroll",
            u32::MAX
        )));
    }
    Ok(payroll as u32)
}

/// Metrics for headcounts `around − TABLE_BELOW ..= around + TABLE_ABOVE`
/// (clamped at 0), service level at `within_s` seconds.
pub fn headcount_table(model: &StaffingModel, around: u32, within_s: f64) -> Result<Vec<QueueMetrics>, AnalyticError> {
    let first = around.saturating_sub(TABLE_BELOW);
    let last = around.saturating_add(TABLE_ABOVE);
    (first..=last).map(|c| model.evaluate(c, within_s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voice(rate_per_s: f64, handle_s: f64, patience_s: Option<f64>) -> StaffingModel {
        StaffingModel::new(rate_per_s, handle_s, patience_s, ChatConcurrency::SINGLE).unwrap()
    }

    /// Linear scan from 0: the reference the galloping search must match.
    fn scan(model: &StaffingModel, targets: &[Target], cap: Option<f64>) -> u32 {
        (0..).find(|&c| model.within_occupancy_cap(c, cap) && model.meets(c, targets).unwrap()).unwrap()
    }

    #[test]
    fn search_matches_linear_scan() {
        let sl = Target::ServiceLevel { share: 0.8, within_s: 20.0 };
        let wait = Target::MeanWait { max_s: 15.0 };
        let ab = Target::AbandonShare { max: 0.03 };
        let chat = ChatConcurrency::new(3, 0.2).unwrap();
        let models = [
            voice(0.5, 180.0, None),
            voice(0.5, 180.0, Some(60.0)),
            voice(0.02, 300.0, Some(600.0)),
            StaffingModel::new(0.3, 400.0, Some(120.0), chat).unwrap(),
            StaffingModel::new(0.3, 400.0, None, chat).unwrap(),
        ];
        let target_sets: [&[Target]; 5] = [&[sl], &[wait], &[ab], &[sl, wait, ab], &[]];
        for model in &models {
            for targets in target_sets {
                for cap in [None, Some(0.85)] {
                    let got = required_agents(model, targets, cap).unwrap();
                    assert_eq!(got, scan(model, targets, cap), "{model:?} {targets:?}");
                }
            }
        }
    }

    #[test]
    fn search_gives_up_at_the_limit() {
        let never = |_| Ok(false);
        assert_eq!(least_meeting(3, 40, never), Err(AnalyticError::Unreachable { searched_up_to: 40 }));
        let from_17 = |c| Ok(c >= 17);
        assert_eq!(least_meeting(3, 40, from_17), Ok(17));
        assert_eq!(least_meeting(17, 17, from_17), Ok(17));
    }

    #[test]
    fn search_skips_unevaluable_probes_only_when_certified() {
        let too_large = || AnalyticError::TooLarge("queue".to_owned());
        // Probes below 10 cannot be evaluated; 16 is certified by 15.
        let meets = |c: u32| if c < 10 { Err(too_large()) } else { Ok(c >= 16) };
        assert_eq!(least_meeting(3, 40, meets), Ok(16));
        // The answer 10 sits right above an unevaluable probe: not certified.
        let meets = |c: u32| if c < 10 { Err(too_large()) } else { Ok(true) };
        assert_eq!(least_meeting(3, 40, meets), Err(too_large()));
        // Other errors propagate at once.
        let invalid = |_| Err(invalid("x", "bad".to_owned()));
        assert!(matches!(least_meeting(3, 40, invalid), Err(AnalyticError::InvalidInput { .. })));
    }

    #[test]
    fn very_long_patience_matches_erlang_c_requirement() {
        // Patience of ~30 years: the lowest probes are too long to evaluate,
        // yet the certified answer equals Erlang C's.
        let sl = Target::ServiceLevel { share: 0.8, within_s: 30.0 };
        let c = required_agents(&voice(5000.0 / 3600.0, 600.0, None), &[sl], None).unwrap();
        let a = required_agents(&voice(5000.0 / 3600.0, 600.0, Some(1e9)), &[sl], None).unwrap();
        assert_eq!(a, c);
    }

    #[test]
    fn perfect_targets_are_met_within_tolerance() {
        // SL = 100 % is read as ≥ 1 − 1e-12: a finite but large headcount.
        let model = voice(0.5, 180.0, None); // a = 90
        let perfect = Target::ServiceLevel { share: 1.0, within_s: 20.0 };
        let c = required_agents(&model, &[perfect], None).unwrap();
        assert!(c > 130 && c < 200, "{c}");
        assert!(model.evaluate(c, 20.0).unwrap().service_level >= 1.0 - 1e-12);
    }

    #[test]
    fn occupancy_cap_is_exact_at_the_boundary() {
        // a = 8.5 Erlangs, cap 85 % → exactly 10 agents (not 11).
        let model = voice(8.5 / 100.0, 100.0, None);
        assert_eq!(required_agents(&model, &[], Some(0.85)).unwrap(), 10);
        assert!(model.within_occupancy_cap(10, Some(0.85)));
        assert!(!model.within_occupancy_cap(9, Some(0.85)));
        assert!(model.within_occupancy_cap(0, None));
    }

    #[test]
    fn no_arrivals_need_no_agents() {
        let model = voice(0.0, 100.0, Some(30.0));
        let sl = Target::ServiceLevel { share: 0.9, within_s: 10.0 };
        assert_eq!(required_agents(&model, &[sl], Some(0.5)).unwrap(), 0);
    }

    #[test]
    fn invalid_targets_and_caps_are_rejected() {
        let model = voice(0.5, 180.0, None);
        let bad = Target::ServiceLevel { share: 1.5, within_s: 20.0 };
        assert!(required_agents(&model, &[bad], None).is_err());
        let bad_wait = Target::MeanWait { max_s: f64::NAN };
        assert!(required_agents(&model, &[bad_wait], None).is_err());
        assert!(required_agents(&model, &[], Some(0.0)).is_err());
        assert!(required_agents(&model, &[], Some(1.2)).is_err());
    }

    #[test]
    fn huge_loads_are_rejected_not_looped() {
        let model = voice(1e9, 1e3, None);
        assert!(matches!(required_agents(&model, &[], None), Err(AnalyticError::TooLarge(_))));
    }

    #[test]
    fn extreme_inputs_give_errors_or_finite_metrics() {
        let rates = [5e-324, 1e-300, 1.0, 1e300];
        let handles = [1e-300, 60.0, 1e300];
        let patiences = [None, Some(1e-300), Some(1.0), Some(1e300)];
        let chats = [ChatConcurrency::SINGLE, ChatConcurrency::new(4, 1e3).unwrap()];
        for (&rate, &handle, &patience, &chat) in itertools_product(&rates, &handles, &patiences, &chats) {
            let Ok(model) = StaffingModel::new(rate, handle, patience, chat) else { continue };
            for agents in [0, 1, 50] {
                for within in [0.0, 20.0, 1e300] {
                    if let Ok(m) = model.evaluate(agents, within) {
                        let shares = [m.p_wait, m.service_level, m.abandon_share, m.occupancy];
                        assert!(shares.iter().all(|v| (0.0..=1.0).contains(v)), "{model:?} {m:?}");
                        assert!(m.mean_wait_s.is_none_or(f64::is_finite), "{model:?} {m:?}");
                    }
                }
            }
            let sl = Target::ServiceLevel { share: 0.8, within_s: 20.0 };
            let _ = required_agents(&model, &[sl], Some(0.9)); // must return, not panic
        }
    }

    /// All combinations of four slices.
    fn itertools_product<'a, A, B, C, D>(
        a: &'a [A],
        b: &'a [B],
        c: &'a [C],
        d: &'a [D],
    ) -> impl Iterator<Item = (&'a A, &'a B, &'a C, &'a D)> {
        a.iter().flat_map(move |a| {
            b.iter().flat_map(move |b| c.iter().flat_map(move |c| d.iter().map(move |d| (a, b, c, d))))
        })
    }

    #[test]
    fn payroll_applies_shrinkage_without_rounding_artifacts() {
        assert_eq!(payroll_agents(28, 0.3).unwrap(), 40);
        assert_eq!(payroll_agents(7, 0.3).unwrap(), 10);
        assert_eq!(payroll_agents(29, 0.3).unwrap(), 42);
        assert_eq!(payroll_agents(10, 0.0).unwrap(), 10);
        assert_eq!(payroll_agents(1, 0.5).unwrap(), 2);
        assert_eq!(payroll_agents(0, 0.5).unwrap(), 0);
        assert!(payroll_agents(10, 1.0).is_err());
        assert!(payroll_agents(10, -0.1).is_err());
        assert!(payroll_agents(u32::MAX, 0.9).is_err());
    }

    #[test]
    fn table_spans_required_minus_two_to_plus_three() {
        let model = voice(0.5, 180.0, None);
        let rows = headcount_table(&model, 95, 20.0).unwrap();
        let agents: Vec<u32> = rows.iter().map(|r| r.agents).collect();
        assert_eq!(agents, vec![93, 94, 95, 96, 97, 98]);
        let rows = headcount_table(&model, 1, 20.0).unwrap();
        assert_eq!(rows.first().map(|r| r.agents), Some(0));
        assert_eq!(rows.len(), 5);
    }

    #[test]
    fn chat_model_reports_agents_not_slots() {
        let chat = ChatConcurrency::new(2, 0.5).unwrap();
        let model = StaffingModel::new(0.1, 100.0, None, chat).unwrap();
        assert!((model.effective_handle_s() - 150.0).abs() < 1e-12);
        assert!((model.agent_load_erlangs() - 7.5).abs() < 1e-12);
        let m = model.evaluate(5, 10.0).unwrap();
        assert_eq!(m.agents, 5);
        let slots = ErlangC::new(0.1, 150.0).unwrap().evaluate(10, 10.0).unwrap();
        assert_eq!(m.service_level, slots.service_level);
    }
}
