//! Erlang A: the M/M/c+M queue (Palm's model). Callers have exponential
//! patience with mean `1/θ` and abandon only while waiting; agents serve at
//! rate `μ = 1/h`. The system is stable for every load because `θ > 0`.
//!
//! # Method
//! The number in system is a birth–death chain with birth rate `λ` and death
//! rate `μ·min(n, c) + θ·max(n − c, 0)`. Its stationary law is built in log
//! space relative to state `c` (no factorials, no overflow) and truncated
//! above `c` once a geometric bound on the remaining tail mass drops below
//! `1e-16` (the ratios `λ / (cμ + jθ)` decrease in `j`, so the bound is
//! rigorous). From it:
//!
//! * `p_wait = P(N ≥ c)` (PASTA),
//! * `abandon_share = θ·E[Lq] / λ` (abandonment flow over arrival flow),
//! * `mean_wait_s = E[Lq] / λ` over all arrivals (Little; abandoners'
//!   waits included),
//! * `occupancy = E[min(N, c)] / c`.
//!
//! # Service level convention
//! [`QueueMetrics::service_level`] (also [`ErlangA::answered_within_t`]) is
//! `P(an arrival is answered with wait ≤ t)` over **all** arrivals:
//! abandoners count as failures, even those who hang up before `t`. The
//! "among answered" variant is
//! [`QueueMetrics::service_level_among_answered`].
//!
//! It is computed exactly: an arrival finding `n ≥ c` in system has `j = n − c`
//! callers ahead. While `i` callers are ahead the queue position advances at
//! rate `cμ + iθ` (a service completion or an abandonment ahead; from `i = 0`
//! the advance is the tagged caller's own service) and the tagged caller
//! abandons at rate `θ`. The probability of absorbing in "served" by `t` in
//! this small pure-death CTMC is computed by uniformisation with rate
//! `Λ = cμ + Jθ`: `Σ_k Poisson(k; Λt)·S_k`, where `S_k` is the served mass
//! after `k` steps. All terms are non-negative (no cancellation). The
//! Poisson weights are formed from the mode outwards over mode ± 10σ (+20)
//! and renormalised, so the neglected Poisson mass is below 1e-17; the chain
//! is stopped once its transient mass is below 1e-17. Queue positions that
//! provably cannot be answered within `t` (probability < 2e-17, bound in
//! `useful_states`) are dropped first, and thresholds long enough that every
//! caller still waiting at `t` has almost surely abandoned (`θt ≥ 39`) or
//! been reached by `j + 1` services use the exact "served eventually" share
//! `cμ / (cμ + (j+1)θ)` instead. This keeps the work near
//! `(cμt)²/e^{−θt}` state updates even for very long queues. The absolute
//! error of the service level is therefore about 1e-15, dominated by
//! rounding; a work limit turns pathological inputs into
//! [`AnalyticError::TooLarge`].

use super::{checked, idle_metrics, non_negative, positive, AnalyticError, Demand, QueueMetrics};

/// Stationary tail mass (relative) neglected when truncating the queue.
const TAIL_TOLERANCE: f64 = 1e-16;
/// Transient mass below which the tagged caller's chain counts as absorbed.
const ABSORBED_TOLERANCE: f64 = 1e-17;
/// Half-width of the Poisson window in standard deviations.
const POISSON_SIGMAS: f64 = 10.0;
/// Extra Poisson window width for small means \[steps\].
const POISSON_SLACK: f64 = 20.0;
/// Largest number of chain states (agents plus queue positions) evaluated.
pub const MAX_STATES: usize = 4_000_000;
/// Largest number of state updates in one service-level computation.
const MAX_UPDATES: u64 = 1_000_000_000;

/// An M/M/c+M (Erlang A) system: arrivals, handle time and mean patience.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErlangA {
    demand: Demand,
    mean_patience_s: f64,
}

