//! Checks the spreads of the traffic forecast (`peak_height_cv`,
//! `peak_shift_sd_min`, `period_cv`, `[arrivals.bursts]`) and builds the
//! model's [`Demand`]; `None` when no spread is set, so that such a scenario
//! runs exactly as one that never heard of them.

use super::error::ScenarioError;
use super::raw::RawArrivals;
use super::validate::{key, offset, p, Ctx, Forecast, MAX_INQUIRIES};
use super::Window;
use crate::model::demand::{Bursts, Demand};
use crate::model::observe::Periods;

/// Most expected bursts in one replication [count].
const MAX_BURSTS: f64 = 1000.0;

/// The demand of `a` over `periods`, from its checked `forecast`.
pub(super) fn demand(
    ctx: &Ctx,
    a: &RawArrivals,
    w: &Window,
    periods: Periods,
    forecast: Forecast,
) -> Result<Option<Demand>, ScenarioError> {
    let base = p(&["arrivals"]);
    let period_cv = ctx.finite(&key(&base, "period_cv"), a.period_cv, 0.0, 10.0)?;
    let bursts = match &a.bursts {
        None => None,
        Some(b) => {
            let at = key(&base, "bursts");
            let mean_count = ctx.finite(&key(&at, "mean_count"), b.mean_count, 0.0, MAX_BURSTS)?;
            let from_s = offset(ctx, &key(&at, "start"), &b.start, w, 0.0, w.length_s)?;
            let to_s = offset(ctx, &key(&at, "end"), &b.end, w, 0.0, w.length_s)?;
            if to_s < from_s {
                return Err(ctx.err(&key(&at, "end"), format!("`{}` is before the start `{}`", b.end, b.start)));
            }
            let length_s = ctx.positive(&key(&at, "length_min"), b.length_min, w.length_s / 60.0)? * 60.0;
            let extra = ctx.dist(&key(&at, "extra_inquiries"), &b.extra_inquiries, false)?.expect("none refused");
            if extra.mean() * mean_count > MAX_INQUIRIES {
                return Err(ctx.err(
                    &key(&at, "extra_inquiries"),
                    format!("{:.0} expected extra inquiries is more than the {MAX_INQUIRIES} allowed", extra.mean()),
                ));
            }
            Some(Bursts { mean_count, from_s, to_s, length_s, extra, scale: 1.0 })
        }
    };
    let demand = Demand { profile: forecast.profile, peaks: forecast.peaks, period_cv, bursts, periods };
    Ok(demand.is_uncertain().then_some(demand))
}
