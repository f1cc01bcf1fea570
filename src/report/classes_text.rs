//! The "By class" block of the terminal summary: offered contacts, service
//! level, abandonment and mean first response of each class of contacts,
//! when the scenario has several (`[[chat.classes]]`).

use super::text::{show, Fmt};
use crate::figures::{self as fig};
use crate::result::SimulationReport;
use std::fmt::Write;

/// Writes the block to `out`; nothing without per-class figures.
pub fn section(r: &SimulationReport, out: &mut String) {
    let mut classes: Vec<&str> = Vec::new();
    for (name, _) in &r.kpis.0 {
        if let Some((class, _)) = fig::class_of(name) {
            if !classes.contains(&class) {
                classes.push(class);
            }
        }
    }
    if classes.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n{:<26}{:>14}{:>10}{:>13}{:>16}",
        "By class (means)", "to agents", "SL", "lost", "response mean"
    );
    for class in classes {
        let mean = |f| r.kpi(fig::class_figure(class, f)).map_or(f64::NAN, |s| s.mean);
        let label: String = class.chars().take(24).collect();
        let _ = writeln!(
            out,
            "  {label:<24}{:>14}{:>10}{:>13}{:>16}",
            show(mean(fig::OFFERED), Fmt::Count),
            show(mean(fig::SERVICE_LEVEL), Fmt::Share),
            show(mean(fig::ABANDON_SHARE), Fmt::Share),
            show(mean(fig::RESPONSE_MEAN_S), Fmt::Seconds)
        );
    }
}
