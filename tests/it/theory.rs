//! The chat stage against queueing theory in the stationary case.
//!
//! With constant arrivals, exponential handling, one chat per agent and no
//! abandonment the chat stage is an M/M/c queue (Erlang C); with exponential
//! patience it is M/M/c+M (Erlang A). Every tolerance is four standard errors
//! of the replication means (so a correct engine fails with probability well
//! under 1e-4 per check) plus, where stated, a bound on the warm-up bias of
//! starting empty. Each test also checks that the neighbouring headcount's
//! prediction is rejected, so the test has the power to catch a wrong engine.

use crate::common::{mean_se, simulate, stationary, steady_share};
use peakplan::analytic::{ErlangA, ErlangC, QueueMetrics};

const HOURS: u32 = 40;

fn check(what: &str, sim: f64, se: f64, bias: f64, theory: f64, neighbours: &[f64]) {
    let tol = 4.0 * se + bias;
    assert!((sim - theory).abs() <= tol, "{what}: simulated {sim:.5} ± {tol:.5} vs theory {theory:.5}");
    for n in neighbours {
        assert!((sim - n).abs() > tol, "{what}: test has no power: neighbour {n:.5} also within {tol:.5} of {sim:.5}");
    }
}

fn erlang_c(rate_per_h: f64, handle_s: f64, servers: u32, within_s: f64) -> QueueMetrics {
    ErlangC::new(rate_per_h / 3600.0, handle_s).unwrap().evaluate(servers, within_s).unwrap()
}

#[test]
fn mmc_matches_erlang_c() {
    // a = 480/h × 60 s = 8 Erlangs on 10 agents (occupancy 80%).
    let (rate, handle, c, within) = (480.0, 60.0, 10, 20.0);
    let s = stationary(rate, handle, c, 1, r#"{ kind = "none" }"#, within, HOURS);
    let o = simulate(&s, 11, 40, None);
    let th = erlang_c(rate, handle, c, within);
    let nb = [erlang_c(rate, handle, c - 1, within), erlang_c(rate, handle, c + 1, within)];

    let (sl, se) = mean_se(&steady_share(&o, "service_level", 1));
    check("service level within 20 s", sl, se, 0.0, th.service_level, &nb.map(|m| m.service_level));

    // Mean wait over the whole window: the first minutes from empty bias it
    // down by at most ~1% (relaxation time ≈ 10 min of a 40 h window).
    let (w, se) = mean_se(o.samples.scalar("response_mean_s").unwrap());
    let wq = th.mean_wait_s.unwrap();
    check("mean wait [s]", w, se, 0.01 * wq, wq, &nb.map(|m| m.mean_wait_s.unwrap()));
}

#[test]
fn probability_of_waiting_matches_erlang_c() {
    // A threshold of 1 ns counts exactly the chats answered on arrival.
    let (rate, handle, c) = (480.0, 60.0, 10);
    let s = stationary(rate, handle, c, 1, r#"{ kind = "none" }"#, 1e-9, HOURS);
    let o = simulate(&s, 12, 40, None);
    let (no_wait, se) = mean_se(&steady_share(&o, "service_level", 1));
    let p = |c| erlang_c(rate, handle, c, 0.0).p_wait;
    check("P(wait)", 1.0 - no_wait, se, 0.0, p(c), &[p(c - 1), p(c + 1)]);
}

#[test]
fn concurrent_chats_without_slowdown_are_extra_servers() {
    // 5 agents × 2 chats with no slowdown behave as 10 exponential servers.
    let (rate, handle, within) = (480.0, 60.0, 20.0);
    let s = stationary(rate, handle, 5, 2, r#"{ kind = "none" }"#, within, HOURS);
    let o = simulate(&s, 13, 40, None);
    let (sl, se) = mean_se(&steady_share(&o, "service_level", 1));
    let f = |c| erlang_c(rate, handle, c, within).service_level;
    check("service level, 5 agents × 2 chats", sl, se, 0.0, f(10), &[f(9), f(11)]);
}

#[test]
fn mmc_with_exponential_patience_matches_erlang_a() {
    // a = 600/h × 60 s = 10 Erlangs on 10 agents: stable only thanks to
    // abandonment (mean patience 120 s).
    let (rate, handle, c, patience, within) = (600.0, 60.0, 10, 120.0, 20.0);
    let s = stationary(rate, handle, c, 1, r#"{ kind = "exponential", mean = 120 }"#, within, HOURS);
    let o = simulate(&s, 14, 40, None);
    let model = ErlangA::new(rate / 3600.0, handle, patience).unwrap();
    let th = model.evaluate(c, within).unwrap();
    let nb = [model.evaluate(c - 1, within).unwrap(), model.evaluate(c + 1, within).unwrap()];

    let (ab, se) = mean_se(&steady_share(&o, "abandon_share", 1));
    check("abandonment share", ab, se, 0.0, th.abandon_share, &nb.map(|m| m.abandon_share));
    let (sl, se) = mean_se(&steady_share(&o, "service_level", 1));
    check("service level within 20 s", sl, se, 0.0, th.service_level, &nb.map(|m| m.service_level));
}
