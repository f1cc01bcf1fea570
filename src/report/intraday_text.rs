//! The terminal summary of `peakplan intraday`: the re-forecast, actual
//! against forecast so far, and the chats at the moment.

use crate::intraday::result::IntradayResult;
use std::fmt::Write;

/// The re-forecast block.
fn reforecast(s: &mut String, r: &IntradayResult) {
    let f = &r.reforecast;
    let _ = writeln!(s, "peakplan intraday: {} at {}", r.scenario, r.at);
    let _ = writeln!(
        s,
        "So far: {:.0} inquiries against {:.0} forecast ({:+.1}%)",
        f.so_far_actual_inquiries,
        f.so_far_forecast_inquiries,
        100.0 * (f.so_far_actual_inquiries / f.so_far_forecast_inquiries.max(1e-9) - 1.0)
    );
    let change = match &f.change_at {
        Some(at) => format!("the level changed at about {at} (probability {:.0}%)", 100.0 * f.change_probability),
        None => format!("no change of level (probability of one {:.0}%)", 100.0 * f.change_probability),
    };
    let _ = writeln!(s, "Re-forecast: {change}");
    let _ = writeln!(
        s,
        "  rest of the window: volume x{:.3} (sd {:.3}, 90% {:.3}-{:.3}): {:.0} inquiries expected \
         (90% {:.0}-{:.0}) against {:.0} planned",
        f.multiplier_mean,
        f.multiplier_sd,
        f.multiplier_p5,
        f.multiplier_p95,
        f.rest_expected_inquiries,
        f.rest_p5_inquiries,
        f.rest_p95_inquiries,
        f.rest_forecast_inquiries
    );
}

/// The periods so far: actual against the forecast's band.
fn periods(s: &mut String, r: &IntradayResult) {
    let _ = writeln!(s, "\nperiod       forecast  (90% band)      actual  actual/forecast");
    for p in &r.periods {
        let ratio = p.actual_over_forecast.map_or("-".to_string(), |x| format!("{x:.2}"));
        let flag = if (p.actual_inquiries as f64) > p.forecast_p95 {
            " above"
        } else if (p.actual_inquiries as f64) < p.forecast_p5 {
            " below"
        } else {
            ""
        };
        let part = if p.complete { "" } else { " (part)" };
        let _ = writeln!(
            s,
            "{}  {:>8.0}  ({:>6.0}-{:<6.0})  {:>6}  {:>5}{flag}{part}",
            p.start, p.forecast_inquiries, p.forecast_p5, p.forecast_p95, p.actual_inquiries, ratio
        );
    }
}

/// The summary of `r`.
pub fn text(r: &IntradayResult) -> String {
    let mut s = String::new();
    reforecast(&mut s, r);
    let st = &r.state;
    let _ = writeln!(
        s,
        "At {}: {} chats waiting (longest {:.0} s), {} in hand",
        r.at, st.waiting, st.longest_wait_s, st.in_hand
    );
    periods(&mut s, r);
    s
}
