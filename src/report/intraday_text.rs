//! The terminal summary of `peakplan intraday`: the re-forecast, actual
//! against forecast so far, and the chats at the moment.

use crate::intraday::outlook::Outlook;
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

/// One outlook: P(meet) with its interval, and the service level per period.
fn outlook(s: &mut String, r: &IntradayResult, what: &str, o: &Outlook) {
    let verdict = if o.meets_confidence { "meets" } else { "misses" };
    let _ = writeln!(
        s,
        "{what}: {verdict} the rest's targets (met in {:.1}% of {} forward replications, 95% CI {:.1}-{:.1}%; {})",
        100.0 * o.p_meet,
        o.replications,
        100.0 * o.p_meet_ci[0],
        100.0 * o.p_meet_ci[1],
        format_args!("abandonment {:.1}%", 100.0 * o.abandon_share_mean)
    );
    let cells: Vec<String> = r
        .rest_periods
        .iter()
        .zip(o.service_level_mean.iter().zip(&o.service_level_met_share))
        .map(|(p, (m, k))| format!("{} SL {:.0}% (met in {:.0}%)", &p[6..], 100.0 * m, 100.0 * k))
        .collect();
    let _ = writeln!(s, "  {}", cells.join(", "));
}

/// The recommendation block.
fn recommendation(s: &mut String, r: &IntradayResult) {
    let rec = &r.recommendation;
    let _ = writeln!(s);
    outlook(s, r, "The plan as it stands", &r.plan_outlook);
    if rec.moves.is_empty() {
        let why = if r.plan_outlook.meets_confidence {
            "nothing to change: the plan meets the rest's targets"
        } else if rec.options == 0 {
            "the targets are missed and the plan's [intraday] table allows no move now"
        } else {
            "no allowed move helps"
        };
        let _ = writeln!(s, "Recommendation: {why}");
        return;
    }
    let _ = writeln!(s, "Recommendation ({:.0} CNY):", rec.cost_cny);
    for m in &rec.moves {
        let verb = match m.kind {
            crate::intraday::moves::MoveKind::CallIn => "call in",
            crate::intraday::moves::MoveKind::Extend => "extend",
        };
        let _ = writeln!(
            s,
            "  {verb} {} {} from {}, {}-{}, {:.0} CNY; decide by {}",
            m.people, m.group, m.source, m.start, m.end, m.cost_cny, m.decide_by
        );
    }
    if let Some(o) = &rec.outlook_with_moves {
        outlook(s, r, "With the moves", o);
    }
    if !rec.restores_targets {
        let _ = writeln!(s, "  (the allowed moves do not restore the targets: this is the best found)");
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
    recommendation(&mut s, r);
    periods(&mut s, r);
    s
}
