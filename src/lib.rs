//! # peakplan
//!
//! A discrete-event Monte Carlo capacity simulator for an e-commerce shop's
//! Double 11 (双十一) sale: chat inquiries arrive with the sale's peaks,
//! agents handle several chats at once, customers give up, and over many
//! seeded replications peakplan measures response times and service levels
//! with confidence intervals.
//!
//! Layers, dependencies pointing down (no module imports one that imports
//! it back):
//!
//! ```text
//! cli (the binary) ─► report ─► cost / sizing / actuals ─► experiment ─► result / kpi
//!                                                                        │
//!                              scenario ─► model ─► engine     figures, targets, stats
//! ```
//!
//! * [`engine`]: clock, event queue with cancellation, random streams; no
//!   domain words.
//! * [`model`]: the stages (arrivals, chat, orders, warehouse, courier) on
//!   the engine.
//! * [`scenario`]: TOML files, checked into model inputs.
//! * [`experiment`]: replications in parallel, identical for any thread count.
//! * [`figures`]: the catalogue of every figure: name, unit, scope, labels,
//!   format.
//! * [`targets`]: the service targets and the one rule for a period meeting
//!   them.
//! * [`kpi`], [`stats`], [`result`]: per-replication figures, their
//!   summaries across replications, the plain result of a run.
//! * [`cost`]: a plan and its per-replication figures → cost breakdown;
//!   compare and sweep.
//! * [`analytic`]: Erlang C / Erlang A formulas.
//! * [`sizing`]: the least-cost plan meeting the targets.
//! * [`actuals`]: after the sale: exports read, fitted, replayed and set
//!   against the plan.
//! * [`report`]: renderers of the results (text, JSON, CSV, plots, HTML)
//!   and safe file writing.

#![warn(missing_docs)]

pub mod actuals;
pub mod analytic;
pub mod cost;
pub mod engine;
pub mod experiment;
pub mod figures;
pub mod intraday;
pub mod kpi;
pub mod model;
pub mod report;
pub mod result;
pub mod scenario;
pub mod sizing;
pub mod stats;
pub mod targets;

pub use experiment::{run, Outcome, RunConfig};
pub use result::SimulationReport;
pub use scenario::{Scenario, ScenarioError};
