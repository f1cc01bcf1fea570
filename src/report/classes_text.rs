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

/// One class's means across replications.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassRow {
    /// The class's name.
    pub class: String,
    /// Contacts offered to agents [count].
    pub offered: f64,
    /// Service level over all its contacts [share].
    pub service_level: f64,
    /// Abandoned or waiting at the close [share].
    pub lost: f64,
    /// Mean first response [s].
    pub response_s: f64,
    /// The agents' labour cost shared out by the class's slot time [CNY].
    pub labour_cny: f64,
    /// Share of replications meeting the class's own target; `None`: it has
    /// none.
    pub target_met: Option<f64>,
}

/// The classes' rows from the figures `kpis` and the cost figures `cost`
/// across replications (of a simulation, or of a sized plan's
/// verification); none without per-class figures.
pub fn rows(kpis: &Named<Summary>, cost: &Named<Summary>) -> Vec<ClassRow> {
    let classes = classes(kpis);
    let mean = |class, f| kpis.get(fig::class_figure(class, f)).map_or(f64::NAN, |s| s.mean);
    let busy: f64 = classes.iter().map(|&c| mean(c, fig::BUSY_HOURS)).sum();
    let labour = cost.get(fig::LABOUR_AGENTS_CNY).map_or(f64::NAN, |s| s.mean);
    classes
        .into_iter()
        .map(|class| ClassRow {
            class: class.to_string(),
            offered: mean(class, fig::OFFERED),
            service_level: mean(class, fig::SERVICE_LEVEL),
            lost: mean(class, fig::ABANDON_SHARE),
            response_s: mean(class, fig::RESPONSE_MEAN_S),
            labour_cny: if busy > 0.0 { labour * mean(class, fig::BUSY_HOURS) / busy } else { f64::NAN },
            target_met: kpis.get(fig::class_figure(class, fig::MEETS_TARGET)).map(|s| s.mean),
        })
        .collect()
}

/// Writes the block from the figures `kpis` and the cost figures `cost`
/// across replications (of a simulation, or of a sized plan's
/// verification); nothing without per-class figures.
pub fn table(kpis: &Named<Summary>, cost: &Named<Summary>, out: &mut String) {
    let rows = rows(kpis, cost);
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n{:<22}{:>11}{:>8}{:>8}{:>12}{:>14}",
        "By class (means)", "to agents", "SL", "lost", "response", "labour CNY"
    );
    for r in rows {
        let label: String = r.class.chars().take(20).collect();
        let _ = writeln!(
            out,
            "  {label:<20}{:>11}{:>8}{:>8}{:>12}{:>14}",
            show(r.offered, Fmt::Count),
            show(r.service_level, Fmt::Share),
            show(r.lost, Fmt::Share),
            show(r.response_s, Fmt::Seconds),
            show(r.labour_cny, Fmt::Count)
        );
    }
}
