//! Erlang C: the M/M/c queue (Poisson arrivals, exponential handle times,
//! `c` agents, unlimited patience, FCFS).
//!
//! Erlang B is computed by the stable recursion `B(0) = 1`,
//! `B(k) = a·B(k−1) / (k + a·B(k−1))` (no factorials, no overflow for any
//! headcount) and Erlang C from it as `C = c·B / (c − a·(1 − B))`.
//! With `λ` arrivals/s, mean handle `h` s (`μ = 1/h`), offered load
//! `a = λ·h` and `c` agents (stable iff `a < c`):
//!
//! * probability of waiting `P(W > 0) = C`,
//! * service level `P(W ≤ t) = 1 − C·exp(−(cμ − λ)·t)`,
//! * mean wait (ASA) `E[W] = C / (cμ − λ)`,
//! * occupancy `a / c`.
//!
//! When `a ≥ c` the queue is unstable: metrics report `stable = false`,
//! `P(wait) = 1`, service level 0, occupancy 1 and no mean wait.

use super::{checked, idle_metrics, non_negative, AnalyticError, Demand, QueueMetrics};

/// Erlang B blocking probability of `servers` servers offered
/// `load_erlangs` Erlangs (M/M/c/c loss system). `B = 1` when `servers = 0`.
pub fn erlang_b(load_erlangs: f64, servers: u32) -> Result<f64, AnalyticError> {
    let a = non_negative("load_erlangs", load_erlangs)?;
    Ok(blocking(a, servers))
}

/// Erlang C probability that an arrival waits, for `servers` agents offered
/// `load_erlangs` Erlangs; 1 when `load_erlangs ≥ servers` (unstable).
pub fn erlang_c(load_erlangs: f64, servers: u32) -> Result<f64, AnalyticError> {
    let a = non_negative("load_erlangs", load_erlangs)?;
    Ok(waiting_probability(a, servers))
}

/// Erlang B for a validated load `a ≥ 0`.
pub(crate) fn blocking(a: f64, servers: u32) -> f64 {
    let mut b = 1.0;
    for k in 1..=servers {
        b = a * b / (f64::from(k) + a * b);
        if b == 0.0 {
            break; // underflowed: stays 0 for every larger headcount
        }
    }
    b
}

/// Erlang C for a validated load `a ≥ 0`.
fn waiting_probability(a: f64, servers: u32) -> f64 {
    let c = f64::from(servers);
    if a == 0.0 {
        return 0.0;
    }
    if a >= c {
        return 1.0;
    }
    let b = blocking(a, servers);
    // c − a(1 − B) written as (c − a) + aB: exact cancellation-free form.
    (c * b / ((c - a) + a * b)).clamp(0.0, 1.0)
}

/// An M/M/c (Erlang C) system: arrival rate and mean handle time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErlangC {
    demand: Demand,
}

impl ErlangC {
    /// Validates `arrival_rate_per_s ≥ 0` \[1/s\] and `mean_handle_s > 0` \[s\]
    /// (finite).
    pub fn new(arrival_rate_per_s: f64, mean_handle_s: f64) -> Result<Self, AnalyticError> {
        Ok(Self { demand: Demand::new(arrival_rate_per_s, mean_handle_s)? })
    }

    /// Arrivals and handle time.
    pub fn demand(&self) -> Demand {
        self.demand
    }

    /// Steady-state metrics with `agents` agents; the service level refers
    /// to answering within `within_s` seconds (finite, ≥ 0).
    pub fn evaluate(&self, agents: u32, within_s: f64) -> Result<QueueMetrics, AnalyticError> {
        let within_s = non_negative("within_s", within_s)?;
        let a = self.demand.offered_load_erlangs();
        if a == 0.0 {
            return Ok(idle_metrics(agents, within_s));
        }
        let c = f64::from(agents);
        if a >= c {
            return Ok(QueueMetrics {
                agents,
                stable: false,
                p_wait: 1.0,
                within_s,
                service_level: 0.0,
                mean_wait_s: None,
                abandon_share: 0.0,
                occupancy: if agents == 0 { 0.0 } else { 1.0 },
            });
        }
        let p_wait = waiting_probability(a, agents);
        let drain_per_s = (c - a) / self.demand.mean_handle_s(); // cμ − λ > 0
        checked(QueueMetrics {
            agents,
            stable: true,
            p_wait,
            within_s,
            service_level: (1.0 - p_wait * decay(drain_per_s, within_s)).clamp(0.0, 1.0),
            mean_wait_s: Some(p_wait / drain_per_s),
            abandon_share: 0.0,
            occupancy: a / c,
        })
    }
}

