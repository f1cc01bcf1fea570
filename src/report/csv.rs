//! CSV renderings for spreadsheets: UTF-8 with a byte-order mark so that
//! spreadsheet programs read Chinese names correctly.

use crate::result::SimulationReport;
use crate::stats::Summary;

const BOM: &str = "\u{feff}";

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    format!("{BOM}{}", String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8"))
}

/// `x` as a cell; empty where the figure is not defined (NaN).
pub(crate) fn num(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

/// An optional `x` as a cell; empty when absent.
pub(crate) fn opt(x: Option<f64>) -> String {
    x.map(num).unwrap_or_default()
}

/// One row per scalar figure: its name and its summary across replications.
pub fn kpis(r: &SimulationReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["kpi", "mean", "ci95_low", "ci95_high", "sd", "p5", "p50", "p95", "min", "max"]).expect("memory");
    for (name, s) in &r.kpis.0 {
        let Summary { mean, ci95_low, ci95_high, sd, p5, p50, p95, min, max, .. } = s;
        w.write_record([
            name.clone(),
            num(*mean),
            opt(*ci95_low),
            opt(*ci95_high),
            num(*sd),
            num(*p5),
            num(*p50),
            num(*p95),
            num(*min),
            num(*max),
        ])
        .expect("memory");
    }
    finish(w)
}

/// One row per period: the forecast, then mean, p5 and p95 of each
/// per-period figure (`<figure>_mean`, `<figure>_p5`, `<figure>_p95`).
pub fn per_period(r: &SimulationReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["period_start".to_string(), "forecast_inquiries".to_string()];
    for (name, _) in &r.per_period.0 {
        header.extend(["mean", "p5", "p95"].map(|s| format!("{name}_{s}")));
    }
    w.write_record(&header).expect("memory");
    for (i, label) in r.periods.iter().enumerate() {
        let mut row = vec![label.clone(), num(r.forecast_inquiries_per_period[i])];
        for (_, series) in &r.per_period.0 {
            let s = &series[i];
            row.extend([num(s.mean), num(s.p5), num(s.p95)]);
        }
        w.write_record(&row).expect("memory");
    }
    finish(w)
}
