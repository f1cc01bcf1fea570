//! Demand as it really comes: orders follow the visitors, the forecast's
//! spreads are drawn per replication, customers who abandon come back.

use crate::common::{mean_se, simulate, stationary_toml};
use peakplan::report::json;
use peakplan::scenario::DEFAULT_TOML;
use peakplan::{Outcome, Scenario, SimulationReport};

fn col<'a>(o: &'a Outcome, name: &str) -> &'a [f64] {
    o.samples.scalar(name).unwrap_or_else(|| panic!("no figure {name}"))
}

/// A 24-hour shop with `visitors`, agents and packers enough for twice the
/// traffic, orders from `conversion_rate`, no pre-sale.
fn shop(visitors: u32) -> Scenario {
    let text = format!(
        r#"
name = "shop"
[window]
start = "2026-11-10 00:00"
length_h = 24
[arrivals]
visitors = {visitors}
inquiry_share = 0.1
volume_cv = 0
profile_step_min = 360
profile = [1, 2, 3, 2]
[chat]
deflection_share = 0.2
patience_s = {{ kind = "exponential", mean = 600 }}
[[chat.groups]]
name = "g"
max_concurrent = 4
handle_s = {{ kind = "exponential", mean = 240 }}
[[chat.shifts]]
name = "all"
start = "2026-11-10 00:00"
end = "2026-11-11 00:00"
agents = {{ g = 40 }}
[orders]
chat_conversion = 0.3
conversion_rate = 0.03
[warehouse]
prepacked_share = 0.5
[[warehouse.groups]]
name = "p"
pack_s = {{ kind = "lognormal", mean = 240, cv = 0.5 }}
label_s = {{ kind = "lognormal", mean = 40, cv = 0.4 }}
[[warehouse.shifts]]
name = "day"
start = "2026-11-10 00:00"
end = "2026-11-11 00:00"
packers = {{ p = 20 }}
[[couriers]]
name = "c"
pickups = ["06:00", "12:00", "18:00"]
truck_capacity = 100000
"#
    );
    Scenario::from_toml(&text, "shop.toml").expect("valid test scenario")
}

#[test]
fn twice_the_visitors_give_twice_the_orders_packing_work_and_parcels() {
    let (one, two) = (simulate(&shop(20_000), 11, 40, None), simulate(&shop(40_000), 11, 40, None));
    // 20,000 visitors × 3% = 600 orders expected.
    let (orders, se) = mean_se(col(&one, "orders_placed"));
    assert!((orders - 600.0).abs() < 4.0 * se, "{orders} ± {se}");
    for name in ["orders_placed", "orders_silent", "orders_from_chats", "pack_work_h", "orders_dispatched"] {
        let ((m1, se1), (m2, se2)) = (mean_se(col(&one, name)), mean_se(col(&two, name)));
        let tolerance = 4.0 * (se2 * se2 + 4.0 * se1 * se1).sqrt();
        assert!((m2 - 2.0 * m1).abs() < tolerance, "{name}: {m1} -> {m2} (±{tolerance})");
    }
    let (sales, _) = mean_se(col(&one, "sales_cny"));
    let (aov, _) =
        mean_se(&col(&one, "sales_cny").iter().zip(col(&one, "orders_placed")).map(|(s, n)| s / n).collect::<Vec<_>>());
    assert!(sales > 0.0 && (aov - 399.0).abs() < 20.0, "average order {aov}");
}

#[test]
fn conversion_rate_reproduces_the_default_silent_orders() {
    let s = Scenario::default_double11();
    let silent = s.model.dispatch.as_ref().unwrap().orders.silent_rate.expected_total();
    // 300,000 × 3% − 30,000 × 0.8 × 0.10 − 1,500 = 5,100 [003].
    assert!((silent - 5100.0).abs() < 1e-6, "{silent}");
}

/// The default scenario with every new input written at its zero.
fn default_with_zeros() -> String {
    let zeros = "peak_height_cv = 0\npeak_shift_sd_min = 0\nperiod_cv = 0\n\
                 [arrivals.bursts]\nmean_count = 0\nstart = \"2026-11-11 19:00\"\nend = \"2026-11-11 23:00\"\n\
                 extra_inquiries = { kind = \"lognormal\", mean = 800, cv = 0.5 }\n\n[chat]\n\
                 return_share = 0\nreturn_after_min = { kind = \"exponential\", mean = 7 }\nmax_returns = 2\n\
                 handle_time_cv = 0\n";
    DEFAULT_TOML.replacen("\n[chat]\n", &format!("\n{zeros}"), 1).replacen(
        "\n[orders]\n",
        "\n[orders]\nconversion_cv = 0\n",
        1,
    )
}

