//! What the CSV targets share: the frame (the default scenario), the
//! properties every import must keep, and the fit that follows an import,
//! as `peakplan actuals fit` runs it.

use peakplan::actuals::fit::fit_chats;
use peakplan::actuals::fit::orders::fit_orders;
use peakplan::actuals::{ChatActuals, ImportError, OrderActuals, RowCounts};
use peakplan::Scenario;
use std::sync::OnceLock;

/// The default scenario, built once.
pub fn scenario() -> &'static Scenario {
    static S: OnceLock<Scenario> = OnceLock::new();
    S.get_or_init(Scenario::default_double11)
}

/// An import's error names the file, and a line (if any) counts from 1.
pub fn named(e: &ImportError, file: &str) {
    let text = e.to_string();
    assert!(text.starts_with(file), "an error names the file: {text}");
    assert!(e.line.is_none_or(|l| l >= 1), "lines count from 1: {text}");
}

/// Every row read is accounted for: used, excluded, outside the window or
/// skipped as bad; and none is skipped unless asked.
pub fn accounted(c: &RowCounts, skip_bad_rows: bool) {
    assert_eq!(c.rows, c.used + c.excluded + c.outside_window + c.bad.skipped, "every row counted once: {c:?}");
    assert!(skip_bad_rows || c.bad.skipped == 0, "no row skipped unless asked: {c:?}");
}

/// The fit of what was read, as `actuals fit` makes it (writing it into a
/// scenario is left out: it parses the scenario again and would take most
/// of the time of an input): every figure of it is finite.
pub fn fit(chats: Option<&mut ChatActuals>, orders: Option<&OrderActuals>) {
    if let Some(orders) = orders {
        finite(&fit_orders(orders, chats.as_deref()));
    }
    if let Some(chats) = chats {
        std::hint::black_box(chats.trace());
        finite(&fit_chats(chats));
    }
}

/// Asserts that every number `fit` serializes is finite.
fn finite(fit: &impl serde::Serialize) {
    fn walk(v: &toml::Value) -> bool {
        match v {
            toml::Value::Float(x) => x.is_finite(),
            toml::Value::Array(a) => a.iter().all(walk),
            toml::Value::Table(t) => t.values().all(walk),
            _ => true,
        }
    }
    let value = toml::Value::try_from(fit).expect("a fit serializes");
    assert!(walk(&value), "a figure of the fit is not finite: {value}");
}
