//! Cost: a plan and the figures of its replications → what it costs, per
//! replication, so that cost has a distribution like every other figure.
//!
//! ```text
//! scenario (shifts, [costs], orders, couriers) ─┐
//!                                               ├─► breakdown per replication ─► summaries
//! Outcome.samples (kpi figures per replication) ┘     labour, courier, compensation, lost margin, fixed
//! ```
//!
//! * [`pay`]: how one person's shift is paid (night premium, overtime,
//!   minimum paid hours) and how many people a set of shifts needs.
//! * [`pool`]: people per group with an hours limit, and whether a pool holds them.
//! * [`breakdown`]: the cost figures of one replication.
//! * [`detail`]: the distribution of the total cost and the labour of
//!   every listed shift, for the reports.
//! * [`compare`]: several scenarios (or one scaled) side by side on common
//!   random numbers, with the cheapest plan meeting the targets marked.
//!
//! Nothing here runs a simulation or touches the engine: it reads the
//! checked scenario and the per-replication figures of [`crate::kpi`]. All
//! amounts are in CNY; `docs/json-reference.md` documents every figure.

pub mod breakdown;
pub mod compare;
pub mod detail;
pub mod pay;
pub mod pool;

pub use breakdown::{per_replication, CostModel, RoleStaffing, FIGURES};
pub use compare::{CompareReport, CompareRow, Measured, Staffing, SweepPoint, SweepReport};
pub use detail::{CostBin, CostDetail, GroupLabour, ShiftLabour};

use crate::experiment::Outcome;
use crate::figures::MissingFigure;
use crate::result::SimulationReport;
use crate::scenario::Scenario;
use crate::stats::{Named, Samples, Summary};

/// Summaries across replications of the cost figures of a run of `s` whose
/// per-replication figures are `samples`.
pub fn summaries(s: &Scenario, samples: &Samples) -> Result<Named<Summary>, MissingFigure> {
    Ok(Named(per_replication(s, samples)?.scalar_summaries()))
}

/// The result of `outcome`, a run of `s` with `seed`, with its cost.
pub fn costed_report(s: &Scenario, seed: u64, outcome: &Outcome) -> Result<SimulationReport, MissingFigure> {
    let costs = per_replication(s, &outcome.samples)?;
    let detail = CostDetail::new(s, costs.require(crate::figures::TOTAL_CNY)?);
    Ok(SimulationReport::new(s, seed, outcome).with_cost(Named(costs.scalar_summaries()), detail))
}
