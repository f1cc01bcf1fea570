//! CSV renderings for spreadsheets: UTF-8 with a byte-order mark so that
//! spreadsheet programs read Chinese names correctly. `kpis.csv` and
//! `per_period.csv` are wide (one row per figure, or per period);
//! `kpis_long.csv` holds the same values long, one row per figure, period
//! and statistic, for pivot tables. Their values keep
//! [`SIGNIFICANT_DIGITS`] significant digits; periods carry their year.

use crate::result::SimulationReport;
use crate::stats::Summary;

/// The UTF-8 byte-order mark that starts every CSV file peakplan writes
/// for spreadsheets.
pub const BOM: &str = "\u{feff}";

/// The text of the CSV written into `w`, starting with [`BOM`]: the one
/// place every spreadsheet CSV (reports, sizing, actuals checks) is finished.
pub fn finish(w: csv::Writer<Vec<u8>>) -> String {
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

/// Significant digits of the values of `kpis.csv`, `kpis_long.csv` and
/// `per_period.csv`: more than any figure's precision across replications.
pub const SIGNIFICANT_DIGITS: i32 = 6;

/// `x` rounded to [`SIGNIFICANT_DIGITS`] as a cell; empty where the figure
/// is not defined (NaN).
pub fn rounded(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x == 0.0 {
        return "0".into();
    }
    let decimals = (SIGNIFICANT_DIGITS - 1 - x.abs().log10().floor() as i32).max(0) as usize;
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// The statistics of a summary, by column name.
const STATISTICS: [&str; 9] = ["mean", "ci95_low", "ci95_high", "sd", "p5", "p50", "p95", "min", "max"];

/// The cells of `s` in [`STATISTICS`] order, rounded.
fn statistics(s: &Summary) -> [String; 9] {
    let Summary { mean, ci95_low, ci95_high, sd, p5, p50, p95, min, max, .. } = s;
    let o = |x: Option<f64>| x.map(rounded).unwrap_or_default();
    [
        rounded(*mean),
        o(*ci95_low),
        o(*ci95_high),
        rounded(*sd),
        rounded(*p5),
        rounded(*p50),
        rounded(*p95),
        rounded(*min),
        rounded(*max),
    ]
}

/// The scalar figures then the cost figures of `r`, by name.
fn scalars(r: &SimulationReport) -> impl Iterator<Item = &(String, Summary)> {
    r.kpis.0.iter().chain(&r.cost.0)
}

/// One row per scalar figure, the cost figures included: its name and its
/// summary across replications.
pub fn kpis(r: &SimulationReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["kpi"];
    header.extend(STATISTICS);
    w.write_record(&header).expect("memory");
    for (name, s) in scalars(r) {
        let mut row = vec![name.clone()];
        row.extend(statistics(s));
        w.write_record(&row).expect("memory");
    }
    finish(w)
}

/// The local label `MM-DD HH:MM` of a moment of a window starting at
/// `window_start` (`YYYY-MM-DD HH:MM`) with its year, `YYYY-MM-DD HH:MM`: the
/// window's year, or the next one for a month before the window's (a
/// window is shorter than a year).
pub fn dated(window_start: &str, label: &str) -> String {
    let number = |s: Option<&str>| s.and_then(|x| x.parse::<i32>().ok());
    let (Some(year), Some(start_month), Some(month)) =
        (number(window_start.get(..4)), number(window_start.get(5..7)), number(label.get(..2)))
    else {
        return label.to_string();
    };
    format!("{:04}-{label}", if month < start_month { year + 1 } else { year })
}

/// The period labels of `r` with their year ([`dated`]).
pub fn dated_periods(r: &SimulationReport) -> Vec<String> {
    r.periods.iter().map(|p| dated(&r.run.window_start, p)).collect()
}

/// The long form: one row per figure, period and statistic (`figure`,
/// `period` (empty for a figure of the whole window), `statistic`,
/// `value`), the scalar and cost figures first, then the per-period ones.
pub fn kpis_long(r: &SimulationReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["figure", "period", "statistic", "value"]).expect("memory");
    for (name, s) in scalars(r) {
        for (stat, value) in STATISTICS.iter().zip(statistics(s)) {
            w.write_record([name.as_str(), "", stat, &value]).expect("memory");
        }
    }
    let periods = dated_periods(r);
    for (name, series) in &r.per_period.0 {
        for (period, s) in periods.iter().zip(series) {
            for (stat, value) in STATISTICS.iter().zip(statistics(s)) {
                w.write_record([name.as_str(), period, stat, &value]).expect("memory");
            }
        }
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
    for (i, label) in dated_periods(r).into_iter().enumerate() {
        let mut row = vec![label, rounded(r.forecast_inquiries_per_period[i])];
        for (_, series) in &r.per_period.0 {
            let s = &series[i];
            row.extend([rounded(s.mean), rounded(s.p5), rounded(s.p95)]);
        }
        w.write_record(&row).expect("memory");
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_six_significant_digits() {
        assert_eq!(rounded(0.723456789), "0.723457");
        assert_eq!(rounded(139345.123), "139345");
        assert_eq!(rounded(1234567.8), "1234568");
        assert_eq!(rounded(30.0), "30");
        assert_eq!(rounded(-0.0000001), "-0.0000001");
        assert_eq!(rounded(-0.0), "0");
        assert_eq!(rounded(0.0), "0");
        assert_eq!(rounded(f64::NAN), "");
    }
}