#[test]
fn every_new_input_at_zero_gives_todays_numbers_exactly() {
    let base = Scenario::from_toml(DEFAULT_TOML, "double11.toml").expect("valid");
    let zeros = Scenario::from_toml(&default_with_zeros(), "double11.toml").expect("valid");
    assert!(zeros.model.demand.is_none() && zeros.model.chat.returns.is_none());
    let (a, b) = (simulate(&base, 9, 24, Some(2)), simulate(&zeros, 9, 24, Some(2)));
    let (ra, rb) = (SimulationReport::new(&base, 9, &a), SimulationReport::new(&zeros, 9, &b));
    let (ja, jb) = (json::render(&ra).unwrap(), json::render(&rb).unwrap());
    assert!(ja == jb, "the JSON differs");
    assert!(col(&a, "returns").iter().all(|&r| r == 0.0));
}

/// The default scenario with every spread and customers who come back.
fn uncertain_default() -> Scenario {
    let spread = "period_cv = 0.15\n\
                  [[arrivals.peaks]]\nname = \"evening\"\nstart = \"2026-11-11 20:00\"\nend = \"2026-11-11 22:00\"\n\
                  multiplier = 1.0\nheight_cv = 0.3\nshift_sd_min = 45\n\
                  [arrivals.bursts]\nmean_count = 2\nstart = \"2026-11-11 12:00\"\nend = \"2026-11-11 23:00\"\n\
                  extra_inquiries = { kind = \"lognormal\", mean = 800, cv = 0.5 }\n\n[chat]\n\
                  return_share = 0.5\n";
    let text = DEFAULT_TOML.replacen("\n[chat]\n", &format!("\n{spread}"), 1);
    Scenario::from_toml(&text, "uncertain.toml").expect("valid")
}

#[test]
fn drawn_demand_and_returns_do_not_depend_on_the_thread_count() {
    let s = uncertain_default();
    assert!(s.model.demand.is_some() && s.model.chat.returns.is_some());
    let (one, two) = (simulate(&s, 3, 16, Some(1)), simulate(&s, 3, 16, Some(2)));
    assert_eq!(one.samples, two.samples);
    // The draws differ between replications: the inquiries spread more than
    // Poisson around a volume multiplier alone would make them.
    let base = simulate(&Scenario::default_double11(), 3, 16, Some(2));
    let spread = |o: &Outcome| mean_se(col(o, "inquiries")).1;
    assert!(spread(&one) > spread(&base), "{} vs {}", spread(&one), spread(&base));
}

#[test]
fn returns_belong_to_earlier_abandonments() {
    let o = simulate(&uncertain_default(), 5, 12, Some(2));
    for r in 0..o.samples.len() {
        let v = |n: &str| col(&o, n)[r];
        assert_eq!(v("offered"), v("first_contacts") + v("returns"));
        assert!(v("returns") <= v("abandoned"), "replication {r}");
        assert!(v("returns") > 0.0, "with half the abandoning customers coming back");
    }
}

/// The rates of [`retrial_queue`] [1/h]: first contacts, service per
/// agent, abandonment per waiting customer, return per orbit member.
#[derive(Clone, Copy)]
struct Rates {
    lambda: f64,
    mu: f64,
    theta: f64,
    nu: f64,
}

/// M/M/c+M with retrials, simulated apart from peakplan (a continuous-time
/// Markov chain): first contacts at rate `lambda`, `c` agents serving at
/// rate `mu` each, waiting customers abandoning at rate `theta`, of whom a
/// share `r` join the orbit, whose members come back at rate `nu` each.
/// Returns, per batch of `hours`, the returns per first contact and the
/// abandonments per contact.
fn retrial_queue(rates: &Rates, c: u32, r: f64, hours: f64, batches: usize) -> Vec<(f64, f64)> {
    use rand::{Rng, SeedableRng};
    let Rates { lambda, mu, theta, nu } = *rates;
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(42);
    let (mut n, mut orbit) = (0u32, 0u32);
    let mut out = Vec::new();
    for _ in 0..=batches {
        let (mut t, mut first, mut returns, mut abandoned) = (0.0, 0.0, 0.0, 0.0);
        while t < hours {
            let (serve, wait) = (f64::from(n.min(c)) * mu, f64::from(n.saturating_sub(c)) * theta);
            let back = f64::from(orbit) * nu;
            let total = lambda + serve + wait + back;
            t += -(1.0 - rng.random::<f64>()).ln() / total;
            let x = rng.random::<f64>() * total;
            if x < lambda {
                first += 1.0;
                n += 1;
            } else if x < lambda + back {
                returns += 1.0;
                orbit -= 1;
                n += 1;
            } else if x < lambda + back + serve {
                n -= 1;
            } else {
                abandoned += 1.0;
                n -= 1;
                if rng.random::<f64>() < r {
                    orbit += 1;
                }
            }
        }
        out.push((returns / first, abandoned / (first + returns)));
    }
    out.remove(0); // warm-up
    out
}

