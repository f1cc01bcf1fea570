//! Integration tests of `peakplan::analytic`: published Erlang B / Erlang C
//! values (sources cited per test), independent re-computations (log-space
//! direct sums, Poisson identities, ODE integration) and monotonicity.

use peakplan::analytic::{
    erlang_b, erlang_c, headcount_table, required_agents, ChatConcurrency, ErlangA, ErlangC, StaffingModel, Target,
};
use proptest::prelude::*;
use statrs::distribution::{Discrete, DiscreteCDF, Poisson};

fn rel_close(got: f64, want: f64, rel: f64) -> bool {
    (got - want).abs() <= rel * want.abs().max(f64::MIN_POSITIVE)
}

fn voice(rate_per_h: f64, handle_s: f64) -> StaffingModel {
    StaffingModel::new(rate_per_h / 3600.0, handle_s, None, ChatConcurrency::SINGLE).unwrap()
}

/// Erlang C by direct summation of `a^k/k!` in log space (ln k! accumulated
/// term by term), independent of the Erlang B recursion under test.
fn erlang_c_direct(a: f64, c: u32) -> f64 {
    let mut ln_fact = 0.0;
    let ln_terms: Vec<f64> = (0..=c)
        .map(|k| {
            if k > 0 {
                ln_fact += f64::from(k).ln();
            }
            f64::from(k) * a.ln() - ln_fact
        })
        .collect();
    let ln_top = ln_terms[c as usize] + (f64::from(c) / (f64::from(c) - a)).ln();
    let max = ln_terms.iter().copied().fold(ln_top, f64::max);
    let below: f64 = ln_terms[..c as usize].iter().map(|t| (t - max).exp()).sum();
    let top = (ln_top - max).exp();
    top / (below + top)
}

// --- Published values -----------------------------------------------------

/// Westbay Engineers, Erlang calculator manual, "How much traffic can a trunk
/// group handle?" (https://erlang.com/calculatormanual/howmuchtrafficcanatrunkgrouphandle.htm):
/// 15 lines at 1 % blocking carry 8.108 Erlangs. The load is quoted to 3
/// decimals, which moves B by < 5e-6.
#[test]
fn erlang_b_matches_westbay_15_lines_1_percent() {
    let b = erlang_b(8.108, 15).unwrap();
    assert!((b - 0.01).abs() < 1e-5, "{b}");
}

/// Erlang C table value a = 10 Erlangs, c = 12 agents: C = 0.44939 (hand
/// recursion B(12) = 0.119741, C = 12B / (12 − 10(1 − B))), confirmed here by
/// an independent direct sum.
#[test]
fn erlang_c_a10_c12() {
    let c = erlang_c(10.0, 12).unwrap();
    assert!((c - 0.44939).abs() < 5e-6, "{c}");
    assert!(rel_close(c, erlang_c_direct(10.0, 12), 1e-12));
}

/// Erlang C calculator example of the "Erlang" pages by V. R.
/// (http://personal.telefonica.terra.es/web/vr/erlang/eng/mcerlc.htm):
/// 600 calls/h of 120 s = 20 Erlangs; a delay probability of at most 15 %
/// needs 26 circuits, the average delay is then "3 seconds per call"
/// (rounded), and 30 circuits reduce the delay probability to 2.5 %.
#[test]
fn erlang_c_matches_vr_calculator_example() {
    let queue = ErlangC::new(600.0 / 3600.0, 120.0).unwrap();
    assert!(rel_close(queue.demand().offered_load_erlangs(), 20.0, 1e-12));
    // P(wait) ≤ 15 % is a service level of 85 % within 0 s.
    let target = Target::ServiceLevel { share: 0.85, within_s: 0.0 };
    assert_eq!(required_agents(&voice(600.0, 120.0), &[target], None), Ok(26));
    let at_26 = queue.evaluate(26, 0.0).unwrap();
    let wait = at_26.mean_wait_s.unwrap();
    assert!((2.5..3.5).contains(&wait), "{wait}");
    let at_30 = queue.evaluate(30, 0.0).unwrap();
    assert!((at_30.p_wait - 0.025).abs() < 5e-4, "{}", at_30.p_wait);
}

/// Jones the Net, "Erlang uplift"
/// (http://www.jonesthenet.com/budgeting/service-levels-erlang/erlang-uplift/):
/// 250 calls/h, AHT 330 s (22.9 Erlangs), 80 % answered in 30 s needs 28
/// advisors.
#[test]
fn staffing_matches_jonesthenet_uplift_example() {
    let model = voice(250.0, 330.0);
    assert!((model.offered_load_erlangs() - 22.9).abs() < 0.02);
    let target = Target::ServiceLevel { share: 0.8, within_s: 30.0 };
    assert_eq!(required_agents(&model, &[target], None), Ok(28));
    let rows = headcount_table(&model, 28, 30.0).unwrap();
    let sl = |agents: u32| rows.iter().find(|r| r.agents == agents).map(|r| r.service_level).unwrap();
    assert!(sl(27) < 0.8 && sl(28) >= 0.8);
}