/// Stationary law of the number in system, split at `c`.
struct Stationary {
    /// `P(N < c)`.
    p_no_wait: f64,
    /// `E[N; N < c]`, i.e. `Σ_{n<c} n·π_n`.
    busy_below: f64,
    /// `π_{c+j}` for queue lengths `j = 0..J` (truncated).
    queue: Vec<f64>,
}

impl ErlangA {
    /// Validates `arrival_rate_per_s ≥ 0` \[1/s\], `mean_handle_s > 0` \[s\] and
    /// `mean_patience_s > 0` \[s\] (all finite).
    pub fn new(arrival_rate_per_s: f64, mean_handle_s: f64, mean_patience_s: f64) -> Result<Self, AnalyticError> {
        Ok(Self {
            demand: Demand::new(arrival_rate_per_s, mean_handle_s)?,
            mean_patience_s: positive("mean_patience_s", mean_patience_s)?,
        })
    }

    /// Arrivals and handle time.
    pub fn demand(&self) -> Demand {
        self.demand
    }

    /// Mean patience \[s\] (`1/θ`).
    pub fn mean_patience_s(&self) -> f64 {
        self.mean_patience_s
    }

    /// Share of all arrivals answered with a wait of at most `within_s`
    /// seconds (abandoners count as failures); see the module docs.
    pub fn answered_within_t(&self, agents: u32, within_s: f64) -> Result<f64, AnalyticError> {
        Ok(self.evaluate(agents, within_s)?.service_level)
    }

    /// Share of arrivals that abandon before being served.
    pub fn share_abandoned(&self, agents: u32) -> Result<f64, AnalyticError> {
        Ok(self.evaluate(agents, 0.0)?.abandon_share)
    }

    /// Steady-state metrics with `agents` agents; the service level is
    /// [`Self::answered_within_t`] at `within_s` seconds (finite, ≥ 0).
    pub fn evaluate(&self, agents: u32, within_s: f64) -> Result<QueueMetrics, AnalyticError> {
        let within_s = non_negative("within_s", within_s)?;
        let lambda = self.demand.arrival_rate_per_s();
        if lambda == 0.0 || self.demand.offered_load_erlangs() == 0.0 {
            return Ok(idle_metrics(agents, within_s)); // no (or negligible) demand
        }
        let law = self.stationary(agents)?;
        let c = f64::from(agents);
        let theta = 1.0 / self.mean_patience_s;
        let p_wait: f64 = law.queue.iter().sum();
        let mean_queue: f64 = law.queue.iter().enumerate().map(|(j, p)| j as f64 * p).sum();
        let service_per_s = c / self.demand.mean_handle_s();
        let answered_late = answered_from_queue(&law.queue, service_per_s, theta, within_s)?;
        let busy = law.busy_below + c * p_wait;
        checked(QueueMetrics {
            agents,
            stable: true,
            p_wait: p_wait.clamp(0.0, 1.0),
            within_s,
            service_level: (law.p_no_wait + answered_late).clamp(0.0, 1.0),
            mean_wait_s: Some(mean_queue / lambda),
            abandon_share: (theta * mean_queue / lambda).clamp(0.0, 1.0),
            occupancy: if agents == 0 { 0.0 } else { (busy / c).clamp(0.0, 1.0) },
        })
    }