#[test]
fn returns_agree_with_an_independent_retrial_queue() {
    // 150 first contacts an hour, 2 agents of one chat each handling in 60 s
    // on average (load 2.5 > 2), patience 120 s, half come back after 10 min.
    let mut text = stationary_toml(150.0, 60.0, 2, 1, r#"{ kind = "exponential", mean = 120 }"#, 30.0, 60);
    text = text.replacen(
        "[[chat.groups]]",
        "return_share = 0.5\nreturn_after_min = { kind = \"exponential\", mean = 10 }\nmax_returns = 100\n\
         [[chat.groups]]",
        1,
    );
    let s = Scenario::from_toml(&text, "retrials.toml").expect("valid");
    let o = simulate(&s, 21, 20, None);
    // Steady periods only: the first two hours fill the orbit, the last one
    // loses the returns that would come after the window.
    let series = |n: &str| o.samples.series(n).unwrap_or_else(|| panic!("no series {n}"));
    let (offered, returns, abandon) = (series("offered"), series("returns"), series("abandon_share"));
    let per_rep = |f: &dyn Fn(usize, usize) -> (f64, f64)| -> Vec<f64> {
        (0..o.samples.len())
            .map(|r| {
                let (num, den) = (2..59).map(|p| f(p, r)).fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
                num / den
            })
            .collect()
    };
    let ret = per_rep(&|p, r| (returns[p][r], offered[p][r] - returns[p][r]));
    let ab = per_rep(&|p, r| (abandon[p][r] * offered[p][r], offered[p][r]));
    let theory = retrial_queue(&Rates { lambda: 150.0, mu: 60.0, theta: 30.0, nu: 6.0 }, 2, 0.5, 200.0, 20);
    let (t_ret, t_ret_se) = mean_se(&theory.iter().map(|x| x.0).collect::<Vec<_>>());
    let (t_ab, t_ab_se) = mean_se(&theory.iter().map(|x| x.1).collect::<Vec<_>>());
    let ((s_ret, s_ret_se), (s_ab, s_ab_se)) = (mean_se(&ret), mean_se(&ab));
    assert!(s_ret > 0.1, "a loaded system sends many back: {s_ret}");
    assert!((s_ret - t_ret).abs() < 4.0 * (s_ret_se.powi(2) + t_ret_se.powi(2)).sqrt(), "{s_ret} vs {t_ret}");
    assert!((s_ab - t_ab).abs() < 4.0 * (s_ab_se.powi(2) + t_ab_se.powi(2)).sqrt(), "{s_ab} vs {t_ab}");
}

#[test]
fn without_a_limit_and_no_answer_the_offered_volume_is_first_over_one_minus_r() {
    // The one agent takes the first chat for good (handling 10^7 s); every
    // other contact abandons after 0.1 s and two in three come back, with
    // no practical limit: each customer makes a geometric number of
    // contacts, mean 1 / (1 − r) = 3.
    let mut text = stationary_toml(60.0, 1.0, 1, 1, r#"{ kind = "fixed", value = 0.1 }"#, 30.0, 24);
    text = text.replacen(r#"{ kind = "exponential", mean = 1 }"#, r#"{ kind = "fixed", value = 10000000 }"#, 1);
    text = text.replacen(
        "[[chat.groups]]",
        "return_share = 0.6666667\nreturn_after_min = { kind = \"exponential\", mean = 1 }\nmax_returns = 100\n\
         [[chat.groups]]",
        1,
    );
    let s = Scenario::from_toml(&text, "no-answer.toml").expect("valid");
    let o = simulate(&s, 4, 30, None);
    let (offered, returns) = (o.samples.series("offered").unwrap(), o.samples.series("returns").unwrap());
    // From the second hour on, the returns of earlier hours have come.
    let ratio: Vec<f64> = (0..o.samples.len())
        .map(|r| {
            let off: f64 = (1..24).map(|p| offered[p][r]).sum();
            let ret: f64 = (1..24).map(|p| returns[p][r]).sum();
            off / (off - ret)
        })
        .collect();
    let (m, se) = mean_se(&ratio);
    assert!((m - 3.0).abs() < 4.0 * se, "offered / first {m} ± {se}, expected 3");
    assert!(col(&o, "answered").iter().all(|&a| a == 1.0));
}

#[test]
fn the_uncertain_scenario_forecasts_what_the_default_does() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/double11-uncertain.toml");
    let s = Scenario::load(std::path::Path::new(path)).expect("valid");
    let d = Scenario::default_double11();
    let (a, b) = (&s.model.inquiry_rate, &d.model.inquiry_rate);
    let h = 3600.0;
    for p in 0..36 {
        let (x, y) = (
            a.expected_between(p as f64 * h, (p + 1) as f64 * h),
            b.expected_between(p as f64 * h, (p + 1) as f64 * h),
        );
        assert!((x - y).abs() < 1e-6 * y, "hour {p}: {x} vs {y}");
    }
    assert!(s.model.demand.is_some() && s.model.chat.returns.is_some());
}

/// The 5% quantile of `xs`.
fn p5(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v[(0.05 * (v.len() - 1) as f64).round() as usize]
}

#[test]
fn peak_timing_uncertainty_widens_the_service_level_band_beside_the_peak() {
    // 60 inquiries an hour, four times as many from 10:00 to 12:00; agents
    // for the base rate only.
    let base = stationary_toml(60.0, 120.0, 3, 1, r#"{ kind = "exponential", mean = 120 }"#, 30.0, 24);
    let peak = |sd_min: f64| {
        let text = format!(
            "{base}\n[[arrivals.peaks]]\nname = \"p\"\nstart = \"2026-11-10 10:00\"\nend = \"2026-11-10 12:00\"\n\
             multiplier = 4\nshift_sd_min = {sd_min}\n"
        );
        Scenario::from_toml(&text, "peak.toml").expect("valid")
    };
    let band = |sd_min: f64, hour: usize| {
        let o = simulate(&peak(sd_min), 8, 200, None);
        p5(&o.samples.series("service_level").unwrap()[hour])
    };
    for hour in [9, 12] {
        let (fixed, moving) = (band(0.0, hour), band(60.0, hour));
        assert!(moving < fixed - 0.1, "hour {hour}: p5 {fixed} with the peak fixed, {moving} with it moving");
    }
}

#[test]
fn handle_time_and_conversion_are_drawn_per_replication_with_mean_one_and_their_spread() {
    let text = DEFAULT_TOML.replacen("\n[chat]\n", "\n[chat]\nhandle_time_cv = 0.2\n", 1).replacen(
        "\n[orders]\n",
        "\n[orders]\nconversion_cv = 0.3\n",
        1,
    );
    let s = Scenario::from_toml(&text, "spread.toml").expect("valid");
    assert_eq!((s.model.chat.handle_time_cv, s.model.dispatch.as_ref().unwrap().orders.conversion_cv), (0.2, 0.3));
    let mut rep = peakplan::model::Replication::new(&s.model);
    let n = 300;
    let (mut handle, mut conversion) = (Vec::new(), Vec::new());
    for r in 0..n {
        rep.run(11, r);
        let d = rep.dispatch.as_ref().unwrap();
        let f = d.orders.conversion_factor;
        // Every answered chat converts with 0.1 × the factor (binomial).
        let answered = rep.chat.observer.answered.iter().map(|&a| f64::from(a)).sum::<f64>();
        let chat_orders = f64::from(d.orders.observer.placed_by_source[0]);
        let p = (0.1 * f).min(1.0);
        let se = (p * (1.0 - p) / answered).sqrt();
        assert!(
            (chat_orders / answered - p).abs() < 4.0 * se + 2.0 / answered,
            "rep {r}: {chat_orders}/{answered} vs {p}"
        );
        handle.push(rep.chat.handle_factor);
        conversion.push(f);
    }
    for (x, cv) in [(&handle, 0.2), (&conversion, 0.3)] {
        let mean = x.iter().sum::<f64>() / n as f64;
        let sd = (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
        assert!((mean - 1.0).abs() < 4.0 * cv / (n as f64).sqrt(), "mean {mean}");
        // The standard error of a standard deviation is about sd / sqrt(2n).
        assert!((sd / cv - 1.0).abs() < 4.0 / (2.0 * n as f64).sqrt() + 0.05, "sd {sd} for cv {cv}");
    }
}
