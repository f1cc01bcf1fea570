//! The "By class" block of the terminal summary: offered contacts, service
//! level, abandonment, mean first response and agent labour of each class
//! of contacts, when the scenario has several (`[[chat.classes]]`). A
//! class's labour is the agents' labour cost shared out by the slot time
//! its contacts took (`class_<class>_busy_hours`); idle time is shared in
//! the same proportion.

use super::text::{show, Fmt};
use crate::figures::{self as fig};
use crate::result::SimulationReport;
use crate::stats::{Named, Summary};
use std::fmt::Write;

/// Writes the block of a simulation to `out`; nothing without per-class
/// figures.
pub fn section(r: &SimulationReport, out: &mut String) {
    table(&r.kpis, &r.cost, out);
}

/// The classes of the per-class figures among `kpis`, in order.
pub fn classes(kpis: &Named<Summary>) -> Vec<&str> {
    let mut classes: Vec<&str> = Vec::new();
    for (name, _) in &kpis.0 {
        if let Some((class, _)) = fig::class_of(name) {
            if !classes.contains(&class) {
                classes.push(class);
            }
        }
    }
    classes
}

/// Writes the block from the figures `kpis` and the cost figures `cost`
/// across replications (of a simulation, or of a sized plan's
/// verification); nothing without per-class figures.
pub fn table(kpis: &Named<Summary>, cost: &Named<Summary>, out: &mut String) {
    let classes = classes(kpis);
    if classes.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n{:<22}{:>11}{:>8}{:>8}{:>12}{:>14}",
        "By class (means)", "to agents", "SL", "lost", "response", "labour CNY"
    );
    let mean = |class, f| kpis.get(fig::class_figure(class, f)).map_or(f64::NAN, |s| s.mean);
    let busy: f64 = classes.iter().map(|&c| mean(c, fig::BUSY_HOURS)).sum();
    let labour = cost.get(fig::LABOUR_AGENTS_CNY).map_or(f64::NAN, |s| s.mean);
    for class in classes {
        let mean = |f| mean(class, f);
        let label: String = class.chars().take(20).collect();
        let share = if busy > 0.0 { mean(fig::BUSY_HOURS) / busy } else { f64::NAN };
        let _ = writeln!(
            out,
            "  {label:<20}{:>11}{:>8}{:>8}{:>12}{:>14}",
            show(mean(fig::OFFERED), Fmt::Count),
            show(mean(fig::SERVICE_LEVEL), Fmt::Share),
            show(mean(fig::ABANDON_SHARE), Fmt::Share),
            show(mean(fig::RESPONSE_MEAN_S), Fmt::Seconds),
            show(labour * share, Fmt::Count)
        );
    }
}
