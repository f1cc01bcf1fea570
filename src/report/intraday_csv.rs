//! The periods of `peakplan intraday`'s window as one table: the actual so
//! far, the plan's forecast, the re-forecast of the rest and the forward
//! service level of the rest with and without the moves. `intraday.csv`
//! writes it; the HTML page and the charts read the same rows.

use super::csv::{dated, finish, num, opt};
use crate::intraday::outlook::Outlook;
use crate::intraday::result::IntradayResult;

/// A count's mean with its 90% band.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// Mean [count].
    pub mean: f64,
    /// 5th percentile [count].
    pub p5: f64,
    /// 95th percentile [count].
    pub p95: f64,
}

/// The forward service level of one period of the rest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Served {
    /// Mean service level [share].
    pub mean: f64,
    /// Share of the forward replications meeting the target [share].
    pub met_share: f64,
}

/// One period of the window.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Local start (`MM-DD HH:MM`).
    pub period: String,
    /// Before the moment: whether the whole period is; `None` after it.
    pub complete: Option<bool>,
    /// Inquiries that came (before the moment) [count].
    pub actual: Option<u64>,
    /// The plan's forecast (before the moment: of its part counted).
    pub forecast: Band,
    /// The re-forecast, for the periods of the rest.
    pub reforecast: Option<Band>,
    /// The plan as it stands, run forward (periods of the rest).
    pub plan: Option<Served>,
    /// The plan with the moves (periods of the rest, when there are moves).
    pub with_moves: Option<Served>,
}

/// The service level of period `i` of the rest in `o`.
fn served(o: &Outlook, i: usize) -> Option<Served> {
    Some(Served { mean: *o.service_level_mean.get(i)?, met_share: *o.service_level_met_share.get(i)? })
}

/// Every period of `r`'s window: those before the moment, then the rest.
pub fn rows(r: &IntradayResult) -> Vec<Row> {
    let before = r.periods.iter().map(|p| Row {
        period: p.start.clone(),
        complete: Some(p.complete),
        actual: Some(p.actual_inquiries),
        forecast: Band { mean: p.forecast_inquiries, p5: p.forecast_p5, p95: p.forecast_p95 },
        reforecast: None,
        plan: None,
        with_moves: None,
    });
    let with = r.recommendation.outlook_with_moves.as_ref();
    let rest = r.rest_inquiries.iter().enumerate().map(|(i, p)| Row {
        period: p.start.clone(),
        complete: None,
        actual: None,
        forecast: Band { mean: p.forecast_inquiries, p5: p.forecast_p5, p95: p.forecast_p95 },
        reforecast: Some(Band { mean: p.reforecast_inquiries, p5: p.reforecast_p5, p95: p.reforecast_p95 }),
        plan: served(&r.plan_outlook, i),
        with_moves: with.and_then(|o| served(o, i)),
    });
    before.chain(rest).collect()
}

/// The columns of `intraday.csv`.
pub const COLUMNS: [&str; 13] = [
    "period",
    "complete",
    "actual_inquiries",
    "forecast_inquiries",
    "forecast_p5",
    "forecast_p95",
    "reforecast_inquiries",
    "reforecast_p5",
    "reforecast_p95",
    "service_level_plan_mean",
    "service_level_plan_met_share",
    "service_level_moves_mean",
    "service_level_moves_met_share",
];

/// `intraday.csv`: one row per period of the window (UTF-8 with a
/// byte-order mark); cells that do not apply are empty.
pub fn csv(r: &IntradayResult) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS).expect("memory");
    for row in rows(r) {
        let band = |b: Option<Band>| [opt(b.map(|b| b.mean)), opt(b.map(|b| b.p5)), opt(b.map(|b| b.p95))];
        let serve = |s: Option<Served>| [opt(s.map(|s| s.mean)), opt(s.map(|s| s.met_share))];
        let mut cells = vec![
            dated(&r.run.window_start, &row.period),
            row.complete.map_or_else(String::new, |c| u8::from(c).to_string()),
            row.actual.map_or_else(String::new, |a| a.to_string()),
            num(row.forecast.mean),
            num(row.forecast.p5),
            num(row.forecast.p95),
        ];
        cells.extend(band(row.reforecast));
        cells.extend(serve(row.plan));
        cells.extend(serve(row.with_moves));
        w.write_record(&cells).expect("memory");
    }
    finish(w)
}