    /// Stationary law for `agents` agents (requires `λ > 0`).
    fn stationary(&self, agents: u32) -> Result<Stationary, AnalyticError> {
        let c = usize::try_from(agents).unwrap_or(usize::MAX);
        if c >= MAX_STATES {
            return Err(too_many_states(agents));
        }
        let lambda = self.demand.arrival_rate_per_s();
        let a = self.demand.offered_load_erlangs();
        let theta = 1.0 / self.mean_patience_s;
        let service_all = f64::from(agents) / self.demand.mean_handle_s();
        // The queue keeps growing until cμ + jθ exceeds λ: refuse up front
        // when that alone needs too many states.
        let growing = ((lambda - service_all) / theta).max(0.0);
        if growing >= (MAX_STATES - c) as f64 {
            return Err(too_many_states(agents));
        }

        // ln(π_n / π_c): downwards π_{n−1} = π_n · n/a, upwards
        // π_{c+j} = π_{c+j−1} · λ / (cμ + jθ).
        let mut below = vec![0.0; c];
        let mut ln_q = 0.0;
        let ln_a = a.ln(); // ln(n) − ln(a): safe even for a subnormal load
        for n in (1..=c).rev() {
            ln_q += (n as f64).ln() - ln_a;
            below[n - 1] = ln_q;
        }
        let mut max_ln = below.iter().copied().fold(0.0, f64::max);
        let mut queue_ln = vec![0.0];
        ln_q = 0.0;
        loop {
            let ratio = lambda / (service_all + queue_ln.len() as f64 * theta);
            if ratio < 1.0 {
                // Ratios only decrease, so the tail beyond the last state is
                // at most π_last · r / (1 − r) (geometric bound).
                let tail_ln = ln_q + (ratio / (1.0 - ratio)).ln();
                if tail_ln - max_ln < TAIL_TOLERANCE.ln() {
                    break;
                }
            }
            if c + queue_ln.len() >= MAX_STATES {
                return Err(too_many_states(agents));
            }
            ln_q += ratio.ln();
            max_ln = max_ln.max(ln_q);
            queue_ln.push(ln_q);
        }

        let weight = |l: &f64| (l - max_ln).exp();
        let total: f64 = below.iter().chain(&queue_ln).map(weight).sum();
        let (mut p_no_wait, mut busy_below) = (0.0, 0.0);
        for (n, l) in below.iter().enumerate() {
            let p = weight(l) / total;
            p_no_wait += p;
            busy_below += n as f64 * p;
        }
        let queue = queue_ln.iter().map(|l| weight(l) / total).collect();
        Ok(Stationary { p_no_wait, busy_below, queue })
    }
}

fn too_many_states(agents: u32) -> AnalyticError {
    AnalyticError::TooLarge(format!(
        "Erlang A with {agents} agents needs more than {MAX_STATES} states \
         (patience very long relative to the overload?)"
    ))
}

/// `Σ_j queue[j] · P(caller with j ahead is served within t)`, where the
/// caller's chain advances from `i` ahead at rate `service_per_s + i·θ` and
/// abandons at rate `θ` (see module docs).
pub(crate) fn answered_from_queue(queue: &[f64], service_per_s: f64, theta: f64, t: f64) -> Result<f64, AnalyticError> {
    if queue.is_empty() || service_per_s <= 0.0 || t <= 0.0 {
        return Ok(0.0);
    }
    // Served eventually from j ahead: Π_i (cμ + iθ)/(cμ + (i+1)θ), which
    // telescopes to cμ/(cμ + (j+1)θ). Served later than t needs the caller's
    // own patience to exceed t (probability e^{−θt}) and ≥ j+1 services not
    // yet done by t (probability ≤ P(Poisson(cμt) ≤ j)); when either is
    // negligible for every position, the eventual share is the answer.
    let (services_lo, _) = poisson_window(service_per_s * t);
    if theta * t >= -ABSORBED_TOLERANCE.ln() || services_lo > queue.len() as u64 {
        let eventual = |(j, p): (usize, &f64)| p * service_per_s / (service_per_s + (j + 1) as f64 * theta);
        return Ok(queue.iter().enumerate().map(eventual).sum());
    }
    let states = useful_states(queue.len(), service_per_s, theta, t);
    absorbed_by(&queue[..states], service_per_s, theta, t)
}

