//! Exports at the edges of what the importer accepts: absurd numbers.

use peakplan::actuals::fit::fit_chats;
use peakplan::actuals::{import_inquiries_from, ImportOptions};
use peakplan::Scenario;

/// Reads inquiries `csv` against the default scenario.
fn import(csv: &str, skip_bad_rows: bool) -> Result<peakplan::actuals::ChatActuals, String> {
    let opts = ImportOptions { skip_bad_rows, ..ImportOptions::default() };
    import_inquiries_from(csv.as_bytes(), "i.csv", &Scenario::default_double11(), &opts)
        .map(|(chats, _)| chats)
        .map_err(|e| e.to_string())
}

/// A wait or handle time of 1e308 s parses as a float but overflowed the
/// fit's sums to infinity (a patience and a handle time of `inf s`, NaN
/// beside them): such a number is a bad row, and up to 1e12 s the fit is
/// finite.
#[test]
fn absurd_durations_are_bad_rows_and_the_fit_stays_finite() {
    let csv = "arrived_at,wait_s,handle_s,agent,group,abandoned\n\
               2026-11-10 12:00:01,1e308,1e308,a,trained,0\n\
               2026-11-10 12:00:02,1e12,1e12,a,trained,0\n\
               2026-11-10 12:00:03,1e12,1e12,a,trained,0\n\
               2026-11-10 12:00:04,1e308,,,,1\n\
               2026-11-10 12:00:05,1e12,,,,1\n";
    let err = import(csv, false).unwrap_err();
    assert!(err.starts_with("i.csv:2: column `wait_s`: `1e308` is too large (at most 1e12)"), "{err}");
    let chats = import(csv, true).unwrap();
    let fit = fit_chats(&chats);
    let (p, h) = (fit.patience.unwrap(), &fit.handle[0]);
    assert_eq!((p.abandoned, p.censored, h.chats), (1, 2, 2));
    for x in [p.mean_s, p.exponential_mean_s, p.aic_lognormal_minus_exponential, p.naive_mean_s, h.mean_s, h.cv] {
        assert!(x.is_finite(), "{p:?} {h:?}");
    }
    assert_eq!(h.observed_mean_s, 1e12);
}