/// `exp(−rate·t)`, with `t = 0` giving 1 even for an overflowing rate.
fn decay(rate_per_s: f64, t: f64) -> f64 {
    if t == 0.0 {
        1.0
    } else {
        (-rate_per_s * t).exp()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erlang_b_edge_cases() {
        assert_eq!(erlang_b(3.0, 0).unwrap(), 1.0);
        assert_eq!(erlang_b(0.0, 4).unwrap(), 0.0);
        assert!((erlang_b(1.0, 1).unwrap() - 0.5).abs() < 1e-15);
        // B(2, 2) = (2²/2!) / (1 + 2 + 2) = 0.4
        assert!((erlang_b(2.0, 2).unwrap() - 0.4).abs() < 1e-15);
    }

    #[test]
    fn erlang_b_underflow_is_zero_not_nan() {
        let b = erlang_b(1.0, 4_000_000_000).unwrap();
        assert_eq!(b, 0.0);
        assert_eq!(erlang_c(1.0, 4_000_000_000).unwrap(), 0.0);
    }

    #[test]
    fn erlang_c_single_server_is_rho() {
        // M/M/1: P(wait) = ρ.
        let c = erlang_c(0.7, 1).unwrap();
        assert!((c - 0.7).abs() < 1e-14, "{c}");
    }

    #[test]
    fn rejects_invalid_inputs() {
        assert!(erlang_b(-1.0, 3).is_err());
        assert!(erlang_c(f64::NAN, 3).is_err());
        assert!(ErlangC::new(f64::INFINITY, 1.0).is_err());
        assert!(ErlangC::new(1.0, 0.0).is_err());
        let q = ErlangC::new(1.0, 1.0).unwrap();
        assert!(q.evaluate(3, -1.0).is_err());
        assert!(q.evaluate(3, f64::NAN).is_err());
    }

    #[test]
    fn unstable_system_is_flagged_without_infinities() {
        let q = ErlangC::new(2.0, 5.0).unwrap(); // a = 10
        for agents in [0, 5, 10] {
            let m = q.evaluate(agents, 20.0).unwrap();
            assert!(!m.stable);
            assert_eq!(m.p_wait, 1.0);
            assert_eq!(m.service_level, 0.0);
            assert_eq!(m.mean_wait_s, None);
            assert!(m.occupancy.is_finite());
        }
        assert!(q.evaluate(11, 20.0).unwrap().stable);
    }

    #[test]
    fn zero_arrivals_is_idle() {
        let m = ErlangC::new(0.0, 60.0).unwrap().evaluate(0, 10.0).unwrap();
        assert!(m.stable);
        assert_eq!(m.p_wait, 0.0);
        assert_eq!(m.service_level, 1.0);
        assert_eq!(m.mean_wait_s, Some(0.0));
    }

    #[test]
    fn mm1_closed_forms() {
        // M/M/1 with λ = 0.5/s, h = 1 s: W ~ P(W>0)=ρ, E[W] = ρ/(μ−λ) = 1 s,
        // P(W ≤ t) = 1 − ρ e^{−(μ−λ)t}.
        let m = ErlangC::new(0.5, 1.0).unwrap().evaluate(1, 2.0).unwrap();
        assert!((m.mean_wait_s.unwrap() - 1.0).abs() < 1e-14);
        assert!((m.service_level - (1.0 - 0.5 * (-1.0f64).exp())).abs() < 1e-14);
        assert!((m.occupancy - 0.5).abs() < 1e-15);
    }
}