/// Uniformisation of the caller's chain started from `queue` (see module
/// docs): the mass absorbed in "served" by `t`.
fn absorbed_by(queue: &[f64], service_per_s: f64, theta: f64, t: f64) -> Result<f64, AnalyticError> {
    let states = queue.len();
    let uniform = service_per_s + theta * states as f64;
    if !uniform.is_finite() {
        return Err(AnalyticError::TooLarge(format!("uniformisation rate {uniform} per s overflows")));
    }
    let advance: Vec<f64> = (0..states).map(|i| (service_per_s + i as f64 * theta) / uniform).collect();
    let stay: Vec<f64> =
        (0..states).map(|i| (1.0 - (service_per_s + (i + 1) as f64 * theta) / uniform).max(0.0)).collect();
    let x = uniform * t;
    let (k_lo, k_hi) = poisson_window(x);

    let mut mass = queue.to_vec();
    let mut served = 0.0;
    let mut served_at = Vec::new(); // S_k for k = k_lo, k_lo + 1, ...
    let mut k: u64 = 0;
    loop {
        if k >= k_lo {
            served_at.push(served);
        }
        if k >= k_hi {
            break;
        }
        if (k + 1).saturating_mul(states as u64) > MAX_UPDATES {
            return Err(AnalyticError::TooLarge(format!(
                "Erlang A service level needs more than {MAX_UPDATES} state updates \
                 ({states} queue states, threshold {t} s)"
            )));
        }
        served += mass[0] * advance[0];
        let mut transient = 0.0;
        for i in 0..states {
            let inflow = if i + 1 < states { mass[i + 1] * advance[i + 1] } else { 0.0 };
            mass[i] = mass[i] * stay[i] + inflow;
            transient += mass[i];
        }
        k += 1;
        if transient < ABSORBED_TOLERANCE || transient.is_nan() {
            break; // NaN cannot arise from valid inputs; `checked` reports it
        }
    }
    if k < k_lo {
        return Ok(served); // absorbed before the Poisson window starts
    }
    let weights = poisson_weights(x, k_lo, k_hi);
    Ok(weights.iter().enumerate().map(|(i, w)| w * served_at.get(i).copied().unwrap_or(served)).sum())
}

/// Number of leading queue positions worth following for threshold `t`.
///
/// A caller with `j` ahead is answered by `t` only if `j + 1` advances happen
/// by `t`. An advance is a service completion (a Poisson process of rate
/// `cμ`, `N(t)` events by `t`) or the abandonment of one of the `j` callers
/// ahead, each at most once and only if its Exp(θ) patience ends by `t`. So
/// the caller needs `N(t) ≥ 1 + B` with `B ~ Binomial(j, q)`, `q = e^{−θt}`,
/// the callers ahead still patient at `t`; since `Binomial(j + 1, q)` is
/// stochastically below `1 + B`, for any `k`:
/// `P(answered by t) ≤ P(N(t) ≥ k) + P(Binomial(j + 1, q) < k)`.
/// With `k` the top of the Poisson window and Hoeffding's bound
/// `P(Bin(n, q) < k) ≤ exp(−2(nq − k)²/n)`, positions with `j + 1 ≥ n` are
/// answered with probability below 2e-17 and are dropped.
fn useful_states(states: usize, service_per_s: f64, theta: f64, t: f64) -> usize {
    let (_, k) = poisson_window(service_per_s * t);
    let q = (-theta * t).exp();
    let z = -ABSORBED_TOLERANCE.ln() / 2.0; // Hoeffding exponent target
    let root_n = (z.sqrt() + (z + 4.0 * q * k as f64).sqrt()) / (2.0 * q);
    let n = (root_n * root_n).ceil();
    if q > 0.0 && n.is_finite() && n < states as f64 {
        (n as usize).max(1)
    } else {
        states
    }
}