/// The classic step-by-step example reproduced by many Erlang C tutorials
/// (e.g. Mitan Ltd, "The Erlang-C formula"): 360 calls per half hour, 4 min
/// per call, 55 agents, 15 s answer target → traffic intensity 48 Erlangs and
/// occupancy 0.873 (published); P(wait), ASA and SL are checked against the
/// independent direct sum and the closed forms.
#[test]
fn classic_360_calls_per_half_hour_example() {
    let queue = ErlangC::new(360.0 / 1800.0, 240.0).unwrap();
    assert!(rel_close(queue.demand().offered_load_erlangs(), 48.0, 1e-12));
    let m = queue.evaluate(55, 15.0).unwrap();
    assert!((m.occupancy - 0.873).abs() < 5e-4);
    let c = erlang_c_direct(48.0, 55);
    assert!(rel_close(m.p_wait, c, 1e-12), "{} vs {c}", m.p_wait);
    assert!((m.p_wait - 0.2387).abs() < 1e-4);
    let asa = c * 240.0 / 7.0;
    assert!(rel_close(m.mean_wait_s.unwrap(), asa, 1e-12));
    let sl = 1.0 - c * (-7.0 * 15.0 / 240.0_f64).exp();
    assert!(rel_close(m.service_level, sl, 1e-12));
}

// --- Large systems ----------------------------------------------------------

/// 300+ agents at 95 %+ load: finite, in [0, 1], and equal to the log-space
/// direct sum within 1e-10 relative.
#[test]
fn large_systems_match_log_space_direct_sum() {
    for (c, load) in [(300u32, 0.95), (1000, 0.95), (5000, 0.99), (300, 0.999)] {
        let a = f64::from(c) * load;
        let got = erlang_c(a, c).unwrap();
        assert!(got.is_finite() && (0.0..=1.0).contains(&got));
        let want = erlang_c_direct(a, c);
        assert!(rel_close(got, want, 1e-10), "c={c}: {got} vs {want}");
        let m = ErlangC::new(a / 300.0, 300.0).unwrap().evaluate(c, 20.0).unwrap();
        assert!(m.stable && m.mean_wait_s.unwrap().is_finite());
        assert!((0.0..=1.0).contains(&m.service_level));
    }
}

/// Erlang A at 300 agents and 95 % load stays finite and sane.
#[test]
fn large_erlang_a_is_finite() {
    let q = ErlangA::new(285.0 / 300.0, 300.0, 120.0).unwrap();
    let m = q.evaluate(300, 20.0).unwrap();
    for v in [m.p_wait, m.service_level, m.abandon_share, m.occupancy] {
        assert!(v.is_finite() && (0.0..=1.0).contains(&v), "{m:?}");
    }
    assert!(m.mean_wait_s.unwrap().is_finite());
}

// --- Erlang A limit identities and independent computation ------------------

/// θ → 0 (patience → ∞): Erlang A converges to Erlang C.
#[test]
fn erlang_a_long_patience_is_erlang_c() {
    for (rate, handle, agents) in [(0.2, 50.0, 12u32), (1.0, 285.0, 300), (0.05, 600.0, 33)] {
        let c = ErlangC::new(rate, handle).unwrap().evaluate(agents, 20.0).unwrap();
        let a = ErlangA::new(rate, handle, 1e11).unwrap().evaluate(agents, 20.0).unwrap();
        assert!((a.p_wait - c.p_wait).abs() < 1e-6, "{a:?} {c:?}");
        assert!((a.service_level - c.service_level).abs() < 1e-6);
        assert!((a.occupancy - c.occupancy).abs() < 1e-6);
    }
}

/// θ = μ: every customer leaves at rate μ whether waiting or served, so the
/// number in system is M/M/∞, i.e. Poisson(a). Then P(wait) = P(N ≥ c),
/// abandon share = E[(N − c)+] / a and busy agents = E[min(N, c)].
#[test]
fn erlang_a_patience_equal_to_handle_is_poisson() {
    let (rate, handle) = (0.2, 50.0); // a = 10
    let poisson = Poisson::new(10.0).unwrap();
    for agents in [1u32, 8, 10, 12, 20] {
        let m = ErlangA::new(rate, handle, handle).unwrap().evaluate(agents, 0.0).unwrap();
        let p_wait = poisson.sf(u64::from(agents) - 1);
        let excess: f64 = (u64::from(agents)..200).map(|n| (n - u64::from(agents)) as f64 * poisson.pmf(n)).sum();
        assert!((m.p_wait - p_wait).abs() < 1e-12, "{agents}: {m:?}");
        assert!((m.abandon_share - excess / 10.0).abs() < 1e-12);
        let busy = 10.0 - excess;
        assert!((m.occupancy * f64::from(agents) - busy).abs() < 1e-10);
    }
}

