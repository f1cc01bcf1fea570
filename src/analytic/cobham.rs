//! Cobham's formula: the M/M/c queue with several classes of customers and
//! non-preemptive priority (Cobham 1954; Gross and Harris, *Fundamentals of
//! Queueing Theory*, §3.4).
//!
//! Class `k = 1..K` (1 served first) arrives as a Poisson stream of rate
//! `λ_k`; every customer's service is exponential with the common rate `μ`
//! (mean handle `h = 1/μ`); `c` agents; nobody abandons; a waiting
//! customer of a higher class is served before any of a lower class, first
//! come first served within a class, and a service once started is never
//! interrupted. With `σ_k = Σ_{i≤k} λ_i / (cμ)` (`σ_0 = 0`) and `C` the
//! Erlang C probability of waiting at the total load `a = Σλ_i / μ`, the
//! mean wait in queue of class `k` is
//!
//! ```text
//! W_k = C / (cμ · (1 − σ_{k−1}) · (1 − σ_k))
//! ```
//!
//! stable for class `k` iff `σ_k < 1`. With one class it is Erlang C's
//! `C / (cμ − λ)`; weighted by the arrival rates the classes' waits give
//! that same FCFS mean (the conservation law).

use super::erlang_c::erlang_c;
use super::{non_negative, positive, AnalyticError};

/// Mean waits in queue [s] of each class of a non-preemptive priority
/// M/M/c queue, highest priority first: `arrival_rates_per_s` [1/s] in
/// priority order, a common `mean_handle_s` [s], `servers` agents. A class
/// whose cumulative load reaches the servers waits without bound (`None`).
pub fn priority_mean_waits_s(
    arrival_rates_per_s: &[f64],
    mean_handle_s: f64,
    servers: u32,
) -> Result<Vec<Option<f64>>, AnalyticError> {
    let h = positive("mean_handle_s", mean_handle_s)?;
    if servers == 0 {
        return Err(super::invalid("servers", "must be at least 1".to_string()));
    }
    for &r in arrival_rates_per_s {
        non_negative("arrival_rates_per_s", r)?;
    }
    let capacity_per_s = f64::from(servers) / h;
    let load: f64 = arrival_rates_per_s.iter().sum::<f64>() * h;
    let waiting = erlang_c(load, servers)?;
    let mut sigma_before = 0.0;
    let mut waits = Vec::with_capacity(arrival_rates_per_s.len());
    for &rate in arrival_rates_per_s {
        let sigma = sigma_before + rate / capacity_per_s;
        waits.push((sigma < 1.0).then(|| waiting / (capacity_per_s * (1.0 - sigma_before) * (1.0 - sigma))));
        sigma_before = sigma;
    }
    Ok(waits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytic::ErlangC;

    #[test]
    fn one_agent_gives_the_textbook_mm1_values() {
        // M/M/1, μ = 1, λ₁ = λ₂ = 0.25: W₀ = ρ/μ = 0.5; W₁ = 0.5/0.75 = 2/3,
        // W₂ = 0.5/(0.75 × 0.5) = 4/3.
        let w = priority_mean_waits_s(&[0.25, 0.25], 1.0, 1).unwrap();
        assert!((w[0].unwrap() - 2.0 / 3.0).abs() < 1e-12, "{w:?}");
        assert!((w[1].unwrap() - 4.0 / 3.0).abs() < 1e-12, "{w:?}");
    }

    #[test]
    fn the_classes_conserve_the_fcfs_mean_wait_and_one_class_is_erlang_c() {
        // 120/h and 420/h on 10 agents of 60 s: a = 9 Erlangs.
        let rates = [120.0 / 3600.0, 420.0 / 3600.0];
        let w = priority_mean_waits_s(&rates, 60.0, 10).unwrap();
        let fcfs = ErlangC::new(rates.iter().sum(), 60.0).unwrap().evaluate(10, 0.0).unwrap().mean_wait_s.unwrap();
        let weighted = (rates[0] * w[0].unwrap() + rates[1] * w[1].unwrap()) / rates.iter().sum::<f64>();
        assert!((weighted - fcfs).abs() < 1e-9 * fcfs, "{weighted} {fcfs}");
        assert!(w[0].unwrap() < fcfs && fcfs < w[1].unwrap());
        let one = priority_mean_waits_s(&[rates.iter().sum()], 60.0, 10).unwrap();
        assert!((one[0].unwrap() - fcfs).abs() < 1e-12 * fcfs);
    }

    #[test]
    fn a_class_beyond_the_capacity_waits_without_bound() {
        let w = priority_mean_waits_s(&[0.5, 0.6], 1.0, 1).unwrap();
        assert!(w[0].is_some() && w[1].is_none(), "{w:?}");
        assert!(priority_mean_waits_s(&[0.5], 0.0, 1).is_err());
        assert!(priority_mean_waits_s(&[0.5], 1.0, 0).is_err());
        assert!(priority_mean_waits_s(&[-0.5], 1.0, 1).is_err());
    }
}