/// Step range `[lo, hi]` holding all but ~1e-17 of the Poisson(`x`) mass;
/// `[u64::MAX, u64::MAX]` for an infinite mean (only absorption matters).
fn poisson_window(x: f64) -> (u64, u64) {
    if !x.is_finite() {
        return (u64::MAX, u64::MAX);
    }
    let spread = POISSON_SIGMAS * x.sqrt() + POISSON_SLACK;
    // `as` saturates, so enormous means cannot overflow.
    ((x - spread).max(0.0).floor() as u64, (x + spread).ceil() as u64)
}

/// Poisson(`x`) probabilities for `k = lo..=hi`, built from the mode
/// outwards by ratios and renormalised over the window.
fn poisson_weights(x: f64, lo: u64, hi: u64) -> Vec<f64> {
    // Callers reach here only after ≥ `lo` chain steps, so the window
    // (≈ 20·√x wide) is bounded by the work limit.
    let len = usize::try_from(hi.saturating_sub(lo).saturating_add(1)).unwrap_or(usize::MAX);
    let mode = (x.floor() as u64).clamp(lo, hi);
    let mut w = vec![0.0; len];
    let m = (mode - lo) as usize;
    w[m] = 1.0;
    for i in (0..m).rev() {
        w[i] = w[i + 1] * (lo + i as u64 + 1) as f64 / x;
    }
    for i in m + 1..len {
        w[i] = w[i - 1] * x / (lo + i as u64) as f64;
    }
    let total: f64 = w.iter().sum();
    w.iter_mut().for_each(|v| *v /= total);
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytic::ErlangC;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn single_position_matches_closed_form() {
        // One caller at the head: served before abandoning, within t, with
        // probability cμ/(cμ+θ)·(1 − e^{−(cμ+θ)t}).
        let (s, th) = (0.5, 0.2);
        for t in [0.1, 1.0, 5.0, 40.0] {
            let got = answered_from_queue(&[1.0], s, th, t).unwrap();
            let want = s / (s + th) * (1.0 - (-(s + th) * t).exp());
            assert!(close(got, want, 1e-13), "t={t}: {got} vs {want}");
        }
    }

    #[test]
    fn second_position_matches_hypoexponential() {
        // One caller ahead: advance rates r1 = s+θ (from 1 ahead, total exit
        // s+2θ) then s (total exit s+θ); success needs both advances.
        let (s, th, t): (f64, f64, f64) = (0.3, 0.1, 7.0);
        let (e1, e0) = (s + 2.0 * th, s + th);
        let path = (s + th) / e1 * s / e0;
        let cdf = 1.0 - (e1 * (-e0 * t).exp() - e0 * (-e1 * t).exp()) / (e1 - e0);
        let got = answered_from_queue(&[0.0, 1.0], s, th, t).unwrap();
        assert!(close(got, path * cdf, 1e-13), "{got} vs {}", path * cdf);
    }

    #[test]
    fn dropping_hopeless_positions_changes_nothing() {
        // Long queue (positions up to 3000), short threshold: most positions
        // cannot be reached in time and are dropped.
        let queue: Vec<f64> = (0..3000).map(|j| (-(j as f64 - 1500.0).powi(2) / 2e5).exp() / 800.0).collect();
        let (s, th, t) = (2.0, 1.0 / 300.0, 30.0);
        assert!(useful_states(queue.len(), s, th, t) < 300);
        let full = absorbed_by(&queue, s, th, t).unwrap();
        let fast = answered_from_queue(&queue, s, th, t).unwrap();
        assert!(close(fast, full, 1e-15), "{fast} vs {full}");
        // With a long threshold nothing can be dropped.
        assert_eq!(useful_states(queue.len(), s, th, 3000.0), queue.len());
    }

    #[test]
    fn long_threshold_shortcut_matches_uniformisation() {
        // θt = 40: the shortcut applies; the chain run to t must agree.
        let queue: Vec<f64> = (0..60).map(|j| 0.5f64.powi(j + 1)).collect();
        let (s, th) = (0.8, 0.5);
        let t = 80.0;
        let shortcut = answered_from_queue(&queue, s, th, t).unwrap();
        let chain = absorbed_by(&queue, s, th, t).unwrap();
        assert!(close(shortcut, chain, 1e-14), "{shortcut} vs {chain}");
    }

    #[test]
    fn huge_threshold_gives_eventual_service_share() {
        let got = answered_from_queue(&[1.0], 0.5, 0.5, 1e12).unwrap();
        assert!(close(got, 0.5, 1e-15), "{got}");
    }

    #[test]
    fn poisson_weights_sum_to_one_and_match_pmf() {
        let x = 3.0;
        let (lo, hi) = poisson_window(x);
        let w = poisson_weights(x, lo, hi);
        assert!(close(w.iter().sum::<f64>(), 1.0, 1e-15));
        assert!(close(w[2], (-x).exp() * 4.5, 1e-15));
    }

    #[test]
    fn zero_agents_everyone_abandons() {
        let q = ErlangA::new(0.1, 300.0, 60.0).unwrap();
        let m = q.evaluate(0, 30.0).unwrap();
        assert!(close(m.abandon_share, 1.0, 1e-12));
        assert_eq!(m.service_level, 0.0);
        assert!(close(m.p_wait, 1.0, 1e-12));
        // Every caller waits out their whole patience.
        assert!(close(m.mean_wait_s.unwrap(), 60.0, 1e-9));
    }

    #[test]
    fn flow_balance_and_limits_in_t() {
        // Throughput identity λ(1 − P_ab) = μ·E[busy], SL(0) = P(no wait),
        // SL(∞) = 1 − P_ab.
        let q = ErlangA::new(50.0 / 60.0, 240.0, 180.0).unwrap(); // a = 200
        for agents in [150, 195, 200, 210] {
            let m = q.evaluate(agents, 0.0).unwrap();
            let carried = m.occupancy * f64::from(agents);
            assert!(close(carried, 200.0 * (1.0 - m.abandon_share), 1e-9));
            assert!(close(m.service_level, 1.0 - m.p_wait, 1e-12));
            let late = q.evaluate(agents, 1e7).unwrap();
            assert!(close(late.service_level, 1.0 - m.abandon_share, 1e-12));
        }
    }

    #[test]
    fn long_patience_approaches_erlang_c() {
        let (rate, handle) = (10.0 / 120.0, 120.0); // a = 10
        let c = ErlangC::new(rate, handle).unwrap().evaluate(12, 20.0).unwrap();
        let a = ErlangA::new(rate, handle, 1e10).unwrap().evaluate(12, 20.0).unwrap();
        assert!(close(a.p_wait, c.p_wait, 1e-6));
        assert!(close(a.service_level, c.service_level, 1e-6));
        assert!(close(a.mean_wait_s.unwrap(), c.mean_wait_s.unwrap(), 1e-4));
        assert!(a.abandon_share < 1e-8);
    }

    #[test]
    fn convenience_accessors_agree_with_evaluate() {
        let q = ErlangA::new(0.2, 100.0, 50.0).unwrap();
        let m = q.evaluate(18, 15.0).unwrap();
        assert_eq!(q.answered_within_t(18, 15.0).unwrap(), m.service_level);
        assert_eq!(q.share_abandoned(18).unwrap(), m.abandon_share);
        assert!(m.service_level_among_answered() >= m.service_level);
    }

    #[test]
    fn rejects_invalid_inputs() {
        assert!(ErlangA::new(1.0, 1.0, 0.0).is_err());
        assert!(ErlangA::new(1.0, f64::NAN, 1.0).is_err());
        assert!(ErlangA::new(-0.1, 1.0, 1.0).is_err());
        let q = ErlangA::new(1.0, 1.0, 1.0).unwrap();
        assert!(q.evaluate(2, f64::INFINITY).is_err());
        assert!(q.evaluate(u32::MAX, 1.0).is_err());
    }
}