/// Share answered within `t` for M/M/c+M computed independently of the
/// library: the stationary law by plain products of birth/death ratios on
/// `0..=n_max`, and the tagged caller's absorption in "served" by RK4
/// integration (step `dt`) of the Kolmogorov forward equations of the chain
/// "i callers ahead" (advance at cμ + iθ, own abandonment at θ).
fn answered_within_by_ode(lambda: f64, mu: f64, theta: f64, c: usize, t: f64, dt: f64, n_max: usize) -> f64 {
    let mut q = vec![1.0f64; n_max + 1];
    for n in 1..=n_max {
        let death = mu * n.min(c) as f64 + theta * n.saturating_sub(c) as f64;
        q[n] = q[n - 1] * lambda / death;
    }
    let total: f64 = q.iter().sum();
    let pi: Vec<f64> = q.iter().map(|x| x / total).collect();
    let advance = |i: usize| c as f64 * mu + i as f64 * theta;
    let deriv = |p: &[f64]| -> (Vec<f64>, f64) {
        let d = (0..p.len())
            .map(|i| p.get(i + 1).map_or(0.0, |x| x * advance(i + 1)) - (advance(i) + theta) * p[i])
            .collect();
        (d, advance(0) * p[0])
    };
    let axpy = |p: &[f64], k: &[f64], h: f64| -> Vec<f64> { p.iter().zip(k).map(|(x, y)| x + h * y).collect() };
    let steps = (t / dt).round() as usize;
    let h = t / steps as f64;
    let mut p = pi[c..].to_vec();
    let mut served = 0.0;
    for _ in 0..steps {
        let (k1, s1) = deriv(&p);
        let (k2, s2) = deriv(&axpy(&p, &k1, h / 2.0));
        let (k3, s3) = deriv(&axpy(&p, &k2, h / 2.0));
        let (k4, s4) = deriv(&axpy(&p, &k3, h));
        for i in 0..p.len() {
            p[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
        }
        served += h / 6.0 * (s1 + 2.0 * s2 + 2.0 * s3 + s4);
    }
    pi[..c].iter().sum::<f64>() + served
}

/// Erlang A service level against [`answered_within_by_ode`]. The second
/// case (one agent, long queue, slow absorption) exercises the Poisson
/// window of the uniformisation away from zero.
#[test]
fn erlang_a_service_level_matches_ode_integration() {
    // (λ, μ, θ, c, thresholds, RK4 step, states)
    let cases = [
        (0.35, 0.1, 0.05, 3usize, vec![5.0, 20.0, 60.0], 2e-3, 120usize),
        (0.5, 0.01, 0.01, 1, vec![300.0], 1e-2, 160),
    ];
    for (lambda, mu, theta, c, thresholds, dt, n_max) in cases {
        let lib = ErlangA::new(lambda, 1.0 / mu, 1.0 / theta).unwrap();
        for t in thresholds {
            let want = answered_within_by_ode(lambda, mu, theta, c, t, dt, n_max);
            let got = lib.answered_within_t(c as u32, t).unwrap();
            assert!((got - want).abs() < 1e-11, "c={c}, t={t}: {got} vs {want}");
        }
    }
}

// --- Chat concurrency ---------------------------------------------------------

/// k chats with slowdown s is Erlang C on k·c servers with h·(1 + s(k − 1)).
#[test]
fn chat_model_is_pooled_erlang_c() {
    let chat = ChatConcurrency::new(3, 0.2).unwrap();
    let model = StaffingModel::new(0.1, 300.0, None, chat).unwrap();
    let pooled = ErlangC::new(0.1, 420.0).unwrap();
    for agents in 14..20 {
        let m = model.evaluate(agents, 30.0).unwrap();
        let p = pooled.evaluate(agents * 3, 30.0).unwrap();
        assert_eq!((m.p_wait, m.service_level), (p.p_wait, p.service_level));
    }
}

// --- Monotonicity ---------------------------------------------------------------

proptest! {
    #![proptest_config(crate::common::fixed_cases(32))]

    /// More agents never lower the service level nor raise P(wait),
    /// abandonment or mean wait (Erlang C and Erlang A).
    #[test]
    fn service_level_is_non_decreasing_in_agents(
        rate_per_h in 10.0f64..3000.0,
        handle_s in 30.0f64..900.0,
        within_s in 0.0f64..120.0,
        patience_s in proptest::option::of(10.0f64..1800.0),
    ) {
        let model = StaffingModel::new(
            rate_per_h / 3600.0, handle_s, patience_s, ChatConcurrency::SINGLE,
        ).unwrap();
        let load = model.offered_load_erlangs();
        let first = (load * 0.6).floor() as u32;
        let last = (load + 4.0 * load.sqrt() + 6.0).ceil() as u32;
        let mut prev = model.evaluate(first, within_s).unwrap();
        for agents in first + 1..=last {
            let m = model.evaluate(agents, within_s).unwrap();
            prop_assert!(m.service_level >= prev.service_level - 1e-12, "{prev:?} {m:?}");
            prop_assert!(m.p_wait <= prev.p_wait + 1e-12);
            prop_assert!(m.abandon_share <= prev.abandon_share + 1e-12);
            if let (Some(w), Some(pw)) = (m.mean_wait_s, prev.mean_wait_s) {
                prop_assert!(w <= pw * (1.0 + 1e-12) + 1e-12);
            }
            prev = m;
        }
    }
}
